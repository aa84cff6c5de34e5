//! `S3Store` against a loopback server that answers as S3 does when it fails: what is retried,
//! what is not, and what the errors say.

use std::time::Duration;

use swf_activity::payload::{PayloadStore, S3Store, ServerSideEncryption, StoreError, key_for};
use swf_activity_tests::{RecordingServer, Reply, test_client};

const BUCKET: &str = "jumbo-bucket";

/// An S3 error document.
fn s3_error(status: u16, code: &str, message: &str) -> Reply {
    Reply::raw(
        status,
        Some("application/xml"),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>\
             <Message>{message}</Message><RequestId>R1</RequestId></Error>"
        ),
    )
}

fn store(server: &RecordingServer) -> S3Store {
    S3Store::builder(&test_client(&server.url()), BUCKET)
        .endpoint_url(server.url())
        .prefix("jumbo")
        .timeout(Duration::from_millis(500))
        .build()
        .expect("store")
}

#[tokio::test]
async fn put_retries_500_and_503_then_succeeds_with_a_signed_body_hash() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        s3_error(500, "InternalError", "We encountered an internal error."),
        s3_error(503, "SlowDown", "Please reduce your request rate."),
        Reply::raw(200, None, ""),
    ]);
    let store = S3Store::builder(&test_client(&server.url()), BUCKET)
        .endpoint_url(server.url())
        .prefix("jumbo")
        .server_side_encryption(ServerSideEncryption::Kms {
            key_id: Some("alias/jumbo".to_owned()),
        })
        .build()
        .expect("store");
    let body = "x".repeat(40_000);
    let key = store.key_for(body.as_bytes());
    store
        .put(&key, body.clone().into_bytes().into())
        .await
        .expect("stored on the third attempt");

    let requests = server.requests();
    assert_eq!(requests.len(), 3, "two retries");
    let hash = key_for("", body.as_bytes());
    for request in &requests {
        assert_eq!(request.method, "PUT");
        assert_eq!(request.path, format!("/{BUCKET}/jumbo/{hash}"));
        assert_eq!(request.body, body);
        assert_eq!(request.header("x-amz-content-sha256"), Some(hash.as_str()));
        assert_eq!(
            request.header("x-amz-server-side-encryption"),
            Some("aws:kms")
        );
        assert_eq!(
            request.header("x-amz-server-side-encryption-aws-kms-key-id"),
            Some("alias/jumbo")
        );
        let authorization = request.header("authorization").expect("signed");
        assert!(
            authorization.contains("/us-east-1/s3/aws4_request"),
            "{authorization}"
        );
        assert!(
            authorization.contains(
                "SignedHeaders=host;x-amz-content-sha256;x-amz-date;\
                 x-amz-server-side-encryption;x-amz-server-side-encryption-aws-kms-key-id,"
            ),
            "{authorization}"
        );
    }
}

#[tokio::test]
async fn get_retries_dropped_connections_and_slow_answers() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::DropConnection,
        Reply::delayed(Duration::from_secs(3), Reply::raw(200, None, "late")),
        Reply::raw(200, Some("binary/octet-stream"), "the value"),
    ]);
    let store = store(&server);
    let value = store
        .get("jumbo/abc")
        .await
        .expect("read on the third attempt");
    assert_eq!(value, b"the value");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.method == "GET"));
    assert!(
        requests
            .iter()
            .all(|r| r.path == format!("/{BUCKET}/jumbo/abc"))
    );
}

#[tokio::test]
async fn access_denied_names_the_iam_action_and_the_object_arn() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        s3_error(403, "AccessDenied", "Access Denied"),
        s3_error(403, "AccessDenied", "Access Denied"),
    ]);
    let store = store(&server);
    let err = store.put("jumbo/k1", "v".into()).await.expect_err("denied");
    let text = err.to_string();
    assert!(
        text.contains("`s3:PutObject` on `arn:aws:s3:::jumbo-bucket/jumbo/k1`"),
        "{text}"
    );
    assert!(matches!(
        err,
        StoreError::AccessDenied {
            action: "s3:PutObject",
            ..
        }
    ));
    let err = store.get("jumbo/k2").await.expect_err("denied");
    assert!(
        err.to_string()
            .contains("`s3:GetObject` on `arn:aws:s3:::jumbo-bucket/jumbo/k2`"),
        "{err}"
    );
    assert_eq!(server.request_count(), 2, "an access denial is not retried");
}

#[tokio::test]
async fn exhausted_retries_name_the_bucket_the_key_and_the_last_answer() {
    let server = RecordingServer::start().await;
    let slow_down = s3_error(503, "SlowDown", "Please reduce your request rate.");
    server.respond_with(vec![slow_down; 4]);
    let store = store(&server);
    let err = store
        .put("jumbo/k", "v".into())
        .await
        .expect_err("gives up");
    assert_eq!(
        err.to_string(),
        "PutObject of `jumbo/k` in bucket `jumbo-bucket` failed after 4 attempt(s): \
         HTTP 503 SlowDown: Please reduce your request rate."
    );
    let StoreError::Failed {
        attempts,
        status,
        code,
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    assert_eq!(
        (*attempts, *status, code.as_deref()),
        (4, Some(503), Some("SlowDown"))
    );
    assert_eq!(
        server.request_count(),
        4,
        "the client's retry policy: 4 attempts"
    );
}

#[tokio::test]
async fn timeouts_exhausted_say_so() {
    let server = RecordingServer::start().await;
    let slow = Reply::delayed(Duration::from_secs(3), Reply::raw(200, None, ""));
    server.respond_with(vec![slow; 4]);
    let store = S3Store::builder(&test_client(&server.url()), BUCKET)
        .endpoint_url(server.url())
        .timeout(Duration::from_millis(200))
        .build()
        .expect("store");
    let err = store.get("k").await.expect_err("gives up");
    let text = err.to_string();
    assert!(
        text.starts_with("GetObject of `k` in bucket `jumbo-bucket` failed after 4 attempt(s): no answer within the timeout of 200ms"),
        "{text}"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the transport error is kept"
    );
}

#[tokio::test]
async fn missing_objects_are_not_found_naming_the_key() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        s3_error(404, "NoSuchKey", "The specified key does not exist."),
        s3_error(404, "NoSuchBucket", "The specified bucket does not exist"),
    ]);
    let store = store(&server);
    let err = store.get("jumbo/gone").await.expect_err("missing");
    assert!(matches!(&err, StoreError::NotFound { key, .. } if key == "jumbo/gone"));
    assert_eq!(
        err.to_string(),
        "no object `jumbo/gone` in bucket `jumbo-bucket`"
    );
    // A missing bucket is a configuration problem, not a missing value.
    let err = store.get("jumbo/gone").await.expect_err("no bucket");
    assert!(
        matches!(&err, StoreError::Failed { code: Some(code), attempts: 1, .. } if code == "NoSuchBucket"),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 2, "404s are not retried");
}

#[tokio::test]
async fn other_refusals_are_not_retried_nor_taken_for_access_denials() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![s3_error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
    )]);
    let store = store(&server);
    let err = store.put("jumbo/k", "v".into()).await.expect_err("refused");
    assert!(
        matches!(&err, StoreError::Failed { code: Some(code), status: Some(403), .. } if code == "SignatureDoesNotMatch"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("`jumbo/k` in bucket `jumbo-bucket`"),
        "{err}"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn expired_credentials_are_read_again_once_without_counting_as_a_retry() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        s3_error(400, "ExpiredToken", "The provided token has expired."),
        s3_error(400, "ExpiredToken", "The provided token has expired."),
    ]);
    let store = store(&server);
    let err = store.get("jumbo/k").await.expect_err("still expired");
    assert!(
        matches!(&err, StoreError::Failed { code: Some(code), attempts: 1, .. } if code == "ExpiredToken"),
        "{err:?}"
    );
    assert_eq!(
        server.request_count(),
        2,
        "resent once with keys read again"
    );
}
