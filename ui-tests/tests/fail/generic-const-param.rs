use swf_activity::activity;

#[activity(version = "1")]
fn f<const N: usize>() -> Result<(), String> {
    Ok(())
}

fn main() {}
