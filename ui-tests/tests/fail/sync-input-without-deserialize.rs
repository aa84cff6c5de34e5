use swf_activity::activity;

struct Order;

#[activity(version = "1")]
fn f(order: Order) -> Result<(), String> {
    let _ = order;
    Ok(())
}

fn main() {}
