use swf_activity::activity;

#[activity(version = "1:0")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
