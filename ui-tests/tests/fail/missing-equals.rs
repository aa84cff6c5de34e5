use swf_activity::activity;

#[activity(version("1"))]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version: "1")]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = )]
fn i() -> Result<(), String> {
    Ok(())
}

fn main() {}
