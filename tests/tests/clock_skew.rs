//! A client whose clock is off still works: it learns SWF's time from the `Date` of answers and
//! signs with it.

mod local_support;

use std::time::{Duration, SystemTime};

use local_support::{DOMAIN, setup_with};
use swf_activity::client::RetryConfig;
use swf_activity::model::{DescribeDomain, RespondActivityTaskCompleted};
use swf_activity::testing::{LocalSwf, Op};
use swf_activity_tests::{RecordingServer, Reply, test_client_builder};

/// The time an `x-amz-date` (`20150830T123600Z`) names (days since the epoch by Howard
/// Hinnant's algorithm).
fn amz_date_time(value: &str) -> SystemTime {
    let num = |r: std::ops::Range<usize>| -> i64 {
        value
            .get(r)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an x-amz-date: {value}"))
    };
    let (y, m, d) = (num(0..4), num(4..6), num(6..8));
    let (h, min, s) = (num(9..11), num(11..13), num(13..15));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days * 86_400 + h * 3600 + min * 60 + s).expect("after 1970");
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

/// How far `a` is from `b`, either way.
fn distance(a: SystemTime, b: SystemTime) -> Duration {
    a.duration_since(b).unwrap_or_else(|e| e.duration())
}

#[tokio::test]
async fn a_signature_expired_answer_teaches_swfs_time_and_the_request_is_retried_once() {
    let server = RecordingServer::start().await;
    // Retries of transient failures are off: the one retry is the skew correction's own.
    let client = test_client_builder(&server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let swf_now = SystemTime::now() + Duration::from_secs(6 * 60);
    let expired = Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000600Z - 5 min.)"}"#,
    )
    .with_header("date", &httpdate::fmt_http_date(swf_now));
    server.respond_with(vec![expired]);
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect("the retry is signed with SWF's time");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let first = amz_date_time(requests[0].header("x-amz-date").expect("dated"));
    let second = amz_date_time(requests[1].header("x-amz-date").expect("dated"));
    assert!(distance(first, SystemTime::now()) < Duration::from_secs(30));
    assert!(
        distance(second, swf_now) < Duration::from_secs(30),
        "signed at {second:?}, SWF's time {swf_now:?}"
    );

    // Only once: a second skew error is the caller's.
    let expired = Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000600Z - 5 min.)"}"#,
    );
    server.respond_with(vec![expired.clone(), expired]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("still expired");
    assert!(err.to_string().contains("Signature expired"), "{err}");
    assert_eq!(server.request_count(), 4);
}

#[tokio::test]
async fn every_answer_updates_the_offset() {
    let server = RecordingServer::start().await;
    let client = test_client_builder(&server.url()).build().expect("client");
    let swf_now = SystemTime::now() - Duration::from_secs(16 * 60);
    server.respond_with(vec![
        Reply::ok("{}").with_header("date", &httpdate::fmt_http_date(swf_now)),
    ]);
    let complete = RespondActivityTaskCompleted::new("tok");
    client
        .respond_activity_task_completed(&complete)
        .await
        .expect("ok");
    client
        .respond_activity_task_completed(&complete)
        .await
        .expect("ok");
    let requests = server.requests();
    let second = amz_date_time(requests[1].header("x-amz-date").expect("dated"));
    assert!(
        distance(second, swf_now) < Duration::from_secs(30),
        "signed at {second:?}, SWF's time {swf_now:?}"
    );
    // The server's clock is right again (hyper dates its answers with the real time).
    client
        .respond_activity_task_completed(&complete)
        .await
        .expect("ok");
    let third = amz_date_time(server.requests()[2].header("x-amz-date").expect("dated"));
    assert!(distance(third, SystemTime::now()) < Duration::from_secs(30));
}

#[tokio::test]
async fn a_client_six_minutes_slow_or_sixteen_fast_works_against_local_swf() {
    for (builder, what) in [
        (
            LocalSwf::builder().clock_ahead(Duration::from_secs(6 * 60)),
            "client 6 min slow",
        ),
        (
            LocalSwf::builder().clock_behind(Duration::from_secs(16 * 60)),
            "client 16 min fast",
        ),
    ] {
        let (swf, client) = setup_with(builder.max_poll_wait(Duration::from_secs(5))).await;
        let describe = DescribeDomain::new(DOMAIN);
        client
            .describe_domain(&describe)
            .await
            .unwrap_or_else(|e| panic!("{what}: the first call learns SWF's time: {e}"));
        assert_eq!(swf.stats().requests(Op::DescribeDomain), 2, "{what}");
        client
            .describe_domain(&describe)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            swf.stats().requests(Op::DescribeDomain),
            3,
            "{what}: later calls succeed at once"
        );
        // The local SWF dates its answers with its own clock.
        let raw = swf
            .raw_request("DescribeDomain", format!(r#"{{"name":"{DOMAIN}"}}"#))
            .signed_at(swf.now())
            .send()
            .await
            .expect("answer");
        assert_eq!(raw.status, 200, "{what}: {}", raw.body);
        let date = raw.header("date").expect("a Date header");
        let date = httpdate::parse_http_date(date).expect("an HTTP date");
        assert!(distance(date, swf.now()) < Duration::from_secs(5), "{what}");
        swf.shutdown().await;
    }
}
