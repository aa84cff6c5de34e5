use swf_activity::activity;
use swf_activity_ui_tests::registered;

#[activity(version = "1")]
async fn short(ctx: swf_activity::ActivityContext, input: u8) -> Result<u8, String> {
    let _ = ctx;
    Ok(input)
}

#[activity(version = "1")]
fn absolute(ctx: ::swf_activity::context::ActivityContext) -> Result<(), String> {
    let _ = ctx;
    Ok(())
}

mod nested {
    pub mod deeper {
        pub use swf_activity::ActivityContext;
    }

    #[swf_activity::activity(version = "1")]
    pub(crate) fn through_module(
        ctx: self::deeper::ActivityContext,
        input: String,
    ) -> Result<String, String> {
        let _ = ctx;
        Ok(input)
    }
}

fn main() {
    registered("short", "1");
    registered("absolute", "1");
    let nested = registered("through_module", "1");
    assert!(
        nested.function.ends_with("::nested::through_module"),
        "{}",
        nested.function
    );
}
