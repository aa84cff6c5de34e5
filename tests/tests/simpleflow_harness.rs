//! What simpleflow deciders and workers put on the wire, pinned through simpleflow's own code
//! (the harness in [`swf_activity_tests::simpleflow`]), not through our reading of it. Each
//! assertion is a fact a converter serving simpleflow deciders has to match: the inputs it will
//! be given, how the decider reads the results and failures it sends back, and the failure shape
//! a simpleflow worker sends for the same error.
//!
//! Needs simpleflow: `.ci/moto.sh` installs a pinned simpleflow into the moto virtualenv and runs
//! these tests with `SWF_SIMPLEFLOW_PYTHON` naming its `python`.

use serde_json::{Value, json};
use swf_activity_tests::simpleflow::{
    PyException, Simpleflow, WorkerAnswer, WorkerFailure, no_kwargs, object,
};

/// The keys of the details object a simpleflow worker sends, and its decider reads.
const DETAILS_KEYS: [&str; 4] = ["error", "error_type", "message", "traceback"];

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

// ---------------------------------------------------------------------------------------------
// Inputs a simpleflow decider schedules

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn input_is_compact_sorted_ascii_json_of_args_and_kwargs() {
    let input = Simpleflow::shared()
        .encode_input(
            &[json!(1), json!("x"), json!({"z": 1, "a": [1.5, null]})],
            &object(json!({"sku": "caf\u{e9}", "qty": 2, "gift": true})),
            None,
        )
        .expect("simpleflow encodes the input");
    // No spaces, keys sorted at every level, non-ASCII escaped as \uXXXX.
    assert_eq!(
        input,
        r#"{"args":[1,"x",{"a":[1.5,null],"z":1}],"kwargs":{"gift":true,"qty":2,"sku":"caf\u00e9"}}"#
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn input_without_arguments_still_has_args_and_kwargs() {
    let input = Simpleflow::shared()
        .encode_input(&[], &no_kwargs(), None)
        .expect("simpleflow encodes the input");
    assert_eq!(input, r#"{"args":[],"kwargs":{}}"#);
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn activity_meta_is_a_third_key_and_empty_meta_is_left_out() {
    let mut simpleflow = Simpleflow::shared();
    let with_meta = simpleflow
        .encode_input(
            &[json!("order-7")],
            &object(json!({"retry": false})),
            Some(&json!({"owner": "billing", "tier": 2})),
        )
        .expect("simpleflow encodes the input");
    assert_eq!(
        with_meta,
        r#"{"args":["order-7"],"kwargs":{"retry":false},"meta":{"owner":"billing","tier":2}}"#
    );
    let empty_meta = simpleflow
        .encode_input(&[json!("order-7")], &no_kwargs(), Some(&json!({})))
        .expect("simpleflow encodes the input");
    assert_eq!(empty_meta, r#"{"args":["order-7"],"kwargs":{}}"#);
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn non_pythonic_tasks_send_the_bare_kwargs_or_the_bare_args() {
    let mut simpleflow = Simpleflow::shared();
    let kwargs = simpleflow
        .encode_non_pythonic_input(&[], &object(json!({"sku": "A1", "qty": 2})), None)
        .expect("simpleflow encodes bare kwargs");
    assert_eq!(kwargs, r#"{"qty":2,"sku":"A1"}"#);
    let args = simpleflow
        .encode_non_pythonic_input(&[json!("A1"), json!(2)], &no_kwargs(), None)
        .expect("simpleflow encodes bare args");
    assert_eq!(args, r#"["A1",2]"#);
    let nothing = simpleflow
        .encode_non_pythonic_input(&[], &no_kwargs(), None)
        .expect("simpleflow encodes no arguments");
    assert_eq!(nothing, "[]", "no arguments: the empty args list");

    // Never both: the decider refuses before anything is sent.
    let both = simpleflow
        .encode_non_pythonic_input(&[json!(1)], &object(json!({"a": 1})), None)
        .expect_err("simpleflow refuses args and kwargs together");
    assert_eq!(both.error, "ValueError");
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn non_pythonic_meta_joins_the_bare_kwargs() {
    let mut simpleflow = Simpleflow::shared();
    // The bare kwargs object gets a "meta" key beside the arguments: a converter reading bare
    // kwargs sees it as one more field.
    let kwargs = simpleflow
        .encode_non_pythonic_input(
            &[],
            &object(json!({"sku": "A1"})),
            Some(&json!({"owner": "billing"})),
        )
        .expect("simpleflow encodes bare kwargs with meta");
    assert_eq!(kwargs, r#"{"meta":{"owner":"billing"},"sku":"A1"}"#);
    // Bare args cannot carry meta: simpleflow fails to schedule such a task.
    let args = simpleflow
        .encode_non_pythonic_input(&[json!("A1")], &no_kwargs(), Some(&json!({"owner": "b"})))
        .expect_err("bare args with meta do not schedule");
    assert_eq!(args.error, "TypeError");
}

// ---------------------------------------------------------------------------------------------
// Results, as a simpleflow decider reads them

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_reads_a_result_as_plain_json() {
    let mut simpleflow = Simpleflow::shared();
    let cases = [
        (
            r#"{"receipt":"r-1","total":12.5}"#,
            "dict",
            json!({"receipt": "r-1", "total": 12.5}),
        ),
        ("[1,2]", "list", json!([1, 2])),
        (r#""ok""#, "str", json!("ok")),
        ("42", "int", json!(42)),
        ("true", "bool", json!(true)),
        ("null", "NoneType", Value::Null),
        // Formatting does not matter: any JSON is read.
        (
            "{ \"b\" : 1 ,\n \"a\" : 2 }",
            "dict",
            json!({"a": 2, "b": 1}),
        ),
    ];
    for (result, type_name, value) in cases {
        let read = simpleflow.decode_result(Some(result));
        assert_eq!(read.type_name, type_name, "{result}: {read:?}");
        assert_eq!(read.json(), &value, "{result}: {read:?}");
    }
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_falls_back_to_the_raw_string_and_reads_no_result_as_none() {
    let mut simpleflow = Simpleflow::shared();
    for raw in ["receipt r-1", r#"{"receipt":"#, "'single'"] {
        let read = simpleflow.decode_result(Some(raw));
        assert_eq!(read.type_name, "str", "{raw}: {read:?}");
        assert_eq!(read.json(), &json!(raw), "{raw}: {read:?}");
    }
    // A raw string and the same text as a JSON string are the same value to the decider.
    assert_eq!(
        simpleflow.decode_result(Some("done")),
        simpleflow.decode_result(Some(r#""done""#))
    );
    for nothing in [None, Some("")] {
        let read = simpleflow.decode_result(nothing);
        assert_eq!(read.type_name, "NoneType", "{nothing:?}: {read:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Failures, as a simpleflow decider reads them

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_reads_error_message_and_type_from_the_details() {
    let details = r#"{"error":"ValueError","error_type":"ValueError","message":"bad sku","traceback":["ValueError: bad sku\n"]}"#;
    let context = Simpleflow::shared().read_failure(Some("ValueError: bad sku"), Some(details));
    assert_eq!(context.exception, "TaskFailed");
    assert_eq!(context.reason.as_deref(), Some("ValueError: bad sku"));
    assert_eq!(context.task_error.as_deref(), Some("ValueError"));
    assert_eq!(context.task_message.as_deref(), Some("bad sku"));
    // A builtin's error_type has no module; the decider imports it from builtins.
    assert_eq!(
        context.task_error_type.as_deref(),
        Some("builtins.ValueError")
    );
    let parsed = context.details.expect("details are read");
    assert_eq!(parsed.type_name, "dict");
    assert_eq!(
        parsed.json(),
        &serde_json::from_str::<Value>(details).expect("JSON")
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_imports_a_module_error_type_when_it_can_and_reads_the_rest_anyway() {
    let mut simpleflow = Simpleflow::shared();
    let importable = simpleflow.read_failure(
        Some("JSONDecodeError: bad"),
        Some(r#"{"error":"JSONDecodeError","error_type":"json.decoder.JSONDecodeError","message":"bad"}"#),
    );
    assert_eq!(
        importable.task_error_type.as_deref(),
        Some("json.decoder.JSONDecodeError")
    );
    // A type the decider cannot import (a Rust error's, say) is dropped silently; error and
    // message are still read.
    let foreign = simpleflow.read_failure(
        Some("Declined: card declined"),
        Some(r#"{"error":"Declined","error_type":"payments::Declined","message":"card declined"}"#),
    );
    assert_eq!(foreign.task_error_type, None);
    assert_eq!(foreign.task_error.as_deref(), Some("Declined"));
    assert_eq!(foreign.task_message.as_deref(), Some("card declined"));
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_keeps_extra_detail_keys_for_the_workflow() {
    // The serialized error can ride along under a key of its own: the decider still reads
    // error and message, and hands the whole object to on_task_failure.
    let details = r#"{"error":"Declined","error_type":"Declined","message":"card declined","serialized":{"Declined":{"last4":"4242"}},"traceback":[]}"#;
    let context = Simpleflow::shared().read_failure(Some("Declined: card declined"), Some(details));
    assert_eq!(context.task_error.as_deref(), Some("Declined"));
    assert_eq!(context.task_message.as_deref(), Some("card declined"));
    let parsed = context.details.expect("details are read");
    assert_eq!(
        parsed.json()["serialized"],
        json!({"Declined": {"last4": "4242"}})
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn decider_tolerates_any_reason_and_details() {
    let mut simpleflow = Simpleflow::shared();
    let cases: [(Option<&str>, Option<&str>, &str); 5] = [
        (
            Some("stack trace, not JSON"),
            Some("at line 3: boom"),
            "str",
        ),
        (Some("a list"), Some("[1,2]"), "list"),
        (Some("half an object"), Some(r#"{"error":"#), "str"),
        (Some("no details"), None, ""),
        (None, None, ""),
    ];
    for (reason, details, details_type) in cases {
        let context = simpleflow.read_failure(reason, details);
        assert_eq!(context.exception, "TaskFailed", "{details:?}");
        assert_eq!(context.reason.as_deref(), reason, "{details:?}");
        assert_eq!(
            context.details.as_ref().map(|d| d.type_name.as_str()),
            details.map(|_| details_type),
            "{details:?}: {context:?}"
        );
        if let (Some(read), Some(sent)) = (&context.details, details) {
            // JSON when it parses, the raw string otherwise.
            let expected = serde_json::from_str(sent).unwrap_or_else(|_| json!(sent));
            assert_eq!(read.json(), &expected, "{sent}");
        }
        assert_eq!(context.task_error, None, "{details:?}");
        assert_eq!(context.task_message, None, "{details:?}");
        assert_eq!(context.task_error_type, None, "{details:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Failures, as a simpleflow worker sends them

fn assert_worker_details(failure: &WorkerFailure, error: &str, error_type: &str, message: &str) {
    let details = failure.details_json();
    assert_eq!(keys(&details), DETAILS_KEYS, "{details}");
    assert_eq!(details["error"], error, "{details}");
    assert_eq!(details["error_type"], error_type, "{details}");
    assert_eq!(details["message"], message, "{details}");
    let traceback = details["traceback"]
        .as_array()
        .unwrap_or_else(|| panic!("traceback is a list: {details}"));
    assert!(
        traceback.iter().all(Value::is_string),
        "traceback lines are strings: {details}"
    );
    // The last line names the exception as Python prints it.
    let last = if message.is_empty() {
        format!("{error_type}\n")
    } else {
        format!("{error_type}: {message}\n")
    };
    assert_eq!(traceback.last(), Some(&json!(last)), "{details}");
    // Compact JSON with sorted keys, like everything simpleflow encodes.
    let expected_start = format!(
        r#"{{"error":{},"error_type":{},"message":{},"traceback":["#,
        json!(error),
        json!(error_type),
        json!(message)
    );
    let sent = failure.details.as_deref().unwrap_or_default();
    assert!(sent.starts_with(&expected_start), "{sent}");
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_failure_for_a_builtin_exception() {
    let failure = Simpleflow::shared().worker_failure(&PyException::class("ValueError", "bad sku"));
    assert_eq!(failure.reason.as_deref(), Some("ValueError: bad sku"));
    // A builtin's error_type has no module.
    assert_worker_details(&failure, "ValueError", "ValueError", "bad sku");
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_failure_for_a_module_exception() {
    let failure = Simpleflow::shared().worker_failure(&PyException::class(
        "payments.DeclinedError",
        "card declined",
    ));
    // The reason names the class alone; error_type carries the module.
    assert_eq!(
        failure.reason.as_deref(),
        Some("DeclinedError: card declined")
    );
    assert_worker_details(
        &failure,
        "DeclinedError",
        "payments.DeclinedError",
        "card declined",
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_message_is_the_exceptions_str_and_an_empty_one_leaves_the_class_alone() {
    let mut simpleflow = Simpleflow::shared();
    // str(KeyError('sku')) is the repr of the key, quotes included.
    let key = simpleflow.worker_failure(&PyException::expression("KeyError('sku')"));
    assert_eq!(key.reason.as_deref(), Some("KeyError: 'sku'"));
    assert_worker_details(&key, "KeyError", "KeyError", "'sku'");

    let empty = simpleflow.worker_failure(&PyException::class("ValueError", ""));
    assert_eq!(empty.reason.as_deref(), Some("ValueError"), "no colon");
    assert_worker_details(&empty, "ValueError", "ValueError", "");
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_failures_read_back_by_the_decider() {
    let mut simpleflow = Simpleflow::shared();
    for (exception, error, message, error_type) in [
        (
            PyException::class("ValueError", "bad sku"),
            "ValueError",
            "bad sku",
            "builtins.ValueError",
        ),
        (
            PyException::class("payments.DeclinedError", "card declined"),
            "DeclinedError",
            "card declined",
            "payments.DeclinedError",
        ),
    ] {
        let sent = simpleflow.worker_failure(&exception);
        let read = simpleflow.read_failure(sent.reason.as_deref(), sent.details.as_deref());
        assert_eq!(read.reason, sent.reason);
        assert_eq!(read.task_error.as_deref(), Some(error), "{read:?}");
        assert_eq!(read.task_message.as_deref(), Some(message), "{read:?}");
        assert_eq!(
            read.task_error_type.as_deref(),
            Some(error_type),
            "{read:?}"
        );
    }
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_reason_over_256_characters_replaces_the_failure() {
    // Without a jumbo-fields bucket, a simpleflow worker whose reason is over SWF's 256 does not
    // cut it: it sends only a JumboTooLargeError reason, and the error and its details are lost.
    // A converter should cut instead; the decider reads whatever reason it gets.
    let message = "x".repeat(300);
    let failure = Simpleflow::shared().worker_failure(&PyException::class("ValueError", &message));
    assert_eq!(
        failure.reason.as_deref(),
        Some("JumboTooLargeError: Message too long (312 chars)")
    );
    assert_eq!(failure.details, None);
}

// ---------------------------------------------------------------------------------------------
// Inputs, as a simpleflow worker reads them

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn worker_reads_args_and_kwargs_ignores_meta_and_defaults_missing_keys() {
    let mut simpleflow = Simpleflow::shared();
    let input = simpleflow
        .encode_input(
            &[json!("order-7"), json!(2)],
            &object(json!({"rush": true, "note": "gift"})),
            Some(&json!({"owner": "billing"})),
        )
        .expect("simpleflow encodes the input");
    // The echo activity returns what it was called with; the worker encodes results compact and
    // sorted too.
    assert_eq!(
        simpleflow.worker_run(Some(&input)),
        WorkerAnswer::Completed {
            result: Some(r#"{"args":["order-7",2],"kwargs":{"note":"gift","rush":true}}"#.into())
        }
    );
    assert_eq!(
        simpleflow.worker_run(Some(r#"{"kwargs":{"a":1}}"#)),
        WorkerAnswer::Completed {
            result: Some(r#"{"args":[],"kwargs":{"a":1}}"#.into())
        }
    );
    assert_eq!(
        simpleflow.worker_run(Some("{}")),
        WorkerAnswer::Completed {
            result: Some(r#"{"args":[],"kwargs":{}}"#.into())
        }
    );
}

#[test]
#[ignore = "needs simpleflow: run .ci/moto.sh, which sets SWF_SIMPLEFLOW_PYTHON"]
fn python_worker_fails_the_bare_forms_with_its_own_shape() {
    // The bare forms are for workers in other languages: a simpleflow worker cannot read them
    // and fails the task with its usual shape.
    let mut simpleflow = Simpleflow::shared();
    for (input, type_name) in [
        (Some("[1,2]"), "list"),
        (Some("not json"), "str"),
        (None, "NoneType"),
    ] {
        let WorkerAnswer::Failed(failure) = simpleflow.worker_run(input) else {
            panic!("{input:?} is not read by a simpleflow worker");
        };
        let message = format!("'{type_name}' object has no attribute 'get'");
        assert_eq!(
            failure.reason,
            Some(format!("AttributeError: {message}")),
            "{input:?}"
        );
        assert_worker_details(&failure, "AttributeError", "AttributeError", &message);
    }
}
