//! How an activity's outcome becomes what SWF records: `result`, or `reason` and `details`; and
//! how a decider reads `reason` and `details` back.
//!
//! This is the contract of the default [`Json`](crate::convert::Json) converter. Activities
//! served to Flow Java or simpleflow deciders use their converters' formats instead (see
//! [`crate::convert`]); [`Outcome`] and [`Failure`] are shared by all of them.
//!
//! # The contract
//!
//! - An activity that returns `Ok(value)` completes with `result` = `value`'s JSON
//!   ([`encode_result`]). A value whose JSON is `null` (`()`, `None`, a unit struct) completes
//!   with no `result` at all; read a missing result as `null`.
//! - An activity that returns `Err(error)` fails with `reason` = `error`'s `Display` text and
//!   `details` = `error`'s JSON ([`encode_error`]).
//! - SWF limits `reason` to 256, `result` and `details` to 32768 and heartbeat details to 2048
//!   characters, without saying whether it counts code points or UTF-16 code units. Everything
//!   here is measured with [`swf_len`] (UTF-16 code units, never fewer than code points), so a value
//!   that fits here fits either way.
//!
//! # Cutting text that is too long
//!
//! A text that is too long ([`truncate`]; a `reason`) keeps as much of its beginning as fits,
//! followed by [`TRUNCATION_MARK`] (`"… [truncated]"`), so the whole is exactly within the
//! limit. The cut is made between characters, never inside one (so never between the two
//! UTF-16 halves of a character outside the BMP), and avoids separating a character from the
//! combining marks, variation selectors, emoji modifiers or zero-width joiners that follow it,
//! and the two halves of a flag; this is a best effort without Unicode's full segmentation
//! tables.
//!
//! JSON that is too long ([`truncate_json`]; `details`, heartbeat details) is replaced by an
//! envelope that is itself valid JSON and within the limit:
//!
//! ```json
//! {"$swf_activity":"truncated","original_length":40000,"prefix":"{\"code\":\"E1\",\"items\":[1,2,"}
//! ```
//!
//! - `"$swf_activity":"truncated"`, always the first member, marks the envelope. The key
//!   `$swf_activity` is reserved for this framework: no `#[derive(Serialize)]` type writes it (a
//!   Rust field or variant name cannot contain `$`, and no `rename_all` rule adds one), only an
//!   explicit `#[serde(rename = "$swf_activity")]` (or `tag`) or a map with that key. Details
//!   that are an object with this member are always read as the envelope, never as the
//!   activity's error, so an error type must not write it.
//! - `original_length` is the [`swf_len`] of the original JSON.
//! - `prefix` is as much of the original JSON text as fits, as a JSON string (with the same care
//!   about where to cut; no mark).
//!
//! [`Failure`] recognises the envelope. Only if the limit is too small for even an empty prefix
//! is the envelope shortened to `{"$swf_activity":"truncated","original_length":N}` and then to
//! `{"$swf_activity":"truncated"}` (29 characters); below that nothing valid fits and the result
//! is empty.
//!
//! ## The envelope of earlier versions
//!
//! Earlier versions wrote `{"truncated":true,"original_length":N,"prefix":"..."}` (shortened to
//! `{"truncated":true,"original_length":N}` and `{"truncated":true}`). An activity's own error
//! can have that shape too (`struct Partial { truncated: bool, original_length: u64, prefix:
//! String }`), so [`Failure`] reads it as the old envelope only when nothing says otherwise:
//!
//! - Details have the old shape when they start with `{"truncated":true` and are an object of
//!   exactly the members above (`original_length` a non-negative integer, `prefix` a string and
//!   only with `original_length`), and, when `original_length` is given, it is greater than the
//!   details' own [`swf_len`] (an envelope always replaced something longer than itself).
//! - [`Failure::decode::<E>()`](Failure::decode) first decodes details of the old shape as `E`:
//!   if that works they are the activity's error, and only if it fails are they the old envelope
//!   ([`DecodeFailureError::Truncated`]). (So `decode::<serde_json::Value>()` gives them as a
//!   value; the current envelope always gives `Truncated`.)
//! - [`Failure::is_truncated`], [`Failure::original_length`] and [`Failure::details_prefix`]
//!   cannot know `E`: they read details of the old shape as the envelope.
//!
//! # Failures the framework makes
//!
//! When the activity's own code cannot produce an answer, the framework fails the task itself,
//! with a [`FailureKind`]: `reason` is the kind's [`reason_prefix`](FailureKind::reason_prefix),
//! `": "` and a message (cut to 256 as above), and `details` is
//!
//! ```json
//! {"framework_error":"InputDecode","message":"expected value at line 1 column 1"}
//! ```
//!
//! | kind | `reason` |
//! |---|---|
//! | [`InputDecode`](FailureKind::InputDecode) | `activity input did not decode: <serde_json's message>` |
//! | [`Panic`](FailureKind::Panic) | `activity panicked: <panic message>` (just `activity panicked` if the payload is not a string) |
//! | [`ResultTooLarge`](FailureKind::ResultTooLarge) | `activity result is too large for SWF: <N> characters, the limit is 32768` |
//! | [`ResultSerialization`](FailureKind::ResultSerialization) | `activity result could not be serialized: <serde_json's message>` |
//! | [`ErrorSerialization`](FailureKind::ErrorSerialization) | `activity error could not be serialized: <the error's Display>` |
//! | [`Aborted`](FailureKind::Aborted) | `activity was aborted before it finished: <why>` |
//! | [`UnknownActivityType`](FailureKind::UnknownActivityType) | `unknown activity type: "<name>" version "<version>" is not served by this worker` |
//! | [`PayloadStore`](FailureKind::PayloadStore) | ``activity payload store failed: storing the result: PutObject of `<key>` in bucket `<bucket>` failed after 3 attempt(s): ...`` |
//!
//! For `ErrorSerialization` the reason carries the error's `Display` text (it is what the
//! activity meant to say), `message` carries serde_json's message, and `details` has a third
//! member, `"display"`, with the `Display` text as long as it fits. Lengths (`<N>`) count
//! UTF-16 code units, like [`swf_len`].

use std::any::Any;
use std::borrow::Cow;
use std::fmt::{self, Display};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use swf_activity_rules::{DATA_MAX, REASON_MAX, swf_len};

/// Appended to a text that was cut to fit a limit: `"… [truncated]"` (an ellipsis, U+2026, a
/// space and `[truncated]`; 13 characters in either count).
pub const TRUNCATION_MARK: &str = "\u{2026} [truncated]";

/// How many characters a cut may move back to keep a character with the marks that follow it;
/// beyond that (a pathological run of combining marks) the text is cut between characters.
const MAX_CLUSTER_BACKTRACK: usize = 32;

/// What the worker tells SWF about a finished task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// `RespondActivityTaskCompleted`; `result` is `None` for activities that return `()`.
    Completed {
        /// The encoded `Ok` value, within the converter's limit: SWF's 32768, unless the worker
        /// offloads larger values to a payload store ([`crate::payload`]).
        result: Option<String>,
    },
    /// `RespondActivityTaskFailed`.
    Failed {
        /// The error's `Display` text (or the converter's reason), within SWF's 256 limit.
        reason: String,
        /// The encoded error (the [`Json`](crate::convert::Json) converter: its JSON, always
        /// valid JSON), within the converter's limit, as for `result`.
        details: String,
        /// Why the framework failed the task, or `None` when the activity returned `Err`.
        framework: Option<FailureKind>,
    },
}

impl Outcome {
    /// The activity's own failure with this reason and details, as given (no cutting).
    pub(crate) fn failed(reason: impl Into<String>, details: impl Into<String>) -> Outcome {
        Outcome::Failed {
            reason: reason.into(),
            details: details.into(),
            framework: None,
        }
    }

    /// A failure the framework makes (see the [module docs](self)): `reason` is
    /// `"<kind's reason prefix>: <message>"` (or just the prefix when `message` is empty) and
    /// `details` is `{"framework_error":"<kind>","message":"<message>"}`, both cut to fit.
    pub fn framework_failure(kind: FailureKind, message: &str) -> Outcome {
        framework_outcome(kind, message, message, None)
    }

    /// Whether this is [`Outcome::Completed`].
    pub fn is_completed(&self) -> bool {
        matches!(self, Outcome::Completed { .. })
    }

    /// Whether this is [`Outcome::Failed`].
    pub fn is_failed(&self) -> bool {
        matches!(self, Outcome::Failed { .. })
    }

    /// The result of a completed task (`None` also when it completed without a result).
    pub fn result(&self) -> Option<&str> {
        match self {
            Outcome::Completed { result } => result.as_deref(),
            Outcome::Failed { .. } => None,
        }
    }

    /// The reason of a failed task.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Failed { reason, .. } => Some(reason),
            Outcome::Completed { .. } => None,
        }
    }

    /// The details of a failed task.
    pub fn details(&self) -> Option<&str> {
        match self {
            Outcome::Failed { details, .. } => Some(details),
            Outcome::Completed { .. } => None,
        }
    }

    /// Why the framework failed the task; `None` when it completed or the activity returned
    /// `Err`.
    pub fn failure_kind(&self) -> Option<FailureKind> {
        match self {
            Outcome::Failed { framework, .. } => *framework,
            Outcome::Completed { .. } => None,
        }
    }

    /// A failed task's reason and details as a decider will read them, `None` if it completed.
    pub fn as_failure(&self) -> Option<Failure> {
        match self {
            Outcome::Failed {
                reason, details, ..
            } => Some(Failure::new(Some(reason), Some(details))),
            Outcome::Completed { .. } => None,
        }
    }
}

/// Why the framework, not the activity's own error, failed a task. See the
/// [module docs](self) for the reasons and details each kind produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FailureKind {
    /// The task's input is not JSON of the activity's input type.
    InputDecode,
    /// The activity panicked.
    Panic,
    /// The activity's result is longer than SWF's 32,768 limit (or, when the worker offloads
    /// values, than the largest value its payload store takes); it was not sent.
    ResultTooLarge,
    /// The activity's `Ok` value could not be serialized to JSON.
    ResultSerialization,
    /// The activity's `Err` value could not be serialized to JSON.
    ErrorSerialization,
    /// The activity was stopped before it could finish, e.g. because the runtime shut down.
    Aborted,
    /// The task's activity type is not one the worker serves.
    UnknownActivityType,
    /// The worker's payload store ([`crate::payload`]) could not store a value too long for
    /// SWF, or read an input stored there; the message names the bucket and key.
    PayloadStore,
}

impl FailureKind {
    /// Every kind.
    pub const ALL: [FailureKind; 8] = [
        FailureKind::InputDecode,
        FailureKind::Panic,
        FailureKind::ResultTooLarge,
        FailureKind::ResultSerialization,
        FailureKind::ErrorSerialization,
        FailureKind::Aborted,
        FailureKind::UnknownActivityType,
        FailureKind::PayloadStore,
    ];

    /// The kind's name in `details` (`"framework_error"`), e.g. `InputDecode`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::InputDecode => "InputDecode",
            FailureKind::Panic => "Panic",
            FailureKind::ResultTooLarge => "ResultTooLarge",
            FailureKind::ResultSerialization => "ResultSerialization",
            FailureKind::ErrorSerialization => "ErrorSerialization",
            FailureKind::Aborted => "Aborted",
            FailureKind::UnknownActivityType => "UnknownActivityType",
            FailureKind::PayloadStore => "PayloadStore",
        }
    }

    /// The kind named `name` in `details`, if there is one.
    pub fn from_name(name: &str) -> Option<FailureKind> {
        FailureKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// How `reason` starts for this kind, e.g. `activity input did not decode`.
    pub fn reason_prefix(self) -> &'static str {
        match self {
            FailureKind::InputDecode => "activity input did not decode",
            FailureKind::Panic => "activity panicked",
            FailureKind::ResultTooLarge => "activity result is too large for SWF",
            FailureKind::ResultSerialization => "activity result could not be serialized",
            FailureKind::ErrorSerialization => "activity error could not be serialized",
            FailureKind::Aborted => "activity was aborted before it finished",
            FailureKind::UnknownActivityType => "unknown activity type",
            FailureKind::PayloadStore => "activity payload store failed",
        }
    }
}

impl Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Encodes an activity's `Ok` value as SWF's `result`.
///
/// JSON `null` (`()`, `None`) completes without a result. A value whose JSON is longer than
/// 32768 fails the task ([`FailureKind::ResultTooLarge`]) instead of being sent for SWF to
/// reject; a value that does not serialize fails it with [`FailureKind::ResultSerialization`].
pub fn encode_result<T: Serialize + ?Sized>(value: &T) -> Outcome {
    encode_result_within(value, DATA_MAX)
}

/// [`encode_result`] with a limit of `max_len` characters instead of SWF's 32768: what a
/// worker that offloads large values to a payload store ([`crate::payload`]) asks for.
pub fn encode_result_within<T: Serialize + ?Sized>(value: &T, max_len: usize) -> Outcome {
    match serde_json::to_string(value) {
        Ok(json) if json == "null" => Outcome::Completed { result: None },
        Ok(json) => {
            let len = swf_len(&json);
            if len > max_len {
                result_too_large_for(len, max_len)
            } else {
                Outcome::Completed { result: Some(json) }
            }
        }
        Err(err) => Outcome::framework_failure(FailureKind::ResultSerialization, &err.to_string()),
    }
}

/// Encodes an activity's `Err` value: `reason` = its `Display` text cut to 256 ([`truncate`]),
/// `details` = its JSON, or the envelope of [`truncate_json`] if that is longer than 32768.
///
/// An error whose serialization fails still fails the task, with
/// [`FailureKind::ErrorSerialization`]: `reason` is `activity error could not be serialized:
/// <Display>` and `details` is
/// `{"framework_error":"ErrorSerialization","message":"<serde_json's message>","display":"<Display>"}`.
pub fn encode_error<E: Display + Serialize + ?Sized>(error: &E) -> Outcome {
    encode_error_within(error, DATA_MAX)
}

/// [`encode_error`] with `details` cut to `max_len` characters instead of SWF's 32768.
pub fn encode_error_within<E: Display + Serialize + ?Sized>(error: &E, max_len: usize) -> Outcome {
    let display = error.to_string();
    match serde_json::to_string(error) {
        Ok(json) => {
            let details = match truncate_json(&json, max_len) {
                // Kept as it is: no second copy of a large error's JSON.
                Cow::Borrowed(_) => json,
                Cow::Owned(cut) => cut,
            };
            Outcome::failed(truncate(&display, REASON_MAX), details)
        }
        Err(err) => framework_outcome(
            FailureKind::ErrorSerialization,
            &display,
            &err.to_string(),
            Some(&display),
        ),
    }
}

/// The failure for input that does not decode: `activity input did not decode: <error>`.
pub fn input_decode_failure(error: &dyn Display) -> Outcome {
    Outcome::framework_failure(FailureKind::InputDecode, &error.to_string())
}

/// The failure for a panic, from the payload `catch_unwind` or a `JoinError` gives:
/// `activity panicked: <message>` when the payload is a `&str` or `String`.
pub fn panic_failure(payload: &(dyn Any + Send)) -> Outcome {
    Outcome::framework_failure(FailureKind::Panic, panic_message(payload).unwrap_or(""))
}

/// The message of a panic payload, if it is a `&str` or a `String` (what `panic!` makes).
pub fn panic_message(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&'static str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

/// The failure for a result of `len` characters ([`swf_len`]) that SWF would reject:
/// `activity result is too large for SWF: <len> characters, the limit is 32768`.
pub fn result_too_large(len: usize) -> Outcome {
    result_too_large_for(len, DATA_MAX)
}

/// The failure for a result of `len` characters over a limit of `max_len`:
/// `activity result is too large for SWF: <len> characters, the limit is <max_len>`.
pub fn result_too_large_for(len: usize, max_len: usize) -> Outcome {
    Outcome::framework_failure(
        FailureKind::ResultTooLarge,
        &too_large_message(len, max_len),
    )
}

/// The message of a [`FailureKind::ResultTooLarge`] failure, every converter's.
pub(crate) fn too_large_message(len: usize, max_len: usize) -> String {
    if max_len > DATA_MAX {
        format!("{len} characters, the limit is {max_len} (the payload store's largest value)")
    } else {
        format!("{len} characters, the limit is {max_len}")
    }
}

/// The failure for a task of an activity type the worker does not serve:
/// `unknown activity type: "<name>" version "<version>" is not served by this worker`.
pub fn unknown_activity_type(name: &str, version: &str) -> Outcome {
    Outcome::framework_failure(
        FailureKind::UnknownActivityType,
        &format!("{name:?} version {version:?} is not served by this worker"),
    )
}

/// The `details` of a framework failure.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkDetails<'a> {
    #[serde(borrow)]
    framework_error: Cow<'a, str>,
    #[serde(borrow)]
    message: Cow<'a, str>,
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    display: Option<Cow<'a, str>>,
}

/// The key that marks the envelope of [`truncate_json`], reserved for this framework (see the
/// [module docs](self)); its value is [`ENVELOPE_TRUNCATED`].
pub(crate) const ENVELOPE_KEY: &str = "$swf_activity";

/// The value of [`ENVELOPE_KEY`] in the envelope of [`truncate_json`].
pub(crate) const ENVELOPE_TRUNCATED: &str = "truncated";

/// The member that marks the envelope, as it appears in JSON text: `"$swf_activity":"truncated"`.
/// Inside a JSON string its quotes would be escaped, so finding it in details means an object
/// has it as a member.
pub(crate) const ENVELOPE_MEMBER: &str = r#""$swf_activity":"truncated""#;

/// The envelope of [`truncate_json`], as it is written.
#[derive(Serialize)]
struct Envelope<'a> {
    /// Always [`ENVELOPE_TRUNCATED`].
    #[serde(rename = "$swf_activity")]
    marker: &'static str,
    original_length: u64,
    prefix: &'a str,
}

/// The envelope of earlier versions, `{"truncated":true,"original_length":N,"prefix":"..."}`
/// and its two shortened forms (see the [module docs](self)).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyEnvelope<'a> {
    truncated: bool,
    #[serde(default)]
    original_length: Option<u64>,
    #[serde(default, borrow)]
    prefix: Option<Cow<'a, str>>,
}

/// What an envelope, of this version or an earlier one, says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnvelopeRead {
    /// The length ([`swf_len`]) of the JSON it replaced, if it says (only the shortest
    /// envelopes do not).
    pub(crate) original_length: Option<usize>,
    /// The beginning of the JSON it replaced (empty if it has none).
    pub(crate) prefix: String,
}

/// The envelope of [`truncate_json`] of this version, `{"$swf_activity":"truncated",...}`, as a
/// JSON value: `prefix` is `None` for an envelope without one.
pub(crate) fn envelope_value(original_length: Option<usize>, prefix: Option<&str>) -> Value {
    let mut map = serde_json::Map::new();
    map.insert(
        ENVELOPE_KEY.to_owned(),
        Value::String(ENVELOPE_TRUNCATED.to_owned()),
    );
    if let Some(original_length) = original_length {
        map.insert("original_length".to_owned(), Value::from(original_length));
        if let Some(prefix) = prefix {
            map.insert("prefix".to_owned(), Value::String(prefix.to_owned()));
        }
    }
    Value::Object(map)
}

/// Reads `value` as an envelope when it is one in a place only envelopes (or other objects of
/// the framework's, never the activity's error) are written, such as a converter's own member:
/// an object with [`ENVELOPE_MEMBER`] (this version's envelope), or with `"truncated":true` (an
/// earlier version's). `original_length` and `prefix` are read when they have the right types.
pub(crate) fn read_envelope(value: &Value) -> Option<EnvelopeRead> {
    let Value::Object(map) = value else {
        return None;
    };
    let current = map.get(ENVELOPE_KEY).and_then(Value::as_str) == Some(ENVELOPE_TRUNCATED);
    let legacy = map.get("truncated") == Some(&Value::Bool(true));
    if !current && !legacy {
        return None;
    }
    Some(EnvelopeRead {
        original_length: map
            .get("original_length")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok()),
        prefix: map
            .get("prefix")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    })
}

/// Reads details of the [`Json`](crate::convert::Json) converter as this version's envelope:
/// an object with [`ENVELOPE_MEMBER`], whatever else it has (members of the wrong type are
/// ignored).
fn read_current_envelope(details: &str) -> Option<EnvelopeRead> {
    if !details.contains(ENVELOPE_MEMBER) {
        return None;
    }
    let value: Value = serde_json::from_str(details).ok()?;
    match &value {
        Value::Object(map)
            if map.get(ENVELOPE_KEY).and_then(Value::as_str) == Some(ENVELOPE_TRUNCATED) =>
        {
            read_envelope(&value)
        }
        _ => None,
    }
}

/// Reads details of the [`Json`](crate::convert::Json) converter as an earlier version's
/// envelope, by the rules of the [module docs](self): `{"truncated":true` and exactly its
/// members, and an `original_length` greater than the details' own length.
fn read_legacy_envelope(details: &str) -> Option<EnvelopeRead> {
    if !details.starts_with(r#"{"truncated":true"#) {
        return None;
    }
    let envelope = serde_json::from_str::<LegacyEnvelope<'_>>(details).ok()?;
    if !envelope.truncated || (envelope.prefix.is_some() && envelope.original_length.is_none()) {
        return None;
    }
    let original_length = match envelope.original_length {
        Some(n) => {
            let n = usize::try_from(n).ok()?;
            // An envelope replaces JSON longer than itself.
            if n <= swf_len(details) {
                return None;
            }
            Some(n)
        }
        None => None,
    };
    Some(EnvelopeRead {
        original_length,
        prefix: envelope.prefix.map(Cow::into_owned).unwrap_or_default(),
    })
}

/// Room in a framework failure's `details` for `message`, and for `display` (the rest, less
/// room for the keys).
const FRAMEWORK_MESSAGE_MAX: usize = 4096;
const FRAMEWORK_DISPLAY_MAX: usize = DATA_MAX - FRAMEWORK_MESSAGE_MAX - 256;

/// The `reason` of a framework failure: `"<kind's reason prefix>: <message>"` cut to 256, or
/// just the prefix when `message` is empty. Other converters keep it, so the kind reads back.
pub(crate) fn framework_reason(kind: FailureKind, message: &str) -> String {
    let prefix = kind.reason_prefix();
    if message.is_empty() {
        prefix.to_owned()
    } else {
        truncate(&format!("{prefix}: {message}"), REASON_MAX).into_owned()
    }
}

fn framework_outcome(
    kind: FailureKind,
    reason_message: &str,
    message: &str,
    display: Option<&str>,
) -> Outcome {
    let reason = framework_reason(kind, reason_message);
    let details = FrameworkDetails {
        framework_error: Cow::Borrowed(kind.as_str()),
        message: truncate_by(message, FRAMEWORK_MESSAGE_MAX, json_escaped_len),
        display: display.map(|d| truncate_by(d, FRAMEWORK_DISPLAY_MAX, json_escaped_len)),
    };
    let details = match serde_json::to_string(&details) {
        // Within DATA_MAX by construction; truncate_json only guards that promise.
        Ok(json) => truncate_json(&json, DATA_MAX).into_owned(),
        // Serializing strings into a String cannot fail; keep the details valid JSON anyway.
        Err(_) => format!(
            "{{\"framework_error\":\"{}\",\"message\":\"\"}}",
            kind.as_str()
        ),
    };
    Outcome::Failed {
        reason,
        details,
        framework: Some(kind),
    }
}

/// Cuts `value` to at most `max` characters by [`swf_len`] (so it fits whether SWF counts code
/// points or UTF-16 units), ending it with [`TRUNCATION_MARK`] when it was cut. A value that fits
/// is returned as is.
///
/// The cut never falls inside a character and, as far as it can tell, not inside a sequence of
/// a character and its combining marks (see the [module docs](self)). If `max` is smaller than
/// the mark itself, the result is as much of the mark as fits.
///
/// Use it for `reason` ([`rules::REASON_MAX`](crate::rules::REASON_MAX)) and any other text
/// limit; for JSON, use [`truncate_json`], which keeps the value valid JSON.
pub fn truncate(value: &str, max: usize) -> Cow<'_, str> {
    truncate_by(value, max, char::len_utf16)
}

/// [`truncate`], measuring each character with `unit_len`.
fn truncate_by(value: &str, max: usize, unit_len: fn(char) -> usize) -> Cow<'_, str> {
    if value.chars().map(unit_len).sum::<usize>() <= max {
        return Cow::Borrowed(value);
    }
    let mark_len = swf_len(TRUNCATION_MARK);
    if max < mark_len {
        let end = prefix_end(TRUNCATION_MARK, max, char::len_utf16);
        return Cow::Owned(TRUNCATION_MARK[..end].to_owned());
    }
    let end = cut_point(value, max - mark_len, unit_len);
    let mut cut = String::with_capacity(end + TRUNCATION_MARK.len());
    cut.push_str(&value[..end]);
    cut.push_str(TRUNCATION_MARK);
    Cow::Owned(cut)
}

/// Fits a JSON text into `max` characters by [`swf_len`]: returned as is if it fits, otherwise
/// replaced by
/// `{"$swf_activity":"truncated","original_length":N,"prefix":"<as much of json as fits>"}`,
/// which is valid JSON and at most `max` long (see the [module docs](self)).
///
/// Use it for `details` ([`rules::DATA_MAX`](crate::rules::DATA_MAX)) and heartbeat details
/// ([`LIMITED_DATA_MAX`](crate::rules::LIMITED_DATA_MAX)). `json` is not checked to be
/// JSON; the envelope is valid JSON whatever it holds. At limits too small for an empty prefix
/// the envelope is `{"$swf_activity":"truncated","original_length":N}`, then
/// `{"$swf_activity":"truncated"}`; below 29 (the latter's length) nothing valid fits and the
/// result is empty.
pub fn truncate_json(json: &str, max: usize) -> Cow<'_, str> {
    let original_length = swf_len(json);
    if original_length <= max {
        return Cow::Borrowed(json);
    }
    let original = original_length as u64;
    let empty = Envelope {
        marker: ENVELOPE_TRUNCATED,
        original_length: original,
        prefix: "",
    };
    let encode = |envelope: &Envelope<'_>| serde_json::to_string(envelope).unwrap_or_default();
    // The envelope's text is ASCII apart from the prefix, so byte length is its swf_len.
    let overhead = encode(&empty).len();
    if overhead <= max {
        let mut budget = max - overhead;
        loop {
            let end = cut_point(json, budget, json_escaped_len);
            let envelope = encode(&Envelope {
                prefix: &json[..end],
                ..empty
            });
            let len = swf_len(&envelope);
            // json_escaped_len measures exactly what serde_json writes, so this holds the first
            // time; shrinking guards against a future serde_json escaping more.
            if len <= max || budget == 0 {
                return Cow::Owned(envelope);
            }
            budget = budget.saturating_sub(len - max);
        }
    }
    let short = format!("{{{ENVELOPE_MEMBER},\"original_length\":{original}}}");
    if short.len() <= max {
        return Cow::Owned(short);
    }
    if ENVELOPE_MEMBER.len() + 2 <= max {
        return Cow::Owned(format!("{{{ENVELOPE_MEMBER}}}"));
    }
    Cow::Borrowed("")
}

/// The length of `c` inside a JSON string as serde_json writes it, in UTF-16 units.
fn json_escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
        '\u{0}'..='\u{1f}' => 6,
        _ => c.len_utf16(),
    }
}

/// The byte index after the longest prefix of `value` whose characters' `unit_len` sum to at
/// most `budget`.
fn prefix_end(value: &str, budget: usize, unit_len: fn(char) -> usize) -> usize {
    let mut used = 0;
    for (i, c) in value.char_indices() {
        used += unit_len(c);
        if used > budget {
            return i;
        }
    }
    value.len()
}

/// [`prefix_end`], moved back so the cut does not separate a character from what extends it.
fn cut_point(value: &str, budget: usize, unit_len: fn(char) -> usize) -> usize {
    let end = prefix_end(value, budget, unit_len);
    let mut cut = end;
    for _ in 0..MAX_CLUSTER_BACKTRACK {
        if cut == 0 || cut == value.len() || !splits_cluster(value, cut) {
            return cut;
        }
        cut = value[..cut]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
    }
    if splits_cluster(value, cut) { end } else { cut }
}

/// Whether cutting `value` at byte `at` (a char boundary, not at either end) would separate
/// characters that belong together.
fn splits_cluster(value: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (value[..at].chars().next_back(), value[at..].chars().next())
    else {
        return false;
    };
    if extends_previous(after) || before == '\u{200d}' || (before == '\r' && after == '\n') {
        return true;
    }
    if is_regional_indicator(before) && is_regional_indicator(after) {
        // Flags are pairs of regional indicators: an odd run before the cut is half a flag.
        let run = value[..at]
            .chars()
            .rev()
            .take_while(|c| is_regional_indicator(*c))
            .count();
        return run % 2 == 1;
    }
    false
}

/// Characters that attach to the one before them: combining marks of the common scripts,
/// joiners, variation selectors, emoji modifiers and tags.
fn extends_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'     // combining diacritical marks
        | '\u{0483}'..='\u{0489}'   // Cyrillic
        | '\u{0591}'..='\u{05bd}' | '\u{05bf}' | '\u{05c1}'..='\u{05c2}' | '\u{05c4}'..='\u{05c5}' | '\u{05c7}' // Hebrew
        | '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06dc}'
        | '\u{06df}'..='\u{06e4}' | '\u{06e7}'..='\u{06e8}' | '\u{06ea}'..='\u{06ed}' // Arabic
        | '\u{0900}'..='\u{0903}' | '\u{093a}'..='\u{093c}' | '\u{093e}'..='\u{094f}'
        | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}' // Devanagari
        | '\u{0e31}' | '\u{0e34}'..='\u{0e3a}' | '\u{0e47}'..='\u{0e4e}' // Thai
        | '\u{1ab0}'..='\u{1aff}'   // combining diacritical marks extended
        | '\u{1dc0}'..='\u{1dff}'   // combining diacritical marks supplement
        | '\u{200c}'..='\u{200d}'   // zero-width non-joiner and joiner
        | '\u{20d0}'..='\u{20ff}'   // combining marks for symbols (keycaps)
        | '\u{302a}'..='\u{302f}' | '\u{3099}'..='\u{309a}' // CJK tone marks, kana voicing
        | '\u{fe00}'..='\u{fe0f}'   // variation selectors
        | '\u{fe20}'..='\u{fe2f}'   // combining half marks
        | '\u{1f3fb}'..='\u{1f3ff}' // emoji skin tone modifiers
        | '\u{e0020}'..='\u{e007f}' // tags (subdivision flags)
        | '\u{e0100}'..='\u{e01ef}' // variation selectors supplement
    )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// A task's failure as a decider reads it from the `ActivityTaskFailed` history event: its
/// `reason` and `details`, with the shapes of this module recognised.
///
/// ```
/// use swf_activity::failure::{Failure, decode_failure};
///
/// #[derive(Debug, serde::Deserialize, PartialEq)]
/// enum ChargeError { Declined { last4: String } }
///
/// let reason = Some("card ending 4242 was declined");
/// let details = Some(r#"{"Declined":{"last4":"4242"}}"#);
/// let error: ChargeError = decode_failure(reason, details).unwrap();
/// assert_eq!(error, ChargeError::Declined { last4: "4242".into() });
/// assert!(!Failure::new(reason, details).is_truncated());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    reason: Option<String>,
    details: Option<String>,
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// The activity's error's JSON (or anything not recognised).
    Plain,
    /// The envelope of [`truncate_json`], of this version or an earlier one.
    Truncated {
        original_length: Option<usize>,
        prefix: String,
        /// The details have the shape of an earlier version's envelope, which the activity's
        /// error can have too: [`Failure::decode`] tries them as the error first.
        maybe_error: bool,
    },
    /// A failure the framework made.
    Framework {
        kind: FailureKind,
        message: String,
        display: Option<String>,
    },
    /// The activity's error, as plain JSON, read by a converter from its own format.
    Converted(serde_json::Value),
    /// Details a converter could not read as any of its shapes.
    Unreadable(String),
}

impl Failure {
    /// Reads `reason` and `details` as SWF recorded them (either may be absent).
    ///
    /// Details are read as the envelope of [`truncate_json`] when they have this version's
    /// marker (`"$swf_activity":"truncated"`), or have an earlier version's shape (see the
    /// [module docs](self) for the rules, and [`Failure::decode`] for how such details still
    /// decode as the activity's error); as a framework failure when they are
    /// `{"framework_error":...}`; otherwise as the activity's error.
    pub fn new(reason: Option<&str>, details: Option<&str>) -> Failure {
        let shape = details.map_or(Shape::Plain, recognise);
        Failure {
            reason: reason.map(str::to_owned),
            details: details.map(str::to_owned),
            shape,
        }
    }

    /// A failure a [converter](crate::convert) read: the activity's error, as the plain JSON
    /// its type deserializes from.
    pub fn from_error(
        reason: Option<&str>,
        details: Option<&str>,
        error: serde_json::Value,
    ) -> Failure {
        Failure::with_shape(reason, details, Shape::Converted(error))
    }

    /// A failure a [converter](crate::convert) read as the framework's, of `kind`, with
    /// `message`.
    pub fn from_framework(
        reason: Option<&str>,
        details: Option<&str>,
        kind: FailureKind,
        message: impl Into<String>,
    ) -> Failure {
        Failure::with_shape(
            reason,
            details,
            Shape::Framework {
                kind,
                message: message.into(),
                display: None,
            },
        )
    }

    /// A failure a [converter](crate::convert) read as the activity's error cut to fit SWF: the
    /// error was `original_length` long, and `prefix` is what is left of it.
    pub fn from_truncated(
        reason: Option<&str>,
        details: Option<&str>,
        original_length: usize,
        prefix: impl Into<String>,
    ) -> Failure {
        Failure::with_shape(
            reason,
            details,
            Shape::Truncated {
                original_length: Some(original_length),
                prefix: prefix.into(),
                maybe_error: false,
            },
        )
    }

    /// A failure a converter read as an envelope ([`read_envelope`]) in a place of its own,
    /// where it cannot be the activity's error.
    pub(crate) fn from_envelope(
        reason: Option<&str>,
        details: Option<&str>,
        envelope: EnvelopeRead,
    ) -> Failure {
        Failure::with_shape(
            reason,
            details,
            Shape::Truncated {
                original_length: envelope.original_length,
                prefix: envelope.prefix,
                maybe_error: false,
            },
        )
    }

    /// A failure whose details a [converter](crate::convert) could not read, saying why.
    pub fn unreadable(
        reason: Option<&str>,
        details: Option<&str>,
        why: impl Into<String>,
    ) -> Failure {
        Failure::with_shape(reason, details, Shape::Unreadable(why.into()))
    }

    fn with_shape(reason: Option<&str>, details: Option<&str>, shape: Shape) -> Failure {
        Failure {
            reason: reason.map(str::to_owned),
            details: details.map(str::to_owned),
            shape,
        }
    }

    /// The reason as recorded (ends with [`TRUNCATION_MARK`] if it was cut).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// Whether the reason ends with [`TRUNCATION_MARK`], i.e. was cut to fit.
    pub fn reason_truncated(&self) -> bool {
        self.reason
            .as_deref()
            .is_some_and(|r| r.ends_with(TRUNCATION_MARK))
    }

    /// The details as recorded.
    pub fn details(&self) -> Option<&str> {
        self.details.as_deref()
    }

    /// Whether the details are the envelope of [`truncate_json`]: the error's JSON was too long
    /// for SWF and only its beginning ([`Failure::details_prefix`]) is left.
    ///
    /// True for this version's envelope (`{"$swf_activity":"truncated",...}`) and for details
    /// of the shape earlier versions wrote (`{"truncated":true,"original_length":N,...}` whose
    /// `N` is greater than the details' own length, or `{"truncated":true}`; the
    /// [module docs](self) give the exact rule). This cannot know the activity's error type: an
    /// error whose own JSON has that shape also reads as truncated here, while
    /// [`decode`](Failure::decode) still gives it back. Check `decode` first when the error
    /// type may have members named `truncated`, `original_length` and `prefix`.
    pub fn is_truncated(&self) -> bool {
        matches!(self.shape, Shape::Truncated { .. })
    }

    /// The length ([`swf_len`]) of the JSON the envelope replaced; `None` if the details are
    /// not an envelope, or are one too short to say (`{"$swf_activity":"truncated"}` or the
    /// earlier `{"truncated":true}`, written only at limits too small to hold the length).
    pub fn original_length(&self) -> Option<usize> {
        match &self.shape {
            Shape::Truncated {
                original_length, ..
            } => *original_length,
            _ => None,
        }
    }

    /// The beginning of the JSON the envelope replaced (empty for an envelope without one).
    pub fn details_prefix(&self) -> Option<&str> {
        match &self.shape {
            Shape::Truncated { prefix, .. } => Some(prefix),
            _ => None,
        }
    }

    /// Why the framework failed the task, if it was the framework and not the activity's error.
    pub fn kind(&self) -> Option<FailureKind> {
        match &self.shape {
            Shape::Framework { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    /// The message of a framework failure (`"message"` in its details).
    pub fn framework_message(&self) -> Option<&str> {
        match &self.shape {
            Shape::Framework { message, .. } => Some(message),
            _ => None,
        }
    }

    /// The error's `Display` text kept by an [`ErrorSerialization`](FailureKind::ErrorSerialization)
    /// failure.
    pub fn error_display(&self) -> Option<&str> {
        match &self.shape {
            Shape::Framework { display, .. } => display.as_deref(),
            _ => None,
        }
    }

    /// Decodes the details into the activity's error type. Missing details decode as JSON
    /// `null`.
    ///
    /// This version's envelope gives [`DecodeFailureError::Truncated`]. Details of the shape
    /// earlier versions' envelope had (see [`is_truncated`](Failure::is_truncated)) are first
    /// decoded as `E`: an error whose own JSON has that shape comes back as it was sent, and
    /// only details that are not an `E` give `Truncated`.
    pub fn decode<E: DeserializeOwned>(&self) -> Result<E, DecodeFailureError> {
        match &self.shape {
            Shape::Framework { kind, message, .. } => Err(DecodeFailureError::Framework {
                kind: *kind,
                reason: self.reason.clone().unwrap_or_default(),
                message: message.clone(),
            }),
            Shape::Truncated {
                original_length,
                maybe_error,
                ..
            } => {
                if *maybe_error
                    && let Some(details) = self.details.as_deref()
                    && let Ok(error) = serde_json::from_str(details)
                {
                    return Ok(error);
                }
                Err(DecodeFailureError::Truncated {
                    original_length: original_length.unwrap_or(0),
                })
            }
            Shape::Plain => serde_json::from_str(self.details.as_deref().unwrap_or("null"))
                .map_err(DecodeFailureError::Json),
            Shape::Converted(error) => E::deserialize(error).map_err(DecodeFailureError::Json),
            Shape::Unreadable(why) => Err(DecodeFailureError::Unreadable { why: why.clone() }),
        }
    }
}

fn recognise(details: &str) -> Shape {
    // Cheap test first: every shape is an object.
    if !details.trim_start().starts_with('{') {
        return Shape::Plain;
    }
    if let Some(envelope) = read_current_envelope(details) {
        return Shape::Truncated {
            original_length: envelope.original_length,
            prefix: envelope.prefix,
            maybe_error: false,
        };
    }
    if let Ok(framework) = serde_json::from_str::<FrameworkDetails<'_>>(details)
        && let Some(kind) = FailureKind::from_name(&framework.framework_error)
    {
        return Shape::Framework {
            kind,
            message: framework.message.into_owned(),
            display: framework.display.map(Cow::into_owned),
        };
    }
    if let Some(envelope) = read_legacy_envelope(details) {
        return Shape::Truncated {
            original_length: envelope.original_length,
            prefix: envelope.prefix,
            maybe_error: true,
        };
    }
    Shape::Plain
}

/// Reads a failed task's `reason` and `details` (from the `ActivityTaskFailed` event) back into
/// the activity's error type `E`: `Failure::new(reason, details).decode()`.
pub fn decode_failure<E: DeserializeOwned>(
    reason: Option<&str>,
    details: Option<&str>,
) -> Result<E, DecodeFailureError> {
    Failure::new(reason, details).decode()
}

/// Why [`decode_failure`] could not give back the activity's error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeFailureError {
    /// The framework failed the task (a panic, input that did not decode, ...); the activity
    /// returned no error.
    #[error("the task failed in the framework, not with the activity's error: {reason}")]
    Framework {
        /// Why.
        kind: FailureKind,
        /// The failure's reason.
        reason: String,
        /// The message in its details.
        message: String,
    },
    /// The error's JSON was too long for SWF, so only its beginning was recorded (the details
    /// are the envelope of [`truncate_json`]).
    #[error(
        "the error's details were truncated: {original_length} characters, SWF allows {DATA_MAX}"
    )]
    Truncated {
        /// The length ([`swf_len`]) of the error's JSON; 0 if the envelope does not say (see
        /// [`Failure::original_length`]).
        original_length: usize,
    },
    /// The details are not JSON of the error type.
    #[error("the failure's details do not decode as the error type")]
    Json(#[source] serde_json::Error),
    /// The details are none of the shapes the converter writes.
    #[error("the failure's details are not in the converter's format: {why}")]
    Unreadable {
        /// Why.
        why: String,
    },
}

/// Envelopes of this version and exactly what earlier versions wrote, with the length and
/// prefix each says: for the readers' tests, here and in the converters.
#[cfg(test)]
pub(crate) const ENVELOPE_CASES: [(&str, Option<usize>, &str); 6] = [
    (
        r#"{"$swf_activity":"truncated","original_length":40000,"prefix":"[\"ab"}"#,
        Some(40_000),
        r#"["ab"#,
    ),
    (
        r#"{"$swf_activity":"truncated","original_length":40000}"#,
        Some(40_000),
        "",
    ),
    (r#"{"$swf_activity":"truncated"}"#, None, ""),
    (
        r#"{"truncated":true,"original_length":40000,"prefix":"[\"ab"}"#,
        Some(40_000),
        r#"["ab"#,
    ),
    (
        r#"{"truncated":true,"original_length":40000}"#,
        Some(40_000),
        "",
    ),
    (r#"{"truncated":true}"#, None, ""),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> usize {
        swf_len(s)
    }

    #[test]
    fn short_text_is_borrowed() {
        assert!(matches!(truncate("abc", 3), Cow::Borrowed("abc")));
        assert!(matches!(truncate_json("[1]", 3), Cow::Borrowed("[1]")));
    }

    #[test]
    fn ascii_is_cut_with_the_mark() {
        let long = "a".repeat(300);
        let cut = truncate(&long, 256);
        assert_eq!(units(&cut), 256);
        assert_eq!(cut, format!("{}{TRUNCATION_MARK}", "a".repeat(243)));
    }

    #[test]
    fn surrogate_pairs_are_not_split() {
        // 'a' then emoji: the budget of 243 falls in the middle of an emoji.
        let s = format!("a{}", "😀".repeat(200));
        let cut = truncate(&s, 256);
        assert!(units(&cut) <= 256);
        assert_eq!(cut, format!("a{}{TRUNCATION_MARK}", "😀".repeat(121)));
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        // "e\u{301}" is é as two characters; cut between them would leave a bare e.
        let s = "e\u{301}".repeat(200);
        let cut = truncate(&s, 256);
        let kept = cut.strip_suffix(TRUNCATION_MARK).expect("mark");
        assert!(kept.ends_with('\u{301}'));
        assert_eq!(kept.chars().count() % 2, 0);
    }

    #[test]
    fn joined_emoji_and_flags_stay_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let s = format!("{}{}", "x".repeat(240), family.repeat(5));
        let kept = truncate(&s, 256)
            .strip_suffix(TRUNCATION_MARK)
            .expect("mark")
            .to_owned();
        assert_eq!(kept, "x".repeat(240));
        // Budget 243: after 240 x's only half a flag fits; after 238 x's one whole flag.
        let s = format!("{}{}", "x".repeat(240), "🇫🇷".repeat(5));
        let kept = truncate(&s, 256)
            .strip_suffix(TRUNCATION_MARK)
            .expect("mark")
            .to_owned();
        assert_eq!(kept, "x".repeat(240));
        let s = format!("{}{}", "x".repeat(238), "🇫🇷".repeat(5));
        let kept = truncate(&s, 256)
            .strip_suffix(TRUNCATION_MARK)
            .expect("mark")
            .to_owned();
        assert_eq!(kept, "x".repeat(238) + "🇫🇷");
    }

    #[test]
    fn tiny_limits_cut_the_mark() {
        assert_eq!(truncate("abcdef", 0), "");
        assert_eq!(truncate("abcdef", 1), "\u{2026}");
        assert_eq!(truncate("abcdefghijklmnop", 13), TRUNCATION_MARK);
    }

    #[test]
    fn long_json_becomes_a_valid_envelope() {
        let json = serde_json::to_string(&"\"\n😀".repeat(10_000)).expect("json");
        for max in [DATA_MAX, 2048, 100, 60, 40, 18, 5] {
            let fitted = truncate_json(&json, max);
            assert!(units(&fitted) <= max, "{max}: {}", units(&fitted));
            if max >= 29 {
                let value: serde_json::Value = serde_json::from_str(&fitted).expect("valid");
                assert_eq!(value["$swf_activity"], "truncated");
            }
        }
        let fitted = truncate_json(&json, DATA_MAX);
        assert!(units(&fitted) > DATA_MAX - 8, "uses the room it has");
        let failure = Failure::new(None, Some(&fitted));
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(units(&json)));
        assert!(json.starts_with(failure.details_prefix().expect("prefix")));
    }

    /// What earlier versions' `truncate_json` wrote: the envelope, and its two shortened forms.
    const OLD_ENVELOPE: &str =
        r#"{"truncated":true,"original_length":40000,"prefix":"{\"code\":\"E1\",\"items\":[1,2,"}"#;
    const OLD_SHORT: &str = r#"{"truncated":true,"original_length":40000}"#;
    const OLD_SHORTEST: &str = r#"{"truncated":true}"#;

    /// An error type whose JSON has exactly the members of the earlier envelope.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Partial {
        truncated: bool,
        original_length: u64,
        prefix: String,
    }

    impl Display for Partial {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "partial: {}", self.prefix)
        }
    }

    /// Another error type, which none of the envelopes decode as.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Coded {
        code: String,
    }

    fn round_trip<E>(error: &E) -> (Failure, Result<E, DecodeFailureError>)
    where
        E: Display + Serialize + DeserializeOwned,
    {
        let outcome = encode_error(error);
        let failure = outcome.as_failure().expect("failed");
        let back = failure.decode::<E>();
        (failure, back)
    }

    #[test]
    fn an_error_with_the_old_envelopes_members_round_trips() {
        // Its JSON is byte for byte the earlier envelope's shape.
        let claims_longer = Partial {
            truncated: true,
            original_length: 40_000,
            prefix: "{\"code\":".into(),
        };
        let (failure, back) = round_trip(&claims_longer);
        assert_eq!(
            failure.details(),
            Some(r#"{"truncated":true,"original_length":40000,"prefix":"{\"code\":"}"#)
        );
        assert_eq!(back.expect("decodes as the error"), claims_longer);
        // is_truncated cannot know the error type: the shape reads as the old envelope.
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(40_000));
        assert!(matches!(
            failure.decode::<Coded>(),
            Err(DecodeFailureError::Truncated {
                original_length: 40_000
            })
        ));

        // An original_length no longer than the details themselves: not an envelope at all.
        for partial in [
            Partial {
                truncated: true,
                original_length: 3,
                prefix: "abc".into(),
            },
            Partial {
                truncated: false,
                original_length: 40_000,
                prefix: String::new(),
            },
        ] {
            let (failure, back) = round_trip(&partial);
            assert_eq!(back.expect("decodes as the error"), partial);
            assert!(!failure.is_truncated());
            assert_eq!(failure.original_length(), None);
            assert!(matches!(
                failure.decode::<Coded>(),
                Err(DecodeFailureError::Json(_))
            ));
        }

        // The members of the shortest old envelope.
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Flag {
            truncated: bool,
        }
        impl Display for Flag {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "flag")
            }
        }
        let (failure, back) = round_trip(&Flag { truncated: true });
        assert_eq!(failure.details(), Some(OLD_SHORTEST));
        assert_eq!(
            back.expect("decodes as the error"),
            Flag { truncated: true }
        );
    }

    #[test]
    fn old_envelopes_are_still_read() {
        let failure = Failure::new(Some("too big"), Some(OLD_ENVELOPE));
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(40_000));
        assert_eq!(
            failure.details_prefix(),
            Some(r#"{"code":"E1","items":[1,2,"#)
        );
        assert!(matches!(
            failure.decode::<Coded>(),
            Err(DecodeFailureError::Truncated {
                original_length: 40_000
            })
        ));

        let failure = Failure::new(None, Some(OLD_SHORT));
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(40_000));
        assert_eq!(failure.details_prefix(), Some(""));
        assert!(matches!(
            failure.decode::<Coded>(),
            Err(DecodeFailureError::Truncated {
                original_length: 40_000
            })
        ));

        let failure = Failure::new(None, Some(OLD_SHORTEST));
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), None);
        assert_eq!(failure.details_prefix(), Some(""));
        assert!(matches!(
            failure.decode::<Coded>(),
            Err(DecodeFailureError::Truncated { original_length: 0 })
        ));

        // Any JSON decodes as a Value, so the old shape does too (the documented trade-off).
        let value = Failure::new(None, Some(OLD_SHORT))
            .decode::<Value>()
            .expect("a value");
        assert_eq!(value["original_length"], 40_000);

        // Not the old writer's: other members, a prefix without a length, another order.
        for details in [
            r#"{"truncated":true,"original_length":40000,"prefix":"","more":1}"#,
            r#"{"truncated":true,"prefix":"abc"}"#,
            r#"{"original_length":40000,"truncated":true}"#,
            r#"{"truncated":true,"original_length":-1}"#,
        ] {
            assert!(
                !Failure::new(None, Some(details)).is_truncated(),
                "{details}"
            );
        }
    }

    #[test]
    fn the_envelope_is_marked_by_a_reserved_key() {
        assert_eq!(
            ENVELOPE_MEMBER,
            format!("\"{ENVELOPE_KEY}\":\"{ENVELOPE_TRUNCATED}\"")
        );
        let json = serde_json::to_string(&"x".repeat(100)).expect("json");
        assert_eq!(
            truncate_json(&json, 80),
            r#"{"$swf_activity":"truncated","original_length":102,"prefix":"\"xxxxxxxxxxxxxxx"}"#
        );
        assert_eq!(
            truncate_json(&json, 60),
            r#"{"$swf_activity":"truncated","original_length":102}"#
        );
        assert_eq!(truncate_json(&json, 40), r#"{"$swf_activity":"truncated"}"#);
        assert_eq!(truncate_json(&json, 28), "");

        // Only an explicit rename writes the key; details with it are always the envelope, so
        // such a type is never read back (the key is reserved, see the module docs).
        #[derive(Debug, Serialize, Deserialize)]
        struct Impostor {
            #[serde(rename = "$swf_activity")]
            marker: String,
            original_length: u64,
            prefix: String,
        }
        impl Display for Impostor {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "impostor")
            }
        }
        let (failure, back) = round_trip(&Impostor {
            marker: "truncated".into(),
            original_length: 7,
            prefix: "p".into(),
        });
        assert!(failure.is_truncated());
        assert_eq!(failure.original_length(), Some(7));
        assert!(matches!(
            back,
            Err(DecodeFailureError::Truncated { original_length: 7 })
        ));
        // Any other value of the key is not the envelope.
        let (failure, back) = round_trip(&Impostor {
            marker: "something else".into(),
            original_length: 7,
            prefix: "p".into(),
        });
        assert!(!failure.is_truncated());
        assert_eq!(back.expect("decodes").marker, "something else");
    }

    #[test]
    fn the_envelope_fits_and_is_recognised_at_every_limit() {
        let json = serde_json::to_string(&serde_json::json!({
            "log": "\"q\"\n😀e\u{301}\u{1}".repeat(40),
        }))
        .expect("json");
        let len = units(&json);
        let short_len = units(&format!(
            r#"{{"$swf_activity":"truncated","original_length":{len}}}"#
        ));
        for max in 0..=200 {
            let fitted = truncate_json(&json, max);
            assert!(units(&fitted) <= max, "{max}: {fitted}");
            if max < 29 {
                assert_eq!(fitted, "", "{max}: nothing valid fits");
                continue;
            }
            let value: Value = serde_json::from_str(&fitted).expect("valid JSON");
            assert_eq!(value["$swf_activity"], "truncated", "{max}");
            assert!(
                fitted.starts_with(r#"{"$swf_activity":"truncated""#),
                "{max}"
            );
            let failure = Failure::new(None, Some(&fitted));
            assert!(failure.is_truncated(), "{max}: {fitted}");
            let expected = (max >= short_len).then_some(len);
            assert_eq!(failure.original_length(), expected, "{max}");
            assert!(json.starts_with(failure.details_prefix().expect("prefix")));
            assert!(matches!(
                failure.decode::<Value>(),
                Err(DecodeFailureError::Truncated { .. })
            ));
        }
    }

    #[test]
    fn framework_failures_round_trip() {
        let outcome = Outcome::framework_failure(FailureKind::InputDecode, "bad \"input\"");
        assert_eq!(
            outcome.reason(),
            Some("activity input did not decode: bad \"input\"")
        );
        assert_eq!(
            outcome.details(),
            Some(r#"{"framework_error":"InputDecode","message":"bad \"input\""}"#)
        );
        let failure = outcome.as_failure().expect("failed");
        assert_eq!(failure.kind(), Some(FailureKind::InputDecode));
        assert_eq!(failure.framework_message(), Some("bad \"input\""));
        assert!(matches!(
            failure.decode::<serde_json::Value>(),
            Err(DecodeFailureError::Framework {
                kind: FailureKind::InputDecode,
                ..
            })
        ));
        for kind in FailureKind::ALL {
            assert_eq!(FailureKind::from_name(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn unit_and_none_complete_without_result() {
        assert_eq!(encode_result(&()), Outcome::Completed { result: None });
        assert_eq!(
            encode_result(&None::<u8>),
            Outcome::Completed { result: None }
        );
        assert_eq!(encode_result(&7).result(), Some("7"));
        let big = "x".repeat(DATA_MAX);
        assert_eq!(
            encode_result(&big).reason(),
            Some("activity result is too large for SWF: 32770 characters, the limit is 32768")
        );
    }

    #[test]
    fn panic_payloads() {
        let payload: Box<dyn Any + Send> = Box::new("boom");
        assert_eq!(
            panic_failure(&*payload).reason(),
            Some("activity panicked: boom")
        );
        let payload: Box<dyn Any + Send> = Box::new(String::from("bang"));
        assert_eq!(
            panic_failure(&*payload).reason(),
            Some("activity panicked: bang")
        );
        let payload: Box<dyn Any + Send> = Box::new(42);
        assert_eq!(panic_failure(&*payload).reason(), Some("activity panicked"));
    }
}
