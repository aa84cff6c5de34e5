use swf_activity::activity;

#[activity("version" = "1")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", 5)]
fn g() -> Result<(), String> {
    Ok(())
}

fn main() {}
