//! SWF's request and response shapes, with the service model's camelCase member names.
//!
//! Optional members are `Option`s and are left out of the JSON when `None`.

use serde::{Deserialize, Serialize};

/// A task list: where activity tasks wait for a worker (`TaskList`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskList {
    /// The task list's name.
    pub name: String,
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

/// A workflow execution: workflow id and run id (`WorkflowExecution`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowExecution {
    /// The user-given workflow id.
    pub workflow_id: String,
    /// The run id SWF gave this execution.
    pub run_id: String,
}
