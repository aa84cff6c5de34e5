use swf_activity::activity;

#[activity(version = "1", tiemout = "30s")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
