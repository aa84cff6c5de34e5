use swf_activity::activity;

#[activity(version = "1", heartbeat_timeout = "10m", start_to_close_timeout = "5m")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
