//! Contender: the official SDK, aws-sdk-swf configured through aws-config with static
//! credentials and an endpoint override.
//!
//! Modes (`BENCH_MODE`): `client` (N × poll + respond, `BENCH_IN_FLIGHT` at once) and `worker`
//! (a hand-written poll loop, `BENCH_IN_FLIGHT` loops: decode the input with serde_json, run the
//! same work, encode the result, respond); `offload` (the same loop with a 1 MiB result, put to
//! S3 with aws-sdk-s3 under its SHA-256, and simpleflow's marker sent as the result).

#[path = "../../common.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_config::{BehaviorVersion, Region};
use aws_sdk_swf::Client;
use aws_sdk_swf::config::Credentials;
use aws_sdk_swf::operation::poll_for_activity_task::PollForActivityTaskOutput;
use aws_sdk_swf::types::TaskList;
use common::{Config, Meter, Order};
use sha2::{Digest, Sha256};

async fn client(cfg: &Config) -> Client {
    Client::new(&config(cfg).await)
}

async fn config(cfg: &Config) -> aws_config::SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "AKIDBENCHMARK0000000",
            "bench/secret/key/0000000000000000000000",
            None,
            None,
            "bench",
        ))
        .endpoint_url(&cfg.url)
        .load()
        .await
}

fn task_list() -> TaskList {
    TaskList::builder()
        .name(common::TASK_LIST)
        .build()
        .expect("task list")
}

async fn cycle(client: &Client) {
    let task = poll(client).await.expect("a task");
    client
        .respond_activity_task_completed()
        .task_token(task.task_token())
        .result(common::FIXED_RESULT)
        .send()
        .await
        .expect("respond");
}

async fn client_mode(cfg: Config) {
    let client = client(&cfg).await;
    let warm: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { cycle(&client).await })
        })
        .collect();
    for w in warm {
        w.await.expect("warm-up");
    }
    let meter = Meter::start();
    let next = Arc::new(AtomicUsize::new(0));
    let loops: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let (client, next, n) = (client.clone(), next.clone(), cfg.n);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < n {
                    cycle(&client).await;
                }
            })
        })
        .collect();
    for l in loops {
        l.await.expect("loop");
    }
    meter.report(cfg.n);
}

/// One long poll; `None` when it ended without a task.
async fn poll(client: &Client) -> Option<PollForActivityTaskOutput> {
    let task = match client
        .poll_for_activity_task()
        .domain(common::DOMAIN)
        .task_list(task_list())
        .identity(common::IDENTITY)
        .send()
        .await
    {
        Ok(task) => task,
        Err(e) => panic!("poll failed: {e}"),
    };
    (!task.task_token().is_empty()).then_some(task)
}

/// What a user of the SDK writes by hand: poll, decode, run, encode, respond.
async fn worker_loop(client: Client, done: Arc<AtomicUsize>, n: usize) {
    while done.load(Ordering::Relaxed) < n {
        let Some(task) = poll(&client).await else {
            continue;
        };
        let order: Order = serde_json::from_str(task.input().unwrap_or("null")).expect("input");
        let result = serde_json::to_string(&common::charge(order)).expect("result");
        client
            .respond_activity_task_completed()
            .task_token(task.task_token())
            .result(result)
            .send()
            .await
            .expect("respond");
        done.fetch_add(1, Ordering::Relaxed);
    }
}

/// The same loop for a result too large for SWF: stored in S3 first, as simpleflow's jumbo
/// fields are, then its marker sent.
async fn offload_loop(client: Client, s3: aws_sdk_s3::Client, done: Arc<AtomicUsize>, n: usize) {
    while done.load(Ordering::Relaxed) < n {
        let Some(task) = poll(&client).await else {
            continue;
        };
        let order: Order = serde_json::from_str(task.input().unwrap_or("null")).expect("input");
        let result = serde_json::to_string(&common::large_result(order)).expect("result");
        let chars = result.chars().count();
        let key = format!(
            "{}/{}",
            common::LARGE_PREFIX,
            hex(&Sha256::digest(result.as_bytes()))
        );
        s3.put_object()
            .bucket(common::LARGE_BUCKET)
            .key(&key)
            .body(result.into_bytes().into())
            .send()
            .await
            .expect("put");
        client
            .respond_activity_task_completed()
            .task_token(task.task_token())
            .result(format!(
                "simpleflow+s3://{}/{key} {chars}",
                common::LARGE_BUCKET
            ))
            .send()
            .await
            .expect("respond");
        done.fetch_add(1, Ordering::Relaxed);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn offload_mode(cfg: Config) {
    let conf = config(&cfg).await;
    let client = Client::new(&conf);
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&conf)
            .force_path_style(true)
            .build(),
    );
    let done = Arc::new(AtomicUsize::new(0));
    let meter = Meter::start();
    let loops: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            tokio::spawn(offload_loop(
                client.clone(),
                s3.clone(),
                done.clone(),
                cfg.n,
            ))
        })
        .collect();
    for l in loops {
        l.await.expect("loop");
    }
    meter.report(done.load(Ordering::Relaxed));
}

async fn worker_mode(cfg: Config) {
    let client = client(&cfg).await;
    let done = Arc::new(AtomicUsize::new(0));
    let meter = Meter::start();
    let loops: Vec<_> = (0..cfg.in_flight)
        .map(|_| tokio::spawn(worker_loop(client.clone(), done.clone(), cfg.n)))
        .collect();
    for l in loops {
        l.await.expect("loop");
    }
    meter.report(done.load(Ordering::Relaxed));
}

fn main() {
    let cfg = Config::from_env();
    let rt = common::runtime();
    rt.block_on(async move {
        match cfg.mode.as_str() {
            "client" => client_mode(cfg).await,
            "worker" => worker_mode(cfg).await,
            "offload" => offload_mode(cfg).await,
            other => panic!("unknown mode {other}"),
        }
    });
}
