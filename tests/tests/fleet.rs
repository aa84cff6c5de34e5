//! What an operator of a fleet relies on: health that tells a worker that cannot reach SWF from
//! one that polls, a task rate that holds without sitting on tasks, heartbeats that flow while
//! the worker drains, registration that waits for SWF, and one bound on an answer's retries.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use swf_activity::client::RetryConfig;
use swf_activity::model::EventType;
use swf_activity::testing::{ActivityOutcome, LocalSwf, Op};
use swf_activity::worker::WorkerState;
use swf_activity::{ActivityContext, activity};
use swf_activity_tests::worker::{self as harness, RunningWorker, WAIT, outcome, until};

const DOMAIN: &str = "fleet";

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("never")]
struct Never;

async fn local_swf(max_poll_wait: Duration) -> LocalSwf {
    harness::local_swf(DOMAIN, max_poll_wait).await
}

// --- Health ---------------------------------------------------------------------------------

#[activity(name = "Echo", version = "1", task_list = "health")]
async fn echo(n: u32) -> Result<u32, Never> {
    Ok(n)
}

#[tokio::test]
async fn readiness_follows_whether_the_pollers_reach_swf() {
    let swf = local_swf(Duration::from_millis(100)).await;
    let client = swf
        .client_builder()
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let worker = harness::builder(client, DOMAIN, "health")
        .poll_backoff(Duration::from_millis(10), Duration::from_millis(50))
        .unready_after(Duration::from_millis(300))
        .build()
        .expect("builds");
    let health = worker.health();
    assert_eq!(health.state(), WorkerState::Created);
    assert!(!health.is_ready(), "not ready before it runs");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    until("the worker is ready", || health.is_ready()).await;
    assert_eq!(health.state(), WorkerState::Polling);
    until("a poll was answered", || health.last_answer().is_some()).await;

    // SWF stops answering: every poll's connection is closed unanswered.
    swf.faults().drop_before(Op::PollForActivityTask, u32::MAX);
    until("the worker is not ready", || !health.is_ready()).await;
    assert!(
        health.is_live(),
        "an unreachable SWF is no reason to restart the worker"
    );
    let error = health.last_error().expect("the poll failure is recorded");
    assert_eq!(error.during, "poll");
    let report = health.report();
    assert!(!report.ready);
    assert!(
        report
            .pollers
            .iter()
            .any(|p| p.failing_for_seconds.is_some_and(|s| s >= 0.3)),
        "{report:?}"
    );

    // SWF is back.
    swf.faults().clear();
    until("the worker is ready again", || health.is_ready()).await;
    let task = harness::schedule(&swf, DOMAIN, "Echo", "e1", "health", "7");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("7".into())
        }
    );

    let stopping = running.signal();
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");
    assert_eq!(health.state(), WorkerState::Stopped);
    assert!(!health.is_ready() && !health.is_live());
}

// --- max_tasks_per_second ------------------------------------------------------------------

/// When each `Paced` task began to run, by the wall clock.
static PACED_STARTS: Mutex<Vec<(String, SystemTime)>> = Mutex::new(Vec::new());

#[activity(name = "Paced", version = "1", task_list = "paced")]
async fn paced(ctx: ActivityContext, n: u32) -> Result<u32, Never> {
    PACED_STARTS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((ctx.activity_id().to_owned(), SystemTime::now()));
    Ok(n)
}

#[tokio::test]
async fn max_tasks_per_second_holds_and_no_task_waits_in_hand() {
    const RATE: f64 = 20.0;
    const WINDOW: Duration = Duration::from_secs(20);
    let swf = local_swf(Duration::from_millis(500)).await;
    let worker = harness::builder(swf.client(), DOMAIN, "paced")
        .max_concurrent_tasks(10)
        .pollers(4)
        .max_tasks_per_second(Some(RATE))
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    // More than the window can take.
    let tasks: Vec<_> = (0..600)
        .map(|i| harness::schedule(&swf, DOMAIN, "Paced", &format!("p{i}"), "paced", "1"))
        .collect();
    let started = Instant::now();
    until("the first task runs", || {
        !PACED_STARTS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    })
    .await;
    let first = PACED_STARTS.lock().unwrap_or_else(PoisonError::into_inner)[0].1;
    while started.elapsed() < WINDOW + Duration::from_secs(2) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    running.stop().await.expect("clean");

    let starts = PACED_STARTS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let in_window = starts
        .iter()
        .filter(|(_, at)| at.duration_since(first).is_ok_and(|d| d < WINDOW))
        .count();
    let expected = RATE * WINDOW.as_secs_f64();
    let off = (in_window as f64 - expected).abs() / expected;
    assert!(
        off <= 0.10,
        "{in_window} tasks in {WINDOW:?} at {RATE}/s: {:.1}% off",
        off * 100.0
    );

    // Every task SWF handed out ran at once: the rate's turn was taken before the poll.
    let mut handed_out = 0;
    for task in &tasks {
        let history = swf.history(task);
        let Some(started_at) = history
            .iter()
            .find(|e| e.event_type == EventType::ActivityTaskStarted)
            .map(|e| e.event_timestamp)
        else {
            continue;
        };
        handed_out += 1;
        let ran_at = starts
            .iter()
            .find(|(id, _)| id == task.activity_id())
            .map(|(_, at)| {
                at.duration_since(SystemTime::UNIX_EPOCH)
                    .map(|d| d.as_secs_f64())
            })
            .expect("a task SWF handed out ran")
            .expect("after the epoch");
        let waited = ran_at - started_at;
        assert!(
            waited < 1.0,
            "task {} ran {waited:.3} s after SWF handed it out",
            task.activity_id()
        );
    }
    assert_eq!(handed_out, starts.len(), "each task handed out ran once");
}

#[tokio::test]
async fn max_tasks_per_second_must_be_a_positive_rate() {
    let swf = local_swf(Duration::from_millis(100)).await;
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let error = harness::builder(swf.client(), DOMAIN, "health")
            .max_tasks_per_second(Some(bad))
            .build()
            .expect_err("refused");
        assert!(
            error
                .to_string()
                .contains("`max_tasks_per_second` must be a positive number"),
            "{error}"
        );
    }
}

// --- Heartbeats while draining --------------------------------------------------------------

static DRAINING_BEATS: AtomicU32 = AtomicU32::new(0);

/// Heartbeats every 20 ms for 1.5 s, whatever the worker is doing.
#[activity(
    name = "Beating",
    version = "1",
    task_list = "draining",
    heartbeat_timeout = "NONE"
)]
async fn beating(ctx: ActivityContext) -> Result<(), Never> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(1_500) {
        DRAINING_BEATS.fetch_add(1, Ordering::SeqCst);
        ctx.heartbeat(());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(())
}

#[tokio::test]
async fn heartbeats_keep_flowing_while_the_worker_drains() {
    let swf = local_swf(Duration::from_millis(100)).await;
    let worker = harness::builder(swf.client(), DOMAIN, "draining")
        .fallback_heartbeat_interval(Duration::from_millis(50))
        .build()
        .expect("builds");
    let health = worker.health();
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let task = harness::schedule(&swf, DOMAIN, "Beating", "b1", "draining", "null");
    until("the activity heartbeats", || {
        DRAINING_BEATS.load(Ordering::SeqCst) > 0
    })
    .await;
    let stopping = running.signal();
    until("the worker drains", || {
        health.state() == WorkerState::Draining
    })
    .await;
    let at_signal = swf.stats().requests(Op::RecordActivityTaskHeartbeat);
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");
    let during_drain = swf.stats().requests(Op::RecordActivityTaskHeartbeat) - at_signal;
    // About 1.4 s of draining at one heartbeat per 50 ms; a slow machine sends fewer.
    assert!(
        during_drain >= 5,
        "{during_drain} heartbeats while draining"
    );
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed { result: None }
    );
}

// --- One bound on an answer's retries -------------------------------------------------------

#[activity(name = "Instant", version = "1", task_list = "bounded")]
async fn instant() -> Result<(), Never> {
    Ok(())
}

#[tokio::test]
async fn the_clients_attempts_and_the_workers_retries_share_one_deadline() {
    let swf = local_swf(Duration::from_millis(100)).await;
    // Each attempt of the answer waits 300 ms for an answer that comes after 5 s; the client
    // would make five attempts per call (about 1.5 s), the worker would call again until its
    // respond timeout. Together they must stop at the respond timeout.
    let client = swf
        .client_builder()
        .read_timeout(Duration::from_millis(300))
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(5)
                .with_base_delay(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(1)),
        )
        .build()
        .expect("client");
    let worker = harness::builder(client, DOMAIN, "bounded")
        .respond_timeout(Duration::from_millis(500))
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    swf.faults().delay(
        Op::RespondActivityTaskCompleted,
        Duration::from_secs(5),
        100,
    );
    let _task = harness::schedule(&swf, DOMAIN, "Instant", "i1", "bounded", "null");
    until("the answer is tried", || {
        swf.stats().requests(Op::RespondActivityTaskCompleted) > 0
    })
    .await;
    let tried = Instant::now();
    tokio::time::timeout(WAIT, running.signal())
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");
    let took = tried.elapsed();
    // The shutdown waits for the answer, which gives up 500 ms after it began; one client
    // call alone would take about 1.5 s.
    assert!(took < Duration::from_millis(1_200), "took {took:?}");
    let attempts = swf.stats().requests(Op::RespondActivityTaskCompleted);
    assert!(
        (1..=3).contains(&attempts),
        "{attempts} attempts within 500 ms of 300 ms each"
    );
}

// --- Registration waits for SWF -------------------------------------------------------------

#[activity(name = "Registered", version = "1", task_list = "registering")]
async fn registered(n: u32) -> Result<u32, Never> {
    Ok(n + 1)
}

#[tokio::test]
async fn registration_denied_for_a_while_is_retried_and_the_worker_is_not_ready_meanwhile() {
    let swf = local_swf(Duration::from_millis(100)).await;
    swf.faults().access_denied(Op::RegisterActivityType, 3);
    let client = swf
        .client_builder()
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let worker = harness::builder(client, DOMAIN, "registering")
        .poll_backoff(Duration::from_millis(200), Duration::from_millis(400))
        .build()
        .expect("builds");
    let health = worker.health();
    let running = RunningWorker::spawn(worker);
    // The fault is counted when the endpoint takes it, before the worker has the answer: wait
    // for the worker to have recorded it.
    until("the first registration is refused", || {
        swf.faults().injected(Op::RegisterActivityType) >= 1 && health.last_error().is_some()
    })
    .await;
    assert_eq!(health.state(), WorkerState::Registering);
    assert!(
        !health.is_ready(),
        "not ready while registration is refused"
    );
    assert!(health.is_live());
    let error = health.last_error().expect("the refusal is recorded");
    assert_eq!(error.during, "registration");
    assert!(
        error.message.contains("AccessDenied") || error.message.contains("not authorized"),
        "{}",
        error.message
    );
    until("the worker is ready", || health.is_ready()).await;
    assert_eq!(swf.faults().injected(Op::RegisterActivityType), 3);
    let task = harness::schedule(&swf, DOMAIN, "Registered", "r1", "registering", "1");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("2".into())
        }
    );
    running.stop().await.expect("clean");
}

#[tokio::test]
async fn registration_refused_past_the_registration_timeout_fails_run() {
    let swf = local_swf(Duration::from_millis(100)).await;
    swf.faults()
        .access_denied(Op::RegisterActivityType, u32::MAX);
    let client = swf
        .client_builder()
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let worker = harness::builder(client, DOMAIN, "registering")
        .registration_timeout(Duration::from_millis(500))
        .build()
        .expect("builds");
    let health = worker.health();
    let began = Instant::now();
    let error = tokio::time::timeout(WAIT, worker.run())
        .await
        .expect("gives up")
        .expect_err("registration failed");
    // It gives up once the next attempt would start past the timeout: at least the timeout
    // less one backoff (200 ms at most here).
    assert!(
        began.elapsed() >= Duration::from_millis(300),
        "{:?}",
        began.elapsed()
    );
    assert!(
        error
            .to_string()
            .contains("could not register activity type `Registered` version `1`"),
        "{error}"
    );
    assert!(
        swf.faults().injected(Op::RegisterActivityType) >= 2,
        "tried more than once"
    );
    assert_eq!(health.state(), WorkerState::Stopped);
    assert_eq!(
        swf.stats().requests(Op::PollForActivityTask),
        0,
        "never polled"
    );
}

#[tokio::test]
async fn the_signal_ends_a_registration_that_waits_for_swf() {
    let swf = local_swf(Duration::from_millis(100)).await;
    swf.faults()
        .access_denied(Op::RegisterActivityType, u32::MAX);
    let worker = harness::builder(swf.client(), DOMAIN, "registering")
        .build()
        .expect("builds");
    let health = worker.health();
    let running = RunningWorker::spawn(worker);
    until("registration is refused", || {
        swf.faults().injected(Op::RegisterActivityType) >= 1
    })
    .await;
    running
        .stop()
        .await
        .expect("stopped cleanly, having taken no task");
    assert_eq!(health.state(), WorkerState::Stopped);
    assert_eq!(
        swf.stats().requests(Op::PollForActivityTask),
        0,
        "never polled"
    );
}
