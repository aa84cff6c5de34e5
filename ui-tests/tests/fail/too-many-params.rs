use swf_activity::{ActivityContext, activity};

#[activity(version = "1")]
fn f(_ctx: ActivityContext, _a: u8, _b: u8, _c: u8) -> Result<(), String> {
    Ok(())
}

fn main() {}
