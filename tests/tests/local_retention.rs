//! The local SWF forgets a closed execution when its domain's retention period ends, on the
//! scaled clock, as SWF does: its history, its tasks and their tokens; `0` forgets it as it
//! closes. Memory then stays bounded however many executions run.

use std::time::{Duration, Instant};

use swf_activity::model::{
    ChildPolicy, Decision, GetWorkflowExecutionHistory, PollForDecisionTask, RegisterDomain,
    RegisterWorkflowType, RespondDecisionTaskCompleted, StartWorkflowExecution, WorkflowExecution,
    WorkflowType,
};
use swf_activity::testing::LocalSwf;
use swf_activity::{Client, FaultCode};

const WAIT: Duration = Duration::from_secs(20);

/// Starts an execution in `domain` and completes it through its first decision task.
async fn run_one(client: &Client, domain: &str, workflow_id: &str) -> WorkflowExecution {
    let run = client
        .start_workflow_execution(&StartWorkflowExecution::new(
            domain,
            workflow_id,
            WorkflowType::new("Short", "1"),
        ))
        .await
        .expect("started");
    let deadline = Instant::now() + WAIT;
    let task = loop {
        assert!(Instant::now() < deadline, "a decision task");
        if let Some(task) = client
            .poll_for_decision_task_all(&PollForDecisionTask::new(domain, "d"))
            .await
            .expect("poll")
        {
            break task;
        }
    };
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(task.task_token)
                .decision(Decision::complete_workflow_execution(None)),
        )
        .await
        .expect("completed");
    WorkflowExecution::new(workflow_id, run.run_id.expect("a run id"))
}

/// Whether SWF still has the execution's history.
async fn has_history(client: &Client, domain: &str, execution: &WorkflowExecution) -> bool {
    match client
        .get_workflow_execution_history(&GetWorkflowExecutionHistory::new(
            domain,
            execution.clone(),
        ))
        .await
    {
        Ok(_) => true,
        Err(e) if e.is_fault(FaultCode::UnknownResource) => false,
        Err(e) => panic!("history: {e}"),
    }
}

/// Waits up to [`WAIT`] for the execution to be forgotten.
async fn forgotten(client: &Client, domain: &str, execution: &WorkflowExecution) -> Duration {
    let started = Instant::now();
    while has_history(client, domain, execution).await {
        assert!(started.elapsed() < WAIT, "forgotten within {WAIT:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

#[tokio::test]
async fn closed_executions_are_forgotten_after_the_retention_period() {
    // One SWF day lasts 0.864 s here.
    let swf = LocalSwf::builder()
        .second_length(Duration::from_micros(10))
        .max_poll_wait(Duration::from_millis(200))
        .start()
        .await
        .expect("local SWF");
    let client = swf.client();
    for (domain, days) in [("kept", "1"), ("gone", "0")] {
        client
            .register_domain(&RegisterDomain::new(domain, days))
            .await
            .expect("domain");
        client
            .register_workflow_type(
                &RegisterWorkflowType::new(domain, "Short", "1")
                    .default_task_list("d")
                    .default_task_start_to_close_timeout("NONE")
                    .default_execution_start_to_close_timeout("3600")
                    .default_child_policy(ChildPolicy::Terminate),
            )
            .await
            .expect("workflow type");
    }

    let kept = run_one(&client, "kept", "kept-1").await;
    assert!(
        has_history(&client, "kept", &kept).await,
        "a closed execution is readable within its retention period"
    );
    let gone = run_one(&client, "gone", "gone-1").await;
    let after = forgotten(&client, "gone", &gone).await;
    assert!(
        after < Duration::from_secs(2),
        "retention 0: forgotten as it closes ({after:?})"
    );

    let after = forgotten(&client, "kept", &kept).await;
    assert!(
        after > Duration::from_millis(100),
        "kept for about a day of the scaled clock, not forgotten at once ({after:?})"
    );
    assert_eq!(swf.executions_held(), 0, "nothing left of either");

    // Bounded: many executions run and closed leave nothing behind once their period ends.
    for i in 0..20 {
        run_one(&client, "gone", &format!("gone-many-{i}")).await;
    }
    let deadline = Instant::now() + WAIT;
    while swf.executions_held() > 0 {
        assert!(Instant::now() < deadline, "all forgotten");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    swf.shutdown().await;
}
