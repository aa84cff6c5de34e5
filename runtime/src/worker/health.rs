//! What a running worker says about itself: its state, when each poller last heard from SWF,
//! the last error, and readiness and liveness defined on them.

use std::fmt;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

/// Default of [`WorkerBuilder::unready_after`](crate::worker::WorkerBuilder::unready_after).
pub const DEFAULT_UNREADY_AFTER: Duration = Duration::from_secs(60);

/// How long past the client's poll timeout a poll may stay open before the worker counts as
/// not live: the client's own timeouts should have ended it long before.
const STUCK_POLL_MARGIN: Duration = Duration::from_secs(30);

/// Where a worker is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WorkerState {
    /// Built, not run yet.
    Created,
    /// Registering the served activity types (retried while SWF refuses).
    Registering,
    /// Polling for tasks and running them.
    Polling,
    /// Shutting down: no new polls; open polls and running tasks finish.
    Draining,
    /// Stopped: every task it took has been answered, or registration failed, or the shutdown
    /// timeout passed.
    Stopped,
}

impl WorkerState {
    const ALL: [WorkerState; 5] = [
        WorkerState::Created,
        WorkerState::Registering,
        WorkerState::Polling,
        WorkerState::Draining,
        WorkerState::Stopped,
    ];

    /// The state's name: `created`, `registering`, `polling`, `draining` or `stopped`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkerState::Created => "created",
            WorkerState::Registering => "registering",
            WorkerState::Polling => "polling",
            WorkerState::Draining => "draining",
            WorkerState::Stopped => "stopped",
        }
    }
}

impl fmt::Display for WorkerState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A worker's health, shared with the worker: get one with
/// [`Worker::health`](crate::Worker::health) before running the worker, and read it from a
/// health-check endpoint while it runs. Cheap to clone.
///
/// - **Ready** ([`is_ready`](Health::is_ready)): the worker is polling, and no poller has been
///   failing to reach SWF for longer than
///   [`unready_after`](crate::worker::WorkerBuilder::unready_after). A worker that is
///   registering (also while SWF refuses the registration), draining or stopped is not ready.
///   A long poll that is open counts as fine: SWF holds it up to 60 s when there is no task.
/// - **Live** ([`is_live`](Health::is_live)): the worker has not stopped, and no poll has been
///   open for longer than the client's poll timeout plus 30 s (a hung connection the
///   timeouts should have ended). A worker that is not ready because SWF is unreachable is
///   still live: restarting it would not help.
#[derive(Clone)]
pub struct Health {
    inner: Arc<Inner>,
}

struct Inner {
    /// What the `*_ms` fields count from.
    epoch: Instant,
    state: AtomicU8,
    pollers: Mutex<Vec<Arc<PollerHealth>>>,
    last_error: Mutex<Option<LastError>>,
    unready_after: Duration,
    /// The longest a poll may stay open while the worker is live.
    stuck_after: Duration,
}

/// One poller's record, as milliseconds since the epoch plus one (0: never).
#[derive(Debug, Default)]
pub(crate) struct PollerHealth {
    last_answer: AtomicU64,
    failing_since: AtomicU64,
    open_since: AtomicU64,
}

/// The last error the worker met while polling or registering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastError {
    /// When it happened.
    #[serde(serialize_with = "serialize_time")]
    pub at: SystemTime,
    /// What failed: `poll`, `registration`.
    pub during: &'static str,
    /// The error's message.
    pub message: String,
}

/// A snapshot of a worker's health, e.g. for a health-check endpoint's body
/// (`serde_json::to_string(&health.report())`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct HealthReport {
    /// The worker's state.
    pub state: WorkerState,
    /// [`Health::is_ready`].
    pub ready: bool,
    /// [`Health::is_live`].
    pub live: bool,
    /// Each poller's record.
    pub pollers: Vec<PollerReport>,
    /// The last error met while polling or registering, if any.
    pub last_error: Option<LastError>,
}

/// One poller's record in a [`HealthReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PollerReport {
    /// Seconds since SWF last answered one of its polls (with a task or without).
    pub last_answer_seconds_ago: Option<f64>,
    /// Seconds since its polls began failing, while they fail.
    pub failing_for_seconds: Option<f64>,
    /// Seconds its current poll has been open, while one is.
    pub poll_open_for_seconds: Option<f64>,
}

fn serialize_time<S: serde::Serializer>(time: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&httpdate::fmt_http_date(*time))
}

impl fmt::Debug for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Health")
            .field("state", &self.state())
            .field("ready", &self.is_ready())
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}

impl Health {
    /// A record for a worker whose pollers are unready after failing for `unready_after` and
    /// whose polls count as hung after `poll_timeout` (plus a margin).
    pub(crate) fn new(unready_after: Duration, poll_timeout: Duration) -> Health {
        Health {
            inner: Arc::new(Inner {
                epoch: Instant::now(),
                state: AtomicU8::new(WorkerState::Created as u8),
                pollers: Mutex::new(Vec::new()),
                last_error: Mutex::new(None),
                unready_after,
                stuck_after: poll_timeout + STUCK_POLL_MARGIN,
            }),
        }
    }

    /// The worker's state.
    pub fn state(&self) -> WorkerState {
        let n = self.inner.state.load(Ordering::Acquire);
        WorkerState::ALL
            .get(usize::from(n))
            .copied()
            .unwrap_or(WorkerState::Stopped)
    }

    pub(crate) fn set_state(&self, state: WorkerState) {
        self.inner.state.store(state as u8, Ordering::Release);
    }

    /// Whether the worker is ready: polling, with no poller failing to reach SWF for longer
    /// than `unready_after`. See the [type's documentation](Health).
    pub fn is_ready(&self) -> bool {
        if self.state() != WorkerState::Polling {
            return false;
        }
        let now = self.now_ms();
        let bound = millis(self.inner.unready_after);
        self.pollers()
            .iter()
            .all(|p| since(p.failing_since.load(Ordering::Acquire), now).is_none_or(|f| f < bound))
    }

    /// Whether the worker is live: not stopped, and no poll open for longer than the poll
    /// timeout plus 30 s. See the [type's documentation](Health).
    pub fn is_live(&self) -> bool {
        if matches!(self.state(), WorkerState::Stopped) {
            return false;
        }
        let now = self.now_ms();
        let bound = millis(self.inner.stuck_after);
        self.pollers()
            .iter()
            .all(|p| since(p.open_since.load(Ordering::Acquire), now).is_none_or(|o| o < bound))
    }

    /// The last error met while polling or registering.
    pub fn last_error(&self) -> Option<LastError> {
        self.inner
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// When SWF last answered a poll of any poller.
    pub fn last_answer(&self) -> Option<Duration> {
        let now = self.now_ms();
        self.pollers()
            .iter()
            .filter_map(|p| since(p.last_answer.load(Ordering::Acquire), now))
            .min()
            .map(Duration::from_millis)
    }

    /// A snapshot of everything above.
    pub fn report(&self) -> HealthReport {
        let now = self.now_ms();
        let seconds =
            |at: &AtomicU64| since(at.load(Ordering::Acquire), now).map(|ms| ms as f64 / 1000.0);
        HealthReport {
            state: self.state(),
            ready: self.is_ready(),
            live: self.is_live(),
            pollers: self
                .pollers()
                .iter()
                .map(|p| PollerReport {
                    last_answer_seconds_ago: seconds(&p.last_answer),
                    failing_for_seconds: seconds(&p.failing_since),
                    poll_open_for_seconds: seconds(&p.open_since),
                })
                .collect(),
            last_error: self.last_error(),
        }
    }

    /// The record of poller `index`, made when first asked for.
    pub(crate) fn poller(&self, index: usize) -> Arc<PollerHealth> {
        let mut pollers = self
            .inner
            .pollers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        while pollers.len() <= index {
            pollers.push(Arc::default());
        }
        Arc::clone(&pollers[index])
    }

    /// Records an error met `during` polling or registering.
    pub(crate) fn error(&self, during: &'static str, error: &dyn fmt::Display) {
        *self
            .inner
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(LastError {
            at: SystemTime::now(),
            during,
            message: error.to_string(),
        });
    }

    pub(crate) fn now_ms(&self) -> u64 {
        millis(self.inner.epoch.elapsed()).saturating_add(1)
    }

    fn pollers(&self) -> Vec<Arc<PollerHealth>> {
        self.inner
            .pollers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl PollerHealth {
    /// A poll is about to be sent.
    pub(crate) fn poll_opened(&self, health: &Health) {
        self.open_since.store(health.now_ms(), Ordering::Release);
    }

    /// SWF answered the poll (with a task or without).
    pub(crate) fn answered(&self, health: &Health) {
        self.open_since.store(0, Ordering::Release);
        self.failing_since.store(0, Ordering::Release);
        self.last_answer.store(health.now_ms(), Ordering::Release);
    }

    /// The poll failed.
    pub(crate) fn failed(&self, health: &Health, error: &dyn fmt::Display) {
        self.open_since.store(0, Ordering::Release);
        let now = health.now_ms();
        let _ = self
            .failing_since
            .compare_exchange(0, now, Ordering::AcqRel, Ordering::Acquire);
        health.error("poll", error);
    }

    /// The poller ended (shutdown): nothing of it is open or failing any more.
    pub(crate) fn ended(&self) {
        self.open_since.store(0, Ordering::Release);
        self.failing_since.store(0, Ordering::Release);
    }
}

/// Milliseconds from `at` (epoch-relative plus one; 0: never) to `now`.
fn since(at: u64, now: u64) -> Option<u64> {
    (at != 0).then(|| now.saturating_sub(at))
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_while_polling_and_no_poller_fails_past_the_bound() {
        let health = Health::new(Duration::from_millis(50), Duration::from_secs(70));
        let poller = health.poller(0);
        assert_eq!(health.state(), WorkerState::Created);
        assert!(!health.is_ready());
        assert!(health.is_live());
        health.set_state(WorkerState::Registering);
        assert!(!health.is_ready());
        health.set_state(WorkerState::Polling);
        assert!(health.is_ready(), "no poll has failed");
        poller.poll_opened(&health);
        poller.failed(&health, &"connection refused");
        assert!(health.is_ready(), "failing, but not for long");
        std::thread::sleep(Duration::from_millis(80));
        poller.poll_opened(&health);
        poller.failed(&health, &"connection refused");
        assert!(
            !health.is_ready(),
            "failing since the first failure, past the bound"
        );
        assert!(
            health.is_live(),
            "unreachable SWF is not a reason to restart"
        );
        let error = health.last_error().expect("recorded");
        assert_eq!(
            (error.during, error.message.as_str()),
            ("poll", "connection refused")
        );
        poller.poll_opened(&health);
        poller.answered(&health);
        assert!(health.is_ready(), "an answer ends the failing streak");
        assert!(health.last_answer().is_some());
        let report = health.report();
        assert!(report.ready && report.live);
        assert_eq!(report.state, WorkerState::Polling);
        assert_eq!(report.pollers.len(), 1);
        let json = serde_json::to_value(&report).expect("serializes");
        assert_eq!(json["state"], "polling");
        health.set_state(WorkerState::Draining);
        assert!(!health.is_ready());
        health.set_state(WorkerState::Stopped);
        assert!(!health.is_live());
    }

    #[test]
    fn a_poll_open_far_past_the_poll_timeout_is_not_live() {
        let health = Health::new(Duration::from_secs(60), Duration::ZERO);
        health.set_state(WorkerState::Polling);
        let poller = health.poller(1);
        poller.poll_opened(&health);
        assert!(health.is_live(), "just opened");
        // Opened at the epoch, which is moved 40 s back: past the 30 s margin.
        poller.open_since.store(1, Ordering::Release);
        let backdated = Health {
            inner: Arc::new(Inner {
                epoch: Instant::now()
                    .checked_sub(Duration::from_secs(40))
                    .expect("the clock is past 40 s"),
                state: AtomicU8::new(WorkerState::Polling as u8),
                pollers: Mutex::new(vec![Arc::clone(&poller)]),
                last_error: Mutex::new(None),
                unready_after: Duration::from_secs(60),
                stuck_after: STUCK_POLL_MARGIN,
            }),
        };
        assert!(!backdated.is_live(), "a poll open for 40 s");
        assert!(
            backdated.is_ready(),
            "not failing: readiness is about answers"
        );
        poller.answered(&backdated);
        assert!(backdated.is_live());
    }
}
