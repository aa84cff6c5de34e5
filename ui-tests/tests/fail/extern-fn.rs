use swf_activity::activity;

#[activity(version = "1")]
extern "C" fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
