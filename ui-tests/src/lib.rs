//! Compile-time tests of `#[activity]` live in `tests/compiletest.rs`; this library holds what
//! the `pass` tests share.

use swf_activity::__private::ActivityRegistration;
use swf_activity::__private::inventory;

/// The registration `#[activity]` submitted for this name and version; panics when there is none
/// or more than one, which is what the `pass` tests assert.
pub fn registered(name: &str, version: &str) -> &'static ActivityRegistration {
    let mut found = inventory::iter::<ActivityRegistration>
        .into_iter()
        .filter(|r| r.descriptor.name == name && r.descriptor.version == version);
    match (found.next(), found.next()) {
        (Some(registration), None) => registration,
        (None, _) => panic!("no activity {name:?} version {version:?} is registered"),
        (Some(_), Some(_)) => panic!("activity {name:?} version {version:?} is registered twice"),
    }
}
