use swf_activity::activity;

#[activity(version = "1", task_priority = "2147483648")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = 2147483648)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_priority = -2147483649)]
fn h() -> Result<(), String> {
    Ok(())
}

fn main() {}
