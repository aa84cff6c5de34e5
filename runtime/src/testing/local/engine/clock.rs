//! What the passing of time does to an execution, on the scaled clock: a decider's timers fire,
//! and decision tasks and executions time out.

use serde_json::{Value, json};

use super::executions::started_attributes;
use super::{Kind, Phase, State};
use crate::testing::local::wire::object;

impl State {
    /// A `StartTimer` timer ran out: `TimerFired`, and a decision task, unless it was canceled
    /// or its execution closed meanwhile.
    pub(super) fn fire_user_timer(&mut self, key: u64) {
        let Some(timer) = self.user_timers.remove(&key) else {
            return;
        };
        let open = self.executions.get_mut(&timer.run_id).is_some_and(|e| {
            e.open
                && e.open_timers
                    .remove(&timer.timer_id)
                    .is_some_and(|k| k == key)
        });
        if !open {
            return;
        }
        self.append(
            &timer.run_id,
            "TimerFired",
            json!({"timerId": timer.timer_id, "startedEventId": timer.started_event_id}),
        );
        self.schedule_decision(&timer.run_id);
    }

    /// A decision task ran past its start-to-close timeout: `DecisionTaskTimedOut`, its token
    /// no longer counts, and a new decision task is scheduled.
    pub(super) fn time_out_decision(&mut self, key: u64) {
        let Some(d) = self.decisions.get_mut(&key) else {
            return;
        };
        if d.phase != Phase::Started {
            return;
        }
        d.phase = Phase::Closed;
        let token = d.token.take();
        let (run_id, scheduled, started) =
            (d.run_id.clone(), d.scheduled_event_id, d.started_event_id);
        if let Some(token) = token {
            self.tokens.remove(&token);
        }
        let Some(exec) = self.executions.get_mut(&run_id) else {
            return;
        };
        if !exec.open || exec.decision_started != Some(key) {
            return;
        }
        exec.decision_started = None;
        exec.decision_again = false;
        self.append(
            &run_id,
            "DecisionTaskTimedOut",
            json!({
                "timeoutType": "START_TO_CLOSE",
                "scheduledEventId": scheduled,
                "startedEventId": started,
            }),
        );
        self.schedule_decision(&run_id);
    }

    /// A decision task waited on a decider's temporary task list past
    /// `taskListScheduleToStartTimeout`: `DecisionTaskTimedOut` (`SCHEDULE_TO_START`), the
    /// override is dropped, and a new decision task goes to the execution's own task list.
    pub(super) fn time_out_waiting_decision(&mut self, key: u64) {
        let Some(d) = self.decisions.get_mut(&key) else {
            return;
        };
        if d.phase != Phase::Scheduled {
            return;
        }
        d.phase = Phase::Closed;
        let (run_id, scheduled) = (d.run_id.clone(), d.scheduled_event_id);
        let Some(exec) = self.executions.get_mut(&run_id) else {
            return;
        };
        if !exec.open || exec.decision_scheduled != Some(key) {
            return;
        }
        exec.decision_scheduled = None;
        let queue = (Kind::Decision, exec.domain.clone(), exec.task_list.clone());
        if let Some((original, _)) = exec.task_list_override.take() {
            exec.task_list = original;
        }
        if let Some(q) = self.queues.get_mut(&queue) {
            q.pending.retain(|(_, _, k)| *k != key);
        }
        self.append(
            &run_id,
            "DecisionTaskTimedOut",
            json!({
                "timeoutType": "SCHEDULE_TO_START",
                "scheduledEventId": scheduled,
                "startedEventId": 0,
            }),
        );
        self.schedule_decision(&run_id);
    }

    /// An execution ran past its start-to-close timeout: `WorkflowExecutionTimedOut`, with its
    /// child policy applied to its children.
    pub(super) fn time_out_execution(&mut self, key: u64) {
        let Some(run_id) = self.execution_timers.remove(&key) else {
            return;
        };
        let Some(exec) = self.executions.get(&run_id).filter(|e| e.open) else {
            return;
        };
        let policy = started_attributes(exec)
            .get("childPolicy")
            .cloned()
            .unwrap_or(Value::Null);
        self.close_execution(
            &run_id,
            "WorkflowExecutionTimedOut",
            object([
                ("timeoutType", json!("START_TO_CLOSE")),
                ("childPolicy", policy),
            ]),
        );
    }
}
