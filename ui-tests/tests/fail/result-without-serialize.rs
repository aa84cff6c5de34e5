use swf_activity::activity;

struct Receipt;

#[activity(version = "1")]
fn f() -> Result<Receipt, String> {
    Ok(Receipt)
}

fn main() {}
