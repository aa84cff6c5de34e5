use swf_activity::activity;

#[activity(name = "charge\u{7}card", version = "1")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(name = "charge\u{85}card", version = "1")]
fn g() -> Result<(), String> {
    Ok(())
}

fn main() {}
