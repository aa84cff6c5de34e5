use swf_activity::activity;

#[activity(version = "")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
