//! Where the client's AWS credentials come from, and how they are kept fresh.
//!
//! A [`Credentials`] is a *source* of credentials: static keys, the standard environment
//! variables, any [`ProvideCredentials`] (for example one from `aws-config`), or, with the
//! default `aws-config` feature, the standard AWS chain (environment, shared config and
//! credentials files with profiles, SSO, container and instance roles, web identity).
//!
//! The client keeps what the source hands out in a cache and asks the source again **before**
//! the credentials expire: when less than five minutes are left, or, for credentials that live
//! less than ten minutes, when half of their lifetime is left. Concurrent requests that find the
//! cache stale wait for one refresh instead of each asking the source.

use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use crate::Error;
use crate::error::ErrorKind;

/// The name aws-credential-types records as the provider of keys given in code.
const STATIC_PROVIDER: &str = "swf-activity-static";
/// The name recorded for keys read from environment variables.
const ENV_PROVIDER: &str = "swf-activity-environment";

/// Refresh at the latest this long before credentials expire.
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

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
    /// The client caches what it hands out and asks again before the credentials expire, so the
    /// provider need not cache.
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

/// What the clock says; replaceable in tests.
pub(crate) type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Credentials as fetched, with the time they were fetched (to know their lifetime).
#[derive(Clone)]
struct Cached {
    keys: AwsCredentials,
    fetched_at: SystemTime,
}

impl Cached {
    /// When to ask the source again: `None` for keys that never expire.
    fn refresh_at(&self) -> Option<SystemTime> {
        let expiry = self.keys.expiry()?;
        let lifetime = expiry
            .duration_since(self.fetched_at)
            .unwrap_or(Duration::ZERO);
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        Some(expiry.checked_sub(margin).unwrap_or(expiry))
    }

    fn is_expired(&self, now: SystemTime) -> bool {
        self.keys.expiry().is_some_and(|expiry| now >= expiry)
    }

    fn wants_refresh(&self, now: SystemTime) -> bool {
        self.refresh_at().is_some_and(|at| now >= at)
    }
}

/// The client's cache in front of a [`Credentials`] source: refreshes ahead of expiry, one
/// refresh at a time.
pub(crate) struct CredentialsCache {
    source: Credentials,
    provider: SharedCredentialsProvider,
    cached: RwLock<Option<Cached>>,
    refresh: tokio::sync::Mutex<()>,
    clock: Clock,
}

impl CredentialsCache {
    pub(crate) fn new(source: Credentials) -> CredentialsCache {
        CredentialsCache::with_clock(source, Arc::new(SystemTime::now))
    }

    pub(crate) fn with_clock(source: Credentials, clock: Clock) -> CredentialsCache {
        CredentialsCache {
            provider: source.provider(),
            source,
            cached: RwLock::new(None),
            refresh: tokio::sync::Mutex::new(()),
            clock,
        }
    }

    /// The current time by this cache's clock (also used to sign).
    pub(crate) fn now(&self) -> SystemTime {
        (self.clock)()
    }

    fn current(&self) -> Option<Cached> {
        self.cached
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Credentials that are valid now, fetched from the source if the cached ones are missing or
    /// about to expire.
    pub(crate) async fn get(&self) -> Result<AwsCredentials, Error> {
        let now = self.now();
        if let Some(cached) = self.current()
            && !cached.wants_refresh(now)
        {
            return Ok(cached.keys);
        }
        // Single flight: whoever holds the lock refreshes; the others then find fresh keys.
        let _guard = self.refresh.lock().await;
        let now = self.now();
        let current = self.current();
        if let Some(cached) = &current
            && !cached.wants_refresh(now)
        {
            return Ok(cached.keys.clone());
        }
        match self.provider.provide_credentials().await {
            Ok(keys) => {
                let fetched = Cached {
                    keys: keys.clone(),
                    fetched_at: self.now(),
                };
                *self.cached.write().unwrap_or_else(|e| e.into_inner()) = Some(fetched);
                tracing::debug!(
                    access_key_id = keys.access_key_id(),
                    expires = ?keys.expiry(),
                    "loaded AWS credentials"
                );
                Ok(keys)
            }
            Err(err) => match current {
                // Keys in their refresh window are still good: use them and try again next time.
                Some(cached) if !cached.is_expired(now) => {
                    tracing::warn!(error = %err, "could not refresh AWS credentials, using the current ones until they expire");
                    Ok(cached.keys)
                }
                _ => Err(
                    Error::new(ErrorKind::Credentials, "could not load AWS credentials")
                        .with_source(err),
                ),
            },
        }
    }
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

    /// Hands out keys `AKID<n>` that expire `lifetime` after the test clock's now.
    #[derive(Debug)]
    struct Rotating {
        calls: AtomicU32,
        lifetime: Duration,
        now: Arc<Mutex<SystemTime>>,
        fail: std::sync::atomic::AtomicBool,
    }

    impl ProvideCredentials for Rotating {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if self.fail.load(Ordering::SeqCst) {
                return future::ProvideCredentials::ready(Err(CredentialsError::not_loaded(
                    "test provider down",
                )));
            }
            let now = *self.now.lock().expect("clock");
            future::ProvideCredentials::ready(Ok(AwsCredentials::new(
                format!("AKID{n}"),
                "secret",
                None,
                Some(now + self.lifetime),
                "test",
            )))
        }
    }

    fn setup(lifetime: Duration) -> (Arc<Rotating>, Arc<Mutex<SystemTime>>, CredentialsCache) {
        let now = Arc::new(Mutex::new(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000),
        ));
        let provider = Arc::new(Rotating {
            calls: AtomicU32::new(0),
            lifetime,
            now: Arc::clone(&now),
            fail: false.into(),
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
