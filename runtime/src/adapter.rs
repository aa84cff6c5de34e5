//! The glue `#[activity]` generates calls into: decode the input, run the function (async on
//! the runtime, sync on a thread of its own), catch panics, and encode the outcome for SWF.
//!
//! Every function here turns whatever happens into an [`Outcome`] (see [`crate::failure`] for
//! the reasons the framework gives): the adapter's future never panics, so one bad task never
//! takes the worker down. The `*_with_input` functions decode the input inside the returned
//! future, so calling an adapter runs none of the user's code (not even `Deserialize`).

use std::any::Any;
use std::future::Future;
use std::ops::Deref;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::de::DeserializeOwned;

use crate::context::ActivityContext;
use crate::convert::{Converter, Converts, Encoding, Json};
use crate::failure::{self, FailureKind, Outcome};

/// A boxed, `Send` future, as the generated adapters return.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The generated adapter of one activity: the task's context, its raw input (`None` when SWF
/// sent no input) and the worker's [`Encoding`] in, what SWF should be told out. Never panics:
/// neither the call, which runs none of the activity's code, nor the future it returns.
pub type Invoke = fn(ActivityContext, Option<String>, &Encoding) -> BoxFuture<Outcome>;

/// The most characters an encoded result or failure's details may have, as the adapter's
/// future keeps it until the activity ends. A `u32` (stored values are at most a few MiB), so
/// that it fits in room the future has anyway: a worker may hold thousands of waiting tasks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit(u32);

impl Limit {
    /// `chars`, or `u32::MAX` characters if more (no store takes values that long).
    pub(crate) fn new(chars: usize) -> Limit {
        Limit(u32::try_from(chars).unwrap_or(u32::MAX))
    }

    fn get(self) -> usize {
        // `usize` is at least 32 bits on every target tokio runs on.
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

/// An outcome that is already known, as the adapter's future (e.g. input that did not decode).
pub fn ready(outcome: Outcome) -> BoxFuture<Outcome> {
    Box::pin(std::future::ready(outcome))
}

/// Decodes a task's input as the [`Json`] converter does; a missing input decodes as JSON
/// `null`, so `()` and `Option<_>` inputs work. An input that does not decode becomes the
/// failure SWF should be told.
///
/// An empty input counts as missing: SWF has no way to tell "no input" from `""` apart in every
/// client, and `""` is not JSON. The failure is [`FailureKind::InputDecode`], with serde_json's
/// message: `activity input did not decode: invalid type: ... at line 1 column 5`.
pub fn decode_input<T: DeserializeOwned>(input: Option<&str>) -> Result<T, Outcome> {
    crate::convert::decode_json(input)
}

/// The [`Json`] converter, as a handle that takes no room in an activity's future.
#[derive(Debug, Clone, Copy)]
pub struct PlainJson;

impl Deref for PlainJson {
    type Target = Json;

    fn deref(&self) -> &Json {
        &Json
    }
}

/// Runs an async activity's future, catching panics, and encodes its result with `converter`.
///
/// The result is encoded inside the same panic guard, so a `Display` or `Serialize`
/// implementation that panics also becomes a [`FailureKind::Panic`] failure.
pub(crate) fn run_async<K, C, F, T, E>(
    converter: K,
    max_len: Limit,
    future: F,
) -> BoxFuture<Outcome>
where
    K: Deref<Target = C> + Clone + Send + Unpin + 'static,
    C: Converts<(), T, E> + ?Sized,
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: 'static,
    E: 'static,
{
    // The activity's future in a box of its own: awaited inside an `async` block, it would be
    // kept twice (as the block's capture and as the awaited value), and a worker may hold
    // thousands of waiting activities.
    let encoder = converter.clone();
    Box::pin(CatchUnwind {
        inner: Box::pin(future),
        finish: Some(move |result: Result<T, E>| encode(&*encoder, &result, max_len)),
        converter,
    })
}

/// Decodes a task's input with `converter` and runs an async activity on it: `call`'s future
/// as [`run_async`] runs it.
///
/// Nothing runs until the returned future is first polled, and decoding runs inside the same
/// panic guard as the activity: a `Deserialize` implementation that panics becomes a
/// [`FailureKind::Panic`] failure instead of unwinding out of the code that called this.
pub(crate) fn run_async_with_input<K, C, I, F, Fut, T, E>(
    converter: K,
    max_len: Limit,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    K: Deref<Target = C> + Clone + Send + Unpin + 'static,
    C: Converts<I, T, E> + ?Sized,
    F: FnOnce(I) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: 'static,
    E: 'static,
{
    // The activity's future is made inside the block, so it is kept once, in the block. The
    // result is encoded when the block is done, under the same guard, by `finish`: the limit
    // waits there, in the small outer box, not beside the activity's future in the block.
    let decoder = converter.clone();
    let decoded_and_run = async move {
        let input = match decoder.decode(input.as_deref()) {
            Ok(input) => input,
            Err(not_decoded) => return Err(not_decoded),
        };
        Ok(call(input).await)
    };
    let encoder = converter.clone();
    Box::pin(CatchUnwind {
        inner: Box::pin(decoded_and_run),
        finish: Some(move |ran: Result<Result<T, E>, Outcome>| match ran {
            Ok(result) => encode(&*encoder, &result, max_len),
            Err(not_decoded) => not_decoded,
        }),
        converter,
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
pub(crate) fn run_blocking<K, C, F, T, E>(
    converter: K,
    max_len: Limit,
    name: &'static str,
    call: F,
) -> BoxFuture<Outcome>
where
    K: Deref<Target = C> + Clone + Send + 'static,
    C: Converts<(), T, E> + ?Sized,
    F: FnOnce() -> Result<T, E> + Send + 'static,
{
    let encoder = converter.clone();
    on_own_thread(name, converter, move || encode(&*encoder, &call(), max_len))
}

/// Decodes a task's input and runs a sync activity on it, both on the activity's own thread
/// and under its panic guard, as [`run_blocking`] runs it: a `Deserialize` implementation that
/// panics becomes a [`FailureKind::Panic`] failure, and a large input is decoded off the
/// runtime's threads.
pub(crate) fn run_blocking_with_input<K, C, I, F, T, E>(
    converter: K,
    max_len: Limit,
    name: &'static str,
    input: Option<String>,
    call: F,
) -> BoxFuture<Outcome>
where
    K: Deref<Target = C> + Clone + Send + 'static,
    C: Converts<I, T, E> + ?Sized,
    F: FnOnce(I) -> Result<T, E> + Send + 'static,
{
    let encoder = converter.clone();
    on_own_thread(name, converter, move || {
        match encoder.decode(input.as_deref()) {
            Ok(input) => encode(&*encoder, &call(input), max_len),
            Err(not_decoded) => not_decoded,
        }
    })
}

fn on_own_thread<K, C, R>(name: &'static str, converter: K, run: R) -> BoxFuture<Outcome>
where
    K: Deref<Target = C> + Clone + Send + 'static,
    C: Converter + ?Sized,
    R: FnOnce() -> Outcome + Send + 'static,
{
    Box::pin(async move {
        if tokio::runtime::Handle::try_current().is_err() {
            return guarded(&*converter, run);
        }
        spawn_guarded(thread_builder(name), converter, run).await
    })
}

/// A builder for the thread of the activity `name`. Names from `#[activity]` follow SWF's rules
/// (no control characters); a NUL, which `std` refuses in a thread name, is dropped all the same.
fn thread_builder(name: &str) -> std::thread::Builder {
    let name: String = name.chars().filter(|&c| c != '\0').collect();
    std::thread::Builder::new().name(format!("swf-activity-{name}"))
}

/// Starts `run` on a thread from `builder` and waits for its outcome without blocking.
async fn spawn_guarded<K, C, R>(builder: std::thread::Builder, converter: K, run: R) -> Outcome
where
    K: Deref<Target = C> + Clone + Send + 'static,
    C: Converter + ?Sized,
    R: FnOnce() -> Outcome + Send + 'static,
{
    let (send, receive) = tokio::sync::oneshot::channel();
    let on_thread = converter.clone();
    // The thread is detached: it ends with the activity, and nothing waits for it to.
    let started = builder.spawn(move || {
        // The receiver is gone when the task's future was dropped; no one needs the outcome.
        let _ = send.send(guarded(&*on_thread, run));
    });
    if let Err(err) = started {
        return converter.framework_failure(
            FailureKind::Aborted,
            &format!("the activity's thread could not be started: {err}"),
        );
    }
    receive.await.unwrap_or_else(|_| {
        // Only when dropping a panic's payload panicked again.
        converter.framework_failure(
            FailureKind::Panic,
            "the activity's thread ended without an outcome",
        )
    })
}

fn guarded<C, R>(converter: &C, run: R) -> Outcome
where
    C: Converter + ?Sized,
    R: FnOnce() -> Outcome,
{
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|payload| panicked(converter, &*payload))
}

/// The failure for a panic, in `converter`'s shape: `activity panicked: <message>`.
pub(crate) fn panicked<C: Converter + ?Sized>(
    converter: &C,
    payload: &(dyn Any + Send),
) -> Outcome {
    converter.framework_failure(
        FailureKind::Panic,
        failure::panic_message(payload).unwrap_or(""),
    )
}

fn encode<C, I, T, E>(converter: &C, result: &Result<T, E>, max_len: Limit) -> Outcome
where
    C: Converts<I, T, E> + ?Sized,
{
    match result {
        Ok(value) => converter.encode_ok(value, max_len.get()),
        Err(error) => converter.encode_err(error, max_len.get()),
    }
}

/// Polls a future and turns its output into an [`Outcome`] with `finish`, turning a panic in
/// either into `converter`'s [`FailureKind::Panic`] failure. (futures-util's `catch_unwind`,
/// without the dependency.)
struct CatchUnwind<F, Fin, K> {
    inner: Pin<Box<F>>,
    finish: Option<Fin>,
    converter: K,
}

impl<F, Fin, K, C> Future for CatchUnwind<F, Fin, K>
where
    F: Future,
    Fin: FnOnce(F::Output) -> Outcome + Unpin,
    K: Deref<Target = C> + Unpin,
    C: Converter + ?Sized,
{
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Outcome> {
        let this = &mut *self;
        let (inner, finish) = (&mut this.inner, &mut this.finish);
        let polled = catch_unwind(AssertUnwindSafe(|| match inner.as_mut().poll(cx) {
            Poll::Ready(output) => Poll::Ready(finish.take().map(|finish| finish(output))),
            Poll::Pending => Poll::Pending,
        }));
        match polled {
            Ok(Poll::Ready(Some(outcome))) => Poll::Ready(outcome),
            Ok(Poll::Pending) => Poll::Pending,
            // Polled again after `Ready`, which the `Future` contract does not allow; the
            // inner future is not polled again.
            Ok(Poll::Ready(None)) => Poll::Ready(this.converter.framework_failure(
                FailureKind::Panic,
                "the activity's future was polled after it finished",
            )),
            // A future that panicked is never polled again: we return `Ready` right away.
            Err(payload) => {
                this.finish = None;
                Poll::Ready(panicked(&*this.converter, &*payload))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DATA_MAX;
    use std::fmt::Display;

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
    async fn the_limit_holds_on_every_path() {
        let long = || Ok::<_, Oops>("x".repeat(20));
        let limit = Limit::new(10);
        let outcomes = [
            run_async(PlainJson, limit, async move { long() }).await,
            run_async_with_input(PlainJson, limit, None, move |(): ()| async move { long() }).await,
            run_blocking(PlainJson, limit, "Long", long).await,
            run_blocking_with_input(PlainJson, limit, "Long", None, move |(): ()| long()).await,
        ];
        for outcome in outcomes {
            assert_eq!(
                outcome.as_failure().and_then(|f| f.kind()),
                Some(FailureKind::ResultTooLarge),
                "{outcome:?}"
            );
        }
        let fits = run_async(PlainJson, Limit::new(22), async move { long() }).await;
        assert_eq!(fits.result().map(str::len), Some(22));
    }

    #[tokio::test]
    async fn async_outcomes() {
        let ok = run_async(PlainJson, Limit::new(DATA_MAX), async { Ok::<_, Oops>(5) }).await;
        assert_eq!(ok.result(), Some("5"));
        let err = run_async(PlainJson, Limit::new(DATA_MAX), async {
            Err::<(), _>(Oops(1))
        })
        .await;
        assert_eq!(err.reason(), Some("oops 1"));
        assert_eq!(err.details(), Some("1"));
        let panicked = run_async(PlainJson, Limit::new(DATA_MAX), async {
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
        let ok = run_blocking(PlainJson, Limit::new(DATA_MAX), "Done", || {
            Ok::<_, Oops>("done")
        })
        .await;
        assert_eq!(ok.result(), Some("\"done\""));
        let n = 7;
        let panicked = run_blocking(
            PlainJson,
            Limit::new(DATA_MAX),
            "Boom",
            move || -> Result<(), Oops> { panic!("sync boom {n}") },
        )
        .await;
        assert_eq!(panicked.reason(), Some("activity panicked: sync boom 7"));
        let thread = run_blocking(PlainJson, Limit::new(DATA_MAX), "Where", || {
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
        let panicked =
            run_async_with_input(PlainJson, Limit::new(DATA_MAX), None, |_: Touchy| async {
                Ok::<(), Oops>(())
            })
            .await;
        assert_eq!(panicked.reason(), Some("activity panicked: touchy input"));
        let panicked = run_blocking_with_input(
            PlainJson,
            Limit::new(DATA_MAX),
            "Touchy",
            None,
            |_: Touchy| Ok::<(), Oops>(()),
        )
        .await;
        assert_eq!(panicked.reason(), Some("activity panicked: touchy input"));

        let decoded = run_async_with_input(
            PlainJson,
            Limit::new(DATA_MAX),
            Some("2".into()),
            |n: u8| async move { Ok::<_, Oops>(n + 1) },
        )
        .await;
        assert_eq!(decoded.result(), Some("3"));
        let decoded = run_blocking_with_input(
            PlainJson,
            Limit::new(DATA_MAX),
            "Add",
            Some("2".into()),
            |n: u8| Ok::<_, Oops>(n + 1),
        )
        .await;
        assert_eq!(decoded.result(), Some("3"));
        let not_decoded = run_blocking_with_input(
            PlainJson,
            Limit::new(DATA_MAX),
            "Add",
            Some("x".into()),
            |n: u8| Ok::<_, Oops>(n),
        )
        .await;
        assert_eq!(
            not_decoded.as_failure().and_then(|f| f.kind()),
            Some(FailureKind::InputDecode)
        );
    }

    #[tokio::test]
    async fn a_thread_that_cannot_start_is_an_aborted_failure() {
        // No address space holds a stack this large, so the thread cannot be created.
        let builder = std::thread::Builder::new().stack_size(1 << 60);
        let outcome = spawn_guarded(builder, PlainJson, || {
            unreachable!("the thread never starts")
        })
        .await;
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
        let outcome = run_blocking(
            PlainJson,
            Limit::new(DATA_MAX),
            "Twice",
            || -> Result<(), Oops> { std::panic::panic_any(PanicsOnDrop) },
        )
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
            poll(run_blocking(
                PlainJson,
                Limit::new(DATA_MAX),
                "One",
                || Ok::<_, Oops>(1)
            ))
            .result(),
            Some("1")
        );
        let panicked = poll(run_blocking(
            PlainJson,
            Limit::new(DATA_MAX),
            "Here",
            || -> Result<(), Oops> { panic!("here") },
        ));
        assert_eq!(panicked.reason(), Some("activity panicked: here"));
    }
}
