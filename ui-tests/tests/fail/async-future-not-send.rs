use swf_activity::activity;

#[activity(version = "1")]
async fn f() -> Result<(), String> {
    let shared = std::rc::Rc::new(5);
    std::future::ready(()).await;
    let _ = shared;
    Ok(())
}

fn main() {}
