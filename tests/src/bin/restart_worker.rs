//! A worker process for `tests/restart.rs`: serves `RestartTask` on the local SWF at
//! `$SWF_ENDPOINT` with the identity `$WORKER_IDENTITY` until SIGTERM (the test also kills it
//! with SIGKILL), and prints `ran N` to stdout when task `N`'s activity starts running.

use std::time::Duration;

use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use swf_activity::testing::{DEFAULT_ACCESS_KEY_ID, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY};
use swf_activity::{ActivityContext, Client, Worker, activity};
use swf_activity_tests::restart::{
    DOMAIN, Input, Kind, Output, RAN, RestartError, TASK_LIST, expected_output,
};

#[activity(name = "RestartTask", version = "1", task_list = "restart")]
async fn restart_task(ctx: ActivityContext, input: Input) -> Result<Output, RestartError> {
    // Stdout is line-buffered: the line is out before the activity does anything, so it
    // survives a SIGKILL right after.
    println!("{RAN}{}", input.n);
    match input.kind {
        Kind::Compute => {}
        Kind::Fail => return Err(RestartError { n: input.n }),
        Kind::Heartbeat => {
            let beats = input.millis / 10;
            for beat in 0..=beats {
                ctx.heartbeat(beat);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
        Kind::Slow => tokio::time::sleep(Duration::from_millis(input.millis)).await,
    }
    Ok(expected_output(&input))
}

#[tokio::main]
async fn main() -> Result<(), swf_activity::Error> {
    let endpoint = std::env::var("SWF_ENDPOINT").expect("SWF_ENDPOINT is set");
    let identity = std::env::var("WORKER_IDENTITY").expect("WORKER_IDENTITY is set");
    // The local SWF's client settings: quick retries, so faults cost milliseconds.
    let client = Client::builder()
        .region(DEFAULT_REGION)
        .endpoint_url(endpoint)
        .credentials(Credentials::from_keys(
            DEFAULT_ACCESS_KEY_ID,
            DEFAULT_SECRET_ACCESS_KEY,
            None,
        ))
        .retry_config(
            RetryConfig::standard()
                .with_base_delay(Duration::from_millis(10))
                .with_max_delay(Duration::from_millis(250)),
        )
        .build()?;
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("SIGTERM handler");
    Worker::builder(client, DOMAIN)
        .task_list(TASK_LIST)
        .identity(identity)
        .max_concurrent_tasks(16)
        .pollers(4)
        .poll_backoff(Duration::from_millis(5), Duration::from_millis(100))
        .max_heartbeat_interval(Duration::from_millis(20))
        .shutdown_deadline(Duration::from_secs(5))
        .build()?
        .run_until(async move {
            sigterm.recv().await;
        })
        .await
}
