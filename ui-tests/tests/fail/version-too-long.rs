use swf_activity::activity;

#[activity(version = "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
