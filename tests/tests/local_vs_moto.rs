//! One scenario, two SWF implementations: the in-repo local endpoint
//! ([`swf_activity::testing::LocalSwf`]) and moto, an implementation written by others. The
//! same [`Client`] calls run against both, and the activity-task events of the two histories
//! must agree once what legitimately differs (timestamps, run ids, task tokens, absolute event
//! ids) is normalised away. Where moto is known to fall short of SWF, the test says what SWF
//! does (after the SWF API reference) and asserts that the local endpoint does that.
//!
//! Needs `moto_server`; `.ci/moto.sh` installs a pinned moto and runs this test.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use swf_activity::model::{
    ActivityTask, ActivityType, ChildPolicy, Decision, DecisionTask, EventType,
    GetWorkflowExecutionHistory, HistoryEvent, PollForActivityTask, PollForDecisionTask,
    RecordActivityTaskHeartbeat, RegisterActivityType, RegisterDomain, RegisterWorkflowType,
    RespondActivityTaskCanceled, RespondActivityTaskCompleted, RespondActivityTaskFailed,
    RespondDecisionTaskCompleted, ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution,
    TaskList, WorkflowExecution, WorkflowType,
};
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec};
use swf_activity::{Client, FaultCode};
use swf_activity_tests::moto::{MAX_POLLS, MotoServer};

const DOMAIN: &str = "local-vs-moto";
const ACTIVITY_LIST: &str = "payments";
const DECISION_LIST: &str = "deciders";
const WORKFLOW_ID: &str = "order-42";
const DECIDER: &str = "decider-1";
const WORKER_1: &str = "worker-1";
const WORKER_2: &str = "worker-2";
const INPUT_1: &str = r#"{"order":42,"last4":"1111"}"#;
const INPUT_2: &str = r#"{"order":42,"last4":"4242"}"#;
const RESULT_1: &str = r#"{"receipt":"r-1111"}"#;
const HEARTBEAT: &str = r#"{"progress":"halfway"}"#;
const REASON: &str = "card ending 4242 was declined";
const DETAILS: &str = r#"{"Declined":{"last4":"4242"}}"#;
/// Upper bound of every wait on the local endpoint; it normally answers at once.
const WAIT: Duration = Duration::from_secs(10);

fn charge() -> ActivityType {
    ActivityType::new("ChargeCard", "1")
}

fn workflow() -> WorkflowType {
    WorkflowType::new("ProcessOrder", "1")
}

/// What the scenario leaves behind for the comparisons.
struct Run {
    execution: WorkflowExecution,
    events: Vec<HistoryEvent>,
    /// `cancelRequested` of the heartbeat of task 2.
    cancel_requested: bool,
    /// The token of task 2, closed by the time the scenario ends.
    closed_token: String,
}

/// Polls until SWF hands out a decision task. Against the local endpoint the first poll
/// waits for one (a long poll); moto answers an empty poll after a second, hence the loop.
async fn decision_task(client: &Client) -> DecisionTask {
    for _ in 0..MAX_POLLS {
        let polled = client
            .poll_for_decision_task(
                &PollForDecisionTask::new(DOMAIN, DECISION_LIST).identity(DECIDER),
            )
            .await
            .expect("PollForDecisionTask");
        if let Some(task) = polled {
            return task;
        }
    }
    panic!("no decision task within {MAX_POLLS} polls");
}

/// Polls until SWF hands out an activity task, as [`decision_task`].
async fn activity_task(client: &Client, identity: &str) -> ActivityTask {
    for _ in 0..MAX_POLLS {
        let polled = client
            .poll_for_activity_task(
                &PollForActivityTask::new(DOMAIN, ACTIVITY_LIST).identity(identity),
            )
            .await
            .expect("PollForActivityTask");
        if let Some(task) = polled {
            return task;
        }
    }
    panic!("no activity task within {MAX_POLLS} polls");
}

/// The scenario, through nothing but `client`: register, start, decide, complete one task,
/// heartbeat and fail another, read the history.
async fn scenario(client: &Client) -> Run {
    client
        .register_domain(&RegisterDomain::new(DOMAIN, "1"))
        .await
        .expect("RegisterDomain");
    client
        .register_activity_type(
            &RegisterActivityType::new(DOMAIN, &charge().name, &charge().version)
                .default_task_list(TaskList::new(ACTIVITY_LIST))
                .default_task_priority("0")
                .default_task_schedule_to_start_timeout("300")
                .default_task_start_to_close_timeout("300")
                .default_task_schedule_to_close_timeout("600")
                .default_task_heartbeat_timeout("60"),
        )
        .await
        .expect("RegisterActivityType");
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(DOMAIN, &workflow().name, &workflow().version)
                .default_task_list(TaskList::new(DECISION_LIST))
                .default_task_start_to_close_timeout("60")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("RegisterWorkflowType");
    let run = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, WORKFLOW_ID, workflow()).input(r#"{"order":42}"#),
        )
        .await
        .expect("StartWorkflowExecution");
    let execution = WorkflowExecution::new(WORKFLOW_ID, run.run_id.expect("a run id"));

    // The decider schedules two tasks: the first with every timeout given and a priority, the
    // second with nothing but what it must say, so the type's defaults apply.
    let decision = decision_task(client).await;
    assert_eq!(decision.workflow_execution, execution);
    let first = ScheduleActivityTaskDecisionAttributes::new(charge(), "charge-1")
        .input(INPUT_1)
        .control("first")
        .task_list(TaskList::new(ACTIVITY_LIST))
        .task_priority("5")
        .schedule_to_start_timeout("100")
        .start_to_close_timeout("200")
        .schedule_to_close_timeout("300")
        .heartbeat_timeout("NONE");
    let second = ScheduleActivityTaskDecisionAttributes::new(charge(), "charge-2").input(INPUT_2);
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(decision.task_token)
                .decision(Decision::schedule_activity_task(first))
                .decision(Decision::schedule_activity_task(second)),
        )
        .await
        .expect("RespondDecisionTaskCompleted");

    // Task 1: completed with a result.
    let task_1 = activity_task(client, WORKER_1).await;
    assert_eq!(
        (task_1.activity_id.as_str(), task_1.input.as_deref()),
        ("charge-1", Some(INPUT_1))
    );
    assert_eq!(task_1.workflow_execution, execution);
    assert_eq!(task_1.activity_type, charge());
    client
        .respond_activity_task_completed(
            &RespondActivityTaskCompleted::new(task_1.task_token).result(RESULT_1),
        )
        .await
        .expect("RespondActivityTaskCompleted");

    // Task 2: a heartbeat, then failed with reason and details.
    let task_2 = activity_task(client, WORKER_2).await;
    assert_eq!(
        (task_2.activity_id.as_str(), task_2.input.as_deref()),
        ("charge-2", Some(INPUT_2))
    );
    let status = client
        .record_activity_task_heartbeat(
            &RecordActivityTaskHeartbeat::new(task_2.task_token.clone()).details(HEARTBEAT),
        )
        .await
        .expect("RecordActivityTaskHeartbeat");
    client
        .respond_activity_task_failed(
            &RespondActivityTaskFailed::new(task_2.task_token.clone())
                .reason(REASON)
                .details(DETAILS),
        )
        .await
        .expect("RespondActivityTaskFailed");

    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(
            DOMAIN,
            execution.clone(),
        ))
        .await
        .expect("GetWorkflowExecutionHistory");
    Run {
        execution,
        events,
        cancel_requested: status.cancel_requested,
        closed_token: task_2.task_token.as_str().to_owned(),
    }
}

fn is_activity_event(event: &HistoryEvent) -> bool {
    matches!(
        event.event_type,
        EventType::ActivityTaskScheduled
            | EventType::ActivityTaskStarted
            | EventType::ActivityTaskCompleted
            | EventType::ActivityTaskFailed
            | EventType::ActivityTaskTimedOut
            | EventType::ActivityTaskCanceled
            | EventType::ActivityTaskCancelRequested
    )
}

/// The event's attributes as JSON (the one `...EventAttributes` member).
fn attributes(event: &HistoryEvent) -> Map<String, Value> {
    let value = serde_json::to_value(event).expect("an event serializes");
    value
        .as_object()
        .and_then(|o| o.iter().find(|(k, _)| k.ends_with("EventAttributes")))
        .and_then(|(_, v)| v.as_object().cloned())
        .unwrap_or_default()
}

/// The activity id an event is about, following `scheduledEventId` back to the
/// `ActivityTaskScheduled` event.
fn activity_id_of(event: &HistoryEvent, by_id: &HashMap<i64, &HistoryEvent>) -> Option<String> {
    let attrs = attributes(event);
    if let Some(id) = attrs.get("activityId").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    let scheduled = attrs.get("scheduledEventId").and_then(Value::as_i64)?;
    by_id.get(&scheduled).and_then(|e| activity_id_of(e, by_id))
}

/// The activity-task events with what may differ between implementations normalised: no
/// event ids and timestamps, and every reference to another event (`scheduledEventId`,
/// `startedEventId`, `decisionTaskCompletedEventId`, `latestCancelRequestedEventId`) replaced
/// by what it points at, e.g. `"ActivityTaskStarted charge-2"`, so the relations are compared
/// and the absolute numbers are not.
fn normalised_activity_events(events: &[HistoryEvent]) -> Vec<Value> {
    let by_id: HashMap<i64, &HistoryEvent> = events.iter().map(|e| (e.event_id, e)).collect();
    events
        .iter()
        .filter(|e| is_activity_event(e))
        .map(|event| {
            let mut attrs = attributes(event);
            for key in [
                "scheduledEventId",
                "startedEventId",
                "decisionTaskCompletedEventId",
                "latestCancelRequestedEventId",
            ] {
                let Some(id) = attrs.get(key).and_then(Value::as_i64) else {
                    continue;
                };
                let target = match by_id.get(&id) {
                    Some(target) => {
                        let about = activity_id_of(target, &by_id).unwrap_or_default();
                        format!("{} {about}", target.event_type)
                            .trim_end()
                            .to_owned()
                    }
                    None => format!("missing event {id}"),
                };
                attrs.insert(key.to_owned(), Value::String(target));
            }
            json!({ "eventType": event.event_type.to_string(), "attributes": attrs })
        })
        .collect()
}

fn event_types(events: &[HistoryEvent]) -> Vec<String> {
    events.iter().map(|e| e.event_type.to_string()).collect()
}

/// Removes an attribute of every `ActivityTaskScheduled` event, returning what it was per
/// event.
fn take_scheduled_attribute(events: &mut [Value], key: &str) -> Vec<Option<Value>> {
    events
        .iter_mut()
        .filter(|e| e["eventType"] == "ActivityTaskScheduled")
        .map(|e| {
            e["attributes"]
                .as_object_mut()
                .and_then(|attrs| attrs.remove(key))
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs moto_server; run .ci/moto.sh"]
async fn local_endpoint_and_moto_record_the_same_activity_history() {
    let moto = MotoServer::start(env!("CARGO_TARGET_TMPDIR"));
    let moto_client = moto.swf_client().await;
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(5))
        .start()
        .await
        .expect("the local SWF starts");
    let local_client = swf.client();

    let local = scenario(&local_client).await;
    let moto_run = scenario(&moto_client).await;
    assert_eq!(
        swf.events(&local.execution),
        local.events,
        "the local history over HTTP is the one the endpoint keeps"
    );

    let mut local_events = normalised_activity_events(&local.events);
    let mut moto_events = normalised_activity_events(&moto_run.events);
    let pretty = |v: &[Value]| serde_json::to_string_pretty(v).unwrap_or_default();

    // ActivityTaskScheduled's timeouts when the decision gives none. The SWF API reference
    // (ActivityTaskScheduledEventAttributes, ScheduleActivityTaskDecisionAttributes) documents
    // that a timeout the decision leaves out is the activity type's registered default
    // (RegisterActivityType's defaultTask...Timeout); the event records the timeouts the task
    // runs with. moto records only what the decision said (it reads `attributes.get(...)`),
    // so for task 2 it has no timeouts in the event, although it enforces the defaults. The
    // local endpoint must record the defaults, as SWF does.
    const TIMEOUTS: [&str; 4] = [
        "scheduleToStartTimeout",
        "startToCloseTimeout",
        "scheduleToCloseTimeout",
        "heartbeatTimeout",
    ];
    for key in TIMEOUTS {
        let local_values = take_scheduled_attribute(&mut local_events, key);
        let moto_values = take_scheduled_attribute(&mut moto_events, key);
        // Task 1 gave every timeout: both record what it said.
        assert_eq!(local_values[0], moto_values[0], "{key} of charge-1");
        let default = match key {
            "scheduleToStartTimeout" | "startToCloseTimeout" => "300",
            "scheduleToCloseTimeout" => "600",
            _ => "60",
        };
        assert_eq!(
            local_values[1],
            Some(json!(default)),
            "the local endpoint records the registered default {key} of charge-2"
        );
        assert_eq!(
            moto_values[1], None,
            "moto now records default timeouts: compare {key} of charge-2 directly"
        );
    }
    // The same for the task priority: SWF records the registered defaultTaskPriority ("0")
    // when the decision gives none (ScheduleActivityTaskDecisionAttributes: "if not
    // specified, the default priority registered for the activity type is used"); moto
    // records only a priority the decision gave.
    let local_priorities = take_scheduled_attribute(&mut local_events, "taskPriority");
    let moto_priorities = take_scheduled_attribute(&mut moto_events, "taskPriority");
    assert_eq!(local_priorities[0], Some(json!("5")));
    assert_eq!(moto_priorities[0], Some(json!("5")));
    assert_eq!(
        local_priorities[1],
        Some(json!("0")),
        "registered default priority"
    );
    assert_eq!(
        moto_priorities[1], None,
        "moto now records the default priority: compare it directly"
    );

    // Everything else about the activity tasks agrees: types, order, activity types and ids,
    // inputs, control, task lists, result, reason, details, identities, and which event each
    // event points at.
    assert_eq!(
        local_events,
        moto_events,
        "activity events differ\nlocal: {}\nmoto: {}",
        pretty(&local_events),
        pretty(&moto_events)
    );
    let expected_types = [
        "ActivityTaskScheduled",
        "ActivityTaskScheduled",
        "ActivityTaskStarted",
        "ActivityTaskCompleted",
        "ActivityTaskStarted",
        "ActivityTaskFailed",
    ];
    let types: Vec<&str> = local_events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(types, expected_types);
    let started_2 = &local_events[4]["attributes"];
    assert_eq!(started_2["identity"], WORKER_2);
    assert_eq!(
        started_2["scheduledEventId"],
        "ActivityTaskScheduled charge-2"
    );
    let failed = &local_events[5]["attributes"];
    assert_eq!(failed["reason"], REASON);
    assert_eq!(failed["details"], DETAILS);
    assert_eq!(failed["startedEventId"], "ActivityTaskStarted charge-2");
    assert_eq!(local_events[3]["attributes"]["result"], RESULT_1);
    assert_eq!(
        local_events[0]["attributes"]["decisionTaskCompletedEventId"],
        "DecisionTaskCompleted"
    );

    // The whole history. SWF keeps at most one decision task scheduled and not yet started
    // per execution: an event that arrives while one is scheduled does not schedule another
    // (Amazon SWF Developer Guide, "Decision Tasks"; the API reference's PollForDecisionTask
    // hands out the one task with every new event). moto schedules a second
    // DecisionTaskScheduled when task 2 fails although the one scheduled for task 1's
    // completion has not started yet. The local endpoint must not.
    let local_types = event_types(&local.events);
    let moto_types = event_types(&moto_run.events);
    let expected_history = [
        "WorkflowExecutionStarted",
        "DecisionTaskScheduled",
        "DecisionTaskStarted",
        "DecisionTaskCompleted",
        "ActivityTaskScheduled",
        "ActivityTaskScheduled",
        "ActivityTaskStarted",
        "ActivityTaskCompleted",
        "DecisionTaskScheduled",
        "ActivityTaskStarted",
        "ActivityTaskFailed",
    ];
    assert_eq!(local_types, expected_history, "local history");
    let mut moto_expected: Vec<&str> = expected_history.to_vec();
    moto_expected.push("DecisionTaskScheduled");
    assert_eq!(
        moto_types, moto_expected,
        "moto's history changed: compare the whole history directly"
    );

    // The heartbeat of task 2: nobody asked to cancel it, so both answer
    // `cancelRequested: false` (moto always does; see `cancel_requests_reach_the_worker`).
    assert!(!local.cancel_requested);
    assert!(!moto_run.cancel_requested);

    // RespondActivityTaskCanceled for a task that is already closed. The SWF API reference
    // (RespondActivityTaskCanceled, Errors) answers UnknownResourceFault for a task that is
    // closed or unknown. moto does not implement the operation at all.
    let local_err = local_client
        .respond_activity_task_canceled(&RespondActivityTaskCanceled::new(
            local.closed_token.clone(),
        ))
        .await
        .expect_err("the task is closed");
    assert!(
        local_err.is_fault(FaultCode::UnknownResource),
        "{local_err:?}"
    );
    let moto_err = moto_client
        .respond_activity_task_canceled(&RespondActivityTaskCanceled::new(
            moto_run.closed_token.clone(),
        ))
        .await
        .expect_err("moto does not implement RespondActivityTaskCanceled");
    assert!(
        !moto_err.is_fault(FaultCode::UnknownResource),
        "moto now implements RespondActivityTaskCanceled: compare it directly ({moto_err:?})"
    );

    // Long polls. The SWF API reference (PollForActivityTask) holds a poll open for up to 60
    // seconds until a task is available, and a task scheduled while a poll waits goes to it.
    // moto answers an empty poll after a second without a task.
    let started = Instant::now();
    let empty = moto_client
        .poll_for_activity_task(&PollForActivityTask::new(DOMAIN, ACTIVITY_LIST))
        .await
        .expect("moto's empty poll");
    assert!(empty.is_none(), "{empty:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "moto has a long poll now"
    );

    let waiting = tokio::spawn({
        let client = local_client.clone();
        async move {
            client
                .poll_for_activity_task(
                    &PollForActivityTask::new(DOMAIN, ACTIVITY_LIST).identity(WORKER_1),
                )
                .await
        }
    });
    assert!(
        swf.wait_for_pollers(DOMAIN, ACTIVITY_LIST, 1, WAIT).await,
        "the local poll waits for a task"
    );
    let task_3 = swf
        .schedule_activity_task(
            ScheduleSpec::new(DOMAIN, charge(), "charge-3")
                .workflow_id(WORKFLOW_ID)
                .input(INPUT_1),
        )
        .expect("schedule charge-3 in the open execution");
    let polled = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("the waiting poll returns")
        .expect("the poll task")
        .expect("PollForActivityTask")
        .expect("the waiting poll gets the task scheduled while it waited");
    assert_eq!(polled.activity_id, "charge-3");
    assert_eq!(polled.workflow_execution, local.execution);

    // Length checks. The SWF API reference (RespondActivityTaskFailed) limits `reason` to 256
    // characters and answers ValidationException beyond; moto checks no lengths ("TODO:
    // implement length constraints on details/reason" in its source). The typed client
    // refuses such a request itself, so it goes out by hand.
    let body = json!({ "taskToken": polled.task_token.as_str(), "reason": "x".repeat(257) });
    let answer = swf
        .raw_request("RespondActivityTaskFailed", body.to_string())
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status, 400, "{answer:?}");
    assert_eq!(answer.error_code().as_deref(), Some("ValidationException"));
    assert_eq!(
        swf.outcome(&task_3),
        None,
        "a rejected answer leaves the task open"
    );

    // Cancel requests. The SWF API reference (RecordActivityTaskHeartbeat) answers
    // `cancelRequested: true` once the decider asked to cancel the task (a
    // RequestCancelActivityTask decision), and RespondActivityTaskCanceled then closes it with
    // ActivityTaskCanceled. moto always answers `false` and fails the decision
    // (NotImplementedError), so only the local endpoint is asked.
    swf.request_cancel(&task_3)
        .expect("RequestCancelActivityTask");
    let status = local_client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new(
            polled.task_token.clone(),
        ))
        .await
        .expect("heartbeat");
    assert!(status.cancel_requested);
    local_client
        .respond_activity_task_canceled(
            &RespondActivityTaskCanceled::new(polled.task_token.clone()).details("stopped"),
        )
        .await
        .expect("RespondActivityTaskCanceled");
    assert_eq!(
        swf.outcome(&task_3),
        Some(ActivityOutcome::Canceled {
            details: Some("stopped".into())
        })
    );
    let canceled = normalised_activity_events(&swf.events(&local.execution));
    let last = canceled.last().expect("events");
    assert_eq!(last["eventType"], "ActivityTaskCanceled");
    assert_eq!(
        last["attributes"]["latestCancelRequestedEventId"],
        "ActivityTaskCancelRequested charge-3"
    );

    swf.shutdown().await;
    drop(moto);
}
