//! The glue `#[activity]` generates calls into: decode the input, run the function (async on
//! the runtime, sync where it cannot block the runtime's threads), catch panics, and encode the
//! outcome for SWF.
//!
//! Every function here turns whatever happens into an [`Outcome`] (see [`crate::failure`] for
//! the reasons the framework gives): the adapter's future never panics, so one bad task never
//! takes the worker down.

use std::fmt::Display;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::ActivityContext;
use crate::failure::{self, FailureKind, Outcome};

/// A boxed, `Send` future, as the generated adapters return.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The generated adapter of one activity: the task's context and raw input (`None` when SWF
/// sent no input) in, what SWF should be told out. Never panics.
pub type Invoke = fn(ActivityContext, Option<String>) -> BoxFuture<Outcome>;

/// An outcome that is already known, as the adapter's future (e.g. input that did not decode).
pub fn ready(outcome: Outcome) -> BoxFuture<Outcome> {
    Box::pin(std::future::ready(outcome))
}

/// Decodes a task's input; a missing input decodes as JSON `null`, so `()` and `Option<_>`
/// inputs work. An input that does not decode becomes the failure SWF should be told.
///
/// An empty input counts as missing: SWF has no way to tell "no input" from `""` apart in every
/// client, and `""` is not JSON. The failure is [`FailureKind::InputDecode`], with serde_json's
/// message: `activity input did not decode: invalid type: ... at line 1 column 5`.
pub fn decode_input<T: DeserializeOwned>(input: Option<&str>) -> Result<T, Outcome> {
    let json = match input {
        None | Some("") => "null",
        Some(json) => json,
    };
    serde_json::from_str(json).map_err(|err| failure::input_decode_failure(&err))
}

/// Runs an async activity's future, catching panics, and encodes its result.
///
/// The result is encoded inside the same panic guard, so a `Display` or `Serialize`
/// implementation that panics also becomes a [`FailureKind::Panic`] failure.
pub fn run_async<F, T, E>(future: F) -> BoxFuture<Outcome>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Serialize,
    E: Display + Serialize,
{
    // The activity's future in a box of its own: awaited inside an `async` block, it would be
    // kept twice (as the block's capture and as the awaited value), and a worker may hold
    // thousands of waiting activities.
    Box::pin(CatchUnwind {
        inner: Box::pin(future),
    })
}

/// Runs a sync activity on a thread where blocking is allowed, catching panics, and encodes
/// its result.
///
/// The function runs on tokio's blocking pool (`spawn_blocking`), encoding included. If the
/// future is polled outside a tokio runtime, the function runs in place instead. A blocking
/// task that the runtime drops before it starts (because it is shutting down) becomes a
/// [`FailureKind::Aborted`] failure.
pub fn run_blocking<F, T, E>(call: F) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Serialize + Send + 'static,
    E: Display + Serialize + Send + 'static,
{
    let run = move || encode(&call());
    Box::pin(async move {
        if tokio::runtime::Handle::try_current().is_err() {
            return catch_unwind(AssertUnwindSafe(run))
                .unwrap_or_else(|payload| failure::panic_failure(&*payload));
        }
        match tokio::task::spawn_blocking(run).await {
            Ok(outcome) => outcome,
            Err(err) if err.is_panic() => failure::panic_failure(&*err.into_panic()),
            Err(_) => Outcome::framework_failure(
                FailureKind::Aborted,
                "the runtime shut down before the activity finished",
            ),
        }
    })
}

fn encode<T: Serialize, E: Display + Serialize>(result: &Result<T, E>) -> Outcome {
    match result {
        Ok(value) => failure::encode_result(value),
        Err(error) => failure::encode_error(error),
    }
}

/// Polls an activity's future and encodes its result, turning a panic in either into a
/// [`FailureKind::Panic`] outcome. (futures-util's `catch_unwind`, without the dependency.)
struct CatchUnwind<F> {
    inner: Pin<Box<F>>,
}

impl<F, T, E> Future for CatchUnwind<F>
where
    F: Future<Output = Result<T, E>>,
    T: Serialize,
    E: Display + Serialize,
{
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let inner = &mut self.inner;
        // A future that panicked is never polled again: we return `Ready` right away.
        match catch_unwind(AssertUnwindSafe(|| {
            inner.as_mut().poll(cx).map(|result| encode(&result))
        })) {
            Ok(poll) => poll,
            Err(payload) => Poll::Ready(failure::panic_failure(&*payload)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Serialize)]
    struct Oops(u32);

    impl Display for Oops {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "oops {}", self.0)
        }
    }

    #[test]
    fn missing_and_empty_input_is_null() {
        assert_eq!(decode_input::<()>(None), Ok(()));
        assert_eq!(decode_input::<Option<u8>>(Some("")), Ok(None));
        assert_eq!(decode_input::<Option<u8>>(Some("3")), Ok(Some(3)));
        let failed = decode_input::<u8>(Some("\"x\"")).expect_err("does not decode");
        assert_eq!(
            failed.reason(),
            Some(
                "activity input did not decode: invalid type: string \"x\", expected u8 at line 1 column 3"
            )
        );
    }

    #[tokio::test]
    async fn async_outcomes() {
        let ok = run_async(async { Ok::<_, Oops>(5) }).await;
        assert_eq!(ok.result(), Some("5"));
        let err = run_async(async { Err::<(), _>(Oops(1)) }).await;
        assert_eq!(err.reason(), Some("oops 1"));
        assert_eq!(err.details(), Some("1"));
        let panicked = run_async(async {
            tokio::task::yield_now().await;
            if true {
                panic!("async boom");
            }
            Ok::<(), Oops>(())
        })
        .await;
        assert_eq!(panicked.reason(), Some("activity panicked: async boom"));
    }

    #[tokio::test]
    async fn blocking_outcomes() {
        let ok = run_blocking(|| Ok::<_, Oops>("done")).await;
        assert_eq!(ok.result(), Some("\"done\""));
        let n = 7;
        let panicked = run_blocking(move || -> Result<(), Oops> { panic!("sync boom {n}") }).await;
        assert_eq!(panicked.reason(), Some("activity panicked: sync boom 7"));
    }

    #[test]
    fn blocking_outside_a_runtime_runs_in_place() {
        let poll = |fut: BoxFuture<Outcome>| {
            let mut fut = fut;
            let waker = std::task::Waker::noop();
            match fut.as_mut().poll(&mut Context::from_waker(waker)) {
                Poll::Ready(outcome) => outcome,
                Poll::Pending => panic!("should be ready"),
            }
        };
        assert_eq!(poll(run_blocking(|| Ok::<_, Oops>(1))).result(), Some("1"));
        let panicked = poll(run_blocking(|| -> Result<(), Oops> { panic!("here") }));
        assert_eq!(panicked.reason(), Some("activity panicked: here"));
    }
}
