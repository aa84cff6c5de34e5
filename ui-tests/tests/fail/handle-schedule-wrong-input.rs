use swf_activity::activity;
use swf_activity::handle::Activity;

#[derive(serde::Serialize, serde::Deserialize)]
struct Order {
    id: u64,
}

#[activity(version = "1", task_list = "orders")]
async fn charge(order: Order) -> Result<u64, String> {
    Ok(order.id)
}

fn main() {
    let _ = charge::schedule("charge-1", &"order 7").decision();
}
