//! Finding and counting executions and pending tasks: the list, count and describe operations,
//! their filters and the execution information they answer with.

use serde::{Deserialize, Serialize};

use super::{ChildPolicy, CloseStatus, ExecutionStatus, TaskList, WorkflowExecution, WorkflowType};

/// Executions started (or closed) within a time range (`ExecutionTimeFilter`), in seconds since
/// the Unix epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExecutionTimeFilter {
    /// The oldest time to include.
    pub oldest_date: f64,
    /// The latest time to include; absent means now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_date: Option<f64>,
}

impl ExecutionTimeFilter {
    /// Executions from `oldest_date` (seconds since the Unix epoch) on.
    pub fn new(oldest_date: f64) -> ExecutionTimeFilter {
        ExecutionTimeFilter {
            oldest_date,
            latest_date: None,
        }
    }
}

setters!(ExecutionTimeFilter {
    /// Sets the latest time to include.
    latest_date: f64,
});

/// Executions with a workflow id (`WorkflowExecutionFilter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionFilter {
    /// The workflow id.
    pub workflow_id: String,
}

impl WorkflowExecutionFilter {
    /// Executions with workflow id `workflow_id`.
    pub fn new(workflow_id: impl Into<String>) -> WorkflowExecutionFilter {
        WorkflowExecutionFilter {
            workflow_id: workflow_id.into(),
        }
    }
}

/// Executions of a workflow type, by name and optionally version (`WorkflowTypeFilter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowTypeFilter {
    /// The workflow type's name.
    pub name: String,
    /// The workflow type's version; absent means any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl WorkflowTypeFilter {
    /// Executions of workflow types named `name`, any version.
    pub fn new(name: impl Into<String>) -> WorkflowTypeFilter {
        WorkflowTypeFilter {
            name: name.into(),
            version: None,
        }
    }
}

setters!(WorkflowTypeFilter {
    /// Only this version.
    version: String,
});

/// Executions with a tag (`TagFilter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TagFilter {
    /// The tag (at most 256 characters).
    pub tag: String,
}

impl TagFilter {
    /// Executions tagged `tag`.
    pub fn new(tag: impl Into<String>) -> TagFilter {
        TagFilter { tag: tag.into() }
    }
}

/// Closed executions with a close status (`CloseStatusFilter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CloseStatusFilter {
    /// The close status.
    pub status: CloseStatus,
}

impl CloseStatusFilter {
    /// Executions that closed with `status`.
    pub fn new(status: CloseStatus) -> CloseStatusFilter {
        CloseStatusFilter { status }
    }
}

/// `ListOpenWorkflowExecutions`: one page of a domain's open executions started within a time
/// range, newest first unless `reverseOrder`. SWF accepts at most one of `executionFilter`,
/// `typeFilter` and `tagFilter`. Pass the answer's `nextPageToken` back for the next page, or use
/// [`Client::list_open_workflow_executions_all`](crate::Client::list_open_workflow_executions_all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListOpenWorkflowExecutions {
    /// The domain to list.
    pub domain: String,
    /// Only executions started within this range.
    pub start_time_filter: ExecutionTimeFilter,
    /// Only executions of this workflow type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_filter: Option<WorkflowTypeFilter>,
    /// Only executions with this tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<TagFilter>,
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many executions per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to list oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
    /// Only executions with this workflow id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_filter: Option<WorkflowExecutionFilter>,
}

impl ListOpenWorkflowExecutions {
    /// Lists the open executions in `domain` started within `start_time_filter`.
    pub fn new(
        domain: impl Into<String>,
        start_time_filter: ExecutionTimeFilter,
    ) -> ListOpenWorkflowExecutions {
        ListOpenWorkflowExecutions {
            domain: domain.into(),
            start_time_filter,
            type_filter: None,
            tag_filter: None,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
            execution_filter: None,
        }
    }
}

setters!(ListOpenWorkflowExecutions {
    /// Only lists executions of this workflow type.
    type_filter: WorkflowTypeFilter,
    /// Only lists executions with this tag.
    tag_filter: TagFilter,
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Lists oldest first.
    reverse_order: bool,
    /// Only lists executions with this workflow id.
    execution_filter: WorkflowExecutionFilter,
});

/// `ListClosedWorkflowExecutions`: one page of a domain's closed executions. SWF wants exactly
/// one of `startTimeFilter` and `closeTimeFilter`, and accepts at most one of
/// `executionFilter`, `closeStatusFilter`, `typeFilter` and `tagFilter`. Pass the answer's
/// `nextPageToken` back for the next page, or use
/// [`Client::list_closed_workflow_executions_all`](crate::Client::list_closed_workflow_executions_all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListClosedWorkflowExecutions {
    /// The domain to list.
    pub domain: String,
    /// Only executions started within this range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_filter: Option<ExecutionTimeFilter>,
    /// Only executions closed within this range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_time_filter: Option<ExecutionTimeFilter>,
    /// Only executions with this workflow id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_filter: Option<WorkflowExecutionFilter>,
    /// Only executions that closed this way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_status_filter: Option<CloseStatusFilter>,
    /// Only executions of this workflow type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_filter: Option<WorkflowTypeFilter>,
    /// Only executions with this tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<TagFilter>,
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many executions per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to list oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
}

impl ListClosedWorkflowExecutions {
    /// Lists the closed executions in `domain` (set a start or close time filter).
    pub fn new(domain: impl Into<String>) -> ListClosedWorkflowExecutions {
        ListClosedWorkflowExecutions {
            domain: domain.into(),
            start_time_filter: None,
            close_time_filter: None,
            execution_filter: None,
            close_status_filter: None,
            type_filter: None,
            tag_filter: None,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
        }
    }
}

setters!(ListClosedWorkflowExecutions {
    /// Only lists executions started within this range.
    start_time_filter: ExecutionTimeFilter,
    /// Only lists executions closed within this range.
    close_time_filter: ExecutionTimeFilter,
    /// Only lists executions with this workflow id.
    execution_filter: WorkflowExecutionFilter,
    /// Only lists executions that closed this way.
    close_status_filter: CloseStatusFilter,
    /// Only lists executions of this workflow type.
    type_filter: WorkflowTypeFilter,
    /// Only lists executions with this tag.
    tag_filter: TagFilter,
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Lists oldest first.
    reverse_order: bool,
});

/// One page of `ListOpenWorkflowExecutions` or `ListClosedWorkflowExecutions`
/// (`WorkflowExecutionInfos`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionInfos {
    /// The executions on this page.
    pub execution_infos: Vec<WorkflowExecutionInfo>,
    /// The token for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

impl WorkflowExecutionInfos {
    /// A page with `execution_infos` and no next page.
    pub fn new(execution_infos: Vec<WorkflowExecutionInfo>) -> WorkflowExecutionInfos {
        WorkflowExecutionInfos {
            execution_infos,
            next_page_token: None,
        }
    }
}

setters!(WorkflowExecutionInfos {
    /// Sets the token for the next page.
    next_page_token: String,
});

/// An execution's type, status and dates (`WorkflowExecutionInfo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionInfo {
    /// The execution.
    pub execution: WorkflowExecution,
    /// Its workflow type.
    pub workflow_type: WorkflowType,
    /// When it started, in seconds since the Unix epoch.
    pub start_timestamp: f64,
    /// When it closed, in seconds since the Unix epoch; absent while open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_timestamp: Option<f64>,
    /// Whether it is open or closed.
    pub execution_status: ExecutionStatus,
    /// How it closed; absent while open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_status: Option<CloseStatus>,
    /// The execution that started it as a child, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<WorkflowExecution>,
    /// Its tags (at most 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<String>>,
    /// Whether cancelling it was requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_requested: Option<bool>,
}

impl WorkflowExecutionInfo {
    /// Information with the required members.
    pub fn new(
        execution: WorkflowExecution,
        workflow_type: WorkflowType,
        start_timestamp: f64,
        execution_status: ExecutionStatus,
    ) -> WorkflowExecutionInfo {
        WorkflowExecutionInfo {
            execution,
            workflow_type,
            start_timestamp,
            close_timestamp: None,
            execution_status,
            close_status: None,
            parent: None,
            tag_list: None,
            cancel_requested: None,
        }
    }
}

setters!(WorkflowExecutionInfo {
    /// Sets the close time.
    close_timestamp: f64,
    /// Sets the close status.
    close_status: CloseStatus,
    /// Sets the parent execution.
    parent: WorkflowExecution,
    /// Sets the tags.
    tag_list: Vec<String>,
    /// Sets whether cancelling was requested.
    cancel_requested: bool,
});

/// `CountOpenWorkflowExecutions`: counts a domain's open executions started within a time
/// range; SWF accepts at most one of `executionFilter`, `typeFilter` and `tagFilter`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CountOpenWorkflowExecutions {
    /// The domain to count in.
    pub domain: String,
    /// Only executions started within this range.
    pub start_time_filter: ExecutionTimeFilter,
    /// Only executions of this workflow type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_filter: Option<WorkflowTypeFilter>,
    /// Only executions with this tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<TagFilter>,
    /// Only executions with this workflow id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_filter: Option<WorkflowExecutionFilter>,
}

impl CountOpenWorkflowExecutions {
    /// Counts the open executions in `domain` started within `start_time_filter`.
    pub fn new(
        domain: impl Into<String>,
        start_time_filter: ExecutionTimeFilter,
    ) -> CountOpenWorkflowExecutions {
        CountOpenWorkflowExecutions {
            domain: domain.into(),
            start_time_filter,
            type_filter: None,
            tag_filter: None,
            execution_filter: None,
        }
    }
}

setters!(CountOpenWorkflowExecutions {
    /// Only counts executions of this workflow type.
    type_filter: WorkflowTypeFilter,
    /// Only counts executions with this tag.
    tag_filter: TagFilter,
    /// Only counts executions with this workflow id.
    execution_filter: WorkflowExecutionFilter,
});

/// `CountClosedWorkflowExecutions`: counts a domain's closed executions. SWF wants exactly one
/// of `startTimeFilter` and `closeTimeFilter`, and accepts at most one of `executionFilter`,
/// `closeStatusFilter`, `typeFilter` and `tagFilter`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CountClosedWorkflowExecutions {
    /// The domain to count in.
    pub domain: String,
    /// Only executions started within this range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time_filter: Option<ExecutionTimeFilter>,
    /// Only executions closed within this range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_time_filter: Option<ExecutionTimeFilter>,
    /// Only executions with this workflow id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_filter: Option<WorkflowExecutionFilter>,
    /// Only executions of this workflow type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_filter: Option<WorkflowTypeFilter>,
    /// Only executions with this tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<TagFilter>,
    /// Only executions that closed this way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_status_filter: Option<CloseStatusFilter>,
}

impl CountClosedWorkflowExecutions {
    /// Counts the closed executions in `domain` (set a start or close time filter).
    pub fn new(domain: impl Into<String>) -> CountClosedWorkflowExecutions {
        CountClosedWorkflowExecutions {
            domain: domain.into(),
            start_time_filter: None,
            close_time_filter: None,
            execution_filter: None,
            type_filter: None,
            tag_filter: None,
            close_status_filter: None,
        }
    }
}

setters!(CountClosedWorkflowExecutions {
    /// Only counts executions started within this range.
    start_time_filter: ExecutionTimeFilter,
    /// Only counts executions closed within this range.
    close_time_filter: ExecutionTimeFilter,
    /// Only counts executions with this workflow id.
    execution_filter: WorkflowExecutionFilter,
    /// Only counts executions of this workflow type.
    type_filter: WorkflowTypeFilter,
    /// Only counts executions with this tag.
    tag_filter: TagFilter,
    /// Only counts executions that closed this way.
    close_status_filter: CloseStatusFilter,
});

/// The answer to `CountOpenWorkflowExecutions` and `CountClosedWorkflowExecutions`
/// (`WorkflowExecutionCount`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionCount {
    /// How many executions matched.
    pub count: i32,
    /// Whether SWF stopped counting before the end (the count is then a lower bound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

impl WorkflowExecutionCount {
    /// A count of `count`, not truncated.
    pub fn new(count: i32) -> WorkflowExecutionCount {
        WorkflowExecutionCount {
            count,
            truncated: None,
        }
    }
}

setters!(WorkflowExecutionCount {
    /// Sets whether the count is truncated.
    truncated: bool,
});

/// `DescribeWorkflowExecution`: reads an execution's information, configuration and open
/// counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeWorkflowExecution {
    /// The domain the execution runs in.
    pub domain: String,
    /// The execution to describe.
    pub execution: WorkflowExecution,
}

impl DescribeWorkflowExecution {
    /// Describes `execution` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        execution: WorkflowExecution,
    ) -> DescribeWorkflowExecution {
        DescribeWorkflowExecution {
            domain: domain.into(),
            execution,
        }
    }
}

/// The answer to `DescribeWorkflowExecution` (`WorkflowExecutionDetail`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionDetail {
    /// The execution's type, status and dates.
    pub execution_info: WorkflowExecutionInfo,
    /// The settings the execution runs with.
    pub execution_configuration: WorkflowExecutionConfiguration,
    /// How many tasks, timers and children are open.
    pub open_counts: WorkflowExecutionOpenCounts,
    /// When the last activity task was scheduled, in seconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_activity_task_timestamp: Option<f64>,
    /// The execution context of the last completed decision task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_execution_context: Option<String>,
}

impl WorkflowExecutionDetail {
    /// A detail with the required members.
    pub fn new(
        execution_info: WorkflowExecutionInfo,
        execution_configuration: WorkflowExecutionConfiguration,
        open_counts: WorkflowExecutionOpenCounts,
    ) -> WorkflowExecutionDetail {
        WorkflowExecutionDetail {
            execution_info,
            execution_configuration,
            open_counts,
            latest_activity_task_timestamp: None,
            latest_execution_context: None,
        }
    }
}

setters!(WorkflowExecutionDetail {
    /// Sets when the last activity task was scheduled.
    latest_activity_task_timestamp: f64,
    /// Sets the latest execution context.
    latest_execution_context: String,
});

/// The settings an execution runs with (`WorkflowExecutionConfiguration`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionConfiguration {
    /// How long a decider may take with a decision task: seconds, or `NONE`.
    pub task_start_to_close_timeout: String,
    /// How long the execution may run: seconds, or `NONE`.
    pub execution_start_to_close_timeout: String,
    /// The task list of its decision tasks.
    pub task_list: TaskList,
    /// The priority of its decision tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_priority: Option<String>,
    /// What happens to its children when it closes.
    pub child_policy: ChildPolicy,
    /// The IAM role SWF assumes to invoke Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_role: Option<String>,
}

impl WorkflowExecutionConfiguration {
    /// A configuration with the required members.
    pub fn new(
        task_start_to_close_timeout: impl Into<String>,
        execution_start_to_close_timeout: impl Into<String>,
        task_list: impl Into<TaskList>,
        child_policy: ChildPolicy,
    ) -> WorkflowExecutionConfiguration {
        WorkflowExecutionConfiguration {
            task_start_to_close_timeout: task_start_to_close_timeout.into(),
            execution_start_to_close_timeout: execution_start_to_close_timeout.into(),
            task_list: task_list.into(),
            task_priority: None,
            child_policy,
            lambda_role: None,
        }
    }
}

setters!(WorkflowExecutionConfiguration {
    /// Sets the decision task priority.
    task_priority: String,
    /// Sets the IAM role for Lambda functions.
    lambda_role: String,
});

/// How many tasks, timers and children of an execution are open
/// (`WorkflowExecutionOpenCounts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowExecutionOpenCounts {
    /// Open activity tasks.
    pub open_activity_tasks: i32,
    /// Open decision tasks (0 or 1).
    pub open_decision_tasks: i32,
    /// Started timers that have not fired.
    pub open_timers: i32,
    /// Open child executions.
    pub open_child_workflow_executions: i32,
    /// Open Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_lambda_functions: Option<i32>,
}

impl WorkflowExecutionOpenCounts {
    /// Counts with the required members.
    pub fn new(
        open_activity_tasks: i32,
        open_decision_tasks: i32,
        open_timers: i32,
        open_child_workflow_executions: i32,
    ) -> WorkflowExecutionOpenCounts {
        WorkflowExecutionOpenCounts {
            open_activity_tasks,
            open_decision_tasks,
            open_timers,
            open_child_workflow_executions,
            open_lambda_functions: None,
        }
    }
}

setters!(WorkflowExecutionOpenCounts {
    /// Sets the open Lambda functions.
    open_lambda_functions: i32,
});

/// `CountPendingActivityTasks`: counts the activity tasks waiting on a task list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CountPendingActivityTasks {
    /// The domain the task list belongs to.
    pub domain: String,
    /// The task list.
    pub task_list: TaskList,
}

impl CountPendingActivityTasks {
    /// Counts the tasks waiting on `task_list` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        task_list: impl Into<String>,
    ) -> CountPendingActivityTasks {
        CountPendingActivityTasks {
            domain: domain.into(),
            task_list: TaskList::new(task_list),
        }
    }
}

/// `CountPendingDecisionTasks`: counts the decision tasks waiting on a task list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CountPendingDecisionTasks {
    /// The domain the task list belongs to.
    pub domain: String,
    /// The task list.
    pub task_list: TaskList,
}

impl CountPendingDecisionTasks {
    /// Counts the tasks waiting on `task_list` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        task_list: impl Into<String>,
    ) -> CountPendingDecisionTasks {
        CountPendingDecisionTasks {
            domain: domain.into(),
            task_list: TaskList::new(task_list),
        }
    }
}

/// The answer to `CountPendingActivityTasks` and `CountPendingDecisionTasks`
/// (`PendingTaskCount`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PendingTaskCount {
    /// How many tasks are waiting.
    pub count: i32,
    /// Whether SWF stopped counting before the end (the count is then a lower bound).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

impl PendingTaskCount {
    /// A count of `count`, not truncated.
    pub fn new(count: i32) -> PendingTaskCount {
        PendingTaskCount {
            count,
            truncated: None,
        }
    }
}

setters!(PendingTaskCount {
    /// Sets whether the count is truncated.
    truncated: bool,
});
