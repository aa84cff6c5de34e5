//! A `moto_server` child process to test against: moto is an SWF implementation written by
//! others, so agreeing with it is evidence that we read SWF's documentation the same way.
//!
//! `.ci/moto.sh` installs a pinned moto into `target/moto-venv` and runs the ignored tests that
//! use this module with `SWF_MOTO_SERVER` pointing at its `moto_server`.
//!
//! moto checks signatures only after its first `INITIAL_NO_AUTH_ACTION_COUNT` requests, and
//! then only for IAM users it knows. So [`MotoServer::swf_client`] spends exactly those first
//! requests on IAM (create a user, an access key and an inline policy allowing `swf:*`) and
//! signs everything after that with the new user's key.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use swf_activity::Client;
use swf_activity::credentials::Credentials;
use swf_activity::model::{
    ActivityType, ChildPolicy, Decision, PollForDecisionTask, RegisterActivityType, RegisterDomain,
    RegisterWorkflowType, RespondDecisionTaskCompleted, ScheduleActivityTaskDecisionAttributes,
    StartWorkflowExecution, WorkflowExecution, WorkflowType,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::test_retry_config;

/// The IAM calls made before moto starts checking signatures: CreateUser, CreateAccessKey,
/// PutUserPolicy.
pub const NO_AUTH_REQUESTS: usize = 3;
/// The region every request to moto is signed for.
pub const REGION: &str = "us-east-1";
/// The IAM user [`MotoServer::create_swf_user`] creates.
pub const USER: &str = "swf-activity-worker";
/// How often to poll moto before giving up: moto has no long poll, an empty poll sleeps a
/// second and answers without a task.
pub const MAX_POLLS: usize = 15;

/// The botocore check's script: evaluates SWF's endpoint rules with botocore and prints the
/// results as JSON (see the script's docs).
pub const BOTOCORE_ENDPOINTS_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scripts/botocore_swf_endpoints.py"
);

/// Runs [`BOTOCORE_ENDPOINTS_SCRIPT`] with the Python named by `SWF_BOTOCORE_PYTHON` (moto
/// depends on botocore, so `.ci/moto.sh` points it at the moto virtualenv's), in an empty
/// environment, and returns what it printed, parsed.
///
/// Panics when `SWF_BOTOCORE_PYTHON` is not set or the script fails; the message says why.
pub fn botocore_endpoints() -> serde_json::Value {
    let Some(python) = std::env::var_os("SWF_BOTOCORE_PYTHON") else {
        panic!(
            "SWF_BOTOCORE_PYTHON is not set: it must name a Python with botocore. Run \
             `.ci/moto.sh`, which sets it to the moto virtualenv's"
        );
    };
    let output = Command::new(&python)
        .arg(BOTOCORE_ENDPOINTS_SCRIPT)
        .env_clear()
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", python.to_string_lossy()));
    assert!(
        output.status.success(),
        "{BOTOCORE_ENDPOINTS_SCRIPT} failed with {}:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

/// A `moto_server` child process on `127.0.0.1`, killed when dropped.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl MotoServer {
    /// Starts the `moto_server` named by `SWF_MOTO_SERVER` on a free port, logging to a file
    /// in `log_dir` (tests pass `env!("CARGO_TARGET_TMPDIR")`), and waits until it listens.
    ///
    /// Panics when `SWF_MOTO_SERVER` is not set, moto does not start, or it does not listen
    /// within 60 s; the panic message carries moto's log.
    pub fn start(log_dir: impl AsRef<Path>) -> MotoServer {
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
        let log = log_dir.as_ref().join(format!("moto-{port}.log"));
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

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What moto logged so far (empty if the log cannot be read).
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// A client for moto signing with these keys: [`REGION`], [`test_retry_config`], 20 s
    /// read and poll timeouts (moto answers an empty poll after a second).
    pub fn client(&self, access_key_id: &str, secret_access_key: &str) -> Client {
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

    /// Creates an IAM user allowed `swf:*` ([`MotoServer::create_swf_user`]) and returns a
    /// client signing with its key. Call it first: it spends moto's unchecked requests.
    pub async fn swf_client(&self) -> Client {
        let (access_key_id, secret) = self.create_swf_user().await;
        self.client(&access_key_id, &secret)
    }

    /// Creates the IAM user [`USER`] allowed `swf:*` and returns its access key id and secret.
    /// Spends exactly the [`NO_AUTH_REQUESTS`] requests moto serves without checking signatures.
    pub async fn create_swf_user(&self) -> (String, String) {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"swf:*","Resource":"*"}]}"#;
        self.create_user_with_policy(policy).await
    }

    /// Creates the IAM user [`USER`] with the inline IAM policy `policy` (a JSON document) and
    /// returns its access key id and secret. Spends exactly the [`NO_AUTH_REQUESTS`] requests
    /// moto serves without checking signatures.
    ///
    /// moto then enforces the policy's `Action` and `NotAction` elements for SWF too, but
    /// checks every SWF request against the resource `*`: a statement that names a domain's
    /// ARN matches nothing.
    pub async fn create_user_with_policy(&self, policy: &str) -> (String, String) {
        self.iam(&[("Action", "CreateUser"), ("UserName", USER)])
            .await;
        let key = self
            .iam(&[("Action", "CreateAccessKey"), ("UserName", USER)])
            .await;
        self.iam(&[
            ("Action", "PutUserPolicy"),
            ("UserName", USER),
            ("PolicyName", "swf-policy"),
            ("PolicyDocument", policy),
        ])
        .await;
        (
            xml_text(&key, "AccessKeyId").to_owned(),
            xml_text(&key, "SecretAccessKey").to_owned(),
        )
    }

    /// One IAM query (`Action=...&Version=2010-05-08`, form-encoded POST); returns the whole
    /// HTTP answer and panics unless it is a 200. Made while moto does not check signatures
    /// yet, so the signature is a dummy; the credential scope still has to say `iam`, because
    /// that is how moto picks the service.
    pub async fn iam(&self, params: &[(&str, &str)]) -> String {
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

/// Plays the decider on moto: registers `domain`, each activity type `tasks` names (version
/// `1`, default task list `task_list`, 300 s timeouts, no heartbeat timeout) and a workflow
/// type, starts execution `workflow_id`, and answers its first decision task with one
/// `ScheduleActivityTask` per `(activity type, activity id, input)`. Returns the execution.
pub async fn schedule_activity_tasks(
    client: &Client,
    domain: &str,
    task_list: &str,
    workflow_id: &str,
    tasks: &[(&str, &str, &str)],
) -> WorkflowExecution {
    client
        .register_domain(&RegisterDomain::new(domain, "1"))
        .await
        .expect("RegisterDomain");
    let mut registered: Vec<&str> = Vec::new();
    for (name, _, _) in tasks {
        if registered.contains(name) {
            continue;
        }
        registered.push(name);
        client
            .register_activity_type(
                &RegisterActivityType::new(domain, *name, "1")
                    .default_task_list(task_list)
                    .default_task_schedule_to_start_timeout("300")
                    .default_task_start_to_close_timeout("300")
                    .default_task_schedule_to_close_timeout("600")
                    .default_task_heartbeat_timeout("NONE"),
            )
            .await
            .expect("RegisterActivityType");
    }
    let workflow = WorkflowType::new("Workflow", "1");
    client
        .register_workflow_type(
            &RegisterWorkflowType::new(domain, &workflow.name, &workflow.version)
                .default_task_list("deciders")
                .default_task_start_to_close_timeout("60")
                .default_execution_start_to_close_timeout("3600")
                .default_child_policy(ChildPolicy::Terminate),
        )
        .await
        .expect("RegisterWorkflowType");
    let run_id = client
        .start_workflow_execution(&StartWorkflowExecution::new(domain, workflow_id, workflow))
        .await
        .expect("StartWorkflowExecution")
        .run_id
        .expect("moto answers with a run id");
    let mut decision_task = None;
    for _ in 0..MAX_POLLS {
        decision_task = client
            .poll_for_decision_task(&PollForDecisionTask::new(domain, "deciders"))
            .await
            .expect("PollForDecisionTask");
        if decision_task.is_some() {
            break;
        }
    }
    let decision_task = decision_task.expect("a decision task within the poll budget");
    let mut answer = RespondDecisionTaskCompleted::new(decision_task.task_token);
    for (name, id, input) in tasks {
        answer = answer.decision(Decision::schedule_activity_task(
            ScheduleActivityTaskDecisionAttributes::new(ActivityType::new(*name, "1"), *id)
                .input(*input),
        ));
    }
    client
        .respond_decision_task_completed(&answer)
        .await
        .expect("RespondDecisionTaskCompleted");
    WorkflowExecution::new(workflow_id, run_id)
}
