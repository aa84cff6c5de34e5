//! SWF's input validation, applied to request bodies as they arrive, with SWF's error shapes.
//!
//! The rules themselves come from [`swf_activity_rules`] (the one place they are written down);
//! this module only says which member of which request each rule applies to, and words the
//! answer as SWF's validator does: `1 validation error detected: Value '...' at 'taskList.name'
//! failed to satisfy constraint: Member must have length less than or equal to 256`.

use serde::de::DeserializeOwned;
use serde_json::Value;
use swf_activity_rules::{self as rules, NameKind, RuleError};

use super::faults::Op;
use super::wire::{SwfError, attributes_key};
use crate::client::Operation;
use crate::model;

/// What a member must satisfy.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rule {
    /// A structure (checked for presence and shape only).
    Struct,
    /// A name, version, task list, domain or id of this kind.
    Name(NameKind),
    /// A string of `min..=max` characters.
    Len(usize, usize),
    /// A timeout: `NONE` or whole seconds, at most 8 characters.
    Timeout,
    /// Whole seconds, 0 or more, at most 8 characters (a timer's `startToFireTimeout`).
    Seconds,
    /// A task priority: an `i32` as a string.
    Priority,
    /// A page size, 0 to 1000.
    PageSize,
    /// A boolean.
    Bool,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A retention period in days: 1 to 8 digits.
    Days,
    /// A list of at most 5 tags of at most 256 characters.
    Tags,
    /// A time: seconds since the Unix epoch, as a JSON number.
    Timestamp,
    /// A list of resource tags (`ResourceTag`): each a structure with a `key` of 1 to 128
    /// characters and an optional `value` of at most 256, checked member by member.
    ResourceTags,
    /// A list of resource tag keys, each of 1 to 128 characters, checked member by member.
    TagKeys,
}

/// A member of a request: its path (`taskList.name`), whether it is required and its rule.
/// Members under an absent optional structure are not checked.
pub(crate) type Field = (&'static str, bool, Rule);

const REQ: bool = true;
const OPT: bool = false;

const DOMAIN: Field = ("domain", REQ, Rule::Name(NameKind::Domain));
const TASK_TOKEN: Field = ("taskToken", REQ, Rule::Len(1, rules::TASK_TOKEN_MAX));
const IDENTITY: Field = ("identity", OPT, Rule::Len(0, rules::IDENTITY_MAX));
const PAGE_TOKEN: Field = ("nextPageToken", OPT, Rule::Len(0, rules::PAGE_TOKEN_MAX));
const PAGE_SIZE: Field = ("maximumPageSize", OPT, Rule::PageSize);
const REVERSE: Field = ("reverseOrder", OPT, Rule::Bool);
const DATA: usize = rules::DATA_MAX;
const CHILD_POLICIES: &[&str] = &["TERMINATE", "REQUEST_CANCEL", "ABANDON"];
const REGISTRATION_STATUS: Field = (
    "registrationStatus",
    REQ,
    Rule::Enum(&["REGISTERED", "DEPRECATED"]),
);
const CLOSE_STATUSES: &[&str] = &[
    "COMPLETED",
    "FAILED",
    "CANCELED",
    "TERMINATED",
    "CONTINUED_AS_NEW",
    "TIMED_OUT",
];
const RESOURCE_ARN: Field = ("resourceArn", REQ, Rule::Len(1, rules::ARN_MAX));
const WORKFLOW_ID: Field = ("workflowId", REQ, Rule::Name(NameKind::Id));
const RUN_ID_OPTIONAL: Field = ("runId", OPT, Rule::Len(0, rules::RUN_ID_MAX));

/// The members of each operation's request.
pub(crate) fn fields(operation: &str) -> &'static [Field] {
    match operation {
        "PollForActivityTask" => &[
            DOMAIN,
            ("taskList", REQ, Rule::Struct),
            ("taskList.name", REQ, Rule::Name(NameKind::TaskList)),
            IDENTITY,
        ],
        "CountPendingActivityTasks" | "CountPendingDecisionTasks" => &[
            DOMAIN,
            ("taskList", REQ, Rule::Struct),
            ("taskList.name", REQ, Rule::Name(NameKind::TaskList)),
        ],
        "PollForDecisionTask" => &[
            DOMAIN,
            ("taskList", REQ, Rule::Struct),
            ("taskList.name", REQ, Rule::Name(NameKind::TaskList)),
            IDENTITY,
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "RespondActivityTaskCompleted" => &[TASK_TOKEN, ("result", OPT, Rule::Len(0, DATA))],
        "RespondActivityTaskFailed" => &[
            TASK_TOKEN,
            ("reason", OPT, Rule::Len(0, rules::REASON_MAX)),
            ("details", OPT, Rule::Len(0, DATA)),
        ],
        "RespondActivityTaskCanceled" => &[TASK_TOKEN, ("details", OPT, Rule::Len(0, DATA))],
        "RecordActivityTaskHeartbeat" => &[
            TASK_TOKEN,
            ("details", OPT, Rule::Len(0, rules::LIMITED_DATA_MAX)),
        ],
        "RegisterActivityType" => &[
            DOMAIN,
            ("name", REQ, Rule::Name(NameKind::ActivityName)),
            ("version", REQ, Rule::Name(NameKind::Version)),
            ("description", OPT, Rule::Len(0, rules::DESCRIPTION_MAX)),
            ("defaultTaskStartToCloseTimeout", OPT, Rule::Timeout),
            ("defaultTaskHeartbeatTimeout", OPT, Rule::Timeout),
            ("defaultTaskList", OPT, Rule::Struct),
            ("defaultTaskList.name", REQ, Rule::Name(NameKind::TaskList)),
            ("defaultTaskPriority", OPT, Rule::Priority),
            ("defaultTaskScheduleToStartTimeout", OPT, Rule::Timeout),
            ("defaultTaskScheduleToCloseTimeout", OPT, Rule::Timeout),
        ],
        "DescribeActivityType" | "DeprecateActivityType" => &[
            DOMAIN,
            ("activityType", REQ, Rule::Struct),
            ("activityType.name", REQ, Rule::Name(NameKind::ActivityName)),
            ("activityType.version", REQ, Rule::Name(NameKind::Version)),
        ],
        "ListActivityTypes" => &[
            DOMAIN,
            ("name", OPT, Rule::Name(NameKind::ActivityName)),
            REGISTRATION_STATUS,
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "RegisterDomain" => &[
            ("name", REQ, Rule::Name(NameKind::Domain)),
            ("description", OPT, Rule::Len(0, rules::DESCRIPTION_MAX)),
            ("workflowExecutionRetentionPeriodInDays", REQ, Rule::Days),
            ("tags", OPT, Rule::ResourceTags),
        ],
        "DescribeDomain" => &[("name", REQ, Rule::Name(NameKind::Domain))],
        "RegisterWorkflowType" => &[
            DOMAIN,
            ("name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("version", REQ, Rule::Name(NameKind::Version)),
            ("description", OPT, Rule::Len(0, rules::DESCRIPTION_MAX)),
            ("defaultTaskStartToCloseTimeout", OPT, Rule::Timeout),
            ("defaultExecutionStartToCloseTimeout", OPT, Rule::Timeout),
            ("defaultTaskList", OPT, Rule::Struct),
            ("defaultTaskList.name", REQ, Rule::Name(NameKind::TaskList)),
            ("defaultTaskPriority", OPT, Rule::Priority),
            ("defaultChildPolicy", OPT, Rule::Enum(CHILD_POLICIES)),
            ("defaultLambdaRole", OPT, Rule::Len(1, rules::ARN_MAX)),
        ],
        "StartWorkflowExecution" => &[
            DOMAIN,
            ("workflowId", REQ, Rule::Name(NameKind::Id)),
            ("workflowType", REQ, Rule::Struct),
            ("workflowType.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("workflowType.version", REQ, Rule::Name(NameKind::Version)),
            ("taskList", OPT, Rule::Struct),
            ("taskList.name", REQ, Rule::Name(NameKind::TaskList)),
            ("taskPriority", OPT, Rule::Priority),
            ("input", OPT, Rule::Len(0, DATA)),
            ("executionStartToCloseTimeout", OPT, Rule::Timeout),
            ("tagList", OPT, Rule::Tags),
            ("taskStartToCloseTimeout", OPT, Rule::Timeout),
            ("childPolicy", OPT, Rule::Enum(CHILD_POLICIES)),
            ("lambdaRole", OPT, Rule::Len(1, rules::ARN_MAX)),
        ],
        "RespondDecisionTaskCompleted" => &[
            TASK_TOKEN,
            ("executionContext", OPT, Rule::Len(0, DATA)),
            ("taskList", OPT, Rule::Struct),
            ("taskList.name", REQ, Rule::Name(NameKind::TaskList)),
            ("taskListScheduleToStartTimeout", OPT, Rule::Timeout),
        ],
        "GetWorkflowExecutionHistory" => &[
            DOMAIN,
            ("execution", REQ, Rule::Struct),
            ("execution.workflowId", REQ, Rule::Name(NameKind::Id)),
            ("execution.runId", REQ, Rule::Len(1, rules::RUN_ID_MAX)),
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "CountOpenWorkflowExecutions" => &[
            DOMAIN,
            ("startTimeFilter", REQ, Rule::Struct),
            ("startTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("startTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("typeFilter", OPT, Rule::Struct),
            ("typeFilter.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("typeFilter.version", OPT, Rule::Len(0, rules::VERSION_MAX)),
            ("tagFilter", OPT, Rule::Struct),
            ("tagFilter.tag", REQ, Rule::Len(0, rules::TAG_MAX)),
            ("executionFilter", OPT, Rule::Struct),
            ("executionFilter.workflowId", REQ, Rule::Name(NameKind::Id)),
        ],
        "ListOpenWorkflowExecutions" => &[
            DOMAIN,
            ("startTimeFilter", REQ, Rule::Struct),
            ("startTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("startTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("typeFilter", OPT, Rule::Struct),
            ("typeFilter.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("typeFilter.version", OPT, Rule::Len(0, rules::VERSION_MAX)),
            ("tagFilter", OPT, Rule::Struct),
            ("tagFilter.tag", REQ, Rule::Len(0, rules::TAG_MAX)),
            ("executionFilter", OPT, Rule::Struct),
            ("executionFilter.workflowId", REQ, Rule::Name(NameKind::Id)),
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "CountClosedWorkflowExecutions" => &[
            DOMAIN,
            ("startTimeFilter", OPT, Rule::Struct),
            ("startTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("startTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("closeTimeFilter", OPT, Rule::Struct),
            ("closeTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("closeTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("executionFilter", OPT, Rule::Struct),
            ("executionFilter.workflowId", REQ, Rule::Name(NameKind::Id)),
            ("closeStatusFilter", OPT, Rule::Struct),
            ("closeStatusFilter.status", REQ, Rule::Enum(CLOSE_STATUSES)),
            ("typeFilter", OPT, Rule::Struct),
            ("typeFilter.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("typeFilter.version", OPT, Rule::Len(0, rules::VERSION_MAX)),
            ("tagFilter", OPT, Rule::Struct),
            ("tagFilter.tag", REQ, Rule::Len(0, rules::TAG_MAX)),
        ],
        "ListClosedWorkflowExecutions" => &[
            DOMAIN,
            ("startTimeFilter", OPT, Rule::Struct),
            ("startTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("startTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("closeTimeFilter", OPT, Rule::Struct),
            ("closeTimeFilter.oldestDate", REQ, Rule::Timestamp),
            ("closeTimeFilter.latestDate", OPT, Rule::Timestamp),
            ("executionFilter", OPT, Rule::Struct),
            ("executionFilter.workflowId", REQ, Rule::Name(NameKind::Id)),
            ("closeStatusFilter", OPT, Rule::Struct),
            ("closeStatusFilter.status", REQ, Rule::Enum(CLOSE_STATUSES)),
            ("typeFilter", OPT, Rule::Struct),
            ("typeFilter.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("typeFilter.version", OPT, Rule::Len(0, rules::VERSION_MAX)),
            ("tagFilter", OPT, Rule::Struct),
            ("tagFilter.tag", REQ, Rule::Len(0, rules::TAG_MAX)),
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "DescribeWorkflowExecution" => &[
            DOMAIN,
            ("execution", REQ, Rule::Struct),
            ("execution.workflowId", REQ, Rule::Name(NameKind::Id)),
            ("execution.runId", REQ, Rule::Len(1, rules::RUN_ID_MAX)),
        ],
        "SignalWorkflowExecution" => &[
            DOMAIN,
            WORKFLOW_ID,
            RUN_ID_OPTIONAL,
            ("signalName", REQ, Rule::Len(1, rules::NAME_MAX)),
            ("input", OPT, Rule::Len(0, DATA)),
        ],
        "RequestCancelWorkflowExecution" => &[DOMAIN, WORKFLOW_ID, RUN_ID_OPTIONAL],
        "TerminateWorkflowExecution" => &[
            DOMAIN,
            WORKFLOW_ID,
            RUN_ID_OPTIONAL,
            ("reason", OPT, Rule::Len(0, rules::REASON_MAX)),
            ("details", OPT, Rule::Len(0, DATA)),
            ("childPolicy", OPT, Rule::Enum(CHILD_POLICIES)),
        ],
        "DeprecateDomain" | "UndeprecateDomain" => &[("name", REQ, Rule::Name(NameKind::Domain))],
        "ListDomains" => &[PAGE_TOKEN, REGISTRATION_STATUS, PAGE_SIZE, REVERSE],
        "UndeprecateActivityType" | "DeleteActivityType" => &[
            DOMAIN,
            ("activityType", REQ, Rule::Struct),
            ("activityType.name", REQ, Rule::Name(NameKind::ActivityName)),
            ("activityType.version", REQ, Rule::Name(NameKind::Version)),
        ],
        "DescribeWorkflowType"
        | "DeprecateWorkflowType"
        | "UndeprecateWorkflowType"
        | "DeleteWorkflowType" => &[
            DOMAIN,
            ("workflowType", REQ, Rule::Struct),
            ("workflowType.name", REQ, Rule::Name(NameKind::WorkflowName)),
            ("workflowType.version", REQ, Rule::Name(NameKind::Version)),
        ],
        "ListWorkflowTypes" => &[
            DOMAIN,
            ("name", OPT, Rule::Name(NameKind::WorkflowName)),
            REGISTRATION_STATUS,
            PAGE_TOKEN,
            PAGE_SIZE,
            REVERSE,
        ],
        "TagResource" => &[RESOURCE_ARN, ("tags", REQ, Rule::ResourceTags)],
        "UntagResource" => &[RESOURCE_ARN, ("tagKeys", REQ, Rule::TagKeys)],
        "ListTagsForResource" => &[RESOURCE_ARN],
        _ => &[],
    }
}

/// The members of one `ResourceTag` in a list of tags.
const RESOURCE_TAG_FIELDS: &[Field] = &[
    ("key", REQ, Rule::Len(1, rules::RESOURCE_TAG_KEY_MAX)),
    ("value", OPT, Rule::Len(0, rules::RESOURCE_TAG_VALUE_MAX)),
];

/// The decision types the local SWF carries out: all of SWF's.
pub(crate) const DECISION_TYPES: &[&str] = &[
    "ScheduleActivityTask",
    "RequestCancelActivityTask",
    "CompleteWorkflowExecution",
    "FailWorkflowExecution",
    "CancelWorkflowExecution",
    "ContinueAsNewWorkflowExecution",
    "RecordMarker",
    "StartTimer",
    "CancelTimer",
    "SignalExternalWorkflowExecution",
    "RequestCancelExternalWorkflowExecution",
    "StartChildWorkflowExecution",
    "ScheduleLambdaFunction",
];

/// The decision types whose attributes hold a required member, so the attributes themselves
/// are required.
const ATTRIBUTES_REQUIRED: &[&str] = &[
    "ScheduleActivityTask",
    "RequestCancelActivityTask",
    "RecordMarker",
    "StartTimer",
    "CancelTimer",
    "SignalExternalWorkflowExecution",
    "RequestCancelExternalWorkflowExecution",
    "StartChildWorkflowExecution",
    "ScheduleLambdaFunction",
];

/// The members of one decision in `RespondDecisionTaskCompleted`'s `decisions`, after SWF's
/// service model: each decision type's attributes and their members.
const DECISION_FIELDS: &[Field] = &[
    ("decisionType", REQ, Rule::Enum(DECISION_TYPES)),
    ("scheduleActivityTaskDecisionAttributes", OPT, Rule::Struct),
    (
        "scheduleActivityTaskDecisionAttributes.activityType",
        REQ,
        Rule::Struct,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.activityType.name",
        REQ,
        Rule::Name(NameKind::ActivityName),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.activityType.version",
        REQ,
        Rule::Name(NameKind::Version),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.activityId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.input",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.scheduleToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.taskList",
        OPT,
        Rule::Struct,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.taskList.name",
        REQ,
        Rule::Name(NameKind::TaskList),
    ),
    (
        "scheduleActivityTaskDecisionAttributes.taskPriority",
        OPT,
        Rule::Priority,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.scheduleToStartTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.startToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "scheduleActivityTaskDecisionAttributes.heartbeatTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "requestCancelActivityTaskDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "requestCancelActivityTaskDecisionAttributes.activityId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "completeWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "completeWorkflowExecutionDecisionAttributes.result",
        OPT,
        Rule::Len(0, DATA),
    ),
    ("failWorkflowExecutionDecisionAttributes", OPT, Rule::Struct),
    (
        "failWorkflowExecutionDecisionAttributes.reason",
        OPT,
        Rule::Len(0, rules::REASON_MAX),
    ),
    (
        "failWorkflowExecutionDecisionAttributes.details",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "cancelWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "cancelWorkflowExecutionDecisionAttributes.details",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.input",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.taskList",
        OPT,
        Rule::Struct,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.taskList.name",
        REQ,
        Rule::Name(NameKind::TaskList),
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.taskPriority",
        OPT,
        Rule::Priority,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.childPolicy",
        OPT,
        Rule::Enum(CHILD_POLICIES),
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.tagList",
        OPT,
        Rule::Tags,
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.workflowTypeVersion",
        OPT,
        Rule::Name(NameKind::Version),
    ),
    (
        "continueAsNewWorkflowExecutionDecisionAttributes.lambdaRole",
        OPT,
        Rule::Len(1, rules::ARN_MAX),
    ),
    ("recordMarkerDecisionAttributes", OPT, Rule::Struct),
    (
        "recordMarkerDecisionAttributes.markerName",
        REQ,
        Rule::Len(1, rules::NAME_MAX),
    ),
    (
        "recordMarkerDecisionAttributes.details",
        OPT,
        Rule::Len(0, DATA),
    ),
    ("startTimerDecisionAttributes", OPT, Rule::Struct),
    (
        "startTimerDecisionAttributes.timerId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "startTimerDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "startTimerDecisionAttributes.startToFireTimeout",
        REQ,
        Rule::Seconds,
    ),
    ("cancelTimerDecisionAttributes", OPT, Rule::Struct),
    (
        "cancelTimerDecisionAttributes.timerId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes.workflowId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes.runId",
        OPT,
        Rule::Len(0, rules::RUN_ID_MAX),
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes.signalName",
        REQ,
        Rule::Len(1, rules::NAME_MAX),
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes.input",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "signalExternalWorkflowExecutionDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "requestCancelExternalWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "requestCancelExternalWorkflowExecutionDecisionAttributes.workflowId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "requestCancelExternalWorkflowExecutionDecisionAttributes.runId",
        OPT,
        Rule::Len(0, rules::RUN_ID_MAX),
    ),
    (
        "requestCancelExternalWorkflowExecutionDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.workflowType",
        REQ,
        Rule::Struct,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.workflowType.name",
        REQ,
        Rule::Name(NameKind::WorkflowName),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.workflowType.version",
        REQ,
        Rule::Name(NameKind::Version),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.workflowId",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.input",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.executionStartToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.taskList",
        OPT,
        Rule::Struct,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.taskList.name",
        REQ,
        Rule::Name(NameKind::TaskList),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.taskPriority",
        OPT,
        Rule::Priority,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.taskStartToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.childPolicy",
        OPT,
        Rule::Enum(CHILD_POLICIES),
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.tagList",
        OPT,
        Rule::Tags,
    ),
    (
        "startChildWorkflowExecutionDecisionAttributes.lambdaRole",
        OPT,
        Rule::Len(1, rules::ARN_MAX),
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes",
        OPT,
        Rule::Struct,
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes.id",
        REQ,
        Rule::Name(NameKind::Id),
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes.name",
        REQ,
        Rule::Len(1, rules::FUNCTION_NAME_MAX),
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes.control",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes.input",
        OPT,
        Rule::Len(0, DATA),
    ),
    (
        "scheduleLambdaFunctionDecisionAttributes.startToCloseTimeout",
        OPT,
        Rule::Timeout,
    ),
];

/// Checks a request body of `operation`: a JSON object whose members satisfy SWF's rules.
pub(crate) fn validate(operation: &str, body: &Value) -> Result<(), SwfError> {
    if !body.is_object() {
        return Err(SwfError::serialization(
            "Start of structure or map found where not expected.",
        ));
    }
    let mut errors = Vec::new();
    check_fields(body, "", fields(operation), &mut errors)?;
    if operation == "RespondDecisionTaskCompleted" {
        match body.get("decisions") {
            None | Some(Value::Null) => {}
            Some(Value::Array(decisions)) => {
                for (i, decision) in decisions.iter().enumerate() {
                    if !decision.is_object() {
                        return Err(SwfError::serialization(
                            "Expected a structure in `decisions`.",
                        ));
                    }
                    let prefix = format!("decisions.{}.member.", i + 1);
                    check_fields(decision, &prefix, DECISION_FIELDS, &mut errors)?;
                    // Here rather than only in the engine: the model's checks, which run next,
                    // would refuse the decision first, in the client's words.
                    if let Some(member) = decision
                        .get("decisionType")
                        .and_then(Value::as_str)
                        .filter(|ty| ATTRIBUTES_REQUIRED.contains(ty))
                        .map(|ty| attributes_key(ty, "DecisionAttributes"))
                        && decision.get(&member).is_none_or(Value::is_null)
                    {
                        errors.push(format!(
                            "Value null at '{prefix}{member}' failed to satisfy constraint: Member must not be null"
                        ));
                    }
                }
            }
            Some(_) => {
                return Err(SwfError::serialization("Expected a list in `decisions`."));
            }
        }
    }
    if errors.is_empty() {
        exclusive_filters(operation, body)?;
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(SwfError::validation(format!(
            "1 validation error detected: {}",
            errors[0]
        ))),
        n => Err(SwfError::validation(format!(
            "{n} validation errors detected: {}",
            errors.join("; ")
        ))),
    }
}

/// The list and count operations take at most one filter besides the time range, and the
/// closed ones exactly one time range; SWF's validator answers as recorded in simpleflow's
/// `swf/querysets/workflow.py` ("Cannot specify more than one exclusive filters in the same
/// query: [WorkflowTypeFilter, CloseStatusFilter]"). The two time-range messages are moto's
/// (`moto/swf/responses.py`), SWF's own are not documented.
fn exclusive_filters(operation: &str, body: &Value) -> Result<(), SwfError> {
    let closed = match operation {
        "ListOpenWorkflowExecutions" | "CountOpenWorkflowExecutions" => false,
        "ListClosedWorkflowExecutions" | "CountClosedWorkflowExecutions" => true,
        _ => return Ok(()),
    };
    let given = |member: &str| body.get(member).is_some_and(|v| !v.is_null());
    let filters = [
        ("executionFilter", "WorkflowExecutionFilter"),
        ("typeFilter", "WorkflowTypeFilter"),
        ("tagFilter", "TagFilter"),
        ("closeStatusFilter", "CloseStatusFilter"),
    ];
    let named: Vec<&str> = filters
        .iter()
        .filter(|(member, _)| (closed || *member != "closeStatusFilter") && given(member))
        .map(|(_, shape)| *shape)
        .collect();
    if named.len() > 1 {
        return Err(SwfError::validation(format!(
            "Cannot specify more than one exclusive filters in the same query: [{}]",
            named.join(", ")
        )));
    }
    if closed {
        match (given("startTimeFilter"), given("closeTimeFilter")) {
            (true, true) => {
                return Err(SwfError::validation(
                    "Cannot specify both a startTimeFilter and a closeTimeFilter",
                ));
            }
            (false, false) => return Err(SwfError::validation("Must specify time filter")),
            _ => {}
        }
    }
    Ok(())
}

/// Reads the body as the model's request shape and applies the client's own checks
/// ([`Operation::validate`]), so that nothing the client refuses to send gets through here
/// either. Runs after [`validate`], which words the common cases as SWF does.
pub(crate) fn validate_model(op: Op, body: &Value) -> Result<(), SwfError> {
    fn check<O: Operation + DeserializeOwned>(body: &Value) -> Result<(), SwfError> {
        let request: O = serde_json::from_value(body.clone())
            .map_err(|e| SwfError::serialization(format!("{} {e}", O::NAME)))?;
        request.validate().map_err(|e| {
            SwfError::validation(format!("1 validation error detected: {}", e.message()))
        })
    }
    match op {
        Op::PollForActivityTask => check::<model::PollForActivityTask>(body),
        Op::RespondActivityTaskCompleted => check::<model::RespondActivityTaskCompleted>(body),
        Op::RespondActivityTaskFailed => check::<model::RespondActivityTaskFailed>(body),
        Op::RespondActivityTaskCanceled => check::<model::RespondActivityTaskCanceled>(body),
        Op::RecordActivityTaskHeartbeat => check::<model::RecordActivityTaskHeartbeat>(body),
        Op::RegisterActivityType => check::<model::RegisterActivityType>(body),
        Op::DescribeActivityType => check::<model::DescribeActivityType>(body),
        Op::DeprecateActivityType => check::<model::DeprecateActivityType>(body),
        Op::ListActivityTypes => check::<model::ListActivityTypes>(body),
        Op::RegisterDomain => check::<model::RegisterDomain>(body),
        Op::DescribeDomain => check::<model::DescribeDomain>(body),
        Op::RegisterWorkflowType => check::<model::RegisterWorkflowType>(body),
        Op::StartWorkflowExecution => check::<model::StartWorkflowExecution>(body),
        Op::PollForDecisionTask => check::<model::PollForDecisionTask>(body),
        Op::RespondDecisionTaskCompleted => check::<model::RespondDecisionTaskCompleted>(body),
        Op::GetWorkflowExecutionHistory => check::<model::GetWorkflowExecutionHistory>(body),
        Op::CountPendingActivityTasks => check::<model::CountPendingActivityTasks>(body),
        Op::CountPendingDecisionTasks => check::<model::CountPendingDecisionTasks>(body),
        Op::CountClosedWorkflowExecutions => check::<model::CountClosedWorkflowExecutions>(body),
        Op::CountOpenWorkflowExecutions => check::<model::CountOpenWorkflowExecutions>(body),
        Op::DeleteActivityType => check::<model::DeleteActivityType>(body),
        Op::DeleteWorkflowType => check::<model::DeleteWorkflowType>(body),
        Op::DeprecateDomain => check::<model::DeprecateDomain>(body),
        Op::DeprecateWorkflowType => check::<model::DeprecateWorkflowType>(body),
        Op::DescribeWorkflowExecution => check::<model::DescribeWorkflowExecution>(body),
        Op::DescribeWorkflowType => check::<model::DescribeWorkflowType>(body),
        Op::ListClosedWorkflowExecutions => check::<model::ListClosedWorkflowExecutions>(body),
        Op::ListDomains => check::<model::ListDomains>(body),
        Op::ListOpenWorkflowExecutions => check::<model::ListOpenWorkflowExecutions>(body),
        Op::ListTagsForResource => check::<model::ListTagsForResource>(body),
        Op::ListWorkflowTypes => check::<model::ListWorkflowTypes>(body),
        Op::RequestCancelWorkflowExecution => check::<model::RequestCancelWorkflowExecution>(body),
        Op::SignalWorkflowExecution => check::<model::SignalWorkflowExecution>(body),
        Op::TagResource => check::<model::TagResource>(body),
        Op::TerminateWorkflowExecution => check::<model::TerminateWorkflowExecution>(body),
        Op::UndeprecateActivityType => check::<model::UndeprecateActivityType>(body),
        Op::UndeprecateDomain => check::<model::UndeprecateDomain>(body),
        Op::UndeprecateWorkflowType => check::<model::UndeprecateWorkflowType>(body),
        Op::UntagResource => check::<model::UntagResource>(body),
    }
}

fn check_fields(
    body: &Value,
    prefix: &str,
    fields: &[Field],
    errors: &mut Vec<String>,
) -> Result<(), SwfError> {
    for &(path, required, rule) in fields {
        let parts: Vec<&str> = path.split('.').collect();
        // Members of an absent structure are not checked (its own entry reports it if needed).
        let Some(parent) = parts[..parts.len() - 1]
            .iter()
            .try_fold(body, |v, key| v.get(key).filter(|v| v.is_object()))
        else {
            continue;
        };
        let name = parts[parts.len() - 1];
        let full = format!("{prefix}{path}");
        match parent.get(name) {
            None | Some(Value::Null) => {
                if required {
                    errors.push(format!(
                        "Value null at '{full}' failed to satisfy constraint: Member must not be null"
                    ));
                }
            }
            Some(value) if matches!(rule, Rule::ResourceTags | Rule::TagKeys) => {
                check_members(rule, &full, value, errors)?;
            }
            Some(value) => {
                if let Some(constraint) = check(rule, &full, value)? {
                    errors.push(format!(
                        "Value {} at '{full}' failed to satisfy constraint: {constraint}",
                        render(value)
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Checks each member of a list, naming it as SWF's validator does (`tags.1.member.key`).
fn check_members(
    rule: Rule,
    path: &str,
    value: &Value,
    errors: &mut Vec<String>,
) -> Result<(), SwfError> {
    let members = value.as_array().ok_or_else(|| wrong_type(path, "a list"))?;
    for (i, member) in members.iter().enumerate() {
        let at = format!("{path}.{}.member", i + 1);
        if let Rule::ResourceTags = rule {
            if !member.is_object() {
                return Err(wrong_type(&at, "a structure"));
            }
            check_fields(member, &format!("{at}."), RESOURCE_TAG_FIELDS, errors)?;
        } else if member.is_null() {
            errors.push(format!(
                "Value null at '{at}' failed to satisfy constraint: Member must not be null"
            ));
        } else if let Some(constraint) =
            check(Rule::Len(1, rules::RESOURCE_TAG_KEY_MAX), &at, member)?
        {
            errors.push(format!(
                "Value {} at '{at}' failed to satisfy constraint: {constraint}",
                render(member)
            ));
        }
    }
    Ok(())
}

/// How SWF quotes a value in a validation message.
fn render(value: &Value) -> String {
    match value {
        Value::String(s) => format!("'{s}'"),
        other => format!("'{other}'"),
    }
}

fn wrong_type(path: &str, expected: &str) -> SwfError {
    SwfError::serialization(format!("Expected {expected} at '{path}'."))
}

/// The constraint `value` breaks, if any; `Err` when it has the wrong JSON type.
fn check(rule: Rule, path: &str, value: &Value) -> Result<Option<String>, SwfError> {
    let text = || value.as_str().ok_or_else(|| wrong_type(path, "a string"));
    let broken = match rule {
        Rule::Struct => {
            if !value.is_object() {
                return Err(wrong_type(path, "a structure"));
            }
            None
        }
        Rule::Name(kind) => rules::check_name(kind, text()?)
            .err()
            .map(|e| constraint(&e)),
        Rule::Len(min, max) => {
            let s = text()?;
            if min > 0 && s.is_empty() {
                Some(constraint(&RuleError::Empty { what: "" }))
            } else {
                rules::check_max_len("", s, max)
                    .err()
                    .map(|e| constraint(&e))
            }
        }
        Rule::Timeout => {
            let s = text()?;
            match rules::check_max_len("", s, rules::DURATION_MAX) {
                Err(e) => Some(constraint(&e)),
                Ok(()) => rules::check_swf_timeout("timeout", s)
                    .err()
                    .map(|e| constraint(&e)),
            }
        }
        Rule::Seconds => {
            let s = text()?;
            match rules::check_max_len("", s, rules::DURATION_MAX) {
                Err(e) => Some(constraint(&e)),
                Ok(()) if s.is_empty() => Some(constraint(&RuleError::Empty { what: "" })),
                Ok(()) => rules::check_swf_seconds("duration", s)
                    .err()
                    .map(|e| constraint(&e)),
            }
        }
        Rule::Priority => rules::parse_priority(text()?).err().map(|e| constraint(&e)),
        Rule::PageSize => {
            let n = value
                .as_i64()
                .ok_or_else(|| wrong_type(path, "an integer"))?;
            rules::check_range("maximumPageSize", n, 0, rules::PAGE_SIZE_MAX)
                .err()
                .map(|e| constraint(&e))
        }
        Rule::Timestamp => {
            if !value.is_number() {
                return Err(wrong_type(path, "a timestamp"));
            }
            None
        }
        Rule::ResourceTags | Rule::TagKeys => {
            // Checked member by member by `check_members`; only the shape is left here.
            if !value.is_array() {
                return Err(wrong_type(path, "a list"));
            }
            None
        }
        Rule::Bool => {
            if !value.is_boolean() {
                return Err(wrong_type(path, "a boolean"));
            }
            None
        }
        Rule::Enum(values) => {
            let s = text()?;
            (!values.contains(&s)).then(|| {
                format!(
                    "Member must satisfy enum value set: [{}]",
                    values.join(", ")
                )
            })
        }
        Rule::Days => {
            let s = text()?;
            if s.is_empty() {
                Some(constraint(&RuleError::Empty { what: "" }))
            } else if let Err(e) = rules::check_max_len("", s, rules::DURATION_IN_DAYS_MAX) {
                Some(constraint(&e))
            } else if !s.bytes().all(|b| b.is_ascii_digit()) {
                Some("Member must be a whole number of days".to_owned())
            } else {
                None
            }
        }
        Rule::Tags => {
            let tags = value.as_array().ok_or_else(|| wrong_type(path, "a list"))?;
            let count = i64::try_from(tags.len()).unwrap_or(i64::MAX);
            let most = i64::try_from(rules::TAG_LIST_MAX).unwrap_or(i64::MAX);
            if rules::check_range("tagList", count, 0, most).is_err() {
                Some(format!(
                    "Member must have length less than or equal to {}",
                    rules::TAG_LIST_MAX
                ))
            } else {
                let mut broken = None;
                for tag in tags {
                    let tag = tag.as_str().ok_or_else(|| wrong_type(path, "a string"))?;
                    if let Err(e) = rules::check_max_len("", tag, rules::TAG_MAX) {
                        broken = Some(format!(
                            "Member must contain tags that satisfy: {}",
                            constraint(&e)
                        ));
                        break;
                    }
                }
                broken
            }
        }
    };
    Ok(broken)
}

/// SWF's wording of the constraint a value breaks.
fn constraint(error: &RuleError) -> String {
    match error {
        RuleError::Empty { .. } => "Member must have length greater than or equal to 1".to_owned(),
        RuleError::TooLong { max, .. } => {
            format!("Member must have length less than or equal to {max}")
        }
        RuleError::ForbiddenChar { ch, .. } => format!("Member must not contain '{ch}'"),
        RuleError::ControlChar { ch, .. } => format!(
            "Member must not contain control characters (found U+{:04X})",
            u32::from(*ch)
        ),
        RuleError::Arn { .. } => "Member must not be the literal string 'arn'".to_owned(),
        RuleError::OuterWhitespace { .. } => {
            "Member must not start or end with whitespace".to_owned()
        }
        RuleError::InvalidDuration { .. } | RuleError::DurationTooLong { .. } => {
            "Member must be 'NONE' or a whole number of seconds".to_owned()
        }
        RuleError::InvalidSeconds { .. } => {
            "Member must be a whole number of seconds, 0 or more".to_owned()
        }
        RuleError::InvalidPriority { .. } => {
            "Member must be an integer from -2147483648 to 2147483647".to_owned()
        }
        RuleError::OutOfRange {
            value, min, max, ..
        } => {
            if value < min {
                format!("Member must have value greater than or equal to {min}")
            } else {
                format!("Member must have value less than or equal to {max}")
            }
        }
        other => format!("Member must satisfy SWF's rules ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(op: &str, body: Value) -> String {
        validate(op, &body).expect_err("invalid").message
    }

    #[test]
    fn messages_look_like_swf() {
        let long = "a".repeat(257);
        assert_eq!(
            message(
                "PollForActivityTask",
                json!({"domain": "d", "taskList": {"name": long}})
            ),
            format!(
                "1 validation error detected: Value '{long}' at 'taskList.name' failed to satisfy constraint: Member must have length less than or equal to 256"
            )
        );
        assert_eq!(
            message("PollForActivityTask", json!({"taskList": {"name": "a:b"}})),
            "2 validation errors detected: Value null at 'domain' failed to satisfy constraint: \
             Member must not be null; Value 'a:b' at 'taskList.name' failed to satisfy \
             constraint: Member must not contain ':'"
        );
        assert!(
            validate(
                "PollForActivityTask",
                &json!({"domain": "d", "taskList": {"name": "t"}})
            )
            .is_ok()
        );
    }

    #[test]
    fn decisions_are_checked_member_by_member() {
        let err = message(
            "RespondDecisionTaskCompleted",
            json!({"taskToken": "t", "decisions": [
                {"decisionType": "ScheduleActivityTask", "scheduleActivityTaskDecisionAttributes": {
                    "activityType": {"name": "A", "version": "1"}, "activityId": "x",
                    "heartbeatTimeout": "123456789"}}
            ]}),
        );
        assert!(
            err.contains(
                "'decisions.1.member.scheduleActivityTaskDecisionAttributes.heartbeatTimeout'"
            ),
            "{err}"
        );
    }

    #[test]
    fn wrong_types_are_serialization_errors() {
        let err = validate(
            "PollForActivityTask",
            &json!({"domain": 5, "taskList": {"name": "t"}}),
        )
        .expect_err("invalid");
        assert_eq!(err.code(), "SerializationException");
    }
}
