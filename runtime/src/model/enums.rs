//! The service model's string enumerations. Each keeps unknown values as `Unknown(String)`.

string_enum! {
    /// Whether a domain or type may be used (`RegistrationStatus`).
    pub enum RegistrationStatus {
        /// `REGISTERED`: in use; new tasks and executions may be started.
        Registered = "REGISTERED",
        /// `DEPRECATED`: nothing new may be started; what is running continues.
        Deprecated = "DEPRECATED",
    }
}

string_enum! {
    /// What happens to child executions when their parent closes (`ChildPolicy`).
    pub enum ChildPolicy {
        /// `TERMINATE`: children are terminated.
        Terminate = "TERMINATE",
        /// `REQUEST_CANCEL`: children get a cancel request (`WorkflowExecutionCancelRequested`).
        RequestCancel = "REQUEST_CANCEL",
        /// `ABANDON`: children keep running.
        Abandon = "ABANDON",
    }
}

string_enum! {
    /// Which timeout an activity task hit (`ActivityTaskTimeoutType`).
    pub enum ActivityTaskTimeoutType {
        /// `START_TO_CLOSE`.
        StartToClose = "START_TO_CLOSE",
        /// `SCHEDULE_TO_START`.
        ScheduleToStart = "SCHEDULE_TO_START",
        /// `SCHEDULE_TO_CLOSE`.
        ScheduleToClose = "SCHEDULE_TO_CLOSE",
        /// `HEARTBEAT`.
        Heartbeat = "HEARTBEAT",
    }
}

string_enum! {
    /// Which timeout a decision task hit (`DecisionTaskTimeoutType`).
    pub enum DecisionTaskTimeoutType {
        /// `START_TO_CLOSE`.
        StartToClose = "START_TO_CLOSE",
        /// `SCHEDULE_TO_START`.
        ScheduleToStart = "SCHEDULE_TO_START",
    }
}

string_enum! {
    /// Which timeout a workflow execution hit (`WorkflowExecutionTimeoutType`).
    pub enum WorkflowExecutionTimeoutType {
        /// `START_TO_CLOSE`.
        StartToClose = "START_TO_CLOSE",
    }
}

string_enum! {
    /// Why a workflow execution was terminated (`WorkflowExecutionTerminatedCause`).
    pub enum WorkflowExecutionTerminatedCause {
        /// `CHILD_POLICY_APPLIED`.
        ChildPolicyApplied = "CHILD_POLICY_APPLIED",
        /// `EVENT_LIMIT_EXCEEDED`.
        EventLimitExceeded = "EVENT_LIMIT_EXCEEDED",
        /// `OPERATOR_INITIATED`.
        OperatorInitiated = "OPERATOR_INITIATED",
    }
}

string_enum! {
    /// Why cancelling a workflow execution was requested (`WorkflowExecutionCancelRequestedCause`).
    pub enum WorkflowExecutionCancelRequestedCause {
        /// `CHILD_POLICY_APPLIED`.
        ChildPolicyApplied = "CHILD_POLICY_APPLIED",
    }
}

string_enum! {
    /// Why a `ScheduleActivityTask` decision failed (`ScheduleActivityTaskFailedCause`).
    pub enum ScheduleActivityTaskFailedCause {
        /// `ACTIVITY_TYPE_DEPRECATED`.
        ActivityTypeDeprecated = "ACTIVITY_TYPE_DEPRECATED",
        /// `ACTIVITY_TYPE_DOES_NOT_EXIST`.
        ActivityTypeDoesNotExist = "ACTIVITY_TYPE_DOES_NOT_EXIST",
        /// `ACTIVITY_ID_ALREADY_IN_USE`.
        ActivityIdAlreadyInUse = "ACTIVITY_ID_ALREADY_IN_USE",
        /// `OPEN_ACTIVITIES_LIMIT_EXCEEDED`.
        OpenActivitiesLimitExceeded = "OPEN_ACTIVITIES_LIMIT_EXCEEDED",
        /// `ACTIVITY_CREATION_RATE_EXCEEDED`.
        ActivityCreationRateExceeded = "ACTIVITY_CREATION_RATE_EXCEEDED",
        /// `DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED`.
        DefaultScheduleToCloseTimeoutUndefined = "DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_TASK_LIST_UNDEFINED`.
        DefaultTaskListUndefined = "DEFAULT_TASK_LIST_UNDEFINED",
        /// `DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED`.
        DefaultScheduleToStartTimeoutUndefined = "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED",
        /// `DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED`.
        DefaultStartToCloseTimeoutUndefined = "DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED`.
        DefaultHeartbeatTimeoutUndefined = "DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED",
        /// `OPERATION_NOT_PERMITTED`.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `RequestCancelActivityTask` decision failed (`RequestCancelActivityTaskFailedCause`).
    pub enum RequestCancelActivityTaskFailedCause {
        /// `ACTIVITY_ID_UNKNOWN`.
        ActivityIdUnknown = "ACTIVITY_ID_UNKNOWN",
        /// `OPERATION_NOT_PERMITTED`.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// What a decision asks SWF to do (`DecisionType`).
    pub enum DecisionType {
        /// `ScheduleActivityTask`.
        ScheduleActivityTask = "ScheduleActivityTask",
        /// `RequestCancelActivityTask`.
        RequestCancelActivityTask = "RequestCancelActivityTask",
        /// `CompleteWorkflowExecution`.
        CompleteWorkflowExecution = "CompleteWorkflowExecution",
        /// `FailWorkflowExecution`.
        FailWorkflowExecution = "FailWorkflowExecution",
        /// `CancelWorkflowExecution`.
        CancelWorkflowExecution = "CancelWorkflowExecution",
        /// `ContinueAsNewWorkflowExecution`.
        ContinueAsNewWorkflowExecution = "ContinueAsNewWorkflowExecution",
        /// `RecordMarker`.
        RecordMarker = "RecordMarker",
        /// `StartTimer`.
        StartTimer = "StartTimer",
        /// `CancelTimer`.
        CancelTimer = "CancelTimer",
        /// `SignalExternalWorkflowExecution`.
        SignalExternalWorkflowExecution = "SignalExternalWorkflowExecution",
        /// `RequestCancelExternalWorkflowExecution`.
        RequestCancelExternalWorkflowExecution = "RequestCancelExternalWorkflowExecution",
        /// `StartChildWorkflowExecution`.
        StartChildWorkflowExecution = "StartChildWorkflowExecution",
        /// `ScheduleLambdaFunction`.
        ScheduleLambdaFunction = "ScheduleLambdaFunction",
    }
}

string_enum! {
    /// What a history event records (`EventType`).
    pub enum EventType {
        /// `WorkflowExecutionStarted`.
        WorkflowExecutionStarted = "WorkflowExecutionStarted",
        /// `WorkflowExecutionCancelRequested`.
        WorkflowExecutionCancelRequested = "WorkflowExecutionCancelRequested",
        /// `WorkflowExecutionCompleted`.
        WorkflowExecutionCompleted = "WorkflowExecutionCompleted",
        /// `CompleteWorkflowExecutionFailed`.
        CompleteWorkflowExecutionFailed = "CompleteWorkflowExecutionFailed",
        /// `WorkflowExecutionFailed`.
        WorkflowExecutionFailed = "WorkflowExecutionFailed",
        /// `FailWorkflowExecutionFailed`.
        FailWorkflowExecutionFailed = "FailWorkflowExecutionFailed",
        /// `WorkflowExecutionTimedOut`.
        WorkflowExecutionTimedOut = "WorkflowExecutionTimedOut",
        /// `WorkflowExecutionCanceled`.
        WorkflowExecutionCanceled = "WorkflowExecutionCanceled",
        /// `CancelWorkflowExecutionFailed`.
        CancelWorkflowExecutionFailed = "CancelWorkflowExecutionFailed",
        /// `WorkflowExecutionContinuedAsNew`.
        WorkflowExecutionContinuedAsNew = "WorkflowExecutionContinuedAsNew",
        /// `ContinueAsNewWorkflowExecutionFailed`.
        ContinueAsNewWorkflowExecutionFailed = "ContinueAsNewWorkflowExecutionFailed",
        /// `WorkflowExecutionTerminated`.
        WorkflowExecutionTerminated = "WorkflowExecutionTerminated",
        /// `DecisionTaskScheduled`.
        DecisionTaskScheduled = "DecisionTaskScheduled",
        /// `DecisionTaskStarted`.
        DecisionTaskStarted = "DecisionTaskStarted",
        /// `DecisionTaskCompleted`.
        DecisionTaskCompleted = "DecisionTaskCompleted",
        /// `DecisionTaskTimedOut`.
        DecisionTaskTimedOut = "DecisionTaskTimedOut",
        /// `ActivityTaskScheduled`.
        ActivityTaskScheduled = "ActivityTaskScheduled",
        /// `ScheduleActivityTaskFailed`.
        ScheduleActivityTaskFailed = "ScheduleActivityTaskFailed",
        /// `ActivityTaskStarted`.
        ActivityTaskStarted = "ActivityTaskStarted",
        /// `ActivityTaskCompleted`.
        ActivityTaskCompleted = "ActivityTaskCompleted",
        /// `ActivityTaskFailed`.
        ActivityTaskFailed = "ActivityTaskFailed",
        /// `ActivityTaskTimedOut`.
        ActivityTaskTimedOut = "ActivityTaskTimedOut",
        /// `ActivityTaskCanceled`.
        ActivityTaskCanceled = "ActivityTaskCanceled",
        /// `ActivityTaskCancelRequested`.
        ActivityTaskCancelRequested = "ActivityTaskCancelRequested",
        /// `RequestCancelActivityTaskFailed`.
        RequestCancelActivityTaskFailed = "RequestCancelActivityTaskFailed",
        /// `WorkflowExecutionSignaled`.
        WorkflowExecutionSignaled = "WorkflowExecutionSignaled",
        /// `MarkerRecorded`.
        MarkerRecorded = "MarkerRecorded",
        /// `RecordMarkerFailed`.
        RecordMarkerFailed = "RecordMarkerFailed",
        /// `TimerStarted`.
        TimerStarted = "TimerStarted",
        /// `StartTimerFailed`.
        StartTimerFailed = "StartTimerFailed",
        /// `TimerFired`.
        TimerFired = "TimerFired",
        /// `TimerCanceled`.
        TimerCanceled = "TimerCanceled",
        /// `CancelTimerFailed`.
        CancelTimerFailed = "CancelTimerFailed",
        /// `StartChildWorkflowExecutionInitiated`.
        StartChildWorkflowExecutionInitiated = "StartChildWorkflowExecutionInitiated",
        /// `StartChildWorkflowExecutionFailed`.
        StartChildWorkflowExecutionFailed = "StartChildWorkflowExecutionFailed",
        /// `ChildWorkflowExecutionStarted`.
        ChildWorkflowExecutionStarted = "ChildWorkflowExecutionStarted",
        /// `ChildWorkflowExecutionCompleted`.
        ChildWorkflowExecutionCompleted = "ChildWorkflowExecutionCompleted",
        /// `ChildWorkflowExecutionFailed`.
        ChildWorkflowExecutionFailed = "ChildWorkflowExecutionFailed",
        /// `ChildWorkflowExecutionTimedOut`.
        ChildWorkflowExecutionTimedOut = "ChildWorkflowExecutionTimedOut",
        /// `ChildWorkflowExecutionCanceled`.
        ChildWorkflowExecutionCanceled = "ChildWorkflowExecutionCanceled",
        /// `ChildWorkflowExecutionTerminated`.
        ChildWorkflowExecutionTerminated = "ChildWorkflowExecutionTerminated",
        /// `SignalExternalWorkflowExecutionInitiated`.
        SignalExternalWorkflowExecutionInitiated = "SignalExternalWorkflowExecutionInitiated",
        /// `SignalExternalWorkflowExecutionFailed`.
        SignalExternalWorkflowExecutionFailed = "SignalExternalWorkflowExecutionFailed",
        /// `ExternalWorkflowExecutionSignaled`.
        ExternalWorkflowExecutionSignaled = "ExternalWorkflowExecutionSignaled",
        /// `RequestCancelExternalWorkflowExecutionInitiated`.
        RequestCancelExternalWorkflowExecutionInitiated = "RequestCancelExternalWorkflowExecutionInitiated",
        /// `RequestCancelExternalWorkflowExecutionFailed`.
        RequestCancelExternalWorkflowExecutionFailed = "RequestCancelExternalWorkflowExecutionFailed",
        /// `ExternalWorkflowExecutionCancelRequested`.
        ExternalWorkflowExecutionCancelRequested = "ExternalWorkflowExecutionCancelRequested",
        /// `LambdaFunctionScheduled`.
        LambdaFunctionScheduled = "LambdaFunctionScheduled",
        /// `LambdaFunctionStarted`.
        LambdaFunctionStarted = "LambdaFunctionStarted",
        /// `LambdaFunctionCompleted`.
        LambdaFunctionCompleted = "LambdaFunctionCompleted",
        /// `LambdaFunctionFailed`.
        LambdaFunctionFailed = "LambdaFunctionFailed",
        /// `LambdaFunctionTimedOut`.
        LambdaFunctionTimedOut = "LambdaFunctionTimedOut",
        /// `ScheduleLambdaFunctionFailed`.
        ScheduleLambdaFunctionFailed = "ScheduleLambdaFunctionFailed",
        /// `StartLambdaFunctionFailed`.
        StartLambdaFunctionFailed = "StartLambdaFunctionFailed",
    }
}

string_enum! {
    /// Whether an execution is open or closed (`ExecutionStatus`).
    pub enum ExecutionStatus {
        /// `OPEN`.
        Open = "OPEN",
        /// `CLOSED`.
        Closed = "CLOSED",
    }
}

string_enum! {
    /// How a closed execution closed (`CloseStatus`).
    pub enum CloseStatus {
        /// `COMPLETED`.
        Completed = "COMPLETED",
        /// `FAILED`.
        Failed = "FAILED",
        /// `CANCELED`.
        Canceled = "CANCELED",
        /// `TERMINATED`.
        Terminated = "TERMINATED",
        /// `CONTINUED_AS_NEW`.
        ContinuedAsNew = "CONTINUED_AS_NEW",
        /// `TIMED_OUT`.
        TimedOut = "TIMED_OUT",
    }
}

string_enum! {
    /// Why a `CompleteWorkflowExecution` decision failed (`CompleteWorkflowExecutionFailedCause`).
    pub enum CompleteWorkflowExecutionFailedCause {
        /// `UNHANDLED_DECISION`: events the decider had not seen arrived while it decided; a new
        /// decision task follows.
        UnhandledDecision = "UNHANDLED_DECISION",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `FailWorkflowExecution` decision failed (`FailWorkflowExecutionFailedCause`).
    pub enum FailWorkflowExecutionFailedCause {
        /// `UNHANDLED_DECISION`: events the decider had not seen arrived while it decided; a new
        /// decision task follows.
        UnhandledDecision = "UNHANDLED_DECISION",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `CancelWorkflowExecution` decision failed (`CancelWorkflowExecutionFailedCause`).
    pub enum CancelWorkflowExecutionFailedCause {
        /// `UNHANDLED_DECISION`: events the decider had not seen arrived while it decided; a new
        /// decision task follows.
        UnhandledDecision = "UNHANDLED_DECISION",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `ContinueAsNewWorkflowExecution` decision failed
    /// (`ContinueAsNewWorkflowExecutionFailedCause`).
    pub enum ContinueAsNewWorkflowExecutionFailedCause {
        /// `UNHANDLED_DECISION`: events the decider had not seen arrived while it decided; a new
        /// decision task follows.
        UnhandledDecision = "UNHANDLED_DECISION",
        /// `WORKFLOW_TYPE_DEPRECATED`: the workflow type is deprecated.
        WorkflowTypeDeprecated = "WORKFLOW_TYPE_DEPRECATED",
        /// `WORKFLOW_TYPE_DOES_NOT_EXIST`: the workflow type is not registered in the domain.
        WorkflowTypeDoesNotExist = "WORKFLOW_TYPE_DOES_NOT_EXIST",
        /// `DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED`: no execution start-to-close
        /// timeout was given and the workflow type has no default.
        DefaultExecutionStartToCloseTimeoutUndefined = "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED`: no decision task start-to-close timeout
        /// was given and the workflow type has no default.
        DefaultTaskStartToCloseTimeoutUndefined = "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_TASK_LIST_UNDEFINED`: no task list was given and the workflow type has no
        /// default.
        DefaultTaskListUndefined = "DEFAULT_TASK_LIST_UNDEFINED",
        /// `DEFAULT_CHILD_POLICY_UNDEFINED`: no child policy was given and the workflow type has no
        /// default.
        DefaultChildPolicyUndefined = "DEFAULT_CHILD_POLICY_UNDEFINED",
        /// `CONTINUE_AS_NEW_WORKFLOW_EXECUTION_RATE_EXCEEDED`: executions are continued as new
        /// faster than SWF allows.
        ContinueAsNewWorkflowExecutionRateExceeded = "CONTINUE_AS_NEW_WORKFLOW_EXECUTION_RATE_EXCEEDED",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `RecordMarker` decision failed (`RecordMarkerFailedCause`).
    pub enum RecordMarkerFailedCause {
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `StartTimer` decision failed (`StartTimerFailedCause`).
    pub enum StartTimerFailedCause {
        /// `TIMER_ID_ALREADY_IN_USE`: an open timer of the execution has the id.
        TimerIdAlreadyInUse = "TIMER_ID_ALREADY_IN_USE",
        /// `OPEN_TIMERS_LIMIT_EXCEEDED`: the execution has as many open timers as SWF allows.
        OpenTimersLimitExceeded = "OPEN_TIMERS_LIMIT_EXCEEDED",
        /// `TIMER_CREATION_RATE_EXCEEDED`: timers are started faster than SWF allows.
        TimerCreationRateExceeded = "TIMER_CREATION_RATE_EXCEEDED",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `CancelTimer` decision failed (`CancelTimerFailedCause`).
    pub enum CancelTimerFailedCause {
        /// `TIMER_ID_UNKNOWN`: no open timer of the execution has the id.
        TimerIdUnknown = "TIMER_ID_UNKNOWN",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `StartChildWorkflowExecution` decision failed
    /// (`StartChildWorkflowExecutionFailedCause`).
    pub enum StartChildWorkflowExecutionFailedCause {
        /// `WORKFLOW_TYPE_DOES_NOT_EXIST`: the workflow type is not registered in the domain.
        WorkflowTypeDoesNotExist = "WORKFLOW_TYPE_DOES_NOT_EXIST",
        /// `WORKFLOW_TYPE_DEPRECATED`: the workflow type is deprecated.
        WorkflowTypeDeprecated = "WORKFLOW_TYPE_DEPRECATED",
        /// `OPEN_CHILDREN_LIMIT_EXCEEDED`: the execution has as many open children as SWF allows.
        OpenChildrenLimitExceeded = "OPEN_CHILDREN_LIMIT_EXCEEDED",
        /// `OPEN_WORKFLOWS_LIMIT_EXCEEDED`: the domain has as many open executions as SWF allows.
        OpenWorkflowsLimitExceeded = "OPEN_WORKFLOWS_LIMIT_EXCEEDED",
        /// `CHILD_CREATION_RATE_EXCEEDED`: children are started faster than SWF allows.
        ChildCreationRateExceeded = "CHILD_CREATION_RATE_EXCEEDED",
        /// `WORKFLOW_ALREADY_RUNNING`: an open execution in the domain has the workflow id.
        WorkflowAlreadyRunning = "WORKFLOW_ALREADY_RUNNING",
        /// `DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED`: no execution start-to-close
        /// timeout was given and the workflow type has no default.
        DefaultExecutionStartToCloseTimeoutUndefined = "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_TASK_LIST_UNDEFINED`: no task list was given and the workflow type has no
        /// default.
        DefaultTaskListUndefined = "DEFAULT_TASK_LIST_UNDEFINED",
        /// `DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED`: no decision task start-to-close timeout
        /// was given and the workflow type has no default.
        DefaultTaskStartToCloseTimeoutUndefined = "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED",
        /// `DEFAULT_CHILD_POLICY_UNDEFINED`: no child policy was given and the workflow type has no
        /// default.
        DefaultChildPolicyUndefined = "DEFAULT_CHILD_POLICY_UNDEFINED",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `SignalExternalWorkflowExecution` decision failed
    /// (`SignalExternalWorkflowExecutionFailedCause`).
    pub enum SignalExternalWorkflowExecutionFailedCause {
        /// `UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION`: no open execution has the workflow id (and run
        /// id).
        UnknownExternalWorkflowExecution = "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION",
        /// `SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED`: signals are sent faster than SWF
        /// allows.
        SignalExternalWorkflowExecutionRateExceeded = "SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `RequestCancelExternalWorkflowExecution` decision failed
    /// (`RequestCancelExternalWorkflowExecutionFailedCause`).
    pub enum RequestCancelExternalWorkflowExecutionFailedCause {
        /// `UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION`: no open execution has the workflow id (and run
        /// id).
        UnknownExternalWorkflowExecution = "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION",
        /// `REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED`: cancel requests are sent
        /// faster than SWF allows.
        RequestCancelExternalWorkflowExecutionRateExceeded = "REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED",
        /// `OPERATION_NOT_PERMITTED`: the decider's IAM policy does not allow the decision.
        OperationNotPermitted = "OPERATION_NOT_PERMITTED",
    }
}

string_enum! {
    /// Why a `ScheduleLambdaFunction` decision failed (`ScheduleLambdaFunctionFailedCause`).
    pub enum ScheduleLambdaFunctionFailedCause {
        /// `ID_ALREADY_IN_USE`: an open Lambda task of the execution has the id.
        IdAlreadyInUse = "ID_ALREADY_IN_USE",
        /// `OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED`: the execution has as many open Lambda tasks as
        /// SWF allows.
        OpenLambdaFunctionsLimitExceeded = "OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED",
        /// `LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED`: Lambda tasks are scheduled faster than SWF
        /// allows.
        LambdaFunctionCreationRateExceeded = "LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED",
        /// `LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION`: Lambda is not available in the region.
        LambdaServiceNotAvailableInRegion = "LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION",
    }
}

string_enum! {
    /// Why SWF could not start a scheduled Lambda task (`StartLambdaFunctionFailedCause`).
    pub enum StartLambdaFunctionFailedCause {
        /// `ASSUME_ROLE_FAILED`: SWF could not assume the execution's Lambda role.
        AssumeRoleFailed = "ASSUME_ROLE_FAILED",
    }
}

string_enum! {
    /// Which timeout a Lambda task hit (`LambdaFunctionTimeoutType`).
    pub enum LambdaFunctionTimeoutType {
        /// `START_TO_CLOSE`.
        StartToClose = "START_TO_CLOSE",
    }
}
