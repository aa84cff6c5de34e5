use swf_activity::activity;

#[activity(version = "1", converter = "swf_activity::convert::Json")]
async fn charge(amount: u32) -> Result<u32, String> {
    Ok(amount)
}

#[activity(version = "1", converter = 5)]
async fn refund(amount: u32) -> Result<u32, String> {
    Ok(amount)
}

fn main() {}
