//! [`S3Store`]: PutObject and GetObject, signed with SigV4 for service `s3`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SigningSettings,
    UriPathNormalizationMode,
};
use bytes::Bytes;

use super::{BoxFuture, PayloadStore, StoreError, StoreOperation, iam_action, object_arn};
use crate::client::RetryConfig;
use crate::failure::truncate;
use crate::partition::Partition;
use crate::{Client, Error, credentials, endpoint, signing};

/// How much of an error message from the network is shown.
const SHOWN_MESSAGE: usize = 300;

/// The cause kept with a failed request.
type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The service name S3 is signed for.
const SERVICE: &str = "s3";
/// The body hash of a request without a body.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// S3's limit on the length of a key, in bytes.
const MAX_KEY_BYTES: usize = 1024;

/// Server-side encryption S3 applies to stored payloads.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServerSideEncryption {
    /// S3-managed keys (`x-amz-server-side-encryption: AES256`).
    Aes256,
    /// AWS KMS (`aws:kms`), with the given key id or ARN, or the account's default S3 key when
    /// `None`. The credentials then also need `kms:GenerateDataKey` (put) and `kms:Decrypt`
    /// (get) on the key.
    Kms {
        /// The KMS key id, alias or ARN.
        key_id: Option<String>,
    },
}

/// A [`PayloadStore`] in an S3 bucket, speaking to S3 with a [`Client`]'s region, credentials
/// and retry policy. Cheap to clone.
///
/// - **Addressing.** On AWS, virtual-hosted style, `https://<bucket>.s3.<region>.amazonaws.com/<key>`
///   (path style on the regional host for a bucket name with dots, which TLS certificates
///   for `*.s3.<region>.amazonaws.com` do not cover). With an endpoint URL (given to
///   [`S3StoreBuilder::endpoint_url`], or `AWS_ENDPOINT_URL_S3`, or `AWS_ENDPOINT_URL`), path
///   style, `<endpoint>/<bucket>/<key>`, which S3-compatible servers understand.
/// - **Retries.** HTTP 500, 502, 503 (`SlowDown`), 504, S3's `RequestTimeout` and
///   `InternalError`, dropped connections and answers slower than the timeout are retried
///   with the client's [`RetryConfig`]; puts are safe to repeat because keys name content.
///   Expired session credentials are read again once.
/// - **Errors.** 403 `AccessDenied` is [`StoreError::AccessDenied`], naming the IAM action
///   and the object's ARN; 404 on a get is [`StoreError::NotFound`]; everything else, retries
///   exhausted included, is [`StoreError::Failed`] with the bucket, key and last answer.
#[derive(Clone)]
pub struct S3Store {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    bucket: String,
    prefix: String,
    /// What an object's encoded key is appended to: `<endpoint>/<bucket>/` or
    /// `https://<bucket>.s3.<region>.<suffix>/`.
    url_prefix: String,
    sse: Option<ServerSideEncryption>,
    timeout: Duration,
    retry: RetryConfig,
}

impl fmt::Debug for S3Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("S3Store")
            .field("bucket", &inner.bucket)
            .field("prefix", &inner.prefix)
            .field("url", &endpoint::shown(&inner.url_prefix))
            .field("sse", &inner.sse)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

impl S3Store {
    /// A builder for a store in `bucket`, using `client`'s region, credentials, HTTP
    /// connections, read timeout and retry policy.
    pub fn builder(client: &Client, bucket: impl Into<String>) -> S3StoreBuilder {
        S3StoreBuilder {
            client: client.clone(),
            bucket: bucket.into(),
            prefix: String::new(),
            endpoint_url: None,
            force_path_style: false,
            sse: None,
            timeout: None,
            retry: None,
        }
    }

    /// The URL of the object under `key`.
    pub fn object_url(&self, key: &str) -> String {
        format!("{}{}", self.inner.url_prefix, encode_key(key))
    }

    /// One operation with its retries.
    async fn send(
        &self,
        operation: StoreOperation,
        key: &str,
        body: Option<Bytes>,
        body_hash: Option<String>,
    ) -> Result<Bytes, StoreError> {
        let inner = &*self.inner;
        let name = operation_name(operation);
        let failed = |attempts: u32,
                      status: Option<u16>,
                      code: Option<String>,
                      message: String,
                      source: Option<BoxError>| {
            StoreError::Failed {
                operation: name,
                bucket: inner.bucket.clone(),
                key: key.to_owned(),
                attempts,
                status,
                code,
                message,
                source,
            }
        };
        if key.is_empty() || key.len() > MAX_KEY_BYTES {
            return Err(failed(
                0,
                None,
                None,
                format!("a key must be 1 to {MAX_KEY_BYTES} bytes long"),
                None,
            ));
        }
        let url = self.object_url(key);
        // Hashed once: every attempt signs the same body.
        let body_hash = match (&body, body_hash) {
            (_, Some(hash)) => hash,
            (Some(body), None) => super::sha256_hex(body),
            (None, None) => EMPTY_SHA256.to_owned(),
        };
        let mut sse_headers: Vec<(&str, &str)> = Vec::new();
        if operation == StoreOperation::Put {
            match &inner.sse {
                None => {}
                Some(ServerSideEncryption::Aes256) => {
                    sse_headers.push(("x-amz-server-side-encryption", "AES256"));
                }
                Some(ServerSideEncryption::Kms { key_id }) => {
                    sse_headers.push(("x-amz-server-side-encryption", "aws:kms"));
                    if let Some(key_id) = key_id {
                        sse_headers.push(("x-amz-server-side-encryption-aws-kms-key-id", key_id));
                    }
                }
            }
        }
        let mut keys_reread = false;
        let mut attempt = 1;
        loop {
            let outcome = self
                .attempt(operation, &url, &sse_headers, &body_hash, body.clone())
                .await;
            let last = match outcome {
                Ok(bytes) => return Ok(bytes),
                Err(last) => last,
            };
            let Attempt {
                status,
                code,
                message,
                source,
                retryable,
                keys,
            } = last;
            if status == Some(404)
                && operation == StoreOperation::Get
                && code.as_deref().is_none_or(|c| c == "NoSuchKey")
            {
                return Err(StoreError::NotFound {
                    bucket: inner.bucket.clone(),
                    key: key.to_owned(),
                });
            }
            if status == Some(403) && code.as_deref().is_none_or(|c| c == "AccessDenied") {
                return Err(StoreError::AccessDenied {
                    bucket: inner.bucket.clone(),
                    key: key.to_owned(),
                    action: iam_action(operation),
                    arn: object_arn(
                        Partition::of(inner.client.region()).name(),
                        &inner.bucket,
                        key,
                    ),
                    message,
                });
            }
            if !keys_reread
                && code
                    .as_deref()
                    .is_some_and(credentials::is_rejected_keys_code)
            {
                keys_reread = true;
                if let Some(keys) = &keys {
                    inner.client.credentials_cache().invalidate(keys);
                }
                continue;
            }
            if !retryable || attempt >= inner.retry.max_attempts() {
                if attempt > 1 && retryable {
                    tracing::warn!(
                        operation = name,
                        bucket = %inner.bucket,
                        key,
                        attempts = attempt,
                        %message,
                        "S3 request failed, giving up"
                    );
                }
                return Err(failed(attempt, status, code, message, source));
            }
            let delay = inner.retry.delay_after(attempt);
            tracing::debug!(
                operation = name,
                bucket = %inner.bucket,
                key,
                attempt,
                ?delay,
                %message,
                "retrying S3 request"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One try: sign, send, read the answer. `Ok` is a 2xx answer's body.
    async fn attempt(
        &self,
        operation: StoreOperation,
        url: &str,
        sse_headers: &[(&str, &str)],
        body_hash: &str,
        body: Option<Bytes>,
    ) -> Result<Bytes, Attempt> {
        let inner = &*self.inner;
        let keys = inner
            .client
            .credentials_cache()
            .get()
            .await
            .map_err(|e| Attempt {
                status: None,
                code: None,
                message: format!("no credentials: {e}"),
                source: Some(Box::new(e)),
                retryable: false,
                keys: None,
            })?;
        let method = match operation {
            StoreOperation::Put => "PUT",
            StoreOperation::Get => "GET",
        };
        let mut settings = SigningSettings::default();
        // S3 signs the body hash it is sent, and the path exactly as sent.
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        let signed = signing::sign_for(
            SERVICE,
            settings,
            method,
            url,
            sse_headers,
            SignableBody::Precomputed(body_hash.to_owned()),
            &keys,
            inner.client.region(),
            inner.client.signing_time(),
        )
        .map_err(|e| Attempt {
            status: None,
            code: None,
            message: format!("cannot sign the request: {e}"),
            source: Some(Box::new(e)),
            retryable: false,
            keys: None,
        })?;
        let http = inner.client.http();
        let mut request = match body {
            Some(body) => http.put(url).body(body),
            None => http.get(url),
        }
        .timeout(inner.timeout);
        for (name, value) in sse_headers {
            request = request.header(*name, *value);
        }
        for (name, value) in signed.headers {
            request = request.header(name, value);
        }
        let timeout = inner.timeout;
        let transport = |e: reqwest::Error| {
            let message = if e.is_timeout() && e.is_connect() {
                "could not connect within the connect timeout".to_owned()
            } else if e.is_timeout() {
                format!("no answer within the timeout of {timeout:?}")
            } else if e.is_connect() {
                "could not connect to S3".to_owned()
            } else {
                "the connection failed before a complete answer arrived".to_owned()
            };
            Attempt {
                status: None,
                code: None,
                message,
                source: Some(Box::new(e)),
                retryable: true,
                keys: None,
            }
        };
        let response = request.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("x-amz-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = response.bytes().await.map_err(transport)?;
        if (200..300).contains(&status) {
            return Ok(bytes);
        }
        let text = String::from_utf8_lossy(&bytes);
        let code = xml_text(&text, "Code").map(str::to_owned);
        let mut message = format!("HTTP {status}");
        if let Some(code) = &code {
            message.push_str(&format!(" {code}"));
        }
        if let Some(text) = xml_text(&text, "Message") {
            message.push_str(&format!(": {}", truncate(text, SHOWN_MESSAGE)));
        }
        if let Some(id) = request_id {
            message.push_str(&format!(" (request id {id})"));
        }
        let retryable = matches!(status, 429 | 500 | 502 | 503 | 504)
            || matches!(
                code.as_deref(),
                Some("SlowDown" | "InternalError" | "RequestTimeout" | "ServiceUnavailable")
            );
        Err(Attempt {
            status: Some(status),
            code,
            message,
            source: None,
            retryable,
            keys: Some(keys),
        })
    }
}

/// Why one attempt failed.
struct Attempt {
    status: Option<u16>,
    code: Option<String>,
    message: String,
    source: Option<BoxError>,
    retryable: bool,
    /// The keys S3 saw, to drop them if S3 says they expired.
    keys: Option<aws_credential_types::Credentials>,
}

fn operation_name(operation: StoreOperation) -> &'static str {
    match operation {
        StoreOperation::Put => "PutObject",
        StoreOperation::Get => "GetObject",
    }
}

impl PayloadStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, body: Bytes) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.send(StoreOperation::Put, key, Some(body), None)
                .await?;
            Ok(())
        })
    }

    /// The key is the body's SHA-256, which is also what the signature covers: hashed once.
    fn put_content(&self, body: Bytes) -> BoxFuture<'_, Result<String, StoreError>> {
        Box::pin(async move {
            let hash = super::sha256_hex(&body);
            let key = super::key_for_hash(&self.inner.prefix, hash.clone());
            self.send(StoreOperation::Put, &key, Some(body), Some(hash))
                .await?;
            Ok(key)
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>, StoreError>> {
        Box::pin(async move {
            let bytes = self.send(StoreOperation::Get, key, None, None).await?;
            Ok(Vec::from(bytes))
        })
    }

    fn bucket(&self) -> &str {
        &self.inner.bucket
    }

    fn prefix(&self) -> &str {
        &self.inner.prefix
    }
}

/// Configuration of an [`S3Store`]; see [`S3Store::builder`].
#[derive(Debug, Clone)]
pub struct S3StoreBuilder {
    client: Client,
    bucket: String,
    prefix: String,
    endpoint_url: Option<String>,
    force_path_style: bool,
    sse: Option<ServerSideEncryption>,
    timeout: Option<Duration>,
    retry: Option<RetryConfig>,
}

impl S3StoreBuilder {
    /// The prefix of the keys the store makes (simpleflow's jumbo-field "directory"), e.g.
    /// `jumbo`; a trailing `/` is optional. Default: none.
    pub fn prefix(mut self, prefix: impl Into<String>) -> S3StoreBuilder {
        self.prefix = prefix.into();
        self
    }

    /// The S3 endpoint URL, e.g. `http://127.0.0.1:5000` for an S3-compatible server; objects
    /// are then addressed path style. Beats `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL`.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> S3StoreBuilder {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Path-style addressing on AWS too (`https://s3.<region>.amazonaws.com/<bucket>/<key>`).
    pub fn force_path_style(mut self, force: bool) -> S3StoreBuilder {
        self.force_path_style = force;
        self
    }

    /// Server-side encryption of stored objects. Default: none asked for (the bucket's
    /// default encryption applies).
    pub fn server_side_encryption(mut self, sse: ServerSideEncryption) -> S3StoreBuilder {
        self.sse = Some(sse);
        self
    }

    /// How long one attempt may take, answer body included. Default: the client's read timeout.
    pub fn timeout(mut self, timeout: Duration) -> S3StoreBuilder {
        self.timeout = Some(timeout);
        self
    }

    /// The retry policy. Default: the client's.
    pub fn retry_config(mut self, retry: RetryConfig) -> S3StoreBuilder {
        self.retry = Some(retry);
        self
    }

    /// The store, its endpoint read from `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` unless
    /// one was given.
    ///
    /// Fails with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) when the
    /// bucket is not a valid bucket name, the endpoint is not an `http(s)` URL or the timeout
    /// is zero.
    pub fn build(self) -> Result<S3Store, Error> {
        self.build_with_env(|name| std::env::var(name).ok())
    }

    pub(crate) fn build_with_env(
        self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<S3Store, Error> {
        check_bucket(&self.bucket)?;
        let timeout = self.timeout.unwrap_or(self.client.read_timeout());
        if timeout.is_zero() {
            return Err(Error::configuration("the S3 timeout must not be zero"));
        }
        let configured = self.endpoint_url.clone().or_else(|| {
            ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]
                .into_iter()
                .filter_map(&env)
                .find(|url| !url.trim().is_empty())
        });
        let url_prefix = url_prefix(
            &self.bucket,
            self.client.region(),
            configured.as_deref(),
            self.force_path_style,
        )?;
        Ok(S3Store {
            inner: Arc::new(Inner {
                retry: self
                    .retry
                    .unwrap_or_else(|| self.client.retry_config().clone()),
                client: self.client,
                bucket: self.bucket,
                prefix: self.prefix,
                url_prefix,
                sse: self.sse,
                timeout,
            }),
        })
    }
}

/// What an object's encoded key is appended to.
fn url_prefix(
    bucket: &str,
    region: &str,
    endpoint_url: Option<&str>,
    force_path_style: bool,
) -> Result<String, Error> {
    if let Some(url) = endpoint_url {
        let url = endpoint::parse_explicit(url, "the S3 endpoint URL")?;
        return Ok(format!("{}/{bucket}/", url.as_str().trim_end_matches('/')));
    }
    endpoint::check_region(region)?;
    let suffix = Partition::of(region).dns_suffix();
    if force_path_style || bucket.contains('.') {
        Ok(format!("https://s3.{region}.{suffix}/{bucket}/"))
    } else {
        Ok(format!("https://{bucket}.s3.{region}.{suffix}/"))
    }
}

/// S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens, starting and
/// ending with a letter or digit. Checked so a bucket name cannot change the URL's host.
fn check_bucket(bucket: &str) -> Result<(), Error> {
    let ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && bucket
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && bucket
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(Error::configuration(format!(
            "`{bucket}` is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and \
             hyphens, starting and ending with a letter or digit"
        )))
    }
}

/// A key as S3 expects it in a path: every byte but the unreserved ones and `/`
/// percent-encoded.
fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for byte in key.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text of the first `<tag>...</tag>` in an S3 error document.
fn xml_text<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml[start..].find(&close)?;
    Some(&xml[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;

    fn client(region: &str) -> Client {
        Client::builder()
            .region(region)
            .credentials(Credentials::from_keys("AKID", "secret", None))
            .build()
            .expect("client")
    }

    fn store(region: &str, bucket: &str) -> S3StoreBuilder {
        S3Store::builder(&client(region), bucket)
    }

    fn build(builder: S3StoreBuilder, env: &[(&str, &str)]) -> S3Store {
        builder
            .build_with_env(|name| {
                env.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            })
            .expect("store")
    }

    #[test]
    fn aws_buckets_are_virtual_hosted() {
        let s = build(store("eu-west-3", "my-bucket"), &[]);
        assert_eq!(
            s.object_url("jumbo/abc"),
            "https://my-bucket.s3.eu-west-3.amazonaws.com/jumbo/abc"
        );
        let s = build(store("cn-north-1", "my-bucket"), &[]);
        assert_eq!(
            s.object_url("k"),
            "https://my-bucket.s3.cn-north-1.amazonaws.com.cn/k"
        );
    }

    #[test]
    fn dotted_buckets_and_forced_path_style_use_the_regional_host() {
        let s = build(store("us-east-1", "my.bucket"), &[]);
        assert_eq!(
            s.object_url("k"),
            "https://s3.us-east-1.amazonaws.com/my.bucket/k"
        );
        let s = build(store("us-east-1", "b-1").force_path_style(true), &[]);
        assert_eq!(
            s.object_url("k"),
            "https://s3.us-east-1.amazonaws.com/b-1/k"
        );
    }

    #[test]
    fn custom_endpoints_are_path_style_and_the_environment_is_read() {
        let s = build(
            store("us-east-1", "bkt").endpoint_url("http://127.0.0.1:5000/"),
            &[("AWS_ENDPOINT_URL_S3", "http://ignored:1")],
        );
        assert_eq!(s.object_url("p/k"), "http://127.0.0.1:5000/bkt/p/k");
        let s = build(
            store("us-east-1", "bkt"),
            &[
                ("AWS_ENDPOINT_URL_S3", "http://s3.local:9000"),
                ("AWS_ENDPOINT_URL", "http://global:1"),
            ],
        );
        assert_eq!(s.object_url("k"), "http://s3.local:9000/bkt/k");
        let s = build(
            store("us-east-1", "bkt"),
            &[("AWS_ENDPOINT_URL", "http://global:1")],
        );
        assert_eq!(s.object_url("k"), "http://global:1/bkt/k");
    }

    #[test]
    fn keys_are_percent_encoded_but_slashes_kept() {
        let s = build(store("us-east-1", "bkt"), &[]);
        assert_eq!(
            s.object_url("a b/é+~"),
            "https://bkt.s3.us-east-1.amazonaws.com/a%20b/%C3%A9%2B~"
        );
    }

    #[test]
    fn bad_buckets_and_endpoints_are_refused() {
        for bucket in [
            "",
            "ab",
            "Upper",
            "evil.com/x",
            "-a-",
            "a_b",
            &"a".repeat(64),
        ] {
            let err = store("us-east-1", bucket)
                .build_with_env(|_| None)
                .expect_err(bucket);
            assert!(err.to_string().contains("not an S3 bucket name"), "{err}");
        }
        let err = store("us-east-1", "bkt")
            .endpoint_url("ftp://x")
            .build_with_env(|_| None)
            .expect_err("ftp");
        assert!(err.to_string().contains("S3 endpoint URL"), "{err}");
        let err = store("us-east-1", "bkt")
            .timeout(Duration::ZERO)
            .build_with_env(|_| None)
            .expect_err("zero timeout");
        assert!(err.to_string().contains("timeout"), "{err}");
    }

    #[test]
    fn error_documents_are_read() {
        let xml = "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
        assert_eq!(xml_text(xml, "Code"), Some("SlowDown"));
        assert_eq!(
            xml_text(xml, "Message"),
            Some("Please reduce your request rate.")
        );
        assert_eq!(xml_text(xml, "RequestId"), None);
    }
}
