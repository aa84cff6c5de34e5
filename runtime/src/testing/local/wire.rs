//! SWF's error answers and the JSON helpers the local endpoint builds its answers with.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, FaultCode};

/// The `__type` namespace of SWF's modelled faults.
const FAULT_NS: &str = "com.amazonaws.swf.base.model";
/// The `__type` namespace of errors raised by SWF's front end (coral).
const SERVICE_NS: &str = "com.amazon.coral.service";

/// An error answer: HTTP status, `__type` and `message`, as SWF sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SwfError {
    pub(crate) status: u16,
    pub(crate) type_name: String,
    pub(crate) message: String,
}

impl SwfError {
    fn new(status: u16, type_name: String, message: impl Into<String>) -> SwfError {
        SwfError {
            status,
            type_name,
            message: message.into(),
        }
    }

    /// A modelled fault, e.g. `UnknownResourceFault` (HTTP 400).
    pub(crate) fn fault(code: FaultCode, message: impl Into<String>) -> SwfError {
        SwfError::new(400, format!("{FAULT_NS}#{}", code.as_str()), message)
    }

    /// `UnknownResourceFault`.
    pub(crate) fn unknown_resource(message: impl Into<String>) -> SwfError {
        SwfError::fault(FaultCode::UnknownResource, message)
    }

    /// `ValidationException`, as coral's validator sends it.
    pub(crate) fn validation(message: impl Into<String>) -> SwfError {
        SwfError::new(
            400,
            "com.amazon.coral.validate#ValidationException".to_owned(),
            message,
        )
    }

    /// `UnknownOperationException`: an `X-Amz-Target` SWF does not serve.
    pub(crate) fn unknown_operation() -> SwfError {
        SwfError::new(400, format!("{SERVICE_NS}#UnknownOperationException"), "")
    }

    /// `SerializationException`: a body that is not a JSON object of the right shape.
    pub(crate) fn serialization(message: impl Into<String>) -> SwfError {
        SwfError::new(400, format!("{SERVICE_NS}#SerializationException"), message)
    }

    /// `ThrottlingException` ("Rate exceeded").
    pub(crate) fn throttling() -> SwfError {
        SwfError::new(
            400,
            "com.amazon.coral.availability#ThrottlingException".to_owned(),
            "Rate exceeded",
        )
    }

    /// A signature or authentication failure; `code` as the verifier names it, with the
    /// `Exception` suffix coral's JSON protocol uses added where missing.
    pub(crate) fn auth(code: &str, message: impl Into<String>) -> SwfError {
        let code = if code.ends_with("Exception") {
            code.to_owned()
        } else {
            format!("{code}Exception")
        };
        SwfError::new(400, format!("{SERVICE_NS}#{code}"), message)
    }

    /// A server-side failure with `status` (`InternalFailure`, or `ServiceUnavailableException`
    /// for 503).
    pub(crate) fn server(status: u16) -> SwfError {
        let code = if status == 503 {
            "ServiceUnavailableException"
        } else {
            "InternalFailure"
        };
        SwfError::new(
            status,
            format!("{SERVICE_NS}#{code}"),
            "injected failure (local SWF)",
        )
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> String {
        let mut map = Map::new();
        map.insert("__type".into(), Value::String(self.type_name.clone()));
        if !self.message.is_empty() {
            map.insert("message".into(), Value::String(self.message.clone()));
        }
        Value::Object(map).to_string()
    }

    /// The code: the text after the last `#`.
    pub(crate) fn code(&self) -> &str {
        self.type_name.rsplit('#').next().unwrap_or(&self.type_name)
    }

    /// The error the programmatic API returns for this answer.
    pub(crate) fn into_error(self) -> Error {
        let code = self.code().to_owned();
        let kind = if let Some(fault) = FaultCode::from_code(&code) {
            ErrorKind::Fault(fault)
        } else if code == "ValidationException" {
            ErrorKind::Validation { client_side: false }
        } else {
            ErrorKind::Service {
                code,
                status: self.status,
            }
        };
        Error::new(kind, self.message)
    }
}

/// Seconds since the Unix epoch, as SWF's timestamps (JSON numbers with a fraction).
pub(crate) fn now_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| (d.as_millis() as f64) / 1000.0)
}

/// A JSON object from pairs, leaving out `Value::Null`s (SWF omits absent members).
pub(crate) fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        if !value.is_null() {
            map.insert(key.to_owned(), value);
        }
    }
    Value::Object(map)
}

/// `Some(s)` as a JSON string, `None` as null (left out by [`object`]).
pub(crate) fn opt(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

/// A member of a request body as a string, if present.
pub(crate) fn str_at<'a>(body: &'a Value, path: &[&str]) -> Option<&'a str> {
    value_at(body, path).and_then(Value::as_str)
}

/// A member of a request body, if present and not null.
pub(crate) fn value_at<'a>(body: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut current = body;
    for key in path {
        current = current.get(key)?;
    }
    (!current.is_null()).then_some(current)
}

/// A random string of `len` characters from the base64 alphabet, like SWF's task tokens and
/// run ids.
pub(crate) fn random_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..len)
        .map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())]))
        .collect()
}

/// The member of an event or decision that holds its attributes: `StartTimer` with `suffix`
/// `DecisionAttributes` is `startTimerDecisionAttributes`.
pub(crate) fn attributes_key(type_name: &str, suffix: &str) -> String {
    let mut key = type_name.to_owned();
    if let Some(first) = key.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    key.push_str(suffix);
    key
}
