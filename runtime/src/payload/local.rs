//! [`MemoryStore`]: objects in memory, with failures on demand.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;

use super::{BoxFuture, PayloadStore, StoreError, StoreOperation, iam_action, object_arn};

/// How a [`MemoryStore`] fails one operation: the final outcome [`S3Store`](super::S3Store)
/// reports for the same S3 answer, its retries done.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP 500 `InternalError` on every attempt: [`StoreError::Failed`].
    InternalError,
    /// HTTP 503 `SlowDown` on every attempt: [`StoreError::Failed`].
    SlowDown,
    /// HTTP 403 `AccessDenied`: [`StoreError::AccessDenied`] naming the IAM action.
    AccessDenied,
    /// No such object: [`StoreError::NotFound`] (also on a put, where S3 would say
    /// `NoSuchBucket`; a test can use it to lose a value).
    NotFound,
    /// No answer within the timeout on every attempt: [`StoreError::Failed`].
    Timeout,
    /// Wait this long, then carry out the operation normally.
    Delay(Duration),
}

/// A [`PayloadStore`] in memory, for tests: no AWS needed.
///
/// [`MemoryStore::inject`] queues faults that the next operations of a kind meet, one each, in
/// order; operations without a queued fault succeed.
///
/// ```
/// use swf_activity::payload::{Fault, MemoryStore, PayloadStore, StoreError, StoreOperation};
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let store = MemoryStore::new("jumbo-bucket", "jumbo");
/// let key = store.key_for(b"big value");
/// store.put(&key, "big value".into()).await.unwrap();
/// assert_eq!(store.get(&key).await.unwrap(), b"big value");
///
/// store.inject(StoreOperation::Get, Fault::AccessDenied);
/// let err = store.get(&key).await.unwrap_err();
/// assert!(matches!(err, StoreError::AccessDenied { action: "s3:GetObject", .. }));
/// # });
/// ```
#[derive(Debug)]
pub struct MemoryStore {
    bucket: String,
    prefix: String,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    objects: HashMap<String, Bytes>,
    faults: HashMap<StoreOperation, VecDeque<Fault>>,
    puts: usize,
    gets: usize,
}

impl MemoryStore {
    /// An empty store that names `bucket` in markers and errors and makes keys under `prefix`.
    pub fn new(bucket: impl Into<String>, prefix: impl Into<String>) -> MemoryStore {
        MemoryStore {
            bucket: bucket.into(),
            prefix: prefix.into(),
            state: Mutex::new(State::default()),
        }
    }

    /// Queues `fault` for the next `operation` that has no fault queued before it.
    pub fn inject(&self, operation: StoreOperation, fault: Fault) {
        self.state()
            .faults
            .entry(operation)
            .or_default()
            .push_back(fault);
    }

    /// The object under `key`, if any, without counting as a get or meeting a fault.
    pub fn object(&self, key: &str) -> Option<Bytes> {
        self.state().objects.get(key).cloned()
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.state().objects.keys().cloned().collect();
        keys.sort();
        keys
    }

    /// How many puts and gets were asked for, faulted ones included.
    pub fn operations(&self) -> (usize, usize) {
        let state = self.state();
        (state.puts, state.gets)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state stays consistent across a panic: every change is one insert or pop.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Counts the operation and takes its next fault; `Ok` when it may go ahead (after any
    /// delay).
    async fn begin(&self, operation: StoreOperation, key: &str) -> Result<(), StoreError> {
        let fault = {
            let mut state = self.state();
            match operation {
                StoreOperation::Put => state.puts += 1,
                StoreOperation::Get => state.gets += 1,
            }
            state
                .faults
                .get_mut(&operation)
                .and_then(VecDeque::pop_front)
        };
        let failed = |status: Option<u16>, code: Option<&str>, message: &str| StoreError::Failed {
            operation: match operation {
                StoreOperation::Put => "PutObject",
                StoreOperation::Get => "GetObject",
            },
            bucket: self.bucket.clone(),
            key: key.to_owned(),
            attempts: 1,
            status,
            code: code.map(str::to_owned),
            message: message.to_owned(),
            source: None,
        };
        match fault {
            None => Ok(()),
            Some(Fault::Delay(delay)) => {
                tokio::time::sleep(delay).await;
                Ok(())
            }
            Some(Fault::InternalError) => Err(failed(
                Some(500),
                Some("InternalError"),
                "HTTP 500 InternalError: We encountered an internal error. Please try again.",
            )),
            Some(Fault::SlowDown) => Err(failed(
                Some(503),
                Some("SlowDown"),
                "HTTP 503 SlowDown: Please reduce your request rate.",
            )),
            Some(Fault::Timeout) => Err(failed(None, None, "no answer within the timeout")),
            Some(Fault::AccessDenied) => Err(StoreError::AccessDenied {
                bucket: self.bucket.clone(),
                key: key.to_owned(),
                action: iam_action(operation),
                arn: object_arn("aws", &self.bucket, key),
                message: "HTTP 403 AccessDenied: Access Denied".to_owned(),
            }),
            Some(Fault::NotFound) => Err(StoreError::NotFound {
                bucket: self.bucket.clone(),
                key: key.to_owned(),
            }),
        }
    }
}

impl PayloadStore for MemoryStore {
    fn put<'a>(&'a self, key: &'a str, body: Bytes) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.begin(StoreOperation::Put, key).await?;
            self.state().objects.insert(key.to_owned(), body);
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Vec<u8>, StoreError>> {
        Box::pin(async move {
            self.begin(StoreOperation::Get, key).await?;
            match self.state().objects.get(key) {
                Some(body) => Ok(body.to_vec()),
                None => Err(StoreError::NotFound {
                    bucket: self.bucket.clone(),
                    key: key.to_owned(),
                }),
            }
        })
    }

    fn bucket(&self) -> &str {
        &self.bucket
    }

    fn prefix(&self) -> &str {
        &self.prefix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn faults_hit_the_next_operations_in_order() {
        let store = MemoryStore::new("b", "p");
        let key = store.key_for(b"v");
        store.inject(StoreOperation::Put, Fault::SlowDown);
        store.inject(StoreOperation::Put, Fault::InternalError);
        let err = store
            .put(&key, Bytes::from_static(b"v"))
            .await
            .expect_err("fails");
        assert!(err.to_string().contains("503 SlowDown"), "{err}");
        assert!(err.to_string().contains(&key), "{err}");
        let err = store
            .put(&key, Bytes::from_static(b"v"))
            .await
            .expect_err("fails");
        assert!(err.to_string().contains("500 InternalError"), "{err}");
        assert!(store.object(&key).is_none(), "a failed put stores nothing");
        store
            .put(&key, Bytes::from_static(b"v"))
            .await
            .expect("third put");
        assert_eq!(store.get(&key).await.expect("get"), b"v");
        assert_eq!(store.operations(), (3, 1));
        assert_eq!(store.keys(), std::slice::from_ref(&key));

        store.inject(StoreOperation::Get, Fault::NotFound);
        assert!(matches!(
            store.get(&key).await,
            Err(StoreError::NotFound { .. })
        ));
        let missing = store.get("p/none").await.expect_err("fails");
        assert_eq!(missing.to_string(), "no object `p/none` in bucket `b`");
    }

    #[tokio::test(start_paused = true)]
    async fn delays_then_succeeds() {
        let store = MemoryStore::new("b", "");
        store.inject(StoreOperation::Get, Fault::Delay(Duration::from_secs(30)));
        store.put("k", Bytes::from_static(b"v")).await.expect("put");
        let started = tokio::time::Instant::now();
        assert_eq!(store.get("k").await.expect("get"), b"v");
        assert!(started.elapsed() >= Duration::from_secs(30));
    }

    #[tokio::test]
    async fn access_denied_names_the_action_and_arn() {
        let store = MemoryStore::new("b", "");
        store.inject(StoreOperation::Put, Fault::AccessDenied);
        let err = store.put("k", Bytes::new()).await.expect_err("fails");
        assert!(
            err.to_string()
                .contains("`s3:PutObject` on `arn:aws:s3:::b/k`"),
            "{err}"
        );
    }
}
