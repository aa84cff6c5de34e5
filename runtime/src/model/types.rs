//! Registering, describing, listing and deprecating activity and workflow types.

use serde::{Deserialize, Serialize};

use super::{ActivityType, ChildPolicy, RegistrationStatus, TaskList, WorkflowType};

/// `RegisterActivityType`: registers an activity type and the defaults SWF applies when a
/// decider schedules a task of that type without saying otherwise.
///
/// SWF answers `TypeAlreadyExistsFault` if the name and version are taken, even with the same
/// defaults; registered defaults never change (read them back with `DescribeActivityType`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RegisterActivityType {
    /// The domain to register the type in.
    pub domain: String,
    /// The type's name (SWF Name rules, at most 256 characters).
    pub name: String,
    /// The type's version (at most 64 characters).
    pub version: String,
    /// A description, at most 1024 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How long a worker may take once it has the task: seconds as a string, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_start_to_close_timeout: Option<String>,
    /// How long SWF waits between heartbeats before it times the task out: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_heartbeat_timeout: Option<String>,
    /// The task list tasks of this type go to when the decider names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_list: Option<TaskList>,
    /// The priority of tasks of this type: an integer in the `i32` range, as a string; higher
    /// runs first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_priority: Option<String>,
    /// How long a task may wait for a worker: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_schedule_to_start_timeout: Option<String>,
    /// How long a task may take from scheduling to completion: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_schedule_to_close_timeout: Option<String>,
}

impl RegisterActivityType {
    /// Registers activity type `name`, version `version` in `domain`, without defaults.
    pub fn new(
        domain: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> RegisterActivityType {
        RegisterActivityType {
            domain: domain.into(),
            name: name.into(),
            version: version.into(),
            description: None,
            default_task_start_to_close_timeout: None,
            default_task_heartbeat_timeout: None,
            default_task_list: None,
            default_task_priority: None,
            default_task_schedule_to_start_timeout: None,
            default_task_schedule_to_close_timeout: None,
        }
    }
}

setters!(RegisterActivityType {
    /// Sets the description.
    description: String,
    /// Sets the default start-to-close timeout (`"300"` or `"NONE"`).
    default_task_start_to_close_timeout: String,
    /// Sets the default heartbeat timeout (`"30"` or `"NONE"`).
    default_task_heartbeat_timeout: String,
    /// Sets the default task list.
    default_task_list: TaskList,
    /// Sets the default task priority (`"0"`, `"-5"`, ...).
    default_task_priority: String,
    /// Sets the default schedule-to-start timeout (`"60"` or `"NONE"`).
    default_task_schedule_to_start_timeout: String,
    /// Sets the default schedule-to-close timeout (`"600"` or `"NONE"`).
    default_task_schedule_to_close_timeout: String,
});

/// `DescribeActivityType`: reads an activity type's status and registered defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeActivityType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to describe.
    pub activity_type: ActivityType,
}

impl DescribeActivityType {
    /// Describes `activity_type` in `domain`.
    pub fn new(domain: impl Into<String>, activity_type: ActivityType) -> DescribeActivityType {
        DescribeActivityType {
            domain: domain.into(),
            activity_type,
        }
    }
}

/// The answer to `DescribeActivityType` (`ActivityTypeDetail`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTypeDetail {
    /// The type's name, version, status and dates.
    pub type_info: ActivityTypeInfo,
    /// The defaults registered with the type.
    pub configuration: ActivityTypeConfiguration,
}

impl ActivityTypeDetail {
    /// A detail with both parts.
    pub fn new(
        type_info: ActivityTypeInfo,
        configuration: ActivityTypeConfiguration,
    ) -> ActivityTypeDetail {
        ActivityTypeDetail {
            type_info,
            configuration,
        }
    }
}

/// An activity type's name, version, status and dates (`ActivityTypeInfo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTypeInfo {
    /// The type.
    pub activity_type: ActivityType,
    /// Whether tasks of the type can still be scheduled.
    pub status: RegistrationStatus,
    /// The description given at registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the type was registered, in seconds since the Unix epoch.
    pub creation_date: f64,
    /// When the type was deprecated, in seconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation_date: Option<f64>,
}

impl ActivityTypeInfo {
    /// Information with the required members.
    pub fn new(
        activity_type: ActivityType,
        status: RegistrationStatus,
        creation_date: f64,
    ) -> ActivityTypeInfo {
        ActivityTypeInfo {
            activity_type,
            status,
            description: None,
            creation_date,
            deprecation_date: None,
        }
    }
}

setters!(ActivityTypeInfo {
    /// Sets the description.
    description: String,
    /// Sets the deprecation date (seconds since the Unix epoch).
    deprecation_date: f64,
});

/// The defaults registered with an activity type (`ActivityTypeConfiguration`); the members
/// mean what they mean in [`RegisterActivityType`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTypeConfiguration {
    /// The default start-to-close timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_start_to_close_timeout: Option<String>,
    /// The default heartbeat timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_heartbeat_timeout: Option<String>,
    /// The default task list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_list: Option<TaskList>,
    /// The default task priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_priority: Option<String>,
    /// The default schedule-to-start timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_schedule_to_start_timeout: Option<String>,
    /// The default schedule-to-close timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_schedule_to_close_timeout: Option<String>,
}

impl ActivityTypeConfiguration {
    /// A configuration without defaults.
    pub fn new() -> ActivityTypeConfiguration {
        ActivityTypeConfiguration::default()
    }
}

setters!(ActivityTypeConfiguration {
    /// Sets the default start-to-close timeout.
    default_task_start_to_close_timeout: String,
    /// Sets the default heartbeat timeout.
    default_task_heartbeat_timeout: String,
    /// Sets the default task list.
    default_task_list: TaskList,
    /// Sets the default task priority.
    default_task_priority: String,
    /// Sets the default schedule-to-start timeout.
    default_task_schedule_to_start_timeout: String,
    /// Sets the default schedule-to-close timeout.
    default_task_schedule_to_close_timeout: String,
});

/// `DeprecateActivityType`: stops new tasks of a type from being scheduled; tasks already
/// scheduled still run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeprecateActivityType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to deprecate.
    pub activity_type: ActivityType,
}

impl DeprecateActivityType {
    /// Deprecates `activity_type` in `domain`.
    pub fn new(domain: impl Into<String>, activity_type: ActivityType) -> DeprecateActivityType {
        DeprecateActivityType {
            domain: domain.into(),
            activity_type,
        }
    }
}

/// `ListActivityTypes`: one page of the activity types in a domain with a given status, ordered
/// by name. Pass the answer's `nextPageToken` back to get the next page, or use
/// [`Client::list_activity_types_all`](crate::Client::list_activity_types_all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListActivityTypes {
    /// The domain to list.
    pub domain: String,
    /// Only types with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only types with this status.
    pub registration_status: RegistrationStatus,
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many types per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to list in descending order of name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
}

impl ListActivityTypes {
    /// Lists the types in `domain` with status `registration_status`.
    pub fn new(
        domain: impl Into<String>,
        registration_status: RegistrationStatus,
    ) -> ListActivityTypes {
        ListActivityTypes {
            domain: domain.into(),
            name: None,
            registration_status,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
        }
    }
}

setters!(ListActivityTypes {
    /// Only lists types with this name.
    name: String,
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Lists in descending order of name.
    reverse_order: bool,
});

/// One page of `ListActivityTypes` (`ActivityTypeInfos`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ActivityTypeInfos {
    /// The types on this page.
    pub type_infos: Vec<ActivityTypeInfo>,
    /// The token for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

impl ActivityTypeInfos {
    /// A page with `type_infos` and no next page.
    pub fn new(type_infos: Vec<ActivityTypeInfo>) -> ActivityTypeInfos {
        ActivityTypeInfos {
            type_infos,
            next_page_token: None,
        }
    }
}

setters!(ActivityTypeInfos {
    /// Sets the token for the next page.
    next_page_token: String,
});

/// `RegisterWorkflowType`: registers a workflow type and the defaults SWF applies when an
/// execution of it is started without saying otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RegisterWorkflowType {
    /// The domain to register the type in.
    pub domain: String,
    /// The type's name (SWF Name rules, at most 256 characters).
    pub name: String,
    /// The type's version (at most 64 characters).
    pub version: String,
    /// A description, at most 1024 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How long a decider may take with a decision task: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_start_to_close_timeout: Option<String>,
    /// How long an execution may run: seconds, or `NONE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_execution_start_to_close_timeout: Option<String>,
    /// The task list decision tasks go to when the execution names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_list: Option<TaskList>,
    /// The priority of decision tasks: an integer in the `i32` range, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_priority: Option<String>,
    /// What happens to child executions when an execution closes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_child_policy: Option<ChildPolicy>,
    /// The IAM role SWF assumes to invoke Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_lambda_role: Option<String>,
}

impl RegisterWorkflowType {
    /// Registers workflow type `name`, version `version` in `domain`, without defaults.
    pub fn new(
        domain: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> RegisterWorkflowType {
        RegisterWorkflowType {
            domain: domain.into(),
            name: name.into(),
            version: version.into(),
            description: None,
            default_task_start_to_close_timeout: None,
            default_execution_start_to_close_timeout: None,
            default_task_list: None,
            default_task_priority: None,
            default_child_policy: None,
            default_lambda_role: None,
        }
    }
}

setters!(RegisterWorkflowType {
    /// Sets the description.
    description: String,
    /// Sets the default decision task start-to-close timeout.
    default_task_start_to_close_timeout: String,
    /// Sets the default execution start-to-close timeout.
    default_execution_start_to_close_timeout: String,
    /// Sets the default task list for decision tasks.
    default_task_list: TaskList,
    /// Sets the default decision task priority.
    default_task_priority: String,
    /// Sets the default child policy.
    default_child_policy: ChildPolicy,
    /// Sets the default IAM role for Lambda functions.
    default_lambda_role: String,
});

/// `UndeprecateActivityType`: lets tasks of a deprecated activity type be scheduled again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UndeprecateActivityType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to undeprecate.
    pub activity_type: ActivityType,
}

impl UndeprecateActivityType {
    /// Undeprecates `activity_type` in `domain`.
    pub fn new(domain: impl Into<String>, activity_type: ActivityType) -> UndeprecateActivityType {
        UndeprecateActivityType {
            domain: domain.into(),
            activity_type,
        }
    }
}

/// `DeleteActivityType`: deletes a deprecated activity type; SWF answers
/// `TypeNotDeprecatedFault` for one still registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeleteActivityType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to delete.
    pub activity_type: ActivityType,
}

impl DeleteActivityType {
    /// Deletes `activity_type` in `domain`.
    pub fn new(domain: impl Into<String>, activity_type: ActivityType) -> DeleteActivityType {
        DeleteActivityType {
            domain: domain.into(),
            activity_type,
        }
    }
}

/// `DescribeWorkflowType`: reads a workflow type's status and registered defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DescribeWorkflowType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to describe.
    pub workflow_type: WorkflowType,
}

impl DescribeWorkflowType {
    /// Describes `workflow_type` in `domain`.
    pub fn new(domain: impl Into<String>, workflow_type: WorkflowType) -> DescribeWorkflowType {
        DescribeWorkflowType {
            domain: domain.into(),
            workflow_type,
        }
    }
}

/// The answer to `DescribeWorkflowType` (`WorkflowTypeDetail`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowTypeDetail {
    /// The type's name, version, status and dates.
    pub type_info: WorkflowTypeInfo,
    /// The defaults registered with the type.
    pub configuration: WorkflowTypeConfiguration,
}

impl WorkflowTypeDetail {
    /// A detail with both parts.
    pub fn new(
        type_info: WorkflowTypeInfo,
        configuration: WorkflowTypeConfiguration,
    ) -> WorkflowTypeDetail {
        WorkflowTypeDetail {
            type_info,
            configuration,
        }
    }
}

/// A workflow type's name, version, status and dates (`WorkflowTypeInfo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowTypeInfo {
    /// The type.
    pub workflow_type: WorkflowType,
    /// Whether executions of the type can still be started.
    pub status: RegistrationStatus,
    /// The description given at registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the type was registered, in seconds since the Unix epoch.
    pub creation_date: f64,
    /// When the type was deprecated, in seconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation_date: Option<f64>,
}

impl WorkflowTypeInfo {
    /// Information with the required members.
    pub fn new(
        workflow_type: WorkflowType,
        status: RegistrationStatus,
        creation_date: f64,
    ) -> WorkflowTypeInfo {
        WorkflowTypeInfo {
            workflow_type,
            status,
            description: None,
            creation_date,
            deprecation_date: None,
        }
    }
}

setters!(WorkflowTypeInfo {
    /// Sets the description.
    description: String,
    /// Sets the deprecation date (seconds since the Unix epoch).
    deprecation_date: f64,
});

/// The defaults registered with a workflow type (`WorkflowTypeConfiguration`); the members mean
/// what they mean in [`RegisterWorkflowType`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowTypeConfiguration {
    /// The default decision task start-to-close timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_start_to_close_timeout: Option<String>,
    /// The default execution start-to-close timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_execution_start_to_close_timeout: Option<String>,
    /// The default task list for decision tasks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_list: Option<TaskList>,
    /// The default decision task priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_task_priority: Option<String>,
    /// The default child policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_child_policy: Option<ChildPolicy>,
    /// The default IAM role for Lambda functions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_lambda_role: Option<String>,
}

impl WorkflowTypeConfiguration {
    /// A configuration without defaults.
    pub fn new() -> WorkflowTypeConfiguration {
        WorkflowTypeConfiguration::default()
    }
}

setters!(WorkflowTypeConfiguration {
    /// Sets the default decision task start-to-close timeout.
    default_task_start_to_close_timeout: String,
    /// Sets the default execution start-to-close timeout.
    default_execution_start_to_close_timeout: String,
    /// Sets the default task list for decision tasks.
    default_task_list: TaskList,
    /// Sets the default decision task priority.
    default_task_priority: String,
    /// Sets the default child policy.
    default_child_policy: ChildPolicy,
    /// Sets the default IAM role for Lambda functions.
    default_lambda_role: String,
});

/// `ListWorkflowTypes`: one page of the workflow types in a domain with a given status, ordered
/// by name. Pass the answer's `nextPageToken` back for the next page, or use
/// [`Client::list_workflow_types_all`](crate::Client::list_workflow_types_all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListWorkflowTypes {
    /// The domain to list.
    pub domain: String,
    /// Only types with this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only types with this status.
    pub registration_status: RegistrationStatus,
    /// The token from the previous page's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// At most this many types per page (0 to 1000; 0 or absent means 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_page_size: Option<i32>,
    /// Whether to list in descending order of name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse_order: Option<bool>,
}

impl ListWorkflowTypes {
    /// Lists the workflow types in `domain` with status `registration_status`.
    pub fn new(
        domain: impl Into<String>,
        registration_status: RegistrationStatus,
    ) -> ListWorkflowTypes {
        ListWorkflowTypes {
            domain: domain.into(),
            name: None,
            registration_status,
            next_page_token: None,
            maximum_page_size: None,
            reverse_order: None,
        }
    }
}

setters!(ListWorkflowTypes {
    /// Only lists types with this name.
    name: String,
    /// Asks for the page after the one that returned this token.
    next_page_token: String,
    /// Sets the page size (0 to 1000).
    maximum_page_size: i32,
    /// Lists in descending order of name.
    reverse_order: bool,
});

/// One page of `ListWorkflowTypes` (`WorkflowTypeInfos`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WorkflowTypeInfos {
    /// The types on this page.
    pub type_infos: Vec<WorkflowTypeInfo>,
    /// The token for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

impl WorkflowTypeInfos {
    /// A page with `type_infos` and no next page.
    pub fn new(type_infos: Vec<WorkflowTypeInfo>) -> WorkflowTypeInfos {
        WorkflowTypeInfos {
            type_infos,
            next_page_token: None,
        }
    }
}

setters!(WorkflowTypeInfos {
    /// Sets the token for the next page.
    next_page_token: String,
});

/// `DeprecateWorkflowType`: stops new executions of a workflow type from being
/// started; running executions continue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeprecateWorkflowType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to deprecate.
    pub workflow_type: WorkflowType,
}

impl DeprecateWorkflowType {
    /// Deprecates `workflow_type` in `domain`.
    pub fn new(domain: impl Into<String>, workflow_type: WorkflowType) -> DeprecateWorkflowType {
        DeprecateWorkflowType {
            domain: domain.into(),
            workflow_type,
        }
    }
}

/// `UndeprecateWorkflowType`: lets executions of a deprecated workflow type be started
/// again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UndeprecateWorkflowType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to undeprecate.
    pub workflow_type: WorkflowType,
}

impl UndeprecateWorkflowType {
    /// Undeprecates `workflow_type` in `domain`.
    pub fn new(domain: impl Into<String>, workflow_type: WorkflowType) -> UndeprecateWorkflowType {
        UndeprecateWorkflowType {
            domain: domain.into(),
            workflow_type,
        }
    }
}

/// `DeleteWorkflowType`: deletes a deprecated workflow type; SWF answers
/// `TypeNotDeprecatedFault` for one still registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DeleteWorkflowType {
    /// The domain the type is registered in.
    pub domain: String,
    /// The type to delete.
    pub workflow_type: WorkflowType,
}

impl DeleteWorkflowType {
    /// Deletes `workflow_type` in `domain`.
    pub fn new(domain: impl Into<String>, workflow_type: WorkflowType) -> DeleteWorkflowType {
        DeleteWorkflowType {
            domain: domain.into(),
            workflow_type,
        }
    }
}
