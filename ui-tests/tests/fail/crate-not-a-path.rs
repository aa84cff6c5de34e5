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

#[activity(version = "1", crate = "(")]
fn i() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = "\u{0}'")]
fn j() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = "a::<T>")]
fn k() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", crate = swf_activity::<u8>)]
fn l() -> Result<(), String> {
    Ok(())
}

fn main() {}
