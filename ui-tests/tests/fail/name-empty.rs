use swf_activity::activity;

#[activity(name = "", version = "1")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
