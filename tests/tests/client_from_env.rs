//! `Client::from_env` reads the standard AWS variables.
//!
//! The process environment cannot be changed safely from a test (and this workspace forbids
//! `unsafe`), so each case runs this test binary again as a child process with a clean, chosen
//! environment; the child builds the client and sends one request to the parent's recording
//! server.

use std::process::Stdio;
use std::time::Duration;

use swf_activity::model::RespondActivityTaskCompleted;
use swf_activity::{Client, ErrorKind};
use swf_activity_tests::RecordingServer;

/// Set in the child: which case to run.
const CHILD: &str = "SWF_ACTIVITY_FROM_ENV_CHILD";

/// Runs this binary's `child` test with only `vars` (and no AWS files or instance metadata).
async fn run_child(case: &str, vars: &[(&str, &str)]) -> String {
    let exe = std::env::current_exe().expect("test binary");
    let mut command = tokio::process::Command::new(exe);
    command
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env_clear()
        .env(CHILD, case)
        .env("HOME", "/nonexistent-home")
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .expect("child finishes")
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "child {case} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The child side: does nothing unless started by `run_child`.
#[tokio::test]
async fn child() {
    let Ok(case) = std::env::var(CHILD) else {
        return;
    };
    match case.as_str() {
        "send" => {
            let client = Client::from_env().await.expect("client from env");
            client
                .respond_activity_task_completed(&RespondActivityTaskCompleted::new("tok"))
                .await
                .expect("request");
            println!("CHILD-REGION={}", client.region());
            println!("CHILD-SOURCE={:?}", client.endpoint().source());
        }
        "no-region" => {
            let err = Client::from_env().await.expect_err("no region");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            assert!(err.to_string().contains("region"), "{err}");
            println!("CHILD-ERROR={err}");
        }
        "bad-endpoint" => {
            let err = Client::from_env().await.expect_err("bad endpoint");
            assert_eq!(err.kind(), &ErrorKind::Configuration);
            assert!(
                err.to_string().contains("AWS_ENDPOINT_URL_SWF")
                    || err.to_string().contains("not a valid URL"),
                "{err}"
            );
            println!("CHILD-ERROR={err}");
        }
        other => panic!("unknown case {other}"),
    }
}

#[tokio::test]
async fn region_keys_and_endpoint_from_the_environment() {
    let server = RecordingServer::start().await;
    let url = server.url();
    let stdout = run_child(
        "send",
        &[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_SESSION_TOKEN", "env-token"),
            ("AWS_ENDPOINT_URL_SWF", &url),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-REGION=eu-west-1"), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=EnvSwf"), "{stdout}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let auth = requests[0].header("authorization").expect("signed");
    assert!(auth.contains("Credential=AKIDFROMENV/"), "{auth}");
    assert!(auth.contains("/eu-west-1/swf/aws4_request"), "{auth}");
    assert_eq!(
        requests[0].header("x-amz-security-token"),
        Some("env-token")
    );
}

#[tokio::test]
async fn default_region_and_global_endpoint() {
    let server = RecordingServer::start().await;
    let url = server.url();
    let stdout = run_child(
        "send",
        &[
            ("AWS_DEFAULT_REGION", "ap-south-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_ENDPOINT_URL", &url),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-REGION=ap-south-1"), "{stdout}");
    assert!(stdout.contains("CHILD-SOURCE=EnvGlobal"), "{stdout}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn missing_region_is_a_configuration_error() {
    let stdout = run_child(
        "no-region",
        &[
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-ERROR="), "{stdout}");
}

#[tokio::test]
async fn bad_endpoint_is_a_configuration_error() {
    let stdout = run_child(
        "bad-endpoint",
        &[
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
            ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_ENDPOINT_URL_SWF", "::not a url"),
        ],
    )
    .await;
    assert!(stdout.contains("CHILD-ERROR="), "{stdout}");
}
