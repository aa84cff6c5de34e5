use swf_activity::{ActivityContext, activity};

#[activity(version = "1")]
async fn f(ctx: ActivityContext, input: u8) -> Result<u8, String> {
    let shared = std::rc::Rc::new(input);
    std::future::ready(()).await;
    let _ = ctx;
    Ok(*shared)
}

fn main() {}
