//! A worker that exports its metrics to Prometheus and answers health checks: the worker, a
//! `metrics-exporter-prometheus` recorder installed before it runs, and one small HTTP server
//! on `127.0.0.1` for the scraper and the orchestrator's probes.
//!
//! ```sh
//! cargo run -p swf-activity --features testing --example prometheus
//! curl localhost:9898/metrics      # Prometheus text format
//! curl -i localhost:9898/readyz    # 200 while polling, else 503; the health report as JSON
//! curl -i localhost:9898/healthz   # 200 while live, else 503; the same report
//! ```
//!
//! | path | answer |
//! |---|---|
//! | `/metrics` | `200`, the worker's and the client's metrics (`swf_activity::metrics`) in the text format (`text/plain; version=0.0.4`) |
//! | `/healthz` | `200` when [`Health::is_live`], else `503`; body: the [`HealthReport`] as JSON |
//! | `/readyz` | `200` when [`Health::is_ready`], else `503`; body: the [`HealthReport`] as JSON |
//! | anything else | `404` (`405` for a method other than `GET` or `HEAD` on the paths above) |
//!
//! Durations are exported as Prometheus histograms (buckets from 5 ms to 15 min), which, unlike
//! summaries, can be summed across the workers of a fleet.
//!
//! # Options
//!
//! - `--port <port>` (or the environment variable `METRICS_PORT`): the port to listen on,
//!   default 9898; `0` lets the OS pick one, which the example prints. It listens on
//!   `127.0.0.1` only; in a container, where the scraper and the kubelet come from outside,
//!   bind `0.0.0.0` instead.
//! - `--tasks <n>` (local mode only): stop once `n` tasks have ended, instead of at Ctrl-C.
//!
//! # Two modes
//!
//! As the quickstart, switched by the pair `SWF_DOMAIN` and `SWF_TASK_LIST`:
//!
//! - **Neither set (the default): local.** Needs no AWS account. The example starts the
//!   in-process local SWF ([`LocalSwf`]), runs the worker against it and plays the decider:
//!   it schedules a task every 100 ms, never more than 16 open at once, alternating between
//!   `ResizeImage` (completes) and `ChargeCard` (fails with its own error for one order in
//!   five), until Ctrl-C or until `--tasks` tasks have ended. Then it stops the worker
//!   gracefully and prints how the tasks ended.
//! - **Both set: real SWF.** The client comes from the standard AWS sources
//!   ([`Client::from_env`]); the worker registers the two activity types in the existing domain
//!   `SWF_DOMAIN`, polls `SWF_TASK_LIST` and runs what your deciders schedule there, until
//!   Ctrl-C, which drains running tasks before exiting.
//!
//!   ```sh
//!   SWF_DOMAIN=my-domain SWF_TASK_LIST=my-task-list AWS_REGION=eu-west-1 \
//!       cargo run -p swf-activity --features testing --example prometheus -- --port 9898
//!   ```
//!
//! In both modes `/readyz` answers 503 as soon as the worker starts draining and `/healthz`
//! once it has stopped; the server stops with the worker.

use std::convert::Infallible;
use std::future::Future;
use std::process::ExitCode;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};
use serde::{Deserialize, Serialize};
use swf_activity::model::ActivityType;
use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec, ScheduledActivity};
use swf_activity::worker::{Health, HealthReport};
use swf_activity::{Worker, activity};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

// The examples' shared setup; a path from this file, which tests also include as a module.
#[path = "support/mod.rs"]
mod support;
use support::{Failure, Mode, fail};

// ---------------------------------------------------------------------------------------------
// The activities.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct Image {
    id: u32,
    width: u32,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("cannot resize image {0}")]
struct ResizeError(u32);

/// Completes after a moment of work (20 to 110 ms), so that durations and busy slots show.
#[activity(name = "ResizeImage", version = "1", start_to_close_timeout = "1m")]
async fn resize_image(image: Image) -> Result<u32, ResizeError> {
    tokio::time::sleep(Duration::from_millis(20 + u64::from(image.id % 7) * 15)).await;
    if image.width == 0 {
        return Err(ResizeError(image.id));
    }
    Ok(image.width / 2)
}

#[derive(Debug, Deserialize)]
struct Charge {
    order_id: u32,
    amount_cents: u64,
    last4: String,
}

#[derive(Debug, thiserror::Error, Serialize)]
enum ChargeError {
    #[error("card ending {last4} was declined for order {order_id}")]
    Declined { order_id: u32, last4: String },
}

/// Fails with its own error (`kind="ActivityError"` in the metrics) for cards ending `0002`.
#[activity(name = "ChargeCard", version = "1", start_to_close_timeout = "1m")]
async fn charge_card(charge: Charge) -> Result<u64, ChargeError> {
    if charge.last4 == "0002" {
        return Err(ChargeError::Declined {
            order_id: charge.order_id,
            last4: charge.last4,
        });
    }
    Ok(charge.amount_cents)
}

// ---------------------------------------------------------------------------------------------
// Metrics and health over HTTP. `tests/tests/metrics_scrape.rs` includes this file and serves
// with these functions, so what the test checks is what the example serves.
// ---------------------------------------------------------------------------------------------

/// The content type of the Prometheus text format.
pub(crate) const METRICS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// How often the recorder drains its histograms when nobody scrapes: without it, samples of an
/// unscraped histogram pile up in memory.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Bucket bounds of every `*_seconds` histogram: from a fast answer (5 ms) to a long poll
/// (60 s) and a long task (15 min).
const SECONDS_BUCKETS: [f64; 16] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0,
];

/// Installs the Prometheus recorder as the process's global `metrics` recorder. Call it before
/// the worker runs: the worker registers its metrics when it starts, with whatever recorder is
/// installed then.
///
/// Durations become histograms rather than the exporter's default summaries, as histograms of
/// many workers can be aggregated and summaries cannot.
pub(crate) fn install_recorder() -> Result<PrometheusHandle, BuildError> {
    PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), &SECONDS_BUCKETS)?
        .install_recorder()
}

/// Serves `/metrics` (from `metrics`), `/healthz` and `/readyz` (from `health`) on `listener`
/// until `stop` completes; also runs the recorder's upkeep meanwhile. Connections still open
/// then are closed.
pub(crate) async fn serve<F: Future>(
    listener: TcpListener,
    metrics: PrometheusHandle,
    health: Health,
    stop: F,
) {
    let mut stop = std::pin::pin!(stop);
    let mut connections = JoinSet::new();
    let mut upkeep = tokio::time::interval(UPKEEP_EVERY);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = upkeep.tick() => metrics.run_upkeep(),
            // Finished connections are collected here, so that the set does not grow.
            Some(_) = connections.join_next() => {}
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // E.g. out of file descriptors: wait a little rather than spin.
                        tracing::warn!(error = %e, "metrics endpoint: accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let (metrics, health) = (metrics.clone(), health.clone());
                let service = service_fn(move |request: Request<Incoming>| {
                    let response = answer(&request, &metrics, &health);
                    async move { Ok::<_, Infallible>(response) }
                });
                connections.spawn(async move {
                    // A client that goes away mid-request is its own business.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        }
    }
    connections.shutdown().await;
}

/// The answer to one request.
fn answer(
    request: &Request<Incoming>,
    metrics: &PrometheusHandle,
    health: &Health,
) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    if !matches!(path, "/metrics" | "/healthz" | "/readyz") {
        return plain(
            StatusCode::NOT_FOUND,
            "not found: try /metrics, /healthz or /readyz\n".into(),
        );
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "use GET\n".into());
        response
            .headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    match path {
        "/metrics" => {
            let mut response = Response::new(Full::new(Bytes::from(metrics.render())));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(METRICS_CONTENT_TYPE));
            response
        }
        // One snapshot for both the status and the body, so that they agree.
        "/healthz" => {
            let report = health.report();
            health_answer(report.live, &report)
        }
        _ => {
            let report = health.report();
            health_answer(report.ready, &report)
        }
    }
}

/// `200` if `ok`, else `503`, with `report` as JSON.
fn health_answer(ok: bool, report: &HealthReport) -> Response<Full<Bytes>> {
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    match serde_json::to_vec(report) {
        Ok(json) => {
            let mut response = Response::new(Full::new(Bytes::from(json)));
            *response.status_mut() = status;
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        // The report is plain data; should it ever fail to serialize, the status still holds.
        Err(e) => plain(status, format!("health report: {e}\n")),
    }
}

fn plain(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

// ---------------------------------------------------------------------------------------------
// Running it.
// ---------------------------------------------------------------------------------------------

/// The port without `--port` or `METRICS_PORT`.
const DEFAULT_PORT: u16 = 9898;
/// The domain and task list of the local mode.
const LOCAL_DOMAIN: &str = "prometheus-example";
const LOCAL_TASK_LIST: &str = "prometheus-example-tasks";
/// The local decider's pace and the most tasks it keeps open.
const SCHEDULE_EVERY: Duration = Duration::from_millis(100);
const MAX_OPEN_TASKS: usize = 16;
/// Bounds of the local mode's waits.
const WORKER_START: Duration = Duration::from_secs(30);
const WORKER_STOP: Duration = Duration::from_secs(30);

/// The command line.
#[derive(Debug)]
struct Options {
    port: u16,
    /// Stop the local mode after this many tasks ended.
    tasks: Option<u64>,
}

impl Options {
    /// Reads `args` (without the program's name), with `env` for `METRICS_PORT`.
    fn parse(
        mut args: impl Iterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Options, Failure> {
        let number = |name: &str, value: Option<String>| -> Result<u64, Failure> {
            let value = value.ok_or_else(|| Failure(format!("{name} needs a value")))?;
            value
                .trim()
                .parse()
                .map_err(|e| fail(&format!("{name} {value:?}"), e))
        };
        let port_of = |name: &str, value: Option<String>| -> Result<u16, Failure> {
            let n = number(name, value)?;
            u16::try_from(n).map_err(|e| fail(&format!("{name} {n}"), e))
        };
        let mut options = Options {
            port: match env("METRICS_PORT").filter(|v| !v.trim().is_empty()) {
                Some(port) => port_of("METRICS_PORT", Some(port))?,
                None => DEFAULT_PORT,
            },
            tasks: None,
        };
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            match name.as_str() {
                "--port" => options.port = port_of("--port", inline.or_else(|| args.next()))?,
                "--tasks" => {
                    options.tasks = Some(number("--tasks", inline.or_else(|| args.next()))?)
                }
                other => {
                    return Err(Failure(format!(
                        "unknown argument {other:?}; options: --port <port>, --tasks <n>"
                    )));
                }
            }
        }
        Ok(options)
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match start().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("prometheus example failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

async fn start() -> Result<(), Failure> {
    let mode = support::mode()?;
    let options = Options::parse(std::env::args().skip(1), |name| std::env::var(name).ok())?;
    // Before the worker exists: it registers its metrics with the recorder installed when it
    // starts, and a later recorder would never see them.
    let metrics =
        install_recorder().map_err(|e| fail("cannot install the Prometheus recorder", e))?;
    // The help texts and units, from the first scrape on.
    swf_activity::metrics::describe();
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .await
        .map_err(|e| fail(&format!("cannot listen on 127.0.0.1:{}", options.port), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| fail("cannot read the listening address", e))?;
    println!("Serving http://{addr}/metrics, http://{addr}/healthz and http://{addr}/readyz");
    match mode {
        Mode::Local => run_locally(listener, metrics, options.tasks).await,
        Mode::Swf { domain, task_list } => {
            run_against_swf(listener, metrics, domain, task_list).await
        }
    }
}

/// The server on a task of its own, and what stops it.
fn spawn_server(
    listener: TcpListener,
    metrics: PrometheusHandle,
    health: Health,
) -> (oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, metrics, health, stopped));
    (stop, server)
}

async fn run_locally(
    listener: TcpListener,
    metrics: PrometheusHandle,
    limit: Option<u64>,
) -> Result<(), Failure> {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(5))
        .start()
        .await
        .map_err(|e| fail("cannot start the local SWF endpoint", e))?;
    swf.register_domain(LOCAL_DOMAIN)
        .map_err(|e| fail("cannot register the local domain", e))?;
    let worker = Worker::builder(swf.client(), LOCAL_DOMAIN)
        .task_list(LOCAL_TASK_LIST)
        .identity("prometheus-example")
        .max_concurrent_tasks(8)
        .shutdown_deadline(Duration::from_secs(10))
        .build()
        .map_err(|e| fail("cannot build the worker", e))?;
    let (stop_server, server) = spawn_server(listener, metrics, worker.health());
    let (stop_worker, worker_stopped) = oneshot::channel::<()>();
    let mut running = tokio::spawn(worker.run_until(async {
        let _ = worker_stopped.await;
    }));
    tokio::select! {
        polling = swf.wait_for_pollers(LOCAL_DOMAIN, LOCAL_TASK_LIST, 1, WORKER_START) => {
            if !polling {
                running.abort();
                return Err(Failure(format!("the worker did not poll within {WORKER_START:?}")));
            }
        }
        ended = &mut running => {
            return Err(match ended {
                Ok(Ok(())) => Failure("the worker stopped before it polled".into()),
                Ok(Err(e)) => fail("the worker did not start", e),
                Err(e) => fail("the worker crashed", e),
            });
        }
    }
    match limit {
        Some(n) => println!("Scheduling tasks until {n} have ended (Ctrl-C stops sooner) ..."),
        None => println!("Scheduling tasks until Ctrl-C ..."),
    }
    let (mut tally, open) = play_decider(&swf, limit).await?;

    let _ = stop_worker.send(());
    let stopped = tokio::time::timeout(WORKER_STOP, running).await;
    let _ = stop_server.send(());
    let _ = server.await;
    match stopped {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => return Err(fail("the worker failed", e)),
        Ok(Err(e)) => return Err(fail("the worker crashed", e)),
        Err(_) => {
            return Err(Failure(format!(
                "the worker did not stop within {WORKER_STOP:?}"
            )));
        }
    }
    // The tasks still open at Ctrl-C were answered while the worker drained, unless no poll
    // had taken them yet.
    let waiting = open.iter().filter(|task| !tally.count(&swf, task)).count();
    swf.shutdown().await;
    println!(
        "Worker stopped. Tasks ended: {} completed, {} failed, {} other; {waiting} never \
         taken.",
        tally.completed, tally.failed, tally.other
    );
    Ok(())
}

/// How the local mode's tasks ended.
#[derive(Debug, Default)]
struct Tally {
    completed: u64,
    failed: u64,
    other: u64,
}

impl Tally {
    fn ended(&self) -> u64 {
        self.completed + self.failed + self.other
    }

    /// Counts `task` if it has ended; whether it has.
    fn count(&mut self, swf: &LocalSwf, task: &ScheduledActivity) -> bool {
        match swf.outcome(task) {
            None => false,
            Some(ActivityOutcome::Completed { .. }) => {
                self.completed += 1;
                true
            }
            Some(ActivityOutcome::Failed { .. }) => {
                self.failed += 1;
                true
            }
            Some(_) => {
                self.other += 1;
                true
            }
        }
    }
}

/// Schedules tasks at a steady pace, at most [`MAX_OPEN_TASKS`] open at once, until Ctrl-C or
/// until `limit` tasks have ended; how they ended, and the tasks still open.
async fn play_decider(
    swf: &LocalSwf,
    limit: Option<u64>,
) -> Result<(Tally, Vec<ScheduledActivity>), Failure> {
    let mut tally = Tally::default();
    let mut open: Vec<ScheduledActivity> = Vec::new();
    let mut scheduled: u64 = 0;
    let mut tick = tokio::time::interval(SCHEDULE_EVERY);
    // If Ctrl-C cannot be watched the example stops at once, rather than never.
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        tokio::select! {
            _ = &mut ctrl_c => break,
            _ = tick.tick() => {}
        }
        open.retain(|task| !tally.count(swf, task));
        if limit.is_some_and(|n| tally.ended() >= n) {
            break;
        }
        if open.len() < MAX_OPEN_TASKS && limit.is_none_or(|n| scheduled < n) {
            open.push(schedule(swf, scheduled)?);
            scheduled += 1;
        }
    }
    Ok((tally, open))
}

/// Task `n`: even ones resize an image, odd ones charge a card, declined for one order in five.
fn schedule(swf: &LocalSwf, n: u64) -> Result<ScheduledActivity, Failure> {
    let (activity, input) = if n.is_multiple_of(2) {
        (
            "ResizeImage",
            format!(r#"{{"id":{n},"width":{}}}"#, 800 + n),
        )
    } else {
        let last4 = if n % 10 == 1 { "0002" } else { "4242" };
        (
            "ChargeCard",
            format!(
                r#"{{"order_id":{n},"amount_cents":{},"last4":"{last4}"}}"#,
                1000 + n
            ),
        )
    };
    let spec = ScheduleSpec::new(
        LOCAL_DOMAIN,
        ActivityType::new(activity, "1"),
        format!("task-{n}"),
    )
    .task_list(LOCAL_TASK_LIST)
    .input(input);
    swf.schedule_activity_task(spec)
        .map_err(|e| fail(&format!("cannot schedule task {n}"), e))
}

async fn run_against_swf(
    listener: TcpListener,
    metrics: PrometheusHandle,
    domain: String,
    task_list: String,
) -> Result<(), Failure> {
    let client = support::swf_client(&domain).await?;
    let worker = Worker::builder(client, domain.clone())
        .task_list(task_list.clone())
        .build()
        .map_err(|e| fail("cannot build the worker", e))?;
    let (stop_server, server) = spawn_server(listener, metrics, worker.health());
    println!(
        "Worker {} serves ResizeImage@1 and ChargeCard@1 in domain `{domain}` on task list \
         `{task_list}`; Ctrl-C stops it.",
        worker.identity()
    );
    let ran = worker.run_until(support::ctrl_c()).await;
    let _ = stop_server.send(());
    let _ = server.await;
    ran.map_err(|e| fail("the worker stopped with an error", e))?;
    println!("Worker stopped: every task it took has been answered.");
    Ok(())
}
