use swf_activity::activity;

#[activity(version = "1", task_priority = "high")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 1.5)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = "1.5")]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = high)]
fn i() -> Result<(), String> {
    Ok(())
}

fn main() {}
