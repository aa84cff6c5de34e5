use swf_activity::activity;

#[activity(version = "1",, name = "x")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
