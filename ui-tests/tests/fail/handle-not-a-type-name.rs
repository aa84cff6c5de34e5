use swf_activity::activity;

#[activity(version = "1", handle = "ChargeTask")]
async fn charge(id: u64) -> Result<u64, String> {
    Ok(id)
}

#[activity(version = "1", handle = billing::Refund)]
async fn refund(id: u64) -> Result<u64, String> {
    Ok(id)
}

fn main() {}
