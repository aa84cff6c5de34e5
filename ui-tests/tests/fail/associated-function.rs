use swf_activity::activity;

struct Billing;

impl Billing {
    #[activity(version = "1")]
    fn charge() -> Result<(), String> {
        Ok(())
    }
}

fn main() {}
