//! The glue `#[activity]` generates calls into: decode the input, run the function (async on
//! the runtime, sync on a thread of its own), catch panics, and encode the outcome for SWF.
//!
//! Every function here turns whatever happens into an [`Outcome`] (see [`crate::failure`] for
//! the reasons the framework gives): the adapter's future never panics, so one bad task never
//! takes the worker down. The `*_with_input` functions decode the input inside the returned
//! future, so calling an adapter runs none of the user's code (not even `Deserialize`).

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
/// sent no input) in, what SWF should be told out. Never panics: neither the call, which runs
/// none of the activity's code, nor the future it returns.
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
    T: Serialize + 'static,
    E: Display + Serialize + 'static,
{
    // The activity's future in a box of its own: awaited inside an `async` block, it would be
    // kept twice (as the block's capture and as the awaited value), and a worker may hold
    // thousands of waiting activities.
    Box::pin(CatchUnwind {
        inner: Box::pin(future),
        finish: |result| encode(&result),
    })
}

/// Decodes a task's input and runs an async activity on it: [`decode_input`], then `call`'s
/// future as [`run_async`] runs it.
///
/// Nothing runs until the returned future is first polled, and decoding runs inside the same
/// panic guard as the activity: a `Deserialize` implementation that panics becomes a
/// [`FailureKind::Panic`] failure instead of unwinding out of the code that called this.
pub fn run_async_with_input<I, F, Fut, T, E>(input: Option<String>, call: F) -> BoxFuture<Outcome>
where
    I: DeserializeOwned,
    F: FnOnce(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: Serialize + 'static,
    E: Display + Serialize + 'static,
{
    // The activity's future is made inside the block, so it is kept once, in the block.
    let decoded_and_run = async move {
        let input = decode_input::<I>(input.as_deref())?;
        Ok(call(input).await)
    };
    Box::pin(CatchUnwind {
        inner: Box::pin(decoded_and_run),
        finish: |ran: Result<Result<T, E>, Outcome>| match ran {
            Ok(result) => encode(&result),
            Err(not_decoded) => not_decoded,
        },
    })
}

/// Runs a sync activity on a thread of its own, catching panics, and encodes its result.
///
/// The thread is named `swf-activity-<name>`. The function does not run on tokio's blocking
/// pool: the HTTP client resolves host names there, and long activities holding its threads
/// would stall every new connection (heartbeats, answers, polls). How many sync activities run
/// at once, and so how many threads, is bounded by the worker's execution slots.
///
/// A thread that cannot be started becomes a [`FailureKind::Aborted`] failure. The thread is
/// not stopped when the future is dropped (e.g. when the runtime shuts down): a function that
/// runs long should check its context. If the future is polled outside a tokio runtime, the
/// function runs in place instead.
pub fn run_blocking<F, T, E>(name: &'static str, call: F) -> BoxFuture<Outcome>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Serialize,
    E: Display + Serialize,
{
    on_own_thread(name, move || encode(&call()))
}

/// Decodes a task's input and runs a sync activity on it, both on the activity's own thread
/// and under its panic guard, as [`run_blocking`] runs it: a `Deserialize` implementation that
/// panics becomes a [`FailureKind::Panic`] failure, and a large input is decoded off the
/// runtime's threads.
pub fn run_blocking_with_input<I, F, T, E>(
    name: &'static str,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    I: DeserializeOwned,
    F: FnOnce(I) -> Result<T, E> + Send + 'static,
    T: Serialize,
    E: Display + Serialize,
{
    on_own_thread(name, move || match decode_input::<I>(input.as_deref()) {
        Ok(input) => encode(&call(input)),
        Err(not_decoded) => not_decoded,
    })
}

fn on_own_thread<R>(name: &'static str, run: R) -> BoxFuture<Outcome>
where
    R: FnOnce() -> Outcome + Send + 'static,
{
    Box::pin(async move {
        if tokio::runtime::Handle::try_current().is_err() {
            return guarded(run);
        }
        spawn_guarded(thread_builder(name), run).await
    })
}

/// A builder for the thread of the activity `name`. Names from `#[activity]` follow SWF's rules
/// (no control characters); a NUL, which `std` refuses in a thread name, is dropped all the same.
fn thread_builder(name: &str) -> std::thread::Builder {
    let name: String = name.chars().filter(|&c| c != '\0').collect();
    std::thread::Builder::new().name(format!("swf-activity-{name}"))
}

/// Starts `run` on a thread from `builder` and waits for its outcome without blocking.
async fn spawn_guarded<R>(builder: std::thread::Builder, run: R) -> Outcome
where
    R: FnOnce() -> Outcome + Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    // The thread is detached: it ends with the activity, and nothing waits for it to.
    let started = builder.spawn(move || {
        // The receiver is gone when the task's future was dropped; no one needs the outcome.
        let _ = send.send(guarded(run));
    });
    if let Err(err) = started {
        return Outcome::framework_failure(
            FailureKind::Aborted,
            &format!("the activity's thread could not be started: {err}"),
        );
    }
    receive.await.unwrap_or_else(|_| {
        // Only when dropping a panic's payload panicked again.
        Outcome::framework_failure(
            FailureKind::Panic,
            "the activity's thread ended without an outcome",
        )
    })
}

fn guarded<R: FnOnce() -> Outcome>(run: R) -> Outcome {
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|payload| failure::panic_failure(&*payload))
}

fn encode<T: Serialize, E: Display + Serialize>(result: &Result<T, E>) -> Outcome {
    match result {
        Ok(value) => failure::encode_result(value),
        Err(error) => failure::encode_error(error),
    }
}

/// Polls a future and turns its output into an [`Outcome`] with `finish`, turning a panic in
/// either into a [`FailureKind::Panic`] outcome. (futures-util's `catch_unwind`, without the
/// dependency.)
struct CatchUnwind<F, O> {
    inner: Pin<Box<F>>,
    finish: fn(O) -> Outcome,
}

impl<F, O> Future for CatchUnwind<F, O>
where
    F: Future<Output = O>,
{
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let finish = self.finish;
        let inner = &mut self.inner;
        // A future that panicked is never polled again: we return `Ready` right away.
        match catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(cx).map(finish))) {
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
        let ok = run_blocking("Done", || Ok::<_, Oops>("done")).await;
        assert_eq!(ok.result(), Some("\"done\""));
        let n = 7;
        let panicked = run_blocking("Boom", move || -> Result<(), Oops> {
            panic!("sync boom {n}")
        })
        .await;
        assert_eq!(panicked.reason(), Some("activity panicked: sync boom 7"));
        let thread = run_blocking("Where", || {
            Ok::<_, Oops>(std::thread::current().name().map(str::to_owned))
        })
        .await;
        assert_eq!(thread.result(), Some("\"swf-activity-Where\""));
    }

    #[tokio::test]
    async fn input_is_decoded_under_the_panic_guard() {
        #[derive(Debug)]
        struct Touchy;
        impl<'de> serde::Deserialize<'de> for Touchy {
            fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
                panic!("touchy input")
            }
        }
        let panicked = run_async_with_input(None, |_: Touchy| async { Ok::<(), Oops>(()) }).await;
        assert_eq!(panicked.reason(), Some("activity panicked: touchy input"));
        let panicked =
            run_blocking_with_input("Touchy", None, |_: Touchy| Ok::<(), Oops>(())).await;
        assert_eq!(panicked.reason(), Some("activity panicked: touchy input"));

        let decoded =
            run_async_with_input(
                Some("2".into()),
                |n: u8| async move { Ok::<_, Oops>(n + 1) },
            )
            .await;
        assert_eq!(decoded.result(), Some("3"));
        let decoded =
            run_blocking_with_input("Add", Some("2".into()), |n: u8| Ok::<_, Oops>(n + 1)).await;
        assert_eq!(decoded.result(), Some("3"));
        let not_decoded =
            run_blocking_with_input("Add", Some("x".into()), |n: u8| Ok::<_, Oops>(n)).await;
        assert_eq!(
            not_decoded.as_failure().and_then(|f| f.kind()),
            Some(FailureKind::InputDecode)
        );
    }

    #[tokio::test]
    async fn a_thread_that_cannot_start_is_an_aborted_failure() {
        // No address space holds a stack this large, so the thread cannot be created.
        let builder = std::thread::Builder::new().stack_size(1 << 60);
        let outcome = spawn_guarded(builder, || unreachable!("the thread never starts")).await;
        let failure = outcome.as_failure().expect("the task fails");
        assert_eq!(failure.kind(), Some(FailureKind::Aborted));
        assert!(
            failure
                .framework_message()
                .is_some_and(|m| m.starts_with("the activity's thread could not be started: ")),
            "{outcome:?}"
        );
    }

    #[tokio::test]
    async fn a_thread_that_dies_anyway_is_a_panic_failure() {
        // A panic payload whose drop panics again unwinds past the thread's guard.
        struct PanicsOnDrop;
        impl Drop for PanicsOnDrop {
            fn drop(&mut self) {
                panic!("dropping the payload")
            }
        }
        let outcome = run_blocking("Twice", || -> Result<(), Oops> {
            std::panic::panic_any(PanicsOnDrop)
        })
        .await;
        assert_eq!(
            outcome.reason(),
            Some("activity panicked: the activity's thread ended without an outcome")
        );
    }

    #[test]
    fn thread_names_without_nul() {
        let builder = thread_builder("a\0b");
        let handle = builder
            .spawn(|| std::thread::current().name().map(str::to_owned))
            .expect("the thread starts");
        assert_eq!(
            handle.join().expect("the thread ends").as_deref(),
            Some("swf-activity-ab")
        );
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
        assert_eq!(
            poll(run_blocking("One", || Ok::<_, Oops>(1))).result(),
            Some("1")
        );
        let panicked = poll(run_blocking("Here", || -> Result<(), Oops> {
            panic!("here")
        }));
        assert_eq!(panicked.reason(), Some("activity panicked: here"));
    }
}
