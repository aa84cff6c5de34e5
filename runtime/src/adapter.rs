//! The glue `#[activity]` generates calls into: decode the input, run the function (async on
//! the runtime, sync where it cannot block the runtime's threads), catch panics, and encode the
//! outcome for SWF.

use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::ActivityContext;
use crate::failure::Outcome;

/// A boxed, `Send` future, as the generated adapters return.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The generated adapter of one activity: the task's context and raw input (`None` when SWF
/// sent no input) in, what SWF should be told out. Never panics.
pub type Invoke = fn(ActivityContext, Option<String>) -> BoxFuture<Outcome>;

/// An outcome that is already known, as the adapter's future (e.g. input that did not decode).
pub fn ready(outcome: Outcome) -> BoxFuture<Outcome> {
    Box::pin(async move { outcome })
}

/// Decodes a task's input; a missing input decodes as JSON `null`, so `()` and `Option<_>`
/// inputs work. An input that does not decode becomes the failure SWF should be told.
pub fn decode_input<T: DeserializeOwned>(input: Option<&str>) -> Result<T, Outcome> {
    let _ = input;
    Err(Outcome::failed("not implemented", ""))
}

/// Runs an async activity's future, catching panics, and encodes its result.
pub fn run_async<F, T, E>(future: F) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Serialize,
    E: Display + Serialize,
{
    Box::pin(async move {
        let _ = future;
        Outcome::failed("not implemented", "")
    })
}

/// Runs a sync activity on a thread where blocking is allowed, catching panics, and encodes
/// its result.
pub fn run_blocking<F, T, E>(call: F) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Serialize + Send + 'static,
    E: Display + Serialize + Send + 'static,
{
    Box::pin(async move {
        let _ = call;
        Outcome::failed("not implemented", "")
    })
}
