//! Interop with moto, an SWF implementation written by others, over real HTTP with SigV4
//! checked: register, start, decide, poll, fail an activity task, and read the failure back from
//! the history.
//!
//! Needs `moto_server`; `.ci/moto.sh` installs a pinned moto into `target/moto-venv` and runs
//! this test with `SWF_MOTO_SERVER` pointing at it.
//!
//! moto checks signatures only after its first `INITIAL_NO_AUTH_ACTION_COUNT` requests, and
//! then only for IAM users it knows. So the test spends exactly those first requests on IAM
//! (create a user, an access key and an inline policy allowing `swf:*`) and signs everything
//! after that with the new user's key.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use swf_activity::credentials::Credentials;
use swf_activity::model::{
    ActivityType, Decision, DescribeActivityType, DescribeDomain, EventType,
    GetWorkflowExecutionHistory, ListActivityTypes, PollForActivityTask, PollForDecisionTask,
    RecordActivityTaskHeartbeat, RegisterActivityType, RegisterDomain, RegisterWorkflowType,
    RegistrationStatus, RespondActivityTaskFailed, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution, WorkflowExecution,
    WorkflowType,
};
use swf_activity::{Client, ErrorKind};
use swf_activity_tests::test_retry_config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The IAM calls made before moto starts checking signatures: CreateUser, CreateAccessKey,
/// PutUserPolicy.
const NO_AUTH_REQUESTS: usize = 3;
const REGION: &str = "us-east-1";
const DOMAIN: &str = "swf-activity-moto";
const USER: &str = "swf-activity-worker";
/// moto has no long poll: an empty poll sleeps a second and answers without a task.
const MAX_POLLS: usize = 15;
const REASON: &str = "card ending 4242 was declined";
const DETAILS: &str = r#"{"Declined":{"last4":"4242"}}"#;

/// A `moto_server` child process on `127.0.0.1`, killed when dropped.
struct MotoServer {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl MotoServer {
    fn start() -> MotoServer {
        let Some(program) = std::env::var_os("SWF_MOTO_SERVER") else {
            panic!(
                "SWF_MOTO_SERVER is not set: it must name the `moto_server` executable. \
                 Run `.ci/moto.sh`, which installs moto and sets it (see README)"
            );
        };
        // Let the OS pick a free port, then hand it to moto.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("find a free port")
            .port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("moto-{port}.log"));
        let out = File::create(&log).expect("create the moto log");
        let err = out.try_clone().expect("clone the moto log");
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", NO_AUTH_REQUESTS.to_string())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.to_string_lossy()));
        let mut server = MotoServer { child, addr, log };
        server.wait_until_listening(Duration::from_secs(60));
        server
    }

    /// Waits (bounded) until moto accepts connections; a connection alone does not count as a
    /// request against `INITIAL_NO_AUTH_ACTION_COUNT`.
    fn wait_until_listening(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "moto_server exited with {status}; log:\n{}",
                    self.log_text()
                );
            }
            assert!(
                Instant::now() < deadline,
                "moto_server did not listen on {} within {timeout:?}; log:\n{}",
                self.addr,
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn client(&self, access_key_id: &str, secret_access_key: &str) -> Client {
        Client::builder()
            .region(REGION)
            .endpoint_url(self.url())
            .credentials(Credentials::from_keys(
                access_key_id,
                secret_access_key,
                None,
            ))
            .retry_config(test_retry_config())
            .poll_timeout(Duration::from_secs(20))
            .read_timeout(Duration::from_secs(20))
            .build()
            .expect("client for moto")
    }

    /// One IAM query (`Action=...&Version=2010-05-08`, form-encoded POST). Made while moto does
    /// not check signatures yet, so the signature is a dummy; the credential scope still has to
    /// say `iam`, because that is how moto picks the service.
    async fn iam(&self, params: &[(&str, &str)]) -> String {
        let mut body = String::from("Version=2010-05-08");
        for (key, value) in params {
            body.push('&');
            body.push_str(&form_encode(key));
            body.push('=');
            body.push_str(&form_encode(value));
        }
        let request = format!(
            "POST / HTTP/1.1\r\n\
             Host: {addr}\r\n\
             Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n\
             X-Amz-Date: 20250101T000000Z\r\n\
             Authorization: AWS4-HMAC-SHA256 Credential=AKIDBOOTSTRAP/20250101/{REGION}/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature={zeros}\r\n\
             Content-Length: {len}\r\n\
             Connection: close\r\n\r\n{body}",
            addr = self.addr,
            zeros = "0".repeat(64),
            len = body.len(),
        );
        let exchange = async {
            let mut stream = tokio::net::TcpStream::connect(self.addr).await?;
            stream.write_all(request.as_bytes()).await?;
            let mut response = Vec::new();
            stream.read_to_end(&mut response).await?;
            Ok::<_, std::io::Error>(String::from_utf8_lossy(&response).into_owned())
        };
        let response = tokio::time::timeout(Duration::from_secs(30), exchange)
            .await
            .expect("IAM answered in time")
            .expect("IAM request");
        let status = response.split_whitespace().nth(1).unwrap_or_default();
        assert_eq!(
            status,
            "200",
            "IAM {params:?} failed:\n{response}\nmoto log:\n{}",
            self.log_text()
        );
        response
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `application/x-www-form-urlencoded` as AWS query APIs read it: unreserved characters kept,
/// everything else percent-encoded.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The text of the first `<tag>...</tag>` in an XML answer.
fn xml_text<'a>(xml: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("no <{tag}> in {xml}"))
        + open.len();
    let len = xml[start..]
        .find(&close)
        .unwrap_or_else(|| panic!("no </{tag}> in {xml}"));
    &xml[start..start + len]
}

/// Creates an IAM user allowed `swf:*` and returns its access key id and secret.
async fn create_swf_user(moto: &MotoServer) -> (String, String) {
    moto.iam(&[("Action", "CreateUser"), ("UserName", USER)])
        .await;
    let key = moto
        .iam(&[("Action", "CreateAccessKey"), ("UserName", USER)])
        .await;
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"swf:*","Resource":"*"}]}"#;
    moto.iam(&[
        ("Action", "PutUserPolicy"),
        ("UserName", USER),
        ("PolicyName", "swf-all"),
        ("PolicyDocument", policy),
    ])
    .await;
    (
        xml_text(&key, "AccessKeyId").to_owned(),
        xml_text(&key, "SecretAccessKey").to_owned(),
    )
}

#[tokio::test]
#[ignore = "needs moto_server; run .ci/moto.sh (see README)"]
async fn activity_failure_round_trips_through_moto() {
    let moto = MotoServer::start();
    let (access_key_id, secret) = create_swf_user(&moto).await;
    let client = moto.client(&access_key_id, &secret);

    // From here on moto checks every signature: a wrong secret is refused.
    let impostor = moto.client(&access_key_id, "not-the-secret-access-key");
    let err = impostor
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect_err("a request signed with a wrong secret is refused");
    assert!(
        matches!(err.kind(), ErrorKind::AccessDenied { .. }),
        "wrong secret: {err:?}"
    );

    client
        .register_domain(&RegisterDomain::new(DOMAIN, "1").description("swf-activity interop"))
        .await
        .expect("RegisterDomain");
    let domain = client
        .describe_domain(&DescribeDomain::new(DOMAIN))
        .await
        .expect("DescribeDomain");
    assert_eq!(domain.domain_info.name, DOMAIN);
    assert_eq!(domain.domain_info.status, RegistrationStatus::Registered);

    let charge = ActivityType::new("ChargeCard", "1");
    client
        .register_activity_type(
            &RegisterActivityType::new(DOMAIN, &charge.name, &charge.version)
                .default_task_list("payments")
                .default_task_priority("0")
                .default_task_schedule_to_start_timeout("300")
                .default_task_start_to_close_timeout("300")
                .default_task_schedule_to_close_timeout("600")
                .default_task_heartbeat_timeout("60"),
        )
        .await
        .expect("RegisterActivityType");
    let again = client
        .register_activity_type(&RegisterActivityType::new(
            DOMAIN,
            &charge.name,
            &charge.version,
        ))
        .await
        .expect_err("the type exists");
    assert!(
        again.is_fault(swf_activity::FaultCode::TypeAlreadyExists),
        "{again:?}"
    );
    let described = client
        .describe_activity_type(&DescribeActivityType::new(DOMAIN, charge.clone()))
        .await
        .expect("DescribeActivityType");
    assert_eq!(described.type_info.activity_type, charge);
    assert_eq!(
        described
            .configuration
            .default_task_start_to_close_timeout
            .as_deref(),
        Some("300")
    );
    let listed = client
        .list_activity_types_all(&ListActivityTypes::new(
            DOMAIN,
            RegistrationStatus::Registered,
        ))
        .await
        .expect("ListActivityTypes");
    assert!(
        listed.iter().any(|t| t.activity_type == charge),
        "{listed:?}"
    );

    let workflow = WorkflowType::new("ProcessOrder", "1");
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(DOMAIN, &workflow.name, &workflow.version)
                .default_task_list("deciders")
                .default_task_start_to_close_timeout("60")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(swf_activity::model::ChildPolicy::Terminate),
        )
        .await
        .expect("RegisterWorkflowType");
    let run = client
        .start_workflow_execution(
            &StartWorkflowExecution::new(DOMAIN, "order-42", workflow.clone())
                .input(r#"{"order":42}"#),
        )
        .await
        .expect("StartWorkflowExecution");
    let run_id = run.run_id.expect("moto answers with a run id");

    // The decider: schedule one ChargeCard task.
    let mut decision_task = None;
    for _ in 0..MAX_POLLS {
        decision_task = client
            .poll_for_decision_task(&PollForDecisionTask::new(DOMAIN, "deciders"))
            .await
            .expect("PollForDecisionTask");
        if decision_task.is_some() {
            break;
        }
    }
    let decision_task = decision_task.expect("a decision task within the poll budget");
    assert_eq!(decision_task.workflow_execution.run_id, run_id);
    assert_eq!(
        decision_task.events.first().map(|e| &e.event_type),
        Some(&EventType::WorkflowExecutionStarted)
    );
    let schedule = ScheduleActivityTaskDecisionAttributes::new(charge.clone(), "charge-1")
        .input(r#"{"order":42,"last4":"4242"}"#)
        .task_list("payments");
    client
        .respond_decision_task_completed(
            &RespondDecisionTaskCompleted::new(decision_task.task_token)
                .decision(Decision::schedule_activity_task(schedule)),
        )
        .await
        .expect("RespondDecisionTaskCompleted");

    // The worker: take the task and fail it the way the framework does.
    let mut activity_task = None;
    for _ in 0..MAX_POLLS {
        activity_task = client
            .poll_for_activity_task(
                &PollForActivityTask::new(DOMAIN, "payments").identity("moto-interop-test"),
            )
            .await
            .expect("PollForActivityTask");
        if activity_task.is_some() {
            break;
        }
    }
    let task = activity_task.expect("an activity task within the poll budget");
    assert_eq!(task.activity_id, "charge-1");
    assert_eq!(task.activity_type, charge);
    assert_eq!(
        task.input.as_deref(),
        Some(r#"{"order":42,"last4":"4242"}"#)
    );
    let status = client
        .record_activity_task_heartbeat(
            &RecordActivityTaskHeartbeat::new(&task.task_token).details("charging"),
        )
        .await
        .expect("RecordActivityTaskHeartbeat");
    assert!(!status.cancel_requested);
    client
        .respond_activity_task_failed(
            &RespondActivityTaskFailed::new(&task.task_token)
                .reason(REASON)
                .details(DETAILS),
        )
        .await
        .expect("RespondActivityTaskFailed");

    // The decider's view: the failure with reason and details intact.
    let events = client
        .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(
            DOMAIN,
            WorkflowExecution::new("order-42", &run_id),
        ))
        .await
        .expect("GetWorkflowExecutionHistory");
    let failed = events
        .iter()
        .find(|e| e.event_type == EventType::ActivityTaskFailed)
        .unwrap_or_else(|| panic!("no ActivityTaskFailed event in {events:#?}"));
    let attributes = failed
        .activity_task_failed_event_attributes
        .as_ref()
        .expect("ActivityTaskFailed attributes");
    assert_eq!(attributes.reason.as_deref(), Some(REASON));
    assert_eq!(attributes.details.as_deref(), Some(DETAILS));
    let started = events
        .iter()
        .find(|e| e.event_type == EventType::ActivityTaskStarted)
        .expect("an ActivityTaskStarted event");
    assert_eq!(attributes.started_event_id, started.event_id);
    assert!(failed.event_timestamp > 1.0e9, "epoch seconds");
    let details: serde_json::Value =
        serde_json::from_str(attributes.details.as_deref().unwrap_or_default())
            .expect("details are JSON");
    assert_eq!(details["Declined"]["last4"], "4242");
}
