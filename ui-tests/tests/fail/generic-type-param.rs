use swf_activity::activity;

#[activity(version = "1")]
fn f<T: serde::de::DeserializeOwned>(_input: T) -> Result<(), String> {
    Ok(())
}

fn main() {}
