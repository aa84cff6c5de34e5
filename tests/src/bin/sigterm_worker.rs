//! A worker process for `tests/worker_sigterm.rs`: serves `SlowWork` on task list `sigterm` of
//! the local SWF at `$SWF_ENDPOINT` until SIGTERM, then shuts down gracefully.

use std::time::Duration;

use swf_activity::credentials::Credentials;
use swf_activity::testing::{DEFAULT_ACCESS_KEY_ID, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY};
use swf_activity::{Client, Worker, activity};

#[derive(Debug, thiserror::Error, serde::Serialize)]
#[error("never")]
struct Never;

/// Sleeps for `millis` milliseconds.
#[activity(name = "SlowWork", version = "1", task_list = "sigterm")]
async fn slow_work(millis: u64) -> Result<u64, Never> {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    Ok(millis)
}

#[tokio::main]
async fn main() -> Result<(), swf_activity::Error> {
    let endpoint = std::env::var("SWF_ENDPOINT").expect("SWF_ENDPOINT is set");
    let deadline_ms: u64 = std::env::var("SHUTDOWN_DEADLINE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let client = Client::builder()
        .region(DEFAULT_REGION)
        .endpoint_url(endpoint)
        .credentials(Credentials::from_keys(
            DEFAULT_ACCESS_KEY_ID,
            DEFAULT_SECRET_ACCESS_KEY,
            None,
        ))
        .build()?;
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    Worker::builder(client, "sigterm-domain")
        .task_list("sigterm")
        .max_concurrent_tasks(3)
        .shutdown_deadline(Duration::from_millis(deadline_ms))
        .build()?
        .run_until(async move {
            sigterm.recv().await;
        })
        .await
}
