//! A typed, async client for the activity side of SWF (and the few workflow-side operations
//! tests and deciders need).
//!
//! Every call is `POST /` with `Content-Type: application/x-amz-json-1.0`,
//! `X-Amz-Target: SimpleWorkflowService.<Operation>` and a JSON body, signed with SigV4 for
//! service `swf`. The client checks SWF's length and character rules before sending anything,
//! retries throttling, HTTP 429/500/502/503/504 and connection failures with jittered
//! exponential backoff ([`RetryConfig`]), in [`RetryMode::Adaptive`] limits its own send rate
//! once SWF throttles it, and gives long polls their own, longer read timeout.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use ::metrics::{Key, Label, counter, gauge, histogram};
use aws_credential_types::Credentials as AwsCredentials;
use tokio::time::Instant;

use crate::clock::{self, ServiceClock};
use crate::credentials::{self, Credentials, CredentialsCache};
use crate::endpoint::{self, Endpoint, EndpointSettings, EndpointSource};
use crate::error::ErrorKind;
use crate::{Error, metrics, signing};

pub(crate) mod access;
mod adaptive;
mod history;
mod ops;
pub(crate) mod response;
mod retry;

use adaptive::AdaptiveLimiter;
#[doc(hidden)]
pub use response::__fuzz_parse_response;
pub use retry::{RetryConfig, RetryMode};

/// One SWF operation: its request shape, its output and its rules.
pub(crate) trait Operation: Serialize {
    /// The operation's name, as in `X-Amz-Target: SimpleWorkflowService.<NAME>`.
    const NAME: &'static str;
    /// Whether SWF may hold the request open (up to 60 s) before answering.
    const LONG_POLL: bool = false;
    /// The response shape; `()` for operations that answer with an empty body.
    type Output: DeserializeOwned;
    /// Checks every length and character rule before anything is sent.
    fn validate(&self) -> Result<(), Error>;

    /// The `operation` label of the per-call metrics.
    const METRIC_LABELS: &'static [Label] = &[Label::from_static_parts("operation", Self::NAME)];
    /// The keys of the metrics every call records, made at compile time: on the worker's hot
    /// path, recording them neither allocates nor hashes.
    const REQUESTS_KEY: Key = Key::from_static_parts(metrics::REQUESTS, Self::METRIC_LABELS);
    /// See [`Operation::REQUESTS_KEY`].
    const DURATION_KEY: Key =
        Key::from_static_parts(metrics::REQUEST_DURATION, Self::METRIC_LABELS);
}

/// The content type of every SWF request (`awsJson1_0`).
const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
/// The prefix of `X-Amz-Target`.
const TARGET_PREFIX: &str = "SimpleWorkflowService.";
/// Sent as `User-Agent` (not signed).
const USER_AGENT: &str = concat!("swf-activity/", env!("CARGO_PKG_VERSION"));

/// Default read timeout of long polls: SWF holds a poll up to 60 s, plus room for the answer.
pub const DEFAULT_POLL_TIMEOUT: Duration = Duration::from_secs(70);
/// Default timeout of every other request.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(15);
/// Default timeout to open a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A client for SWF. Cheap to clone: clones share one connection pool, credentials cache and
/// view of SWF's clock.
///
/// Make one with [`Client::from_env`] (region, credentials and endpoint from the standard AWS
/// sources) or [`Client::builder`]. `Debug` never shows secrets.
///
/// # Retries and corrections
///
/// Transient failures (throttling, HTTP 429/500/502/503/504, connection failures) are retried
/// as its [`RetryConfig`] says. Two other failures the client corrects itself, once per call
/// and without counting the second try as a retry:
///
/// - **A wrong local clock.** SWF rejects a request signed more than 5 minutes behind or 15
///   minutes ahead of its own clock. The client reads the `Date` header of every answer
///   (errors included) and, once SWF's clock and the local one differ by 10 seconds or more,
///   signs requests at the local time plus that difference, as the AWS SDKs do. A request SWF
///   rejects for its time (`InvalidSignatureException` "Signature expired", `RequestExpired`,
///   `RequestTimeTooSkewed`, ...) has taught the client SWF's time and is signed again and
///   resent once. So a client whose clock is minutes off loses one round trip, on its first
///   call, instead of failing every call.
/// - **Keys SWF no longer accepts.** After `ExpiredToken*`, `InvalidClientTokenId` or
///   `UnrecognizedClientException` the cached credentials are dropped, read again from their
///   source, and the request is resent once. See [`crate::credentials`] for how credentials are
///   cached and refreshed.
///
/// A request retried after a connection failure may have reached SWF and been carried out the
/// first time; when a later attempt then fails, [`Error::earlier_attempt_maybe_delivered`] says
/// so.
///
/// # Adaptive rate limiting
///
/// With [`RetryMode::Adaptive`] (e.g. [`RetryConfig::adaptive`], or `AWS_RETRY_MODE=adaptive`
/// through [`Client::from_env`]) the client limits its own send rate once SWF has throttled
/// it, as the AWS SDKs' adaptive retry mode does: every attempt, retries included, then takes a
/// token from a bucket that refills at a send rate which throttling cuts to 70% and successes
/// grow back along a CUBIC curve; see [`RetryConfig`] for the details. One limiter serves the
/// client and all its clones, and every operation counts alike, long polls included: a worker
/// whose polls and answers share a client slows all of them down together. A call with a time
/// budget (heartbeats) fails at once, unsent, rather than wait for a token past its budget.
///
/// # Metrics
///
/// Each call records these [`metrics`] (through the `metrics` facade):
/// [`REQUESTS`](crate::metrics::REQUESTS) and [`REQUEST_DURATION`](crate::metrics::REQUEST_DURATION)
/// (retries included) by `operation`; [`REQUEST_ERRORS`](crate::metrics::REQUEST_ERRORS) when it
/// finally fails, and [`REQUEST_RETRIES`](crate::metrics::REQUEST_RETRIES) for each retried
/// attempt, by `operation` and `error_code`; [`THROTTLED`](crate::metrics::THROTTLED) for each
/// attempt SWF throttled. In adaptive mode, [`SEND_RATE`](crate::metrics::SEND_RATE) is the
/// send rate once throttling has turned the limiter on, and
/// [`SEND_RATE_WAIT`](crate::metrics::SEND_RATE_WAIT) the time calls waited for a token. The
/// send rate has no labels: in a process with several adaptive clients that SWF throttles, it
/// is the rate of whichever changed last.
///
/// `error_code` is SWF's error code when it is one SWF or AWS's front end is known to send
/// (`ThrottlingException`, `UnknownResourceFault`, `AccessDeniedException`,
/// `ValidationException`, `InternalFailure`, ...), else `transport` (no complete answer),
/// `credentials` (no keys), `validation` (the client refused to send the request) or
/// `unknown` (any other answer), so the label's values stay few.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    region: String,
    endpoint: Endpoint,
    credentials: CredentialsCache,
    /// SWF's time, which requests are signed with.
    clock: ServiceClock,
    poll_timeout: Duration,
    read_timeout: Duration,
    connect_timeout: Duration,
    retry: RetryConfig,
    /// The adaptive rate limiter, in [`RetryMode::Adaptive`].
    limiter: Option<AdaptiveLimiter>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("region", &inner.region)
            .field("endpoint", &inner.endpoint.url().as_str())
            .field("credentials", &inner.credentials)
            .field("clock_offset_ms", &inner.clock.offset_ms())
            .field("poll_timeout", &inner.poll_timeout)
            .field("read_timeout", &inner.read_timeout)
            .field("connect_timeout", &inner.connect_timeout)
            .field("retry", &inner.retry)
            .field(
                "send_rate",
                &inner.limiter.as_ref().and_then(AdaptiveLimiter::send_rate),
            )
            .finish()
    }
}

impl Client {
    /// A builder with the defaults: no region, no credentials, the regional endpoint, 70 s poll
    /// timeout, 15 s read timeout, 5 s connect timeout, [`RetryConfig::standard`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the standard AWS sources; see [`ClientBuilder::from_env`].
    ///
    /// Fails with [`ErrorKind::Configuration`] when no region is configured or the endpoint is
    /// not a valid URL, and with [`ErrorKind::Credentials`] when (without the `aws-config`
    /// feature) no keys are in the environment.
    pub async fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env().await?.build()
    }

    /// A client configured from an `aws-config` [`SdkConfig`](aws_config::SdkConfig) as
    /// `aws-sdk-swf` configures itself; see [`ClientBuilder::from_conf`].
    #[cfg(feature = "aws-config")]
    #[cfg_attr(docsrs, doc(cfg(feature = "aws-config")))]
    pub fn from_conf(config: &aws_config::SdkConfig) -> Result<Client, Error> {
        ClientBuilder::from_conf(config).build()
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The read timeout of long polls.
    pub fn poll_timeout(&self) -> Duration {
        self.inner.poll_timeout
    }

    /// The timeout of requests other than long polls.
    pub fn read_timeout(&self) -> Duration {
        self.inner.read_timeout
    }

    /// How transient failures are retried, and in which [`RetryMode`].
    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry
    }

    /// The HTTP client (connection pool, connect timeout, no redirects), for other AWS
    /// services signed with the same keys, such as the payload store's S3.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The credentials cache, shared with other AWS services the client's keys sign for.
    pub(crate) fn credentials_cache(&self) -> &CredentialsCache {
        &self.inner.credentials
    }

    /// The time requests are signed with (AWS's, as SWF's answers taught it).
    pub(crate) fn signing_time(&self) -> std::time::SystemTime {
        self.inner.clock.now()
    }

    /// Validates, signs and sends one operation, retrying transient failures.
    #[allow(dead_code)] // used by the per-operation methods
    pub(crate) async fn send<O: Operation>(&self, request: &O) -> Result<O::Output, Error> {
        self.send_until(request, None).await
    }

    /// [`Client::send`] within a total time budget: each attempt may take at most what is left
    /// of it (and its usual timeout), and no retry starts once its back-off would end past it.
    /// When the budget runs out during an attempt the error is a [`ErrorKind::Transport`] time-out
    /// (a [`ErrorKind::Credentials`] one while waiting for credentials).
    pub(crate) async fn send_within<O: Operation>(
        &self,
        request: &O,
        budget: Duration,
    ) -> Result<O::Output, Error> {
        self.send_until(request, Some(Instant::now() + budget))
            .await
    }

    /// [`Client::try_send`], with the call's metrics.
    async fn send_until<O: Operation>(
        &self,
        request: &O,
        deadline: Option<Instant>,
    ) -> Result<O::Output, Error> {
        let started = Instant::now();
        metrics::counter_of(&O::REQUESTS_KEY).increment(1);
        let result = self.try_send(request, deadline).await;
        metrics::histogram_of(&O::DURATION_KEY).record(started.elapsed());
        if let Err(e) = &result {
            counter!(
                metrics::REQUEST_ERRORS,
                "operation" => O::NAME,
                "error_code" => error_code(e)
            )
            .increment(1);
        }
        result
    }

    /// Validates, signs and sends one operation, retrying and correcting what can be, each
    /// attempt after a token from the adaptive rate limiter (when there is one).
    async fn try_send<O: Operation>(
        &self,
        request: &O,
        deadline: Option<Instant>,
    ) -> Result<O::Output, Error> {
        request.validate().map_err(|e| e.with_operation(O::NAME))?;
        let body = serde_json::to_vec(request).map_err(|e| {
            Error::validation(format!("the request cannot be serialized: {e}"))
                .with_source(e)
                .with_operation(O::NAME)
        })?;
        let retry = &self.inner.retry;
        let mut attempt = 1;
        // Whether an attempt before the current one may have reached SWF.
        let mut maybe_delivered = false;
        // Each correction the client can make itself is tried once, without counting as a retry.
        let (mut clock_corrected, mut keys_reread) = (false, false);
        loop {
            if let Some(limiter) = &self.inner.limiter {
                match limiter.acquire(deadline).await {
                    Ok(waited) if waited.is_zero() => {}
                    Ok(waited) => {
                        histogram!(metrics::SEND_RATE_WAIT, "operation" => O::NAME).record(waited);
                    }
                    Err(refused) => {
                        return Err(rate_limited(refused)
                            .with_operation(O::NAME)
                            .with_earlier_attempt_maybe_delivered(maybe_delivered));
                    }
                }
            }
            let outcome = self.attempt(O::NAME, O::LONG_POLL, &body, deadline).await;
            let throttled = matches!(&outcome, Err(f) if is_throttling(&f.error));
            if throttled {
                counter!(metrics::THROTTLED, "operation" => O::NAME).increment(1);
            }
            // Every attempt that went out is an answer to the limiter (a transport failure
            // too, as in botocore); one that failed before (credentials, signing) is not.
            if let Some(limiter) = &self.inner.limiter
                && outcome.as_ref().err().is_none_or(|f| f.sent)
                && let Some(rate) = limiter.record(throttled)
            {
                gauge!(metrics::SEND_RATE).set(rate);
            }
            let Failure {
                error: err,
                final_,
                keys,
                sent: _,
            } = match outcome {
                Ok((status, bytes)) => {
                    return response::parse_output(status, &bytes).map_err(|e| {
                        e.with_operation(O::NAME)
                            .with_earlier_attempt_maybe_delivered(maybe_delivered)
                    });
                }
                Err(failure) => failure,
            };
            let out_of_time = deadline.is_some_and(|d| Instant::now() >= d);
            if !out_of_time && !clock_corrected && clock::is_skew_error(&err) {
                // The answer's `Date` has corrected the clock; sign again with it.
                clock_corrected = true;
                tracing::info!(
                    operation = O::NAME,
                    offset_ms = self.inner.clock.offset_ms(),
                    error = %err,
                    "SWF rejected the request's time, signing it again with SWF's clock"
                );
                continue;
            }
            if !out_of_time && !keys_reread && credentials::is_rejected_keys_error(&err) {
                keys_reread = true;
                if let Some(keys) = &keys {
                    self.inner.credentials.invalidate(keys);
                }
                continue;
            }
            let delay = retry.delay_after(attempt);
            let past_deadline = deadline.is_some_and(|d| Instant::now() + delay >= d);
            if final_ || !err.is_retryable() || attempt >= retry.max_attempts() || past_deadline {
                if attempt > 1 && err.is_retryable() {
                    tracing::warn!(
                        operation = O::NAME,
                        attempts = attempt,
                        error = %err,
                        "SWF request failed, giving up"
                    );
                }
                let err = err.with_operation(O::NAME);
                return Err(access::explain(err, O::NAME, &body, &self.inner.region)
                    .with_earlier_attempt_maybe_delivered(maybe_delivered));
            }
            maybe_delivered |= matches!(err.kind(), ErrorKind::Transport { maybe_sent: true });
            counter!(
                metrics::REQUEST_RETRIES,
                "operation" => O::NAME,
                "error_code" => error_code(&err)
            )
            .increment(1);
            tracing::debug!(
                operation = O::NAME,
                attempt,
                max_attempts = retry.max_attempts(),
                ?delay,
                error = %err,
                "retrying SWF request"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One try: sign, send, read the answer. `Ok` is a 2xx status and its body.
    async fn attempt(
        &self,
        operation: &'static str,
        long_poll: bool,
        body: &[u8],
        deadline: Option<Instant>,
    ) -> Result<(u16, Vec<u8>), Failure> {
        let inner = &*self.inner;
        // Failures before anything went out.
        let fail = |error: Error, final_: bool| Failure {
            error,
            final_,
            keys: None,
            sent: false,
        };
        let credentials = match deadline {
            None => inner.credentials.get().await,
            Some(deadline) => tokio::time::timeout_at(deadline, inner.credentials.get())
                .await
                .unwrap_or_else(|_| {
                    Err(Error::new(
                        ErrorKind::Credentials,
                        "no AWS credentials before the time budget ran out",
                    ))
                }),
        }
        .map_err(|e| fail(e, true))?;
        let target = format!("{TARGET_PREFIX}{operation}");
        let url = inner.endpoint.url().as_str();
        let signed = signing::sign(
            "POST",
            url,
            &[("content-type", CONTENT_TYPE), ("x-amz-target", &target)],
            body,
            &credentials,
            &inner.region,
            inner.clock.now(),
        )
        .map_err(|e| fail(e, true))?;
        let usual = if long_poll {
            inner.poll_timeout
        } else {
            inner.read_timeout
        };
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let (timeout, limit) = match left {
            Some(left) if left < usual => (left, Limit::Budget),
            _ => (usual, if long_poll { Limit::Poll } else { Limit::Read }),
        };
        if timeout.is_zero() {
            return Err(fail(
                Error::new(
                    ErrorKind::Transport { maybe_sent: false },
                    "the time budget ran out before the request was sent",
                ),
                true,
            ));
        }
        let mut request = inner
            .http
            .post(inner.endpoint.url().clone())
            .timeout(timeout)
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .header("x-amz-target", &target)
            .body(body.to_vec());
        for (name, value) in signed.headers {
            request = request.header(name, value);
        }
        let transport = |e: reqwest::Error| {
            // A connect timeout also reports `is_timeout`, but nothing was sent: retry it.
            let timed_out = e.is_timeout() && !e.is_connect();
            let err = transport_error(e, limit, timeout);
            // A poll that outlived its timeout is reported, not retried: another poll is the
            // caller's decision, and SWF may have handed the lost poll a task. Nor is an
            // attempt that used up the budget.
            let final_ = timed_out && (long_poll || limit == Limit::Budget);
            Failure {
                error: err,
                final_,
                keys: None,
                sent: true,
            }
        };
        let response = request.send().await.map_err(transport)?;
        // Every answer, errors included, says what time it is at SWF.
        if let Some(date) = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            && let Some(offset_ms) = inner.clock.observe(date, inner.clock.local_now())
        {
            tracing::warn!(
                offset_ms,
                "the local clock differs from SWF's; requests are signed with SWF's time"
            );
        }
        let status = response.status().as_u16();
        let error_type = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let request_id = response
            .headers()
            .get("x-amzn-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response.bytes().await.map_err(transport)?;
        if (200..300).contains(&status) {
            Ok((status, bytes.to_vec()))
        } else {
            let err = response::parse_error(status, error_type.as_deref(), &bytes)
                .map_message(|m| access::redact(m, &credentials));
            Err(Failure {
                error: match request_id {
                    Some(id) => err.with_request_id(id),
                    None => err,
                },
                final_: false,
                keys: Some(credentials),
                sent: true,
            })
        }
    }
}

/// Why one attempt failed.
struct Failure {
    error: Error,
    /// Not to be retried even if its kind usually is (a timed-out poll).
    final_: bool,
    /// The keys the request was signed with, when SWF answered: to drop them if SWF says they
    /// are expired.
    keys: Option<AwsCredentials>,
    /// Whether the request went out (an answer came, or the exchange failed on the way); false
    /// when the attempt failed before (credentials, signing, no time left).
    sent: bool,
}

/// Whether SWF throttled the attempt: a throttling code (`ThrottlingException`, ...) or HTTP
/// 429 ("Too Many Requests") whatever its code. What the adaptive limiter slows down for and
/// [`THROTTLED`](crate::metrics::THROTTLED) counts.
fn is_throttling(err: &Error) -> bool {
    match err.kind() {
        ErrorKind::Throttling { .. } => true,
        ErrorKind::Service { status, .. } | ErrorKind::UnexpectedResponse { status } => {
            *status == 429
        }
        _ => false,
    }
}

/// A call that the adaptive rate limiter would hold past the end of its time budget.
fn rate_limited(refused: adaptive::Refused) -> Error {
    Error::new(
        ErrorKind::Transport { maybe_sent: false },
        format!(
            "not sent: the client's adaptive rate limit ({:.2} requests/s since SWF throttled \
             it) would hold the request another {:?}, past the end of its time budget",
            refused.rate, refused.wait
        ),
    )
}

/// The `error_code` label of an error: a bounded set of values (see [`Client`]'s metrics).
pub(crate) fn error_code(err: &Error) -> &'static str {
    let known = |code: &str| response::known_code(code).unwrap_or("unknown");
    match err.kind() {
        ErrorKind::Fault(fault) => fault.as_str(),
        ErrorKind::Validation { client_side: true } => "validation",
        ErrorKind::Validation { client_side: false } => "ValidationException",
        ErrorKind::Transport { .. } => "transport",
        ErrorKind::Credentials => "credentials",
        ErrorKind::Throttling { code }
        | ErrorKind::AccessDenied { code: Some(code) }
        | ErrorKind::Service { code, .. } => known(code),
        _ => "unknown",
    }
}

/// Which time limit an attempt had, to say which one ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Poll,
    Read,
    Budget,
}

/// A failed exchange, with whether SWF may have seen the request.
fn transport_error(e: reqwest::Error, limit: Limit, timeout: Duration) -> Error {
    // Nothing was written before a connection existed; anything later may have reached SWF.
    let maybe_sent = !(e.is_connect() || e.is_builder());
    let message = if e.is_timeout() && e.is_connect() {
        "could not connect within the connect timeout".to_owned()
    } else if e.is_timeout() && limit == Limit::Budget {
        format!("no answer within the remaining time budget of {timeout:?}")
    } else if e.is_timeout() && limit == Limit::Poll {
        format!(
            "no answer to the long poll within the poll timeout of {timeout:?} \
             (SWF answers a poll within 60 s)"
        )
    } else if e.is_timeout() {
        format!("no answer within the read timeout of {timeout:?}")
    } else if e.is_connect() {
        "could not connect to the endpoint".to_owned()
    } else {
        "the connection failed before a complete answer arrived".to_owned()
    };
    Error::new(ErrorKind::Transport { maybe_sent }, message).with_source(e)
}

/// Configuration of a [`Client`].
///
/// Region and credentials are required; everything else has a default.
#[derive(Clone)]
pub struct ClientBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    /// An endpoint from configuration (an `SdkConfig`), which one given in code beats.
    configured_endpoint: Option<(String, EndpointSource)>,
    /// The endpoint variables as [`ClientBuilder::from_env`] found them, for
    /// [`endpoint::resolve`].
    endpoint_env: Vec<(&'static str, String)>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    credentials: Option<Credentials>,
    poll_timeout: Duration,
    read_timeout: Duration,
    connect_timeout: Duration,
    retry: RetryConfig,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("region", &self.region)
            // A mistyped endpoint may carry a user name and password.
            .field(
                "endpoint_url",
                &self.endpoint_url.as_deref().map(endpoint::shown),
            )
            .field(
                "configured_endpoint",
                &self
                    .configured_endpoint
                    .as_ref()
                    .map(|(url, source)| (endpoint::shown(url), source)),
            )
            .field(
                "endpoint_env",
                &self
                    .endpoint_env
                    .iter()
                    .map(|(name, value)| (name, endpoint::shown(value)))
                    .collect::<Vec<_>>(),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("credentials", &self.credentials)
            .field("poll_timeout", &self.poll_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> ClientBuilder {
        ClientBuilder::new()
    }
}

impl ClientBuilder {
    /// The defaults; see [`Client::builder`].
    pub fn new() -> ClientBuilder {
        ClientBuilder {
            region: None,
            endpoint_url: None,
            configured_endpoint: None,
            endpoint_env: Vec::new(),
            use_fips: None,
            use_dual_stack: None,
            credentials: None,
            poll_timeout: DEFAULT_POLL_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryConfig::standard(),
        }
    }

    /// A builder filled from the standard AWS sources.
    ///
    /// With the default `aws-config` feature: everything [`ClientBuilder::from_conf`] takes from
    /// the `SdkConfig` that `aws-config` loads: region and credentials (environment, shared
    /// config and credentials files with `AWS_PROFILE`, SSO, web identity, container and
    /// instance roles), the endpoint as `aws-sdk-swf` finds it (`AWS_ENDPOINT_URL_SWF`,
    /// `AWS_ENDPOINT_URL`, the profile's `[services]` section for `swf`, the profile's
    /// `endpoint_url`), FIPS and dual-stack (`AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT` or the profile), retries (`AWS_MAX_ATTEMPTS` or the
    /// profile's `max_attempts`; aws-config's default is 3 attempts with a 1 s initial backoff),
    /// the retry mode (`AWS_RETRY_MODE` or the profile's `retry_mode`: `adaptive` turns on
    /// [`RetryMode::Adaptive`]) and the connect timeout.
    ///
    /// Without it: `AWS_REGION` or `AWS_DEFAULT_REGION`; `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`; `AWS_ENDPOINT_URL_SWF` then
    /// `AWS_ENDPOINT_URL`; `AWS_USE_FIPS_ENDPOINT`; `AWS_USE_DUALSTACK_ENDPOINT`.
    ///
    /// A missing region is reported by [`ClientBuilder::build`], so it can still be set here.
    pub async fn from_env() -> Result<ClientBuilder, Error> {
        #[cfg(feature = "aws-config")]
        {
            let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
            let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
                .load()
                .await;
            let mut builder = ClientBuilder::from_conf(&config);
            // The SdkConfig does not say where its endpoint came from; the environment does,
            // since aws-config reads it in this order before the profile.
            if let Some((_, source)) = &mut builder.configured_endpoint {
                *source = if set(endpoint::ENV_ENDPOINT_URL_SWF) {
                    EndpointSource::EnvSwf
                } else if set(endpoint::ENV_ENDPOINT_URL) {
                    EndpointSource::EnvGlobal
                } else {
                    EndpointSource::Profile
                };
            }
            Ok(builder)
        }
        #[cfg(not(feature = "aws-config"))]
        {
            let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
            let mut builder = ClientBuilder::new();
            builder.region = env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION"));
            builder.credentials = Some(Credentials::from_env()?);
            // Which endpoint wins is `endpoint::resolve`'s decision, made in `build` from this
            // snapshot, so `Endpoint::source` names the variable the URL came from.
            builder.endpoint_env = [
                endpoint::ENV_IGNORE_CONFIGURED_ENDPOINT_URLS,
                endpoint::ENV_ENDPOINT_URL_SWF,
                endpoint::ENV_ENDPOINT_URL,
                endpoint::ENV_USE_FIPS_ENDPOINT,
                endpoint::ENV_USE_DUALSTACK_ENDPOINT,
            ]
            .into_iter()
            .filter_map(|name| Some((name, std::env::var(name).ok()?)))
            .collect();
            Ok(builder)
        }
    }

    /// A builder configured as `aws-sdk-swf` configures itself from an `aws-config`
    /// [`SdkConfig`](aws_config::SdkConfig):
    ///
    /// - the region and the credentials provider;
    /// - the endpoint: the `SdkConfig`'s endpoint URL if it was set on the client config, else
    ///   SWF's own from its service config (`AWS_ENDPOINT_URL_SWF`, `AWS_ENDPOINT_URL`, the
    ///   profile's `[services]` section for `swf`, the profile's `endpoint_url`, as aws-config
    ///   orders them), else its endpoint URL;
    /// - FIPS and dual-stack;
    /// - the retry configuration's attempts, backoffs and mode (see [`RetryConfig`]'s `From`):
    ///   the SDK's adaptive mode is [`RetryMode::Adaptive`];
    /// - the timeout configuration's connect timeout, and its operation attempt timeout (else
    ///   its read timeout) as the read timeout. Long polls keep [`ClientBuilder::poll_timeout`]:
    ///   SWF holds them up to 60 s. There is no counterpart of the operation timeout (over all
    ///   attempts).
    ///
    /// Settings the `SdkConfig` leaves unset keep this client's defaults; the builder's
    /// methods override any of them.
    #[cfg(feature = "aws-config")]
    #[cfg_attr(docsrs, doc(cfg(feature = "aws-config")))]
    pub fn from_conf(config: &aws_config::SdkConfig) -> ClientBuilder {
        let mut builder = ClientBuilder::new();
        builder.region = config.region().map(|r| r.as_ref().to_owned());
        builder.credentials = config
            .credentials_provider()
            .map(Credentials::from_shared_provider);
        builder.configured_endpoint =
            sdk_endpoint(config).map(|url| (url, EndpointSource::SdkConfig));
        builder.use_fips = config.use_fips();
        builder.use_dual_stack = config.use_dual_stack();
        if let Some(retry) = config.retry_config() {
            builder.retry = RetryConfig::from(retry);
        }
        if let Some(timeouts) = config.timeout_config() {
            if let Some(connect) = timeouts.connect_timeout() {
                builder.connect_timeout = connect;
            }
            if let Some(read) = timeouts
                .operation_attempt_timeout()
                .or(timeouts.read_timeout())
            {
                builder.read_timeout = read;
            }
        }
        builder
    }

    /// The AWS region, e.g. `us-east-1`: picks the endpoint and is part of every signature.
    pub fn region(mut self, region: impl Into<String>) -> ClientBuilder {
        self.region = Some(region.into());
        self
    }

    /// Sends every request to `url` instead of the regional endpoint, e.g. a local SWF at
    /// `http://127.0.0.1:PORT`. Plain `http` is accepted only here and in the endpoint
    /// environment variables.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Uses the FIPS endpoint, e.g. `https://swf-fips.{region}.amazonaws.com` (see
    /// [`crate::endpoint`]). With an endpoint URL, [`ClientBuilder::build`] fails, as
    /// the SDKs do.
    pub fn use_fips(mut self, use_fips: bool) -> ClientBuilder {
        self.use_fips = Some(use_fips);
        self
    }

    /// Uses the dual-stack (IPv4 and IPv6) endpoint, e.g. `https://swf.{region}.api.aws` (see
    /// [`crate::endpoint`]). With an endpoint URL, [`ClientBuilder::build`] fails, as
    /// the SDKs do.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> ClientBuilder {
        self.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Where the credentials come from: [`Credentials::from_keys`],
    /// [`Credentials::from_env`], [`Credentials::from_provider`], ...
    pub fn credentials(mut self, credentials: Credentials) -> ClientBuilder {
        self.credentials = Some(credentials);
        self
    }

    /// Any `aws_credential_types` credentials provider; cached and refreshed before expiry.
    pub fn credentials_provider(
        self,
        provider: impl aws_credential_types::provider::ProvideCredentials + 'static,
    ) -> ClientBuilder {
        self.credentials(Credentials::from_provider(provider))
    }

    /// How long a long poll (`PollForActivityTask`, `PollForDecisionTask`) may take before the
    /// client gives up with a transport error. SWF answers within 60 s, so the default of 70 s
    /// should only be lowered for local endpoints that answer sooner.
    pub fn poll_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.poll_timeout = timeout;
        self
    }

    /// How long any other request may take, from sending to the end of the answer (default
    /// 15 s).
    pub fn read_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.read_timeout = timeout;
        self
    }

    /// How long opening a connection may take (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = timeout;
        self
    }

    /// How transient failures are retried, and whether the client limits its send rate after
    /// throttling ([`RetryConfig::adaptive`]); default [`RetryConfig::standard`].
    pub fn retry_config(mut self, retry: RetryConfig) -> ClientBuilder {
        self.retry = retry;
        self
    }

    /// Checks the configuration and makes the client.
    ///
    /// Fails with [`ErrorKind::Configuration`] when the region or the credentials are missing,
    /// the region is not a region name, the endpoint is not an `http(s)` URL, or FIPS or
    /// dual-stack is asked for together with an endpoint URL.
    pub fn build(self) -> Result<Client, Error> {
        let Some(region) = self.region.map(|r| r.trim().to_owned()) else {
            return Err(Error::configuration(
                "no AWS region configured: set AWS_REGION (or a profile's region) or call \
                 `ClientBuilder::region`",
            ));
        };
        let settings = EndpointSettings {
            url: self
                .endpoint_url
                .map(|url| (url, EndpointSource::Explicit))
                .or(self.configured_endpoint),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
        };
        let endpoint = endpoint::resolve(&region, &settings, |name| {
            self.endpoint_env
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| value.clone())
        })?;
        let Some(credentials) = self.credentials else {
            return Err(Error::configuration(
                "no AWS credentials configured: call `ClientBuilder::credentials` or use \
                 `Client::from_env`",
            ));
        };
        for (what, timeout) in [
            ("poll timeout", self.poll_timeout),
            ("read timeout", self.read_timeout),
            ("connect timeout", self.connect_timeout),
        ] {
            if timeout.is_zero() {
                return Err(Error::configuration(format!("the {what} must not be zero")));
            }
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(USER_AGENT)
            // Load balancers in front of SWF close idle connections after 60 s or so; do not
            // reuse one that may be closing.
            .pool_idle_timeout(Duration::from_secs(30))
            // SWF never redirects; following a redirect would send the session token and the
            // signed body to another host. A 3xx is reported as an unexpected response.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::configuration("cannot make the HTTP client").with_source(e))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                region,
                endpoint,
                credentials: CredentialsCache::new(credentials),
                clock: ServiceClock::new(Arc::new(std::time::SystemTime::now)),
                poll_timeout: self.poll_timeout,
                read_timeout: self.read_timeout,
                connect_timeout: self.connect_timeout,
                limiter: (self.retry.mode() == RetryMode::Adaptive).then(AdaptiveLimiter::new),
                retry: self.retry,
            }),
        })
    }
}

/// SWF's endpoint URL in `config`, as aws-sdk-swf's config reads it: the endpoint URL when it
/// was set on the client config, else SWF's service config, else the endpoint URL.
#[cfg(feature = "aws-config")]
fn sdk_endpoint(config: &aws_config::SdkConfig) -> Option<String> {
    let global = || config.endpoint_url().map(str::to_owned);
    if config.get_origin("endpoint_url").is_client_config() {
        return global();
    }
    // The key aws-sdk-swf asks with: service id `SWF`, read as `AWS_ENDPOINT_URL_SWF`,
    // `AWS_ENDPOINT_URL`, the profile's `[services]` `swf` `endpoint_url`, its `endpoint_url`.
    let key = aws_types::service_config::ServiceConfigKey::builder()
        .service_id("SWF")
        .env(endpoint::ENV_ENDPOINT_URL)
        .profile("endpoint_url")
        .build();
    let service = key
        .ok()
        .and_then(|key| config.service_config()?.load_config(key))
        .filter(|url| !url.trim().is_empty());
    service.or_else(global)
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::mpsc;

    use serde::Deserialize;

    use super::*;

    /// A test-only operation: `Echo` with a `value` that must not be empty.
    #[derive(Serialize)]
    struct Echo {
        value: String,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct EchoOutput {
        #[serde(default)]
        value: Option<String>,
    }

    impl Operation for Echo {
        const NAME: &'static str = "Echo";
        type Output = EchoOutput;

        fn validate(&self) -> Result<(), Error> {
            if self.value.is_empty() {
                return Err(Error::validation("Echo.value: must not be empty"));
            }
            Ok(())
        }
    }

    /// One request as a std-only loopback server read it.
    struct Raw {
        request_line: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    /// Serves `answers.len()` connections, one request each, on a thread, each answered 200
    /// with a body of `answers`; returns the URL and a receiver of what arrived.
    fn serve(answers: Vec<&'static str>) -> (String, mpsc::Receiver<Raw>, TcpListener) {
        serve_statuses(answers.into_iter().map(|a| (200, a)).collect())
    }

    /// [`serve`] with a status per answer.
    fn serve_statuses(
        answers: Vec<(u16, &'static str)>,
    ) -> (String, mpsc::Receiver<Raw>, TcpListener) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let (tx, rx) = mpsc::channel();
        let accept = listener.try_clone().expect("clone listener");
        std::thread::spawn(move || {
            for (status, answer) in answers {
                let Ok((stream, _)) = accept.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
                let mut request_line = String::new();
                reader.read_line(&mut request_line).expect("request line");
                let mut headers = Vec::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).expect("header line");
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').expect("header");
                    headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
                }
                let len: usize = headers
                    .iter()
                    .find(|(n, _)| n == "content-length")
                    .map_or(0, |(_, v)| v.parse().expect("length"));
                let mut body = vec![0; len];
                reader.read_exact(&mut body).expect("body");
                let mut stream = stream;
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
                stream.write_all(reply.as_bytes()).expect("reply");
                let _ = tx.send(Raw {
                    request_line: request_line.trim_end().to_owned(),
                    headers,
                    body,
                });
            }
        });
        (url, rx, listener)
    }

    fn client(url: &str, token: Option<&str>) -> Client {
        Client::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::from_keys(
                "AKIDUNIT",
                "unit-secret",
                token.map(str::to_owned),
            ))
            .retry_config(RetryConfig::disabled())
            .build()
            .expect("client")
    }

    #[tokio::test]
    async fn what_is_sent_verifies_as_signed() {
        for token in [None, Some("unit-session-token")] {
            let (url, rx, _listener) = serve(vec![r#"{"value":"back"}"#]);
            let out = client(&url, token)
                .send(&Echo { value: "hi".into() })
                .await
                .expect("echo");
            assert_eq!(out.value.as_deref(), Some("back"));
            let raw = rx.recv().expect("one request");
            assert_eq!(raw.request_line, "POST / HTTP/1.1");
            assert_eq!(raw.body, br#"{"value":"hi"}"#);
            let received = signing::Received {
                method: "POST",
                path_and_query: "/",
                headers: &raw.headers,
                body: &raw.body,
            };
            let verified = signing::verify(
                &received,
                |id| (id == "AKIDUNIT").then(|| "unit-secret".to_owned()),
                "us-east-1",
                std::time::SystemTime::now(),
            )
            .expect("the signature checks out");
            let expected: &[&str] = if token.is_some() {
                &[
                    "content-type",
                    "host",
                    "x-amz-date",
                    "x-amz-security-token",
                    "x-amz-target",
                ]
            } else {
                &["content-type", "host", "x-amz-date", "x-amz-target"]
            };
            assert_eq!(verified.signed_headers, expected);
        }
    }

    #[tokio::test]
    async fn invalid_requests_are_never_sent() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let err = client(&url, None)
            .send(&Echo {
                value: String::new(),
            })
            .await
            .expect_err("invalid");
        assert_eq!(err.kind(), &ErrorKind::Validation { client_side: true });
        assert_eq!(err.operation(), Some("Echo"));
        assert!(
            matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "nothing may connect"
        );
    }

    #[tokio::test]
    async fn empty_bodies_read_as_no_output() {
        let (url, _rx, _listener) = serve(vec!["", " \n"]);
        let client = client(&url, None);
        for _ in 0..2 {
            let out = client
                .send(&Echo { value: "x".into() })
                .await
                .expect("empty answer");
            assert_eq!(out, EchoOutput { value: None });
        }
    }

    #[cfg(feature = "aws-config")]
    #[tokio::test]
    async fn from_conf_takes_region_credentials_endpoint_and_fips() {
        use aws_config::Region;
        let keys = aws_credential_types::Credentials::new("AKIDCONF", "s", None, None, "t");
        let config = aws_config::SdkConfig::builder()
            .region(Region::new("eu-north-1"))
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(keys),
            )
            .use_fips(true)
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let client = Client::from_conf(&config).expect("client");
        assert_eq!(client.region(), "eu-north-1");
        assert_eq!(
            client.endpoint().url().as_str(),
            "https://swf-fips.eu-north-1.amazonaws.com/"
        );
        let keys = client.inner.credentials.get().await.expect("keys");
        assert_eq!(keys.access_key_id(), "AKIDCONF");

        let config = aws_config::SdkConfig::builder()
            .endpoint_url("http://127.0.0.1:1234")
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let err = Client::from_conf(&config).expect_err("no region");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        let client = ClientBuilder::from_conf(&config)
            .region("us-west-2")
            .credentials(Credentials::from_keys("a", "b", None))
            .build()
            .expect("client");
        assert_eq!(client.endpoint().url().as_str(), "http://127.0.0.1:1234/");
    }

    /// `Client::from_env` with `aws-config`, in a child process with a chosen environment: a
    /// profile from a shared config file gives region and keys, `AWS_ENDPOINT_URL_SWF` the
    /// endpoint, `AWS_RETRY_MODE` the retry mode.
    #[cfg(feature = "aws-config")]
    #[test]
    fn from_env_uses_aws_config_profiles() {
        const CHILD: &str = "SWF_ACTIVITY_FROM_ENV_PROFILE_CHILD";
        if std::env::var_os(CHILD).is_some() {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let client = Client::from_env().await.expect("client from env");
                let keys = client.inner.credentials.get().await.expect("keys");
                println!(
                    "CHILD region={} endpoint={} key={} retry={:?}/{}",
                    client.region(),
                    client.endpoint().url(),
                    keys.access_key_id(),
                    client.retry_config().mode(),
                    client.inner.limiter.is_some(),
                );
            });
            return;
        }
        let dir = std::env::temp_dir().join(format!(
            "swf-activity-profile-{}-{}",
            std::process::id(),
            fastrand::u64(..)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let config = dir.join("config");
        let credentials = dir.join("credentials");
        std::fs::write(&config, "[profile work]\nregion = ca-central-1\n").expect("config");
        std::fs::write(
            &credentials,
            "[work]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n",
        )
        .expect("credentials");
        let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "client::tests::from_env_uses_aws_config_profiles",
                "--nocapture",
            ])
            .env_clear()
            .env(CHILD, "1")
            .env("HOME", &dir)
            .env("AWS_CONFIG_FILE", &config)
            .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
            .env("AWS_PROFILE", "work")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ENDPOINT_URL_SWF", "http://127.0.0.1:4321")
            .env("AWS_RETRY_MODE", "adaptive")
            .output()
            .expect("child runs");
        let _ = std::fs::remove_dir_all(&dir);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout.contains(
                "CHILD region=ca-central-1 endpoint=http://127.0.0.1:4321/ key=AKIDPROFILE \
                 retry=Adaptive/true"
            ),
            "{stdout}"
        );
    }

    #[cfg(feature = "aws-config")]
    #[test]
    fn from_conf_takes_the_adaptive_retry_mode() {
        let config = aws_config::SdkConfig::builder()
            .retry_config(aws_config::retry::RetryConfig::adaptive().with_max_attempts(4))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let client = ClientBuilder::from_conf(&config)
            .region("us-west-2")
            .credentials(Credentials::from_keys("a", "b", None))
            .build()
            .expect("client");
        assert_eq!(client.retry_config().mode(), RetryMode::Adaptive);
        assert_eq!(client.retry_config().max_attempts(), 4);
        assert!(client.inner.limiter.is_some());
        // Off until throttled.
        assert!(
            format!("{client:?}").contains("send_rate: None"),
            "{client:?}"
        );
    }

    #[test]
    fn error_codes_are_bounded() {
        let err = |kind: ErrorKind| Error::new(kind, "m");
        let service = |code: &str, status: u16| {
            err(ErrorKind::Service {
                code: code.into(),
                status,
            })
        };
        let cases = [
            (
                err(ErrorKind::Fault(crate::FaultCode::UnknownResource)),
                "UnknownResourceFault",
            ),
            (
                err(ErrorKind::Throttling {
                    code: "ThrottlingException".into(),
                }),
                "ThrottlingException",
            ),
            (
                err(ErrorKind::AccessDenied {
                    code: Some("AccessDeniedException".into()),
                }),
                "AccessDeniedException",
            ),
            (
                err(ErrorKind::AccessDenied {
                    code: Some("SomethingNew".into()),
                }),
                "unknown",
            ),
            (err(ErrorKind::AccessDenied { code: None }), "unknown"),
            (
                err(ErrorKind::Validation { client_side: false }),
                "ValidationException",
            ),
            (Error::validation("too long"), "validation"),
            (err(ErrorKind::Transport { maybe_sent: true }), "transport"),
            (err(ErrorKind::Credentials), "credentials"),
            (service("InternalFailure", 500), "InternalFailure"),
            (service("a-code-of-the-moment-42", 400), "unknown"),
            (
                err(ErrorKind::UnexpectedResponse { status: 502 }),
                "unknown",
            ),
            (err(ErrorKind::Configuration), "unknown"),
        ];
        for (error, code) in cases {
            assert_eq!(error_code(&error), code, "{error:?}");
        }
        // Every throttling and access code the parser knows has its own value.
        for code in response::known_codes() {
            let parsed = response::parse_error(400, Some(code), b"{}");
            assert_eq!(error_code(&parsed), code, "{parsed:?}");
        }
    }

    #[test]
    fn throttling_is_a_throttling_code_or_http_429() {
        let parsed = |status, code: &str| response::parse_error(status, Some(code), b"{}");
        assert!(is_throttling(&parsed(400, "ThrottlingException")));
        assert!(is_throttling(&parsed(400, "RequestLimitExceeded")));
        assert!(is_throttling(&parsed(429, "SomethingElse")));
        assert!(is_throttling(&response::parse_error(429, None, b"<html/>")));
        assert!(!is_throttling(&parsed(400, "LimitExceededFault")));
        assert!(!is_throttling(&parsed(503, "ServiceUnavailableException")));
    }

    /// In adaptive mode, after SWF throttles the client a call with a time budget too short
    /// for the next token fails at once, unsent.
    #[tokio::test]
    async fn adaptive_mode_refuses_to_wait_past_a_budget() {
        let (url, rx, _listener) = serve_statuses(vec![
            (
                400,
                r#"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}"#,
            ),
            (200, "{}"),
            (200, "{}"),
        ]);
        let client = Client::builder()
            .region("us-east-1")
            .endpoint_url(&url)
            .credentials(Credentials::from_keys("AKIDUNIT", "unit-secret", None))
            .retry_config(RetryConfig::disabled().with_mode(RetryMode::Adaptive))
            .build()
            .expect("client");
        let err = client
            .send(&Echo { value: "x".into() })
            .await
            .expect_err("throttled");
        assert!(is_throttling(&err), "{err:?}");
        // Turned on at the minimum rate (nothing measured yet): one token every 2 s, so of
        // three calls within 300 ms at most the first finds one in the bucket.
        let budget = Duration::from_millis(300);
        let mut refused = None;
        let mut sent = 1;
        for _ in 0..3 {
            match client
                .send_within(&Echo { value: "x".into() }, budget)
                .await
            {
                Ok(_) => sent += 1,
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        let err = refused.expect("a call is refused");
        assert_eq!(err.kind(), &ErrorKind::Transport { maybe_sent: false });
        assert!(err.message().contains("adaptive rate limit"), "{err}");
        assert!(err.message().contains("0.50 requests/s"), "{err}");
        assert_eq!(error_code(&err), "transport");
        assert!(sent <= 2, "{sent}");
        // The server reports each request after answering it, so wait for those answered.
        for _ in 0..sent {
            rx.recv_timeout(Duration::from_secs(10))
                .expect("an answered request");
        }
        assert!(rx.try_recv().is_err(), "the refused call sent nothing");
        let rate = client
            .inner
            .limiter
            .as_ref()
            .and_then(AdaptiveLimiter::send_rate);
        assert_eq!(rate, Some(adaptive::MIN_FILL_RATE));
    }

    #[test]
    fn builder_reports_missing_pieces() {
        let err = Client::builder().build().expect_err("no region");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        assert!(err.to_string().contains("region"), "{err}");
        let err = Client::builder()
            .region("us-east-1")
            .build()
            .expect_err("no credentials");
        assert!(err.to_string().contains("credentials"), "{err}");
        let err = Client::builder()
            .region("us-east-1")
            .credentials(Credentials::from_keys("a", "b", None))
            .endpoint_url("ftp://example.com")
            .build()
            .expect_err("bad scheme");
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        let client = Client::builder()
            .region("eu-west-1")
            .credentials(Credentials::from_keys("a", "b", None))
            .build()
            .expect("regional");
        assert_eq!(
            client.endpoint().url().as_str(),
            "https://swf.eu-west-1.amazonaws.com/"
        );
        assert_eq!(client.poll_timeout(), DEFAULT_POLL_TIMEOUT);
        assert!(client.poll_timeout() >= Duration::from_secs(70));
    }
}
