use swf_activity::activity;

#[activity(version = "1", task_priority = 5i64)]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = 30u32)]
fn g() -> Result<(), String> {
    Ok(())
}

fn main() {}
