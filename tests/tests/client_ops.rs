//! Every client operation over loopback HTTP: the exact `X-Amz-Target` and JSON body it sends,
//! how it reads a realistic answer, and the requests it refuses to send.

use std::future::Future;

use serde_json::{Value, json};
use swf_activity::model::{
    ActivityTaskTimeoutType, ActivityType, ChildPolicy, Decision, DecisionType,
    DeprecateActivityType, DescribeActivityType, DescribeDomain, EventType,
    GetWorkflowExecutionHistory, ListActivityTypes, PollForActivityTask, PollForDecisionTask,
    RecordActivityTaskHeartbeat, RegisterActivityType, RegisterDomain, RegisterWorkflowType,
    RegistrationStatus, ResourceTag, RespondActivityTaskCanceled, RespondActivityTaskCompleted,
    RespondActivityTaskFailed, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution, TaskToken, WorkflowExecution,
    WorkflowType,
};
use swf_activity::{Client, Error, ErrorKind};
use swf_activity_tests::{Recorded, RecordingServer, Reply, test_client};

const TOKEN: &str = "AAAAKgAAAAIAAAAAAAAAAjJ0ZXN0LXRhc2stdG9rZW4tZm9yLXN3Zi1hY3Rpdml0eS10ZXN0cw==";

/// The answer of operations without output: 200 with an empty body.
fn empty() -> Reply {
    Reply::raw(200, Some("application/x-amz-json-1.0"), "")
}

/// Runs one call against a fresh server that answers `reply`; returns the call's result and
/// the one request the server received.
async fn one<T, F, Fut>(reply: Reply, call: F) -> (Result<T, Error>, Recorded)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let server = RecordingServer::start().await;
    server.respond_with(vec![reply]);
    let result = call(test_client(&server.url())).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one request: {requests:?}");
    let request = requests.into_iter().next().expect("one request");
    (result, request)
}

/// Checks method, path, content type, target and the exact JSON body.
fn assert_sent(request: &Recorded, operation: &str, body: Value) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(
        request.target.as_deref(),
        Some(format!("SimpleWorkflowService.{operation}").as_str())
    );
    assert_eq!(request.json(), body, "body of {operation}");
}

#[tokio::test]
async fn poll_for_activity_task_with_a_task() {
    let answer = json!({
        "activityId": "charge-1",
        "activityType": {"name": "ChargeCard", "version": "1"},
        "input": "{\"order\":42}",
        "startedEventId": 6,
        "taskToken": TOKEN,
        "workflowExecution": {"runId": "22bXz1cXvV6RXsjbgR0YvM2ZvHv1kL0zOJm4Ez4jJDWfQ=", "workflowId": "order-42"},
        "somethingNew": {"ignored": true}
    });
    let request = PollForActivityTask::new("orders", "payments").identity("worker-1@host:4242");
    let (result, sent) = one(Reply::ok(answer.to_string()), |c| async move {
        c.poll_for_activity_task(&request).await
    })
    .await;
    assert_sent(
        &sent,
        "PollForActivityTask",
        json!({"domain": "orders", "taskList": {"name": "payments"}, "identity": "worker-1@host:4242"}),
    );
    let task = result.expect("poll succeeds").expect("a task");
    assert_eq!(task.task_token.as_str(), TOKEN);
    assert_eq!(task.activity_id, "charge-1");
    assert_eq!(task.started_event_id, 6);
    assert_eq!(task.activity_type, ActivityType::new("ChargeCard", "1"));
    assert_eq!(task.workflow_execution.workflow_id, "order-42");
    assert_eq!(task.input.as_deref(), Some("{\"order\":42}"));
    let debug = format!("{task:?}");
    assert!(
        !debug.contains(TOKEN),
        "task token leaked into Debug: {debug}"
    );
    assert!(debug.contains("<redacted>"));
}

#[tokio::test]
async fn poll_for_activity_task_without_a_task_is_none() {
    // Real SWF answers `{"startedEventId":0}`; an empty token or body means the same.
    for body in [
        r#"{"startedEventId":0}"#,
        r#"{"taskToken":"","startedEventId":0}"#,
        "",
    ] {
        let request = PollForActivityTask::new("orders", "payments");
        let (result, sent) = one(Reply::ok(body), |c| async move {
            c.poll_for_activity_task(&request).await
        })
        .await;
        assert_sent(
            &sent,
            "PollForActivityTask",
            json!({"domain": "orders", "taskList": {"name": "payments"}}),
        );
        assert!(
            result.expect("poll succeeds").is_none(),
            "no task for {body:?}"
        );
    }
}

#[tokio::test]
async fn respond_activity_task_completed() {
    let request = RespondActivityTaskCompleted::new(TOKEN).result("{\"receipt\":\"r-1\"}");
    let (result, sent) = one(empty(), |c| async move {
        c.respond_activity_task_completed(&request).await
    })
    .await;
    result.expect("completed");
    assert_sent(
        &sent,
        "RespondActivityTaskCompleted",
        json!({"taskToken": TOKEN, "result": "{\"receipt\":\"r-1\"}"}),
    );

    let request = RespondActivityTaskCompleted::new(TOKEN);
    let (result, sent) = one(empty(), |c| async move {
        c.respond_activity_task_completed(&request).await
    })
    .await;
    result.expect("completed");
    assert_sent(
        &sent,
        "RespondActivityTaskCompleted",
        json!({"taskToken": TOKEN}),
    );
}

#[tokio::test]
async fn respond_activity_task_failed() {
    let request = RespondActivityTaskFailed::new(TOKEN)
        .reason("card ending 4242 was declined")
        .details(r#"{"Declined":{"last4":"4242"}}"#);
    let (result, sent) = one(empty(), |c| async move {
        c.respond_activity_task_failed(&request).await
    })
    .await;
    result.expect("failed");
    assert_sent(
        &sent,
        "RespondActivityTaskFailed",
        json!({
            "taskToken": TOKEN,
            "reason": "card ending 4242 was declined",
            "details": "{\"Declined\":{\"last4\":\"4242\"}}"
        }),
    );

    let request = RespondActivityTaskFailed::new(TOKEN);
    let (result, sent) = one(empty(), |c| async move {
        c.respond_activity_task_failed(&request).await
    })
    .await;
    result.expect("failed");
    assert_sent(
        &sent,
        "RespondActivityTaskFailed",
        json!({"taskToken": TOKEN}),
    );
}

#[tokio::test]
async fn respond_activity_task_canceled() {
    let request = RespondActivityTaskCanceled::new(TOKEN).details("stopped at step 3");
    let (result, sent) = one(empty(), |c| async move {
        c.respond_activity_task_canceled(&request).await
    })
    .await;
    result.expect("canceled");
    assert_sent(
        &sent,
        "RespondActivityTaskCanceled",
        json!({"taskToken": TOKEN, "details": "stopped at step 3"}),
    );
}

#[tokio::test]
async fn record_activity_task_heartbeat() {
    let request = RecordActivityTaskHeartbeat::new(TOKEN).details("40%");
    let (result, sent) = one(Reply::ok(r#"{"cancelRequested":true}"#), |c| async move {
        c.record_activity_task_heartbeat(&request).await
    })
    .await;
    assert!(result.expect("heartbeat").cancel_requested);
    assert_sent(
        &sent,
        "RecordActivityTaskHeartbeat",
        json!({"taskToken": TOKEN, "details": "40%"}),
    );

    let request = RecordActivityTaskHeartbeat::new(TOKEN);
    let (result, sent) = one(Reply::ok(r#"{"cancelRequested":false}"#), |c| async move {
        c.record_activity_task_heartbeat(&request).await
    })
    .await;
    assert!(!result.expect("heartbeat").cancel_requested);
    assert_sent(
        &sent,
        "RecordActivityTaskHeartbeat",
        json!({"taskToken": TOKEN}),
    );
}

#[tokio::test]
async fn register_activity_type_with_every_default() {
    let request = RegisterActivityType::new("orders", "ChargeCard", "1")
        .description("charges a card")
        .default_task_list("payments")
        .default_task_priority("-5")
        .default_task_schedule_to_start_timeout("NONE")
        .default_task_start_to_close_timeout("300")
        .default_task_schedule_to_close_timeout("3600")
        .default_task_heartbeat_timeout("30");
    let (result, sent) = one(empty(), |c| async move {
        c.register_activity_type(&request).await
    })
    .await;
    result.expect("registered");
    assert_sent(
        &sent,
        "RegisterActivityType",
        json!({
            "domain": "orders",
            "name": "ChargeCard",
            "version": "1",
            "description": "charges a card",
            "defaultTaskList": {"name": "payments"},
            "defaultTaskPriority": "-5",
            "defaultTaskScheduleToStartTimeout": "NONE",
            "defaultTaskStartToCloseTimeout": "300",
            "defaultTaskScheduleToCloseTimeout": "3600",
            "defaultTaskHeartbeatTimeout": "30"
        }),
    );

    let request = RegisterActivityType::new("orders", "ChargeCard", "2");
    let (result, sent) = one(empty(), |c| async move {
        c.register_activity_type(&request).await
    })
    .await;
    result.expect("registered");
    assert_sent(
        &sent,
        "RegisterActivityType",
        json!({"domain": "orders", "name": "ChargeCard", "version": "2"}),
    );
}

#[tokio::test]
async fn describe_activity_type() {
    let answer = json!({
        "configuration": {
            "defaultTaskHeartbeatTimeout": "30",
            "defaultTaskList": {"name": "payments"},
            "defaultTaskPriority": "0",
            "defaultTaskScheduleToCloseTimeout": "NONE",
            "defaultTaskScheduleToStartTimeout": "NONE",
            "defaultTaskStartToCloseTimeout": "300"
        },
        "typeInfo": {
            "activityType": {"name": "ChargeCard", "version": "1"},
            "creationDate": 1717171717.123,
            "description": "charges a card",
            "status": "REGISTERED"
        }
    });
    let request = DescribeActivityType::new("orders", ActivityType::new("ChargeCard", "1"));
    let (result, sent) = one(Reply::ok(answer.to_string()), |c| async move {
        c.describe_activity_type(&request).await
    })
    .await;
    assert_sent(
        &sent,
        "DescribeActivityType",
        json!({"domain": "orders", "activityType": {"name": "ChargeCard", "version": "1"}}),
    );
    let detail = result.expect("described");
    assert_eq!(detail.type_info.status, RegistrationStatus::Registered);
    assert_eq!(detail.type_info.creation_date, 1717171717.123);
    assert_eq!(detail.type_info.deprecation_date, None);
    assert_eq!(
        detail.type_info.description.as_deref(),
        Some("charges a card")
    );
    let config = detail.configuration;
    assert_eq!(
        config.default_task_start_to_close_timeout.as_deref(),
        Some("300")
    );
    assert_eq!(config.default_task_heartbeat_timeout.as_deref(), Some("30"));
    assert_eq!(
        config.default_task_list.map(|t| t.name).as_deref(),
        Some("payments")
    );
    assert_eq!(config.default_task_priority.as_deref(), Some("0"));
}

#[tokio::test]
async fn deprecate_activity_type() {
    let request = DeprecateActivityType::new("orders", ActivityType::new("ChargeCard", "1"));
    let (result, sent) = one(empty(), |c| async move {
        c.deprecate_activity_type(&request).await
    })
    .await;
    result.expect("deprecated");
    assert_sent(
        &sent,
        "DeprecateActivityType",
        json!({"domain": "orders", "activityType": {"name": "ChargeCard", "version": "1"}}),
    );
}

fn type_info(name: &str, status: &str) -> Value {
    json!({
        "activityType": {"name": name, "version": "1"},
        "creationDate": 1717171717,
        "status": status
    })
}

#[tokio::test]
async fn list_activity_types_one_page() {
    let request = ListActivityTypes::new("orders", RegistrationStatus::Deprecated)
        .name("ChargeCard")
        .maximum_page_size(10)
        .reverse_order(true)
        .next_page_token("page-2");
    let answer = json!({"typeInfos": [{
        "activityType": {"name": "ChargeCard", "version": "0"},
        "creationDate": 1700000000.5,
        "deprecationDate": 1717171717.25,
        "status": "DEPRECATED"
    }]});
    let (result, sent) = one(Reply::ok(answer.to_string()), |c| async move {
        c.list_activity_types(&request).await
    })
    .await;
    assert_sent(
        &sent,
        "ListActivityTypes",
        json!({
            "domain": "orders",
            "name": "ChargeCard",
            "registrationStatus": "DEPRECATED",
            "nextPageToken": "page-2",
            "maximumPageSize": 10,
            "reverseOrder": true
        }),
    );
    let page = result.expect("listed");
    assert_eq!(page.next_page_token, None);
    assert_eq!(page.type_infos.len(), 1);
    assert_eq!(page.type_infos[0].status, RegistrationStatus::Deprecated);
    assert_eq!(page.type_infos[0].deprecation_date, Some(1717171717.25));
}

#[tokio::test]
async fn list_activity_types_all_follows_next_page_token() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::ok(
            json!({
                "typeInfos": [type_info("A", "REGISTERED"), type_info("B", "REGISTERED")],
                "nextPageToken": "tok-2"
            })
            .to_string(),
        ),
        Reply::ok(
            json!({"typeInfos": [type_info("C", "REGISTERED")], "nextPageToken": "tok-3"})
                .to_string(),
        ),
        Reply::ok(json!({"typeInfos": [type_info("D", "REGISTERED")]}).to_string()),
    ]);
    let client = test_client(&server.url());
    let request =
        ListActivityTypes::new("orders", RegistrationStatus::Registered).maximum_page_size(2);
    let all = client
        .list_activity_types_all(&request)
        .await
        .expect("listed");
    let names: Vec<&str> = all.iter().map(|t| t.activity_type.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    let sent: Vec<Value> = server.requests().iter().map(Recorded::json).collect();
    assert_eq!(
        sent,
        [
            json!({"domain": "orders", "registrationStatus": "REGISTERED", "maximumPageSize": 2}),
            json!({"domain": "orders", "registrationStatus": "REGISTERED", "maximumPageSize": 2, "nextPageToken": "tok-2"}),
            json!({"domain": "orders", "registrationStatus": "REGISTERED", "maximumPageSize": 2, "nextPageToken": "tok-3"}),
        ]
    );
}

#[tokio::test]
async fn paging_stops_when_the_server_repeats_a_token() {
    let server = RecordingServer::start().await;
    let page = json!({"typeInfos": [type_info("A", "REGISTERED")], "nextPageToken": "same"});
    server.respond_with(vec![
        Reply::ok(page.to_string()),
        Reply::ok(page.to_string()),
        Reply::ok(page.to_string()),
    ]);
    let client = test_client(&server.url());
    let err = client
        .list_activity_types_all(&ListActivityTypes::new(
            "orders",
            RegistrationStatus::Registered,
        ))
        .await
        .expect_err("a repeated token is refused");
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedResponse { .. }),
        "{err:?}"
    );
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn register_domain() {
    let request = RegisterDomain::new("orders", "7")
        .description("order processing")
        .tags(vec![ResourceTag::new("team").value("payments")]);
    let (result, sent) = one(
        empty(),
        |c| async move { c.register_domain(&request).await },
    )
    .await;
    result.expect("registered");
    assert_sent(
        &sent,
        "RegisterDomain",
        json!({
            "name": "orders",
            "description": "order processing",
            "workflowExecutionRetentionPeriodInDays": "7",
            "tags": [{"key": "team", "value": "payments"}]
        }),
    );

    let request = RegisterDomain::new("orders", "1");
    let (result, sent) = one(
        empty(),
        |c| async move { c.register_domain(&request).await },
    )
    .await;
    result.expect("registered");
    assert_sent(
        &sent,
        "RegisterDomain",
        json!({"name": "orders", "workflowExecutionRetentionPeriodInDays": "1"}),
    );
}

#[tokio::test]
async fn describe_domain() {
    let answer = json!({
        "configuration": {"workflowExecutionRetentionPeriodInDays": "7"},
        "domainInfo": {
            "arn": "arn:aws:swf:us-east-1:123456789012:/domain/orders",
            "description": "order processing",
            "name": "orders",
            "status": "REGISTERED"
        }
    });
    let request = DescribeDomain::new("orders");
    let (result, sent) = one(Reply::ok(answer.to_string()), |c| async move {
        c.describe_domain(&request).await
    })
    .await;
    assert_sent(&sent, "DescribeDomain", json!({"name": "orders"}));
    let detail = result.expect("described");
    assert_eq!(detail.domain_info.name, "orders");
    assert_eq!(detail.domain_info.status, RegistrationStatus::Registered);
    assert_eq!(
        detail.domain_info.arn.as_deref(),
        Some("arn:aws:swf:us-east-1:123456789012:/domain/orders")
    );
    assert_eq!(
        detail
            .configuration
            .workflow_execution_retention_period_in_days,
        "7"
    );
}

#[tokio::test]
async fn register_workflow_type() {
    let request = RegisterWorkflowType::new("orders", "ProcessOrder", "1")
        .description("one order")
        .default_task_start_to_close_timeout("60")
        .default_execution_start_to_close_timeout("3600")
        .default_task_list("deciders")
        .default_task_priority("0")
        .default_child_policy(ChildPolicy::Terminate)
        .default_lambda_role("arn:aws:iam::123456789012:role/swf-lambda");
    let (result, sent) = one(empty(), |c| async move {
        c.register_workflow_type(&request).await
    })
    .await;
    result.expect("registered");
    assert_sent(
        &sent,
        "RegisterWorkflowType",
        json!({
            "domain": "orders",
            "name": "ProcessOrder",
            "version": "1",
            "description": "one order",
            "defaultTaskStartToCloseTimeout": "60",
            "defaultExecutionStartToCloseTimeout": "3600",
            "defaultTaskList": {"name": "deciders"},
            "defaultTaskPriority": "0",
            "defaultChildPolicy": "TERMINATE",
            "defaultLambdaRole": "arn:aws:iam::123456789012:role/swf-lambda"
        }),
    );
}

#[tokio::test]
async fn start_workflow_execution() {
    let request =
        StartWorkflowExecution::new("orders", "order-42", WorkflowType::new("ProcessOrder", "1"))
            .task_list("deciders")
            .task_priority("3")
            .input("{\"order\":42}")
            .execution_start_to_close_timeout("3600")
            .task_start_to_close_timeout("60")
            .tag_list(vec!["eu".to_owned(), "vip".to_owned()])
            .child_policy(ChildPolicy::Abandon);
    let (result, sent) = one(
        Reply::ok(r#"{"runId":"22bXz1cXvV6RXsjbgR0YvM2ZvHv1kL0zOJm4Ez4jJDWfQ="}"#),
        |c| async move { c.start_workflow_execution(&request).await },
    )
    .await;
    assert_sent(
        &sent,
        "StartWorkflowExecution",
        json!({
            "domain": "orders",
            "workflowId": "order-42",
            "workflowType": {"name": "ProcessOrder", "version": "1"},
            "taskList": {"name": "deciders"},
            "taskPriority": "3",
            "input": "{\"order\":42}",
            "executionStartToCloseTimeout": "3600",
            "tagList": ["eu", "vip"],
            "taskStartToCloseTimeout": "60",
            "childPolicy": "ABANDON"
        }),
    );
    assert_eq!(
        result.expect("started").run_id.as_deref(),
        Some("22bXz1cXvV6RXsjbgR0YvM2ZvHv1kL0zOJm4Ez4jJDWfQ=")
    );
}

#[tokio::test]
async fn poll_for_decision_task_with_history() {
    let answer = json!({
        "events": [
            {
                "eventId": 1,
                "eventTimestamp": 1717171700.5,
                "eventType": "WorkflowExecutionStarted",
                "workflowExecutionStartedEventAttributes": {
                    "childPolicy": "TERMINATE",
                    "executionStartToCloseTimeout": "3600",
                    "input": "{\"order\":42}",
                    "parentInitiatedEventId": 0,
                    "taskList": {"name": "deciders"},
                    "taskStartToCloseTimeout": "60",
                    "workflowType": {"name": "ProcessOrder", "version": "1"}
                }
            },
            {
                "eventId": 2,
                "eventTimestamp": 1717171700.5,
                "eventType": "DecisionTaskScheduled",
                "decisionTaskScheduledEventAttributes": {
                    "startToCloseTimeout": "60",
                    "taskList": {"name": "deciders"}
                }
            },
            {
                "eventId": 3,
                "eventTimestamp": 1717171701,
                "eventType": "DecisionTaskStarted",
                "decisionTaskStartedEventAttributes": {"identity": "decider-1", "scheduledEventId": 2}
            },
            {
                "eventId": 4,
                "eventTimestamp": 1717171702,
                "eventType": "SomeFutureEvent",
                "someFutureEventAttributes": {"whatever": [1, 2, 3]}
            },
            {
                "eventId": 5,
                "eventTimestamp": 1717171703,
                "eventType": "TimerStarted",
                "timerStartedEventAttributes": {"timerId": "t", "startToFireTimeout": "5", "decisionTaskCompletedEventId": 4}
            }
        ],
        "nextPageToken": "more-events",
        "previousStartedEventId": 0,
        "startedEventId": 3,
        "taskToken": TOKEN,
        "workflowExecution": {"runId": "run-1", "workflowId": "order-42"},
        "workflowType": {"name": "ProcessOrder", "version": "1"}
    });
    let request = PollForDecisionTask::new("orders", "deciders")
        .identity("decider-1")
        .maximum_page_size(100)
        .reverse_order(false)
        .start_at_previous_started_event(true);
    let (result, sent) = one(Reply::ok(answer.to_string()), |c| async move {
        c.poll_for_decision_task(&request).await
    })
    .await;
    assert_sent(
        &sent,
        "PollForDecisionTask",
        json!({
            "domain": "orders",
            "taskList": {"name": "deciders"},
            "identity": "decider-1",
            "maximumPageSize": 100,
            "reverseOrder": false,
            "startAtPreviousStartedEvent": true
        }),
    );
    let task = result.expect("polled").expect("a decision task");
    assert_eq!(task.task_token, TaskToken::new(TOKEN));
    assert_eq!(task.started_event_id, 3);
    assert_eq!(task.previous_started_event_id, Some(0));
    assert_eq!(task.next_page_token.as_deref(), Some("more-events"));
    assert_eq!(task.workflow_type, WorkflowType::new("ProcessOrder", "1"));
    assert_eq!(task.events.len(), 5);
    let started = task.events[0]
        .workflow_execution_started_event_attributes
        .as_ref()
        .expect("started attributes");
    assert_eq!(started.child_policy, ChildPolicy::Terminate);
    assert_eq!(started.input.as_deref(), Some("{\"order\":42}"));
    assert_eq!(task.events[0].event_timestamp, 1717171700.5);
    assert_eq!(task.events[2].event_type, EventType::DecisionTaskStarted);
    assert_eq!(
        task.events[3].event_type,
        EventType::Unknown("SomeFutureEvent".to_owned())
    );
    assert_eq!(task.events[4].event_type, EventType::TimerStarted);

    let request = PollForDecisionTask::new("orders", "deciders");
    let (result, _) = one(
        Reply::ok(r#"{"previousStartedEventId":0,"startedEventId":0}"#),
        |c| async move { c.poll_for_decision_task(&request).await },
    )
    .await;
    assert!(result.expect("polled").is_none());
}

#[tokio::test]
async fn respond_decision_task_completed_with_decisions() {
    let schedule = ScheduleActivityTaskDecisionAttributes::new(
        ActivityType::new("ChargeCard", "1"),
        "charge-1",
    )
    .input("{\"order\":42}")
    .control("attempt-1")
    .task_list("payments")
    .task_priority("10")
    .schedule_to_close_timeout("600")
    .schedule_to_start_timeout("300")
    .start_to_close_timeout("300")
    .heartbeat_timeout("30");
    let request = RespondDecisionTaskCompleted::new(TOKEN)
        .decision(Decision::schedule_activity_task(schedule))
        .decision(Decision::request_cancel_activity_task("charge-0"))
        .decision(Decision::complete_workflow_execution(Some(
            "done".to_owned(),
        )))
        .decision(Decision::fail_workflow_execution(
            Some("declined".to_owned()),
            None,
        ))
        .decision(Decision::cancel_workflow_execution(None))
        .execution_context("ctx");
    let (result, sent) = one(empty(), |c| async move {
        c.respond_decision_task_completed(&request).await
    })
    .await;
    result.expect("responded");
    assert_sent(
        &sent,
        "RespondDecisionTaskCompleted",
        json!({
            "taskToken": TOKEN,
            "decisions": [
                {
                    "decisionType": "ScheduleActivityTask",
                    "scheduleActivityTaskDecisionAttributes": {
                        "activityType": {"name": "ChargeCard", "version": "1"},
                        "activityId": "charge-1",
                        "control": "attempt-1",
                        "input": "{\"order\":42}",
                        "scheduleToCloseTimeout": "600",
                        "taskList": {"name": "payments"},
                        "taskPriority": "10",
                        "scheduleToStartTimeout": "300",
                        "startToCloseTimeout": "300",
                        "heartbeatTimeout": "30"
                    }
                },
                {
                    "decisionType": "RequestCancelActivityTask",
                    "requestCancelActivityTaskDecisionAttributes": {"activityId": "charge-0"}
                },
                {
                    "decisionType": "CompleteWorkflowExecution",
                    "completeWorkflowExecutionDecisionAttributes": {"result": "done"}
                },
                {
                    "decisionType": "FailWorkflowExecution",
                    "failWorkflowExecutionDecisionAttributes": {"reason": "declined"}
                },
                {
                    "decisionType": "CancelWorkflowExecution",
                    "cancelWorkflowExecutionDecisionAttributes": {}
                }
            ],
            "executionContext": "ctx"
        }),
    );
}

fn failed_history() -> Value {
    json!({"events": [
        {
            "eventId": 5,
            "eventTimestamp": 1717171705.25,
            "eventType": "ActivityTaskScheduled",
            "activityTaskScheduledEventAttributes": {
                "activityId": "charge-1",
                "activityType": {"name": "ChargeCard", "version": "1"},
                "decisionTaskCompletedEventId": 4,
                "heartbeatTimeout": "30",
                "input": "{\"order\":42}",
                "scheduleToCloseTimeout": "NONE",
                "scheduleToStartTimeout": "NONE",
                "startToCloseTimeout": "300",
                "taskList": {"name": "payments"},
                "taskPriority": "0"
            }
        },
        {
            "eventId": 6,
            "eventTimestamp": 1717171706,
            "eventType": "ActivityTaskStarted",
            "activityTaskStartedEventAttributes": {"identity": "worker-1", "scheduledEventId": 5}
        },
        {
            "eventId": 7,
            "eventTimestamp": 1717171707.5,
            "eventType": "ActivityTaskFailed",
            "activityTaskFailedEventAttributes": {
                "details": "{\"Declined\":{\"last4\":\"4242\"}}",
                "reason": "card ending 4242 was declined",
                "scheduledEventId": 5,
                "startedEventId": 6
            }
        }
    ]})
}

#[tokio::test]
async fn get_workflow_execution_history_with_an_activity_failure() {
    let request =
        GetWorkflowExecutionHistory::new("orders", WorkflowExecution::new("order-42", "run-1"))
            .maximum_page_size(3)
            .reverse_order(false);
    let (result, sent) = one(Reply::ok(failed_history().to_string()), |c| async move {
        c.get_workflow_execution_history(&request).await
    })
    .await;
    assert_sent(
        &sent,
        "GetWorkflowExecutionHistory",
        json!({
            "domain": "orders",
            "execution": {"workflowId": "order-42", "runId": "run-1"},
            "maximumPageSize": 3,
            "reverseOrder": false
        }),
    );
    let history = result.expect("history");
    assert_eq!(history.next_page_token, None);
    let scheduled = history.events[0]
        .activity_task_scheduled_event_attributes
        .as_ref()
        .expect("scheduled attributes");
    assert_eq!(scheduled.activity_id, "charge-1");
    assert_eq!(scheduled.task_list.name, "payments");
    assert_eq!(scheduled.heartbeat_timeout.as_deref(), Some("30"));
    let failed = &history.events[2];
    assert_eq!(failed.event_type, EventType::ActivityTaskFailed);
    assert_eq!(failed.event_id, 7);
    assert_eq!(failed.event_timestamp, 1717171707.5);
    let attrs = failed
        .activity_task_failed_event_attributes
        .as_ref()
        .expect("failed attributes");
    assert_eq!(
        attrs.reason.as_deref(),
        Some("card ending 4242 was declined")
    );
    assert_eq!(
        attrs.details.as_deref(),
        Some(r#"{"Declined":{"last4":"4242"}}"#)
    );
    assert_eq!((attrs.scheduled_event_id, attrs.started_event_id), (5, 6));
}

#[tokio::test]
async fn get_workflow_execution_history_all_follows_pages() {
    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::ok(
            json!({"events": [{
                "eventId": 1,
                "eventTimestamp": 1717171700,
                "eventType": "ActivityTaskTimedOut",
                "activityTaskTimedOutEventAttributes": {
                    "timeoutType": "HEARTBEAT", "scheduledEventId": 5, "startedEventId": 6, "details": "40%"
                }
            }], "nextPageToken": "p2"})
            .to_string(),
        ),
        Reply::ok(failed_history().to_string()),
    ]);
    let client = test_client(&server.url());
    let execution = WorkflowExecution::new("order-42", "run-1");
    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new("orders", execution))
        .await
        .expect("history");
    let ids: Vec<i64> = events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids, [1, 5, 6, 7]);
    let timed_out = events[0]
        .activity_task_timed_out_event_attributes
        .as_ref()
        .expect("timed out attributes");
    assert_eq!(timed_out.timeout_type, ActivityTaskTimeoutType::Heartbeat);
    assert_eq!(timed_out.details.as_deref(), Some("40%"));
    let sent: Vec<Value> = server.requests().iter().map(Recorded::json).collect();
    assert_eq!(
        sent[1],
        json!({"domain": "orders", "execution": {"workflowId": "order-42", "runId": "run-1"}, "nextPageToken": "p2"})
    );
}

// ---------------------------------------------------------------------------------------------
// Requests the client refuses to send.

/// Runs `call` and checks it failed client-side with a message starting `member: ` and that
/// nothing reached the server.
async fn assert_refused<T, F, Fut>(server: &RecordingServer, member: &str, call: F)
where
    T: std::fmt::Debug,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let before = server.request_count();
    let err = call(test_client(&server.url()))
        .await
        .expect_err("the request must be refused");
    assert_eq!(
        err.kind(),
        &ErrorKind::Validation { client_side: true },
        "{member}: {err:?}"
    );
    assert!(
        err.message().starts_with(&format!("{member}: ")),
        "message of {member}: {}",
        err.message()
    );
    assert!(
        err.to_string().contains(member),
        "Display names the member: {err}"
    );
    // A request that was sent would have been recorded before any answer came back.
    assert_eq!(
        server.request_count(),
        before,
        "{member}: nothing may be sent"
    );
}

/// Runs `call` against `{}` as the answer and checks it was sent (the value is within SWF's
/// limits).
async fn assert_accepted<T, F, Fut>(server: &RecordingServer, what: &str, call: F)
where
    T: std::fmt::Debug,
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let before = server.request_count();
    server.respond_with(vec![Reply::ok("{}")]);
    call(test_client(&server.url()))
        .await
        .unwrap_or_else(|e| panic!("{what} must be accepted: {e:?}"));
    assert_eq!(server.request_count(), before + 1, "{what} was sent");
}

fn register(name: &str, version: &str) -> RegisterActivityType {
    RegisterActivityType::new("orders", name, version)
}

#[tokio::test]
async fn bad_names_are_refused_before_sending() {
    let server = RecordingServer::start().await;
    let bad_names = [
        "Charge:Card".to_owned(),
        "Charge/Card".to_owned(),
        "Charge|Card".to_owned(),
        "Charge\u{0}Card".to_owned(),
        "Charge\nCard".to_owned(),
        "Charge\u{7f}Card".to_owned(),
        "Charge\u{85}Card".to_owned(),
        "arn".to_owned(),
        String::new(),
        "a".repeat(257),
        // 129 emoji are 258 UTF-16 units.
        "😀".repeat(129),
    ];
    for name in bad_names {
        let request = register(&name, "1");
        assert_refused(&server, "RegisterActivityType.name", |c| async move {
            c.register_activity_type(&request).await
        })
        .await;
    }
    for version in ["", "1:0", "arn", &"v".repeat(65), &"😀".repeat(33)] {
        let request = register("ChargeCard", version);
        assert_refused(&server, "RegisterActivityType.version", |c| async move {
            c.register_activity_type(&request).await
        })
        .await;
    }
    for domain in ["", "or/ders", " orders", "orders ", &"d".repeat(257)] {
        let request = RegisterActivityType::new(domain, "ChargeCard", "1");
        assert_refused(&server, "RegisterActivityType.domain", |c| async move {
            c.register_activity_type(&request).await
        })
        .await;
        let request = RegisterDomain::new(domain, "1");
        assert_refused(&server, "RegisterDomain.name", |c| async move {
            c.register_domain(&request).await
        })
        .await;
    }
    let request = DescribeActivityType::new("orders", ActivityType::new("a|b", "1"));
    assert_refused(
        &server,
        "DescribeActivityType.activityType.name",
        |c| async move { c.describe_activity_type(&request).await },
    )
    .await;
    let request = StartWorkflowExecution::new("orders", "order:42", WorkflowType::new("W", "1"));
    assert_refused(
        &server,
        "StartWorkflowExecution.workflowId",
        |c| async move { c.start_workflow_execution(&request).await },
    )
    .await;
    assert_eq!(server.request_count(), 0);

    // The limits themselves are fine: 256 and 64 UTF-16 units, emoji counting 2 each; names
    // (unlike task lists and domains) may have outer whitespace.
    for (name, version) in [
        ("😀".repeat(128), "😀".repeat(32)),
        ("a".repeat(256), "v".repeat(64)),
        (" Charge Card ".to_owned(), "1".to_owned()),
        ("Arn".to_owned(), "arn1".to_owned()),
    ] {
        let request = register(&name, &version);
        assert_accepted(&server, "names at the limit", |c| async move {
            c.register_activity_type(&request).await
        })
        .await;
    }
}

#[tokio::test]
async fn task_lists_with_outer_whitespace_are_refused() {
    let server = RecordingServer::start().await;
    for task_list in [" payments", "payments ", "\tpayments", ""] {
        let request = PollForActivityTask::new("orders", task_list);
        assert_refused(
            &server,
            "PollForActivityTask.taskList.name",
            |c| async move { c.poll_for_activity_task(&request).await },
        )
        .await;
        let request = register("ChargeCard", "1").default_task_list(task_list);
        assert_refused(
            &server,
            "RegisterActivityType.defaultTaskList.name",
            |c| async move { c.register_activity_type(&request).await },
        )
        .await;
    }
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn lengths_of_reason_details_heartbeat_identity_and_token() {
    let server = RecordingServer::start().await;

    let request = RespondActivityTaskFailed::new(TOKEN).reason("r".repeat(257));
    assert_refused(
        &server,
        "RespondActivityTaskFailed.reason",
        |c| async move { c.respond_activity_task_failed(&request).await },
    )
    .await;
    let request = RespondActivityTaskFailed::new(TOKEN).reason("😀".repeat(129));
    assert_refused(
        &server,
        "RespondActivityTaskFailed.reason",
        |c| async move { c.respond_activity_task_failed(&request).await },
    )
    .await;
    let request = RespondActivityTaskFailed::new(TOKEN).details("d".repeat(32769));
    assert_refused(
        &server,
        "RespondActivityTaskFailed.details",
        |c| async move { c.respond_activity_task_failed(&request).await },
    )
    .await;
    let request = RespondActivityTaskCompleted::new(TOKEN).result("d".repeat(32769));
    assert_refused(
        &server,
        "RespondActivityTaskCompleted.result",
        |c| async move { c.respond_activity_task_completed(&request).await },
    )
    .await;
    let request = RespondActivityTaskCanceled::new(TOKEN).details("d".repeat(32769));
    assert_refused(
        &server,
        "RespondActivityTaskCanceled.details",
        |c| async move { c.respond_activity_task_canceled(&request).await },
    )
    .await;
    let request = RecordActivityTaskHeartbeat::new(TOKEN).details("h".repeat(2049));
    assert_refused(
        &server,
        "RecordActivityTaskHeartbeat.details",
        |c| async move { c.record_activity_task_heartbeat(&request).await },
    )
    .await;
    let request = PollForActivityTask::new("orders", "payments").identity("i".repeat(257));
    assert_refused(&server, "PollForActivityTask.identity", |c| async move {
        c.poll_for_activity_task(&request).await
    })
    .await;
    for token in ["t".repeat(1025), String::new()] {
        let request = RespondActivityTaskCompleted::new(token.as_str());
        assert_refused(
            &server,
            "RespondActivityTaskCompleted.taskToken",
            |c| async move { c.respond_activity_task_completed(&request).await },
        )
        .await;
        let request = RecordActivityTaskHeartbeat::new(token.as_str());
        assert_refused(
            &server,
            "RecordActivityTaskHeartbeat.taskToken",
            |c| async move { c.record_activity_task_heartbeat(&request).await },
        )
        .await;
        let request = RespondDecisionTaskCompleted::new(token.as_str());
        assert_refused(
            &server,
            "RespondDecisionTaskCompleted.taskToken",
            |c| async move { c.respond_decision_task_completed(&request).await },
        )
        .await;
    }
    let request = register("ChargeCard", "1").description("x".repeat(1025));
    assert_refused(
        &server,
        "RegisterActivityType.description",
        |c| async move { c.register_activity_type(&request).await },
    )
    .await;
    assert_eq!(server.request_count(), 0);

    // Exactly at the limits: sent.
    let request = RespondActivityTaskFailed::new("t".repeat(1024))
        .reason("😀".repeat(128))
        .details("d".repeat(32768));
    assert_accepted(
        &server,
        "limits of RespondActivityTaskFailed",
        |c| async move { c.respond_activity_task_failed(&request).await },
    )
    .await;
    let request = RecordActivityTaskHeartbeat::new(TOKEN).details("h".repeat(2048));
    server.respond_with(vec![Reply::ok(r#"{"cancelRequested":false}"#)]);
    test_client(&server.url())
        .record_activity_task_heartbeat(&request)
        .await
        .expect("2048 characters of heartbeat details are sent");
    let request = PollForActivityTask::new("orders", "payments").identity("i".repeat(256));
    server.respond_with(vec![Reply::ok(r#"{"startedEventId":0}"#)]);
    let before = server.request_count();
    let polled = test_client(&server.url())
        .poll_for_activity_task(&request)
        .await
        .expect("256-character identity is sent");
    assert!(polled.is_none());
    assert_eq!(server.request_count(), before + 1);
}

#[tokio::test]
async fn bad_timeouts_and_priorities_are_refused() {
    let server = RecordingServer::start().await;
    for timeout in ["5m", "123456789", "-1", "", "none", " 30", "1.5"] {
        let request = register("ChargeCard", "1").default_task_start_to_close_timeout(timeout);
        assert_refused(
            &server,
            "RegisterActivityType.defaultTaskStartToCloseTimeout",
            |c| async move { c.register_activity_type(&request).await },
        )
        .await;
        let request = register("ChargeCard", "1").default_task_heartbeat_timeout(timeout);
        assert_refused(
            &server,
            "RegisterActivityType.defaultTaskHeartbeatTimeout",
            |c| async move { c.register_activity_type(&request).await },
        )
        .await;
    }
    for priority in ["2147483648", "-2147483649", "high", "", "1.0"] {
        let request = register("ChargeCard", "1").default_task_priority(priority);
        assert_refused(
            &server,
            "RegisterActivityType.defaultTaskPriority",
            |c| async move { c.register_activity_type(&request).await },
        )
        .await;
    }
    let request =
        ListActivityTypes::new("orders", RegistrationStatus::Registered).maximum_page_size(1001);
    assert_refused(
        &server,
        "ListActivityTypes.maximumPageSize",
        |c| async move { c.list_activity_types(&request).await },
    )
    .await;
    let request = StartWorkflowExecution::new("orders", "order-42", WorkflowType::new("W", "1"))
        .tag_list(vec!["t".to_owned(); 6]);
    assert_refused(&server, "StartWorkflowExecution.tagList", |c| async move {
        c.start_workflow_execution(&request).await
    })
    .await;
    assert_eq!(server.request_count(), 0);

    let request = register("ChargeCard", "1")
        .default_task_start_to_close_timeout("99999999")
        .default_task_heartbeat_timeout("NONE")
        .default_task_schedule_to_start_timeout("0")
        .default_task_priority("-2147483648");
    assert_accepted(
        &server,
        "timeouts and priority at the limits",
        |c| async move { c.register_activity_type(&request).await },
    )
    .await;
}

#[tokio::test]
async fn bad_decisions_are_refused() {
    let server = RecordingServer::start().await;
    let schedule = |id: &str| {
        ScheduleActivityTaskDecisionAttributes::new(ActivityType::new("ChargeCard", "1"), id)
    };
    let cases = [
        (
            Decision::schedule_activity_task(schedule("charge:1")),
            "RespondDecisionTaskCompleted.decisions[0].scheduleActivityTaskDecisionAttributes.activityId",
        ),
        (
            Decision::schedule_activity_task(schedule("c").heartbeat_timeout("30s")),
            "RespondDecisionTaskCompleted.decisions[0].scheduleActivityTaskDecisionAttributes.heartbeatTimeout",
        ),
        (
            Decision::schedule_activity_task(schedule("c").task_list(" payments")),
            "RespondDecisionTaskCompleted.decisions[0].scheduleActivityTaskDecisionAttributes.taskList.name",
        ),
        (
            Decision::request_cancel_activity_task(""),
            "RespondDecisionTaskCompleted.decisions[0].requestCancelActivityTaskDecisionAttributes.activityId",
        ),
        (
            Decision::fail_workflow_execution(Some("r".repeat(257)), None),
            "RespondDecisionTaskCompleted.decisions[0].failWorkflowExecutionDecisionAttributes.reason",
        ),
    ];
    for (decision, member) in cases {
        let request = RespondDecisionTaskCompleted::new(TOKEN).decision(decision);
        assert_refused(&server, member, |c| async move {
            c.respond_decision_task_completed(&request).await
        })
        .await;
    }
    // A ScheduleActivityTask decision without its attributes.
    let mut decision = Decision::request_cancel_activity_task("c");
    decision.decision_type = DecisionType::ScheduleActivityTask;
    let request = RespondDecisionTaskCompleted::new(TOKEN).decision(decision);
    assert_refused(
        &server,
        "RespondDecisionTaskCompleted.decisions[0].scheduleActivityTaskDecisionAttributes",
        |c| async move { c.respond_decision_task_completed(&request).await },
    )
    .await;
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn models_round_trip_through_json() {
    // The local SWF endpoint deserializes requests and serializes answers with these types.
    let request = RespondActivityTaskFailed::new(TOKEN)
        .reason("card ending 4242 was declined")
        .details("{}");
    let json = serde_json::to_string(&request).expect("serializes");
    let back: RespondActivityTaskFailed = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, request);
    let history: swf_activity::model::History =
        serde_json::from_value(failed_history()).expect("deserializes");
    let again: swf_activity::model::History =
        serde_json::from_value(serde_json::to_value(&history).expect("serializes"))
            .expect("deserializes again");
    assert_eq!(again, history);
}
