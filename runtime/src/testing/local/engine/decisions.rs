//! What the decider's answer does: `RespondDecisionTaskCompleted` and each decision type, with
//! the events SWF records and the `*Failed` events, with SWF's causes, for decisions it cannot
//! carry out.

use serde_json::{Map, Value, json};

use super::{Engine, Phase, State, Timer, TokenOf, UserTimer, unknown_token};
use crate::testing::local::wire::{SwfError, attributes_key, object, opt, str_at, value_at};

impl Engine {
    pub(super) fn complete_decision(&self, st: &mut State, body: &Value) -> Result<(), SwfError> {
        let token = str_at(body, &["taskToken"]).unwrap_or_default();
        let key = match st.tokens.get(token) {
            Some(TokenOf::Decision(key))
                if st
                    .decisions
                    .get(key)
                    .is_some_and(|d| d.phase == Phase::Started) =>
            {
                *key
            }
            _ => return Err(unknown_token()),
        };
        let decisions = body
            .get("decisions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // Validation made sure every decision has the attributes its type needs.
        let (run_id, scheduled, started) = match st.decisions.get_mut(&key) {
            Some(d) => {
                d.phase = Phase::Closed;
                (d.run_id.clone(), d.scheduled_event_id, d.started_event_id)
            }
            None => return Err(unknown_token()),
        };
        st.tokens.remove(token);
        let completed = st.append(
            &run_id,
            "DecisionTaskCompleted",
            object([
                ("executionContext", opt(str_at(body, &["executionContext"]))),
                ("scheduledEventId", json!(scheduled)),
                ("startedEventId", json!(started)),
                (
                    "taskList",
                    body.get("taskList").cloned().unwrap_or(Value::Null),
                ),
                (
                    "taskListScheduleToStartTimeout",
                    opt(str_at(body, &["taskListScheduleToStartTimeout"])),
                ),
            ]),
        );
        // Events that arrived while the decider worked: it has not seen them, so a decision to
        // close the execution fails with UNHANDLED_DECISION and a new decision task follows.
        let mut again = false;
        if let Some(exec) = st.executions.get_mut(&run_id) {
            // Later decision tasks go to the task list the decider names, if it names one; with
            // `taskListScheduleToStartTimeout`, only until a task waits there that long.
            if let Some(task_list) = str_at(body, &["taskList", "name"]) {
                let temporary = str_at(body, &["taskListScheduleToStartTimeout"])
                    .and_then(|t| t.parse::<u32>().ok());
                let original = match exec.task_list_override.take() {
                    Some((original, _)) => original,
                    None => exec.task_list.clone(),
                };
                exec.task_list_override = temporary.map(|secs| (original, secs));
                exec.task_list = task_list.to_owned();
            }
            exec.decision_started = None;
            exec.previous_started_event_id = started;
            if let Some(context) = str_at(body, &["executionContext"]) {
                exec.latest_execution_context = Some(context.to_owned());
            }
            again = std::mem::take(&mut exec.decision_again);
        }
        let mut reschedule = again;
        for decision in &decisions {
            if !st.executions.get(&run_id).is_some_and(|e| e.open) {
                break;
            }
            if st.carry_out(&run_id, completed, decision, again) {
                reschedule = true;
            }
        }
        if reschedule {
            st.schedule_decision(&run_id);
        }
        Ok(())
    }
}

/// The decisions that act on another execution.
#[derive(Debug, Clone, Copy)]
enum External {
    Signal,
    Cancel,
}

/// How many timers one execution may have open (SWF's quota).
const OPEN_TIMERS_MAX: usize = 1000;

/// `v` with `decisionTaskCompletedEventId` added.
fn with_completed(mut v: Value, completed: i64) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.insert("decisionTaskCompletedEventId".into(), json!(completed));
    }
    v
}

/// The attributes of a `*Failed` event: `attributes` (what the decision named) with the cause,
/// the decision task's `DecisionTaskCompleted` event and, where the event type has one, the
/// `*Initiated` event.
fn failure(
    mut attributes: Map<String, Value>,
    cause: &str,
    completed: i64,
    initiated: Option<i64>,
) -> Value {
    attributes.insert("cause".into(), json!(cause));
    attributes.insert("decisionTaskCompletedEventId".into(), json!(completed));
    if let Some(initiated) = initiated {
        attributes.insert("initiatedEventId".into(), json!(initiated));
    }
    Value::Object(attributes)
}

/// The members of `attrs` named, as an object (absent ones left out).
fn members(attrs: &Value, names: &[&str]) -> Map<String, Value> {
    names
        .iter()
        .filter_map(|n| {
            Some((
                (*n).to_owned(),
                attrs.get(*n).filter(|v| !v.is_null())?.clone(),
            ))
        })
        .collect()
}

impl State {
    /// Carries out one decision of a decision task whose `DecisionTaskCompleted` event is
    /// `completed`; `unhandled`: events arrived while the task ran. Whether the decider must
    /// hear of the result in a new decision task (a `*Failed` event, or an event another
    /// execution caused).
    fn carry_out(
        &mut self,
        run_id: &str,
        completed: i64,
        decision: &Value,
        unhandled: bool,
    ) -> bool {
        let ty = str_at(decision, &["decisionType"]).unwrap_or_default();
        let member = attributes_key(ty, "DecisionAttributes");
        let a = value_at(decision, &[&member]).cloned().unwrap_or(json!({}));
        let failed = |event: &str, attributes: Map<String, Value>, cause: &str| {
            (
                event.to_owned(),
                failure(attributes, cause, completed, None),
            )
        };
        let failure = match ty {
            "ScheduleActivityTask" => {
                if let Err(cause) = self.schedule_activity(run_id, completed, &a, true) {
                    self.record_schedule_failed(run_id, completed, &a, cause);
                    return true;
                }
                None
            }
            "RequestCancelActivityTask" => {
                let activity_id = str_at(&a, &["activityId"]).unwrap_or_default();
                self.request_cancel(run_id, activity_id, completed)
                    .err()
                    .map(|cause| {
                        failed(
                            "RequestCancelActivityTaskFailed",
                            members(&a, &["activityId"]),
                            cause,
                        )
                    })
            }
            "RecordMarker" => {
                self.append(run_id, "MarkerRecorded", with_completed(a, completed));
                None
            }
            "StartTimer" => self
                .start_timer(run_id, completed, &a)
                .err()
                .map(|cause| failed("StartTimerFailed", members(&a, &["timerId"]), cause)),
            "CancelTimer" => self
                .cancel_timer(run_id, completed, &a)
                .err()
                .map(|cause| failed("CancelTimerFailed", members(&a, &["timerId"]), cause)),
            "CompleteWorkflowExecution" | "FailWorkflowExecution" | "CancelWorkflowExecution"
                if unhandled =>
            {
                Some(failed(
                    &format!("{ty}Failed"),
                    Map::new(),
                    "UNHANDLED_DECISION",
                ))
            }
            "CompleteWorkflowExecution" => {
                let a = with_completed(a, completed);
                self.close_execution(run_id, "WorkflowExecutionCompleted", a);
                None
            }
            "FailWorkflowExecution" => {
                let a = with_completed(a, completed);
                self.close_execution(run_id, "WorkflowExecutionFailed", a);
                None
            }
            "CancelWorkflowExecution" => {
                let a = with_completed(a, completed);
                self.close_execution(run_id, "WorkflowExecutionCanceled", a);
                None
            }
            "ContinueAsNewWorkflowExecution" => {
                let result = if unhandled {
                    Err("UNHANDLED_DECISION")
                } else {
                    self.continue_as_new(run_id, completed, &a)
                };
                result
                    .err()
                    .map(|cause| failed("ContinueAsNewWorkflowExecutionFailed", Map::new(), cause))
            }
            "SignalExternalWorkflowExecution" => {
                self.external_decision(run_id, completed, &a, External::Signal);
                return true;
            }
            "RequestCancelExternalWorkflowExecution" => {
                self.external_decision(run_id, completed, &a, External::Cancel);
                return true;
            }
            "StartChildWorkflowExecution" => {
                self.start_child_decision(run_id, completed, &a);
                return true;
            }
            // There is no Lambda here: the decision fails as it does in a region without it.
            "ScheduleLambdaFunction" => Some(failed(
                "ScheduleLambdaFunctionFailed",
                members(&a, &["id", "name"]),
                "LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION",
            )),
            _ => None,
        };
        match failure {
            Some((event, attributes)) => {
                self.append(run_id, &event, attributes);
                true
            }
            None => false,
        }
    }

    /// `ScheduleActivityTaskFailed` for a `ScheduleActivityTask` decision (or the programmatic
    /// API's equivalent) with attributes `a`.
    pub(super) fn record_schedule_failed(
        &mut self,
        run_id: &str,
        completed: i64,
        a: &Value,
        cause: &str,
    ) {
        let attributes = failure(
            members(a, &["activityType", "activityId"]),
            cause,
            completed,
            None,
        );
        self.append(run_id, "ScheduleActivityTaskFailed", attributes);
    }

    /// `StartTimer`: `TimerStarted`, and `TimerFired` after `startToFireTimeout` seconds.
    fn start_timer(&mut self, run_id: &str, completed: i64, a: &Value) -> Result<(), &'static str> {
        let timer_id = str_at(a, &["timerId"]).unwrap_or_default().to_owned();
        let exec = self
            .executions
            .get(run_id)
            .ok_or("OPERATION_NOT_PERMITTED")?;
        if exec.open_timers.contains_key(&timer_id) {
            return Err("TIMER_ID_ALREADY_IN_USE");
        }
        if exec.open_timers.len() >= OPEN_TIMERS_MAX {
            return Err("OPEN_TIMERS_LIMIT_EXCEEDED");
        }
        let secs = str_at(a, &["startToFireTimeout"])
            .and_then(|t| t.parse::<u32>().ok())
            .unwrap_or(0);
        let started = self.append(
            run_id,
            "TimerStarted",
            with_completed(
                Value::Object(members(a, &["timerId", "control", "startToFireTimeout"])),
                completed,
            ),
        );
        let key = self.next_key();
        self.user_timers.insert(
            key,
            UserTimer {
                run_id: run_id.to_owned(),
                timer_id: timer_id.clone(),
                started_event_id: started,
            },
        );
        if let Some(exec) = self.executions.get_mut(run_id) {
            exec.open_timers.insert(timer_id, key);
        }
        self.to_arm.push((Timer::User(key), secs));
        Ok(())
    }

    /// `CancelTimer`: `TimerCanceled` for an open timer.
    fn cancel_timer(
        &mut self,
        run_id: &str,
        completed: i64,
        a: &Value,
    ) -> Result<(), &'static str> {
        let timer_id = str_at(a, &["timerId"]).unwrap_or_default();
        let key = self
            .executions
            .get_mut(run_id)
            .and_then(|e| e.open_timers.remove(timer_id))
            .ok_or("TIMER_ID_UNKNOWN")?;
        let started = self
            .user_timers
            .remove(&key)
            .map_or(0, |t| t.started_event_id);
        self.append(
            run_id,
            "TimerCanceled",
            json!({
                "timerId": timer_id,
                "startedEventId": started,
                "decisionTaskCompletedEventId": completed,
            }),
        );
        Ok(())
    }

    /// The open execution a decision names by `workflowId` and optional `runId`, in the
    /// deciding execution's domain.
    fn external(&self, run_id: &str, a: &Value) -> Option<String> {
        let domain = &self.executions.get(run_id)?.domain;
        let workflow_id = str_at(a, &["workflowId"]).unwrap_or_default();
        self.find_execution(domain, workflow_id, str_at(a, &["runId"]))
            .filter(|r| self.executions.get(r).is_some_and(|e| e.open))
    }

    /// `SignalExternalWorkflowExecution` and `RequestCancelExternalWorkflowExecution`: the
    /// decision's `*Initiated` event, then what the target records (`WorkflowExecutionSignaled`
    /// or `WorkflowExecutionCancelRequested`) and the result here
    /// (`ExternalWorkflowExecutionSignaled` or `ExternalWorkflowExecutionCancelRequested`), or
    /// the `*Failed` event when there is no such open execution.
    fn external_decision(&mut self, run_id: &str, completed: i64, a: &Value, kind: External) {
        let (decision, initiated_members, done): (&str, &[&str], &str) = match kind {
            External::Signal => (
                "SignalExternalWorkflowExecution",
                &["workflowId", "runId", "signalName", "input", "control"],
                "ExternalWorkflowExecutionSignaled",
            ),
            External::Cancel => (
                "RequestCancelExternalWorkflowExecution",
                &["workflowId", "runId", "control"],
                "ExternalWorkflowExecutionCancelRequested",
            ),
        };
        let initiated = self.append(
            run_id,
            &format!("{decision}Initiated"),
            with_completed(Value::Object(members(a, initiated_members)), completed),
        );
        let Some(target) = self.external(run_id, a) else {
            let attributes = failure(
                members(a, &["workflowId", "runId", "control"]),
                "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION",
                completed,
                Some(initiated),
            );
            self.append(run_id, &format!("{decision}Failed"), attributes);
            return;
        };
        let source = self
            .executions
            .get(run_id)
            .map_or(Value::Null, super::Execution::reference);
        let target_ref = self
            .executions
            .get(&target)
            .map_or(Value::Null, super::Execution::reference);
        match kind {
            External::Signal => {
                self.signal(
                    &target,
                    object([
                        ("signalName", opt(str_at(a, &["signalName"]))),
                        ("input", opt(str_at(a, &["input"]))),
                        ("externalWorkflowExecution", source),
                        ("externalInitiatedEventId", json!(initiated)),
                    ]),
                );
            }
            External::Cancel => {
                self.request_cancel_execution(
                    &target,
                    object([
                        ("externalWorkflowExecution", source),
                        ("externalInitiatedEventId", json!(initiated)),
                    ]),
                );
            }
        }
        self.append(
            run_id,
            done,
            object([
                ("workflowExecution", target_ref),
                ("initiatedEventId", json!(initiated)),
            ]),
        );
    }

    /// `StartChildWorkflowExecution`: `StartChildWorkflowExecutionInitiated`, then
    /// `ChildWorkflowExecutionStarted` (and the child's first decision task), or
    /// `StartChildWorkflowExecutionFailed` with SWF's cause.
    fn start_child_decision(&mut self, run_id: &str, completed: i64, a: &Value) {
        let Some(domain) = self.executions.get(run_id).map(|e| e.domain.clone()) else {
            return;
        };
        let name = str_at(a, &["workflowType", "name"]).unwrap_or_default();
        let version = str_at(a, &["workflowType", "version"]).unwrap_or_default();
        let resolved = self.start_attributes(&domain, name, version, a);
        // A child whose type or defaults do not resolve is refused at once, without an initiated
        // event (its `initiatedEventId` is 0): SWF records `StartChildWorkflowExecutionInitiated`
        // only for a start it goes on with, and that event's `taskList` and `childPolicy` are
        // required members, known only once the type's defaults are applied.
        let too_many = self
            .executions
            .get(run_id)
            .is_some_and(|e| e.open_children.len() >= super::start::OPEN_CHILDREN_MAX);
        let mut started = match resolved {
            Ok(_) if too_many => {
                self.start_child_failed(run_id, completed, a, "OPEN_CHILDREN_LIMIT_EXCEEDED", 0);
                return;
            }
            Ok(started) => started,
            Err(cause) => {
                self.start_child_failed(run_id, completed, a, cause, 0);
                return;
            }
        };
        // The initiated event carries what the child starts with: the decision's members,
        // completed from the type's defaults.
        let mut initiated_attributes = members(
            &started,
            &[
                "workflowType",
                "input",
                "executionStartToCloseTimeout",
                "taskList",
                "taskPriority",
                "childPolicy",
                "taskStartToCloseTimeout",
                "tagList",
                "lambdaRole",
            ],
        );
        initiated_attributes.extend(members(a, &["workflowId", "control"]));
        initiated_attributes.insert("decisionTaskCompletedEventId".into(), json!(completed));
        let initiated = self.append(
            run_id,
            "StartChildWorkflowExecutionInitiated",
            Value::Object(initiated_attributes),
        );
        if let Some(map) = started.as_object_mut() {
            map.insert(
                "workflowId".into(),
                a.get("workflowId").cloned().unwrap_or(Value::Null),
            );
        }
        if let Err(cause) = self.start_child(run_id, initiated, started) {
            self.start_child_failed(run_id, completed, a, cause, initiated);
        }
    }

    /// `StartChildWorkflowExecutionFailed` for the decision with attributes `a`.
    fn start_child_failed(
        &mut self,
        run_id: &str,
        completed: i64,
        a: &Value,
        cause: &str,
        initiated: i64,
    ) {
        let attributes = failure(
            members(a, &["workflowType", "workflowId", "control"]),
            cause,
            completed,
            Some(initiated),
        );
        self.append(run_id, "StartChildWorkflowExecutionFailed", attributes);
    }
}
