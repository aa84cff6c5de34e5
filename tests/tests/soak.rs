//! Fault soak: many tasks through the local SWF and a worker while the endpoint injects faults
//! at random, but reproducibly.
//!
//! Every request of the activity-side operations takes the next entry of a per-operation fault
//! sequence drawn from a seeded generator ([`swf_activity_tests::faults`]): nothing,
//! throttling, a 5xx answer, expired keys, a connection dropped before or after SWF acted, or a
//! slow answer. The endpoint's clock runs 6 minutes ahead of the worker's, beyond what SWF
//! accepts in a signature, so the client must learn SWF's time from its answers. Tasks are a
//! seeded mix of activities that complete, fail, heartbeat, are canceled, run past their
//! start-to-close timeout, or get input whose `Deserialize` panics. At
//! the end the test reads the endpoint's history and checks that every task has exactly one
//! closing event, that each completion and failure carries what its activity produced for its
//! input, that no activity ran twice, that the worker neither stopped nor panicked, and that
//! memory stayed bounded.
//!
//! ```text
//! cargo test -p swf-activity-tests --test soak -- --nocapture            # 2000 tasks
//! SWF_SOAK_TASKS=100000 cargo test --release -p swf-activity-tests --test soak -- --nocapture
//! SWF_SOAK_SEED=1234 cargo test -p swf-activity-tests --test soak        # replay a seed
//! ```
//!
//! The fault sequence of each operation is fixed by the seed; which concurrent request gets
//! which entry still depends on timing, so a replay reproduces the mix, not every interleaving.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::model::{ActivityTaskTimeoutType, ActivityType, EventType};
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec};
use swf_activity::{ActivityContext, Worker, activity};
use swf_activity_tests::faults::{FAULTY_OPS, FaultDriver, FaultKind};
use tokio::sync::Semaphore;

const DOMAIN: &str = "soak";
const TASK_LIST: &str = "soak";
/// One SWF second of the local endpoint: timeouts of the local SWF run 100 times faster.
const SECOND: Duration = Duration::from_millis(10);
/// Start-to-close of the tasks meant to finish: 10 s of real time, so a task lost with a
/// dropped poll answer times out before long, and no task that ran should ever reach it.
const START_TO_CLOSE: &str = "1000";
/// Start-to-close of the tasks meant to time out (50 ms), and how long their activity runs.
const SHORT_START_TO_CLOSE: &str = "5";
const SLOW_ACTIVITY: Duration = Duration::from_millis(400);
/// How many tasks are open (scheduled, not closed) at once.
const WINDOW: usize = 96;
/// The most VmRSS may grow per task over the second half of the soak, in KiB: the local SWF
/// keeps every history, about 21 KiB per task (2000 tasks, debug build: 33 -> 54 MiB from task
/// 1000 to the end), with 2x headroom. A worker leak of a task's size shows over it.
const SECOND_HALF_KIB_PER_TASK: u64 = 42;
/// What VmRSS may grow over the second half regardless of the task count (allocator noise).
const SECOND_HALF_SLACK_KIB: u64 = 4 * 1024;
/// How long one task may take from scheduling to its closing event before the test gives up.
const TASK_DEADLINE: Duration = Duration::from_secs(90);
/// How far the endpoint's clock runs ahead of the worker's: more than the 5 minutes SWF
/// accepts in a signature.
const CLOCK_SKEW: Duration = Duration::from_secs(6 * 60);
/// The message of the panic in the poisoned input's `Deserialize`.
const POISON: &str = "poisoned soak input";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
enum Kind {
    /// Completes with a value computed from its input.
    Compute,
    /// Fails with an error computed from its input.
    Fail,
    /// Heartbeats a few times, then completes.
    Heartbeat,
    /// Heartbeats until the test's cancel request reaches it, then ends canceled.
    Cancel,
    /// Runs past its start-to-close timeout.
    Timeout,
    /// Its input's `Deserialize` panics.
    Poison,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Input {
    n: u64,
    kind: Kind,
    /// `true` makes decoding the input panic (a `deserialize_with` that unwraps, say).
    #[serde(default, deserialize_with = "explode_if_true")]
    poison: bool,
}

fn explode_if_true<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    let poison = bool::deserialize(deserializer)?;
    assert!(!poison, "{POISON}");
    Ok(poison)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Output {
    n: u64,
    square: u64,
    tag: String,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("soak task {n} failed")]
struct SoakError {
    n: u64,
}

fn expected_output(input: &Input) -> Output {
    let tag = match input.kind {
        Kind::Heartbeat => format!("beat-{}", input.n),
        _ => format!("task-{}", input.n),
    };
    Output {
        n: input.n,
        square: input.n.wrapping_mul(input.n),
        tag,
    }
}

/// How often each task's activity ran, by task number.
static INVOCATIONS: LazyLock<Mutex<HashMap<u64, u32>>> = LazyLock::new(Mutex::default);
/// Panics anywhere in the process (the hook is installed by the test).
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn invoked(n: u64) {
    *INVOCATIONS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(n)
        .or_default() += 1;
}

#[activity(name = "SoakTask", version = "1", task_list = "soak")]
async fn soak_task(ctx: ActivityContext, input: Input) -> Result<Output, SoakError> {
    invoked(input.n);
    match input.kind {
        Kind::Compute => Ok(expected_output(&input)),
        Kind::Fail => Err(SoakError { n: input.n }),
        Kind::Heartbeat => {
            for beat in 0..=input.n % 4 {
                ctx.heartbeat(beat);
                tokio::time::sleep(Duration::from_millis(3)).await;
            }
            Ok(expected_output(&input))
        }
        Kind::Cancel => {
            let mut beat = 0_u64;
            while !ctx.is_cancelled() {
                beat += 1;
                ctx.heartbeat(beat);
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            Err(SoakError { n: input.n })
        }
        Kind::Timeout => {
            tokio::time::sleep(SLOW_ACTIVITY).await;
            Ok(expected_output(&input))
        }
        Kind::Poison => unreachable!("a poisoned input never decodes"),
    }
}

// ---------------------------------------------------------------------------------------------
// Memory.

/// `(VmRSS, VmHWM)` in KiB from `/proc/self/status`, where there is one.
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={value:?} is not a number: {e}")),
    )
}

// ---------------------------------------------------------------------------------------------
// The soak.

/// What happened to one task, as the endpoint's history says.
#[derive(Debug)]
struct Record {
    input: Input,
    outcome: Option<ActivityOutcome>,
    closing_events: usize,
    started_events: usize,
}

fn outcome_name(outcome: Option<&ActivityOutcome>) -> &'static str {
    match outcome {
        Some(ActivityOutcome::Completed { .. }) => "completed",
        Some(ActivityOutcome::Failed { .. }) => "failed",
        Some(ActivityOutcome::Canceled { .. }) => "canceled",
        Some(ActivityOutcome::TimedOut { .. }) => "timed out",
        Some(_) => "other",
        None => "never closed",
    }
}

/// Checks one task against what its activity produces for its input; `Err` says what is wrong.
fn check(record: &Record, runs: u32) -> Result<(), String> {
    let input = &record.input;
    if record.closing_events != 1 {
        return Err(format!("{} closing events", record.closing_events));
    }
    if record.started_events > 1 {
        return Err(format!("{} started events", record.started_events));
    }
    if runs > 1 {
        return Err(format!("the activity ran {runs} times"));
    }
    let outcome = record.outcome.as_ref().ok_or("no outcome")?;
    if input.kind == Kind::Poison {
        let panicked = format!("activity panicked: {POISON}");
        return match outcome {
            ActivityOutcome::Failed { reason, .. } if reason.as_deref() == Some(&panicked) => {
                Ok(())
            }
            // Lost with its poll answer, as any task may be.
            ActivityOutcome::TimedOut {
                timeout_type: ActivityTaskTimeoutType::StartToClose,
                ..
            } => Ok(()),
            other => Err(format!("a poisoned input ended {other:?}")),
        };
    }
    // A task whose poll answer was dropped after SWF handed it out never reaches the worker;
    // it can only time out, start-to-close.
    if runs == 0 {
        return match outcome {
            ActivityOutcome::TimedOut {
                timeout_type: ActivityTaskTimeoutType::StartToClose,
                ..
            } => Ok(()),
            ActivityOutcome::Canceled { details: None } if input.kind == Kind::Cancel => Ok(()),
            other => Err(format!("never ran, yet ended {other:?}")),
        };
    }
    let json = |text: &Option<String>| -> Result<serde_json::Value, String> {
        let text = text.as_deref().ok_or("no value")?;
        serde_json::from_str(text).map_err(|e| format!("{text:?} is not JSON: {e}"))
    };
    match (input.kind, outcome) {
        (Kind::Compute | Kind::Heartbeat, ActivityOutcome::Completed { result }) => {
            let got: Output = serde_json::from_value(json(result)?).map_err(|e| e.to_string())?;
            if got != expected_output(input) {
                return Err(format!(
                    "result {got:?}, expected {:?}",
                    expected_output(input)
                ));
            }
            Ok(())
        }
        (Kind::Fail, ActivityOutcome::Failed { reason, details }) => {
            let want_reason = format!("soak task {} failed", input.n);
            if reason.as_deref() != Some(want_reason.as_str()) {
                return Err(format!("reason {reason:?}, expected {want_reason:?}"));
            }
            if json(details)? != serde_json::json!({ "n": input.n }) {
                return Err(format!("details {details:?}"));
            }
            Ok(())
        }
        (Kind::Cancel, ActivityOutcome::Canceled { details }) => {
            if json(details)? != serde_json::json!({ "n": input.n }) {
                return Err(format!("cancel details {details:?}"));
            }
            Ok(())
        }
        (
            Kind::Timeout,
            ActivityOutcome::TimedOut {
                timeout_type: ActivityTaskTimeoutType::StartToClose,
                ..
            },
        ) => Ok(()),
        (kind, other) => Err(format!("a {kind:?} task ended {other:?}")),
    }
}

#[test]
fn fault_soak() {
    let tasks = env_u64("SWF_SOAK_TASKS").unwrap_or(2000);
    let seed = env_u64("SWF_SOAK_SEED").unwrap_or_else(|| fastrand::u64(..));
    println!("soak: {tasks} tasks, seed {seed} (replay with SWF_SOAK_SEED={seed})");

    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied());
        // The poisoned inputs' panics are the test's own; any other is a defect.
        if message != Some(POISON) {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default_hook(info);
        }
    }));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(soak(tasks, seed));
}

async fn soak(tasks: u64, seed: u64) {
    let swf = Arc::new(
        LocalSwf::builder()
            .max_poll_wait(Duration::from_millis(300))
            .second_length(SECOND)
            .clock_ahead(CLOCK_SKEW)
            .start()
            .await
            .expect("local SWF starts"),
    );
    swf.register_domain(DOMAIN).expect("domain");
    let worker = Worker::builder(swf.client(), DOMAIN)
        .task_list(TASK_LIST)
        .max_concurrent_tasks(32)
        .pollers(4)
        .poll_backoff(Duration::from_millis(5), Duration::from_millis(100))
        .max_heartbeat_interval(Duration::from_millis(20))
        .shutdown_deadline(Duration::from_secs(5))
        .build()
        .expect("worker builds");
    let (stop_worker, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));
    assert!(
        swf.wait_for_pollers(DOMAIN, TASK_LIST, 1, Duration::from_secs(20))
            .await,
        "the worker polls"
    );
    let memory_before = memory_kib();

    // Faults: one seeded sequence per operation, kept topped up by a driver task.
    let mut master = fastrand::Rng::with_seed(seed);
    let driver = FaultDriver::start(Arc::clone(&swf), &mut master);

    // Tasks: a seeded mix of kinds, at most WINDOW open at once.
    let mut kinds = fastrand::Rng::with_seed(master.u64(..));
    let started = Instant::now();
    let window = Arc::new(Semaphore::new(WINDOW));
    let mut watchers = tokio::task::JoinSet::new();
    let mut records = Vec::new();
    let half = tasks / 2;
    let mut memory_half = None;
    for n in 0..tasks {
        if n == half {
            memory_half = memory_kib();
        }
        let kind = match kinds.u8(0..100) {
            0..58 => Kind::Compute,
            58..73 => Kind::Fail,
            73..83 => Kind::Heartbeat,
            83..91 => Kind::Cancel,
            91..95 => Kind::Poison,
            _ => Kind::Timeout,
        };
        let permit = Arc::clone(&window)
            .acquire_owned()
            .await
            .expect("window open");
        let swf = Arc::clone(&swf);
        watchers.spawn(async move {
            let input = Input {
                n,
                kind,
                poison: kind == Kind::Poison,
            };
            let start_to_close = if kind == Kind::Timeout {
                SHORT_START_TO_CLOSE
            } else {
                START_TO_CLOSE
            };
            let task = swf
                .schedule_activity_task(
                    ScheduleSpec::new(DOMAIN, ActivityType::new("SoakTask", "1"), format!("t{n}"))
                        .task_list(TASK_LIST)
                        .input(serde_json::to_string(&input).expect("input serializes"))
                        .schedule_to_start_timeout("NONE")
                        .schedule_to_close_timeout("NONE")
                        .start_to_close_timeout(start_to_close)
                        .heartbeat_timeout("NONE"),
                )
                .expect("scheduled");
            if kind == Kind::Cancel {
                // Cancel once it runs (a lost task is canceled too; it then times out).
                if swf.wait_for_started(&task, TASK_DEADLINE).await {
                    // The task may have closed already; SWF answers UnknownResourceFault then.
                    let _ = swf.request_cancel(&task);
                }
            }
            let outcome = swf.wait_for_outcome(&task, TASK_DEADLINE).await;
            let history = swf.history(&task);
            let count = |types: &[EventType]| {
                history
                    .iter()
                    .filter(|e| types.contains(&e.event_type))
                    .count()
            };
            drop(permit);
            Record {
                input,
                outcome,
                closing_events: count(&[
                    EventType::ActivityTaskCompleted,
                    EventType::ActivityTaskFailed,
                    EventType::ActivityTaskCanceled,
                    EventType::ActivityTaskTimedOut,
                ]),
                started_events: count(&[EventType::ActivityTaskStarted]),
            }
        });
        // Collect finished watchers as we go, so 100 000 finished tasks do not pile up.
        while let Some(joined) = watchers.try_join_next() {
            records.push(joined.expect("a watcher panicked"));
        }
    }
    while let Some(joined) = watchers.join_next().await {
        records.push(joined.expect("a watcher panicked"));
    }
    let elapsed = started.elapsed();
    let memory_end = memory_kib();
    let worker_alive = !worker.is_finished();

    // Stop injecting, then stop the worker: it must drain and end cleanly.
    let faults = driver.stop().await;
    let _ = stop_worker.send(());
    let stopped = tokio::time::timeout(Duration::from_secs(30), worker)
        .await
        .expect("the worker stops within 30 s");
    let memory_after = memory_kib();

    println!("soak: {tasks} tasks in {elapsed:.1?}");
    let mut by_op = String::new();
    for &(op, ..) in &FAULTY_OPS {
        by_op.push_str(&format!(" {op}={}", swf.stats().requests(op)));
    }
    println!("soak: requests{by_op}");
    println!("soak: faults injected: {faults}");

    assert!(worker_alive, "the worker ended while tasks were open");
    stopped
        .expect("the worker does not panic")
        .expect("the worker shuts down cleanly");

    let invocations = INVOCATIONS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let mut outcomes: BTreeMap<(Kind, &str), u64> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut lost = 0;
    for record in &records {
        let runs = invocations.get(&record.input.n).copied().unwrap_or(0);
        if runs == 0 && record.input.kind != Kind::Poison {
            lost += 1;
        }
        *outcomes
            .entry((record.input.kind, outcome_name(record.outcome.as_ref())))
            .or_default() += 1;
        if let Err(problem) = check(record, runs) {
            problems.push(format!(
                "task {} ({:?}): {problem}",
                record.input.n, record.input.kind
            ));
        }
    }
    println!(
        "soak: outcomes: {}",
        outcomes
            .iter()
            .map(|((kind, outcome), n)| format!("{kind:?}/{outcome}={n}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("soak: tasks that never reached the activity (answer to the poll lost): {lost}");
    if let (Some((rss0, hwm0)), Some((rss1, hwm1))) = (memory_before, memory_after) {
        println!(
            "soak: memory VmRSS {} -> {} MiB, VmHWM {} -> {} MiB",
            rss0 / 1024,
            rss1 / 1024,
            hwm0 / 1024,
            hwm1 / 1024
        );
        // The local SWF keeps every execution's history in memory: about 20 KiB per task
        // (395 MiB for 20 000 tasks polled and answered by a bare client, without a worker).
        // Allow that, plus 512 MiB; a leak per task or per fault in the worker shows as more.
        let bound = 512 * 1024 + 32 * tasks;
        let growth = hwm1.saturating_sub(rss0);
        assert!(
            growth < bound,
            "memory grew by {} MiB, more than {} MiB",
            growth / 1024,
            bound / 1024
        );
    }
    if let (Some((rss_half, _)), Some((rss_end, _))) = (memory_half, memory_end) {
        // Growth over the second half of the tasks, once allocator pools, buffers and the
        // worker's steady state are in place: the local SWF's histories (about 20 KiB per task)
        // and whatever the worker leaks per task or per fault.
        let second_half = tasks - half;
        let growth = rss_end.saturating_sub(rss_half);
        let per_task = growth / second_half.max(1);
        println!(
            "soak: VmRSS {} MiB at task {half}, {} MiB at the end: {} KiB per task over the \
             second half",
            rss_half / 1024,
            rss_end / 1024,
            per_task
        );
        let bound = SECOND_HALF_SLACK_KIB + SECOND_HALF_KIB_PER_TASK * second_half;
        assert!(
            growth < bound,
            "memory grew by {} KiB over the last {second_half} tasks ({per_task} KiB per task), \
             more than {bound} KiB: a leak in the worker?",
            growth
        );
    }

    assert_eq!(
        records.len() as u64,
        tasks,
        "every task was watched to its end"
    );
    assert!(
        problems.is_empty(),
        "{} of {tasks} tasks went wrong (seed {seed}):\n{}",
        problems.len(),
        problems
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "something panicked");
    // Every fault kind was exercised (with the default 2000 tasks this holds for any seed).
    if tasks >= 2000 {
        for kind in [
            FaultKind::Throttle,
            FaultKind::Status5xx,
            FaultKind::ExpiredToken,
            FaultKind::DropBefore,
            FaultKind::DropAfter,
            FaultKind::Slow,
        ] {
            assert!(faults.get(kind) > 0, "no {kind:?} fault was injected");
        }
    }
}
