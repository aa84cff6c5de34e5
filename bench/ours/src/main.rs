//! Contender: swf-activity (`Client`, and `#[activity]` + `Worker`).
//!
//! Modes (`BENCH_MODE`): `client` (N × poll + respond, `BENCH_IN_FLIGHT` at once), `worker`
//! (N tasks through `#[activity]` and `Worker`; `BENCH_FORMAT` `flow` or `simpleflow` sets the
//! worker's default converter), `memory` (hold N tasks in flight, print RSS),
//! `memory-base` (the same worker with no task, print RSS), `offload` (N tasks whose result is
//! 1 MiB, stored through an `S3Store` on the stub and sent as a marker), `local` (N tasks
//! through `swf-local` over HTTP: a minimal decider in this process starts an execution per
//! task, schedules its task and completes the execution once the task completed, while the
//! worker runs the tasks), `local-hold` (N executions started on `swf-local`, each left open
//! with one activity task scheduled that nobody polls).
//!
//! `BENCH_METRICS` (worker modes): the `metrics` recorder installed before the worker starts:
//! `none` (default: the library installs none), `noop` (`metrics::NoopRecorder`) or
//! `prometheus` (`metrics-exporter-prometheus`'s recorder, its scrape rendered once a second
//! and once at the end, as an exporter would; prints a `METRICS` line, and writes the last scrape
//! to `BENCH_SCRAPE_OUT` if set).

#[path = "../../common.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use common::{Config, Meter, Order, Receipt};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use swf_activity::convert::{FlowJava, Simpleflow};
use swf_activity::credentials::Credentials;
use swf_activity::model::{
    ActivityType, Decision, EventType, PollForActivityTask, PollForDecisionTask,
    RespondActivityTaskCompleted, RespondDecisionTaskCompleted,
    ScheduleActivityTaskDecisionAttributes, StartWorkflowExecution, TaskList, WorkflowType,
};
use swf_activity::payload::{Offload, S3Store};
use swf_activity::registry::{self, ActivitySet};
use swf_activity::{Client, Worker, activity};
use tokio::sync::Notify;

static STARTED: AtomicUsize = AtomicUsize::new(0);
static TARGET: AtomicUsize = AtomicUsize::new(usize::MAX);
static HOLD: AtomicBool = AtomicBool::new(false);
static REACHED: Notify = Notify::const_new();

#[derive(Debug, serde::Serialize)]
struct BenchError;

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bench activity failed")
    }
}

#[activity(name = "BenchActivity", version = "1")]
async fn bench_activity(order: Order) -> Result<Receipt, BenchError> {
    let n = STARTED.fetch_add(1, Ordering::Relaxed) + 1;
    if n == TARGET.load(Ordering::Relaxed) {
        REACHED.notify_one();
    }
    if HOLD.load(Ordering::Relaxed) {
        // A waiting in-flight task: never completes.
        std::future::pending::<()>().await;
    }
    Ok(common::charge(order))
}

/// The same type as [`bench_activity`], for the offload figure: its result is 1 MiB.
#[activity(name = "BenchActivity", version = "1")]
async fn bench_large(order: Order) -> Result<String, BenchError> {
    let n = STARTED.fetch_add(1, Ordering::Relaxed) + 1;
    if n == TARGET.load(Ordering::Relaxed) {
        REACHED.notify_one();
    }
    Ok(common::large_result(order))
}

/// The one of the two `BenchActivity` functions this mode serves.
fn serving(function: &str) -> ActivitySet {
    ActivitySet::from_registrations(
        registry::activities().filter(|a| a.function.ends_with(function)),
    )
    .expect("one activity")
}

fn client(cfg: &Config) -> Client {
    Client::builder()
        .region("us-east-1")
        .endpoint_url(&cfg.url)
        .credentials(Credentials::from_keys(
            "AKIDBENCHMARK0000000",
            "bench/secret/key/0000000000000000000000",
            None,
        ))
        .build()
        .expect("client")
}

async fn cycle(client: &Client, poll: &PollForActivityTask) {
    let task = client
        .poll_for_activity_task(poll)
        .await
        .expect("poll")
        .expect("a task");
    client
        .respond_activity_task_completed(
            &RespondActivityTaskCompleted::new(task.task_token).result(common::FIXED_RESULT),
        )
        .await
        .expect("respond");
}

async fn client_mode(cfg: Config) {
    let client = client(&cfg);
    let poll = Arc::new(
        PollForActivityTask::new(common::DOMAIN, common::TASK_LIST).identity(common::IDENTITY),
    );
    // Warm-up: open the connections the timed part reuses.
    let warm: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let (client, poll) = (client.clone(), poll.clone());
            tokio::spawn(async move { cycle(&client, &poll).await })
        })
        .collect();
    for w in warm {
        w.await.expect("warm-up");
    }
    let meter = Meter::start();
    let next = Arc::new(AtomicUsize::new(0));
    let loops: Vec<_> = (0..cfg.in_flight)
        .map(|_| {
            let (client, poll, next, n) = (client.clone(), poll.clone(), next.clone(), cfg.n);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < n {
                    cycle(&client, &poll).await;
                }
            })
        })
        .collect();
    for l in loops {
        l.await.expect("loop");
    }
    meter.report(cfg.n);
}

/// Flow's classes of the bench's input and result.
const FLOW: FlowJava = FlowJava::new().classes(&[
    ("Order", "com.example.Order"),
    ("Receipt", "com.example.Receipt"),
]);

fn worker(cfg: &Config, slots: usize, pollers: usize) -> Worker {
    let builder = match std::env::var("BENCH_FORMAT").as_deref() {
        Ok("flow") => Worker::builder(client(cfg), common::DOMAIN).converter(FLOW),
        Ok("simpleflow") => {
            Worker::builder(client(cfg), common::DOMAIN).converter(Simpleflow::new())
        }
        _ => Worker::builder(client(cfg), common::DOMAIN),
    };
    let builder = if std::env::var("BENCH_MODE").as_deref() == Ok("offload") {
        let store = S3Store::builder(&client(cfg), common::LARGE_BUCKET)
            .endpoint_url(&cfg.url)
            .prefix(common::LARGE_PREFIX)
            .build()
            .expect("store");
        builder
            .activities(serving("::bench_large"))
            .offload(Offload::new(store))
    } else {
        builder.activities(serving("::bench_activity"))
    };
    builder
        .task_list(common::TASK_LIST)
        .identity(common::IDENTITY)
        .register_activity_types(false)
        .max_concurrent_tasks(slots)
        .pollers(pollers)
        .shutdown_deadline(Duration::from_secs(1))
        .build()
        .expect("worker")
}

/// Installs `BENCH_METRICS`'s recorder; for Prometheus, its handle to render scrapes with.
fn install_recorder() -> Option<PrometheusHandle> {
    match std::env::var("BENCH_METRICS").as_deref() {
        Err(_) | Ok("none") => None,
        Ok("noop") => {
            metrics::set_global_recorder(metrics::NoopRecorder).expect("no recorder yet");
            None
        }
        Ok("prometheus") => Some(
            PrometheusBuilder::new()
                .install_recorder()
                .expect("prometheus recorder"),
        ),
        Ok(other) => panic!("unknown BENCH_METRICS {other}"),
    }
}

/// Scrapes rendered, and their bytes.
static SCRAPES: AtomicUsize = AtomicUsize::new(0);
static SCRAPED_BYTES: AtomicUsize = AtomicUsize::new(0);

/// Renders one scrape, as an exporter answers Prometheus.
fn scrape(handle: &PrometheusHandle) -> String {
    let text = handle.render();
    SCRAPES.fetch_add(1, Ordering::Relaxed);
    SCRAPED_BYTES.fetch_add(text.len(), Ordering::Relaxed);
    text
}

/// The value of `swf_activity_tasks_total{..., outcome="completed"}` in a rendered scrape.
fn completed_tasks(scrape: &str) -> u64 {
    scrape
        .lines()
        .filter(|l| {
            l.starts_with("swf_activity_tasks_total{") && l.contains("outcome=\"completed\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

async fn worker_mode(cfg: Config) {
    TARGET.store(cfg.n, Ordering::Relaxed);
    // Before the worker is built and run: it registers its metric handles when it starts.
    let prometheus = install_recorder();
    let worker = worker(&cfg, cfg.in_flight, cfg.in_flight);
    let meter = Meter::start();
    // A scrape a second, as an exporter serving Prometheus would render.
    let scraper = prometheus.clone().map(|handle| {
        tokio::spawn(async move {
            let start = tokio::time::Instant::now() + Duration::from_secs(1);
            let mut every = tokio::time::interval_at(start, Duration::from_secs(1));
            loop {
                every.tick().await;
                drop(scrape(&handle));
            }
        })
    });
    // Stops polling once the N-th task started; the worker then drains it, so all N are answered.
    worker.run_until(REACHED.notified()).await.expect("worker");
    if let Some(scraper) = scraper {
        scraper.abort();
    }
    // The scrape at the end: every task's records drained and rendered.
    let metrics_line = prometheus.map(|handle| {
        let last = scrape(&handle);
        if let Ok(path) = std::env::var("BENCH_SCRAPE_OUT") {
            std::fs::write(path, &last).expect("write the last scrape");
        }
        format!(
            "METRICS scrapes={} bytes={} completed={}",
            SCRAPES.load(Ordering::Relaxed),
            SCRAPED_BYTES.load(Ordering::Relaxed),
            completed_tasks(&last)
        )
    });
    meter.report(STARTED.load(Ordering::Relaxed));
    if let Some(line) = metrics_line {
        println!("{line}");
    }
}

async fn memory_mode(cfg: Config, baseline: bool) {
    HOLD.store(true, Ordering::Relaxed);
    TARGET.store(cfg.n, Ordering::Relaxed);
    let worker = worker(&cfg, cfg.n.max(1), 32);
    tokio::spawn(worker.run());
    if baseline {
        tokio::time::sleep(Duration::from_millis(500)).await;
    } else {
        REACHED.notified().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    println!(
        "MEMORY held={} rss_kib={} hwm_kib={}",
        STARTED.load(Ordering::Relaxed),
        common::status_kib("VmRSS"),
        common::status_kib("VmHWM")
    );
    std::process::exit(0);
}

/// The decision task list of the `local` modes (the workflow type's default in the seed file).
const DECIDERS: &str = "bench-deciders";
/// The task list the `local-hold` mode schedules on, which no worker polls.
const HELD_LIST: &str = "bench-held";
/// How many executions the `local` mode keeps open at once, and its decision pollers.
const LOCAL_OPEN: usize = 64;
const LOCAL_DECIDERS: usize = 4;

/// The order each `local` task carries, as the stub's.
const LOCAL_ORDER: &str = r#"{"order_id":"ord-00000001","amount_cents":4200,"currency":"EUR","items":["sku-1","sku-2","sku-3"]}"#;

/// Starts `n` executions of the bench workflow type, at most `open` not yet finished (as
/// `finished` counts them) at once.
async fn start_executions(
    client: Client,
    prefix: String,
    n: usize,
    open: Arc<tokio::sync::Semaphore>,
) {
    for i in 0..n {
        open.acquire().await.expect("open").forget();
        client
            .start_workflow_execution(&StartWorkflowExecution::new(
                common::DOMAIN,
                format!("{prefix}-{i}"),
                WorkflowType::new("BenchFlow", "1"),
            ))
            .await
            .expect("start");
    }
}

/// A minimal decider: schedules the execution's one task on `task_list`, then (unless
/// `hold`) completes the execution once the task completed. Counts finished executions in
/// `finished` (for `hold`: those whose task is scheduled) and gives their place back to `open`.
async fn decide(
    client: Client,
    task_list: &'static str,
    hold: bool,
    n: usize,
    finished: Arc<AtomicUsize>,
    open: Arc<tokio::sync::Semaphore>,
    all_done: Arc<Notify>,
) {
    let poll = PollForDecisionTask::new(common::DOMAIN, DECIDERS).identity(common::IDENTITY);
    while finished.load(Ordering::Relaxed) < n {
        let Some(task) = client.poll_for_decision_task(&poll).await.expect("poll") else {
            continue;
        };
        let completed = task
            .events
            .iter()
            .any(|e| e.event_type == EventType::ActivityTaskCompleted);
        let scheduled = task
            .events
            .iter()
            .any(|e| e.event_type == EventType::ActivityTaskScheduled);
        let answer = RespondDecisionTaskCompleted::new(task.task_token);
        let (answer, done) = if completed {
            (
                answer.decision(Decision::complete_workflow_execution(None)),
                true,
            )
        } else if !scheduled {
            let attributes = ScheduleActivityTaskDecisionAttributes::new(
                ActivityType::new("BenchActivity", "1"),
                "charge",
            )
            .task_list(TaskList::new(task_list))
            .input(LOCAL_ORDER);
            (
                answer.decision(Decision::schedule_activity_task(attributes)),
                hold,
            )
        } else {
            (answer, false)
        };
        client
            .respond_decision_task_completed(&answer)
            .await
            .expect("respond");
        if done {
            open.add_permits(1);
            if finished.fetch_add(1, Ordering::Relaxed) + 1 == n {
                all_done.notify_one();
            }
        }
    }
    // The others may still wait in a long poll: the process ends once the last one finished.
    all_done.notify_one();
}

/// `local` and `local-hold`: see the module's doc.
async fn local_mode(cfg: Config, hold: bool) {
    let client = client(&cfg);
    let finished = Arc::new(AtomicUsize::new(0));
    let open = Arc::new(tokio::sync::Semaphore::new(if hold {
        256
    } else {
        LOCAL_OPEN
    }));
    let all_done = Arc::new(Notify::new());
    let task_list = if hold { HELD_LIST } else { common::TASK_LIST };
    let worker = (!hold).then(|| worker(&cfg, cfg.in_flight, cfg.in_flight));
    let meter = Meter::start();
    let deciders: Vec<_> = (0..LOCAL_DECIDERS)
        .map(|_| {
            tokio::spawn(decide(
                client.clone(),
                task_list,
                hold,
                cfg.n,
                finished.clone(),
                open.clone(),
                all_done.clone(),
            ))
        })
        .collect();
    let prefix = format!("bench-{}", std::process::id());
    let starter = tokio::spawn(start_executions(
        client.clone(),
        prefix,
        cfg.n,
        open.clone(),
    ));
    let done = all_done.notified();
    match worker {
        Some(worker) => worker.run_until(done).await.expect("worker"),
        None => done.await,
    }
    let finished = finished.load(Ordering::Relaxed);
    meter.report(finished);
    starter.await.expect("starter");
    for d in deciders {
        // Long polls still open would hold the process up to the endpoint's poll wait.
        d.abort();
    }
    println!("LOCAL finished={finished} open={LOCAL_OPEN} deciders={LOCAL_DECIDERS}");
    std::process::exit(0);
}

fn main() {
    let cfg = Config::from_env();
    let rt = common::runtime();
    rt.block_on(async move {
        match cfg.mode.as_str() {
            "client" => client_mode(cfg).await,
            "worker" | "offload" => worker_mode(cfg).await,
            "memory" => memory_mode(cfg, false).await,
            "memory-base" => memory_mode(cfg, true).await,
            "local" => local_mode(cfg, false).await,
            "local-hold" => local_mode(cfg, true).await,
            other => panic!("unknown mode {other}"),
        }
    });
}
