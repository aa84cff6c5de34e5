//! One method per SWF operation, and the rules each request is checked against before it is
//! sent.
//!
//! Every check comes from [`swf_activity_rules`], the rules the `#[activity]` macro applies at
//! compile time; a violation is an [`ErrorKind::Validation`](crate::ErrorKind::Validation) error
//! with `client_side: true` whose message names the member, e.g.
//! `RespondActivityTaskFailed.reason: reason is too long: ...`.

use std::collections::HashSet;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use swf_activity_rules::{
    self as rules, ARN_MAX, DATA_MAX, DESCRIPTION_MAX, DURATION_IN_DAYS_MAX, FUNCTION_NAME_MAX,
    IDENTITY_MAX, LIMITED_DATA_MAX, NAME_MAX, NameKind, PAGE_SIZE_MAX, PAGE_TOKEN_MAX, REASON_MAX,
    RUN_ID_MAX, RuleError, TAG_LIST_MAX, TAG_MAX, TASK_TOKEN_MAX,
};

use super::{Client, Operation};
use crate::Error;
use crate::error::ErrorKind;
use crate::model::{
    ActivityTask, ActivityTaskStatus, ActivityType, ActivityTypeDetail, ActivityTypeInfo,
    ActivityTypeInfos, ContinueAsNewWorkflowExecutionDecisionAttributes, Decision, DecisionTask,
    DecisionType, DeprecateActivityType, DescribeActivityType, DescribeDomain, DomainDetail,
    GetWorkflowExecutionHistory, History, HistoryEvent, ListActivityTypes, PollForActivityTask,
    PollForDecisionTask, RecordActivityTaskHeartbeat, RegisterActivityType, RegisterDomain,
    RegisterWorkflowType, RespondActivityTaskCanceled, RespondActivityTaskCompleted,
    RespondActivityTaskFailed, RespondDecisionTaskCompleted, Run,
    ScheduleActivityTaskDecisionAttributes, ScheduleLambdaFunctionDecisionAttributes,
    SignalExternalWorkflowExecutionDecisionAttributes,
    StartChildWorkflowExecutionDecisionAttributes, StartTimerDecisionAttributes,
    StartWorkflowExecution, TaskList, TaskToken, WorkflowExecution, WorkflowType,
};

mod domains;
mod executions;
mod types;

/// The most pages a paging helper reads before it gives up: SWF histories hold at most 25,000
/// events, so even one event per page stays well below this.
const MAX_PAGES: usize = 100_000;

impl Client {
    /// `PollForActivityTask`: waits (SWF holds the request up to 60 s) for the next activity
    /// task on the task list. `Ok(None)` when the poll ended without a task, which SWF signals
    /// with a missing or empty `taskToken`.
    pub async fn poll_for_activity_task(
        &self,
        request: &PollForActivityTask,
    ) -> Result<Option<ActivityTask>, Error> {
        Ok(self.send(request).await?.0)
    }

    /// `RespondActivityTaskCompleted`: completes the task; SWF records `ActivityTaskCompleted`
    /// with the result for the decider. `UnknownResourceFault` means the task had already timed
    /// out or was closed.
    pub async fn respond_activity_task_completed(
        &self,
        request: &RespondActivityTaskCompleted,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `RespondActivityTaskFailed`: fails the task; SWF records `ActivityTaskFailed` with
    /// `reason` and `details` for the decider.
    pub async fn respond_activity_task_failed(
        &self,
        request: &RespondActivityTaskFailed,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `RespondActivityTaskCanceled`: reports that the task stopped after a cancel request; SWF
    /// records `ActivityTaskCanceled`.
    pub async fn respond_activity_task_canceled(
        &self,
        request: &RespondActivityTaskCanceled,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `RecordActivityTaskHeartbeat`: resets the task's heartbeat timeout and stores the details;
    /// the answer says whether the decider asked to cancel the task.
    pub async fn record_activity_task_heartbeat(
        &self,
        request: &RecordActivityTaskHeartbeat,
    ) -> Result<ActivityTaskStatus, Error> {
        self.send(request).await
    }

    /// [`record_activity_task_heartbeat`](Client::record_activity_task_heartbeat) within a
    /// total time of `budget`, retries included: each attempt gets at most what is left of the
    /// budget (and the read timeout), and no retry starts whose back-off would end past it.
    ///
    /// A heartbeat loop wants each call bounded by about its interval: without a budget, one
    /// call may take every attempt's read timeout plus the back-offs. When the budget runs out
    /// during an attempt the error is an [`ErrorKind::Transport`] time-out (with
    /// `maybe_sent: true` once the request was sent), or [`ErrorKind::Credentials`] while
    /// waiting for credentials.
    pub async fn record_activity_task_heartbeat_within(
        &self,
        request: &RecordActivityTaskHeartbeat,
        budget: std::time::Duration,
    ) -> Result<ActivityTaskStatus, Error> {
        self.send_within(request, budget).await
    }

    /// `RegisterActivityType`: registers an activity type with its defaults. SWF answers
    /// `TypeAlreadyExistsFault` when the name and version exist, whatever their defaults.
    pub async fn register_activity_type(
        &self,
        request: &RegisterActivityType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DescribeActivityType`: reads an activity type's status and registered defaults.
    pub async fn describe_activity_type(
        &self,
        request: &DescribeActivityType,
    ) -> Result<ActivityTypeDetail, Error> {
        self.send(request).await
    }

    /// `DeprecateActivityType`: stops new tasks of the type from being scheduled.
    pub async fn deprecate_activity_type(
        &self,
        request: &DeprecateActivityType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `ListActivityTypes`: one page of the domain's activity types with the given status.
    pub async fn list_activity_types(
        &self,
        request: &ListActivityTypes,
    ) -> Result<ActivityTypeInfos, Error> {
        self.send(request).await
    }

    /// Every activity type `ListActivityTypes` lists, following `nextPageToken` from the
    /// request's token (usually none) to the last page.
    pub async fn list_activity_types_all(
        &self,
        request: &ListActivityTypes,
    ) -> Result<Vec<ActivityTypeInfo>, Error> {
        let mut request = request.clone();
        let mut all = Vec::new();
        let mut pages = Pages::new(ListActivityTypes::NAME);
        loop {
            let page = self.list_activity_types(&request).await?;
            all.extend(page.type_infos);
            match pages.next(page.next_page_token)? {
                Some(token) => request.next_page_token = Some(token),
                None => return Ok(all),
            }
        }
    }

    /// `RegisterDomain`: creates a domain. SWF answers `DomainAlreadyExistsFault` when the name
    /// is taken.
    pub async fn register_domain(&self, request: &RegisterDomain) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DescribeDomain`: reads a domain's status and configuration.
    pub async fn describe_domain(&self, request: &DescribeDomain) -> Result<DomainDetail, Error> {
        self.send(request).await
    }

    /// `RegisterWorkflowType`: registers a workflow type with its defaults.
    pub async fn register_workflow_type(
        &self,
        request: &RegisterWorkflowType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `StartWorkflowExecution`: starts an execution; SWF schedules its first decision task and
    /// answers with the new run id.
    pub async fn start_workflow_execution(
        &self,
        request: &StartWorkflowExecution,
    ) -> Result<Run, Error> {
        self.send(request).await
    }

    /// `PollForDecisionTask`: waits (up to 60 s) for the next decision task on the task list,
    /// with the first page of its history. `Ok(None)` when the poll ended without a task.
    /// Further pages come from polling again with the task's `nextPageToken`.
    pub async fn poll_for_decision_task(
        &self,
        request: &PollForDecisionTask,
    ) -> Result<Option<DecisionTask>, Error> {
        Ok(self.send(request).await?.0)
    }

    /// `RespondDecisionTaskCompleted`: answers a decision task with decisions for SWF to carry
    /// out.
    pub async fn respond_decision_task_completed(
        &self,
        request: &RespondDecisionTaskCompleted,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `GetWorkflowExecutionHistory`: one page of an execution's history.
    pub async fn get_workflow_execution_history(
        &self,
        request: &GetWorkflowExecutionHistory,
    ) -> Result<History, Error> {
        self.send(request).await
    }

    /// The whole history `GetWorkflowExecutionHistory` returns, following `nextPageToken` from
    /// the request's token (usually none) to the last page.
    pub async fn get_workflow_execution_history_all(
        &self,
        request: &GetWorkflowExecutionHistory,
    ) -> Result<Vec<HistoryEvent>, Error> {
        let mut request = request.clone();
        let mut all = Vec::new();
        let mut pages = Pages::new(GetWorkflowExecutionHistory::NAME);
        loop {
            let page = self.get_workflow_execution_history(&request).await?;
            all.extend(page.events);
            match pages.next(page.next_page_token)? {
                Some(token) => request.next_page_token = Some(token),
                None => return Ok(all),
            }
        }
    }
}

impl Client {
    /// Every item of every page of a paginated operation, from the request's `nextPageToken`
    /// (usually none) to the last page: `items` splits a page into its items and the next
    /// token, `set_token` puts a token into the request.
    async fn collect_pages<O, T>(
        &self,
        request: &O,
        items: impl Fn(O::Output) -> (Vec<T>, Option<String>),
        set_token: impl Fn(&mut O, String),
    ) -> Result<Vec<T>, Error>
    where
        O: Operation + Clone,
    {
        let mut request = request.clone();
        let mut all = Vec::new();
        let mut pages = Pages::new(O::NAME);
        loop {
            let (page, token) = items(self.send(&request).await?);
            all.extend(page);
            match pages.next(token)? {
                Some(token) => set_token(&mut request, token),
                None => return Ok(all),
            }
        }
    }
}

/// Keeps a paging loop bounded: stops at the last page and refuses a token seen before (a
/// broken endpoint would otherwise keep us going forever) or more than [`MAX_PAGES`] pages.
pub(super) struct Pages {
    operation: &'static str,
    seen: HashSet<String>,
}

impl Pages {
    pub(super) fn new(operation: &'static str) -> Pages {
        Pages {
            operation,
            seen: HashSet::new(),
        }
    }

    /// The token to ask for next, or `None` after the last page.
    pub(super) fn next(&mut self, token: Option<String>) -> Result<Option<String>, Error> {
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        let unexpected = |message: String| {
            Error::new(ErrorKind::UnexpectedResponse { status: 200 }, message)
                .with_operation(self.operation)
        };
        if self.seen.len() + 1 >= MAX_PAGES {
            return Err(unexpected(format!(
                "more than {MAX_PAGES} pages, giving up"
            )));
        }
        if !self.seen.insert(token.clone()) {
            return Err(unexpected(
                "SWF returned a nextPageToken it had returned before".to_owned(),
            ));
        }
        Ok(Some(token))
    }
}

/// The answer to a poll: `None` when it carries no task token (SWF's way of saying the poll
/// timed out without a task), else the task.
pub(crate) struct Polled<T>(pub(crate) Option<T>);

/// Written as the task, or `null` without one (for the model registry's round trips).
impl<T: Serialize> Serialize for Polled<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// A task a poll hands out, read in one pass through its wire form (every member optional),
/// so that an answer without a task never has to be well-formed as a task.
pub(crate) trait PollAnswer: Sized {
    /// The answer as it comes, every member optional.
    type Wire: DeserializeOwned;

    /// `Ok(None)` when the wire form has no task token or an empty one; the task when it has
    /// one; `Err(member)` when it has one but misses a required member.
    fn from_wire(wire: Self::Wire) -> Result<Option<Self>, &'static str>;
}

impl<'de, T: PollAnswer> Deserialize<'de> for Polled<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Polled<T>, D::Error> {
        // A streaming parse: every poll answer goes through here, and going through a
        // `serde_json::Value` first cost as much again as the rest of the parse.
        match Option::<T::Wire>::deserialize(deserializer)? {
            None => Ok(Polled(None)),
            Some(wire) => T::from_wire(wire)
                .map(Polled)
                .map_err(D::Error::missing_field),
        }
    }
}

/// A required member of a task: `Err` with its name when it is missing.
fn required<T>(value: Option<T>, member: &'static str) -> Result<T, &'static str> {
    value.ok_or(member)
}

/// The task token of a poll answer, if it has a task: a missing or empty token means none.
fn task_token(token: Option<String>) -> Option<TaskToken> {
    token.filter(|t| !t.is_empty()).map(TaskToken::from)
}

/// `ActivityTask` as it comes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ActivityTaskWire {
    task_token: Option<String>,
    activity_id: Option<String>,
    started_event_id: Option<i64>,
    workflow_execution: Option<WorkflowExecution>,
    activity_type: Option<ActivityType>,
    input: Option<String>,
}

impl PollAnswer for ActivityTask {
    type Wire = ActivityTaskWire;

    fn from_wire(wire: ActivityTaskWire) -> Result<Option<ActivityTask>, &'static str> {
        let Some(task_token) = task_token(wire.task_token) else {
            return Ok(None);
        };
        Ok(Some(ActivityTask {
            task_token,
            activity_id: required(wire.activity_id, "activityId")?,
            started_event_id: required(wire.started_event_id, "startedEventId")?,
            workflow_execution: required(wire.workflow_execution, "workflowExecution")?,
            activity_type: required(wire.activity_type, "activityType")?,
            input: wire.input,
        }))
    }
}

/// `DecisionTask` as it comes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DecisionTaskWire {
    task_token: Option<String>,
    started_event_id: Option<i64>,
    workflow_execution: Option<WorkflowExecution>,
    workflow_type: Option<WorkflowType>,
    events: Option<Vec<HistoryEvent>>,
    next_page_token: Option<String>,
    previous_started_event_id: Option<i64>,
}

impl PollAnswer for DecisionTask {
    type Wire = DecisionTaskWire;

    fn from_wire(wire: DecisionTaskWire) -> Result<Option<DecisionTask>, &'static str> {
        let Some(task_token) = task_token(wire.task_token) else {
            return Ok(None);
        };
        Ok(Some(DecisionTask {
            task_token,
            started_event_id: required(wire.started_event_id, "startedEventId")?,
            workflow_execution: required(wire.workflow_execution, "workflowExecution")?,
            workflow_type: required(wire.workflow_type, "workflowType")?,
            events: required(wire.events, "events")?,
            next_page_token: wire.next_page_token,
            previous_started_event_id: wire.previous_started_event_id,
        }))
    }
}

/// Checks the members of one request, naming each as `Operation.member` in its errors.
struct Check {
    operation: &'static str,
}

impl Check {
    fn new(operation: &'static str) -> Check {
        Check { operation }
    }

    fn at(&self, member: &str, result: Result<(), RuleError>) -> Result<(), Error> {
        result.map_err(|err| {
            Error::validation(format!("{}.{member}: {err}", self.operation)).with_source(err)
        })
    }

    /// A name, version, task list, domain or id.
    fn name(&self, member: &str, kind: NameKind, value: &str) -> Result<(), Error> {
        self.at(member, rules::check_name(kind, value))
    }

    fn task_list(&self, member: &str, task_list: &TaskList) -> Result<(), Error> {
        self.name(
            &format!("{member}.name"),
            NameKind::TaskList,
            &task_list.name,
        )
    }

    fn opt_task_list(&self, member: &str, task_list: &Option<TaskList>) -> Result<(), Error> {
        match task_list {
            Some(task_list) => self.task_list(member, task_list),
            None => Ok(()),
        }
    }

    fn activity_type(&self, member: &str, activity_type: &ActivityType) -> Result<(), Error> {
        self.name(
            &format!("{member}.name"),
            NameKind::ActivityName,
            &activity_type.name,
        )?;
        self.name(
            &format!("{member}.version"),
            NameKind::Version,
            &activity_type.version,
        )
    }

    fn workflow_type(&self, member: &str, workflow_type: &WorkflowType) -> Result<(), Error> {
        self.name(
            &format!("{member}.name"),
            NameKind::WorkflowName,
            &workflow_type.name,
        )?;
        self.name(
            &format!("{member}.version"),
            NameKind::Version,
            &workflow_type.version,
        )
    }

    fn execution(&self, member: &str, execution: &WorkflowExecution) -> Result<(), Error> {
        self.name(
            &format!("{member}.workflowId"),
            NameKind::Id,
            &execution.workflow_id,
        )?;
        self.at(
            &format!("{member}.runId"),
            rules::check_required("runId", &execution.run_id, RUN_ID_MAX),
        )
    }

    fn token(&self, token: &TaskToken) -> Result<(), Error> {
        self.at(
            "taskToken",
            rules::check_required("taskToken", token.as_str(), TASK_TOKEN_MAX),
        )
    }

    /// An optional string of at most `max` (`what` names it in the rule's message).
    fn max(
        &self,
        member: &str,
        what: &'static str,
        value: &Option<String>,
        max: usize,
    ) -> Result<(), Error> {
        match value {
            Some(value) => self.at(member, rules::check_max_len(what, value, max)),
            None => Ok(()),
        }
    }

    fn timeout(&self, member: &'static str, value: &Option<String>) -> Result<(), Error> {
        self.timeout_at(member, member, value)
    }

    /// A timeout `name` (`NONE` or seconds) at `at`, a member of a nested structure.
    fn timeout_at(
        &self,
        at: &str,
        name: &'static str,
        value: &Option<String>,
    ) -> Result<(), Error> {
        match value {
            Some(value) => self.at(at, rules::check_swf_timeout(name, value).map(drop)),
            None => Ok(()),
        }
    }

    fn priority(&self, member: &str, value: &Option<String>) -> Result<(), Error> {
        match value {
            Some(value) => self.at(member, rules::parse_priority(value).map(drop)),
            None => Ok(()),
        }
    }

    fn page(&self, token: &Option<String>, size: Option<i32>) -> Result<(), Error> {
        self.max("nextPageToken", "nextPageToken", token, PAGE_TOKEN_MAX)?;
        match size {
            Some(size) => self.at(
                "maximumPageSize",
                rules::check_range("maximumPageSize", size.into(), 0, PAGE_SIZE_MAX),
            ),
            None => Ok(()),
        }
    }

    fn lambda_role(&self, member: &'static str, value: &Option<String>) -> Result<(), Error> {
        match value {
            Some(value) => self.at(member, rules::check_required(member, value, ARN_MAX)),
            None => Ok(()),
        }
    }

    /// A `lambdaRole` at `at`, a member of a nested structure.
    fn lambda_role_at(&self, at: &str, value: &Option<String>) -> Result<(), Error> {
        match value {
            Some(value) => self.at(at, rules::check_required("lambdaRole", value, ARN_MAX)),
            None => Ok(()),
        }
    }

    /// A required string of 1 to `max` characters at `at` (`what` names it in the message).
    fn required(&self, at: &str, what: &'static str, value: &str, max: usize) -> Result<(), Error> {
        self.at(at, rules::check_required(what, value, max))
    }

    fn tag_list(&self, member: &str, tags: &Option<Vec<String>>) -> Result<(), Error> {
        let Some(tags) = tags else { return Ok(()) };
        let count = i64::try_from(tags.len()).unwrap_or(i64::MAX);
        let max = i64::try_from(TAG_LIST_MAX).unwrap_or(i64::MAX);
        self.at(member, rules::check_range("tagList length", count, 0, max))?;
        for (i, tag) in tags.iter().enumerate() {
            self.at(
                &format!("{member}[{i}]"),
                rules::check_max_len("tag", tag, TAG_MAX),
            )?;
        }
        Ok(())
    }

    fn decision(&self, member: &str, decision: &Decision) -> Result<(), Error> {
        let missing = |attributes: &str| {
            Err(Error::validation(format!(
                "{}.{member}.{attributes}: required for a `{}` decision",
                self.operation, decision.decision_type
            )))
        };
        // The attributes of decision types with a required member are themselves required; SWF
        // accepts the others without attributes.
        match &decision.decision_type {
            DecisionType::ScheduleActivityTask => {
                match &decision.schedule_activity_task_decision_attributes {
                    Some(a) => self.schedule_activity_task(
                        &format!("{member}.scheduleActivityTaskDecisionAttributes"),
                        a,
                    ),
                    None => missing("scheduleActivityTaskDecisionAttributes"),
                }
            }
            DecisionType::RequestCancelActivityTask => {
                match &decision.request_cancel_activity_task_decision_attributes {
                    Some(a) => self.name(
                        &format!("{member}.requestCancelActivityTaskDecisionAttributes.activityId"),
                        NameKind::Id,
                        &a.activity_id,
                    ),
                    None => missing("requestCancelActivityTaskDecisionAttributes"),
                }
            }
            DecisionType::CompleteWorkflowExecution => {
                match &decision.complete_workflow_execution_decision_attributes {
                    Some(a) => self.max(
                        &format!("{member}.completeWorkflowExecutionDecisionAttributes.result"),
                        "result",
                        &a.result,
                        DATA_MAX,
                    ),
                    None => Ok(()),
                }
            }
            DecisionType::FailWorkflowExecution => {
                match &decision.fail_workflow_execution_decision_attributes {
                    Some(a) => {
                        let at = format!("{member}.failWorkflowExecutionDecisionAttributes");
                        self.max(&format!("{at}.reason"), "reason", &a.reason, REASON_MAX)?;
                        self.max(&format!("{at}.details"), "details", &a.details, DATA_MAX)
                    }
                    None => Ok(()),
                }
            }
            DecisionType::CancelWorkflowExecution => {
                match &decision.cancel_workflow_execution_decision_attributes {
                    Some(a) => self.max(
                        &format!("{member}.cancelWorkflowExecutionDecisionAttributes.details"),
                        "details",
                        &a.details,
                        DATA_MAX,
                    ),
                    None => Ok(()),
                }
            }
            DecisionType::ContinueAsNewWorkflowExecution => {
                match &decision.continue_as_new_workflow_execution_decision_attributes {
                    Some(a) => self.continue_as_new(
                        &format!("{member}.continueAsNewWorkflowExecutionDecisionAttributes"),
                        a,
                    ),
                    None => Ok(()),
                }
            }
            DecisionType::RecordMarker => match &decision.record_marker_decision_attributes {
                Some(a) => {
                    let at = format!("{member}.recordMarkerDecisionAttributes");
                    self.required(
                        &format!("{at}.markerName"),
                        "markerName",
                        &a.marker_name,
                        NAME_MAX,
                    )?;
                    self.max(&format!("{at}.details"), "details", &a.details, DATA_MAX)
                }
                None => missing("recordMarkerDecisionAttributes"),
            },
            DecisionType::StartTimer => match &decision.start_timer_decision_attributes {
                Some(a) => self.start_timer(&format!("{member}.startTimerDecisionAttributes"), a),
                None => missing("startTimerDecisionAttributes"),
            },
            DecisionType::CancelTimer => match &decision.cancel_timer_decision_attributes {
                Some(a) => self.name(
                    &format!("{member}.cancelTimerDecisionAttributes.timerId"),
                    NameKind::Id,
                    &a.timer_id,
                ),
                None => missing("cancelTimerDecisionAttributes"),
            },
            DecisionType::SignalExternalWorkflowExecution => {
                match &decision.signal_external_workflow_execution_decision_attributes {
                    Some(a) => self.signal_external(
                        &format!("{member}.signalExternalWorkflowExecutionDecisionAttributes"),
                        a,
                    ),
                    None => missing("signalExternalWorkflowExecutionDecisionAttributes"),
                }
            }
            DecisionType::RequestCancelExternalWorkflowExecution => {
                match &decision.request_cancel_external_workflow_execution_decision_attributes {
                    Some(a) => {
                        let at = format!(
                            "{member}.requestCancelExternalWorkflowExecutionDecisionAttributes"
                        );
                        self.name(&format!("{at}.workflowId"), NameKind::Id, &a.workflow_id)?;
                        self.max(&format!("{at}.runId"), "runId", &a.run_id, RUN_ID_MAX)?;
                        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)
                    }
                    None => missing("requestCancelExternalWorkflowExecutionDecisionAttributes"),
                }
            }
            DecisionType::StartChildWorkflowExecution => {
                match &decision.start_child_workflow_execution_decision_attributes {
                    Some(a) => self.start_child(
                        &format!("{member}.startChildWorkflowExecutionDecisionAttributes"),
                        a,
                    ),
                    None => missing("startChildWorkflowExecutionDecisionAttributes"),
                }
            }
            DecisionType::ScheduleLambdaFunction => {
                match &decision.schedule_lambda_function_decision_attributes {
                    Some(a) => self.schedule_lambda_function(
                        &format!("{member}.scheduleLambdaFunctionDecisionAttributes"),
                        a,
                    ),
                    None => missing("scheduleLambdaFunctionDecisionAttributes"),
                }
            }
            // A decision type SWF added after this crate: SWF judges it.
            DecisionType::Unknown(_) => Ok(()),
        }
    }

    fn schedule_activity_task(
        &self,
        at: &str,
        a: &ScheduleActivityTaskDecisionAttributes,
    ) -> Result<(), Error> {
        self.activity_type(&format!("{at}.activityType"), &a.activity_type)?;
        self.name(&format!("{at}.activityId"), NameKind::Id, &a.activity_id)?;
        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)?;
        self.max(&format!("{at}.input"), "input", &a.input, DATA_MAX)?;
        self.opt_task_list(&format!("{at}.taskList"), &a.task_list)?;
        self.priority(&format!("{at}.taskPriority"), &a.task_priority)?;
        let timeouts = [
            ("scheduleToCloseTimeout", &a.schedule_to_close_timeout),
            ("scheduleToStartTimeout", &a.schedule_to_start_timeout),
            ("startToCloseTimeout", &a.start_to_close_timeout),
            ("heartbeatTimeout", &a.heartbeat_timeout),
        ];
        for (name, value) in timeouts {
            self.timeout_at(&format!("{at}.{name}"), name, value)?;
        }
        Ok(())
    }

    fn continue_as_new(
        &self,
        at: &str,
        a: &ContinueAsNewWorkflowExecutionDecisionAttributes,
    ) -> Result<(), Error> {
        self.max(&format!("{at}.input"), "input", &a.input, DATA_MAX)?;
        self.timeout_at(
            &format!("{at}.executionStartToCloseTimeout"),
            "executionStartToCloseTimeout",
            &a.execution_start_to_close_timeout,
        )?;
        self.opt_task_list(&format!("{at}.taskList"), &a.task_list)?;
        self.priority(&format!("{at}.taskPriority"), &a.task_priority)?;
        self.timeout_at(
            &format!("{at}.taskStartToCloseTimeout"),
            "taskStartToCloseTimeout",
            &a.task_start_to_close_timeout,
        )?;
        self.tag_list(&format!("{at}.tagList"), &a.tag_list)?;
        if let Some(version) = &a.workflow_type_version {
            self.name(
                &format!("{at}.workflowTypeVersion"),
                NameKind::Version,
                version,
            )?;
        }
        self.lambda_role_at(&format!("{at}.lambdaRole"), &a.lambda_role)
    }

    fn start_timer(&self, at: &str, a: &StartTimerDecisionAttributes) -> Result<(), Error> {
        self.name(&format!("{at}.timerId"), NameKind::Id, &a.timer_id)?;
        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)?;
        self.at(
            &format!("{at}.startToFireTimeout"),
            rules::check_swf_seconds("startToFireTimeout", &a.start_to_fire_timeout).map(drop),
        )
    }

    fn signal_external(
        &self,
        at: &str,
        a: &SignalExternalWorkflowExecutionDecisionAttributes,
    ) -> Result<(), Error> {
        self.name(&format!("{at}.workflowId"), NameKind::Id, &a.workflow_id)?;
        self.max(&format!("{at}.runId"), "runId", &a.run_id, RUN_ID_MAX)?;
        self.required(
            &format!("{at}.signalName"),
            "signalName",
            &a.signal_name,
            NAME_MAX,
        )?;
        self.max(&format!("{at}.input"), "input", &a.input, DATA_MAX)?;
        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)
    }

    fn start_child(
        &self,
        at: &str,
        a: &StartChildWorkflowExecutionDecisionAttributes,
    ) -> Result<(), Error> {
        self.workflow_type(&format!("{at}.workflowType"), &a.workflow_type)?;
        self.name(&format!("{at}.workflowId"), NameKind::Id, &a.workflow_id)?;
        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)?;
        self.max(&format!("{at}.input"), "input", &a.input, DATA_MAX)?;
        self.timeout_at(
            &format!("{at}.executionStartToCloseTimeout"),
            "executionStartToCloseTimeout",
            &a.execution_start_to_close_timeout,
        )?;
        self.opt_task_list(&format!("{at}.taskList"), &a.task_list)?;
        self.priority(&format!("{at}.taskPriority"), &a.task_priority)?;
        self.timeout_at(
            &format!("{at}.taskStartToCloseTimeout"),
            "taskStartToCloseTimeout",
            &a.task_start_to_close_timeout,
        )?;
        self.tag_list(&format!("{at}.tagList"), &a.tag_list)?;
        self.lambda_role_at(&format!("{at}.lambdaRole"), &a.lambda_role)
    }

    fn schedule_lambda_function(
        &self,
        at: &str,
        a: &ScheduleLambdaFunctionDecisionAttributes,
    ) -> Result<(), Error> {
        self.name(&format!("{at}.id"), NameKind::Id, &a.id)?;
        self.required(&format!("{at}.name"), "name", &a.name, FUNCTION_NAME_MAX)?;
        self.max(&format!("{at}.control"), "control", &a.control, DATA_MAX)?;
        self.max(&format!("{at}.input"), "input", &a.input, DATA_MAX)?;
        // SWF documents 1 to 900 seconds here, but its model (and so this check) allows any
        // timeout; SWF itself judges the range.
        self.timeout_at(
            &format!("{at}.startToCloseTimeout"),
            "startToCloseTimeout",
            &a.start_to_close_timeout,
        )
    }
}

impl Operation for PollForActivityTask {
    const NAME: &'static str = "PollForActivityTask";
    const LONG_POLL: bool = true;
    type Output = Polled<ActivityTask>;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.task_list("taskList", &self.task_list)?;
        c.max("identity", "identity", &self.identity, IDENTITY_MAX)
    }
}

impl Operation for RespondActivityTaskCompleted {
    const NAME: &'static str = "RespondActivityTaskCompleted";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.token(&self.task_token)?;
        c.max("result", "result", &self.result, DATA_MAX)
    }
}

impl Operation for RespondActivityTaskFailed {
    const NAME: &'static str = "RespondActivityTaskFailed";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.token(&self.task_token)?;
        c.max("reason", "reason", &self.reason, REASON_MAX)?;
        c.max("details", "details", &self.details, DATA_MAX)
    }
}

impl Operation for RespondActivityTaskCanceled {
    const NAME: &'static str = "RespondActivityTaskCanceled";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.token(&self.task_token)?;
        c.max("details", "details", &self.details, DATA_MAX)
    }
}

impl Operation for RecordActivityTaskHeartbeat {
    const NAME: &'static str = "RecordActivityTaskHeartbeat";
    type Output = ActivityTaskStatus;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.token(&self.task_token)?;
        c.max(
            "details",
            "heartbeat details",
            &self.details,
            LIMITED_DATA_MAX,
        )
    }
}

impl Operation for RegisterActivityType {
    const NAME: &'static str = "RegisterActivityType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.name("name", NameKind::ActivityName, &self.name)?;
        c.name("version", NameKind::Version, &self.version)?;
        c.max(
            "description",
            "description",
            &self.description,
            DESCRIPTION_MAX,
        )?;
        c.timeout(
            "defaultTaskStartToCloseTimeout",
            &self.default_task_start_to_close_timeout,
        )?;
        c.timeout(
            "defaultTaskHeartbeatTimeout",
            &self.default_task_heartbeat_timeout,
        )?;
        c.opt_task_list("defaultTaskList", &self.default_task_list)?;
        c.priority("defaultTaskPriority", &self.default_task_priority)?;
        c.timeout(
            "defaultTaskScheduleToStartTimeout",
            &self.default_task_schedule_to_start_timeout,
        )?;
        c.timeout(
            "defaultTaskScheduleToCloseTimeout",
            &self.default_task_schedule_to_close_timeout,
        )
    }
}

impl Operation for DescribeActivityType {
    const NAME: &'static str = "DescribeActivityType";
    type Output = ActivityTypeDetail;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.activity_type("activityType", &self.activity_type)
    }
}

impl Operation for DeprecateActivityType {
    const NAME: &'static str = "DeprecateActivityType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.activity_type("activityType", &self.activity_type)
    }
}

impl Operation for ListActivityTypes {
    const NAME: &'static str = "ListActivityTypes";
    type Output = ActivityTypeInfos;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        if let Some(name) = &self.name {
            c.name("name", NameKind::ActivityName, name)?;
        }
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for RegisterDomain {
    const NAME: &'static str = "RegisterDomain";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("name", NameKind::Domain, &self.name)?;
        c.max(
            "description",
            "description",
            &self.description,
            DESCRIPTION_MAX,
        )?;
        c.at(
            "workflowExecutionRetentionPeriodInDays",
            rules::check_required(
                "workflowExecutionRetentionPeriodInDays",
                &self.workflow_execution_retention_period_in_days,
                DURATION_IN_DAYS_MAX,
            ),
        )?;
        c.resource_tags("tags", self.tags.as_deref().unwrap_or_default())
    }
}

impl Operation for DescribeDomain {
    const NAME: &'static str = "DescribeDomain";
    type Output = DomainDetail;

    fn validate(&self) -> Result<(), Error> {
        Check::new(Self::NAME).name("name", NameKind::Domain, &self.name)
    }
}

impl Operation for RegisterWorkflowType {
    const NAME: &'static str = "RegisterWorkflowType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.name("name", NameKind::WorkflowName, &self.name)?;
        c.name("version", NameKind::Version, &self.version)?;
        c.max(
            "description",
            "description",
            &self.description,
            DESCRIPTION_MAX,
        )?;
        c.timeout(
            "defaultTaskStartToCloseTimeout",
            &self.default_task_start_to_close_timeout,
        )?;
        c.timeout(
            "defaultExecutionStartToCloseTimeout",
            &self.default_execution_start_to_close_timeout,
        )?;
        c.opt_task_list("defaultTaskList", &self.default_task_list)?;
        c.priority("defaultTaskPriority", &self.default_task_priority)?;
        c.lambda_role("defaultLambdaRole", &self.default_lambda_role)
    }
}

impl Operation for StartWorkflowExecution {
    const NAME: &'static str = "StartWorkflowExecution";
    type Output = Run;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.name("workflowId", NameKind::Id, &self.workflow_id)?;
        c.workflow_type("workflowType", &self.workflow_type)?;
        c.opt_task_list("taskList", &self.task_list)?;
        c.priority("taskPriority", &self.task_priority)?;
        c.max("input", "input", &self.input, DATA_MAX)?;
        c.timeout(
            "executionStartToCloseTimeout",
            &self.execution_start_to_close_timeout,
        )?;
        c.tag_list("tagList", &self.tag_list)?;
        c.timeout("taskStartToCloseTimeout", &self.task_start_to_close_timeout)?;
        c.lambda_role("lambdaRole", &self.lambda_role)
    }
}

impl Operation for PollForDecisionTask {
    const NAME: &'static str = "PollForDecisionTask";
    const LONG_POLL: bool = true;
    type Output = Polled<DecisionTask>;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.task_list("taskList", &self.task_list)?;
        c.max("identity", "identity", &self.identity, IDENTITY_MAX)?;
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for RespondDecisionTaskCompleted {
    const NAME: &'static str = "RespondDecisionTaskCompleted";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.token(&self.task_token)?;
        for (i, decision) in self.decisions.iter().flatten().enumerate() {
            c.decision(&format!("decisions[{i}]"), decision)?;
        }
        c.max(
            "executionContext",
            "executionContext",
            &self.execution_context,
            DATA_MAX,
        )?;
        c.opt_task_list("taskList", &self.task_list)?;
        c.timeout(
            "taskListScheduleToStartTimeout",
            &self.task_list_schedule_to_start_timeout,
        )
    }
}

impl Operation for GetWorkflowExecutionHistory {
    const NAME: &'static str = "GetWorkflowExecutionHistory";
    type Output = History;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.execution("execution", &self.execution)?;
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polled_without_token_is_none() {
        let none: Polled<ActivityTask> =
            serde_json::from_str(r#"{"startedEventId":0}"#).expect("parses");
        assert!(none.0.is_none());
        let none: Polled<ActivityTask> =
            serde_json::from_str(r#"{"taskToken":"","startedEventId":0}"#).expect("parses");
        assert!(none.0.is_none());
        let none: Polled<ActivityTask> = serde_json::from_str("null").expect("parses");
        assert!(none.0.is_none());
        let none: Polled<ActivityTask> =
            serde_json::from_str(r#"{"taskToken":null,"activityId":"a"}"#).expect("parses");
        assert!(none.0.is_none());
        let bad: Result<Polled<ActivityTask>, _> = serde_json::from_str(r#"{"taskToken":"t"}"#);
        assert!(bad.is_err(), "a task missing required members is an error");
    }

    #[test]
    fn polled_task_is_read_in_one_pass() {
        let json = r#"{"activityId":"a-1","activityType":{"name":"N","version":"1"},
            "input":"{}","startedEventId":6,"taskToken":"tok","somethingNew":[1,{"x":2}],
            "workflowExecution":{"runId":"r","workflowId":"w"}}"#;
        let task = serde_json::from_str::<Polled<ActivityTask>>(json)
            .expect("parses")
            .0
            .expect("a task");
        let expected = ActivityTask::new(
            "tok",
            "a-1",
            6,
            WorkflowExecution::new("w", "r"),
            ActivityType::new("N", "1"),
        )
        .input("{}");
        assert_eq!(task, expected);

        let missing = json.replace(r#""startedEventId":6,"#, "");
        let err = serde_json::from_str::<Polled<ActivityTask>>(&missing)
            .err()
            .expect("a task without startedEventId is an error");
        assert!(
            err.to_string().contains("missing field `startedEventId`"),
            "{err}"
        );
        let wrong = json.replace(r#""startedEventId":6"#, r#""startedEventId":"6""#);
        assert!(serde_json::from_str::<Polled<ActivityTask>>(&wrong).is_err());

        let decision: Result<Polled<DecisionTask>, _> = serde_json::from_str(
            r#"{"taskToken":"t","startedEventId":3,"workflowExecution":{"runId":"r","workflowId":"w"},
                "workflowType":{"name":"W","version":"1"}}"#,
        );
        let err = decision
            .err()
            .expect("a decision task without events is an error");
        assert!(err.to_string().contains("missing field `events`"), "{err}");
        let none: Polled<DecisionTask> =
            serde_json::from_str(r#"{"previousStartedEventId":0,"startedEventId":0}"#)
                .expect("parses");
        assert!(none.0.is_none());
    }

    #[test]
    fn pages_stop_and_refuse_repeats() {
        let mut pages = Pages::new("ListActivityTypes");
        assert_eq!(pages.next(None).expect("ok"), None);
        assert_eq!(pages.next(Some(String::new())).expect("ok"), None);
        assert_eq!(
            pages.next(Some("a".to_owned())).expect("ok").as_deref(),
            Some("a")
        );
        assert!(pages.next(Some("a".to_owned())).is_err());
    }

    #[test]
    fn errors_name_the_member() {
        let err = RespondActivityTaskFailed::new("t")
            .reason("x".repeat(257))
            .validate()
            .expect_err("too long");
        assert!(
            err.message()
                .starts_with("RespondActivityTaskFailed.reason: "),
            "{}",
            err.message()
        );
        let err = PollForActivityTask::new("d", " tl")
            .validate()
            .expect_err("leading whitespace");
        assert!(
            err.message()
                .starts_with("PollForActivityTask.taskList.name: ")
        );
    }
}
