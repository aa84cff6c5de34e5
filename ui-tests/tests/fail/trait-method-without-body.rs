use swf_activity::activity;

trait Billing {
    #[activity(version = "1")]
    fn charge() -> Result<(), String>;
}

fn main() {}
