//! The workflow side of the local SWF: workflow types, executions, decision tasks and
//! histories, with a test playing the decider over HTTP.

mod local_support;

use local_support::{DOMAIN, TASK_LIST, poll, setup, work_type};
use swf_activity::FaultCode;
use swf_activity::model::{
    ActivityType, ChildPolicy, Decision, DecisionTask, EventType, GetWorkflowExecutionHistory,
    PollForDecisionTask, RecordActivityTaskHeartbeat, RegisterWorkflowType,
    RespondActivityTaskCompleted, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution, TaskList, WorkflowExecution,
    WorkflowType,
};

const DECIDER_LIST: &str = "decisions";

fn order_type() -> WorkflowType {
    WorkflowType::new("Order", "1")
}

async fn register(client: &swf_activity::Client) {
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(DOMAIN, "Order", "1")
                .default_task_list(TaskList::new(DECIDER_LIST))
                .default_task_start_to_close_timeout("30")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("workflow type");
}

async fn start(client: &swf_activity::Client, id: &str) -> WorkflowExecution {
    let run = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, id, order_type()).input("{\"order\":1}"),
        )
        .await
        .expect("started");
    WorkflowExecution::new(id, run.run_id.expect("a run id"))
}

async fn decision_task(client: &swf_activity::Client) -> DecisionTask {
    client
        .poll_for_decision_task(&PollForDecisionTask::new(DOMAIN, DECIDER_LIST).identity("decider"))
        .await
        .expect("poll")
        .expect("a decision task")
}

fn types(task: &DecisionTask) -> Vec<EventType> {
    task.events.iter().map(|e| e.event_type.clone()).collect()
}

fn schedule_work(id: &str) -> Decision {
    Decision::schedule_activity_task(
        ScheduleActivityTaskDecisionAttributes::new(work_type(), id)
            .input("in")
            .schedule_to_start_timeout("60")
            .schedule_to_close_timeout("120")
            .start_to_close_timeout("60")
            .heartbeat_timeout("NONE"),
    )
}

#[tokio::test]
async fn a_decider_schedules_an_activity_and_completes_the_workflow() {
    let (swf, client) = setup().await;
    register(&client).await;
    let execution = start(&client, "order-1").await;

    let first = decision_task(&client).await;
    assert_eq!(first.workflow_execution, execution);
    assert_eq!(first.workflow_type, order_type());
    assert_eq!(
        types(&first),
        [
            EventType::WorkflowExecutionStarted,
            EventType::DecisionTaskScheduled,
            EventType::DecisionTaskStarted
        ]
    );
    let started = first.events[0]
        .workflow_execution_started_event_attributes
        .clone()
        .expect("started attributes");
    assert_eq!(started.input.as_deref(), Some("{\"order\":1}"));
    assert_eq!(started.task_list, TaskList::new(DECIDER_LIST));
    assert_eq!(first.started_event_id, 3);
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(first.task_token.clone())
                .decision(schedule_work("w-1")),
        )
        .await
        .expect("decided");

    let task = client
        .poll_for_activity_task(&poll("worker"))
        .await
        .expect("poll")
        .expect("the scheduled activity");
    assert_eq!(
        (task.activity_id.as_str(), task.input.as_deref()),
        ("w-1", Some("in"))
    );
    assert_eq!(task.workflow_execution, execution);
    client
        .respond_activity_task_completed(
            &RespondActivityTaskCompleted::new(task.task_token).result("out"),
        )
        .await
        .expect("completed");

    let second = decision_task(&client).await;
    assert_eq!(
        second.previous_started_event_id,
        Some(first.started_event_id)
    );
    let completed = second
        .events
        .iter()
        .find(|e| e.event_type == EventType::ActivityTaskCompleted)
        .and_then(|e| e.activity_task_completed_event_attributes.clone())
        .expect("the decider sees the result");
    assert_eq!(completed.result.as_deref(), Some("out"));
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(second.task_token).decision(
                Decision::complete_workflow_execution(Some("shipped".into())),
            ),
        )
        .await
        .expect("decided");

    let history = client
        .get_workflow_execution_history_all(
            &GetWorkflowExecutionHistory::new(DOMAIN, execution.clone()).maximum_page_size(2),
        )
        .await
        .expect("history");
    let all: Vec<_> = history.iter().map(|e| e.event_type.clone()).collect();
    assert_eq!(
        all,
        [
            EventType::WorkflowExecutionStarted,
            EventType::DecisionTaskScheduled,
            EventType::DecisionTaskStarted,
            EventType::DecisionTaskCompleted,
            EventType::ActivityTaskScheduled,
            EventType::ActivityTaskStarted,
            EventType::ActivityTaskCompleted,
            EventType::DecisionTaskScheduled,
            EventType::DecisionTaskStarted,
            EventType::DecisionTaskCompleted,
            EventType::WorkflowExecutionCompleted,
        ]
    );
    assert_eq!(swf.events(&execution), history);
    let page = client
        .get_workflow_execution_history(
            &GetWorkflowExecutionHistory::new(DOMAIN, execution.clone())
                .maximum_page_size(3)
                .reverse_order(true),
        )
        .await
        .expect("one page");
    assert_eq!(page.events.len(), 3);
    assert_eq!(
        page.events[0].event_type,
        EventType::WorkflowExecutionCompleted
    );
    assert!(page.next_page_token.is_some());

    // The id is free again once the execution closed.
    start(&client, "order-1").await;
}

#[tokio::test]
async fn decision_failures_are_recorded_in_the_history() {
    let (_swf, client) = setup().await;
    register(&client).await;
    let execution = start(&client, "order-3").await;
    let first = decision_task(&client).await;
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(first.task_token)
                .decision(Decision::schedule_activity_task(
                    ScheduleActivityTaskDecisionAttributes::new(
                        ActivityType::new("Missing", "1"),
                        "m-1",
                    )
                    .task_list(TaskList::new(TASK_LIST)),
                ))
                .decision(Decision::request_cancel_activity_task("never-scheduled"))
                // No timeouts given and none registered: SWF refuses the decision.
                .decision(Decision::schedule_activity_task(
                    ScheduleActivityTaskDecisionAttributes::new(work_type(), "w-3"),
                )),
        )
        .await
        .expect("decided");
    let second = decision_task(&client).await;
    let failed: Vec<String> = second
        .events
        .iter()
        .filter_map(|e| {
            e.schedule_activity_task_failed_event_attributes
                .as_ref()
                .map(|a| a.cause.to_string())
                .or_else(|| {
                    e.request_cancel_activity_task_failed_event_attributes
                        .as_ref()
                        .map(|a| a.cause.to_string())
                })
        })
        .collect();
    assert_eq!(
        failed,
        [
            "ACTIVITY_TYPE_DOES_NOT_EXIST",
            "ACTIVITY_ID_UNKNOWN",
            "DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED"
        ]
    );
    assert_eq!(second.workflow_execution, execution);
}

#[tokio::test]
async fn a_cancel_decision_reaches_the_worker() {
    let (swf, client) = setup().await;
    register(&client).await;
    let execution = start(&client, "order-4").await;
    let first = decision_task(&client).await;
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(first.task_token)
                .decision(schedule_work("slow"))
                .decision(schedule_work("fast")),
        )
        .await
        .expect("decided");
    let slow = client
        .poll_for_activity_task(&poll("worker"))
        .await
        .expect("poll")
        .expect("task");
    let fast = client
        .poll_for_activity_task(&poll("worker"))
        .await
        .expect("poll")
        .expect("task");
    assert_eq!(
        (slow.activity_id.as_str(), fast.activity_id.as_str()),
        ("slow", "fast")
    );
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(fast.task_token))
        .await
        .expect("completed");
    let second = decision_task(&client).await;
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(second.task_token)
                .decision(Decision::request_cancel_activity_task("slow")),
        )
        .await
        .expect("decided");
    let status = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new(slow.task_token))
        .await
        .expect("heartbeat");
    assert!(status.cancel_requested);
    let last = swf.events(&execution).pop().expect("events");
    assert_eq!(last.event_type, EventType::ActivityTaskCancelRequested);
}

#[tokio::test]
async fn workflow_starts_are_checked() {
    let (_swf, client) = setup().await;
    let err = client
        .start_workflow_execution(&StartWorkflowExecution::new(DOMAIN, "x", order_type()))
        .await
        .expect_err("unknown type");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    register(&client).await;
    let err = client
        .register_workflow_type(&RegisterWorkflowType::new(DOMAIN, "Order", "1"))
        .await
        .expect_err("registered already");
    assert!(err.is_fault(FaultCode::TypeAlreadyExists), "{err:?}");
    start(&client, "once").await;
    let err = client
        .start_workflow_execution(&StartWorkflowExecution::new(DOMAIN, "once", order_type()))
        .await
        .expect_err("open already");
    assert!(
        err.is_fault(FaultCode::WorkflowExecutionAlreadyStarted),
        "{err:?}"
    );
    client
        .register_workflow_type(&RegisterWorkflowType::new(DOMAIN, "Bare", "1"))
        .await
        .expect("registered");
    let err = client
        .start_workflow_execution(&StartWorkflowExecution::new(
            DOMAIN,
            "bare",
            WorkflowType::new("Bare", "1"),
        ))
        .await
        .expect_err("no defaults");
    assert!(err.is_fault(FaultCode::DefaultUndefined), "{err:?}");
}
