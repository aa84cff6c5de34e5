use swf_activity::activity;

#[derive(Debug, serde::Serialize)]
struct ChargeError;

#[activity(version = "1")]
async fn f() -> Result<(), ChargeError> {
    Ok(())
}

fn main() {}
