//! The `swf-local` binary as a script or another SDK's test suite uses it: started on a port
//! the system chooses, waited for through its first line and `/health`, seeded from a file,
//! serving a decider and a worker over HTTP, refusing bad signatures unless `--no-auth`, and
//! stopping cleanly on SIGTERM; bad options and seed files (JSON or YAML) are clear errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use swf_activity::handle::{Activity, ActivityOutcome};
use swf_activity::model::RegisterDomain;
use swf_activity::model::{
    ActivityType, ChildPolicy, DescribeActivityType, DescribeDomain, PollForDecisionTask,
    RespondDecisionTaskCompleted, StartWorkflowExecution, WorkflowType,
};
use swf_activity::testing::{DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY};
use swf_activity::{Client, ErrorKind, Worker, activity};

const WAIT: Duration = Duration::from_secs(20);

#[derive(Debug, Serialize, Deserialize)]
struct Greeting {
    name: String,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("no greeting")]
struct NoGreeting;

#[activity(
    name = "Greet",
    version = "1",
    task_list = "greetings",
    schedule_to_start_timeout = "60",
    start_to_close_timeout = "60",
    schedule_to_close_timeout = "120",
    heartbeat_timeout = "NONE"
)]
async fn greet(greeting: Greeting) -> Result<String, NoGreeting> {
    Ok(format!("hello, {}", greeting.name))
}

/// A running `swf-local`, killed if the test ends early.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts it with `args` on a port the system chooses; its URL from its first line.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_swf-local"))
            .args(["--addr", "127.0.0.1:0", "--max-poll-wait-secs", "1"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("swf-local starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(WAIT).expect("the listening line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("a URL in {line:?}"))
            .to_owned();
        Server { child, url }
    }

    fn client(&self, secret: &str) -> Client {
        Client::builder()
            .region("us-east-1")
            .endpoint_url(&self.url)
            .credentials(Credentials::from_keys(DEFAULT_ACCESS_KEY_ID, secret, None))
            .poll_timeout(Duration::from_secs(5))
            .build()
            .expect("client")
    }

    /// `GET path`: the status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let addr = self.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream.set_read_timeout(Some(WAIT)).expect("read timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("request sent");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("response");
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// Sends SIGTERM and waits for it to exit.
    fn terminate(mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "SIGTERM sent");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(exit) = self.child.try_wait().expect("waits") {
                return exit;
            }
            assert!(Instant::now() < deadline, "swf-local stops on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn seed_file(name: &str, json: &str) -> PathBuf {
    seed_file_as(&format!("{name}.json"), json)
}

/// A seed file named `name` (with its extension, which picks the format).
fn seed_file_as(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("swf-local-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("seed file written");
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn serves_a_seeded_domain_to_a_decider_and_a_worker_and_stops_on_sigterm() {
    let seed = seed_file(
        "ok",
        r#"{
            "domains": [{"name": "seeded", "workflowExecutionRetentionPeriodInDays": "1"}],
            "activityTypes": [{"domain": "seeded", "name": "Other", "version": "2",
                               "defaultTaskList": {"name": "elsewhere"}}],
            "workflowTypes": [{"domain": "seeded", "name": "Greeting", "version": "1",
                               "defaultTaskList": {"name": "deciders"},
                               "defaultTaskStartToCloseTimeout": "30",
                               "defaultExecutionStartToCloseTimeout": "600",
                               "defaultChildPolicy": "TERMINATE"}]
        }"#,
    );
    let seed_arg = seed.to_string_lossy().into_owned();
    let server = Server::start(&["--seed-file", &seed_arg, "--second-ms", "100"]);
    assert_eq!(
        server.get("/health"),
        (200, r#"{"status":"ok"}"#.to_owned())
    );

    let client = server.client(DEFAULT_SECRET_ACCESS_KEY);
    client
        .describe_domain(&DescribeDomain::new("seeded"))
        .await
        .expect("the seeded domain");
    let other = client
        .describe_activity_type(&DescribeActivityType::new(
            "seeded",
            ActivityType::new("Other", "2"),
        ))
        .await
        .expect("the seeded activity type");
    assert_eq!(
        other
            .configuration
            .default_task_list
            .map(|t| t.name)
            .as_deref(),
        Some("elsewhere")
    );

    // A Rust worker and a decider, both over HTTP.
    let worker = Worker::builder(server.client(DEFAULT_SECRET_ACCESS_KEY), "seeded")
        .task_list("greetings")
        .build()
        .expect("worker");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));
    client
        .start_workflow_execution(&StartWorkflowExecution::new(
            "seeded",
            "greeting-1",
            WorkflowType::new("Greeting", "1"),
        ))
        .await
        .expect("started");
    let deadline = Instant::now() + WAIT;
    let mut scheduled = false;
    let greeting = loop {
        assert!(Instant::now() < deadline, "the greeting within {WAIT:?}");
        let Some(task) = client
            .poll_for_decision_task_all(&PollForDecisionTask::new("seeded", "deciders"))
            .await
            .expect("poll")
        else {
            continue;
        };
        let outcome = greet::outcome(&task.events, "greet").expect("read");
        let mut answer = RespondDecisionTaskCompleted::new(task.task_token);
        if !scheduled {
            answer = answer.decision(
                greet::schedule("greet", &Greeting { name: "Ada".into() })
                    .decision()
                    .expect("decision"),
            );
            scheduled = true;
        }
        client
            .respond_decision_task_completed(&answer)
            .await
            .expect("answered");
        if let ActivityOutcome::Completed(greeting) = outcome {
            break greeting;
        }
    };
    assert_eq!(greeting, "hello, Ada");
    let _ = stop.send(());
    worker
        .await
        .expect("the worker does not panic")
        .expect("the worker stops cleanly");

    // Signatures are checked.
    let err = server
        .client("wrong-secret")
        .describe_domain(&DescribeDomain::new("seeded"))
        .await
        .expect_err("a bad signature");
    assert!(
        err.to_string().contains("InvalidSignatureException"),
        "{err}"
    );

    let exit = server.terminate();
    assert!(exit.success(), "a clean stop: {exit:?}");
    let _ = std::fs::remove_file(seed);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_yaml_seed_file_registers_what_it_says() {
    // Bare numbers, flow and block style, a comment: what a YAML writer would put down.
    let seed = seed_file_as(
        "ok.yaml",
        "# the domain the orders team develops against
domains:
  - name: orders
    workflowExecutionRetentionPeriodInDays: 3
    description: orders, locally
activityTypes:
  - {domain: orders, name: ChargeCard, version: 2, defaultTaskList: {name: payments},
     defaultTaskStartToCloseTimeout: 30, defaultTaskHeartbeatTimeout: NONE}
workflowTypes:
  - domain: orders
    name: Checkout
    version: \"1.0\"
    defaultTaskList:
      name: deciders
    defaultChildPolicy: TERMINATE
    defaultExecutionStartToCloseTimeout: 600
    defaultTaskStartToCloseTimeout: 30
",
    );
    let seed_arg = seed.to_string_lossy().into_owned();
    let server = Server::start(&["--seed-file", &seed_arg]);
    let client = server.client(DEFAULT_SECRET_ACCESS_KEY);

    let domain = client
        .describe_domain(&DescribeDomain::new("orders"))
        .await
        .expect("the seeded domain");
    assert_eq!(
        domain
            .configuration
            .workflow_execution_retention_period_in_days,
        "3"
    );
    assert_eq!(
        domain.domain_info.description.as_deref(),
        Some("orders, locally")
    );

    let charge = client
        .describe_activity_type(&DescribeActivityType::new(
            "orders",
            ActivityType::new("ChargeCard", "2"),
        ))
        .await
        .expect("the seeded activity type");
    let config = charge.configuration;
    assert_eq!(
        config.default_task_list.map(|t| t.name).as_deref(),
        Some("payments")
    );
    assert_eq!(
        config.default_task_start_to_close_timeout.as_deref(),
        Some("30")
    );
    assert_eq!(
        config.default_task_heartbeat_timeout.as_deref(),
        Some("NONE")
    );

    // LocalSwf does not serve DescribeWorkflowType: the type shows in an execution started
    // with its defaults, whose first decision task is on its default task list.
    client
        .start_workflow_execution(&StartWorkflowExecution::new(
            "orders",
            "checkout-1",
            WorkflowType::new("Checkout", "1.0"),
        ))
        .await
        .expect("started with the seeded type's defaults");
    let deadline = Instant::now() + WAIT;
    let task = loop {
        assert!(Instant::now() < deadline, "a decision task within {WAIT:?}");
        if let Some(task) = client
            .poll_for_decision_task_all(&PollForDecisionTask::new("orders", "deciders"))
            .await
            .expect("poll")
        {
            break task;
        }
    };
    let started = task
        .events
        .iter()
        .find_map(|e| e.workflow_execution_started_event_attributes.as_ref())
        .expect("WorkflowExecutionStarted");
    assert_eq!(started.child_policy, ChildPolicy::Terminate);
    assert_eq!(
        started.execution_start_to_close_timeout.as_deref(),
        Some("600")
    );
    assert_eq!(started.task_start_to_close_timeout.as_deref(), Some("30"));

    assert!(server.terminate().success());
    let _ = std::fs::remove_file(seed);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_auth_serves_any_signature_and_faults_are_injected() {
    let server = Server::start(&[
        "--no-auth",
        "--region",
        "eu-west-1",
        "--fault",
        "RegisterDomain:status=503",
        "--fault",
        "DescribeDomain:throttle:2",
    ]);
    let client = Client::builder()
        .region("eu-west-1")
        .endpoint_url(&server.url)
        .credentials(Credentials::from_keys("ANYKEY", "any-secret", None))
        // One attempt each, so that every injected fault is seen.
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .build()
        .expect("client");
    let register = RegisterDomain::new("open", "1");
    let err = client
        .register_domain(&register)
        .await
        .expect_err("the injected 503");
    assert!(err.to_string().contains("503"), "{err}");
    client
        .register_domain(&register)
        .await
        .expect("served without checking the signature");
    for _ in 0..2 {
        let err = client
            .describe_domain(&DescribeDomain::new("open"))
            .await
            .expect_err("throttled");
        assert!(matches!(err.kind(), ErrorKind::Throttling { .. }), "{err}");
    }
    client
        .describe_domain(&DescribeDomain::new("open"))
        .await
        .expect("the faults are spent");
    assert!(server.terminate().success());
}

/// Runs the binary to its end with `args`: its exit status and standard error.
fn run_to_end(args: &[&str]) -> (ExitStatus, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_swf-local"))
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .output()
        .expect("swf-local runs");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn bad_options_and_seed_files_are_clear_errors() {
    let (status, stderr) = run_to_end(&["--port", "1"]);
    assert_eq!(status.code(), Some(2), "usage error: {stderr}");
    assert!(stderr.contains("unknown option `--port`"), "{stderr}");

    let typo = seed_file(
        "typo",
        r#"{"domains": [{"name": "d", "workflowExecutionRetentionPeriodInDays": "1"}],
            "activityTypes": [{"domain": "d", "name": "A", "version": "1", "defaultTaskLst": {"name": "x"}}]}"#,
    );
    let (status, stderr) = run_to_end(&["--seed-file", &typo.to_string_lossy()]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("activityTypes[0]: unknown member `defaultTaskLst`"),
        "{stderr}"
    );

    let invalid = seed_file(
        "invalid",
        r#"{"domains": [{"name": "bad:name", "workflowExecutionRetentionPeriodInDays": "1"}]}"#,
    );
    let (status, stderr) = run_to_end(&["--seed-file", &invalid.to_string_lossy()]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("domains[0]: ")
            && stderr.contains("RegisterDomain.name: domain must not contain `:`"),
        "{stderr}"
    );

    let (status, stderr) = run_to_end(&["--seed-file", "/nonexistent/seed.json"]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read the seed file /nonexistent/seed.json"),
        "{stderr}"
    );

    let not_seed = seed_file("shape", r#"{"domain": []}"#);
    let (status, stderr) = run_to_end(&["--seed-file", &not_seed.to_string_lossy()]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not a seed file"), "{stderr}");

    // A YAML syntax error: the file and the line of the problem.
    let broken = seed_file_as(
        "broken.yml",
        "domains:\n  - name: orders\n    workflowExecutionRetentionPeriodInDays: 1\n   - name: other\n",
    );
    let shown = broken.to_string_lossy().into_owned();
    let (status, stderr) = run_to_end(&["--seed-file", &shown]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("the seed file {shown} is not a YAML seed file: "))
            && stderr.contains("at line 4"),
        "{stderr}"
    );

    // A YAML entry with a typo: the same message as JSON's.
    let yaml_typo = seed_file_as(
        "typo.yaml",
        "domains: [{name: d, workflowExecutionRetentionPeriodInDays: 1}]\n\
         activityTypes: [{domain: d, name: A, version: 1, defaultTaskLst: {name: x}}]\n",
    );
    let (status, stderr) = run_to_end(&["--seed-file", &yaml_typo.to_string_lossy()]);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("activityTypes[0]: unknown member `defaultTaskLst`"),
        "{stderr}"
    );

    for path in [typo, invalid, not_seed, broken, yaml_typo] {
        let _ = std::fs::remove_file(path);
    }
}
