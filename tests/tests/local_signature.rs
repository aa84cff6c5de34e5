//! The local SWF checks every request's SigV4 signature and answers as AWS does.

mod local_support;

use std::time::{Duration, SystemTime};

use local_support::{DOMAIN, setup};
use swf_activity::ErrorKind;
use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use swf_activity::model::DescribeDomain;
use swf_activity::testing::{DEFAULT_ACCESS_KEY_ID, LocalSwf, Op};

const DESCRIBE: &str = r#"{"name":"local-tests"}"#;

fn access_denied(err: &swf_activity::Error) -> Option<&str> {
    match err.kind() {
        ErrorKind::AccessDenied { code } => code.as_deref(),
        _ => None,
    }
}

#[tokio::test]
async fn the_endpoints_own_client_is_accepted() {
    let (swf, client) = setup().await;
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("signed correctly");
    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 200, "{}", raw.body);
}

#[tokio::test]
async fn a_wrong_secret_is_an_invalid_signature() {
    let (swf, _client) = setup().await;
    let client = swf
        .client_builder()
        .credentials(Credentials::from_keys(
            DEFAULT_ACCESS_KEY_ID,
            "wrong-secret",
            None,
        ))
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let err = client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("bad signature");
    assert_eq!(
        access_denied(&err),
        Some("InvalidSignatureException"),
        "{err:?}"
    );
    assert!(err.message().contains("does not match"), "{err}");

    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .credentials(DEFAULT_ACCESS_KEY_ID, "wrong-secret")
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 400);
    assert_eq!(
        raw.error_type().as_deref(),
        Some("com.amazon.coral.service#InvalidSignatureException")
    );
}

#[tokio::test]
async fn an_unknown_access_key_is_an_unrecognized_client() {
    let (swf, _client) = setup().await;
    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .credentials("AKIDSOMEONEELSE", "whatever")
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 400);
    assert_eq!(
        raw.error_code().as_deref(),
        Some("UnrecognizedClientException")
    );
    assert_eq!(
        raw.message().as_deref(),
        Some("The security token included in the request is invalid.")
    );
}

#[tokio::test]
async fn an_unsigned_request_misses_its_authentication_token() {
    let (swf, _client) = setup().await;
    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .unsigned()
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 400);
    assert_eq!(
        raw.error_code().as_deref(),
        Some("MissingAuthenticationTokenException")
    );
}

#[tokio::test]
async fn a_request_signed_for_another_region_is_rejected() {
    let (swf, _client) = setup().await;
    let client = swf
        .client_builder()
        .region("eu-west-1")
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let err = client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("wrong region");
    assert_eq!(
        access_denied(&err),
        Some("InvalidSignatureException"),
        "{err:?}"
    );
    assert!(err.message().contains("eu-west-1"), "{err}");

    // An endpoint started for another region accepts exactly that region.
    let frankfurt = LocalSwf::builder()
        .region("eu-central-1")
        .start()
        .await
        .expect("started");
    frankfurt.register_domain(DOMAIN).expect("domain");
    frankfurt
        .client()
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("signed for eu-central-1");
}

#[tokio::test]
async fn requests_are_accepted_within_swfs_time_window() {
    let (swf, _client) = setup().await;
    let signed_at = |offset_secs: i64| {
        let now = SystemTime::now();
        let offset = Duration::from_secs(offset_secs.unsigned_abs());
        if offset_secs < 0 {
            now - offset
        } else {
            now + offset
        }
    };
    // As SWF: at most 5 minutes in the past...
    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .signed_at(signed_at(-6 * 60))
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 400);
    assert_eq!(
        raw.error_code().as_deref(),
        Some("InvalidSignatureException")
    );
    let message = raw.message().unwrap_or_default();
    assert!(
        message.starts_with("Signature expired: ")
            && message.contains(" is now earlier than ")
            && message.ends_with(" - 5 min.)"),
        "{}",
        raw.body
    );
    // ...and at most 15 minutes in the future.
    let raw = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .signed_at(signed_at(16 * 60))
        .send()
        .await
        .expect("answer");
    assert_eq!(raw.status, 400);
    assert_eq!(
        raw.error_code().as_deref(),
        Some("InvalidSignatureException")
    );
    let message = raw.message().unwrap_or_default();
    assert!(
        message.starts_with("Signature not yet current: ")
            && message.contains(" is still later than ")
            && message.ends_with(" + 15 min.)"),
        "{}",
        raw.body
    );
    for inside in [-4 * 60, -30, 30, 14 * 60] {
        let raw = swf
            .raw_request("DescribeDomain", DESCRIBE)
            .signed_at(signed_at(inside))
            .send()
            .await
            .expect("answer");
        assert_eq!(raw.status, 200, "{inside} s: {}", raw.body);
    }
}

#[tokio::test]
async fn a_request_changed_after_signing_is_rejected_and_has_no_effect() {
    let (swf, client) = setup().await;
    // The signature covers X-Amz-Target: sending a second one makes the request another.
    let raw = swf
        .raw_request(
            "RegisterDomain",
            r#"{"name":"sneaky","workflowExecutionRetentionPeriodInDays":"1"}"#,
        )
        .header("x-amz-target", "SimpleWorkflowService.RegisterDomain")
        .send()
        .await
        .expect("answer");
    assert_eq!(
        raw.error_code().as_deref(),
        Some("InvalidSignatureException"),
        "{}",
        raw.body
    );
    let err = client
        .describe_domain(&DescribeDomain::new("sneaky"))
        .await
        .expect_err("never registered");
    assert!(
        err.is_fault(swf_activity::FaultCode::UnknownResource),
        "{err:?}"
    );
    // Rejected requests are still counted.
    assert_eq!(swf.stats().requests(Op::RegisterDomain), 1);
}

#[tokio::test]
async fn keys_given_to_the_builder_are_the_ones_checked() {
    let swf = LocalSwf::builder()
        .credentials("AKIDCUSTOM", "custom-secret")
        .also_accept("AKIDSECOND", "second-secret")
        .start()
        .await
        .expect("started");
    swf.register_domain(DOMAIN).expect("domain");
    swf.client()
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("the endpoint's client uses its keys");
    let second = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .credentials("AKIDSECOND", "second-secret")
        .send()
        .await
        .expect("answer");
    assert_eq!(second.status, 200, "{}", second.body);
    let default = swf
        .raw_request("DescribeDomain", DESCRIBE)
        .credentials(
            DEFAULT_ACCESS_KEY_ID,
            swf_activity::testing::DEFAULT_SECRET_ACCESS_KEY,
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(
        default.error_code().as_deref(),
        Some("UnrecognizedClientException")
    );
    assert!(!format!("{swf:?}").contains("custom-secret"));
}
