use swf_activity::{ActivityContext, activity};

#[activity(version = "1")]
fn f(_a: ActivityContext, _b: ActivityContext) -> Result<(), String> {
    Ok(())
}

fn main() {}
