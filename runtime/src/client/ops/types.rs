//! Workflow types (describe, list, deprecate, undeprecate, delete), and undeprecating and
//! deleting activity types.

use swf_activity_rules::NameKind;

use super::{Check, Client, Operation};
use crate::Error;
use crate::model::{
    DeleteActivityType, DeleteWorkflowType, DeprecateWorkflowType, DescribeWorkflowType,
    ListWorkflowTypes, UndeprecateActivityType, UndeprecateWorkflowType, WorkflowTypeDetail,
    WorkflowTypeInfo, WorkflowTypeInfos,
};

impl Client {
    /// `UndeprecateActivityType`: lets tasks of a deprecated activity type be scheduled again.
    pub async fn undeprecate_activity_type(
        &self,
        request: &UndeprecateActivityType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DeleteActivityType`: deletes a deprecated activity type.
    pub async fn delete_activity_type(&self, request: &DeleteActivityType) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DescribeWorkflowType`: reads a workflow type's status and registered defaults.
    pub async fn describe_workflow_type(
        &self,
        request: &DescribeWorkflowType,
    ) -> Result<WorkflowTypeDetail, Error> {
        self.send(request).await
    }

    /// `ListWorkflowTypes`: one page of the domain's workflow types with the given status.
    pub async fn list_workflow_types(
        &self,
        request: &ListWorkflowTypes,
    ) -> Result<WorkflowTypeInfos, Error> {
        self.send(request).await
    }

    /// Every workflow type `ListWorkflowTypes` lists, following `nextPageToken` from the
    /// request's token (usually none) to the last page.
    pub async fn list_workflow_types_all(
        &self,
        request: &ListWorkflowTypes,
    ) -> Result<Vec<WorkflowTypeInfo>, Error> {
        self.collect_pages(
            request,
            |page: WorkflowTypeInfos| (page.type_infos, page.next_page_token),
            |request, token| request.next_page_token = Some(token),
        )
        .await
    }

    /// `DeprecateWorkflowType`: stops new executions of the type from being started.
    pub async fn deprecate_workflow_type(
        &self,
        request: &DeprecateWorkflowType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `UndeprecateWorkflowType`: lets executions of a deprecated workflow type be started
    /// again.
    pub async fn undeprecate_workflow_type(
        &self,
        request: &UndeprecateWorkflowType,
    ) -> Result<(), Error> {
        self.send(request).await
    }

    /// `DeleteWorkflowType`: deletes a deprecated workflow type.
    pub async fn delete_workflow_type(&self, request: &DeleteWorkflowType) -> Result<(), Error> {
        self.send(request).await
    }
}

impl Operation for UndeprecateActivityType {
    const NAME: &'static str = "UndeprecateActivityType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.activity_type("activityType", &self.activity_type)
    }
}

impl Operation for DeleteActivityType {
    const NAME: &'static str = "DeleteActivityType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.activity_type("activityType", &self.activity_type)
    }
}

impl Operation for DescribeWorkflowType {
    const NAME: &'static str = "DescribeWorkflowType";
    type Output = WorkflowTypeDetail;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_type("workflowType", &self.workflow_type)
    }
}

impl Operation for ListWorkflowTypes {
    const NAME: &'static str = "ListWorkflowTypes";
    type Output = WorkflowTypeInfos;

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        if let Some(name) = &self.name {
            c.name("name", NameKind::WorkflowName, name)?;
        }
        c.page(&self.next_page_token, self.maximum_page_size)
    }
}

impl Operation for DeprecateWorkflowType {
    const NAME: &'static str = "DeprecateWorkflowType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_type("workflowType", &self.workflow_type)
    }
}

impl Operation for UndeprecateWorkflowType {
    const NAME: &'static str = "UndeprecateWorkflowType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_type("workflowType", &self.workflow_type)
    }
}

impl Operation for DeleteWorkflowType {
    const NAME: &'static str = "DeleteWorkflowType";
    type Output = ();

    fn validate(&self) -> Result<(), Error> {
        let c = Check::new(Self::NAME);
        c.name("domain", NameKind::Domain, &self.domain)?;
        c.workflow_type("workflowType", &self.workflow_type)
    }
}
