//! Shared helpers for the integration tests: a recording loopback HTTP server and fixtures.
//!
//! [`RecordingServer`] listens on `127.0.0.1` with a port the OS picks, records every request it
//! receives and answers from a queue of [`Reply`]s (then `200 {}`). [`test_client`] makes a
//! [`swf_activity::Client`] that talks to it with static test credentials and fast retries.
//! [`moto`] starts moto's `moto_server` for the interoperability tests; [`faults`] injects
//! seeded faults into a local SWF for soaks; [`restart`] is what the restart test and its
//! worker process agree on; [`flow_java`] drives the Jackson reference for the AWS Flow
//! Framework for Java's wire format, and [`simpleflow`] simpleflow's own code, the reference for
//! what simpleflow deciders and workers put on the wire.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use swf_activity::Client;
use swf_activity::client::RetryConfig;
use swf_activity::credentials::Credentials;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

pub mod faults;
pub mod flow_java;
pub mod logs;
pub mod moto;
pub mod restart;
pub mod simpleflow;
pub mod worker;

/// Access key id of [`test_client`].
pub const TEST_ACCESS_KEY_ID: &str = "AKIDTESTCLIENT";
/// Secret access key of [`test_client`]; tests check it never shows up in `Debug` output.
pub const TEST_SECRET_ACCESS_KEY: &str = "test/secret+KEY0123456789";
/// Region of [`test_client`].
pub const TEST_REGION: &str = "us-east-1";

/// How [`RecordingServer`] answers one request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Reply {
    /// An HTTP answer.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The body, sent as is.
        body: String,
        /// The `Content-Type` header, if any.
        content_type: Option<String>,
        /// More headers, e.g. `x-amzn-ErrorType`.
        headers: Vec<(String, String)>,
    },
    /// Read the request, then close the connection without answering.
    DropConnection,
    /// Wait, then answer as the inner reply says.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    /// `status` with a JSON body (`Content-Type: application/x-amz-json-1.0`).
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Status {
            status,
            body: body.into(),
            content_type: Some("application/x-amz-json-1.0".to_owned()),
            headers: Vec::new(),
        }
    }

    /// `200` with a JSON body.
    pub fn ok(body: impl Into<String>) -> Reply {
        Reply::json(200, body)
    }

    /// `200` with a `PollForActivityTask` answer: a task of activity `name` version `version`
    /// with task token `token`, activity id `id` (workflow `wf-<id>`, run `run`) and `input`.
    pub fn activity_task(name: &str, version: &str, token: &str, id: &str, input: &str) -> Reply {
        Reply::ok(
            serde_json::json!({
                "taskToken": token,
                "activityId": id,
                "startedEventId": 3,
                "workflowExecution": {"workflowId": format!("wf-{id}"), "runId": "run"},
                "activityType": {"name": name, "version": version},
                "input": input,
            })
            .to_string(),
        )
    }

    /// `status` with a body of the given content type (`None`: no `Content-Type` header).
    pub fn raw(status: u16, content_type: Option<&str>, body: impl Into<String>) -> Reply {
        Reply::Status {
            status,
            body: body.into(),
            content_type: content_type.map(str::to_owned),
            headers: Vec::new(),
        }
    }

    /// A modelled SWF fault as SWF sends it: HTTP 400,
    /// `{"__type":"com.amazonaws.swf.base.model#<code>","message":"<message>"}`.
    pub fn fault(code: &str, message: &str) -> Reply {
        let body = serde_json::json!({
            "__type": format!("com.amazonaws.swf.base.model#{code}"),
            "message": message,
        });
        Reply::json(400, body.to_string())
    }

    /// `ThrottlingException` as SWF sends it (HTTP 400, "Rate exceeded").
    pub fn throttling() -> Reply {
        let body = serde_json::json!({
            "__type": "com.amazon.coral.availability#ThrottlingException",
            "message": "Rate exceeded",
        });
        Reply::json(400, body.to_string())
    }

    /// `reply` after waiting `delay` (also [`Reply::DropConnection`]).
    pub fn delayed(delay: Duration, reply: Reply) -> Reply {
        Reply::Delay(delay, Box::new(reply))
    }

    /// Adds a header to a [`Reply::Status`] (also inside [`Reply::Delay`]).
    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Status {
                status,
                body,
                content_type,
                mut headers,
            } => {
                headers.push((name.to_owned(), value.to_owned()));
                Reply::Status {
                    status,
                    body,
                    content_type,
                    headers,
                }
            }
            Reply::Delay(d, inner) => Reply::Delay(d, Box::new(inner.with_header(name, value))),
            other => other,
        }
    }
}

/// One request as [`RecordingServer`] received it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Recorded {
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The path and query, e.g. `/`.
    pub path: String,
    /// Every header in the order received, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The body (lossy UTF-8).
    pub body: String,
    /// The `X-Amz-Target` header, if present.
    pub target: Option<String>,
}

impl Recorded {
    /// The body parsed as JSON; panics with the body in the message if it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("request body is not JSON ({e}): {:?}", self.body))
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The operation of `X-Amz-Target`, without `SimpleWorkflowService.`.
    pub fn operation(&self) -> Option<&str> {
        self.target
            .as_deref()
            .map(|t| t.strip_prefix("SimpleWorkflowService.").unwrap_or(t))
    }
}

#[derive(Debug, Default)]
struct State {
    replies: VecDeque<Reply>,
    recorded: Vec<Recorded>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    received: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock must not hide later assertions.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A loopback HTTP/1.1 server that records requests and answers from a queue.
///
/// Started on `127.0.0.1:0`; stopped (listener and open connections) when dropped.
#[derive(Debug)]
pub struct RecordingServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl RecordingServer {
    /// Binds `127.0.0.1:0` and serves until dropped. Answers `200 {}` unless told otherwise.
    pub async fn start() -> RecordingServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        RecordingServer { addr, shared, task }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queues answers for the next requests, in order, after any still queued; once they are
    /// used up the server answers `200 {}` again.
    pub fn respond_with(&self, responses: Vec<Reply>) {
        self.shared.lock().replies.extend(responses);
    }

    /// Every request received so far, in order of arrival.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().recorded.clone()
    }

    /// How many requests have arrived.
    pub fn request_count(&self) -> usize {
        self.shared.lock().recorded.len()
    }

    /// Waits until at least `n` requests have arrived (panics after `timeout`) and returns them.
    pub async fn wait_for_requests(&self, n: usize, timeout: Duration) -> Vec<Recorded> {
        let wait = async {
            loop {
                let notified = self.shared.received.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                if self.request_count() >= n {
                    return self.requests();
                }
                notified.await;
            }
        };
        match tokio::time::timeout(timeout, wait).await {
            Ok(requests) => requests,
            Err(_) => panic!(
                "expected {n} requests within {timeout:?}, got {}",
                self.request_count()
            ),
        }
    }
}

impl Drop for RecordingServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every open connection.
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = Arc::clone(&shared);
                connections.spawn(async move {
                    let service = service_fn(move |req| handle(Arc::clone(&shared), req));
                    // Errors here are dropped connections, some of them on purpose.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// The error a handler returns to make hyper close the connection without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped on purpose")]
struct Dropped;

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Err(Dropped),
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = parts
        .headers
        .get("x-amz-target")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        target,
    };
    let reply = {
        let mut state = shared.lock();
        state.recorded.push(recorded);
        state.replies.pop_front()
    };
    shared.received.notify_waiters();
    answer(reply.unwrap_or_else(|| Reply::ok("{}"))).await
}

async fn answer(mut reply: Reply) -> Result<Response<Full<Bytes>>, Dropped> {
    loop {
        match reply {
            Reply::Delay(delay, inner) => {
                tokio::time::sleep(delay).await;
                reply = *inner;
            }
            Reply::DropConnection => return Err(Dropped),
            Reply::Status {
                status,
                body,
                content_type,
                headers,
            } => {
                let mut builder = Response::builder().status(status);
                if let Some(ct) = content_type {
                    builder = builder.header("content-type", ct);
                }
                for (name, value) in headers {
                    builder = builder.header(name, value);
                }
                return Ok(builder
                    .body(Full::new(Bytes::from(body)))
                    .unwrap_or_else(|_| {
                        let mut r = Response::new(Full::new(Bytes::from_static(b"bad reply")));
                        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
                        r
                    }));
            }
        }
    }
}

/// Retries of [`test_client`]: 4 attempts, 1 ms base delay, 5 ms cap, so retry tests stay fast.
pub fn test_retry_config() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(4)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

/// A client for `url` (a [`RecordingServer::url`] or a local SWF): region `us-east-1`, static
/// test credentials ([`TEST_ACCESS_KEY_ID`], [`TEST_SECRET_ACCESS_KEY`]), the endpoint given
/// explicitly, [`test_retry_config`], and a 5 s poll timeout.
pub fn test_client(url: &str) -> Client {
    test_client_builder(url)
        .build()
        .expect("test client configuration")
}

/// The builder behind [`test_client`], to change one setting.
pub fn test_client_builder(url: &str) -> swf_activity::client::ClientBuilder {
    Client::builder()
        .region(TEST_REGION)
        .endpoint_url(url)
        .credentials(Credentials::from_keys(
            TEST_ACCESS_KEY_ID,
            TEST_SECRET_ACCESS_KEY,
            None,
        ))
        .retry_config(test_retry_config())
        .poll_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
}

/// The README's Rust examples, compiled as doc tests so the README stays true to the API.
#[doc = include_str!("../../README.md")]
pub mod readme {}
