//! Executions seen from outside their decider: signal, cancel request, terminate, describe, and
//! the list and count operations with their filters.

use swf_activity_rules::{
    self as rules, DATA_MAX, NAME_MAX, NameKind, REASON_MAX, RUN_ID_MAX, TAG_MAX, VERSION_MAX,
};

use super::{Check, Client, Operation};
use crate::Error;
use crate::model::{
    CountClosedWorkflowExecutions, CountOpenWorkflowExecutions, CountPendingActivityTasks,
    CountPendingDecisionTasks, DescribeWorkflowExecution, ListClosedWorkflowExecutions,
    ListOpenWorkflowExecutions, PendingTaskCount, RequestCancelWorkflowExecution,
    SignalWorkflowExecution, TagFilter, TerminateWorkflowExecution, WorkflowExecutionCount,
    WorkflowExecutionDetail, WorkflowExecutionFilter, WorkflowExecutionInfo,
    WorkflowExecutionInfos, WorkflowTypeFilter,
};

impl Client {
    /// `SignalWorkflowExecution`: sends a signal to an open execution; SWF records
    /// `WorkflowExecutionSignaled` and schedules a decision task. `UnknownResourceFault` when
    /// no such execution is open.
    pub async fn signal_workflow_execution(
        &self,
        request: &SignalWorkflowExecution,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `RequestCancelWorkflowExecution`: asks an open execution to cancel itself; SWF records
    /// `WorkflowExecutionCancelRequested` for its decider.
    pub async fn request_cancel_workflow_execution(
        &self,
        request: &RequestCancelWorkflowExecution,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `TerminateWorkflowExecution`: closes an open execution at once; SWF records
    /// `WorkflowExecutionTerminated`.
    pub async fn terminate_workflow_execution(
        &self,
        request: &TerminateWorkflowExecution,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DescribeWorkflowExecution`: reads an execution's status, configuration and open counts.
    pub async fn describe_workflow_execution(
        &self,
        request: &DescribeWorkflowExecution,
    ) -> Result<WorkflowExecutionDetail, Error> {
        self.send(request).await
    }

    /// `ListOpenWorkflowExecutions`: one page of a domain's open executions.
    pub async fn list_open_workflow_executions(
        &self,
        request: &ListOpenWorkflowExecutions,
    ) -> Result<WorkflowExecutionInfos, Error> {
        self.send(request).await
    }

    /// Every execution `ListOpenWorkflowExecutions` lists, following `nextPageToken` from the
    /// request's token (usually none) to the last page.
    pub async fn list_open_workflow_executions_all(
        &self,
        request: &ListOpenWorkflowExecutions,
    ) -> Result<Vec<WorkflowExecutionInfo>, Error> {
        self.collect_pages(
            request,
            |page: WorkflowExecutionInfos| (page.execution_infos, page.next_page_token),
            |request, token| request.next_page_token = Some(token),
        )
        .await
    }

    /// `ListClosedWorkflowExecutions`: one page of a domain's closed executions.
    pub async fn list_closed_workflow_executions(
        &self,
        request: &ListClosedWorkflowExecutions,
    ) -> Result<WorkflowExecutionInfos, Error> {
        self.send(request).await
    }

    /// Every execution `ListClosedWorkflowExecutions` lists, following `nextPageToken` from the
    /// request's token (usually none) to the last page.
    pub async fn list_closed_workflow_executions_all(
        &self,
        request: &ListClosedWorkflowExecutions,
    ) -> Result<Vec<WorkflowExecutionInfo>, Error> {
        self.collect_pages(
            request,
            |page: WorkflowExecutionInfos| (page.execution_infos, page.next_page_token),
            |request, token| request.next_page_token = Some(token),
        )
        .await
    }

    /// `CountOpenWorkflowExecutions`: counts a domain's open executions.
    pub async fn count_open_workflow_executions(
        &self,
        request: &CountOpenWorkflowExecutions,
    ) -> Result<WorkflowExecutionCount, Error> {
        self.send(request).await
    }

    /// `CountClosedWorkflowExecutions`: counts a domain's closed executions.
    pub async fn count_closed_workflow_executions(
        &self,
        request: &CountClosedWorkflowExecutions,
    ) -> Result<WorkflowExecutionCount, Error> {
        self.send(request).await
    }

    /// `CountPendingActivityTasks`: counts the activity tasks waiting on a task list.
    pub async fn count_pending_activity_tasks(
        &self,
        request: &CountPendingActivityTasks,
    ) -> Result<PendingTaskCount, Error> {
        self.send(request).await
    }

    /// `CountPendingDecisionTasks`: counts the decision tasks waiting on a task list.
    pub async fn count_pending_decision_tasks(
        &self,
        request: &CountPendingDecisionTasks,
    ) -> Result<PendingTaskCount, Error> {
        self.send(request).await
    }
}

impl Check {
    /// A workflow id and an optional run id, as the signal, cancel and terminate requests name
    /// an execution.
    fn workflow_id_and_run(&self, workflow_id: &str, run_id: &Option<String>) -> Result<(), Error> {
        self.name("workflowId", NameKind::Id, workflow_id)?;
        self.max("runId", "runId", run_id, RUN_ID_MAX)
    }

    /// The filters of the list and count requests.
    fn filters(
        &self,
        execution: &Option<WorkflowExecutionFilter>,
        workflow_type: &Option<WorkflowTypeFilter>,
        tag: &Option<TagFilter>,
    ) -> Result<(), Error> {
        if let Some(filter) = execution {
            self.name(
                "executionFilter.workflowId",
                NameKind::Id,
                &filter.workflow_id,
            )?;
        }
        if let Some(filter) = workflow_type {
            self.name("typeFilter.name", NameKind::WorkflowName, &filter.name)?;
            self.max(
                "typeFilter.version",
                "version",
                &filter.version,
                VERSION_MAX,
            )?;
        }
        if let Some(filter) = tag {
            self.at(
                "tagFilter.tag",
                rules::check_max_len("tag", &filter.tag, TAG_MAX),
            )?;
        }
        Ok(())
    }
}

impl Operation for SignalWorkflowExecution {
    const NAME: &'static str = "SignalWorkflowExecution";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_id_and_run(&self.workflow_id, &self.run_id)?;
        c.at(
            "signalName",
            rules::check_required("signalName", &self.signal_name, NAME_MAX),
        )?;
        c.max("input", "input", &self.input, DATA_MAX)
    }
}

impl Operation for RequestCancelWorkflowExecution {
    const NAME: &'static str = "RequestCancelWorkflowExecution";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_id_and_run(&self.workflow_id, &self.run_id)
    }
}

impl Operation for TerminateWorkflowExecution {
    const NAME: &'static str = "TerminateWorkflowExecution";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_id_and_run(&self.workflow_id, &self.run_id)?;
        c.max("reason", "reason", &self.reason, REASON_MAX)?;
        c.max("details", "details", &self.details, DATA_MAX)
    }
}

impl Operation for DescribeWorkflowExecution {
    const NAME: &'static str = "DescribeWorkflowExecution";
    type Output = WorkflowExecutionDetail;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.execution("execution", &self.execution)
    }
}

impl Operation for ListOpenWorkflowExecutions {
    const NAME: &'static str = "ListOpenWorkflowExecutions";
    type Output = WorkflowExecutionInfos;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.filters(&self.execution_filter, &self.type_filter, &self.tag_filter)?;
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for ListClosedWorkflowExecutions {
    const NAME: &'static str = "ListClosedWorkflowExecutions";
    type Output = WorkflowExecutionInfos;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.filters(&self.execution_filter, &self.type_filter, &self.tag_filter)?;
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for CountOpenWorkflowExecutions {
    const NAME: &'static str = "CountOpenWorkflowExecutions";
    type Output = WorkflowExecutionCount;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.filters(&self.execution_filter, &self.type_filter, &self.tag_filter)
    }
}

impl Operation for CountClosedWorkflowExecutions {
    const NAME: &'static str = "CountClosedWorkflowExecutions";
    type Output = WorkflowExecutionCount;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.filters(&self.execution_filter, &self.type_filter, &self.tag_filter)
    }
}

impl Operation for CountPendingActivityTasks {
    const NAME: &'static str = "CountPendingActivityTasks";
    type Output = PendingTaskCount;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.task_list("taskList", &self.task_list)
    }
}

impl Operation for CountPendingDecisionTasks {
    const NAME: &'static str = "CountPendingDecisionTasks";
    type Output = PendingTaskCount;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.task_list("taskList", &self.task_list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ExecutionTimeFilter, ResourceTag, TagResource, UntagResource};
    use crate::model::{ListWorkflowTypes, RegistrationStatus};

    /// The client's message for `request`, which must be refused.
    fn refused(request: &impl Operation) -> String {
        request
            .validate()
            .expect_err("the request is refused")
            .message()
            .to_owned()
    }

    #[test]
    fn new_operations_name_the_member() {
        let cases = [
            (
                refused(&SignalWorkflowExecution::new("d", "w", "")),
                "SignalWorkflowExecution.signalName: ",
            ),
            (
                refused(&SignalWorkflowExecution::new("d", "w", "s").run_id("r".repeat(65))),
                "SignalWorkflowExecution.runId: ",
            ),
            (
                refused(&TerminateWorkflowExecution::new("d", "w").reason("x".repeat(257))),
                "TerminateWorkflowExecution.reason: ",
            ),
            (
                refused(&RequestCancelWorkflowExecution::new("d", " w")),
                "RequestCancelWorkflowExecution.workflowId: ",
            ),
            (
                refused(
                    &ListOpenWorkflowExecutions::new("d", ExecutionTimeFilter::new(0.0))
                        .tag_filter(TagFilter::new("t".repeat(257))),
                ),
                "ListOpenWorkflowExecutions.tagFilter.tag: ",
            ),
            (
                refused(&ListClosedWorkflowExecutions::new("d").maximum_page_size(1001)),
                "ListClosedWorkflowExecutions.maximumPageSize: ",
            ),
            (
                refused(
                    &CountClosedWorkflowExecutions::new("d")
                        .type_filter(WorkflowTypeFilter::new("W").version("v".repeat(65))),
                ),
                "CountClosedWorkflowExecutions.typeFilter.version: ",
            ),
            (
                refused(&CountPendingActivityTasks::new("d", "")),
                "CountPendingActivityTasks.taskList.name: ",
            ),
            (
                refused(&ListWorkflowTypes::new("d", RegistrationStatus::Registered).name("a:b")),
                "ListWorkflowTypes.name: ",
            ),
            (
                refused(&TagResource::new("", vec![ResourceTag::new("k")])),
                "TagResource.resourceArn: ",
            ),
            (
                refused(&UntagResource::new(
                    "arn",
                    vec!["k".to_owned(), String::new()],
                )),
                "UntagResource.tagKeys[1]: ",
            ),
        ];
        for (message, prefix) in cases {
            assert!(message.starts_with(prefix), "{prefix}: {message}");
        }
        CountOpenWorkflowExecutions::new("d", ExecutionTimeFilter::new(0.0).latest_date(1.0))
            .execution_filter(WorkflowExecutionFilter::new("w"))
            .validate()
            .expect("a valid count");
    }
}
