//! Long polls of the local SWF: they wait for a task, wake up when one is scheduled, expire
//! without one, and are served first come, first served.

mod local_support;

use std::time::{Duration, Instant};

use local_support::{DOMAIN, TASK_LIST, WAIT, poll, setup, setup_with, spec};
use swf_activity::testing::{LocalSwf, Op};

#[tokio::test]
async fn a_blocked_poll_wakes_up_when_a_task_is_scheduled() {
    let (swf, client) =
        setup_with(LocalSwf::builder().max_poll_wait(Duration::from_secs(30))).await;
    let poller = tokio::spawn({
        let client = client.clone();
        async move { client.poll_for_activity_task(&poll("sleeper")).await }
    });
    assert!(
        swf.wait_for_pollers(DOMAIN, TASK_LIST, 1, WAIT).await,
        "the poll is waiting"
    );
    assert!(!poller.is_finished());

    let started = Instant::now();
    let task = swf
        .schedule_activity_task(spec("wake-up"))
        .expect("scheduled");
    let polled = tokio::time::timeout(WAIT, poller)
        .await
        .expect("woken well before the poll wait")
        .expect("join")
        .expect("poll")
        .expect("the task");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(polled.activity_id, "wake-up");
    assert!(swf.is_started(&task));
    assert_eq!(swf.waiting_pollers(DOMAIN, TASK_LIST), 0);
}

#[tokio::test]
async fn a_poll_without_a_task_ends_empty_after_the_poll_wait() {
    let wait = Duration::from_millis(300);
    let (swf, client) = setup_with(LocalSwf::builder().max_poll_wait(wait)).await;
    let started = Instant::now();
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll");
    assert!(polled.is_none());
    assert!(
        started.elapsed() >= wait,
        "answered after {:?}",
        started.elapsed()
    );
    assert_eq!(swf.waiting_pollers(DOMAIN, TASK_LIST), 0);
    // A task scheduled after the poll ended waits for the next poll.
    swf.schedule_activity_task(spec("later"))
        .expect("scheduled");
    assert_eq!(swf.pending_tasks(DOMAIN, TASK_LIST), 1);
    let polled = client
        .poll_for_activity_task(&poll("w"))
        .await
        .expect("poll")
        .expect("task");
    assert_eq!(polled.activity_id, "later");
}

#[tokio::test]
async fn waiting_pollers_are_served_first_come_first_served() {
    let (swf, client) = setup().await;
    let mut pollers = Vec::new();
    for (n, identity) in ["first", "second", "third"].into_iter().enumerate() {
        let client = client.clone();
        pollers.push(tokio::spawn(async move {
            client.poll_for_activity_task(&poll(identity)).await
        }));
        assert!(swf.wait_for_pollers(DOMAIN, TASK_LIST, n + 1, WAIT).await);
    }
    let mut started_by = Vec::new();
    for (i, poller) in pollers.into_iter().enumerate() {
        let task = swf
            .schedule_activity_task(spec(&format!("task-{i}")))
            .expect("scheduled");
        let polled = tokio::time::timeout(WAIT, poller)
            .await
            .expect("answered")
            .expect("join")
            .expect("poll")
            .expect("a task");
        assert_eq!(polled.activity_id, format!("task-{i}"));
        let started = swf.history(&task)[1]
            .activity_task_started_event_attributes
            .clone()
            .expect("started");
        started_by.push(started.identity.unwrap_or_default());
    }
    assert_eq!(started_by, ["first", "second", "third"]);
}

#[tokio::test]
async fn a_task_goes_to_exactly_one_of_many_pollers() {
    let (swf, client) =
        setup_with(LocalSwf::builder().max_poll_wait(Duration::from_millis(500))).await;
    let pollers: Vec<_> = (0..6)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(
                async move { client.poll_for_activity_task(&poll(&format!("p{i}"))).await },
            )
        })
        .collect();
    assert!(swf.wait_for_pollers(DOMAIN, TASK_LIST, 6, WAIT).await);
    swf.schedule_activity_task(spec("only-one"))
        .expect("scheduled");
    let mut got = 0;
    for poller in pollers {
        if poller.await.expect("join").expect("poll").is_some() {
            got += 1;
        }
    }
    assert_eq!(got, 1);
    assert_eq!(swf.stats().requests(Op::PollForActivityTask), 6);
}

#[tokio::test]
async fn task_lists_and_domains_are_separate_queues() {
    let (swf, client) =
        setup_with(LocalSwf::builder().max_poll_wait(Duration::from_millis(200))).await;
    swf.schedule_activity_task(spec("elsewhere").task_list("other"))
        .expect("scheduled");
    assert!(
        client
            .poll_for_activity_task(&poll("w"))
            .await
            .expect("poll")
            .is_none()
    );
    swf.register_domain("other-domain").expect("domain");
    assert!(
        client
            .poll_for_activity_task(&swf_activity::model::PollForActivityTask::new(
                "other-domain",
                "other"
            ))
            .await
            .expect("poll")
            .is_none()
    );
    assert_eq!(swf.pending_tasks(DOMAIN, "other"), 1);
}

#[tokio::test]
async fn a_poller_that_goes_away_leaves_the_queue() {
    let (swf, client) = setup().await;
    let poller = tokio::spawn({
        let client = client.clone();
        async move { client.poll_for_activity_task(&poll("quitter")).await }
    });
    assert!(swf.wait_for_pollers(DOMAIN, TASK_LIST, 1, WAIT).await);
    poller.abort();
    // The closed connection ends the poll on the server; a task scheduled now waits for the
    // next poller instead of going to the one that left.
    assert!(swf.wait_for_no_pollers(DOMAIN, TASK_LIST, WAIT).await);
    swf.schedule_activity_task(spec("kept")).expect("scheduled");
    assert_eq!(swf.pending_tasks(DOMAIN, TASK_LIST), 1);
}

#[tokio::test]
async fn shutting_down_ends_open_polls_and_refuses_new_requests() {
    let (swf, client) = setup().await;
    let poller = tokio::spawn({
        let client = client.clone();
        async move { client.poll_for_activity_task(&poll("w")).await }
    });
    assert!(swf.wait_for_pollers(DOMAIN, TASK_LIST, 1, WAIT).await);
    swf.shutdown().await;
    let ended = tokio::time::timeout(WAIT, poller)
        .await
        .expect("the poll ends")
        .expect("join");
    assert!(ended.is_err(), "{ended:?}");
    let err = client
        .describe_domain(&swf_activity::model::DescribeDomain::new(DOMAIN))
        .await
        .expect_err("nothing listens");
    assert!(
        matches!(err.kind(), swf_activity::ErrorKind::Transport { .. }),
        "{err:?}"
    );
}
