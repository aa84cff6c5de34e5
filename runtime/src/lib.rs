//! Amazon Simple Workflow Service (SWF) activity workers for Rust.
//!
//! Put [`#[activity]`](macro@activity) on an ordinary function; the worker registers the activity
//! type, long-polls SWF, decodes each task's input, runs the function and answers SWF:
//! `RespondActivityTaskCompleted` with the serialized `Ok` value, or `RespondActivityTaskFailed`
//! with the error's `Display` text as `reason` and its JSON as `details`.

#![warn(
    missing_docs,
    rust_2018_idioms,
    unreachable_pub,
    missing_debug_implementations
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[doc = include_str!("activity.md")]
pub use swf_activity_macros::activity;
/// SWF's naming, length and duration rules, shared with the `#[activity]` macro.
pub use swf_activity_rules as rules;

mod adapter;
pub mod client;
mod clock;
pub mod context;
pub mod convert;
pub mod credentials;
pub mod endpoint;
mod error;
pub mod failure;
pub mod handle;
mod latch;
pub mod metrics;
pub mod model;
pub mod partition;
pub mod payload;
pub mod registry;
mod signing;
#[cfg(feature = "testing")]
pub mod testing;
pub mod worker;

pub use client::Client;
pub use context::{ActivityContext, Cancellation};
pub use error::{Error, ErrorKind, FaultCode};
pub use worker::Worker;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
