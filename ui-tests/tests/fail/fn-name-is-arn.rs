use swf_activity::activity;

#[activity(version = "1")]
fn arn() -> Result<(), String> {
    Ok(())
}

fn main() {}
