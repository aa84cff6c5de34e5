//! What happens to an execution from outside its decider (signals, cancel requests and
//! termination, from the API or from another execution's decisions) and what the API reads of
//! executions: describing, listing and counting them, and their histories.

use serde_json::{Value, json};

use super::{Execution, State, page, page_token, paging, parse_page_token};
use crate::testing::local::wire::{SwfError, object, opt, str_at, value_at};

impl State {
    /// The run id of the execution `workflow_id` names in `domain`: `run_id` if given (open or
    /// closed), else the open one.
    pub(super) fn find_execution(
        &self,
        domain: &str,
        workflow_id: &str,
        run_id: Option<&str>,
    ) -> Option<String> {
        match run_id.filter(|r| !r.is_empty()) {
            Some(run_id) => self
                .executions
                .get(run_id)
                .filter(|e| e.domain == domain && e.workflow_id == workflow_id)
                .map(|e| e.run_id.clone()),
            None => self
                .open_ids
                .get(&(domain.to_owned(), workflow_id.to_owned()))
                .cloned(),
        }
    }

    /// Records `WorkflowExecutionSignaled` in an open execution and schedules a decision task;
    /// the event id.
    pub(super) fn signal(&mut self, run_id: &str, attributes: Value) -> i64 {
        let id = self.append(run_id, "WorkflowExecutionSignaled", attributes);
        self.schedule_decision(run_id);
        id
    }

    /// Records `WorkflowExecutionCancelRequested` in an open execution and schedules a decision
    /// task; the event id.
    pub(super) fn request_cancel_execution(&mut self, run_id: &str, attributes: Value) -> i64 {
        let id = self.append(run_id, "WorkflowExecutionCancelRequested", attributes);
        if let Some(exec) = self.executions.get_mut(run_id) {
            exec.cancel_requested = true;
        }
        self.schedule_decision(run_id);
        id
    }
}

// --- the API's execution operations ----------------------------------------------------------

fn text(body: &Value, path: &[&str]) -> String {
    str_at(body, path).unwrap_or_default().to_owned()
}

fn unknown_execution(workflow_id: &str, run_id: &str) -> SwfError {
    SwfError::unknown_resource(format!(
        "Unknown execution: WorkflowExecution=[workflowId={workflow_id}, runId={run_id}]"
    ))
}

/// The execution `execution.workflowId` and `execution.runId` name in `domain`, open or closed
/// (within its retention period).
fn named_execution<'a>(st: &'a State, body: &Value) -> Result<&'a Execution, SwfError> {
    let domain = text(body, &["domain"]);
    st.domain(&domain)?;
    let workflow_id = text(body, &["execution", "workflowId"]);
    let run_id = text(body, &["execution", "runId"]);
    st.executions
        .get(&run_id)
        .filter(|e| e.domain == domain && e.workflow_id == workflow_id)
        .ok_or_else(|| unknown_execution(&workflow_id, &run_id))
}

/// The open execution `workflowId` (and `runId`, if given) name in `domain`: the run id. SWF
/// answers `UnknownResourceFault` for an execution that is unknown or closed
/// (<https://docs.aws.amazon.com/amazonswf/latest/apireference/API_SignalWorkflowExecution.html>).
fn open_execution(st: &State, body: &Value) -> Result<String, SwfError> {
    let domain = text(body, &["domain"]);
    st.domain(&domain)?;
    let workflow_id = text(body, &["workflowId"]);
    let run_id = str_at(body, &["runId"]);
    st.find_execution(&domain, &workflow_id, run_id)
        .filter(|r| st.executions.get(r).is_some_and(|e| e.open))
        .ok_or_else(|| unknown_execution(&workflow_id, run_id.unwrap_or_default()))
}

/// The attributes of the execution's `WorkflowExecutionStarted` event: its configuration.
pub(super) fn started_attributes(exec: &Execution) -> &Value {
    exec.events
        .first()
        .and_then(|e| e.get("workflowExecutionStartedEventAttributes"))
        .unwrap_or(&Value::Null)
}

impl State {
    /// The parent of a child execution, as `WorkflowExecution`: from the child's started event
    /// if it names it, else from the parent's record.
    fn parent_reference(&self, exec: &Execution) -> Value {
        if let Some(parent) = value_at(started_attributes(exec), &["parentWorkflowExecution"]) {
            return parent.clone();
        }
        exec.parent.as_ref().map_or(
            Value::Null,
            |link| json!({"workflowId": link.workflow_id, "runId": link.run_id}),
        )
    }

    /// `WorkflowExecutionInfo`.
    fn execution_info(&self, exec: &Execution) -> Value {
        object([
            ("execution", exec.reference()),
            (
                "workflowType",
                json!({"name": exec.workflow_type.0, "version": exec.workflow_type.1}),
            ),
            ("startTimestamp", json!(exec.start_timestamp)),
            (
                "closeTimestamp",
                exec.close_timestamp.map_or(Value::Null, |t| json!(t)),
            ),
            (
                "executionStatus",
                json!(if exec.open { "OPEN" } else { "CLOSED" }),
            ),
            ("closeStatus", opt(exec.close_status)),
            ("parent", self.parent_reference(exec)),
            (
                "tagList",
                if exec.tag_list.is_empty() {
                    Value::Null
                } else {
                    json!(exec.tag_list)
                },
            ),
            ("cancelRequested", json!(exec.cancel_requested)),
        ])
    }
}

/// `DescribeWorkflowExecution`: an open execution, or a closed one within its domain's
/// retention period: its information, configuration, what is open in it, and its latest
/// activity task time and execution context.
pub(super) fn describe(st: &State, body: &Value) -> Result<Option<Value>, SwfError> {
    let exec = named_execution(st, body)?;
    let started = started_attributes(exec);
    let configuration = object([
        (
            "taskStartToCloseTimeout",
            opt(str_at(started, &["taskStartToCloseTimeout"])),
        ),
        (
            "executionStartToCloseTimeout",
            opt(str_at(started, &["executionStartToCloseTimeout"])),
        ),
        // The decider may have moved later decision tasks to another task list.
        ("taskList", json!({"name": exec.task_list})),
        ("taskPriority", opt(exec.task_priority.as_deref())),
        ("childPolicy", opt(str_at(started, &["childPolicy"]))),
        ("lambdaRole", opt(str_at(started, &["lambdaRole"]))),
    ]);
    let count = |n: usize| json!(i32::try_from(n).unwrap_or(i32::MAX));
    // Nothing is open in a closed execution.
    let open = |n: usize| if exec.open { count(n) } else { json!(0) };
    let decision =
        usize::from(exec.decision_scheduled.is_some() || exec.decision_started.is_some());
    let open_counts = json!({
        "openActivityTasks": open(exec.open_activities.len()),
        "openDecisionTasks": open(decision),
        "openTimers": open(exec.open_timers.len()),
        "openChildWorkflowExecutions": open(exec.open_children.len()),
        "openLambdaFunctions": 0,
    });
    Ok(Some(object([
        ("executionInfo", st.execution_info(exec)),
        ("executionConfiguration", configuration),
        ("openCounts", open_counts),
        (
            "latestActivityTaskTimestamp",
            exec.latest_activity_task_timestamp
                .map_or(Value::Null, |t| json!(t)),
        ),
        (
            "latestExecutionContext",
            opt(exec.latest_execution_context.as_deref()),
        ),
    ])))
}

/// `GetWorkflowExecutionHistory`: one page of an execution's events.
pub(super) fn history(st: &State, body: &Value) -> Result<Option<Value>, SwfError> {
    let exec = named_execution(st, body)?;
    let offset = match str_at(body, &["nextPageToken"]) {
        Some(t) => parse_page_token(t)?,
        None => 0,
    };
    let (events, next) = page(&exec.events, offset, paging(body));
    Ok(Some(object([
        ("events", Value::Array(events)),
        (
            "nextPageToken",
            next.map_or(Value::Null, |n| json!(page_token(n))),
        ),
    ])))
}

/// The executions of `domain` that are open (or closed) and pass the request's filters
/// (validation let through exactly one time range and at most one other filter), newest first
/// by the time range's time: start time, or close time for `closeTimeFilter`, as SWF orders
/// them (<https://docs.aws.amazon.com/amazonswf/latest/apireference/API_ListClosedWorkflowExecutions.html>).
fn matching<'a>(st: &'a State, body: &Value, open: bool) -> Result<Vec<&'a Execution>, SwfError> {
    let domain = text(body, &["domain"]);
    st.domain(&domain)?;
    let (by_close, range) = match value_at(body, &["closeTimeFilter"]) {
        Some(range) if !open => (true, range),
        _ => (
            false,
            value_at(body, &["startTimeFilter"]).unwrap_or(&Value::Null),
        ),
    };
    let oldest = range
        .get("oldestDate")
        .and_then(Value::as_f64)
        .unwrap_or(f64::MIN);
    let latest = range
        .get("latestDate")
        .and_then(Value::as_f64)
        .unwrap_or(f64::MAX);
    let time = |e: &Execution| {
        if by_close {
            e.close_timestamp.unwrap_or(f64::MIN)
        } else {
            e.start_timestamp
        }
    };
    let workflow_id = str_at(body, &["executionFilter", "workflowId"]);
    let type_name = str_at(body, &["typeFilter", "name"]);
    let type_version = str_at(body, &["typeFilter", "version"]);
    let tag = str_at(body, &["tagFilter", "tag"]);
    let status = str_at(body, &["closeStatusFilter", "status"]);
    let mut found: Vec<&Execution> = st
        .executions
        .values()
        .filter(|e| e.domain == domain && e.open == open)
        .filter(|e| (oldest..=latest).contains(&time(e)))
        .filter(|e| workflow_id.is_none_or(|id| e.workflow_id == id))
        .filter(|e| type_name.is_none_or(|n| e.workflow_type.0 == n))
        .filter(|e| type_version.is_none_or(|v| e.workflow_type.1 == v))
        .filter(|e| tag.is_none_or(|t| e.tag_list.iter().any(|x| x == t)))
        .filter(|e| status.is_none_or(|s| e.close_status == Some(s)))
        .collect();
    // Newest first; run ids break ties so that pages do not overlap.
    found.sort_by(|a, b| {
        time(b)
            .total_cmp(&time(a))
            .then_with(|| a.run_id.cmp(&b.run_id))
    });
    Ok(found)
}

/// `ListOpenWorkflowExecutions` and `ListClosedWorkflowExecutions`: one page of the matching
/// executions' information, newest first unless `reverseOrder`.
pub(super) fn list(st: &State, body: &Value, open: bool) -> Result<Option<Value>, SwfError> {
    let infos: Vec<Value> = matching(st, body, open)?
        .into_iter()
        .map(|e| st.execution_info(e))
        .collect();
    let offset = match str_at(body, &["nextPageToken"]) {
        Some(t) => parse_page_token(t)?,
        None => 0,
    };
    let (infos, next) = page(&infos, offset, paging(body));
    Ok(Some(object([
        ("executionInfos", Value::Array(infos)),
        (
            "nextPageToken",
            next.map_or(Value::Null, |n| json!(page_token(n))),
        ),
    ])))
}

/// `CountOpenWorkflowExecutions` and `CountClosedWorkflowExecutions`: how many executions
/// match; never truncated here.
pub(super) fn count(st: &State, body: &Value, open: bool) -> Result<Option<Value>, SwfError> {
    let n = matching(st, body, open)?.len();
    Ok(Some(
        json!({"count": i32::try_from(n).unwrap_or(i32::MAX), "truncated": false}),
    ))
}

/// `SignalWorkflowExecution`: records `WorkflowExecutionSignaled` (no external execution: the
/// signal comes from the API) and schedules a decision task.
pub(super) fn signal(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let run_id = open_execution(st, body)?;
    let attributes = object([
        ("signalName", opt(str_at(body, &["signalName"]))),
        ("input", opt(str_at(body, &["input"]))),
    ]);
    st.signal(&run_id, attributes);
    Ok(None)
}

/// `RequestCancelWorkflowExecution`: records `WorkflowExecutionCancelRequested` and schedules a
/// decision task; the decider decides what to do.
pub(super) fn request_cancel(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let run_id = open_execution(st, body)?;
    st.request_cancel_execution(&run_id, json!({}));
    Ok(None)
}

/// `TerminateWorkflowExecution`: closes the execution at once with
/// `WorkflowExecutionTerminated` (close status `TERMINATED`); its children are dealt with by
/// the request's child policy, else the execution's.
pub(super) fn terminate(st: &mut State, body: &Value) -> Result<Option<Value>, SwfError> {
    let run_id = open_execution(st, body)?;
    let child_policy = str_at(body, &["childPolicy"])
        .map(str::to_owned)
        .or_else(|| {
            st.executions
                .get(&run_id)
                .and_then(|e| str_at(started_attributes(e), &["childPolicy"]).map(str::to_owned))
        });
    let attributes = object([
        ("reason", opt(str_at(body, &["reason"]))),
        ("details", opt(str_at(body, &["details"]))),
        ("childPolicy", opt(child_policy.as_deref())),
    ]);
    // A decider working on the execution's decision task learns of the end from its answer,
    // which SWF refuses (`UnknownResourceFault`): closing ends that task too.
    st.close_execution(&run_id, "WorkflowExecutionTerminated", attributes);
    Ok(None)
}
