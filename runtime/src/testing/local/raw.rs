//! Hand-made requests to the local SWF, for testing what it answers to requests the typed
//! client refuses to send (values that break SWF's rules, bad signatures).

use std::fmt;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;

use crate::error::{Error, ErrorKind};
use crate::signing;

/// A request to build by hand and send to a [`LocalSwf`](super::LocalSwf), from
/// [`LocalSwf::raw_request`](super::LocalSwf::raw_request).
///
/// By default it is `POST /` with `Content-Type: application/x-amz-json-1.0`,
/// `X-Amz-Target: SimpleWorkflowService.<operation>`, signed with the endpoint's own keys for
/// its region at the current time; each of these can be changed to see how the endpoint
/// rejects the result.
#[derive(Clone)]
pub struct RawRequest {
    pub(crate) url: String,
    pub(crate) target: Option<String>,
    pub(crate) body: String,
    pub(crate) keys: Option<(String, String)>,
    pub(crate) region: String,
    pub(crate) time: Option<SystemTime>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) timeout: Duration,
}

impl fmt::Debug for RawRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest")
            .field("url", &self.url)
            .field("target", &self.target)
            .field("body", &self.body)
            .field(
                "access_key_id",
                &self.keys.as_ref().map(|(id, _)| id.as_str()),
            )
            .field("region", &self.region)
            .field("time", &self.time)
            .field("headers", &self.headers)
            .finish()
    }
}

/// What the local SWF answered to a [`RawRequest`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RawResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body as text.
    pub body: String,
    /// The headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
}

impl RawResponse {
    /// The first value of header `name` (any case), e.g. `date`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn field(&self, key: &str) -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(&self.body).ok()?;
        value.get(key)?.as_str().map(str::to_owned)
    }

    /// The error's `__type`, e.g. `com.amazon.coral.validate#ValidationException`.
    pub fn error_type(&self) -> Option<String> {
        self.field("__type")
    }

    /// The error code: the text of `__type` after the last `#`.
    pub fn error_code(&self) -> Option<String> {
        self.error_type()
            .map(|t| t.rsplit('#').next().unwrap_or_default().to_owned())
    }

    /// The error's `message`.
    pub fn message(&self) -> Option<String> {
        self.field("message")
    }
}

impl RawRequest {
    /// Sends the request without any signature.
    pub fn unsigned(mut self) -> RawRequest {
        self.keys = None;
        self
    }

    /// Signs with these keys instead of the endpoint's.
    pub fn credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> RawRequest {
        self.keys = Some((access_key_id.into(), secret_access_key.into()));
        self
    }

    /// Signs for this region instead of the endpoint's.
    pub fn region(mut self, region: impl Into<String>) -> RawRequest {
        self.region = region.into();
        self
    }

    /// Signs as if at `time` (to test clock skew).
    pub fn signed_at(mut self, time: SystemTime) -> RawRequest {
        self.time = Some(time);
        self
    }

    /// Sets the whole `X-Amz-Target` header (`None`: leave it out).
    pub fn target(mut self, target: Option<&str>) -> RawRequest {
        self.target = target.map(str::to_owned);
        self
    }

    /// Adds a header after signing (so it is not signed).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> RawRequest {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Signs and sends the request; fails only when no HTTP answer arrives
    /// ([`ErrorKind::Transport`]).
    pub async fn send(self) -> Result<RawResponse, Error> {
        let content_type = "application/x-amz-json-1.0";
        let mut to_sign: Vec<(&str, &str)> = vec![("content-type", content_type)];
        if let Some(target) = &self.target {
            to_sign.push(("x-amz-target", target));
        }
        let mut headers: Vec<(String, String)> = to_sign
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        if let Some((id, secret)) = &self.keys {
            let credentials = AwsCredentials::new(id, secret, None, None, "swf-activity-raw");
            let signed = signing::sign(
                "POST",
                &self.url,
                &to_sign,
                self.body.as_bytes(),
                &credentials,
                &self.region,
                self.time.unwrap_or_else(SystemTime::now),
            )?;
            headers.extend(signed.headers.into_iter().map(|(n, v)| (n.to_owned(), v)));
        }
        headers.extend(self.headers);
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .build()
            .map_err(|e| Error::configuration("cannot make the HTTP client").with_source(e))?;
        let mut request = http.post(&self.url).body(self.body);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let transport = |e: reqwest::Error| {
            Error::new(ErrorKind::Transport { maybe_sent: true }, e.to_string()).with_source(e)
        };
        let response = request.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response.text().await.map_err(transport)?;
        Ok(RawResponse {
            status,
            body,
            headers,
        })
    }
}
