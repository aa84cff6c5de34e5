use swf_activity::activity;

#[activity(version = "1", heartbeat_timout = "30s")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", taskList = "payments")]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", priority = 5)]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(verison = "1")]
fn i() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", defaultTaskStartToCloseTimeout = "5m")]
fn j() -> Result<(), String> {
    Ok(())
}

fn main() {}
