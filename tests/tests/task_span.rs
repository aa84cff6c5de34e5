//! The per-task span `activity_task`, as a `tracing` layer sees it (and so as an OpenTelemetry
//! exporter would): its fields for a task run on the local SWF, the activity's own events and
//! the worker's inside it, and no task token anywhere in what is recorded, at any level.
//!
//! The worker talks to the local SWF through a forwarding proxy that keeps the task tokens of
//! the poll answers, so the check looks for the real tokens the worker held.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use swf_activity::activity;
use swf_activity::model::{ActivityType, RegisterActivityType};
use swf_activity::registry::ActivitySet;
use swf_activity::testing::{ActivityOutcome, ScheduleSpec};
use swf_activity_tests::worker::{self as harness, RunningWorker};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const DOMAIN: &str = "span-tests";
const TASK_LIST: &str = "spans";
const WORKFLOW_ID: &str = "order-42-workflow";

#[derive(Debug, Deserialize)]
struct Order {
    order: u32,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("order {0} was refused")]
struct Refused(u32);

/// Logs at info and at trace level while it runs.
#[activity(name = "Traced", version = "3", task_list = "spans")]
async fn traced(input: Order) -> Result<u32, Refused> {
    tracing::info!(order = input.order, "charging the order");
    tracing::trace!("a trace-level detail of the charge");
    Ok(input.order)
}

// ---------------------------------------------------------------------------------------------
// A layer that records every span's fields and every event's fields and enclosing spans.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct SpanRecord {
    name: &'static str,
    target: String,
    fields: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
struct EventRecord {
    target: String,
    level: Level,
    fields: Vec<(String, String)>,
    /// The enclosing spans' records (indexes into `Records::spans`), innermost first.
    scope: Vec<usize>,
}

impl EventRecord {
    fn field(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[derive(Debug, Default)]
struct Records {
    spans: Vec<SpanRecord>,
    events: Vec<EventRecord>,
}

#[derive(Debug, Clone, Default)]
struct Recorder(Arc<Mutex<Records>>);

impl Recorder {
    fn records(&self) -> std::sync::MutexGuard<'_, Records> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A span's record, kept in its extensions: span ids are reused once a span closes.
struct RecordIndex(usize);

#[derive(Default)]
struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorder {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        let index = {
            let mut records = self.records();
            records.spans.push(SpanRecord {
                name: attrs.metadata().name(),
                target: attrs.metadata().target().to_owned(),
                fields: fields.0,
            });
            records.spans.len() - 1
        };
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(RecordIndex(index));
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        let Some(index) = ctx
            .span(id)
            .and_then(|span| span.extensions().get::<RecordIndex>().map(|i| i.0))
        else {
            return;
        };
        let mut fields = Fields::default();
        values.record(&mut fields);
        if let Some(span) = self.records().spans.get_mut(index) {
            span.fields.extend(fields.0);
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let scope = ctx
            .event_scope(event)
            .map(|scope| {
                scope
                    .filter_map(|span| span.extensions().get::<RecordIndex>().map(|i| i.0))
                    .collect()
            })
            .unwrap_or_default();
        self.records().events.push(EventRecord {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            fields: fields.0,
            scope,
        });
    }
}

/// The process's subscriber: every span and event at every level, from every thread.
fn recorder() -> &'static Recorder {
    static RECORDER: OnceLock<Recorder> = OnceLock::new();
    RECORDER.get_or_init(|| {
        let recorder = Recorder::default();
        tracing::subscriber::set_global_default(
            tracing_subscriber::registry().with(recorder.clone()),
        )
        .expect("the only subscriber of this binary");
        recorder
    })
}

// ---------------------------------------------------------------------------------------------
// A proxy between the worker and the local SWF that keeps the task tokens.
// ---------------------------------------------------------------------------------------------

/// Task tokens seen by the proxy: handed out in poll answers, and sent back in answers.
#[derive(Debug, Default)]
struct Tokens {
    polled: Vec<String>,
    answered: Vec<String>,
}

struct Proxy {
    url: String,
    tokens: Arc<Mutex<Tokens>>,
    server: tokio::task::JoinHandle<()>,
}

impl Proxy {
    /// Forwards every request to `target` as it came (its `Host` header too, which the
    /// signature covers) and every answer back.
    async fn start(target: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let tokens = Arc::new(Mutex::new(Tokens::default()));
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("an HTTP client");
        let target = target.trim_end_matches('/').to_owned();
        let server = tokio::spawn({
            let tokens = Arc::clone(&tokens);
            async move {
                let mut connections = JoinSet::new();
                while let Ok((stream, _)) = listener.accept().await {
                    let (http, target, tokens) =
                        (http.clone(), target.clone(), Arc::clone(&tokens));
                    let service = service_fn(move |request: Request<Incoming>| {
                        forward(http.clone(), target.clone(), Arc::clone(&tokens), request)
                    });
                    connections.spawn(async move {
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }
        });
        Proxy {
            url,
            tokens,
            server,
        }
    }

    fn tokens(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The `taskToken` of a JSON body, if any.
fn task_token(body: &[u8]) -> Option<String> {
    let json: serde_json::Value = serde_json::from_slice(body).ok()?;
    json["taskToken"]
        .as_str()
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

async fn forward(
    http: reqwest::Client,
    target: String,
    tokens: Arc<Mutex<Tokens>>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let Ok(body) = body.collect().await.map(|b| b.to_bytes()) else {
        return Ok(status(StatusCode::BAD_REQUEST));
    };
    let operation = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if operation.starts_with("SimpleWorkflowService.RespondActivityTask")
        && let Some(token) = task_token(&body)
    {
        tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .answered
            .push(token);
    }
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = http.request(parts.method.clone(), format!("{target}{path}"));
    for (name, value) in &parts.headers {
        // Framing is the client's own business; everything else, `Host` included, goes as is.
        if !matches!(
            name.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        ) {
            out = out.header(name, value);
        }
    }
    let Ok(answer) = out.body(body).send().await else {
        return Ok(status(StatusCode::BAD_GATEWAY));
    };
    let code = answer.status();
    let headers = answer.headers().clone();
    let Ok(body) = answer.bytes().await else {
        return Ok(status(StatusCode::BAD_GATEWAY));
    };
    if operation == "SimpleWorkflowService.PollForActivityTask"
        && let Some(token) = task_token(&body)
    {
        tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .polled
            .push(token);
    }
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = code;
    for (name, value) in &headers {
        if !matches!(
            name.as_str(),
            "content-length" | "transfer-encoding" | "connection"
        ) {
            response.headers_mut().append(name, value.clone());
        }
    }
    Ok(response)
}

fn status(code: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = code;
    response
}

// ---------------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------------

/// Where any 32-character piece of a token shows up in `text` (a token cut short, or wrapped in
/// quotes, is still found).
fn leaks(text: &str, tokens: &[String]) -> bool {
    tokens.iter().any(|token| {
        let chars: Vec<char> = token.chars().collect();
        chars
            .chunks(32)
            .filter(|piece| piece.len() == 32)
            .any(|piece| text.contains(&piece.iter().collect::<String>()))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_task_span_names_the_task_holds_its_events_and_no_token() {
    let recorder = recorder();
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, "Stranger", "1"))
        .expect("registered by someone else");
    let proxy = Proxy::start(swf.url()).await;
    let client = swf
        .client_builder()
        .endpoint_url(&proxy.url)
        .build()
        .expect("a client of the proxy");
    let worker = harness::builder(client, DOMAIN, TASK_LIST)
        .activities(ActivitySet::select([("Traced", "3")]).expect("served"))
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;

    let task = swf
        .schedule_activity_task(
            ScheduleSpec::new(DOMAIN, ActivityType::new("Traced", "3"), "charge-42")
                .workflow_id(WORKFLOW_ID)
                .task_list(TASK_LIST)
                .input(r#"{"order":42}"#)
                .start_to_close_timeout("300"),
        )
        .expect("scheduled");
    let stranger = harness::schedule(&swf, DOMAIN, "Stranger", "stranger-1", TASK_LIST, "{}");
    assert_eq!(
        harness::outcome(&swf, &task).await,
        ActivityOutcome::Completed {
            result: Some("42".into())
        }
    );
    assert!(matches!(
        harness::outcome(&swf, &stranger).await,
        ActivityOutcome::Failed { .. }
    ));
    running.stop().await.expect("a clean shutdown");

    // The tokens the worker held: two tasks, each answered with the token its poll brought.
    let tokens = {
        let seen = proxy.tokens();
        assert_eq!(seen.polled.len(), 2, "two polls brought a task");
        let mut polled = seen.polled.clone();
        let mut answered = seen.answered.clone();
        polled.sort();
        answered.sort();
        assert_eq!(polled, answered, "each task answered with its own token");
        polled
    };
    assert!(
        tokens.iter().all(|t| t.len() >= 32),
        "tokens long enough to look for"
    );

    swf.shutdown().await;

    let records = recorder.records();
    let task_spans: Vec<(usize, &SpanRecord)> = records
        .spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.name == "activity_task")
        .collect();
    let span_of = |activity_id: &str| {
        let found: Vec<usize> = task_spans
            .iter()
            .filter(|(_, s)| field(&s.fields, "activity_id") == Some(activity_id))
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(found.len(), 1, "one activity_task span for {activity_id}");
        found[0]
    };

    // The span's fields: exactly these five, with the task's values.
    let traced_span = span_of("charge-42");
    let execution = task.workflow_execution();
    let fields: BTreeMap<&str, &str> = records.spans[traced_span]
        .fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        fields,
        BTreeMap::from([
            ("activity_type", "Traced"),
            ("version", "3"),
            ("activity_id", "charge-42"),
            ("workflow_id", WORKFLOW_ID),
            ("run_id", execution.run_id.as_str()),
        ])
    );
    assert!(!execution.run_id.is_empty());

    // Inside it: the activity's own events, at info and at trace level, and the worker's.
    let innermost_task_span = |event: &EventRecord| {
        event
            .scope
            .iter()
            .copied()
            .find(|i| records.spans[*i].name == "activity_task")
    };
    let message = |text: &str| {
        let found: Vec<&EventRecord> = records
            .events
            .iter()
            .filter(|e| e.field("message") == Some(text))
            .collect();
        assert_eq!(found.len(), 1, "one event {text:?}");
        found[0]
    };
    let charging = message("charging the order");
    assert_eq!(charging.field("order"), Some("42"));
    assert_eq!(charging.level, Level::INFO);
    assert_eq!(
        charging.scope,
        [traced_span],
        "inside the task's span, which has no parent: each task is a trace of its own"
    );
    let detail = message("a trace-level detail of the charge");
    assert_eq!(detail.level, Level::TRACE, "trace events are recorded too");
    assert_eq!(innermost_task_span(detail), Some(traced_span));
    let worker_events: Vec<&EventRecord> = records
        .events
        .iter()
        .filter(|e| {
            e.target.starts_with("swf_activity::worker")
                && innermost_task_span(e) == Some(traced_span)
        })
        .collect();
    for said in ["task started", "task completed"] {
        assert!(
            worker_events
                .iter()
                .any(|e| e.field("message") == Some(said)),
            "the worker's {said:?} is inside the task's span: {worker_events:#?}"
        );
    }

    // A task of a type the worker does not serve gets the span too, named after SWF's type.
    let stranger_span = span_of("stranger-1");
    assert_eq!(
        field(&records.spans[stranger_span].fields, "activity_type"),
        Some("Stranger")
    );
    assert!(
        records
            .events
            .iter()
            .any(|e| innermost_task_span(e) == Some(stranger_span)
                && e.level == Level::ERROR
                && e.field("message")
                    .is_some_and(|m| m.contains("does not serve"))),
        "the unknown type's error is inside its span"
    );

    // No task token in any span or event of the worker and the client, at any level. (The
    // local SWF's own records are left out: it is the server, which knows the tokens.)
    assert!(
        leaks(&format!("token=\"{}\"", &tokens[0][..40]), &tokens),
        "the check finds a token cut short"
    );
    let mut looked_at = 0;
    for span in records
        .spans
        .iter()
        .filter(|s| !s.target.starts_with("swf_activity::testing"))
    {
        for (name, value) in &span.fields {
            looked_at += 1;
            assert!(
                !leaks(name, &tokens) && !leaks(value, &tokens),
                "span {} field {name} = {value:?} holds a task token",
                span.name
            );
        }
    }
    for event in records
        .events
        .iter()
        .filter(|e| !e.target.starts_with("swf_activity::testing"))
    {
        for (name, value) in &event.fields {
            looked_at += 1;
            assert!(
                !leaks(name, &tokens) && !leaks(value, &tokens),
                "event of {} field {name} = {value:?} holds a task token",
                event.target
            );
        }
    }
    assert!(
        looked_at > 20,
        "the check looked at what was recorded ({looked_at} fields)"
    );
}
