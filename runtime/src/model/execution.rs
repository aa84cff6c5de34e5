//! Acting on a running execution from outside its decider: signal it, ask to cancel it,
//! terminate it.

use serde::{Deserialize, Serialize};

use super::ChildPolicy;

/// `SignalWorkflowExecution`: records `WorkflowExecutionSignaled` in an open execution's history
/// and schedules a decision task. Without `runId` the open execution with the workflow id is
/// signaled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignalWorkflowExecution {
    /// The domain the execution runs in.
    pub domain: String,
    /// The execution's workflow id.
    pub workflow_id: String,
    /// The execution's run id (at most 64 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// The signal's name (at most 256 characters).
    pub signal_name: String,
    /// The signal's input; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

impl SignalWorkflowExecution {
    /// Sends signal `signal_name` to the open execution `workflow_id` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        workflow_id: impl Into<String>,
        signal_name: impl Into<String>,
    ) -> SignalWorkflowExecution {
        SignalWorkflowExecution {
            domain: domain.into(),
            workflow_id: workflow_id.into(),
            run_id: None,
            signal_name: signal_name.into(),
            input: None,
        }
    }
}

setters!(SignalWorkflowExecution {
    /// Signals this run only.
    run_id: String,
    /// Sets the input.
    input: String,
});

/// `RequestCancelWorkflowExecution`: records `WorkflowExecutionCancelRequested` in an open
/// execution's history; its decider decides what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RequestCancelWorkflowExecution {
    /// The domain the execution runs in.
    pub domain: String,
    /// The execution's workflow id.
    pub workflow_id: String,
    /// The execution's run id (at most 64 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

impl RequestCancelWorkflowExecution {
    /// Asks to cancel the open execution `workflow_id` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        workflow_id: impl Into<String>,
    ) -> RequestCancelWorkflowExecution {
        RequestCancelWorkflowExecution {
            domain: domain.into(),
            workflow_id: workflow_id.into(),
            run_id: None,
        }
    }
}

setters!(RequestCancelWorkflowExecution {
    /// Asks to cancel this run only.
    run_id: String,
});

/// `TerminateWorkflowExecution`: closes an open execution at once; SWF records
/// `WorkflowExecutionTerminated` and applies the child policy to its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TerminateWorkflowExecution {
    /// The domain the execution runs in.
    pub domain: String,
    /// The execution's workflow id.
    pub workflow_id: String,
    /// The execution's run id (at most 64 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Why; at most 256 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Details; at most 32768 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// What happens to child executions, overriding the execution's policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_policy: Option<ChildPolicy>,
}

impl TerminateWorkflowExecution {
    /// Terminates the open execution `workflow_id` in `domain`.
    pub fn new(
        domain: impl Into<String>,
        workflow_id: impl Into<String>,
    ) -> TerminateWorkflowExecution {
        TerminateWorkflowExecution {
            domain: domain.into(),
            workflow_id: workflow_id.into(),
            run_id: None,
            reason: None,
            details: None,
            child_policy: None,
        }
    }
}

setters!(TerminateWorkflowExecution {
    /// Terminates this run only.
    run_id: String,
    /// Sets the reason.
    reason: String,
    /// Sets the details.
    details: String,
    /// Sets the child policy.
    child_policy: ChildPolicy,
});
