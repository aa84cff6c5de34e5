use serde::{Deserialize, Serialize};
use swf_activity::{ActivityContext, activity};

#[derive(Deserialize)]
struct Order {
    id: u64,
}

#[derive(Serialize)]
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
    start_to_close_timeout = "5m",
    heartbeat_timeout = "30s"
)]
async fn charge_card(ctx: ActivityContext, order: Order) -> Result<Receipt, ChargeError> {
    let _ = ctx;
    if order.id == 0 {
        return Err(ChargeError::Declined);
    }
    Ok(Receipt { id: order.id })
}

fn main() {
    let registration = swf_activity_ui_tests::registered("ChargeCard", "1");
    assert_eq!(registration.descriptor.task_list, Some("payments"));
}
