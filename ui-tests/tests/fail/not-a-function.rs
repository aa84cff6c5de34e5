use swf_activity::activity;

#[activity(version = "1")]
struct ChargeCard;

fn main() {}
