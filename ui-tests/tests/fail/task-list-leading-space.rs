use swf_activity::activity;

#[activity(version = "1", task_list = " payments")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = "payments ")]
fn g() -> Result<(), String> {
    Ok(())
}

fn main() {}
