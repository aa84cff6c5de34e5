//! The adapter functions generated code calls (`swf_activity::__private`): decoding input,
//! running async and sync activities, catching panics, and encoding what they return.

use std::fmt;

use serde::{Deserialize, Serialize};
use swf_activity::__private::{
    BoxFuture, decode_input, ready, run_async_converted, run_async_converted_with_input,
    run_blocking_converted_with_input,
};
use swf_activity::ActivityContext;
use swf_activity::convert::{Encoding, Json};
use swf_activity::failure::{FailureKind, Outcome};

#[derive(Debug, Deserialize)]
struct Order {
    amount: u32,
    card: String,
}

#[derive(Debug, Serialize)]
struct Receipt {
    charged: u32,
}

#[derive(Debug, thiserror::Error, Serialize)]
enum ChargeError {
    #[error("card ending {last4} was declined")]
    Declined { last4: String },
}

async fn charge(_ctx: ActivityContext, order: Order) -> Result<Receipt, ChargeError> {
    tokio::task::yield_now().await;
    if order.card.ends_with("0000") {
        return Err(ChargeError::Declined {
            last4: order.card[order.card.len() - 4..].to_owned(),
        });
    }
    if order.amount == 13 {
        panic!("unlucky amount {}", order.amount);
    }
    Ok(Receipt {
        charged: order.amount,
    })
}

/// What `#[activity]` generates for `charge`, written by hand.
fn charge_adapter(ctx: ActivityContext, input: Option<String>) -> BoxFuture<Outcome> {
    run_async_converted_with_input(
        &Json as _,
        &Encoding::default(),
        input,
        move |order: Order| charge(ctx, order),
    )
}

fn count_sync(_ctx: ActivityContext, words: Option<Vec<String>>) -> Result<usize, Failed> {
    match words {
        None => Ok(0),
        Some(words) if words.iter().any(|w| w == "panic") => panic!("asked to panic"),
        Some(words) if words.is_empty() => Err(Failed("no words".into())),
        Some(words) => Ok(words.len()),
    }
}

/// What `#[activity]` generates for a sync function.
fn count_adapter(ctx: ActivityContext, input: Option<String>) -> BoxFuture<Outcome> {
    run_blocking_converted_with_input(
        &Json as _,
        &Encoding::default(),
        "Count",
        input,
        move |words: Option<Vec<String>>| count_sync(ctx, words),
    )
}

#[derive(Debug, Serialize)]
struct Failed(String);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "failed: {}", self.0)
    }
}

fn unit_adapter(_ctx: ActivityContext, input: Option<String>) -> BoxFuture<Outcome> {
    let (): () = match decode_input(input.as_deref()) {
        Ok(unit) => unit,
        Err(outcome) => return ready(outcome),
    };
    run_async_converted(&Json as _, &Encoding::default(), async {
        Ok::<(), Failed>(())
    })
}

fn big_adapter(_ctx: ActivityContext, input: Option<String>) -> BoxFuture<Outcome> {
    run_blocking_converted_with_input(
        &Json as _,
        &Encoding::default(),
        "Big",
        input,
        |n: usize| Ok::<_, Failed>("x".repeat(n)),
    )
}

async fn call(
    adapter: fn(ActivityContext, Option<String>) -> BoxFuture<Outcome>,
    input: Option<&str>,
) -> Outcome {
    adapter(ActivityContext::detached(), input.map(str::to_owned)).await
}

#[tokio::test]
async fn async_activity_outcomes() {
    let ok = call(charge_adapter, Some(r#"{"amount":5,"card":"4242"}"#)).await;
    assert_eq!(
        ok,
        Outcome::Completed {
            result: Some(r#"{"charged":5}"#.into())
        }
    );

    let declined = call(charge_adapter, Some(r#"{"amount":5,"card":"10000"}"#)).await;
    assert_eq!(declined.reason(), Some("card ending 0000 was declined"));
    assert_eq!(declined.details(), Some(r#"{"Declined":{"last4":"0000"}}"#));

    let panicked = call(charge_adapter, Some(r#"{"amount":13,"card":"4242"}"#)).await;
    assert_eq!(
        panicked.reason(),
        Some("activity panicked: unlucky amount 13")
    );
    assert_eq!(
        panicked.details(),
        Some(r#"{"framework_error":"Panic","message":"unlucky amount 13"}"#)
    );
}

#[tokio::test]
async fn undecodable_input_fails_the_task() {
    let bad = call(charge_adapter, Some(r#"{"amount":"five","card":"4242"}"#)).await;
    assert_eq!(
        bad.reason(),
        Some(
            "activity input did not decode: invalid type: string \"five\", expected u32 at line 1 column 16"
        )
    );
    let failure = bad.as_failure().expect("failed");
    assert_eq!(failure.kind(), Some(FailureKind::InputDecode));
    assert_eq!(
        failure.framework_message(),
        Some("invalid type: string \"five\", expected u32 at line 1 column 16")
    );
    let missing = call(charge_adapter, None).await;
    assert_eq!(
        missing.reason(),
        Some(
            "activity input did not decode: invalid type: null, expected struct Order at line 1 column 4"
        )
    );
    let not_json = call(charge_adapter, Some("{")).await;
    assert!(
        not_json
            .reason()
            .is_some_and(|r| r.starts_with("activity input did not decode: "))
    );
}

#[tokio::test]
async fn sync_activity_outcomes() {
    assert_eq!(
        call(count_adapter, Some(r#"["a","b"]"#)).await.result(),
        Some("2")
    );
    // Option input: missing input and `null` are `None`.
    assert_eq!(call(count_adapter, None).await.result(), Some("0"));
    assert_eq!(call(count_adapter, Some("null")).await.result(), Some("0"));
    let failed = call(count_adapter, Some("[]")).await;
    assert_eq!(failed.reason(), Some("failed: no words"));
    assert_eq!(failed.details(), Some(r#""no words""#));
    let panicked = call(count_adapter, Some(r#"["panic"]"#)).await;
    assert_eq!(panicked.reason(), Some("activity panicked: asked to panic"));
}

#[tokio::test]
async fn unit_input_and_output() {
    assert_eq!(
        call(unit_adapter, None).await,
        Outcome::Completed { result: None }
    );
    assert_eq!(
        call(unit_adapter, Some("null")).await,
        Outcome::Completed { result: None }
    );
    assert!(call(unit_adapter, Some("1")).await.is_failed());
}

#[tokio::test]
async fn oversized_results_are_not_sent() {
    let fits = call(big_adapter, Some("32766")).await;
    assert_eq!(fits.result().map(str::len), Some(32768));
    let too_big = call(big_adapter, Some("40000")).await;
    assert_eq!(
        too_big.reason(),
        Some("activity result is too large for SWF: 40002 characters, the limit is 32768")
    );
}

#[tokio::test(flavor = "current_thread")]
async fn panics_do_not_take_the_runtime_down() {
    // On a single-threaded runtime a panic that escaped would end the test.
    for _ in 0..3 {
        let outcome = call(charge_adapter, Some(r#"{"amount":13,"card":"1"}"#)).await;
        assert!(outcome.is_failed());
    }
    assert!(
        call(charge_adapter, Some(r#"{"amount":1,"card":"1"}"#))
            .await
            .is_completed()
    );
}

// The same activities through `#[activity]`: the generated adapter, found in the registry.

mod generated {
    use swf_activity::{ActivityContext, activity};

    use super::{ChargeError, Failed, Order, Receipt};

    #[activity(name = "Charge", version = "1")]
    async fn charge(ctx: ActivityContext, order: Order) -> Result<Receipt, ChargeError> {
        super::charge(ctx, order).await
    }

    #[activity(name = "Count", version = "1")]
    fn count(ctx: ActivityContext, words: Option<Vec<String>>) -> Result<usize, Failed> {
        super::count_sync(ctx, words)
    }

    #[activity(name = "Ping", version = "1")]
    async fn ping() -> Result<(), Failed> {
        Ok(())
    }

    #[activity(name = "UnitInput", version = "1")]
    fn unit_input(_ctx: ActivityContext, (): ()) -> Result<&'static str, Failed> {
        Ok("got unit")
    }

    #[activity(name = "Big", version = "1")]
    fn big(n: usize) -> Result<String, Failed> {
        Ok("x".repeat(n))
    }

    #[activity(name = "AsyncPanic", version = "1")]
    async fn async_panic(message: String) -> Result<(), Failed> {
        tokio::task::yield_now().await;
        panic!("{message}")
    }

    #[activity(name = "TouchyAsync", version = "1")]
    async fn touchy_async(ctx: ActivityContext, input: Touchy) -> Result<u32, Failed> {
        let _ = ctx;
        Ok(input.amount)
    }

    #[activity(name = "TouchySync", version = "1")]
    fn touchy_sync(input: Touchy) -> Result<u32, Failed> {
        Ok(input.amount)
    }

    /// Where a sync activity runs: the name of its thread.
    #[activity(name = "WhereAmI", version = "1")]
    fn where_am_i() -> Result<Option<String>, Failed> {
        Ok(std::thread::current().name().map(str::to_owned))
    }

    /// An input whose `Deserialize` panics on input it did not expect, as a
    /// `deserialize_with` that unwraps does.
    #[derive(Debug, serde::Deserialize)]
    pub(super) struct Touchy {
        #[serde(deserialize_with = "amount_unwrapped")]
        amount: u32,
    }

    fn amount_unwrapped<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        Ok(text.parse().expect("amount is a number"))
    }
}

async fn run_generated(name: &str, input: Option<&str>) -> Outcome {
    let registration = swf_activity::registry::find(name, "1")
        .unwrap_or_else(|| panic!("#[activity] {name} is registered"));
    registration
        .run(
            ActivityContext::detached(),
            input.map(str::to_owned),
            &Encoding::default(),
        )
        .await
}

#[tokio::test]
async fn generated_adapters_map_outcomes() {
    let ok = run_generated("Charge", Some(r#"{"amount":5,"card":"4242"}"#)).await;
    assert_eq!(
        ok,
        Outcome::Completed {
            result: Some(r#"{"charged":5}"#.into())
        }
    );

    let declined = run_generated("Charge", Some(r#"{"amount":5,"card":"10000"}"#)).await;
    assert_eq!(declined.reason(), Some("card ending 0000 was declined"));
    assert_eq!(declined.details(), Some(r#"{"Declined":{"last4":"0000"}}"#));

    let bad = run_generated("Charge", Some(r#"{"amount":-1,"card":"4242"}"#)).await;
    assert_eq!(
        bad.reason(),
        Some(
            "activity input did not decode: invalid value: integer `-1`, expected u32 at line 1 column 12"
        )
    );
    assert_eq!(
        bad.details(),
        Some(
            r#"{"framework_error":"InputDecode","message":"invalid value: integer `-1`, expected u32 at line 1 column 12"}"#
        )
    );

    let panicked = run_generated("Charge", Some(r#"{"amount":13,"card":"4242"}"#)).await;
    assert_eq!(
        panicked.reason(),
        Some("activity panicked: unlucky amount 13")
    );
    let panicked = run_generated("AsyncPanic", Some(r#""async oops""#)).await;
    assert_eq!(panicked.reason(), Some("activity panicked: async oops"));
    let panicked = run_generated("Count", Some(r#"["panic"]"#)).await;
    assert_eq!(panicked.reason(), Some("activity panicked: asked to panic"));
}

#[tokio::test]
async fn generated_adapters_handle_unit_and_option_inputs() {
    // `Option<_>` input: missing, `null` and a value.
    assert_eq!(run_generated("Count", None).await.result(), Some("0"));
    assert_eq!(
        run_generated("Count", Some("null")).await.result(),
        Some("0")
    );
    assert_eq!(
        run_generated("Count", Some(r#"["a"]"#)).await.result(),
        Some("1")
    );
    // `()` input, and no parameters at all: missing input is fine.
    assert_eq!(
        run_generated("UnitInput", None).await.result(),
        Some(r#""got unit""#)
    );
    assert_eq!(
        run_generated("Ping", None).await,
        Outcome::Completed { result: None }
    );
    // A function without an input parameter ignores whatever input the task has.
    assert!(
        run_generated("Ping", Some("{\"x\":1}"))
            .await
            .is_completed()
    );
}

#[tokio::test]
async fn generated_adapters_refuse_oversized_results() {
    assert_eq!(
        run_generated("Big", Some("32766"))
            .await
            .result()
            .map(str::len),
        Some(32768)
    );
    let too_big = run_generated("Big", Some("32767")).await;
    assert_eq!(
        too_big.reason(),
        Some("activity result is too large for SWF: 32769 characters, the limit is 32768")
    );
    assert_eq!(
        too_big.as_failure().and_then(|f| f.kind()),
        Some(FailureKind::ResultTooLarge)
    );
}

#[tokio::test]
async fn a_panicking_deserialize_fails_the_task_async_and_sync() {
    for name in ["TouchyAsync", "TouchySync"] {
        let registration = swf_activity::registry::find(name, "1")
            .unwrap_or_else(|| panic!("#[activity] {name} is registered"));
        // The worker calls the adapter on its poll loop: the call itself must not panic, only
        // the future it returns may find out that the input is bad.
        let future = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            (registration.invoke)(
                ActivityContext::detached(),
                Some(r#"{"amount":"twelve"}"#.to_owned()),
                &Encoding::default(),
            )
        }))
        .unwrap_or_else(|_| panic!("{name}: the adapter panicked while it was called"));
        let outcome = future.await;
        let failure = outcome.as_failure().expect("the task fails");
        assert_eq!(
            failure.kind(),
            Some(FailureKind::Panic),
            "{name}: {outcome:?}"
        );
        assert_eq!(
            failure.reason(),
            Some("activity panicked: amount is a number: ParseIntError { kind: InvalidDigit }"),
            "{name}"
        );
        // The same adapter still decodes good input.
        assert_eq!(
            run_generated(name, Some(r#"{"amount":"12"}"#))
                .await
                .result(),
            Some("12"),
            "{name}"
        );
    }
}

#[test]
fn sync_activities_do_not_wait_for_the_blocking_pool() {
    // One blocking thread, taken by a long blocking call: the blocking pool is what reqwest
    // resolves names on, and a sync activity must neither wait for it nor take it.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(1)
        .enable_time()
        .build()
        .expect("a runtime starts");
    let (release, released) = std::sync::mpsc::channel::<()>();
    let outcome = runtime.block_on(async move {
        let (started, is_started) = tokio::sync::oneshot::channel();
        let blocker = tokio::task::spawn_blocking(move || {
            let _ = started.send(());
            // Bounded, so that a failing test still ends.
            let _ = released.recv_timeout(std::time::Duration::from_secs(30));
        });
        is_started.await.expect("the blocking call starts");
        let outcome = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            run_generated("WhereAmI", None),
        )
        .await;
        let _ = release.send(());
        blocker.await.expect("the blocking call ends");
        outcome
    });
    let outcome = outcome.expect("the sync activity finishes while the blocking pool is busy");
    assert_eq!(
        outcome.result(),
        Some(r#""swf-activity-WhereAmI""#),
        "the activity runs on a thread named for it"
    );
}
