//! Turning SWF's answers into outputs and errors.
//!
//! SWF speaks `awsJson1_0`: errors are HTTP 4xx/5xx with a JSON body
//! `{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault","message":"..."}`. Answers from
//! in front of SWF (IAM, load balancers) may be XML, HTML or empty, so every shape is handled
//! without losing the status.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind, FaultCode};

/// How much of an unexpected body an error message quotes.
const EXCERPT_BYTES: usize = 512;

/// Codes SWF and the AWS front end use for throttling (as the official SDKs' retry classifier).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Codes of transient failures that are worth another try whatever the HTTP status (as the
/// official SDKs' retry classifier).
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// Whether `code` is one of the transient error codes.
pub(crate) fn is_transient_code(code: &str) -> bool {
    TRANSIENT_CODES.contains(&code)
}

/// Codes that mean the caller is not allowed (or not recognised).
const ACCESS_DENIED_CODES: &[&str] = &[
    "AccessDeniedException",
    "AccessDenied",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "IncompleteSignature",
    "IncompleteSignatureException",
    "MissingAuthenticationToken",
    "MissingAuthenticationTokenException",
    "SignatureDoesNotMatch",
    "InvalidClientTokenId",
    "NotAuthorized",
    "AuthFailure",
];

/// Other codes AWS's front end is known to send: expired session keys, and its own failures.
const OTHER_CODES: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "InternalFailure",
    "InternalServerError",
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "UnknownOperationException",
    "SerializationException",
];

/// `code` as a `&'static str` when SWF or AWS's front end is known to send it (the codes
/// above and the signing-time ones), so that a metric's label takes few values.
pub(crate) fn known_code(code: &str) -> Option<&'static str> {
    known_codes().find(|known| *known == code)
}

/// Every code of [`known_code`].
pub(crate) fn known_codes() -> impl Iterator<Item = &'static str> {
    [
        THROTTLING_CODES,
        TRANSIENT_CODES,
        ACCESS_DENIED_CODES,
        crate::clock::SKEW_CODES,
        OTHER_CODES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Whether `code` is one of the throttling codes.
pub(crate) fn is_throttling_code(code: &str) -> bool {
    THROTTLING_CODES.contains(&code)
}

fn is_access_denied_code(code: &str) -> bool {
    ACCESS_DENIED_CODES.contains(&code) || code.starts_with("ExpiredToken")
}

/// The error code of `X-Amzn-Errortype`, `code` or `__type`, sanitized as awsJson1_0 says:
/// everything from the first `:` is cut first (legacy services append a URL, which may itself
/// hold a `#`), then what follows the first `#` is taken
/// (`aws.protocoltests#FooError:http://internal.amazon.com/...` is `FooError`).
pub(crate) fn sanitize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .split_once('#')
        .map_or(before_colon, |(_, code)| code)
        .trim()
}

/// The first `limit` bytes of `body` as text, cut on a character boundary, `…` marking a cut,
/// with every `taskToken` value redacted.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = redact_task_tokens(text.trim());
    let text = text.as_ref();
    if text.len() <= EXCERPT_BYTES {
        return text.to_owned();
    }
    let mut end = EXCERPT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// `text` with the string value of every `"taskToken"` member replaced by `"<redacted>"`.
///
/// A task token lets whoever holds it answer the task, and excerpts of answers that do not
/// parse end up in error messages and logs. Works on text that is not (or not all) JSON: a
/// value cut off by the end of the text is redacted to the end.
pub(crate) fn redact_task_tokens(text: &str) -> Cow<'_, str> {
    const KEY: &str = "\"taskToken\"";
    if !text.contains(KEY) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let after_key = at + KEY.len();
        out.push_str(&rest[..after_key]);
        rest = &rest[after_key..];
        let Some(after_colon) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        // The colon and whitespace as written.
        out.push_str(&rest[..rest.len() - value.len()]);
        rest = value;
        let Some(string) = value.strip_prefix('"') else {
            continue;
        };
        let mut escaped = false;
        let end = string.char_indices().find_map(|(i, c)| {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => return Some(i),
                _ => {}
            }
            None
        });
        out.push_str("\"<redacted>\"");
        rest = end.map_or("", |i| &string[i + 1..]);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Deserializes a 2xx body. An empty body reads as `{}`, or as `null` for `()` outputs.
pub(crate) fn parse_output<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        // Operations without output answer with an empty body; `()` reads `null`, structs `{}`.
        return serde_json::from_slice(b"null")
            .or_else(|_| serde_json::from_slice(b"{}"))
            .map_err(|e| {
                Error::new(
                    ErrorKind::UnexpectedResponse { status },
                    format!("empty response body where a value was expected: {e}"),
                )
                .with_source(e)
            });
    }
    serde_json::from_slice(trimmed).or_else(|e| {
        // An operation whose output we ignore may still answer `{}`.
        if trimmed == b"{}"
            && let Ok(v) = serde_json::from_slice(b"null")
        {
            return Ok(v);
        }
        Err(Error::new(
            ErrorKind::UnexpectedResponse { status },
            format!(
                "response body does not match the expected shape ({e}): {}",
                excerpt(body)
            ),
        )
        .with_source(e))
    })
}

/// The code and message of an error body, from whichever shape it has.
#[derive(Debug, Default, PartialEq, Eq)]
struct Parsed {
    code: Option<String>,
    message: Option<String>,
    /// Whether the body was a JSON object (so the excerpt is not needed).
    json: bool,
}

fn parse_body(body: &[u8]) -> Parsed {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        // awsJson1_0 names `code` before `__type`; `Code` is what front ends send.
        let code = ["code", "__type", "Code"]
            .into_iter()
            .filter_map(text)
            .map(|c| sanitize_code(&c).to_owned())
            .find(|c| !c.is_empty());
        let message = text("message")
            .or_else(|| text("Message"))
            .or_else(|| text("errorMessage"));
        return Parsed {
            code,
            message,
            json: true,
        };
    }
    // XML from IAM or the front end: <ErrorResponse><Error><Code>..</Code><Message>..</Message>
    let text = String::from_utf8_lossy(body);
    let element = |name: &str| {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = text.find(&open)? + open.len();
        let len = text[start..].find(&close)?;
        Some(text[start..start + len].trim().to_owned()).filter(|s| !s.is_empty())
    };
    Parsed {
        code: element("Code"),
        message: element("Message"),
        json: false,
    }
}

/// Classifies an error answer: `status` not 2xx, `error_type` the `X-Amzn-Errortype` header.
///
/// The code comes from the header, then the body, as awsJson1_0 orders them.
pub(crate) fn parse_error(status: u16, error_type: Option<&str>, body: &[u8]) -> Error {
    let parsed = parse_body(body);
    let code = error_type
        .map(|h| sanitize_code(h).to_owned())
        .filter(|c| !c.is_empty())
        .or_else(|| parsed.code.clone());
    let message = match (&parsed.message, parsed.json) {
        (Some(m), _) => m.clone(),
        (None, true) => String::new(),
        (None, false) if body.trim_ascii().is_empty() => "empty body".to_owned(),
        (None, false) => format!("body: {}", excerpt(body)),
    };
    let Some(code) = code else {
        let kind = if status == 403 {
            ErrorKind::AccessDenied { code: None }
        } else {
            ErrorKind::UnexpectedResponse { status }
        };
        let message = if parsed.json {
            format!("error without a code: {}", excerpt(body))
        } else {
            message
        };
        return Error::new(kind, message);
    };
    let kind = if let Some(fault) = FaultCode::from_code(&code) {
        ErrorKind::Fault(fault)
    } else if is_throttling_code(&code) {
        ErrorKind::Throttling { code }
    } else if code == "ValidationException" {
        ErrorKind::Validation { client_side: false }
    } else if is_access_denied_code(&code) || status == 403 {
        ErrorKind::AccessDenied { code: Some(code) }
    } else {
        ErrorKind::Service { code, status }
    };
    Error::new(kind, message)
}

/// Not public API: runs an answer through the parsers the client uses (errors for non-2xx,
/// outputs for 2xx) and returns the error's `Display`, for the fuzz targets and property tests.
#[doc(hidden)]
pub fn __fuzz_parse_response(status: u16, error_type: Option<&str>, body: &[u8]) -> Option<String> {
    if (200..300).contains(&status) {
        let task = parse_output::<crate::model::ActivityTask>(status, body).err();
        let history = parse_output::<crate::model::History>(status, body).err();
        let detail = parse_output::<crate::model::ActivityTypeDetail>(status, body).err();
        return task.or(history).or(detail).map(|e| e.to_string());
    }
    Some(parse_error(status, error_type, body).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sanitized() {
        assert_eq!(
            sanitize_code("com.amazonaws.swf.base.model#UnknownResourceFault"),
            "UnknownResourceFault"
        );
        assert_eq!(
            sanitize_code(
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "FooError"
        );
        assert_eq!(sanitize_code("ThrottlingException"), "ThrottlingException");
        assert_eq!(sanitize_code("a#Foo"), "Foo");
        assert_eq!(
            sanitize_code("ns#FooError:http://internal.amazon.com/doc#section"),
            "FooError"
        );
        assert_eq!(sanitize_code("FooError:ns#Bar"), "FooError");
        assert_eq!(sanitize_code(":x"), "");
    }

    #[test]
    fn excerpt_is_bounded_and_cut_on_a_char_boundary() {
        let body = "é".repeat(1000);
        let cut = excerpt(body.as_bytes());
        assert!(cut.len() <= EXCERPT_BYTES + '…'.len_utf8());
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(b"  short  "), "short");
        // Invalid UTF-8 never panics.
        let _ = excerpt(&[0xff; 2000]);
    }

    #[test]
    fn task_tokens_are_redacted_from_excerpts() {
        let body = r#"{"taskToken" : "AAAA\"secret\\", "activityId":"a","x":{"taskToken":"BBBB"}}"#;
        let cut = excerpt(body.as_bytes());
        assert_eq!(
            cut,
            r#"{"taskToken" : "<redacted>", "activityId":"a","x":{"taskToken":"<redacted>"}}"#
        );
        // A value cut off by the end of the text, a value that is not a string, no colon.
        assert_eq!(
            redact_task_tokens(r#"{"taskToken":"AAAAé"#),
            r#"{"taskToken":"<redacted>""#
        );
        assert_eq!(
            redact_task_tokens(r#"{"taskToken":7,"taskToken""#),
            r#"{"taskToken":7,"taskToken""#
        );
        // A token longer than the excerpt is never partly quoted.
        let long = format!(r#"{{"taskToken":"{}"}}"#, "é".repeat(1000));
        assert!(!excerpt(long.as_bytes()).contains('é'));

        let err = parse_output::<crate::model::ActivityTask>(
            200,
            br#"{"taskToken":"SECRET-TOKEN","startedEventId":3}"#,
        )
        .expect_err("activityId is missing");
        assert!(err.message().contains("activityId"), "{err}");
        assert!(!err.to_string().contains("SECRET-TOKEN"), "{err}");
    }

    #[test]
    fn outputs_from_empty_bodies() {
        parse_output::<()>(200, b"").expect("unit from empty");
        parse_output::<()>(200, b" \n").expect("unit from whitespace");
        parse_output::<()>(200, b"{}").expect("unit from {}");
        #[derive(serde::Deserialize, Debug)]
        struct Out {
            #[serde(default)]
            x: Option<u32>,
        }
        assert_eq!(
            parse_output::<Out>(200, b"").expect("struct from empty").x,
            None
        );
        assert_eq!(
            parse_output::<Out>(200, br#"{"x":3}"#).expect("struct").x,
            Some(3)
        );
        let err = parse_output::<Out>(200, b"<html>").expect_err("not json");
        assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 200 });
        assert!(err.message().contains("<html>"), "{err}");
    }

    #[test]
    fn json_faults_and_codes() {
        let err = parse_error(
            400,
            None,
            br#"{"__type":"com.amazonaws.swf.base.model#LimitExceededFault","Message":"too many"}"#,
        );
        assert_eq!(err.kind(), &ErrorKind::Fault(FaultCode::LimitExceeded));
        assert_eq!(err.message(), "too many");
        assert!(!err.is_retryable());

        let err = parse_error(400, None, br#"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}"#);
        assert_eq!(
            err.kind(),
            &ErrorKind::Throttling {
                code: "ThrottlingException".into()
            }
        );
        assert!(err.is_retryable());

        let err = parse_error(400, None, br#"{"__type":"com.amazon.coral.validate#ValidationException:http://internal","message":"1 validation error"}"#);
        assert_eq!(err.kind(), &ErrorKind::Validation { client_side: false });

        let err = parse_error(
            400,
            None,
            br#"{"__type":"com.amazon.coral.service#ExpiredTokenException","message":"expired"}"#,
        );
        assert_eq!(
            err.kind(),
            &ErrorKind::AccessDenied {
                code: Some("ExpiredTokenException".into())
            }
        );

        let err = parse_error(
            500,
            None,
            br#"{"__type":"com.amazon.coral.service#InternalFailure"}"#,
        );
        assert_eq!(
            err.kind(),
            &ErrorKind::Service {
                code: "InternalFailure".into(),
                status: 500
            }
        );
        assert!(err.is_retryable());
    }

    #[test]
    fn header_code_comes_first() {
        let err = parse_error(
            400,
            Some("ThrottlingException:http://internal.amazon.com/"),
            b"{}",
        );
        assert_eq!(
            err.kind(),
            &ErrorKind::Throttling {
                code: "ThrottlingException".into()
            }
        );
        let err = parse_error(
            400,
            Some("UnrecognizedClientException"),
            br#"{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault"}"#,
        );
        assert_eq!(
            err.kind(),
            &ErrorKind::AccessDenied {
                code: Some("UnrecognizedClientException".into())
            }
        );
        // An empty header defers to the body.
        let err = parse_error(
            400,
            Some(""),
            br#"{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault"}"#,
        );
        assert_eq!(err.kind(), &ErrorKind::Fault(FaultCode::UnknownResource));
    }

    #[test]
    fn bodies_that_are_not_json() {
        let xml = br#"<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></ErrorResponse>"#;
        let err = parse_error(403, None, xml);
        assert_eq!(
            err.kind(),
            &ErrorKind::AccessDenied {
                code: Some("SignatureDoesNotMatch".into())
            }
        );
        assert!(err.message().contains("does not match"), "{err}");

        let err = parse_error(403, None, b"<html><body>Forbidden</body></html>");
        assert_eq!(err.kind(), &ErrorKind::AccessDenied { code: None });

        let err = parse_error(
            500,
            None,
            b"<html><body><h1>500 Internal Server Error</h1></body></html>",
        );
        assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 500 });
        assert!(err.message().contains("Internal Server Error"), "{err}");
        assert!(err.is_retryable());

        let err = parse_error(502, None, b"");
        assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 502 });
        assert!(err.is_retryable());

        let err = parse_error(404, None, &[0xff, 0xfe, b'x']);
        assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 404 });
        assert!(!err.is_retryable());
    }
}
