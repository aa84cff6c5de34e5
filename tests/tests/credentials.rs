//! Credentials: redacted `Debug`, providers, refresh before expiry, and errors.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, future};
use swf_activity::ErrorKind;
use swf_activity::credentials::Credentials;
use swf_activity::model::RespondActivityTaskCompleted;
use swf_activity_tests::{RecordingServer, Reply, test_client_builder};

/// Hands out keys `AKID<n>` (secret `secret-<n>`) that expire `lifetime` from now; with no
/// lifetime, keys without a session token or an expiry, as profile files and
/// `credential_process` output without `Expiration` give.
#[derive(Debug)]
struct ShortLived {
    calls: Arc<AtomicU32>,
    lifetime: Option<Duration>,
}

impl ProvideCredentials for ShortLived {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        future::ProvideCredentials::ready(Ok(AwsCredentials::new(
            format!("AKID{n}"),
            format!("secret-{n}"),
            self.lifetime.map(|_| format!("token-{n}")),
            self.lifetime.map(|lifetime| SystemTime::now() + lifetime),
            "short-lived",
        )))
    }
}

/// Always fails.
#[derive(Debug)]
struct Broken;

impl ProvideCredentials for Broken {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(CredentialsError::not_loaded("no profile found")))
    }
}

fn access_key_of(request: &swf_activity_tests::Recorded) -> String {
    let auth = request.header("authorization").expect("signed");
    let credential = auth.split("Credential=").nth(1).expect("credential scope");
    credential.split('/').next().expect("key id").to_owned()
}

async fn complete(client: &swf_activity::Client) {
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect("completed");
}

#[test]
fn static_keys_debug_is_redacted() {
    let creds = Credentials::from_keys(
        "AKIDVISIBLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN".into()),
    );
    let debug = format!("{creds:?} {creds:#?}");
    assert!(debug.contains("AKIDVISIBLE"), "{debug}");
    assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
    assert!(!debug.contains("IQoJb3JpZ2luX2VjEXAMPLETOKEN"), "{debug}");
}

#[tokio::test]
async fn short_lived_keys_are_refreshed_before_they_expire() {
    let server = RecordingServer::start().await;
    let calls = Arc::new(AtomicU32::new(0));
    // Keys that live 1 s are refreshed when half of that is left.
    let client = test_client_builder(&server.url())
        .credentials_provider(ShortLived {
            calls: Arc::clone(&calls),
            lifetime: Some(Duration::from_secs(1)),
        })
        .build()
        .expect("client");
    complete(&client).await;
    complete(&client).await;
    assert_eq!(calls.load(Ordering::SeqCst), 1, "cached between requests");
    // The one unavoidable wait: real keys age in real time. Bounded and short.
    tokio::time::sleep(Duration::from_millis(600)).await;
    // Still valid: this request uses them while the refresh runs in the background.
    complete(&client).await;
    for _ in 0..1000 {
        if calls.load(Ordering::SeqCst) == 2 {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert_eq!(calls.load(Ordering::SeqCst), 2, "refreshed ahead of expiry");
    complete(&client).await;

    let requests = server.requests();
    let keys: Vec<String> = requests.iter().map(access_key_of).collect();
    assert_eq!(keys, ["AKID1", "AKID1", "AKID1", "AKID2"]);
    assert_eq!(requests[3].header("x-amz-security-token"), Some("token-2"));
}

#[tokio::test]
async fn concurrent_requests_share_one_fetch() {
    let server = RecordingServer::start().await;
    let calls = Arc::new(AtomicU32::new(0));
    let client = test_client_builder(&server.url())
        .credentials_provider(ShortLived {
            calls: Arc::clone(&calls),
            lifetime: Some(Duration::from_secs(3600)),
        })
        .build()
        .expect("client");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = client.clone();
        tasks.spawn(async move { complete(&client).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("task");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(server.request_count(), 8);
}

#[tokio::test]
async fn provider_errors_are_credentials_errors_and_nothing_is_sent() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .credentials(Credentials::from_provider(Broken))
        .build()
        .expect("client");
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("no credentials");
    assert_eq!(err.kind(), &ErrorKind::Credentials);
    assert!(!err.is_retryable());
    let source = std::error::Error::source(&err).expect("the provider's error");
    let chain = format!("{source} {source:?}");
    assert!(
        chain.contains("no profile found") || chain.contains("not loaded"),
        "{chain}"
    );
    assert_eq!(server.request_count(), 0);
}

fn coral_error(code: &str, message: &str) -> Reply {
    Reply::json(
        400,
        serde_json::json!({
            "__type": format!("com.amazon.coral.service#{code}"),
            "message": message,
        })
        .to_string(),
    )
}

#[tokio::test]
async fn rejected_keys_are_read_again_and_the_request_retried_once() {
    for (code, message) in [
        (
            "ExpiredTokenException",
            "The security token included in the request is expired",
        ),
        (
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        (
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        ),
    ] {
        let server = RecordingServer::start().await;
        let calls = Arc::new(AtomicU32::new(0));
        let client = test_client_builder(&server.url())
            .retry_config(swf_activity::client::RetryConfig::disabled())
            .credentials_provider(ShortLived {
                calls: Arc::clone(&calls),
                lifetime: None,
            })
            .build()
            .expect("client");
        complete(&client).await;
        server.respond_with(vec![coral_error(code, message)]);
        complete(&client).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2, "{code}: keys read again");
        let keys: Vec<String> = server.requests().iter().map(access_key_of).collect();
        assert_eq!(keys, ["AKID1", "AKID1", "AKID2"], "{code}");

        // Only once: keys the service keeps rejecting are an error.
        server.respond_with(vec![coral_error(code, message), coral_error(code, message)]);
        let err = client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .expect_err("rejected twice");
        assert!(
            matches!(err.kind(), ErrorKind::AccessDenied { code: Some(c) } if c == code),
            "{err:?}"
        );
        assert_eq!(server.request_count(), 5, "{code}");
        assert_eq!(calls.load(Ordering::SeqCst), 3, "{code}");
    }
}

#[tokio::test]
async fn a_hanging_provider_is_a_credentials_error() {
    #[derive(Debug)]
    struct Hangs;
    impl ProvideCredentials for Hangs {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            future::ProvideCredentials::new(std::future::pending())
        }
    }
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .credentials(Credentials::from_provider(Hangs))
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    let err = tokio::time::timeout(
        Duration::from_secs(20),
        client.respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok")),
    )
    .await
    .expect("the provider call is bounded")
    .expect_err("no credentials");
    assert_eq!(err.kind(), &ErrorKind::Credentials);
    assert!(
        started.elapsed() < Duration::from_secs(7),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.request_count(), 0);
}
