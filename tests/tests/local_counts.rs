//! `CountPendingActivityTasks` and `CountPendingDecisionTasks` on the local SWF, which fleets
//! scale their workers on: the tasks waiting on a task list, none of those a poller took.

use std::time::Duration;

use serde_json::json;
use swf_activity::FaultCode;
use swf_activity::model::{
    ActivityType, ChildPolicy, CountPendingActivityTasks, CountPendingDecisionTasks,
    PollForActivityTask, RegisterActivityType, RegisterWorkflowType, StartWorkflowExecution,
    WorkflowType,
};
use swf_activity::testing::{LocalSwf, ScheduleSpec};

#[tokio::test]
async fn counts_the_tasks_waiting_on_a_task_list() {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_millis(200))
        .start()
        .await
        .expect("local SWF");
    swf.register_domain("counts").expect("domain");
    let client = swf.client();
    client
        .register_activity_type(
            &RegisterActivityType::new("counts", "Work", "1")
                .default_task_list("work")
                .default_task_start_to_close_timeout("NONE")
                .default_task_heartbeat_timeout("NONE")
                .default_task_schedule_to_start_timeout("NONE")
                .default_task_schedule_to_close_timeout("NONE"),
        )
        .await
        .expect("activity type");
    let pending_work = CountPendingActivityTasks::new("counts", "work");
    let activities = || client.count_pending_activity_tasks(&pending_work);
    assert_eq!(activities().await.expect("count").count, 0);

    for i in 0..3 {
        swf.schedule_activity_task(ScheduleSpec::new(
            "counts",
            ActivityType::new("Work", "1"),
            format!("work-{i}"),
        ))
        .expect("scheduled");
    }
    let counted = activities().await.expect("count");
    assert_eq!((counted.count, counted.truncated), (3, Some(false)));
    client
        .poll_for_activity_task(&PollForActivityTask::new("counts", "work"))
        .await
        .expect("poll")
        .expect("a task");
    assert_eq!(
        activities().await.expect("count").count,
        2,
        "a started task is not pending"
    );
    assert_eq!(
        client
            .count_pending_activity_tasks(&CountPendingActivityTasks::new("counts", "other"))
            .await
            .expect("count")
            .count,
        0
    );

    client
        .register_workflow_type(
            &RegisterWorkflowType::new("counts", "Flow", "1")
                .default_task_list("deciders")
                .default_task_start_to_close_timeout("NONE")
                .default_execution_start_to_close_timeout("600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("workflow type");
    client
        .start_workflow_execution(&StartWorkflowExecution::new(
            "counts",
            "flow-1",
            WorkflowType::new("Flow", "1"),
        ))
        .await
        .expect("started");
    let decisions = client
        .count_pending_decision_tasks(&CountPendingDecisionTasks::new("counts", "deciders"))
        .await
        .expect("count");
    assert_eq!(decisions.count, 1);

    let unknown = client
        .count_pending_activity_tasks(&CountPendingActivityTasks::new("nowhere", "work"))
        .await
        .expect_err("an unknown domain");
    assert!(unknown.is_fault(FaultCode::UnknownResource), "{unknown}");

    // What the typed client refuses to send, the endpoint refuses with SWF's wording.
    let answer = swf
        .raw_request(
            "CountPendingDecisionTasks",
            json!({"domain": "counts"}).to_string(),
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(
        answer.error_type().as_deref(),
        Some("com.amazon.coral.validate#ValidationException"),
        "{}",
        answer.body
    );
    swf.shutdown().await;
}
