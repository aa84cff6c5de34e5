//! The local SWF's activity-side operations, driven through `swf_activity::Client`.

mod local_support;

use local_support::{DOMAIN, TASK_LIST, WAIT, poll, setup, spec, work_type};
use swf_activity::model::{
    ActivityType, DeprecateActivityType, DescribeActivityType, DescribeDomain, EventType,
    ListActivityTypes, PollForActivityTask, RecordActivityTaskHeartbeat, RegisterActivityType,
    RegisterDomain, RegistrationStatus, RespondActivityTaskCanceled, RespondActivityTaskCompleted,
    RespondActivityTaskFailed, TaskList,
};
use swf_activity::testing::{ActivityOutcome, Op};
use swf_activity::{ErrorKind, FaultCode};

#[tokio::test]
async fn a_scheduled_task_is_polled_and_completed() {
    let (swf, client) = setup().await;
    let task = swf
        .schedule_activity_task(spec("a-1").input("{\"n\":1}").start_to_close_timeout("60"))
        .expect("scheduled");
    assert_eq!(swf.pending_tasks(DOMAIN, TASK_LIST), 1);

    let polled = client
        .poll_for_activity_task(&poll("worker-1"))
        .await
        .expect("poll")
        .expect("a task");
    assert_eq!(polled.activity_id, "a-1");
    assert_eq!(polled.activity_type, work_type());
    assert_eq!(polled.input.as_deref(), Some("{\"n\":1}"));
    assert_eq!(&polled.workflow_execution, task.workflow_execution());
    assert_eq!(polled.task_token.as_str().len(), 900);
    assert!(swf.is_started(&task));

    client
        .respond_activity_task_completed(
            &RespondActivityTaskCompleted::new(polled.task_token.clone()).result("\"done\""),
        )
        .await
        .expect("completed");
    assert_eq!(
        swf.outcome(&task),
        Some(ActivityOutcome::Completed {
            result: Some("\"done\"".into())
        })
    );

    let events = swf.history(&task);
    let types: Vec<_> = events.iter().map(|e| e.event_type.clone()).collect();
    assert_eq!(
        types,
        [
            EventType::ActivityTaskScheduled,
            EventType::ActivityTaskStarted,
            EventType::ActivityTaskCompleted
        ]
    );
    let scheduled = events[0]
        .activity_task_scheduled_event_attributes
        .as_ref()
        .expect("scheduled attributes");
    assert_eq!(scheduled.activity_id, "a-1");
    assert_eq!(scheduled.task_list, TaskList::new(TASK_LIST));
    assert_eq!(scheduled.start_to_close_timeout.as_deref(), Some("60"));
    assert_eq!(scheduled.heartbeat_timeout.as_deref(), Some("NONE"));
    let started = events[1]
        .activity_task_started_event_attributes
        .as_ref()
        .expect("started attributes");
    assert_eq!(started.identity.as_deref(), Some("worker-1"));
    assert_eq!(started.scheduled_event_id, events[0].event_id);
    assert_eq!(polled.started_event_id, events[1].event_id);
    let completed = events[2]
        .activity_task_completed_event_attributes
        .as_ref()
        .expect("completed attributes");
    assert_eq!(completed.result.as_deref(), Some("\"done\""));
    assert_eq!(completed.scheduled_event_id, events[0].event_id);
    assert_eq!(completed.started_event_id, events[1].event_id);

    // The whole execution looks like one a decider drove, and closes once its task has.
    let all = swf.events(task.workflow_execution());
    let types: Vec<_> = all.iter().map(|e| e.event_type.clone()).collect();
    assert_eq!(
        types,
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
    assert!(
        all.iter()
            .enumerate()
            .all(|(i, e)| e.event_id == i as i64 + 1)
    );

    // The token is spent.
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(polled.task_token))
        .await
        .expect_err("second answer");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
}

#[tokio::test]
async fn failures_record_reason_and_details() {
    let (swf, client) = setup().await;
    let task = swf.schedule_activity_task(spec("f-1")).expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    client
        .respond_activity_task_failed(
            &RespondActivityTaskFailed::new(polled.task_token)
                .reason("card declined")
                .details("{\"last4\":\"4242\"}"),
        )
        .await
        .expect("failed");
    assert_eq!(
        swf.wait_for_outcome(&task, WAIT).await,
        Some(ActivityOutcome::Failed {
            reason: Some("card declined".into()),
            details: Some("{\"last4\":\"4242\"}".into()),
        })
    );
    let last = swf.history(&task).pop().expect("events");
    let failed = last
        .activity_task_failed_event_attributes
        .expect("failed attributes");
    assert_eq!(failed.reason.as_deref(), Some("card declined"));
}

#[tokio::test]
async fn a_cancel_request_reaches_the_worker_through_its_heartbeat() {
    let (swf, client) = setup().await;
    let task = swf
        .schedule_activity_task(spec("c-1").heartbeat_timeout("60"))
        .expect("scheduled");
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    let status = client
        .record_activity_task_heartbeat(
            &RecordActivityTaskHeartbeat::new(polled.task_token.clone()).details("10%"),
        )
        .await
        .expect("heartbeat");
    assert!(!status.cancel_requested);

    swf.request_cancel(&task).expect("cancel requested");
    let status = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new(
            polled.task_token.clone(),
        ))
        .await
        .expect("heartbeat");
    assert!(status.cancel_requested);

    client
        .respond_activity_task_canceled(
            &RespondActivityTaskCanceled::new(polled.task_token).details("stopped at 10%"),
        )
        .await
        .expect("canceled");
    assert_eq!(
        swf.outcome(&task),
        Some(ActivityOutcome::Canceled {
            details: Some("stopped at 10%".into())
        })
    );
    let events = swf.history(&task);
    let types: Vec<_> = events.iter().map(|e| e.event_type.clone()).collect();
    assert_eq!(
        types,
        [
            EventType::ActivityTaskScheduled,
            EventType::ActivityTaskStarted,
            EventType::ActivityTaskCancelRequested,
            EventType::ActivityTaskCanceled
        ]
    );
    let requested = &events[2];
    let attrs = requested
        .activity_task_cancel_requested_event_attributes
        .as_ref()
        .expect("cancel requested attributes");
    assert_eq!(attrs.activity_id, "c-1");
    let canceled = events[3]
        .activity_task_canceled_event_attributes
        .as_ref()
        .expect("canceled attributes");
    assert_eq!(
        canceled.latest_cancel_requested_event_id,
        Some(requested.event_id)
    );
    // The request came with a decision, as on SWF.
    let all = swf.events(task.workflow_execution());
    let decision = all
        .iter()
        .find(|e| e.event_id == attrs.decision_task_completed_event_id)
        .expect("the decision");
    assert_eq!(decision.event_type, EventType::DecisionTaskCompleted);
}

#[tokio::test]
async fn a_task_canceled_before_a_worker_takes_it_is_canceled_at_once() {
    let (swf, client) = setup().await;
    let task = swf.schedule_activity_task(spec("c-2")).expect("scheduled");
    swf.request_cancel(&task).expect("cancel requested");
    assert_eq!(
        swf.outcome(&task),
        Some(ActivityOutcome::Canceled { details: None })
    );
    assert_eq!(swf.pending_tasks(DOMAIN, TASK_LIST), 0);
    let err = swf.request_cancel(&task).expect_err("closed");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    drop(client);
}

#[tokio::test]
async fn unknown_tokens_and_domains_are_unknown_resources() {
    let (swf, client) = setup().await;
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("not-a-token"))
        .await
        .expect_err("unknown token");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = client
        .record_activity_task_heartbeat(&RecordActivityTaskHeartbeat::new("not-a-token"))
        .await
        .expect_err("unknown token");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = client
        .poll_for_activity_task(&PollForActivityTask::new("no-such-domain", TASK_LIST))
        .await
        .expect_err("unknown domain");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    assert!(err.message().contains("no-such-domain"), "{err}");
    drop(swf);
}

#[tokio::test]
async fn activity_types_are_registered_described_deprecated_and_listed() {
    let (swf, client) = setup().await;
    client
        .register_activity_type(
            &RegisterActivityType::new(DOMAIN, "Charge", "2")
                .description("charges a card")
                .default_task_list(TaskList::new("payments"))
                .default_task_start_to_close_timeout("300")
                .default_task_heartbeat_timeout("30")
                .default_task_priority("5")
                .default_task_schedule_to_start_timeout("NONE")
                .default_task_schedule_to_close_timeout("600"),
        )
        .await
        .expect("registered");
    let detail = client
        .describe_activity_type(&DescribeActivityType::new(
            DOMAIN,
            ActivityType::new("Charge", "2"),
        ))
        .await
        .expect("described");
    assert_eq!(detail.type_info.status, RegistrationStatus::Registered);
    assert_eq!(
        detail.type_info.description.as_deref(),
        Some("charges a card")
    );
    assert!(detail.type_info.creation_date > 1.0e9);
    let config = &detail.configuration;
    assert_eq!(config.default_task_list, Some(TaskList::new("payments")));
    assert_eq!(
        config.default_task_start_to_close_timeout.as_deref(),
        Some("300")
    );
    assert_eq!(config.default_task_heartbeat_timeout.as_deref(), Some("30"));
    assert_eq!(config.default_task_priority.as_deref(), Some("5"));
    assert_eq!(
        config.default_task_schedule_to_start_timeout.as_deref(),
        Some("NONE")
    );
    assert_eq!(
        config.default_task_schedule_to_close_timeout.as_deref(),
        Some("600")
    );

    let err = client
        .register_activity_type(&RegisterActivityType::new(DOMAIN, "Charge", "2"))
        .await
        .expect_err("already registered");
    assert!(err.is_fault(FaultCode::TypeAlreadyExists), "{err:?}");
    let err = client
        .describe_activity_type(&DescribeActivityType::new(
            DOMAIN,
            ActivityType::new("Charge", "3"),
        ))
        .await
        .expect_err("unknown type");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");

    let charge = ActivityType::new("Charge", "2");
    client
        .deprecate_activity_type(&DeprecateActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("deprecated");
    let err = client
        .deprecate_activity_type(&DeprecateActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect_err("already deprecated");
    assert!(err.is_fault(FaultCode::TypeDeprecated), "{err:?}");
    let detail = client
        .describe_activity_type(&DescribeActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("described");
    assert_eq!(detail.type_info.status, RegistrationStatus::Deprecated);
    assert!(detail.type_info.deprecation_date.is_some());
    // Deprecated types cannot be scheduled.
    let err = swf
        .schedule_activity_task(swf_activity::testing::ScheduleSpec::new(
            DOMAIN, charge, "x",
        ))
        .expect_err("deprecated type");
    assert!(err.is_fault(FaultCode::TypeDeprecated), "{err:?}");

    let deprecated = client
        .list_activity_types(&ListActivityTypes::new(
            DOMAIN,
            RegistrationStatus::Deprecated,
        ))
        .await
        .expect("listed");
    assert_eq!(deprecated.type_infos.len(), 1);
    assert_eq!(deprecated.type_infos[0].activity_type.name, "Charge");
    assert_eq!(deprecated.next_page_token, None);
}

#[tokio::test]
async fn listing_pages_through_every_type_in_name_order() {
    let (_swf, client) = setup().await;
    for name in ["E", "B", "D", "A", "C"] {
        client
            .register_activity_type(&RegisterActivityType::new(DOMAIN, name, "1"))
            .await
            .expect("registered");
    }
    let request =
        ListActivityTypes::new(DOMAIN, RegistrationStatus::Registered).maximum_page_size(2);
    let first = client.list_activity_types(&request).await.expect("page 1");
    assert_eq!(first.type_infos.len(), 2);
    let token = first.next_page_token.clone().expect("more pages");
    let second = client
        .list_activity_types(&request.clone().next_page_token(token))
        .await
        .expect("page 2");
    assert_eq!(second.type_infos.len(), 2);

    let all = client
        .list_activity_types_all(&request)
        .await
        .expect("all pages");
    let names: Vec<_> = all.iter().map(|t| t.activity_type.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E", "Work"]);

    let reversed = client
        .list_activity_types_all(&request.clone().reverse_order(true))
        .await
        .expect("all pages");
    assert_eq!(reversed[0].activity_type.name, "Work");
    let only = client
        .list_activity_types(
            &ListActivityTypes::new(DOMAIN, RegistrationStatus::Registered).name("C"),
        )
        .await
        .expect("filtered");
    assert_eq!(only.type_infos.len(), 1);
}

#[tokio::test]
async fn domains_are_registered_and_described() {
    let (swf, client) = setup().await;
    client
        .register_domain(&RegisterDomain::new("orders", "7").description("the orders"))
        .await
        .expect("registered");
    let detail = client
        .describe_domain(&DescribeDomain::new("orders"))
        .await
        .expect("described");
    assert_eq!(detail.domain_info.name, "orders");
    assert_eq!(detail.domain_info.status, RegistrationStatus::Registered);
    assert_eq!(
        detail.domain_info.description.as_deref(),
        Some("the orders")
    );
    assert_eq!(
        detail
            .configuration
            .workflow_execution_retention_period_in_days,
        "7"
    );
    let err = client
        .register_domain(&RegisterDomain::new("orders", "7"))
        .await
        .expect_err("exists");
    assert!(err.is_fault(FaultCode::DomainAlreadyExists), "{err:?}");
    let err = client
        .describe_domain(&DescribeDomain::new("nope"))
        .await
        .expect_err("unknown");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    let err = swf.register_domain(DOMAIN).expect_err("exists");
    assert!(err.is_fault(FaultCode::DomainAlreadyExists), "{err:?}");
}

#[tokio::test]
async fn higher_priority_tasks_are_handed_out_first() {
    let (swf, client) = setup().await;
    swf.schedule_activity_task(spec("low").priority(-5))
        .expect("low");
    swf.schedule_activity_task(spec("normal")).expect("normal");
    swf.schedule_activity_task(spec("high").priority(10))
        .expect("high");
    swf.schedule_activity_task(spec("normal-2"))
        .expect("normal 2");
    let mut order = Vec::new();
    for _ in 0..4 {
        let task = client
            .poll_for_activity_task(&poll("w"))
            .await
            .expect("poll")
            .expect("task");
        order.push(task.activity_id);
    }
    assert_eq!(order, ["high", "normal", "normal-2", "low"]);
}

#[tokio::test]
async fn scheduling_checks_types_task_lists_and_activity_ids() {
    let (swf, _client) = setup().await;
    let err = swf
        .schedule_activity_task(swf_activity::testing::ScheduleSpec::new(
            DOMAIN,
            ActivityType::new("Unregistered", "1"),
            "x",
        ))
        .expect_err("unknown type");
    assert!(err.is_fault(FaultCode::UnknownResource), "{err:?}");
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, "NoList", "1"))
        .expect("registered");
    let err = swf
        .schedule_activity_task(swf_activity::testing::ScheduleSpec::new(
            DOMAIN,
            ActivityType::new("NoList", "1"),
            "x",
        ))
        .expect_err("no task list");
    assert!(err.is_fault(FaultCode::DefaultUndefined), "{err:?}");
    let err = swf
        .schedule_activity_task(spec("x").task_list("bad|list"))
        .expect_err("invalid task list");
    assert_eq!(err.kind(), &ErrorKind::Validation { client_side: false });
    assert!(err.message().contains("taskList.name"), "{err}");
    // Two open tasks with one id in one execution: the second fails.
    let first = swf
        .schedule_activity_task(spec("same").workflow_id("wf-1"))
        .expect("first");
    let second = swf
        .schedule_activity_task(spec("other").workflow_id("wf-1"))
        .expect("same execution");
    assert_eq!(first.workflow_execution(), second.workflow_execution());
    let err = swf
        .schedule_activity_task(spec("same").workflow_id("wf-1"))
        .expect_err("id in use");
    assert!(
        err.message().contains("ACTIVITY_ID_ALREADY_IN_USE"),
        "{err}"
    );
}

#[tokio::test]
async fn requests_are_counted_per_operation() {
    let (swf, client) = setup().await;
    swf.schedule_activity_task(spec("s-1")).expect("scheduled");
    let task = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new(task.task_token))
        .await
        .expect("completed");
    let stats = swf.stats();
    assert_eq!(stats.requests(Op::PollForActivityTask), 1);
    assert_eq!(stats.requests(Op::RespondActivityTaskCompleted), 1);
    assert_eq!(stats.requests(Op::RecordActivityTaskHeartbeat), 0);
    assert_eq!(stats.total(), 2);
}

#[tokio::test]
async fn the_wire_format_is_swfs() {
    let (swf, _client) = setup().await;
    // No task: `startedEventId` 0 and no token, after the poll wait.
    let fast = swf_activity::testing::LocalSwf::builder()
        .max_poll_wait(std::time::Duration::from_millis(50))
        .start()
        .await
        .expect("started");
    fast.register_domain(DOMAIN).expect("domain");
    let empty = fast
        .raw_request(
            "PollForActivityTask",
            r#"{"domain":"local-tests","taskList":{"name":"t"}}"#,
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(
        (empty.status, empty.body.as_str()),
        (200, r#"{"startedEventId":0}"#)
    );

    // Operations without output answer 200 with an empty body.
    let registered = swf
        .raw_request(
            "RegisterActivityType",
            r#"{"domain":"local-tests","name":"Raw","version":"1"}"#,
        )
        .send()
        .await
        .expect("answer");
    assert_eq!((registered.status, registered.body.as_str()), (200, ""));

    // Modelled faults carry SWF's namespace.
    let fault = swf
        .raw_request("DescribeDomain", r#"{"name":"missing"}"#)
        .send()
        .await
        .expect("answer");
    assert_eq!(fault.status, 400);
    assert_eq!(
        fault.error_type().as_deref(),
        Some("com.amazonaws.swf.base.model#UnknownResourceFault")
    );
    assert_eq!(fault.message().as_deref(), Some("Unknown domain: missing"));

    let unknown = swf
        .raw_request("TerminateEverything", "{}")
        .send()
        .await
        .expect("answer");
    assert_eq!(unknown.status, 400);
    assert_eq!(
        unknown.error_type().as_deref(),
        Some("com.amazon.coral.service#UnknownOperationException")
    );
    let no_target = swf
        .raw_request("DescribeDomain", "{}")
        .target(None)
        .send()
        .await
        .expect("answer");
    assert_eq!(
        no_target.error_code().as_deref(),
        Some("UnknownOperationException")
    );
}
