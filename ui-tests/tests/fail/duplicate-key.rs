use swf_activity::activity;

#[activity(version = "1", name = "A", version = "2")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", heartbeat_timeout = "30s", heartbeat_timeout = "1m")]
fn g() -> Result<(), String> {
    Ok(())
}

fn main() {}
