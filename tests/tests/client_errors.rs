//! How the client classifies SWF's error answers, from real-looking bodies.

use swf_activity::client::RetryConfig;
use swf_activity::model::{PollForActivityTask, RespondActivityTaskCompleted};
use swf_activity::{Error, ErrorKind, FaultCode};
use swf_activity_tests::{RecordingServer, Reply, test_client_builder};

/// Sends one `RespondActivityTaskCompleted` that gets `reply`, without retries.
async fn error_for(reply: Reply) -> Error {
    error_after(reply, 1).await
}

/// Sends one `RespondActivityTaskCompleted` without retries that gets `reply` on each of the
/// `requests` requests it makes (more than one when the client can correct the cause itself).
async fn error_after(reply: Reply, requests: usize) -> Error {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    server.respond_with(vec![reply; requests]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("an error answer");
    assert_eq!(server.request_count(), requests);
    assert_eq!(err.operation(), Some("RespondActivityTaskCompleted"));
    err
}

#[tokio::test]
async fn every_modelled_fault() {
    for fault in FaultCode::ALL {
        let err = error_for(Reply::fault(fault.as_str(), "the message")).await;
        assert_eq!(err.kind(), &ErrorKind::Fault(fault));
        assert_eq!(err.fault(), Some(fault));
        assert_eq!(err.message(), "the message");
        assert!(!err.is_retryable());
        let display = err.to_string();
        assert!(display.contains(fault.as_str()), "{display}");
        assert!(
            display.starts_with("RespondActivityTaskCompleted: "),
            "{display}"
        );
    }
}

#[tokio::test]
async fn type_with_colon_suffix_and_capitalised_message() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault:http://internal.amazon.com/coral/com.amazonaws.swf.base.model/","Message":"Unknown activity task token"}"#,
    ))
    .await;
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    assert_eq!(err.message(), "Unknown activity task token");
}

#[tokio::test]
async fn bare_code_without_namespace() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"LimitExceededFault","message":"too many"}"#,
    ))
    .await;
    assert!(err.is_fault(FaultCode::LimitExceeded), "{err:?}");
}

#[tokio::test]
async fn throttling_codes() {
    for code in [
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "ProvisionedThroughputExceededException",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    ] {
        let body = format!(
            r#"{{"__type":"com.amazon.coral.availability#{code}","message":"Rate exceeded"}}"#
        );
        let err = error_for(Reply::json(400, body)).await;
        assert_eq!(err.kind(), &ErrorKind::Throttling { code: code.into() });
        assert!(err.is_retryable());
    }
}

#[tokio::test]
async fn validation_exception_from_the_service() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value at 'taskToken' failed to satisfy constraint"}"#,
    ))
    .await;
    assert_eq!(err.kind(), &ErrorKind::Validation { client_side: false });
    assert!(err.message().contains("taskToken"), "{err}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn access_denied_codes() {
    for code in [
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "IncompleteSignature",
        "MissingAuthenticationToken",
        "SignatureDoesNotMatch",
        "ExpiredTokenException",
        "ExpiredToken",
    ] {
        let body = format!(r#"{{"__type":"com.amazon.coral.service#{code}","message":"denied"}}"#);
        // Keys SWF calls expired or unknown are read again and the request sent once more.
        let rejected_keys =
            code.starts_with("ExpiredToken") || code == "UnrecognizedClientException";
        let err = error_after(Reply::json(400, body), if rejected_keys { 2 } else { 1 }).await;
        assert_eq!(
            err.kind(),
            &ErrorKind::AccessDenied {
                code: Some(code.into())
            }
        );
        assert!(!err.is_retryable());
    }
}

#[tokio::test]
async fn xml_403_is_access_denied_with_its_code() {
    let err = error_for(Reply::raw(
        403,
        Some("text/xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error>
    <Type>Sender</Type>
    <Code>SignatureDoesNotMatch</Code>
    <Message>The request signature we calculated does not match the signature you provided.</Message>
  </Error>
  <RequestId>4442587FB7D0A2F9</RequestId>
</ErrorResponse>"#,
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::AccessDenied {
            code: Some("SignatureDoesNotMatch".into())
        }
    );
    assert!(err.message().contains("does not match"), "{err}");
}

#[tokio::test]
async fn html_403_is_access_denied() {
    let err = error_for(Reply::raw(
        403,
        Some("text/html"),
        "<html><head><title>403 Forbidden</title></head><body>Forbidden</body></html>",
    ))
    .await;
    assert_eq!(err.kind(), &ErrorKind::AccessDenied { code: None });
    assert!(err.message().contains("Forbidden"), "{err}");
}

#[tokio::test]
async fn json_403_with_unknown_code_is_access_denied() {
    let err = error_for(Reply::json(
        403,
        r#"{"__type":"SomethingElse","message":"nope"}"#,
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::AccessDenied {
            code: Some("SomethingElse".into())
        }
    );
}

#[tokio::test]
async fn html_500_keeps_status_and_a_bounded_excerpt() {
    let page = format!(
        "<html><body><h1>500 Internal Server Error</h1>{}</body></html>",
        "ü".repeat(2000)
    );
    let err = error_for(Reply::raw(500, Some("text/html"), page)).await;
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 500 });
    assert!(err.message().contains("500 Internal Server Error"), "{err}");
    assert!(
        err.message().len() < 700,
        "excerpt is bounded: {}",
        err.message().len()
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn empty_500() {
    let err = error_for(Reply::raw(500, None, "")).await;
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 500 });
    assert!(err.is_retryable());
}

#[tokio::test]
async fn garbage_body() {
    let err = error_for(Reply::raw(
        400,
        Some("application/octet-stream"),
        "\u{1}\u{2}garbage{",
    ))
    .await;
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 400 });
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn json_500_with_a_code_is_a_retryable_service_error() {
    let err = error_for(Reply::json(
        500,
        r#"{"__type":"com.amazon.coral.service#InternalFailure","message":"internal"}"#,
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Service {
            code: "InternalFailure".into(),
            status: 500
        }
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn unknown_code_is_a_service_error() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazonaws.swf#BrandNewFault","message":"new"}"#,
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Service {
            code: "BrandNewFault".into(),
            status: 400
        }
    );
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn error_type_header_alone() {
    let err = error_for(Reply::json(400, "{}").with_header(
        "x-amzn-ErrorType",
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Throttling {
            code: "ThrottlingException".into()
        }
    );
    let err = error_for(
        Reply::raw(400, None, "").with_header("x-amzn-ErrorType", "UnknownResourceFault"),
    )
    .await;
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
}

#[tokio::test]
async fn success_body_of_the_wrong_shape() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    server.respond_with(vec![Reply::raw(
        200,
        Some("text/html"),
        "<html>captive portal</html>",
    )]);
    let err = client
        .record_activity_task_heartbeat(&swf_activity::model::RecordActivityTaskHeartbeat::new("t"))
        .await
        .expect_err("not JSON");
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 200 });
    assert!(err.message().contains("captive portal"), "{err}");
}

#[tokio::test]
async fn request_timeouts_are_transient_service_errors() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.service#RequestTimeoutException","message":"slow"}"#,
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Service {
            code: "RequestTimeoutException".into(),
            status: 400
        }
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn task_tokens_of_unparsable_answers_are_not_quoted() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    // A task without its required `activityId`.
    server.respond_with(vec![Reply::ok(
        r#"{"taskToken":"SECRET-TASK-TOKEN","startedEventId":3,"workflowExecution":{"workflowId":"w","runId":"r"},"activityType":{"name":"a","version":"1"}}"#,
    )]);
    let err = client
        .poll_for_activity_task(&PollForActivityTask::new("d", "tl"))
        .await
        .expect_err("does not match the expected shape");
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 200 });
    assert!(err.message().contains("activityId"), "{err}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("SECRET-TASK-TOKEN"), "{shown}");
}

#[tokio::test]
async fn error_type_header_wins_over_the_body() {
    // awsJson1_0: `X-Amzn-Errortype`, then the body's `code`, then `__type`.
    let err = error_for(
        Reply::json(
            400,
            r#"{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault","message":"m"}"#,
        )
        .with_header("X-Amzn-Errortype", "ThrottlingException"),
    )
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Throttling {
            code: "ThrottlingException".into()
        }
    );
    assert_eq!(err.message(), "m");
}

#[tokio::test]
async fn body_code_wins_over_type() {
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.service#InternalFailure","code":"LimitExceededFault","message":"m"}"#,
    ))
    .await;
    assert!(err.is_fault(FaultCode::LimitExceeded), "{err:?}");
}

#[tokio::test]
async fn code_is_cut_at_the_colon_before_the_hash() {
    // A `#` in the URL after the `:` must not pick the code.
    let err = error_for(Reply::json(
        400,
        r#"{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault:http://internal.amazon.com/coral/doc#faults","message":"gone"}"#,
    ))
    .await;
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = error_for(Reply::json(400, "{}").with_header(
        "x-amzn-ErrorType",
        "ThrottlingException:http://internal.amazon.com/#x",
    ))
    .await;
    assert_eq!(
        err.kind(),
        &ErrorKind::Throttling {
            code: "ThrottlingException".into()
        }
    );
}

#[tokio::test]
async fn request_id_is_kept_and_shown() {
    let err = error_for(
        Reply::fault("UnknownResourceFault", "Unknown activity")
            .with_header("x-amzn-RequestId", "6e7b2c1a-0f4e-4d55-9f1d-2b7c8e9a1f00"),
    )
    .await;
    assert_eq!(
        err.request_id(),
        Some("6e7b2c1a-0f4e-4d55-9f1d-2b7c8e9a1f00")
    );
    // Support asks for it: it is in what gets logged.
    let display = err.to_string();
    assert!(
        display.contains("6e7b2c1a-0f4e-4d55-9f1d-2b7c8e9a1f00"),
        "{display}"
    );
    assert!(
        format!("{err:?}").contains("6e7b2c1a-0f4e-4d55-9f1d-2b7c8e9a1f00"),
        "{err:?}"
    );
    // Errors without an answer have none.
    let err = error_for(Reply::fault("UnknownResourceFault", "Unknown activity")).await;
    assert_eq!(err.request_id(), None);
    assert!(!err.to_string().contains("request id"), "{err}");
}
