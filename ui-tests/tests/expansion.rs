//! `#[activity]` in an ordinary test target, so that `cargo clippy --all-targets` lints the
//! expansion (trybuild's `pass` tests are only compiled).

#![deny(clippy::all, clippy::pedantic)]
// About the functions as written here, not about the expansion.
#![allow(
    clippy::unused_async,
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps
)]

use serde::{Deserialize, Serialize};
use swf_activity::rules::Timeout;
use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::{completed, failed, invoke, registered};

#[derive(Debug, Deserialize)]
struct Order {
    id: u64,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
struct Receipt {
    id: u64,
}

#[derive(Debug, thiserror::Error, Serialize)]
enum ChargeError {
    #[error("card declined")]
    Declined,
}

#[activity(
    name = "ChargeCard",
    version = "1",
    task_list = "payments",
    description = "charges a card",
    task_priority = -5,
    schedule_to_start_timeout = "NONE",
    start_to_close_timeout = "5m",
    schedule_to_close_timeout = 3600,
    heartbeat_timeout = "30s"
)]
async fn charge_card(ctx: ActivityContext, order: Order) -> Result<Receipt, ChargeError> {
    let _ = ctx;
    if order.id == 0 {
        return Err(ChargeError::Declined);
    }
    Ok(Receipt { id: order.id })
}

#[activity(version = "1")]
fn refund(order: Order) -> Result<(), String> {
    let _ = order;
    Ok(())
}

#[activity(version = "1")]
async fn ping() -> Result<(), String> {
    Ok(())
}

#[test]
fn registers_what_was_declared() {
    let registration = registered("ChargeCard", "1");
    let d = &registration.descriptor;
    assert_eq!(d.task_list, Some("payments"));
    assert_eq!(d.description, Some("charges a card"));
    assert_eq!(d.task_priority, Some(-5));
    assert_eq!(d.schedule_to_start_timeout, Some(Timeout::None));
    assert_eq!(d.start_to_close_timeout, Some(Timeout::Seconds(300)));
    assert_eq!(d.schedule_to_close_timeout, Some(Timeout::Seconds(3600)));
    assert_eq!(d.heartbeat_timeout, Some(Timeout::Seconds(30)));
    assert_eq!(registration.function, "expansion::charge_card");
    assert!(
        registration
            .location
            .starts_with("ui-tests/tests/expansion.rs:"),
        "{}",
        registration.location
    );

    let d = &registered("refund", "1").descriptor;
    assert_eq!(
        (d.task_list, d.task_priority, d.heartbeat_timeout),
        (None, None, None)
    );
    registered("ping", "1");
}

#[test]
fn adapters_run_the_functions() {
    let charge = registered("ChargeCard", "1");
    assert_eq!(
        completed(invoke(charge, Some(r#"{"id":3}"#))).as_deref(),
        Some(r#"{"id":3}"#)
    );
    assert_eq!(failed(invoke(charge, Some(r#"{"id":0}"#))), "card declined");
    let reason = failed(invoke(charge, Some("not json")));
    assert!(!reason.is_empty());

    let refund = registered("refund", "1");
    assert_eq!(completed(invoke(refund, Some(r#"{"id":1}"#))), None);
    // No input decodes as `null`, which `Order` does not accept.
    failed(invoke(refund, None));

    // An activity without input ignores whatever input the task has.
    let ping = registered("ping", "1");
    assert_eq!(completed(invoke(ping, Some("[1, 2]"))), None);
}

#[tokio::test]
async fn functions_stay_callable() {
    let receipt = charge_card(ActivityContext::detached(), Order { id: 3 }).await;
    assert_eq!(receipt.ok(), Some(Receipt { id: 3 }));
    assert!(refund(Order { id: 1 }).is_ok());
    assert!(ping().await.is_ok());
}
