use swf_activity::activity;

#[activity(version = "1", schedule_to_start_timeout = "5x")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = "1h1h")]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = "30m1h")]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "")]
fn i() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "none")]
fn j() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "1.5h")]
fn k() -> Result<(), String> {
    Ok(())
}

fn main() {}
