use swf_activity::activity;

#[activity(version = "1", start_to_close_timeout = 3600, schedule_to_close_timeout = "30m")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
