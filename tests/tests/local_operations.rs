//! The rest of SWF's API on the local SWF, through the crate's own `Client`: describing,
//! listing and counting executions with every filter and paging; signals, cancel requests and
//! termination; the lifecycle of domains and types (deprecate, undeprecate, delete); domain
//! tags; and SWF's `ValidationException` wording for each of these operations' requests.

mod local_support;

use local_support::{DOMAIN, rejected, setup, work_type};
use serde_json::{Value, json};
use swf_activity::model::{
    ActivityType, ChildPolicy, CloseStatus, CloseStatusFilter, CountClosedWorkflowExecutions,
    CountOpenWorkflowExecutions, Decision, DecisionTask, DeleteActivityType, DeleteWorkflowType,
    DeprecateActivityType, DeprecateDomain, DeprecateWorkflowType, DescribeActivityType,
    DescribeDomain, DescribeWorkflowExecution, DescribeWorkflowType, EventType, ExecutionStatus,
    ExecutionTimeFilter, GetWorkflowExecutionHistory, HistoryEvent, ListClosedWorkflowExecutions,
    ListDomains, ListOpenWorkflowExecutions, ListTagsForResource, ListWorkflowTypes,
    PollForDecisionTask, RegisterActivityType, RegisterDomain, RegisterWorkflowType,
    RegistrationStatus, RequestCancelWorkflowExecution, ResourceTag, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, SignalWorkflowExecution, StartWorkflowExecution,
    TagFilter, TagResource, TaskList, TerminateWorkflowExecution, UndeprecateActivityType,
    UndeprecateDomain, UndeprecateWorkflowType, UntagResource, WorkflowExecution,
    WorkflowExecutionFilter, WorkflowExecutionInfo, WorkflowType, WorkflowTypeFilter,
};
use swf_activity::{Client, Error, ErrorKind, FaultCode};

const DECIDERS: &str = "deciders";

fn flow(version: &str) -> WorkflowType {
    WorkflowType::new("Flow", version)
}

async fn register_flow(client: &Client, domain: &str, name: &str, version: &str) {
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(domain, name, version)
                .description(format!("{name} {version}"))
                .default_task_list(TaskList::new(DECIDERS))
                .default_task_priority("3")
                .default_task_start_to_close_timeout("30")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("workflow type");
}

async fn start(client: &Client, id: &str, ty: WorkflowType, tags: &[&str]) -> WorkflowExecution {
    let run = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, id, ty)
                .tag_list(tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>()),
        )
        .await
        .expect("started");
    WorkflowExecution::new(id, run.run_id.expect("a run id"))
}

async fn decision_task(client: &Client) -> DecisionTask {
    client
        .poll_for_decision_task(&PollForDecisionTask::new(DOMAIN, DECIDERS))
        .await
        .expect("poll")
        .expect("a decision task")
}

async fn history(client: &Client, execution: &WorkflowExecution) -> Vec<HistoryEvent> {
    client
        .get_workflow_execution_history(&GetWorkflowExecutionHistory::new(
            DOMAIN,
            execution.clone(),
        ))
        .await
        .expect("history")
        .events
}

fn assert_fault(err: &Error, code: FaultCode) {
    assert!(err.is_fault(code), "expected {code:?}, got {err}");
}

fn ids(infos: &[WorkflowExecutionInfo]) -> Vec<&str> {
    infos
        .iter()
        .map(|i| i.execution.workflow_id.as_str())
        .collect()
}

fn since_epoch() -> ExecutionTimeFilter {
    ExecutionTimeFilter::new(0.0)
}

async fn open(client: &Client, request: ListOpenWorkflowExecutions) -> Vec<WorkflowExecutionInfo> {
    client
        .list_open_workflow_executions_all(&request)
        .await
        .expect("open executions")
}

async fn closed(
    client: &Client,
    request: ListClosedWorkflowExecutions,
) -> Vec<WorkflowExecutionInfo> {
    client
        .list_closed_workflow_executions_all(&request)
        .await
        .expect("closed executions")
}

#[tokio::test]
async fn executions_are_described_listed_counted_signaled_canceled_and_terminated() {
    let (_swf, client) = setup().await;
    register_flow(&client, DOMAIN, "Flow", "1").await;
    register_flow(&client, DOMAIN, "Flow", "2").await;
    register_flow(&client, DOMAIN, "Other", "1").await;

    // a: a decider schedules an activity and leaves a context; b: completed by its decider;
    // c: waits for its first decision task; d: terminated.
    let a = start(&client, "flow-a", flow("1"), &["blue"]).await;
    let task = decision_task(&client).await;
    assert_eq!(task.workflow_execution, a);
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(task.task_token)
                .decision(Decision::schedule_activity_task(
                    ScheduleActivityTaskDecisionAttributes::new(work_type(), "work-a")
                        .schedule_to_start_timeout("60")
                        .schedule_to_close_timeout("120")
                        .start_to_close_timeout("60")
                        .heartbeat_timeout("NONE"),
                ))
                .execution_context("ctx-1"),
        )
        .await
        .expect("decisions");
    let b = start(&client, "flow-b", flow("2"), &["red"]).await;
    let task = decision_task(&client).await;
    assert_eq!(task.workflow_execution, b);
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(task.task_token)
                .decision(Decision::complete_workflow_execution(Some("done".into()))),
        )
        .await
        .expect("completed");
    let c = start(&client, "flow-c", flow("1"), &["red", "green"]).await;
    let d = start(&client, "other-d", WorkflowType::new("Other", "1"), &[]).await;

    // An open execution: what is open in it, its configuration and latest context.
    let detail = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, a.clone()))
        .await
        .expect("describe a");
    let info = &detail.execution_info;
    assert_eq!(info.execution, a);
    assert_eq!(info.workflow_type, flow("1"));
    assert_eq!(info.execution_status, ExecutionStatus::Open);
    assert_eq!(info.close_status, None);
    assert_eq!(info.close_timestamp, None);
    assert_eq!(info.tag_list.as_deref(), Some(&["blue".to_owned()][..]));
    assert_eq!(info.cancel_requested, Some(false));
    assert!(info.start_timestamp > 0.0);
    let counts = detail.open_counts;
    assert_eq!(
        (
            counts.open_activity_tasks,
            counts.open_decision_tasks,
            counts.open_timers,
            counts.open_child_workflow_executions,
            counts.open_lambda_functions,
        ),
        (1, 0, 0, 0, Some(0))
    );
    let config = &detail.execution_configuration;
    assert_eq!(config.task_start_to_close_timeout, "30");
    assert_eq!(config.execution_start_to_close_timeout, "3600");
    assert_eq!(config.task_list, TaskList::new(DECIDERS));
    assert_eq!(config.task_priority.as_deref(), Some("3"));
    assert_eq!(config.child_policy, ChildPolicy::Terminate);
    assert_eq!(detail.latest_execution_context.as_deref(), Some("ctx-1"));
    assert!(detail.latest_activity_task_timestamp.is_some());
    let waiting = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, c.clone()))
        .await
        .expect("describe c");
    assert_eq!(waiting.open_counts.open_decision_tasks, 1);
    assert_eq!(waiting.latest_execution_context, None);

    // A signal from the API names no external execution; the decision task already scheduled
    // will see it.
    client
        .signal_workflow_execution(
            &SignalWorkflowExecution::new(DOMAIN, "flow-c", "address-changed").input("12 Main St"),
        )
        .await
        .expect("signal");
    let events = history(&client, &c).await;
    let signaled = events
        .iter()
        .find(|e| e.event_type == EventType::WorkflowExecutionSignaled)
        .and_then(|e| e.workflow_execution_signaled_event_attributes.clone())
        .expect("a WorkflowExecutionSignaled event");
    assert_eq!(signaled.signal_name, "address-changed");
    assert_eq!(signaled.input.as_deref(), Some("12 Main St"));
    assert_eq!(signaled.external_workflow_execution, None);
    assert_eq!(signaled.external_initiated_event_id, None);
    let after_signal = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, c.clone()))
        .await
        .expect("describe c");
    assert_eq!(after_signal.open_counts.open_decision_tasks, 1);

    // A cancel request is recorded; the execution stays open for its decider to decide.
    client
        .request_cancel_workflow_execution(
            &RequestCancelWorkflowExecution::new(DOMAIN, "flow-c").run_id(c.run_id.clone()),
        )
        .await
        .expect("cancel request");
    let requested = history(&client, &c)
        .await
        .into_iter()
        .find(|e| e.event_type == EventType::WorkflowExecutionCancelRequested)
        .and_then(|e| e.workflow_execution_cancel_requested_event_attributes)
        .expect("a WorkflowExecutionCancelRequested event");
    assert_eq!(requested.external_workflow_execution, None);
    assert_eq!(requested.cause, None);
    let canceled = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, c.clone()))
        .await
        .expect("describe c");
    assert_eq!(canceled.execution_info.cancel_requested, Some(true));
    assert_eq!(
        canceled.execution_info.execution_status,
        ExecutionStatus::Open
    );

    // Terminating closes at once, with the execution's child policy when none is given.
    client
        .terminate_workflow_execution(
            &TerminateWorkflowExecution::new(DOMAIN, "other-d")
                .reason("stop")
                .details("no longer needed"),
        )
        .await
        .expect("terminate");
    let last = history(&client, &d).await.pop().expect("events");
    assert_eq!(last.event_type, EventType::WorkflowExecutionTerminated);
    let terminated = last
        .workflow_execution_terminated_event_attributes
        .expect("attributes");
    assert_eq!(terminated.reason.as_deref(), Some("stop"));
    assert_eq!(terminated.details.as_deref(), Some("no longer needed"));
    assert_eq!(terminated.child_policy, ChildPolicy::Terminate);
    assert_eq!(terminated.cause, None);
    let gone = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, d.clone()))
        .await
        .expect("a closed execution is described within its retention period");
    assert_eq!(
        gone.execution_info.execution_status,
        ExecutionStatus::Closed
    );
    assert_eq!(
        gone.execution_info.close_status,
        Some(CloseStatus::Terminated)
    );
    assert!(
        gone.execution_info.close_timestamp.expect("closed") >= gone.execution_info.start_timestamp
    );
    assert_eq!(gone.execution_info.tag_list, None);
    assert_eq!(
        (
            gone.open_counts.open_activity_tasks,
            gone.open_counts.open_decision_tasks
        ),
        (0, 0)
    );

    // A closed, unknown or elsewhere execution cannot be signaled, canceled or terminated.
    let closed_d = TerminateWorkflowExecution::new(DOMAIN, "other-d");
    assert_fault(
        &client
            .terminate_workflow_execution(&closed_d)
            .await
            .expect_err("closed"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .signal_workflow_execution(
                &SignalWorkflowExecution::new(DOMAIN, "other-d", "s").run_id(d.run_id.clone()),
            )
            .await
            .expect_err("closed run"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .request_cancel_workflow_execution(&RequestCancelWorkflowExecution::new(
                DOMAIN, "nobody",
            ))
            .await
            .expect_err("unknown"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .signal_workflow_execution(
                &SignalWorkflowExecution::new(DOMAIN, "flow-c", "s").run_id(a.run_id.clone()),
            )
            .await
            .expect_err("another execution's run id"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .signal_workflow_execution(&SignalWorkflowExecution::new("nowhere", "flow-c", "s"))
            .await
            .expect_err("unknown domain"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .describe_workflow_execution(&DescribeWorkflowExecution::new(
                DOMAIN,
                WorkflowExecution::new("flow-a", d.run_id.clone()),
            ))
            .await
            .expect_err("run id of another workflow id"),
        FaultCode::UnknownResource,
    );

    // Open executions: newest first by start time, every filter, time ranges and paging.
    let all_open = open(
        &client,
        ListOpenWorkflowExecutions::new(DOMAIN, since_epoch()),
    )
    .await;
    let mut open_ids = ids(&all_open);
    open_ids.sort_unstable();
    assert_eq!(open_ids, ["flow-a", "flow-c"]);
    assert!(
        all_open
            .windows(2)
            .all(|w| w[0].start_timestamp >= w[1].start_timestamp),
        "newest first"
    );
    let oldest_first = open(
        &client,
        ListOpenWorkflowExecutions::new(DOMAIN, since_epoch()).reverse_order(true),
    )
    .await;
    assert_eq!(
        oldest_first.iter().rev().cloned().collect::<Vec<_>>(),
        all_open
    );
    let listed_c = all_open
        .iter()
        .find(|i| i.execution == c)
        .expect("c is open");
    assert_eq!(listed_c.cancel_requested, Some(true));
    let filtered = |f: fn(ListOpenWorkflowExecutions) -> ListOpenWorkflowExecutions| {
        let client = client.clone();
        async move {
            let request = f(ListOpenWorkflowExecutions::new(DOMAIN, since_epoch()));
            let infos = open(&client, request).await;
            ids(&infos)
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        filtered(|r| r.execution_filter(WorkflowExecutionFilter::new("flow-a"))).await,
        ["flow-a"]
    );
    assert_eq!(
        filtered(|r| r.tag_filter(TagFilter::new("red"))).await,
        ["flow-c"]
    );
    assert_eq!(
        filtered(|r| r.type_filter(WorkflowTypeFilter::new("Flow").version("2"))).await,
        Vec::<String>::new()
    );
    assert_eq!(
        filtered(|r| r.type_filter(WorkflowTypeFilter::new("Other"))).await,
        Vec::<String>::new()
    );
    let mut flows = filtered(|r| r.type_filter(WorkflowTypeFilter::new("Flow"))).await;
    flows.sort_unstable();
    assert_eq!(flows, ["flow-a", "flow-c"]);
    let a_started = detail.execution_info.start_timestamp;
    let future = ExecutionTimeFilter::new(a_started + 3600.0);
    assert!(
        open(&client, ListOpenWorkflowExecutions::new(DOMAIN, future))
            .await
            .is_empty()
    );
    let before_a = ExecutionTimeFilter::new(0.0).latest_date(a_started - 1.0);
    assert!(
        open(&client, ListOpenWorkflowExecutions::new(DOMAIN, before_a))
            .await
            .is_empty()
    );
    let just_a = ExecutionTimeFilter::new(a_started).latest_date(a_started);
    assert!(
        ids(&open(&client, ListOpenWorkflowExecutions::new(DOMAIN, just_a)).await)
            .contains(&"flow-a"),
        "both ends of a range are included"
    );
    let first = client
        .list_open_workflow_executions(
            &ListOpenWorkflowExecutions::new(DOMAIN, since_epoch()).maximum_page_size(1),
        )
        .await
        .expect("page 1");
    assert_eq!(first.execution_infos.len(), 1);
    let token = first.next_page_token.clone().expect("another page");
    let second = client
        .list_open_workflow_executions(
            &ListOpenWorkflowExecutions::new(DOMAIN, since_epoch())
                .maximum_page_size(1)
                .next_page_token(token),
        )
        .await
        .expect("page 2");
    assert_eq!(second.next_page_token, None);
    let paged: Vec<_> = first
        .execution_infos
        .into_iter()
        .chain(second.execution_infos)
        .collect();
    assert_eq!(paged, all_open);

    // Closed executions, by start or by close time, and by close status.
    let by_start = closed(
        &client,
        ListClosedWorkflowExecutions::new(DOMAIN).start_time_filter(since_epoch()),
    )
    .await;
    let mut closed_ids = ids(&by_start);
    closed_ids.sort_unstable();
    assert_eq!(closed_ids, ["flow-b", "other-d"]);
    let by_close = closed(
        &client,
        ListClosedWorkflowExecutions::new(DOMAIN).close_time_filter(since_epoch()),
    )
    .await;
    assert!(
        by_close
            .windows(2)
            .all(|w| w[0].close_timestamp >= w[1].close_timestamp),
        "newest close first"
    );
    let completed = closed(
        &client,
        ListClosedWorkflowExecutions::new(DOMAIN)
            .start_time_filter(since_epoch())
            .close_status_filter(CloseStatusFilter::new(CloseStatus::Completed)),
    )
    .await;
    assert_eq!(ids(&completed), ["flow-b"]);
    assert_eq!(completed[0].close_status, Some(CloseStatus::Completed));
    assert_eq!(completed[0].execution_status, ExecutionStatus::Closed);
    assert_eq!(
        ids(&closed(
            &client,
            ListClosedWorkflowExecutions::new(DOMAIN)
                .close_time_filter(since_epoch())
                .type_filter(WorkflowTypeFilter::new("Other").version("1")),
        )
        .await),
        ["other-d"]
    );
    assert_eq!(
        ids(&closed(
            &client,
            ListClosedWorkflowExecutions::new(DOMAIN)
                .start_time_filter(since_epoch())
                .tag_filter(TagFilter::new("red")),
        )
        .await),
        ["flow-b"]
    );

    // Counts take the same filters.
    let count_open = |request: CountOpenWorkflowExecutions| {
        let client = client.clone();
        async move {
            let counted = client
                .count_open_workflow_executions(&request)
                .await
                .expect("count");
            assert_eq!(counted.truncated, Some(false));
            counted.count
        }
    };
    assert_eq!(
        count_open(CountOpenWorkflowExecutions::new(DOMAIN, since_epoch())).await,
        2
    );
    assert_eq!(
        count_open(
            CountOpenWorkflowExecutions::new(DOMAIN, since_epoch())
                .tag_filter(TagFilter::new("green"))
        )
        .await,
        1
    );
    assert_eq!(
        count_open(
            CountOpenWorkflowExecutions::new(DOMAIN, since_epoch())
                .execution_filter(WorkflowExecutionFilter::new("flow-b"))
        )
        .await,
        0
    );
    let count_closed = |request: CountClosedWorkflowExecutions| {
        let client = client.clone();
        async move {
            client
                .count_closed_workflow_executions(&request)
                .await
                .expect("count")
                .count
        }
    };
    assert_eq!(
        count_closed(CountClosedWorkflowExecutions::new(DOMAIN).close_time_filter(since_epoch()))
            .await,
        2
    );
    assert_eq!(
        count_closed(
            CountClosedWorkflowExecutions::new(DOMAIN)
                .start_time_filter(since_epoch())
                .close_status_filter(CloseStatusFilter::new(CloseStatus::Terminated))
        )
        .await,
        1
    );
    assert_eq!(
        count_closed(
            CountClosedWorkflowExecutions::new(DOMAIN)
                .start_time_filter(since_epoch())
                .type_filter(WorkflowTypeFilter::new("Flow"))
        )
        .await,
        1
    );
    assert_fault(
        &client
            .count_open_workflow_executions(&CountOpenWorkflowExecutions::new(
                "nowhere",
                since_epoch(),
            ))
            .await
            .expect_err("unknown domain"),
        FaultCode::UnknownResource,
    );

    // A request naming the run terminates it with the request's child policy.
    client
        .terminate_workflow_execution(
            &TerminateWorkflowExecution::new(DOMAIN, "flow-c")
                .run_id(c.run_id.clone())
                .child_policy(ChildPolicy::Abandon),
        )
        .await
        .expect("terminate c");
    let last = history(&client, &c).await.pop().expect("events");
    assert_eq!(
        last.workflow_execution_terminated_event_attributes
            .expect("terminated")
            .child_policy,
        ChildPolicy::Abandon
    );
    assert_eq!(
        count_open(CountOpenWorkflowExecutions::new(DOMAIN, since_epoch())).await,
        1
    );
}

#[tokio::test]
async fn a_terminated_execution_refuses_its_deciders_answer() {
    let (_swf, client) = setup().await;
    register_flow(&client, DOMAIN, "Flow", "1").await;
    let execution = start(&client, "flow-t", flow("1"), &[]).await;
    let task = decision_task(&client).await;
    assert_eq!(task.workflow_execution, execution);
    client
        .terminate_workflow_execution(&TerminateWorkflowExecution::new(DOMAIN, "flow-t"))
        .await
        .expect("terminate");
    let answer = client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(task.task_token)
                .decision(Decision::complete_workflow_execution(None)),
        )
        .await
        .expect_err("the execution is closed");
    assert_fault(&answer, FaultCode::UnknownResource);
    let events = history(&client, &execution).await;
    assert_eq!(
        events.last().map(|e| e.event_type.clone()),
        Some(EventType::WorkflowExecutionTerminated)
    );
    let detail = client
        .describe_workflow_execution(&DescribeWorkflowExecution::new(DOMAIN, execution))
        .await
        .expect("describe");
    assert_eq!(detail.open_counts.open_decision_tasks, 0);
}

fn tag(key: &str, value: Option<&str>) -> ResourceTag {
    match value {
        Some(v) => ResourceTag::new(key).value(v),
        None => ResourceTag::new(key),
    }
}

async fn tags_of(client: &Client, arn: &str) -> Vec<ResourceTag> {
    client
        .list_tags_for_resource(&ListTagsForResource::new(arn))
        .await
        .expect("tags")
        .tags
        .unwrap_or_default()
}

#[tokio::test]
async fn domains_are_listed_deprecated_undeprecated_and_tagged() {
    let (_swf, client) = setup().await;
    client
        .register_domain(
            &RegisterDomain::new("lifecycle", "1")
                .description("for the lifecycle")
                .tags(vec![tag("team", Some("payments")), tag("env", None)]),
        )
        .await
        .expect("domain");
    let described = client
        .describe_domain(&DescribeDomain::new("lifecycle"))
        .await
        .expect("describe");
    assert_eq!(described.domain_info.status, RegistrationStatus::Registered);
    let arn = described.domain_info.arn.clone().expect("an ARN");

    // Tags: as registered, added (replacing values by key), removed by key.
    assert_eq!(
        tags_of(&client, &arn).await,
        [tag("team", Some("payments")), tag("env", None)]
    );
    client
        .tag_resource(&TagResource::new(
            arn.clone(),
            vec![tag("env", Some("prod")), tag("owner", Some("ops"))],
        ))
        .await
        .expect("tag");
    assert_eq!(
        tags_of(&client, &arn).await,
        [
            tag("team", Some("payments")),
            tag("env", Some("prod")),
            tag("owner", Some("ops"))
        ]
    );
    client
        .untag_resource(&UntagResource::new(
            arn.clone(),
            vec!["team".into(), "never-there".into()],
        ))
        .await
        .expect("untag");
    assert_eq!(
        tags_of(&client, &arn).await,
        [tag("env", Some("prod")), tag("owner", Some("ops"))]
    );
    let many: Vec<ResourceTag> = (0..49).map(|i| tag(&format!("k{i}"), None)).collect();
    assert_fault(
        &client
            .tag_resource(&TagResource::new(arn.clone(), many.clone()))
            .await
            .expect_err("51 tags"),
        FaultCode::TooManyTags,
    );
    assert_eq!(tags_of(&client, &arn).await.len(), 2, "nothing was added");
    let forty_eight = many[..48].to_vec();
    client
        .tag_resource(&TagResource::new(arn.clone(), forty_eight))
        .await
        .expect("50 tags are allowed");
    assert_fault(
        &client
            .register_domain(
                &RegisterDomain::new("crowded", "1").tags(
                    (0..51)
                        .map(|i| tag(&format!("k{i}"), None))
                        .collect::<Vec<_>>(),
                ),
            )
            .await
            .expect_err("51 tags"),
        FaultCode::TooManyTags,
    );
    let unknown_arn = arn.replace("lifecycle", "nowhere");
    assert_fault(
        &client
            .list_tags_for_resource(&ListTagsForResource::new(unknown_arn.clone()))
            .await
            .expect_err("unknown"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .tag_resource(&TagResource::new(unknown_arn.clone(), vec![tag("a", None)]))
            .await
            .expect_err("unknown"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .untag_resource(&UntagResource::new(unknown_arn, vec!["a".into()]))
            .await
            .expect_err("unknown"),
        FaultCode::UnknownResource,
    );

    // ListDomains: by name, paged, either way.
    for name in ["alpha", "omega"] {
        client
            .register_domain(&RegisterDomain::new(name, "1"))
            .await
            .expect("domain");
    }
    let names = |infos: Vec<swf_activity::model::DomainInfo>| {
        infos.into_iter().map(|d| d.name).collect::<Vec<_>>()
    };
    let registered = client
        .list_domains_all(&ListDomains::new(RegistrationStatus::Registered).maximum_page_size(1))
        .await
        .expect("domains");
    assert_eq!(
        names(registered),
        ["alpha", "lifecycle", DOMAIN, "omega"],
        "ascending by name"
    );
    let page = client
        .list_domains(
            &ListDomains::new(RegistrationStatus::Registered)
                .maximum_page_size(2)
                .reverse_order(true),
        )
        .await
        .expect("a page");
    assert_eq!(names(page.domain_infos), ["omega", DOMAIN]);
    assert!(page.next_page_token.is_some());

    // Deprecating: the domain and its types are deprecated; no new types or executions; what
    // runs keeps running and stays visible.
    register_flow(&client, "lifecycle", "Flow", "1").await;
    let before = client
        .start_workflow_execution(&StartWorkflowExecution::new(
            "lifecycle",
            "before",
            flow("1"),
        ))
        .await
        .expect("started");
    client
        .deprecate_domain(&DeprecateDomain::new("lifecycle"))
        .await
        .expect("deprecate");
    assert_fault(
        &client
            .deprecate_domain(&DeprecateDomain::new("lifecycle"))
            .await
            .expect_err("already deprecated"),
        FaultCode::DomainDeprecated,
    );
    assert_eq!(
        client
            .describe_domain(&DescribeDomain::new("lifecycle"))
            .await
            .expect("describe")
            .domain_info
            .status,
        RegistrationStatus::Deprecated
    );
    let deprecated = client
        .list_domains_all(&ListDomains::new(RegistrationStatus::Deprecated))
        .await
        .expect("domains");
    assert_eq!(names(deprecated), ["lifecycle"]);
    let flow_type = client
        .describe_workflow_type(&DescribeWorkflowType::new("lifecycle", flow("1")))
        .await
        .expect("describe type");
    assert_eq!(flow_type.type_info.status, RegistrationStatus::Deprecated);
    assert!(flow_type.type_info.deprecation_date.is_some());
    assert_fault(
        &client
            .register_workflow_type(&RegisterWorkflowType::new("lifecycle", "Flow", "2"))
            .await
            .expect_err("a deprecated domain takes no new types"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .register_activity_type(&RegisterActivityType::new("lifecycle", "Act", "1"))
            .await
            .expect_err("a deprecated domain takes no new types"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .start_workflow_execution(&StartWorkflowExecution::new(
                "lifecycle",
                "after",
                flow("1"),
            ))
            .await
            .expect_err("a deprecated domain takes no new executions"),
        FaultCode::UnknownResource,
    );
    let still_open = client
        .list_open_workflow_executions_all(&ListOpenWorkflowExecutions::new(
            "lifecycle",
            since_epoch(),
        ))
        .await
        .expect("visibility still works");
    assert_eq!(
        still_open
            .iter()
            .map(|i| i.execution.run_id.clone())
            .collect::<Vec<_>>(),
        [before.run_id.clone().expect("run id")]
    );
    client
        .signal_workflow_execution(&SignalWorkflowExecution::new("lifecycle", "before", "s"))
        .await
        .expect("a running execution still takes signals");
    assert_fault(
        &client
            .register_domain(&RegisterDomain::new("lifecycle", "1"))
            .await
            .expect_err("the name is taken"),
        FaultCode::DomainAlreadyExists,
    );

    client
        .undeprecate_domain(&UndeprecateDomain::new("lifecycle"))
        .await
        .expect("undeprecate");
    assert_fault(
        &client
            .undeprecate_domain(&UndeprecateDomain::new("lifecycle"))
            .await
            .expect_err("registered"),
        FaultCode::DomainAlreadyExists,
    );
    client
        .register_workflow_type(&RegisterWorkflowType::new("lifecycle", "Flow", "2"))
        .await
        .expect("an undeprecated domain takes types again");
    for err in [
        client
            .undeprecate_domain(&UndeprecateDomain::new("nowhere"))
            .await
            .expect_err("unknown"),
        client
            .deprecate_domain(&DeprecateDomain::new("nowhere"))
            .await
            .expect_err("unknown"),
    ] {
        assert_fault(&err, FaultCode::UnknownResource);
    }
}

#[tokio::test]
async fn types_are_described_listed_deprecated_undeprecated_and_deleted() {
    let (_swf, client) = setup().await;
    for (name, version) in [("Flow", "1"), ("Flow", "2"), ("Zed", "1")] {
        register_flow(&client, DOMAIN, name, version).await;
    }
    let detail = client
        .describe_workflow_type(&DescribeWorkflowType::new(DOMAIN, flow("1")))
        .await
        .expect("describe");
    assert_eq!(detail.type_info.workflow_type, flow("1"));
    assert_eq!(detail.type_info.status, RegistrationStatus::Registered);
    assert_eq!(detail.type_info.description.as_deref(), Some("Flow 1"));
    assert!(detail.type_info.creation_date > 0.0);
    assert_eq!(detail.type_info.deprecation_date, None);
    let config = &detail.configuration;
    assert_eq!(config.default_task_list, Some(TaskList::new(DECIDERS)));
    assert_eq!(config.default_child_policy, Some(ChildPolicy::Terminate));
    assert_eq!(config.default_task_priority.as_deref(), Some("3"));
    assert_eq!(
        config.default_execution_start_to_close_timeout.as_deref(),
        Some("3600")
    );
    assert_eq!(
        config.default_task_start_to_close_timeout.as_deref(),
        Some("30")
    );

    let listed = |request: ListWorkflowTypes| {
        let client = client.clone();
        async move {
            client
                .list_workflow_types_all(&request)
                .await
                .expect("types")
                .into_iter()
                .map(|t| t.workflow_type)
                .collect::<Vec<_>>()
        }
    };
    let registered = || ListWorkflowTypes::new(DOMAIN, RegistrationStatus::Registered);
    let deprecated = || ListWorkflowTypes::new(DOMAIN, RegistrationStatus::Deprecated);
    assert_eq!(
        listed(registered().maximum_page_size(2)).await,
        [flow("1"), flow("2"), WorkflowType::new("Zed", "1")]
    );
    assert_eq!(
        listed(registered().name("Flow").reverse_order(true)).await,
        [flow("2"), flow("1")]
    );

    // Deprecate, undeprecate, and delete only what is deprecated.
    client
        .deprecate_workflow_type(&DeprecateWorkflowType::new(DOMAIN, flow("2")))
        .await
        .expect("deprecate");
    assert_eq!(listed(deprecated()).await, [flow("2")]);
    assert_fault(
        &client
            .deprecate_workflow_type(&DeprecateWorkflowType::new(DOMAIN, flow("2")))
            .await
            .expect_err("already deprecated"),
        FaultCode::TypeDeprecated,
    );
    assert_fault(
        &client
            .start_workflow_execution(&StartWorkflowExecution::new(DOMAIN, "x", flow("2")))
            .await
            .expect_err("deprecated type"),
        FaultCode::TypeDeprecated,
    );
    client
        .undeprecate_workflow_type(&UndeprecateWorkflowType::new(DOMAIN, flow("2")))
        .await
        .expect("undeprecate");
    let back = client
        .describe_workflow_type(&DescribeWorkflowType::new(DOMAIN, flow("2")))
        .await
        .expect("describe");
    assert_eq!(back.type_info.status, RegistrationStatus::Registered);
    assert_eq!(back.type_info.deprecation_date, None);
    assert_fault(
        &client
            .undeprecate_workflow_type(&UndeprecateWorkflowType::new(DOMAIN, flow("2")))
            .await
            .expect_err("not deprecated"),
        FaultCode::TypeAlreadyExists,
    );
    assert_fault(
        &client
            .delete_workflow_type(&DeleteWorkflowType::new(DOMAIN, flow("1")))
            .await
            .expect_err("not deprecated"),
        FaultCode::TypeNotDeprecated,
    );
    client
        .deprecate_workflow_type(&DeprecateWorkflowType::new(DOMAIN, flow("1")))
        .await
        .expect("deprecate");
    client
        .delete_workflow_type(&DeleteWorkflowType::new(DOMAIN, flow("1")))
        .await
        .expect("delete");
    assert_eq!(
        listed(registered()).await,
        [flow("2"), WorkflowType::new("Zed", "1")]
    );
    assert!(listed(deprecated()).await.is_empty());
    for err in [
        client
            .describe_workflow_type(&DescribeWorkflowType::new(DOMAIN, flow("1")))
            .await
            .expect_err("deleted"),
        client
            .delete_workflow_type(&DeleteWorkflowType::new(DOMAIN, flow("1")))
            .await
            .expect_err("deleted"),
        client
            .undeprecate_workflow_type(&UndeprecateWorkflowType::new(DOMAIN, flow("1")))
            .await
            .expect_err("deleted"),
        client
            .start_workflow_execution(&StartWorkflowExecution::new(DOMAIN, "y", flow("1")))
            .await
            .expect_err("deleted"),
        client
            .list_workflow_types(&ListWorkflowTypes::new(
                "nowhere",
                RegistrationStatus::Registered,
            ))
            .await
            .expect_err("unknown domain"),
    ] {
        assert_fault(&err, FaultCode::UnknownResource);
    }

    // Activity types: the same lifecycle.
    let work = work_type();
    assert_fault(
        &client
            .undeprecate_activity_type(&UndeprecateActivityType::new(DOMAIN, work.clone()))
            .await
            .expect_err("not deprecated"),
        FaultCode::TypeAlreadyExists,
    );
    assert_fault(
        &client
            .delete_activity_type(&DeleteActivityType::new(DOMAIN, work.clone()))
            .await
            .expect_err("not deprecated"),
        FaultCode::TypeNotDeprecated,
    );
    client
        .deprecate_activity_type(&DeprecateActivityType::new(DOMAIN, work.clone()))
        .await
        .expect("deprecate");
    client
        .undeprecate_activity_type(&UndeprecateActivityType::new(DOMAIN, work.clone()))
        .await
        .expect("undeprecate");
    client
        .deprecate_activity_type(&DeprecateActivityType::new(DOMAIN, work.clone()))
        .await
        .expect("deprecate");
    client
        .delete_activity_type(&DeleteActivityType::new(DOMAIN, work.clone()))
        .await
        .expect("delete");
    assert_fault(
        &client
            .describe_activity_type(&DescribeActivityType::new(DOMAIN, work))
            .await
            .expect_err("deleted"),
        FaultCode::UnknownResource,
    );
    assert_fault(
        &client
            .delete_activity_type(&DeleteActivityType::new(
                DOMAIN,
                ActivityType::new("Never", "1"),
            ))
            .await
            .expect_err("unknown"),
        FaultCode::UnknownResource,
    );
}

fn missing(path: &str) -> String {
    format!(
        "1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null"
    )
}

fn invalid(value: &str, path: &str, constraint: &str) -> String {
    format!(
        "1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"
    )
}

fn at_most(n: usize) -> String {
    format!("Member must have length less than or equal to {n}")
}

const AT_LEAST_ONE: &str = "Member must have length greater than or equal to 1";

#[tokio::test]
async fn each_new_operation_words_missing_and_invalid_members_as_swf() {
    let (swf, _client) = setup().await;
    let since = json!({"oldestDate": 0});
    let run_65 = "r".repeat(65);
    let long_257 = "x".repeat(257);
    let execution = json!({"workflowId": "w", "runId": "r"});
    let flow = json!({"name": "Flow", "version": "1"});
    let arn = "arn:aws:swf:us-east-1:000000000000:/domain/local-tests";
    let cases: Vec<(&str, Value, String)> = vec![
        (
            "CountOpenWorkflowExecutions",
            json!({"domain": DOMAIN}),
            missing("startTimeFilter"),
        ),
        (
            "CountOpenWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since, "tagFilter": {"tag": long_257}}),
            invalid(&long_257, "tagFilter.tag", &at_most(256)),
        ),
        (
            "CountClosedWorkflowExecutions",
            json!({"startTimeFilter": since}),
            missing("domain"),
        ),
        (
            "CountClosedWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since, "closeStatusFilter": {"status": "DONE"}}),
            invalid(
                "DONE",
                "closeStatusFilter.status",
                "Member must satisfy enum value set: [COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT]",
            ),
        ),
        (
            "ListOpenWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": {}}),
            missing("startTimeFilter.oldestDate"),
        ),
        (
            "ListOpenWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since, "maximumPageSize": 1001}),
            invalid(
                "1001",
                "maximumPageSize",
                "Member must have value less than or equal to 1000",
            ),
        ),
        (
            "ListClosedWorkflowExecutions",
            json!({"domain": DOMAIN, "closeTimeFilter": since, "typeFilter": {"version": "1"}}),
            missing("typeFilter.name"),
        ),
        (
            "ListClosedWorkflowExecutions",
            json!({"domain": DOMAIN, "closeTimeFilter": since, "executionFilter": {"workflowId": "a:b"}}),
            invalid(
                "a:b",
                "executionFilter.workflowId",
                "Member must not contain ':'",
            ),
        ),
        (
            "DescribeWorkflowExecution",
            json!({"domain": DOMAIN, "execution": {"workflowId": "w"}}),
            missing("execution.runId"),
        ),
        (
            "DescribeWorkflowExecution",
            json!({"domain": DOMAIN, "execution": {"workflowId": "w", "runId": run_65}}),
            invalid(&run_65, "execution.runId", &at_most(64)),
        ),
        (
            "SignalWorkflowExecution",
            json!({"domain": DOMAIN, "workflowId": "w"}),
            missing("signalName"),
        ),
        (
            "SignalWorkflowExecution",
            json!({"domain": DOMAIN, "workflowId": "w", "signalName": ""}),
            invalid("", "signalName", AT_LEAST_ONE),
        ),
        (
            "RequestCancelWorkflowExecution",
            json!({"domain": DOMAIN}),
            missing("workflowId"),
        ),
        (
            "RequestCancelWorkflowExecution",
            json!({"domain": DOMAIN, "workflowId": "w", "runId": run_65}),
            invalid(&run_65, "runId", &at_most(64)),
        ),
        (
            "TerminateWorkflowExecution",
            json!({"workflowId": "w"}),
            missing("domain"),
        ),
        (
            "TerminateWorkflowExecution",
            json!({"domain": DOMAIN, "workflowId": "w", "childPolicy": "KILL"}),
            invalid(
                "KILL",
                "childPolicy",
                "Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]",
            ),
        ),
        ("DeprecateDomain", json!({}), missing("name")),
        (
            "DeprecateDomain",
            json!({"name": "a/b"}),
            invalid("a/b", "name", "Member must not contain '/'"),
        ),
        ("UndeprecateDomain", json!({}), missing("name")),
        (
            "UndeprecateDomain",
            json!({"name": long_257}),
            invalid(&long_257, "name", &at_most(256)),
        ),
        ("ListDomains", json!({}), missing("registrationStatus")),
        (
            "ListDomains",
            json!({"registrationStatus": "ACTIVE"}),
            invalid(
                "ACTIVE",
                "registrationStatus",
                "Member must satisfy enum value set: [REGISTERED, DEPRECATED]",
            ),
        ),
        (
            "DescribeWorkflowType",
            json!({"domain": DOMAIN}),
            missing("workflowType"),
        ),
        (
            "DescribeWorkflowType",
            json!({"domain": DOMAIN, "workflowType": {"name": "Flow", "version": "v".repeat(65)}}),
            invalid(&"v".repeat(65), "workflowType.version", &at_most(64)),
        ),
        (
            "ListWorkflowTypes",
            json!({"registrationStatus": "REGISTERED"}),
            missing("domain"),
        ),
        (
            "ListWorkflowTypes",
            json!({"domain": DOMAIN, "registrationStatus": "REGISTERED", "maximumPageSize": -1}),
            invalid(
                "-1",
                "maximumPageSize",
                "Member must have value greater than or equal to 0",
            ),
        ),
        ("TagResource", json!({"resourceArn": arn}), missing("tags")),
        (
            "TagResource",
            json!({"resourceArn": "", "tags": []}),
            invalid("", "resourceArn", AT_LEAST_ONE),
        ),
        (
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"value": "v"}]}),
            missing("tags.1.member.key"),
        ),
        (
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "ok"}, {"key": "k".repeat(129)}]}),
            invalid(&"k".repeat(129), "tags.2.member.key", &at_most(128)),
        ),
        (
            "TagResource",
            json!({"resourceArn": arn, "tags": [{"key": "k", "value": long_257}]}),
            invalid(&long_257, "tags.1.member.value", &at_most(256)),
        ),
        (
            "UntagResource",
            json!({"resourceArn": arn}),
            missing("tagKeys"),
        ),
        (
            "UntagResource",
            json!({"resourceArn": arn, "tagKeys": ["a", ""]}),
            invalid("", "tagKeys.2.member", AT_LEAST_ONE),
        ),
        ("ListTagsForResource", json!({}), missing("resourceArn")),
        (
            "ListTagsForResource",
            json!({"resourceArn": "a".repeat(1601)}),
            invalid(&"a".repeat(1601), "resourceArn", &at_most(1600)),
        ),
        (
            "RegisterDomain",
            json!({"name": "d", "workflowExecutionRetentionPeriodInDays": "1", "tags": [{"key": ""}]}),
            invalid("", "tags.1.member.key", AT_LEAST_ONE),
        ),
    ];
    for (op, body, expected) in cases {
        assert_eq!(
            rejected(&swf, op, body.clone()).await,
            expected,
            "{op} {body}"
        );
    }
    // The type operations share their members' rules.
    for op in [
        "DeprecateWorkflowType",
        "UndeprecateWorkflowType",
        "DeleteWorkflowType",
    ] {
        assert_eq!(
            rejected(
                &swf,
                op,
                json!({"domain": DOMAIN, "workflowType": {"name": "Flow"}})
            )
            .await,
            missing("workflowType.version"),
            "{op}"
        );
        assert_eq!(
            rejected(
                &swf,
                op,
                json!({"domain": DOMAIN, "workflowType": {"name": "arn", "version": "1"}})
            )
            .await,
            invalid(
                "arn",
                "workflowType.name",
                "Member must not be the literal string 'arn'"
            ),
            "{op}"
        );
        assert!(
            swf.raw_request(
                op,
                json!({"domain": DOMAIN, "workflowType": flow}).to_string()
            )
            .send()
            .await
            .expect("answer")
            .error_type()
            .is_some_and(|t| t.ends_with("#UnknownResourceFault")),
            "{op}: a valid request reaches the engine"
        );
    }
    for op in ["UndeprecateActivityType", "DeleteActivityType"] {
        assert_eq!(
            rejected(
                &swf,
                op,
                json!({"domain": DOMAIN, "activityType": {"version": "1"}})
            )
            .await,
            missing("activityType.name"),
            "{op}"
        );
        assert_eq!(
            rejected(
                &swf,
                op,
                json!({"domain": DOMAIN, "activityType": {"name": "a|b", "version": "1"}})
            )
            .await,
            invalid("a|b", "activityType.name", "Member must not contain '|'"),
            "{op}"
        );
    }
    assert!(
        swf.raw_request(
            "DescribeWorkflowExecution",
            json!({"domain": DOMAIN, "execution": execution}).to_string()
        )
        .send()
        .await
        .expect("answer")
        .error_type()
        .is_some_and(|t| t.ends_with("#UnknownResourceFault"))
    );

    // A time that is not a number is not a timestamp.
    let answer = swf
        .raw_request(
            "CountOpenWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": {"oldestDate": "yesterday"}}).to_string(),
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(
        answer.error_code().as_deref(),
        Some("SerializationException"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn filters_are_exclusive_as_swf_says() {
    let (swf, client) = setup().await;
    let since = json!({"oldestDate": 0});
    assert_eq!(
        rejected(
            &swf,
            "ListOpenWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since,
                   "typeFilter": {"name": "Flow"}, "tagFilter": {"tag": "t"}}),
        )
        .await,
        "Cannot specify more than one exclusive filters in the same query: [WorkflowTypeFilter, TagFilter]"
    );
    assert_eq!(
        rejected(
            &swf,
            "CountClosedWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since,
                   "typeFilter": {"name": "Flow"}, "closeStatusFilter": {"status": "FAILED"}}),
        )
        .await,
        "Cannot specify more than one exclusive filters in the same query: [WorkflowTypeFilter, CloseStatusFilter]"
    );
    assert_eq!(
        rejected(
            &swf,
            "ListClosedWorkflowExecutions",
            json!({"domain": DOMAIN, "startTimeFilter": since, "closeTimeFilter": since}),
        )
        .await,
        "Cannot specify both a startTimeFilter and a closeTimeFilter"
    );
    assert_eq!(
        rejected(
            &swf,
            "CountClosedWorkflowExecutions",
            json!({"domain": DOMAIN}),
        )
        .await,
        "Must specify time filter"
    );
    // The typed client sends what it is given; the endpoint refuses it as SWF does.
    let err = client
        .count_open_workflow_executions(
            &CountOpenWorkflowExecutions::new(DOMAIN, since_epoch())
                .execution_filter(WorkflowExecutionFilter::new("w"))
                .tag_filter(TagFilter::new("t")),
        )
        .await
        .expect_err("two filters");
    assert_eq!(err.kind(), &ErrorKind::Validation { client_side: false });
    assert_eq!(
        err.message(),
        "Cannot specify more than one exclusive filters in the same query: [WorkflowExecutionFilter, TagFilter]"
    );
}
