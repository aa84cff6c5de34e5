//! Access control: denials name the IAM action, the domain and the statement that would allow
//! the call; the worker reports a denied answer clearly and keeps serving; the worker prints
//! the least-privilege policy it needs.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use swf_activity::model::{
    PollForActivityTask, RegisterActivityType, RespondActivityTaskCompleted, TaskList,
};
use swf_activity::registry::ActivitySet;
use swf_activity::testing::LocalSwf;
use swf_activity::{ActivityContext, ErrorKind, FaultCode, Worker, activity};
use swf_activity_tests::logs::LogBuffer;
use swf_activity_tests::{RecordingServer, Reply, test_client};
use tokio::sync::Notify;

const WAIT: Duration = Duration::from_secs(20);
const ACCOUNT: &str = "123456789012";

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("never")]
struct Never;

#[activity(name = "Double", version = "2", task_list = "iam")]
async fn double(n: u32) -> Result<u32, Never> {
    Ok(n * 2)
}

#[activity(
    name = "Audit",
    version = "1",
    heartbeat_timeout = "30s",
    start_to_close_timeout = "60"
)]
async fn audit() -> Result<(), Never> {
    Ok(())
}

/// Released by the test once the worker has reported the refused heartbeat.
static HEARTBEAT_REPORTED: Notify = Notify::const_new();

/// Heartbeats once, then ends when the test says so.
#[activity(name = "Beat", version = "1", task_list = "iam")]
async fn beat(ctx: ActivityContext, n: u32) -> Result<u32, Never> {
    ctx.heartbeat(n);
    HEARTBEAT_REPORTED.notified().await;
    Ok(n)
}

/// What AWS says when IAM refuses an SWF call.
fn aws_denial(action: &str, domain: &str) -> String {
    format!(
        "User: arn:aws:sts::{ACCOUNT}:assumed-role/worker/i-0abc is not authorized to perform: \
         swf:{action} on resource: arn:aws:swf:us-east-1:{ACCOUNT}:/domain/{domain} because no \
         identity-based policy allows the swf:{action} action"
    )
}

#[tokio::test]
async fn denials_name_the_action_the_domain_and_the_statement() {
    let server = RecordingServer::start().await;
    let client = test_client(&server.url());

    // OperationNotPermittedFault on a poll: the request names the domain and the task list.
    server.respond_with(vec![Reply::fault("OperationNotPermittedFault", "")]);
    let err = client
        .poll_for_activity_task(&PollForActivityTask::new("orders", "payments"))
        .await
        .expect_err("denied");
    assert!(err.is_fault(FaultCode::OperationNotPermitted), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(server.request_count(), 1, "a denial is not retried");
    assert_eq!(
        err.to_string(),
        r#"PollForActivityTask: OperationNotPermittedFault: not permitted: swf:PollForActivityTask on arn:aws:swf:us-east-1:*:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:PollForActivityTask","Resource":"arn:aws:swf:us-east-1:*:/domain/orders","Condition":{"StringEquals":{"swf:taskList.name":"payments"}}}"#
    );

    // AccessDeniedException on an answer: the request has only a task token; AWS's message
    // names the domain and the account.
    let said = aws_denial("RespondActivityTaskCompleted", "orders");
    server.respond_with(vec![Reply::json(
        400,
        json!({"__type": "com.amazon.coral.service#AccessDeniedException", "Message": said})
            .to_string(),
    )]);
    let err = client
        .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
        .await
        .expect_err("denied");
    assert_eq!(
        err.kind(),
        &ErrorKind::AccessDenied {
            code: Some("AccessDeniedException".into())
        }
    );
    let message = err.to_string();
    assert!(
        message.starts_with(&format!(
            r#"RespondActivityTaskCompleted: access denied (AccessDeniedException): not permitted: swf:RespondActivityTaskCompleted on arn:aws:swf:us-east-1:{ACCOUNT}:/domain/orders; allow it with {{"Effect":"Allow","Action":"swf:RespondActivityTaskCompleted","Resource":"arn:aws:swf:us-east-1:{ACCOUNT}:/domain/orders"}}; SWF said: User: "#
        )),
        "{message}"
    );
    // SWF's own message is kept as is; the hint is separate.
    assert_eq!(err.message(), said);
    assert!(err.hint().expect("a hint").starts_with("not permitted: "));
    // The statement in the message is valid JSON.
    let statement = message
        .split("allow it with ")
        .nth(1)
        .and_then(|rest| rest.split("; SWF said").next())
        .expect("a statement");
    let statement: Value = serde_json::from_str(statement).expect("JSON");
    assert_eq!(statement["Effect"], "Allow");

    // A bare 403 on registration: conditions from the request.
    server.respond_with(vec![Reply::raw(
        403,
        Some("text/html"),
        "<html>Forbidden</html>",
    )]);
    let err = client
        .register_activity_type(
            &RegisterActivityType::new("orders", "ChargeCard", "1")
                .default_task_list(TaskList::new("payments")),
        )
        .await
        .expect_err("denied");
    assert!(
        err.to_string().contains(
            r#""Condition":{"StringEquals":{"swf:name":"ChargeCard","swf:version":"1","swf:defaultTaskList.name":"payments"}}"#
        ),
        "{err}"
    );

    // A bad signature is not a policy matter: no statement.
    server.respond_with(vec![Reply::json(
        400,
        r#"{"__type":"com.amazon.coral.service#InvalidSignatureException","message":"The request signature we calculated does not match"}"#,
    )]);
    let err = client
        .poll_for_activity_task(&PollForActivityTask::new("orders", "payments"))
        .await
        .expect_err("denied");
    assert!(!err.to_string().contains("allow it with"), "{err}");
}

fn task(token: &str, id: &str, input: &str) -> Reply {
    Reply::activity_task("Double", "2", token, id, input)
}

/// SWF refuses two answers (`OperationNotPermittedFault`): the worker logs an error that says
/// which permission is missing on which domain and how to grant it, does not retry, and serves
/// the next task. An answer names only a task token, so where SWF's message names no domain
/// either, the hint names the worker's.
#[tokio::test]
async fn the_worker_reports_a_denied_answer_and_keeps_serving() {
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);

    let server = RecordingServer::start().await;
    // One slot: poll, run, answer, poll again; so the requests come in this order.
    server.respond_with(vec![
        task("token-1", "a1", "20"),
        Reply::fault(
            "OperationNotPermittedFault",
            &aws_denial("RespondActivityTaskCompleted", "orders"),
        ),
        task("token-2", "a2", "21"),
        Reply::fault("OperationNotPermittedFault", ""),
        task("token-3", "a3", "22"),
        Reply::ok(""),
    ]);
    let worker = Worker::builder(test_client(&server.url()), "orders")
        .activities(ActivitySet::select([("Double", "2")]).expect("selected"))
        .register_activity_types(false)
        .max_concurrent_tasks(1)
        .pollers(1)
        .build()
        .expect("worker");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));
    let requests = server.wait_for_requests(6, WAIT).await;
    let _ = stop.send(());
    // Polls that find no task answer at once (`200 {}`); the worker stops after its open poll.
    tokio::time::timeout(WAIT, running)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");

    let ops: Vec<_> = requests.iter().take(6).map(|r| r.operation()).collect();
    assert_eq!(
        ops,
        [
            Some("PollForActivityTask"),
            Some("RespondActivityTaskCompleted"),
            Some("PollForActivityTask"),
            Some("RespondActivityTaskCompleted"),
            Some("PollForActivityTask"),
            Some("RespondActivityTaskCompleted"),
        ],
        "a denied answer is not retried and the next task is served"
    );
    assert_eq!(requests[1].json()["result"], "40");
    assert_eq!(requests[3].json()["taskToken"], "token-2");
    assert_eq!(requests[3].json()["result"], "42");
    assert_eq!(requests[5].json()["taskToken"], "token-3");
    assert_eq!(requests[5].json()["result"], "44");

    let text = logs.text();
    let line = text
        .lines()
        .find(|l| l.contains("not permitted: swf:RespondActivityTaskCompleted"))
        .unwrap_or_else(|| panic!("no log line explains the denial:\n{text}"));
    assert!(line.trim_start().starts_with("ERROR"), "{line}");
    assert!(
        line.contains(&format!(
            r#"allow it with {{"Effect":"Allow","Action":"swf:RespondActivityTaskCompleted","Resource":"arn:aws:swf:us-east-1:{ACCOUNT}:/domain/orders"}}"#
        )),
        "{line}"
    );
    assert!(line.contains("activity_id=a1"), "the task is named: {line}");
    // SWF's bare fault names no domain: the hint names the worker's.
    let line = text
        .lines()
        .find(|l| l.contains("activity_id=a2") && l.contains("not permitted: "))
        .unwrap_or_else(|| panic!("no log line explains the second denial:\n{text}"));
    assert!(line.trim_start().starts_with("ERROR"), "{line}");
    assert!(
        line.contains(
            r#"not permitted: swf:RespondActivityTaskCompleted on arn:aws:swf:us-east-1:*:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:RespondActivityTaskCompleted","Resource":"arn:aws:swf:us-east-1:*:/domain/orders"}"#
        ),
        "{line}"
    );
    assert!(!text.contains("token-1"), "no task token in the logs");
}

/// SWF refuses a heartbeat: the worker logs an error naming the action and its domain (the
/// request names only a task token), the task goes on and is answered.
#[tokio::test]
async fn the_worker_reports_a_denied_heartbeat_with_its_domain() {
    let logs = LogBuffer::default();
    let _guard = logs.install(tracing::Level::INFO);

    let server = RecordingServer::start().await;
    server.respond_with(vec![
        Reply::activity_task("Beat", "1", "token-b", "b1", "5"),
        Reply::fault("OperationNotPermittedFault", ""),
        Reply::ok(""),
    ]);
    let worker = Worker::builder(test_client(&server.url()), "orders")
        .activities(ActivitySet::select([("Beat", "1")]).expect("selected"))
        .register_activity_types(false)
        .max_concurrent_tasks(1)
        .pollers(1)
        .build()
        .expect("worker");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));
    let line = logs
        .wait_for_line("not permitted: swf:RecordActivityTaskHeartbeat", WAIT)
        .await;
    HEARTBEAT_REPORTED.notify_one();
    let requests = server.wait_for_requests(3, WAIT).await;
    let _ = stop.send(());
    tokio::time::timeout(WAIT, running)
        .await
        .expect("stops")
        .expect("no panic")
        .expect("clean");

    assert!(line.trim_start().starts_with("ERROR"), "{line}");
    assert!(
        line.contains(
            r#"not permitted: swf:RecordActivityTaskHeartbeat on arn:aws:swf:us-east-1:*:/domain/orders; allow it with {"Effect":"Allow","Action":"swf:RecordActivityTaskHeartbeat","Resource":"arn:aws:swf:us-east-1:*:/domain/orders"}"#
        ),
        "{line}"
    );
    assert!(line.contains("activity_id=b1"), "the task is named: {line}");
    let ops: Vec<_> = requests.iter().take(3).map(|r| r.operation()).collect();
    assert_eq!(
        ops,
        [
            Some("PollForActivityTask"),
            Some("RecordActivityTaskHeartbeat"),
            Some("RespondActivityTaskCompleted"),
        ],
        "the task goes on after the refused heartbeat"
    );
    assert_eq!(requests[2].json()["result"], "5");
}

#[tokio::test]
async fn the_worker_prints_its_least_privilege_policy() {
    let swf = LocalSwf::start().await.expect("local SWF");
    let worker = Worker::builder(swf.client(), "orders")
        .task_list("iam")
        .task_list("audit")
        .activities(ActivitySet::select([("Double", "2"), ("Audit", "1")]).expect("selected"))
        .build()
        .expect("worker");
    let policy: Value =
        serde_json::from_str(&worker.iam_policy_for_account(ACCOUNT)).expect("JSON");
    assert_eq!(policy["Version"], "2012-10-17");
    let statements = policy["Statement"].as_array().expect("statements");
    let resource = format!("arn:aws:swf:us-east-1:{ACCOUNT}:/domain/orders");
    for s in statements {
        assert_eq!(s["Effect"], "Allow");
        assert_eq!(s["Resource"], resource.as_str(), "only the worker's domain");
    }
    let by_action = |action: &str| -> Vec<&Value> {
        statements
            .iter()
            .filter(|s| match &s["Action"] {
                Value::String(a) => a == action,
                Value::Array(a) => a.iter().any(|a| a == action),
                _ => false,
            })
            .collect()
    };
    let poll = by_action("swf:PollForActivityTask");
    assert_eq!(poll.len(), 1);
    assert_eq!(
        poll[0]["Condition"],
        json!({"StringEquals": {"swf:taskList.name": ["iam", "audit"]}})
    );
    for action in [
        "swf:RespondActivityTaskCompleted",
        "swf:RespondActivityTaskFailed",
        "swf:RespondActivityTaskCanceled",
        "swf:RecordActivityTaskHeartbeat",
    ] {
        assert_eq!(by_action(action).len(), 1, "{action}");
    }
    let register = by_action("swf:RegisterActivityType");
    let conditions: Vec<_> = register.iter().map(|s| s["Condition"].clone()).collect();
    assert_eq!(conditions.len(), 2);
    for expected in [
        json!({"StringEquals": {"swf:name": "Audit", "swf:version": "1"}}),
        json!({"StringEquals": {"swf:name": "Double", "swf:version": "2", "swf:defaultTaskList.name": "iam"}}),
    ] {
        assert!(conditions.contains(&expected), "{conditions:?}");
    }
    let describe = by_action("swf:DescribeActivityType");
    assert_eq!(describe.len(), 2);
    assert!(describe.iter().any(|s| s["Condition"]
        == json!({"StringEquals": {"swf:activityType.name": "Double", "swf:activityType.version": "2"}})));
    // Nothing else: no wildcard actions, no other operations.
    let mut actions: Vec<String> = statements
        .iter()
        .flat_map(|s| match &s["Action"] {
            Value::String(a) => vec![a.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|a| a.as_str().map(str::to_owned))
                .collect(),
            _ => vec![],
        })
        .collect();
    actions.sort();
    actions.dedup();
    assert_eq!(
        actions,
        [
            "swf:DescribeActivityType",
            "swf:PollForActivityTask",
            "swf:RecordActivityTaskHeartbeat",
            "swf:RegisterActivityType",
            "swf:RespondActivityTaskCanceled",
            "swf:RespondActivityTaskCompleted",
            "swf:RespondActivityTaskFailed",
        ]
    );

    // Without registration the worker needs neither RegisterActivityType nor Describe.
    let worker = Worker::builder(swf.client(), "orders")
        .task_list("iam")
        .activities(ActivitySet::select([("Double", "2")]).expect("selected"))
        .register_activity_types(false)
        .build()
        .expect("worker");
    let policy = worker.iam_policy();
    assert!(!policy.contains("RegisterActivityType"), "{policy}");
    assert!(
        policy.contains("arn:aws:swf:us-east-1:*:/domain/orders"),
        "{policy}"
    );
    let _: Value = serde_json::from_str(&policy).expect("JSON");
}
