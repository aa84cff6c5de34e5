use swf_activity::activity;

struct Billing;

impl Billing {
    #[activity(version = "1")]
    fn by_ref(&self) -> Result<(), String> {
        Ok(())
    }

    #[activity(version = "1")]
    fn by_value(self) -> Result<(), String> {
        Ok(())
    }
}

fn main() {}
