//! The decider's side: start an execution, poll for decision tasks and answer them with
//! decisions of every type SWF has.

use serde::{Deserialize, Serialize};

use super::{
    ActivityType, ChildPolicy, DecisionType, HistoryEvent, TaskList, TaskToken, WorkflowExecution,
    WorkflowType,
};

/// `StartWorkflowExecution`: starts an execution of a workflow type. SWF records
/// `WorkflowExecutionStarted` and schedules the first decision task; it answers
/// `WorkflowExecutionAlreadyStartedFault` if an open execution has the same workflow id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartWorkflowExecution {
    /// The domain to start the execution in.
    pub domain: String,
    /// The user-given id; unique among the domain's open executions.
    pub workflow_id: String,
    /// The workflow type to start.
    pub workflow_type: WorkflowType,
    /// The task list for decision tasks, overriding the type's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// The priority of decision tasks, overriding the type's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// The input the decider reads in `WorkflowExecutionStarted`; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How long the execution may run: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// Up to 5 tags to filter executions by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// How long a decider may take with a decision task: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// What happens to child executions when this one closes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_policy: Option<ChildPolicy>,
    /// The IAM role SWF assumes to invoke Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl StartWorkflowExecution {
    /// Starts `workflow_type` in `domain` with id `workflow_id`.
    pub fn new(
        domain: impl Into<String>,
        workflow_id: impl Into<String>,
        workflow_type: WorkflowType,
    ) -> StartWorkflowExecution {
        StartWorkflowExecution {
            domain: domain.into(),
            workflow_id: workflow_id.into(),
            workflow_type,
            task_list: None,
            task_priority: None,
            input: None,
            execution_start_to_close_timeout: None,
            tag_list: None,
            task_start_to_close_timeout: None,
            child_policy: None,
            lambda_role: None,
        }
    }
}

setters!(StartWorkflowExecution {
    /// Sets the decision task list.
    task_list: TaskList,
    /// Sets the decision task priority.
    task_priority: String,
    /// Sets the input.
    input: String,
    /// Sets the execution start-to-close timeout.
    execution_start_to_close_timeout: String,
    /// Sets the tags.
    tag_list: Vec<String>,
    /// Sets the decision task start-to-close timeout.
    task_start_to_close_timeout: String,
    /// Sets the child policy.
    child_policy: ChildPolicy,
    /// Sets the IAM role for Lambda functions.
    lambda_role: String,
});

/// The answer to `StartWorkflowExecution` (`Run`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Run {
    /// The run id SWF gave the new execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

impl Run {
    /// An answer with `run_id`.
    pub fn new(run_id: impl Into<String>) -> Run {
        Run {
            run_id: Some(run_id.into()),
        }
    }
}

/// `PollForDecisionTask`: asks SWF for the next decision task on a task list, with (a page of)
/// the execution's history.
///
/// Like `PollForActivityTask`, SWF holds the request up to 60 seconds and answers without a
/// task token when no task arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PollForDecisionTask {
    /// The domain the task list belongs to.
    pub domain: String,
    /// The task list to take a task from.
    pub task_list: TaskList,
    /// Who is polling; SWF records it in `DecisionTaskStarted`. At most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The token from the previous page of the same decision task's history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many events per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to return the history newest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
    /// Whether to return only the events since the previous decision task started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_at_previous_started_event: Option<bool>,
}

impl PollForDecisionTask {
    /// Polls task list `task_list` in `domain`.
    pub fn new(domain: impl Into<String>, task_list: impl Into<String>) -> PollForDecisionTask {
        PollForDecisionTask {
            domain: domain.into(),
            task_list: TaskList::new(task_list),
            identity: None,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
            start_at_previous_started_event: None,
        }
    }
}

setters!(PollForDecisionTask {
    /// Sets the identity.
    identity: String,
    /// Asks for the next page of history.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Returns the history newest first.
    reverse_order: bool,
    /// Returns only the events since the previous decision task started.
    start_at_previous_started_event: bool,
});

/// A decision task handed out by `PollForDecisionTask` (`DecisionTask`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTask {
    /// The token to answer the task with (redacted in `Debug`).
    pub task_token: TaskToken,
    /// The id of the `DecisionTaskStarted` event for this task.
    pub started_event_id: i64,
    /// The execution the task belongs to.
    pub workflow_execution: WorkflowExecution,
    /// The execution's workflow type.
    pub workflow_type: WorkflowType,
    /// (A page of) the execution's history.
    pub events: Vec<HistoryEvent>,
    /// The token for the next page of history; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// The id of the `DecisionTaskStarted` event of the previous decision task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_started_event_id: Option<i64>,
}

impl DecisionTask {
    /// A decision task with its required members (for local endpoints and tests).
    pub fn new(
        task_token: impl Into<TaskToken>,
        started_event_id: i64,
        workflow_execution: WorkflowExecution,
        workflow_type: WorkflowType,
        events: Vec<HistoryEvent>,
    ) -> DecisionTask {
        DecisionTask {
            task_token: task_token.into(),
            started_event_id,
            workflow_execution,
            workflow_type,
            events,
            next_page_token: None,
            previous_started_event_id: None,
        }
    }
}

setters!(DecisionTask {
    /// Sets the token for the next page.
    next_page_token: String,
    /// Sets the previous started event id.
    previous_started_event_id: i64,
});

/// `RespondDecisionTaskCompleted`: answers a decision task with the decisions SWF should carry
/// out (schedule activities, complete the execution, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RespondDecisionTaskCompleted {
    /// The decision task's token, from [`DecisionTask::task_token`].
    pub task_token: TaskToken,
    /// The decisions, carried out in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Vec<Decision>>,
    /// Context the decider wants back in `DecisionTaskCompleted`; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_context: Option<String>,
    /// The task list for the next decision tasks of this execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// How long the next decision tasks may wait for a decider: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list_schedule_to_start_timeout: Option<String>,
}

impl RespondDecisionTaskCompleted {
    /// Completes the decision task with token `task_token`, without decisions.
    pub fn new(task_token: impl Into<TaskToken>) -> RespondDecisionTaskCompleted {
        RespondDecisionTaskCompleted {
            task_token: task_token.into(),
            decisions: None,
            execution_context: None,
            task_list: None,
            task_list_schedule_to_start_timeout: None,
        }
    }

    /// Appends a decision.
    pub fn decision(mut self, decision: Decision) -> RespondDecisionTaskCompleted {
        self.decisions.get_or_insert_with(Vec::new).push(decision);
        self
    }
}

setters!(RespondDecisionTaskCompleted {
    /// Sets all decisions.
    decisions: Vec<Decision>,
    /// Sets the execution context.
    execution_context: String,
    /// Sets the task list for the next decision tasks.
    task_list: TaskList,
    /// Sets the schedule-to-start timeout for the next decision tasks.
    task_list_schedule_to_start_timeout: String,
});

/// One decision in `RespondDecisionTaskCompleted` (`Decision`): its type and the matching
/// attributes. Build one with the constructor named after its type
/// ([`Decision::schedule_activity_task`], [`Decision::start_timer`],
/// [`Decision::start_child_workflow_execution`], ...), which sets both.
///
/// Every decision type of SWF's model has its attributes here. A decision type this crate does
/// not know (added to SWF later) deserializes as [`DecisionType::Unknown`], without attributes.
///
/// ```
/// use swf_activity::model::{
///     Decision, RecordMarkerDecisionAttributes, RespondDecisionTaskCompleted,
///     StartTimerDecisionAttributes,
/// };
///
/// # let token = "the decision task's token";
/// // Wait 30 seconds (SWF records `TimerFired` and schedules a decision task), and note why.
/// let answer = RespondDecisionTaskCompleted::new(token)
///     .decision(Decision::start_timer(
///         StartTimerDecisionAttributes::new("retry-charge", "30").control("attempt 2"),
///     ))
///     .decision(Decision::record_marker(
///         RecordMarkerDecisionAttributes::new("charge-declined").details("card 4242"),
///     ));
/// # assert_eq!(answer.decisions.map(|d| d.len()), Some(2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Decision {
    /// What the decision asks for; the attributes member of the same name must be set.
    pub decision_type: DecisionType,
    /// Attributes of a `ScheduleActivityTask` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_activity_task_decision_attributes: Option<ScheduleActivityTaskDecisionAttributes>,
    /// Attributes of a `RequestCancelActivityTask` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_activity_task_decision_attributes:
        Option<RequestCancelActivityTaskDecisionAttributes>,
    /// Attributes of a `CompleteWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_workflow_execution_decision_attributes:
        Option<CompleteWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `FailWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_workflow_execution_decision_attributes:
        Option<FailWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `CancelWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_workflow_execution_decision_attributes:
        Option<CancelWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `ContinueAsNewWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continue_as_new_workflow_execution_decision_attributes:
        Option<ContinueAsNewWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `RecordMarker` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_marker_decision_attributes: Option<RecordMarkerDecisionAttributes>,
    /// Attributes of a `StartTimer` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_timer_decision_attributes: Option<StartTimerDecisionAttributes>,
    /// Attributes of a `CancelTimer` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_timer_decision_attributes: Option<CancelTimerDecisionAttributes>,
    /// Attributes of a `SignalExternalWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal_external_workflow_execution_decision_attributes:
        Option<SignalExternalWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `RequestCancelExternalWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_cancel_external_workflow_execution_decision_attributes:
        Option<RequestCancelExternalWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `StartChildWorkflowExecution` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_child_workflow_execution_decision_attributes:
        Option<StartChildWorkflowExecutionDecisionAttributes>,
    /// Attributes of a `ScheduleLambdaFunction` decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_lambda_function_decision_attributes:
        Option<ScheduleLambdaFunctionDecisionAttributes>,
}

impl Decision {
    fn of_type(decision_type: DecisionType) -> Decision {
        Decision {
            decision_type,
            schedule_activity_task_decision_attributes: None,
            request_cancel_activity_task_decision_attributes: None,
            complete_workflow_execution_decision_attributes: None,
            fail_workflow_execution_decision_attributes: None,
            cancel_workflow_execution_decision_attributes: None,
            continue_as_new_workflow_execution_decision_attributes: None,
            record_marker_decision_attributes: None,
            start_timer_decision_attributes: None,
            cancel_timer_decision_attributes: None,
            signal_external_workflow_execution_decision_attributes: None,
            request_cancel_external_workflow_execution_decision_attributes: None,
            start_child_workflow_execution_decision_attributes: None,
            schedule_lambda_function_decision_attributes: None,
        }
    }

    /// Schedules an activity task; SWF records `ActivityTaskScheduled` (or
    /// `ScheduleActivityTaskFailed`).
    pub fn schedule_activity_task(attributes: ScheduleActivityTaskDecisionAttributes) -> Decision {
        Decision {
            schedule_activity_task_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::ScheduleActivityTask)
        }
    }

    /// Asks to cancel an activity task; SWF records `ActivityTaskCancelRequested` and tells the
    /// worker on its next heartbeat.
    pub fn request_cancel_activity_task(activity_id: impl Into<String>) -> Decision {
        Decision {
            request_cancel_activity_task_decision_attributes: Some(
                RequestCancelActivityTaskDecisionAttributes {
                    activity_id: activity_id.into(),
                },
            ),
            ..Decision::of_type(DecisionType::RequestCancelActivityTask)
        }
    }

    /// Completes the execution; SWF records `WorkflowExecutionCompleted`.
    pub fn complete_workflow_execution(result: Option<String>) -> Decision {
        Decision {
            complete_workflow_execution_decision_attributes: Some(
                CompleteWorkflowExecutionDecisionAttributes { result },
            ),
            ..Decision::of_type(DecisionType::CompleteWorkflowExecution)
        }
    }

    /// Fails the execution; SWF records `WorkflowExecutionFailed`.
    pub fn fail_workflow_execution(reason: Option<String>, details: Option<String>) -> Decision {
        Decision {
            fail_workflow_execution_decision_attributes: Some(
                FailWorkflowExecutionDecisionAttributes { reason, details },
            ),
            ..Decision::of_type(DecisionType::FailWorkflowExecution)
        }
    }

    /// Cancels the execution after a cancel request; SWF records `WorkflowExecutionCanceled`.
    pub fn cancel_workflow_execution(details: Option<String>) -> Decision {
        Decision {
            cancel_workflow_execution_decision_attributes: Some(
                CancelWorkflowExecutionDecisionAttributes { details },
            ),
            ..Decision::of_type(DecisionType::CancelWorkflowExecution)
        }
    }

    /// Closes the execution and starts a new run of it with the same workflow id; SWF records
    /// `WorkflowExecutionContinuedAsNew` (or `ContinueAsNewWorkflowExecutionFailed`), and the
    /// new run starts with `WorkflowExecutionStarted`.
    pub fn continue_as_new_workflow_execution(
        attributes: ContinueAsNewWorkflowExecutionDecisionAttributes,
    ) -> Decision {
        Decision {
            continue_as_new_workflow_execution_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::ContinueAsNewWorkflowExecution)
        }
    }

    /// Records a marker for later decision tasks; SWF records `MarkerRecorded` (or
    /// `RecordMarkerFailed`).
    pub fn record_marker(attributes: RecordMarkerDecisionAttributes) -> Decision {
        Decision {
            record_marker_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::RecordMarker)
        }
    }

    /// Starts a timer; SWF records `TimerStarted` (or `StartTimerFailed`), then `TimerFired`
    /// when it fires, with a new decision task.
    pub fn start_timer(attributes: StartTimerDecisionAttributes) -> Decision {
        Decision {
            start_timer_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::StartTimer)
        }
    }

    /// Cancels an open timer; SWF records `TimerCanceled` (or `CancelTimerFailed`).
    pub fn cancel_timer(timer_id: impl Into<String>) -> Decision {
        Decision {
            cancel_timer_decision_attributes: Some(CancelTimerDecisionAttributes::new(timer_id)),
            ..Decision::of_type(DecisionType::CancelTimer)
        }
    }

    /// Signals another execution; SWF records `SignalExternalWorkflowExecutionInitiated`, then
    /// `ExternalWorkflowExecutionSignaled` once the other execution has recorded
    /// `WorkflowExecutionSignaled` (or `SignalExternalWorkflowExecutionFailed`).
    pub fn signal_external_workflow_execution(
        attributes: SignalExternalWorkflowExecutionDecisionAttributes,
    ) -> Decision {
        Decision {
            signal_external_workflow_execution_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::SignalExternalWorkflowExecution)
        }
    }

    /// Asks another execution to cancel; SWF records
    /// `RequestCancelExternalWorkflowExecutionInitiated`, then
    /// `ExternalWorkflowExecutionCancelRequested` once the other execution has recorded
    /// `WorkflowExecutionCancelRequested` (or `RequestCancelExternalWorkflowExecutionFailed`).
    pub fn request_cancel_external_workflow_execution(
        attributes: RequestCancelExternalWorkflowExecutionDecisionAttributes,
    ) -> Decision {
        Decision {
            request_cancel_external_workflow_execution_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::RequestCancelExternalWorkflowExecution)
        }
    }

    /// Starts a child execution; SWF records `StartChildWorkflowExecutionInitiated`, then
    /// `ChildWorkflowExecutionStarted` (or `StartChildWorkflowExecutionFailed`) and, when the
    /// child closes, `ChildWorkflowExecutionCompleted` (or `...Failed`, `...TimedOut`,
    /// `...Canceled`, `...Terminated`), each with a new decision task.
    pub fn start_child_workflow_execution(
        attributes: StartChildWorkflowExecutionDecisionAttributes,
    ) -> Decision {
        Decision {
            start_child_workflow_execution_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::StartChildWorkflowExecution)
        }
    }

    /// Schedules a Lambda task; SWF records `LambdaFunctionScheduled` (or
    /// `ScheduleLambdaFunctionFailed`), then `LambdaFunctionStarted` and how it ended.
    pub fn schedule_lambda_function(
        attributes: ScheduleLambdaFunctionDecisionAttributes,
    ) -> Decision {
        Decision {
            schedule_lambda_function_decision_attributes: Some(attributes),
            ..Decision::of_type(DecisionType::ScheduleLambdaFunction)
        }
    }
}

/// Attributes of a `ScheduleActivityTask` decision (`ScheduleActivityTaskDecisionAttributes`).
/// Members left out fall back to the defaults registered with the activity type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleActivityTaskDecisionAttributes {
    /// The type of the task.
    pub activity_type: ActivityType,
    /// The task's id, unique among the execution's open activities (SWF Name rules).
    pub activity_id: String,
    /// Data for later decision tasks, not sent to the worker; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The input the worker receives; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Schedule-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_to_close_timeout: Option<String>,
    /// The task list to put the task on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// The task's priority: an integer in the `i32` range, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// Schedule-to-start timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_to_start_timeout: Option<String>,
    /// Start-to-close timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_to_close_timeout: Option<String>,
    /// Heartbeat timeout: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_timeout: Option<String>,
}

impl ScheduleActivityTaskDecisionAttributes {
    /// Schedules a task of `activity_type` with id `activity_id`.
    pub fn new(
        activity_type: ActivityType,
        activity_id: impl Into<String>,
    ) -> ScheduleActivityTaskDecisionAttributes {
        ScheduleActivityTaskDecisionAttributes {
            activity_type,
            activity_id: activity_id.into(),
            control: None,
            input: None,
            schedule_to_close_timeout: None,
            task_list: None,
            task_priority: None,
            schedule_to_start_timeout: None,
            start_to_close_timeout: None,
            heartbeat_timeout: None,
        }
    }
}

setters!(ScheduleActivityTaskDecisionAttributes {
    /// Sets the control data.
    control: String,
    /// Sets the input.
    input: String,
    /// Sets the schedule-to-close timeout.
    schedule_to_close_timeout: String,
    /// Sets the task list.
    task_list: TaskList,
    /// Sets the task priority.
    task_priority: String,
    /// Sets the schedule-to-start timeout.
    schedule_to_start_timeout: String,
    /// Sets the start-to-close timeout.
    start_to_close_timeout: String,
    /// Sets the heartbeat timeout.
    heartbeat_timeout: String,
});

/// Attributes of a `RequestCancelActivityTask` decision
/// (`RequestCancelActivityTaskDecisionAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelActivityTaskDecisionAttributes {
    /// The id of the activity task to cancel.
    pub activity_id: String,
}

/// Attributes of a `CompleteWorkflowExecution` decision
/// (`CompleteWorkflowExecutionDecisionAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompleteWorkflowExecutionDecisionAttributes {
    /// The execution's result; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

/// Attributes of a `FailWorkflowExecution` decision (`FailWorkflowExecutionDecisionAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FailWorkflowExecutionDecisionAttributes {
    /// A short description of the failure; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Details of the failure; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// Attributes of a `CancelWorkflowExecution` decision
/// (`CancelWorkflowExecutionDecisionAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelWorkflowExecutionDecisionAttributes {
    /// Details of the cancellation; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// Attributes of a `ContinueAsNewWorkflowExecution` decision
/// (`ContinueAsNewWorkflowExecutionDecisionAttributes`): closes the execution and starts a new
/// run with the same workflow id. Members left out fall back to the defaults registered with the
/// workflow type; SWF fails the decision (`ContinueAsNewWorkflowExecutionFailed`) when a timeout,
/// task list or child policy is neither given nor registered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContinueAsNewWorkflowExecutionDecisionAttributes {
    /// The new run's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How long the new run may take: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// The task list for the new run's decision tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// The priority of the new run's decision tasks: an integer in the `i32` range, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// How long a decider may take with the new run's decision tasks: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// What happens to the new run's children when it is terminated or times out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_policy: Option<ChildPolicy>,
    /// Up to 5 tags for the new run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// The workflow type version the new run starts with; the current one when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow_type_version: Option<String>,
    /// The IAM role the new run invokes Lambda functions with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl ContinueAsNewWorkflowExecutionDecisionAttributes {
    /// Continues with the registered defaults; every member is optional.
    pub fn new() -> ContinueAsNewWorkflowExecutionDecisionAttributes {
        ContinueAsNewWorkflowExecutionDecisionAttributes::default()
    }
}

setters!(ContinueAsNewWorkflowExecutionDecisionAttributes {
    /// Sets the input.
    input: String,
    /// Sets the execution start-to-close timeout.
    execution_start_to_close_timeout: String,
    /// Sets the decision task list.
    task_list: TaskList,
    /// Sets the decision task priority.
    task_priority: String,
    /// Sets the decision task start-to-close timeout.
    task_start_to_close_timeout: String,
    /// Sets the child policy.
    child_policy: ChildPolicy,
    /// Sets the tags.
    tag_list: Vec<String>,
    /// Sets the workflow type version.
    workflow_type_version: String,
    /// Sets the IAM role for Lambda functions.
    lambda_role: String,
});

/// Attributes of a `RecordMarker` decision (`RecordMarkerDecisionAttributes`): a note in the
/// history for later decision tasks, which SWF records as `MarkerRecorded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordMarkerDecisionAttributes {
    /// The marker's name; 1 to 256 characters.
    pub marker_name: String,
    /// The marker's details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl RecordMarkerDecisionAttributes {
    /// Records a marker called `marker_name`.
    pub fn new(marker_name: impl Into<String>) -> RecordMarkerDecisionAttributes {
        RecordMarkerDecisionAttributes {
            marker_name: marker_name.into(),
            details: None,
        }
    }
}

setters!(RecordMarkerDecisionAttributes {
    /// Sets the details.
    details: String,
});

/// Attributes of a `StartTimer` decision (`StartTimerDecisionAttributes`). When the timer
/// fires, SWF records `TimerFired` and schedules a decision task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartTimerDecisionAttributes {
    /// The timer's id, unique among the execution's open timers (SWF Name rules).
    pub timer_id: String,
    /// Data for later decision tasks, recorded in `TimerStarted`; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// How long to wait before the timer fires: whole seconds (`NONE` is not allowed).
    pub start_to_fire_timeout: String,
}

impl StartTimerDecisionAttributes {
    /// Starts timer `timer_id`, firing after `start_to_fire_timeout` seconds.
    pub fn new(
        timer_id: impl Into<String>,
        start_to_fire_timeout: impl Into<String>,
    ) -> StartTimerDecisionAttributes {
        StartTimerDecisionAttributes {
            timer_id: timer_id.into(),
            control: None,
            start_to_fire_timeout: start_to_fire_timeout.into(),
        }
    }
}

setters!(StartTimerDecisionAttributes {
    /// Sets the control data.
    control: String,
});

/// Attributes of a `CancelTimer` decision (`CancelTimerDecisionAttributes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelTimerDecisionAttributes {
    /// The id of the open timer to cancel.
    pub timer_id: String,
}

impl CancelTimerDecisionAttributes {
    /// Cancels timer `timer_id`.
    pub fn new(timer_id: impl Into<String>) -> CancelTimerDecisionAttributes {
        CancelTimerDecisionAttributes {
            timer_id: timer_id.into(),
        }
    }
}

/// Attributes of a `SignalExternalWorkflowExecution` decision
/// (`SignalExternalWorkflowExecutionDecisionAttributes`): a signal to another open execution,
/// which records it as `WorkflowExecutionSignaled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignalExternalWorkflowExecutionDecisionAttributes {
    /// The workflow id of the execution to signal.
    pub workflow_id: String,
    /// The run id of the execution to signal; the open run of the workflow id when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The signal's name; 1 to 256 characters.
    pub signal_name: String,
    /// The signal's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Data for later decision tasks, not sent with the signal; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl SignalExternalWorkflowExecutionDecisionAttributes {
    /// Sends signal `signal_name` to the open execution of `workflow_id`.
    pub fn new(
        workflow_id: impl Into<String>,
        signal_name: impl Into<String>,
    ) -> SignalExternalWorkflowExecutionDecisionAttributes {
        SignalExternalWorkflowExecutionDecisionAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            signal_name: signal_name.into(),
            input: None,
            control: None,
        }
    }
}

setters!(SignalExternalWorkflowExecutionDecisionAttributes {
    /// Sets the run id.
    run_id: String,
    /// Sets the input.
    input: String,
    /// Sets the control data.
    control: String,
});

/// Attributes of a `RequestCancelExternalWorkflowExecution` decision
/// (`RequestCancelExternalWorkflowExecutionDecisionAttributes`): a cancel request to another open
/// execution, which records it as `WorkflowExecutionCancelRequested`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelExternalWorkflowExecutionDecisionAttributes {
    /// The workflow id of the execution to cancel.
    pub workflow_id: String,
    /// The run id of the execution to cancel; the open run of the workflow id when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Data for later decision tasks; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
}

impl RequestCancelExternalWorkflowExecutionDecisionAttributes {
    /// Asks the open execution of `workflow_id` to cancel.
    pub fn new(
        workflow_id: impl Into<String>,
    ) -> RequestCancelExternalWorkflowExecutionDecisionAttributes {
        RequestCancelExternalWorkflowExecutionDecisionAttributes {
            workflow_id: workflow_id.into(),
            run_id: None,
            control: None,
        }
    }
}

setters!(RequestCancelExternalWorkflowExecutionDecisionAttributes {
    /// Sets the run id.
    run_id: String,
    /// Sets the control data.
    control: String,
});

/// Attributes of a `StartChildWorkflowExecution` decision
/// (`StartChildWorkflowExecutionDecisionAttributes`). Members left out fall back to the defaults
/// registered with the child's workflow type; SWF fails the decision
/// (`StartChildWorkflowExecutionFailed`) when a timeout, task list or child policy is neither
/// given nor registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StartChildWorkflowExecutionDecisionAttributes {
    /// The child's workflow type.
    pub workflow_type: WorkflowType,
    /// The child's workflow id, unique among the domain's open executions (SWF Name rules).
    pub workflow_id: String,
    /// Data for later decision tasks, not sent to the child; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The child's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How long the child may run: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_start_to_close_timeout: Option<String>,
    /// The task list for the child's decision tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_list: Option<TaskList>,
    /// The priority of the child's decision tasks: an integer in the `i32` range, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// How long a decider may take with the child's decision tasks: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_start_to_close_timeout: Option<String>,
    /// What happens to the child's own children when it is terminated or times out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_policy: Option<ChildPolicy>,
    /// Up to 5 tags for the child.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// The IAM role the child invokes Lambda functions with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl StartChildWorkflowExecutionDecisionAttributes {
    /// Starts a child of `workflow_type` with id `workflow_id`.
    pub fn new(
        workflow_type: WorkflowType,
        workflow_id: impl Into<String>,
    ) -> StartChildWorkflowExecutionDecisionAttributes {
        StartChildWorkflowExecutionDecisionAttributes {
            workflow_type,
            workflow_id: workflow_id.into(),
            control: None,
            input: None,
            execution_start_to_close_timeout: None,
            task_list: None,
            task_priority: None,
            task_start_to_close_timeout: None,
            child_policy: None,
            tag_list: None,
            lambda_role: None,
        }
    }
}

setters!(StartChildWorkflowExecutionDecisionAttributes {
    /// Sets the control data.
    control: String,
    /// Sets the input.
    input: String,
    /// Sets the execution start-to-close timeout.
    execution_start_to_close_timeout: String,
    /// Sets the decision task list.
    task_list: TaskList,
    /// Sets the decision task priority.
    task_priority: String,
    /// Sets the decision task start-to-close timeout.
    task_start_to_close_timeout: String,
    /// Sets the child policy.
    child_policy: ChildPolicy,
    /// Sets the tags.
    tag_list: Vec<String>,
    /// Sets the IAM role for Lambda functions.
    lambda_role: String,
});

/// Attributes of a `ScheduleLambdaFunction` decision
/// (`ScheduleLambdaFunctionDecisionAttributes`). SWF invokes the function with the IAM role the
/// execution was started with (`lambdaRole`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduleLambdaFunctionDecisionAttributes {
    /// The Lambda task's id in the history, unique among the execution's open Lambda tasks.
    pub id: String,
    /// The name or ARN of the Lambda function; 1 to 64 characters.
    pub name: String,
    /// Data for later decision tasks, not sent to the function; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The function's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// How long the function may run once started: seconds, 1 to 900 (SWF's default, 900).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_to_close_timeout: Option<String>,
}

impl ScheduleLambdaFunctionDecisionAttributes {
    /// Schedules Lambda function `name` as task `id`.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
    ) -> ScheduleLambdaFunctionDecisionAttributes {
        ScheduleLambdaFunctionDecisionAttributes {
            id: id.into(),
            name: name.into(),
            control: None,
            input: None,
            start_to_close_timeout: None,
        }
    }
}

setters!(ScheduleLambdaFunctionDecisionAttributes {
    /// Sets the control data.
    control: String,
    /// Sets the input.
    input: String,
    /// Sets the start-to-close timeout.
    start_to_close_timeout: String,
});

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::client::Operation;

    fn wire(decision: &Decision) -> serde_json::Value {
        serde_json::to_value(decision).expect("serializes")
    }

    #[test]
    fn each_constructor_sets_its_type_and_attributes() {
        let child = WorkflowType::new("Child", "1");
        let decisions = [
            (
                Decision::continue_as_new_workflow_execution(
                    ContinueAsNewWorkflowExecutionDecisionAttributes::new().input("next"),
                ),
                "ContinueAsNewWorkflowExecution",
                json!({"input": "next"}),
            ),
            (
                Decision::record_marker(RecordMarkerDecisionAttributes::new("m").details("d")),
                "RecordMarker",
                json!({"markerName": "m", "details": "d"}),
            ),
            (
                Decision::start_timer(StartTimerDecisionAttributes::new("t1", "30").control("c")),
                "StartTimer",
                json!({"timerId": "t1", "control": "c", "startToFireTimeout": "30"}),
            ),
            (
                Decision::cancel_timer("t1"),
                "CancelTimer",
                json!({"timerId": "t1"}),
            ),
            (
                Decision::signal_external_workflow_execution(
                    SignalExternalWorkflowExecutionDecisionAttributes::new("w", "go").run_id("r"),
                ),
                "SignalExternalWorkflowExecution",
                json!({"workflowId": "w", "runId": "r", "signalName": "go"}),
            ),
            (
                Decision::request_cancel_external_workflow_execution(
                    RequestCancelExternalWorkflowExecutionDecisionAttributes::new("w"),
                ),
                "RequestCancelExternalWorkflowExecution",
                json!({"workflowId": "w"}),
            ),
            (
                Decision::start_child_workflow_execution(
                    StartChildWorkflowExecutionDecisionAttributes::new(child, "c-1")
                        .child_policy(ChildPolicy::Abandon),
                ),
                "StartChildWorkflowExecution",
                json!({
                    "workflowType": {"name": "Child", "version": "1"},
                    "workflowId": "c-1",
                    "childPolicy": "ABANDON",
                }),
            ),
            (
                Decision::schedule_lambda_function(ScheduleLambdaFunctionDecisionAttributes::new(
                    "l-1", "resize",
                )),
                "ScheduleLambdaFunction",
                json!({"id": "l-1", "name": "resize"}),
            ),
        ];
        for (decision, decision_type, attributes) in decisions {
            let mut member = decision_type.to_owned();
            member[..1].make_ascii_lowercase();
            member.push_str("DecisionAttributes");
            assert_eq!(
                wire(&decision),
                json!({"decisionType": decision_type, member: attributes}),
            );
            let back: Decision = serde_json::from_value(wire(&decision)).expect("deserializes");
            assert_eq!(back, decision);
        }
    }

    fn validate(decision: Decision) -> Result<(), String> {
        RespondDecisionTaskCompleted::new("token")
            .decision(decision)
            .validate()
            .map_err(|e| e.message().to_owned())
    }

    #[test]
    fn decisions_are_checked_against_swfs_rules() {
        let ok = [
            Decision::start_timer(StartTimerDecisionAttributes::new("t1", "0")),
            Decision::cancel_timer("t1"),
            Decision::record_marker(RecordMarkerDecisionAttributes::new("m")),
            Decision::continue_as_new_workflow_execution(
                ContinueAsNewWorkflowExecutionDecisionAttributes::new(),
            ),
            Decision::signal_external_workflow_execution(
                SignalExternalWorkflowExecutionDecisionAttributes::new("w", "s"),
            ),
            Decision::start_child_workflow_execution(
                StartChildWorkflowExecutionDecisionAttributes::new(
                    WorkflowType::new("Child", "1"),
                    "c",
                )
                .execution_start_to_close_timeout("NONE"),
            ),
        ];
        for decision in ok {
            assert_eq!(validate(decision.clone()), Ok(()), "{decision:?}");
        }

        let refused = [
            // SWF takes whole seconds here, without `NONE`.
            (
                Decision::start_timer(StartTimerDecisionAttributes::new("t1", "NONE")),
                "decisions[0].startTimerDecisionAttributes.startToFireTimeout",
            ),
            (
                Decision::start_timer(StartTimerDecisionAttributes::new("a:b", "5")),
                "decisions[0].startTimerDecisionAttributes.timerId",
            ),
            (
                Decision::cancel_timer(""),
                "decisions[0].cancelTimerDecisionAttributes.timerId",
            ),
            (
                Decision::record_marker(RecordMarkerDecisionAttributes::new("")),
                "decisions[0].recordMarkerDecisionAttributes.markerName",
            ),
            (
                Decision::signal_external_workflow_execution(
                    SignalExternalWorkflowExecutionDecisionAttributes::new("w", "s")
                        .run_id("r".repeat(65)),
                ),
                "decisions[0].signalExternalWorkflowExecutionDecisionAttributes.runId",
            ),
            (
                Decision::continue_as_new_workflow_execution(
                    ContinueAsNewWorkflowExecutionDecisionAttributes::new()
                        .task_start_to_close_timeout("5m")
                        .tag_list(vec!["t".to_owned(); 6]),
                ),
                "decisions[0].continueAsNewWorkflowExecutionDecisionAttributes.\
                 taskStartToCloseTimeout",
            ),
            (
                Decision::start_child_workflow_execution(
                    StartChildWorkflowExecutionDecisionAttributes::new(
                        WorkflowType::new("Child", "1"),
                        "c",
                    )
                    .task_priority("high"),
                ),
                "decisions[0].startChildWorkflowExecutionDecisionAttributes.taskPriority",
            ),
            (
                Decision::schedule_lambda_function(ScheduleLambdaFunctionDecisionAttributes::new(
                    "l",
                    "f".repeat(65),
                )),
                "decisions[0].scheduleLambdaFunctionDecisionAttributes.name",
            ),
        ];
        for (decision, member) in refused {
            let message = validate(decision).expect_err(member);
            assert!(
                message.starts_with(&format!("RespondDecisionTaskCompleted.{member}: ")),
                "{message}"
            );
        }

        // A decision type whose attributes hold a required member needs its attributes.
        for (decision_type, member) in [
            (DecisionType::StartTimer, "startTimerDecisionAttributes"),
            (DecisionType::CancelTimer, "cancelTimerDecisionAttributes"),
            (DecisionType::RecordMarker, "recordMarkerDecisionAttributes"),
            (
                DecisionType::SignalExternalWorkflowExecution,
                "signalExternalWorkflowExecutionDecisionAttributes",
            ),
            (
                DecisionType::RequestCancelExternalWorkflowExecution,
                "requestCancelExternalWorkflowExecutionDecisionAttributes",
            ),
            (
                DecisionType::StartChildWorkflowExecution,
                "startChildWorkflowExecutionDecisionAttributes",
            ),
            (
                DecisionType::ScheduleLambdaFunction,
                "scheduleLambdaFunctionDecisionAttributes",
            ),
        ] {
            let message = validate(Decision::of_type(decision_type.clone())).expect_err(member);
            assert_eq!(
                message,
                format!(
                    "RespondDecisionTaskCompleted.decisions[0].{member}: required for a \
                     `{decision_type}` decision"
                )
            );
        }
        // ContinueAsNewWorkflowExecution has no required member: SWF takes it bare.
        assert_eq!(
            validate(Decision::of_type(
                DecisionType::ContinueAsNewWorkflowExecution
            )),
            Ok(())
        );
    }
}
