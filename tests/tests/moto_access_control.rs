//! Access control on moto: an IAM user whose policy denies `swf:RespondActivityTaskCompleted`.
//! The worker reports the refused answer clearly (the IAM action, the worker's domain, the
//! statement that would allow it), does not retry it, and keeps serving what it may: a task
//! that fails is answered with `RespondActivityTaskFailed`, which the policy allows.
//!
//! moto enforces IAM policies for SWF by action (it checks each request's `swf:<Operation>`
//! against the user's policies, after its first `INITIAL_NO_AUTH_ACTION_COUNT` requests) and
//! answers a refusal with HTTP 403 and an XML `AccessDenied` error whose message names the user
//! and the action, not the domain. It checks every SWF request against the resource `*`, so the
//! deny statement says `"Resource":"*"`.
//!
//! Needs `moto_server`; `.ci/moto.sh` installs a pinned moto and runs this test.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use swf_activity::model::{EventType, GetWorkflowExecutionHistory, RespondActivityTaskCompleted};
use swf_activity::registry::ActivitySet;
use swf_activity::{ErrorKind, Worker, activity};
use swf_activity_tests::logs::LogBuffer;
use swf_activity_tests::moto::{MotoServer, REGION, schedule_activity_tasks};
use tokio::sync::Notify;

const DOMAIN: &str = "swf-activity-moto-iam";
const TASK_LIST: &str = "iam-denied";
const DENIED: &str = "RespondActivityTaskCompleted";
/// How long the worker may take for both tasks (moto answers an empty poll after a second).
const WAIT: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("refund of order {order} was declined")]
struct RefundDeclined {
    order: u32,
}

/// How many of the test's activities have run, and a wake-up for each.
static RAN: AtomicUsize = AtomicUsize::new(0);
static RAN_CHANGED: Notify = Notify::const_new();

fn ran() {
    RAN.fetch_add(1, Ordering::SeqCst);
    RAN_CHANGED.notify_waiters();
}

/// Completes: its answer is the action the policy denies.
#[activity(name = "Settle", version = "1", task_list = "iam-denied")]
async fn settle(order: u32) -> Result<u32, RefundDeclined> {
    ran();
    Ok(order)
}

/// Fails: its answer is allowed.
#[activity(name = "Refund", version = "1", task_list = "iam-denied")]
async fn refund(order: u32) -> Result<u32, RefundDeclined> {
    ran();
    Err(RefundDeclined { order })
}

#[tokio::test]
#[ignore = "needs moto_server; run .ci/moto.sh (see README)"]
async fn a_denied_answer_is_reported_and_the_worker_keeps_serving() {
    let logs = LogBuffer::default();
    // A current-thread runtime: the worker's tasks log on this thread.
    let _guard = logs.install(tracing::Level::INFO);

    let moto = MotoServer::start(env!("CARGO_TARGET_TMPDIR"));
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"swf:*","Resource":"*"}},{{"Effect":"Deny","Action":"swf:{DENIED}","Resource":"*"}}]}}"#
    );
    let (access_key_id, secret) = moto.create_user_with_policy(&policy).await;
    let client = moto.client(&access_key_id, &secret);

    // The client alone: moto refuses the action before it looks at the task token. The request
    // names no domain, so the hint can only say "any domain".
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("no-such-token"))
        .await
        .expect_err("the policy denies it");
    assert_eq!(
        err.kind(),
        &ErrorKind::AccessDenied {
            code: Some("AccessDenied".into())
        },
        "{err:?}\nmoto log:\n{}",
        moto.log_text()
    );
    assert!(
        err.message()
            .contains(&format!("is not authorized to perform: swf:{DENIED}")),
        "{err:?}"
    );
    assert_eq!(
        err.hint(),
        Some(
            format!(
                r#"not permitted: swf:{DENIED} on arn:aws:swf:{REGION}:*:/domain/*; allow it with {{"Effect":"Allow","Action":"swf:{DENIED}","Resource":"arn:aws:swf:{REGION}:*:/domain/*"}}"#
            )
            .as_str()
        )
    );

    // Everything else is allowed: set up a domain, types, and an execution whose decider
    // schedules one task of each activity.
    let execution = schedule_activity_tasks(
        &client,
        DOMAIN,
        TASK_LIST,
        "reconcile-7",
        &[("Settle", "settle-7", "7"), ("Refund", "refund-7", "7")],
    )
    .await;

    // The worker: one task at a time, so once the second activity runs, the first one has been
    // answered (or refused); shutting down then drains the second.
    let worker = Worker::builder(client.clone(), DOMAIN)
        .task_list(TASK_LIST)
        .activities(ActivitySet::select([("Settle", "1"), ("Refund", "1")]).expect("selected"))
        .register_activity_types(false)
        .max_concurrent_tasks(1)
        .pollers(1)
        .build()
        .expect("worker");
    let both_ran = async {
        loop {
            let changed = RAN_CHANGED.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if RAN.load(Ordering::SeqCst) >= 2 {
                return;
            }
            changed.await;
        }
    };
    tokio::time::timeout(WAIT, worker.run_until(both_ran))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "the worker did not run both tasks within {WAIT:?}; moto log:\n{}",
                moto.log_text()
            )
        })
        .expect("the worker stops cleanly");

    let text = logs.text();
    // The refusal: one error line (it is not retried) naming the action, the worker's domain,
    // the statement that would allow it, moto's own words, and the task.
    let refusals: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(&format!("not permitted: swf:{DENIED}")))
        .collect();
    assert_eq!(refusals.len(), 1, "one refusal, not retried:\n{text}");
    let line = refusals[0];
    println!("the worker logged: {}", line.trim());
    assert!(line.trim_start().starts_with("ERROR"), "{line}");
    assert!(
        line.contains(&format!(
            r#"{DENIED}: access denied (AccessDenied): not permitted: swf:{DENIED} on arn:aws:swf:{REGION}:*:/domain/{DOMAIN}; allow it with {{"Effect":"Allow","Action":"swf:{DENIED}","Resource":"arn:aws:swf:{REGION}:*:/domain/{DOMAIN}"}}; SWF said: User: "#
        )),
        "{line}"
    );
    assert!(
        line.contains(&format!("is not authorized to perform: swf:{DENIED}")),
        "{line}"
    );
    assert!(line.contains("activity_id=settle-7"), "{line}");

    // What the decider sees: the failure that was allowed is recorded; the completion that was
    // refused is not (the task stays open until it times out).
    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(DOMAIN, execution))
        .await
        .expect("GetWorkflowExecutionHistory");
    let count = |t: EventType| events.iter().filter(|e| e.event_type == t).count();
    assert_eq!(count(EventType::ActivityTaskStarted), 2, "{events:#?}");
    assert_eq!(count(EventType::ActivityTaskCompleted), 0, "{events:#?}");
    let failed: Vec<_> = events
        .iter()
        .filter_map(|e| e.activity_task_failed_event_attributes.as_ref())
        .collect();
    assert_eq!(failed.len(), 1, "{events:#?}");
    assert_eq!(
        failed[0].reason.as_deref(),
        Some("refund of order 7 was declined")
    );
    assert_eq!(failed[0].details.as_deref(), Some(r#"{"order":7}"#));
}
