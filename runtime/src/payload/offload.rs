//! [`Offload`]: which values a worker stores instead of sending them to SWF, and the markers it
//! sends in their place; [`resolve`], [`decode_result`] and [`read_failure`]: fields read back,
//! their markers replaced by the values.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::{Marker, MarkerError, PayloadStore, S3Store, StoreError};
use crate::Client;
use crate::convert::{Converter, DataConverter, ReadError};
use crate::error::Error;
use crate::failure::{Failure, FailureKind, Outcome, truncate};
use crate::rules::{DATA_MAX, REASON_MAX, swf_len};

/// The largest value stored by default: 5 MiB of characters, simpleflow's
/// `JUMBO_FIELDS_MAX_SIZE`.
pub const DEFAULT_MAX_SIZE: usize = 5 * 1024 * 1024;

/// The variable simpleflow reads its jumbo-field bucket from: `<bucket>` or
/// `<bucket>/<directory>` (the directory becomes the keys' prefix).
pub const BUCKET_VARIABLE: &str = "SIMPLEFLOW_JUMBO_FIELDS_BUCKET";

/// A worker's offloading of large values: a result or failure `details` longer than the
/// threshold (SWF's 32,768 characters unless set lower) is put in a [`PayloadStore`], and the
/// field carries simpleflow's [`Marker`] instead, which simpleflow deciders read as they read
/// their own jumbo fields. A task whose input is such a marker gets the stored value.
///
/// Values longer than [`max_size`](Offload::max_size) (5 MiB by default, as simpleflow) are not
/// stored: such a result fails the task with
/// [`FailureKind::ResultTooLarge`], and such details are cut to it by the converter.
/// Heartbeat details are never stored; they are cut to SWF's limit.
///
/// A marker is sent only once the store has said the value is stored; a store that fails
/// (after its own retries) fails the task with [`FailureKind::PayloadStore`], whose reason
/// names the bucket and key.
///
/// ```
/// use std::sync::Arc;
/// use swf_activity::payload::{MemoryStore, Offload};
///
/// let store = Arc::new(MemoryStore::new("jumbo-bucket", "jumbo"));
/// let offload = Offload::new(Arc::clone(&store)).threshold(16 * 1024);
/// assert_eq!(offload.threshold_len(), 16 * 1024);
/// assert_eq!(offload.max_size_len(), 5 * 1024 * 1024);
/// ```
#[derive(Clone)]
pub struct Offload {
    store: Arc<dyn PayloadStore>,
    threshold: usize,
    max_size: usize,
    source: &'static str,
}

impl Offload {
    /// Offloading to `store`: values longer than SWF's 32,768 characters, up to 5 MiB.
    pub fn new(store: impl PayloadStore) -> Offload {
        Offload {
            store: Arc::new(store),
            threshold: DATA_MAX,
            max_size: DEFAULT_MAX_SIZE,
            source: "code",
        }
    }

    /// Stores values longer than `chars` characters ([`swf_len`]), not only those SWF refuses:
    /// at most 32,768.
    pub fn threshold(mut self, chars: usize) -> Offload {
        self.threshold = chars;
        self
    }

    /// The longest value stored, in characters ([`swf_len`]); at least 32,768.
    pub fn max_size(mut self, chars: usize) -> Offload {
        self.max_size = chars;
        self
    }

    /// Offloading as simpleflow's environment configures it: to the S3 bucket (and key
    /// prefix) [`SIMPLEFLOW_JUMBO_FIELDS_BUCKET`](BUCKET_VARIABLE) names, through an
    /// [`S3Store`] with `client`'s region, credentials and retries (and `AWS_ENDPOINT_URL_S3`,
    /// if set). `None` when the variable is unset or empty.
    ///
    /// [`WorkerBuilder::build`](crate::worker::WorkerBuilder::build) calls this unless
    /// offloading was set in code.
    pub fn from_env(client: &Client) -> Result<Option<Offload>, Error> {
        Offload::from_lookup(client, |name| std::env::var(name).ok())
    }

    pub(crate) fn from_lookup(
        client: &Client,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Offload>, Error> {
        let Some(value) = env(BUCKET_VARIABLE).filter(|v| !v.trim().is_empty()) else {
            return Ok(None);
        };
        let value = value.trim().trim_end_matches('/');
        let (bucket, prefix) = value.split_once('/').unwrap_or((value, ""));
        let store = S3Store::builder(client, bucket)
            .prefix(prefix)
            .build_with_env(&env)
            .map_err(|e| {
                Error::configuration(format!("{BUCKET_VARIABLE}=`{value}`: {e}")).with_source(e)
            })?;
        let mut offload = Offload::new(store);
        offload.source = BUCKET_VARIABLE;
        Ok(Some(offload))
    }

    /// The store values are kept in.
    pub fn store(&self) -> &dyn PayloadStore {
        &*self.store
    }

    /// Values longer than this many characters are stored.
    pub fn threshold_len(&self) -> usize {
        self.threshold
    }

    /// The longest value stored.
    pub fn max_size_len(&self) -> usize {
        self.max_size
    }

    /// Where this offloading was configured: `code`, or the environment variable.
    pub(crate) fn source(&self) -> &'static str {
        self.source
    }

    /// Refuses a configuration that cannot work.
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.threshold > DATA_MAX {
            return Err(Error::configuration(format!(
                "the offloading threshold ({}) is above SWF's limit of {DATA_MAX} characters, \
                 which cannot be sent",
                self.threshold
            )));
        }
        if self.max_size < DATA_MAX {
            return Err(Error::configuration(format!(
                "the largest offloaded value ({} characters) is below SWF's limit of \
                 {DATA_MAX}: values SWF takes would fail",
                self.max_size
            )));
        }
        Ok(())
    }

    /// Whether `outcome` has a field to store: the cheap test, made for every task.
    pub(crate) fn needs(&self, outcome: &Outcome) -> bool {
        let field = match outcome {
            Outcome::Completed { result } => result.as_deref(),
            Outcome::Failed { details, .. } => Some(details.as_str()),
        };
        // A character is one to four UTF-8 bytes and one or two UTF-16 units, so the byte
        // length settles most fields without counting: at most the threshold, none is stored;
        // over four times it, it is.
        field.is_some_and(|f| {
            f.len() > self.threshold
                && (f.len() / 4 > self.threshold || swf_len(f) > self.threshold)
        })
    }

    /// `outcome` with a result or details longer than the threshold stored and replaced by
    /// its marker; a store that fails turns it into `converter`'s
    /// [`FailureKind::PayloadStore`] failure.
    pub(crate) async fn settle(&self, outcome: Outcome, converter: &dyn Converter) -> Outcome {
        if !self.needs(&outcome) {
            return outcome;
        }
        match outcome {
            Outcome::Completed {
                result: Some(result),
            } => match self.put(result).await {
                Ok(marker) => Outcome::Completed {
                    result: Some(marker),
                },
                Err(err) => converter.framework_failure(
                    FailureKind::PayloadStore,
                    &format!("storing the result: {err}"),
                ),
            },
            Outcome::Failed {
                reason,
                details,
                framework,
            } => match self.put(details).await {
                Ok(marker) => Outcome::Failed {
                    reason,
                    details: marker,
                    framework,
                },
                Err(err) => converter.framework_failure(
                    FailureKind::PayloadStore,
                    &format!(
                        "storing the failure's details: {err}; the activity failed with: {}",
                        truncate(&reason, REASON_MAX)
                    ),
                ),
            },
            other => other,
        }
    }

    /// Stores `value` and returns its marker, once the store has it.
    async fn put(&self, value: String) -> Result<String, StoreError> {
        let chars = u64::try_from(value.chars().count()).unwrap_or(u64::MAX);
        // The text's own buffer, not a copy: a retried put resends it by reference.
        let key = self.store.put_content(Bytes::from(value)).await?;
        tracing::info!(
            bucket = %self.store.bucket(),
            key = %key,
            chars,
            "value too long for SWF stored; its marker is sent instead"
        );
        Ok(Marker::new(self.store.bucket(), key, chars).to_string())
    }

    /// A task's input with its marker (if it is one) replaced by the stored value, or the
    /// failure `converter` gives: [`FailureKind::InputDecode`] for a marker that is malformed,
    /// names another bucket or an object that is missing or not text, and
    /// [`FailureKind::PayloadStore`] when the store fails.
    pub(crate) async fn fetch_input(
        &self,
        input: String,
        converter: &dyn Converter,
    ) -> Result<String, Outcome> {
        match resolve(&*self.store, &input).await {
            Ok(Cow::Borrowed(_)) => Ok(input),
            Ok(Cow::Owned(value)) => Ok(value),
            Err(err) => Err(input_failure(&err, converter)),
        }
    }
}

/// The failure of a task whose input marker could not be resolved.
pub(crate) fn input_failure(err: &ResolveError, converter: &dyn Converter) -> Outcome {
    match err {
        ResolveError::Store(store @ StoreError::AccessDenied { .. })
        | ResolveError::Store(store @ StoreError::Failed { .. }) => converter.framework_failure(
            FailureKind::PayloadStore,
            &format!("reading the input: {store}"),
        ),
        other => converter.framework_failure(FailureKind::InputDecode, &other.to_string()),
    }
}

/// The value a task's input `marker` stands for, through `offload`'s store, or the failure
/// `converter` gives: see [`Offload::fetch_input`]; without offloading, an
/// [`FailureKind::InputDecode`] failure that says how to turn it on.
pub(crate) async fn marked_input(
    offload: Option<&Offload>,
    marker: String,
    converter: &dyn Converter,
) -> Result<String, Outcome> {
    match offload {
        Some(offload) => offload.fetch_input(marker, converter).await,
        None => Err(converter.framework_failure(
            FailureKind::InputDecode,
            &format!(
                "the input is a payload marker (`{}`) and this worker has no payload store: set \
                 one with `WorkerBuilder::offload`, or {BUCKET_VARIABLE}",
                truncate(&marker, 120)
            ),
        )),
    }
}

/// The longest result or details a converter may encode: the store's largest value when
/// offloading, else SWF's limit.
pub(crate) fn encoding_limit(offload: Option<&Offload>) -> usize {
    offload.map_or(DATA_MAX, Offload::max_size_len)
}

impl fmt::Debug for Offload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Offload")
            .field("bucket", &self.store.bucket())
            .field("prefix", &self.store.prefix())
            .field("threshold", &self.threshold)
            .field("max_size", &self.max_size)
            .finish()
    }
}

/// Why a field's marker could not be replaced by its value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The field starts as a marker does, but is not one.
    #[error(transparent)]
    Marker(#[from] MarkerError),
    /// The marker names a bucket the store does not read.
    #[error("the marker names bucket `{marker}`, and the payload store reads bucket `{store}`")]
    OtherBucket {
        /// The marker's bucket.
        marker: String,
        /// The store's bucket.
        store: String,
    },
    /// The store could not get the object, after its retries.
    #[error("the marked value could not be read: {0}")]
    Store(#[from] StoreError),
    /// The object is not UTF-8 text, so it cannot be what SWF's field would have carried.
    #[error("object `{key}` in bucket `{bucket}` is not UTF-8 text")]
    NotText {
        /// The bucket.
        bucket: String,
        /// The key.
        key: String,
    },
}

/// Decider side: a `result`, `details` or `input` as it was meant, with a [`Marker`] replaced
/// by the value it points to, got from `store`. A field that is no marker is returned as it is,
/// without a copy.
///
/// The converters' read-back helpers ([`convert::decode_result`](crate::convert::decode_result),
/// [`convert::read_failure`](crate::convert::read_failure)) see markers as plain text; this
/// module's [`decode_result`] and [`read_failure`] resolve them first.
///
/// ```
/// use swf_activity::payload::{MemoryStore, PayloadStore, resolve};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let store = MemoryStore::new("jumbo-bucket", "jumbo");
/// let key = store.key_for(b"[1,2,3]");
/// store.put(&key, "[1,2,3]".into()).await.unwrap();
///
/// let field = format!("simpleflow+s3://jumbo-bucket/{key} 7");
/// assert_eq!(resolve(&store, &field).await.unwrap(), "[1,2,3]");
/// assert_eq!(resolve(&store, "[4]").await.unwrap(), "[4]");
/// # });
/// ```
pub async fn resolve<'a>(
    store: &dyn PayloadStore,
    field: &'a str,
) -> Result<Cow<'a, str>, ResolveError> {
    if !Marker::is_marker(field) {
        return Ok(Cow::Borrowed(field));
    }
    let marker = Marker::parse(field)?;
    if marker.bucket() != store.bucket() {
        return Err(ResolveError::OtherBucket {
            marker: marker.bucket().to_owned(),
            store: store.bucket().to_owned(),
        });
    }
    let body = store.get(marker.key()).await?;
    String::from_utf8(body)
        .map(Cow::Owned)
        .map_err(|_| ResolveError::NotText {
            bucket: marker.bucket().to_owned(),
            key: marker.key().to_owned(),
        })
}

/// Why a stored result could not be read back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadBackError {
    /// The marker could not be resolved.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// The value does not decode as the converter and the type expect.
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// Decider side: [`convert::decode_result`](crate::convert::decode_result) of a `result` that
/// may be a [`Marker`], resolved through `store` first.
///
/// ```
/// use swf_activity::convert::Json;
/// use swf_activity::payload::{self, MemoryStore, PayloadStore};
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let store = MemoryStore::new("jumbo-bucket", "jumbo");
/// let key = store.put_content("[1,2,3]".into()).await.unwrap();
/// let result = format!("simpleflow+s3://jumbo-bucket/{key} 7");
/// let read: Vec<u32> = payload::decode_result(&store, &Json, Some(&result)).await.unwrap();
/// assert_eq!(read, [1, 2, 3]);
/// # });
/// ```
pub async fn decode_result<T: DeserializeOwned>(
    store: &dyn PayloadStore,
    converter: &(impl DataConverter + ?Sized),
    result: Option<&str>,
) -> Result<T, ReadBackError> {
    let resolved = match result {
        Some(field) => Some(resolve(store, field).await?),
        None => None,
    };
    Ok(crate::convert::decode_result(
        converter,
        resolved.as_deref(),
    )?)
}

/// Decider side: [`convert::read_failure`](crate::convert::read_failure) of `details` that may
/// be a [`Marker`], resolved through `store` first (the `reason` is never offloaded).
pub async fn read_failure(
    store: &dyn PayloadStore,
    converter: &(impl DataConverter + ?Sized),
    reason: Option<&str>,
    details: Option<&str>,
) -> Result<Failure, ResolveError> {
    let resolved = match details {
        Some(field) => Some(resolve(store, field).await?),
        None => None,
    };
    Ok(crate::convert::read_failure(
        converter,
        reason,
        resolved.as_deref(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::Json;
    use crate::credentials::Credentials;
    use crate::payload::{Fault, MemoryStore, StoreOperation};

    fn client() -> Client {
        Client::builder()
            .region("eu-west-1")
            .credentials(Credentials::from_keys("AKID", "secret", None))
            .build()
            .expect("client")
    }

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn the_environment_names_bucket_and_prefix_as_simpleflow_reads_them() {
        let none = Offload::from_lookup(&client(), lookup(&[])).expect("no variable: fine");
        assert!(none.is_none());
        let blank = Offload::from_lookup(&client(), lookup(&[(BUCKET_VARIABLE, " ")]))
            .expect("an empty variable: off");
        assert!(blank.is_none());

        let bare = Offload::from_lookup(&client(), lookup(&[(BUCKET_VARIABLE, "jumbo-bucket")]))
            .expect("valid")
            .expect("on");
        assert_eq!(
            (bare.store().bucket(), bare.store().prefix()),
            ("jumbo-bucket", "")
        );
        assert_eq!(bare.source(), BUCKET_VARIABLE);
        assert_eq!(bare.threshold_len(), DATA_MAX);
        assert_eq!(bare.max_size_len(), DEFAULT_MAX_SIZE);

        // simpleflow trims one trailing `/` and keeps the rest as the directory.
        let nested =
            Offload::from_lookup(&client(), lookup(&[(BUCKET_VARIABLE, "jumbo-bucket/a/b/")]))
                .expect("valid")
                .expect("on");
        assert_eq!(
            (nested.store().bucket(), nested.store().prefix()),
            ("jumbo-bucket", "a/b")
        );
        assert!(nested.store().key_for(b"x").starts_with("a/b/"));

        let err = Offload::from_lookup(&client(), lookup(&[(BUCKET_VARIABLE, "Not_A_Bucket")]))
            .expect_err("a bucket S3 would refuse");
        assert_eq!(*err.kind(), crate::ErrorKind::Configuration);
        assert!(
            err.to_string()
                .contains("SIMPLEFLOW_JUMBO_FIELDS_BUCKET=`Not_A_Bucket`"),
            "{err}"
        );
    }

    #[test]
    fn only_fields_over_the_threshold_need_storing() {
        let offload = Offload::new(MemoryStore::new("b", "p")).threshold(4);
        let completed = |r: &str| Outcome::Completed {
            result: Some(r.to_owned()),
        };
        assert!(!offload.needs(&completed("1234")));
        assert!(offload.needs(&completed("12345")));
        assert!(!offload.needs(&Outcome::Completed { result: None }));
        // Counted as SWF counts: four characters of two bytes each are four, not eight.
        assert!(!offload.needs(&completed("éééé")));
        // Astral characters are two UTF-16 units each.
        assert!(offload.needs(&completed("😀😀😀")));
        let failed = Outcome::Failed {
            reason: "a long reason that is never stored".to_owned(),
            details: "{}".to_owned(),
            framework: None,
        };
        assert!(!offload.needs(&failed), "the reason does not count");
    }

    #[tokio::test]
    async fn settling_stores_then_marks_and_a_failed_put_marks_nothing() {
        let store = Arc::new(MemoryStore::new("b", "p"));
        let offload = Offload::new(Arc::clone(&store)).threshold(3);
        let settled = offload
            .settle(
                Outcome::Completed {
                    result: Some("\"long\"".to_owned()),
                },
                &Json,
            )
            .await;
        let marker = Marker::parse(settled.result().expect("a result")).expect("a marker");
        assert_eq!(marker.bucket(), "b");
        assert_eq!(marker.size(), 6);
        assert_eq!(
            store.object(marker.key()).as_deref(),
            Some(&b"\"long\""[..])
        );

        store.inject(StoreOperation::Put, Fault::SlowDown);
        let settled = offload
            .settle(
                Outcome::Failed {
                    reason: "it broke".to_owned(),
                    details: "{\"why\":1}".to_owned(),
                    framework: None,
                },
                &Json,
            )
            .await;
        let reason = settled.reason().expect("failed");
        assert!(
            reason.starts_with("activity payload store failed: storing the failure's details: "),
            "{reason}"
        );
        assert!(reason.contains("SlowDown"), "{reason}");
        let details = settled.details().expect("details");
        assert!(
            details.contains("the activity failed with: it broke"),
            "{details}"
        );
        assert_eq!(store.keys().len(), 1, "nothing more was stored");
    }

    #[tokio::test]
    async fn resolving_refuses_what_it_cannot_read() {
        let store = MemoryStore::new("b", "p");
        let err = resolve(&store, "simpleflow+s3://other/p/k 3")
            .await
            .expect_err("another bucket");
        assert!(matches!(err, ResolveError::OtherBucket { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            "the marker names bucket `other`, and the payload store reads bucket `b`"
        );

        let err = resolve(&store, "simpleflow+s3://b/p/missing 3")
            .await
            .expect_err("missing");
        assert!(
            matches!(err, ResolveError::Store(StoreError::NotFound { .. })),
            "{err}"
        );
        assert!(err.to_string().contains("`p/missing`"), "{err}");

        store
            .put("p/binary", Bytes::from_static(&[0xff, 0xfe]))
            .await
            .expect("put");
        let err = resolve(&store, "simpleflow+s3://b/p/binary 2")
            .await
            .expect_err("not text");
        assert_eq!(
            err.to_string(),
            "object `p/binary` in bucket `b` is not UTF-8 text"
        );

        let err = resolve(&store, "simpleflow+s3://b")
            .await
            .expect_err("malformed");
        assert!(matches!(err, ResolveError::Marker(_)), "{err}");

        // An input that cannot be resolved fails the task: undecodable unless the store failed.
        let failure = input_failure(&err, &Json);
        assert!(
            failure
                .reason()
                .is_some_and(|r| r.starts_with("activity input did not decode")),
            "{failure:?}"
        );
        store.inject(StoreOperation::Get, Fault::InternalError);
        let err = resolve(&store, "simpleflow+s3://b/p/binary 2")
            .await
            .expect_err("store failure");
        let failure = input_failure(&err, &Json);
        assert!(
            failure
                .reason()
                .is_some_and(|r| r.starts_with("activity payload store failed: reading the input")),
            "{failure:?}"
        );
    }

    #[tokio::test]
    async fn deciders_read_stored_results_and_failures_back() {
        let store = MemoryStore::new("b", "p");
        let key = store
            .put_content(Bytes::from_static(b"{\"n\":7}"))
            .await
            .expect("stored");
        let marker = format!("simpleflow+s3://b/{key} 7");

        let read: serde_json::Value = decode_result(&store, &Json, Some(&marker))
            .await
            .expect("read");
        assert_eq!(read, serde_json::json!({"n": 7}));
        let inline: u32 = decode_result(&store, &Json, Some("3"))
            .await
            .expect("inline");
        assert_eq!(inline, 3);
        let wrong = decode_result::<u32>(&store, &Json, Some(&marker))
            .await
            .expect_err("not a u32");
        assert!(matches!(wrong, ReadBackError::Read(_)), "{wrong}");
        let missing = decode_result::<u32>(&store, &Json, Some("simpleflow+s3://b/p/x 1"))
            .await
            .expect_err("missing");
        assert!(matches!(missing, ReadBackError::Resolve(_)), "{missing}");

        let failure = read_failure(&store, &Json, Some("it broke"), Some(&marker))
            .await
            .expect("read");
        assert_eq!(failure.details(), Some("{\"n\":7}"));
        assert_eq!(failure.reason(), Some("it broke"));
    }
}
