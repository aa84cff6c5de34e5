use swf_activity::rules::Timeout;
use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::registered;

#[activity(
    name = "ChargeCard",
    version = "2024-06-01",
    task_list = "payments",
    description = "Charges the order's card; never twice for one order.",
    task_priority = "10",
    schedule_to_start_timeout = "1h30m",
    start_to_close_timeout = "5m",
    schedule_to_close_timeout = "2d",
    heartbeat_timeout = "90s",
    crate = ::swf_activity,
)]
async fn charge_card(ctx: ActivityContext, order_id: u64) -> Result<String, String> {
    let _ = ctx;
    Ok(format!("receipt for {order_id}"))
}

fn main() {
    let d = &registered("ChargeCard", "2024-06-01").descriptor;
    assert_eq!(d.task_list, Some("payments"));
    assert_eq!(
        d.description,
        Some("Charges the order's card; never twice for one order.")
    );
    assert_eq!(d.task_priority, Some(10));
    assert_eq!(d.schedule_to_start_timeout, Some(Timeout::Seconds(5400)));
    assert_eq!(d.start_to_close_timeout, Some(Timeout::Seconds(300)));
    assert_eq!(d.schedule_to_close_timeout, Some(Timeout::Seconds(172_800)));
    assert_eq!(d.heartbeat_timeout, Some(Timeout::Seconds(90)));
}
