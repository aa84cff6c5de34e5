use swf_activity::{ActivityContext, activity};

#[activity(
    name = "charge:card",
    task_list = " payments",
    tiemout = "5m",
    task_priority = "high",
    heartbeat_timeout = "5x",
    start_to_close_timeout = "100000000",
    description = 5,
    name = "Again",
)]
async fn charge<T>(self, a: u8, ctx: ActivityContext) -> String {
    String::new()
}

fn main() {}
