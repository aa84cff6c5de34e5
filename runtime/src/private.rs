//! Not public API. Used by generated code.
//!
//! `#[activity]` expands to code that names only items from here (through `#krate::__private`),
//! so users never depend on `inventory` or on our internals directly.
//!
//! The traits below exist for their error messages: the generated code names the user's input,
//! result and error types as explicit type arguments of [`decode_activity_input`],
//! [`run_async_activity`] and [`run_blocking_activity`], so rustc reports a missing
//! `Deserialize`, `Serialize` or `Display` at the user's type, in words about activities.

use std::fmt::Display;
use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use ::inventory;
pub use swf_activity_rules::Timeout;

pub use crate::adapter::{BoxFuture, Invoke, decode_input, ready, run_async, run_blocking};
pub use crate::context::ActivityContext;
pub use crate::failure::Outcome;
pub use crate::registry::{ActivityDescriptor, ActivityRegistration};

/// A type an activity can take as its input: decoded from the task's JSON input.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an activity's input",
    label = "the task's JSON input cannot be decoded into this type",
    note = "an activity's input is decoded with `serde_json`: derive `serde::Deserialize` for `{Self}`, with owned fields (`String`, not `&str`)"
)]
pub trait ActivityInput: DeserializeOwned {}

impl<T: DeserializeOwned> ActivityInput for T {}

/// A type an activity can return in `Ok`: sent to SWF as the task's JSON result.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an activity's result",
    label = "the `Ok` type of an activity must implement `serde::Serialize`",
    note = "SWF records the `Ok` value of an activity as the task's JSON result: derive `serde::Serialize` for `{Self}`"
)]
pub trait ActivityOutput: Serialize {}

impl<T: Serialize> ActivityOutput for T {}

/// A type an activity can return in `Err`: its `Display` text becomes the failure's `reason`
/// and its JSON the failure's `details`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an activity's error",
    label = "the `Err` type of an activity must implement `Display` and `serde::Serialize`",
    note = "SWF records a failed activity with a `reason`, the error's `Display` text, and `details`, its JSON: derive `thiserror::Error` and `serde::Serialize` for `{Self}`"
)]
pub trait ActivityError: Display + Serialize {}

impl<T: Display + Serialize> ActivityError for T {}

/// [`decode_input`], with the input type checked as an activity's input.
pub fn decode_activity_input<I: ActivityInput>(input: Option<&str>) -> Result<I, Outcome> {
    decode_input(input)
}

/// [`run_async`], with the result and error types checked as an activity's. The future must be
/// `Send`: the worker runs activities on a multi-threaded runtime.
pub fn run_async_activity<F, T, E>(future: F) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: ActivityOutput,
    E: ActivityError,
{
    run_async(future)
}

/// [`run_blocking`], with the result and error types checked as an activity's.
pub fn run_blocking_activity<F, T, E>(call: F) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: ActivityOutput + Send + 'static,
    E: ActivityError + Send + 'static,
{
    run_blocking(call)
}
