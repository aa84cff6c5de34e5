use swf_activity::activity;

#[activity(name = "charge:card", version = "1")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
