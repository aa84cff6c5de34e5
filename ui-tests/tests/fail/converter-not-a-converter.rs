use swf_activity::activity;

const NOT_A_CONVERTER: u32 = 7;

#[activity(version = "1", converter = NOT_A_CONVERTER)]
async fn charge(amount: u32) -> Result<u32, String> {
    Ok(amount)
}

fn main() {}
