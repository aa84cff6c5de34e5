//! The decider's side of the local SWF, driven as any SDK drives it: raw JSON requests. Every
//! decision type, the `*Failed` events SWF records with its causes, timers on the scaled clock,
//! signals and cancel requests between executions, child executions and their child policy,
//! continue-as-new, and decision-task and execution timeouts.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use swf_activity::testing::LocalSwf;

const DOMAIN: &str = "decider-tests";
const DECISIONS: &str = "deciders";
/// One SWF second here.
const SECOND: Duration = Duration::from_millis(10);
/// Upper bound of every wait; the endpoint normally answers at once.
const WAIT: Duration = Duration::from_secs(10);

struct Swf {
    swf: LocalSwf,
}

impl Swf {
    async fn start() -> Swf {
        let swf = LocalSwf::builder()
            .second_length(SECOND)
            .max_poll_wait(Duration::from_millis(500))
            .start()
            .await
            .expect("local SWF");
        let me = Swf { swf };
        me.call(
            "RegisterDomain",
            json!({"name": DOMAIN, "workflowExecutionRetentionPeriodInDays": "1"}),
        )
        .await;
        for (name, timeout) in [("Flow", "NONE"), ("Child", "NONE"), ("Slow", "5")] {
            me.call(
                "RegisterWorkflowType",
                json!({
                    "domain": DOMAIN, "name": name, "version": "1",
                    "defaultTaskList": {"name": DECISIONS},
                    "defaultTaskStartToCloseTimeout": timeout,
                    "defaultExecutionStartToCloseTimeout": "3600",
                    "defaultChildPolicy": "TERMINATE",
                }),
            )
            .await;
        }
        me.call(
            "RegisterWorkflowType",
            json!({"domain": DOMAIN, "name": "NoDefaults", "version": "1"}),
        )
        .await;
        me
    }

    /// Calls `op`; its answer, which must be a success.
    async fn call(&self, op: &str, body: Value) -> Value {
        let answer = self
            .swf
            .raw_request(op, body.to_string())
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status, 200, "{op}: {}", answer.body);
        if answer.body.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&answer.body).expect("JSON")
        }
    }

    /// Calls `op`; the error code of its answer, which must be an error.
    async fn refused(&self, op: &str, body: Value) -> String {
        let answer = self
            .swf
            .raw_request(op, body.to_string())
            .send()
            .await
            .expect("an answer");
        assert_ne!(answer.status, 200, "{op}: {}", answer.body);
        answer.error_code().unwrap_or_default()
    }

    async fn start_workflow(&self, ty: &str, id: &str, extra: Value) -> String {
        let mut body = json!({"domain": DOMAIN, "workflowId": id,
            "workflowType": {"name": ty, "version": "1"}});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let answer = self.call("StartWorkflowExecution", body).await;
        answer["runId"].as_str().expect("run id").to_owned()
    }

    /// Polls for the next decision task of `workflow_id`; its token and its events.
    async fn decision(&self, workflow_id: &str) -> (String, Vec<Value>) {
        let deadline = Instant::now() + WAIT;
        loop {
            assert!(
                Instant::now() < deadline,
                "a decision task for {workflow_id}"
            );
            let task = self
                .call(
                    "PollForDecisionTask",
                    json!({"domain": DOMAIN, "taskList": {"name": DECISIONS}}),
                )
                .await;
            if let Some(token) = task["taskToken"].as_str() {
                assert_eq!(
                    task["workflowExecution"]["workflowId"], workflow_id,
                    "the next decision task is {workflow_id}'s"
                );
                let events = task["events"].as_array().cloned().unwrap_or_default();
                return (token.to_owned(), events);
            }
        }
    }

    async fn respond(&self, token: &str, decisions: Value) {
        self.call(
            "RespondDecisionTaskCompleted",
            json!({"taskToken": token, "decisions": decisions}),
        )
        .await;
    }

    async fn history(&self, workflow_id: &str, run_id: &str) -> Vec<Value> {
        let answer = self
            .call(
                "GetWorkflowExecutionHistory",
                json!({"domain": DOMAIN,
                    "execution": {"workflowId": workflow_id, "runId": run_id}}),
            )
            .await;
        answer["events"].as_array().cloned().unwrap_or_default()
    }
}

fn types(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap_or_default())
        .collect()
}

/// The attributes of the last event of `event_type`.
fn last<'a>(events: &'a [Value], event_type: &str) -> &'a Value {
    let event = events
        .iter()
        .rev()
        .find(|e| e["eventType"] == event_type)
        .unwrap_or_else(|| panic!("a {event_type} event in {:?}", types(events)));
    let mut key = event_type.to_owned();
    key[..1].make_ascii_lowercase();
    &event[format!("{key}EventAttributes")]
}

#[tokio::test]
async fn timers_fire_on_the_scaled_clock_and_cancel() {
    let swf = Swf::start().await;
    swf.start_workflow("Flow", "timers", json!({})).await;
    let (token, _) = swf.decision("timers").await;
    let started = Instant::now();
    swf.respond(
        &token,
        json!([
            {"decisionType": "StartTimer", "startTimerDecisionAttributes":
                {"timerId": "t1", "startToFireTimeout": "30", "control": "c1"}},
            {"decisionType": "StartTimer", "startTimerDecisionAttributes":
                {"timerId": "t2", "startToFireTimeout": "3000"}},
            {"decisionType": "StartTimer", "startTimerDecisionAttributes":
                {"timerId": "t1", "startToFireTimeout": "1"}},
            {"decisionType": "CancelTimer", "cancelTimerDecisionAttributes": {"timerId": "nope"}},
        ]),
    )
    .await;
    // The failures come back at once in a new decision task.
    let (token, events) = swf.decision("timers").await;
    let failed = last(&events, "StartTimerFailed");
    assert_eq!(failed["cause"], "TIMER_ID_ALREADY_IN_USE");
    assert_eq!(failed["timerId"], "t1");
    assert_eq!(
        last(&events, "CancelTimerFailed")["cause"],
        "TIMER_ID_UNKNOWN"
    );
    let t1 = last(&events, "TimerStarted");
    assert_eq!(t1["timerId"], "t2", "the last started is t2");
    swf.respond(
        &token,
        json!([{"decisionType": "CancelTimer", "cancelTimerDecisionAttributes": {"timerId": "t2"}}]),
    )
    .await;
    let (token, events) = swf.decision("timers").await;
    let elapsed = started.elapsed();
    assert!(
        elapsed >= SECOND * 30,
        "t1 fires after 30 scaled seconds, not before ({elapsed:?})"
    );
    let fired = last(&events, "TimerFired");
    assert_eq!(fired["timerId"], "t1");
    let first_started = events
        .iter()
        .find(|e| e["eventType"] == "TimerStarted")
        .and_then(|e| e["eventId"].as_i64());
    assert_eq!(fired["startedEventId"].as_i64(), first_started);
    assert_eq!(last(&events, "TimerCanceled")["timerId"], "t2");
    let fired: Vec<&Value> = events
        .iter()
        .filter(|e| e["eventType"] == "TimerFired")
        .map(|e| &e["timerFiredEventAttributes"]["timerId"])
        .collect();
    assert_eq!(fired, [&json!("t1")], "the canceled t2 never fires");
    swf.respond(
        &token,
        json!([{"decisionType": "CompleteWorkflowExecution"}]),
    )
    .await;
}

#[tokio::test]
async fn signals_and_cancel_requests_between_executions() {
    let swf = Swf::start().await;
    let target_run = swf.start_workflow("Flow", "target", json!({})).await;
    let (target_token, _) = swf.decision("target").await;
    swf.respond(&target_token, json!([])).await;
    swf.start_workflow("Flow", "source", json!({})).await;
    let (token, _) = swf.decision("source").await;
    swf.respond(
        &token,
        json!([
            {"decisionType": "SignalExternalWorkflowExecution",
             "signalExternalWorkflowExecutionDecisionAttributes":
                {"workflowId": "target", "signalName": "go", "input": "42", "control": "ctl"}},
            {"decisionType": "SignalExternalWorkflowExecution",
             "signalExternalWorkflowExecutionDecisionAttributes":
                {"workflowId": "nobody", "signalName": "go"}},
            {"decisionType": "RequestCancelExternalWorkflowExecution",
             "requestCancelExternalWorkflowExecutionDecisionAttributes": {"workflowId": "target"}},
            {"decisionType": "RequestCancelExternalWorkflowExecution",
             "requestCancelExternalWorkflowExecutionDecisionAttributes": {"workflowId": "nobody"}},
        ]),
    )
    .await;
    let (_, target_events) = swf.decision("target").await;
    let signaled = last(&target_events, "WorkflowExecutionSignaled");
    assert_eq!(signaled["signalName"], "go");
    assert_eq!(signaled["input"], "42");
    assert_eq!(
        signaled["externalWorkflowExecution"]["workflowId"],
        "source"
    );
    let requested = last(&target_events, "WorkflowExecutionCancelRequested");
    assert_eq!(
        requested["externalWorkflowExecution"]["workflowId"],
        "source"
    );

    let (_, events) = swf.decision("source").await;
    let initiated = events
        .iter()
        .find(|e| e["eventType"] == "SignalExternalWorkflowExecutionInitiated")
        .and_then(|e| e["eventId"].as_i64());
    assert!(
        events.iter().any(|e| e["eventType"] == "ExternalWorkflowExecutionSignaled"
            && e["externalWorkflowExecutionSignaledEventAttributes"]["workflowExecution"]["runId"]
                == target_run.as_str()),
        "{:?}",
        types(&events)
    );
    assert_eq!(signaled["externalInitiatedEventId"].as_i64(), initiated);
    let failed = last(&events, "SignalExternalWorkflowExecutionFailed");
    assert_eq!(failed["cause"], "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION");
    assert_eq!(failed["workflowId"], "nobody");
    assert_eq!(
        last(&events, "RequestCancelExternalWorkflowExecutionFailed")["cause"],
        "UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION"
    );
    assert!(types(&events).contains(&"ExternalWorkflowExecutionCancelRequested"));
}

#[tokio::test]
async fn children_start_report_and_follow_the_child_policy() {
    let swf = Swf::start().await;
    let parent_run = swf.start_workflow("Flow", "parent", json!({})).await;
    let (token, _) = swf.decision("parent").await;
    let child = |id: &str, ty: &str| {
        json!({"decisionType": "StartChildWorkflowExecution",
            "startChildWorkflowExecutionDecisionAttributes":
                {"workflowId": id, "workflowType": {"name": ty, "version": "1"},
                 "input": "child input", "control": id}})
    };
    swf.respond(
        &token,
        json!([
            child("kid-1", "Child"),
            child("kid-2", "Child"),
            child("kid-3", "Unknown"),
            child("parent", "Child"),
            child("kid-4", "NoDefaults"),
        ]),
    )
    .await;
    // The children's decision tasks come first, in order; kid-1 completes.
    let (kid_token, kid_events) = swf.decision("kid-1").await;
    let started = last(&kid_events, "WorkflowExecutionStarted");
    assert_eq!(
        started["parentWorkflowExecution"]["runId"],
        parent_run.as_str()
    );
    assert_eq!(started["input"], "child input");
    assert_eq!(started["childPolicy"], "TERMINATE", "the type's default");
    swf.respond(
        &kid_token,
        json!([{"decisionType": "CompleteWorkflowExecution",
            "completeWorkflowExecutionDecisionAttributes": {"result": "done"}}]),
    )
    .await;
    let (kid2_token, _) = swf.decision("kid-2").await;
    swf.respond(&kid2_token, json!([])).await;

    let (token, events) = swf.decision("parent").await;
    let causes: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e["eventType"] == "StartChildWorkflowExecutionFailed")
        .map(|e| {
            let a = &e["startChildWorkflowExecutionFailedEventAttributes"];
            (
                a["workflowId"].as_str().unwrap_or_default(),
                a["cause"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        causes,
        [
            ("kid-3", "WORKFLOW_TYPE_DOES_NOT_EXIST"),
            ("parent", "WORKFLOW_ALREADY_RUNNING"),
            ("kid-4", "DEFAULT_TASK_LIST_UNDEFINED"),
        ]
    );
    let completed = last(&events, "ChildWorkflowExecutionCompleted");
    assert_eq!(completed["result"], "done");
    assert_eq!(completed["workflowExecution"]["workflowId"], "kid-1");
    let kid1_started = events
        .iter()
        .find(|e| {
            e["eventType"] == "ChildWorkflowExecutionStarted"
                && e["childWorkflowExecutionStartedEventAttributes"]["workflowExecution"]
                    ["workflowId"]
                    == "kid-1"
        })
        .expect("kid-1 started");
    assert_eq!(completed["startedEventId"], kid1_started["eventId"]);
    assert_eq!(
        completed["initiatedEventId"],
        kid1_started["childWorkflowExecutionStartedEventAttributes"]["initiatedEventId"]
    );

    // Terminating the parent terminates kid-2 (TERMINATE is the parent's child policy).
    swf.respond(&token, json!([])).await;
    swf.call(
        "TerminateWorkflowExecution",
        json!({"domain": DOMAIN, "workflowId": "parent", "reason": "enough"}),
    )
    .await;
    let listed = swf
        .call(
            "DescribeWorkflowExecution",
            json!({"domain": DOMAIN, "execution": {"workflowId": "parent", "runId": parent_run}}),
        )
        .await;
    assert_eq!(listed["executionInfo"]["closeStatus"], "TERMINATED");
    let kid2 = events
        .iter()
        .find_map(|e| {
            let a = &e["childWorkflowExecutionStartedEventAttributes"];
            (a["workflowExecution"]["workflowId"] == "kid-2")
                .then(|| a["workflowExecution"]["runId"].as_str().map(str::to_owned))
                .flatten()
        })
        .expect("kid-2's run");
    let kid2_events = swf.history("kid-2", &kid2).await;
    let terminated = last(&kid2_events, "WorkflowExecutionTerminated");
    assert_eq!(terminated["cause"], "CHILD_POLICY_APPLIED");
}

#[tokio::test]
async fn continue_as_new_starts_a_new_run() {
    let swf = Swf::start().await;
    let first = swf
        .start_workflow("Flow", "looping", json!({"input": "round 1"}))
        .await;
    let (token, _) = swf.decision("looping").await;
    swf.respond(
        &token,
        json!([{"decisionType": "ContinueAsNewWorkflowExecution",
            "continueAsNewWorkflowExecutionDecisionAttributes": {"input": "round 2"}}]),
    )
    .await;
    let old = swf.history("looping", &first).await;
    let continued = last(&old, "WorkflowExecutionContinuedAsNew");
    assert_eq!(continued["input"], "round 2");
    assert_eq!(continued["workflowType"]["name"], "Flow");
    let new_run = continued["newExecutionRunId"]
        .as_str()
        .expect("new run id")
        .to_owned();
    assert_ne!(new_run, first);
    let (token, events) = swf.decision("looping").await;
    let started = last(&events, "WorkflowExecutionStarted");
    assert_eq!(started["continuedExecutionRunId"], first.as_str());
    assert_eq!(started["input"], "round 2");
    swf.respond(
        &token,
        json!([{"decisionType": "ContinueAsNewWorkflowExecution",
            "continueAsNewWorkflowExecutionDecisionAttributes": {"workflowTypeVersion": "9"}}]),
    )
    .await;
    let (_, events) = swf.decision("looping").await;
    assert_eq!(
        last(&events, "ContinueAsNewWorkflowExecutionFailed")["cause"],
        "WORKFLOW_TYPE_DOES_NOT_EXIST"
    );
    assert_eq!(
        swf.history("looping", &new_run).await.len(),
        events.len(),
        "the new run stays open"
    );
}

#[tokio::test]
async fn a_close_decision_with_unseen_events_fails_as_unhandled() {
    let swf = Swf::start().await;
    swf.start_workflow("Flow", "busy", json!({})).await;
    let (token, _) = swf.decision("busy").await;
    // A signal arrives while the decider works.
    swf.call(
        "SignalWorkflowExecution",
        json!({"domain": DOMAIN, "workflowId": "busy", "signalName": "late"}),
    )
    .await;
    swf.respond(
        &token,
        json!([
            {"decisionType": "RecordMarker", "recordMarkerDecisionAttributes":
                {"markerName": "m", "details": "d"}},
            {"decisionType": "ScheduleLambdaFunction", "scheduleLambdaFunctionDecisionAttributes":
                {"id": "l1", "name": "fn"}},
            {"decisionType": "CompleteWorkflowExecution"},
        ]),
    )
    .await;
    let (token, events) = swf.decision("busy").await;
    assert_eq!(
        last(&events, "CompleteWorkflowExecutionFailed")["cause"],
        "UNHANDLED_DECISION"
    );
    assert_eq!(
        last(&events, "ScheduleLambdaFunctionFailed")["cause"],
        "LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION"
    );
    assert_eq!(last(&events, "MarkerRecorded")["markerName"], "m");
    swf.respond(&token, json!([{"decisionType": "CancelWorkflowExecution"}]))
        .await;
    assert_eq!(
        swf.refused(
            "SignalWorkflowExecution",
            json!({"domain": DOMAIN, "workflowId": "busy", "signalName": "too late"}),
        )
        .await,
        "UnknownResourceFault"
    );
}

#[tokio::test]
async fn decision_tasks_and_executions_time_out() {
    let swf = Swf::start().await;
    // "Slow" decision tasks have 5 s to complete; the execution has 40 s.
    let run = swf
        .start_workflow(
            "Slow",
            "sleepy",
            json!({"executionStartToCloseTimeout": "40"}),
        )
        .await;
    let (token, _) = swf.decision("sleepy").await;
    let (again, events) = swf.decision("sleepy").await;
    let timed_out = last(&events, "DecisionTaskTimedOut");
    assert_eq!(timed_out["timeoutType"], "START_TO_CLOSE");
    assert_eq!(
        swf.refused(
            "RespondDecisionTaskCompleted",
            json!({"taskToken": token, "decisions": []})
        )
        .await,
        "UnknownResourceFault",
        "the timed-out task's token no longer counts"
    );
    swf.respond(&again, json!([])).await;
    let deadline = Instant::now() + WAIT;
    let events = loop {
        let events = swf.history("sleepy", &run).await;
        if types(&events).contains(&"WorkflowExecutionTimedOut") {
            break events;
        }
        assert!(Instant::now() < deadline, "{:?}", types(&events));
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let timed_out = last(&events, "WorkflowExecutionTimedOut");
    assert_eq!(timed_out["timeoutType"], "START_TO_CLOSE");
    assert_eq!(timed_out["childPolicy"], "TERMINATE");
}

#[tokio::test]
async fn decisions_are_validated_member_by_member() {
    let swf = Swf::start().await;
    swf.start_workflow("Flow", "strict", json!({})).await;
    let (token, _) = swf.decision("strict").await;
    let message = |decisions: Value| {
        let swf = &swf;
        let token = token.clone();
        async move {
            let answer = swf
                .swf
                .raw_request(
                    "RespondDecisionTaskCompleted",
                    json!({"taskToken": token, "decisions": decisions}).to_string(),
                )
                .send()
                .await
                .expect("an answer");
            assert_eq!(
                answer.error_code().as_deref(),
                Some("ValidationException"),
                "{}",
                answer.body
            );
            answer.message().unwrap_or_default()
        }
    };
    assert_eq!(
        message(
            json!([{"decisionType": "StartTimer", "startTimerDecisionAttributes":
            {"timerId": "t"}}])
        )
        .await,
        "1 validation error detected: Value null at 'decisions.1.member.startTimerDecisionAttributes.startToFireTimeout' failed to satisfy constraint: Member must not be null"
    );
    assert_eq!(
        message(json!([{"decisionType": "CancelTimer"}])).await,
        "1 validation error detected: Value null at 'decisions.1.member.cancelTimerDecisionAttributes' failed to satisfy constraint: Member must not be null"
    );
    let long = "w".repeat(257);
    assert_eq!(
        message(json!([{"decisionType": "StartChildWorkflowExecution",
            "startChildWorkflowExecutionDecisionAttributes":
                {"workflowId": long, "workflowType": {"name": "Child", "version": "1"}}}]))
        .await,
        format!(
            "1 validation error detected: Value '{long}' at 'decisions.1.member.startChildWorkflowExecutionDecisionAttributes.workflowId' failed to satisfy constraint: Member must have length less than or equal to 256"
        )
    );
    assert!(
        message(
            json!([{"decisionType": "StartTimer", "startTimerDecisionAttributes":
            {"timerId": "t", "startToFireTimeout": "NONE"}}])
        )
        .await
        .contains("'decisions.1.member.startTimerDecisionAttributes.startToFireTimeout'"),
        "a timer needs a number of seconds"
    );
    assert!(
        message(json!([{"decisionType": "ContinueAsNewWorkflowExecution",
            "continueAsNewWorkflowExecutionDecisionAttributes": {"childPolicy": "KEEP"}}]))
        .await
        .contains("Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]")
    );
    // The refused answers left the task open: it can still be completed.
    swf.respond(
        &token,
        json!([{"decisionType": "CompleteWorkflowExecution"}]),
    )
    .await;
}

#[tokio::test]
async fn a_temporary_task_list_override_times_out_back_to_the_own_list() {
    let swf = Swf::start().await;
    swf.start_workflow("Flow", "moving", json!({})).await;
    let (token, _) = swf.decision("moving").await;
    // The next decision task goes to `nowhere`, where no decider polls, for 5 s at most.
    swf.call(
        "RespondDecisionTaskCompleted",
        json!({"taskToken": token,
            "taskList": {"name": "nowhere"}, "taskListScheduleToStartTimeout": "5",
            "decisions": [{"decisionType": "StartTimer",
                "startTimerDecisionAttributes": {"timerId": "wake", "startToFireTimeout": "1"}}]}),
    )
    .await;
    let (token, events) = swf.decision("moving").await;
    let completed = last(&events, "DecisionTaskCompleted");
    assert_eq!(completed["taskList"]["name"], "nowhere");
    assert_eq!(completed["taskListScheduleToStartTimeout"], "5");
    let timed_out = last(&events, "DecisionTaskTimedOut");
    assert_eq!(timed_out["timeoutType"], "SCHEDULE_TO_START");
    assert_eq!(timed_out["startedEventId"], 0);
    let scheduled: Vec<&Value> = events
        .iter()
        .filter(|e| e["eventType"] == "DecisionTaskScheduled")
        .map(|e| &e["decisionTaskScheduledEventAttributes"])
        .collect();
    assert_eq!(scheduled.len(), 3, "{:?}", types(&events));
    assert_eq!(scheduled[1]["taskList"]["name"], "nowhere");
    assert_eq!(scheduled[1]["scheduleToStartTimeout"], "5");
    assert_eq!(
        scheduled[2]["taskList"]["name"], DECISIONS,
        "back on its own list"
    );
    assert!(scheduled[2].get("scheduleToStartTimeout").is_none());
    swf.respond(
        &token,
        json!([{"decisionType": "CompleteWorkflowExecution"}]),
    )
    .await;
}
