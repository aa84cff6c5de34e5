//! The AWS Flow Framework for Java converter: serves activities that a Flow Java decider
//! schedules, in the format of Flow's `JsonDataConverter` (Jackson with `NON_FINAL` default
//! typing), and answers so the decider decodes results into its declared types and failures
//! into its own exception classes.
//!
//! # What is encoded how
//!
//! | what | Rust | on the wire | Java |
//! |---|---|---|---|
//! | input | `Args<(String, i64)>` | `["[Ljava.lang.Object;",["abc",["java.lang.Long",42]]]` | `ship(String, long)` |
//! | input | `Order` (`#[serde(rename = "com.example.Order")]` or any name) | `["[Ljava.lang.Object;",[["com.example.Order",{"id":1}]]]` | `ship(Order)` |
//! | input, missing trailing argument | `Args<(String, Option<i64>)>` | `["[Ljava.lang.Object;",["abc"]]` | Flow fills a default |
//! | result `String`, `bool`, `i32`, `i64`, `f64` | `"ok"`, `true`, `42` | bare | `String`, `Boolean`, `Integer`, `Long`, `Double` |
//! | result `()` / `None` | no result | | `void` |
//! | result struct | `Receipt` mapped to `com.example.Receipt` | `["com.example.Receipt",{"orderId":7}]` | `Receipt` |
//! | result `Vec<T>` | `vec!["a"]` | `["java.util.ArrayList",["a"]]` | `List<T>` |
//! | result map | `BTreeMap<String, i64>` | `["java.util.HashMap",{"k":["java.lang.Long",5]}]` | `Map<String, Long>` |
//! | error | `ChargeError::Declined { last4 }` mapped to `com.example.DeclinedException` | `reason` = `Display`; `details` = `["com.example.DeclinedException",{"message":"<Display>","last4":"4242","rustError":{...}}]` | `DeclinedException` with `last4` set |
//! | framework failure | bad input, panic, ... | `reason` as [`Json`](super::Json)'s; `details` = `["java.lang.IllegalArgumentException",{"message":"..."}]` | a JDK exception |
//!
//! Inside a result, Jackson's rules decide what carries its class: a value where Java
//! declared `Object` (an element of a returned `List` or `Map`, whose generics Flow erases) is
//! bare only for strings, booleans, `Integer`s (`i8`..`i32`, `u8`, `u16`) and `Double`s
//! (`f32`, `f64`); an `i64`, `u32` or `u64` there is `["java.lang.Long",n]` so Java keeps a
//! `Long`. A struct's fields are written as Java declares them (a `Long` field is bare, a `List`
//! field wrapped), assuming the Java field has the Rust field's type; its nested structs need a
//! class too. Enums with unit variants are Java enums (bare names; in a list or map they need a
//! class); a struct variant is written as the class mapped to `"Enum::Variant"`; variants with
//! unnamed values have no Java form. Sets are written as `ArrayList`s, bytes as base64.
//!
//! # Errors
//!
//! `reason` is the error's `Display` (cut to 256). `details` is a `Throwable` of the class
//! [`FlowJava::exceptions`] maps the error's variant or type to ([`FlowJava::default_exception`]
//! otherwise, `java.lang.RuntimeException` unless set), with `message` = the `Display` text and
//! the error's fields as properties, so a Java exception class with public fields of those names
//! receives them (Flow's converter ignores the others). A field named like one of
//! `Throwable`'s own properties (`message`, `cause`, `stackTrace`, `suppressed`) is not a
//! property. A `rustError` property, which Java ignores, lets [`DataConverter::read_failure`]
//! rebuild the error exactly. Details longer than 32768 lose their largest fields first, then
//! the end of their message, and stay a `Throwable`.
//!
//! # Example
//!
//! A Flow Java activity interface, and the Rust activities that serve it:
//!
//! ```java
//! @Activities(version = "1")
//! public interface Payments {
//!     Receipt charge(Order order) throws DeclinedException;
//!     String ship(String address, long priority);
//! }
//! public class DeclinedException extends Exception {
//!     public String last4;
//!     public DeclinedException(String message) { super(message); }
//! }
//! ```
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use swf_activity::activity;
//! use swf_activity::convert::{Args, FlowJava};
//!
//! static FLOW: FlowJava = FlowJava::new()
//!     .classes(&[("Receipt", "com.example.Receipt")])
//!     .exceptions(&[("ChargeError::Declined", "com.example.DeclinedException")]);
//!
//! #[derive(Deserialize)]
//! #[serde(rename = "com.example.Order")]
//! struct Order { id: u64, last4: String }
//!
//! #[derive(Serialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Receipt { order_id: u64, status: String }
//!
//! #[derive(Debug, thiserror::Error, Serialize)]
//! enum ChargeError {
//!     #[error("card ending {last4} was declined")]
//!     Declined { last4: String },
//! }
//!
//! #[activity(name = "Payments.charge", version = "1", converter = FLOW)]
//! async fn charge(order: Order) -> Result<Receipt, ChargeError> {
//!     if order.last4 == "0000" {
//!         return Err(ChargeError::Declined { last4: order.last4 });
//!     }
//!     Ok(Receipt { order_id: order.id, status: "paid".into() })
//! }
//!
//! #[activity(name = "Payments.ship", version = "1", converter = FLOW)]
//! async fn ship(Args((address, priority)): Args<(String, i64)>) -> Result<String, ChargeError> {
//!     Ok(format!("{address} at priority {priority}"))
//! }
//! ```
//!
//! # Input
//!
//! Each argument is freed of its type information before it is decoded into the Rust type:
//! wrappers are checked against what their class can hold (`["java.lang.Long","x"]` is
//! refused), a JDK class other than the scalars, collections and maps is refused as unknown,
//! and the application's own classes are left to the Rust type (its fields decide). A missing
//! trailing argument decodes as `null` (take an `Option` where Flow would fill a default), one
//! too many fails the task, as does input that is not Flow's argument array; all with
//! [`FailureKind::InputDecode`] in this converter's shape. A missing input is a call without
//! arguments. Where a declared type may hold a bare array, a two-element array starting with a
//! dotted Java class name is read as a wrapper.

use serde_json::Value;
use swf_activity_rules::swf_len;

use super::{Converter, DataConverter, EncodeError, Input, ReadError};
use crate::failure::{Failure, FailureKind, Outcome};

mod read;
mod ser;
mod throwable;
mod typed;

/// The AWS Flow Framework for Java's data converter (see the [module docs](self)).
///
/// Const-constructible, so it can be named by `#[activity(converter = FLOW)]`:
///
/// ```
/// use swf_activity::convert::FlowJava;
///
/// static FLOW: FlowJava = FlowJava::new()
///     .classes(&[("Receipt", "com.example.Receipt")])
///     .exceptions(&[
///         ("ChargeError::Declined", "com.example.DeclinedException"),
///         ("ChargeError", "com.example.ChargeException"),
///     ])
///     .default_exception("com.example.ActivityException");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowJava {
    classes: &'static [(&'static str, &'static str)],
    exceptions: &'static [(&'static str, &'static str)],
    default_exception: &'static str,
}

impl FlowJava {
    /// A converter with no classes or exceptions mapped; errors are sent as
    /// `java.lang.RuntimeException`.
    pub const fn new() -> FlowJava {
        FlowJava {
            classes: &[],
            exceptions: &[],
            default_exception: "java.lang.RuntimeException",
        }
    }

    /// The Java classes of Rust types, as `(serde name, Java class)`: a struct's name (or a
    /// unit-only enum's, for its values inside lists and maps), or `"Enum::Variant"` for a
    /// struct variant. A struct whose serde name contains a `.`
    /// (`#[serde(rename = "com.example.Receipt")]`) is its own Java class.
    ///
    /// A result that holds a struct with no class fails the task
    /// ([`FailureKind::ResultSerialization`]), saying which struct to name: Jackson refuses a
    /// POJO without its class.
    pub const fn classes(self, classes: &'static [(&'static str, &'static str)]) -> FlowJava {
        FlowJava { classes, ..self }
    }

    /// The Java exception classes of Rust errors, as `("ChargeError::Declined", class)` for a
    /// variant or `("ChargeError", class)` for every variant of a type (or a struct error); a
    /// variant's entry beats its type's. The class must be on the decider's class path and
    /// have a `(String message)` constructor; its public fields named like the error's fields
    /// receive them.
    pub const fn exceptions(self, exceptions: &'static [(&'static str, &'static str)]) -> FlowJava {
        FlowJava { exceptions, ..self }
    }

    /// The exception class of errors [`exceptions`](Self::exceptions) does not map
    /// (`java.lang.RuntimeException` unless set).
    pub const fn default_exception(self, class: &'static str) -> FlowJava {
        FlowJava {
            default_exception: class,
            ..self
        }
    }

    /// The Java class of the Rust type named `name`.
    fn class_of(&self, name: &'static str) -> Option<&'static str> {
        lookup(self.classes, name).or_else(|| name.contains('.').then_some(name))
    }

    /// The Java class of a struct variant.
    fn variant_class(&self, enum_name: &str, variant: &str) -> Option<&'static str> {
        lookup_variant(self.classes, enum_name, variant)
    }

    /// The first of `names` with an exception class.
    fn exception_of(&self, names: &[&str]) -> Option<&'static str> {
        names.iter().find_map(|name| lookup(self.exceptions, name))
    }

    /// The exception class of a variant.
    fn variant_exception(&self, enum_name: &str, variant: &str) -> Option<&'static str> {
        lookup_variant(self.exceptions, enum_name, variant)
    }
}

fn lookup(table: &'static [(&'static str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn lookup_variant(
    table: &'static [(&'static str, &'static str)],
    enum_name: &str,
    variant: &str,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _)| {
            k.strip_prefix(enum_name)
                .and_then(|rest| rest.strip_prefix("::"))
                == Some(variant)
        })
        .map(|(_, v)| *v)
}

impl Default for FlowJava {
    fn default() -> FlowJava {
        FlowJava::new()
    }
}

impl Converter for FlowJava {
    fn name(&self) -> &str {
        "flow-java"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        throwable::framework_outcome(kind, message, message)
    }
}

impl DataConverter for FlowJava {
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome> {
        read::parse_input(input)
            .map(Input::args)
            .map_err(|why| self.framework_failure(FailureKind::InputDecode, &why))
    }

    fn encode_result(&self, value: &dyn erased_serde::Serialize, max_len: usize) -> Outcome {
        let typed = ser::to_node(value)
            .map_err(|err| err.to_string())
            .and_then(|node| typed::typed(self, &node, typed::Pos::Root));
        match typed {
            Ok(Value::Null) => Outcome::Completed { result: None },
            Ok(value) => {
                let json = value.to_string();
                let len = swf_len(&json);
                if len > max_len {
                    self.framework_failure(
                        FailureKind::ResultTooLarge,
                        &crate::failure::too_large_message(len, max_len),
                    )
                } else {
                    Outcome::Completed { result: Some(json) }
                }
            }
            Err(why) => self.framework_failure(FailureKind::ResultSerialization, &why),
        }
    }

    fn encode_error(
        &self,
        display: &str,
        error: &dyn erased_serde::Serialize,
        max_len: usize,
    ) -> Outcome {
        throwable::encode_error(self, display, error, max_len)
    }

    fn read_result(&self, result: Option<&str>) -> Result<Value, ReadError> {
        let Some(result) = result else {
            return Ok(Value::Null);
        };
        let value = serde_json::from_str(result)
            .map_err(|err| ReadError::json("the result is not JSON", err))?;
        read::untype(value, read::Mode::Declared).map_err(ReadError::new)
    }

    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure {
        throwable::read_failure(reason, details)
    }

    /// Flow's argument array, `["[Ljava.lang.Object;",[...]]`, each argument typed as an
    /// `Object` is (its class from [`FlowJava::classes`] where Jackson needs one), as Flow's
    /// generated activity clients send it.
    fn encode_input(
        &self,
        args: &[&dyn erased_serde::Serialize],
    ) -> Result<Option<String>, EncodeError> {
        let typed = args
            .iter()
            .map(|arg| {
                ser::to_node(*arg)
                    .map_err(|err| err.to_string())
                    .and_then(|node| typed::typed(self, &node, typed::Pos::Erased))
            })
            .collect::<Result<Vec<Value>, String>>()
            .map_err(EncodeError::Serialize)?;
        let root = Value::Array(vec![
            Value::String(OBJECT_ARRAY.to_owned()),
            Value::Array(typed),
        ]);
        Ok(Some(root.to_string()))
    }
}

/// The class of Flow's argument array.
const OBJECT_ARRAY: &str = "[Ljava.lang.Object;";
