//! The worker against the in-process local SWF: dispatch, registration, capacity, shutdown,
//! backoff, retries, heartbeats and cancellation; and the `ActivityEnvironment` harness.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::client::RetryConfig;
use swf_activity::model::{
    ActivityType, DeprecateActivityType, DescribeActivityType, RegisterActivityType, TaskList,
};
use swf_activity::registry::ActivitySet;
use swf_activity::testing::{
    ActivityEnvironment, ActivityOutcome, LocalSwf, Op, ScheduledActivity,
};
use swf_activity::{ActivityContext, ErrorKind, Worker, activity};
use swf_activity_tests::logs::LogBuffer;
use swf_activity_tests::worker::{self as harness, RunningWorker, WAIT, outcome, until};
use tokio::sync::{Notify, Semaphore};

const DOMAIN: &str = "worker-tests";

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("order {order} was rejected")]
struct Rejected {
    order: u32,
}

#[activity(
    name = "Echo",
    version = "1",
    task_list = "basic",
    start_to_close_timeout = "5m",
    heartbeat_timeout = "30s",
    description = "echoes its input"
)]
async fn echo(input: serde_json::Value) -> Result<serde_json::Value, Rejected> {
    Ok(input)
}

#[activity(name = "Reject", version = "1", task_list = "basic")]
async fn reject(order: u32) -> Result<(), Rejected> {
    Err(Rejected { order })
}

#[activity(name = "Panics", version = "1", task_list = "basic")]
fn panics(message: String) -> Result<(), Rejected> {
    panic!("{message}")
}

async fn local_swf() -> LocalSwf {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_millis(500))
        .start()
        .await
        .expect("local SWF starts");
    swf.register_domain(DOMAIN).expect("domain");
    swf
}

fn builder(swf: &LocalSwf, task_list: &str) -> swf_activity::worker::WorkerBuilder {
    harness::builder(swf.client(), DOMAIN, task_list)
}

/// Runs `worker` in the background until it polls (so its types are registered).
async fn spawn(swf: &LocalSwf, worker: Worker) -> RunningWorker {
    RunningWorker::start(swf, DOMAIN, worker).await
}

fn schedule(
    swf: &LocalSwf,
    name: &str,
    id: &str,
    task_list: &str,
    input: &str,
) -> ScheduledActivity {
    harness::schedule(swf, DOMAIN, name, id, task_list, input)
}

#[tokio::test]
async fn completes_fails_and_registers() {
    let swf = local_swf().await;
    let worker = builder(&swf, "basic").build().expect("builds");
    let mut types: Vec<_> = worker.activity_types().collect();
    types.sort();
    assert_eq!(types, [("Echo", "1"), ("Panics", "1"), ("Reject", "1")]);
    let running = spawn(&swf, worker).await;

    let ok = schedule(&swf, "Echo", "a1", "basic", r#"{"x":[1,2]}"#);
    let failed = schedule(&swf, "Reject", "a2", "basic", "7");
    let bad_input = schedule(&swf, "Reject", "a3", "basic", "\"seven\"");
    assert_eq!(
        outcome(&swf, &ok).await,
        ActivityOutcome::Completed {
            result: Some(r#"{"x":[1,2]}"#.into())
        }
    );
    assert_eq!(
        outcome(&swf, &failed).await,
        ActivityOutcome::Failed {
            reason: Some("order 7 was rejected".into()),
            details: Some(r#"{"order":7}"#.into())
        }
    );
    let ActivityOutcome::Failed { reason, .. } = outcome(&swf, &bad_input).await else {
        panic!("bad input fails the task");
    };
    assert!(
        reason
            .expect("reason")
            .starts_with("activity input did not decode")
    );

    // The declared defaults were registered.
    let detail = swf
        .client()
        .describe_activity_type(&DescribeActivityType::new(
            DOMAIN,
            ActivityType::new("Echo", "1"),
        ))
        .await
        .expect("registered");
    let config = detail.configuration;
    assert_eq!(
        config.default_task_start_to_close_timeout.as_deref(),
        Some("300")
    );
    assert_eq!(config.default_task_heartbeat_timeout.as_deref(), Some("30"));
    assert_eq!(config.default_task_list, Some(TaskList::new("basic")));
    assert_eq!(
        detail.type_info.description.as_deref(),
        Some("echoes its input")
    );
    running.stop().await.expect("clean shutdown");
}

#[tokio::test]
async fn unknown_types_and_panics_fail_and_the_worker_keeps_going() {
    let swf = local_swf().await;
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, "Stranger", "1"))
        .expect("registered");
    let running = spawn(&swf, builder(&swf, "basic").build().expect("builds")).await;

    let stranger = schedule(&swf, "Stranger", "s1", "basic", "{}");
    let ActivityOutcome::Failed { reason, details } = outcome(&swf, &stranger).await else {
        panic!("an unknown type fails");
    };
    let reason = reason.expect("reason");
    assert!(
        reason.starts_with(r#"unknown activity type: "Stranger" version "1" is not served"#),
        "{reason}"
    );
    assert!(reason.contains("Echo@1, Panics@1, Reject@1"), "{reason}");
    assert!(details.expect("details").contains("UnknownActivityType"));

    let panicked = schedule(&swf, "Panics", "p1", "basic", "\"boom\"");
    assert_eq!(
        outcome(&swf, &panicked).await,
        ActivityOutcome::Failed {
            reason: Some("activity panicked: boom".into()),
            details: Some(r#"{"framework_error":"Panic","message":"boom"}"#.into())
        }
    );
    let after = schedule(&swf, "Echo", "e1", "basic", "1");
    assert!(matches!(
        outcome(&swf, &after).await,
        ActivityOutcome::Completed { .. }
    ));
    running.stop().await.expect("clean shutdown");
}

static GATE: Semaphore = Semaphore::const_new(0);
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MAX_RUNNING: AtomicUsize = AtomicUsize::new(0);
static STARTED: AtomicUsize = AtomicUsize::new(0);

#[activity(name = "Gated", version = "1", task_list = "capacity")]
async fn gated(_n: u32) -> Result<(), Rejected> {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    MAX_RUNNING.fetch_max(now, Ordering::SeqCst);
    STARTED.fetch_add(1, Ordering::SeqCst);
    GATE.acquire().await.expect("gate open").forget();
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    Ok(())
}

#[tokio::test]
async fn capacity_and_graceful_shutdown() {
    let swf = local_swf().await;
    let worker = builder(&swf, "capacity")
        .max_concurrent_tasks(2)
        .pollers(2)
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let tasks: Vec<_> = (0..5)
        .map(|i| schedule(&swf, "Gated", &format!("g{i}"), "capacity", &i.to_string()))
        .collect();
    until("two tasks run", || STARTED.load(Ordering::SeqCst) == 2).await;

    // Both slots are busy: no poll is open and none starts, and the other tasks wait on SWF.
    let polls = swf.stats().requests(Op::PollForActivityTask);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), polls);
    assert_eq!(swf.waiting_pollers(DOMAIN, "capacity"), 0);
    assert_eq!(swf.pending_tasks(DOMAIN, "capacity"), 3);

    // Free the slots one by one: never more than two run.
    for started in 3..=5 {
        GATE.add_permits(1);
        until("the next task runs", || {
            STARTED.load(Ordering::SeqCst) == started
        })
        .await;
    }
    assert!(MAX_RUNNING.load(Ordering::SeqCst) <= 2);

    // Shut down with one task running and a poll open: the open poll is not aborted, the task
    // it brings runs, and every task is answered once.
    GATE.add_permits(1);
    assert!(swf.wait_for_pollers(DOMAIN, "capacity", 1, WAIT).await);
    let handle = running.signal();
    // Let the worker see the signal while its poll is open.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let late = schedule(&swf, "Gated", "late", "capacity", "9");
    assert!(swf.wait_for_started(&late, WAIT).await);
    GATE.add_permits(2);
    tokio::time::timeout(WAIT, handle)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean shutdown");
    for task in tasks.iter().chain([&late]) {
        assert_eq!(
            swf.outcome(task),
            Some(ActivityOutcome::Completed { result: None })
        );
    }
    assert_eq!(swf.stats().requests(Op::RespondActivityTaskCompleted), 6);
    assert!(MAX_RUNNING.load(Ordering::SeqCst) <= 2);
}

static STUCK_CANCEL_SEEN: Notify = Notify::const_new();

#[activity(
    name = "Stuck",
    version = "1",
    task_list = "stuck",
    heartbeat_timeout = "NONE"
)]
async fn stuck(ctx: ActivityContext, _n: u32) -> Result<(), Rejected> {
    loop {
        ctx.heartbeat("still here");
        if ctx.is_cancelled() {
            STUCK_CANCEL_SEEN.notify_one();
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn shutdown_deadline_answers_what_is_left() {
    let swf = local_swf().await;
    let worker = builder(&swf, "stuck")
        .shutdown_deadline(Duration::from_millis(300))
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let plain = schedule(&swf, "Stuck", "s1", "stuck", "1");
    let cancelled = schedule(&swf, "Stuck", "s2", "stuck", "2");
    assert!(swf.wait_for_started(&plain, WAIT).await);
    assert!(swf.wait_for_started(&cancelled, WAIT).await);
    swf.request_cancel(&cancelled).expect("cancel requested");
    tokio::time::timeout(WAIT, STUCK_CANCEL_SEEN.notified())
        .await
        .expect("the activity learns of the cancel request");

    let started = Instant::now();
    running.stop().await.expect("clean shutdown");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        swf.outcome(&plain),
        Some(ActivityOutcome::Failed {
            reason: Some("activity was aborted before it finished: the worker shut down".into()),
            details: Some(
                r#"{"framework_error":"Aborted","message":"the worker shut down"}"#.into()
            )
        })
    );
    assert!(matches!(
        swf.outcome(&cancelled),
        Some(ActivityOutcome::Canceled { .. })
    ));
}

static LATE_RAN: AtomicUsize = AtomicUsize::new(0);

#[activity(name = "Late", version = "1", task_list = "late-poll")]
async fn late(n: u32) -> Result<u32, Rejected> {
    LATE_RAN.fetch_add(1, Ordering::SeqCst);
    Ok(n)
}

/// A long poll may stay open longer than the shutdown deadline (60 s against 20 s by default):
/// the deadline counts from the signal, so a task such a poll brings after it has gone by is
/// answered at once, without running, for the decider to retry elsewhere; it is not left to
/// time out, and the shutdown does not outlast the deadline by the task's run time.
#[tokio::test]
async fn a_task_from_a_poll_open_past_the_deadline_is_answered_without_running() {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(5))
        .start()
        .await
        .expect("local SWF starts");
    swf.register_domain(DOMAIN).expect("domain");
    let worker = builder(&swf, "late-poll")
        .pollers(1)
        .shutdown_deadline(Duration::from_millis(200))
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let handle = running.signal();
    // Longer than the deadline, with the poll still open.
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!handle.is_finished(), "the open poll is waited for");
    assert_eq!(swf.waiting_pollers(DOMAIN, "late-poll"), 1);
    let task = schedule(&swf, "Late", "l1", "late-poll", "7");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Failed {
            reason: Some("activity was aborted before it finished: the worker shut down".into()),
            details: Some(
                r#"{"framework_error":"Aborted","message":"the worker shut down"}"#.into()
            )
        }
    );
    assert_eq!(LATE_RAN.load(Ordering::SeqCst), 0, "it never ran");
    tokio::time::timeout(WAIT, handle)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean shutdown");
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), 1);
}

/// A signal that has already fired when the worker runs starts nothing: no registration
/// (which may wait minutes for SWF), no poll.
#[tokio::test]
async fn a_signal_that_already_fired_starts_no_poll() {
    let swf = local_swf().await;
    let worker = builder(&swf, "basic").build().expect("builds");
    tokio::time::timeout(WAIT, worker.run_until(std::future::ready(())))
        .await
        .expect("stops")
        .expect("clean shutdown");
    assert_eq!(swf.stats().requests(Op::RegisterActivityType), 0);
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), 0);
}

#[activity(name = "Cancellable", version = "1", task_list = "cancel")]
async fn cancellable(ctx: ActivityContext, _n: u32) -> Result<u32, Rejected> {
    let mut beats = 0;
    while !ctx.is_cancelled() {
        beats += 1;
        ctx.heartbeat(beats);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err(Rejected { order: beats })
}

#[tokio::test]
async fn cancel_requests_are_answered_canceled() {
    let swf = local_swf().await;
    let running = spawn(&swf, builder(&swf, "cancel").build().expect("builds")).await;
    let task = schedule(&swf, "Cancellable", "c1", "cancel", "1");
    assert!(swf.wait_for_started(&task, WAIT).await);
    swf.request_cancel(&task).expect("cancel requested");
    let ActivityOutcome::Canceled { details } = outcome(&swf, &task).await else {
        panic!("canceled");
    };
    assert!(details.expect("details").starts_with(r#"{"order":"#));
    running.stop().await.expect("clean shutdown");
}

static CHATTY_DONE: AtomicBool = AtomicBool::new(false);

#[activity(
    name = "Chatty",
    version = "1",
    task_list = "chatty",
    heartbeat_timeout = "3"
)]
async fn chatty(ctx: ActivityContext, n: u32) -> Result<u32, Rejected> {
    for i in 0..n {
        ctx.heartbeat(i);
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    CHATTY_DONE.store(true, Ordering::SeqCst);
    Ok(n)
}

#[tokio::test]
async fn heartbeats_are_coalesced_and_throttled() {
    let swf = local_swf().await;
    // Heartbeat failures never fail the task.
    swf.faults().throttle(Op::RecordActivityTaskHeartbeat, 12);
    let worker = builder(&swf, "chatty")
        .max_heartbeat_interval(Duration::from_millis(100))
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let started = Instant::now();
    let task = schedule(&swf, "Chatty", "h1", "chatty", "300");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("300".into())
        }
    );
    let elapsed = started.elapsed();
    let sent = swf.stats().requests(Op::RecordActivityTaskHeartbeat);
    // 300 calls; at most one request per 100 ms (a third of 3 s, capped), each retried by the
    // client a few times when throttled.
    let windows = u64::try_from(elapsed.as_millis() / 100).expect("fits") + 1;
    assert!(sent >= 1, "a heartbeat was sent");
    assert!(
        sent <= windows * 5,
        "{sent} heartbeat requests in {elapsed:?}"
    );
    assert!(CHATTY_DONE.load(Ordering::SeqCst));
    running.stop().await.expect("clean shutdown");
}

#[tokio::test]
async fn poll_errors_back_off_and_polling_goes_on() {
    let swf = local_swf().await;
    // 10 failures, and a client that does not retry: each failure is one worker-level backoff.
    swf.faults().error_5xx(Op::PollForActivityTask, 10, 503);
    let client = swf
        .client_builder()
        .retry_config(RetryConfig::disabled())
        .build()
        .expect("client");
    let worker = Worker::builder(client, DOMAIN)
        .task_list("basic")
        .max_heartbeat_interval(Duration::from_millis(50))
        .pollers(1)
        .poll_backoff(Duration::from_millis(40), Duration::from_millis(200))
        .build()
        .expect("builds");
    let started = Instant::now();
    let running = spawn(&swf, worker).await;
    let task = schedule(&swf, "Echo", "b1", "basic", "1");
    assert!(matches!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed { .. }
    ));
    assert_eq!(swf.faults().injected(Op::PollForActivityTask), 10);
    // Ten worker-level backoffs of at least half of 40, 80, 160, then 200 ms seven times.
    assert!(
        started.elapsed() >= Duration::from_millis(20 + 40 + 80 + 7 * 100),
        "{:?}",
        started.elapsed()
    );
    running.stop().await.expect("clean shutdown");
}

#[tokio::test]
async fn answers_are_retried_and_never_turned_into_failures() {
    let swf = local_swf().await;
    swf.faults()
        .throttle(Op::RespondActivityTaskCompleted, 7)
        .drop_before(Op::RespondActivityTaskCompleted, 2)
        .error_5xx(Op::RespondActivityTaskFailed, 6, 500);
    let running = spawn(&swf, builder(&swf, "basic").build().expect("builds")).await;
    let ok = schedule(&swf, "Echo", "r1", "basic", "\"fine\"");
    let failed = schedule(&swf, "Reject", "r2", "basic", "3");
    assert_eq!(
        outcome(&swf, &ok).await,
        ActivityOutcome::Completed {
            result: Some("\"fine\"".into())
        }
    );
    assert!(matches!(
        outcome(&swf, &failed).await,
        ActivityOutcome::Failed { .. }
    ));
    assert_eq!(swf.faults().injected(Op::RespondActivityTaskCompleted), 9);
    assert_eq!(swf.faults().injected(Op::RespondActivityTaskFailed), 6);
    running.stop().await.expect("clean shutdown");
}

#[activity(
    name = "Drifty",
    version = "1",
    task_list = "drift",
    heartbeat_timeout = "30s",
    start_to_close_timeout = "60"
)]
async fn drifty() -> Result<(), Rejected> {
    Ok(())
}

#[tokio::test]
async fn registration_drift_and_deprecation() {
    let swf = local_swf().await;
    swf.register_activity_type(
        &RegisterActivityType::new(DOMAIN, "Drifty", "1")
            .default_task_heartbeat_timeout("90")
            .default_task_start_to_close_timeout("60")
            .default_task_list(TaskList::new("drift")),
    )
    .expect("registered");

    // Strict: an error that names what differs, before any poll.
    let err = builder(&swf, "drift")
        .strict_registration(true)
        .build()
        .expect("builds")
        .run()
        .await
        .expect_err("drift is an error");
    assert_eq!(err.kind(), &ErrorKind::Configuration);
    assert!(
        err.to_string()
            .contains("defaultTaskHeartbeatTimeout declared `30`, registered `90`"),
        "{err}"
    );
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), 0);

    // Lenient: a warning that names what differs, and the worker runs. The test runs on one
    // thread (current-thread runtime), so a thread default subscriber sees the worker's events.
    let logs = LogBuffer::default();
    {
        let _guard = logs.install(tracing::Level::WARN);
        let running = spawn(&swf, builder(&swf, "drift").build().expect("builds")).await;
        assert!(swf.wait_for_pollers(DOMAIN, "drift", 1, WAIT).await);
        running.stop().await.expect("clean shutdown");
    }
    let logs = logs.text();
    let warning = logs
        .lines()
        .find(|line| line.contains("registered with other defaults than declared"))
        .unwrap_or_else(|| panic!("a drift warning in:\n{logs}"));
    assert!(
        warning.starts_with(" WARN") || warning.starts_with("WARN"),
        "{warning}"
    );
    assert!(
        warning.contains("defaultTaskHeartbeatTimeout declared `30`, registered `90`"),
        "{warning}"
    );
    assert!(
        !warning.contains("StartToClose"),
        "only what differs: {warning}"
    );

    // Deprecated: an error.
    swf.client()
        .deprecate_activity_type(&DeprecateActivityType::new(
            DOMAIN,
            ActivityType::new("Drifty", "1"),
        ))
        .await
        .expect("deprecated");
    let err = builder(&swf, "drift")
        .build()
        .expect("builds")
        .run()
        .await
        .expect_err("deprecated is an error");
    assert!(err.to_string().contains("is deprecated"), "{err}");
}

#[test]
fn build_checks_the_configuration() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let swf = runtime.block_on(local_swf());
    let client = swf.client();
    let build = |b: swf_activity::worker::WorkerBuilder| b.build().expect_err("rejected");

    let err = build(Worker::builder(client.clone(), "bad:domain").task_list("basic"));
    assert!(
        matches!(err.kind(), ErrorKind::Validation { client_side: true }),
        "{err:?}"
    );
    let err = build(Worker::builder(client.clone(), DOMAIN).task_list(" padded"));
    assert!(
        matches!(err.kind(), ErrorKind::Validation { .. }),
        "{err:?}"
    );
    let err = build(Worker::builder(client.clone(), DOMAIN).task_list("no-activity-here"));
    assert_eq!(err.kind(), &ErrorKind::Configuration);
    assert!(err.to_string().contains("serves no activity"), "{err}");
    let err = build(
        Worker::builder(client.clone(), DOMAIN)
            .task_list("basic")
            .max_concurrent_tasks(0),
    );
    assert_eq!(err.kind(), &ErrorKind::Configuration);
    // More slots than a semaphore (and shutdown's `acquire_many(u32)`) can count.
    for n in [swf_activity::worker::MAX_CONCURRENT_TASKS + 1, usize::MAX] {
        let err = build(
            Worker::builder(client.clone(), DOMAIN)
                .task_list("basic")
                .max_concurrent_tasks(n),
        );
        assert_eq!(err.kind(), &ErrorKind::Configuration);
        assert!(err.to_string().contains("at most"), "{err}");
    }
    Worker::builder(client.clone(), DOMAIN)
        .task_list("basic")
        .max_concurrent_tasks(swf_activity::worker::MAX_CONCURRENT_TASKS)
        .poll_backoff(Duration::ZERO, Duration::ZERO)
        .build()
        .expect("the most slots, and a zero backoff (raised to 1 ms), are fine");
    let err = build(
        Worker::builder(client.clone(), DOMAIN)
            .task_list("basic")
            .activities(ActivitySet::select([("Drifty", "1")]).expect("selected")),
    );
    assert!(err.to_string().contains("does not poll"), "{err}");

    // An explicit set without task lists polls the declared ones; the identity is cut to 256.
    let worker = Worker::builder(client.clone(), DOMAIN)
        .activities(ActivitySet::select([("Echo", "1")]).expect("selected"))
        .identity("x".repeat(300))
        .build()
        .expect("builds");
    assert_eq!(worker.task_lists(), ["basic"]);
    assert_eq!(worker.identity().len(), 256);
    let worker = Worker::builder(client, DOMAIN)
        .task_list("basic")
        .build()
        .expect("builds");
    assert!(
        worker
            .identity()
            .ends_with(&format!(":{}", std::process::id()))
    );
}

static OUTSIDE_CANCEL_RUNNING: Notify = Notify::const_new();

/// [`cancellable`] for the environment only (no worker polls its task list), saying when it
/// runs.
#[activity(
    name = "CancelledFromOutside",
    version = "1",
    task_list = "environment-only"
)]
async fn cancelled_from_outside(ctx: ActivityContext, _n: u32) -> Result<u32, Rejected> {
    let mut beats = 0;
    while !ctx.is_cancelled() {
        beats += 1;
        ctx.heartbeat(beats);
        if beats == 1 {
            OUTSIDE_CANCEL_RUNNING.notify_one();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err(Rejected { order: beats })
}

#[tokio::test]
async fn activity_environment() {
    let env = ActivityEnvironment::for_type("Cancellable", "1")
        .expect("found")
        .cancel_on_heartbeat(3);
    let run = env.run(1).await;
    assert!(run.answer().is_canceled());
    assert_eq!(run.heartbeat_details::<u32>(), [1, 2, 3]);
    assert_eq!(run.answer().details(), Some(r#"{"order":3}"#));
    assert!(run.outcome().is_failed());

    let echo = ActivityEnvironment::for_type("Echo", "1").expect("found");
    let run = echo.run(serde_json::json!({"a": 1})).await;
    assert_eq!(
        run.result::<serde_json::Value>()
            .expect("completed")
            .expect("json"),
        serde_json::json!({"a": 1})
    );
    let run = ActivityEnvironment::for_type("Reject", "1")
        .expect("found")
        .run_raw(Some("not json"))
        .await;
    assert!(
        run.answer()
            .reason()
            .expect("failed")
            .starts_with("activity input did not decode")
    );
    let run = ActivityEnvironment::for_type("Panics", "1")
        .expect("found")
        .run("oh no")
        .await;
    assert_eq!(run.answer().reason(), Some("activity panicked: oh no"));

    // A cancel from outside, once the activity runs (a cancel before the run is ignored).
    let env = ActivityEnvironment::for_type("CancelledFromOutside", "1").expect("found");
    let canceller = env.canceller();
    let running = tokio::spawn(async move { env.run(1).await });
    tokio::time::timeout(WAIT, OUTSIDE_CANCEL_RUNNING.notified())
        .await
        .expect("the activity runs");
    canceller.cancel();
    let run = tokio::time::timeout(WAIT, running)
        .await
        .expect("the run ends")
        .expect("no panic");
    assert!(run.cancel_requested() && run.answer().is_canceled());
    assert!(ActivityEnvironment::for_type("Nope", "1").is_err());
}

/// Makes sure the helper futures are `Send`, as `tokio::spawn` needs.
#[allow(dead_code)]
fn assert_send<F: Future + Send>(f: F) -> F {
    f
}

#[activity(name = "Quick", version = "1", task_list = "one-slot")]
async fn quick(n: u32) -> Result<u32, Rejected> {
    Ok(n)
}

/// A slot is held until SWF has the task's answer, not only while the activity runs: with one
/// slot, no poll starts while the answer to the previous task is still on its way.
#[tokio::test]
async fn a_slot_is_held_until_the_answer_is_delivered() {
    let swf = local_swf().await;
    let worker = builder(&swf, "one-slot")
        .max_concurrent_tasks(1)
        .pollers(1)
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    swf.faults().delay(
        Op::RespondActivityTaskCompleted,
        Duration::from_millis(600),
        1,
    );
    // The open poll takes q1; a slot released before the answer would start another one.
    let polls = swf.stats().requests(Op::PollForActivityTask);
    let first = schedule(&swf, "Quick", "q1", "one-slot", "1");
    until("the first answer reaches SWF", || {
        swf.stats().requests(Op::RespondActivityTaskCompleted) == 1
    })
    .await;
    // The answer is held up for 600 ms; for as long as it is, the only slot stays taken.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), polls);
    assert_eq!(swf.waiting_pollers(DOMAIN, "one-slot"), 0);
    assert_eq!(
        outcome(&swf, &first).await,
        ActivityOutcome::Completed {
            result: Some("1".to_owned())
        }
    );
    // Then the slot is free again and the next task is taken.
    let second = schedule(&swf, "Quick", "q2", "one-slot", "2");
    assert_eq!(
        outcome(&swf, &second).await,
        ActivityOutcome::Completed {
            result: Some("2".to_owned())
        }
    );
    running.stop().await.expect("clean shutdown");
}
