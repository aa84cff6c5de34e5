//! The [`FlowJava`] converter: what it reads and writes, pinned in Rust, and verified against real
//! Jackson configured as Flow's `JsonDataConverter` (the harness in
//! [`swf_activity_tests::flow_java`]): a Flow decider's inputs run through a worker on a local
//! SWF, and the decider's side decodes the results into the declared types and the failure
//! details into its exception classes.
//!
//! The tests that need Java are ignored in the plain run; `.ci/flow-java.sh` installs a JDK and
//! Jackson, compiles `tests/java` and runs them with `SWF_FLOW_JAVA_CLASSPATH` set.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use swf_activity::convert::{self, Args, Converter, Converts, DataConverter, FlowJava};
use swf_activity::failure::{DecodeFailureError, FailureKind, Outcome, TRUNCATION_MARK};
use swf_activity::rules::swf_len;
use swf_activity::testing::{ActivityOutcome, LocalSwf};
use swf_activity::{Worker, activity};
use swf_activity_tests::flow_java::{FlowJava as Java, JavaArg, JavaThrowable, JavaType};
use swf_activity_tests::worker::{self as harness, RunningWorker, outcome};

const DOMAIN: &str = "flow-java";
const TASK_LIST: &str = "flow-java";
const DATA_MAX: usize = 32768;

static FLOW: FlowJava = FlowJava::new()
    .classes(&[("Receipt", "com.example.Receipt")])
    .exceptions(&[
        ("ChargeError::Declined", "com.example.DeclinedException"),
        (
            "ChargeError::Insufficient",
            "com.example.InsufficientFundsException",
        ),
        ("PropError::Declined", "com.example.DeclinedException"),
        (
            "PropError::Insufficient",
            "com.example.InsufficientFundsException",
        ),
    ]);

/// `com.example.Order`, named by its serde name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "com.example.Order", rename_all = "camelCase")]
struct Order {
    id: i64,
    last4: Option<String>,
    amount_cents: Option<i64>,
    items: Option<Vec<String>>,
}

/// `com.example.Receipt`, named by the converter's `classes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Receipt {
    order_id: i64,
    status: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
enum ChargeError {
    #[error("card ending {last4} was declined")]
    Declined { last4: String, code: i32 },
    #[error("insufficient funds: {balance_cents} cents")]
    #[serde(rename_all = "camelCase")]
    Insufficient {
        balance_cents: i64,
        accounts: Vec<String>,
    },
    #[error("charge failed: {0}")]
    Other(String),
}

// The activities a Flow Java decider schedules, one per signature it encodes.

/// `Receipt charge(Order order) throws DeclinedException`: one POJO.
#[activity(name = "Flow.charge", version = "1", task_list = "flow-java", converter = FLOW)]
async fn charge(order: Order) -> Result<Receipt, ChargeError> {
    let items = order.items.unwrap_or_default();
    match (order.last4, order.amount_cents) {
        (Some(last4), _) if last4 == "0000" => Err(ChargeError::Declined { last4, code: 51 }),
        (_, Some(amount)) if amount > 10_000 => Err(ChargeError::Insufficient {
            balance_cents: 5_000_000_000,
            accounts: items,
        }),
        _ if order.id == 13 => Err(ChargeError::Other(format!("order {}", order.id))),
        _ => Ok(Receipt {
            order_id: order.id,
            status: format!("paid {}", items.join(",")),
        }),
    }
}

/// `String ship(String address, long priority)`.
#[activity(name = "Flow.ship", version = "1", task_list = "flow-java", converter = FLOW)]
async fn ship(Args((address, priority)): Args<(String, i64)>) -> Result<String, ChargeError> {
    Ok(format!("{address} at {priority}"))
}

/// `List<String> reverse(List<String> items)`.
#[activity(name = "Flow.reverse", version = "1", task_list = "flow-java", converter = FLOW)]
async fn reverse(mut items: Vec<String>) -> Result<Vec<String>, ChargeError> {
    items.reverse();
    Ok(items)
}

/// `Map<String, Long> scale(Map<String, Long> totals)`.
#[activity(name = "Flow.scale", version = "1", task_list = "flow-java", converter = FLOW)]
async fn scale(totals: BTreeMap<String, i64>) -> Result<BTreeMap<String, i64>, ChargeError> {
    Ok(totals
        .into_iter()
        .map(|(k, v)| (k, v * 1_000_000_000))
        .collect())
}

/// `boolean anonymous(String name)`, called with `null`.
#[activity(name = "Flow.anonymous", version = "1", task_list = "flow-java", converter = FLOW)]
async fn anonymous(name: Option<String>) -> Result<bool, ChargeError> {
    Ok(name.is_none())
}

/// `int attempts(String id, long attempts)`, called with the id only.
#[activity(name = "Flow.attempts", version = "1", task_list = "flow-java", converter = FLOW)]
async fn attempts(Args((id, attempts)): Args<(String, Option<i64>)>) -> Result<i32, ChargeError> {
    Ok(i32::try_from(id.len()).unwrap_or(0) * 100 + attempts.map_or(-1, |a| a as i32))
}

/// `double ratio(int a, int b)`.
#[activity(name = "Flow.ratio", version = "1", task_list = "flow-java", converter = FLOW)]
async fn ratio(Args((a, b)): Args<(i32, i32)>) -> Result<f64, ChargeError> {
    Ok(f64::from(a) / f64::from(b))
}

/// `void touch()`.
#[activity(name = "Flow.touch", version = "1", task_list = "flow-java", converter = FLOW)]
async fn touch() -> Result<(), ChargeError> {
    Ok(())
}

/// `void explode(String why)`: panics.
#[activity(name = "Flow.explode", version = "1", task_list = "flow-java", converter = FLOW)]
fn explode(why: String) -> Result<(), ChargeError> {
    panic!("{why}")
}

fn java() -> &'static Java {
    Java::shared()
}

fn throwable(details: &str) -> JavaThrowable {
    java()
        .decode_failure(details)
        .unwrap_or_else(|e| panic!("Jackson refused {details}: {e}"))
        .unwrap_or_else(|| panic!("{details} decoded to null"))
}

fn decode<I: convert::FromInput>(input: &str) -> Result<I, Outcome> {
    Converts::<I, (), ChargeError>::decode(&FLOW, Some(input))
}

fn result(value: &impl Serialize) -> Outcome {
    Converts::<(), _, ChargeError>::encode_ok(&FLOW, value, DATA_MAX)
}

fn error(error: &ChargeError) -> Outcome {
    Converts::<(), (), ChargeError>::encode_err(&FLOW, error, DATA_MAX)
}

fn failed(outcome: &Outcome) -> (&str, &str) {
    match (outcome.reason(), outcome.details()) {
        (Some(reason), Some(details)) => (reason, details),
        _ => panic!("not a failure: {outcome:?}"),
    }
}

// Without Java: the shapes, exactly.

#[test]
fn inputs_lose_their_type_information() {
    let Args((address, priority)) =
        decode::<Args<(String, i64)>>(r#"["[Ljava.lang.Object;",["abc",["java.lang.Long",42]]]"#)
            .expect("String + long");
    assert_eq!((address.as_str(), priority), ("abc", 42));
    let order = decode::<Order>(
        r#"["[Ljava.lang.Object;",[["com.example.Order",{"id":1,"last4":"4242","amountCents":500,"items":["java.util.ArrayList",["a","b"]]}]]]"#,
    )
    .expect("a POJO");
    assert_eq!(
        order,
        Order {
            id: 1,
            last4: Some("4242".into()),
            amount_cents: Some(500),
            items: Some(vec!["a".into(), "b".into()]),
        }
    );
    let totals = decode::<BTreeMap<String, i64>>(
        r#"["[Ljava.lang.Object;",[["java.util.HashMap",{"k":["java.lang.Long",5],"j":7}]]]"#,
    )
    .expect("a map");
    assert_eq!(totals, BTreeMap::from([("j".into(), 7), ("k".into(), 5)]));
    let Args((id, attempts)) =
        decode::<Args<(String, Option<i64>)>>(r#"["[Ljava.lang.Object;",["abc"]]"#)
            .expect("a missing trailing argument");
    assert_eq!((id.as_str(), attempts), ("abc", None));
    assert_eq!(
        decode::<Option<String>>(r#"["[Ljava.lang.Object;",[null]]"#).expect("null"),
        None
    );
    decode::<()>(r#"["[Ljava.lang.Object;",[]]"#).expect("no arguments");
    decode::<()>("").expect("no input is no arguments");
}

#[test]
fn bad_inputs_fail_as_illegal_argument_exceptions_saying_why() {
    let cases = [
        (
            "not json",
            "the input is not JSON: expected ident at line 1 column 2",
        ),
        (
            r#"{"id":1}"#,
            r#"expected Flow's argument array ["[Ljava.lang.Object;",[...]], found an object"#,
        ),
        (
            r#"["abc",42]"#,
            r#"expected Flow's argument array ["[Ljava.lang.Object;",[...]], found ["abc",42]"#,
        ),
        (
            r#"["[Ljava.lang.Object;",[["java.lang.Long","x"]]]"#,
            "argument 1: the wrapper of java.lang.Long holds a string, expected an integer",
        ),
        (
            r#"["[Ljava.lang.Object;",[["java.lang.Thread",{}]]]"#,
            "argument 1: unknown class java.lang.Thread",
        ),
        (
            r#"["[Ljava.lang.Object;",[{"id":1}]]"#,
            "argument 1: found an object without its Java class",
        ),
        (
            r#"["[Ljava.lang.Object;",["abc"]]"#,
            "too few arguments: argument 2 is missing",
        ),
        (
            r#"["[Ljava.lang.Object;",["abc",1,2]]"#,
            "too many arguments: the activity takes 2, the task has 3",
        ),
    ];
    for (input, why) in cases {
        let outcome = decode::<Args<(String, i64)>>(input).expect_err(input);
        assert_eq!(
            outcome.failure_kind(),
            Some(FailureKind::InputDecode),
            "{input}"
        );
        let (reason, details) = failed(&outcome);
        assert!(
            reason.starts_with(&format!("activity input did not decode: {why}")),
            "{input}: {reason}"
        );
        let details: Value = serde_json::from_str(details).expect("JSON details");
        assert_eq!(details[0], "java.lang.IllegalArgumentException", "{input}");
        assert!(
            details[1]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with(why)),
            "{input}: {details}"
        );
        let failure = FLOW.read_failure(Some(reason), outcome.details());
        assert_eq!(failure.kind(), Some(FailureKind::InputDecode), "{input}");
        assert!(
            failure
                .framework_message()
                .is_some_and(|m| m.starts_with(why))
        );
    }
}

#[test]
fn results_are_what_jackson_decodes_into_the_declared_type() {
    let cases: [(Outcome, Option<&str>); 10] = [
        (result(&"ok"), Some(r#""ok""#)),
        (result(&true), Some("true")),
        (result(&42_i32), Some("42")),
        (result(&42_i64), Some("42")),
        (result(&1.0_f64), Some("1.0")),
        (result(&()), None),
        (
            result(&Receipt {
                order_id: 7,
                status: "paid".into(),
            }),
            Some(r#"["com.example.Receipt",{"orderId":7,"status":"paid"}]"#),
        ),
        (
            result(&vec!["a", "b"]),
            Some(r#"["java.util.ArrayList",["a","b"]]"#),
        ),
        (
            result(&BTreeMap::from([("k", 5_i64), ("n", -1)])),
            Some(r#"["java.util.HashMap",{"k":["java.lang.Long",5],"n":["java.lang.Long",-1]}]"#),
        ),
        (
            result(&vec![vec![1_i32], vec![]]),
            Some(
                r#"["java.util.ArrayList",[["java.util.ArrayList",[1]],["java.util.ArrayList",[]]]]"#,
            ),
        ),
    ];
    for (outcome, expected) in cases {
        assert_eq!(
            outcome,
            Outcome::Completed {
                result: expected.map(str::to_owned)
            }
        );
    }
    let receipts: Vec<Receipt> = convert::decode_result(
        &FLOW,
        result(&vec![Receipt {
            order_id: 1,
            status: "x".into(),
        }])
        .result(),
    )
    .expect("reads back");
    assert_eq!(receipts[0].order_id, 1);
}

#[test]
fn a_struct_result_without_a_java_class_fails_saying_how_to_name_it() {
    #[derive(Serialize)]
    struct Unnamed {
        id: u8,
    }
    let outcome = result(&Unnamed { id: 1 });
    assert_eq!(
        outcome.failure_kind(),
        Some(FailureKind::ResultSerialization)
    );
    let (reason, details) = failed(&outcome);
    assert!(
        reason.starts_with(
            "activity result could not be serialized: the struct `Unnamed` has no Java class: map it with `FlowJava::classes"
        ),
        "{reason}"
    );
    assert!(
        details
            .starts_with(r#"["java.lang.IllegalStateException",{"message":"the struct `Unnamed`"#)
    );
    let big = result(&"x".repeat(DATA_MAX));
    assert_eq!(big.failure_kind(), Some(FailureKind::ResultTooLarge));
    assert_eq!(
        big.reason(),
        Some("activity result is too large for SWF: 32770 characters, the limit is 32768")
    );
}

#[test]
fn values_java_cannot_type_fail_saying_how_to_name_them() {
    #[derive(Serialize)]
    enum Color {
        Red,
    }
    #[derive(Serialize)]
    struct Card {
        last4: String,
    }
    #[derive(Serialize)]
    struct Declined {
        inner: Card,
    }
    // A Java enum is bare where it is declared, but needs its class inside a List.
    assert_eq!(result(&Color::Red).result(), Some(r#""Red""#));
    let outcome = result(&vec![Color::Red]);
    assert_eq!(
        outcome.failure_kind(),
        Some(FailureKind::ResultSerialization)
    );
    assert!(
        outcome
            .reason()
            .is_some_and(|r| r.contains("the enum `Color` has no Java class")),
        "{outcome:?}"
    );
    // An error's nested struct needs a class too; the failure keeps the error's Display.
    let outcome = FLOW.encode_error(
        "declined ()",
        &Declined {
            inner: Card { last4: "1".into() },
        },
        DATA_MAX,
    );
    assert_eq!(
        outcome.failure_kind(),
        Some(FailureKind::ErrorSerialization)
    );
    let (reason, details) = failed(&outcome);
    assert_eq!(
        reason,
        "activity error could not be serialized: declined ()"
    );
    assert!(
        details.starts_with(
            r#"["java.lang.IllegalStateException",{"message":"the struct `Card` has no Java class"#
        ),
        "{details}"
    );
}

#[test]
fn errors_become_throwables_with_their_fields() {
    let declined = ChargeError::Declined {
        last4: "4242".into(),
        code: 51,
    };
    let outcome = error(&declined);
    assert_eq!(outcome.failure_kind(), None);
    assert_eq!(
        failed(&outcome),
        (
            "card ending 4242 was declined",
            r#"["com.example.DeclinedException",{"code":51,"last4":"4242","message":"card ending 4242 was declined","rustError":{"fields":{},"variant":"Declined"}}]"#
        )
    );
    let short = error(&ChargeError::Insufficient {
        balance_cents: 5,
        accounts: vec!["x".into()],
    });
    assert_eq!(
        failed(&short).1,
        r#"["com.example.InsufficientFundsException",{"accounts":["java.util.ArrayList",["x"]],"balanceCents":5,"message":"insufficient funds: 5 cents","rustError":{"fields":{},"variant":"Insufficient"}}]"#
    );
    let other = error(&ChargeError::Other("boom".into()));
    assert_eq!(
        failed(&other).1,
        r#"["java.lang.RuntimeException",{"message":"charge failed: boom","rustError":{"value":"boom","variant":"Other"}}]"#
    );
    for (outcome, expected) in [
        (outcome, declined),
        (
            short,
            ChargeError::Insufficient {
                balance_cents: 5,
                accounts: vec!["x".into()],
            },
        ),
        (other, ChargeError::Other("boom".into())),
    ] {
        let (reason, details) = failed(&outcome);
        let failure = convert::read_failure(&FLOW, Some(reason), Some(details));
        assert_eq!(failure.kind(), None);
        assert_eq!(
            failure.decode::<ChargeError>().expect("reads back"),
            expected
        );
    }
}

/// An error type chosen to collide with `Throwable`: fields named `message` and `cause`, a
/// struct mapped by its serde name.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "com.example.WeirdException")]
struct Weird {
    message: String,
    cause: Option<String>,
    count: u64,
}

#[test]
fn fields_named_like_throwables_own_stay_out_of_its_properties() {
    let weird = Weird {
        message: "inner".into(),
        cause: Some("disk".into()),
        count: 3,
    };
    let outcome = FLOW.encode_error("outer", &weird, DATA_MAX);
    let (reason, details) = failed(&outcome);
    assert_eq!(
        details,
        r#"["com.example.WeirdException",{"count":3,"message":"outer","rustError":{"fields":{"cause":"disk","message":"inner"}}}]"#
    );
    let back: Weird = FLOW
        .read_failure(Some(reason), Some(details))
        .decode()
        .expect("reads back");
    assert_eq!(back, weird);
}

#[test]
fn framework_failures_keep_the_json_converters_reasons() {
    let classes = [
        (
            FailureKind::InputDecode,
            "java.lang.IllegalArgumentException",
        ),
        (FailureKind::Panic, "java.lang.RuntimeException"),
        (
            FailureKind::ResultTooLarge,
            "java.lang.IllegalStateException",
        ),
        (
            FailureKind::ResultSerialization,
            "java.lang.IllegalStateException",
        ),
        (
            FailureKind::ErrorSerialization,
            "java.lang.IllegalStateException",
        ),
        (
            FailureKind::Aborted,
            "java.util.concurrent.CancellationException",
        ),
        (
            FailureKind::UnknownActivityType,
            "java.lang.UnsupportedOperationException",
        ),
    ];
    for (kind, class) in classes {
        let message = format!("why \"{kind}\" failed");
        let outcome = FLOW.framework_failure(kind, &message);
        let json = Outcome::framework_failure(kind, &message);
        assert_eq!(outcome.reason(), json.reason(), "{kind}");
        assert_eq!(outcome.failure_kind(), Some(kind));
        let (reason, details) = failed(&outcome);
        assert_eq!(
            serde_json::from_str::<Value>(details).expect("JSON"),
            json!([class, {"message": message}])
        );
        let failure = FLOW.read_failure(Some(reason), Some(details));
        assert_eq!(failure.kind(), Some(kind));
        assert_eq!(failure.framework_message(), Some(message.as_str()));
        assert!(matches!(
            failure.decode::<ChargeError>(),
            Err(DecodeFailureError::Framework { kind: k, .. }) if k == kind
        ));
    }
    // An activity's own error with a framework-like reason is still the activity's.
    let own = FLOW.encode_error("activity panicked: not really", &"x", DATA_MAX);
    let failure = FLOW.read_failure(own.reason(), own.details());
    assert_eq!(failure.kind(), None);
    assert_eq!(failure.decode::<String>().expect("the error"), "x");
}

#[test]
fn a_java_workers_exception_reads_back_as_its_class_message_and_fields() {
    let details = r#"["com.example.DeclinedException",{"cause":null,"stackTrace":[],"last4":"4242","code":51,"message":"declined","suppressed":["[Ljava.lang.Throwable;",[]]}]"#;
    let failure = FLOW.read_failure(Some("declined"), Some(details));
    assert_eq!(
        failure.decode::<Value>().expect("plain JSON"),
        json!({"class": "com.example.DeclinedException", "message": "declined", "last4": "4242", "code": 51})
    );
    let trace = FLOW.read_failure(
        Some("x"),
        Some("java.lang.IllegalArgumentException\n\tat x"),
    );
    assert!(matches!(
        trace.decode::<Value>(),
        Err(DecodeFailureError::Unreadable { .. })
    ));
}

#[test]
fn details_too_long_drop_fields_then_cut_the_message() {
    // One large field: dropped; the error still reads back whole from the descriptor.
    let big = ChargeError::Insufficient {
        balance_cents: 1,
        accounts: vec!["a\"\u{1}".repeat(3000); 3],
    };
    let outcome = error(&big);
    let (reason, details) = failed(&outcome);
    assert!(swf_len(details) <= DATA_MAX);
    let value: Value = serde_json::from_str(details).expect("JSON");
    assert_eq!(value[1]["message"], "insufficient funds: 1 cents");
    assert_eq!(value[1]["balanceCents"], 1);
    assert!(
        value[1].get("accounts").is_none(),
        "the large field is dropped"
    );
    let failure = FLOW.read_failure(Some(reason), Some(details));
    assert!(failure.is_truncated());
    assert!(failure.original_length().is_some_and(|n| n > DATA_MAX));

    // A huge message: cut with the mark to half the room, fields kept.
    let display = "é\"".repeat(30_000);
    let outcome = FLOW.encode_error(
        &display,
        &ChargeError::Declined {
            last4: "1".into(),
            code: 2,
        },
        DATA_MAX,
    );
    let (reason, details) = failed(&outcome);
    assert!(swf_len(reason) <= 256 && reason.ends_with(TRUNCATION_MARK));
    assert!(swf_len(details) <= DATA_MAX);
    assert!(
        (DATA_MAX / 2..DATA_MAX / 2 + 200).contains(&swf_len(details)),
        "{}",
        swf_len(details)
    );
    let value: Value = serde_json::from_str(details).expect("JSON");
    let message = value[1]["message"].as_str().expect("message");
    assert!(message.ends_with(TRUNCATION_MARK));
    assert!(display.starts_with(message.trim_end_matches(TRUNCATION_MARK)));
    assert_eq!(value[1]["last4"], "1");
    let failure = FLOW.read_failure(Some(reason), Some(details));
    assert_eq!(
        failure
            .decode::<ChargeError>()
            .expect("small fields still read back"),
        ChargeError::Declined {
            last4: "1".into(),
            code: 2
        }
    );
}

// Random errors: every details fits SWF, and reads back.

/// Errors of many shapes; `Declined` and `Insufficient` have Java classes with these fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum PropError {
    #[serde(rename_all = "camelCase")]
    Declined {
        last4: String,
        code: i32,
    },
    #[serde(rename_all = "camelCase")]
    Insufficient {
        balance_cents: i64,
        accounts: Vec<String>,
    },
    Text(String),
    Pair(i64, String),
    Unit,
    Nested {
        receipt: Receipt,
        notes: BTreeMap<String, i64>,
        message: String,
    },
}

/// The longs the reference can read: Debian's Jackson (core 2.14.1 with databind 2.14.0)
/// refuses every 19-digit number as "out of range of long", even one it wrote itself; Flow's
/// own Jackson does not. Wider longs are tested without Java.
const JAVA_LONGS: std::ops::RangeInclusive<i64> =
    -999_999_999_999_999_999..=999_999_999_999_999_999;

fn text(max: usize) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => any::<char>(),
        1 => prop::sample::select(vec!['"', '\\', '\u{1}', '\n', '😀', 'e', '\u{301}']),
    ];
    prop_oneof![
        3 => prop::collection::vec(ch.clone(), 0..24),
        1 => prop::collection::vec(ch, 0..max),
    ]
    .prop_map(String::from_iter)
}

fn prop_error() -> impl Strategy<Value = PropError> {
    prop_oneof![
        (text(200), any::<i32>()).prop_map(|(last4, code)| PropError::Declined { last4, code }),
        (JAVA_LONGS, prop::collection::vec(text(12_000), 0..6)).prop_map(
            |(balance_cents, accounts)| PropError::Insufficient {
                balance_cents,
                accounts
            }
        ),
        text(45_000).prop_map(PropError::Text),
        (any::<i64>(), text(40)).prop_map(|(n, s)| PropError::Pair(n, s)),
        Just(PropError::Unit),
        (
            JAVA_LONGS,
            text(9_000),
            prop::collection::btree_map(text(20), any::<i64>(), 0..8),
            text(9_000)
        )
            .prop_map(|(order_id, status, notes, message)| PropError::Nested {
                receipt: Receipt { order_id, status },
                notes,
                message,
            }),
    ]
}

fn check_limits_and_read_back(display: &str, err: &PropError) -> Outcome {
    let outcome = FLOW.encode_error(display, err, DATA_MAX);
    let (reason, details) = failed(&outcome);
    assert_eq!(outcome.failure_kind(), None);
    assert!(swf_len(reason) <= 256);
    assert!(swf_len(details) <= DATA_MAX, "{}", swf_len(details));
    let failure = FLOW.read_failure(Some(reason), Some(details));
    match failure.decode::<PropError>() {
        Ok(back) => assert_eq!(&back, err),
        Err(DecodeFailureError::Truncated { original_length }) => {
            let plain = serde_json::to_string(err).expect("JSON");
            assert_eq!(original_length, swf_len(&plain));
            let prefix = failure.details_prefix().expect("a prefix");
            assert!(plain.starts_with(prefix));
        }
        Err(other) => panic!("{other}: {details}"),
    }
    outcome
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_error_fits_and_reads_back(display in text(40_000), err in prop_error()) {
        check_limits_and_read_back(&display, &err);
    }
}

// With Java: a Flow decider's inputs through the worker, its reading of what comes back.

async fn local_swf() -> LocalSwf {
    harness::local_swf(DOMAIN, Duration::from_millis(500)).await
}

async fn run(swf: &LocalSwf, name: &str, id: &str, input: &str) -> ActivityOutcome {
    let task = harness::schedule(swf, DOMAIN, name, id, TASK_LIST, input);
    outcome(swf, &task).await
}

fn completed(outcome: ActivityOutcome) -> Option<String> {
    match outcome {
        ActivityOutcome::Completed { result } => result,
        other => panic!("not completed: {other:?}"),
    }
}

fn failure(outcome: ActivityOutcome) -> (String, String) {
    match outcome {
        ActivityOutcome::Failed {
            reason: Some(reason),
            details: Some(details),
        } => (reason, details),
        other => panic!("not failed with reason and details: {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
async fn a_flow_deciders_calls_round_trip_through_the_worker() {
    let java = java();
    let swf = local_swf().await;
    let worker: Worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .converter(FLOW)
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    // One POJO: Receipt charge(Order).
    let order = json!({"id": 7, "last4": "4242", "amountCents": 500, "items": ["a", "b"]});
    let input = java.encode_args(&[JavaArg::Order(order)]);
    let result = completed(run(&swf, "Flow.charge", "pojo", &input).await);
    let receipt = java
        .decode_result(JavaType::Receipt, result.as_deref().expect("a result"))
        .expect("a Flow decider reads the Receipt");
    assert_eq!(receipt.class.as_deref(), Some("com.example.Receipt"));
    assert_eq!(receipt.value, json!({"orderId": 7, "status": "paid a,b"}));
    let back: Receipt = convert::decode_result(&FLOW, result.as_deref()).expect("reads back");
    assert_eq!(back.status, "paid a,b");

    // String + long: String ship(String, long).
    let input = java.encode_args(&[JavaArg::String("1 Main St".into()), JavaArg::Long(1 << 40)]);
    assert!(
        input.contains(r#"["java.lang.Long",1099511627776]"#),
        "{input}"
    );
    let result = completed(run(&swf, "Flow.ship", "string-long", &input).await);
    let shipped = java
        .decode_result(JavaType::String, result.as_deref().expect("a result"))
        .expect("a String");
    assert_eq!(shipped.value, json!("1 Main St at 1099511627776"));

    // A List: List<String> reverse(List<String>).
    let input = java.encode_args(&[JavaArg::StringList(vec![
        "a".into(),
        "b".into(),
        "c".into(),
    ])]);
    let result = completed(run(&swf, "Flow.reverse", "list", &input).await);
    let reversed = java
        .decode_result(JavaType::StringList, result.as_deref().expect("a result"))
        .expect("a List");
    assert_eq!(reversed.class.as_deref(), Some("java.util.ArrayList"));
    assert_eq!(reversed.value, json!(["c", "b", "a"]));

    // A Map: Map<String, Long> scale(Map<String, Long>); the values stay Longs.
    let input = java.encode_args(&[JavaArg::LongMap(BTreeMap::from([
        ("a".into(), 1),
        ("b".into(), 5),
    ]))]);
    let result = completed(run(&swf, "Flow.scale", "map", &input).await);
    let scaled = java
        .decode_result(JavaType::LongMap, result.as_deref().expect("a result"))
        .expect("a Map");
    assert_eq!(
        scaled.value,
        json!({"a": 1_000_000_000_i64, "b": 5_000_000_000_i64})
    );
    assert_eq!(
        scaled.to_data,
        r#"["java.util.HashMap",{"a":["java.lang.Long",1000000000],"b":["java.lang.Long",5000000000]}]"#
    );

    // A null: boolean anonymous(String).
    let input = java.encode_args(&[JavaArg::Null]);
    let result = completed(run(&swf, "Flow.anonymous", "null", &input).await);
    let anonymous = java
        .decode_result(JavaType::Boolean, result.as_deref().expect("a result"))
        .expect("a Boolean");
    assert_eq!(anonymous.class.as_deref(), Some("java.lang.Boolean"));
    assert_eq!(anonymous.value, json!(true));

    // A missing trailing argument: int attempts(String, long), called with the id only.
    let input = java.encode_args(&[JavaArg::String("abc".into())]);
    let result = completed(run(&swf, "Flow.attempts", "missing", &input).await);
    let attempts = java
        .decode_result(JavaType::Int, result.as_deref().expect("a result"))
        .expect("an Integer");
    assert_eq!(attempts.class.as_deref(), Some("java.lang.Integer"));
    assert_eq!(attempts.value, json!(299));

    // Two ints, a Double back; and void.
    let input = java.encode_args(&[JavaArg::Int(3), JavaArg::Int(2)]);
    let result = completed(run(&swf, "Flow.ratio", "ratio", &input).await);
    let ratio = java
        .decode_result(JavaType::Double, result.as_deref().expect("a result"))
        .expect("a Double");
    assert_eq!(ratio.class.as_deref(), Some("java.lang.Double"));
    assert_eq!(ratio.value, json!(1.5));
    let input = java.encode_args(&[]);
    assert_eq!(
        completed(run(&swf, "Flow.touch", "void", &input).await),
        None
    );

    // Failures: the decider's exception classes, with their fields.
    let declined = java.encode_args(&[JavaArg::Order(json!({"id": 1, "last4": "0000"}))]);
    let (reason, details) = failure(run(&swf, "Flow.charge", "declined", &declined).await);
    assert_eq!(reason, "card ending 0000 was declined");
    let thrown = throwable(&details);
    assert_eq!(thrown.class, "com.example.DeclinedException");
    assert_eq!(
        thrown.message.as_deref(),
        Some("card ending 0000 was declined")
    );
    assert_eq!(
        Value::Object(thrown.fields),
        json!({"last4": "0000", "code": 51})
    );
    assert_eq!(
        FLOW.read_failure(Some(&reason), Some(&details))
            .decode::<ChargeError>()
            .expect("reads back"),
        ChargeError::Declined {
            last4: "0000".into(),
            code: 51
        }
    );

    let short = java.encode_args(&[JavaArg::Order(
        json!({"id": 2, "amountCents": 20_000, "items": ["checking", "savings"]}),
    )]);
    let (_, details) = failure(run(&swf, "Flow.charge", "insufficient", &short).await);
    let thrown = throwable(&details);
    assert_eq!(thrown.class, "com.example.InsufficientFundsException");
    assert_eq!(
        Value::Object(thrown.fields),
        json!({"balanceCents": 5_000_000_000_i64, "accounts": ["checking", "savings"]})
    );

    let other = java.encode_args(&[JavaArg::Order(json!({"id": 13}))]);
    let (_, details) = failure(run(&swf, "Flow.charge", "other", &other).await);
    let thrown = throwable(&details);
    assert_eq!(thrown.class, "java.lang.RuntimeException");
    assert_eq!(thrown.message.as_deref(), Some("charge failed: order 13"));

    // Framework failures: JDK exceptions a Flow decider decodes.
    let panicked = java.encode_args(&[JavaArg::String("kaboom".into())]);
    let (reason, details) = failure(run(&swf, "Flow.explode", "panic", &panicked).await);
    assert_eq!(reason, "activity panicked: kaboom");
    let thrown = throwable(&details);
    assert_eq!(thrown.class, "java.lang.RuntimeException");
    assert_eq!(thrown.message.as_deref(), Some("kaboom"));
    assert_eq!(
        FLOW.read_failure(Some(&reason), Some(&details)).kind(),
        Some(FailureKind::Panic)
    );

    let too_many = java.encode_args(&[
        JavaArg::String("a".into()),
        JavaArg::Long(1),
        JavaArg::Boolean(true),
    ]);
    let (reason, details) = failure(run(&swf, "Flow.ship", "too-many", &too_many).await);
    assert_eq!(
        reason,
        "activity input did not decode: too many arguments: the activity takes 2, the task has 3"
    );
    let thrown = throwable(&details);
    assert_eq!(thrown.class, "java.lang.IllegalArgumentException");
    assert_eq!(
        thrown.message.as_deref(),
        Some("too many arguments: the activity takes 2, the task has 3")
    );

    running.stop().await.expect("the worker stops cleanly");
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn every_framework_failure_and_bad_input_decodes_as_a_jdk_exception() {
    for kind in FailureKind::ALL {
        let outcome = FLOW.framework_failure(kind, "why \"it\" failed\n😀");
        let (_, details) = failed(&outcome);
        let thrown = throwable(details);
        assert!(
            thrown.class.starts_with("java."),
            "{kind}: {}",
            thrown.class
        );
        assert_eq!(
            thrown.message.as_deref(),
            Some("why \"it\" failed\n😀"),
            "{kind}"
        );
    }
    let bad = [
        "not json",
        r#"{"id":1}"#,
        r#"["abc",42]"#,
        r#"["[Ljava.lang.Object;",[["java.lang.Long","x"]]]"#,
        r#"["[Ljava.lang.Object;",[["java.lang.Thread",{}]]]"#,
        r#"["[Ljava.lang.Object;",["abc"]]"#,
        r#"["[Ljava.lang.Object;",["abc",1,2]]"#,
    ];
    for input in bad {
        let outcome = decode::<Args<(String, i64)>>(input).expect_err(input);
        let thrown = throwable(failed(&outcome).1);
        assert_eq!(
            thrown.class, "java.lang.IllegalArgumentException",
            "{input}"
        );
    }
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn results_of_every_shape_decode_in_java() {
    let java = java();
    let nan = result(&f64::NAN);
    let decoded = java
        .decode_result(JavaType::Double, nan.result().expect("a result"))
        .expect("NaN as Jackson writes it");
    assert_eq!(decoded.class.as_deref(), Some("java.lang.Double"));
    let long = result(JAVA_LONGS.end());
    let decoded = java
        .decode_result(JavaType::Long, long.result().expect("a result"))
        .expect("a Long");
    assert_eq!(decoded.value, json!(JAVA_LONGS.end()));
    let receipt = result(&Receipt {
        order_id: -1,
        status: "é\"\u{1}😀".into(),
    });
    let decoded = java
        .decode_result(JavaType::Receipt, receipt.result().expect("a result"))
        .expect("a Receipt");
    assert_eq!(
        decoded.value,
        json!({"orderId": -1, "status": "é\"\u{1}😀"})
    );
}

/// The error and its `Display`, for the report of a failed case.
struct Case {
    display: String,
    error: PropError,
    details: String,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "display of {} chars, {:?}, details {}",
            self.display.chars().count(),
            self.error,
            swf_len(&self.details)
        )
    }
}

#[test]
#[ignore = "needs Java and Jackson; run .ci/flow-java.sh"]
fn every_details_of_any_size_decodes_as_a_throwable_in_java() {
    let cases: usize = std::env::var("SWF_FLOW_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let mut runner = TestRunner::default();
    let strategy = (text(40_000), prop_error());
    let java = java();
    let mut done = 0;
    while done < cases {
        let batch: Vec<Case> = (0..cases.min(done + 100) - done)
            .map(|_| {
                let (display, error) = strategy
                    .new_tree(&mut runner)
                    .expect("generates a case")
                    .current();
                let outcome = check_limits_and_read_back(&display, &error);
                let details = failed(&outcome).1.to_owned();
                Case {
                    display,
                    error,
                    details,
                }
            })
            .collect();
        let details: Vec<String> = batch.iter().map(|c| c.details.clone()).collect();
        for (case, decoded) in batch.iter().zip(java.decode_failures(&details)) {
            let thrown = decoded
                .unwrap_or_else(|e| panic!("Jackson refused {case:?}: {e}"))
                .unwrap_or_else(|| panic!("{case:?} decoded to null"));
            let expected = match case.error {
                PropError::Declined { .. } => "com.example.DeclinedException",
                PropError::Insufficient { .. } => "com.example.InsufficientFundsException",
                _ => "java.lang.RuntimeException",
            };
            assert_eq!(thrown.class, expected, "{case:?}");
            let sent: Value = serde_json::from_str(&case.details).expect("JSON");
            let message = thrown.message.unwrap_or_default();
            assert_eq!(sent[1]["message"], json!(message), "{case:?}");
            assert!(
                message == case.display
                    || (message.ends_with(TRUNCATION_MARK)
                        && case
                            .display
                            .starts_with(message.trim_end_matches(TRUNCATION_MARK))),
                "{case:?}"
            );
            for (field, value) in &thrown.fields {
                if let Some(sent) = sent[1].get(field) {
                    let plain = match sent {
                        Value::Array(wrapper) if wrapper.len() == 2 => wrapper[1].clone(),
                        other => other.clone(),
                    };
                    assert_eq!(&plain, value, "{field} of {case:?}");
                }
            }
        }
        done += batch.len();
    }
}
