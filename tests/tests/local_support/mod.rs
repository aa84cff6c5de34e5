//! What the `local_*` tests share: a local SWF with a domain and an activity type.

#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use serde_json::Value;
use swf_activity::Client;
use swf_activity::model::{ActivityType, PollForActivityTask, RegisterActivityType, TaskList};
use swf_activity::testing::{LocalSwf, LocalSwfBuilder, ScheduleSpec};

/// The domain every test registers.
pub(crate) const DOMAIN: &str = "local-tests";
/// The task list of [`work_type`].
pub(crate) const TASK_LIST: &str = "work";
/// Upper bound of every wait in the tests; they normally finish far sooner.
pub(crate) const WAIT: Duration = Duration::from_secs(10);

/// Activity type `Work` version `1`, registered by [`setup`] with default task list
/// [`TASK_LIST`] and no default timeouts.
pub(crate) fn work_type() -> ActivityType {
    ActivityType::new("Work", "1")
}

/// A local SWF (polls wait at most 5 s unless `builder` says otherwise) with [`DOMAIN`] and
/// [`work_type`] registered, and a client for it.
pub(crate) async fn setup_with(builder: LocalSwfBuilder) -> (LocalSwf, Client) {
    let swf = builder.start().await.expect("local SWF starts");
    swf.register_domain(DOMAIN).expect("domain");
    swf.register_activity_type(
        &RegisterActivityType::new(DOMAIN, "Work", "1").default_task_list(TaskList::new(TASK_LIST)),
    )
    .expect("activity type");
    let client = swf.client();
    (swf, client)
}

/// [`setup_with`] the default builder and a 5 s poll wait.
pub(crate) async fn setup() -> (LocalSwf, Client) {
    setup_with(LocalSwf::builder().max_poll_wait(Duration::from_secs(5))).await
}

/// A task of [`work_type`] with id `id` on [`TASK_LIST`].
pub(crate) fn spec(id: &str) -> ScheduleSpec {
    ScheduleSpec::new(DOMAIN, work_type(), id)
}

/// A poll of [`TASK_LIST`] by `identity`.
pub(crate) fn poll(identity: &str) -> PollForActivityTask {
    PollForActivityTask::new(DOMAIN, TASK_LIST).identity(identity)
}

/// Sends `body` to `op`; the `message` of the `ValidationException` it must get.
pub(crate) async fn rejected(swf: &LocalSwf, op: &str, body: Value) -> String {
    let answer = swf
        .raw_request(op, body.to_string())
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status, 400, "{op}: {}", answer.body);
    assert_eq!(
        answer.error_type().as_deref(),
        Some("com.amazon.coral.validate#ValidationException"),
        "{op}: {}",
        answer.body
    );
    answer.message().expect("a message")
}
