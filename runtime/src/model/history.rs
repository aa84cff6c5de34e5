//! Execution histories: `GetWorkflowExecutionHistory`, [`HistoryEvent`] and the attributes of
//! the events activity workers and simple deciders read.

use serde::{Deserialize, Serialize};

use super::{
    ActivityTaskTimeoutType, ActivityType, ChildPolicy, DecisionTaskTimeoutType, EventType,
    RequestCancelActivityTaskFailedCause, ScheduleActivityTaskFailedCause, TaskList,
    WorkflowExecution, WorkflowExecutionCancelRequestedCause, WorkflowExecutionTerminatedCause,
    WorkflowExecutionTimeoutType, WorkflowType,
};

/// One event in an execution's history (`HistoryEvent`).
///
/// Exactly one `...EventAttributes` member is set, the one named after
/// [`HistoryEvent::event_type`].
/// Attributes of event types this crate does not model are skipped when deserializing, and event
/// types it does not know are kept as [`EventType::Unknown`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryEvent {
    /// When the event happened, in seconds since the Unix epoch.
    pub event_timestamp: f64,
    /// What the event records.
    pub event_type: EventType,
    /// The event's id, its position in the history starting at 1.
    pub event_id: i64,
    /// Set on `WorkflowExecutionStarted` events: the execution started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_started_event_attributes:
        Option<WorkflowExecutionStartedEventAttributes>,
    /// Set on `WorkflowExecutionCompleted` events: the execution completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_completed_event_attributes:
        Option<WorkflowExecutionCompletedEventAttributes>,
    /// Set on `WorkflowExecutionFailed` events: the execution failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_failed_event_attributes: Option<WorkflowExecutionFailedEventAttributes>,
    /// Set on `WorkflowExecutionTimedOut` events: the execution timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_timed_out_event_attributes:
        Option<WorkflowExecutionTimedOutEventAttributes>,
    /// Set on `WorkflowExecutionCanceled` events: the execution was canceled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_canceled_event_attributes:
        Option<WorkflowExecutionCanceledEventAttributes>,
    /// Set on `WorkflowExecutionTerminated` events: the execution was terminated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_terminated_event_attributes:
        Option<WorkflowExecutionTerminatedEventAttributes>,
    /// Set on `WorkflowExecutionCancelRequested` events: cancelling the execution was requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_cancel_requested_event_attributes:
        Option<WorkflowExecutionCancelRequestedEventAttributes>,
    /// Set on `WorkflowExecutionSignaled` events: the execution received a signal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_signaled_event_attributes:
        Option<WorkflowExecutionSignaledEventAttributes>,
    /// Set on `DecisionTaskScheduled` events: a decision task was scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_task_scheduled_event_attributes: Option<DecisionTaskScheduledEventAttributes>,
    /// Set on `DecisionTaskStarted` events: a decider took a decision task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_task_started_event_attributes: Option<DecisionTaskStartedEventAttributes>,
    /// Set on `DecisionTaskCompleted` events: a decider answered a decision task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_task_completed_event_attributes: Option<DecisionTaskCompletedEventAttributes>,
    /// Set on `DecisionTaskTimedOut` events: a decision task timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_task_timed_out_event_attributes: Option<DecisionTaskTimedOutEventAttributes>,
    /// Set on `ActivityTaskScheduled` events: an activity task was scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_scheduled_event_attributes: Option<ActivityTaskScheduledEventAttributes>,
    /// Set on `ScheduleActivityTaskFailed` events: a `ScheduleActivityTask` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_activity_task_failed_event_attributes:
        Option<ScheduleActivityTaskFailedEventAttributes>,
    /// Set on `ActivityTaskStarted` events: a worker took an activity task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_started_event_attributes: Option<ActivityTaskStartedEventAttributes>,
    /// Set on `ActivityTaskCompleted` events: a worker completed an activity task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_completed_event_attributes: Option<ActivityTaskCompletedEventAttributes>,
    /// Set on `ActivityTaskFailed` events: a worker failed an activity task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_failed_event_attributes: Option<ActivityTaskFailedEventAttributes>,
    /// Set on `ActivityTaskTimedOut` events: an activity task timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_timed_out_event_attributes: Option<ActivityTaskTimedOutEventAttributes>,
    /// Set on `ActivityTaskCanceled` events: a worker canceled an activity task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_canceled_event_attributes: Option<ActivityTaskCanceledEventAttributes>,
    /// Set on `ActivityTaskCancelRequested` events: a decider asked to cancel an activity task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_task_cancel_requested_event_attributes:
        Option<ActivityTaskCancelRequestedEventAttributes>,
    /// Set on `RequestCancelActivityTaskFailed` events: a `RequestCancelActivityTask` decision
    /// failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_activity_task_failed_event_attributes:
        Option<RequestCancelActivityTaskFailedEventAttributes>,
    /// Set on `MarkerRecorded` events: a decider recorded a marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker_recorded_event_attributes: Option<MarkerRecordedEventAttributes>,
}

impl HistoryEvent {
    /// An event without attributes (set the one matching `event_type`).
    pub fn new(event_id: i64, event_type: EventType, event_timestamp: f64) -> HistoryEvent {
        HistoryEvent {
            event_timestamp,
            event_type,
            event_id,
            workflow_execution_started_event_attributes: None,
            workflow_execution_completed_event_attributes: None,
            workflow_execution_failed_event_attributes: None,
            workflow_execution_timed_out_event_attributes: None,
            workflow_execution_canceled_event_attributes: None,
            workflow_execution_terminated_event_attributes: None,
            workflow_execution_cancel_requested_event_attributes: None,
            workflow_execution_signaled_event_attributes: None,
            decision_task_scheduled_event_attributes: None,
            decision_task_started_event_attributes: None,
            decision_task_completed_event_attributes: None,
            decision_task_timed_out_event_attributes: None,
            activity_task_scheduled_event_attributes: None,
            schedule_activity_task_failed_event_attributes: None,
            activity_task_started_event_attributes: None,
            activity_task_completed_event_attributes: None,
            activity_task_failed_event_attributes: None,
            activity_task_timed_out_event_attributes: None,
            activity_task_canceled_event_attributes: None,
            activity_task_cancel_requested_event_attributes: None,
            request_cancel_activity_task_failed_event_attributes: None,
            marker_recorded_event_attributes: None,
        }
    }
}

setters!(HistoryEvent {
    /// Sets the attributes of a `WorkflowExecutionStarted` event.
    workflow_execution_started_event_attributes: WorkflowExecutionStartedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCompleted` event.
    workflow_execution_completed_event_attributes: WorkflowExecutionCompletedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionFailed` event.
    workflow_execution_failed_event_attributes: WorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionTimedOut` event.
    workflow_execution_timed_out_event_attributes: WorkflowExecutionTimedOutEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCanceled` event.
    workflow_execution_canceled_event_attributes: WorkflowExecutionCanceledEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionTerminated` event.
    workflow_execution_terminated_event_attributes: WorkflowExecutionTerminatedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCancelRequested` event.
    workflow_execution_cancel_requested_event_attributes:
        WorkflowExecutionCancelRequestedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionSignaled` event.
    workflow_execution_signaled_event_attributes: WorkflowExecutionSignaledEventAttributes,
    /// Sets the attributes of a `DecisionTaskScheduled` event.
    decision_task_scheduled_event_attributes: DecisionTaskScheduledEventAttributes,
    /// Sets the attributes of a `DecisionTaskStarted` event.
    decision_task_started_event_attributes: DecisionTaskStartedEventAttributes,
    /// Sets the attributes of a `DecisionTaskCompleted` event.
    decision_task_completed_event_attributes: DecisionTaskCompletedEventAttributes,
    /// Sets the attributes of a `DecisionTaskTimedOut` event.
    decision_task_timed_out_event_attributes: DecisionTaskTimedOutEventAttributes,
    /// Sets the attributes of a `ActivityTaskScheduled` event.
    activity_task_scheduled_event_attributes: ActivityTaskScheduledEventAttributes,
    /// Sets the attributes of a `ScheduleActivityTaskFailed` event.
    schedule_activity_task_failed_event_attributes: ScheduleActivityTaskFailedEventAttributes,
    /// Sets the attributes of a `ActivityTaskStarted` event.
    activity_task_started_event_attributes: ActivityTaskStartedEventAttributes,
    /// Sets the attributes of a `ActivityTaskCompleted` event.
    activity_task_completed_event_attributes: ActivityTaskCompletedEventAttributes,
    /// Sets the attributes of a `ActivityTaskFailed` event.
    activity_task_failed_event_attributes: ActivityTaskFailedEventAttributes,
    /// Sets the attributes of a `ActivityTaskTimedOut` event.
    activity_task_timed_out_event_attributes: ActivityTaskTimedOutEventAttributes,
    /// Sets the attributes of a `ActivityTaskCanceled` event.
    activity_task_canceled_event_attributes: ActivityTaskCanceledEventAttributes,
    /// Sets the attributes of a `ActivityTaskCancelRequested` event.
    activity_task_cancel_requested_event_attributes: ActivityTaskCancelRequestedEventAttributes,
    /// Sets the attributes of a `RequestCancelActivityTaskFailed` event.
    request_cancel_activity_task_failed_event_attributes:
        RequestCancelActivityTaskFailedEventAttributes,
    /// Sets the attributes of a `MarkerRecorded` event.
    marker_recorded_event_attributes: MarkerRecordedEventAttributes,
});

/// The attributes of a `WorkflowExecutionStarted` event: the execution started
/// (`WorkflowExecutionStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionStartedEventAttributes {
    /// The input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The execution start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// The decision task start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// What happens to child executions.
    pub child_policy: ChildPolicy,
    /// The task list.
    pub task_list: TaskList,
    /// The task priority, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The workflow type.
    pub workflow_type: WorkflowType,
    /// The execution's tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// The run id of the execution this one continues, if it was continued as new.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continued_execution_run_id: Option<String>,
    /// The parent execution, for a child execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_workflow_execution: Option<WorkflowExecution>,
    /// The id of the parent's `StartChildWorkflowExecutionInitiated` event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_initiated_event_id: Option<i64>,
    /// The IAM role for Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl WorkflowExecutionStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        child_policy: ChildPolicy,
        task_list: TaskList,
        workflow_type: WorkflowType,
    ) -> WorkflowExecutionStartedEventAttributes {
        WorkflowExecutionStartedEventAttributes {
            input: None,
            execution_start_to_close_timeout: None,
            task_start_to_close_timeout: None,
            child_policy,
            task_list,
            task_priority: None,
            workflow_type,
            tag_list: None,
            continued_execution_run_id: None,
            parent_workflow_execution: None,
            parent_initiated_event_id: None,
            lambda_role: None,
        }
    }
}

setters!(WorkflowExecutionStartedEventAttributes {
    /// Sets `input`.
    input: String,
    /// Sets `executionStartToCloseTimeout`.
    execution_start_to_close_timeout: String,
    /// Sets `taskStartToCloseTimeout`.
    task_start_to_close_timeout: String,
    /// Sets `taskPriority`.
    task_priority: String,
    /// Sets `tagList`.
    tag_list: Vec<String>,
    /// Sets `continuedExecutionRunId`.
    continued_execution_run_id: String,
    /// Sets `parentWorkflowExecution`.
    parent_workflow_execution: WorkflowExecution,
    /// Sets `parentInitiatedEventId`.
    parent_initiated_event_id: i64,
    /// Sets `lambdaRole`.
    lambda_role: String,
});

/// The attributes of a `WorkflowExecutionCompleted` event: the execution completed
/// (`WorkflowExecutionCompletedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionCompletedEventAttributes {
    /// The result; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl WorkflowExecutionCompletedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(decision_task_completed_event_id: i64) -> WorkflowExecutionCompletedEventAttributes {
        WorkflowExecutionCompletedEventAttributes {
            result: None,
            decision_task_completed_event_id,
        }
    }
}

setters!(WorkflowExecutionCompletedEventAttributes {
    /// Sets `result`.
    result: String,
});

/// The attributes of a `WorkflowExecutionFailed` event: the execution failed
/// (`WorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionFailedEventAttributes {
    /// The reason; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl WorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(decision_task_completed_event_id: i64) -> WorkflowExecutionFailedEventAttributes {
        WorkflowExecutionFailedEventAttributes {
            reason: None,
            details: None,
            decision_task_completed_event_id,
        }
    }
}

setters!(WorkflowExecutionFailedEventAttributes {
    /// Sets `reason`.
    reason: String,
    /// Sets `details`.
    details: String,
});

/// The attributes of a `WorkflowExecutionTimedOut` event: the execution timed out
/// (`WorkflowExecutionTimedOutEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionTimedOutEventAttributes {
    /// Which timeout was hit.
    pub timeout_type: WorkflowExecutionTimeoutType,
    /// What happens to child executions.
    pub child_policy: ChildPolicy,
}

impl WorkflowExecutionTimedOutEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timeout_type: WorkflowExecutionTimeoutType,
        child_policy: ChildPolicy,
    ) -> WorkflowExecutionTimedOutEventAttributes {
        WorkflowExecutionTimedOutEventAttributes {
            timeout_type,
            child_policy,
        }
    }
}

/// The attributes of a `WorkflowExecutionCanceled` event: the execution was canceled
/// (`WorkflowExecutionCanceledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionCanceledEventAttributes {
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl WorkflowExecutionCanceledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(decision_task_completed_event_id: i64) -> WorkflowExecutionCanceledEventAttributes {
        WorkflowExecutionCanceledEventAttributes {
            details: None,
            decision_task_completed_event_id,
        }
    }
}

setters!(WorkflowExecutionCanceledEventAttributes {
    /// Sets `details`.
    details: String,
});

/// The attributes of a `WorkflowExecutionTerminated` event: the execution was terminated
/// (`WorkflowExecutionTerminatedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionTerminatedEventAttributes {
    /// The reason; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// What happens to child executions.
    pub child_policy: ChildPolicy,
    /// Why it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<WorkflowExecutionTerminatedCause>,
}

impl WorkflowExecutionTerminatedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(child_policy: ChildPolicy) -> WorkflowExecutionTerminatedEventAttributes {
        WorkflowExecutionTerminatedEventAttributes {
            reason: None,
            details: None,
            child_policy,
            cause: None,
        }
    }
}

setters!(WorkflowExecutionTerminatedEventAttributes {
    /// Sets `reason`.
    reason: String,
    /// Sets `details`.
    details: String,
    /// Sets `cause`.
    cause: WorkflowExecutionTerminatedCause,
});

/// The attributes of a `WorkflowExecutionCancelRequested` event: cancelling the execution was
/// requested (`WorkflowExecutionCancelRequestedEventAttributes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionCancelRequestedEventAttributes {
    /// The execution that sent the request, if it was another one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_workflow_execution: Option<WorkflowExecution>,
    /// The id of the initiating event in the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_initiated_event_id: Option<i64>,
    /// Why it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<WorkflowExecutionCancelRequestedCause>,
}

impl WorkflowExecutionCancelRequestedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new() -> WorkflowExecutionCancelRequestedEventAttributes {
        WorkflowExecutionCancelRequestedEventAttributes {
            external_workflow_execution: None,
            external_initiated_event_id: None,
            cause: None,
        }
    }
}

setters!(WorkflowExecutionCancelRequestedEventAttributes {
    /// Sets `externalWorkflowExecution`.
    external_workflow_execution: WorkflowExecution,
    /// Sets `externalInitiatedEventId`.
    external_initiated_event_id: i64,
    /// Sets `cause`.
    cause: WorkflowExecutionCancelRequestedCause,
});

/// The attributes of a `WorkflowExecutionSignaled` event: the execution received a signal
/// (`WorkflowExecutionSignaledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionSignaledEventAttributes {
    /// The signal's name.
    pub signal_name: String,
    /// The input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The execution that sent the request, if it was another one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_workflow_execution: Option<WorkflowExecution>,
    /// The id of the initiating event in the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_initiated_event_id: Option<i64>,
}

impl WorkflowExecutionSignaledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(signal_name: impl Into<String>) -> WorkflowExecutionSignaledEventAttributes {
        WorkflowExecutionSignaledEventAttributes {
            signal_name: signal_name.into(),
            input: None,
            external_workflow_execution: None,
            external_initiated_event_id: None,
        }
    }
}

setters!(WorkflowExecutionSignaledEventAttributes {
    /// Sets `input`.
    input: String,
    /// Sets `externalWorkflowExecution`.
    external_workflow_execution: WorkflowExecution,
    /// Sets `externalInitiatedEventId`.
    external_initiated_event_id: i64,
});

/// The attributes of a `DecisionTaskScheduled` event: a decision task was scheduled
/// (`DecisionTaskScheduledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTaskScheduledEventAttributes {
    /// The task list.
    pub task_list: TaskList,
    /// The task priority, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_to_close_timeout: Option<String>,
    /// The schedule-to-start timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_to_start_timeout: Option<String>,
}

impl DecisionTaskScheduledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(task_list: TaskList) -> DecisionTaskScheduledEventAttributes {
        DecisionTaskScheduledEventAttributes {
            task_list,
            task_priority: None,
            start_to_close_timeout: None,
            schedule_to_start_timeout: None,
        }
    }
}

setters!(DecisionTaskScheduledEventAttributes {
    /// Sets `taskPriority`.
    task_priority: String,
    /// Sets `startToCloseTimeout`.
    start_to_close_timeout: String,
    /// Sets `scheduleToStartTimeout`.
    schedule_to_start_timeout: String,
});

/// The attributes of a `DecisionTaskStarted` event: a decider took a decision task
/// (`DecisionTaskStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTaskStartedEventAttributes {
    /// The identity the worker or decider polled with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
}

impl DecisionTaskStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(scheduled_event_id: i64) -> DecisionTaskStartedEventAttributes {
        DecisionTaskStartedEventAttributes {
            identity: None,
            scheduled_event_id,
        }
    }
}

setters!(DecisionTaskStartedEventAttributes {
    /// Sets `identity`.
    identity: String,
});

/// The attributes of a `DecisionTaskCompleted` event: a decider answered a decision task
/// (`DecisionTaskCompletedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTaskCompletedEventAttributes {
    /// The context the decider sent with its decisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_context: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
    /// The task list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// The schedule-to-start timeout for the next decision tasks: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list_schedule_to_start_timeout: Option<String>,
}

impl DecisionTaskCompletedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> DecisionTaskCompletedEventAttributes {
        DecisionTaskCompletedEventAttributes {
            execution_context: None,
            scheduled_event_id,
            started_event_id,
            task_list: None,
            task_list_schedule_to_start_timeout: None,
        }
    }
}

setters!(DecisionTaskCompletedEventAttributes {
    /// Sets `executionContext`.
    execution_context: String,
    /// Sets `taskList`.
    task_list: TaskList,
    /// Sets `taskListScheduleToStartTimeout`.
    task_list_schedule_to_start_timeout: String,
});

/// The attributes of a `DecisionTaskTimedOut` event: a decision task timed out
/// (`DecisionTaskTimedOutEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTaskTimedOutEventAttributes {
    /// Which timeout was hit.
    pub timeout_type: DecisionTaskTimeoutType,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
}

impl DecisionTaskTimedOutEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timeout_type: DecisionTaskTimeoutType,
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> DecisionTaskTimedOutEventAttributes {
        DecisionTaskTimedOutEventAttributes {
            timeout_type,
            scheduled_event_id,
            started_event_id,
        }
    }
}

/// The attributes of a `ActivityTaskScheduled` event: an activity task was scheduled
/// (`ActivityTaskScheduledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskScheduledEventAttributes {
    /// The activity type.
    pub activity_type: ActivityType,
    /// The activity task's id.
    pub activity_id: String,
    /// The input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The control data the decider attached; not sent to workers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The schedule-to-start timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_to_start_timeout: Option<String>,
    /// The schedule-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_to_close_timeout: Option<String>,
    /// The start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_to_close_timeout: Option<String>,
    /// The task list.
    pub task_list: TaskList,
    /// The task priority, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The heartbeat timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_timeout: Option<String>,
}

impl ActivityTaskScheduledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        activity_type: ActivityType,
        activity_id: impl Into<String>,
        task_list: TaskList,
        decision_task_completed_event_id: i64,
    ) -> ActivityTaskScheduledEventAttributes {
        ActivityTaskScheduledEventAttributes {
            activity_type,
            activity_id: activity_id.into(),
            input: None,
            control: None,
            schedule_to_start_timeout: None,
            schedule_to_close_timeout: None,
            start_to_close_timeout: None,
            task_list,
            task_priority: None,
            decision_task_completed_event_id,
            heartbeat_timeout: None,
        }
    }
}

setters!(ActivityTaskScheduledEventAttributes {
    /// Sets `input`.
    input: String,
    /// Sets `control`.
    control: String,
    /// Sets `scheduleToStartTimeout`.
    schedule_to_start_timeout: String,
    /// Sets `scheduleToCloseTimeout`.
    schedule_to_close_timeout: String,
    /// Sets `startToCloseTimeout`.
    start_to_close_timeout: String,
    /// Sets `taskPriority`.
    task_priority: String,
    /// Sets `heartbeatTimeout`.
    heartbeat_timeout: String,
});

/// The attributes of a `ScheduleActivityTaskFailed` event: a `ScheduleActivityTask` decision failed
/// (`ScheduleActivityTaskFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleActivityTaskFailedEventAttributes {
    /// The activity type.
    pub activity_type: ActivityType,
    /// The activity task's id.
    pub activity_id: String,
    /// Why it happened.
    pub cause: ScheduleActivityTaskFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl ScheduleActivityTaskFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        activity_type: ActivityType,
        activity_id: impl Into<String>,
        cause: ScheduleActivityTaskFailedCause,
        decision_task_completed_event_id: i64,
    ) -> ScheduleActivityTaskFailedEventAttributes {
        ScheduleActivityTaskFailedEventAttributes {
            activity_type,
            activity_id: activity_id.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `ActivityTaskStarted` event: a worker took an activity task
/// (`ActivityTaskStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskStartedEventAttributes {
    /// The identity the worker or decider polled with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
}

impl ActivityTaskStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(scheduled_event_id: i64) -> ActivityTaskStartedEventAttributes {
        ActivityTaskStartedEventAttributes {
            identity: None,
            scheduled_event_id,
        }
    }
}

setters!(ActivityTaskStartedEventAttributes {
    /// Sets `identity`.
    identity: String,
});

/// The attributes of a `ActivityTaskCompleted` event: a worker completed an activity task
/// (`ActivityTaskCompletedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskCompletedEventAttributes {
    /// The `result` the worker sent with `RespondActivityTaskCompleted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
}

impl ActivityTaskCompletedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> ActivityTaskCompletedEventAttributes {
        ActivityTaskCompletedEventAttributes {
            result: None,
            scheduled_event_id,
            started_event_id,
        }
    }
}

setters!(ActivityTaskCompletedEventAttributes {
    /// Sets `result`.
    result: String,
});

/// The attributes of a `ActivityTaskFailed` event: a worker failed an activity task
/// (`ActivityTaskFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskFailedEventAttributes {
    /// The `reason` the worker sent with `RespondActivityTaskFailed`; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The `details` the worker sent with `RespondActivityTaskFailed`; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
}

impl ActivityTaskFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> ActivityTaskFailedEventAttributes {
        ActivityTaskFailedEventAttributes {
            reason: None,
            details: None,
            scheduled_event_id,
            started_event_id,
        }
    }
}

setters!(ActivityTaskFailedEventAttributes {
    /// Sets `reason`.
    reason: String,
    /// Sets `details`.
    details: String,
});

/// The attributes of a `ActivityTaskTimedOut` event: an activity task timed out
/// (`ActivityTaskTimedOutEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskTimedOutEventAttributes {
    /// Which timeout was hit.
    pub timeout_type: ActivityTaskTimeoutType,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
    /// The details of the last heartbeat; at most 2048 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl ActivityTaskTimedOutEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timeout_type: ActivityTaskTimeoutType,
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> ActivityTaskTimedOutEventAttributes {
        ActivityTaskTimedOutEventAttributes {
            timeout_type,
            scheduled_event_id,
            started_event_id,
            details: None,
        }
    }
}

setters!(ActivityTaskTimedOutEventAttributes {
    /// Sets `details`.
    details: String,
});

/// The attributes of a `ActivityTaskCanceled` event: a worker canceled an activity task
/// (`ActivityTaskCanceledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskCanceledEventAttributes {
    /// The `details` the worker sent with `RespondActivityTaskCanceled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the task's `...Scheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `...Started` event.
    pub started_event_id: i64,
    /// The id of the latest `ActivityTaskCancelRequested` event for the task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_cancel_requested_event_id: Option<i64>,
}

impl ActivityTaskCanceledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> ActivityTaskCanceledEventAttributes {
        ActivityTaskCanceledEventAttributes {
            details: None,
            scheduled_event_id,
            started_event_id,
            latest_cancel_requested_event_id: None,
        }
    }
}

setters!(ActivityTaskCanceledEventAttributes {
    /// Sets `details`.
    details: String,
    /// Sets `latestCancelRequestedEventId`.
    latest_cancel_requested_event_id: i64,
});

/// The attributes of a `ActivityTaskCancelRequested` event: a decider asked to cancel an activity
/// task (`ActivityTaskCancelRequestedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskCancelRequestedEventAttributes {
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The activity task's id.
    pub activity_id: String,
}

impl ActivityTaskCancelRequestedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        decision_task_completed_event_id: i64,
        activity_id: impl Into<String>,
    ) -> ActivityTaskCancelRequestedEventAttributes {
        ActivityTaskCancelRequestedEventAttributes {
            decision_task_completed_event_id,
            activity_id: activity_id.into(),
        }
    }
}

/// The attributes of a `RequestCancelActivityTaskFailed` event: a `RequestCancelActivityTask`
/// decision failed (`RequestCancelActivityTaskFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelActivityTaskFailedEventAttributes {
    /// The activity task's id.
    pub activity_id: String,
    /// Why it happened.
    pub cause: RequestCancelActivityTaskFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl RequestCancelActivityTaskFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        activity_id: impl Into<String>,
        cause: RequestCancelActivityTaskFailedCause,
        decision_task_completed_event_id: i64,
    ) -> RequestCancelActivityTaskFailedEventAttributes {
        RequestCancelActivityTaskFailedEventAttributes {
            activity_id: activity_id.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `MarkerRecorded` event: a decider recorded a marker
/// (`MarkerRecordedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MarkerRecordedEventAttributes {
    /// The marker's name.
    pub marker_name: String,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl MarkerRecordedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        marker_name: impl Into<String>,
        decision_task_completed_event_id: i64,
    ) -> MarkerRecordedEventAttributes {
        MarkerRecordedEventAttributes {
            marker_name: marker_name.into(),
            details: None,
            decision_task_completed_event_id,
        }
    }
}

setters!(MarkerRecordedEventAttributes {
    /// Sets `details`.
    details: String,
});
/// `GetWorkflowExecutionHistory`: one page of an execution's history, oldest first unless
/// `reverseOrder`. Pass the answer's `nextPageToken` back for the next page, or use
/// [`Client::get_workflow_execution_history_all`](crate::Client::get_workflow_execution_history_all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GetWorkflowExecutionHistory {
    /// The domain the execution runs in.
    pub domain: String,
    /// The execution whose history to read.
    pub execution: WorkflowExecution,
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many events per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to return the events newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
}

impl GetWorkflowExecutionHistory {
    /// Reads the history of `execution` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        execution: WorkflowExecution,
    ) -> GetWorkflowExecutionHistory {
        GetWorkflowExecutionHistory {
            domain: domain.into(),
            execution,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
        }
    }
}

setters!(GetWorkflowExecutionHistory {
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Returns the events newest first.
    reverse_order: bool,
});

/// One page of `GetWorkflowExecutionHistory` (`History`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct History {
    /// The events on this page.
    pub events: Vec<HistoryEvent>,
    /// The token for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

impl History {
    /// A page with `events` and no next page.
    pub fn new(events: Vec<HistoryEvent>) -> History {
        History {
            events,
            next_page_token: None,
        }
    }
}

setters!(History {
    /// Sets the token for the next page.
    next_page_token: String,
});
