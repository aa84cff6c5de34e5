//! SWF's request and response shapes, with the service model's camelCase member names.
//!
//! The shapes follow SWF's service model (`swf` 2012-01-25, as published in botocore): member
//! names, which members are required and their types. Required members are plain fields, optional
//! members are `Option`s and are left out of the JSON when `None`. Every shape is both
//! `Serialize` and `Deserialize`, so the same types serve a client and a local SWF endpoint.
//!
//! Requests are `#[non_exhaustive]`: build them with `new` (the required members) and the
//! builder-style setters (the optional ones), e.g.
//! `RespondActivityTaskFailed::new(token).reason("card declined").details("{}")`.
//! [`Client`](crate::Client) checks every request against SWF's rules before sending it.
//!
//! Enumerations (such as [`EventType`]) keep values this crate does not know as `Unknown`, so a
//! newer service never breaks deserialization; unknown members of a structure are ignored.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines a string enumeration of the service model with an `Unknown(String)` fallback, so that
/// values SWF adds later still deserialize (and serialize back unchanged).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this crate does not know, kept as SWF sent it.
            Unknown(String),
        }

        impl $name {
            /// The value as SWF spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> $name {
                match value {
                    $( $wire => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<$name, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let value = <String as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Ok($name::from(value.as_str()))
            }
        }
    };
}

/// Builder-style setters for optional members: `fn member(self, value: impl Into<T>) -> Self`.
macro_rules! setters {
    ($ty:ident { $( $(#[$doc:meta])* $field:ident: $t:ty, )* }) => {
        impl $ty {
            $(
                $(#[$doc])*
                pub fn $field(mut self, value: impl Into<$t>) -> $ty {
                    self.$field = Some(value.into());
                    self
                }
            )*
        }
    };
}

mod activity;
mod domain;
mod enums;
mod execution;
mod history;
mod tags;
mod types;
mod visibility;
mod workflow;

pub use activity::{
    ActivityTask, ActivityTaskStatus, PollForActivityTask, RecordActivityTaskHeartbeat,
    RespondActivityTaskCanceled, RespondActivityTaskCompleted, RespondActivityTaskFailed,
};
pub use domain::{
    DeprecateDomain, DescribeDomain, DomainConfiguration, DomainDetail, DomainInfo, DomainInfos,
    ListDomains, RegisterDomain, ResourceTag, UndeprecateDomain,
};
pub use enums::{
    ActivityTaskTimeoutType, CancelTimerFailedCause, CancelWorkflowExecutionFailedCause,
    ChildPolicy, CloseStatus, CompleteWorkflowExecutionFailedCause,
    ContinueAsNewWorkflowExecutionFailedCause, DecisionTaskTimeoutType, DecisionType, EventType,
    ExecutionStatus, FailWorkflowExecutionFailedCause, LambdaFunctionTimeoutType,
    RecordMarkerFailedCause, RegistrationStatus, RequestCancelActivityTaskFailedCause,
    RequestCancelExternalWorkflowExecutionFailedCause, ScheduleActivityTaskFailedCause,
    ScheduleLambdaFunctionFailedCause, SignalExternalWorkflowExecutionFailedCause,
    StartChildWorkflowExecutionFailedCause, StartLambdaFunctionFailedCause, StartTimerFailedCause,
    WorkflowExecutionCancelRequestedCause, WorkflowExecutionTerminatedCause,
    WorkflowExecutionTimeoutType,
};
pub use execution::{
    RequestCancelWorkflowExecution, SignalWorkflowExecution, TerminateWorkflowExecution,
};
pub use history::{
    ActivityTaskCancelRequestedEventAttributes, ActivityTaskCanceledEventAttributes,
    ActivityTaskCompletedEventAttributes, ActivityTaskFailedEventAttributes,
    ActivityTaskScheduledEventAttributes, ActivityTaskStartedEventAttributes,
    ActivityTaskTimedOutEventAttributes, CancelTimerFailedEventAttributes,
    CancelWorkflowExecutionFailedEventAttributes, ChildWorkflowExecutionCanceledEventAttributes,
    ChildWorkflowExecutionCompletedEventAttributes, ChildWorkflowExecutionFailedEventAttributes,
    ChildWorkflowExecutionStartedEventAttributes, ChildWorkflowExecutionTerminatedEventAttributes,
    ChildWorkflowExecutionTimedOutEventAttributes, CompleteWorkflowExecutionFailedEventAttributes,
    ContinueAsNewWorkflowExecutionFailedEventAttributes, DecisionTaskCompletedEventAttributes,
    DecisionTaskScheduledEventAttributes, DecisionTaskStartedEventAttributes,
    DecisionTaskTimedOutEventAttributes, ExternalWorkflowExecutionCancelRequestedEventAttributes,
    ExternalWorkflowExecutionSignaledEventAttributes, FailWorkflowExecutionFailedEventAttributes,
    GetWorkflowExecutionHistory, History, HistoryEvent, LambdaFunctionCompletedEventAttributes,
    LambdaFunctionFailedEventAttributes, LambdaFunctionScheduledEventAttributes,
    LambdaFunctionStartedEventAttributes, LambdaFunctionTimedOutEventAttributes,
    MarkerRecordedEventAttributes, RecordMarkerFailedEventAttributes,
    RequestCancelActivityTaskFailedEventAttributes,
    RequestCancelExternalWorkflowExecutionFailedEventAttributes,
    RequestCancelExternalWorkflowExecutionInitiatedEventAttributes,
    ScheduleActivityTaskFailedEventAttributes, ScheduleLambdaFunctionFailedEventAttributes,
    SignalExternalWorkflowExecutionFailedEventAttributes,
    SignalExternalWorkflowExecutionInitiatedEventAttributes,
    StartChildWorkflowExecutionFailedEventAttributes,
    StartChildWorkflowExecutionInitiatedEventAttributes, StartLambdaFunctionFailedEventAttributes,
    StartTimerFailedEventAttributes, TimerCanceledEventAttributes, TimerFiredEventAttributes,
    TimerStartedEventAttributes, WorkflowExecutionCancelRequestedEventAttributes,
    WorkflowExecutionCanceledEventAttributes, WorkflowExecutionCompletedEventAttributes,
    WorkflowExecutionContinuedAsNewEventAttributes, WorkflowExecutionFailedEventAttributes,
    WorkflowExecutionSignaledEventAttributes, WorkflowExecutionStartedEventAttributes,
    WorkflowExecutionTerminatedEventAttributes, WorkflowExecutionTimedOutEventAttributes,
};
pub use tags::{ListTagsForResource, ListTagsForResourceOutput, TagResource, UntagResource};
pub use types::{
    ActivityTypeConfiguration, ActivityTypeDetail, ActivityTypeInfo, ActivityTypeInfos,
    DeleteActivityType, DeleteWorkflowType, DeprecateActivityType, DeprecateWorkflowType,
    DescribeActivityType, DescribeWorkflowType, ListActivityTypes, ListWorkflowTypes,
    RegisterActivityType, RegisterWorkflowType, UndeprecateActivityType, UndeprecateWorkflowType,
    WorkflowTypeConfiguration, WorkflowTypeDetail, WorkflowTypeInfo, WorkflowTypeInfos,
};
pub use visibility::{
    CloseStatusFilter, CountClosedWorkflowExecutions, CountOpenWorkflowExecutions,
    CountPendingActivityTasks, CountPendingDecisionTasks, DescribeWorkflowExecution,
    ExecutionTimeFilter, ListClosedWorkflowExecutions, ListOpenWorkflowExecutions,
    PendingTaskCount, TagFilter, WorkflowExecutionConfiguration, WorkflowExecutionCount,
    WorkflowExecutionDetail, WorkflowExecutionFilter, WorkflowExecutionInfo,
    WorkflowExecutionInfos, WorkflowExecutionOpenCounts, WorkflowTypeFilter,
};
pub use workflow::{
    CancelTimerDecisionAttributes, CancelWorkflowExecutionDecisionAttributes,
    CompleteWorkflowExecutionDecisionAttributes, ContinueAsNewWorkflowExecutionDecisionAttributes,
    Decision, DecisionTask, FailWorkflowExecutionDecisionAttributes, PollForDecisionTask,
    RecordMarkerDecisionAttributes, RequestCancelActivityTaskDecisionAttributes,
    RequestCancelExternalWorkflowExecutionDecisionAttributes, RespondDecisionTaskCompleted, Run,
    ScheduleActivityTaskDecisionAttributes, ScheduleLambdaFunctionDecisionAttributes,
    SignalExternalWorkflowExecutionDecisionAttributes,
    StartChildWorkflowExecutionDecisionAttributes, StartTimerDecisionAttributes,
    StartWorkflowExecution,
};

/// A task list: where activity tasks wait for a worker (`TaskList`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    /// The task list's name.
    pub name: String,
}

impl TaskList {
    /// The task list called `name`.
    pub fn new(name: impl Into<String>) -> TaskList {
        TaskList { name: name.into() }
    }
}

impl From<&str> for TaskList {
    fn from(name: &str) -> TaskList {
        TaskList::new(name)
    }
}

impl From<String> for TaskList {
    fn from(name: String) -> TaskList {
        TaskList::new(name)
    }
}

/// An activity type: name and version (`ActivityType`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityType {
    /// The type's name.
    pub name: String,
    /// The type's version.
    pub version: String,
}

impl ActivityType {
    /// The activity type `name`, version `version`.
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> ActivityType {
        ActivityType {
            name: name.into(),
            version: version.into(),
        }
    }
}

/// A workflow execution: workflow id and run id (`WorkflowExecution`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowExecution {
    /// The user-given workflow id.
    pub workflow_id: String,
    /// The run id SWF gave this execution.
    pub run_id: String,
}

impl WorkflowExecution {
    /// The execution `run_id` of workflow `workflow_id`.
    pub fn new(workflow_id: impl Into<String>, run_id: impl Into<String>) -> WorkflowExecution {
        WorkflowExecution {
            workflow_id: workflow_id.into(),
            run_id: run_id.into(),
        }
    }
}

/// A workflow type: name and version (`WorkflowType`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowType {
    /// The type's name.
    pub name: String,
    /// The type's version.
    pub version: String,
}

impl WorkflowType {
    /// The workflow type `name`, version `version`.
    pub fn new(name: impl Into<String>, version: impl Into<String>) -> WorkflowType {
        WorkflowType {
            name: name.into(),
            version: version.into(),
        }
    }
}

/// The opaque token SWF hands out with a task and expects back in every answer to it
/// (`TaskToken`, 1 to 1024 characters).
///
/// Whoever holds the token can complete, fail or cancel the task, so `Debug` prints
/// `TaskToken(<redacted>)` and there is no `Display`; use [`TaskToken::as_str`] where the
/// token itself is needed.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskToken(String);

impl TaskToken {
    /// Wraps a token as SWF sent it.
    pub fn new(token: impl Into<String>) -> TaskToken {
        TaskToken(token.into())
    }

    /// The token as it goes on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for TaskToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TaskToken(<redacted>)")
    }
}

impl From<String> for TaskToken {
    fn from(token: String) -> TaskToken {
        TaskToken(token)
    }
}

impl From<&str> for TaskToken {
    fn from(token: &str) -> TaskToken {
        TaskToken(token.to_owned())
    }
}

impl From<&TaskToken> for TaskToken {
    fn from(token: &TaskToken) -> TaskToken {
        token.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_token_is_redacted_in_debug() {
        let token = TaskToken::new("secret-token");
        assert_eq!(format!("{token:?}"), "TaskToken(<redacted>)");
        let task = RespondActivityTaskFailed::new("secret-token").reason("r");
        assert!(!format!("{task:?}").contains("secret-token"));
    }

    #[test]
    fn unknown_enum_values_round_trip() {
        let t: EventType = serde_json::from_str("\"SomethingNew\"").expect("deserializes");
        assert_eq!(t, EventType::Unknown("SomethingNew".to_owned()));
        assert_eq!(
            serde_json::to_string(&t).expect("serializes"),
            "\"SomethingNew\""
        );
        let t: EventType = serde_json::from_str("\"ActivityTaskFailed\"").expect("deserializes");
        assert_eq!(t, EventType::ActivityTaskFailed);
    }
}
