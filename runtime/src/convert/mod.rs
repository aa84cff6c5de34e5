//! Data converters: how a task's input becomes an activity's argument, and how its result, its
//! error and the framework's own failures become what SWF records.
//!
//! The format is the decider's: a workflow written with the AWS Flow Framework for Java sends
//! Jackson's typed arrays and reads back Java exceptions; simpleflow sends `{"args","kwargs"}`
//! and reads `"<Error>: <message>"`. Each built-in converter speaks one of them:
//!
//! | converter | decider | input | failure |
//! |---|---|---|---|
//! | [`Json`] (the default) | any, or a Rust decider | the argument's JSON | `reason` = `Display`, `details` = the error's JSON |
//! | [`FlowJava`] | AWS Flow Framework for Java | `["[Ljava.lang.Object;",[...]]` | `details` = a Jackson-typed `Throwable` |
//! | [`Simpleflow`] | simpleflow (Python) | `{"args":[...],"kwargs":{...}}` | `reason` = `"<Name>: <message>"`, `details` = simpleflow's dict |
//!
//! # Choosing one
//!
//! Per activity, with `#[activity(converter = PATH)]`, where `PATH` names a `const` or `static`
//! converter; the choice is checked at compile time ([`Converts`]). Activities that do not name
//! one use the worker's default, [`WorkerBuilder::converter`](crate::worker::WorkerBuilder::converter)
//! ([`Json`] unless set). The registry ([`ActivityRegistration::converter`](crate::registry::ActivityRegistration::converter)),
//! the worker's start-up report and [`ActivityEnvironment`](crate::testing::ActivityEnvironment)
//! know which one each activity uses.
//!
//! ```
//! use swf_activity::activity;
//! use swf_activity::convert::{Args, FlowJava, Simpleflow};
//! use swf_activity::worker::WorkerBuilder;
//!
//! static FLOW: FlowJava = FlowJava::new().classes(&[("Order", "com.example.Order")]);
//!
//! #[derive(serde::Deserialize)]
//! struct Order {
//!     id: u64,
//! }
//!
//! #[derive(Debug, thiserror::Error, serde::Serialize)]
//! #[error("order {0} cannot ship")]
//! struct NotShipped(u64);
//!
//! /// Flow's decider calls `ship(order, priority)`: two arguments.
//! #[activity(version = "1", converter = FLOW)]
//! async fn ship(Args((order, priority)): Args<(Order, i64)>) -> Result<String, NotShipped> {
//!     Ok(format!("order {} at {priority}", order.id))
//! }
//!
//! /// Every other activity of this worker speaks simpleflow.
//! fn worker(builder: WorkerBuilder) -> WorkerBuilder {
//!     builder.converter(Simpleflow::new())
//! }
//! ```
//!
//! # Writing one
//!
//! Implement [`Converter`] (a name, and the shape of the framework's failures) and
//! [`DataConverter`] (input, result and error through serde): it then converts every
//! activity's types ([`Converts`] has a blanket implementation) and can be the worker's
//! default. Its decider side ([`DataConverter::encode_input`], `read_result`, `read_failure`)
//! is what [typed handles](crate::handle) schedule and read outcomes with. A converter for types that are not serde's (e.g. protobuf messages) implements
//! [`Converts`] for those types instead; it can only be named per activity.
//!
//! Converters own the limits: `reason` must fit 256, and `result` and `details` the `max_len`
//! the worker passes ([`swf_len`](crate::rules::swf_len)): SWF's 32,768, or more when the
//! worker offloads large values to a payload store ([`crate::payload`]), which then stores
//! what is longer than SWF takes and sends a marker in its place. The functions of
//! [`crate::failure`] (`truncate`, `truncate_json`) help. The worker sends what a converter
//! returns as it is; if SWF refuses a failure's details, it answers again with the reason
//! alone, and a result it refuses becomes a failure saying so.

use std::fmt::{self, Display};
use std::sync::{Arc, LazyLock};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::failure::{self, Failure, FailureKind, Outcome};

pub mod flow;
mod input;
mod json;
pub mod simpleflow;

/// The type-erased serde a [`DataConverter`] receives values through, re-exported so a
/// converter's crate needs no dependency of its own on it.
pub use erased_serde;
pub use flow::FlowJava;
pub use input::{Args, FromInput, Input, IntoArgs};
pub use json::Json;
pub use simpleflow::Simpleflow;

/// What every converter says, whatever the activity's types: its name, and the failure SWF is
/// told when the framework, not the activity's error, fails a task (bad input, a panic, a
/// result too large, an unknown activity type, a shutdown).
pub trait Converter: Send + Sync + 'static {
    /// The converter's name, shown in the worker's start-up report and the registry
    /// (e.g. `json`, `flow-java`, `simpleflow`).
    fn name(&self) -> &str;

    /// The failure for `kind`, in this converter's shape. It must be [`Outcome::Failed`] with
    /// `framework: Some(kind)`, so the worker tells it apart from the activity's own errors;
    /// `reason` within 256 and `details` within 32768.
    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome;
}

/// A converter for every serde type: the activity's types reach it type-erased, as
/// [`erased_serde::Serialize`] (with serde's names for structs and variants) and as an
/// [`Input`] the activity's input type is decoded from ([`FromInput`]).
///
/// Implementing this makes a converter usable by every activity and as the worker's default.
pub trait DataConverter: Converter {
    /// Parses a task's input (`None` when SWF sent none) into values the activity's input type
    /// decodes from. Input that is not in this converter's format fails the task with the
    /// converter's own [`FailureKind::InputDecode`] failure, saying why.
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome>;

    /// Encodes an activity's `Ok` value: [`Outcome::Completed`] with a `result` of at most
    /// `max_len` characters ([`swf_len`](crate::rules::swf_len)), or this converter's failure
    /// when the value cannot be encoded or is longer ([`FailureKind::ResultTooLarge`]).
    ///
    /// `max_len` is SWF's 32,768 ([`DATA_MAX`](crate::rules::DATA_MAX)), or the largest
    /// payload the worker's store takes when it offloads large values ([`crate::payload`]).
    fn encode_result(&self, value: &dyn erased_serde::Serialize, max_len: usize) -> Outcome;

    /// Encodes an activity's `Err` value, whose `Display` text is `display`: `reason` within
    /// 256 characters and `details` within `max_len`, cut in this converter's way when longer.
    fn encode_error(
        &self,
        display: &str,
        error: &dyn erased_serde::Serialize,
        max_len: usize,
    ) -> Outcome;

    /// Decider side: a completed task's `result` as plain JSON, the form the Rust result type
    /// deserializes from ([`decode_result`]).
    fn read_result(&self, result: Option<&str>) -> Result<serde_json::Value, ReadError>;

    /// Decider side: a failed task's `reason` and `details`, with this converter's shapes
    /// recognised: the activity's error as plain JSON, a framework failure, or details cut to
    /// fit. See [`Failure`].
    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure;

    /// Whether this converter is exactly [`Json`]: activities then take the direct serde_json
    /// path, with nothing type-erased.
    /// Decider side: the input a decider sends to call an activity with these arguments (one
    /// for an activity that takes one input, several for [`Args`], none for an activity
    /// without input), or `None` for no input at all. The worker's [`decode_input`](Self::decode_input)
    /// of the same converter reads it back.
    ///
    /// The default is [`Json`]'s: no arguments send no input, one sends its JSON, several a
    /// JSON array. A converter whose deciders send another format overrides it.
    fn encode_input(
        &self,
        args: &[&dyn erased_serde::Serialize],
    ) -> Result<Option<String>, EncodeError> {
        json_input(args)
    }

    #[doc(hidden)]
    fn is_plain_json(&self) -> bool {
        false
    }
}

/// [`Json`]'s input: nothing, the one argument's JSON, or an array of the arguments.
pub(crate) fn json_input(
    args: &[&dyn erased_serde::Serialize],
) -> Result<Option<String>, EncodeError> {
    let json = match args {
        [] => return Ok(None),
        [one] => serde_json::to_string(one),
        many => serde_json::to_string(many),
    };
    json.map(Some).map_err(EncodeError::serialize)
}

/// Why a value could not be encoded for SWF on the decider's side (or by a
/// [completer](crate::handle::Completer)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The value's `Serialize` failed.
    #[error("the value does not serialize: {0}")]
    Serialize(String),
    /// The encoded value is longer than SWF takes in this member.
    #[error("{member} is {len} characters long, over SWF's limit of {max}")]
    TooLong {
        /// The SWF member, e.g. `input`.
        member: &'static str,
        /// Its length ([`swf_len`](crate::rules::swf_len)).
        len: usize,
        /// SWF's limit for it.
        max: usize,
    },
    /// The converter cannot encode on this side (e.g. a converter that only implements
    /// [`Converts`] for the worker).
    #[error("{0}")]
    Unsupported(String),
}

impl EncodeError {
    /// A `Serialize` error, as text.
    pub fn serialize(err: impl Display) -> EncodeError {
        EncodeError::Serialize(err.to_string())
    }
}

/// A converter for one activity's input `I`, result `T` and error `E`: what
/// `#[activity(converter = ...)]` requires of the converter it names.
///
/// Every [`DataConverter`] implements it for every serde type. Implement it directly for a
/// converter of other types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a data converter for this activity's types",
    label = "`#[activity(converter = ...)]` names a converter of input `{I}`, result `{T}` and error `{E}`",
    note = "a converter implements `swf_activity::convert::DataConverter` (for every serde type) or `Converts<{I}, {T}, {E}>`; name a `const` or `static` of such a type, e.g. `static FLOW: FlowJava = FlowJava::new();` and `converter = FLOW`"
)]
pub trait Converts<I, T, E>: Converter {
    /// Decodes a task's input (`None` when SWF sent none) into the activity's argument, or the
    /// failure SWF should be told.
    fn decode(&self, input: Option<&str>) -> Result<I, Outcome>;

    /// Encodes the activity's `Ok` value, in at most `max_len` characters (see
    /// [`DataConverter::encode_result`]).
    fn encode_ok(&self, value: &T, max_len: usize) -> Outcome;

    /// Encodes the activity's `Err` value, its `details` in at most `max_len` characters.
    fn encode_err(&self, error: &E, max_len: usize) -> Outcome;
}

impl<C, I, T, E> Converts<I, T, E> for C
where
    C: DataConverter + ?Sized,
    I: FromInput,
    T: Serialize,
    E: Display + Serialize,
{
    fn decode(&self, input: Option<&str>) -> Result<I, Outcome> {
        if self.is_plain_json() {
            return decode_json(input);
        }
        let input = DataConverter::decode_input(self, input)?;
        I::from_input(input).map_err(|err| self.framework_failure(FailureKind::InputDecode, &err))
    }

    fn encode_ok(&self, value: &T, max_len: usize) -> Outcome {
        if self.is_plain_json() {
            return failure::encode_result_within(value, max_len);
        }
        DataConverter::encode_result(self, value, max_len)
    }

    fn encode_err(&self, error: &E, max_len: usize) -> Outcome {
        if self.is_plain_json() {
            return failure::encode_error_within(error, max_len);
        }
        DataConverter::encode_error(self, &error.to_string(), error, max_len)
    }
}

/// The [`Json`] converter's input path: a missing or empty input decodes as `null`, so `()`
/// and `Option<_>` inputs work.
pub(crate) fn decode_json<I: FromInput>(input: Option<&str>) -> Result<I, Outcome> {
    I::from_json(json_or_null(input)).map_err(|err| failure::input_decode_failure(&err))
}

/// A task's input as JSON text: a missing or empty input is `null` (SWF does not tell "no
/// input" from `""` apart in every client, and `""` is not JSON).
pub(crate) fn json_or_null(input: Option<&str>) -> &str {
    match input {
        None | Some("") => "null",
        Some(json) => json,
    }
}

/// A decoded `result` or `details` that is not what the decider expected.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ReadError {
    message: String,
    #[source]
    source: Option<serde_json::Error>,
}

impl ReadError {
    /// A read error saying `message`.
    pub fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            message: message.into(),
            source: None,
        }
    }

    /// A read error from serde_json's error.
    pub fn json(message: impl Display, source: serde_json::Error) -> ReadError {
        ReadError {
            message: format!("{message}: {source}"),
            source: Some(source),
        }
    }
}

/// Decider side: reads a completed task's `result` (from the `ActivityTaskCompleted` event)
/// into the activity's result type, as `converter` encoded it. A missing result reads as
/// `null`.
pub fn decode_result<T: DeserializeOwned>(
    converter: &(impl DataConverter + ?Sized),
    result: Option<&str>,
) -> Result<T, ReadError> {
    let value = converter.read_result(result)?;
    serde_json::from_value(value)
        .map_err(|err| ReadError::json("the result does not decode as the result type", err))
}

/// Decider side: a failed task's `reason` and `details` (from the `ActivityTaskFailed` event)
/// as `converter` encoded them; [`Failure::decode`] then gives the activity's error.
pub fn read_failure(
    converter: &(impl DataConverter + ?Sized),
    reason: Option<&str>,
    details: Option<&str>,
) -> Failure {
    converter.read_failure(reason, details)
}

/// A converter behind a `static` that is built on first use
/// (`static FLOW: LazyLock<FlowJava> = LazyLock::new(|| ...)`).
impl<C: Converter, F: FnOnce() -> C + Send + 'static> Converter for LazyLock<C, F> {
    fn name(&self) -> &str {
        C::name(self)
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        C::framework_failure(self, kind, message)
    }
}

impl<C: DataConverter, F: FnOnce() -> C + Send + 'static> DataConverter for LazyLock<C, F> {
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome> {
        C::decode_input(self, input)
    }

    fn encode_result(&self, value: &dyn erased_serde::Serialize, max_len: usize) -> Outcome {
        C::encode_result(self, value, max_len)
    }

    fn encode_error(
        &self,
        display: &str,
        error: &dyn erased_serde::Serialize,
        max_len: usize,
    ) -> Outcome {
        C::encode_error(self, display, error, max_len)
    }

    fn read_result(&self, result: Option<&str>) -> Result<serde_json::Value, ReadError> {
        C::read_result(self, result)
    }

    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure {
        C::read_failure(self, reason, details)
    }

    fn encode_input(
        &self,
        args: &[&dyn erased_serde::Serialize],
    ) -> Result<Option<String>, EncodeError> {
        C::encode_input(self, args)
    }

    fn is_plain_json(&self) -> bool {
        C::is_plain_json(self)
    }
}

/// The worker's default converter, shared by every activity that does not name its own.
#[derive(Clone)]
pub struct DefaultConverter(pub(crate) Arc<dyn DataConverter>);

impl DefaultConverter {
    /// `converter` as the default.
    pub fn new(converter: impl DataConverter) -> DefaultConverter {
        DefaultConverter(Arc::new(converter))
    }

    /// The converter.
    pub fn get(&self) -> &Arc<dyn DataConverter> {
        &self.0
    }

    /// The converter, for what every converter says (its name, the framework's failures).
    pub(crate) fn as_converter(&self) -> &dyn Converter {
        &*self.0
    }
}

impl Default for DefaultConverter {
    fn default() -> DefaultConverter {
        DefaultConverter::new(Json)
    }
}

impl fmt::Debug for DefaultConverter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

/// How a worker has its activities' outcomes encoded: the default converter (for activities
/// that name none), and the most characters ([`swf_len`](crate::rules::swf_len)) an encoded
/// result or failure's details may have.
///
/// That limit is SWF's 32,768 ([`DATA_MAX`](crate::rules::DATA_MAX)) unless the worker
/// offloads larger values to a payload store ([`crate::payload::Offload`]); it is then the
/// largest value the store takes.
#[derive(Clone)]
pub struct Encoding {
    default: DefaultConverter,
    max_len: usize,
}

impl Encoding {
    /// `default` as the default converter, and SWF's limit.
    pub fn new(default: DefaultConverter) -> Encoding {
        Encoding {
            default,
            max_len: crate::rules::DATA_MAX,
        }
    }

    /// The most characters a result or failure's details may have.
    pub fn max_len(mut self, max_len: usize) -> Encoding {
        self.max_len = max_len;
        self
    }

    /// The default converter.
    pub fn default_converter(&self) -> &Arc<dyn DataConverter> {
        self.default.get()
    }

    /// The most characters a result or failure's details may have.
    pub fn limit(&self) -> usize {
        self.max_len
    }
}

impl Default for Encoding {
    /// [`Json`] and SWF's limit.
    fn default() -> Encoding {
        Encoding::new(DefaultConverter::default())
    }
}

impl fmt::Debug for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoding")
            .field("default", &self.default)
            .field("max_len", &self.max_len)
            .finish()
    }
}
