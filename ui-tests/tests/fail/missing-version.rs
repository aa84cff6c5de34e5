use swf_activity::activity;

#[activity(name = "ChargeCard")]
fn f() -> Result<(), String> {
    Ok(())
}

#[activity]
fn g() -> Result<(), String> {
    Ok(())
}

#[activity()]
fn h() -> Result<(), String> {
    Ok(())
}

fn main() {}
