//! Failures as a Flow decider reads them: `details` is a Jackson-typed `Throwable`,
//! `["<exception class>",{"message":"...",<fields>,"rustError":{...}}]`, which
//! `fromData(details, Throwable.class)` turns into an instance of the class with its fields set.
//!
//! `rustError` is a property Java ignores (Flow's converter skips unknown properties) and the
//! Rust side reads back: it says how to rebuild the error's plain JSON from the properties.
//!
//! - `{"fields":{...}}`: the error is an object made of the exception's properties (other than
//!   `Throwable`'s own), plus the fields given here, whose names `Throwable` already uses
//!   (`message`, `cause`, ...);
//! - `{"value":V}`: the error is `V` (a string, a tuple, ...);
//! - with `"variant":"Name"` as well: the error is that variant of an enum, `{"Name":...}`, or
//!   `"Name"` for a unit variant (no `fields`, no `value`);
//! - `{"error":E}`: the error is `E` (its fields did not fit as properties);
//! - `{"$swf_activity":"truncated","original_length":N,"prefix":"..."}`, the envelope of
//!   [`truncate_json`]: the error's JSON did not fit; `prefix` is its beginning. A descriptor
//!   with `"truncated":true` (the envelope earlier versions wrote) is read the same way: the
//!   descriptor is the framework's own, never the error, so neither can be mistaken for it.

use serde_json::{Map, Value, json};
use swf_activity_rules::{REASON_MAX, swf_len};

use super::FlowJava;
use super::read::{Mode, untype};
use super::ser::{Content, Node, to_node};
use super::typed::{Pos, typed, wrap};
use crate::failure::{
    EnvelopeRead, Failure, FailureKind, Outcome, envelope_value, framework_reason, read_envelope,
    truncate, truncate_json,
};

/// The property that tells the Rust side how to rebuild the error.
pub(super) const DESCRIPTOR: &str = "rustError";

/// Properties a Jackson-typed `Throwable` already has (or ours): an error's fields by these
/// names are kept in the descriptor instead, so Java does not read them as its own.
const RESERVED: [&str; 6] = [
    "message",
    "cause",
    "stackTrace",
    "suppressed",
    "localizedMessage",
    DESCRIPTOR,
];

/// Room for a framework failure's message in its details.
const FRAMEWORK_MESSAGE_MAX: usize = 4096;

/// The JDK exception a framework failure of `kind` is sent as.
pub(super) fn framework_class(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::InputDecode => "java.lang.IllegalArgumentException",
        FailureKind::Panic => "java.lang.RuntimeException",
        FailureKind::ResultTooLarge
        | FailureKind::ResultSerialization
        | FailureKind::ErrorSerialization
        | FailureKind::PayloadStore => "java.lang.IllegalStateException",
        FailureKind::Aborted => "java.util.concurrent.CancellationException",
        FailureKind::UnknownActivityType => "java.lang.UnsupportedOperationException",
    }
}

/// A framework failure: `reason` as the [`Json`](crate::convert::Json) converter writes it
/// (`"<prefix>: <reason_message>"`, cut to 256), `details` the kind's JDK exception with
/// `message`.
pub(super) fn framework_outcome(kind: FailureKind, reason_message: &str, message: &str) -> Outcome {
    let reason = framework_reason(kind, reason_message);
    let mut props = Map::new();
    props.insert(
        "message".to_owned(),
        Value::String(truncate(message, FRAMEWORK_MESSAGE_MAX).into_owned()),
    );
    let details = wrap(framework_class(kind), Value::Object(props)).to_string();
    Outcome::Failed {
        reason,
        details,
        framework: Some(kind),
    }
}

/// How an error's value becomes an exception.
struct Shape<'a> {
    class: &'static str,
    variant: Option<&'static str>,
    content: Rebuild<'a>,
}

enum Rebuild<'a> {
    /// The value is an object: its entries become properties.
    Fields(Vec<(&'a str, &'a Node)>),
    /// The value has no fields; it is kept in the descriptor.
    Value(Value),
    /// A unit variant.
    Unit,
}

fn fields_of<'a>(fields: &'a [(&'static str, Node)]) -> Rebuild<'a> {
    Rebuild::Fields(fields.iter().map(|(k, v)| (*k, v)).collect())
}

fn entries_of(entries: &[(String, Node)]) -> Rebuild<'_> {
    Rebuild::Fields(entries.iter().map(|(k, v)| (k.as_str(), v)).collect())
}

impl<'a> Shape<'a> {
    fn of(flow: &FlowJava, node: &'a Node) -> Shape<'a> {
        match node {
            Node::Struct { name, fields } => Shape {
                class: flow
                    .exception_of(&[name])
                    .or_else(|| name.contains('.').then_some(*name))
                    .unwrap_or(flow.default_exception),
                variant: None,
                content: fields_of(fields),
            },
            Node::Map(entries) => Shape {
                class: flow.default_exception,
                variant: None,
                content: entries_of(entries),
            },
            Node::Variant {
                enum_name,
                variant,
                content,
            } => {
                let mapped = |names: &[&str]| {
                    flow.variant_exception(enum_name, variant)
                        .or_else(|| flow.exception_of(names))
                        .unwrap_or(flow.default_exception)
                };
                let (class, content) = match content {
                    Content::Unit => (mapped(&[enum_name]), Rebuild::Unit),
                    Content::Struct(fields) => (mapped(&[enum_name]), fields_of(fields)),
                    Content::Newtype(inner) => match &**inner {
                        Node::Struct { name, fields } => {
                            (mapped(&[name, enum_name]), fields_of(fields))
                        }
                        Node::Map(entries) => (mapped(&[enum_name]), entries_of(entries)),
                        other => (mapped(&[enum_name]), Rebuild::Value(other.plain())),
                    },
                    Content::Tuple(items) => (
                        mapped(&[enum_name]),
                        Rebuild::Value(Value::Array(items.iter().map(Node::plain).collect())),
                    ),
                };
                Shape {
                    class,
                    variant: Some(variant),
                    content,
                }
            }
            other => Shape {
                class: flow.default_exception,
                variant: None,
                content: Rebuild::Value(other.plain()),
            },
        }
    }
}

/// An activity's error as a Flow decider reads it.
pub(super) fn encode_error(
    flow: &FlowJava,
    display: &str,
    error: &dyn erased_serde::Serialize,
    max_len: usize,
) -> Outcome {
    let node = match to_node(error) {
        Ok(node) => node,
        Err(err) => {
            return framework_outcome(FailureKind::ErrorSerialization, display, &err.to_string());
        }
    };
    let shape = Shape::of(flow, &node);
    let mut props = Vec::new();
    let mut descriptor = Map::new();
    if let Some(variant) = shape.variant {
        descriptor.insert("variant".to_owned(), Value::String(variant.to_owned()));
    }
    match shape.content {
        Rebuild::Fields(fields) => {
            let mut reserved = Map::new();
            for (name, node) in fields {
                if RESERVED.contains(&name) {
                    reserved.insert(name.to_owned(), node.plain());
                    continue;
                }
                match typed(flow, node, Pos::Declared) {
                    Ok(value) => props.push((name.to_owned(), value)),
                    Err(why) => {
                        return framework_outcome(FailureKind::ErrorSerialization, display, &why);
                    }
                }
            }
            descriptor.insert("fields".to_owned(), Value::Object(reserved));
        }
        Rebuild::Value(value) => {
            descriptor.insert("value".to_owned(), value);
        }
        Rebuild::Unit => {}
    }
    let details = fit(
        shape.class,
        display,
        props,
        Value::Object(descriptor),
        || serde_json::to_string(error).unwrap_or_else(|_| node.plain().to_string()),
        max_len,
    );
    Outcome::Failed {
        reason: truncate(display, REASON_MAX).into_owned(),
        details,
        framework: None,
    }
}

fn render(class: &str, message: &str, props: &[(String, Value)], descriptor: &Value) -> String {
    let mut map = Map::new();
    map.insert("message".to_owned(), Value::String(message.to_owned()));
    for (key, value) in props {
        map.insert(key.clone(), value.clone());
    }
    map.insert(DESCRIPTOR.to_owned(), descriptor.clone());
    wrap(class, Value::Object(map)).to_string()
}

/// The details within `max` characters (SWF's 32768, or the worker's offloading limit), and
/// still a `Throwable`: a message longer than half of `max` is cut to it (past that share, a
/// long message is cut before any field is dropped, since Java code acts on fields and people
/// read messages), then the largest fields are dropped (the descriptor then keeps the error's
/// plain JSON, or as much of it as fits), then the message is cut further.
fn fit(
    class: &str,
    display: &str,
    props: Vec<(String, Value)>,
    descriptor: Value,
    original: impl FnOnce() -> String,
    max: usize,
) -> String {
    let full = render(class, display, &props, &descriptor);
    if swf_len(&full) <= max {
        return full;
    }
    let original = original();
    let original_length = swf_len(&original);
    let empty_envelope = envelope_value(Some(original_length), Some(""));
    let message = cut_message(display, max / 2);
    let cut = render(class, &message, &props, &descriptor);
    if swf_len(&cut) <= max {
        return cut;
    }

    // Drop the largest properties until the rest fits beside the smallest descriptor.
    let mut sized: Vec<(usize, (String, Value))> = props
        .into_iter()
        .map(|(k, v)| {
            let size = escaped_len(&k) + 2 + swf_len(&v.to_string()) + 2;
            (size, (k, v))
        })
        .collect();
    sized.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let all: Vec<(String, Value)> = sized.iter().map(|(_, p)| p.clone()).collect();
    let mut total = swf_len(&render(class, &message, &all, &empty_envelope));
    let mut first_kept = 0;
    while total > max && first_kept < sized.len() {
        total = total.saturating_sub(sized[first_kept].0);
        first_kept += 1;
    }
    let kept: Vec<(String, Value)> = sized.into_iter().skip(first_kept).map(|(_, p)| p).collect();

    // Then cut the message to what is left.
    let overhead = swf_len(&render(class, "", &kept, &empty_envelope)) - 2;
    let message = cut_message(&message, max.saturating_sub(overhead));

    // The descriptor takes the room left: the whole error if it fits, else its beginning.
    if let Ok(error) = serde_json::from_str::<Value>(&original) {
        let with_whole = render(class, &message, &kept, &json!({"error": error}));
        if swf_len(&with_whole) <= max {
            return with_whole;
        }
    }
    let without = swf_len(&render(class, &message, &kept, &empty_envelope));
    let room = max.saturating_sub(without) + swf_len(&empty_envelope.to_string());
    // Below the original's length, so truncate_json always makes its envelope.
    let envelope = truncate_json(&original, room.min(original_length.saturating_sub(1)));
    let envelope = serde_json::from_str(&envelope).unwrap_or_else(|_| envelope_value(None, None));
    let details = render(class, &message, &kept, &envelope);
    if swf_len(&details) <= max {
        details
    } else {
        // Not reached: every step above measured what it wrote. Still a Throwable if it were.
        render(
            class,
            &truncate(display, 1024),
            &[],
            &envelope_value(None, None),
        )
    }
}

/// The length of `text` inside a JSON string, without the quotes.
fn escaped_len(text: &str) -> usize {
    swf_len(&Value::String(text.to_owned()).to_string()) - 2
}

/// `display`, cut as little as it must be for its length inside a JSON string (where escaping
/// may make a character up to six units long) to be within `room`.
fn cut_message(display: &str, room: usize) -> String {
    if escaped_len(display) <= room {
        return display.to_owned();
    }
    // The longest cut that fits: `lo` fits (or is 0, leaving at most the mark), `hi` does not.
    let (mut lo, mut hi) = (0, swf_len(display));
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if escaped_len(&truncate(display, mid)) <= room {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    truncate(display, lo).into_owned()
}

/// The kind of a framework failure with this reason, by its prefix.
fn framework_kind(reason: &str) -> Option<FailureKind> {
    FailureKind::ALL.into_iter().find(|kind| {
        reason
            .strip_prefix(kind.reason_prefix())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(": "))
    })
}

/// Decider side: the failure a Flow Java converter's `reason` and `details` describe.
pub(super) fn read_failure(reason: Option<&str>, details: Option<&str>) -> Failure {
    let Some(text) = details else {
        return Failure::new(reason, None);
    };
    let unreadable = |why: String| Failure::unreadable(reason, details, why);
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => return unreadable(format!("the details are not JSON: {err}")),
    };
    let (class, props) = match value {
        Value::Array(mut parts) if parts.len() == 2 => match (parts.pop(), parts.pop()) {
            (Some(Value::Object(props)), Some(Value::String(class))) => (class, props),
            _ => {
                return unreadable(
                    "the details are not a Jackson-typed Throwable [\"<class>\",{...}]".to_owned(),
                );
            }
        },
        _ => {
            return unreadable(
                "the details are not a Jackson-typed Throwable [\"<class>\",{...}]".to_owned(),
            );
        }
    };
    let message = props.get("message").cloned().unwrap_or(Value::Null);

    if let Some(descriptor) = props.get(DESCRIPTOR) {
        return match rebuild(descriptor, &props) {
            Ok(Rebuilt::Error(error)) => Failure::from_error(reason, details, error),
            Ok(Rebuilt::Truncated(envelope)) => Failure::from_envelope(reason, details, envelope),
            Err(why) => unreadable(why),
        };
    }
    if let Some(kind) = reason.and_then(framework_kind)
        && class == framework_class(kind)
    {
        let message = message.as_str().unwrap_or_default().to_owned();
        return Failure::from_framework(reason, details, kind, message);
    }
    // A Java worker's exception: its class, message and fields.
    let mut error = Map::new();
    error.insert("class".to_owned(), Value::String(class));
    error.insert("message".to_owned(), message);
    match own_fields(&props) {
        Ok(fields) => error.extend(fields),
        Err(why) => return unreadable(why),
    }
    Failure::from_error(reason, details, Value::Object(error))
}

enum Rebuilt {
    Error(Value),
    Truncated(EnvelopeRead),
}

fn rebuild(descriptor: &Value, props: &Map<String, Value>) -> Result<Rebuilt, String> {
    if let Some(envelope) = read_envelope(descriptor) {
        return Ok(Rebuilt::Truncated(envelope));
    }
    let Value::Object(descriptor) = descriptor else {
        return Err(format!("`{DESCRIPTOR}` is not an object"));
    };
    if let Some(error) = descriptor.get("error") {
        return Ok(Rebuilt::Error(error.clone()));
    }
    let content = if let Some(value) = descriptor.get("value") {
        Some(value.clone())
    } else if let Some(reserved) = descriptor.get("fields") {
        let Value::Object(reserved) = reserved else {
            return Err(format!("`{DESCRIPTOR}.fields` is not an object"));
        };
        let mut fields = own_fields(props)?;
        fields.extend(reserved.clone());
        Some(Value::Object(fields))
    } else {
        None
    };
    let error = match (descriptor.get("variant"), content) {
        (Some(Value::String(variant)), None) => Value::String(variant.clone()),
        (Some(Value::String(variant)), Some(content)) => {
            let mut map = Map::new();
            map.insert(variant.clone(), content);
            Value::Object(map)
        }
        (Some(_), _) => return Err(format!("`{DESCRIPTOR}.variant` is not a string")),
        (None, content) => content.unwrap_or(Value::Null),
    };
    Ok(Rebuilt::Error(error))
}

/// The properties that are not `Throwable`'s own, as plain JSON.
fn own_fields(props: &Map<String, Value>) -> Result<Map<String, Value>, String> {
    props
        .iter()
        .filter(|(k, _)| !RESERVED.contains(&k.as_str()))
        .map(|(k, v)| {
            untype(v.clone(), Mode::Declared)
                .map(|v| (k.clone(), v))
                .map_err(|why| format!("property {k:?}: {why}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flow details whose descriptor is `descriptor`.
    fn details(descriptor: &str) -> String {
        format!(r#"["java.lang.RuntimeException",{{"message":"huge","rustError":{descriptor}}}]"#)
    }

    #[test]
    fn the_descriptor_holds_the_envelope() {
        let original = serde_json::to_string(&"x".repeat(5000)).expect("JSON");
        let details = fit(
            "java.lang.RuntimeException",
            "huge",
            Vec::new(),
            json!({"value": "x".repeat(5000)}),
            || original.clone(),
            1000,
        );
        assert!(swf_len(&details) <= 1000);
        let value: Value = serde_json::from_str(&details).expect("JSON");
        let descriptor = &value[1][DESCRIPTOR];
        assert_eq!(descriptor["$swf_activity"], "truncated");
        assert_eq!(descriptor["original_length"], 5002);
        assert!(details.contains(r#""rustError":{"$swf_activity":"truncated","#));
        let failure = read_failure(Some("huge"), Some(&details));
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(5002));
        let prefix = failure.details_prefix().expect("prefix");
        assert!(prefix.len() > 500 && original.starts_with(prefix));
    }

    #[test]
    fn reads_this_and_earlier_versions_envelopes() {
        // This version's, then exactly what earlier versions wrote.
        for (descriptor, length, prefix) in crate::failure::ENVELOPE_CASES {
            let failure = read_failure(Some("huge"), Some(&details(descriptor)));
            assert!(failure.is_truncated(), "{descriptor}");
            assert_eq!(failure.original_length(), length, "{descriptor}");
            assert_eq!(failure.details_prefix(), Some(prefix), "{descriptor}");
            assert!(matches!(
                failure.decode::<Value>(),
                Err(crate::failure::DecodeFailureError::Truncated { .. })
            ));
        }
        // An error with those members is in `value` (or `error`), never the descriptor itself.
        let failure = read_failure(
            Some("huge"),
            Some(&details(
                r#"{"value":{"truncated":true,"original_length":40000,"prefix":""}}"#,
            )),
        );
        assert!(!failure.is_truncated());
        assert_eq!(
            failure.decode::<Value>().expect("the error")["original_length"],
            40_000
        );
    }
}
