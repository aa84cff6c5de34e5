use swf_activity::activity;

#[activity(version = "1")]
fn f(_a: u8, _b: u8) -> Result<(), String> {
    Ok(())
}

fn main() {}
