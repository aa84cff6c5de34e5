use swf_activity::{ActivityContext, activity};

#[activity(version = "1")]
fn conditional_context(#[cfg(any())] ctx: ActivityContext, input: u8) -> Result<u8, String> {
    Ok(input)
}

#[activity(version = "1")]
fn conditional_input(ctx: ActivityContext, #[cfg_attr(all(), cfg(any()))] input: u8) -> Result<u8, String> {
    let _ = ctx;
    Ok(input)
}

// Other attributes on parameters are fine.
#[activity(version = "1")]
fn allowed(#[allow(unused_variables)] input: u8) -> Result<(), String> {
    Ok(())
}

fn main() {}
