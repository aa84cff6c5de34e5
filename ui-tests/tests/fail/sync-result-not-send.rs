use swf_activity::activity;

use std::rc::Rc;

struct Receipt(Rc<u8>);

impl serde::Serialize for Receipt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(*self.0)
    }
}

#[activity(version = "1")]
fn f() -> Result<Receipt, String> {
    Ok(Receipt(Rc::new(5)))
}

fn main() {}
