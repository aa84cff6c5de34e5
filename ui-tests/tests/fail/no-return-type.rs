use swf_activity::activity;

#[activity(version = "1")]
fn f() {}

fn main() {}
