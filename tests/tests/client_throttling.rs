//! The client under throttling: a worker whose client runs in adaptive retry mode slows down
//! while the local SWF throttles a share of its requests and speeds up again after, answering
//! every task exactly once; the client's metrics; the local SWF's share throttling and IAM
//! denials.
//!
//! This binary installs the process's metrics recorder (a Prometheus one, read back from its
//! text) once for all its tests. Only the first test makes an adaptive client, so the
//! unlabelled send-rate gauge is its alone; the others use operations it does not use, and
//! compare counts before and after.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use serde::{Deserialize, Serialize};
use serde_json::json;
use swf_activity::client::{RetryConfig, RetryMode};
use swf_activity::metrics::{
    REQUEST_DURATION, REQUEST_ERRORS, REQUEST_RETRIES, REQUESTS, SEND_RATE, SEND_RATE_WAIT,
    THROTTLED,
};
use swf_activity::model::{
    DescribeDomain, EventType, ListActivityTypes, RecordActivityTaskHeartbeat, RegistrationStatus,
};
use swf_activity::registry::ActivitySet;
use swf_activity::testing::{ActivityOutcome, Faults, Op, ScheduledActivity};
use swf_activity::{ErrorKind, activity};
use swf_activity_tests::worker::{self as harness, RunningWorker};

const DOMAIN: &str = "throttling-tests";
const TASK_LIST: &str = "steady";
/// The seed of the throttled share: the same requests are throttled in every run.
const SEED: u64 = 0x5eed;

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("never")]
struct Never;

#[activity(name = "Quick", version = "1", task_list = "steady")]
async fn quick(n: u32) -> Result<u32, Never> {
    Ok(n)
}

/// The metrics recorder of this binary (a process has one), installed by the first test that
/// asks.
fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .install_recorder()
            .expect("the only metrics recorder of this test binary")
    })
}

/// The sum of the series of metric `name` (a full series name in the text, e.g. with
/// `_count`) whose labels include every one of `labels`; `None` when there is none.
fn read(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut found = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((series, value)) = line.rsplit_once(' ') else {
            continue;
        };
        let (series_name, series_labels) = match series.split_once('{') {
            Some((n, rest)) => (n, rest.trim_end_matches('}')),
            None => (series, ""),
        };
        if series_name != name {
            continue;
        }
        // Our label values hold neither commas nor quotes.
        let has = |(key, value): &(&str, &str)| {
            series_labels
                .split(',')
                .any(|pair| pair == format!("{key}=\"{value}\""))
        };
        if labels.iter().all(has) {
            let value: f64 = value.parse().expect("a number");
            *found.get_or_insert(0.0) += value;
        }
    }
    found
}

/// [`read`] from a fresh rendering, 0 when the series does not exist yet.
fn count(name: &str, labels: &[(&str, &str)]) -> f64 {
    read(&recorder().render(), name, labels).unwrap_or(0.0)
}

/// Where the test is when it reads the send rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Before,
    Throttled,
    After,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adaptive_mode_slows_down_under_throttling_and_recovers() {
    recorder();
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    let client = swf
        .client_builder()
        .retry_config(
            RetryConfig::adaptive()
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(250)),
        )
        .build()
        .expect("client");
    assert_eq!(client.retry_config().mode(), RetryMode::Adaptive);
    let worker = harness::builder(client, DOMAIN, TASK_LIST)
        .activities(ActivitySet::select([("Quick", "1")]).expect("selected"))
        .pollers(4)
        .max_concurrent_tasks(20)
        .build()
        .expect("worker");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    // A steady supply of 10 tasks a second (20 requests a second and a few empty polls),
    // 3 s unthrottled, 10 s with 30% of all requests throttled, 7 s unthrottled again.
    const TICK: Duration = Duration::from_millis(100);
    const THROTTLE_AT: Duration = Duration::from_secs(3);
    const WINDOW: Duration = Duration::from_secs(10);
    const END: Duration = Duration::from_secs(20);
    let mut tasks: Vec<ScheduledActivity> = Vec::new();
    let mut samples: Vec<(Phase, Option<f64>)> = Vec::new();
    let mut requests_at_1s = None;
    let mut pre_rate = None;
    let start = Instant::now();
    for tick in 0u32.. {
        let elapsed = start.elapsed();
        if elapsed >= END || tick > 1000 {
            break;
        }
        let phase = if elapsed < THROTTLE_AT {
            Phase::Before
        } else if elapsed < THROTTLE_AT + WINDOW {
            Phase::Throttled
        } else {
            Phase::After
        };
        if phase == Phase::Before && elapsed >= Duration::from_secs(1) {
            requests_at_1s.get_or_insert((elapsed, swf.stats().total()));
        }
        if phase == Phase::Throttled && pre_rate.is_none() {
            // The rate the worker sent at unthrottled, as the local SWF counted it.
            let (then, requests) = requests_at_1s.expect("a reading at 1 s");
            let sent = swf.stats().total() - requests;
            pre_rate = Some(sent as f64 / (elapsed - then).as_secs_f64());
            swf.faults().throttle_share(0.3, WINDOW, SEED);
        }
        samples.push((phase, read(&recorder().render(), SEND_RATE, &[])));
        let id = tasks.len();
        tasks.push(harness::schedule(
            &swf,
            DOMAIN,
            "Quick",
            &format!("t-{id}"),
            TASK_LIST,
            &id.to_string(),
        ));
        tokio::time::sleep_until((start + TICK * (tick + 1)).into()).await;
    }
    let pre_rate = pre_rate.expect("measured before throttling");

    // Every task is answered, exactly once.
    let deadline = Instant::now() + Duration::from_secs(30);
    for (n, task) in tasks.iter().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        let outcome = swf.wait_for_outcome(task, left).await;
        assert_eq!(
            outcome,
            Some(ActivityOutcome::Completed {
                result: Some(n.to_string())
            }),
            "task {n} of {}",
            tasks.len()
        );
    }
    let render = recorder().render();
    running.stop().await.expect("clean shutdown");

    let summary = |phase| -> Vec<f64> {
        samples
            .iter()
            .filter(|(p, _)| *p == phase)
            .filter_map(|(_, rate)| *rate)
            .collect()
    };
    let (before, during, after) = (
        summary(Phase::Before),
        summary(Phase::Throttled),
        summary(Phase::After),
    );
    let report = format!(
        "measured before: {pre_rate:.1}/s; send rate during: {during:.2?}; after: {after:.2?}"
    );
    // Shown with --nocapture: how the rate moved.
    eprintln!("{report}");
    // Off until throttled.
    assert!(before.is_empty(), "{report}");
    // Set once throttled, and cut: each throttling answer takes 30% off the rate the client
    // was sending at, so with a third of the requests throttled it falls far below the
    // unthrottled rate (the first cut alone leaves 70% of it).
    let lowest = during.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(during.len() > 50, "{report}");
    assert!(lowest >= 0.5, "never below the minimum rate: {report}");
    assert!(lowest <= pre_rate / 4.0, "{report}");
    // Recovered. The last reading comes at least 6.8 s after the last throttling (the window
    // closes 7 s before the end). By then CUBIC's curve, 0.4 * (t - k)^3 + w_max with
    // k = cbrt(w_max * 0.3 / 0.4), is above 50/s for any rate w_max up to 26/s the client can
    // have been throttled at (its minimum over w_max, at w_max = 18.6, is 52/s). The send rate
    // is also at most twice the measured rate, but the worker has a backlog to work off and
    // new tasks coming, so it sends at least what it did unthrottled (about pre_rate): the
    // rate is at least min(50, 2 * pre_rate). Half of the unthrottled rate, and four times
    // the lowest rate (at most pre_rate, as checked above), leave a wide margin.
    let last = *after.last().expect("readings after the window");
    assert!(last >= pre_rate / 2.0, "{report}");
    assert!(last >= 4.0 * lowest, "{report}");

    // Throttled attempts and waits for a token were counted.
    let throttled = ["PollForActivityTask", "RespondActivityTaskCompleted"]
        .map(|op| read(&render, THROTTLED, &[("operation", op)]).unwrap_or(0.0));
    assert!(throttled.iter().sum::<f64>() > 0.0, "{throttled:?}");
    let waits = read(
        &render,
        &format!("{SEND_RATE_WAIT}_count"),
        &[("operation", "PollForActivityTask")],
    );
    assert!(waits.is_some_and(|n| n > 0.0), "{waits:?}");

    // Exactly once: one closing event per task, and every completion the local SWF processed
    // (those it did not throttle) closed a task; a duplicate would have been processed too
    // (answered UnknownResourceFault).
    for (n, task) in tasks.iter().enumerate() {
        let history = swf.history(task);
        let closing: Vec<_> = history
            .iter()
            .map(|e| &e.event_type)
            .filter(|t| {
                matches!(
                    t,
                    EventType::ActivityTaskCompleted
                        | EventType::ActivityTaskFailed
                        | EventType::ActivityTaskTimedOut
                        | EventType::ActivityTaskCanceled
                )
            })
            .collect();
        assert_eq!(closing, [&EventType::ActivityTaskCompleted], "task {n}");
    }
    let respond = Op::RespondActivityTaskCompleted;
    let stats = swf.stats();
    let processed = stats.requests(respond) - u64::from(swf.faults().injected(respond));
    assert_eq!(processed, tasks.len() as u64, "{stats:?}");
    // Each attempt is a call or a retry of one.
    let labels = [("operation", "RespondActivityTaskCompleted")];
    let calls = read(&render, REQUESTS, &labels).expect("calls counted");
    let retries = read(&render, REQUEST_RETRIES, &labels).unwrap_or(0.0);
    assert_eq!(calls + retries, stats.requests(respond) as f64, "{render}");
}

/// Counts of calls, retries, errors and throttling, by operation and error code.
#[tokio::test]
async fn calls_retries_and_errors_are_counted_with_bounded_codes() {
    recorder();
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    // DescribeDomain is this test's alone in this binary.
    let op = [("operation", "DescribeDomain")];
    let with_code = |code: &'static str| [("operation", "DescribeDomain"), ("error_code", code)];
    let duration_count = format!("{REQUEST_DURATION}_count");
    let client = swf.client();

    // Throttled twice, then answered: one call, two retries, no error.
    let calls = count(REQUESTS, &op);
    let timed = count(&duration_count, &op);
    let retries = count(REQUEST_RETRIES, &with_code("ThrottlingException"));
    let throttled = count(THROTTLED, &op);
    let errors = count(REQUEST_ERRORS, &op);
    swf.faults().throttle(Op::DescribeDomain, 2);
    client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("answered on the third attempt");
    assert_eq!(count(REQUESTS, &op) - calls, 1.0);
    assert_eq!(count(&duration_count, &op) - timed, 1.0);
    assert_eq!(
        count(REQUEST_RETRIES, &with_code("ThrottlingException")) - retries,
        2.0
    );
    assert_eq!(count(THROTTLED, &op) - throttled, 2.0);
    assert_eq!(count(REQUEST_ERRORS, &op) - errors, 0.0);

    // Errors that end a call, each with its code, and the retries before it (the standard
    // mode makes 5 attempts).
    type Setup = fn(&Faults);
    let cases: [(&'static str, &str, Setup, f64); 5] = [
        (
            "AccessDeniedException",
            DOMAIN,
            |faults| {
                faults.access_denied(Op::DescribeDomain, 1);
            },
            0.0,
        ),
        ("UnknownResourceFault", "no-such-domain", |_| {}, 0.0),
        // An empty name: the client refuses to send it.
        ("validation", "", |_| {}, 0.0),
        (
            "ServiceUnavailableException",
            DOMAIN,
            |faults| {
                faults.error_5xx(Op::DescribeDomain, 5, 503);
            },
            4.0,
        ),
        (
            "transport",
            DOMAIN,
            |faults| {
                faults.drop_before(Op::DescribeDomain, 5);
            },
            4.0,
        ),
    ];
    for (code, domain, setup, expected_retries) in cases {
        let calls = count(REQUESTS, &op);
        let errors = count(REQUEST_ERRORS, &with_code(code));
        let retries = count(REQUEST_RETRIES, &with_code(code));
        setup(swf.faults());
        let err = client
            .describe_domain(&DescribeDomain::new(domain))
            .await
            .expect_err(code);
        assert_eq!(count(REQUESTS, &op) - calls, 1.0, "{code}: {err}");
        assert_eq!(
            count(REQUEST_ERRORS, &with_code(code)) - errors,
            1.0,
            "{code}: {err}"
        );
        assert_eq!(
            count(REQUEST_RETRIES, &with_code(code)) - retries,
            expected_retries,
            "{code}: {err}"
        );
    }
}

#[tokio::test]
async fn a_throttled_share_is_reproducible_and_ends() {
    let body = json!({ "name": DOMAIN }).to_string();
    // The same seed throttles the same requests of two endpoints.
    let mut patterns = Vec::new();
    for _ in 0..2 {
        let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
        swf.faults()
            .throttle_share(0.5, Duration::from_secs(60), SEED);
        let mut pattern = Vec::new();
        for _ in 0..40 {
            let answer = swf
                .raw_request("DescribeDomain", body.clone())
                .send()
                .await
                .expect("answered");
            let throttled = answer.status == 400;
            if throttled {
                assert_eq!(answer.error_code().as_deref(), Some("ThrottlingException"));
                assert_eq!(answer.message().as_deref(), Some("Rate exceeded"));
            } else {
                assert_eq!(answer.status, 200, "{answer:?}");
            }
            pattern.push(throttled);
        }
        let throttled = pattern.iter().filter(|t| **t).count();
        assert!((5..=35).contains(&throttled), "{pattern:?}");
        assert_eq!(
            swf.faults().injected(Op::DescribeDomain),
            u32::try_from(throttled).expect("small")
        );
        patterns.push(pattern);
    }
    assert_eq!(patterns[0], patterns[1]);

    // Of one operation, for a while.
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    swf.faults()
        .throttle_share_of(Op::DescribeDomain, 1.0, Duration::from_millis(300), SEED);
    let answer = swf
        .raw_request("DescribeDomain", body.clone())
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.error_code().as_deref(), Some("ThrottlingException"));
    let list = json!({ "domain": DOMAIN, "registrationStatus": "REGISTERED" }).to_string();
    let answer = swf
        .raw_request("ListActivityTypes", list)
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status, 200, "another operation: {answer:?}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let answer = swf
        .raw_request("DescribeDomain", body)
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status, 200, "the share has ended: {answer:?}");
}

#[tokio::test]
async fn access_denied_reads_as_an_iam_denial() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    let denial = |op: &str, resource: &str| {
        format!(
            "User: arn:aws:iam::123456789012:user/local is not authorized to perform: \
             swf:{op}{resource} because no identity-based policy allows the swf:{op} action"
        )
    };

    // As SWF answers it.
    swf.faults().access_denied(Op::ListActivityTypes, 1);
    let list = json!({ "domain": DOMAIN, "registrationStatus": "REGISTERED" }).to_string();
    let answer = swf
        .raw_request("ListActivityTypes", list.clone())
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.error_type().as_deref(),
        Some("com.amazon.coral.service#AccessDeniedException")
    );
    let body: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    let resource = format!(" on resource: arn:aws:swf:us-east-1:123456789012:/domain/{DOMAIN}");
    assert_eq!(
        body["Message"].as_str(),
        Some(denial("ListActivityTypes", &resource).as_str())
    );
    // The next request is served.
    let answer = swf
        .raw_request("ListActivityTypes", list)
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status, 200, "{answer:?}");
    // The domain operations name their domain `name`.
    swf.faults().access_denied(Op::DescribeDomain, 1);
    let answer = swf
        .raw_request("DescribeDomain", json!({ "name": DOMAIN }).to_string())
        .send()
        .await
        .expect("answered");
    let body: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
    assert_eq!(
        body["Message"].as_str(),
        Some(denial("DescribeDomain", &resource).as_str())
    );

    // As the client reads it: an access denial, not retried, with the statement to allow it.
    let client = swf.client();
    swf.faults().access_denied(Op::ListActivityTypes, 1);
    let requests = swf.stats().requests(Op::ListActivityTypes);
    let err = client
        .list_activity_types(&ListActivityTypes::new(
            DOMAIN,
            RegistrationStatus::Registered,
        ))
        .await
        .expect_err("denied");
    assert_eq!(
        err.kind(),
        &ErrorKind::AccessDenied {
            code: Some("AccessDeniedException".into())
        }
    );
    assert!(!err.is_retryable());
    assert_eq!(swf.stats().requests(Op::ListActivityTypes), requests + 1);
    assert_eq!(
        err.message(),
        denial("ListActivityTypes", &resource),
        "SWF's message is kept"
    );
    let hint = err.hint().expect("a hint");
    assert!(
        hint.starts_with(&format!(
            "not permitted: swf:ListActivityTypes on arn:aws:swf:us-east-1:123456789012:/domain/{DOMAIN}; allow it with "
        )),
        "{hint}"
    );

    // A request that names only a task token: IAM's message names no resource.
    swf.faults()
        .access_denied(Op::RecordActivityTaskHeartbeat, 1);
    let err = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new("token"))
        .await
        .expect_err("denied");
    assert!(
        matches!(err.kind(), ErrorKind::AccessDenied { .. }),
        "{err:?}"
    );
    assert_eq!(err.message(), denial("RecordActivityTaskHeartbeat", ""));
    assert_eq!(swf.faults().injected(Op::RecordActivityTaskHeartbeat), 1);
}
