//! `crate = ...` for code that reaches swf-activity under another path, as a string or a path.

extern crate swf_activity as swf;

mod reexport {
    pub use ::swf_activity::*;
}

mod deeper {
    pub mod api {
        pub use swf::*;
    }
}

use swf_activity_ui_tests::registered;

#[swf::activity(version = "1", crate = "swf")]
fn through_extern_crate(ctx: swf::ActivityContext) -> Result<(), String> {
    let _ = ctx;
    Ok(())
}

#[reexport::activity(version = "1", crate = reexport)]
async fn through_module_path(input: u8) -> Result<u8, String> {
    Ok(input)
}

#[reexport::activity(version = "1", crate = "crate::deeper::api")]
async fn through_crate_path(ctx: deeper::api::ActivityContext) -> Result<(), String> {
    let _ = ctx;
    Ok(())
}

#[swf::activity(version = "1", crate = ::swf)]
fn through_absolute_path() -> Result<(), String> {
    Ok(())
}

fn main() {
    registered("through_extern_crate", "1");
    registered("through_module_path", "1");
    registered("through_crate_path", "1");
    registered("through_absolute_path", "1");
}
