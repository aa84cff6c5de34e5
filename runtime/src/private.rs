//! Not public API. Used by generated code.
//!
//! `#[activity]` expands to code that names only items from here (through `#krate::__private`),
//! so users never depend on `inventory` or on our internals directly.

pub use ::inventory;
pub use swf_activity_rules::Timeout;

pub use crate::adapter::{BoxFuture, Invoke, decode_input, ready, run_async, run_blocking};
pub use crate::context::ActivityContext;
pub use crate::failure::Outcome;
pub use crate::registry::{ActivityDescriptor, ActivityRegistration};
