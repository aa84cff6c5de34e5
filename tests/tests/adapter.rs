//! The adapter functions generated code calls (`swf_activity::__private`): decoding input,
//! running async and sync activities, catching panics, and encoding what they return.

use std::fmt;

use serde::{Deserialize, Serialize};
use swf_activity::__private::{BoxFuture, decode_input, ready, run_async, run_blocking};
use swf_activity::ActivityContext;
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
    let order: Order = match decode_input(input.as_deref()) {
        Ok(order) => order,
        Err(outcome) => return ready(outcome),
    };
    run_async(charge(ctx, order))
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
    let words: Option<Vec<String>> = match decode_input(input.as_deref()) {
        Ok(words) => words,
        Err(outcome) => return ready(outcome),
    };
    run_blocking(move || count_sync(ctx, words))
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
    run_async(async { Ok::<(), Failed>(()) })
}

fn big_adapter(_ctx: ActivityContext, input: Option<String>) -> BoxFuture<Outcome> {
    let n: usize = match decode_input(input.as_deref()) {
        Ok(n) => n,
        Err(outcome) => return ready(outcome),
    };
    run_blocking(move || Ok::<_, Failed>("x".repeat(n)))
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
}

async fn run_generated(name: &str, input: Option<&str>) -> Outcome {
    let registration = swf_activity::registry::find(name, "1")
        .unwrap_or_else(|| panic!("#[activity] {name} is registered"));
    registration
        .run(ActivityContext::detached(), input.map(str::to_owned))
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
