use swf_activity::activity;

#[activity(version = "1", crate = "not a path")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = 5)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = "::swf_activity::")]
fn h() -> Result<(), String> {
    Ok(())
}

fn main() {}
