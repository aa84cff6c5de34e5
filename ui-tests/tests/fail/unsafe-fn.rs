use swf_activity::activity;

#[activity(version = "1")]
unsafe fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
