//! The data-converter seam, with a converter written here as a user would: the worker's default
//! applies to every activity that names none, a named converter to its activity, and the
//! framework's own failures (bad input, a panic, an unknown type, a shutdown) come in the shape
//! of the converter that owns the task. The registry, the start-up report and
//! `ActivityEnvironment` say which converter each activity uses.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use swf_activity::convert::{self, Args, Converter, DataConverter, Input, Json, ReadError};
use swf_activity::failure::{Failure, FailureKind, Outcome};
use swf_activity::model::RegisterActivityType;
use swf_activity::registry;
use swf_activity::testing::{ActivityEnvironment, ActivityOutcome, LocalSwf};
use swf_activity::{ActivityContext, activity};
use swf_activity_tests::logs::LogBuffer;
use swf_activity_tests::worker::{self as harness, RunningWorker, WAIT, outcome};

const DOMAIN: &str = "converters";

/// A converter of its own format: the input is `{"call":[args...]}`, a result is
/// `{"value":...}`, a failure's reason is `E/<Display>` and its details `{"error":...}`, and the
/// framework's failures are `F/<kind>: <message>` with `{"kind":"<kind>"}`.
#[derive(Debug, Clone, Copy)]
struct Envelope;

impl Converter for Envelope {
    fn name(&self) -> &str {
        "envelope"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        Outcome::Failed {
            reason: format!("F/{kind}: {message}"),
            details: json!({ "kind": kind.as_str() }).to_string(),
            framework: Some(kind),
        }
    }
}

impl DataConverter for Envelope {
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome> {
        let parsed: Value = serde_json::from_str(input.unwrap_or("null")).map_err(|err| {
            self.framework_failure(FailureKind::InputDecode, &format!("not JSON: {err}"))
        })?;
        match parsed.get("call") {
            Some(Value::Array(args)) => Ok(Input::args(args.clone())),
            _ => Err(self.framework_failure(FailureKind::InputDecode, "expected {\"call\":[...]}")),
        }
    }

    fn encode_result(&self, value: &dyn convert::erased_serde::Serialize, _: usize) -> Outcome {
        match serde_json::to_value(value) {
            Ok(value) => Outcome::Completed {
                result: Some(json!({ "value": value }).to_string()),
            },
            Err(err) => self.framework_failure(FailureKind::ResultSerialization, &err.to_string()),
        }
    }

    fn encode_error(
        &self,
        display: &str,
        error: &dyn convert::erased_serde::Serialize,
        _: usize,
    ) -> Outcome {
        match serde_json::to_value(error) {
            Ok(error) => Outcome::Failed {
                reason: format!("E/{display}"),
                details: json!({ "error": error }).to_string(),
                framework: None,
            },
            Err(err) => self.framework_failure(FailureKind::ErrorSerialization, &err.to_string()),
        }
    }

    fn read_result(&self, result: Option<&str>) -> Result<Value, ReadError> {
        let value: Value = serde_json::from_str(result.unwrap_or("null"))
            .map_err(|err| ReadError::json("not JSON", err))?;
        value
            .get("value")
            .cloned()
            .ok_or_else(|| ReadError::new("no \"value\""))
    }

    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure {
        let parsed: Option<Value> = details.and_then(|d| serde_json::from_str(d).ok());
        match parsed {
            Some(Value::Object(mut fields)) => {
                if let Some(error) = fields.remove("error") {
                    return Failure::from_error(reason, details, error);
                }
                let kind = fields
                    .get("kind")
                    .and_then(Value::as_str)
                    .and_then(FailureKind::from_name);
                match kind {
                    Some(kind) => Failure::from_framework(reason, details, kind, ""),
                    None => Failure::unreadable(reason, details, "neither error nor kind"),
                }
            }
            _ => Failure::unreadable(reason, details, "not an object"),
        }
    }
}

static ENVELOPE: Envelope = Envelope;

#[derive(Debug, thiserror::Error, Serialize, Deserialize, PartialEq)]
enum MathError {
    #[error("{0} is negative")]
    Negative(i64),
}

/// Uses the worker's default converter.
#[activity(version = "1", task_list = "converters")]
async fn add(Args((a, b)): Args<(i64, i64)>) -> Result<i64, MathError> {
    if a < 0 {
        return Err(MathError::Negative(a));
    }
    if a == 13 {
        panic!("unlucky {a}");
    }
    Ok(a + b)
}

/// Names its converter, whatever the worker's default.
#[activity(version = "1", task_list = "converters", converter = ENVELOPE)]
async fn double(n: i64) -> Result<i64, MathError> {
    if n < 0 {
        return Err(MathError::Negative(n));
    }
    Ok(n * 2)
}

/// Waits until the worker shuts down, so that the deadline aborts it.
#[activity(version = "1", task_list = "converters", converter = ENVELOPE)]
async fn linger(ctx: ActivityContext) -> Result<(), MathError> {
    ctx.shutting_down().await;
    std::future::pending::<()>().await;
    Ok(())
}

/// A converter that ignores SWF's limits: its failures carry details SWF refuses.
struct Careless;

impl Converter for Careless {
    fn name(&self) -> &str {
        "careless"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        Outcome::framework_failure(kind, message)
    }
}

impl convert::Converts<(), (), MathError> for Careless {
    fn decode(&self, _: Option<&str>) -> Result<(), Outcome> {
        Ok(())
    }

    fn encode_ok(&self, _: &(), _: usize) -> Outcome {
        Outcome::Completed { result: None }
    }

    fn encode_err(&self, error: &MathError, _: usize) -> Outcome {
        Outcome::Failed {
            reason: error.to_string(),
            details: "x".repeat(40_000),
            framework: None,
        }
    }
}

static CARELESS: Careless = Careless;

#[activity(version = "1", task_list = "converters", converter = CARELESS)]
async fn careless() -> Result<(), MathError> {
    Err(MathError::Negative(-7))
}

async fn local_swf() -> LocalSwf {
    harness::local_swf(DOMAIN, Duration::from_millis(300)).await
}

fn failed(outcome: ActivityOutcome) -> (String, String) {
    match outcome {
        ActivityOutcome::Failed { reason, details } => {
            (reason.unwrap_or_default(), details.unwrap_or_default())
        }
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn the_default_converter_and_a_named_one_each_own_their_tasks() {
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);
    let swf = local_swf().await;
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, "Stranger", "1"))
        .expect("registered");
    let worker = harness::builder(swf.client(), DOMAIN, "converters")
        .converter(Envelope)
        .shutdown_deadline(Duration::from_millis(300))
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let started = logs.wait_for_line("worker started", WAIT).await;
    assert!(
        started.contains("add@1: envelope") && started.contains("double@1: envelope"),
        "{started}"
    );

    let schedule = |name: &str, id: &str, input: &str| {
        harness::schedule(&swf, DOMAIN, name, id, "converters", input)
    };
    // The default (`Envelope`, set on the worker) decodes and encodes `add`.
    let sum = schedule("add", "a1", r#"{"call":[2,3]}"#);
    assert_eq!(
        outcome(&swf, &sum).await,
        ActivityOutcome::Completed {
            result: Some(r#"{"value":5}"#.into())
        }
    );
    let negative = schedule("add", "a2", r#"{"call":[-1,3]}"#);
    let (reason, details) = failed(outcome(&swf, &negative).await);
    assert_eq!(reason, "E/-1 is negative");
    assert_eq!(details, r#"{"error":{"Negative":-1}}"#);
    let error: MathError = convert::read_failure(&Envelope, Some(&reason), Some(&details))
        .decode()
        .expect("the decider reads the error back");
    assert_eq!(error, MathError::Negative(-1));

    // The framework's failures, in the converter's shape.
    let not_a_call = schedule("add", "a3", "[2,3]");
    let (reason, details) = failed(outcome(&swf, &not_a_call).await);
    assert_eq!(reason, "F/InputDecode: expected {\"call\":[...]}");
    assert_eq!(details, r#"{"kind":"InputDecode"}"#);
    let one_too_many = schedule("add", "a4", r#"{"call":[1,2,3]}"#);
    assert_eq!(
        failed(outcome(&swf, &one_too_many).await).0,
        "F/InputDecode: too many arguments: the activity takes 2, the task has 3"
    );
    let unlucky = schedule("add", "a5", r#"{"call":[13,0]}"#);
    assert_eq!(
        failed(outcome(&swf, &unlucky).await),
        (
            "F/Panic: unlucky 13".to_owned(),
            r#"{"kind":"Panic"}"#.to_owned()
        )
    );
    let stranger = schedule("Stranger", "s1", "{}");
    let (reason, details) = failed(outcome(&swf, &stranger).await);
    assert!(
        reason.starts_with(r#"F/UnknownActivityType: "Stranger" version "1" is not served"#),
        "{reason}"
    );
    assert_eq!(details, r#"{"kind":"UnknownActivityType"}"#);
    let failure = convert::read_failure(&Envelope, Some(&reason), Some(&details));
    assert_eq!(failure.kind(), Some(FailureKind::UnknownActivityType));

    // A shutdown that cuts an activity short answers in its converter's shape.
    let lingering = schedule("linger", "l1", "{\"call\":[]}");
    logs.wait_for_line("task started", WAIT).await;
    running.stop().await.expect("clean shutdown");
    assert_eq!(
        failed(outcome(&swf, &lingering).await),
        (
            "F/Aborted: the worker shut down".to_owned(),
            r#"{"kind":"Aborted"}"#.to_owned()
        )
    );
}

#[tokio::test]
async fn a_named_converter_beats_the_default_json() {
    // Every worker test here has a subscriber at INFO: tracing decides once per call site
    // whether anyone listens, and a worker logging with none installed would hide the other
    // test's start-up line.
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);
    let swf = local_swf().await;
    // No `.converter(..)`: the default is JSON, and `double` still speaks `Envelope`.
    let worker = harness::builder(swf.client(), DOMAIN, "converters")
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let schedule = |name: &str, id: &str, input: &str| {
        harness::schedule(&swf, DOMAIN, name, id, "converters", input)
    };
    let doubled = schedule("double", "d1", r#"{"call":[21]}"#);
    let ActivityOutcome::Completed { result } = outcome(&swf, &doubled).await else {
        panic!("double completes");
    };
    assert_eq!(result.as_deref(), Some(r#"{"value":42}"#));
    let n: i64 = convert::decode_result(&Envelope, result.as_deref()).expect("reads back");
    assert_eq!(n, 42);
    // `add` is JSON: a call is an array.
    let sum = schedule("add", "a1", "[2,3]");
    assert_eq!(
        outcome(&swf, &sum).await,
        ActivityOutcome::Completed {
            result: Some("5".into())
        }
    );
    let negative = schedule("add", "a2", "[-4,3]");
    let (reason, details) = failed(outcome(&swf, &negative).await);
    assert_eq!(
        (reason.as_str(), details.as_str()),
        ("-4 is negative", r#"{"Negative":-4}"#)
    );
    let n: i64 = convert::decode_result(&Json, Some("5")).expect("reads back");
    assert_eq!(n, 5);
    running.stop().await.expect("clean shutdown");
}

#[tokio::test]
async fn failure_details_swf_refuses_are_dropped_and_the_reason_kept() {
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);
    let swf = local_swf().await;
    let worker = harness::builder(swf.client(), DOMAIN, "converters")
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let task = harness::schedule(&swf, DOMAIN, "careless", "c1", "converters", "");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Failed {
            reason: Some("-7 is negative".into()),
            details: None,
        }
    );
    logs.wait_for_line("SWF refuses the answer; failing the task instead", WAIT)
        .await;
    running.stop().await.expect("clean shutdown");
}

#[test]
fn the_registry_knows_each_activitys_converter() {
    let double = registry::find("double", "1").expect("registered");
    assert_eq!(double.converter.map(|c| c.name()), Some("envelope"));
    assert_eq!(double.converter(&Json).name(), "envelope");
    let add = registry::find("add", "1").expect("registered");
    assert!(add.converter.is_none());
    assert_eq!(add.converter(&Json).name(), "json");
    assert!(format!("{double:?}").contains("envelope"), "{double:?}");
}

#[tokio::test]
async fn activity_environment_runs_the_activitys_converter() {
    let env = ActivityEnvironment::for_type("add", "1").expect("add");
    assert_eq!(env.converter().name(), "json");
    assert_eq!(env.run((1, 2)).await.answer().result(), Some("3"));
    let env = env.default_converter(Envelope);
    assert_eq!(env.converter().name(), "envelope");
    let run = env.run_raw(Some(r#"{"call":[1,2]}"#)).await;
    assert_eq!(run.answer().result(), Some(r#"{"value":3}"#));
    let run = env.run_raw(Some("[1,2]")).await;
    assert_eq!(
        run.answer().reason(),
        Some("F/InputDecode: expected {\"call\":[...]}")
    );

    let double = ActivityEnvironment::for_type("double", "1")
        .expect("double")
        .default_converter(Json);
    assert_eq!(double.converter().name(), "envelope");
    let run = double.run_raw(Some(r#"{"call":[-2]}"#)).await;
    assert_eq!(run.answer().reason(), Some("E/-2 is negative"));
}

#[test]
fn the_worker_builder_shows_its_default_converter() {
    let client = swf_activity_tests::test_client_builder("http://127.0.0.1:9")
        .build()
        .expect("client");
    let builder = swf_activity::Worker::builder(client, DOMAIN).converter(Envelope);
    assert!(
        format!("{builder:?}").contains("converter: envelope"),
        "{builder:?}"
    );
}
