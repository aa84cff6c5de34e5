use swf_activity::activity;

#[activity(version = "1")]
fn f(_input: impl serde::de::DeserializeOwned) -> Result<(), String> {
    Ok(())
}

fn main() {}
