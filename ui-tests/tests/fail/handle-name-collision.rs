use swf_activity::activity;

/// A type (and only a type: no value of this name) in scope with the activity function's name:
/// the handle cannot share it.
#[allow(non_camel_case_types)]
struct charge {}

#[activity(version = "1")]
async fn charge(id: u64) -> Result<u64, String> {
    Ok(id)
}

mod billing {
    pub struct Refund {}
}

use billing::Refund as refund;

#[activity(version = "1")]
async fn refund(id: u64) -> Result<u64, String> {
    Ok(id)
}

fn main() {}
