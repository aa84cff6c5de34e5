//! What a worker that runs for weeks relies on: no poller lost to a panic, no finished task
//! lost to a dropped future, a credentials hiccup or a lost answer; a shutdown that reaches the
//! activities and fits the orchestrator's grace period; heartbeats that pace themselves.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials as AwsCredentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, future};
use serde::{Deserialize, Serialize};
use serde_json::json;
use swf_activity::__private::{ActivityContext as PrivateContext, BoxFuture, Outcome};
use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use swf_activity::model::ActivityType;
use swf_activity::registry::{ActivityDescriptor, ActivityRegistration, ActivitySet};
use swf_activity::testing::{
    ActivityEnvironment, ActivityOutcome, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY,
    LocalSwf, Op, ScheduleSpec, ScheduledActivity,
};
use swf_activity::{ActivityContext, Cancellation, Worker, activity};
use swf_activity_tests::logs::LogBuffer;
use swf_activity_tests::worker::{self as harness, RunningWorker, WAIT, outcome, until};
use swf_activity_tests::{RecordingServer, Reply, test_client_builder};
use tokio::sync::Notify;

const DOMAIN: &str = "hardening";
const ABORTED: &str = "activity was aborted before it finished: the worker shut down";

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("stopped after {0} steps")]
struct Stopped(u32);

async fn local_swf(max_poll_wait: Duration) -> LocalSwf {
    let swf = LocalSwf::builder()
        .max_poll_wait(max_poll_wait)
        .start()
        .await
        .expect("local SWF starts");
    swf.register_domain(DOMAIN).expect("domain");
    swf
}

fn builder(client: swf_activity::Client, task_list: &str) -> swf_activity::worker::WorkerBuilder {
    harness::builder(client, DOMAIN, task_list)
}

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

fn aborted() -> ActivityOutcome {
    ActivityOutcome::Failed {
        reason: Some(ABORTED.into()),
        details: Some(r#"{"framework_error":"Aborted","message":"the worker shut down"}"#.into()),
    }
}

// --- A panic in an adapter fails its task; the poller lives on ---------------------------

/// An adapter that panics before it makes its future, as a hand-written registration (or a
/// `Deserialize` that panics, in adapters that decode eagerly) could.
fn panicking_invoke(
    _: PrivateContext,
    _: Option<String>,
    _: &swf_activity::convert::Encoding,
) -> BoxFuture<Outcome> {
    panic!("the adapter itself panicked")
}

static PANICKING: ActivityRegistration = ActivityRegistration {
    descriptor: ActivityDescriptor::new("PanicsEarly", "1").with_task_list("early-panic"),
    invoke: panicking_invoke,
    function: "worker_hardening::panicking_invoke",
    location: concat!(file!(), ":", line!()),
    converter: None,
};

#[tokio::test]
async fn an_adapter_that_panics_fails_its_task_and_polling_goes_on() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let worker = builder(swf.client(), "early-panic")
        .activities(ActivitySet::from_registrations([&PANICKING]).expect("set"))
        .pollers(1)
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    for id in ["p1", "p2", "p3"] {
        let task = schedule(&swf, "PanicsEarly", id, "early-panic", "1");
        let ActivityOutcome::Failed { reason, .. } = outcome(&swf, &task).await else {
            panic!("the task fails");
        };
        assert_eq!(
            reason.as_deref(),
            Some("activity panicked: the adapter itself panicked"),
            "task {id}: the one poller still polls"
        );
    }
    running.stop().await.expect("clean");
}

// --- Ok after a cancel request completes ---------------------------------------------------

#[activity(name = "FinishesAnyway", version = "1", task_list = "finish-anyway")]
async fn finishes_anyway(ctx: ActivityContext, charge: u32) -> Result<u32, Stopped> {
    let mut steps = 0;
    while !ctx.is_cancelled() {
        steps += 1;
        ctx.heartbeat(steps);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(ctx.cancellation(), Some(Cancellation::Requested));
    // The charge went through before the cancel request: its receipt must reach the decider.
    Ok(charge)
}

#[tokio::test]
async fn ok_after_a_cancel_request_is_answered_completed() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let running = spawn(
        &swf,
        builder(swf.client(), "finish-anyway")
            .build()
            .expect("builds"),
    )
    .await;
    let task = schedule(&swf, "FinishesAnyway", "f1", "finish-anyway", "42");
    assert!(swf.wait_for_started(&task, WAIT).await);
    swf.request_cancel(&task).expect("cancel requested");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("42".into())
        }
    );
    running.stop().await.expect("clean");

    // The harness answers the same.
    let run = ActivityEnvironment::for_type("FinishesAnyway", "1")
        .expect("found")
        .cancel_on_heartbeat(2)
        .run(7)
        .await;
    assert!(run.cancel_requested());
    assert_eq!(run.answer().result(), Some("7"));
}

// --- Dropping the run_until future shuts down gracefully ----------------------------------

#[activity(name = "Quick", version = "1", task_list = "dropped")]
async fn quick(n: u32) -> Result<u32, Stopped> {
    tokio::time::sleep(Duration::from_millis(20)).await;
    Ok(n + 1)
}

#[tokio::test]
async fn dropping_the_worker_future_loses_no_task_an_open_poll_brings() {
    let swf = local_swf(Duration::from_secs(5)).await;
    let worker = builder(swf.client(), "dropped")
        .pollers(1)
        .build()
        .expect("builds");
    {
        let run = worker.run_until(std::future::pending::<()>());
        tokio::select! {
            _ = run => panic!("the worker runs until dropped"),
            polling = swf.wait_for_pollers(DOMAIN, "dropped", 1, WAIT) => assert!(polling),
        }
        // `run` is dropped here, as a `timeout` or `select!` around the worker would.
    }
    // The poll that was open when the future was dropped is still open, and brings this task.
    let task = schedule(&swf, "Quick", "q1", "dropped", "1");
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("2".into())
        }
    );
    // Then the worker stops polling: the drop started its shutdown.
    assert!(swf.wait_for_no_pollers(DOMAIN, "dropped", WAIT).await);
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), 1);
}

// --- An answer survives a brief credentials failure ---------------------------------------

/// The local SWF's keys, expiring at once (so every request asks again), unless `failing`.
#[derive(Debug, Default)]
struct Flaky {
    failing: AtomicBool,
    failures: AtomicU32,
}

/// Hands out what [`Flaky`] says.
#[derive(Debug)]
struct FlakyProvider(Arc<Flaky>);

impl ProvideCredentials for FlakyProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        if self.0.failing.load(Ordering::SeqCst) {
            self.0.failures.fetch_add(1, Ordering::SeqCst);
            return future::ProvideCredentials::ready(Err(CredentialsError::provider_error(
                "instance metadata did not answer",
            )));
        }
        future::ProvideCredentials::ready(Ok(AwsCredentials::new(
            DEFAULT_ACCESS_KEY_ID,
            DEFAULT_SECRET_ACCESS_KEY,
            None,
            Some(SystemTime::now() + Duration::from_millis(1)),
            "flaky",
        )))
    }
}

static FLAKY: Mutex<Option<Arc<Flaky>>> = Mutex::new(None);

#[activity(name = "Charged", version = "1", task_list = "flaky-credentials")]
async fn charged(n: u32) -> Result<u32, Stopped> {
    // The refresh that the answer needs fails from now on, until the test says otherwise.
    if let Some(flaky) = &*FLAKY.lock().unwrap_or_else(PoisonError::into_inner) {
        flaky.failing.store(true, Ordering::SeqCst);
    }
    Ok(n)
}

#[tokio::test]
async fn a_finished_task_is_answered_after_a_brief_credentials_failure() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let flaky = Arc::new(Flaky::default());
    *FLAKY.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&flaky));
    let client = swf
        .client_builder()
        .credentials(Credentials::from_provider(FlakyProvider(Arc::clone(
            &flaky,
        ))))
        .build()
        .expect("client");
    let worker = builder(client, "flaky-credentials")
        .max_concurrent_tasks(1)
        .pollers(1)
        .respond_timeout(WAIT)
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let task = schedule(&swf, "Charged", "c1", "flaky-credentials", "9");
    until("the answer's credentials fail twice", || {
        flaky.failures.load(Ordering::SeqCst) >= 2
    })
    .await;
    assert_eq!(
        swf.outcome(&task),
        None,
        "not answered while credentials fail"
    );
    flaky.failing.store(false, Ordering::SeqCst);
    assert_eq!(
        outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("9".into())
        }
    );
    running.stop().await.expect("clean");
}

// --- A retried answer that had arrived is "probably delivered" ----------------------------

#[activity(name = "Delivered", version = "1", task_list = "lost-answer")]
async fn delivered(n: u32) -> Result<u32, Stopped> {
    Ok(n)
}

#[tokio::test]
async fn an_answer_whose_reply_was_lost_is_logged_as_probably_delivered() {
    // The retry that meets the closed task is the worker's (no retries in the client), or the
    // client's own.
    for (i, attempts) in [1, 4].into_iter().enumerate() {
        let logs = LogBuffer::default();
        let _guard = logs.install(tracing::Level::INFO);
        let swf = local_swf(Duration::from_millis(300)).await;
        let client = swf
            .client_builder()
            .retry_config(RetryConfig::standard().with_max_attempts(attempts))
            .build()
            .expect("client");
        let running = spawn(
            &swf,
            builder(client, "lost-answer").build().expect("builds"),
        )
        .await;
        // SWF closes the task, and the answer to that is lost on the way back.
        swf.faults().drop_after(Op::RespondActivityTaskCompleted, 1);
        let task = schedule(&swf, "Delivered", &format!("d{i}"), "lost-answer", "5");
        assert_eq!(
            outcome(&swf, &task).await,
            ActivityOutcome::Completed {
                result: Some("5".into())
            }
        );
        let line = logs.wait_for_line("probably delivered", WAIT).await;
        assert!(line.trim_start().starts_with("INFO"), "{line}");
        running.stop().await.expect("clean");
        assert_eq!(swf.stats().requests(Op::RespondActivityTaskCompleted), 2);
        let text = logs.text();
        assert!(!text.contains("answer is dropped"), "{text}");
        assert!(
            !text
                .lines()
                .any(|l| l.contains("no longer knows") && !l.trim_start().starts_with("INFO")),
            "the closed task is no alarm: {text}"
        );
    }
}

// --- Shutdown reaches the activities ------------------------------------------------------

static WOUND_DOWN: Notify = Notify::const_new();

/// A sync activity that stops early, with an error the decider retries, when the worker shuts
/// down.
#[activity(name = "WindsDown", version = "1", task_list = "winds-down")]
fn winds_down(ctx: ActivityContext) -> Result<(), Stopped> {
    let mut steps = 0;
    while !ctx.is_shutting_down() {
        steps += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!ctx.is_cancelled(), "shutting down is not cancelled");
    WOUND_DOWN.notify_one();
    Err(Stopped(steps))
}

static SAW_ABORT: Mutex<Option<Cancellation>> = Mutex::new(None);

/// A sync activity that only watches for cancellation: the deadline must reach it.
#[activity(name = "Stubborn", version = "1", task_list = "winds-down")]
fn stubborn(ctx: ActivityContext) -> Result<(), Stopped> {
    while !ctx.is_cancelled() {
        std::thread::sleep(Duration::from_millis(5));
    }
    *SAW_ABORT.lock().unwrap_or_else(PoisonError::into_inner) = ctx.cancellation();
    Ok(())
}

#[tokio::test]
async fn shutdown_reaches_sync_activities_and_the_deadline_cancels_them() {
    let swf = local_swf(Duration::from_millis(300)).await;
    // Room for the polite activity to wind down before the deadline, even on a slow machine.
    let worker = builder(swf.client(), "winds-down")
        .shutdown_deadline(Duration::from_secs(2))
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let polite = schedule(&swf, "WindsDown", "w1", "winds-down", "null");
    let stubborn = schedule(&swf, "Stubborn", "w2", "winds-down", "null");
    assert!(swf.wait_for_started(&polite, WAIT).await);
    assert!(swf.wait_for_started(&stubborn, WAIT).await);
    let handle = running.signal();
    tokio::time::timeout(WAIT, WOUND_DOWN.notified())
        .await
        .expect("the activity learns of the shutdown");
    let ActivityOutcome::Failed { reason, .. } = outcome(&swf, &polite).await else {
        panic!("it failed with its own error");
    };
    assert!(reason.expect("reason").starts_with("stopped after"));
    assert_eq!(outcome(&swf, &stubborn).await, aborted());
    until("the stubborn activity sees the deadline", || {
        SAW_ABORT
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    })
    .await;
    assert_eq!(
        *SAW_ABORT.lock().unwrap_or_else(PoisonError::into_inner),
        Some(Cancellation::Aborted)
    );
    tokio::time::timeout(WAIT, handle)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");
}

// --- The whole shutdown is bounded from the signal -----------------------------------------

#[activity(name = "Deaf", version = "1", task_list = "bounded")]
async fn deaf() -> Result<(), Stopped> {
    tokio::time::sleep(Duration::from_secs(120)).await;
    Ok(())
}

#[tokio::test]
async fn the_shutdown_timeout_bounds_the_whole_shutdown_from_the_signal() {
    // SWF holds an idle poll up to 60 s; here 30 s, far beyond the bound.
    let swf = local_swf(Duration::from_secs(30)).await;
    let worker = builder(swf.client(), "bounded")
        .max_concurrent_tasks(2)
        .pollers(1)
        .shutdown_deadline(Duration::from_millis(300))
        .shutdown_timeout(Duration::from_millis(1_500))
        .build()
        .expect("builds");
    let running = spawn(&swf, worker).await;
    let task = schedule(&swf, "Deaf", "d1", "bounded", "null");
    assert!(swf.wait_for_started(&task, WAIT).await);
    // The poller is back in a long poll with the second slot.
    until("the poller polls again", || {
        swf.waiting_pollers(DOMAIN, "bounded") == 1
    })
    .await;

    let signalled = Instant::now();
    let handle = running.signal();
    tokio::time::timeout(Duration::from_secs(10), handle)
        .await
        .expect("the shutdown ends at its bound, not when the open poll returns")
        .expect("no panic")
        .expect("clean");
    let took = signalled.elapsed();
    assert!(took >= Duration::from_millis(1_500), "{took:?}");
    assert_eq!(
        outcome(&swf, &task).await,
        aborted(),
        "answered at the deadline"
    );

    let too_short = builder(swf.client(), "bounded")
        .shutdown_deadline(Duration::from_secs(20))
        .shutdown_timeout(Duration::from_secs(10))
        .build()
        .expect_err("a timeout shorter than the deadline");
    assert!(
        too_short
            .to_string()
            .contains("`shutdown_timeout` (10s) is shorter than `shutdown_deadline` (20s)"),
        "{too_short}"
    );
}

// --- Heartbeats ------------------------------------------------------------------------------

static TIGHT_LOOPS_DONE: AtomicUsize = AtomicUsize::new(0);

/// Heartbeats in a tight loop for `ms` milliseconds.
#[activity(
    name = "TightLoop",
    version = "1",
    task_list = "tight",
    heartbeat_timeout = "NONE"
)]
async fn tight_loop(ctx: ActivityContext, ms: u64) -> Result<(), Stopped> {
    let started = Instant::now();
    let mut n = 0;
    while started.elapsed() < Duration::from_millis(ms) {
        n += 1;
        ctx.heartbeat(n);
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    TIGHT_LOOPS_DONE.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

/// Runs `tasks` tight loops of `ms` under `worker`; the heartbeat requests SWF received.
async fn heartbeats_of(swf: &LocalSwf, worker: Worker, tasks: usize, ms: u64) -> u64 {
    let before = TIGHT_LOOPS_DONE.load(Ordering::SeqCst);
    let running = spawn(swf, worker).await;
    let scheduled: Vec<_> = (0..tasks)
        .map(|i| {
            schedule(
                swf,
                "TightLoop",
                &format!("t{before}-{i}"),
                "tight",
                &ms.to_string(),
            )
        })
        .collect();
    for task in &scheduled {
        assert_eq!(
            outcome(swf, task).await,
            ActivityOutcome::Completed { result: None }
        );
    }
    running.stop().await.expect("clean");
    swf.stats().requests(Op::RecordActivityTaskHeartbeat)
}

#[tokio::test]
async fn the_fallback_interval_can_be_longer_than_a_second() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let worker = builder(swf.client(), "tight")
        .fallback_heartbeat_interval(Duration::from_millis(400))
        .build()
        .expect("builds");
    // 1 s of heartbeats in a loop at one per 400 ms: at 0, 0.4 and 0.8 s (a slow machine sends
    // fewer, never more).
    let sent = heartbeats_of(&swf, worker, 1, 1_000).await;
    assert!((1..=3).contains(&sent), "{sent} heartbeats");
}

#[tokio::test]
async fn heartbeats_of_all_tasks_together_are_capped() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let worker = builder(swf.client(), "tight")
        .max_concurrent_tasks(8)
        .fallback_heartbeat_interval(Duration::from_millis(1))
        .max_heartbeats_per_second(Some(10))
        .build()
        .expect("builds");
    // Four tasks heartbeating as fast as they may for 1.5 s: a burst of 10, then 10 a second.
    let started = Instant::now();
    let sent = heartbeats_of(&swf, worker, 4, 1_500).await;
    let allowed = 10 + 10 * started.elapsed().as_secs() + 10;
    assert!(
        sent >= 4 && sent <= allowed,
        "{sent} heartbeats, at most {allowed}"
    );

    let zero = builder(swf.client(), "tight")
        .max_heartbeats_per_second(Some(0))
        .build()
        .expect_err("a limit of zero heartbeats");
    assert!(
        zero.to_string()
            .contains("`max_heartbeats_per_second` must be at least 1, or `None` for no limit"),
        "{zero}"
    );
}

static BEATS_DONE: Notify = Notify::const_new();

#[activity(name = "Beats", version = "1", task_list = "refused")]
async fn beats(ctx: ActivityContext, n: u32) -> Result<u32, Stopped> {
    for i in 0..n {
        ctx.heartbeat(i);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    BEATS_DONE.notified().await;
    Ok(n)
}

fn denied() -> Reply {
    Reply::json(
        400,
        json!({"__type": "AccessDeniedException", "message": "not allowed"}).to_string(),
    )
}

#[tokio::test]
async fn heartbeats_refused_for_good_stop_after_a_few_with_one_log_line() {
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::activity_task("Beats", "1", "token-b1", "b1", "20"),
        denied(),
        denied(),
        denied(),
        denied(),
        Reply::ok(""),
    ]);
    let worker = Worker::builder(
        test_client_builder(&server.url()).build().expect("client"),
        DOMAIN,
    )
    .activities(ActivitySet::select([("Beats", "1")]).expect("selected"))
    .register_activity_types(false)
    .fallback_heartbeat_interval(Duration::from_millis(10))
    .max_concurrent_tasks(1)
    .pollers(1)
    .build()
    .expect("worker");
    let running = RunningWorker::spawn(worker);
    // 20 heartbeats over 400 ms, at most one per 10 ms: three are sent and refused, then none.
    tokio::time::sleep(Duration::from_millis(600)).await;
    BEATS_DONE.notify_one();
    let requests = server.wait_for_requests(5, WAIT).await;
    running.stop().await.expect("clean");
    let ops: Vec<_> = requests.iter().take(5).map(|r| r.operation()).collect();
    assert_eq!(
        ops,
        [
            Some("PollForActivityTask"),
            Some("RecordActivityTaskHeartbeat"),
            Some("RecordActivityTaskHeartbeat"),
            Some("RecordActivityTaskHeartbeat"),
            Some("RespondActivityTaskCompleted"),
        ]
    );
    let text = logs.text();
    let refusals: Vec<_> = text
        .lines()
        .filter(|l| l.contains("SWF refused a heartbeat"))
        .collect();
    assert_eq!(refusals.len(), 1, "one line for the worker:\n{text}");
    assert!(refusals[0].trim_start().starts_with("ERROR"), "{text}");
}

static SLOW_BEATS_DONE: AtomicBool = AtomicBool::new(false);

#[activity(name = "SlowBeats", version = "1", task_list = "slow-heartbeat")]
async fn slow_beats(ctx: ActivityContext) -> Result<(), Stopped> {
    let mut n = 0;
    while !SLOW_BEATS_DONE.load(Ordering::SeqCst) && n < 2_000 {
        n += 1;
        ctx.heartbeat(n);
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

#[tokio::test]
async fn one_heartbeat_call_is_bounded_by_about_its_interval() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::activity_task("SlowBeats", "1", "token-s1", "s1", "null"),
        // SWF hangs on the first heartbeat for longer than the client's read timeout.
        Reply::delayed(
            Duration::from_secs(12),
            Reply::ok(r#"{"cancelRequested":false}"#),
        ),
        Reply::ok(r#"{"cancelRequested":false}"#),
        Reply::ok(""),
    ]);
    let client = test_client_builder(&server.url())
        .read_timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let worker = Worker::builder(client, DOMAIN)
        .activities(ActivitySet::select([("SlowBeats", "1")]).expect("selected"))
        .register_activity_types(false)
        .fallback_heartbeat_interval(Duration::from_millis(50))
        .max_concurrent_tasks(1)
        .pollers(1)
        .build()
        .expect("worker");
    let running = RunningWorker::spawn(worker);
    // The hung call is given up after about a second (the floor of the bound), and the next
    // heartbeat goes out: long before the read timeout would have ended it.
    let requests = server.wait_for_requests(3, Duration::from_secs(5)).await;
    assert_eq!(requests[2].operation(), Some("RecordActivityTaskHeartbeat"));
    SLOW_BEATS_DONE.store(true, Ordering::SeqCst);
    running.stop().await.expect("clean");
}

static GONE_SEEN: Mutex<Option<Cancellation>> = Mutex::new(None);

/// Misses its 1 s heartbeat timeout by far, then heartbeats: SWF no longer knows the task.
#[activity(name = "Late", version = "1", task_list = "gone")]
async fn late(ctx: ActivityContext) -> Result<u32, Stopped> {
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    ctx.heartbeat("back");
    tokio::time::timeout(WAIT, ctx.cancelled())
        .await
        .map_err(|_| Stopped(0))?;
    *GONE_SEEN.lock().unwrap_or_else(PoisonError::into_inner) = ctx.cancellation();
    Ok(1)
}

#[tokio::test]
async fn a_task_swf_forgot_is_cancelled_as_gone_and_not_answered() {
    let swf = local_swf(Duration::from_millis(300)).await;
    let running = spawn(&swf, builder(swf.client(), "gone").build().expect("builds")).await;
    let task = swf
        .schedule_activity_task(
            ScheduleSpec::new(DOMAIN, ActivityType::new("Late", "1"), "g1")
                .task_list("gone")
                .schedule_to_close_timeout("NONE")
                .schedule_to_start_timeout("NONE")
                .start_to_close_timeout("300")
                .heartbeat_timeout("1"),
        )
        .expect("scheduled");
    assert!(matches!(
        outcome(&swf, &task).await,
        ActivityOutcome::TimedOut { .. }
    ));
    until("the activity learns the task is gone", || {
        GONE_SEEN
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    })
    .await;
    assert_eq!(
        *GONE_SEEN.lock().unwrap_or_else(PoisonError::into_inner),
        Some(Cancellation::TaskGone)
    );
    running.stop().await.expect("clean");
    assert_eq!(
        swf.stats().requests(Op::RespondActivityTaskCompleted),
        0,
        "no answer that could not succeed"
    );
}

/// Makes sure the helper futures are `Send`, as `tokio::spawn` needs.
#[allow(dead_code)]
fn assert_send<F: Future + Send>(f: F) -> F {
    f
}
