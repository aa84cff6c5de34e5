use swf_activity::activity;

#[derive(Debug, thiserror::Error)]
#[error("declined")]
struct ChargeError;

#[activity(version = "1")]
async fn f() -> Result<(), ChargeError> {
    Ok(())
}

fn main() {}
