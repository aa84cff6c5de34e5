use swf_activity::activity;

#[activity(version = "1")]
fn f(order: &str) -> Result<(), String> {
    let _ = order;
    Ok(())
}

#[activity(version = "1")]
fn g(orders: Vec<&'static str>) -> Result<(), String> {
    let _ = orders;
    Ok(())
}

fn main() {}
