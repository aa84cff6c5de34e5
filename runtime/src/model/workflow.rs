//! The decider's side, as far as tests and simple deciders need it: start an execution, poll
//! for decision tasks and answer them with decisions.

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
/// attributes. Build one with [`Decision::schedule_activity_task`] and friends.
///
/// Only the attributes of the decision types this crate models have members here; a decision
/// of another type deserializes with its type and without attributes.
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
