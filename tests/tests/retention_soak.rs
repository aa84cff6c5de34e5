//! Retention soak: a million activity tasks through a worker on the local SWF in bounded memory.
//!
//! Each task is scheduled through the programmatic API in an execution of its own, which closes
//! when its task closes and is then forgotten when its domain's retention period (1 day) ends on
//! the scaled clock: 1.7 s here. At most [`WINDOW`] tasks are open at once; each outcome is read
//! as it happens, before retention forgets it. The test checks that every task completed exactly
//! once with its expected result, and that memory stays bounded: the executions held never
//! exceed what closed within the last retention period (plus the open ones), and VmRSS grows
//! by less than [`SECOND_HALF_SLACK_KIB`] over the second half of the run.
//!
//! ```text
//! cargo test -p swf-activity-tests --test retention_soak -- --ignored --nocapture  # 10 000 tasks
//! SWF_RETENTION_SOAK_TASKS=1000000 cargo test --release -p swf-activity-tests \
//!     --test retention_soak -- --ignored --nocapture
//! ```

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::model::{ActivityType, EventType};
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec, ScheduledActivity};
use swf_activity::{Worker, activity};

const DOMAIN: &str = "retention-soak";
const TASK_LIST: &str = "retention-soak";
/// One SWF second of the local endpoint: a day, the domain's retention period, lasts 1.728 s.
const SECOND: Duration = Duration::from_micros(20);
/// Seconds in a day.
const DAY_SECONDS: u32 = 86_400;
/// How many tasks are open (scheduled, not closed) at once.
const WINDOW: usize = 128;
/// How often the outcomes behind the oldest open task are read while it is still open, so
/// that none is forgotten before it is read.
const SWEEP: Duration = Duration::from_millis(100);
/// How long the oldest open task may stay open before the test gives up.
const TASK_DEADLINE: Duration = Duration::from_secs(60);
/// How often memory and the executions held are sampled.
const SAMPLE_EVERY: Duration = Duration::from_millis(50);
/// How late the local SWF may forget a closed execution after its retention period, under
/// load on a busy machine (its timers run on the same runtime as everything else here).
const FORGET_GRACE: Duration = Duration::from_secs(1);
/// What VmRSS may grow over the second half of the run, in KiB. Once the first retention
/// period has passed, the executions held follow the rate (about rate × 1.7 s of them), so RSS
/// is flat but for the rate's swings and the allocator; a leak of 64 bytes per task shows over
/// the second half of a million tasks.
const SECOND_HALF_SLACK_KIB: u64 = 32 * 1024;

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("never fails")]
struct Never;

/// How often each task's activity ran, by task number (one byte each, allocated before the
/// first memory sample so that it does not count as growth).
static RUNS: OnceLock<Vec<AtomicU8>> = OnceLock::new();

fn expected(n: u64) -> u64 {
    n.wrapping_mul(2).wrapping_add(1)
}

#[activity(
    name = "RetentionSoakTask",
    version = "1",
    task_list = "retention-soak"
)]
async fn retention_soak_task(n: u64) -> Result<u64, Never> {
    if let Some(run) = RUNS.get().and_then(|runs| runs.get(n as usize)) {
        // Saturating: a task run 255 times is still reported, not wrapped back to 0.
        let _ = run.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |r| r.checked_add(1));
    }
    Ok(expected(n))
}

/// VmRSS and VmHWM in KiB from `/proc/self/status`, where there is one.
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

/// One look at the run.
#[derive(Debug, Clone, Copy)]
struct Sample {
    at: Duration,
    /// Tasks whose outcome the test had read, read after `held`.
    completed: u64,
    held: usize,
    rss_kib: u64,
}

/// An open task, and what was read about it once it closed.
struct Open {
    n: u64,
    task: ScheduledActivity,
    outcome: Option<ActivityOutcome>,
    closing_events: usize,
}

impl Open {
    /// Reads the outcome and the history of the task if it has closed; whether it has.
    fn observe(&mut self, swf: &LocalSwf, outcome: Option<ActivityOutcome>) -> bool {
        if self.outcome.is_none() {
            self.outcome = outcome;
            if self.outcome.is_some() {
                self.closing_events = swf
                    .history(&self.task)
                    .iter()
                    .filter(|e| {
                        matches!(
                            e.event_type,
                            EventType::ActivityTaskCompleted
                                | EventType::ActivityTaskFailed
                                | EventType::ActivityTaskCanceled
                                | EventType::ActivityTaskTimedOut
                        )
                    })
                    .count();
            }
        }
        self.outcome.is_some()
    }

    /// What is wrong with the task, if anything.
    fn check(&self) -> Result<(), String> {
        if self.closing_events != 1 {
            return Err(format!("{} closing events", self.closing_events));
        }
        let runs = RUNS
            .get()
            .and_then(|runs| runs.get(self.n as usize))
            .map_or(0, |r| r.load(Ordering::Relaxed));
        if runs != 1 {
            return Err(format!("the activity ran {runs} times"));
        }
        let want = expected(self.n).to_string();
        match &self.outcome {
            Some(ActivityOutcome::Completed { result }) if result.as_deref() == Some(&want) => {
                Ok(())
            }
            other => Err(format!("ended {other:?}, expected a result of {want}")),
        }
    }
}

fn tasks_to_run() -> u64 {
    let Ok(value) = std::env::var("SWF_RETENTION_SOAK_TASKS") else {
        return 10_000;
    };
    value
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("SWF_RETENTION_SOAK_TASKS={value:?} is not a number: {e}"))
}

#[test]
#[ignore = "a soak: run with --ignored (SWF_RETENTION_SOAK_TASKS=1000000 in release)"]
fn retention_soak() {
    let tasks = tasks_to_run();
    let runs = (0..tasks).map(|_| AtomicU8::new(0)).collect();
    assert!(RUNS.set(runs).is_ok(), "the soak runs once per process");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(soak(tasks));
}

async fn soak(tasks: u64) {
    let retention = SECOND * DAY_SECONDS;
    let swf = Arc::new(
        LocalSwf::builder()
            .second_length(SECOND)
            .max_poll_wait(Duration::from_millis(500))
            .start()
            .await
            .expect("local SWF starts"),
    );
    // A retention period of 1 day.
    swf.register_domain(DOMAIN).expect("domain");
    let worker = Worker::builder(swf.client(), DOMAIN)
        .task_list(TASK_LIST)
        .max_concurrent_tasks(32)
        .pollers(4)
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

    let started = Instant::now();
    let completed = Arc::new(AtomicU64::new(0));
    let samples = Arc::new(Mutex::new(Vec::<Sample>::new()));
    let sampler = {
        let (swf, completed, samples) = (
            Arc::clone(&swf),
            Arc::clone(&completed),
            Arc::clone(&samples),
        );
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SAMPLE_EVERY);
            loop {
                every.tick().await;
                let held = swf.executions_held();
                let sample = Sample {
                    at: started.elapsed(),
                    completed: completed.load(Ordering::SeqCst),
                    held,
                    rss_kib: memory_kib().map_or(0, |(rss, _)| rss),
                };
                samples
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(sample);
            }
        })
    };

    let mut open: VecDeque<Open> = VecDeque::with_capacity(WINDOW);
    let mut next = 0_u64;
    let mut problems = 0_u64;
    let mut front_since = Instant::now();
    loop {
        while open.len() < WINDOW && next < tasks {
            let task = swf
                .schedule_activity_task(
                    ScheduleSpec::new(
                        DOMAIN,
                        ActivityType::new("RetentionSoakTask", "1"),
                        format!("t{next}"),
                    )
                    .task_list(TASK_LIST)
                    .input(next.to_string())
                    // No timeouts: a timer stays armed until its deadline even once its task
                    // closed, so memory would hold rate × timeout of them; a lost task shows
                    // as the oldest open task passing TASK_DEADLINE instead.
                    .schedule_to_start_timeout("NONE")
                    .schedule_to_close_timeout("NONE")
                    .start_to_close_timeout("NONE")
                    .heartbeat_timeout("NONE"),
                )
                .expect("scheduled");
            open.push_back(Open {
                n: next,
                task,
                outcome: None,
                closing_events: 0,
            });
            next += 1;
        }
        let Some(front) = open.front_mut() else {
            break;
        };
        let closed = front.outcome.is_some() || {
            let outcome = swf.wait_for_outcome(&front.task, SWEEP).await;
            front.observe(&swf, outcome)
        };
        if !closed {
            // Tasks close out of order: read those behind the front before they are forgotten.
            for later in open.iter_mut().skip(1) {
                if later.outcome.is_none() {
                    let outcome = swf.outcome(&later.task);
                    later.observe(&swf, outcome);
                }
            }
            assert!(
                front_since.elapsed() < TASK_DEADLINE,
                "task {} still open after {TASK_DEADLINE:?}",
                open.front().map_or(0, |o| o.n)
            );
            continue;
        }
        if let Some(done) = open.pop_front() {
            if let Err(problem) = done.check() {
                problems += 1;
                if problems <= 20 {
                    eprintln!("retention soak: task {}: {problem}", done.n);
                }
            }
            let count = completed.fetch_add(1, Ordering::SeqCst) + 1;
            front_since = Instant::now();
            if tasks >= 10 && count.is_multiple_of(tasks / 10) {
                println!(
                    "retention soak: {}% in {:.1} s, VmRSS {:.1} MiB, {} executions held",
                    count * 100 / tasks,
                    started.elapsed().as_secs_f64(),
                    memory_kib().map_or(0, |(rss, _)| rss) as f64 / 1024.0,
                    swf.executions_held()
                );
            }
        }
    }
    let elapsed = started.elapsed();
    let _ = stop_worker.send(());
    let stopped = tokio::time::timeout(Duration::from_secs(30), worker)
        .await
        .expect("the worker stops within 30 s");

    // Everything closed: all of it is forgotten once the last retention period ends.
    let deadline = Instant::now() + retention + FORGET_GRACE + Duration::from_secs(10);
    while swf.executions_held() > 0 && Instant::now() < deadline {
        tokio::time::sleep(SAMPLE_EVERY).await;
    }
    let held_after = swf.executions_held();
    sampler.abort();
    let (rss_end, hwm) = memory_kib().unwrap_or_default();
    let samples = samples
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();

    // RSS when the given share of the tasks had completed.
    let rss_at = |share: f64| {
        let at = (tasks as f64 * share).ceil() as u64;
        samples
            .iter()
            .find(|s| s.completed >= at)
            .or(samples.last())
            .map_or(0, |s| s.rss_kib)
    };
    let (rss_10, rss_50) = (rss_at(0.1), rss_at(0.5));
    let rss_second_half = samples
        .iter()
        .filter(|s| s.completed >= tasks / 2)
        .map(|s| s.rss_kib)
        .max()
        .unwrap_or(rss_50);
    // What may be held at each sample: the open tasks, those closed but not read yet (both at
    // most WINDOW), and those closed within the last retention period (and the grace the
    // local SWF's timers may take under load).
    let lookback = retention + FORGET_GRACE;
    let mut worst: Option<(Sample, u64)> = None;
    let mut max_held = 0;
    for s in &samples {
        let before =
            s.at.checked_sub(lookback)
                .and_then(|t| samples.iter().rev().find(|b| b.at <= t))
                .map_or(0, |b| b.completed);
        let bound = s.completed - before + 2 * WINDOW as u64;
        max_held = max_held.max(s.held);
        if s.held as u64 > bound && worst.is_none_or(|(w, _)| s.held > w.held) {
            worst = Some((*s, bound));
        }
    }
    let rate = tasks as f64 / elapsed.as_secs_f64();
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!(
        "retention soak: {tasks} tasks in {:.1} s ({rate:.0} tasks/s); retention 1 day = {:.2} s",
        elapsed.as_secs_f64(),
        retention.as_secs_f64()
    );
    println!(
        "retention soak: VmRSS at 10% {:.1} MiB, 50% {:.1} MiB, 100% {:.1} MiB; peak (VmHWM) \
         {:.1} MiB; growth over the second half {:.1} MiB",
        mib(rss_10),
        mib(rss_50),
        mib(rss_at(1.0)),
        mib(hwm),
        mib(rss_second_half.saturating_sub(rss_50)),
    );
    println!(
        "retention soak: executions held: at most {max_held} (about rate × retention = {:.0}), \
         {held_after} once the last retention period ended; VmRSS then {:.1} MiB",
        rate * retention.as_secs_f64(),
        mib(rss_end),
    );

    stopped
        .expect("the worker does not panic")
        .expect("the worker shuts down cleanly");
    assert_eq!(
        problems, 0,
        "tasks that did not complete exactly once with their result"
    );
    if let Some((sample, bound)) = worst {
        panic!(
            "{} executions held at {:.1?} with {} tasks completed: more than {bound}, what \
             closed within the last {lookback:?} and the open ones",
            sample.held, sample.at, sample.completed
        );
    }
    assert_eq!(
        held_after, 0,
        "every execution forgotten once its retention period ended"
    );
    let growth = rss_second_half.saturating_sub(rss_50);
    assert!(
        growth < SECOND_HALF_SLACK_KIB,
        "VmRSS grew by {:.1} MiB over the second half of the tasks, more than {:.1} MiB",
        mib(growth),
        mib(SECOND_HALF_SLACK_KIB)
    );
}
