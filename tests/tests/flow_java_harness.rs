//! The AWS Flow Framework for Java's wire format, pinned through real Jackson configured as
//! Flow's `JsonDataConverter` (`../shared/INTEROP.md`, "AWS Flow Framework for Java"). Each
//! assertion is something a Rust converter serving Flow deciders has to match: the exact input a
//! Flow decider sends, the results and failure details it can decode, and what it refuses.
//!
//! Needs a JDK and Jackson; `.ci/flow-java.sh` installs them (Debian packages, only when
//! missing), compiles `tests/java` and runs this test with `SWF_FLOW_JAVA_CLASSPATH` set. The
//! driver lives in [`swf_activity_tests::flow_java`].

use std::collections::BTreeMap;
use std::ffi::OsStr;

use serde_json::json;
use swf_activity_tests::flow_java::{FlowJava, JavaArg, JavaThrowable, JavaType};

/// Jackson's refusal of a non-final type without its wrapper array.
const NO_WRAPPER: &str = "need JSON Array to contain As.WRAPPER_ARRAY type information";

fn java() -> &'static FlowJava {
    FlowJava::shared()
}

fn throwable(details: &str) -> JavaThrowable {
    java()
        .decode_failure(details)
        .unwrap_or_else(|e| panic!("Jackson refused {details}: {e}"))
        .unwrap_or_else(|| panic!("{details} decoded to null"))
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn the_facts_are_verified_with_debians_jackson_2_14() {
    // INTEROP.md's [J] facts were read with this version; another one needs them re-checked.
    let java = java();
    assert!(
        java.jackson_version().starts_with("2.14."),
        "Jackson {} (Java {}): re-verify INTEROP.md's facts and update this pin",
        java.jackson_version(),
        java.java_version()
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_harness_that_cannot_start_panics_with_what_java_said() {
    let panic = std::panic::catch_unwind(|| {
        FlowJava::start_with(OsStr::new("/nonexistent/flow-java-classes"))
    })
    .expect_err("java cannot find FlowHarness");
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("FlowHarness did not start")
            && message.contains("Could not find or load main class FlowHarness"),
        "{message}"
    );
}

// Input: what a Flow decider sends, toData(Object[] arguments).

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_string_and_int_are_bare() {
    assert_eq!(
        java().encode_args(&[JavaArg::String("abc".into()), JavaArg::Int(42)]),
        r#"["[Ljava.lang.Object;",["abc",42]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_long_is_wrapped() {
    assert_eq!(
        java().encode_args(&[JavaArg::String("abc".into()), JavaArg::Long(42)]),
        r#"["[Ljava.lang.Object;",["abc",["java.lang.Long",42]]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_booleans_and_doubles_are_bare() {
    assert_eq!(
        java().encode_args(&[JavaArg::Boolean(true), JavaArg::Double(1.5)]),
        r#"["[Ljava.lang.Object;",[true,1.5]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_pojo_is_wrapped_with_its_class_and_writes_every_property() {
    let java = java();
    assert_eq!(
        java.encode_args(&[JavaArg::Order(json!({"id": 1}))]),
        r#"["[Ljava.lang.Object;",[["com.example.Order",{"id":1,"last4":null,"amountCents":null,"items":null}]]]"#
    );
    // Inside a POJO the declared field type decides: Long and String are final (bare), List is
    // not (wrapped).
    assert_eq!(
        java.encode_args(&[JavaArg::Order(json!({
            "id": 1, "last4": "4242", "amountCents": 500, "items": ["a", "b"]
        }))]),
        r#"["[Ljava.lang.Object;",[["com.example.Order",{"id":1,"last4":"4242","amountCents":500,"items":["java.util.ArrayList",["a","b"]]}]]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_without_arguments_and_with_a_null() {
    let java = java();
    assert_eq!(java.encode_args(&[]), r#"["[Ljava.lang.Object;",[]]"#);
    assert_eq!(
        java.encode_args(&[JavaArg::Null]),
        r#"["[Ljava.lang.Object;",[null]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_list_and_map_are_wrapped_and_so_are_the_longs_inside() {
    let map = BTreeMap::from([("k".to_owned(), 5)]);
    assert_eq!(
        java().encode_args(&[
            JavaArg::StringList(vec!["a".into(), "b".into()]),
            JavaArg::LongMap(map),
        ]),
        r#"["[Ljava.lang.Object;",[["java.util.ArrayList",["a","b"]],["java.util.HashMap",{"k":["java.lang.Long",5]}]]]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn input_strings_keep_every_character() {
    let java = java();
    let text = "é \" \\ \n \t \u{1} \u{2028} 😀";
    let input = java.encode_args(&[JavaArg::String(text.to_owned())]);
    let parsed: serde_json::Value = serde_json::from_str(&input).expect("Jackson writes JSON");
    assert_eq!(parsed, json!(["[Ljava.lang.Object;", [text]]));
    let args = java
        .decode_input(&input, &[JavaType::String])
        .expect("a Flow worker reads it back");
    assert_eq!(args[0].value, json!(text));
}

// Input as a Flow worker reads it: fromData(input, Object[].class), defaults, Method.invoke.

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_worker_reads_what_a_flow_decider_sends() {
    let java = java();
    let order = json!({"id": 1, "last4": "4242", "amountCents": 500, "items": ["a"]});
    let input = java.encode_args(&[
        JavaArg::String("abc".into()),
        JavaArg::Long(42),
        JavaArg::Order(order.clone()),
        JavaArg::StringList(vec!["x".into()]),
    ]);
    let args = java
        .decode_input(
            &input,
            &[
                JavaType::String,
                JavaType::Long,
                JavaType::Order,
                JavaType::StringList,
            ],
        )
        .expect("a Flow worker reads a Flow decider's input");
    let classes: Vec<_> = args.iter().map(|a| a.class.as_deref()).collect();
    assert_eq!(
        classes,
        [
            Some("java.lang.String"),
            Some("java.lang.Long"),
            Some("com.example.Order"),
            Some("java.util.ArrayList"),
        ]
    );
    assert_eq!(args[1].value, json!(42));
    assert_eq!(args[2].value, order);
    assert_eq!(args[3].value, json!(["x"]));
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_worker_fills_missing_trailing_arguments_with_defaults_and_drops_extra_ones() {
    let java = java();
    let args = java
        .decode_input(
            r#"["[Ljava.lang.Object;",["abc"]]"#,
            &[
                JavaType::String,
                JavaType::Long,
                JavaType::Boolean,
                JavaType::Order,
            ],
        )
        .expect("missing trailing arguments are filled");
    let received: Vec<_> = args
        .iter()
        .map(|a| (a.class.as_deref(), a.value.clone()))
        .collect();
    assert_eq!(
        received,
        [
            (Some("java.lang.String"), json!("abc")),
            (Some("java.lang.Long"), json!(0)),
            (Some("java.lang.Boolean"), json!(false)),
            (None, json!(null)),
        ]
    );
    // FlowHelpers.getInputParameters copies only as many values as the method has parameters.
    let args = java
        .decode_input(
            r#"["[Ljava.lang.Object;",["abc",42,true]]"#,
            &[JavaType::String, JavaType::Int],
        )
        .expect("extra trailing arguments are dropped");
    assert_eq!(args.len(), 2);
    assert_eq!(args[1].value, json!(42));
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_worker_accepts_a_bare_int_for_a_long_but_not_a_long_for_an_int() {
    let java = java();
    // Jackson reads a bare 42 as an Integer; Method.invoke widens it to long.
    let args = java
        .decode_input(r#"["[Ljava.lang.Object;",[42]]"#, &[JavaType::Long])
        .expect("int widens to long");
    assert_eq!(args[0].class.as_deref(), Some("java.lang.Long"));
    let err = java
        .decode_input(
            r#"["[Ljava.lang.Object;",[["java.lang.Long",42]]]"#,
            &[JavaType::Int],
        )
        .expect_err("a Long does not narrow to int");
    assert!(err.contains("IllegalArgumentException"), "{err}");
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_worker_refuses_input_without_its_wrappers() {
    let java = java();
    let root = java
        .decode_input(r#"["abc",42]"#, &[JavaType::String, JavaType::Int])
        .expect_err("the root array needs its [Ljava.lang.Object; wrapper");
    assert!(root.contains("InvalidTypeIdException"), "{root}");
    let pojo = java
        .decode_input(r#"["[Ljava.lang.Object;",[{"id":1}]]"#, &[JavaType::Order])
        .expect_err("a POJO argument needs its class");
    assert!(pojo.contains(NO_WRAPPER), "{pojo}");
    let unknown = java
        .decode_input(
            r#"["[Ljava.lang.Object;",[["com.example.NoSuchOrder",{"id":1}]]]"#,
            &[JavaType::Order],
        )
        .expect_err("a class the worker does not have");
    assert!(unknown.contains("no such class found"), "{unknown}");
}

// Results: what a Flow worker sends, toData(result), and what a Flow decider reads,
// fromData(result, declaredReturnType).

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn results_of_final_types_are_bare_including_long() {
    let java = java();
    let cases = [
        (
            JavaArg::String("ok".into()),
            JavaType::String,
            r#""ok""#,
            "java.lang.String",
        ),
        (
            JavaArg::Boolean(true),
            JavaType::Boolean,
            "true",
            "java.lang.Boolean",
        ),
        (JavaArg::Int(42), JavaType::Int, "42", "java.lang.Integer"),
        (
            JavaArg::Double(1.5),
            JavaType::Double,
            "1.5",
            "java.lang.Double",
        ),
        // Unlike a Long argument (declared Object), a Long result's type is final: bare.
        (JavaArg::Long(42), JavaType::Long, "42", "java.lang.Long"),
    ];
    for (value, ty, data, class) in cases {
        assert_eq!(
            java.encode_result(&value),
            data,
            "a Flow worker's {ty:?} result"
        );
        let decoded = java
            .decode_result(ty, data)
            .unwrap_or_else(|e| panic!("{ty:?} result {data}: {e}"));
        assert_eq!(
            decoded.class.as_deref(),
            Some(class),
            "{ty:?} result {data}"
        );
    }
    let err = java
        .decode_result(JavaType::Long, r#"["java.lang.Long",42]"#)
        .expect_err("a declared Long result is not wrapped");
    assert!(err.contains("MismatchedInputException"), "{err}");
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_pojo_result_must_be_wrapped_with_its_class() {
    let java = java();
    let err = java
        .decode_result(JavaType::Receipt, r#"{"orderId":7}"#)
        .expect_err("a bare POJO result");
    assert!(err.contains(NO_WRAPPER), "{err}");
    let receipt = java
        .decode_result(
            JavaType::Receipt,
            r#"["com.example.Receipt",{"orderId":7}]"#,
        )
        .expect("the wrapped POJO result");
    assert_eq!(receipt.class.as_deref(), Some("com.example.Receipt"));
    assert_eq!(receipt.value, json!({"orderId": 7, "status": null}));
    assert_eq!(
        java.encode_result(&JavaArg::Receipt(json!({"orderId": 7, "status": "paid"}))),
        r#"["com.example.Receipt",{"orderId":7,"status":"paid"}]"#
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn list_and_map_results_are_wrapped_and_a_bare_map_value_is_an_integer() {
    let java = java();
    let list = java.encode_result(&JavaArg::StringList(vec!["a".into()]));
    assert_eq!(list, r#"["java.util.ArrayList",["a"]]"#);
    let decoded = java
        .decode_result(JavaType::StringList, &list)
        .expect("a wrapped list");
    assert_eq!(decoded.value, json!(["a"]));
    let err = java
        .decode_result(JavaType::StringList, r#"["a"]"#)
        .expect_err("a bare list result");
    assert!(err.contains("no such class found"), "{err}");

    let map = java.encode_result(&JavaArg::LongMap(BTreeMap::from([("k".to_owned(), 5)])));
    assert_eq!(map, r#"["java.util.HashMap",{"k":["java.lang.Long",5]}]"#);
    let decoded = java
        .decode_result(JavaType::LongMap, &map)
        .expect("a wrapped map");
    assert_eq!(decoded.to_data, map, "the values stay Longs");
    // Map<String, Long> is erased to Map: a bare 5 arrives as an Integer, and workflow code
    // reading it as a Long gets a ClassCastException.
    let decoded = java
        .decode_result(JavaType::LongMap, r#"["java.util.HashMap",{"k":5}]"#)
        .expect("a map with bare values");
    assert_eq!(decoded.to_data, r#"["java.util.HashMap",{"k":5}]"#);
    let err = java
        .decode_result(JavaType::LongMap, r#"{"k":5}"#)
        .expect_err("a bare map result");
    assert!(err.contains(NO_WRAPPER), "{err}");
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_void_result_is_never_read() {
    let decoded = java()
        .decode_result(JavaType::Void, "not JSON at all")
        .expect("Flow does not read a void activity's result");
    assert_eq!(decoded.class, None);
}

// Failures: what a Flow decider reads from details, fromData(details, Throwable.class).

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn our_json_error_details_are_not_a_throwable() {
    let err = java()
        .decode_failure(r#"{"Declined":{"last4":"4242"}}"#)
        .expect_err("plain JSON details");
    assert!(err.contains(NO_WRAPPER), "{err}");
    assert!(err.contains("java.lang.Throwable"), "{err}");
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn typed_details_decode_as_the_exception_with_its_fields() {
    let declined = throwable(
        r#"["com.example.DeclinedException",{"message":"declined","last4":"4242","code":51}]"#,
    );
    assert_eq!(declined.class, "com.example.DeclinedException");
    assert_eq!(declined.message.as_deref(), Some("declined"));
    assert_eq!(declined.cause, None);
    assert_eq!(
        serde_json::Value::Object(declined.fields),
        json!({"last4": "4242", "code": 51})
    );

    let runtime = throwable(r#"["java.lang.RuntimeException",{"message":"boom"}]"#);
    assert_eq!(runtime.class, "java.lang.RuntimeException");
    assert_eq!(runtime.message.as_deref(), Some("boom"));
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn unknown_properties_are_ignored_and_known_ones_may_be_omitted() {
    let declined = throwable(
        r#"["com.example.DeclinedException",{"message":"declined","last4":"4242","attempt":{"n":[1,2],"at":"now"},"extra":true}]"#,
    );
    assert_eq!(declined.message.as_deref(), Some("declined"));
    assert_eq!(
        serde_json::Value::Object(declined.fields),
        json!({"last4": "4242", "code": 0})
    );
    let bare = throwable(r#"["com.example.DeclinedException",{}]"#);
    assert_eq!(bare.message, None);
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_workers_own_details_decode() {
    let declined = throwable(
        r#"["com.example.DeclinedException",{"cause":null,"stackTrace":[{"classLoaderName":"app","moduleName":null,"moduleVersion":null,"methodName":"charge","fileName":"Pay.java","lineNumber":12,"className":"com.example.Pay","nativeMethod":false}],"last4":"4242","code":51,"message":"declined","suppressed":["[Ljava.lang.Throwable;",[]]}]"#,
    );
    assert_eq!(declined.class, "com.example.DeclinedException");
    assert_eq!(declined.message.as_deref(), Some("declined"));
    assert_eq!(
        serde_json::Value::Object(declined.fields),
        json!({"last4": "4242", "code": 51})
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_flow_worker_sends_its_exception_typed_without_a_localized_message() {
    let java = java();
    let details = java.encode_failure(
        "com.example.DeclinedException",
        "declined",
        json!({"last4": "4242", "code": 51}),
    );
    assert_eq!(
        details,
        r#"["com.example.DeclinedException",{"cause":null,"stackTrace":[],"last4":"4242","code":51,"message":"declined","suppressed":["[Ljava.lang.Throwable;",[]]}]"#
    );
    let declined = throwable(&details);
    assert_eq!(declined.message.as_deref(), Some("declined"));
    assert_eq!(
        serde_json::Value::Object(declined.fields),
        json!({"last4": "4242", "code": 51})
    );
    let short = java.encode_failure(
        "com.example.InsufficientFundsException",
        "short",
        json!({"balanceCents": 5, "accounts": ["x"]}),
    );
    assert!(
        short.contains(r#""accounts":["java.util.ArrayList",["x"]]"#),
        "{short}"
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn a_list_field_of_an_exception_must_be_wrapped() {
    let java = java();
    let err = java
        .decode_failure(
            r#"["com.example.InsufficientFundsException",{"message":"short","accounts":["x"]}]"#,
        )
        .expect_err("a bare list in a List-typed field");
    assert!(err.contains("no such class found"), "{err}");
    let short = throwable(
        r#"["com.example.InsufficientFundsException",{"message":"short","balanceCents":5,"accounts":["java.util.ArrayList",["x"]]}]"#,
    );
    assert_eq!(
        serde_json::Value::Object(short.fields),
        json!({"balanceCents": 5, "accounts": ["x"]})
    );
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn details_naming_a_class_the_decider_lacks_or_not_json_fail() {
    let java = java();
    let err = java
        .decode_failure(r#"["com.example.NoSuchException",{"message":"declined"}]"#)
        .expect_err("an unknown class");
    assert!(err.contains("no such class found"), "{err}");
    // What a Flow worker sends when the input does not deserialize: stack-trace text.
    let err = java
        .decode_failure("java.lang.IllegalArgumentException: argument type mismatch\n\tat x")
        .expect_err("stack-trace text");
    assert!(err.contains("JsonParseException"), "{err}");
    let err = java
        .decode_failure(r#"["java.lang.String","declined"]"#)
        .expect_err("a class that is not a Throwable");
    assert!(err.contains("Not a subtype"), "{err}");
}
