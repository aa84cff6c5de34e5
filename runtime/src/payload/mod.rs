//! Payload stores: where values too large for an SWF field (32,768 characters) are kept, and
//! the jumbo-field [`Marker`] simpleflow puts in the field instead.
//!
//! A [`PayloadStore`] puts and gets bytes under a key. [`S3Store`] is the built-in one: it signs
//! S3's PutObject and GetObject with the same keys, region and retry policy as a [`Client`]
//! (and without the AWS SDK for S3). [`MemoryStore`] keeps objects in memory, for tests, and
//! can be told to fail the way [`S3Store`] reports S3's failures.
//!
//! Keys are derived from the content ([`key_for`]): storing the same value twice writes the
//! same object, so a put retried after a lost answer leaves nothing behind.
//!
//! ```no_run
//! use swf_activity::Client;
//! use swf_activity::payload::{Marker, PayloadStore, S3Store, ServerSideEncryption};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::from_env().await?;
//! let store = S3Store::builder(&client, "my-jumbo-bucket")
//!     .prefix("jumbo")
//!     .server_side_encryption(ServerSideEncryption::Aes256)
//!     .build()?;
//!
//! let value = "x".repeat(100_000);
//! let key = store.key_for(value.as_bytes());
//! store.put(&key, value.clone().into_bytes().into()).await?;
//! let marker = Marker::for_value(store.bucket(), &key, &value);
//! // `marker.to_string()` is what goes into the SWF field; a simpleflow decider reads it.
//!
//! let read = store.get(Marker::parse(&marker.to_string())?.key()).await?;
//! assert_eq!(read, value.as_bytes());
//! # Ok(())
//! # }
//! ```
//!
//! [`Client`]: crate::Client

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use sha2::{Digest, Sha256};

mod local;
mod marker;
mod offload;
mod s3;

pub use local::{Fault, MemoryStore};
pub use marker::{Marker, MarkerError, PREFIX as MARKER_PREFIX};
pub use offload::{
    BUCKET_VARIABLE, DEFAULT_MAX_SIZE, Offload, ReadBackError, ResolveError, decode_result,
    read_failure, resolve,
};
pub(crate) use offload::{encoding_limit, marked_input};
pub use s3::{S3Store, S3StoreBuilder, ServerSideEncryption};

/// A boxed future, as [`PayloadStore`]'s methods return (the trait is object-safe).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Somewhere to keep payloads too large for SWF: bytes under a key, in a bucket.
///
/// Implementations retry transient failures themselves; an `Err` is final.
pub trait PayloadStore: Send + Sync + 'static {
    /// Stores `body` under `key` (the prefix included, as [`PayloadStore::key_for`] makes it),
    /// replacing any object there. Returns once the store has answered that the object is
    /// stored. `Bytes` lets the store resend the body on a retry without copying it.
    fn put<'a>(&'a self, key: &'a str, body: Bytes) -> BoxFuture<'a, Result<(), StoreError>>;

    /// The object under `key`; [`StoreError::NotFound`] when there is none.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>, StoreError>>;

    /// The bucket objects are kept in, as a [`Marker`] names it.
    fn bucket(&self) -> &str;

    /// The prefix of the keys this store makes ("" for none).
    fn prefix(&self) -> &str;

    /// The key `body` is stored under: [`key_for`] with this store's prefix.
    fn key_for(&self, body: &[u8]) -> String {
        key_for(self.prefix(), body)
    }

    /// Stores `body` under its own key ([`key_for`](PayloadStore::key_for)) and returns the
    /// key, once the store has answered that the object is stored: what an offloading worker
    /// calls. A store that hashes the body anyway (S3's signature covers its SHA-256)
    /// overrides it to read a large body once rather than twice.
    fn put_content(&self, body: Bytes) -> BoxFuture<'_, Result<String, StoreError>> {
        Box::pin(async move {
            let key = self.key_for(&body);
            self.put(&key, body).await?;
            Ok(key)
        })
    }
}

/// A store shared with other owners (a test that reads back what a worker stored, or one
/// [`MemoryStore`] for several workers).
impl<S: PayloadStore + ?Sized> PayloadStore for std::sync::Arc<S> {
    fn put<'a>(&'a self, key: &'a str, body: Bytes) -> BoxFuture<'a, Result<(), StoreError>> {
        S::put(self, key, body)
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>, StoreError>> {
        S::get(self, key)
    }

    fn bucket(&self) -> &str {
        S::bucket(self)
    }

    fn prefix(&self) -> &str {
        S::prefix(self)
    }

    fn key_for(&self, body: &[u8]) -> String {
        S::key_for(self, body)
    }

    fn put_content(&self, body: Bytes) -> BoxFuture<'_, Result<String, StoreError>> {
        S::put_content(self, body)
    }
}

/// The key of `body` under `prefix`: the hex SHA-256 of the body, after the prefix and a `/`
/// (no `/` when the prefix is empty; a trailing `/` on the prefix is not doubled). Equal bodies
/// get equal keys, so storing a value again rewrites the same object.
///
/// ```
/// use swf_activity::payload::key_for;
///
/// assert_eq!(
///     key_for("jumbo/", b"abc"),
///     "jumbo/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn key_for(prefix: &str, body: &[u8]) -> String {
    key_for_hash(prefix, sha256_hex(body))
}

/// [`key_for`], from the body's hex SHA-256.
pub(crate) fn key_for_hash(prefix: &str, hash: String) -> String {
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() {
        hash
    } else {
        format!("{prefix}/{hash}")
    }
}

/// Lowercase hex SHA-256, as keys and S3's `x-amz-content-sha256` spell it.
pub(crate) fn sha256_hex(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// A store operation, to say which one a [`Fault`] hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreOperation {
    /// A put (S3's PutObject).
    Put,
    /// A get (S3's GetObject).
    Get,
}

/// Why a payload store could not put or get an object.
///
/// Every message names the bucket and the key.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// There is no object under the key (S3's 404 `NoSuchKey`).
    #[error("no object `{key}` in bucket `{bucket}`")]
    NotFound {
        /// The bucket.
        bucket: String,
        /// The missing key.
        key: String,
    },
    /// The credentials are not allowed the operation (S3's 403 `AccessDenied`).
    #[error(
        "access denied to `{key}` in bucket `{bucket}`: the credentials need IAM action \
         `{action}` on `{arn}` ({message})"
    )]
    AccessDenied {
        /// The bucket.
        bucket: String,
        /// The key.
        key: String,
        /// The IAM action needed, `s3:PutObject` or `s3:GetObject`.
        action: &'static str,
        /// The object's ARN, `arn:aws:s3:::<bucket>/<key>`.
        arn: String,
        /// What the store said.
        message: String,
    },
    /// Any other failure, after the retries transient failures get.
    #[error(
        "{operation} of `{key}` in bucket `{bucket}` failed after {attempts} attempt(s): {message}"
    )]
    Failed {
        /// `PutObject` or `GetObject`.
        operation: &'static str,
        /// The bucket.
        bucket: String,
        /// The key.
        key: String,
        /// How many attempts were made.
        attempts: u32,
        /// The HTTP status of the last answer, if there was one.
        status: Option<u16>,
        /// The store's error code of the last answer (e.g. `SlowDown`), if any.
        code: Option<String>,
        /// What went wrong the last time.
        message: String,
        /// The underlying error, e.g. a transport or credentials error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
}

impl StoreError {
    /// The key the failed operation was for.
    pub fn key(&self) -> &str {
        match self {
            StoreError::NotFound { key, .. }
            | StoreError::AccessDenied { key, .. }
            | StoreError::Failed { key, .. } => key,
        }
    }

    /// The bucket the failed operation was for.
    pub fn bucket(&self) -> &str {
        match self {
            StoreError::NotFound { bucket, .. }
            | StoreError::AccessDenied { bucket, .. }
            | StoreError::Failed { bucket, .. } => bucket,
        }
    }
}

/// The ARN of an object in `partition` (`aws`, `aws-cn`, ...), as IAM policies name it.
pub(crate) fn object_arn(partition: &str, bucket: &str, key: &str) -> String {
    format!("arn:{partition}:s3:::{bucket}/{key}")
}

/// The ARN of every key `store` makes, for an IAM policy: `<bucket>/<prefix>/*`.
pub(crate) fn keys_arn(partition: &str, store: &dyn PayloadStore) -> String {
    let prefix = store.prefix().trim_end_matches('/');
    if prefix.is_empty() {
        object_arn(partition, store.bucket(), "*")
    } else {
        object_arn(partition, store.bucket(), &format!("{prefix}/*"))
    }
}

/// The IAM action of a store operation.
pub(crate) fn iam_action(operation: StoreOperation) -> &'static str {
    match operation {
        StoreOperation::Put => "s3:PutObject",
        StoreOperation::Get => "s3:GetObject",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_content_hash_under_the_prefix() {
        let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(key_for("", b"abc"), hash);
        assert_eq!(key_for("jumbo", b"abc"), format!("jumbo/{hash}"));
        assert_eq!(key_for("jumbo/", b"abc"), format!("jumbo/{hash}"));
        assert_eq!(key_for("a/b", b"abc"), format!("a/b/{hash}"));
        assert_eq!(key_for("p", b"abc"), key_for("p", b"abc"));
        assert_ne!(key_for("p", b"abc"), key_for("p", b"abd"));
    }

    #[test]
    fn errors_name_bucket_key_and_action() {
        let denied = StoreError::AccessDenied {
            bucket: "b".into(),
            key: "k".into(),
            action: iam_action(StoreOperation::Put),
            arn: object_arn("aws", "b", "k"),
            message: "Access Denied".into(),
        };
        let text = denied.to_string();
        assert!(text.contains("`s3:PutObject`"), "{text}");
        assert!(text.contains("`arn:aws:s3:::b/k`"), "{text}");
        assert_eq!((denied.bucket(), denied.key()), ("b", "k"));
        let missing = StoreError::NotFound {
            bucket: "b".into(),
            key: "k".into(),
        };
        assert_eq!(missing.to_string(), "no object `k` in bucket `b`");
    }
}
