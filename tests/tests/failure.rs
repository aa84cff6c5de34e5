//! The failure mapping contract (DESIGN.md, "Failure mapping contract"): reason = `Display`,
//! details = JSON, both within SWF's limits by either count, details always valid JSON, and a
//! decider can read them back.

use std::collections::BTreeMap;
use std::fmt;

use proptest::prelude::*;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use swf_activity::failure::{
    DecodeFailureError, Failure, FailureKind, Outcome, TRUNCATION_MARK, decode_failure,
    encode_error, encode_result, truncate, truncate_json,
};
use swf_activity::rules::{DATA_MAX, LIMITED_DATA_MAX, REASON_MAX};

/// Both ways SWF might count: code points and UTF-16 code units.
fn fits(value: &str, max: usize) -> bool {
    value.chars().count() <= max && value.encode_utf16().count() <= max
}

fn reason(outcome: &Outcome) -> &str {
    outcome.reason().expect("a failure")
}

fn details(outcome: &Outcome) -> &str {
    outcome.details().expect("a failure")
}

#[derive(Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
enum ChargeError {
    #[error("card ending {last4} was declined")]
    Declined { last4: String },
    #[error("the payment service is down")]
    Unavailable,
}

#[test]
fn typed_error_maps_byte_for_byte() {
    let outcome = encode_error(&ChargeError::Declined {
        last4: "4242".into(),
    });
    assert_eq!(
        outcome,
        encode_error(&ChargeError::Declined {
            last4: "4242".into()
        })
    );
    assert_eq!(reason(&outcome), "card ending 4242 was declined");
    assert_eq!(details(&outcome), r#"{"Declined":{"last4":"4242"}}"#);
    let unit = encode_error(&ChargeError::Unavailable);
    assert_eq!(reason(&unit), "the payment service is down");
    assert_eq!(details(&unit), r#""Unavailable""#);

    // The decider reads it back.
    let back: ChargeError = decode_failure(outcome.reason(), outcome.details()).expect("decodes");
    assert_eq!(
        back,
        ChargeError::Declined {
            last4: "4242".into()
        }
    );
    let failure = Failure::new(outcome.reason(), outcome.details());
    assert!(!failure.is_truncated() && !failure.reason_truncated());
    assert_eq!(failure.kind(), None);
}

/// An error with a given `Display` text and JSON.
#[derive(Debug)]
struct Shaped {
    display: String,
    json: Value,
}

impl fmt::Display for Shaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

impl Serialize for Shaped {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

fn with_reason(display: String) -> Outcome {
    encode_error(&Shaped {
        display,
        json: Value::Null,
    })
}

/// The reason kept before the mark; checks the cut fits both counts and is marked.
fn kept(outcome: &Outcome) -> String {
    let reason = reason(outcome);
    assert!(
        fits(reason, REASON_MAX),
        "{} units",
        reason.encode_utf16().count()
    );
    reason
        .strip_suffix(TRUNCATION_MARK)
        .unwrap_or_else(|| panic!("no mark: {reason:?}"))
        .to_owned()
}

#[test]
fn long_reasons_are_cut_and_marked() {
    assert_eq!(TRUNCATION_MARK, "… [truncated]");
    let mark = TRUNCATION_MARK.encode_utf16().count();
    let room = REASON_MAX - mark;

    // ASCII: exactly the room before the mark.
    let ascii = "x".repeat(1000);
    let outcome = with_reason(ascii.clone());
    assert_eq!(kept(&outcome), ascii[..room]);
    assert_eq!(reason(&outcome).encode_utf16().count(), REASON_MAX);

    // A reason of exactly the limit is left alone; one more and it is cut.
    assert_eq!(
        reason(&with_reason("y".repeat(REASON_MAX))),
        "y".repeat(REASON_MAX)
    );
    assert!(reason(&with_reason("y".repeat(REASON_MAX + 1))).ends_with(TRUNCATION_MARK));

    // An emoji (two UTF-16 units) straddles the cut: it is dropped whole.
    let emoji = format!("a{}", "😀".repeat(300));
    let k = kept(&with_reason(emoji.clone()));
    assert_eq!(k, format!("a{}", "😀".repeat((room - 1) / 2)));
    assert!(emoji.starts_with(&k));

    // CJK: one unit each, so the cut is by count.
    let cjk = "漢字".repeat(300);
    let k = kept(&with_reason(cjk.clone()));
    assert_eq!(k.chars().count(), room);
    assert!(cjk.starts_with(&k));

    // Combining marks: never separated from their base letter.
    for offset in 0..2 {
        let combining = format!("{}{}", "z".repeat(offset), "e\u{301}".repeat(300));
        let k = kept(&with_reason(combining.clone()));
        assert!(combining.starts_with(&k));
        assert!(
            k.ends_with('\u{301}'),
            "cut between e and its accent: {k:?}"
        );
    }
    // Several marks on one base letter stay together too.
    let stacked = format!("{}{}", "z".repeat(240), "a\u{301}\u{308}\u{323}".repeat(10));
    let k = kept(&with_reason(stacked));
    assert_eq!(k, "z".repeat(240));
}

#[test]
fn truncate_helper_is_reusable() {
    assert_eq!(truncate("short", 256), "short");
    let long = "é".repeat(3000);
    let cut = truncate(&long, LIMITED_DATA_MAX);
    assert!(fits(&cut, LIMITED_DATA_MAX) && cut.ends_with(TRUNCATION_MARK));
}

#[test]
fn long_details_become_a_valid_envelope() {
    // Quotes, newlines and emoji: escaping makes the JSON longer than the string.
    let big = Shaped {
        display: "too much".into(),
        json: serde_json::json!({ "log": "\"line\"\n😀".repeat(10_000) }),
    };
    let original = serde_json::to_string(&big.json).expect("json");
    let outcome = encode_error(&big);
    assert_eq!(reason(&outcome), "too much");
    let details = details(&outcome);
    assert!(fits(details, DATA_MAX));
    let envelope: Value = serde_json::from_str(details).expect("details stay valid JSON");
    let object = envelope.as_object().expect("an object");
    assert_eq!(object.len(), 3);
    assert_eq!(envelope["$swf_activity"], "truncated");
    assert_eq!(envelope["original_length"], original.encode_utf16().count());
    let prefix = envelope["prefix"].as_str().expect("prefix is a string");
    assert!(original.starts_with(prefix));
    assert!(prefix.len() > 1000, "the envelope keeps a useful prefix");
    assert!(details.starts_with(r#"{"$swf_activity":"truncated","original_length":"#));

    let failure = Failure::new(outcome.reason(), Some(details));
    assert!(failure.is_truncated());
    assert_eq!(failure.details_prefix(), Some(prefix));
    assert_eq!(
        failure.original_length(),
        Some(original.encode_utf16().count())
    );
    assert!(matches!(
        decode_failure::<Value>(outcome.reason(), outcome.details()),
        Err(DecodeFailureError::Truncated { .. })
    ));

    // The same helper fits heartbeat details.
    let heartbeat = truncate_json(&original, LIMITED_DATA_MAX);
    assert!(fits(&heartbeat, LIMITED_DATA_MAX));
    serde_json::from_str::<Value>(&heartbeat).expect("valid JSON");
}

#[test]
fn results_too_large_for_swf_fail_the_task() {
    let fitting = "x".repeat(DATA_MAX - 2); // plus two quotes
    assert_eq!(
        encode_result(&fitting).result().map(str::len),
        Some(DATA_MAX)
    );
    let outcome = encode_result(&"😀".repeat(DATA_MAX / 2));
    assert!(outcome.is_failed());
    assert_eq!(
        reason(&outcome),
        "activity result is too large for SWF: 32770 characters, the limit is 32768"
    );
    assert_eq!(
        details(&outcome),
        r#"{"framework_error":"ResultTooLarge","message":"32770 characters, the limit is 32768"}"#
    );
    assert_eq!(
        outcome.as_failure().and_then(|f| f.kind()),
        Some(FailureKind::ResultTooLarge)
    );
    assert_eq!(encode_result(&()), Outcome::Completed { result: None });
    assert_eq!(encode_result(&[1, 2]).result(), Some("[1,2]"));
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("lookup failed for {} keys", .keys.len())]
struct MapKeyed {
    // JSON object keys must be strings: serializing fails.
    keys: BTreeMap<(u8, u8), String>,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot say why")]
struct Refuses;

impl Serialize for Refuses {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refusing to serialize"))
    }
}

#[test]
fn unserializable_errors_still_fail_the_task() {
    let mut keys = BTreeMap::new();
    keys.insert((1, 2), "x".to_owned());
    let outcome = encode_error(&MapKeyed { keys });
    assert_eq!(
        reason(&outcome),
        "activity error could not be serialized: lookup failed for 1 keys"
    );
    assert_eq!(
        details(&outcome),
        r#"{"framework_error":"ErrorSerialization","message":"key must be a string","display":"lookup failed for 1 keys"}"#
    );

    let outcome = encode_error(&Refuses);
    assert_eq!(
        reason(&outcome),
        "activity error could not be serialized: cannot say why"
    );
    let failure = outcome.as_failure().expect("failed");
    assert_eq!(failure.kind(), Some(FailureKind::ErrorSerialization));
    assert_eq!(failure.framework_message(), Some("refusing to serialize"));
    assert_eq!(failure.error_display(), Some("cannot say why"));
    match decode_failure::<Value>(outcome.reason(), outcome.details()) {
        Err(DecodeFailureError::Framework { kind, reason, .. }) => {
            assert_eq!(kind, FailureKind::ErrorSerialization);
            assert_eq!(
                reason,
                "activity error could not be serialized: cannot say why"
            );
        }
        other => panic!("expected a framework failure, got {other:?}"),
    }

    // An `Ok` value that does not serialize fails too.
    let mut keys = BTreeMap::new();
    keys.insert((1, 2), 3);
    let outcome = encode_result(&keys);
    assert_eq!(
        reason(&outcome),
        "activity result could not be serialized: key must be a string"
    );
}

#[test]
fn framework_reasons_are_documented_constants() {
    let expected = [
        (FailureKind::InputDecode, "activity input did not decode"),
        (FailureKind::Panic, "activity panicked"),
        (
            FailureKind::ResultTooLarge,
            "activity result is too large for SWF",
        ),
        (
            FailureKind::ResultSerialization,
            "activity result could not be serialized",
        ),
        (
            FailureKind::ErrorSerialization,
            "activity error could not be serialized",
        ),
        (
            FailureKind::Aborted,
            "activity was aborted before it finished",
        ),
        (FailureKind::UnknownActivityType, "unknown activity type"),
    ];
    for (kind, prefix) in expected {
        assert_eq!(kind.reason_prefix(), prefix);
        let outcome = Outcome::framework_failure(kind, &"m".repeat(1000));
        assert!(reason(&outcome).starts_with(&format!("{prefix}: mmm")));
        assert!(fits(reason(&outcome), REASON_MAX));
        assert!(fits(details(&outcome), DATA_MAX));
        assert_eq!(outcome.as_failure().and_then(|f| f.kind()), Some(kind));
    }
    let unknown = swf_activity::failure::unknown_activity_type("Charge", "2");
    assert_eq!(
        reason(&unknown),
        r#"unknown activity type: "Charge" version "2" is not served by this worker"#
    );
}

#[test]
fn decoding_errors() {
    // Details of another type.
    assert!(matches!(
        decode_failure::<ChargeError>(Some("r"), Some("[1]")),
        Err(DecodeFailureError::Json(_))
    ));
    // No details read as `null`.
    assert_eq!(
        decode_failure::<Option<u8>>(Some("r"), None).ok(),
        Some(None)
    );
    // Details that are not JSON (written by another SWF client).
    assert!(matches!(
        decode_failure::<Value>(None, Some("not json")),
        Err(DecodeFailureError::Json(_))
    ));
    assert!(!Failure::new(None, Some("not json")).is_truncated());
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        // Long runs of characters that escaping makes longer, or that take two UTF-16 units.
        (
            prop::sample::select(vec!["\"", "\\", "\n", "\u{1}", "😀", "é", "a", "e\u{301}"]),
            0..12_000usize
        )
            .prop_map(|(s, n)| Value::String(s.repeat(n))),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// JSON that is always longer than SWF's 32768 limit, in either count.
fn oversized_json() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["\"", "\n", "😀", "é", "a", "e\u{301}", "\u{1}"]),
        33_000..40_000usize,
        any::<String>(),
    )
        .prop_map(|(s, n, key)| serde_json::json!({ key: s.repeat(n) }))
}

fn display_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,400}",
        // Non-BMP and combining characters around the cut.
        (
            prop::sample::select(vec!["😀", "a\u{301}", "👍🏽", "🇫🇷", "漢", "\u{10FFFF}"]),
            0..400usize
        )
            .prop_map(|(s, n)| s.repeat(n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn encoded_failures_fit_and_round_trip(
        display in display_text(),
        json in prop_oneof![3 => json_value(), 1 => oversized_json()],
    ) {
        let original = serde_json::to_string(&json).expect("json");
        let outcome = encode_error(&Shaped { display: display.clone(), json: json.clone() });
        let (reason, details) = (reason(&outcome), details(&outcome));
        prop_assert!(fits(reason, REASON_MAX));
        prop_assert!(fits(details, DATA_MAX));
        let parsed: Value = serde_json::from_str(details).expect("details are JSON");
        if fits(&display, REASON_MAX) {
            prop_assert_eq!(reason, display.as_str());
        } else {
            let kept = reason.strip_suffix(TRUNCATION_MARK).expect("marked");
            prop_assert!(display.starts_with(kept));
        }
        if fits(&original, DATA_MAX) {
            prop_assert_eq!(details, original.as_str());
            let back: Value = decode_failure(Some(reason), Some(details)).expect("round-trips");
            prop_assert_eq!(back, json);
        } else {
            prop_assert_eq!(&parsed["$swf_activity"], &Value::from("truncated"));
            let failure = Failure::new(Some(reason), Some(details));
            prop_assert!(failure.is_truncated());
            prop_assert!(original.starts_with(failure.details_prefix().expect("prefix")));
        }
    }

    #[test]
    fn truncate_fits_any_limit(text in display_text(), max in 0..300usize) {
        let cut = truncate(&text, max);
        prop_assert!(fits(&cut, max));
        if let Some(kept) = cut.strip_suffix(TRUNCATION_MARK) {
            prop_assert!(text.starts_with(kept));
        } else if !fits(&text, max) {
            prop_assert!(TRUNCATION_MARK.starts_with(&*cut));
        }
    }

    #[test]
    fn truncate_json_fits_any_limit(json in json_value(), max in 29..4000usize) {
        // 29: the shortest envelope, `{"$swf_activity":"truncated"}`.
        let original = serde_json::to_string(&json).expect("json");
        let fitted = truncate_json(&original, max);
        prop_assert!(fits(&fitted, max));
        serde_json::from_str::<Value>(&fitted).expect("valid JSON");
        if fitted != original {
            prop_assert!(Failure::new(None, Some(&fitted)).is_truncated());
        }
    }
}
