//! Restart: a worker process is killed with SIGKILL in the middle of a fault soak, another one
//! takes over, and every task is accounted for from the endpoint's history.
//!
//! The test runs a local SWF whose seconds last 10 ms and injects seeded faults into every
//! activity-side operation ([`swf_activity_tests::faults`]), as the fault soak does. It pushes a
//! seeded mix of tasks (complete, fail, heartbeat, sleep) through a worker process
//! (`src/bin/restart_worker.rs`), kills it once a long task is running, starts a second worker
//! process, and reads every task's history at the end. Each task has exactly one closing
//! event, and is either
//!
//! - answered by the worker that ran it, with what the activity produces for its input; or
//! - timed out by SWF's own timeout: `HEARTBEAT` (tasks with a heartbeat timeout) or
//!   `START_TO_CLOSE`, and then it was taken by the killed worker (it was running there, or
//!   its poll's answer died with the process), or its poll's answer was dropped on the way to
//!   the second worker, which therefore never ran it.
//!
//! No task runs twice: SWF hands a task out once, and nothing here schedules it again.
//!
//! ```text
//! cargo test -p swf-activity-tests --test restart -- --nocapture      # 300 tasks
//! SWF_RESTART_SEED=1234 SWF_RESTART_TASKS=1000 cargo test -p swf-activity-tests --test restart
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use swf_activity::model::{ActivityTaskTimeoutType, ActivityType, EventType};
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec, ScheduledActivity};
use swf_activity_tests::faults::FaultDriver;
use swf_activity_tests::restart::{
    ACTIVITY, DOMAIN, Input, Kind, Output, RAN, TASK_LIST, VERSION, expected_output,
};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinHandle;

/// One SWF second of the local endpoint: timeouts run 100 times faster.
const SECOND: Duration = Duration::from_millis(10);
/// Start-to-close of every task: 5 s, far above what a task that runs takes with faults, so
/// only tasks nobody answers reach it.
const START_TO_CLOSE: &str = "500";
/// Heartbeat timeout of the heartbeating tasks: 2 s (they heartbeat every 20 ms).
const HEARTBEAT_TIMEOUT: &str = "200";
/// How many tasks are open (scheduled, not closed) at once.
const WINDOW: usize = 64;
/// The worker the test kills, and the one that takes over, as `ActivityTaskStarted` names them.
const FIRST_WORKER: &str = "restart-worker-1";
const SECOND_WORKER: &str = "restart-worker-2";
/// How long the test waits for one thing (a task's end, a worker's start or exit).
const WAIT: Duration = Duration::from_secs(30);
/// The whole test must end within this.
const OVERALL: Duration = Duration::from_secs(55);

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={value:?} is not a number: {e}")),
    )
}

/// A worker process, and the numbers of the tasks it started running (from its stdout).
struct WorkerProcess {
    child: Child,
    ran: JoinHandle<Vec<u64>>,
    /// The tasks it started running so far.
    running: watch::Receiver<BTreeSet<u64>>,
}

impl WorkerProcess {
    fn spawn(swf: &LocalSwf, identity: &str) -> WorkerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_restart_worker"))
            .env("SWF_ENDPOINT", swf.url())
            .env("WORKER_IDENTITY", identity)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the worker process starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        // Read until the process is gone: lines written before a SIGKILL are still in the pipe.
        let (seen, running) = watch::channel(BTreeSet::new());
        let ran = tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            let mut ran = Vec::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(n) = line.strip_prefix(RAN).and_then(|n| n.trim().parse().ok()) {
                    ran.push(n);
                    seen.send_modify(|seen| {
                        seen.insert(n);
                    });
                }
            }
            ran
        });
        WorkerProcess {
            child,
            ran,
            running,
        }
    }

    /// Waits until the process has started running task `n`'s activity; whether it has.
    async fn wait_until_running(&mut self, n: u64) -> bool {
        let running = self.running.wait_for(|running| running.contains(&n));
        matches!(tokio::time::timeout(WAIT, running).await, Ok(Ok(_)))
    }

    /// Sends SIGTERM and waits for the process to exit; its exit status.
    async fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().expect("running").to_string();
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(status.success());
        tokio::time::timeout(WAIT, self.child.wait())
            .await
            .expect("the worker exits after SIGTERM")
            .expect("exit status")
    }

    /// The tasks whose activity the process started, once its stdout is closed.
    async fn ran(self) -> Vec<u64> {
        tokio::time::timeout(WAIT, self.ran)
            .await
            .expect("stdout closes with the process")
            .expect("the reader does not panic")
    }
}

/// What happened to one task, as the endpoint's history says.
#[derive(Debug)]
struct Record {
    input: Input,
    outcome: Option<ActivityOutcome>,
    closing_events: usize,
    started_events: usize,
    /// The identity of the worker that took the task.
    started_by: Option<String>,
}

/// How one task ended, for the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    /// Answered by the worker that ran it (the first or the second).
    Answered { by_first: bool },
    /// Timed out after the first worker took it: it ran there (`ran`) or never reached the
    /// activity (the poll's answer was lost, or died with the process).
    KilledWorkerTimedOut { heartbeat: bool, ran: bool },
    /// Timed out after its poll's answer was dropped on the way to the second worker.
    LostPollTimedOut { heartbeat: bool },
}

impl Fate {
    fn describe(self) -> String {
        let timeout = |heartbeat| {
            if heartbeat {
                "HEARTBEAT"
            } else {
                "START_TO_CLOSE"
            }
        };
        match self {
            Fate::Answered { by_first: true } => "answered by the killed worker".into(),
            Fate::Answered { by_first: false } => "answered by the second worker".into(),
            Fate::KilledWorkerTimedOut {
                heartbeat,
                ran: true,
            } => format!(
                "running in the killed worker, timed out {}",
                timeout(heartbeat)
            ),
            Fate::KilledWorkerTimedOut {
                heartbeat,
                ran: false,
            } => format!(
                "taken by the killed worker but never run there, timed out {}",
                timeout(heartbeat)
            ),
            Fate::LostPollTimedOut { heartbeat } => format!(
                "poll answer to the second worker dropped, timed out {}",
                timeout(heartbeat)
            ),
        }
    }
}

/// Checks one task; its fate, or what is wrong. `ran_first` and `ran_second` say how often each
/// worker ran its activity.
fn check(record: &Record, ran_first: u32, ran_second: u32) -> Result<Fate, String> {
    let input = &record.input;
    if record.closing_events != 1 {
        return Err(format!("{} closing events", record.closing_events));
    }
    if record.started_events != 1 {
        return Err(format!("{} started events", record.started_events));
    }
    if ran_first + ran_second > 1 {
        return Err(format!(
            "the activity ran {ran_first} times in the first worker and {ran_second} in the second"
        ));
    }
    let by_first = match record.started_by.as_deref() {
        Some(FIRST_WORKER) => true,
        Some(SECOND_WORKER) => false,
        other => return Err(format!("taken by {other:?}")),
    };
    let (ran_here, ran_elsewhere) = if by_first {
        (ran_first, ran_second)
    } else {
        (ran_second, ran_first)
    };
    if ran_elsewhere > 0 {
        return Err("ran in a worker that did not take it".into());
    }
    let json = |text: &Option<String>| -> Result<serde_json::Value, String> {
        let text = text.as_deref().ok_or("no value")?;
        serde_json::from_str(text).map_err(|e| format!("{text:?} is not JSON: {e}"))
    };
    match record.outcome.as_ref().ok_or("no outcome")? {
        ActivityOutcome::Completed { result } if input.kind != Kind::Fail => {
            if ran_here == 0 {
                return Err("completed, yet its activity never ran".into());
            }
            let got: Output = serde_json::from_value(json(result)?).map_err(|e| e.to_string())?;
            if got != expected_output(input) {
                return Err(format!(
                    "result {got:?}, expected {:?}",
                    expected_output(input)
                ));
            }
            Ok(Fate::Answered { by_first })
        }
        ActivityOutcome::Failed { reason, details } if input.kind == Kind::Fail => {
            if ran_here == 0 {
                return Err("failed, yet its activity never ran".into());
            }
            let want = format!("restart task {} failed", input.n);
            if reason.as_deref() != Some(want.as_str()) {
                return Err(format!("reason {reason:?}, expected {want:?}"));
            }
            if json(details)? != serde_json::json!({ "n": input.n }) {
                return Err(format!("details {details:?}"));
            }
            Ok(Fate::Answered { by_first })
        }
        ActivityOutcome::TimedOut { timeout_type, .. } => {
            let heartbeat = match timeout_type {
                ActivityTaskTimeoutType::StartToClose => false,
                ActivityTaskTimeoutType::Heartbeat if input.kind == Kind::Heartbeat => true,
                other => return Err(format!("timed out {other:?}")),
            };
            if by_first {
                Ok(Fate::KilledWorkerTimedOut {
                    heartbeat,
                    ran: ran_here > 0,
                })
            } else if ran_here > 0 {
                Err("ran in the second worker, yet timed out".into())
            } else {
                Ok(Fate::LostPollTimedOut { heartbeat })
            }
        }
        other => Err(format!("a {:?} task ended {other:?}", input.kind)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_worker_loses_no_task() {
    let tasks = env_u64("SWF_RESTART_TASKS").unwrap_or(300);
    let seed = env_u64("SWF_RESTART_SEED").unwrap_or_else(|| fastrand::u64(..));
    assert!(tasks >= 30, "SWF_RESTART_TASKS must be at least 30");
    println!("restart: {tasks} tasks, seed {seed} (replay with SWF_RESTART_SEED={seed})");
    tokio::time::timeout(OVERALL, restart(tasks, seed))
        .await
        .unwrap_or_else(|_| panic!("the restart test took more than {OVERALL:?} (seed {seed})"));
}

async fn restart(tasks: u64, seed: u64) {
    let begun = Instant::now();
    let swf = Arc::new(
        LocalSwf::builder()
            .max_poll_wait(Duration::from_millis(500))
            .second_length(SECOND)
            .start()
            .await
            .expect("local SWF starts"),
    );
    swf.register_domain(DOMAIN).expect("domain");
    let mut first = WorkerProcess::spawn(&swf, FIRST_WORKER);
    assert!(
        swf.wait_for_pollers(DOMAIN, TASK_LIST, 1, WAIT).await,
        "the first worker polls"
    );

    let mut master = fastrand::Rng::with_seed(seed);
    let faults = FaultDriver::start(Arc::clone(&swf), &mut master);

    // The feeder: a seeded mix of tasks, at most WINDOW open at once, each watched to its end.
    // Task `kill_at` is a long one: the first worker is killed once it runs it.
    let kill_at = tasks / 3;
    let mut kinds = fastrand::Rng::with_seed(master.u64(..));
    let scheduled: Arc<Mutex<Vec<ScheduledActivity>>> = Arc::default();
    let feeder = tokio::spawn({
        let swf = Arc::clone(&swf);
        let scheduled = Arc::clone(&scheduled);
        async move {
            let window = Arc::new(Semaphore::new(WINDOW));
            let mut watchers = tokio::task::JoinSet::new();
            for n in 0..tasks {
                let (kind, millis) = match kinds.u8(0..100) {
                    _ if n == kill_at => (Kind::Slow, 3000),
                    0..45 => (Kind::Compute, 0),
                    45..60 => (Kind::Fail, 0),
                    60..80 => (Kind::Heartbeat, kinds.u64(20..=300)),
                    _ => (Kind::Slow, kinds.u64(50..=1000)),
                };
                let input = Input { n, kind, millis };
                let permit = Arc::clone(&window)
                    .acquire_owned()
                    .await
                    .expect("window open");
                let heartbeat_timeout = if kind == Kind::Heartbeat {
                    HEARTBEAT_TIMEOUT
                } else {
                    "NONE"
                };
                let task = swf
                    .schedule_activity_task(
                        ScheduleSpec::new(
                            DOMAIN,
                            ActivityType::new(ACTIVITY, VERSION),
                            format!("t{n}"),
                        )
                        .task_list(TASK_LIST)
                        .input(serde_json::to_string(&input).expect("input serializes"))
                        .schedule_to_start_timeout("NONE")
                        .schedule_to_close_timeout("NONE")
                        .start_to_close_timeout(START_TO_CLOSE)
                        .heartbeat_timeout(heartbeat_timeout),
                    )
                    .expect("scheduled");
                scheduled
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(task.clone());
                let swf = Arc::clone(&swf);
                watchers.spawn(async move {
                    let outcome = swf.wait_for_outcome(&task, WAIT).await;
                    drop(permit);
                    let history = swf.history(&task);
                    let count = |types: &[EventType]| {
                        history
                            .iter()
                            .filter(|e| types.contains(&e.event_type))
                            .count()
                    };
                    let started_by = history.iter().find_map(|e| {
                        e.activity_task_started_event_attributes
                            .as_ref()
                            .and_then(|a| a.identity.clone())
                    });
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
                        started_by,
                    }
                });
            }
            let mut records = Vec::new();
            while let Some(joined) = watchers.join_next().await {
                records.push(joined.expect("a watcher panicked"));
            }
            records
        }
    });

    // Kill the first worker once it runs the long task.
    assert!(
        first.wait_until_running(kill_at).await,
        "the first worker runs the long task"
    );
    first.child.kill().await.expect("SIGKILL");
    let killed_at = begun.elapsed();
    let (closed_at_kill, running_at_kill) = {
        let scheduled = scheduled.lock().unwrap_or_else(PoisonError::into_inner);
        let closed = scheduled
            .iter()
            .filter(|t| swf.outcome(t).is_some())
            .count();
        let running = scheduled
            .iter()
            .filter(|t| swf.is_started(t) && swf.outcome(t).is_none())
            .count();
        (closed, running)
    };
    assert!(closed_at_kill > 0, "tasks were answered before the kill");
    assert!(running_at_kill > 0, "tasks were running at the kill");

    let mut second = WorkerProcess::spawn(&swf, SECOND_WORKER);
    let records = tokio::time::timeout(WAIT, feeder)
        .await
        .expect("every task ends in time")
        .expect("the feeder does not panic");
    let elapsed = begun.elapsed();
    let alive = second.child.try_wait().expect("status").is_none();
    let fault_tally = faults.stop().await;
    let second_exit = second.terminate().await;
    let first_exit = first.child.wait().await.expect("exit status");
    let ran_first = first.ran().await;
    let ran_second = second.ran().await;

    println!(
        "restart: {tasks} tasks in {elapsed:.1?}; first worker killed (SIGKILL) at {killed_at:.1?} \
         with {closed_at_kill} tasks closed and {running_at_kill} taken and open"
    );
    println!("restart: faults injected: {fault_tally}");
    println!(
        "restart: activities run: {} by the killed worker, {} by the second",
        ran_first.len(),
        ran_second.len()
    );

    assert_eq!(first_exit.signal(), Some(9), "the first worker was killed");
    assert!(alive, "the second worker ran until the end");
    assert!(
        second_exit.success(),
        "the second worker exits cleanly after SIGTERM: {second_exit:?}"
    );
    assert_eq!(
        records.len() as u64,
        tasks,
        "every task was watched to its end"
    );

    let mut runs: HashMap<u64, (u32, u32)> = HashMap::new();
    for n in &ran_first {
        runs.entry(*n).or_default().0 += 1;
    }
    for n in &ran_second {
        runs.entry(*n).or_default().1 += 1;
    }
    let mut fates: BTreeMap<Fate, u64> = BTreeMap::new();
    let mut problems = Vec::new();
    for record in &records {
        let (ran_first, ran_second) = runs.get(&record.input.n).copied().unwrap_or_default();
        match check(record, ran_first, ran_second) {
            Ok(fate) => *fates.entry(fate).or_default() += 1,
            Err(problem) => problems.push(format!(
                "task {} ({:?}, {} ms): {problem}",
                record.input.n, record.input.kind, record.input.millis
            )),
        }
    }
    for (fate, n) in &fates {
        println!("restart: {n:>5}  {}", fate.describe());
    }
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
    let killed_timed_out: u64 = fates
        .iter()
        .filter(|(fate, _)| matches!(fate, Fate::KilledWorkerTimedOut { ran: true, .. }))
        .map(|(_, n)| n)
        .sum();
    assert!(
        killed_timed_out > 0,
        "a task running in the killed worker timed out (the long one at least)"
    );
    assert!(
        fates.contains_key(&Fate::Answered { by_first: false }),
        "the second worker answered tasks"
    );
}
