//! The local SWF times activity tasks out as SWF does. One "second" lasts 100 ms here.

mod local_support;

use std::time::Duration;

use local_support::{DOMAIN, TASK_LIST, WAIT, poll, setup_with, spec};
use swf_activity::FaultCode;
use swf_activity::model::{
    ActivityTaskTimeoutType, EventType, RecordActivityTaskHeartbeat, RegisterActivityType,
    RespondActivityTaskCompleted, RespondActivityTaskFailed, TaskList,
};
use swf_activity::testing::{ActivityOutcome, LocalSwf};

async fn fast() -> (LocalSwf, swf_activity::Client) {
    setup_with(
        LocalSwf::builder()
            .second_length(Duration::from_millis(100))
            .max_poll_wait(Duration::from_secs(5)),
    )
    .await
}

fn timed_out(timeout_type: ActivityTaskTimeoutType, details: Option<&str>) -> ActivityOutcome {
    ActivityOutcome::TimedOut {
        timeout_type,
        details: details.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_task_nobody_takes_times_out_schedule_to_start() {
    let (swf, _client) = fast().await;
    let task = swf
        .schedule_activity_task(spec("s2s").schedule_to_start_timeout("2"))
        .expect("scheduled");
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(timed_out(ActivityTaskTimeoutType::ScheduleToStart, None))
    );
    let event = swf.history(&task).pop().expect("events");
    let attrs = event
        .activity_task_timed_out_event_attributes
        .expect("timed out attributes");
    assert_eq!(attrs.started_event_id, 0);
    assert_eq!(attrs.scheduled_event_id, task.scheduled_event_id());
    // The task left the task list.
    assert_eq!(swf.pending_tasks(DOMAIN, TASK_LIST), 0);
}

#[tokio::test]
async fn a_task_taken_but_not_answered_times_out_start_to_close() {
    let (swf, client) = fast().await;
    let task = swf
        .schedule_activity_task(
            spec("s2c")
                .schedule_to_start_timeout("1")
                .start_to_close_timeout("2"),
        )
        .expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(timed_out(ActivityTaskTimeoutType::StartToClose, None))
    );
    // Answering a timed-out task is an unknown resource, whatever the answer.
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(
            polled.task_token.clone(),
        ))
        .await
        .expect_err("timed out");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = client
        .respond_activity_task_failed(&RespondActivityTaskFailed::new(polled.task_token.clone()))
        .await
        .expect_err("timed out");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new(polled.task_token))
        .await
        .expect_err("timed out");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let types: Vec<_> = swf
        .history(&task)
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(
        types,
        [
            EventType::ActivityTaskScheduled,
            EventType::ActivityTaskStarted,
            EventType::ActivityTaskTimedOut
        ]
    );
}

#[tokio::test]
async fn schedule_to_close_bounds_the_whole_life_of_a_task() {
    let (swf, client) = fast().await;
    let task = swf
        .schedule_activity_task(
            spec("sc")
                .schedule_to_close_timeout("3")
                .start_to_close_timeout("NONE"),
        )
        .expect("scheduled");
    let _polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(timed_out(ActivityTaskTimeoutType::ScheduleToClose, None))
    );
}

#[tokio::test]
async fn heartbeats_keep_a_task_alive_until_they_stop() {
    let (swf, client) = fast().await;
    let task = swf
        .schedule_activity_task(
            spec("hb")
                .heartbeat_timeout("5")
                .start_to_close_timeout("NONE"),
        )
        .expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    // Work for about two heartbeat timeouts, heartbeating well within each.
    for percent in [10, 20, 30, 40, 50, 60, 70, 80, 90] {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let status = client
            .record_activity_task_heartbeat(
                &RecordActivityTaskHeartbeat::new(polled.task_token.clone())
                    .details(format!("{percent}%")),
            )
            .await
            .expect("alive");
        assert!(!status.cancel_requested);
    }
    assert_eq!(swf.outcome(&task), None);
    // Then stop: the task times out with the last heartbeat's details.
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(timed_out(ActivityTaskTimeoutType::Heartbeat, Some("90%")))
    );
}

#[tokio::test]
async fn registered_defaults_apply_when_the_schedule_names_no_timeout() {
    let (swf, client) = fast().await;
    swf.register_activity_type(
        &RegisterActivityType::new(DOMAIN, "Quick", "1")
            .default_task_list(TaskList::new(TASK_LIST))
            .default_task_start_to_close_timeout("1")
            .default_task_heartbeat_timeout("NONE"),
    )
    .expect("registered");
    let task = swf
        .schedule_activity_task(swf_activity::testing::ScheduleSpec::new(
            DOMAIN,
            swf_activity::model::ActivityType::new("Quick", "1"),
            "q",
        ))
        .expect("scheduled");
    let scheduled = swf.history(&task)[0]
        .activity_task_scheduled_event_attributes
        .clone()
        .expect("scheduled attributes");
    assert_eq!(scheduled.start_to_close_timeout.as_deref(), Some("1"));
    assert_eq!(scheduled.schedule_to_close_timeout.as_deref(), Some("NONE"));
    let _polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll");
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(timed_out(ActivityTaskTimeoutType::StartToClose, None))
    );
}

#[tokio::test]
async fn a_task_answered_in_time_does_not_time_out() {
    let (swf, client) = fast().await;
    let task = swf
        .schedule_activity_task(
            spec("in-time")
                .start_to_close_timeout("2")
                .heartbeat_timeout("1"),
        )
        .expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(polled.task_token))
        .await
        .expect("completed");
    // Outlive both timers: the outcome stays the completion.
    let other = swf
        .schedule_activity_task(spec("marker").schedule_to_start_timeout("3"))
        .expect("scheduled");
    assert!(matches!(
        swf.wait_for_outcome(&other, WAIT).await,
        Some(ActivityOutcome::TimedOut { .. })
    ));
    assert_eq!(
        swf.outcome(&task),
        Some(ActivityOutcome::Completed { result: None })
    );
    assert_eq!(swf.history(&task).len(), 3);
}
