//! What the decider's answer does: `RespondDecisionTaskCompleted` and each decision type, with
//! the events SWF records and the `*Failed` events, with SWF's causes, for decisions it cannot
//! carry out.

use serde_json::{Value, json};

use super::{Engine, Phase, State, TokenOf, unknown_token};
use crate::testing::local::wire::{SwfError, object, opt, str_at, value_at};

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
        // Every decision needs the attributes of its type.
        for (i, decision) in decisions.iter().enumerate() {
            let ty = str_at(decision, &["decisionType"]).unwrap_or_default();
            let mut member = ty.to_owned();
            if let Some(first) = member.get_mut(0..1) {
                first.make_ascii_lowercase();
            }
            member.push_str("DecisionAttributes");
            if ty != "RequestCancelActivityTask"
                && ty != "ScheduleActivityTask"
                && ty != "RecordMarker"
            {
                continue;
            }
            if value_at(decision, &[&member]).is_none() {
                return Err(SwfError::validation(format!(
                    "1 validation error detected: Value null at 'decisions.{}.member.{member}' failed to satisfy constraint: Member must not be null",
                    i + 1
                )));
            }
        }
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
            ]),
        );
        let mut again = false;
        if let Some(exec) = st.executions.get_mut(&run_id) {
            // Later decision tasks go to the task list the decider names, if it names one.
            if let Some(task_list) = str_at(body, &["taskList", "name"]) {
                exec.task_list = task_list.to_owned();
            }
            exec.decision_started = None;
            exec.previous_started_event_id = started;
            if let Some(context) = str_at(body, &["executionContext"]) {
                exec.latest_execution_context = Some(context.to_owned());
            }
            again = std::mem::take(&mut exec.decision_again);
        }
        for decision in &decisions {
            if !st.executions.get(&run_id).is_some_and(|e| e.open) {
                break;
            }
            let ty = str_at(decision, &["decisionType"]).unwrap_or_default();
            let attrs = |member: &str| value_at(decision, &[member]).cloned().unwrap_or(json!({}));
            let with_id = |mut v: Value| {
                if let Some(map) = v.as_object_mut() {
                    map.insert("decisionTaskCompletedEventId".into(), json!(completed));
                }
                v
            };
            match ty {
                "ScheduleActivityTask" => {
                    let a = attrs("scheduleActivityTaskDecisionAttributes");
                    if let Err(cause) = st.schedule_activity(&run_id, completed, &a, true) {
                        st.append(
                            &run_id,
                            "ScheduleActivityTaskFailed",
                            json!({
                                "activityType": a.get("activityType").cloned().unwrap_or(Value::Null),
                                "activityId": a.get("activityId").cloned().unwrap_or(Value::Null),
                                "cause": cause,
                                "decisionTaskCompletedEventId": completed,
                            }),
                        );
                        again = true;
                    }
                }
                "RequestCancelActivityTask" => {
                    let a = attrs("requestCancelActivityTaskDecisionAttributes");
                    let activity_id = str_at(&a, &["activityId"]).unwrap_or_default();
                    if let Err(cause) = st.request_cancel(&run_id, activity_id, completed) {
                        st.append(
                            &run_id,
                            "RequestCancelActivityTaskFailed",
                            json!({
                                "activityId": activity_id,
                                "cause": cause,
                                "decisionTaskCompletedEventId": completed,
                            }),
                        );
                        again = true;
                    }
                }
                "RecordMarker" => {
                    let a = with_id(attrs("recordMarkerDecisionAttributes"));
                    st.append(&run_id, "MarkerRecorded", a);
                }
                "CompleteWorkflowExecution" => {
                    let a = with_id(attrs("completeWorkflowExecutionDecisionAttributes"));
                    st.close_execution(&run_id, "WorkflowExecutionCompleted", a);
                }
                "FailWorkflowExecution" => {
                    let a = with_id(attrs("failWorkflowExecutionDecisionAttributes"));
                    st.close_execution(&run_id, "WorkflowExecutionFailed", a);
                }
                "CancelWorkflowExecution" => {
                    let a = with_id(attrs("cancelWorkflowExecutionDecisionAttributes"));
                    st.close_execution(&run_id, "WorkflowExecutionCanceled", a);
                }
                _ => {}
            }
        }
        if again {
            st.schedule_decision(&run_id);
        }
        Ok(())
    }
}
