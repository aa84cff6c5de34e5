//! Not public API. Used by generated code.
//!
//! `#[activity]` expands to code that names only items from here (through `#krate::__private`),
//! so users never depend on `inventory` or on our internals directly.
//!
//! The traits below exist for their error messages: the generated code names the user's input,
//! result and error types as explicit type arguments of [`run_async_activity_with_input`],
//! [`run_blocking_activity_with_input`] and their input-less versions, so rustc reports a
//! missing `Deserialize` ([`FromInput`]), `Serialize` or `Display` at the user's type, in words
//! about activities. An activity that names its converter goes through the `*_converted`
//! functions instead, whose only requirement on the types is the converter's [`Converts`].

use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;

use serde::Serialize;

pub use ::inventory;
pub use swf_activity_rules::Timeout;

use crate::adapter::Limit;
pub use crate::adapter::{BoxFuture, Invoke, PlainJson, decode_input, ready};
pub use crate::context::ActivityContext;
pub use crate::convert::Encoding;
pub use crate::convert::{Converter, Converts, DataConverter, FromInput};
pub use crate::failure::Outcome;
pub use crate::handle::Activity;
pub use crate::registry::{ActivityDescriptor, ActivityRegistration};
pub use serde_json::Value as JsonValue;

use crate::adapter;

/// A type an activity can return in `Ok`: sent to SWF as the task's result.
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

/// The worker's default converter, or the direct serde_json path when it is `Json`.
macro_rules! with_default {
    ($encoding:expr, |$converter:ident| $run:expr) => {
        if $encoding.default_converter().is_plain_json() {
            let $converter = PlainJson;
            $run
        } else {
            let $converter = Arc::clone($encoding.default_converter());
            $run
        }
    };
}

/// An async activity without input, on the worker's default converter. The future must be
/// `Send`: the worker runs activities on a multi-threaded runtime.
pub fn run_async_activity<F, T, E>(encoding: &Encoding, future: F) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: ActivityOutput + 'static,
    E: ActivityError + 'static,
{
    with_default!(encoding, |converter| adapter::run_async(
        converter,
        Limit::new(encoding.limit()),
        future
    ))
}

/// An async activity with input, on the worker's default converter.
pub fn run_async_activity_with_input<I, F, Fut, T, E>(
    encoding: &Encoding,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: FromInput + 'static,
    F: FnOnce(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: ActivityOutput + 'static,
    E: ActivityError + 'static,
{
    with_default!(encoding, |converter| {
        adapter::run_async_with_input(converter, Limit::new(encoding.limit()), input, call)
    })
}

/// A sync activity without input, on the worker's default converter. The result and error
/// must be `Send`, so that the function is free to be run anywhere.
pub fn run_blocking_activity<F, T, E>(
    encoding: &Encoding,
    name: &'static str,
    call: F,
) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: ActivityOutput + Send + 'static,
    E: ActivityError + Send + 'static,
{
    with_default!(encoding, |converter| adapter::run_blocking(
        converter,
        Limit::new(encoding.limit()),
        name,
        call
    ))
}

/// A sync activity with input, on the worker's default converter.
pub fn run_blocking_activity_with_input<I, F, T, E>(
    encoding: &Encoding,
    name: &'static str,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: FromInput + Send + 'static,
    F: FnOnce(I) -> Result<T, E> + Send + 'static,
    T: ActivityOutput + Send + 'static,
    E: ActivityError + Send + 'static,
{
    with_default!(encoding, |converter| {
        adapter::run_blocking_with_input(converter, Limit::new(encoding.limit()), name, input, call)
    })
}

/// The converter an activity names, checked against its types where the user named it.
pub const fn converter<C, I, T, E>(converter: &'static C) -> &'static dyn Converts<I, T, E>
where
    C: Converts<I, T, E>,
{
    converter
}

/// An async activity without input, on the converter it names.
pub fn run_async_converted<F, T, E>(
    converter: &'static dyn Converts<(), T, E>,
    encoding: &Encoding,
    future: F,
) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: 'static,
    E: 'static,
{
    adapter::run_async(converter, Limit::new(encoding.limit()), future)
}

/// An async activity with input, on the converter it names.
pub fn run_async_converted_with_input<I, F, Fut, T, E>(
    converter: &'static dyn Converts<I, T, E>,
    encoding: &Encoding,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    F: FnOnce(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: 'static,
    E: 'static,
{
    adapter::run_async_with_input(converter, Limit::new(encoding.limit()), input, call)
}

/// A sync activity without input, on the converter it names.
pub fn run_blocking_converted<F, T, E>(
    converter: &'static dyn Converts<(), T, E>,
    encoding: &Encoding,
    name: &'static str,
    call: F,
) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    adapter::run_blocking(converter, Limit::new(encoding.limit()), name, call)
}

/// A sync activity with input, on the converter it names.
pub fn run_blocking_converted_with_input<I, F, T, E>(
    converter: &'static dyn Converts<I, T, E>,
    encoding: &Encoding,
    name: &'static str,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: Send + 'static,
    F: FnOnce(I) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    adapter::run_blocking_with_input(converter, Limit::new(encoding.limit()), name, input, call)
}

/// The converter an activity names, probed for [`DataConverter`] at the activity's concrete
/// type: `(&Probe(&PATH)).data_converter()` is `Some` when the converter is one (through
/// [`ViaData`], found first because it takes the probe by reference), `None` when it only
/// implements [`Converts`] (through [`ViaAny`]).
#[derive(Debug)]
pub struct Probe<C: 'static>(pub &'static C);

/// See [`Probe`].
pub trait ViaData {
    /// The converter as a [`DataConverter`].
    fn data_converter(&self) -> Option<&'static dyn DataConverter>;
}

impl<C: DataConverter> ViaData for Probe<C> {
    fn data_converter(&self) -> Option<&'static dyn DataConverter> {
        Some(self.0)
    }
}

/// See [`Probe`].
pub trait ViaAny {
    /// `None`: the converter is no [`DataConverter`].
    fn data_converter(&self) -> Option<&'static dyn DataConverter>;
}

impl<C> ViaAny for &Probe<C> {
    fn data_converter(&self) -> Option<&'static dyn DataConverter> {
        None
    }
}
