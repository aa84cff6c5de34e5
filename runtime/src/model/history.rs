//! Execution histories: `GetWorkflowExecutionHistory`, [`HistoryEvent`] and the attributes of
//! every event type SWF records.

use serde::{Deserialize, Serialize};

use super::{
    ActivityTaskTimeoutType, ActivityType, CancelTimerFailedCause,
    CancelWorkflowExecutionFailedCause, ChildPolicy, CompleteWorkflowExecutionFailedCause,
    ContinueAsNewWorkflowExecutionFailedCause, DecisionTaskTimeoutType, EventType,
    FailWorkflowExecutionFailedCause, LambdaFunctionTimeoutType, RecordMarkerFailedCause,
    RequestCancelActivityTaskFailedCause, RequestCancelExternalWorkflowExecutionFailedCause,
    ScheduleActivityTaskFailedCause, ScheduleLambdaFunctionFailedCause,
    SignalExternalWorkflowExecutionFailedCause, StartChildWorkflowExecutionFailedCause,
    StartLambdaFunctionFailedCause, StartTimerFailedCause, TaskList, WorkflowExecution,
    WorkflowExecutionCancelRequestedCause, WorkflowExecutionTerminatedCause,
    WorkflowExecutionTimeoutType, WorkflowType,
};

/// One event in an execution's history (`HistoryEvent`).
///
/// Exactly one `...EventAttributes` member is set, the one named after
/// [`HistoryEvent::event_type`]; every event type of SWF's model has its attributes here.
/// Event types this crate does not know (added to SWF later) are kept as
/// [`EventType::Unknown`], without attributes.
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
    /// Set on `CompleteWorkflowExecutionFailed` events: a `CompleteWorkflowExecution` decision
    /// failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_workflow_execution_failed_event_attributes:
        Option<CompleteWorkflowExecutionFailedEventAttributes>,
    /// Set on `WorkflowExecutionFailed` events: the execution failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_failed_event_attributes: Option<WorkflowExecutionFailedEventAttributes>,
    /// Set on `FailWorkflowExecutionFailed` events: a `FailWorkflowExecution` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_workflow_execution_failed_event_attributes:
        Option<FailWorkflowExecutionFailedEventAttributes>,
    /// Set on `WorkflowExecutionTimedOut` events: the execution timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_timed_out_event_attributes:
        Option<WorkflowExecutionTimedOutEventAttributes>,
    /// Set on `WorkflowExecutionCanceled` events: the execution was canceled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_canceled_event_attributes:
        Option<WorkflowExecutionCanceledEventAttributes>,
    /// Set on `CancelWorkflowExecutionFailed` events: a `CancelWorkflowExecution` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_workflow_execution_failed_event_attributes:
        Option<CancelWorkflowExecutionFailedEventAttributes>,
    /// Set on `WorkflowExecutionContinuedAsNew` events: the execution closed and a new run of it
    /// started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_continued_as_new_event_attributes:
        Option<WorkflowExecutionContinuedAsNewEventAttributes>,
    /// Set on `ContinueAsNewWorkflowExecutionFailed` events: a `ContinueAsNewWorkflowExecution`
    /// decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continue_as_new_workflow_execution_failed_event_attributes:
        Option<ContinueAsNewWorkflowExecutionFailedEventAttributes>,
    /// Set on `WorkflowExecutionTerminated` events: the execution was terminated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_terminated_event_attributes:
        Option<WorkflowExecutionTerminatedEventAttributes>,
    /// Set on `WorkflowExecutionCancelRequested` events: cancelling the execution was requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_cancel_requested_event_attributes:
        Option<WorkflowExecutionCancelRequestedEventAttributes>,
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
    /// Set on `WorkflowExecutionSignaled` events: the execution received a signal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_execution_signaled_event_attributes:
        Option<WorkflowExecutionSignaledEventAttributes>,
    /// Set on `MarkerRecorded` events: a decider recorded a marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker_recorded_event_attributes: Option<MarkerRecordedEventAttributes>,
    /// Set on `RecordMarkerFailed` events: a `RecordMarker` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_marker_failed_event_attributes: Option<RecordMarkerFailedEventAttributes>,
    /// Set on `TimerStarted` events: a decider started a timer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer_started_event_attributes: Option<TimerStartedEventAttributes>,
    /// Set on `TimerFired` events: a timer fired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer_fired_event_attributes: Option<TimerFiredEventAttributes>,
    /// Set on `TimerCanceled` events: a decider canceled a timer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timer_canceled_event_attributes: Option<TimerCanceledEventAttributes>,
    /// Set on `StartChildWorkflowExecutionInitiated` events: a decider asked to start a child
    /// execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_child_workflow_execution_initiated_event_attributes:
        Option<StartChildWorkflowExecutionInitiatedEventAttributes>,
    /// Set on `ChildWorkflowExecutionStarted` events: a child execution started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_started_event_attributes:
        Option<ChildWorkflowExecutionStartedEventAttributes>,
    /// Set on `ChildWorkflowExecutionCompleted` events: a child execution completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_completed_event_attributes:
        Option<ChildWorkflowExecutionCompletedEventAttributes>,
    /// Set on `ChildWorkflowExecutionFailed` events: a child execution failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_failed_event_attributes:
        Option<ChildWorkflowExecutionFailedEventAttributes>,
    /// Set on `ChildWorkflowExecutionTimedOut` events: a child execution timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_timed_out_event_attributes:
        Option<ChildWorkflowExecutionTimedOutEventAttributes>,
    /// Set on `ChildWorkflowExecutionCanceled` events: a child execution was canceled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_canceled_event_attributes:
        Option<ChildWorkflowExecutionCanceledEventAttributes>,
    /// Set on `ChildWorkflowExecutionTerminated` events: a child execution was terminated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_workflow_execution_terminated_event_attributes:
        Option<ChildWorkflowExecutionTerminatedEventAttributes>,
    /// Set on `SignalExternalWorkflowExecutionInitiated` events: a decider asked to signal another
    /// execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal_external_workflow_execution_initiated_event_attributes:
        Option<SignalExternalWorkflowExecutionInitiatedEventAttributes>,
    /// Set on `ExternalWorkflowExecutionSignaled` events: the signal was delivered to the other
    /// execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_workflow_execution_signaled_event_attributes:
        Option<ExternalWorkflowExecutionSignaledEventAttributes>,
    /// Set on `SignalExternalWorkflowExecutionFailed` events: a `SignalExternalWorkflowExecution`
    /// decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal_external_workflow_execution_failed_event_attributes:
        Option<SignalExternalWorkflowExecutionFailedEventAttributes>,
    /// Set on `ExternalWorkflowExecutionCancelRequested` events: the cancel request was delivered
    /// to the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_workflow_execution_cancel_requested_event_attributes:
        Option<ExternalWorkflowExecutionCancelRequestedEventAttributes>,
    /// Set on `RequestCancelExternalWorkflowExecutionInitiated` events: a decider asked to cancel
    /// another execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_external_workflow_execution_initiated_event_attributes:
        Option<RequestCancelExternalWorkflowExecutionInitiatedEventAttributes>,
    /// Set on `RequestCancelExternalWorkflowExecutionFailed` events: a
    /// `RequestCancelExternalWorkflowExecution` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_external_workflow_execution_failed_event_attributes:
        Option<RequestCancelExternalWorkflowExecutionFailedEventAttributes>,
    /// Set on `ScheduleActivityTaskFailed` events: a `ScheduleActivityTask` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_activity_task_failed_event_attributes:
        Option<ScheduleActivityTaskFailedEventAttributes>,
    /// Set on `RequestCancelActivityTaskFailed` events: a `RequestCancelActivityTask` decision
    /// failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_activity_task_failed_event_attributes:
        Option<RequestCancelActivityTaskFailedEventAttributes>,
    /// Set on `StartTimerFailed` events: a `StartTimer` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_timer_failed_event_attributes: Option<StartTimerFailedEventAttributes>,
    /// Set on `CancelTimerFailed` events: a `CancelTimer` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_timer_failed_event_attributes: Option<CancelTimerFailedEventAttributes>,
    /// Set on `StartChildWorkflowExecutionFailed` events: a `StartChildWorkflowExecution` decision
    /// failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_child_workflow_execution_failed_event_attributes:
        Option<StartChildWorkflowExecutionFailedEventAttributes>,
    /// Set on `LambdaFunctionScheduled` events: a Lambda task was scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_scheduled_event_attributes: Option<LambdaFunctionScheduledEventAttributes>,
    /// Set on `LambdaFunctionStarted` events: a Lambda task started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_started_event_attributes: Option<LambdaFunctionStartedEventAttributes>,
    /// Set on `LambdaFunctionCompleted` events: a Lambda task completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_completed_event_attributes: Option<LambdaFunctionCompletedEventAttributes>,
    /// Set on `LambdaFunctionFailed` events: a Lambda task failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_failed_event_attributes: Option<LambdaFunctionFailedEventAttributes>,
    /// Set on `LambdaFunctionTimedOut` events: a Lambda task timed out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_function_timed_out_event_attributes: Option<LambdaFunctionTimedOutEventAttributes>,
    /// Set on `ScheduleLambdaFunctionFailed` events: a `ScheduleLambdaFunction` decision failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_lambda_function_failed_event_attributes:
        Option<ScheduleLambdaFunctionFailedEventAttributes>,
    /// Set on `StartLambdaFunctionFailed` events: SWF could not start a scheduled Lambda task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_lambda_function_failed_event_attributes:
        Option<StartLambdaFunctionFailedEventAttributes>,
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
            complete_workflow_execution_failed_event_attributes: None,
            workflow_execution_failed_event_attributes: None,
            fail_workflow_execution_failed_event_attributes: None,
            workflow_execution_timed_out_event_attributes: None,
            workflow_execution_canceled_event_attributes: None,
            cancel_workflow_execution_failed_event_attributes: None,
            workflow_execution_continued_as_new_event_attributes: None,
            continue_as_new_workflow_execution_failed_event_attributes: None,
            workflow_execution_terminated_event_attributes: None,
            workflow_execution_cancel_requested_event_attributes: None,
            decision_task_scheduled_event_attributes: None,
            decision_task_started_event_attributes: None,
            decision_task_completed_event_attributes: None,
            decision_task_timed_out_event_attributes: None,
            activity_task_scheduled_event_attributes: None,
            activity_task_started_event_attributes: None,
            activity_task_completed_event_attributes: None,
            activity_task_failed_event_attributes: None,
            activity_task_timed_out_event_attributes: None,
            activity_task_canceled_event_attributes: None,
            activity_task_cancel_requested_event_attributes: None,
            workflow_execution_signaled_event_attributes: None,
            marker_recorded_event_attributes: None,
            record_marker_failed_event_attributes: None,
            timer_started_event_attributes: None,
            timer_fired_event_attributes: None,
            timer_canceled_event_attributes: None,
            start_child_workflow_execution_initiated_event_attributes: None,
            child_workflow_execution_started_event_attributes: None,
            child_workflow_execution_completed_event_attributes: None,
            child_workflow_execution_failed_event_attributes: None,
            child_workflow_execution_timed_out_event_attributes: None,
            child_workflow_execution_canceled_event_attributes: None,
            child_workflow_execution_terminated_event_attributes: None,
            signal_external_workflow_execution_initiated_event_attributes: None,
            external_workflow_execution_signaled_event_attributes: None,
            signal_external_workflow_execution_failed_event_attributes: None,
            external_workflow_execution_cancel_requested_event_attributes: None,
            request_cancel_external_workflow_execution_initiated_event_attributes: None,
            request_cancel_external_workflow_execution_failed_event_attributes: None,
            schedule_activity_task_failed_event_attributes: None,
            request_cancel_activity_task_failed_event_attributes: None,
            start_timer_failed_event_attributes: None,
            cancel_timer_failed_event_attributes: None,
            start_child_workflow_execution_failed_event_attributes: None,
            lambda_function_scheduled_event_attributes: None,
            lambda_function_started_event_attributes: None,
            lambda_function_completed_event_attributes: None,
            lambda_function_failed_event_attributes: None,
            lambda_function_timed_out_event_attributes: None,
            schedule_lambda_function_failed_event_attributes: None,
            start_lambda_function_failed_event_attributes: None,
        }
    }
}

setters!(HistoryEvent {
    /// Sets the attributes of a `WorkflowExecutionStarted` event.
    workflow_execution_started_event_attributes: WorkflowExecutionStartedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCompleted` event.
    workflow_execution_completed_event_attributes: WorkflowExecutionCompletedEventAttributes,
    /// Sets the attributes of a `CompleteWorkflowExecutionFailed` event.
    complete_workflow_execution_failed_event_attributes:
        CompleteWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionFailed` event.
    workflow_execution_failed_event_attributes: WorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `FailWorkflowExecutionFailed` event.
    fail_workflow_execution_failed_event_attributes: FailWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionTimedOut` event.
    workflow_execution_timed_out_event_attributes: WorkflowExecutionTimedOutEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCanceled` event.
    workflow_execution_canceled_event_attributes: WorkflowExecutionCanceledEventAttributes,
    /// Sets the attributes of a `CancelWorkflowExecutionFailed` event.
    cancel_workflow_execution_failed_event_attributes: CancelWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionContinuedAsNew` event.
    workflow_execution_continued_as_new_event_attributes:
        WorkflowExecutionContinuedAsNewEventAttributes,
    /// Sets the attributes of a `ContinueAsNewWorkflowExecutionFailed` event.
    continue_as_new_workflow_execution_failed_event_attributes:
        ContinueAsNewWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionTerminated` event.
    workflow_execution_terminated_event_attributes: WorkflowExecutionTerminatedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionCancelRequested` event.
    workflow_execution_cancel_requested_event_attributes:
        WorkflowExecutionCancelRequestedEventAttributes,
    /// Sets the attributes of a `DecisionTaskScheduled` event.
    decision_task_scheduled_event_attributes: DecisionTaskScheduledEventAttributes,
    /// Sets the attributes of a `DecisionTaskStarted` event.
    decision_task_started_event_attributes: DecisionTaskStartedEventAttributes,
    /// Sets the attributes of a `DecisionTaskCompleted` event.
    decision_task_completed_event_attributes: DecisionTaskCompletedEventAttributes,
    /// Sets the attributes of a `DecisionTaskTimedOut` event.
    decision_task_timed_out_event_attributes: DecisionTaskTimedOutEventAttributes,
    /// Sets the attributes of an `ActivityTaskScheduled` event.
    activity_task_scheduled_event_attributes: ActivityTaskScheduledEventAttributes,
    /// Sets the attributes of an `ActivityTaskStarted` event.
    activity_task_started_event_attributes: ActivityTaskStartedEventAttributes,
    /// Sets the attributes of an `ActivityTaskCompleted` event.
    activity_task_completed_event_attributes: ActivityTaskCompletedEventAttributes,
    /// Sets the attributes of an `ActivityTaskFailed` event.
    activity_task_failed_event_attributes: ActivityTaskFailedEventAttributes,
    /// Sets the attributes of an `ActivityTaskTimedOut` event.
    activity_task_timed_out_event_attributes: ActivityTaskTimedOutEventAttributes,
    /// Sets the attributes of an `ActivityTaskCanceled` event.
    activity_task_canceled_event_attributes: ActivityTaskCanceledEventAttributes,
    /// Sets the attributes of an `ActivityTaskCancelRequested` event.
    activity_task_cancel_requested_event_attributes: ActivityTaskCancelRequestedEventAttributes,
    /// Sets the attributes of a `WorkflowExecutionSignaled` event.
    workflow_execution_signaled_event_attributes: WorkflowExecutionSignaledEventAttributes,
    /// Sets the attributes of a `MarkerRecorded` event.
    marker_recorded_event_attributes: MarkerRecordedEventAttributes,
    /// Sets the attributes of a `RecordMarkerFailed` event.
    record_marker_failed_event_attributes: RecordMarkerFailedEventAttributes,
    /// Sets the attributes of a `TimerStarted` event.
    timer_started_event_attributes: TimerStartedEventAttributes,
    /// Sets the attributes of a `TimerFired` event.
    timer_fired_event_attributes: TimerFiredEventAttributes,
    /// Sets the attributes of a `TimerCanceled` event.
    timer_canceled_event_attributes: TimerCanceledEventAttributes,
    /// Sets the attributes of a `StartChildWorkflowExecutionInitiated` event.
    start_child_workflow_execution_initiated_event_attributes:
        StartChildWorkflowExecutionInitiatedEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionStarted` event.
    child_workflow_execution_started_event_attributes: ChildWorkflowExecutionStartedEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionCompleted` event.
    child_workflow_execution_completed_event_attributes:
        ChildWorkflowExecutionCompletedEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionFailed` event.
    child_workflow_execution_failed_event_attributes: ChildWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionTimedOut` event.
    child_workflow_execution_timed_out_event_attributes:
        ChildWorkflowExecutionTimedOutEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionCanceled` event.
    child_workflow_execution_canceled_event_attributes:
        ChildWorkflowExecutionCanceledEventAttributes,
    /// Sets the attributes of a `ChildWorkflowExecutionTerminated` event.
    child_workflow_execution_terminated_event_attributes:
        ChildWorkflowExecutionTerminatedEventAttributes,
    /// Sets the attributes of a `SignalExternalWorkflowExecutionInitiated` event.
    signal_external_workflow_execution_initiated_event_attributes:
        SignalExternalWorkflowExecutionInitiatedEventAttributes,
    /// Sets the attributes of an `ExternalWorkflowExecutionSignaled` event.
    external_workflow_execution_signaled_event_attributes:
        ExternalWorkflowExecutionSignaledEventAttributes,
    /// Sets the attributes of a `SignalExternalWorkflowExecutionFailed` event.
    signal_external_workflow_execution_failed_event_attributes:
        SignalExternalWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of an `ExternalWorkflowExecutionCancelRequested` event.
    external_workflow_execution_cancel_requested_event_attributes:
        ExternalWorkflowExecutionCancelRequestedEventAttributes,
    /// Sets the attributes of a `RequestCancelExternalWorkflowExecutionInitiated` event.
    request_cancel_external_workflow_execution_initiated_event_attributes:
        RequestCancelExternalWorkflowExecutionInitiatedEventAttributes,
    /// Sets the attributes of a `RequestCancelExternalWorkflowExecutionFailed` event.
    request_cancel_external_workflow_execution_failed_event_attributes:
        RequestCancelExternalWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `ScheduleActivityTaskFailed` event.
    schedule_activity_task_failed_event_attributes: ScheduleActivityTaskFailedEventAttributes,
    /// Sets the attributes of a `RequestCancelActivityTaskFailed` event.
    request_cancel_activity_task_failed_event_attributes:
        RequestCancelActivityTaskFailedEventAttributes,
    /// Sets the attributes of a `StartTimerFailed` event.
    start_timer_failed_event_attributes: StartTimerFailedEventAttributes,
    /// Sets the attributes of a `CancelTimerFailed` event.
    cancel_timer_failed_event_attributes: CancelTimerFailedEventAttributes,
    /// Sets the attributes of a `StartChildWorkflowExecutionFailed` event.
    start_child_workflow_execution_failed_event_attributes:
        StartChildWorkflowExecutionFailedEventAttributes,
    /// Sets the attributes of a `LambdaFunctionScheduled` event.
    lambda_function_scheduled_event_attributes: LambdaFunctionScheduledEventAttributes,
    /// Sets the attributes of a `LambdaFunctionStarted` event.
    lambda_function_started_event_attributes: LambdaFunctionStartedEventAttributes,
    /// Sets the attributes of a `LambdaFunctionCompleted` event.
    lambda_function_completed_event_attributes: LambdaFunctionCompletedEventAttributes,
    /// Sets the attributes of a `LambdaFunctionFailed` event.
    lambda_function_failed_event_attributes: LambdaFunctionFailedEventAttributes,
    /// Sets the attributes of a `LambdaFunctionTimedOut` event.
    lambda_function_timed_out_event_attributes: LambdaFunctionTimedOutEventAttributes,
    /// Sets the attributes of a `ScheduleLambdaFunctionFailed` event.
    schedule_lambda_function_failed_event_attributes: ScheduleLambdaFunctionFailedEventAttributes,
    /// Sets the attributes of a `StartLambdaFunctionFailed` event.
    start_lambda_function_failed_event_attributes: StartLambdaFunctionFailedEventAttributes,
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

/// The attributes of an `ActivityTaskScheduled` event: an activity task was scheduled
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

/// The attributes of an `ActivityTaskStarted` event: a worker took an activity task
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

/// The attributes of an `ActivityTaskCompleted` event: a worker completed an activity task
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

/// The attributes of an `ActivityTaskFailed` event: a worker failed an activity task
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

/// The attributes of an `ActivityTaskTimedOut` event: an activity task timed out
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

/// The attributes of an `ActivityTaskCanceled` event: a worker canceled an activity task
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

/// The attributes of an `ActivityTaskCancelRequested` event: a decider asked to cancel an activity
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

/// The attributes of a `CompleteWorkflowExecutionFailed` event: a `CompleteWorkflowExecution`
/// decision failed (`CompleteWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteWorkflowExecutionFailedEventAttributes {
    /// Why it happened.
    pub cause: CompleteWorkflowExecutionFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl CompleteWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        cause: CompleteWorkflowExecutionFailedCause,
        decision_task_completed_event_id: i64,
    ) -> CompleteWorkflowExecutionFailedEventAttributes {
        CompleteWorkflowExecutionFailedEventAttributes {
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `FailWorkflowExecutionFailed` event: a `FailWorkflowExecution` decision
/// failed (`FailWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FailWorkflowExecutionFailedEventAttributes {
    /// Why it happened.
    pub cause: FailWorkflowExecutionFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl FailWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        cause: FailWorkflowExecutionFailedCause,
        decision_task_completed_event_id: i64,
    ) -> FailWorkflowExecutionFailedEventAttributes {
        FailWorkflowExecutionFailedEventAttributes {
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `CancelWorkflowExecutionFailed` event: a `CancelWorkflowExecution` decision
/// failed (`CancelWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelWorkflowExecutionFailedEventAttributes {
    /// Why it happened.
    pub cause: CancelWorkflowExecutionFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl CancelWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        cause: CancelWorkflowExecutionFailedCause,
        decision_task_completed_event_id: i64,
    ) -> CancelWorkflowExecutionFailedEventAttributes {
        CancelWorkflowExecutionFailedEventAttributes {
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `WorkflowExecutionContinuedAsNew` event: the execution closed and a new run
/// of it started (`WorkflowExecutionContinuedAsNewEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionContinuedAsNewEventAttributes {
    /// The new run's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The run id of the new run.
    pub new_execution_run_id: String,
    /// The execution start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// The task list of the new run's decision tasks.
    pub task_list: TaskList,
    /// The task priority, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The decision task start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// What happens to the new run's child executions when it is terminated or times out.
    pub child_policy: ChildPolicy,
    /// The new run's tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// The new run's workflow type.
    pub workflow_type: WorkflowType,
    /// The IAM role the new run invokes Lambda functions with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl WorkflowExecutionContinuedAsNewEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        decision_task_completed_event_id: i64,
        new_execution_run_id: impl Into<String>,
        task_list: TaskList,
        child_policy: ChildPolicy,
        workflow_type: WorkflowType,
    ) -> WorkflowExecutionContinuedAsNewEventAttributes {
        WorkflowExecutionContinuedAsNewEventAttributes {
            input: None,
            decision_task_completed_event_id,
            new_execution_run_id: new_execution_run_id.into(),
            execution_start_to_close_timeout: None,
            task_list,
            task_priority: None,
            task_start_to_close_timeout: None,
            child_policy,
            tag_list: None,
            workflow_type,
            lambda_role: None,
        }
    }
}

setters!(WorkflowExecutionContinuedAsNewEventAttributes {
    /// Sets `input`.
    input: String,
    /// Sets `executionStartToCloseTimeout`.
    execution_start_to_close_timeout: String,
    /// Sets `taskPriority`.
    task_priority: String,
    /// Sets `taskStartToCloseTimeout`.
    task_start_to_close_timeout: String,
    /// Sets `tagList`.
    tag_list: Vec<String>,
    /// Sets `lambdaRole`.
    lambda_role: String,
});

/// The attributes of a `ContinueAsNewWorkflowExecutionFailed` event: a
/// `ContinueAsNewWorkflowExecution` decision failed
/// (`ContinueAsNewWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContinueAsNewWorkflowExecutionFailedEventAttributes {
    /// Why it happened.
    pub cause: ContinueAsNewWorkflowExecutionFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl ContinueAsNewWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        cause: ContinueAsNewWorkflowExecutionFailedCause,
        decision_task_completed_event_id: i64,
    ) -> ContinueAsNewWorkflowExecutionFailedEventAttributes {
        ContinueAsNewWorkflowExecutionFailedEventAttributes {
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `RecordMarkerFailed` event: a `RecordMarker` decision failed
/// (`RecordMarkerFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordMarkerFailedEventAttributes {
    /// The marker's name.
    pub marker_name: String,
    /// Why it happened.
    pub cause: RecordMarkerFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl RecordMarkerFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        marker_name: impl Into<String>,
        cause: RecordMarkerFailedCause,
        decision_task_completed_event_id: i64,
    ) -> RecordMarkerFailedEventAttributes {
        RecordMarkerFailedEventAttributes {
            marker_name: marker_name.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `TimerStarted` event: a decider started a timer
/// (`TimerStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimerStartedEventAttributes {
    /// The timer's id.
    pub timer_id: String,
    /// The control data the decider attached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// How long the timer waits before it fires: seconds.
    pub start_to_fire_timeout: String,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl TimerStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timer_id: impl Into<String>,
        start_to_fire_timeout: impl Into<String>,
        decision_task_completed_event_id: i64,
    ) -> TimerStartedEventAttributes {
        TimerStartedEventAttributes {
            timer_id: timer_id.into(),
            control: None,
            start_to_fire_timeout: start_to_fire_timeout.into(),
            decision_task_completed_event_id,
        }
    }
}

setters!(TimerStartedEventAttributes {
    /// Sets `control`.
    control: String,
});

/// The attributes of a `TimerFired` event: a timer fired (`TimerFiredEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimerFiredEventAttributes {
    /// The timer's id.
    pub timer_id: String,
    /// The id of the timer's `TimerStarted` event.
    pub started_event_id: i64,
}

impl TimerFiredEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(timer_id: impl Into<String>, started_event_id: i64) -> TimerFiredEventAttributes {
        TimerFiredEventAttributes {
            timer_id: timer_id.into(),
            started_event_id,
        }
    }
}

/// The attributes of a `TimerCanceled` event: a decider canceled a timer
/// (`TimerCanceledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TimerCanceledEventAttributes {
    /// The timer's id.
    pub timer_id: String,
    /// The id of the timer's `TimerStarted` event.
    pub started_event_id: i64,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl TimerCanceledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timer_id: impl Into<String>,
        started_event_id: i64,
        decision_task_completed_event_id: i64,
    ) -> TimerCanceledEventAttributes {
        TimerCanceledEventAttributes {
            timer_id: timer_id.into(),
            started_event_id,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `StartChildWorkflowExecutionInitiated` event: a decider asked to start a
/// child execution (`StartChildWorkflowExecutionInitiatedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartChildWorkflowExecutionInitiatedEventAttributes {
    /// The child's workflow id.
    pub workflow_id: String,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The control data the decider attached; not sent to the child.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The child's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The execution start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// The task list of the child's decision tasks.
    pub task_list: TaskList,
    /// The task priority, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// What happens to the child's own children when it is terminated or times out.
    pub child_policy: ChildPolicy,
    /// The decision task start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// The child's tags.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// The IAM role the child invokes Lambda functions with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl StartChildWorkflowExecutionInitiatedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_id: impl Into<String>,
        workflow_type: WorkflowType,
        task_list: TaskList,
        decision_task_completed_event_id: i64,
        child_policy: ChildPolicy,
    ) -> StartChildWorkflowExecutionInitiatedEventAttributes {
        StartChildWorkflowExecutionInitiatedEventAttributes {
            workflow_id: workflow_id.into(),
            workflow_type,
            control: None,
            input: None,
            execution_start_to_close_timeout: None,
            task_list,
            task_priority: None,
            decision_task_completed_event_id,
            child_policy,
            task_start_to_close_timeout: None,
            tag_list: None,
            lambda_role: None,
        }
    }
}

setters!(StartChildWorkflowExecutionInitiatedEventAttributes {
    /// Sets `control`.
    control: String,
    /// Sets `input`.
    input: String,
    /// Sets `executionStartToCloseTimeout`.
    execution_start_to_close_timeout: String,
    /// Sets `taskPriority`.
    task_priority: String,
    /// Sets `taskStartToCloseTimeout`.
    task_start_to_close_timeout: String,
    /// Sets `tagList`.
    tag_list: Vec<String>,
    /// Sets `lambdaRole`.
    lambda_role: String,
});

/// The attributes of a `ChildWorkflowExecutionStarted` event: a child execution started
/// (`ChildWorkflowExecutionStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionStartedEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
}

impl ChildWorkflowExecutionStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        initiated_event_id: i64,
    ) -> ChildWorkflowExecutionStartedEventAttributes {
        ChildWorkflowExecutionStartedEventAttributes {
            workflow_execution,
            workflow_type,
            initiated_event_id,
        }
    }
}

/// The attributes of a `ChildWorkflowExecutionCompleted` event: a child execution completed
/// (`ChildWorkflowExecutionCompletedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionCompletedEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The child's result; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
    /// The id of the child's `ChildWorkflowExecutionStarted` event.
    pub started_event_id: i64,
}

impl ChildWorkflowExecutionCompletedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        initiated_event_id: i64,
        started_event_id: i64,
    ) -> ChildWorkflowExecutionCompletedEventAttributes {
        ChildWorkflowExecutionCompletedEventAttributes {
            workflow_execution,
            workflow_type,
            result: None,
            initiated_event_id,
            started_event_id,
        }
    }
}

setters!(ChildWorkflowExecutionCompletedEventAttributes {
    /// Sets `result`.
    result: String,
});

/// The attributes of a `ChildWorkflowExecutionFailed` event: a child execution failed
/// (`ChildWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionFailedEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The reason; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
    /// The id of the child's `ChildWorkflowExecutionStarted` event.
    pub started_event_id: i64,
}

impl ChildWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        initiated_event_id: i64,
        started_event_id: i64,
    ) -> ChildWorkflowExecutionFailedEventAttributes {
        ChildWorkflowExecutionFailedEventAttributes {
            workflow_execution,
            workflow_type,
            reason: None,
            details: None,
            initiated_event_id,
            started_event_id,
        }
    }
}

setters!(ChildWorkflowExecutionFailedEventAttributes {
    /// Sets `reason`.
    reason: String,
    /// Sets `details`.
    details: String,
});

/// The attributes of a `ChildWorkflowExecutionTimedOut` event: a child execution timed out
/// (`ChildWorkflowExecutionTimedOutEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionTimedOutEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// Which timeout was hit.
    pub timeout_type: WorkflowExecutionTimeoutType,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
    /// The id of the child's `ChildWorkflowExecutionStarted` event.
    pub started_event_id: i64,
}

impl ChildWorkflowExecutionTimedOutEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        timeout_type: WorkflowExecutionTimeoutType,
        initiated_event_id: i64,
        started_event_id: i64,
    ) -> ChildWorkflowExecutionTimedOutEventAttributes {
        ChildWorkflowExecutionTimedOutEventAttributes {
            workflow_execution,
            workflow_type,
            timeout_type,
            initiated_event_id,
            started_event_id,
        }
    }
}

/// The attributes of a `ChildWorkflowExecutionCanceled` event: a child execution was canceled
/// (`ChildWorkflowExecutionCanceledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionCanceledEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
    /// The id of the child's `ChildWorkflowExecutionStarted` event.
    pub started_event_id: i64,
}

impl ChildWorkflowExecutionCanceledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        initiated_event_id: i64,
        started_event_id: i64,
    ) -> ChildWorkflowExecutionCanceledEventAttributes {
        ChildWorkflowExecutionCanceledEventAttributes {
            workflow_execution,
            workflow_type,
            details: None,
            initiated_event_id,
            started_event_id,
        }
    }
}

setters!(ChildWorkflowExecutionCanceledEventAttributes {
    /// Sets `details`.
    details: String,
});

/// The attributes of a `ChildWorkflowExecutionTerminated` event: a child execution was terminated
/// (`ChildWorkflowExecutionTerminatedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChildWorkflowExecutionTerminatedEventAttributes {
    /// The child execution.
    pub workflow_execution: WorkflowExecution,
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The id of the `StartChildWorkflowExecutionInitiated` event of the decision that started the
    /// child.
    pub initiated_event_id: i64,
    /// The id of the child's `ChildWorkflowExecutionStarted` event.
    pub started_event_id: i64,
}

impl ChildWorkflowExecutionTerminatedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        initiated_event_id: i64,
        started_event_id: i64,
    ) -> ChildWorkflowExecutionTerminatedEventAttributes {
        ChildWorkflowExecutionTerminatedEventAttributes {
            workflow_execution,
            workflow_type,
            initiated_event_id,
            started_event_id,
        }
    }
}

/// The attributes of a `SignalExternalWorkflowExecutionInitiated` event: a decider asked to signal
/// another execution (`SignalExternalWorkflowExecutionInitiatedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignalExternalWorkflowExecutionInitiatedEventAttributes {
    /// The other execution's workflow id.
    pub workflow_id: String,
    /// The other execution's run id, if the decision named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The signal's name.
    pub signal_name: String,
    /// The signal's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The control data the decider attached; not sent to the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl SignalExternalWorkflowExecutionInitiatedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_id: impl Into<String>,
        signal_name: impl Into<String>,
        decision_task_completed_event_id: i64,
    ) -> SignalExternalWorkflowExecutionInitiatedEventAttributes {
        SignalExternalWorkflowExecutionInitiatedEventAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            signal_name: signal_name.into(),
            input: None,
            decision_task_completed_event_id,
            control: None,
        }
    }
}

setters!(SignalExternalWorkflowExecutionInitiatedEventAttributes {
    /// Sets `runId`.
    run_id: String,
    /// Sets `input`.
    input: String,
    /// Sets `control`.
    control: String,
});

/// The attributes of an `ExternalWorkflowExecutionSignaled` event: the signal was delivered to the
/// other execution (`ExternalWorkflowExecutionSignaledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExternalWorkflowExecutionSignaledEventAttributes {
    /// The execution the signal was delivered to.
    pub workflow_execution: WorkflowExecution,
    /// The id of the `SignalExternalWorkflowExecutionInitiated` event of the decision.
    pub initiated_event_id: i64,
}

impl ExternalWorkflowExecutionSignaledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        initiated_event_id: i64,
    ) -> ExternalWorkflowExecutionSignaledEventAttributes {
        ExternalWorkflowExecutionSignaledEventAttributes {
            workflow_execution,
            initiated_event_id,
        }
    }
}

/// The attributes of a `SignalExternalWorkflowExecutionFailed` event: a
/// `SignalExternalWorkflowExecution` decision failed
/// (`SignalExternalWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignalExternalWorkflowExecutionFailedEventAttributes {
    /// The other execution's workflow id.
    pub workflow_id: String,
    /// The other execution's run id, if the decision named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Why it happened.
    pub cause: SignalExternalWorkflowExecutionFailedCause,
    /// The id of the `SignalExternalWorkflowExecutionInitiated` event of the decision.
    pub initiated_event_id: i64,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The control data the decider attached; not sent to the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl SignalExternalWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_id: impl Into<String>,
        cause: SignalExternalWorkflowExecutionFailedCause,
        initiated_event_id: i64,
        decision_task_completed_event_id: i64,
    ) -> SignalExternalWorkflowExecutionFailedEventAttributes {
        SignalExternalWorkflowExecutionFailedEventAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            cause,
            initiated_event_id,
            decision_task_completed_event_id,
            control: None,
        }
    }
}

setters!(SignalExternalWorkflowExecutionFailedEventAttributes {
    /// Sets `runId`.
    run_id: String,
    /// Sets `control`.
    control: String,
});

/// The attributes of an `ExternalWorkflowExecutionCancelRequested` event: the cancel request was
/// delivered to the other execution (`ExternalWorkflowExecutionCancelRequestedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExternalWorkflowExecutionCancelRequestedEventAttributes {
    /// The execution the cancel request was delivered to.
    pub workflow_execution: WorkflowExecution,
    /// The id of the `RequestCancelExternalWorkflowExecutionInitiated` event of the decision.
    pub initiated_event_id: i64,
}

impl ExternalWorkflowExecutionCancelRequestedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_execution: WorkflowExecution,
        initiated_event_id: i64,
    ) -> ExternalWorkflowExecutionCancelRequestedEventAttributes {
        ExternalWorkflowExecutionCancelRequestedEventAttributes {
            workflow_execution,
            initiated_event_id,
        }
    }
}

/// The attributes of a `RequestCancelExternalWorkflowExecutionInitiated` event: a decider asked to
/// cancel another execution (`RequestCancelExternalWorkflowExecutionInitiatedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
    /// The other execution's workflow id.
    pub workflow_id: String,
    /// The other execution's run id, if the decision named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The control data the decider attached; not sent to the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_id: impl Into<String>,
        decision_task_completed_event_id: i64,
    ) -> RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
        RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            decision_task_completed_event_id,
            control: None,
        }
    }
}

setters!(
    RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
        /// Sets `runId`.
        run_id: String,
        /// Sets `control`.
        control: String,
    }
);

/// The attributes of a `RequestCancelExternalWorkflowExecutionFailed` event: a
/// `RequestCancelExternalWorkflowExecution` decision failed
/// (`RequestCancelExternalWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelExternalWorkflowExecutionFailedEventAttributes {
    /// The other execution's workflow id.
    pub workflow_id: String,
    /// The other execution's run id, if the decision named one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Why it happened.
    pub cause: RequestCancelExternalWorkflowExecutionFailedCause,
    /// The id of the `RequestCancelExternalWorkflowExecutionInitiated` event of the decision.
    pub initiated_event_id: i64,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The control data the decider attached; not sent to the other execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl RequestCancelExternalWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_id: impl Into<String>,
        cause: RequestCancelExternalWorkflowExecutionFailedCause,
        initiated_event_id: i64,
        decision_task_completed_event_id: i64,
    ) -> RequestCancelExternalWorkflowExecutionFailedEventAttributes {
        RequestCancelExternalWorkflowExecutionFailedEventAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            cause,
            initiated_event_id,
            decision_task_completed_event_id,
            control: None,
        }
    }
}

setters!(
    RequestCancelExternalWorkflowExecutionFailedEventAttributes {
        /// Sets `runId`.
        run_id: String,
        /// Sets `control`.
        control: String,
    }
);

/// The attributes of a `StartTimerFailed` event: a `StartTimer` decision failed
/// (`StartTimerFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartTimerFailedEventAttributes {
    /// The timer's id.
    pub timer_id: String,
    /// Why it happened.
    pub cause: StartTimerFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl StartTimerFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timer_id: impl Into<String>,
        cause: StartTimerFailedCause,
        decision_task_completed_event_id: i64,
    ) -> StartTimerFailedEventAttributes {
        StartTimerFailedEventAttributes {
            timer_id: timer_id.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `CancelTimerFailed` event: a `CancelTimer` decision failed
/// (`CancelTimerFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelTimerFailedEventAttributes {
    /// The timer's id.
    pub timer_id: String,
    /// Why it happened.
    pub cause: CancelTimerFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl CancelTimerFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        timer_id: impl Into<String>,
        cause: CancelTimerFailedCause,
        decision_task_completed_event_id: i64,
    ) -> CancelTimerFailedEventAttributes {
        CancelTimerFailedEventAttributes {
            timer_id: timer_id.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `StartChildWorkflowExecutionFailed` event: a `StartChildWorkflowExecution`
/// decision failed (`StartChildWorkflowExecutionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartChildWorkflowExecutionFailedEventAttributes {
    /// The workflow type the child was to have.
    pub workflow_type: WorkflowType,
    /// Why it happened.
    pub cause: StartChildWorkflowExecutionFailedCause,
    /// The workflow id the child was to have.
    pub workflow_id: String,
    /// With cause `WORKFLOW_ALREADY_RUNNING`, the id of the `StartChildWorkflowExecutionInitiated`
    /// event of the decision; otherwise 0, as that event does not exist.
    pub initiated_event_id: i64,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
    /// The control data the decider attached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl StartChildWorkflowExecutionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        workflow_type: WorkflowType,
        cause: StartChildWorkflowExecutionFailedCause,
        workflow_id: impl Into<String>,
        initiated_event_id: i64,
        decision_task_completed_event_id: i64,
    ) -> StartChildWorkflowExecutionFailedEventAttributes {
        StartChildWorkflowExecutionFailedEventAttributes {
            workflow_type,
            cause,
            workflow_id: workflow_id.into(),
            initiated_event_id,
            decision_task_completed_event_id,
            control: None,
        }
    }
}

setters!(StartChildWorkflowExecutionFailedEventAttributes {
    /// Sets `control`.
    control: String,
});

/// The attributes of a `LambdaFunctionScheduled` event: a Lambda task was scheduled
/// (`LambdaFunctionScheduledEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LambdaFunctionScheduledEventAttributes {
    /// The Lambda task's id.
    pub id: String,
    /// The Lambda function's name.
    pub name: String,
    /// The control data the decider attached; not sent to the Lambda function.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The Lambda function's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How long the Lambda function may run once started: seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_to_close_timeout: Option<String>,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl LambdaFunctionScheduledEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        decision_task_completed_event_id: i64,
    ) -> LambdaFunctionScheduledEventAttributes {
        LambdaFunctionScheduledEventAttributes {
            id: id.into(),
            name: name.into(),
            control: None,
            input: None,
            start_to_close_timeout: None,
            decision_task_completed_event_id,
        }
    }
}

setters!(LambdaFunctionScheduledEventAttributes {
    /// Sets `control`.
    control: String,
    /// Sets `input`.
    input: String,
    /// Sets `startToCloseTimeout`.
    start_to_close_timeout: String,
});

/// The attributes of a `LambdaFunctionStarted` event: a Lambda task started
/// (`LambdaFunctionStartedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LambdaFunctionStartedEventAttributes {
    /// The id of the task's `LambdaFunctionScheduled` event.
    pub scheduled_event_id: i64,
}

impl LambdaFunctionStartedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(scheduled_event_id: i64) -> LambdaFunctionStartedEventAttributes {
        LambdaFunctionStartedEventAttributes { scheduled_event_id }
    }
}

/// The attributes of a `LambdaFunctionCompleted` event: a Lambda task completed
/// (`LambdaFunctionCompletedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LambdaFunctionCompletedEventAttributes {
    /// The id of the task's `LambdaFunctionScheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `LambdaFunctionStarted` event.
    pub started_event_id: i64,
    /// The Lambda function's result; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

impl LambdaFunctionCompletedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> LambdaFunctionCompletedEventAttributes {
        LambdaFunctionCompletedEventAttributes {
            scheduled_event_id,
            started_event_id,
            result: None,
        }
    }
}

setters!(LambdaFunctionCompletedEventAttributes {
    /// Sets `result`.
    result: String,
});

/// The attributes of a `LambdaFunctionFailed` event: a Lambda task failed
/// (`LambdaFunctionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LambdaFunctionFailedEventAttributes {
    /// The id of the task's `LambdaFunctionScheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `LambdaFunctionStarted` event.
    pub started_event_id: i64,
    /// The reason; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl LambdaFunctionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> LambdaFunctionFailedEventAttributes {
        LambdaFunctionFailedEventAttributes {
            scheduled_event_id,
            started_event_id,
            reason: None,
            details: None,
        }
    }
}

setters!(LambdaFunctionFailedEventAttributes {
    /// Sets `reason`.
    reason: String,
    /// Sets `details`.
    details: String,
});

/// The attributes of a `LambdaFunctionTimedOut` event: a Lambda task timed out
/// (`LambdaFunctionTimedOutEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LambdaFunctionTimedOutEventAttributes {
    /// The id of the task's `LambdaFunctionScheduled` event.
    pub scheduled_event_id: i64,
    /// The id of the task's `LambdaFunctionStarted` event.
    pub started_event_id: i64,
    /// Which timeout was hit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_type: Option<LambdaFunctionTimeoutType>,
}

impl LambdaFunctionTimedOutEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        scheduled_event_id: i64,
        started_event_id: i64,
    ) -> LambdaFunctionTimedOutEventAttributes {
        LambdaFunctionTimedOutEventAttributes {
            scheduled_event_id,
            started_event_id,
            timeout_type: None,
        }
    }
}

setters!(LambdaFunctionTimedOutEventAttributes {
    /// Sets `timeoutType`.
    timeout_type: LambdaFunctionTimeoutType,
});

/// The attributes of a `ScheduleLambdaFunctionFailed` event: a `ScheduleLambdaFunction` decision
/// failed (`ScheduleLambdaFunctionFailedEventAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleLambdaFunctionFailedEventAttributes {
    /// The Lambda task's id.
    pub id: String,
    /// The Lambda function's name.
    pub name: String,
    /// Why it happened.
    pub cause: ScheduleLambdaFunctionFailedCause,
    /// The id of the `DecisionTaskCompleted` event of the decision that led to this event.
    pub decision_task_completed_event_id: i64,
}

impl ScheduleLambdaFunctionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        cause: ScheduleLambdaFunctionFailedCause,
        decision_task_completed_event_id: i64,
    ) -> ScheduleLambdaFunctionFailedEventAttributes {
        ScheduleLambdaFunctionFailedEventAttributes {
            id: id.into(),
            name: name.into(),
            cause,
            decision_task_completed_event_id,
        }
    }
}

/// The attributes of a `StartLambdaFunctionFailed` event: SWF could not start a scheduled Lambda
/// task (`StartLambdaFunctionFailedEventAttributes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartLambdaFunctionFailedEventAttributes {
    /// The id of the task's `LambdaFunctionScheduled` event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_event_id: Option<i64>,
    /// Why it happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<StartLambdaFunctionFailedCause>,
    /// A description of the failure; at most 1728 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl StartLambdaFunctionFailedEventAttributes {
    /// Attributes with the required members; the optional ones are unset.
    pub fn new() -> StartLambdaFunctionFailedEventAttributes {
        StartLambdaFunctionFailedEventAttributes {
            scheduled_event_id: None,
            cause: None,
            message: None,
        }
    }
}

setters!(StartLambdaFunctionFailedEventAttributes {
    /// Sets `scheduledEventId`.
    scheduled_event_id: i64,
    /// Sets `cause`.
    cause: StartLambdaFunctionFailedCause,
    /// Sets `message`.
    message: String,
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn event(value: serde_json::Value) -> HistoryEvent {
        serde_json::from_value(value).expect("deserializes")
    }

    #[test]
    fn a_deciders_events_are_typed() {
        let fired = event(json!({
            "eventId": 7, "eventType": "TimerFired", "eventTimestamp": 1.5,
            "timerFiredEventAttributes": {"timerId": "t1", "startedEventId": 5},
        }));
        assert_eq!(
            fired.timer_fired_event_attributes,
            Some(TimerFiredEventAttributes::new("t1", 5))
        );

        let child = WorkflowExecution::new("c-1", "run");
        let completed = event(json!({
            "eventId": 9, "eventType": "ChildWorkflowExecutionCompleted", "eventTimestamp": 2.0,
            "childWorkflowExecutionCompletedEventAttributes": {
                "workflowExecution": {"workflowId": "c-1", "runId": "run"},
                "workflowType": {"name": "Child", "version": "1"},
                "result": "42", "initiatedEventId": 5, "startedEventId": 6,
            },
        }));
        assert_eq!(
            completed.child_workflow_execution_completed_event_attributes,
            Some(
                ChildWorkflowExecutionCompletedEventAttributes::new(
                    child,
                    WorkflowType::new("Child", "1"),
                    5,
                    6
                )
                .result("42")
            )
        );

        // A cause SWF adds later is kept as it was sent.
        let failed = event(json!({
            "eventId": 4, "eventType": "StartTimerFailed", "eventTimestamp": 1.0,
            "startTimerFailedEventAttributes": {
                "timerId": "t1", "cause": "SOMETHING_NEW", "decisionTaskCompletedEventId": 3,
            },
        }));
        let cause = failed.start_timer_failed_event_attributes.map(|a| a.cause);
        assert_eq!(
            cause,
            Some(StartTimerFailedCause::Unknown("SOMETHING_NEW".to_owned()))
        );

        // A required member missing is an error, as for every other event.
        let broken = serde_json::from_value::<HistoryEvent>(json!({
            "eventId": 7, "eventType": "TimerFired", "eventTimestamp": 1.5,
            "timerFiredEventAttributes": {"timerId": "t1"},
        }));
        assert!(broken.is_err());
    }
}
