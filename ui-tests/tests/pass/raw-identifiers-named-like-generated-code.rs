//! A function named like the adapter the expansion generates, written as a raw identifier, and
//! parameters named like the expansion's locals: nothing the expansion defines shadows them.

use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::{completed, invoke, registered};

#[activity(name = "RawInvoke", version = "1")]
fn r#__swf_invoke(__swf_ctx: ActivityContext, __swf_input: u8) -> Result<u8, String> {
    let _ = __swf_ctx;
    Ok(__swf_input * 2)
}

#[activity(name = "RawInvokeActivity", version = "1")]
async fn r#__swf_invoke_activity(r#__swf_value: u8) -> Result<u8, String> {
    Ok(__swf_value + 1)
}

fn main() {
    assert_eq!(
        completed(invoke(registered("RawInvoke", "1"), Some("21"))).as_deref(),
        Some("42")
    );
    assert_eq!(
        completed(invoke(registered("RawInvokeActivity", "1"), Some("41"))).as_deref(),
        Some("42")
    );
    let registration = registered("RawInvoke", "1");
    assert!(registration.function.ends_with("::__swf_invoke"));
}
