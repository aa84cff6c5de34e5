//! The activity worker's operations: poll for a task, heartbeat, and answer it.

use serde::{Deserialize, Serialize};

use super::{ActivityType, TaskList, TaskToken, WorkflowExecution};

/// `PollForActivityTask`: asks SWF for the next activity task on a task list.
///
/// SWF holds the request open for up to 60 seconds; if no task arrives in that time it answers
/// without a task token, which
/// [`Client::poll_for_activity_task`](crate::Client::poll_for_activity_task)
/// turns into `Ok(None)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PollForActivityTask {
    /// The domain the task list belongs to.
    pub domain: String,
    /// The task list to take a task from.
    pub task_list: TaskList,
    /// Who is polling (e.g. host name and process id); SWF records it in the
    /// `ActivityTaskStarted` event. At most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
}

impl PollForActivityTask {
    /// Polls task list `task_list` in `domain`.
    pub fn new(domain: impl Into<String>, task_list: impl Into<String>) -> PollForActivityTask {
        PollForActivityTask {
            domain: domain.into(),
            task_list: TaskList::new(task_list),
            identity: None,
        }
    }

    /// Sets the identity SWF records in the `ActivityTaskStarted` event.
    pub fn identity(mut self, identity: impl Into<String>) -> PollForActivityTask {
        self.identity = Some(identity.into());
        self
    }
}

/// An activity task handed out by `PollForActivityTask` (`ActivityTask`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTask {
    /// The token to answer the task with (redacted in `Debug`).
    pub task_token: TaskToken,
    /// The activity id the decider gave this task; unique within the workflow execution.
    pub activity_id: String,
    /// The id of the `ActivityTaskStarted` event SWF recorded when it handed out the task.
    pub started_event_id: i64,
    /// The workflow execution that scheduled the task.
    pub workflow_execution: WorkflowExecution,
    /// The task's activity type.
    pub activity_type: ActivityType,
    /// The input the decider scheduled the task with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

impl ActivityTask {
    /// An activity task with its required members (for local endpoints and tests).
    pub fn new(
        task_token: impl Into<TaskToken>,
        activity_id: impl Into<String>,
        started_event_id: i64,
        workflow_execution: WorkflowExecution,
        activity_type: ActivityType,
    ) -> ActivityTask {
        ActivityTask {
            task_token: task_token.into(),
            activity_id: activity_id.into(),
            started_event_id,
            workflow_execution,
            activity_type,
            input: None,
        }
    }

    /// Sets the task's input.
    pub fn input(mut self, input: impl Into<String>) -> ActivityTask {
        self.input = Some(input.into());
        self
    }
}

/// `RespondActivityTaskCompleted`: reports that a task succeeded. SWF records
/// `ActivityTaskCompleted` with the result and schedules a decision task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RespondActivityTaskCompleted {
    /// The task's token, from [`ActivityTask::task_token`].
    pub task_token: TaskToken,
    /// The result the decider reads in the `ActivityTaskCompleted` event. At most 32768
    /// characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

impl RespondActivityTaskCompleted {
    /// Completes the task with token `task_token`, without a result.
    pub fn new(task_token: impl Into<TaskToken>) -> RespondActivityTaskCompleted {
        RespondActivityTaskCompleted {
            task_token: task_token.into(),
            result: None,
        }
    }

    /// Sets the result.
    pub fn result(mut self, result: impl Into<String>) -> RespondActivityTaskCompleted {
        self.result = Some(result.into());
        self
    }
}

/// `RespondActivityTaskFailed`: reports that a task failed. SWF records `ActivityTaskFailed`
/// with `reason` and `details`, where the decider reads them, and schedules a decision task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RespondActivityTaskFailed {
    /// The task's token, from [`ActivityTask::task_token`].
    pub task_token: TaskToken,
    /// A short description of the failure. At most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Detailed information about the failure. At most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl RespondActivityTaskFailed {
    /// Fails the task with token `task_token`, without reason or details.
    pub fn new(task_token: impl Into<TaskToken>) -> RespondActivityTaskFailed {
        RespondActivityTaskFailed {
            task_token: task_token.into(),
            reason: None,
            details: None,
        }
    }

    /// Sets the reason.
    pub fn reason(mut self, reason: impl Into<String>) -> RespondActivityTaskFailed {
        self.reason = Some(reason.into());
        self
    }

    /// Sets the details.
    pub fn details(mut self, details: impl Into<String>) -> RespondActivityTaskFailed {
        self.details = Some(details.into());
        self
    }
}

/// `RespondActivityTaskCanceled`: reports that a task gave up after a cancel request. SWF
/// records `ActivityTaskCanceled` and schedules a decision task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RespondActivityTaskCanceled {
    /// The task's token, from [`ActivityTask::task_token`].
    pub task_token: TaskToken,
    /// Information about the cancellation. At most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl RespondActivityTaskCanceled {
    /// Cancels the task with token `task_token`, without details.
    pub fn new(task_token: impl Into<TaskToken>) -> RespondActivityTaskCanceled {
        RespondActivityTaskCanceled {
            task_token: task_token.into(),
            details: None,
        }
    }

    /// Sets the details.
    pub fn details(mut self, details: impl Into<String>) -> RespondActivityTaskCanceled {
        self.details = Some(details.into());
        self
    }
}

/// `RecordActivityTaskHeartbeat`: tells SWF the task is still alive, resetting its heartbeat
/// timeout. The answer says whether the decider asked to cancel the task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RecordActivityTaskHeartbeat {
    /// The task's token, from [`ActivityTask::task_token`].
    pub task_token: TaskToken,
    /// Progress information; SWF keeps the latest in the `ActivityTaskTimedOut` event if the task
    /// times out. At most 2048 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

impl RecordActivityTaskHeartbeat {
    /// A heartbeat for the task with token `task_token`, without details.
    pub fn new(task_token: impl Into<TaskToken>) -> RecordActivityTaskHeartbeat {
        RecordActivityTaskHeartbeat {
            task_token: task_token.into(),
            details: None,
        }
    }

    /// Sets the details.
    pub fn details(mut self, details: impl Into<String>) -> RecordActivityTaskHeartbeat {
        self.details = Some(details.into());
        self
    }
}

/// The answer to `RecordActivityTaskHeartbeat` (`ActivityTaskStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTaskStatus {
    /// Whether the decider asked to cancel the task; the activity should stop and answer with
    /// `RespondActivityTaskCanceled`.
    pub cancel_requested: bool,
}

impl ActivityTaskStatus {
    /// A status with `cancel_requested` as given.
    pub fn new(cancel_requested: bool) -> ActivityTaskStatus {
        ActivityTaskStatus { cancel_requested }
    }
}
