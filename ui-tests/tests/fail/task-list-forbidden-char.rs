use swf_activity::activity;

#[activity(version = "1", task_list = "pay|ments")]
fn f() -> Result<(), String> {
    Ok(())
}

fn main() {}
