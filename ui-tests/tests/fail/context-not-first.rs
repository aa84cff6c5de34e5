use swf_activity::{ActivityContext, activity};

#[activity(version = "1")]
fn f(_input: u8, _ctx: ActivityContext) -> Result<(), String> {
    Ok(())
}

fn main() {}
