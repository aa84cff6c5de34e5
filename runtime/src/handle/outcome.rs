//! An activity task's outcome, read from a workflow history and typed by its handle.

use serde::de::DeserializeOwned;

use super::{Activity, decider_converter};
use crate::convert::{DataConverter, ReadError};
use crate::failure::{DecodeFailureError, Failure, FailureKind};
use crate::model::{
    ActivityTaskTimeoutType, EventType, HistoryEvent, ScheduleActivityTaskFailedCause,
};

/// Where the task with a given activity id stands in a workflow history
/// ([`Activity::outcome`]). The latest task with the id counts: SWF lets a decider reuse an
/// activity id once the task before it closed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ActivityOutcome<T, E> {
    /// No task with this id was scheduled (or the history read so far does not reach it).
    NotScheduled,
    /// SWF refused the `ScheduleActivityTask` decision (`ScheduleActivityTaskFailed`).
    ScheduleFailed {
        /// SWF's cause, e.g. `ACTIVITY_TYPE_DOES_NOT_EXIST`.
        cause: ScheduleActivityTaskFailedCause,
    },
    /// Scheduled and not closed yet.
    Open {
        /// Whether a worker has started it (`ActivityTaskStarted`).
        started: bool,
        /// Whether the decider asked to cancel it (`ActivityTaskCancelRequested`).
        cancel_requested: bool,
    },
    /// Completed with this result.
    Completed(T),
    /// Failed (`ActivityTaskFailed`).
    Failed(ActivityFailed<E>),
    /// Timed out (`ActivityTaskTimedOut`).
    TimedOut {
        /// Which timeout fired.
        timeout_type: ActivityTaskTimeoutType,
        /// The last heartbeat's details, if any.
        details: Option<String>,
    },
    /// Canceled by the worker after a cancel request (`ActivityTaskCanceled`).
    Canceled {
        /// The details the worker sent.
        details: Option<String>,
    },
}

impl<T, E> ActivityOutcome<T, E> {
    /// Whether the task has closed (completed, failed, timed out or canceled), or could never
    /// be scheduled.
    pub fn is_closed(&self) -> bool {
        !matches!(
            self,
            ActivityOutcome::NotScheduled | ActivityOutcome::Open { .. }
        )
    }
}

/// How a task failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum ActivityFailed<E> {
    /// The activity returned this error.
    Error {
        /// The error, decoded from the failure's details.
        error: E,
        /// The failure as recorded.
        failure: Failure,
    },
    /// The framework failed the task: its input did not decode, it panicked, its result was
    /// too large, the worker shut down, ...
    Framework {
        /// Why.
        kind: FailureKind,
        /// The failure as recorded (`reason`, and the message in its details).
        failure: Failure,
    },
    /// The details do not decode as the activity's error: they were truncated, or written by
    /// a worker in another format.
    Undecodable {
        /// The failure as recorded.
        failure: Failure,
        /// Why it did not decode.
        why: DecodeFailureError,
    },
}

impl<E> ActivityFailed<E> {
    /// The failure as SWF recorded it.
    pub fn failure(&self) -> &Failure {
        match self {
            ActivityFailed::Error { failure, .. }
            | ActivityFailed::Framework { failure, .. }
            | ActivityFailed::Undecodable { failure, .. } => failure,
        }
    }
}

/// Why an outcome could not be read: the activity's result does not decode as its `Output`, or
/// its converter cannot read on the decider's side.
#[derive(Debug, thiserror::Error)]
#[error("activity {activity} ({activity_id:?}): {why}")]
pub struct OutcomeError {
    activity: String,
    activity_id: String,
    #[source]
    why: ReadError,
}

/// [`Activity::outcome`], reading with `default` when the activity names no converter (its
/// worker's default converter; `Activity::outcome` passes [`Json`](crate::convert::Json)).
pub fn outcome_with<A>(
    history: &[HistoryEvent],
    activity_id: &str,
    default: &dyn DataConverter,
) -> Result<ActivityOutcome<A::Output, A::Error>, OutcomeError>
where
    A: Activity,
    A::Output: DeserializeOwned,
    A::Error: DeserializeOwned,
{
    let fail = |why: ReadError| OutcomeError {
        activity: format!("{} version {}", A::DESCRIPTOR.name, A::DESCRIPTOR.version),
        activity_id: activity_id.to_owned(),
        why,
    };
    let converter = decider_converter::<A>(default).map_err(|why| fail(ReadError::new(why)))?;

    // The latest scheduling of this id, or the latest refusal to schedule it.
    let mut scheduled: Option<i64> = None;
    let mut refused: Option<ScheduleActivityTaskFailedCause> = None;
    for event in history {
        if let Some(a) = &event.activity_task_scheduled_event_attributes
            && a.activity_id == activity_id
        {
            scheduled = Some(event.event_id);
            refused = None;
        }
        if let Some(a) = &event.schedule_activity_task_failed_event_attributes
            && a.activity_id == activity_id
        {
            scheduled = None;
            refused = Some(a.cause.clone());
        }
    }
    if let Some(cause) = refused {
        return Ok(ActivityOutcome::ScheduleFailed { cause });
    }
    let Some(id) = scheduled else {
        return Ok(ActivityOutcome::NotScheduled);
    };

    let mut started = false;
    let mut cancel_requested = false;
    for event in history.iter().filter(|e| e.event_id > id) {
        match event.event_type {
            EventType::ActivityTaskStarted => {
                started |= event
                    .activity_task_started_event_attributes
                    .as_ref()
                    .is_some_and(|a| a.scheduled_event_id == id);
            }
            EventType::ActivityTaskCancelRequested => {
                cancel_requested |= event
                    .activity_task_cancel_requested_event_attributes
                    .as_ref()
                    .is_some_and(|a| a.activity_id == activity_id);
            }
            EventType::ActivityTaskCompleted => {
                if let Some(a) = &event.activity_task_completed_event_attributes
                    && a.scheduled_event_id == id
                {
                    let value = converter.read_result(a.result.as_deref()).map_err(fail)?;
                    let result = serde_json::from_value(value).map_err(|err| {
                        fail(ReadError::json(
                            "the result does not decode as the activity's output type",
                            err,
                        ))
                    })?;
                    return Ok(ActivityOutcome::Completed(result));
                }
            }
            EventType::ActivityTaskFailed => {
                if let Some(a) = &event.activity_task_failed_event_attributes
                    && a.scheduled_event_id == id
                {
                    let failure = converter.read_failure(a.reason.as_deref(), a.details.as_deref());
                    return Ok(ActivityOutcome::Failed(failed(failure)));
                }
            }
            EventType::ActivityTaskTimedOut => {
                if let Some(a) = &event.activity_task_timed_out_event_attributes
                    && a.scheduled_event_id == id
                {
                    return Ok(ActivityOutcome::TimedOut {
                        timeout_type: a.timeout_type.clone(),
                        details: a.details.clone(),
                    });
                }
            }
            EventType::ActivityTaskCanceled => {
                if let Some(a) = &event.activity_task_canceled_event_attributes
                    && a.scheduled_event_id == id
                {
                    return Ok(ActivityOutcome::Canceled {
                        details: a.details.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(ActivityOutcome::Open {
        started,
        cancel_requested,
    })
}

/// The failure, with the activity's error decoded when it is one.
fn failed<E: DeserializeOwned>(failure: Failure) -> ActivityFailed<E> {
    if let Some(kind) = failure.kind() {
        return ActivityFailed::Framework { kind, failure };
    }
    match failure.decode::<E>() {
        Ok(error) => ActivityFailed::Error { error, failure },
        Err(why) => ActivityFailed::Undecodable { failure, why },
    }
}
