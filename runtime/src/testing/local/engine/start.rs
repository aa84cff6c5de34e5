//! Starting executions: `StartWorkflowExecution`, and the `StartChildWorkflowExecution` and
//! `ContinueAsNewWorkflowExecution` decisions, which take what they leave out from the workflow
//! type's registered defaults in the same way.

use serde_json::{Value, json};

use super::{Engine, ParentLink, State, type_name};
use crate::error::FaultCode;
use crate::testing::local::wire::{SwfError, object, opt, random_token, str_at, value_at};

/// A new run id, in the shape of SWF's.
pub(super) fn new_run_id() -> String {
    format!("{}=", random_token(43))
}

impl State {
    /// The `WorkflowExecutionStarted` attributes of an execution of `name`/`version` in
    /// `domain` started with `request` (the members `StartWorkflowExecution`,
    /// `StartChildWorkflowExecution` and `ContinueAsNewWorkflowExecution` share), what it leaves
    /// out taken from the type's defaults. Refused with the cause SWF names in `*Failed` events.
    pub(super) fn start_attributes(
        &self,
        domain: &str,
        name: &str,
        version: &str,
        request: &Value,
    ) -> Result<Value, &'static str> {
        let ty = self
            .domains
            .get(domain)
            .and_then(|d| d.workflow_types.get(&(name.to_owned(), version.to_owned())))
            .ok_or("WORKFLOW_TYPE_DOES_NOT_EXIST")?;
        if ty.deprecated {
            return Err("WORKFLOW_TYPE_DEPRECATED");
        }
        let task_list = str_at(request, &["taskList", "name"])
            .or_else(|| ty.default_task_list())
            .ok_or("DEFAULT_TASK_LIST_UNDEFINED")?;
        let pick = |member: &str, default: &str| {
            str_at(request, &[member]).or_else(|| ty.default_str(default))
        };
        let task_timeout = pick("taskStartToCloseTimeout", "defaultTaskStartToCloseTimeout")
            .ok_or("DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED")?;
        let execution_timeout = pick(
            "executionStartToCloseTimeout",
            "defaultExecutionStartToCloseTimeout",
        )
        .ok_or("DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED")?;
        let child_policy =
            pick("childPolicy", "defaultChildPolicy").ok_or("DEFAULT_CHILD_POLICY_UNDEFINED")?;
        Ok(object([
            ("input", opt(str_at(request, &["input"]))),
            ("executionStartToCloseTimeout", json!(execution_timeout)),
            ("taskStartToCloseTimeout", json!(task_timeout)),
            ("childPolicy", json!(child_policy)),
            ("taskList", json!({"name": task_list})),
            ("workflowType", json!({"name": name, "version": version})),
            (
                "tagList",
                value_at(request, &["tagList"])
                    .cloned()
                    .unwrap_or(Value::Null),
            ),
            (
                "taskPriority",
                opt(pick("taskPriority", "defaultTaskPriority")),
            ),
            ("parentInitiatedEventId", json!(0)),
            ("lambdaRole", opt(pick("lambdaRole", "defaultLambdaRole"))),
        ]))
    }

    /// The `ContinueAsNewWorkflowExecution` decision: the execution closes with
    /// `WorkflowExecutionContinuedAsNew` and a new run of the same workflow id starts, with
    /// `continuedExecutionRunId` naming this one. A child stays its parent's child.
    pub(super) fn continue_as_new(
        &mut self,
        run_id: &str,
        completed: i64,
        attrs: &Value,
    ) -> Result<(), &'static str> {
        let exec = self
            .executions
            .get(run_id)
            .ok_or("OPERATION_NOT_PERMITTED")?;
        let (domain, workflow_id) = (exec.domain.clone(), exec.workflow_id.clone());
        let name = exec.workflow_type.0.clone();
        let version = str_at(attrs, &["workflowTypeVersion"])
            .unwrap_or(&exec.workflow_type.1)
            .to_owned();
        let parent = exec.parent.clone();
        let mut started = self.start_attributes(&domain, &name, &version, attrs)?;
        let new_run = new_run_id();
        let mut closing = started.clone();
        if let Some(map) = closing.as_object_mut() {
            map.remove("parentInitiatedEventId");
            map.insert("decisionTaskCompletedEventId".into(), json!(completed));
            map.insert("newExecutionRunId".into(), json!(new_run));
        }
        self.close_execution(run_id, "WorkflowExecutionContinuedAsNew", closing);
        if let Some(map) = started.as_object_mut() {
            map.insert("continuedExecutionRunId".into(), json!(run_id));
            if let Some(link) = &parent {
                map.insert(
                    "parentWorkflowExecution".into(),
                    json!({"workflowId": link.workflow_id, "runId": link.run_id}),
                );
                map.insert(
                    "parentInitiatedEventId".into(),
                    json!(link.initiated_event_id),
                );
            }
        }
        let ty = (name, version);
        self.create_execution(&domain, &workflow_id, new_run.clone(), ty, started, false);
        if let Some(link) = parent {
            if let Some(p) = self.executions.get_mut(&link.run_id) {
                for child in &mut p.open_children {
                    if child == run_id {
                        new_run.clone_into(child);
                    }
                }
            }
            if let Some(exec) = self.executions.get_mut(&new_run) {
                exec.parent = Some(link);
            }
        }
        self.schedule_decision(&new_run);
        Ok(())
    }

    /// Starts a child execution for a `StartChildWorkflowExecution` decision whose
    /// `StartChildWorkflowExecutionInitiated` event is `initiated`; its run id.
    pub(super) fn start_child(
        &mut self,
        parent_run: &str,
        initiated: i64,
        started_attributes: Value,
    ) -> Result<String, &'static str> {
        let parent = self
            .executions
            .get(parent_run)
            .ok_or("OPERATION_NOT_PERMITTED")?;
        let domain = parent.domain.clone();
        let parent_workflow_id = parent.workflow_id.clone();
        if parent.open_children.len() >= OPEN_CHILDREN_MAX {
            return Err("OPEN_CHILDREN_LIMIT_EXCEEDED");
        }
        let workflow_id = str_at(&started_attributes, &["workflowId"])
            .unwrap_or_default()
            .to_owned();
        if self
            .open_ids
            .contains_key(&(domain.clone(), workflow_id.clone()))
        {
            return Err("WORKFLOW_ALREADY_RUNNING");
        }
        let ty = (
            str_at(&started_attributes, &["workflowType", "name"])
                .unwrap_or_default()
                .to_owned(),
            str_at(&started_attributes, &["workflowType", "version"])
                .unwrap_or_default()
                .to_owned(),
        );
        let mut started = started_attributes;
        if let Some(map) = started.as_object_mut() {
            map.remove("workflowId");
            map.insert(
                "parentWorkflowExecution".into(),
                json!({"workflowId": parent_workflow_id, "runId": parent_run}),
            );
            map.insert("parentInitiatedEventId".into(), json!(initiated));
        }
        let run_id = new_run_id();
        self.create_execution(
            &domain,
            &workflow_id,
            run_id.clone(),
            ty.clone(),
            started,
            false,
        );
        let started_event = self.append(
            parent_run,
            "ChildWorkflowExecutionStarted",
            json!({
                "workflowExecution": {"workflowId": workflow_id, "runId": run_id},
                "workflowType": {"name": ty.0, "version": ty.1},
                "initiatedEventId": initiated,
            }),
        );
        if let Some(p) = self.executions.get_mut(parent_run) {
            p.open_children.push(run_id.clone());
        }
        if let Some(child) = self.executions.get_mut(&run_id) {
            child.parent = Some(ParentLink {
                workflow_id: parent_workflow_id,
                run_id: parent_run.to_owned(),
                initiated_event_id: initiated,
                started_event_id: started_event,
            });
        }
        self.schedule_decision(&run_id);
        Ok(run_id)
    }
}

/// How many child executions one execution may have open (SWF's quota).
const OPEN_CHILDREN_MAX: usize = 1000;

impl Engine {
    /// `StartWorkflowExecution`.
    pub(super) fn start_workflow(&self, st: &mut State, body: &Value) -> Result<Value, SwfError> {
        let s = |path: &[&str]| str_at(body, path).unwrap_or_default().to_owned();
        let domain = s(&["domain"]);
        let workflow_id = s(&["workflowId"]);
        let (name, version) = (
            s(&["workflowType", "name"]),
            s(&["workflowType", "version"]),
        );
        st.domain(&domain)?;
        let refused = |cause: &str| match cause {
            "WORKFLOW_TYPE_DOES_NOT_EXIST" => SwfError::unknown_resource(format!(
                "Unknown type: {}",
                type_name("WorkflowType", &name, &version)
            )),
            "WORKFLOW_TYPE_DEPRECATED" => SwfError::fault(
                FaultCode::TypeDeprecated,
                type_name("WorkflowType", &name, &version),
            ),
            _ => {
                let what = match cause {
                    "DEFAULT_TASK_LIST_UNDEFINED" => "task list",
                    "DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED" => "taskStartToCloseTimeout",
                    "DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED" => {
                        "executionStartToCloseTimeout"
                    }
                    _ => "childPolicy",
                };
                SwfError::fault(
                    FaultCode::DefaultUndefined,
                    format!("No {what} was given and the workflow type has no default"),
                )
            }
        };
        // The type is checked before the id, the defaults after it, as SWF does.
        match st.start_attributes(&domain, &name, &version, body) {
            Err(cause @ ("WORKFLOW_TYPE_DOES_NOT_EXIST" | "WORKFLOW_TYPE_DEPRECATED")) => {
                return Err(refused(cause));
            }
            _ if st
                .open_ids
                .contains_key(&(domain.clone(), workflow_id.clone())) =>
            {
                return Err(SwfError::fault(
                    FaultCode::WorkflowExecutionAlreadyStarted,
                    format!("WorkflowId {workflow_id} is already open"),
                ));
            }
            Err(cause) => return Err(refused(cause)),
            Ok(attributes) => {
                let run_id = new_run_id();
                st.create_execution(
                    &domain,
                    &workflow_id,
                    run_id.clone(),
                    (name, version),
                    attributes,
                    false,
                );
                st.schedule_decision(&run_id);
                Ok(json!({"runId": run_id}))
            }
        }
    }
}
