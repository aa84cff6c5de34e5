//! The [`Simpleflow`] converter against simpleflow's own code (the harness in
//! [`swf_activity_tests::simpleflow`]): simpleflow's decider encodes the inputs the converter
//! decodes, and reads back the results and failures it encodes; simpleflow's worker sends the
//! failures and results the converter reads back. The round trips go through the local SWF and
//! a worker: Python encodes the input, the worker runs a Rust activity, Python reads the answer.
//!
//! Needs simpleflow: `.ci/moto.sh` installs a pinned simpleflow into the moto virtualenv and runs
//! these tests with `SWF_SIMPLEFLOW_PYTHON` naming its `python`.

use std::sync::MutexGuard;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use swf_activity::convert::{Args, Converter, Converts, DataConverter, Simpleflow};
use swf_activity::failure::{FailureKind, Outcome};
use swf_activity::model::RegisterActivityType;
use swf_activity::rules::{DATA_MAX, REASON_MAX, swf_len};
use swf_activity::testing::{ActivityOutcome, LocalSwf};
use swf_activity::{activity, failure};
use swf_activity_tests::simpleflow::{
    FailureContext, PyException, Simpleflow as Python, WorkerAnswer, no_kwargs, object,
};
use swf_activity_tests::worker::{self as harness, RunningWorker, outcome};

const DOMAIN: &str = "simpleflow-converter";

static SIMPLEFLOW: Simpleflow = Simpleflow::new();

fn python() -> MutexGuard<'static, Python> {
    Python::shared()
}

/// simpleflow's decider reads `outcome`, a failure: its `TaskFailureContext`.
fn python_reads(outcome: &Outcome) -> FailureContext {
    python().read_failure(outcome.reason(), outcome.details())
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
struct Order {
    sku: String,
    qty: u32,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize, PartialEq)]
enum ChargeError {
    #[error("card ending {last4} was declined")]
    Declined { last4: String },
    #[error("card expired")]
    Expired,
    #[error("over the limit by {0}")]
    OverLimit(u32),
    #[error("café fermé 😀")]
    Closed,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize, PartialEq)]
#[error("out of {sku}")]
struct OutOfStock {
    sku: String,
}

// ---------------------------------------------------------------------------------------------
// Inputs simpleflow's decider encodes

fn decode<I: swf_activity::convert::FromInput>(input: &str) -> Result<I, Outcome> {
    <Simpleflow as Converts<I, (), OutOfStock>>::decode(&SIMPLEFLOW, Some(input))
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn every_input_simpleflow_schedules_decodes() {
    let kwargs = object(json!({"sku": "caf\u{e9}", "qty": 2}));
    let args = [json!("caf\u{e9}"), json!(2)];
    let meta = json!({"owner": "billing"});
    let mut py = python();
    let as_kwargs = [
        py.encode_input(&[], &kwargs, None),
        py.encode_input(&[], &kwargs, Some(&meta)),
        py.encode_non_pythonic_input(&[], &kwargs, None),
        // The bare kwargs with "meta" merged in.
        py.encode_non_pythonic_input(&[], &kwargs, Some(&meta)),
        // One positional argument: the object itself.
        py.encode_input(
            &[json!({"sku": "caf\u{e9}", "qty": 2})],
            &no_kwargs(),
            Some(&meta),
        ),
    ];
    let as_args = [
        py.encode_input(&args, &no_kwargs(), None),
        py.encode_input(&args, &no_kwargs(), Some(&meta)),
        py.encode_non_pythonic_input(&args, &no_kwargs(), None),
    ];
    let nothing = [
        py.encode_input(&[], &no_kwargs(), None),
        py.encode_input(&[], &no_kwargs(), Some(&meta)),
        py.encode_non_pythonic_input(&[], &no_kwargs(), None),
    ];
    drop(py);
    let order = Order {
        sku: "café".into(),
        qty: 2,
    };
    for input in as_kwargs {
        let input = input.expect("simpleflow encodes it");
        assert_eq!(decode::<Order>(&input), Ok(order.clone()), "{input}");
    }
    for input in as_args {
        let input = input.expect("simpleflow encodes it");
        let Args((sku, qty)) = decode::<Args<(String, u32)>>(&input).expect(&input);
        assert_eq!((sku.as_str(), qty), ("café", 2), "{input}");
    }
    for input in nothing {
        let input = input.expect("simpleflow encodes it");
        assert_eq!(decode::<()>(&input), Ok(()), "{input}");
        assert_eq!(decode::<Option<Order>>(&input), Ok(None), "{input}");
    }
}

// ---------------------------------------------------------------------------------------------
// Results and failures, as simpleflow's decider reads them

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn results_read_by_simpleflow_as_the_same_value() {
    let mut py = python();
    for value in [
        json!({"receipt": "r-1", "total": 12.5, "note": "café 😀"}),
        json!([1, "two", null]),
        json!("ok"),
        json!(42),
        json!(false),
    ] {
        let outcome = SIMPLEFLOW.encode_result(&value, DATA_MAX);
        let read = py.decode_result(outcome.result());
        assert_eq!(read.json(), &value, "{outcome:?}");
    }
    // `()` sends no result; the decider's future holds None.
    let unit = SIMPLEFLOW.encode_result(&(), DATA_MAX);
    assert_eq!(unit.result(), None);
    assert_eq!(py.decode_result(unit.result()).type_name, "NoneType");
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn errors_read_by_simpleflow_with_name_message_and_serialized_error() {
    fn encode<E: std::fmt::Display + Serialize>(error: &E) -> Outcome {
        <Simpleflow as Converts<(), (), E>>::encode_err(&SIMPLEFLOW, error, DATA_MAX)
    }
    let cases = [
        (
            encode(&ChargeError::Declined {
                last4: "4242".into(),
            }),
            "Declined",
            "card ending 4242 was declined",
            json!({"Declined": {"last4": "4242"}}),
        ),
        (
            encode(&ChargeError::Expired),
            "Expired",
            "card expired",
            json!("Expired"),
        ),
        (
            encode(&ChargeError::OverLimit(5)),
            "OverLimit",
            "over the limit by 5",
            json!({"OverLimit": 5}),
        ),
        (
            encode(&ChargeError::Closed),
            "Closed",
            "café fermé 😀",
            json!("Closed"),
        ),
        (
            encode(&OutOfStock { sku: "A1".into() }),
            "OutOfStock",
            "out of A1",
            json!({"sku": "A1"}),
        ),
    ];
    for (outcome, name, message, serialized) in cases {
        assert_eq!(outcome.failure_kind(), None);
        let context = python_reads(&outcome);
        assert_eq!(context.exception, "TaskFailed");
        assert_eq!(context.reason, Some(format!("{name}: {message}")));
        assert_eq!(context.task_error.as_deref(), Some(name), "{context:?}");
        assert_eq!(
            context.task_message.as_deref(),
            Some(message),
            "{context:?}"
        );
        // `rust::<Name>` names nothing Python imports, so the decider keeps no type.
        assert_eq!(context.task_error_type, None, "{context:?}");
        let details = context.details.expect("details");
        assert_eq!(details.type_name, "dict");
        assert_eq!(details.json()["serialized"], serialized);
        assert_eq!(details.json()["error_type"], format!("rust::{name}"));
        assert_eq!(
            details.json()["traceback"],
            json!([format!("rust::{name}: {message}\n")])
        );
    }

    // The Rust side reads the same failures back into the error type.
    let declined = ChargeError::Declined {
        last4: "4242".into(),
    };
    let outcome = encode(&declined);
    let failure = SIMPLEFLOW.read_failure(outcome.reason(), outcome.details());
    assert_eq!(failure.decode::<ChargeError>().expect("decodes"), declined);
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn a_renamed_error_never_makes_the_decider_import_anything() {
    // A name with dots would be a module path to Python; error_type spells it with `::`.
    #[derive(Debug, thiserror::Error, Serialize)]
    #[serde(rename = "os.system")]
    #[error("renamed")]
    struct Renamed {}
    let outcome =
        <Simpleflow as Converts<(), (), Renamed>>::encode_err(&SIMPLEFLOW, &Renamed {}, DATA_MAX);
    let context = python_reads(&outcome);
    assert_eq!(context.task_error.as_deref(), Some("os.system"));
    assert_eq!(context.task_error_type, None);
    assert_eq!(
        context.details.expect("details").json()["error_type"],
        "rust::os::system"
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn framework_failures_read_by_simpleflow_and_back_as_their_kind() {
    for kind in FailureKind::ALL {
        let outcome = SIMPLEFLOW.framework_failure(kind, "why it failed");
        let context = python_reads(&outcome);
        let name = format!("{kind}Error");
        assert_eq!(context.reason, Some(format!("{name}: why it failed")));
        assert_eq!(context.task_error.as_deref(), Some(name.as_str()));
        assert_eq!(context.task_message.as_deref(), Some("why it failed"));
        assert_eq!(context.task_error_type, None);
        let details = context.details.expect("details");
        assert_eq!(details.json()["framework_error"], kind.as_str());
        assert_eq!(details.json().get("serialized"), None);

        let failure = SIMPLEFLOW.read_failure(outcome.reason(), outcome.details());
        assert_eq!(failure.kind(), Some(kind));
        assert_eq!(failure.framework_message(), Some("why it failed"));
    }
    // An empty message leaves the name alone, as simpleflow's own worker does.
    let panicked = SIMPLEFLOW.framework_failure(FailureKind::Panic, "");
    let context = python_reads(&panicked);
    assert_eq!(context.reason.as_deref(), Some("PanicError"));
    assert_eq!(context.task_message.as_deref(), Some(""));
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn oversized_failures_are_cut_not_replaced() {
    #[derive(Debug, thiserror::Error, Serialize)]
    #[error("{0}")]
    struct Huge(String);
    let text = "é".repeat(40_000);
    let outcome = <Simpleflow as Converts<(), (), Huge>>::encode_err(
        &SIMPLEFLOW,
        &Huge(text.clone()),
        DATA_MAX,
    );
    let (reason, details) = (
        outcome.reason().expect("reason"),
        outcome.details().expect("details"),
    );
    assert!(swf_len(reason) <= REASON_MAX && swf_len(details) <= DATA_MAX);

    let context = python_reads(&outcome);
    // Not simpleflow's JumboTooLargeError: the decider still knows the error.
    assert_eq!(context.reason.as_deref(), Some(reason));
    assert!(reason.starts_with("Huge: ééé") && reason.ends_with(failure::TRUNCATION_MARK));
    assert_eq!(context.task_error.as_deref(), Some("Huge"));
    let message = context.task_message.expect("message");
    assert!(message.starts_with("ééé") && message.ends_with(failure::TRUNCATION_MARK));
    let dict = context.details.expect("details");
    assert_eq!(
        dict.json()["serialized_truncated"]["$swf_activity"],
        "truncated"
    );

    let failure = SIMPLEFLOW.read_failure(Some(reason), Some(details));
    assert!(failure.is_truncated());
    assert_eq!(
        failure.original_length(),
        Some(swf_len(&serde_json::to_string(&text).expect("JSON")))
    );
}

// ---------------------------------------------------------------------------------------------
// What simpleflow's worker sends, read back

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn a_python_workers_answers_read_back() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct PythonError {
        error: String,
        error_type: String,
        message: String,
    }
    let mut py = python();
    let sent = py.worker_failure(&PyException::class(
        "payments.DeclinedError",
        "card declined",
    ));
    let failure = SIMPLEFLOW.read_failure(sent.reason.as_deref(), sent.details.as_deref());
    assert_eq!(failure.kind(), None);
    assert_eq!(
        failure.decode::<PythonError>().expect("decodes"),
        PythonError {
            error: "DeclinedError".into(),
            error_type: "payments.DeclinedError".into(),
            message: "card declined".into(),
        }
    );

    let input = py
        .encode_input(&[json!("A1")], &object(json!({"qty": 2})), None)
        .expect("simpleflow encodes it");
    let WorkerAnswer::Completed { result } = py.worker_run(Some(&input)) else {
        panic!("the echo activity completes");
    };
    assert_eq!(
        SIMPLEFLOW.read_result(result.as_deref()).expect("reads"),
        json!({"args": ["A1"], "kwargs": {"qty": 2}})
    );
}

// ---------------------------------------------------------------------------------------------
// Round trips through the local SWF and the worker

#[activity(name = "sf.charge", version = "1", task_list = "sf", converter = SIMPLEFLOW)]
async fn sf_charge(order: Order) -> Result<String, ChargeError> {
    if order.sku == "declined" {
        return Err(ChargeError::Declined {
            last4: "4242".into(),
        });
    }
    Ok(format!("receipt for {} x {}", order.qty, order.sku))
}

#[activity(name = "sf.ship", version = "1", task_list = "sf", converter = SIMPLEFLOW)]
fn sf_ship(Args((sku, qty)): Args<(String, u32)>) -> Result<Value, OutOfStock> {
    if qty > 10 {
        return Err(OutOfStock { sku });
    }
    Ok(json!({"sku": sku, "qty": qty}))
}

#[activity(name = "sf.panics", version = "1", task_list = "sf", converter = SIMPLEFLOW)]
async fn sf_panics(message: String) -> Result<(), OutOfStock> {
    panic!("{message}")
}

/// Names no converter: the worker's default decides.
#[activity(name = "sf.default", version = "1", task_list = "sf-default")]
async fn sf_default(order: Order) -> Result<u32, OutOfStock> {
    if order.qty == 0 {
        return Err(OutOfStock { sku: order.sku });
    }
    Ok(order.qty * 2)
}

async fn local_swf() -> LocalSwf {
    harness::local_swf(DOMAIN, Duration::from_millis(500)).await
}

/// Schedules `name` with `input` and waits for how it ended.
async fn run(
    swf: &LocalSwf,
    name: &str,
    id: &str,
    task_list: &str,
    input: &str,
) -> ActivityOutcome {
    let task = harness::schedule(swf, DOMAIN, name, id, task_list, input);
    outcome(swf, &task).await
}

fn completed(outcome: ActivityOutcome) -> Option<String> {
    match outcome {
        ActivityOutcome::Completed { result } => result,
        other => panic!("expected completion, got {other:?}"),
    }
}

fn failed(outcome: ActivityOutcome) -> FailureContext {
    match outcome {
        ActivityOutcome::Failed { reason, details } => {
            python().read_failure(reason.as_deref(), details.as_deref())
        }
        other => panic!("expected failure, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
async fn round_trips_through_the_worker() {
    let swf = local_swf().await;
    let worker = harness::builder(swf.client(), DOMAIN, "sf")
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    let (charge, declined, ship, ship_bare, too_many_pieces, panics) = {
        let mut py = python();
        let meta = json!({"owner": "billing"});
        (
            py.encode_input(&[], &object(json!({"sku": "A1", "qty": 2})), Some(&meta)),
            py.encode_non_pythonic_input(
                &[],
                &object(json!({"sku": "declined", "qty": 1})),
                Some(&meta),
            ),
            py.encode_input(&[json!("A1"), json!(3)], &no_kwargs(), None),
            py.encode_non_pythonic_input(&[json!("B2"), json!(4)], &no_kwargs(), None),
            py.encode_input(&[json!("C3"), json!(11)], &no_kwargs(), None),
            py.encode_input(&[json!("boom")], &no_kwargs(), None),
        )
    };
    let input = |encoded: Result<String, _>| encoded.expect("simpleflow encodes it");

    let result = completed(run(&swf, "sf.charge", "c1", "sf", &input(charge)).await);
    assert_eq!(
        python().decode_result(result.as_deref()).json(),
        &json!("receipt for 2 x A1")
    );

    let context = failed(run(&swf, "sf.charge", "c2", "sf", &input(declined)).await);
    assert_eq!(
        context.reason.as_deref(),
        Some("Declined: card ending 4242 was declined")
    );
    assert_eq!(context.task_error.as_deref(), Some("Declined"));
    assert_eq!(
        context.task_message.as_deref(),
        Some("card ending 4242 was declined")
    );
    assert_eq!(
        context.details.expect("details").json()["serialized"],
        json!({"Declined": {"last4": "4242"}})
    );

    for (id, encoded, expected) in [
        ("s1", ship, json!({"sku": "A1", "qty": 3})),
        ("s2", ship_bare, json!({"sku": "B2", "qty": 4})),
    ] {
        let result = completed(run(&swf, "sf.ship", id, "sf", &input(encoded)).await);
        assert_eq!(
            python().decode_result(result.as_deref()).json(),
            &expected,
            "{id}"
        );
    }
    let context = failed(run(&swf, "sf.ship", "s3", "sf", &input(too_many_pieces)).await);
    assert_eq!(context.reason.as_deref(), Some("OutOfStock: out of C3"));
    assert_eq!(
        context.details.expect("details").json()["serialized"],
        json!({"sku": "C3"})
    );

    let context = failed(run(&swf, "sf.panics", "p1", "sf", &input(panics)).await);
    assert_eq!(context.reason.as_deref(), Some("PanicError: boom"));
    assert_eq!(context.task_error.as_deref(), Some("PanicError"));
    assert_eq!(
        context.details.expect("details").json()["framework_error"],
        "Panic"
    );

    running.stop().await.expect("the worker stops");
}

#[tokio::test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
async fn bad_inputs_fail_in_simpleflows_shape() {
    let swf = local_swf().await;
    let worker = harness::builder(swf.client(), DOMAIN, "sf")
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    let (too_few, too_many, kwargs_to_args, args_to_struct) = {
        let mut py = python();
        (
            py.encode_input(&[json!("A1")], &no_kwargs(), None),
            py.encode_input(&[json!("A1"), json!(1), json!(2)], &no_kwargs(), None),
            py.encode_input(&[], &object(json!({"sku": "A1", "qty": 1})), None),
            py.encode_input(&[json!("A1"), json!(1)], &no_kwargs(), None),
        )
    };
    let input = |encoded: Result<String, _>| encoded.expect("simpleflow encodes it");
    let cases = [
        (
            "b1",
            "sf.ship",
            "not json".to_owned(),
            "the input is not JSON: expected ident at line 1 column 2",
        ),
        (
            "b2",
            "sf.ship",
            r#"{"args":"A1","kwargs":{}}"#.to_owned(),
            "\"args\" must be a list of positional arguments, found a string",
        ),
        (
            "b3",
            "sf.charge",
            r#"{"args":[],"kwargs":["A1"]}"#.to_owned(),
            "\"kwargs\" must be an object of keyword arguments, found a list",
        ),
        (
            "b4",
            "sf.charge",
            "\"A1\"".to_owned(),
            "expected simpleflow's input, {\"args\":[...],\"kwargs\":{...}}, or bare keyword arguments (an object) or bare positional arguments (a list); found a string",
        ),
        (
            "b5",
            "sf.ship",
            input(too_few),
            "too few arguments: argument 2 is missing and its type does not take null (invalid type: null, expected u32)",
        ),
        (
            "b6",
            "sf.ship",
            input(too_many),
            "too many arguments: the activity takes 2, the task has 3",
        ),
        (
            "b7",
            "sf.ship",
            input(kwargs_to_args),
            "unexpected keyword argument \"qty\": the activity takes 2 positional arguments",
        ),
        (
            "b8",
            "sf.charge",
            input(args_to_struct),
            "too many arguments: the activity takes 1, the task has 2",
        ),
    ];
    for (id, name, input, message) in cases {
        let context = failed(run(&swf, name, id, "sf", &input).await);
        assert_eq!(
            context.reason,
            Some(format!("InputDecodeError: {message}")),
            "{input}"
        );
        assert_eq!(
            context.task_error.as_deref(),
            Some("InputDecodeError"),
            "{input}"
        );
        assert_eq!(context.task_message.as_deref(), Some(message), "{input}");
        assert_eq!(context.task_error_type, None, "{input}");
        let details = context.details.expect("details");
        assert_eq!(details.json()["framework_error"], "InputDecode", "{input}");
    }

    running.stop().await.expect("the worker stops");
}

#[tokio::test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
async fn the_workers_default_converter() {
    let swf = local_swf().await;
    let worker = harness::builder(swf.client(), DOMAIN, "sf-default")
        .converter(Simpleflow::new())
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    let (ok, out) = {
        let mut py = python();
        (
            py.encode_input(&[], &object(json!({"sku": "A1", "qty": 21})), None),
            py.encode_non_pythonic_input(&[], &object(json!({"sku": "Z9", "qty": 0})), None),
        )
    };
    let result = completed(
        run(
            &swf,
            "sf.default",
            "d1",
            "sf-default",
            &ok.expect("encoded"),
        )
        .await,
    );
    assert_eq!(python().decode_result(result.as_deref()).json(), &json!(42));
    let context = failed(
        run(
            &swf,
            "sf.default",
            "d2",
            "sf-default",
            &out.expect("encoded"),
        )
        .await,
    );
    assert_eq!(context.reason.as_deref(), Some("OutOfStock: out of Z9"));
    assert_eq!(context.task_error.as_deref(), Some("OutOfStock"));

    // A task of a type this worker does not serve fails in the default converter's shape.
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, "sf.unknown", "1"))
        .expect("registered");
    let context = failed(run(&swf, "sf.unknown", "d3", "sf-default", "{}").await);
    assert_eq!(
        context.task_error.as_deref(),
        Some("UnknownActivityTypeError")
    );
    assert_eq!(
        context.details.expect("details").json()["framework_error"],
        "UnknownActivityType"
    );

    running.stop().await.expect("the worker stops");
}

#[test]
fn the_converter_is_named_simpleflow() {
    assert_eq!(SIMPLEFLOW.name(), "simpleflow");
    assert_eq!(Simpleflow::default(), Simpleflow::new());
}
