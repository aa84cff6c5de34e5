//! The metrics the worker and the client record, through the [`metrics`] facade.
//!
//! The library installs no exporter: the application installs one (e.g.
//! `metrics-exporter-prometheus`, as `runtime/examples/prometheus.rs` does) **before** it runs
//! the worker, which registers its metrics when it starts. Without one, recording costs a
//! branch per metric.
//!
//! Every name starts with `swf_`; durations are histograms in seconds. Labels are bounded: the
//! domain, the task list, the activity type and version, an SWF operation, an outcome or error
//! kind, never a task, workflow or run id. The README has the whole table with the nearest
//! Temporal and AWS Flow Framework for Java metric of each.
//!
//! | Label | Values |
//! |---|---|
//! | `domain`, `task_list` | as configured on the worker |
//! | `activity_type`, `activity_version` | the task's type (an unknown type's too) |
//! | `result` (polls) | `task`, `empty`, `failed` |
//! | `outcome` (tasks) | `completed`, `failed`, `canceled`, `not_answered`, `handed_off` |
//! | `kind` (failures) | `ActivityError` or a [`FailureKind`] name |
//! | `operation` | an SWF operation, e.g. `RespondActivityTaskCompleted` |
//! | `result` (answers) | `delivered`, `probably_delivered`, `task_already_closed`, `lost` |
//! | `result` (heartbeats) | `sent`, `failed`, `throttled`, `refused`, `task_already_closed` |
//! | `field` (truncations) | `reason`, `details`, `heartbeat_details` |
//! | `result` (registrations) | `registered`, `already_registered`, `deprecated`, `failed` |
//! | `error_code` | SWF's code when it is one SWF or AWS's front end is known to send (`ThrottlingException`, `UnknownResourceFault`, `ValidationException`, ...), else `transport`, `credentials`, `validation` (refused by the client before sending) or `unknown` |

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use ::metrics::{
    Counter, Gauge, Histogram, Key, Label, Level, Metadata, SharedString, Unit, counter,
    describe_counter, describe_gauge, describe_histogram, gauge, histogram,
};

use crate::failure::FailureKind;

/// Polls for activity tasks, by `domain`, `task_list` and `result` (`task`, `empty`, `failed`).
pub const POLLS: &str = "swf_activity_polls_total";
/// How long each poll for an activity task took, in seconds, by `domain` and `task_list`.
pub const POLL_DURATION: &str = "swf_activity_poll_duration_seconds";
/// How long a poller waited for a free execution slot before it could poll, in seconds.
pub const SLOT_WAIT: &str = "swf_worker_slot_wait_seconds";
/// How long a poller waited for `max_tasks_per_second` before it could poll, in seconds.
pub const RATE_LIMIT_WAIT: &str = "swf_worker_rate_limit_wait_seconds";
/// Execution slots in use (polls open and tasks running or being answered), by `domain`.
pub const SLOTS_USED: &str = "swf_worker_slots_used";
/// Execution slots free, by `domain`.
pub const SLOTS_AVAILABLE: &str = "swf_worker_slots_available";
/// Tasks that ended, by activity type and `outcome` (`completed`, `failed`, `canceled`;
/// `not_answered` when SWF no longer knew the task, `handed_off` when the activity left it to a
/// completer).
pub const TASKS: &str = "swf_activity_tasks_total";
/// Tasks answered as failed, by activity type and `kind`: `ActivityError` (the activity
/// returned `Err`) or the framework failure's kind (`InputDecode`, `Panic`, ...,
/// `UnknownActivityType`).
pub const TASK_FAILURES: &str = "swf_activity_task_failures_total";
/// How long each task ran, from its arrival to its outcome, in seconds, by activity type.
pub const TASK_DURATION: &str = "swf_activity_task_duration_seconds";
/// Answers to SWF about tasks, by `domain`, `operation` and `result` (`delivered`,
/// `probably_delivered`, `task_already_closed` for `UnknownResourceFault`, `lost`).
pub const RESPONDS: &str = "swf_activity_responds_total";
/// How long answering a task took, retries included, in seconds, by `domain` and `operation`.
pub const RESPOND_DURATION: &str = "swf_activity_respond_duration_seconds";
/// Answers sent again after a transient failure, by `domain` and `operation`.
pub const RESPOND_RETRIES: &str = "swf_activity_respond_retries_total";
/// Heartbeats, by activity type and `result` (`sent`, `failed`, `throttled`, `refused` for
/// good, `task_already_closed`).
pub const HEARTBEATS: &str = "swf_activity_heartbeats_total";
/// Heartbeats an activity asked for that were merged into a later one (the latest details
/// win), by activity type.
pub const HEARTBEATS_COALESCED: &str = "swf_activity_heartbeats_coalesced_total";
/// Cancel requests SWF passed on in a heartbeat's answer, by activity type.
pub const CANCEL_REQUESTS: &str = "swf_activity_cancel_requests_total";
/// Values cut to fit SWF's limits, by activity type and `field` (`reason`, `details`,
/// `heartbeat_details`).
pub const TRUNCATIONS: &str = "swf_activity_truncations_total";
/// Registrations of activity types at start, by `domain`, activity type and `result`
/// (`registered`, `already_registered`, `deprecated`, `failed`: each failed attempt).
pub const REGISTRATIONS: &str = "swf_activity_type_registrations_total";
/// How many registered defaults of a served type differ from the declared ones, by `domain`
/// and activity type (0: none).
pub const REGISTRATION_DRIFT: &str = "swf_activity_type_default_drift";
/// Calls to SWF, by `operation`, retries included.
pub const REQUESTS: &str = "swf_requests_total";
/// How long each call to SWF took, retries included, in seconds, by `operation`.
pub const REQUEST_DURATION: &str = "swf_request_duration_seconds";
/// Calls to SWF that failed, after the client's retries, by `operation` and `error_code`.
pub const REQUEST_ERRORS: &str = "swf_request_errors_total";
/// Attempts the client made again after a transient failure, by `operation` and
/// `error_code`.
pub const REQUEST_RETRIES: &str = "swf_request_retries_total";
/// Attempts SWF answered with throttling, by `operation`.
pub const THROTTLED: &str = "swf_client_throttled_total";
/// The adaptive rate limiter's current send rate, in requests per second (absent until
/// throttling turns it on).
pub const SEND_RATE: &str = "swf_client_send_rate";
/// How long calls waited for the client's rate limiter, in seconds, by `operation`.
pub const SEND_RATE_WAIT: &str = "swf_client_rate_limit_wait_seconds";

/// Describes every metric (unit and help text) to the installed recorder. The worker calls it
/// when it starts; call it yourself to have the descriptions before that.
pub fn describe() {
    describe_counter!(POLLS, Unit::Count, "Polls for activity tasks, by result");
    describe_histogram!(
        POLL_DURATION,
        Unit::Seconds,
        "Time each poll for an activity task took"
    );
    describe_histogram!(
        SLOT_WAIT,
        Unit::Seconds,
        "Time a poller waited for a free execution slot"
    );
    describe_histogram!(
        RATE_LIMIT_WAIT,
        Unit::Seconds,
        "Time a poller waited for max_tasks_per_second"
    );
    describe_gauge!(SLOTS_USED, Unit::Count, "Execution slots in use");
    describe_gauge!(SLOTS_AVAILABLE, Unit::Count, "Execution slots free");
    describe_counter!(TASKS, Unit::Count, "Activity tasks that ended, by outcome");
    describe_counter!(
        TASK_FAILURES,
        Unit::Count,
        "Activity tasks answered as failed, by kind"
    );
    describe_histogram!(
        TASK_DURATION,
        Unit::Seconds,
        "Time from a task's arrival to its outcome"
    );
    describe_counter!(RESPONDS, Unit::Count, "Answers about tasks, by result");
    describe_histogram!(
        RESPOND_DURATION,
        Unit::Seconds,
        "Time answering a task took, retries included"
    );
    describe_counter!(
        RESPOND_RETRIES,
        Unit::Count,
        "Answers sent again after a transient failure"
    );
    describe_counter!(HEARTBEATS, Unit::Count, "Heartbeats, by result");
    describe_counter!(
        HEARTBEATS_COALESCED,
        Unit::Count,
        "Heartbeats merged into a later one"
    );
    describe_counter!(
        CANCEL_REQUESTS,
        Unit::Count,
        "Cancel requests received in heartbeat answers"
    );
    describe_counter!(
        TRUNCATIONS,
        Unit::Count,
        "Values cut to fit SWF's limits, by field"
    );
    describe_counter!(
        REGISTRATIONS,
        Unit::Count,
        "Activity type registrations at start, by result"
    );
    describe_gauge!(
        REGISTRATION_DRIFT,
        Unit::Count,
        "Registered defaults that differ from the declared ones"
    );
    describe_counter!(REQUESTS, Unit::Count, "Calls to SWF, by operation");
    describe_histogram!(
        REQUEST_DURATION,
        Unit::Seconds,
        "Time each call to SWF took, retries included"
    );
    describe_counter!(
        REQUEST_ERRORS,
        Unit::Count,
        "Calls to SWF that failed after retries, by error code"
    );
    describe_counter!(
        REQUEST_RETRIES,
        Unit::Count,
        "Attempts made again after a transient failure"
    );
    describe_counter!(
        THROTTLED,
        Unit::Count,
        "Attempts SWF answered with throttling"
    );
    describe_gauge!(
        SEND_RATE,
        Unit::CountPerSecond,
        "The adaptive rate limiter's send rate"
    );
    describe_histogram!(
        SEND_RATE_WAIT,
        Unit::Seconds,
        "Time calls waited for the client's rate limiter"
    );
}

/// Where the library's metrics come from, for recorders that filter on it.
const METADATA: Metadata<'static> =
    Metadata::new(module_path!(), Level::INFO, Some(module_path!()));

/// The counter of `key` in the installed recorder: for keys made at compile time, which the
/// macros would build again (allocating their labels) on every call.
pub(crate) fn counter_of(key: &Key) -> Counter {
    ::metrics::with_recorder(|recorder| recorder.register_counter(key, &METADATA))
}

/// The histogram of `key`; see [`counter_of`].
pub(crate) fn histogram_of(key: &Key) -> Histogram {
    ::metrics::with_recorder(|recorder| recorder.register_histogram(key, &METADATA))
}

/// A monotonic time stamp, in nanoseconds since the first one; see [`since`].
pub(crate) fn stamp() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    let epoch = *EPOCH.get_or_init(Instant::now);
    u64::try_from(epoch.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// The time since `stamp`.
pub(crate) fn since(stamp: u64) -> Duration {
    Duration::from_nanos(self::stamp().saturating_sub(stamp))
}

/// `domain` and `task_list` labels.
fn list_labels(domain: &str, task_list: &str) -> Vec<Label> {
    vec![
        Label::new("domain", domain.to_owned()),
        Label::new("task_list", task_list.to_owned()),
    ]
}

/// `labels` and one more.
fn with(labels: &[Label], key: &'static str, value: impl Into<SharedString>) -> Vec<Label> {
    let mut labels = labels.to_vec();
    labels.push(Label::new(key, value));
    labels
}

/// One poller's handles for one task list, registered once.
#[derive(Debug)]
pub(crate) struct PollMetrics {
    pub(crate) task: Counter,
    pub(crate) empty: Counter,
    pub(crate) failed: Counter,
    pub(crate) duration: Histogram,
    pub(crate) slot_wait: Histogram,
    pub(crate) rate_wait: Histogram,
}

impl PollMetrics {
    pub(crate) fn new(domain: &str, task_list: &str) -> PollMetrics {
        let labels = list_labels(domain, task_list);
        PollMetrics {
            task: counter!(POLLS, with(&labels, "result", "task")),
            empty: counter!(POLLS, with(&labels, "result", "empty")),
            failed: counter!(POLLS, with(&labels, "result", "failed")),
            duration: histogram!(POLL_DURATION, labels.clone()),
            slot_wait: histogram!(SLOT_WAIT, labels.clone()),
            rate_wait: histogram!(RATE_LIMIT_WAIT, labels),
        }
    }
}

/// The worker's slot gauges.
#[derive(Debug)]
pub(crate) struct SlotMetrics {
    used: Gauge,
    available: Gauge,
    total: usize,
    /// Slots held by polls and tasks. Counted here rather than read from the semaphore: while
    /// shutdown waits to take every slot back, the semaphore hands each freed slot to that wait
    /// and reports none free. Changed and written under the lock, so that two changes side by
    /// side (the last two pollers ending at once) cannot leave the older count in the gauges.
    held: Mutex<usize>,
}

impl SlotMetrics {
    pub(crate) fn new(domain: &str, total: usize) -> SlotMetrics {
        let labels = vec![Label::new("domain", domain.to_owned())];
        let metrics = SlotMetrics {
            used: gauge!(SLOTS_USED, labels.clone()),
            available: gauge!(SLOTS_AVAILABLE, labels),
            total,
            held: Mutex::new(0),
        };
        metrics.write(0);
        metrics
    }

    /// A poll took a slot.
    pub(crate) fn taken(&self) {
        self.change(|held| held.saturating_add(1));
    }

    /// A poll or a task gave its slot back.
    pub(crate) fn released(&self) {
        self.change(|held| held.saturating_sub(1));
    }

    fn change(&self, change: impl FnOnce(usize) -> usize) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        *held = change(*held);
        self.write(*held);
    }

    fn write(&self, held: usize) {
        self.used.set(held as f64);
        self.available.set(self.total.saturating_sub(held) as f64);
    }
}

/// What a task's outcome may be counted as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskOutcome {
    Completed,
    Failed,
    Canceled,
    NotAnswered,
    HandedOff,
}

/// A heartbeat's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeartbeatResult {
    Sent,
    Failed,
    Throttled,
    Refused,
    TaskGone,
}

/// A cut value's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Reason,
    Details,
    HeartbeatDetails,
}

/// The handles of one activity type on one task list, registered once and shared by its
/// tasks.
#[derive(Debug)]
pub(crate) struct TypeMetrics {
    outcomes: [Counter; 5],
    /// `ActivityError`, then each [`FailureKind`] in [`FailureKind::ALL`]'s order.
    failures: [Counter; 1 + FailureKind::ALL.len()],
    duration: Histogram,
    heartbeats: [Counter; 5],
    coalesced: Counter,
    cancel_requests: Counter,
    truncations: [Counter; 3],
}

impl TypeMetrics {
    pub(crate) fn new(domain: &str, task_list: &str, name: &str, version: &str) -> TypeMetrics {
        let mut labels = list_labels(domain, task_list);
        labels.push(Label::new("activity_type", name.to_owned()));
        labels.push(Label::new("activity_version", version.to_owned()));
        let outcome = |o: &'static str| counter!(TASKS, with(&labels, "outcome", o));
        let failure = |k: &'static str| counter!(TASK_FAILURES, with(&labels, "kind", k));
        let heartbeat = |r: &'static str| counter!(HEARTBEATS, with(&labels, "result", r));
        let truncation = |f: &'static str| counter!(TRUNCATIONS, with(&labels, "field", f));
        TypeMetrics {
            outcomes: [
                outcome("completed"),
                outcome("failed"),
                outcome("canceled"),
                outcome("not_answered"),
                outcome("handed_off"),
            ],
            failures: std::array::from_fn(|i| match i {
                0 => failure("ActivityError"),
                i => failure(FailureKind::ALL[i - 1].as_str()),
            }),
            duration: histogram!(TASK_DURATION, labels.clone()),
            heartbeats: [
                heartbeat("sent"),
                heartbeat("failed"),
                heartbeat("throttled"),
                heartbeat("refused"),
                heartbeat("task_already_closed"),
            ],
            coalesced: counter!(HEARTBEATS_COALESCED, labels.clone()),
            cancel_requests: counter!(CANCEL_REQUESTS, labels.clone()),
            truncations: [
                truncation("reason"),
                truncation("details"),
                truncation("heartbeat_details"),
            ],
        }
    }

    /// Records a task's end: its outcome, how long it ran, and for a failure its kind (`None`:
    /// the activity's own error).
    pub(crate) fn ended(
        &self,
        outcome: TaskOutcome,
        failure: Option<Option<FailureKind>>,
        ran: Duration,
    ) {
        self.outcomes[outcome as usize].increment(1);
        if let Some(kind) = failure {
            let index = match kind {
                None => 0,
                Some(kind) => {
                    1 + FailureKind::ALL
                        .iter()
                        .position(|k| *k == kind)
                        .unwrap_or(0)
                }
            };
            self.failures[index].increment(1);
        }
        self.duration.record(ran);
    }

    pub(crate) fn heartbeat(&self, result: HeartbeatResult) {
        self.heartbeats[result as usize].increment(1);
    }

    pub(crate) fn coalesced(&self) {
        self.coalesced.increment(1);
    }

    pub(crate) fn cancel_requested(&self) {
        self.cancel_requests.increment(1);
    }

    pub(crate) fn truncated(&self, field: Field) {
        self.truncations[field as usize].increment(1);
    }
}

/// The handles for tasks of types the worker does not serve: registered when such a task
/// comes, as their labels come from SWF.
pub(crate) fn unknown_type(
    domain: &str,
    task_list: &str,
    name: &str,
    version: &str,
) -> Arc<TypeMetrics> {
    Arc::new(TypeMetrics::new(domain, task_list, name, version))
}

/// The answer metrics of one operation.
#[derive(Debug)]
pub(crate) struct RespondMetrics {
    results: [Counter; 4],
    pub(crate) duration: Histogram,
    pub(crate) retries: Counter,
}

/// How an answer ended, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RespondResult {
    Delivered,
    ProbablyDelivered,
    TaskAlreadyClosed,
    Lost,
}

impl RespondMetrics {
    fn new(domain: &str, operation: &'static str) -> RespondMetrics {
        let labels = vec![
            Label::new("domain", domain.to_owned()),
            Label::new("operation", operation),
        ];
        let result = |r: &'static str| counter!(RESPONDS, with(&labels, "result", r));
        RespondMetrics {
            results: [
                result("delivered"),
                result("probably_delivered"),
                result("task_already_closed"),
                result("lost"),
            ],
            duration: histogram!(RESPOND_DURATION, labels.clone()),
            retries: counter!(RESPOND_RETRIES, labels),
        }
    }

    pub(crate) fn ended(&self, result: RespondResult, took: Duration) {
        self.results[result as usize].increment(1);
        self.duration.record(took);
    }
}

/// The answer metrics of the three answering operations of one domain.
#[derive(Debug)]
pub(crate) struct AnswerMetrics {
    pub(crate) completed: RespondMetrics,
    pub(crate) failed: RespondMetrics,
    pub(crate) canceled: RespondMetrics,
}

impl AnswerMetrics {
    pub(crate) fn new(domain: &str) -> AnswerMetrics {
        AnswerMetrics {
            completed: RespondMetrics::new(domain, "RespondActivityTaskCompleted"),
            failed: RespondMetrics::new(domain, "RespondActivityTaskFailed"),
            canceled: RespondMetrics::new(domain, "RespondActivityTaskCanceled"),
        }
    }
}

/// Records one registration attempt's result, and the drift it found.
pub(crate) fn registration(domain: &str, name: &str, version: &str, result: &'static str) {
    counter!(
        REGISTRATIONS,
        "domain" => domain.to_owned(),
        "activity_type" => name.to_owned(),
        "activity_version" => version.to_owned(),
        "result" => result
    )
    .increment(1);
}

/// Records how many registered defaults differ from the declared ones.
pub(crate) fn drift(domain: &str, name: &str, version: &str, differing: usize) {
    gauge!(
        REGISTRATION_DRIFT,
        "domain" => domain.to_owned(),
        "activity_type" => name.to_owned(),
        "activity_version" => version.to_owned()
    )
    .set(differing as f64);
}
