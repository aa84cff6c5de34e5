//! Running a worker against a local SWF in a test: start it, schedule tasks, wait for their
//! outcomes, stop it.

use std::time::{Duration, Instant};

use swf_activity::model::ActivityType;
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec, ScheduledActivity};
use swf_activity::worker::WorkerBuilder;
use swf_activity::{Client, Error, Worker};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long a test waits for anything before it fails.
pub const WAIT: Duration = Duration::from_secs(20);

/// A worker running in the background: [`RunningWorker::stop`] fires its signal.
#[derive(Debug)]
pub struct RunningWorker {
    stop: oneshot::Sender<()>,
    handle: JoinHandle<Result<(), Error>>,
}

impl RunningWorker {
    /// Runs `worker` until [`stop`](Self::stop), and waits until it polls its first task list
    /// of `domain` (so its types are registered).
    pub async fn start(swf: &LocalSwf, domain: &str, worker: Worker) -> RunningWorker {
        let task_list = worker.task_lists()[0].clone();
        let running = RunningWorker::spawn(worker);
        assert!(
            swf.wait_for_pollers(domain, &task_list, 1, WAIT).await,
            "the worker polls"
        );
        running
    }

    /// Runs `worker` until [`stop`](Self::stop), against any endpoint.
    pub fn spawn(worker: Worker) -> RunningWorker {
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(worker.run_until(async {
            let _ = stopped.await;
        }));
        RunningWorker { stop, handle }
    }

    /// Fires the signal without waiting; the handle says how the worker ended.
    pub fn signal(self) -> JoinHandle<Result<(), Error>> {
        let _ = self.stop.send(());
        self.handle
    }

    /// Fires the signal and waits up to [`WAIT`] for the worker to end; how it ended.
    pub async fn stop(self) -> Result<(), Error> {
        tokio::time::timeout(WAIT, self.signal())
            .await
            .expect("the worker stops")
            .expect("the worker does not panic")
    }
}

/// A local SWF whose long polls end after `max_poll_wait`, with `domain` registered.
pub async fn local_swf(domain: &str, max_poll_wait: Duration) -> LocalSwf {
    let swf = LocalSwf::builder()
        .max_poll_wait(max_poll_wait)
        .start()
        .await
        .expect("local SWF starts");
    swf.register_domain(domain).expect("domain");
    swf
}

/// A worker of `domain` on `task_list` set up for tests: quick poll backoff (20 ms to 200 ms),
/// heartbeats at most 50 ms apart, a 10 s shutdown deadline.
pub fn builder(client: Client, domain: &str, task_list: &str) -> WorkerBuilder {
    Worker::builder(client, domain)
        .task_list(task_list)
        .poll_backoff(Duration::from_millis(20), Duration::from_millis(200))
        .max_heartbeat_interval(Duration::from_millis(50))
        .shutdown_deadline(Duration::from_secs(10))
}

/// Schedules activity `name` version 1 on `task_list` of `domain` with `input`; no timeouts but
/// a 300 s start-to-close.
pub fn schedule(
    swf: &LocalSwf,
    domain: &str,
    name: &str,
    id: &str,
    task_list: &str,
    input: &str,
) -> ScheduledActivity {
    swf.schedule_activity_task(
        ScheduleSpec::new(domain, ActivityType::new(name, "1"), id)
            .task_list(task_list)
            .input(input)
            .schedule_to_close_timeout("NONE")
            .schedule_to_start_timeout("NONE")
            .start_to_close_timeout("300")
            .heartbeat_timeout("NONE"),
    )
    .expect("scheduled")
}

/// How `task` ended, waiting up to [`WAIT`].
pub async fn outcome(swf: &LocalSwf, task: &ScheduledActivity) -> ActivityOutcome {
    swf.wait_for_outcome(task, WAIT)
        .await
        .expect("the task ends")
}

/// Waits up to [`WAIT`] until `condition` holds.
pub async fn until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < WAIT, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
