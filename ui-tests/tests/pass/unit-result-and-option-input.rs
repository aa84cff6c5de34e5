use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::registered;

#[activity(version = "1")]
async fn unit_result(ctx: ActivityContext, _input: ()) -> Result<(), String> {
    let _ = ctx;
    Ok(())
}

#[activity(version = "1")]
fn option_input(input: Option<Vec<String>>) -> Result<Option<usize>, String> {
    Ok(input.map(|v| v.len()))
}

#[activity(version = "1")]
fn unit_error(input: u32) -> Result<u32, std::string::String> {
    Ok(input)
}

fn main() {
    registered("unit_result", "1");
    registered("option_input", "1");
    registered("unit_error", "1");
}
