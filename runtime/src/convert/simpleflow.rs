//! The simpleflow converter: serving activities that a decider written with
//! [simpleflow](https://github.com/botify-labs/simpleflow) (Python) schedules, and answering in
//! the shape that decider reads.
//!
//! # The mapping
//!
//! | | simpleflow sends / reads | [`Simpleflow`] |
//! |---|---|---|
//! | input | `{"args":[...],"kwargs":{...}}`, plus `"meta"` when the activity has meta | a call: `args` positional, `kwargs` keyword; `meta` is dropped |
//! | input, `NonPythonicActivityTask` | the bare kwargs `{"sku":"A1"}` (with `"meta"` merged in), or the bare args `["A1",2]` | the same call; a `"meta"` key of bare kwargs is dropped |
//! | no input | (never sent) | a call without arguments |
//! | result | any JSON (the decider falls back to the raw text) | the `Ok` value's JSON; `()`/`None` send no result |
//! | failure `reason` | `"<ExceptionClass>: <message>"` (`"<ExceptionClass>"` when the message is empty) | `"<Name>: <Display>"`, cut to 256 |
//! | failure `details` | `{"error","error_type","message","traceback"}` | the same keys, plus `"serialized"`: the error's JSON |
//! | framework failure | — | `<Name>` = `<Kind>Error` (e.g. `InputDecodeError`), plus `"framework_error":"<Kind>"` |
//!
//! The input becomes an [`Input::Call`], which the activity's input type decodes from
//! ([`FromInput`](super::FromInput)): one struct from the keyword arguments, one value from
//! the only positional argument, several positional arguments with
//! [`Args<(A, B)>`](super::Args).
//!
//! `<Name>` is the error's serde name: the variant's for an enum (`Declined`), the type's
//! otherwise (`OutOfStock`), as `#[serde(rename = "...")]` sets it; an error that serializes
//! as a plain value (a `String`) is named `Error`. An enum with `#[serde(tag = ...)]` is named
//! after the enum, an untagged one after its variant's content.
//!
//! ```text
//! reason:  Declined: card ending 4242 was declined
//! details: {"error":"Declined","error_type":"rust::Declined","message":"card ending 4242 was declined",
//!           "serialized":{"Declined":{"last4":"4242"}},"traceback":["rust::Declined: card ending 4242 was declined\n"]}
//! ```
//!
//! simpleflow's decider gives `on_task_failure` a `TaskFailureContext` whose `task_error` is
//! `"Declined"`, `task_message` the message and `details` the whole dict (the error's own
//! fields under `"serialized"`). It also imports the class `error_type` names: for a Rust
//! error that is `rust::<Name>` (with any `.` of the name written `::`), which names nothing
//! Python can import and never makes it import a module, so `task_error_type` is `None`.
//! `traceback` is a list of lines, like a Python worker's; a Rust error has no Python stack, so
//! it holds only the last line a Python traceback ends with.
//!
//! # An activity and the decider that schedules it
//!
//! ```
//! use swf_activity::activity;
//! use swf_activity::convert::Simpleflow;
//!
//! static SIMPLEFLOW: Simpleflow = Simpleflow::new();
//!
//! #[derive(serde::Deserialize)]
//! struct Order {
//!     sku: String,
//!     qty: u32,
//! }
//!
//! #[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize)]
//! enum ChargeError {
//!     #[error("card ending {last4} was declined")]
//!     Declined { last4: String },
//! }
//!
//! /// `self.submit(charge, sku="A1", qty=2)` in the workflow below.
//! #[activity(name = "billing.charge", version = "1", task_list = "billing", converter = SIMPLEFLOW)]
//! async fn charge(order: Order) -> Result<String, ChargeError> {
//!     if order.sku.is_empty() {
//!         return Err(ChargeError::Declined { last4: "4242".into() });
//!     }
//!     Ok(format!("receipt for {} x {}", order.qty, order.sku))
//! }
//! ```
//!
//! ```python
//! from simpleflow import Workflow, activity
//!
//! @activity.with_attributes(name="billing.charge", version="1", task_list="billing")
//! def charge(sku, qty):
//!     """Served by the Rust worker; never runs in Python."""
//!
//! class Checkout(Workflow):
//!     name = "checkout"
//!     version = "1"
//!     task_list = "checkout"
//!
//!     def run(self):
//!         receipt = self.submit(charge, sku="A1", qty=2).result   # "receipt for 2 x A1"
//!
//!     def on_task_failure(self, ctx):
//!         if ctx.task_error == "Declined":                        # the enum variant
//!             last4 = ctx.details["serialized"]["Declined"]["last4"]
//!         elif ctx.details.get("framework_error") == "InputDecode":
//!             ...                                                 # the input did not fit
//! ```
//!
//! Positional arguments (`self.submit(ship, "A1", 2)`) reach an activity taking
//! `Args<(String, u32)>`; a `NonPythonicActivityTask` sends the same arguments bare and is read
//! the same way.
//!
//! # Input forms
//!
//! An object is simpleflow's wrapper when it has `"args"` or `"kwargs"` and no key but those
//! and `"meta"`; `"args"` must then be a list and `"kwargs"` an object, or the task fails. Any
//! other object is bare keyword arguments, a list bare positional arguments. So a
//! `NonPythonicActivityTask` whose only keyword arguments are named `args` or `kwargs` is read
//! as the wrapper (as a simpleflow worker reads it), and a keyword argument named `meta` is
//! never seen (simpleflow overwrites it with the activity's meta). Any other JSON, and text that
//! is not JSON, fails the task.
//!
//! # Framework failures
//!
//! When the framework fails a task (input that does not decode, a panic, a result too large,
//! ...), `<Name>` is the [`FailureKind`]'s name followed by `Error` (`InputDecodeError`,
//! `PanicError`, `ResultTooLargeError`, ...), `error_type` is `swf_activity::<Name>`, and
//! `details` has `"framework_error"`: the kind's name (`InputDecode`), which
//! [`read_failure`](DataConverter::read_failure) turns back into the kind. There is no
//! `"serialized"`. For [`ErrorSerialization`](FailureKind::ErrorSerialization), the message is
//! the error's `Display` text and `"cause"` says why it did not serialize.
//!
//! # Reading back (a Rust decider)
//!
//! [`read_result`](DataConverter::read_result) gives the result's JSON; a missing or empty
//! result is `null`, and text that is not JSON is a JSON string, as simpleflow's decider reads
//! it. [`read_failure`](DataConverter::read_failure) gives a [`Failure`] that is: the
//! framework's, with its kind, when the details have `"framework_error"`; the activity's error
//! (`"serialized"`), or what is left of it (`"serialized_truncated"`); for a dict without
//! either, as a simpleflow worker sends for a Python exception, the whole dict as the error
//! (so `{"error","error_type","message"}` decodes into a struct of those fields). Missing
//! details, details that are not a JSON object and jumbo fields are
//! [unreadable](Failure::unreadable), saying why.
//!
//! # Limits
//!
//! `reason` is cut to 256 ([`truncate`](crate::failure::truncate)) rather than replaced: a
//! simpleflow worker would send only `JumboTooLargeError` and lose the error. `details` stays a
//! valid simpleflow dict within 32768: the traceback is emptied first, then the message cut,
//! then the serialized error replaced by `"serialized_truncated"`, the envelope of
//! [`truncate_json`](crate::failure::truncate_json) (`{"$swf_activity":"truncated",
//! "original_length":N,"prefix":"..."}`). Both are measured with [`swf_len`]. Reading back,
//! `"serialized_truncated"` may also hold the envelope earlier versions wrote
//! (`{"truncated":true,...}`): the member is the converter's own, so neither envelope can be
//! mistaken for the activity's error. Details too long even without the serialized error (only
//! with absurdly long names) are replaced by the envelope itself, which reads back as truncated.
//!
//! JSON is written as serde_json writes it: compact, with non-ASCII characters as they are.
//! simpleflow writes `\u00e9` for `é` and sorts keys, but reads either; escaping would make
//! every non-ASCII character cost up to 12 of SWF's 32768.
//!
//! With a `max_len` over 32768 (a worker that offloads, see [`crate::payload`]), `details` fit
//! that limit instead, and the worker stores them: a field over SWF's limit then becomes a
//! jumbo field (`simpleflow+s3://...`), as simpleflow's own worker writes it when
//! `SIMPLEFLOW_JUMBO_FIELDS_BUCKET` is set. The converter itself reads no store: a decider
//! resolves a jumbo field with [`payload::resolve`](crate::payload::resolve) first.

use std::cell::Cell;
use std::fmt;

use serde::ser::{self, Impossible, Serialize, Serializer};
use serde_json::{Map, Value};

use super::{Converter, DataConverter, EncodeError, Input, ReadError};
use crate::failure::{self, Failure, FailureKind, Outcome};
use crate::payload::Marker;
use crate::rules::{DATA_MAX, REASON_MAX, swf_len};

/// The name of an error whose serialization gives no struct or variant name (a `String`).
const FALLBACK_NAME: &str = "Error";

/// `error_type`'s prefix for the activity's own errors, and for the framework's.
const RUST_TYPE_PREFIX: &str = "rust::";
const FRAMEWORK_TYPE_PREFIX: &str = "swf_activity::";

/// How much of the message is kept (UTF-16 units, before JSON escaping) when the details are
/// too long; even fully escaped (6 per character) it leaves most of the 32768 to the error.
const SHRUNK_MESSAGE_MAX: usize = 2048;
/// How much of a name is kept when the details are too long (names are short; this only bounds
/// a pathological `#[serde(rename)]`).
const SHRUNK_NAME_MAX: usize = 256;

/// The converter for activities scheduled by simpleflow deciders (see the [module docs](self)
/// for the mapping).
///
/// ```
/// use swf_activity::convert::{Converter, Simpleflow};
///
/// static SIMPLEFLOW: Simpleflow = Simpleflow::new();
/// assert_eq!(SIMPLEFLOW.name(), "simpleflow");
/// ```
///
/// Name it per activity (`#[activity(converter = SIMPLEFLOW)]`) or make it the worker's
/// default (`Worker::builder(..).converter(Simpleflow::new())`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Simpleflow {}

impl Simpleflow {
    /// The converter.
    pub const fn new() -> Simpleflow {
        Simpleflow {}
    }
}

impl Converter for Simpleflow {
    fn name(&self) -> &str {
        "simpleflow"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        framework(kind, message, None)
    }
}

impl DataConverter for Simpleflow {
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome> {
        decode(input).map_err(|why| framework(FailureKind::InputDecode, &why, None))
    }

    fn encode_result(&self, value: &dyn erased_serde::Serialize, max_len: usize) -> Outcome {
        match serde_json::to_string(value) {
            Ok(json) if json == "null" => Outcome::Completed { result: None },
            Ok(json) => {
                let len = swf_len(&json);
                if len > max_len {
                    framework(
                        FailureKind::ResultTooLarge,
                        &failure::too_large_message(len, max_len),
                        None,
                    )
                } else {
                    Outcome::Completed { result: Some(json) }
                }
            }
            Err(err) => framework(FailureKind::ResultSerialization, &err.to_string(), None),
        }
    }

    fn encode_error(
        &self,
        display: &str,
        error: &dyn erased_serde::Serialize,
        max_len: usize,
    ) -> Outcome {
        let serialized = match serde_json::to_string(error) {
            Ok(json) => json,
            Err(err) => {
                return framework(
                    FailureKind::ErrorSerialization,
                    display,
                    Some(&err.to_string()),
                );
            }
        };
        let name = serde_name(error).unwrap_or(FALLBACK_NAME);
        let error_type = format!("{RUST_TYPE_PREFIX}{}", name.replace('.', "::"));
        let details = fit(
            Parts {
                cause: None,
                error: name,
                error_type: &error_type,
                framework_error: None,
                message: display,
                serialized: Some(&serialized),
            },
            max_len,
        );
        Outcome::Failed {
            reason: reason(name, display),
            details,
            framework: None,
        }
    }

    fn read_result(&self, result: Option<&str>) -> Result<Value, ReadError> {
        match result {
            None | Some("") => Ok(Value::Null),
            Some(jumbo) if Marker::is_marker(jumbo) => Err(ReadError::new(format!(
                "the result is a simpleflow jumbo field stored in S3 ({}): resolve it with \
                 `swf_activity::payload::resolve` first",
                failure::truncate(jumbo, REASON_MAX)
            ))),
            // simpleflow's decider takes a result that is not JSON as the raw string.
            Some(text) => Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::from(text))),
        }
    }

    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure {
        let Some(text) = details else {
            return Failure::unreadable(reason, details, "the failure has no details");
        };
        if Marker::is_marker(text) {
            return Failure::unreadable(
                reason,
                details,
                "the details are a simpleflow jumbo field stored in S3: resolve them with \
                 `swf_activity::payload::resolve` first",
            );
        }
        let mut dict = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(dict)) => dict,
            Ok(_) => {
                return Failure::unreadable(
                    reason,
                    details,
                    "the details are JSON but not simpleflow's failure dict (an object)",
                );
            }
            Err(err) => {
                return Failure::unreadable(
                    reason,
                    details,
                    format!("the details are not JSON: {err}"),
                );
            }
        };
        if let Some(kind) = dict.get("framework_error") {
            let Some(kind) = kind.as_str().and_then(FailureKind::from_name) else {
                return Failure::unreadable(
                    reason,
                    details,
                    format!("unknown framework_error {kind}"),
                );
            };
            let message = dict.get("message").and_then(Value::as_str).unwrap_or("");
            return Failure::from_framework(reason, details, kind, message);
        }
        if let Some(error) = dict.remove("serialized") {
            return Failure::from_error(reason, details, error);
        }
        if let Some(envelope) = dict.get("serialized_truncated") {
            return match failure::read_envelope(envelope) {
                Some(envelope) => Failure::from_envelope(reason, details, envelope),
                None => Failure::unreadable(
                    reason,
                    details,
                    "serialized_truncated is not the truncation envelope",
                ),
            };
        }
        let dict = Value::Object(dict);
        // The whole details replaced by the envelope (see the module docs' limits); not the
        // earlier versions' envelope, whose shape a Python exception's dict could have.
        if dict.get(failure::ENVELOPE_KEY).and_then(Value::as_str)
            == Some(failure::ENVELOPE_TRUNCATED)
            && let Some(envelope) = failure::read_envelope(&dict)
        {
            return Failure::from_envelope(reason, details, envelope);
        }
        // A simpleflow worker's own failure (a Python exception): the dict is the error.
        Failure::from_error(reason, details, dict)
    }

    /// simpleflow's call, `{"args":[...],"kwargs":{}}`, as its deciders send it.
    fn encode_input(
        &self,
        args: &[&dyn erased_serde::Serialize],
    ) -> Result<Option<String>, EncodeError> {
        let args = args
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<Vec<Value>, _>>()
            .map_err(EncodeError::serialize)?;
        let call = serde_json::json!({ "args": args, "kwargs": {} });
        Ok(Some(call.to_string()))
    }
}

/// Parses simpleflow's input into a call (see the module docs for the forms), or says why not.
fn decode(input: Option<&str>) -> Result<Input, String> {
    let text = match input {
        None | Some("") => return Ok(Input::args(Vec::new())),
        Some(text) => text,
    };
    let value: Value =
        serde_json::from_str(text).map_err(|err| format!("the input is not JSON: {err}"))?;
    match value {
        Value::Array(args) => Ok(Input::args(args)),
        Value::Object(object) if is_wrapper(&object) => unwrap(object),
        Value::Object(mut kwargs) => {
            kwargs.remove("meta");
            Ok(Input::Call {
                args: Vec::new(),
                kwargs,
            })
        }
        other => Err(format!(
            "expected simpleflow's input, {{\"args\":[...],\"kwargs\":{{...}}}}, or bare keyword \
             arguments (an object) or bare positional arguments (a list); found {}",
            kind(&other)
        )),
    }
}

fn is_wrapper(object: &Map<String, Value>) -> bool {
    (object.contains_key("args") || object.contains_key("kwargs"))
        && object
            .keys()
            .all(|k| matches!(k.as_str(), "args" | "kwargs" | "meta"))
}

fn unwrap(mut object: Map<String, Value>) -> Result<Input, String> {
    let args = match object.remove("args") {
        None => Vec::new(),
        Some(Value::Array(args)) => args,
        Some(other) => {
            return Err(format!(
                "\"args\" must be a list of positional arguments, found {}",
                kind(&other)
            ));
        }
    };
    let kwargs = match object.remove("kwargs") {
        None => Map::new(),
        Some(Value::Object(kwargs)) => kwargs,
        Some(other) => {
            return Err(format!(
                "\"kwargs\" must be an object of keyword arguments, found {}",
                kind(&other)
            ));
        }
    };
    Ok(Input::Call { args, kwargs })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `"<name>: <message>"` as simpleflow's `format_exc` writes it (just the name when the message
/// is empty), cut to 256.
fn reason(name: &str, message: &str) -> String {
    if message.is_empty() {
        failure::truncate(name, REASON_MAX).into_owned()
    } else {
        failure::truncate(&format!("{name}: {message}"), REASON_MAX).into_owned()
    }
}

/// A framework failure of `kind` in simpleflow's shape; `cause` only for an error that did not
/// serialize.
fn framework(kind: FailureKind, message: &str, cause: Option<&str>) -> Outcome {
    let name = format!("{kind}Error");
    let error_type = format!("{FRAMEWORK_TYPE_PREFIX}{name}");
    let details = fit(
        Parts {
            cause,
            error: &name,
            error_type: &error_type,
            framework_error: Some(kind.as_str()),
            message,
            serialized: None,
        },
        DATA_MAX,
    );
    Outcome::Failed {
        reason: reason(&name, message),
        details,
        framework: Some(kind),
    }
}

/// What goes into a failure's details.
#[derive(Clone, Copy)]
struct Parts<'a> {
    cause: Option<&'a str>,
    error: &'a str,
    error_type: &'a str,
    framework_error: Option<&'a str>,
    message: &'a str,
    /// The error's JSON.
    serialized: Option<&'a str>,
}

/// What to leave out of the details to fit SWF's limit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shrink {
    Nothing,
    Traceback,
    TracebackAndMessage,
}

/// The details within `max` characters (SWF's 32768, or the worker's offloading limit),
/// shrinking as the module docs say.
fn fit(parts: Parts<'_>, max: usize) -> String {
    for shrink in [Shrink::Nothing, Shrink::Traceback] {
        let details = write(parts, shrink, None);
        if swf_len(&details) <= max {
            return details;
        }
    }
    let shrink = Shrink::TracebackAndMessage;
    let without = write(
        Parts {
            serialized: None,
            ..parts
        },
        shrink,
        None,
    );
    if let Some(serialized) = parts.serialized {
        let with = write(parts, shrink, None);
        if swf_len(&with) <= max {
            return with;
        }
        // The room left once the envelope's key and its separator are in.
        let overhead = swf_len(&without) + r#","serialized_truncated":"#.len();
        let envelope = failure::truncate_json(serialized, max.saturating_sub(overhead));
        if !envelope.is_empty() {
            let with_envelope = write(parts, shrink, Some(envelope.as_ref()));
            if swf_len(&with_envelope) <= max {
                return with_envelope;
            }
        }
    }
    if swf_len(&without) <= max {
        return without;
    }
    // Only with names far longer than any Rust type's: fits by construction, as every string
    // is cut.
    let minimal = format!(
        "{{\"error\":{},\"message\":{}}}",
        json_string(&failure::truncate(parts.error, SHRUNK_NAME_MAX)),
        json_string(&failure::truncate(parts.message, SHRUNK_MESSAGE_MAX)),
    );
    failure::truncate_json(&minimal, max).into_owned()
}

/// The details' JSON: compact, keys in sorted order as simpleflow writes them. `envelope`
/// replaces the serialized error.
fn write(parts: Parts<'_>, shrink: Shrink, envelope: Option<&str>) -> String {
    let shrunk = shrink == Shrink::TracebackAndMessage;
    let message = if shrunk {
        failure::truncate(parts.message, SHRUNK_MESSAGE_MAX)
    } else {
        parts.message.into()
    };
    let (error, error_type) = if shrunk {
        (
            failure::truncate(parts.error, SHRUNK_NAME_MAX),
            failure::truncate(parts.error_type, SHRUNK_NAME_MAX),
        )
    } else {
        (parts.error.into(), parts.error_type.into())
    };
    let mut fields: Vec<(&str, String)> = Vec::with_capacity(7);
    if let Some(cause) = parts.cause {
        let cause = if shrunk {
            failure::truncate(cause, SHRUNK_MESSAGE_MAX)
        } else {
            cause.into()
        };
        fields.push(("cause", json_string(&cause)));
    }
    fields.push(("error", json_string(&error)));
    fields.push(("error_type", json_string(&error_type)));
    if let Some(kind) = parts.framework_error {
        fields.push(("framework_error", json_string(kind)));
    }
    fields.push(("message", json_string(&message)));
    match (envelope, parts.serialized) {
        (Some(envelope), _) => fields.push(("serialized_truncated", envelope.to_owned())),
        (None, Some(serialized)) => fields.push(("serialized", serialized.to_owned())),
        (None, None) => {}
    }
    let traceback = if shrink == Shrink::Nothing {
        // The line a Python traceback ends with.
        let last = if message.is_empty() {
            format!("{error_type}\n")
        } else {
            format!("{error_type}: {message}\n")
        };
        format!("[{}]", json_string(&last))
    } else {
        "[]".to_owned()
    };
    fields.push(("traceback", traceback));

    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        out.push_str(value);
    }
    out.push('}');
    out
}

fn json_string(text: &str) -> String {
    // Serializing a string cannot fail; an empty string keeps the JSON valid all the same.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The name serde gives `value`: its enum variant's, or its struct's; `None` for plain values.
fn serde_name(value: &dyn erased_serde::Serialize) -> Option<&'static str> {
    let found = Cell::new(None);
    // Every path of the recorder ends in its error, once the name is known or known to be
    // missing; the error carries nothing.
    let _ = erased_serde::serialize(value, NameOf(&found));
    found.get()
}

/// A serializer that records the first struct or variant name it is given, and stops.
struct NameOf<'a>(&'a Cell<Option<&'static str>>);

/// Stops [`NameOf`] as soon as it knows.
#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the name is known")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Stop {
        Stop
    }
}

impl NameOf<'_> {
    fn found<T>(self, name: &'static str) -> Result<T, Stop> {
        self.0.set(Some(name));
        Err(Stop)
    }
}

macro_rules! nameless {
    ($($method:ident($($ty:ty),*);)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<(), Stop> { Err(Stop) })*
    };
}

impl Serializer for NameOf<'_> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Impossible<(), Stop>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = Impossible<(), Stop>;
    type SerializeStruct = Impossible<(), Stop>;
    type SerializeStructVariant = Impossible<(), Stop>;

    nameless! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Stop> {
        Err(Stop)
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Stop> {
        self.found(name)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.found(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        self.found(name)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        self.found(variant)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        self.found(name)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        self.found(variant)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        self.found(name)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        self.found(variant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::{Args, Converts};
    use serde_json::json;

    static SF: Simpleflow = Simpleflow::new();

    #[derive(Debug, thiserror::Error, serde::Serialize, serde::Deserialize, PartialEq)]
    enum ChargeError {
        #[error("card ending {last4} was declined")]
        Declined { last4: String },
        #[error("card expired")]
        Expired,
        #[error("limit {0}")]
        Limit(u32),
        #[error("pair")]
        Pair(u8, u8),
    }

    #[derive(Debug, thiserror::Error, serde::Serialize)]
    #[error("out of {sku}")]
    struct OutOfStock {
        sku: String,
    }

    #[derive(Debug, thiserror::Error, serde::Serialize)]
    #[error("gone")]
    struct Gone;

    #[derive(Debug, thiserror::Error, serde::Serialize)]
    #[error("wrapped")]
    struct Wrapped(String);

    #[derive(Debug, thiserror::Error, serde::Serialize)]
    #[error("renamed")]
    #[serde(rename = "payments.Declined")]
    struct Renamed {}

    fn name(value: &dyn erased_serde::Serialize) -> Option<&'static str> {
        serde_name(value)
    }

    #[test]
    fn names_are_serdes() {
        assert_eq!(
            name(&ChargeError::Declined { last4: "1".into() }),
            Some("Declined")
        );
        assert_eq!(name(&ChargeError::Expired), Some("Expired"));
        assert_eq!(name(&ChargeError::Limit(3)), Some("Limit"));
        assert_eq!(name(&ChargeError::Pair(1, 2)), Some("Pair"));
        assert_eq!(name(&OutOfStock { sku: "A".into() }), Some("OutOfStock"));
        assert_eq!(name(&Gone), Some("Gone"));
        assert_eq!(name(&Wrapped("x".into())), Some("Wrapped"));
        assert_eq!(name(&Box::new(Gone)), Some("Gone"));
        assert_eq!(name(&"text"), None);
        assert_eq!(name(&json!({"a": 1})), None);
    }

    fn decode_as<I: crate::convert::FromInput>(input: Option<&str>) -> Result<I, Outcome> {
        <Simpleflow as Converts<I, (), Gone>>::decode(&SF, input)
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Order {
        sku: String,
        qty: u32,
    }

    #[test]
    fn input_forms() {
        let order = || Order {
            sku: "A1".into(),
            qty: 2,
        };
        for input in [
            r#"{"args":[],"kwargs":{"qty":2,"sku":"A1"}}"#,
            r#"{"args":[],"kwargs":{"qty":2,"sku":"A1"},"meta":{"owner":"b"}}"#,
            r#"{"kwargs":{"qty":2,"sku":"A1"}}"#,
            r#"{"qty":2,"sku":"A1"}"#,
            r#"{"meta":{"owner":"b"},"qty":2,"sku":"A1"}"#,
            r#"{"args":[{"qty":2,"sku":"A1"}],"kwargs":{}}"#,
            r#"[{"qty":2,"sku":"A1"}]"#,
        ] {
            assert_eq!(decode_as::<Order>(Some(input)), Ok(order()), "{input}");
        }
        for input in [r#"{"args":["A1",2],"kwargs":{}}"#, r#"["A1",2]"#] {
            let Args((sku, qty)) = decode_as::<Args<(String, u32)>>(Some(input)).expect(input);
            assert_eq!((sku.as_str(), qty), ("A1", 2));
        }
        for nothing in [
            None,
            Some(""),
            Some("[]"),
            Some("{}"),
            Some(r#"{"args":[],"kwargs":{}}"#),
        ] {
            assert_eq!(decode_as::<()>(nothing), Ok(()), "{nothing:?}");
            assert_eq!(decode_as::<Option<u8>>(nothing), Ok(None), "{nothing:?}");
        }
    }

    fn input_failure(input: Option<&str>) -> Failure {
        let outcome = decode_as::<Args<(String, u32)>>(input).expect_err("fails");
        assert_eq!(outcome.failure_kind(), Some(FailureKind::InputDecode));
        SF.read_failure(outcome.reason(), outcome.details())
    }

    #[test]
    fn bad_inputs() {
        let cases = [
            (
                "not json",
                "InputDecodeError: the input is not JSON: expected ident at line 1 column 2",
            ),
            (
                r#"{"args":5,"kwargs":{}}"#,
                "InputDecodeError: \"args\" must be a list of positional arguments, found a number",
            ),
            (
                r#"{"args":[],"kwargs":[1]}"#,
                "InputDecodeError: \"kwargs\" must be an object of keyword arguments, found a list",
            ),
            (
                "7",
                "InputDecodeError: expected simpleflow's input, {\"args\":[...],\"kwargs\":{...}}, or bare keyword arguments (an object) or bare positional arguments (a list); found a number",
            ),
            (
                r#"["A1",2,3]"#,
                "InputDecodeError: too many arguments: the activity takes 2, the task has 3",
            ),
        ];
        for (input, reason) in cases {
            let failure = input_failure(Some(input));
            assert_eq!(failure.reason(), Some(reason), "{input}");
            assert_eq!(failure.kind(), Some(FailureKind::InputDecode));
            let details: Value =
                serde_json::from_str(failure.details().expect("details")).expect("JSON");
            assert_eq!(details["error"], "InputDecodeError");
            assert_eq!(details["error_type"], "swf_activity::InputDecodeError");
            assert_eq!(details["framework_error"], "InputDecode");
            assert_eq!(
                Some(format!(
                    "InputDecodeError: {}",
                    details["message"].as_str().expect("message")
                ))
                .as_deref(),
                Some(reason)
            );
        }
        let too_few = input_failure(Some(r#"["A1"]"#));
        assert!(
            too_few
                .reason()
                .expect("reason")
                .starts_with("InputDecodeError: too few arguments: argument 2 is missing")
        );
    }

    #[test]
    fn errors_in_simpleflows_shape() {
        let error = ChargeError::Declined {
            last4: "4242".into(),
        };
        let outcome =
            <Simpleflow as Converts<(), (), ChargeError>>::encode_err(&SF, &error, DATA_MAX);
        assert_eq!(
            outcome.reason(),
            Some("Declined: card ending 4242 was declined")
        );
        assert_eq!(outcome.failure_kind(), None);
        assert_eq!(
            outcome.details(),
            Some(concat!(
                r#"{"error":"Declined","error_type":"rust::Declined","message":"card ending 4242 was declined","#,
                r#""serialized":{"Declined":{"last4":"4242"}},"traceback":["rust::Declined: card ending 4242 was declined\n"]}"#
            ))
        );
        let failure = SF.read_failure(outcome.reason(), outcome.details());
        assert_eq!(failure.decode::<ChargeError>().expect("decodes"), error);

        let renamed =
            <Simpleflow as Converts<(), (), Renamed>>::encode_err(&SF, &Renamed {}, DATA_MAX);
        assert_eq!(renamed.reason(), Some("payments.Declined: renamed"));
        let details: Value =
            serde_json::from_str(renamed.details().expect("details")).expect("JSON");
        assert_eq!(details["error_type"], "rust::payments::Declined");

        let plain = SF.encode_error("", &"just text", DATA_MAX);
        assert_eq!(
            plain.reason(),
            Some("Error"),
            "no colon after an empty message"
        );
    }

    #[test]
    fn results_are_plain_json() {
        assert_eq!(
            SF.encode_result(&json!({"b": 1, "a": "é"}), DATA_MAX)
                .result(),
            Some(r#"{"a":"é","b":1}"#)
        );
        assert_eq!(
            SF.encode_result(&(), DATA_MAX),
            Outcome::Completed { result: None }
        );
        let big = SF.encode_result(&"x".repeat(DATA_MAX), DATA_MAX);
        assert_eq!(
            big.reason(),
            Some("ResultTooLargeError: 32770 characters, the limit is 32768")
        );
        assert_eq!(big.failure_kind(), Some(FailureKind::ResultTooLarge));
        assert_eq!(SF.read_result(None).expect("reads"), Value::Null);
        assert_eq!(SF.read_result(Some("")).expect("reads"), Value::Null);
        assert_eq!(SF.read_result(Some("[1]")).expect("reads"), json!([1]));
        assert_eq!(
            SF.read_result(Some("raw text")).expect("reads"),
            json!("raw text")
        );
        assert!(SF.read_result(Some("simpleflow+s3://b/k 12")).is_err());
    }

    #[test]
    fn framework_failures_read_back_as_their_kind() {
        for kind in FailureKind::ALL {
            let outcome = SF.framework_failure(kind, "why");
            assert_eq!(outcome.failure_kind(), Some(kind));
            assert_eq!(outcome.reason(), Some(format!("{kind}Error: why").as_str()));
            let failure = SF.read_failure(outcome.reason(), outcome.details());
            assert_eq!(failure.kind(), Some(kind));
            assert_eq!(failure.framework_message(), Some("why"));
        }
        assert_eq!(
            SF.framework_failure(FailureKind::Panic, "").reason(),
            Some("PanicError")
        );
    }

    #[derive(Debug, thiserror::Error)]
    #[error("map with a non-string key")]
    struct NotJson;

    impl Serialize for NotJson {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry(&[1, 2], &1)?;
            map.end()
        }
    }

    #[test]
    fn an_error_that_does_not_serialize() {
        let outcome =
            <Simpleflow as Converts<(), (), NotJson>>::encode_err(&SF, &NotJson, DATA_MAX);
        assert_eq!(
            outcome.failure_kind(),
            Some(FailureKind::ErrorSerialization)
        );
        assert_eq!(
            outcome.reason(),
            Some("ErrorSerializationError: map with a non-string key")
        );
        let details: Value =
            serde_json::from_str(outcome.details().expect("details")).expect("JSON");
        assert_eq!(details["message"], "map with a non-string key");
        assert_eq!(details["cause"], "key must be a string");
    }

    #[test]
    fn limits() {
        #[derive(Debug, thiserror::Error, serde::Serialize)]
        #[error("{0}")]
        struct Huge(String);

        let text = "é".repeat(40_000);
        let outcome =
            <Simpleflow as Converts<(), (), Huge>>::encode_err(&SF, &Huge(text.clone()), DATA_MAX);
        let reason = outcome.reason().expect("reason");
        assert_eq!(swf_len(reason), REASON_MAX);
        assert!(reason.starts_with("Huge: éé") && reason.ends_with(failure::TRUNCATION_MARK));
        let details = outcome.details().expect("details");
        assert!(swf_len(details) <= DATA_MAX);
        assert!(swf_len(details) > DATA_MAX - 64, "uses the room it has");
        let dict: Value = serde_json::from_str(details).expect("JSON");
        assert_eq!(dict["error"], "Huge");
        assert_eq!(dict["traceback"], json!([]));
        assert!(
            dict["message"]
                .as_str()
                .expect("message")
                .ends_with(failure::TRUNCATION_MARK)
        );
        let envelope = &dict["serialized_truncated"];
        assert_eq!(envelope["$swf_activity"], "truncated");
        assert_eq!(envelope["original_length"], swf_len(&json_string(&text)));
        let failure = SF.read_failure(Some(reason), Some(details));
        assert!(failure.is_truncated());
        assert_eq!(
            failure.original_length(),
            Some(swf_len(&json_string(&text)))
        );

        // A long message with a small error keeps the error whole.
        #[derive(Debug, thiserror::Error, serde::Serialize)]
        #[error("{}", "m".repeat(40_000))]
        struct Talkative {
            code: u8,
        }
        let outcome = <Simpleflow as Converts<(), (), Talkative>>::encode_err(
            &SF,
            &Talkative { code: 7 },
            DATA_MAX,
        );
        let details = outcome.details().expect("details");
        assert!(swf_len(details) <= DATA_MAX);
        let failure = SF.read_failure(outcome.reason(), Some(details));
        assert_eq!(
            failure.decode::<Value>().expect("decodes"),
            json!({"code": 7})
        );
    }

    #[test]
    fn reads_this_and_earlier_versions_envelopes() {
        let with = |envelope: &str| {
            format!(
                r#"{{"error":"Huge","error_type":"Huge","message":"m","serialized_truncated":{envelope},"traceback":[]}}"#
            )
        };
        // This version's, then exactly what earlier versions wrote.
        for (envelope, length, prefix) in crate::failure::ENVELOPE_CASES {
            let details = with(envelope);
            let failure = SF.read_failure(Some("Huge: m"), Some(&details));
            assert!(failure.is_truncated(), "{envelope}");
            assert_eq!(failure.original_length(), length, "{envelope}");
            assert_eq!(failure.details_prefix(), Some(prefix), "{envelope}");
            assert!(matches!(
                failure.decode::<ChargeError>(),
                Err(failure::DecodeFailureError::Truncated { .. })
            ));
        }
        let failure = SF.read_failure(Some("Huge: m"), Some(&with("5")));
        assert!(matches!(
            failure.decode::<Value>(),
            Err(failure::DecodeFailureError::Unreadable { .. })
        ));

        // The whole details replaced by the envelope.
        let whole = r#"{"$swf_activity":"truncated","original_length":40000}"#;
        let failure = SF.read_failure(Some("Huge: m"), Some(whole));
        assert_eq!(failure.original_length(), Some(40_000));
        // A dict of the earlier envelope's shape at the top is a Python exception's dict.
        let dict = r#"{"truncated":true,"original_length":40000}"#;
        let failure = SF.read_failure(Some("Huge: m"), Some(dict));
        assert!(!failure.is_truncated());
        assert_eq!(
            failure.decode::<Value>().expect("the dict")["original_length"],
            40_000
        );
    }

    #[test]
    fn reads_other_details() {
        let python =
            r#"{"error":"ValueError","error_type":"ValueError","message":"bad","traceback":[]}"#;
        let failure = SF.read_failure(Some("ValueError: bad"), Some(python));
        assert_eq!(
            failure.decode::<Value>().expect("decodes")["error"],
            "ValueError"
        );
        for unreadable in [
            None,
            Some("not json"),
            Some("[1]"),
            Some("simpleflow+s3://b/k 3"),
            Some(r#"{"framework_error":"Nope"}"#),
        ] {
            let failure = SF.read_failure(Some("r"), unreadable);
            assert!(
                matches!(
                    failure.decode::<Value>(),
                    Err(failure::DecodeFailureError::Unreadable { .. })
                ),
                "{unreadable:?}"
            );
        }
    }
}
