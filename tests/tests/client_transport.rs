//! The client's wire format, retries and time-outs, against a recording loopback server.

use std::time::Duration;

use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use swf_activity::model::{
    PollForActivityTask, RecordActivityTaskHeartbeat, RespondActivityTaskCompleted,
    RespondActivityTaskFailed,
};
use swf_activity::{ErrorKind, FaultCode};
use swf_activity_tests::{
    RecordingServer, Reply, TEST_ACCESS_KEY_ID, TEST_REGION, TEST_SECRET_ACCESS_KEY, test_client,
    test_client_builder,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(10);

/// Sends one raw HTTP/1.1 request and returns everything the server answered.
async fn raw_post(server: &RecordingServer, target: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(server.addr()).await.expect("connect");
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nX-Amz-Target: {target}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        server.addr(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = String::new();
    // A dropped connection may also end in a reset; what was read so far is the answer.
    let _ = stream.read_to_string(&mut answer).await;
    answer
}

#[tokio::test]
async fn recording_server_records_and_replies() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::fault("UnknownResourceFault", "gone").with_header("x-amzn-RequestId", "r1"),
        Reply::DropConnection,
    ]);
    let first = raw_post(
        &server,
        "SimpleWorkflowService.DescribeDomain",
        r#"{"name":"d"}"#,
    )
    .await;
    assert!(first.starts_with("HTTP/1.1 400"), "{first}");
    assert!(first.contains("x-amzn-requestid: r1"), "{first}");
    assert!(first.contains("UnknownResourceFault"), "{first}");
    let dropped = raw_post(&server, "SimpleWorkflowService.Other", "").await;
    assert_eq!(dropped, "");
    let third = raw_post(&server, "SimpleWorkflowService.Other", "").await;
    assert!(third.starts_with("HTTP/1.1 200"), "{third}");
    assert!(third.ends_with("{}"), "{third}");

    let requests = server.wait_for_requests(3, WAIT).await;
    assert_eq!(requests[0].operation(), Some("DescribeDomain"));
    assert_eq!(requests[0].json()["name"], "d");
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].path, "/");
    assert_eq!(
        requests[0].header("X-Amz-Target"),
        Some("SimpleWorkflowService.DescribeDomain")
    );
    assert_eq!(requests.len(), 3);
}

fn poll() -> PollForActivityTask {
    PollForActivityTask::new("d1", "tl").identity("w1")
}

#[tokio::test]
async fn poll_request_on_the_wire() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    let task = client.poll_for_activity_task(&poll()).await.expect("poll");
    assert!(task.is_none(), "an answer without taskToken is no task");

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/");
    assert_eq!(
        r.target.as_deref(),
        Some("SimpleWorkflowService.PollForActivityTask")
    );
    assert_eq!(r.header("content-type"), Some("application/x-amz-json-1.0"));
    assert_eq!(
        r.body,
        r#"{"domain":"d1","taskList":{"name":"tl"},"identity":"w1"}"#
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"domain": "d1", "taskList": {"name": "tl"}, "identity": "w1"})
    );
    let host = server.url().trim_start_matches("http://").to_owned();
    assert_eq!(r.header("host"), Some(host.as_str()));
    let date = r.header("x-amz-date").expect("x-amz-date");
    assert_eq!(date.len(), 16, "{date}");
    let auth = r.header("authorization").expect("authorization");
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential={TEST_ACCESS_KEY_ID}/{}/{TEST_REGION}/swf/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=",
        &date[..8]
    );
    assert!(auth.starts_with(&prefix), "{auth}");
    let signature = &auth[prefix.len()..];
    assert_eq!(signature.len(), 64, "{auth}");
    assert!(signature.bytes().all(|b| b.is_ascii_hexdigit()), "{auth}");
    assert_eq!(r.header("x-amz-security-token"), None);
    assert!(!auth.contains(TEST_SECRET_ACCESS_KEY));
}

#[tokio::test]
async fn session_token_is_sent_and_signed() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .credentials(Credentials::from_keys(
            "ASIATEMP",
            "temp-secret",
            Some("the-session-token".into()),
        ))
        .build()
        .expect("client");
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok").result("42"))
        .await
        .expect("completed");
    let r = &server.requests()[0];
    assert_eq!(r.header("x-amz-security-token"), Some("the-session-token"));
    let auth = r.header("authorization").expect("authorization");
    assert!(auth.contains("Credential=ASIATEMP/"), "{auth}");
    assert!(
        auth.contains(
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"
        ),
        "{auth}"
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"taskToken": "tok", "result": "42"})
    );
}

#[tokio::test]
async fn answers_with_empty_or_whitespace_bodies() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![
        Reply::raw(200, None, ""),
        Reply::raw(200, Some("text/plain"), " \n"),
        Reply::ok("{}"),
        Reply::raw(200, None, ""),
    ]);
    for _ in 0..3 {
        client
            .respond_activity_task_failed(&RespondActivityTaskFailed::new("tok").reason("r"))
            .await
            .expect("empty answer is success");
    }
    let none = client.poll_for_activity_task(&poll()).await.expect("poll");
    assert!(none.is_none());
}

#[tokio::test]
async fn poll_answers_a_task() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![Reply::ok(
        serde_json::json!({
            "taskToken": "AAAA-token",
            "activityId": "a1",
            "startedEventId": 7,
            "workflowExecution": {"workflowId": "wf", "runId": "run"},
            "activityType": {"name": "ChargeCard", "version": "1"},
            "input": "{\"x\":1}"
        })
        .to_string(),
    )]);
    let task = client
        .poll_for_activity_task(&poll())
        .await
        .expect("poll")
        .expect("a task");
    assert_eq!(task.task_token.as_str(), "AAAA-token");
    assert_eq!(task.activity_id, "a1");
    assert_eq!(task.input.as_deref(), Some("{\"x\":1}"));
}

#[tokio::test]
async fn throttling_is_retried() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![
        Reply::throttling(),
        Reply::json(
            400,
            r#"{"__type":"com.amazon.coral.availability#ThrottlingException:http://internal.amazon.com/coral/","Message":"Rate exceeded"}"#,
        ),
        Reply::ok(r#"{"cancelRequested":true}"#),
    ]);
    let status = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new("tok"))
        .await
        .expect("third attempt succeeds");
    assert!(status.cancel_requested);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    // Every attempt carries the same request, signed afresh.
    assert!(requests.iter().all(|r| r.body == requests[0].body));
    assert!(requests.iter().all(|r| r.header("authorization").is_some()));
}

#[tokio::test]
async fn throttling_gives_up_after_max_attempts() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![Reply::throttling(); 10]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("always throttled");
    assert_eq!(
        err.kind(),
        &ErrorKind::Throttling {
            code: "ThrottlingException".into()
        }
    );
    assert_eq!(err.operation(), Some("RespondActivityTaskCompleted"));
    assert_eq!(err.message(), "Rate exceeded");
    assert_eq!(server.request_count(), 4, "test_client makes 4 attempts");
}

#[tokio::test]
async fn server_errors_are_retried() {
    for status in [429, 500, 502, 503, 504] {
        let server = RecordingServer::start().await;
        let client = test_client(&server.url());
        server.respond_with(vec![
            Reply::raw(status, Some("text/html"), "<html>busy</html>"),
            Reply::raw(status, None, ""),
            Reply::ok("{}"),
        ]);
        client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .unwrap_or_else(|e| panic!("HTTP {status} then 200: {e}"));
        assert_eq!(server.request_count(), 3, "HTTP {status}");
    }
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![Reply::DropConnection, Reply::DropConnection]);
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect("third attempt succeeds");
    assert_eq!(server.request_count(), 3);

    server.respond_with(vec![Reply::DropConnection; 4]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("always dropped");
    assert_eq!(err.kind(), &ErrorKind::Transport { maybe_sent: true });
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(server.request_count(), 3 + 4);
}

#[tokio::test]
async fn faults_are_not_retried() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    for (code, fault) in [
        ("UnknownResourceFault", FaultCode::UnknownResource),
        ("LimitExceededFault", FaultCode::LimitExceeded),
        (
            "OperationNotPermittedFault",
            FaultCode::OperationNotPermitted,
        ),
    ] {
        let before = server.request_count();
        server.respond_with(vec![Reply::fault(code, "no"), Reply::ok("{}")]);
        let err = client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .expect_err("fault");
        assert!(err.is_fault(fault), "{err:?}");
        assert!(!err.is_retryable());
        assert_eq!(server.request_count(), before + 1, "{code} is not retried");
        // Use up the queued 200.
        client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .expect("ok");
    }
}

#[tokio::test]
async fn validation_and_access_errors_are_not_retried() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    let replies = [
        Reply::json(
            400,
            r#"{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected"}"#,
        ),
        Reply::raw(403, Some("text/html"), "<html>Forbidden</html>"),
    ];
    for reply in replies {
        let before = server.request_count();
        server.respond_with(vec![reply]);
        let err = client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .expect_err("error");
        assert!(!err.is_retryable(), "{err:?}");
        assert_eq!(server.request_count(), before + 1, "{err:?}");
    }
}

#[tokio::test]
async fn invalid_requests_are_not_sent() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    let err = client
        .respond_activity_task_failed(
            &RespondActivityTaskFailed::new("tok").reason("r".repeat(257)),
        )
        .await
        .expect_err("reason too long");
    assert_eq!(err.kind(), &ErrorKind::Validation { client_side: true });
    let err = client
        .poll_for_activity_task(&PollForActivityTask::new("d1", "bad:list"))
        .await
        .expect_err("bad task list");
    assert_eq!(err.kind(), &ErrorKind::Validation { client_side: true });
    assert_eq!(err.operation(), Some("PollForActivityTask"));
    // A request that is sent afterwards is the first the server sees.
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect("valid");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn poll_outliving_its_timeout_is_a_transport_error() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .poll_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    server.respond_with(vec![Reply::delayed(
        Duration::from_secs(30),
        Reply::ok("{}"),
    )]);
    let started = std::time::Instant::now();
    let err = client
        .poll_for_activity_task(&poll())
        .await
        .expect_err("timed out");
    assert_eq!(err.kind(), &ErrorKind::Transport { maybe_sent: true });
    assert!(err.message().contains("poll timeout"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(server.request_count(), 1, "a timed-out poll is not retried");
}

#[tokio::test]
async fn slow_answers_to_other_requests_are_retried() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .read_timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    server.respond_with(vec![Reply::delayed(
        Duration::from_secs(30),
        Reply::ok("{}"),
    )]);
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect("second attempt answers at once");
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn refused_connections_were_not_sent() {
    // A port that was just free: nothing listens there any more.
    let url = {
        let server = RecordingServer::start().await;
        server.url()
    };
    let client = test_client_builder(&url)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_base_delay(Duration::from_millis(1)),
        )
        .build()
        .expect("client");
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), &ErrorKind::Transport { maybe_sent: false });
    assert!(err.is_retryable());
}

#[tokio::test]
async fn debug_output_has_no_secrets() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .credentials(Credentials::from_keys(
            "AKIDDEBUG",
            TEST_SECRET_ACCESS_KEY,
            Some("session-token-secret".into()),
        ))
        .build()
        .expect("client");
    let debug = format!("{client:?} {client:#?}");
    assert!(debug.contains("AKIDDEBUG"), "{debug}");
    assert!(debug.contains("us-east-1"), "{debug}");
    assert!(!debug.contains(TEST_SECRET_ACCESS_KEY), "{debug}");
    assert!(!debug.contains("session-token-secret"), "{debug}");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = RecordingServer::start().await;
    let elsewhere = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .credentials(Credentials::from_keys(
            TEST_ACCESS_KEY_ID,
            TEST_SECRET_ACCESS_KEY,
            Some("session-token-secret".into()),
        ))
        .build()
        .expect("client");
    server.respond_with(vec![
        Reply::raw(307, None, "").with_header("location", &format!("{}/", elsewhere.url())),
    ]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("a redirect is an error");
    assert_eq!(err.kind(), &ErrorKind::UnexpectedResponse { status: 307 });
    assert!(!err.is_retryable());
    assert_eq!(server.request_count(), 1);
    // Following it would hand the session token and the signed body to another host.
    assert_eq!(elsewhere.request_count(), 0);
}

#[tokio::test]
async fn request_timeouts_are_retried() {
    for code in ["RequestTimeoutException", "RequestTimeout"] {
        let server = RecordingServer::start().await;
        let client = test_client(&server.url());
        let body = format!(r#"{{"__type":"com.amazon.coral.service#{code}","message":"slow"}}"#);
        server.respond_with(vec![Reply::json(400, body), Reply::ok("{}")]);
        client
            .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
            .await
            .unwrap_or_else(|e| panic!("{code} then 200: {e}"));
        assert_eq!(server.request_count(), 2, "{code}");
    }
}

#[tokio::test]
async fn poll_connect_timeouts_are_retried() {
    // A listener that never accepts, its backlog full: further handshakes go unanswered, so
    // connecting runs into the connect timeout.
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("addr"))
        .expect("bind");
    let listener = socket.listen(1).expect("listen");
    let addr = listener.local_addr().expect("local address");
    let mut backlog = Vec::new();
    while let Ok(Ok(stream)) =
        tokio::time::timeout(Duration::from_millis(200), TcpStream::connect(addr)).await
    {
        backlog.push(stream);
        assert!(backlog.len() < 100, "the backlog never filled up");
    }
    let connect_timeout = Duration::from_millis(300);
    let client = test_client_builder(&format!("http://{addr}"))
        .connect_timeout(connect_timeout)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(1)),
        )
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    let err = client
        .poll_for_activity_task(&poll())
        .await
        .expect_err("never connects");
    assert_eq!(err.kind(), &ErrorKind::Transport { maybe_sent: false });
    assert!(err.message().contains("connect timeout"), "{err}");
    // Nothing was sent, so unlike a poll that outlived its poll timeout it is retried: three
    // attempts take at least three connect timeouts.
    assert!(
        started.elapsed() >= connect_timeout * 3,
        "gave up after {:?}",
        started.elapsed()
    );
    drop(listener);
}

#[tokio::test]
async fn an_error_after_a_maybe_delivered_attempt_says_so() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    // The first attempt reaches the server, which drops the connection before answering (as
    // when SWF closed the task and the answer was lost); the retry finds the task gone.
    server.respond_with(vec![
        Reply::DropConnection,
        Reply::fault("UnknownResourceFault", "Unknown activity task"),
    ]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("the retry finds the task gone");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    assert!(err.earlier_attempt_maybe_delivered(), "{err:?}");
    assert!(
        err.to_string()
            .contains("an earlier attempt may have reached SWF"),
        "{err}"
    );
    assert_eq!(server.request_count(), 2);

    // Attempts that never reached SWF (throttled) do not count, nor does a first answer.
    server.respond_with(vec![
        Reply::throttling(),
        Reply::fault("UnknownResourceFault", "Unknown activity task"),
    ]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("gone");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    assert!(!err.earlier_attempt_maybe_delivered(), "{err:?}");
    assert!(!err.to_string().contains("earlier attempt"), "{err}");
}

#[tokio::test]
async fn a_heartbeat_within_a_budget_ends_with_the_budget() {
    let server = RecordingServer::start().await;
    // Without a budget this call could take 4 attempts x 5 s.
    let client = test_client(&server.url());
    let heartbeat = RecordActivityTaskHeartbeat::new("tok");
    server.respond_with(vec![
        Reply::delayed(Duration::from_secs(3), Reply::ok("{}"));
        4
    ]);
    let started = std::time::Instant::now();
    let err = client
        .record_activity_task_heartbeat_within(&heartbeat, Duration::from_millis(300))
        .await
        .expect_err("the answer comes after the budget");
    let took = started.elapsed();
    assert_eq!(
        err.kind(),
        &ErrorKind::Transport { maybe_sent: true },
        "{err:?}"
    );
    assert!(err.to_string().contains("budget"), "{err}");
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_secs(2),
        "{took:?}"
    );
    assert_eq!(server.request_count(), 1, "no retry past the budget");

    // A retry whose back-off would end past the budget is not started.
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url())
        .retry_config(
            RetryConfig::standard()
                .with_base_delay(Duration::from_secs(30))
                .with_max_delay(Duration::from_secs(30)),
        )
        .build()
        .expect("client");
    server.respond_with(vec![Reply::throttling(); 5]);
    let started = std::time::Instant::now();
    let err = client
        .record_activity_task_heartbeat_within(&heartbeat, Duration::from_millis(500))
        .await
        .expect_err("throttled");
    assert!(
        matches!(err.kind(), ErrorKind::Throttling { .. }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(server.request_count() <= 2, "{}", server.request_count());

    // Within the budget, retries happen as usual.
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::DropConnection,
        Reply::ok(r#"{"cancelRequested":false}"#),
    ]);
    let client = test_client(&server.url());
    let status = client
        .record_activity_task_heartbeat_within(&heartbeat, Duration::from_secs(5))
        .await
        .expect("the retry succeeds");
    assert!(!status.cancel_requested);
    assert_eq!(server.request_count(), 2);
}
