//! What happens to an execution from outside its decider: signals and cancel requests, from
//! the API or from another execution's decisions.

use serde_json::Value;

use super::State;

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
