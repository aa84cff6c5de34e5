//! The default converter: the input is the argument's JSON, the result the `Ok` value's JSON,
//! and a failure's `details` the error's JSON (see [`crate::failure`] for the contract).

use crate::convert::{DataConverter, Input, ReadError};
use crate::failure::{self, Failure, FailureKind, Outcome};

use super::Converter;

/// Plain JSON, as a Rust decider or any hand-written one reads it: `result` and `details` are
/// the values' JSON, `reason` is the error's `Display` text, and the framework's failures are
/// `{"framework_error":"<Kind>","message":"..."}` ([`crate::failure`] has the contract).
///
/// It is the worker's default, and costs nothing: activities using it decode and encode with
/// serde_json directly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json;

impl Converter for Json {
    fn name(&self) -> &str {
        "json"
    }

    fn framework_failure(&self, kind: FailureKind, message: &str) -> Outcome {
        Outcome::framework_failure(kind, message)
    }
}

impl DataConverter for Json {
    fn decode_input(&self, input: Option<&str>) -> Result<Input, Outcome> {
        serde_json::from_str(super::json_or_null(input))
            .map(Input::Value)
            .map_err(|err| failure::input_decode_failure(&err))
    }

    fn encode_result(&self, value: &dyn erased_serde::Serialize, max_len: usize) -> Outcome {
        failure::encode_result_within(value, max_len)
    }

    fn encode_error(
        &self,
        display: &str,
        error: &dyn erased_serde::Serialize,
        max_len: usize,
    ) -> Outcome {
        failure::encode_error_within(&Displayed { display, error }, max_len)
    }

    fn read_result(&self, result: Option<&str>) -> Result<serde_json::Value, ReadError> {
        serde_json::from_str(result.unwrap_or("null"))
            .map_err(|err| ReadError::json("the result is not JSON", err))
    }

    fn read_failure(&self, reason: Option<&str>, details: Option<&str>) -> Failure {
        Failure::new(reason, details)
    }

    fn is_plain_json(&self) -> bool {
        true
    }
}

/// An error already shown, with its serialization still to come.
struct Displayed<'a> {
    display: &'a str,
    error: &'a dyn erased_serde::Serialize,
}

impl std::fmt::Display for Displayed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.display)
    }
}

impl serde::Serialize for Displayed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.error.serialize(serializer)
    }
}
