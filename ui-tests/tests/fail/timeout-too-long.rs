use swf_activity::activity;

#[activity(version = "1", schedule_to_start_timeout = "100000000")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", start_to_close_timeout = "2000d")]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", schedule_to_close_timeout = 100000000)]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "99999999999999999999999999999999999999999999d")]
fn i() -> Result<(), String> {
    Ok(())
}

fn main() {}
