//! Where the client's AWS credentials come from, and how they are kept fresh.
//!
//! A [`Credentials`] is a *source* of credentials: static keys, the standard environment
//! variables, any [`ProvideCredentials`] (for example one from `aws-config`), or, with the
//! default `aws-config` feature, the standard AWS chain (environment, shared config and
//! credentials files with profiles, SSO, container and instance roles, web identity).
//!
//! The client keeps what the source hands out in a cache and asks the source again **before**
//! the credentials expire: when less than five minutes are left, or, for credentials that live
//! less than ten minutes, when half of their lifetime is left. Credentials without an expiry
//! (static keys, profile files, `credential_process` output without `Expiration`) are read
//! again every 15 minutes, as the AWS SDKs do, and at once when SWF answers that they are
//! expired or unknown (`ExpiredToken*`, `InvalidClientTokenId`, `UnrecognizedClientException`;
//! the request is then sent once more with the new keys).
//!
//! Requests are not held up by a refresh while the cached keys are still valid: the refresh
//! runs in the background. Requests without valid keys wait for one refresh instead of each
//! asking the source. Each call of the source may take at most 5 seconds; after a failed one
//! the source is left alone for a second, then longer with each failure in a row (up to 15 s),
//! and requests without valid keys meanwhile fail at once with [`ErrorKind::Credentials`].

use std::error::Error as StdError;
use std::fmt;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use crate::Error;
use crate::clock::LocalClock;
use crate::error::ErrorKind;

/// The name aws-credential-types records as the provider of keys given in code.
const STATIC_PROVIDER: &str = "swf-activity-static";
/// The name recorded for keys read from environment variables.
const ENV_PROVIDER: &str = "swf-activity-environment";

/// Refresh at the latest this long before credentials expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
/// How often keys without an expiry are read again, as the AWS SDKs' lazy cache does: profile
/// files rewritten by a sidecar and `credential_process` output without `Expiration` change.
const REREAD_AFTER: Duration = Duration::from_secs(15 * 60);
/// The longest one call of the provider may take, as in the AWS SDKs.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the source is left alone after a failed refresh; doubles with each failure in a
/// row, up to [`FAILURE_BACKOFF_MAX`].
const FAILURE_BACKOFF: Duration = Duration::from_secs(1);
/// The longest back-off after failed refreshes.
const FAILURE_BACKOFF_MAX: Duration = Duration::from_secs(15);

/// A source of AWS credentials for the client.
///
/// `Debug` shows the access key id and where the keys come from, never the secret access key or
/// the session token.
#[derive(Clone)]
pub struct Credentials {
    source: Source,
}

#[derive(Clone)]
enum Source {
    /// Keys given in code or read from the environment once.
    Static {
        keys: AwsCredentials,
        from_env: bool,
    },
    /// Anything that implements `ProvideCredentials`.
    Provider(SharedCredentialsProvider),
}

impl Credentials {
    /// Static keys: an access key id, a secret access key and, for temporary credentials, a
    /// session token (sent as `X-Amz-Security-Token`).
    pub fn from_keys(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Credentials {
        Credentials {
            source: Source::Static {
                keys: AwsCredentials::new(
                    access_key_id,
                    secret_access_key,
                    session_token,
                    None,
                    STATIC_PROVIDER,
                ),
                from_env: false,
            },
        }
    }

    /// Keys from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, if set, `AWS_SESSION_TOKEN`,
    /// read now.
    ///
    /// Fails with [`ErrorKind::Credentials`] when the key id or the secret is missing or empty.
    pub fn from_env() -> Result<Credentials, Error> {
        Credentials::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`Credentials::from_env`] with a custom variable lookup.
    pub(crate) fn from_env_with(
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, Error> {
        let get = |name: &str| {
            env(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let Some(access_key_id) = get("AWS_ACCESS_KEY_ID") else {
            return Err(Error::new(
                ErrorKind::Credentials,
                "AWS_ACCESS_KEY_ID is not set",
            ));
        };
        let Some(secret) = get("AWS_SECRET_ACCESS_KEY") else {
            return Err(Error::new(
                ErrorKind::Credentials,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            ));
        };
        Ok(Credentials {
            source: Source::Static {
                keys: AwsCredentials::new(
                    access_key_id,
                    secret,
                    get("AWS_SESSION_TOKEN"),
                    None,
                    ENV_PROVIDER,
                ),
                from_env: true,
            },
        })
    }

    /// Any credentials provider, e.g. one built with `aws-config`, or your own.
    ///
    /// The client caches what it hands out and asks again before the credentials expire (every
    /// 15 minutes for credentials without an expiry), so the provider need not cache. Each call
    /// may take at most 5 seconds.
    pub fn from_provider(provider: impl ProvideCredentials + 'static) -> Credentials {
        Credentials {
            source: Source::Provider(SharedCredentialsProvider::new(provider)),
        }
    }

    /// A provider that is already shared, e.g. `SdkConfig::credentials_provider()`.
    pub fn from_shared_provider(provider: SharedCredentialsProvider) -> Credentials {
        Credentials {
            source: Source::Provider(provider),
        }
    }

    /// The standard AWS credentials chain of `aws-config`: environment variables, shared config
    /// and credentials files (`AWS_PROFILE`), SSO, web identity, container and instance roles.
    #[cfg(feature = "aws-config")]
    #[cfg_attr(docsrs, doc(cfg(feature = "aws-config")))]
    pub async fn default_chain() -> Credentials {
        let provider =
            aws_config::default_provider::credentials::DefaultCredentialsChain::builder()
                .build()
                .await;
        Credentials::from_provider(provider)
    }

    /// The provider behind this source.
    pub(crate) fn provider(&self) -> SharedCredentialsProvider {
        match &self.source {
            Source::Static { keys, .. } => SharedCredentialsProvider::new(keys.clone()),
            Source::Provider(p) => p.clone(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Static { keys, from_env } => f
                .debug_struct("Credentials")
                .field("source", &if *from_env { "environment" } else { "static" })
                .field("access_key_id", &keys.access_key_id())
                .field("secret_access_key", &"** redacted **")
                .field(
                    "session_token",
                    &keys.session_token().map(|_| "** redacted **"),
                )
                .finish(),
            Source::Provider(p) => f
                .debug_struct("Credentials")
                .field("source", &"provider")
                .field("provider", p)
                .finish(),
        }
    }
}

/// Credentials as fetched, with the time they were fetched (to know their lifetime).
#[derive(Clone)]
struct Cached {
    keys: AwsCredentials,
    fetched_at: SystemTime,
}

impl Cached {
    /// When to ask the source again: ahead of the expiry, or [`REREAD_AFTER`] after the fetch
    /// for keys without one.
    fn refresh_at(&self) -> SystemTime {
        let Some(expiry) = self.keys.expiry() else {
            return self
                .fetched_at
                .checked_add(REREAD_AFTER)
                .unwrap_or(self.fetched_at);
        };
        let lifetime = expiry
            .duration_since(self.fetched_at)
            .unwrap_or(Duration::ZERO);
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        expiry.checked_sub(margin).unwrap_or(expiry)
    }

    /// Whether the keys may still be used: until their expiry, and for ever without one (the
    /// source is asked again every [`REREAD_AFTER`], and SWF's rejection drops them).
    fn is_valid(&self, now: SystemTime) -> bool {
        self.keys.expiry().is_none_or(|expiry| now < expiry)
    }

    fn wants_refresh(&self, now: SystemTime) -> bool {
        now >= self.refresh_at()
    }
}

/// The last refresh failed: why, and when the source may be asked again.
struct Failure {
    error: Arc<dyn StdError + Send + Sync>,
    retry_at: SystemTime,
    /// Failures in a row, for the back-off.
    count: u32,
}

/// A provider call that did not end within [`PROVIDER_TIMEOUT`].
#[derive(Debug, thiserror::Error)]
#[error("the credentials provider did not answer within {0:?}")]
struct ProviderTimeout(Duration);

/// The failure of one refresh, shared by every caller that waited for it.
#[derive(Debug)]
struct SharedFailure(Arc<dyn StdError + Send + Sync>);

impl fmt::Display for SharedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl StdError for SharedFailure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

/// The client's cache in front of a [`Credentials`] source: refreshes ahead of expiry in the
/// background while the current keys are valid, one refresh at a time, each provider call
/// bounded, and backs off after a failed refresh.
pub(crate) struct CredentialsCache {
    source: Credentials,
    state: Arc<State>,
}

struct State {
    provider: SharedCredentialsProvider,
    cached: RwLock<Option<Cached>>,
    failure: Mutex<Option<Failure>>,
    /// Held by whoever is refreshing.
    refresh: Arc<tokio::sync::Mutex<()>>,
    clock: LocalClock,
}

impl CredentialsCache {
    pub(crate) fn new(source: Credentials) -> CredentialsCache {
        CredentialsCache::with_clock(source, Arc::new(SystemTime::now))
    }

    pub(crate) fn with_clock(source: Credentials, clock: LocalClock) -> CredentialsCache {
        CredentialsCache {
            state: Arc::new(State {
                provider: source.provider(),
                cached: RwLock::new(None),
                failure: Mutex::new(None),
                refresh: Arc::new(tokio::sync::Mutex::new(())),
                clock,
            }),
            source,
        }
    }

    #[cfg(test)]
    fn current(&self) -> Option<Cached> {
        self.state.current()
    }

    /// Credentials that are valid now.
    ///
    /// Valid cached keys are returned at once, also while a refresh runs (keys due for a
    /// refresh start one in the background). Only a caller without valid keys waits for a
    /// refresh; after a failed one, callers get its failure until the back-off has passed.
    pub(crate) async fn get(&self) -> Result<AwsCredentials, Error> {
        let state = &self.state;
        let now = state.now();
        if let Some(cached) = state.current()
            && cached.is_valid(now)
        {
            if cached.wants_refresh(now) && state.may_retry(now) {
                self.refresh_in_background();
            }
            return Ok(cached.keys);
        }
        let _guard = state.refresh.lock().await;
        // Whoever held the lock may have refreshed, or failed to.
        let now = state.now();
        if let Some(cached) = state.current()
            && cached.is_valid(now)
            && (!cached.wants_refresh(now) || !state.may_retry(now))
        {
            return Ok(cached.keys);
        }
        if let Some(err) = state.recent_failure(now) {
            return Err(err);
        }
        state.refresh().await
    }

    /// Forgets `used` if they are still the cached keys: SWF said they are expired or unknown.
    /// The next caller reads the source again.
    pub(crate) fn invalidate(&self, used: &AwsCredentials) {
        let mut cached = self.state.cached.write().unwrap_or_else(|e| e.into_inner());
        if cached.as_ref().is_some_and(|c| &c.keys == used) {
            tracing::info!(
                access_key_id = used.access_key_id(),
                "SWF rejected the AWS credentials, reading them again"
            );
            *cached = None;
        }
    }

    /// Starts a refresh on the runtime unless one is running; without a runtime the next
    /// caller that needs keys refreshes.
    fn refresh_in_background(&self) {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let Ok(guard) = Arc::clone(&self.state.refresh).try_lock_owned() else {
            return; // one is running
        };
        let state = Arc::clone(&self.state);
        handle.spawn(async move {
            let _guard = guard;
            // A failure is recorded (and logged) for the callers that will need keys.
            let _ = state.refresh().await;
        });
    }
}

impl State {
    fn now(&self) -> SystemTime {
        (self.clock)()
    }

    fn current(&self) -> Option<Cached> {
        self.cached
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn failure(&self) -> std::sync::MutexGuard<'_, Option<Failure>> {
        self.failure.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the back-off after the last failure (if any) has passed.
    fn may_retry(&self, now: SystemTime) -> bool {
        self.failure().as_ref().is_none_or(|f| now >= f.retry_at)
    }

    /// The last failure, while its back-off lasts.
    fn recent_failure(&self, now: SystemTime) -> Option<Error> {
        let failure = self.failure();
        let failure = failure.as_ref().filter(|f| now < f.retry_at)?;
        Some(credentials_error(Arc::clone(&failure.error)))
    }

    /// Asks the source (bounded by [`PROVIDER_TIMEOUT`]); the caller holds the refresh lock.
    async fn refresh(&self) -> Result<AwsCredentials, Error> {
        let answer =
            tokio::time::timeout(PROVIDER_TIMEOUT, self.provider.provide_credentials()).await;
        let now = self.now();
        let error: Arc<dyn StdError + Send + Sync> = match answer {
            Ok(Ok(keys)) => {
                *self.cached.write().unwrap_or_else(|e| e.into_inner()) = Some(Cached {
                    keys: keys.clone(),
                    fetched_at: now,
                });
                *self.failure() = None;
                tracing::debug!(
                    access_key_id = keys.access_key_id(),
                    expires = ?keys.expiry(),
                    "loaded AWS credentials"
                );
                return Ok(keys);
            }
            Ok(Err(err)) => Arc::new(err),
            Err(_) => Arc::new(ProviderTimeout(PROVIDER_TIMEOUT)),
        };
        let mut failure = self.failure();
        let count = failure.as_ref().map_or(1, |f| f.count.saturating_add(1));
        let backoff = FAILURE_BACKOFF
            .checked_mul(1 << (count - 1).min(8))
            .unwrap_or(FAILURE_BACKOFF_MAX)
            .min(FAILURE_BACKOFF_MAX);
        let usable = self.current().is_some_and(|c| c.is_valid(now));
        tracing::warn!(
            error = %error,
            retry_in = ?backoff,
            "could not refresh AWS credentials{}",
            if usable { ", using the current ones meanwhile" } else { "" }
        );
        *failure = Some(Failure {
            error: Arc::clone(&error),
            retry_at: now.checked_add(backoff).unwrap_or(now),
            count,
        });
        Err(credentials_error(error))
    }
}

/// The error a caller without keys gets for a failed refresh.
fn credentials_error(cause: Arc<dyn StdError + Send + Sync>) -> Error {
    Error::new(ErrorKind::Credentials, "could not load AWS credentials")
        .with_source(SharedFailure(cause))
}

/// Whether SWF's answer says the keys themselves are expired or unknown, so reading them again
/// may help (see [`is_rejected_keys_code`]).
pub(crate) fn is_rejected_keys_error(err: &Error) -> bool {
    match err.kind() {
        ErrorKind::AccessDenied { code: Some(code) } => is_rejected_keys_code(code),
        ErrorKind::Service { code, .. } => is_rejected_keys_code(code),
        _ => false,
    }
}

/// Whether an AWS error code says the keys themselves are expired or unknown, so reading them
/// again may help: SWF's `ExpiredToken*`, `InvalidClientTokenId` and
/// `UnrecognizedClientException`; S3's `ExpiredToken`, `TokenRefreshRequired` and
/// `InvalidToken`.
pub(crate) fn is_rejected_keys_code(code: &str) -> bool {
    code.starts_with("ExpiredToken")
        || matches!(
            code,
            "InvalidClientTokenId"
                | "UnrecognizedClientException"
                | "TokenRefreshRequired"
                | "InvalidToken"
        )
}

impl fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.source, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::error::CredentialsError;
    use aws_credential_types::provider::future;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Hands out keys `AKID<n>` that expire `lifetime` after the test clock's now (never, for
    /// `None`); fails when `fail` is set, never answers when `hang` is set, and takes `delay`
    /// (Tokio time) before answering.
    #[derive(Debug)]
    struct Rotating {
        calls: AtomicU32,
        lifetime: Option<Duration>,
        now: Arc<Mutex<SystemTime>>,
        fail: std::sync::atomic::AtomicBool,
        hang: std::sync::atomic::AtomicBool,
        delay: Mutex<Duration>,
    }

    impl ProvideCredentials for Rotating {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            let fail = self.fail.load(Ordering::SeqCst);
            let hang = self.hang.load(Ordering::SeqCst);
            let delay = *self.delay.lock().expect("delay");
            let now = *self.now.lock().expect("clock");
            let lifetime = self.lifetime;
            future::ProvideCredentials::new(async move {
                if hang {
                    std::future::pending::<()>().await;
                }
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                if fail {
                    return Err(CredentialsError::not_loaded("test provider down"));
                }
                Ok(AwsCredentials::new(
                    format!("AKID{n}"),
                    "secret",
                    None,
                    lifetime.map(|l| now + l),
                    "test",
                ))
            })
        }
    }

    fn setup(lifetime: Duration) -> (Arc<Rotating>, Arc<Mutex<SystemTime>>, CredentialsCache) {
        setup_with(Some(lifetime))
    }

    fn setup_with(
        lifetime: Option<Duration>,
    ) -> (Arc<Rotating>, Arc<Mutex<SystemTime>>, CredentialsCache) {
        let now = Arc::new(Mutex::new(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000),
        ));
        let provider = Arc::new(Rotating {
            calls: AtomicU32::new(0),
            lifetime,
            now: Arc::clone(&now),
            fail: false.into(),
            hang: false.into(),
            delay: Mutex::new(Duration::ZERO),
        });
        let clock_now = Arc::clone(&now);
        let cache = CredentialsCache::with_clock(
            Credentials::from_shared_provider(SharedCredentialsProvider::from(
                Arc::clone(&provider) as Arc<dyn ProvideCredentials>,
            )),
            Arc::new(move || *clock_now.lock().expect("clock")),
        );
        (provider, now, cache)
    }

    /// Lets a refresh running in the background finish: yields until the provider has been
    /// called `calls` times and the cache holds what it answered (bounded).
    async fn settle(provider: &Rotating, cache: &CredentialsCache, calls: u32) {
        for _ in 0..1000 {
            if provider.calls.load(Ordering::SeqCst) >= calls
                && cache
                    .current()
                    .is_some_and(|c| c.keys.access_key_id() == format!("AKID{calls}"))
            {
                return;
            }
            tokio::task::yield_now().await;
        }
    }

    fn advance(now: &Mutex<SystemTime>, by: Duration) {
        *now.lock().expect("clock") += by;
    }

    #[tokio::test]
    async fn refreshes_five_minutes_before_expiry_of_long_lived_keys() {
        let (provider, now, cache) = setup(Duration::from_secs(3600));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_secs(3600 - 301));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_secs(2));
        // Still valid: served while the refresh runs.
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        settle(&provider, &cache, 2).await;
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID2");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn refreshes_short_lived_keys_at_half_their_lifetime() {
        let (provider, now, cache) = setup(Duration::from_secs(2));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_millis(900));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_millis(200));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        settle(&provider, &cache, 2).await;
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID2");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn keeps_keys_in_their_refresh_window_when_the_source_fails() {
        let (provider, now, cache) = setup(Duration::from_secs(3600));
        cache.get().await.expect("keys");
        provider.fail.store(true, Ordering::SeqCst);
        advance(&now, Duration::from_secs(3500));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_secs(100));
        let err = cache
            .get()
            .await
            .expect_err("expired keys and a failing source");
        assert_eq!(err.kind(), &ErrorKind::Credentials);
        assert!(std::error::Error::source(&err).is_some());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_share_one_refresh() {
        let (provider, _now, cache) = setup(Duration::from_secs(3600));
        let cache = Arc::new(cache);
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.get().await.map(|k| k.access_key_id().to_owned()) })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.expect("join").expect("keys"), "AKID1");
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn keys_without_expiry_are_read_again_every_15_minutes() {
        let (provider, now, cache) = setup_with(None);
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        advance(&now, Duration::from_secs(14 * 60));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID1");
        assert_eq!(
            provider.calls.load(Ordering::SeqCst),
            1,
            "cached for 15 minutes"
        );
        advance(&now, Duration::from_secs(61));
        // The old keys are still served while the source is asked again.
        cache.get().await.expect("keys");
        settle(&provider, &cache, 2).await;
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID2");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
        // A failed re-read keeps the keys (they have no expiry) and is not retried at once.
        provider.fail.store(true, Ordering::SeqCst);
        advance(&now, Duration::from_secs(15 * 60 + 1));
        for _ in 0..3 {
            assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID2");
            tokio::task::yield_now().await;
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn callers_with_valid_keys_do_not_wait_for_a_refresh() {
        let (provider, now, cache) = setup(Duration::from_secs(3600));
        cache.get().await.expect("keys");
        provider.hang.store(true, Ordering::SeqCst);
        advance(&now, Duration::from_secs(3400));
        for _ in 0..5 {
            let keys = tokio::time::timeout(Duration::from_millis(100), cache.get())
                .await
                .expect("valid keys are served without waiting")
                .expect("keys");
            assert_eq!(keys.access_key_id(), "AKID1");
            // Let the background refresh run.
            tokio::task::yield_now().await;
        }
        assert_eq!(
            provider.calls.load(Ordering::SeqCst),
            2,
            "one refresh at a time"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_provider_that_never_answers_is_cut_off_after_5_seconds() {
        let (provider, _now, cache) = setup(Duration::from_secs(3600));
        provider.hang.store(true, Ordering::SeqCst);
        let started = tokio::time::Instant::now();
        let err = tokio::time::timeout(Duration::from_secs(60), cache.get())
            .await
            .expect("the provider call is bounded")
            .expect_err("no keys");
        assert_eq!(err.kind(), &ErrorKind::Credentials);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(5) && waited < Duration::from_secs(6),
            "{waited:?}"
        );
        assert!(
            format!("{err} {:?}", std::error::Error::source(&err)).contains("5s"),
            "{err:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn waiters_behind_a_failed_refresh_get_its_failure() {
        let (provider, now, cache) = setup(Duration::from_secs(3600));
        provider.fail.store(true, Ordering::SeqCst);
        *provider.delay.lock().expect("delay") = Duration::from_secs(1);
        let cache = Arc::new(cache);
        let mut waiters = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let cache = Arc::clone(&cache);
            waiters.spawn(async move { cache.get().await });
        }
        while let Some(result) = waiters.join_next().await {
            let err = result.expect("join").expect_err("the source is down");
            assert_eq!(err.kind(), &ErrorKind::Credentials);
        }
        assert_eq!(
            provider.calls.load(Ordering::SeqCst),
            1,
            "one failing call for all"
        );
        // Right after the failure the source is left alone...
        cache.get().await.expect_err("still down");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
        // ...and asked again once the back-off has passed.
        provider.fail.store(false, Ordering::SeqCst);
        advance(&now, Duration::from_secs(60));
        assert_eq!(cache.get().await.expect("keys").access_key_id(), "AKID2");
    }

    #[test]
    fn env_keys_need_both_parts() {
        let err = Credentials::from_env_with(|_| None).expect_err("no keys");
        assert_eq!(err.kind(), &ErrorKind::Credentials);
        let err = Credentials::from_env_with(|n| (n == "AWS_ACCESS_KEY_ID").then(|| "AKID".into()))
            .expect_err("no secret");
        assert!(err.to_string().contains("AWS_SECRET_ACCESS_KEY"), "{err}");
        let creds = Credentials::from_env_with(|n| match n {
            "AWS_ACCESS_KEY_ID" => Some("AKIDENV".into()),
            "AWS_SECRET_ACCESS_KEY" => Some("very-secret".into()),
            "AWS_SESSION_TOKEN" => Some("token-secret".into()),
            _ => None,
        })
        .expect("keys");
        let debug = format!("{creds:?}");
        assert!(debug.contains("AKIDENV"), "{debug}");
        assert!(
            !debug.contains("very-secret") && !debug.contains("token-secret"),
            "{debug}"
        );
    }
}
