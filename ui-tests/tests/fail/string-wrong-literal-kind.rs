use swf_activity::activity;

#[activity(version = 1)]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", name = ChargeCard)]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", task_list = 'p')]
fn h() -> Result<(), String> {
    Ok(())
}

#[activity(version = "1", description = true)]
fn i() -> Result<(), String> {
    Ok(())
}

#[activity(version = 1.5)]
fn j() -> Result<(), String> {
    Ok(())
}

#[activity(version = concat!("1", ".0"))]
fn k() -> Result<(), String> {
    Ok(())
}

fn main() {}
