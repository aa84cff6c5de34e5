//! Not public API. Used by generated code.
//!
//! `#[activity]` expands to code that names only items from here (through `#krate::__private`),
//! so users never depend on `inventory` or on our internals directly.
//!
//! The traits below exist for their error messages: the generated code names the user's input,
//! result and error types as explicit type arguments of [`run_async_activity_with_input`],
//! [`run_blocking_activity_with_input`] and their input-less versions, so rustc reports a
//! missing `Deserialize`, `Serialize` or `Display` at the user's type, in words about
//! activities.

use std::fmt::Display;
use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use ::inventory;
pub use swf_activity_rules::Timeout;

pub use crate::adapter::{
    BoxFuture, Invoke, decode_input, ready, run_async, run_async_with_input, run_blocking,
    run_blocking_with_input,
};
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

/// [`run_async`], with the result and error types checked as an activity's. The future must be
/// `Send`: the worker runs activities on a multi-threaded runtime.
pub fn run_async_activity<F, T, E>(future: F) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: ActivityOutput + 'static,
    E: ActivityError + 'static,
{
    run_async(future)
}

/// [`run_async_with_input`], with the input, result and error types checked as an activity's.
pub fn run_async_activity_with_input<I, F, Fut, T, E>(
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: ActivityInput,
    F: FnOnce(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: ActivityOutput + 'static,
    E: ActivityError + 'static,
{
    run_async_with_input(input, call)
}

/// [`run_blocking`], with the result and error types checked as an activity's. They must be
/// `Send`, so that the function is free to be run anywhere.
pub fn run_blocking_activity<F, T, E>(name: &'static str, call: F) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: ActivityOutput + Send + 'static,
    E: ActivityError + Send + 'static,
{
    run_blocking(name, call)
}

/// [`run_blocking_with_input`], with the input, result and error types checked as an
/// activity's.
pub fn run_blocking_activity_with_input<I, F, T, E>(
    name: &'static str,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: ActivityInput + Send + 'static,
    F: FnOnce(I) -> Result<T, E> + Send + 'static,
    T: ActivityOutput + Send + 'static,
    E: ActivityError + Send + 'static,
{
    run_blocking_with_input(name, input, call)
}
