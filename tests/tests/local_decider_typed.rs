//! A Rust decider on the typed `Client` against the local SWF, using decisions beyond
//! scheduling activities: a parent execution starts a timer, records a marker, starts a child
//! and signals another execution, and reads what follows (`TimerFired`,
//! `ChildWorkflowExecutionCompleted` with the child's result, `ExternalWorkflowExecutionSignaled`)
//! through the typed `HistoryEvent` attributes; the signaled execution reads
//! `WorkflowExecutionSignaled` the same way. Decisions SWF refuses are read from their typed
//! `*Failed` events, with their causes.

use std::time::{Duration, Instant};

use swf_activity::Client;
use swf_activity::model::{
    ChildPolicy, Decision, DecisionTask, EventType, HistoryEvent, PollForDecisionTask,
    RecordMarkerDecisionAttributes, RegisterWorkflowType, RespondDecisionTaskCompleted,
    ScheduleLambdaFunctionDecisionAttributes, ScheduleLambdaFunctionFailedCause,
    SignalExternalWorkflowExecutionDecisionAttributes,
    StartChildWorkflowExecutionDecisionAttributes, StartTimerDecisionAttributes,
    StartTimerFailedCause, StartWorkflowExecution, TaskList, WorkflowExecution, WorkflowType,
};
use swf_activity::testing::LocalSwf;

const DOMAIN: &str = "typed-decider";
/// One SWF second here, so the one-second timer fires quickly.
const SECOND: Duration = Duration::from_millis(20);
/// Upper bound of every wait; the endpoint normally answers at once.
const WAIT: Duration = Duration::from_secs(10);

/// Registers `name` version 1 with its decision tasks on the task list of the same name.
async fn register(client: &Client, name: &str) {
    let register = RegisterWorkflowType::new(DOMAIN, name, "1")
        .default_task_list(TaskList::new(name))
        .default_task_start_to_close_timeout("60")
        .default_execution_start_to_close_timeout("3600")
        .default_child_policy(ChildPolicy::Terminate);
    client
        .register_workflow_type(&register)
        .await
        .expect("workflow type registered");
}

async fn start(client: &Client, name: &str, workflow_id: &str) -> WorkflowExecution {
    let run = client
        .start_workflow_execution(&StartWorkflowExecution::new(
            DOMAIN,
            workflow_id,
            WorkflowType::new(name, "1"),
        ))
        .await
        .expect("execution started");
    WorkflowExecution::new(workflow_id, run.run_id.expect("a run id"))
}

/// The next decision task on `task_list` (each workflow type has its own), with its whole
/// history.
async fn next_decision(client: &Client, task_list: &str) -> DecisionTask {
    let deadline = Instant::now() + WAIT;
    loop {
        assert!(
            Instant::now() < deadline,
            "a decision task on {task_list} within {WAIT:?}"
        );
        let poll = PollForDecisionTask::new(DOMAIN, task_list).identity("typed-decider");
        if let Some(task) = client
            .poll_for_decision_task_all(&poll)
            .await
            .expect("poll")
        {
            return task;
        }
    }
}

async fn respond(client: &Client, task: &DecisionTask, decisions: Vec<Decision>) {
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(&task.task_token).decisions(decisions),
        )
        .await
        .expect("decisions accepted");
}

/// The only event of `event_type` in `history`.
fn only(history: &[HistoryEvent], event_type: EventType) -> &HistoryEvent {
    let mut found = history.iter().filter(|e| e.event_type == event_type);
    let event = found
        .next()
        .unwrap_or_else(|| panic!("a {event_type} event in {:?}", types(history)));
    assert!(found.next().is_none(), "one {event_type} event");
    event
}

fn types(history: &[HistoryEvent]) -> Vec<String> {
    history.iter().map(|e| e.event_type.to_string()).collect()
}

#[tokio::test]
async fn a_rust_decider_uses_timers_markers_children_and_signals() {
    let swf = LocalSwf::builder()
        .second_length(SECOND)
        .max_poll_wait(Duration::from_millis(200))
        .start()
        .await
        .expect("local SWF");
    swf.register_domain(DOMAIN).expect("domain");
    let client = swf.client();
    for name in ["Parent", "Child", "Listener"] {
        register(&client, name).await;
    }

    // The execution to be signaled waits, deciding nothing.
    let listener = start(&client, "Listener", "listener").await;
    let task = next_decision(&client, "Listener").await;
    respond(&client, &task, Vec::new()).await;

    // The parent's first decision task: the decisions to read about later.
    let parent = start(&client, "Parent", "parent").await;
    let task = next_decision(&client, "Parent").await;
    respond(
        &client,
        &task,
        vec![
            Decision::start_timer(StartTimerDecisionAttributes::new("nap", "1").control("why")),
            // The id is taken by the timer just started.
            Decision::start_timer(StartTimerDecisionAttributes::new("nap", "5")),
            Decision::record_marker(RecordMarkerDecisionAttributes::new("began").details("{}")),
            Decision::start_child_workflow_execution(
                StartChildWorkflowExecutionDecisionAttributes::new(
                    WorkflowType::new("Child", "1"),
                    "parent-child",
                )
                .input("21"),
            ),
            Decision::signal_external_workflow_execution(
                SignalExternalWorkflowExecutionDecisionAttributes::new("listener", "wake-up")
                    .input("hello"),
            ),
            // The local SWF has no Lambda: it refuses as SWF does in a region without it.
            Decision::schedule_lambda_function(ScheduleLambdaFunctionDecisionAttributes::new(
                "resize-1", "resize",
            )),
        ],
    )
    .await;

    // The child reads its parent and input, and completes with a result.
    let task = next_decision(&client, "Child").await;
    let started = only(&task.events, EventType::WorkflowExecutionStarted)
        .workflow_execution_started_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(started.parent_workflow_execution.as_ref(), Some(&parent));
    let input = started.input.clone().expect("the child's input");
    let doubled = input.parse::<u32>().expect("a number") * 2;
    respond(
        &client,
        &task,
        vec![Decision::complete_workflow_execution(Some(
            doubled.to_string(),
        ))],
    )
    .await;

    // The parent decides until the timer has fired, the child has completed and the signal
    // was delivered.
    let deadline = Instant::now() + WAIT;
    let history = loop {
        let task = next_decision(&client, "Parent").await;
        let seen = |t: EventType| task.events.iter().any(|e| e.event_type == t);
        if seen(EventType::TimerFired)
            && seen(EventType::ChildWorkflowExecutionCompleted)
            && seen(EventType::ExternalWorkflowExecutionSignaled)
        {
            respond(
                &client,
                &task,
                vec![Decision::complete_workflow_execution(Some("done".into()))],
            )
            .await;
            break task.events;
        }
        assert!(Instant::now() < deadline, "{:?}", types(&task.events));
        respond(&client, &task, Vec::new()).await;
    };

    let timer_started = only(&history, EventType::TimerStarted);
    let attributes = timer_started
        .timer_started_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(attributes.timer_id, "nap");
    assert_eq!(attributes.control.as_deref(), Some("why"));
    assert_eq!(attributes.start_to_fire_timeout, "1");
    let fired = only(&history, EventType::TimerFired)
        .timer_fired_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(fired.timer_id, "nap");
    assert_eq!(fired.started_event_id, timer_started.event_id);
    let failed = only(&history, EventType::StartTimerFailed)
        .start_timer_failed_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(
        (failed.timer_id.as_str(), &failed.cause),
        ("nap", &StartTimerFailedCause::TimerIdAlreadyInUse)
    );

    let lambda = only(&history, EventType::ScheduleLambdaFunctionFailed)
        .schedule_lambda_function_failed_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(
        (lambda.id.as_str(), &lambda.cause),
        (
            "resize-1",
            &ScheduleLambdaFunctionFailedCause::LambdaServiceNotAvailableInRegion
        )
    );

    let marker = only(&history, EventType::MarkerRecorded)
        .marker_recorded_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(
        (marker.marker_name.as_str(), marker.details.as_deref()),
        ("began", Some("{}"))
    );

    let initiated = only(&history, EventType::StartChildWorkflowExecutionInitiated);
    let completed = only(&history, EventType::ChildWorkflowExecutionCompleted)
        .child_workflow_execution_completed_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(completed.result.as_deref(), Some("42"));
    assert_eq!(completed.workflow_execution.workflow_id, "parent-child");
    assert_eq!(completed.workflow_type, WorkflowType::new("Child", "1"));
    assert_eq!(completed.initiated_event_id, initiated.event_id);
    let child_started = only(&history, EventType::ChildWorkflowExecutionStarted);
    assert_eq!(completed.started_event_id, child_started.event_id);

    let signaled = only(&history, EventType::ExternalWorkflowExecutionSignaled)
        .external_workflow_execution_signaled_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(signaled.workflow_execution, listener);
    let signal_initiated = only(
        &history,
        EventType::SignalExternalWorkflowExecutionInitiated,
    );
    assert_eq!(signaled.initiated_event_id, signal_initiated.event_id);

    // The signaled execution reads the signal, and who sent it.
    let task = next_decision(&client, "Listener").await;
    let signal = only(&task.events, EventType::WorkflowExecutionSignaled)
        .workflow_execution_signaled_event_attributes
        .as_ref()
        .expect("attributes");
    assert_eq!(signal.signal_name, "wake-up");
    assert_eq!(signal.input.as_deref(), Some("hello"));
    assert_eq!(signal.external_workflow_execution.as_ref(), Some(&parent));
    assert_eq!(
        signal.external_initiated_event_id,
        Some(signal_initiated.event_id)
    );
    respond(
        &client,
        &task,
        vec![Decision::complete_workflow_execution(None)],
    )
    .await;

    swf.shutdown().await;
}
