use swf_activity::activity;
use swf_activity::rules::Timeout;
use swf_activity_ui_tests::registered;

#[activity(
    version = "1",
    schedule_to_start_timeout = 0,
    start_to_close_timeout = 300,
    schedule_to_close_timeout = 99_999_999,
    heartbeat_timeout = "NONE"
)]
fn integers() -> Result<(), String> {
    Ok(())
}

// `NONE` means no limit, so it is never compared with another timeout.
#[activity(
    version = "1",
    heartbeat_timeout = "NONE",
    start_to_close_timeout = "NONE",
    schedule_to_start_timeout = "4m",
    schedule_to_close_timeout = "5m"
)]
fn none_is_unbounded() -> Result<(), String> {
    Ok(())
}

// Equal timeouts are fine.
#[activity(
    version = "1",
    heartbeat_timeout = 60,
    start_to_close_timeout = "1m",
    schedule_to_close_timeout = "60s"
)]
fn equal() -> Result<(), String> {
    Ok(())
}

fn main() {
    let d = &registered("integers", "1").descriptor;
    assert_eq!(d.schedule_to_start_timeout, Some(Timeout::Seconds(0)));
    assert_eq!(d.start_to_close_timeout, Some(Timeout::Seconds(300)));
    assert_eq!(
        d.schedule_to_close_timeout,
        Some(Timeout::Seconds(99_999_999))
    );
    assert_eq!(d.heartbeat_timeout, Some(Timeout::None));
    let d = &registered("none_is_unbounded", "1").descriptor;
    assert_eq!(d.start_to_close_timeout, Some(Timeout::None));
    assert_eq!(d.schedule_to_start_timeout, Some(Timeout::Seconds(240)));
    registered("equal", "1");
}
