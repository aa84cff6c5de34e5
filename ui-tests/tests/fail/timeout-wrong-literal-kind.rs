use swf_activity::activity;

#[activity(version = "1", heartbeat_timeout = NONE)]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = -5)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_start_timeout = 1.5)]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = true)]
fn i() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = 5 * 60)]
fn j() -> Result<(), String> {
    Ok(())
}

fn main() {}
