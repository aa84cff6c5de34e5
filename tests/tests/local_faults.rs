//! Fault injection of the local SWF, as the client sees it.

mod local_support;

use std::time::{Duration, Instant};

use local_support::{DOMAIN, poll, setup, spec};
use swf_activity::client::RetryConfig;
use swf_activity::model::{DescribeDomain, RegisterDomain, RespondActivityTaskCompleted};
use swf_activity::testing::{ActivityOutcome, Op};
use swf_activity::{Client, ErrorKind, FaultCode};

fn no_retries(swf: &swf_activity::testing::LocalSwf) -> Client {
    swf.client_builder()
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn throttling_is_retried_and_counted() {
    let (swf, client) = setup().await;
    swf.schedule_activity_task(spec("t-1")).expect("scheduled");
    let task = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    swf.faults().throttle(Op::RespondActivityTaskCompleted, 2);
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(task.task_token))
        .await
        .expect("completed on the third attempt");
    assert_eq!(swf.faults().injected(Op::RespondActivityTaskCompleted), 2);
    assert_eq!(swf.faults().pending(Op::RespondActivityTaskCompleted), 0);
    assert_eq!(swf.stats().requests(Op::RespondActivityTaskCompleted), 3);
}

#[tokio::test]
async fn throttling_reaches_a_caller_that_does_not_retry() {
    let (swf, _client) = setup().await;
    swf.faults().throttle(Op::DescribeDomain, 1);
    let err = no_retries(&swf)
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("throttled");
    assert_eq!(
        err.kind(),
        &ErrorKind::Throttling {
            code: "ThrottlingException".into()
        }
    );
    assert_eq!(err.message(), "Rate exceeded");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn server_errors_are_retried_and_seen_with_their_status() {
    let (swf, client) = setup().await;
    swf.faults()
        .error_5xx(Op::DescribeDomain, 1, 500)
        .error_5xx(Op::DescribeDomain, 1, 503);
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("third attempt succeeds");
    assert_eq!(swf.faults().injected(Op::DescribeDomain), 2);

    swf.faults().error_5xx(Op::DescribeDomain, 1, 503);
    let err = no_retries(&swf)
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("unavailable");
    match err.kind() {
        ErrorKind::Service { code, status } => {
            assert_eq!(
                (code.as_str(), *status),
                ("ServiceUnavailableException", 503)
            );
        }
        other => panic!("expected a service error, got {other:?}"),
    }
    assert!(err.is_retryable());
    swf.faults().error_5xx(Op::DescribeDomain, 1, 500);
    let err = no_retries(&swf)
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("internal failure");
    assert!(
        matches!(err.kind(), ErrorKind::Service { code, status: 500 } if code == "InternalFailure"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_connection_dropped_before_processing_changes_nothing() {
    let (swf, client) = setup().await;
    swf.faults().drop_before(Op::RegisterDomain, 1);
    let err = no_retries(&swf)
        .register_domain(&RegisterDomain::new("dropped", "1"))
        .await
        .expect_err("no answer");
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    let err = client
        .describe_domain(&DescribeDomain::new("dropped"))
        .await
        .expect_err("never registered");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");

    // With retries the client gets through.
    swf.faults().drop_before(Op::RegisterDomain, 1);
    client
        .register_domain(&RegisterDomain::new("dropped", "1"))
        .await
        .expect("registered on the retry");
    assert_eq!(swf.faults().injected(Op::RegisterDomain), 2);
}

#[tokio::test]
async fn a_connection_dropped_after_processing_keeps_the_change() {
    let (swf, client) = setup().await;
    swf.faults().drop_after(Op::RegisterDomain, 1);
    let err = no_retries(&swf)
        .register_domain(&RegisterDomain::new("kept", "1"))
        .await
        .expect_err("no answer");
    assert!(matches!(err.kind(), ErrorKind::Transport { .. }), "{err:?}");
    client
        .describe_domain(&DescribeDomain::new("kept"))
        .await
        .expect("the domain was registered all the same");

    // A retried request meets its own effect, as on SWF when an answer is lost.
    swf.faults().drop_after(Op::RegisterDomain, 1);
    let err = client
        .register_domain(&RegisterDomain::new("twice", "1"))
        .await
        .expect_err("the retry finds the domain");
    assert!(err.is_fault(FaultCode::DomainAlreadyExists), "{err:?}");

    // A completion whose answer is lost still completes the task; the retry is told the task
    // is gone.
    let task = swf
        .schedule_activity_task(spec("lost-answer"))
        .expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    swf.faults().drop_after(Op::RespondActivityTaskCompleted, 1);
    let err = client
        .respond_activity_task_completed(
            &RespondActivityTaskCompleted::new(polled.task_token).result("1"),
        )
        .await
        .expect_err("retry after the lost answer");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    assert_eq!(
        swf.outcome(&task),
        Some(ActivityOutcome::Completed {
            result: Some("1".into())
        })
    );
}

#[tokio::test]
async fn delays_hold_the_answer_back() {
    let (swf, client) = setup().await;
    let delay = Duration::from_millis(300);
    swf.faults().delay(Op::DescribeDomain, delay, 1);
    let started = Instant::now();
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("answered late");
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
    let started = Instant::now();
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("answered");
    assert!(started.elapsed() < delay, "only one request was delayed");

    // A delay longer than the client's read timeout is a transport error, then a retry.
    let impatient = swf
        .client_builder()
        .read_timeout(Duration::from_millis(100))
        .build()
        .expect("client");
    swf.faults().delay(Op::DescribeDomain, delay, 1);
    impatient
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("the retry is not delayed");
    assert_eq!(swf.faults().injected(Op::DescribeDomain), 2);
    assert_eq!(swf.stats().requests(Op::DescribeDomain), 4);
}

#[tokio::test]
async fn faults_apply_per_operation_and_can_be_cleared() {
    let (swf, client) = setup().await;
    swf.faults()
        .throttle(Op::RegisterDomain, 5)
        .throttle(Op::ListActivityTypes, 5);
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("other operations are untouched");
    swf.faults().clear();
    client
        .register_domain(&RegisterDomain::new("cleared", "1"))
        .await
        .expect("no fault left");
    assert_eq!(swf.faults().injected_total(), 0);
}
