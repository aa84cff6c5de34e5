//! The client's operations and enumerations by their service-model names, for tests that check
//! them against SWF's service model (`tests/tests/botocore_model.rs`). Not a stable API.
//!
//! Each operation is registered through its (crate-private) `Operation` implementation, so the
//! name, the request type, its validation and the output type are the ones the client sends and
//! reads: nothing here restates the model.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Operation;
use crate::model::{self as m};

/// Deserializes a JSON value into a Rust type and serializes it back.
pub type RoundTrip = fn(&Value) -> Result<Value, String>;

/// One operation of the client.
#[derive(Debug, Clone, Copy)]
pub struct OperationEntry {
    /// The operation's name, `Operation::NAME` (`X-Amz-Target: SimpleWorkflowService.<NAME>`).
    pub name: &'static str,
    /// Deserializes a request into the client's request type and serializes it back.
    pub input: RoundTrip,
    /// Deserializes a request and checks it as the client does before sending it; `Err` is
    /// the client's message.
    pub validate: fn(&Value) -> Result<(), String>,
    /// Deserializes an answer as the client reads it and serializes it back; `None` for an
    /// operation whose answer the client ignores (an empty body).
    pub output: Option<RoundTrip>,
}

/// One string enumeration of the model.
#[derive(Debug, Clone, Copy)]
pub struct EnumEntry {
    /// The enumeration's name in the service model.
    pub name: &'static str,
    /// Deserializes a value and serializes it back; `Err` when the value is not one the
    /// enumeration knows (it would be kept as `Unknown`).
    pub known: fn(&str) -> Result<String, String>,
}

fn round_trip<T: Serialize + DeserializeOwned>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn validate<O: Operation + DeserializeOwned>(value: &Value) -> Result<(), String> {
    let request: O = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    request.validate().map_err(|e| e.message().to_owned())
}

fn entry<O>() -> OperationEntry
where
    O: Operation + DeserializeOwned + 'static,
    O::Output: Serialize + 'static,
{
    let empty = std::any::TypeId::of::<O::Output>() == std::any::TypeId::of::<()>();
    OperationEntry {
        name: O::NAME,
        input: round_trip::<O>,
        validate: validate::<O>,
        output: (!empty).then_some(round_trip::<O::Output> as RoundTrip),
    }
}

/// Every operation the client has.
pub fn operations() -> Vec<OperationEntry> {
    vec![
        entry::<m::CountClosedWorkflowExecutions>(),
        entry::<m::CountOpenWorkflowExecutions>(),
        entry::<m::CountPendingActivityTasks>(),
        entry::<m::CountPendingDecisionTasks>(),
        entry::<m::DeleteActivityType>(),
        entry::<m::DeleteWorkflowType>(),
        entry::<m::DeprecateActivityType>(),
        entry::<m::DeprecateDomain>(),
        entry::<m::DeprecateWorkflowType>(),
        entry::<m::DescribeActivityType>(),
        entry::<m::DescribeDomain>(),
        entry::<m::DescribeWorkflowExecution>(),
        entry::<m::DescribeWorkflowType>(),
        entry::<m::GetWorkflowExecutionHistory>(),
        entry::<m::ListActivityTypes>(),
        entry::<m::ListClosedWorkflowExecutions>(),
        entry::<m::ListDomains>(),
        entry::<m::ListOpenWorkflowExecutions>(),
        entry::<m::ListTagsForResource>(),
        entry::<m::ListWorkflowTypes>(),
        entry::<m::PollForActivityTask>(),
        entry::<m::PollForDecisionTask>(),
        entry::<m::RecordActivityTaskHeartbeat>(),
        entry::<m::RegisterActivityType>(),
        entry::<m::RegisterDomain>(),
        entry::<m::RegisterWorkflowType>(),
        entry::<m::RequestCancelWorkflowExecution>(),
        entry::<m::RespondActivityTaskCanceled>(),
        entry::<m::RespondActivityTaskCompleted>(),
        entry::<m::RespondActivityTaskFailed>(),
        entry::<m::RespondDecisionTaskCompleted>(),
        entry::<m::SignalWorkflowExecution>(),
        entry::<m::StartWorkflowExecution>(),
        entry::<m::TagResource>(),
        entry::<m::TerminateWorkflowExecution>(),
        entry::<m::UndeprecateActivityType>(),
        entry::<m::UndeprecateDomain>(),
        entry::<m::UndeprecateWorkflowType>(),
        entry::<m::UntagResource>(),
    ]
}

/// Registers string enumerations by their model name (the Rust type's name).
macro_rules! enums {
    ($($name:ident),* $(,)?) => {
        vec![$(EnumEntry {
            name: stringify!($name),
            known: |value| {
                let parsed: m::$name = serde_json::from_value(Value::from(value))
                    .map_err(|e| e.to_string())?;
                if let m::$name::Unknown(other) = &parsed {
                    return Err(format!("`{other}` is not a known {}", stringify!($name)));
                }
                serde_json::to_value(&parsed)
                    .map_err(|e| e.to_string())?
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| "not serialized as a string".to_owned())
            },
        }),*]
    };
}

/// Every string enumeration the crate has.
pub fn enums() -> Vec<EnumEntry> {
    enums![
        ActivityTaskTimeoutType,
        CancelTimerFailedCause,
        CancelWorkflowExecutionFailedCause,
        ChildPolicy,
        CloseStatus,
        CompleteWorkflowExecutionFailedCause,
        ContinueAsNewWorkflowExecutionFailedCause,
        DecisionTaskTimeoutType,
        DecisionType,
        EventType,
        ExecutionStatus,
        FailWorkflowExecutionFailedCause,
        LambdaFunctionTimeoutType,
        RecordMarkerFailedCause,
        RegistrationStatus,
        RequestCancelActivityTaskFailedCause,
        RequestCancelExternalWorkflowExecutionFailedCause,
        ScheduleActivityTaskFailedCause,
        ScheduleLambdaFunctionFailedCause,
        SignalExternalWorkflowExecutionFailedCause,
        StartChildWorkflowExecutionFailedCause,
        StartLambdaFunctionFailedCause,
        StartTimerFailedCause,
        WorkflowExecutionCancelRequestedCause,
        WorkflowExecutionTerminatedCause,
        WorkflowExecutionTimeoutType,
    ]
}
