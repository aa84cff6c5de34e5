//! Child executions once started: their closing reported to the parent, and the parent's child
//! policy applied to them when the parent is terminated or times out.

use serde_json::{Value, json};

use super::State;
use super::executions::started_attributes;
use crate::testing::local::wire::object;

impl State {
    /// Records a child's closing in its parent (`ChildWorkflowExecutionCompleted`, `...Failed`,
    /// `...Canceled`, `...Terminated` or `...TimedOut`) and schedules a decision task there.
    pub(super) fn report_to_parent(&mut self, run_id: &str, event_type: &str, closing: &Value) {
        let Some(child) = self.executions.get(run_id) else {
            return;
        };
        let Some(link) = child.parent.clone() else {
            return;
        };
        let (parent_event, members): (&str, &[&str]) = match event_type {
            "WorkflowExecutionCompleted" => ("ChildWorkflowExecutionCompleted", &["result"]),
            "WorkflowExecutionFailed" => ("ChildWorkflowExecutionFailed", &["reason", "details"]),
            "WorkflowExecutionCanceled" => ("ChildWorkflowExecutionCanceled", &["details"]),
            "WorkflowExecutionTerminated" => ("ChildWorkflowExecutionTerminated", &[]),
            "WorkflowExecutionTimedOut" => ("ChildWorkflowExecutionTimedOut", &["timeoutType"]),
            _ => return,
        };
        let mut attributes = object([
            ("workflowExecution", child.reference()),
            (
                "workflowType",
                json!({"name": child.workflow_type.0, "version": child.workflow_type.1}),
            ),
            ("initiatedEventId", json!(link.initiated_event_id)),
            ("startedEventId", json!(link.started_event_id)),
        ]);
        if let Some(map) = attributes.as_object_mut() {
            for member in members {
                if let Some(value) = closing.get(*member).filter(|v| !v.is_null()) {
                    map.insert((*member).to_owned(), value.clone());
                }
            }
        }
        let Some(parent) = self.executions.get_mut(&link.run_id).filter(|p| p.open) else {
            return;
        };
        parent.open_children.retain(|r| r != run_id);
        self.append(&link.run_id, parent_event, attributes);
        self.schedule_decision(&link.run_id);
    }

    /// Applies a terminated or timed-out parent's child policy to its open children:
    /// `TERMINATE` terminates them, `REQUEST_CANCEL` records a cancel request in each, and
    /// `ABANDON` leaves them running. The cause recorded is `CHILD_POLICY_APPLIED`.
    pub(super) fn apply_child_policy(&mut self, children: &[String], policy: &str) {
        for run_id in children {
            let Some(child) = self.executions.get(run_id).filter(|c| c.open) else {
                continue;
            };
            match policy {
                "TERMINATE" => {
                    let own_policy = started_attributes(child)
                        .get("childPolicy")
                        .cloned()
                        .unwrap_or(Value::Null);
                    self.close_execution(
                        run_id,
                        "WorkflowExecutionTerminated",
                        object([
                            ("childPolicy", own_policy),
                            ("cause", json!("CHILD_POLICY_APPLIED")),
                        ]),
                    );
                }
                "REQUEST_CANCEL" => {
                    self.request_cancel_execution(run_id, json!({"cause": "CHILD_POLICY_APPLIED"}));
                }
                _ => {}
            }
        }
    }
}
