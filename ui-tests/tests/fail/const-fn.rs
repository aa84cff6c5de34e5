use swf_activity::activity;

#[activity(version = "1")]
const fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
