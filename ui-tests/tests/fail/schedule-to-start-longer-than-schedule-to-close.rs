use swf_activity::activity;

#[activity(version = "1", schedule_to_start_timeout = "1h1s", schedule_to_close_timeout = "1h")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
