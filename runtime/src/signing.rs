//! SigV4 signing of SWF requests with `aws-sigv4`.
//!
//! The client passes exactly two headers to the signer, `content-type` and `x-amz-target`;
//! aws-sigv4 adds `host` (from the URL, without a default port) and `x-amz-date`, and
//! `x-amz-security-token` when the credentials carry a session token. So `SignedHeaders` is
//! `content-type;host;x-amz-date;x-amz-target` (plus `x-amz-security-token`), and the body hash
//! is part of the canonical request. Headers reqwest adds later (`accept`, `content-length`) are
//! not signed, as in the official SDKs.
//!
//! [`verify`] does the reverse for the local SWF endpoint: it recomputes the signature of a
//! received request from the headers it claims to have signed.

// `verify` is for the local SWF endpoint (feature `testing`) and tests.
#![allow(dead_code)]

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign as sigv4_sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::Error;

/// The service name SWF is signed for.
pub(crate) const SERVICE: &str = "swf";

/// The algorithm in SWF's `Authorization` header.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// A signature and the headers that carry it (`authorization`, `x-amz-date` and, with a session
/// token, `x-amz-security-token`).
///
/// `Debug` leaves out the signature and the values of `authorization` and
/// `x-amz-security-token`: either lets whoever reads a log replay the request or act as the
/// caller.
pub(crate) struct Signed {
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) signature: String,
}

/// Headers whose values `Signed`'s `Debug` redacts.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-amz-security-token"];

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let secret = SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s));
                (
                    *name,
                    if secret {
                        "** redacted **"
                    } else {
                        value.as_str()
                    },
                )
            })
            .collect();
        f.debug_struct("Signed")
            .field("headers", &headers)
            .field("signature", &"** redacted **")
            .finish()
    }
}

/// Signs a request: `url` is the full request URL, `headers` the headers to sign (besides
/// `host`, `x-amz-date` and `x-amz-security-token`, which the signer adds).
pub(crate) fn sign(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<Signed, Error> {
    sign_for(
        SERVICE,
        SigningSettings::default(),
        method,
        url,
        headers,
        SignableBody::Bytes(body),
        credentials,
        region,
        time,
    )
}

/// [`sign`] for another service than SWF, with its own signing settings and body (S3 signs
/// the body hash it sends in `x-amz-content-sha256`, and paths it does not normalize).
#[allow(clippy::too_many_arguments)]
pub(crate) fn sign_for(
    service: &str,
    settings: SigningSettings,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: SignableBody<'_>,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<Signed, Error> {
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| Error::configuration("cannot sign the request").with_source(e))?
        .into();
    let request = SignableRequest::new(method, url, headers.iter().copied(), body)
        .map_err(|e| Error::configuration("cannot sign the request").with_source(e))?;
    let (instructions, signature) = sigv4_sign(request, &params)
        .map_err(|e| Error::configuration("cannot sign the request").with_source(e))?
        .into_parts();
    let (headers, _params) = instructions.into_parts();
    Ok(Signed {
        headers: headers
            .into_iter()
            .map(|h| (h.name(), h.value().to_owned()))
            .collect(),
        signature,
    })
}

/// Why a received request's signature does not check out, with the error code SWF (or rather
/// its front end) answers: `MissingAuthenticationToken`, `IncompleteSignature`,
/// `InvalidSignatureException` or `UnrecognizedClientException`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignatureError {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl SignatureError {
    fn new(code: &'static str, message: impl Into<String>) -> SignatureError {
        SignatureError {
            code,
            message: message.into(),
        }
    }
}

/// What a verified request was signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verified {
    pub(crate) access_key_id: String,
    pub(crate) signed_headers: Vec<String>,
}

/// How far a request's `x-amz-date` may be behind the verifier's clock before AWS answers
/// "Signature expired".
const MAX_PAST: Duration = Duration::from_secs(5 * 60);
/// How far a request's `x-amz-date` may be ahead of the verifier's clock before AWS answers
/// "Signature not yet current".
const MAX_FUTURE: Duration = Duration::from_secs(15 * 60);

/// A request as a server received it, for [`verify`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Received<'a> {
    /// E.g. `POST`.
    pub(crate) method: &'a str,
    /// The request target, e.g. `/`.
    pub(crate) path_and_query: &'a str,
    /// Every received header (names in any case), `host` included.
    pub(crate) headers: &'a [(String, String)],
    /// The body as received.
    pub(crate) body: &'a [u8],
}

/// Checks the SigV4 signature of a received request for SWF in `region`.
///
/// - `secret_for`: the secret access key of an access key id, `None` if unknown;
/// - `now`: the verifier's clock, to reject requests signed too long ago.
pub(crate) fn verify(
    request: &Received<'_>,
    secret_for: impl Fn(&str) -> Option<String>,
    region: &str,
    now: SystemTime,
) -> Result<Verified, SignatureError> {
    let Received {
        method,
        path_and_query,
        headers,
        body,
    } = *request;
    let service = SERVICE;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let Some(authorization) = header("authorization") else {
        return Err(SignatureError::new(
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
        ));
    };
    let auth = parse_authorization(authorization)?;
    let Some(amz_date) = header("x-amz-date") else {
        return Err(SignatureError::new(
            "IncompleteSignature",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ));
    };
    let time = parse_amz_date(amz_date).ok_or_else(|| {
        SignatureError::new(
            "IncompleteSignature",
            format!("Date must be in ISO-8601 'basic format'. Got '{amz_date}'."),
        )
    })?;
    // AWS's wording, e.g. "Signature expired: 20150830T123600Z is now earlier than
    // 20150830T124100Z (20150830T124600Z - 5 min.)".
    if let Some(earliest) = now.checked_sub(MAX_PAST)
        && time < earliest
    {
        return Err(SignatureError::new(
            "InvalidSignatureException",
            format!(
                "Signature expired: {amz_date} is now earlier than {} ({} - 5 min.)",
                format_amz_date(earliest),
                format_amz_date(now)
            ),
        ));
    }
    if let Some(latest) = now.checked_add(MAX_FUTURE)
        && time > latest
    {
        return Err(SignatureError::new(
            "InvalidSignatureException",
            format!(
                "Signature not yet current: {amz_date} is still later than {} ({} + 15 min.)",
                format_amz_date(latest),
                format_amz_date(now)
            ),
        ));
    }
    if !amz_date.starts_with(auth.date) {
        return Err(SignatureError::new(
            "InvalidSignatureException",
            format!(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}'",
                auth.date,
                &amz_date[..amz_date.len().min(8)]
            ),
        ));
    }
    if auth.region != region || auth.service != service || auth.terminator != "aws4_request" {
        return Err(SignatureError::new(
            "InvalidSignatureException",
            format!(
                "Credential should be scoped to a valid region and service ('{region}', '{service}'), not ('{}', '{}')",
                auth.region, auth.service
            ),
        ));
    }
    for required in ["host", "x-amz-date"] {
        if !auth.signed_headers.iter().any(|h| h == required) {
            return Err(SignatureError::new(
                "InvalidSignatureException",
                format!("'{required}' must be a signed header"),
            ));
        }
    }
    let Some(secret) = secret_for(auth.access_key_id) else {
        return Err(SignatureError::new(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ));
    };
    let Some(host) = header("host") else {
        return Err(SignatureError::new(
            "IncompleteSignature",
            "the request has no Host header",
        ));
    };
    let session_token = auth
        .signed_headers
        .iter()
        .any(|h| h == "x-amz-security-token")
        .then(|| header("x-amz-security-token").map(str::to_owned))
        .flatten();
    let mut to_sign = Vec::new();
    for name in &auth.signed_headers {
        if matches!(name.as_str(), "x-amz-date" | "x-amz-security-token") {
            continue; // the signer adds these from the time and the credentials
        }
        let values: Vec<&str> = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        if values.is_empty() {
            return Err(SignatureError::new(
                "IncompleteSignature",
                format!("signed header '{name}' is missing from the request"),
            ));
        }
        for value in values {
            to_sign.push((name.as_str(), value));
        }
    }
    let credentials = Credentials::new(
        auth.access_key_id,
        secret,
        session_token,
        None,
        "swf-activity-verifier",
    );
    let url = format!("http://{host}{path_and_query}");
    let signed = sign(method, &url, &to_sign, body, &credentials, region, time)
        .map_err(|e| SignatureError::new("IncompleteSignature", e.to_string()))?;
    let expected_headers = signed
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .and_then(|(_, v)| parse_authorization(v).ok().map(|a| a.signed_headers));
    if expected_headers.as_ref() != Some(&auth.signed_headers) || signed.signature != auth.signature
    {
        return Err(SignatureError::new(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
        ));
    }
    Ok(Verified {
        access_key_id: auth.access_key_id.to_owned(),
        signed_headers: auth.signed_headers,
    })
}

struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    terminator: &'a str,
    signed_headers: Vec<String>,
    signature: &'a str,
}

/// Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/swf/aws4_request,
/// SignedHeaders=a;b, Signature=hex`.
fn parse_authorization(value: &str) -> Result<Authorization<'_>, SignatureError> {
    let incomplete = |what: &str| {
        SignatureError::new(
            "IncompleteSignature",
            format!("Authorization header requires '{what}' parameter. Authorization={value}"),
        )
    };
    let Some(rest) = value.strip_prefix(ALGORITHM) else {
        return Err(SignatureError::new(
            "IncompleteSignature",
            format!("Authorization header requires the algorithm {ALGORITHM}"),
        ));
    };
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let credential = credential.ok_or_else(|| incomplete("Credential"))?;
    let signed = signed.ok_or_else(|| incomplete("SignedHeaders"))?;
    let signature = signature.ok_or_else(|| incomplete("Signature"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = scope[..] else {
        return Err(incomplete("Credential"));
    };
    Ok(Authorization {
        access_key_id,
        date,
        region,
        service,
        terminator,
        signed_headers: signed.split(';').map(str::to_ascii_lowercase).collect(),
        signature,
    })
}

/// Parses `20150830T123600Z`.
fn parse_amz_date(value: &str) -> Option<SystemTime> {
    let b = value.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u64> {
        let s = value.get(range)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hour, minute, second) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year as i64, month as i64, day as i64);
    let secs = u64::try_from(days).ok()? * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Formats `time` as `20150830T123600Z` (whole seconds, UTC).
pub(crate) fn format_amz_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX);
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"domain":"d1","taskList":{"name":"tl"},"identity":"w1"}"#;
    const URL: &str = "https://swf.us-east-1.amazonaws.com/";
    const HEADERS: [(&str, &str); 2] = [
        ("Content-Type", "application/x-amz-json-1.0"),
        ("X-Amz-Target", "SimpleWorkflowService.PollForActivityTask"),
    ];

    fn example_keys(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
            None,
            "test",
        )
    }

    fn example_time() -> SystemTime {
        parse_amz_date("20150830T123600Z").expect("date")
    }

    fn header<'a>(signed: &'a Signed, name: &str) -> Option<&'a str> {
        signed
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn debug_of_a_signed_request_hides_the_signature_and_the_token() {
        let signed = sign(
            "POST",
            URL,
            &HEADERS,
            BODY.as_bytes(),
            &example_keys(Some("SESSION-TOKEN-NOT-FOR-LOGS")),
            "us-east-1",
            example_time(),
        )
        .expect("signed");
        let debug = format!("{signed:?} {signed:#?}");
        assert!(!debug.contains("SESSION-TOKEN-NOT-FOR-LOGS"), "{debug}");
        assert!(!debug.contains(&signed.signature), "{debug}");
        assert!(!debug.contains("Signature="), "{debug}");
        // What is not secret stays visible, to debug signing.
        assert!(debug.contains("20150830T123600Z"), "{debug}");
        assert!(debug.contains("x-amz-security-token"), "{debug}");
    }

    #[test]
    fn amz_date_parses() {
        assert_eq!(
            example_time()
                .duration_since(UNIX_EPOCH)
                .expect("after epoch")
                .as_secs(),
            1_440_938_160
        );
        assert_eq!(parse_amz_date("19700101T000000Z"), Some(UNIX_EPOCH));
        for date in ["20150830T123600Z", "19700101T000000Z", "20240229T235959Z"] {
            assert_eq!(
                format_amz_date(parse_amz_date(date).expect("date")),
                date,
                "round trip"
            );
        }
        assert_eq!(parse_amz_date("2015-08-30T12:36:00Z"), None);
        assert_eq!(parse_amz_date("20151330T123600Z"), None);
    }

    #[test]
    fn known_answer_poll_for_activity_task() {
        let signed = sign(
            "POST",
            URL,
            &HEADERS,
            BODY.as_bytes(),
            &example_keys(None),
            "us-east-1",
            example_time(),
        )
        .expect("signed");
        assert_eq!(
            signed.signature,
            "98965b3df398f9e9bc560335304f21b7e1d41e96ff8e3b40206034b13c0f9d4b"
        );
        assert_eq!(header(&signed, "x-amz-date"), Some("20150830T123600Z"));
        assert_eq!(
            header(&signed, "authorization"),
            Some(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/swf/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
                 Signature=98965b3df398f9e9bc560335304f21b7e1d41e96ff8e3b40206034b13c0f9d4b"
            )
        );
        assert_eq!(header(&signed, "x-amz-security-token"), None);
    }

    #[test]
    fn session_token_is_sent_and_signed() {
        let signed = sign(
            "POST",
            URL,
            &HEADERS,
            BODY.as_bytes(),
            &example_keys(Some("session-token-value")),
            "us-east-1",
            example_time(),
        )
        .expect("signed");
        assert_eq!(
            header(&signed, "x-amz-security-token"),
            Some("session-token-value")
        );
        let auth = header(&signed, "authorization").expect("authorization");
        assert!(
            auth.contains(
                "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"
            ),
            "{auth}"
        );
        assert_ne!(
            signed.signature,
            "98965b3df398f9e9bc560335304f21b7e1d41e96ff8e3b40206034b13c0f9d4b"
        );
    }

    #[test]
    fn body_and_region_change_the_signature() {
        let sig = |body: &str, region: &str| {
            sign(
                "POST",
                URL,
                &HEADERS,
                body.as_bytes(),
                &example_keys(None),
                region,
                example_time(),
            )
            .expect("signature")
            .signature
        };
        let base = sig(BODY, "us-east-1");
        assert_ne!(base, sig("{}", "us-east-1"));
        assert_ne!(base, sig(BODY, "us-west-2"));
    }

    fn check(
        headers: &[(String, String)],
        body: &[u8],
        secret_for: impl Fn(&str) -> Option<String>,
        region: &str,
        now: SystemTime,
    ) -> Result<Verified, SignatureError> {
        let request = Received {
            method: "POST",
            path_and_query: "/",
            headers,
            body,
        };
        verify(&request, secret_for, region, now)
    }

    fn received(signed: &Signed, host: &str) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = HEADERS
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        headers.push(("Host".into(), host.into()));
        headers.push(("User-Agent".into(), "not signed".into()));
        headers.extend(
            signed
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone())),
        );
        headers
    }

    #[test]
    fn verify_accepts_what_sign_produces() {
        for token in [None, Some("tok")] {
            let keys = example_keys(token);
            let signed = sign(
                "POST",
                "http://127.0.0.1:4567/",
                &HEADERS,
                BODY.as_bytes(),
                &keys,
                "us-east-1",
                example_time(),
            )
            .expect("signed");
            let headers = received(&signed, "127.0.0.1:4567");
            let secret =
                |id: &str| (id == "AKIDEXAMPLE").then(|| keys.secret_access_key().to_owned());
            let ok = check(
                &headers,
                BODY.as_bytes(),
                secret,
                "us-east-1",
                example_time(),
            )
            .expect("valid signature");
            assert_eq!(ok.access_key_id, "AKIDEXAMPLE");

            let err = check(&headers, b"{}", secret, "us-east-1", example_time())
                .expect_err("body changed");
            assert_eq!(err.code, "InvalidSignatureException");
            let err = check(
                &headers,
                BODY.as_bytes(),
                |_| Some("wrong".into()),
                "us-east-1",
                example_time(),
            )
            .expect_err("wrong secret");
            assert_eq!(err.code, "InvalidSignatureException");
            let err = check(
                &headers,
                BODY.as_bytes(),
                |_| None,
                "us-east-1",
                example_time(),
            )
            .expect_err("unknown key");
            assert_eq!(err.code, "UnrecognizedClientException");
            let err = check(
                &headers,
                BODY.as_bytes(),
                secret,
                "us-west-2",
                example_time(),
            )
            .expect_err("wrong region");
            assert_eq!(err.code, "InvalidSignatureException");
            let late = example_time() + Duration::from_secs(3600);
            let err =
                check(&headers, BODY.as_bytes(), secret, "us-east-1", late).expect_err("too old");
            assert!(err.message.contains("expired"), "{err:?}");
        }
    }

    #[test]
    fn verify_reports_missing_or_mangled_authorization() {
        let none: Vec<(String, String)> = vec![("host".into(), "h".into())];
        let err = check(&none, b"", |_| None, "us-east-1", example_time()).expect_err("unsigned");
        assert_eq!(err.code, "MissingAuthenticationToken");
        let bad = vec![(
            "authorization".into(),
            "AWS4-HMAC-SHA256 Credential=x".into(),
        )];
        let err = check(&bad, b"", |_| None, "us-east-1", example_time()).expect_err("incomplete");
        assert_eq!(err.code, "IncompleteSignature");
    }
}
