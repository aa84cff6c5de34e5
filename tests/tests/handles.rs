//! Typed activity handles end to end on the local SWF: a Rust decider schedules activities
//! through their handles (with each activity's converter and registered defaults), reads typed
//! outcomes from histories it pages through, and a second process completes a task the
//! activity handed off; completing twice and tokens SWF does not know give clear errors.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::convert::{Args, Json, Simpleflow};
use swf_activity::handle::{Activity, ActivityFailed, ActivityOutcome, CompleteError};
use swf_activity::model::{
    ActivityTaskTimeoutType, ChildPolicy, Decision, EventType, HistoryEvent, PollForDecisionTask,
    RegisterActivityType, RegisterWorkflowType, RespondDecisionTaskCompleted,
    StartWorkflowExecution, TaskToken, WorkflowExecution, WorkflowType,
};
use swf_activity::payload::{self, Offload};
use swf_activity::rules::Timeout;
use swf_activity::testing::{ActivityEnvironment, ENVIRONMENT_TOKEN, LocalSwf};
use swf_activity::{ActivityContext, Client, activity};
use swf_activity_tests::worker::{self as harness, RunningWorker};
use swf_activity_tests::{RecordingServer, Reply, test_client};

const DOMAIN: &str = "handles";
const TASK_LIST: &str = "handles";
const DECIDERS: &str = "handles-deciders";

#[derive(Debug, Serialize, Deserialize)]
struct Order {
    id: u64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Receipt {
    id: u64,
    amount_cents: u64,
}

#[derive(Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[error("card declined for order {order}")]
struct Declined {
    order: u64,
}

/// Declines order 0.
#[activity(
    name = "HandlesCharge",
    version = "1",
    task_list = "handles",
    start_to_close_timeout = "5m",
    schedule_to_start_timeout = "10m",
    schedule_to_close_timeout = "15m",
    heartbeat_timeout = "60s",
    task_priority = 3
)]
async fn charge_card(order: Order) -> Result<Receipt, Declined> {
    if order.id == 0 {
        return Err(Declined { order: 0 });
    }
    Ok(Receipt {
        id: order.id,
        amount_cents: order.id * 100,
    })
}

static SIMPLEFLOW: Simpleflow = Simpleflow::new();

/// Two positional arguments, in simpleflow's format.
#[activity(
    name = "HandlesAdd",
    version = "1",
    task_list = "handles",
    converter = SIMPLEFLOW,
    schedule_to_start_timeout = "NONE",
    start_to_close_timeout = "1m",
    schedule_to_close_timeout = "NONE",
    heartbeat_timeout = "NONE"
)]
async fn add(Args((a, b)): Args<(i64, i64)>) -> Result<i64, String> {
    Ok(a + b)
}

#[derive(Debug, Serialize, Deserialize)]
struct Approval {
    amount_cents: u64,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Approved {
    by: String,
}

#[derive(Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[error("rejected: {why}")]
struct Rejected {
    why: String,
}

/// The tokens of handed-off tasks, by activity id, for the "second process".
static HANDED_OFF: Mutex<Vec<(String, TaskToken)>> = Mutex::new(Vec::new());

/// Hands its task off; what it returns is never sent.
#[activity(
    name = "HandlesApprove",
    version = "1",
    task_list = "handles",
    schedule_to_start_timeout = "5m",
    start_to_close_timeout = "10m",
    schedule_to_close_timeout = "20m",
    heartbeat_timeout = "NONE"
)]
async fn approve(ctx: ActivityContext, approval: Approval) -> Result<Approved, Rejected> {
    let token = ctx.complete_manually();
    HANDED_OFF
        .lock()
        .expect("not poisoned")
        .push((ctx.activity_id().to_owned(), token));
    // Never sent: the worker answers nothing for a handed-off task.
    Err(Rejected {
        why: format!("the worker must not send this ({})", approval.amount_cents),
    })
}

fn handed_off(activity_id: &str) -> Option<TaskToken> {
    HANDED_OFF
        .lock()
        .expect("not poisoned")
        .iter()
        .find(|(id, _)| id == activity_id)
        .map(|(_, token)| token.clone())
}

async fn start_execution(client: &Client, workflow_id: &str) -> WorkflowExecution {
    let register = RegisterWorkflowType::new(DOMAIN, "HandlesCheckout", "1")
        .default_task_start_to_close_timeout("60")
        .default_execution_start_to_close_timeout("600")
        .default_task_list(DECIDERS)
        .default_child_policy(ChildPolicy::Terminate);
    match client.register_workflow_type(&register).await {
        Ok(()) => {}
        Err(err) if err.is_fault(swf_activity::FaultCode::TypeAlreadyExists) => {}
        Err(err) => panic!("workflow type registered: {err}"),
    }
    let start = StartWorkflowExecution::new(
        DOMAIN,
        workflow_id,
        WorkflowType::new("HandlesCheckout", "1"),
    );
    let run = client
        .start_workflow_execution(&start)
        .await
        .expect("execution started");
    WorkflowExecution::new(workflow_id, run.run_id.expect("a run id"))
}

/// Polls the next decision task of `workflow_id` with its whole history, two events a page so
/// that every read follows `nextPageToken`.
async fn next_decision(client: &Client) -> (TaskToken, Vec<HistoryEvent>) {
    let deadline = Instant::now() + harness::WAIT;
    loop {
        assert!(
            Instant::now() < deadline,
            "a decision task within {:?}",
            harness::WAIT
        );
        let mut poll = PollForDecisionTask::new(DOMAIN, DECIDERS);
        poll.maximum_page_size = Some(2);
        if let Some(task) = client
            .poll_for_decision_task_all(&poll)
            .await
            .expect("poll")
        {
            assert!(task.next_page_token.is_none(), "every page was read");
            return (task.task_token, task.events);
        }
    }
}

/// Sends `decision` (scheduling `approve` as `activity_id`) for the decision task `token`, and
/// waits for the worker to hand the task off; its token.
async fn hand_off(
    client: &Client,
    token: TaskToken,
    decision: Decision,
    activity_id: &str,
) -> TaskToken {
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(token).decision(decision),
        )
        .await
        .expect("sent");
    let deadline = Instant::now() + harness::WAIT;
    loop {
        if let Some(token) = handed_off(activity_id) {
            return token;
        }
        assert!(Instant::now() < deadline, "the task is handed off");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_rust_decider_schedules_through_handles_and_reads_typed_outcomes() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(300)).await;
    let client = swf.client();
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .build()
        .expect("worker");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    start_execution(&client, "checkout-1").await;

    // The first decision: schedule everything, typed.
    let (token, history) = next_decision(&client).await;
    assert!(
        history
            .iter()
            .any(|e| e.event_type == EventType::WorkflowExecutionStarted),
        "the whole history from the first event"
    );
    assert!(matches!(
        charge_card::outcome(&history, "charge-ok").expect("read"),
        ActivityOutcome::NotScheduled
    ));
    let decisions = vec![
        charge_card::schedule("charge-ok", &Order { id: 7 })
            .decision()
            .expect("decision"),
        charge_card::schedule("charge-declined", &Order { id: 0 })
            .decision()
            .expect("decision"),
        add::schedule("add", &Args((2, 3)))
            .decision()
            .expect("decision"),
        approve::schedule("approve", &Approval { amount_cents: 500 })
            // Overrides the default (none here) for this task only.
            .start_to_close_timeout(Timeout::Seconds(120))
            .decision()
            .expect("decision"),
    ];
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(token).decisions(decisions),
        )
        .await
        .expect("decisions sent");

    // Decide until every task has closed; the handed-off one is completed by a second client
    // once the worker has handed it off.
    let second_process = swf.client();
    let mut completed_by_hand = false;
    let history = loop {
        if !completed_by_hand && let Some(token) = handed_off("approve") {
            approve::completer(&second_process, token)
                .complete(&Approved {
                    by: "the second process".to_owned(),
                })
                .await
                .expect("completed by hand");
            completed_by_hand = true;
        }
        let (token, history) = next_decision(&client).await;
        let all_closed = charge_card::outcome(&history, "charge-ok")
            .expect("read")
            .is_closed()
            && charge_card::outcome(&history, "charge-declined")
                .expect("read")
                .is_closed()
            && add::outcome(&history, "add").expect("read").is_closed()
            && approve::outcome(&history, "approve")
                .expect("read")
                .is_closed();
        let decisions = if all_closed {
            vec![Decision::complete_workflow_execution(None)]
        } else {
            Vec::new()
        };
        client
            .respond_decision_task_completed(
                &RespondDecisionTaskCompleted::new(token).decisions(decisions),
            )
            .await
            .expect("decision sent");
        if all_closed {
            break history;
        }
        if !completed_by_hand {
            // The decision task after the others closed may come before the hand-off.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    running.stop().await.expect("worker stops cleanly");

    match charge_card::outcome(&history, "charge-ok").expect("read") {
        ActivityOutcome::Completed(receipt) => assert_eq!(
            receipt,
            Receipt {
                id: 7,
                amount_cents: 700
            }
        ),
        other => panic!("charge-ok completed, got {other:?}"),
    }
    match charge_card::outcome(&history, "charge-declined").expect("read") {
        ActivityOutcome::Failed(ActivityFailed::Error { error, failure }) => {
            assert_eq!(error, Declined { order: 0 });
            assert_eq!(failure.reason(), Some("card declined for order 0"));
        }
        other => panic!("charge-declined failed with the activity's error, got {other:?}"),
    }
    match add::outcome(&history, "add").expect("read") {
        ActivityOutcome::Completed(sum) => assert_eq!(sum, 5),
        other => panic!("add completed, got {other:?}"),
    }
    match approve::outcome(&history, "approve").expect("read") {
        ActivityOutcome::Completed(approved) => assert_eq!(approved.by, "the second process"),
        other => panic!("approve completed by the second process, got {other:?}"),
    }

    // What went on the wire: the activity's defaults, its converter's formats.
    let scheduled = |id: &str| {
        history
            .iter()
            .find_map(|e| {
                e.activity_task_scheduled_event_attributes
                    .as_ref()
                    .filter(|a| a.activity_id == id)
            })
            .expect("scheduled")
            .clone()
    };
    let charge = scheduled("charge-ok");
    assert_eq!(charge.activity_type.name, "HandlesCharge");
    assert_eq!(charge.input.as_deref(), Some(r#"{"id":7}"#));
    assert_eq!(charge.start_to_close_timeout.as_deref(), Some("300"));
    assert_eq!(charge.schedule_to_start_timeout.as_deref(), Some("600"));
    assert_eq!(charge.task_list.name, "handles");
    let add_input = scheduled("add").input.expect("input");
    assert_eq!(
        add_input, r#"{"args":[2,3],"kwargs":{}}"#,
        "simpleflow's call"
    );
    assert_eq!(
        scheduled("approve").start_to_close_timeout.as_deref(),
        Some("120"),
        "the override"
    );
    let completions = history
        .iter()
        .filter(|e| e.event_type == EventType::ActivityTaskCompleted)
        .count();
    assert_eq!(completions, 3, "charge-ok, add and approve, each once");

    // The handed-off task is closed: completing it again is a clear error.
    let token = handed_off("approve").expect("handed off");
    let again = approve::completer(&second_process, token)
        .complete(&Approved {
            by: "twice".to_owned(),
        })
        .await;
    match again {
        Err(CompleteError::TaskClosed { activity, source }) => {
            assert_eq!(activity, "HandlesApprove version 1");
            assert!(source.is_fault(swf_activity::FaultCode::UnknownResource));
        }
        other => panic!("completing twice is TaskClosed, got {other:?}"),
    }
    swf.shutdown().await;
}

#[tokio::test]
async fn a_completer_fails_heartbeats_and_refuses_tokens_swf_does_not_know() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(300)).await;
    let other = LocalSwf::start().await.expect("another SWF");
    other.register_domain("elsewhere").expect("domain");
    let client = swf.client();
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .build()
        .expect("worker");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    start_execution(&client, "checkout-2").await;
    let (token, _) = next_decision(&client).await;
    let decision = approve::schedule("approve-2", &Approval { amount_cents: 9 })
        .heartbeat_timeout(Timeout::Seconds(30))
        .decision()
        .expect("decision");
    let token = hand_off(&client, token, decision, "approve-2").await;

    // A token of this SWF sent to another (another account, region or domain's endpoint).
    let stranger = other.client();
    match approve::completer(&stranger, token.clone())
        .complete(&Approved { by: "x".to_owned() })
        .await
    {
        Err(CompleteError::TaskClosed { .. }) => {}
        other => panic!("a token SWF does not know is TaskClosed, got {other:?}"),
    }
    // A forged token.
    match approve::completer(&client, TaskToken::new("not-a-token"))
        .complete(&Approved { by: "x".to_owned() })
        .await
    {
        Err(CompleteError::TaskClosed { .. }) => {}
        other => panic!("a forged token is TaskClosed, got {other:?}"),
    }

    // The real completer heartbeats, then fails the task with the activity's error.
    let completer = approve::completer(&client, token);
    let status = completer
        .heartbeat(serde_json::json!({"waiting": "for a human"}))
        .await
        .expect("heartbeat");
    assert!(!status.cancel_requested);
    completer
        .fail(&Rejected {
            why: "over budget".to_owned(),
        })
        .await
        .expect("failed by hand");

    let (token, history) = next_decision(&client).await;
    match approve::outcome(&history, "approve-2").expect("read") {
        ActivityOutcome::Failed(ActivityFailed::Error { error, failure }) => {
            assert_eq!(
                error,
                Rejected {
                    why: "over budget".to_owned()
                }
            );
            assert_eq!(failure.reason(), Some("rejected: over budget"));
        }
        other => panic!("failed with the typed error, got {other:?}"),
    }
    assert!(
        history
            .iter()
            .any(|e| e.event_type == EventType::ActivityTaskStarted),
        "the worker started it"
    );
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(token)
                .decision(Decision::complete_workflow_execution(None)),
        )
        .await
        .expect("closed");
    running.stop().await.expect("worker stops");
    other.shutdown().await;
    swf.shutdown().await;
}

#[tokio::test]
async fn a_completer_refuses_a_result_too_large_for_swf_unless_it_offloads() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(300)).await;
    let client = swf.client();
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .build()
        .expect("worker");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let execution = start_execution(&client, "checkout-4").await;
    let (token, _) = next_decision(&client).await;
    let decision = approve::schedule("approve-4", &Approval { amount_cents: 1 })
        .decision()
        .expect("decision");
    let token = hand_off(&client, token, decision, "approve-4").await;
    let big = Approved {
        by: "x".repeat(40_000),
    };
    match approve::completer(&client, token.clone())
        .complete(&big)
        .await
    {
        Err(CompleteError::Encode { kind, reason }) => {
            assert_eq!(
                kind,
                Some(swf_activity::failure::FailureKind::ResultTooLarge)
            );
            assert!(reason.contains("32768"), "{reason}");
        }
        other => panic!("too large for SWF, nothing sent: {other:?}"),
    }
    let store = swf.payload_store();
    let offload = Offload::new(std::sync::Arc::clone(&store));
    approve::completer(&client, token)
        .offload(&offload)
        .complete(&big)
        .await
        .expect("stored and marked");
    let history = whole_history(&client, execution).await;
    let result = history
        .iter()
        .find_map(|e| e.activity_task_completed_event_attributes.as_ref())
        .expect("completed")
        .result
        .clone();
    let read: Approved = payload::decode_result(store.as_ref(), &Json, result.as_deref())
        .await
        .expect("read back through the marker");
    assert_eq!(read, big);
    running.stop().await.expect("worker stops");
    swf.shutdown().await;
}

#[tokio::test]
async fn outcomes_of_tasks_that_timed_out_or_could_not_be_scheduled() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(300)).await;
    let client = swf.client();
    client
        .register_activity_type(&RegisterActivityType::new(DOMAIN, "HandlesCharge", "1"))
        .await
        .expect("type registered, with no defaults: the handle sends them");
    let execution = start_execution(&client, "checkout-3").await;
    let (token, _) = next_decision(&client).await;
    // No worker: the task times out before it starts; and a type SWF does not know.
    let decisions = vec![
        charge_card::schedule("late", &Order { id: 1 })
            .schedule_to_start_timeout(Timeout::Seconds(1))
            .decision()
            .expect("decision"),
        Decision::schedule_activity_task(
            swf_activity::model::ScheduleActivityTaskDecisionAttributes::new(
                swf_activity::model::ActivityType::new("HandlesCharge", "no-such-version"),
                "unknown",
            ),
        ),
    ];
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(token).decisions(decisions),
        )
        .await
        .expect("sent");
    // Decision tasks come for the refusal and for the timeout (one second later), in one task
    // or two; each is answered with no decisions.
    let deadline = Instant::now() + harness::WAIT;
    let timed_out = loop {
        assert!(Instant::now() < deadline, "the task times out");
        let (token, history) = next_decision(&client).await;
        client
            .respond_decision_task_completed(&RespondDecisionTaskCompleted::new(token))
            .await
            .expect("answered");
        match charge_card::outcome(&history, "late").expect("read") {
            ActivityOutcome::TimedOut { timeout_type, .. } => break timeout_type,
            ActivityOutcome::Open { started, .. } => assert!(!started, "no worker"),
            other => panic!("timed out, got {other:?}"),
        }
    };
    assert_eq!(timed_out, ActivityTaskTimeoutType::ScheduleToStart);
    match charge_card::outcome(&whole_history(&client, execution).await, "unknown").expect("read") {
        ActivityOutcome::ScheduleFailed { cause } => {
            assert_eq!(cause.as_str(), "ACTIVITY_TYPE_DOES_NOT_EXIST");
        }
        other => panic!("schedule failed, got {other:?}"),
    }
    swf.shutdown().await;
}

/// The whole history of the execution, read page by page through the client.
async fn whole_history(client: &Client, execution: WorkflowExecution) -> Vec<HistoryEvent> {
    let mut request = swf_activity::model::GetWorkflowExecutionHistory::new(DOMAIN, execution);
    request.maximum_page_size = Some(2);
    client
        .get_workflow_execution_history_all(&request)
        .await
        .expect("history")
}

/// Declares no defaults but its name and version.
#[activity(name = "HandlesBare", version = "1")]
async fn bare() -> Result<(), String> {
    Ok(())
}

#[test]
fn a_decision_swf_would_refuse_for_a_missing_default_is_an_error() {
    let err = bare::schedule("bare", &())
        .decision()
        .expect_err("no task list and no timeouts");
    let message = err.to_string();
    assert!(
        message.starts_with(r#"cannot schedule activity HandlesBare version 1 as "bare": no task_list, schedule_to_start_timeout, start_to_close_timeout, schedule_to_close_timeout, heartbeat_timeout"#),
        "{message}"
    );
    let decision = bare::schedule("bare", &())
        .task_list("somewhere")
        .schedule_to_start_timeout(Timeout::None)
        .start_to_close_timeout(Timeout::Seconds(10))
        .schedule_to_close_timeout(Timeout::None)
        .heartbeat_timeout(Timeout::None)
        .decision()
        .expect("everything set");
    let attributes = decision
        .schedule_activity_task_decision_attributes
        .expect("attributes");
    assert_eq!(
        attributes.input, None,
        "an activity without input is sent none"
    );
    assert_eq!(
        attributes.schedule_to_start_timeout.as_deref(),
        Some("NONE")
    );
    let trusting = bare::schedule("bare", &())
        .registered_defaults()
        .decision()
        .expect("left to the registration");
    let attributes = trusting
        .schedule_activity_task_decision_attributes
        .expect("attributes");
    assert!(attributes.task_list.is_none() && attributes.heartbeat_timeout.is_none());

    let bad_id = charge_card::schedule("has:colon", &Order { id: 1 }).decision();
    assert!(
        bad_id.is_err_and(|e| e.to_string().contains("activityId")),
        "SWF's id rules"
    );
    let long_control = charge_card::schedule("c", &Order { id: 1 })
        .control("x".repeat(32_769))
        .decision();
    assert!(long_control.is_err_and(|e| e.to_string().contains("control")));
    let with_control = add::schedule("add", &Args((1, 2)))
        .control("c")
        .decision()
        .expect("within the limits");
    let attributes = with_control
        .schedule_activity_task_decision_attributes
        .expect("attributes");
    assert_eq!(attributes.control.as_deref(), Some("c"));
}

#[test]
fn handles_carry_the_declaration() {
    assert_eq!(charge_card::DESCRIPTOR.name, "HandlesCharge");
    assert_eq!(charge_card::DESCRIPTOR.version, "1");
    assert_eq!(charge_card::DESCRIPTOR.task_priority, Some(3));
    assert_eq!(
        charge_card::DESCRIPTOR.start_to_close_timeout,
        Some(Timeout::Seconds(300))
    );
    assert_eq!((charge_card::TAKES_INPUT, bare::TAKES_INPUT), (true, false));
    assert!(charge_card::converter().is_none(), "the worker's default");
    assert_eq!(add::converter_name(), Some("simpleflow"));
    assert!(
        add::data_converter().is_some(),
        "Simpleflow reads on the decider side"
    );
    // The function is still the function.
    let _: fn(Order) -> _ = charge_card;
}

#[tokio::test]
async fn an_activity_environment_says_the_task_was_handed_off() {
    let env = ActivityEnvironment::for_type("HandlesApprove", "1")
        .expect("declared")
        .activity_id("approve-in-environment");
    let run = env.run(Approval { amount_cents: 12 }).await;
    assert!(run.handed_off(), "the worker would send nothing");
    let token = handed_off("approve-in-environment").expect("the token was handed over");
    assert_eq!(token.as_str(), ENVIRONMENT_TOKEN);

    let env = ActivityEnvironment::for_type("HandlesCharge", "1").expect("declared");
    assert!(!env.run(Order { id: 3 }).await.handed_off());
}

/// A decision task's answer with one event and, if given, a next page token.
fn decision_page(event_id: i64, next: Option<&str>) -> Reply {
    let mut answer = serde_json::json!({
        "events": [{
            "eventId": event_id,
            "eventTimestamp": 1717171700.5,
            "eventType": "DecisionTaskScheduled",
            "decisionTaskScheduledEventAttributes": {"startToCloseTimeout": "60", "taskList": {"name": "d"}}
        }],
        "startedEventId": 3,
        "taskToken": "token-1",
        "workflowExecution": {"runId": "run-1", "workflowId": "w"},
        "workflowType": {"name": "W", "version": "1"}
    });
    if let Some(next) = next {
        answer["nextPageToken"] = next.into();
    }
    Reply::ok(answer.to_string())
}

#[tokio::test]
async fn a_decision_task_is_read_to_its_last_page_and_a_broken_paging_is_an_error() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    let poll = PollForDecisionTask::new("d", "d");

    server.respond_with(vec![
        decision_page(1, Some("p2")),
        decision_page(2, Some("p3")),
        decision_page(3, None),
    ]);
    let task = client
        .poll_for_decision_task_all(&poll)
        .await
        .expect("read")
        .expect("a task");
    let ids: Vec<i64> = task.events.iter().map(|e| e.event_id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let tokens: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.json()["nextPageToken"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(tokens, [None, Some("p2".to_owned()), Some("p3".to_owned())]);

    // A token SWF gave before: an error, not a loop.
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![
        decision_page(1, Some("p2")),
        decision_page(2, Some("p2")),
    ]);
    let err = client
        .poll_for_decision_task_all(&poll)
        .await
        .expect_err("a repeated token");
    assert!(
        err.to_string()
            .contains("nextPageToken it had returned before"),
        "{err}"
    );

    // A next page without a task.
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());
    server.respond_with(vec![
        decision_page(1, Some("p2")),
        Reply::raw(200, Some("application/x-amz-json-1.0"), "{}"),
    ]);
    let err = client
        .poll_for_decision_task_all(&poll)
        .await
        .expect_err("no task on the next page");
    assert!(err.to_string().contains("with no task"), "{err}");
}
