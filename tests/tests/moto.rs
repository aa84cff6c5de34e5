//! Interop with moto, an SWF implementation written by others, over real HTTP with SigV4
//! checked: register, start, decide, poll, fail an activity task, and read the failure back from
//! the history.
//!
//! Needs `moto_server`; `.ci/moto.sh` installs a pinned moto into `target/moto-venv` and runs
//! this test with `SWF_MOTO_SERVER` pointing at it.
//!
//! The launcher and the IAM bootstrap that makes moto check signatures live in
//! [`swf_activity_tests::moto`].
//!
//! [`the_rest_of_the_api_against_moto`] covers the other operations moto 5.2.5 implements:
//! domains (list, deprecate, undeprecate), tags, activity and workflow types (describe, list,
//! deprecate, undeprecate), signal, terminate, describe, list open and closed executions, and
//! the pending task counts. moto does not implement `CountOpenWorkflowExecutions`,
//! `CountClosedWorkflowExecutions`, `RequestCancelWorkflowExecution`,
//! `RespondActivityTaskCanceled`, `DeleteActivityType` or `DeleteWorkflowType`.

use swf_activity::ErrorKind;
use swf_activity::model::{
    ActivityType, Decision, DescribeActivityType, DescribeDomain, EventType,
    GetWorkflowExecutionHistory, ListActivityTypes, PollForActivityTask, PollForDecisionTask,
    RecordActivityTaskHeartbeat, RegisterActivityType, RegisterDomain, RegisterWorkflowType,
    RegistrationStatus, RespondActivityTaskFailed, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution, WorkflowExecution,
    WorkflowType,
};
use swf_activity::model::{
    ChildPolicy, CloseStatus, CountPendingActivityTasks, CountPendingDecisionTasks,
    DeprecateActivityType, DeprecateDomain, DeprecateWorkflowType, DescribeWorkflowExecution,
    DescribeWorkflowType, ExecutionStatus, ExecutionTimeFilter, ListClosedWorkflowExecutions,
    ListDomains, ListOpenWorkflowExecutions, ListTagsForResource, ListWorkflowTypes, ResourceTag,
    SignalWorkflowExecution, TagFilter, TagResource, TerminateWorkflowExecution,
    UndeprecateActivityType, UndeprecateDomain, UndeprecateWorkflowType, UntagResource,
};
use swf_activity_tests::moto::{MAX_POLLS, MotoServer};

const DOMAIN: &str = "swf-activity-moto";
const REASON: &str = "card ending 4242 was declined";
const DETAILS: &str = r#"{"Declined":{"last4":"4242"}}"#;

#[tokio::test]
#[ignore = "needs moto_server; run .ci/moto.sh (see README)"]
async fn activity_failure_round_trips_through_moto() {
    let moto = MotoServer::start(env!("CARGO_TARGET_TMPDIR"));
    let (access_key_id, secret) = moto.create_swf_user().await;
    let client = moto.client(&access_key_id, &secret);

    // From here on moto checks every signature: a wrong secret is refused.
    let impostor = moto.client(&access_key_id, "not-the-secret-access-key");
    let err = impostor
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("a request signed with a wrong secret is refused");
    assert!(
        matches!(err.kind(), ErrorKind::AccessDenied { .. }),
        "wrong secret: {err:?}"
    );

    client
        .register_domain(&RegisterDomain::new(DOMAIN, "1").description("swf-activity interop"))
        .await
        .expect("RegisterDomain");
    let domain = client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("DescribeDomain");
    assert_eq!(domain.domain_info.name, DOMAIN);
    assert_eq!(domain.domain_info.status, RegistrationStatus::Registered);

    let charge = ActivityType::new("ChargeCard", "1");
    client
        .register_activity_type(
            &RegisterActivityType::new(DOMAIN, &charge.name, &charge.version)
                .default_task_list("payments")
                .default_task_priority("0")
                .default_task_schedule_to_start_timeout("300")
                .default_task_start_to_close_timeout("300")
                .default_task_schedule_to_close_timeout("600")
                .default_task_heartbeat_timeout("60"),
        )
        .await
        .expect("RegisterActivityType");
    let again = client
        .register_activity_type(&RegisterActivityType::new(
            DOMAIN,
            &charge.name,
            &charge.version,
        ))
        .await
        .expect_err("the type exists");
    assert!(
        again.is_fault(swf_activity::FaultCode::TypeAlreadyExists),
        "{again:?}"
    );
    let described = client
        .describe_activity_type(&DescribeActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("DescribeActivityType");
    assert_eq!(described.type_info.activity_type, charge);
    assert_eq!(
        described
            .configuration
            .default_task_start_to_close_timeout
            .as_deref(),
        Some("300")
    );
    let listed = client
        .list_activity_types_all(&ListActivityTypes::new(
            DOMAIN,
            RegistrationStatus::Registered,
        ))
        .await
        .expect("ListActivityTypes");
    assert!(
        listed.iter().any(|t| t.activity_type == charge),
        "{listed:?}"
    );

    let workflow = WorkflowType::new("ProcessOrder", "1");
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(DOMAIN, &workflow.name, &workflow.version)
                .default_task_list("deciders")
                .default_task_start_to_close_timeout("60")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(swf_activity::model::ChildPolicy::Terminate),
        )
        .await
        .expect("RegisterWorkflowType");
    let run = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, "order-42", workflow.clone())
                .input(r#"{"order":42}"#),
        )
        .await
        .expect("StartWorkflowExecution");
    let run_id = run.run_id.expect("moto answers with a run id");

    // The decider: schedule one ChargeCard task.
    let mut decision_task = None;
    for _ in 0..MAX_POLLS {
        decision_task = client
            .poll_for_decision_task(&PollForDecisionTask::new(DOMAIN, "deciders"))
            .await
            .expect("PollForDecisionTask");
        if decision_task.is_some() {
            break;
        }
    }
    let decision_task = decision_task.expect("a decision task within the poll budget");
    assert_eq!(decision_task.workflow_execution.run_id, run_id);
    assert_eq!(
        decision_task.events.first().map(|e| &e.event_type),
        Some(&EventType::WorkflowExecutionStarted)
    );
    let schedule = ScheduleActivityTaskDecisionAttributes::new(charge.clone(), "charge-1")
        .input(r#"{"order":42,"last4":"4242"}"#)
        .task_list("payments");
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(decision_task.task_token)
                .decision(Decision::schedule_activity_task(schedule)),
        )
        .await
        .expect("RespondDecisionTaskCompleted");

    // The worker: take the task and fail it the way the framework does.
    let mut activity_task = None;
    for _ in 0..MAX_POLLS {
        activity_task = client
            .poll_for_activity_task(
                &PollForActivityTask::new(DOMAIN, "payments").identity("moto-interop-test"),
            )
            .await
            .expect("PollForActivityTask");
        if activity_task.is_some() {
            break;
        }
    }
    let task = activity_task.expect("an activity task within the poll budget");
    assert_eq!(task.activity_id, "charge-1");
    assert_eq!(task.activity_type, charge);
    assert_eq!(
        task.input.as_deref(),
        Some(r#"{"order":42,"last4":"4242"}"#)
    );
    let status = client
        .record_activity_task_heartbeat(
            &RecordActivityTaskHeartbeat::new(&task.task_token).details("charging"),
        )
        .await
        .expect("RecordActivityTaskHeartbeat");
    assert!(!status.cancel_requested);
    client
        .respond_activity_task_failed(
            &RespondActivityTaskFailed::new(&task.task_token)
                .reason(REASON)
                .details(DETAILS),
        )
        .await
        .expect("RespondActivityTaskFailed");

    // The decider's view: the failure with reason and details intact.
    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(
            DOMAIN,
            WorkflowExecution::new("order-42", &run_id),
        ))
        .await
        .expect("GetWorkflowExecutionHistory");
    let failed = events
        .iter()
        .find(|e| e.event_type == EventType::ActivityTaskFailed)
        .unwrap_or_else(|| panic!("no ActivityTaskFailed event in {events:#?}"));
    let attributes = failed
        .activity_task_failed_event_attributes
        .as_ref()
        .expect("ActivityTaskFailed attributes");
    assert_eq!(attributes.reason.as_deref(), Some(REASON));
    assert_eq!(attributes.details.as_deref(), Some(DETAILS));
    let started = events
        .iter()
        .find(|e| e.event_type == EventType::ActivityTaskStarted)
        .expect("an ActivityTaskStarted event");
    assert_eq!(attributes.started_event_id, started.event_id);
    assert!(failed.event_timestamp > 1.0e9, "epoch seconds");
    let details: serde_json::Value =
        serde_json::from_str(attributes.details.as_deref().unwrap_or_default())
            .expect("details are JSON");
    assert_eq!(details["Declined"]["last4"], "4242");
}

#[tokio::test]
#[ignore = "needs moto_server; run .ci/moto.sh (see README)"]
async fn the_rest_of_the_api_against_moto() {
    const DOMAIN: &str = "swf-activity-moto-api";
    let moto = MotoServer::start(env!("CARGO_TARGET_TMPDIR"));
    let client = moto.swf_client().await;

    // Domains: list, tags by ARN.
    client
        .register_domain(&RegisterDomain::new(DOMAIN, "1"))
        .await
        .expect("RegisterDomain");
    let domains = client
        .list_domains_all(&ListDomains::new(RegistrationStatus::Registered))
        .await
        .expect("ListDomains");
    let domain = domains
        .iter()
        .find(|d| d.name == DOMAIN)
        .unwrap_or_else(|| panic!("{DOMAIN} is not listed: {domains:?}"));
    let arn = domain
        .arn
        .clone()
        .expect("moto answers with the domain's ARN");
    assert!(arn.ends_with(&format!("/domain/{DOMAIN}")), "{arn}");
    client
        .tag_resource(&TagResource::new(
            &arn,
            vec![
                ResourceTag::new("team").value("payments"),
                ResourceTag::new("tier").value("1"),
            ],
        ))
        .await
        .expect("TagResource");
    client
        .untag_resource(&UntagResource::new(&arn, vec!["tier".to_owned()]))
        .await
        .expect("UntagResource");
    let tags = client
        .list_tags_for_resource(&ListTagsForResource::new(&arn))
        .await
        .expect("ListTagsForResource")
        .tags
        .unwrap_or_default();
    assert_eq!(tags, vec![ResourceTag::new("team").value("payments")]);

    // Activity types: deprecate and undeprecate.
    let charge = ActivityType::new("ChargeCard", "1");
    client
        .register_activity_type(&RegisterActivityType::new(
            DOMAIN,
            &charge.name,
            &charge.version,
        ))
        .await
        .expect("RegisterActivityType");
    client
        .deprecate_activity_type(&DeprecateActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("DeprecateActivityType");
    let deprecated = client
        .describe_activity_type(&DescribeActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("DescribeActivityType");
    assert_eq!(deprecated.type_info.status, RegistrationStatus::Deprecated);
    client
        .undeprecate_activity_type(&UndeprecateActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("UndeprecateActivityType");
    let listed = client
        .list_activity_types_all(&ListActivityTypes::new(
            DOMAIN,
            RegistrationStatus::Registered,
        ))
        .await
        .expect("ListActivityTypes");
    assert!(
        listed.iter().any(|t| t.activity_type == charge),
        "{listed:?}"
    );

    // Workflow types: describe, list, deprecate, undeprecate.
    let workflow = WorkflowType::new("ProcessOrder", "2");
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(DOMAIN, &workflow.name, &workflow.version)
                .description("orders")
                .default_task_list("deciders")
                .default_task_start_to_close_timeout("60")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("RegisterWorkflowType");
    let described = client
        .describe_workflow_type(&DescribeWorkflowType::new(DOMAIN, workflow.clone()))
        .await
        .expect("DescribeWorkflowType");
    assert_eq!(described.type_info.workflow_type, workflow);
    assert_eq!(described.type_info.status, RegistrationStatus::Registered);
    assert_eq!(described.type_info.description.as_deref(), Some("orders"));
    assert_eq!(
        described.configuration.default_task_list,
        Some("deciders".into())
    );
    assert_eq!(
        described
            .configuration
            .default_execution_start_to_close_timeout
            .as_deref(),
        Some("3600")
    );
    assert_eq!(
        described.configuration.default_child_policy,
        Some(ChildPolicy::Terminate)
    );
    client
        .deprecate_workflow_type(&DeprecateWorkflowType::new(DOMAIN, workflow.clone()))
        .await
        .expect("DeprecateWorkflowType");
    let deprecated = client
        .list_workflow_types_all(&ListWorkflowTypes::new(
            DOMAIN,
            RegistrationStatus::Deprecated,
        ))
        .await
        .expect("ListWorkflowTypes");
    assert!(
        deprecated.iter().any(|t| t.workflow_type == workflow),
        "{deprecated:?}"
    );
    client
        .undeprecate_workflow_type(&UndeprecateWorkflowType::new(DOMAIN, workflow.clone()))
        .await
        .expect("UndeprecateWorkflowType");
    let registered = client
        .list_workflow_types_all(
            &ListWorkflowTypes::new(DOMAIN, RegistrationStatus::Registered).name(&workflow.name),
        )
        .await
        .expect("ListWorkflowTypes");
    assert!(
        registered.iter().any(|t| t.workflow_type == workflow),
        "{registered:?}"
    );

    // An execution: counts, describe, list, signal, terminate.
    let run_id = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, "order-7", workflow.clone())
                .tag_list(vec!["vip".to_owned()]),
        )
        .await
        .expect("StartWorkflowExecution")
        .run_id
        .expect("a run id");
    let execution = WorkflowExecution::new("order-7", &run_id);
    let pending = client
        .count_pending_decision_tasks(&CountPendingDecisionTasks::new(DOMAIN, "deciders"))
        .await
        .expect("CountPendingDecisionTasks");
    assert_eq!(pending.count, 1, "the first decision task waits");
    let pending = client
        .count_pending_activity_tasks(&CountPendingActivityTasks::new(DOMAIN, "payments"))
        .await
        .expect("CountPendingActivityTasks");
    assert_eq!(pending.count, 0);

    let detail = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, execution.clone()))
        .await
        .expect("DescribeWorkflowExecution");
    assert_eq!(detail.execution_info.execution, execution);
    assert_eq!(detail.execution_info.workflow_type, workflow);
    assert_eq!(
        detail.execution_info.execution_status,
        ExecutionStatus::Open
    );
    assert_eq!(detail.execution_configuration.task_list, "deciders".into());
    assert_eq!(
        detail
            .execution_configuration
            .execution_start_to_close_timeout,
        "3600"
    );
    assert_eq!(
        detail.execution_configuration.child_policy,
        ChildPolicy::Terminate
    );
    assert_eq!(detail.open_counts.open_decision_tasks, 1);
    assert_eq!(detail.open_counts.open_activity_tasks, 0);

    let since = ExecutionTimeFilter::new(0.0);
    let open = client
        .list_open_workflow_executions_all(
            &ListOpenWorkflowExecutions::new(DOMAIN, since.clone())
                .tag_filter(TagFilter::new("vip")),
        )
        .await
        .expect("ListOpenWorkflowExecutions");
    let info = open
        .iter()
        .find(|i| i.execution == execution)
        .unwrap_or_else(|| panic!("order-7 is not listed open: {open:?}"));
    assert_eq!(info.tag_list.as_deref(), Some(&["vip".to_owned()][..]));
    assert_eq!(info.execution_status, ExecutionStatus::Open);

    client
        .signal_workflow_execution(
            &SignalWorkflowExecution::new(DOMAIN, "order-7", "address-changed")
                .run_id(&run_id)
                .input(r#"{"zip":"75001"}"#),
        )
        .await
        .expect("SignalWorkflowExecution");
    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(
            DOMAIN,
            execution.clone(),
        ))
        .await
        .expect("GetWorkflowExecutionHistory");
    let signaled = events
        .iter()
        .find_map(|e| e.workflow_execution_signaled_event_attributes.as_ref())
        .unwrap_or_else(|| panic!("no WorkflowExecutionSignaled event in {events:#?}"));
    assert_eq!(signaled.signal_name, "address-changed");
    assert_eq!(signaled.input.as_deref(), Some(r#"{"zip":"75001"}"#));

    client
        .terminate_workflow_execution(
            &TerminateWorkflowExecution::new(DOMAIN, "order-7")
                .run_id(&run_id)
                .reason("customer left")
                .details("{}"),
        )
        .await
        .expect("TerminateWorkflowExecution");
    let detail = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, execution.clone()))
        .await
        .expect("DescribeWorkflowExecution");
    assert_eq!(
        detail.execution_info.execution_status,
        ExecutionStatus::Closed
    );
    assert_eq!(
        detail.execution_info.close_status,
        Some(CloseStatus::Terminated)
    );
    let closed = client
        .list_closed_workflow_executions_all(
            // moto 5.2.5 compares a `closeStatusFilter` (an object) with the status (a
            // string), which filters every execution out: no filter here.
            &ListClosedWorkflowExecutions::new(DOMAIN).start_time_filter(since),
        )
        .await
        .expect("ListClosedWorkflowExecutions");
    assert!(
        closed
            .iter()
            .any(|i| i.execution == execution && i.close_status == Some(CloseStatus::Terminated)),
        "{closed:?}"
    );
    let terminated = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(DOMAIN, execution))
        .await
        .expect("GetWorkflowExecutionHistory")
        .into_iter()
        .find_map(|e| e.workflow_execution_terminated_event_attributes)
        .expect("a WorkflowExecutionTerminated event");
    assert_eq!(terminated.reason.as_deref(), Some("customer left"));

    // Deprecating the domain last: nothing new may happen in it afterwards.
    client
        .deprecate_domain(&DeprecateDomain::new(DOMAIN))
        .await
        .expect("DeprecateDomain");
    let deprecated = client
        .list_domains_all(&ListDomains::new(RegistrationStatus::Deprecated))
        .await
        .expect("ListDomains");
    assert!(
        deprecated.iter().any(|d| d.name == DOMAIN),
        "{deprecated:?}"
    );
    client
        .undeprecate_domain(&UndeprecateDomain::new(DOMAIN))
        .await
        .expect("UndeprecateDomain");
    let domain = client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("DescribeDomain");
    assert_eq!(domain.domain_info.status, RegistrationStatus::Registered);
}
