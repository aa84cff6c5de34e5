//! Contender: a bare loop of reqwest (the same 0.12 rustls-ring configuration swf-activity uses)
//! and aws-sigv4 — the floor for swf-activity's own dependencies. No validation, no retries,
//! no typed errors: serialize, sign, send, parse.
//!
//! Mode (`BENCH_MODE`): `client` (N × poll + respond, `BENCH_IN_FLIGHT` at once).

#[path = "../../common.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use common::{Config, Meter};
use serde::{Deserialize, Serialize};

const CONTENT_TYPE: &str = "application/x-amz-json-1.0";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Poll<'a> {
    domain: &'a str,
    task_list: TaskList<'a>,
    identity: &'a str,
}

#[derive(Serialize)]
struct TaskList<'a> {
    name: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct ActivityTask {
    task_token: Option<String>,
    activity_id: String,
    started_event_id: i64,
    workflow_execution: WorkflowExecution,
    activity_type: ActivityType,
    input: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct WorkflowExecution {
    workflow_id: String,
    run_id: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ActivityType {
    name: String,
    version: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Completed<'a> {
    task_token: &'a str,
    result: &'a str,
}

struct Bare {
    http: reqwest::Client,
    url: String,
    identity: Identity,
}

impl Bare {
    async fn call(&self, operation: &str, body: Vec<u8>) -> bytes::Bytes {
        let target = format!("SimpleWorkflowService.{operation}");
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region("us-east-1")
            .name("swf")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .expect("params")
            .into();
        let signable = SignableRequest::new(
            "POST",
            &self.url,
            [
                ("content-type", CONTENT_TYPE),
                ("x-amz-target", target.as_str()),
            ]
            .into_iter(),
            SignableBody::Bytes(&body),
        )
        .expect("signable");
        let (instructions, _) = sign(signable, &params).expect("sign").into_parts();
        let (headers, _) = instructions.into_parts();
        let mut request = self
            .http
            .post(&self.url)
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .header("x-amz-target", &target);
        for h in headers {
            request = request.header(h.name(), h.value());
        }
        let response = request.body(body).send().await.expect("send");
        assert!(response.status().is_success(), "{}", response.status());
        response.bytes().await.expect("body")
    }

    async fn cycle(&self) {
        let poll = Poll {
            domain: common::DOMAIN,
            task_list: TaskList {
                name: common::TASK_LIST,
            },
            identity: common::IDENTITY,
        };
        let bytes = self
            .call(
                "PollForActivityTask",
                serde_json::to_vec(&poll).expect("json"),
            )
            .await;
        let task: ActivityTask = serde_json::from_slice(&bytes).expect("task");
        let token = task.task_token.expect("a task");
        let done = Completed {
            task_token: &token,
            result: common::FIXED_RESULT,
        };
        self.call(
            "RespondActivityTaskCompleted",
            serde_json::to_vec(&done).expect("json"),
        )
        .await;
    }
}

async fn client_mode(cfg: Config) {
    let keys = Credentials::new(
        "AKIDBENCHMARK0000000",
        "bench/secret/key/0000000000000000000000",
        None,
        None,
        "bench",
    );
    let bare = Arc::new(Bare {
        http: reqwest::Client::builder()
            .user_agent("bench-bare/0")
            .build()
            .expect("reqwest"),
        url: format!("{}/", cfg.url.trim_end_matches('/')),
        identity: keys.into(),
    });
    let warm: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let bare = bare.clone();
            tokio::spawn(async move { bare.cycle().await })
        })
        .collect();
    for w in warm {
        w.await.expect("warm-up");
    }
    let meter = Meter::start();
    let next = Arc::new(AtomicUsize::new(0));
    let loops: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let (bare, next, n) = (bare.clone(), next.clone(), cfg.n);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < n {
                    bare.cycle().await;
                }
            })
        })
        .collect();
    for l in loops {
        l.await.expect("loop");
    }
    meter.report(cfg.n);
}

fn main() {
    let cfg = Config::from_env();
    let rt = common::runtime();
    rt.block_on(async move {
        match cfg.mode.as_str() {
            "client" => client_mode(cfg).await,
            other => panic!("unknown mode {other}"),
        }
    });
}
