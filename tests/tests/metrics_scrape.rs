//! The worker's metrics and health as a Prometheus scraper and a Kubernetes probe see them: the
//! endpoint of `runtime/examples/prometheus.rs`, served over real HTTP on an OS-chosen port,
//! scraped during a run on the local SWF and after it, the text format parsed strictly, and
//! every count checked against what the local SWF recorded (the histories' events and its
//! request counts).
//!
//! Only one test runs a worker: it installs the process's only global `metrics` recorder.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use swf_activity::activity;
use swf_activity::metrics::{
    POLLS, REGISTRATIONS, REQUESTS, RESPONDS, SLOTS_AVAILABLE, SLOTS_USED, TASK_DURATION,
    TASK_FAILURES, TASKS,
};
use swf_activity::model::{EventType, RegisterActivityType};
use swf_activity::registry::ActivitySet;
use swf_activity::testing::{LocalSwf, Op, ScheduledActivity};
use swf_activity_tests::worker::{self as harness, RunningWorker, WAIT, until};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};

// The example's serving code, reused as is; its `main` and local mode are not used here.
#[allow(dead_code)]
#[path = "../../runtime/examples/prometheus.rs"]
mod example;

const DOMAIN: &str = "metrics-scrape";
const TASK_LIST: &str = "scrape";
const MAX_CONCURRENT_TASKS: usize = 4;
const POLLERS: usize = 2;
/// The served types, and the one the worker does not serve.
const SERVED: [&str; 3] = ["Add", "Refuse", "Hold"];
const UNKNOWN: &str = "Stranger";

#[derive(Debug, thiserror::Error, Serialize)]
#[error("order {order} was refused")]
struct Refused {
    order: u32,
}

#[derive(Debug, Deserialize)]
struct Pair {
    a: i64,
    b: i64,
}

#[activity(name = "Add", version = "1", task_list = "scrape")]
async fn add(pair: Pair) -> Result<i64, Refused> {
    Ok(pair.a + pair.b)
}

#[activity(name = "Refuse", version = "1", task_list = "scrape")]
async fn refuse(order: u32) -> Result<(), Refused> {
    Err(Refused { order })
}

/// Opened one task at a time by the test.
static HOLD_GATE: Semaphore = Semaphore::const_new(0);
static HOLDS_STARTED: AtomicUsize = AtomicUsize::new(0);

/// Runs until the test lets it finish: a task that is in progress while the test scrapes.
#[activity(name = "Hold", version = "1", task_list = "scrape")]
async fn hold(_n: u32) -> Result<(), Refused> {
    HOLDS_STARTED.fetch_add(1, Ordering::SeqCst);
    HOLD_GATE
        .acquire()
        .await
        .expect("the gate stays open")
        .forget();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The Prometheus text format (version 0.0.4), parsed strictly: a line that is not a comment, a
// `# HELP`, a `# TYPE` or a well-formed sample fails the test, as does a sample without a
// `# TYPE`, a repeated series, or a histogram whose buckets are not cumulative. (The
// `prometheus-parse` crate was not used: it splits label values on `,` and `=` without
// escapes, and skips lines it cannot read, so a broken exposition would pass.)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

#[derive(Debug, Default)]
struct Exposition {
    /// Family name to type.
    types: HashMap<String, String>,
    /// Family name to help text.
    helps: HashMap<String, String>,
    samples: Vec<Sample>,
}

fn is_name(s: &str, colons: bool) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || (colons && c == ':'))
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colons && c == ':'))
}

fn parse_value(s: &str) -> Result<f64, String> {
    match s {
        "+Inf" => Ok(f64::INFINITY),
        "-Inf" => Ok(f64::NEG_INFINITY),
        "NaN" => Ok(f64::NAN),
        _ => s.parse().map_err(|e| format!("value {s:?}: {e}")),
    }
}

/// `{name="value",...}` at the start of `rest`: the labels and what follows the `}`.
fn parse_labels(rest: &str) -> Result<(BTreeMap<String, String>, &str), String> {
    let mut labels = BTreeMap::new();
    let mut rest = rest.strip_prefix('{').ok_or("labels must start with `{`")?;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('}') {
            return Ok((labels, after));
        }
        let eq = rest.find('=').ok_or("a label without `=`")?;
        let name = rest[..eq].trim();
        if !is_name(name, false) {
            return Err(format!("bad label name {name:?}"));
        }
        rest = rest[eq + 1..]
            .trim_start()
            .strip_prefix('"')
            .ok_or("a label value must be quoted")?;
        let mut value = String::new();
        let mut chars = rest.char_indices();
        let end = loop {
            match chars.next() {
                None => return Err("an unterminated label value".to_owned()),
                Some((i, '"')) => break i,
                Some((_, '\\')) => match chars.next() {
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, 'n')) => value.push('\n'),
                    other => return Err(format!("a bad escape in a label value: {other:?}")),
                },
                Some((_, c)) => value.push(c),
            }
        };
        if labels.insert(name.to_owned(), value).is_some() {
            return Err(format!("label {name:?} repeated"));
        }
        rest = rest[end + 1..].trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after;
        } else if !rest.starts_with('}') {
            return Err("labels must be separated by `,`".to_owned());
        }
    }
}

impl Exposition {
    fn parse(text: &str) -> Result<Exposition, String> {
        let mut exposition = Exposition::default();
        for (n, line) in text.lines().enumerate() {
            exposition
                .line(line)
                .map_err(|e| format!("line {}: {e}: {line:?}", n + 1))?;
        }
        exposition.check_series()?;
        Ok(exposition)
    }

    fn line(&mut self, line: &str) -> Result<(), String> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(());
        }
        if let Some(comment) = line.strip_prefix('#') {
            let mut words = comment.trim_start().splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("HELP"), Some(name), help) => {
                    if !is_name(name, true) {
                        return Err(format!("bad metric name {name:?}"));
                    }
                    let help = help
                        .unwrap_or("")
                        .replace("\\n", "\n")
                        .replace("\\\\", "\\");
                    if self.helps.insert(name.to_owned(), help).is_some() {
                        return Err(format!("a second HELP for {name}"));
                    }
                }
                (Some("TYPE"), Some(name), Some(kind)) => {
                    if !["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind) {
                        return Err(format!("unknown type {kind:?}"));
                    }
                    if self
                        .samples
                        .iter()
                        .any(|s| self.family_of(&s.name) == Some(name))
                    {
                        return Err(format!("TYPE of {name} after its samples"));
                    }
                    if self
                        .types
                        .insert(name.to_owned(), kind.to_owned())
                        .is_some()
                    {
                        return Err(format!("a second TYPE for {name}"));
                    }
                }
                // Any other comment is allowed and means nothing.
                _ => {}
            }
            return Ok(());
        }
        let name_end = line
            .find(|c: char| c == '{' || c.is_whitespace())
            .ok_or("a sample without a value")?;
        let name = &line[..name_end];
        if !is_name(name, true) {
            return Err(format!("bad metric name {name:?}"));
        }
        let (labels, rest) = if line[name_end..].starts_with('{') {
            parse_labels(&line[name_end..])?
        } else {
            (BTreeMap::new(), &line[name_end..])
        };
        let mut fields = rest.split_whitespace();
        let value = parse_value(fields.next().ok_or("a sample without a value")?)?;
        if let Some(timestamp) = fields.next() {
            timestamp
                .parse::<i64>()
                .map_err(|e| format!("timestamp {timestamp:?}: {e}"))?;
        }
        if fields.next().is_some() {
            return Err("text after the timestamp".to_owned());
        }
        if self.family_of(name).is_none() {
            return Err(format!("sample {name} has no TYPE"));
        }
        self.samples.push(Sample {
            name: name.to_owned(),
            labels,
            value,
        });
        Ok(())
    }

    /// The family (with a `# TYPE`) that samples named `name` belong to.
    fn family_of<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        if self.types.contains_key(name) {
            return Some(name);
        }
        for (suffix, kinds) in [
            ("_bucket", &["histogram"][..]),
            ("_sum", &["histogram", "summary"][..]),
            ("_count", &["histogram", "summary"][..]),
        ] {
            if let Some(family) = name.strip_suffix(suffix)
                && self
                    .types
                    .get(family)
                    .is_some_and(|t| kinds.contains(&t.as_str()))
            {
                return Some(family);
            }
        }
        None
    }

    /// No series twice; each histogram's buckets cumulative, ending at `+Inf` = `_count`.
    fn check_series(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for s in &self.samples {
            if !seen.insert((s.name.clone(), s.labels.clone())) {
                return Err(format!("series {} {:?} appears twice", s.name, s.labels));
            }
        }
        for (family, kind) in &self.types {
            if kind != "histogram" {
                continue;
            }
            let mut buckets: BTreeMap<BTreeMap<String, String>, Vec<(f64, f64)>> = BTreeMap::new();
            for s in self
                .samples
                .iter()
                .filter(|s| s.name == format!("{family}_bucket"))
            {
                let mut series = s.labels.clone();
                let le = series
                    .remove("le")
                    .ok_or_else(|| format!("a bucket of {family} without `le`"))?;
                buckets
                    .entry(series)
                    .or_default()
                    .push((parse_value(&le)?, s.value));
            }
            for (series, mut bounds) in buckets {
                bounds.sort_by(|a, b| a.0.total_cmp(&b.0));
                if bounds.windows(2).any(|w| w[1].1 < w[0].1) {
                    return Err(format!("{family} {series:?}: buckets are not cumulative"));
                }
                let count = self.value_of(&format!("{family}_count"), &series);
                match bounds.last() {
                    Some((le, n)) if *le == f64::INFINITY && Some(*n) == count => {}
                    last => {
                        return Err(format!(
                            "{family} {series:?}: last bucket {last:?}, count {count:?}"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn value_of(&self, name: &str, labels: &BTreeMap<String, String>) -> Option<f64> {
        self.samples
            .iter()
            .find(|s| s.name == name && &s.labels == labels)
            .map(|s| s.value)
    }

    /// The samples of `name` that carry every label of `labels`.
    fn matching<'a>(
        &'a self,
        name: &'a str,
        labels: &'a [(&'a str, &'a str)],
    ) -> impl Iterator<Item = &'a Sample> + 'a {
        self.samples.iter().filter(move |s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
    }

    /// The sum of the samples of `name` with `labels` (0 when there is none).
    fn sum(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.matching(name, labels).map(|s| s.value).sum()
    }

    /// The one sample of `name` with `labels`; `None` if there is none or several.
    fn one(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let mut found = self.matching(name, labels);
        match (found.next(), found.next()) {
            (Some(s), None) => Some(s.value),
            _ => None,
        }
    }

    /// The non-zero samples of `name` (with `labels`), keyed by the values of `keys`.
    fn nonzero_by(
        &self,
        name: &str,
        labels: &[(&str, &str)],
        keys: &[&str],
    ) -> BTreeMap<Vec<String>, u64> {
        let mut by = BTreeMap::new();
        for s in self.matching(name, labels).filter(|s| s.value != 0.0) {
            let key = keys
                .iter()
                .map(|k| s.labels.get(*k).cloned().unwrap_or_default())
                .collect();
            *by.entry(key).or_default() += s.value as u64;
        }
        by
    }
}

#[test]
fn the_strict_parser_rejects_what_a_scraper_would() {
    let good = "# HELP a_total A counter\n# TYPE a_total counter\n\
                a_total{x=\"1,2=3\",y=\"q\\\"\\\\\\n\"} 3\n";
    let parsed = Exposition::parse(good).expect("valid");
    assert_eq!(parsed.one("a_total", &[("x", "1,2=3")]), Some(3.0));
    assert_eq!(parsed.one("a_total", &[("y", "q\"\\\n")]), Some(3.0));
    for bad in [
        "a_total 1\n",                                    // no TYPE
        "# TYPE a_total counter\na_total{x=\"1} 1\n",     // unterminated value
        "# TYPE a_total counter\na_total{x=1} 1\n",       // unquoted value
        "# TYPE a_total counter\na_total one\n",          // bad value
        "# TYPE a_total counter\na_total 1\na_total 2\n", // repeated series
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\n",
    ] {
        assert!(Exposition::parse(bad).is_err(), "accepted {bad:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// What the local SWF recorded.
// ---------------------------------------------------------------------------------------------

/// From the histories of the tasks scheduled: how many started, how each type's tasks ended,
/// and the kind of each failure (a framework failure's `framework_error` in `details`, else
/// the activity's own error).
#[derive(Debug, Default, PartialEq)]
struct Truth {
    started: u64,
    /// `[type, outcome]` to count.
    ended: BTreeMap<Vec<String>, u64>,
    /// `[type, kind]` to count.
    failures: BTreeMap<Vec<String>, u64>,
}

fn truth(swf: &LocalSwf, tasks: &[ScheduledActivity]) -> Truth {
    let mut truth = Truth::default();
    for task in tasks {
        let history = swf.history(task);
        let activity_type = history
            .iter()
            .find_map(|e| e.activity_task_scheduled_event_attributes.as_ref())
            .map(|a| a.activity_type.name.clone())
            .expect("every history starts with ActivityTaskScheduled");
        for event in &history {
            let (outcome, kind) = match event.event_type {
                EventType::ActivityTaskStarted => {
                    truth.started += 1;
                    continue;
                }
                EventType::ActivityTaskCompleted => ("completed", None),
                EventType::ActivityTaskCanceled => ("canceled", None),
                EventType::ActivityTaskFailed => {
                    let details = event
                        .activity_task_failed_event_attributes
                        .as_ref()
                        .and_then(|a| a.details.as_deref())
                        .unwrap_or("");
                    let framework = serde_json::from_str::<serde_json::Value>(details)
                        .ok()
                        .and_then(|d| d["framework_error"].as_str().map(str::to_owned));
                    (
                        "failed",
                        Some(framework.unwrap_or("ActivityError".to_owned())),
                    )
                }
                _ => continue,
            };
            *truth
                .ended
                .entry(vec![activity_type.clone(), outcome.to_owned()])
                .or_default() += 1;
            if let Some(kind) = kind {
                *truth
                    .failures
                    .entry(vec![activity_type.clone(), kind])
                    .or_default() += 1;
            }
        }
    }
    truth
}

/// Tasks ended, per type.
fn ended_per_type(truth: &Truth) -> BTreeMap<Vec<String>, u64> {
    let mut per_type = BTreeMap::new();
    for (key, n) in &truth.ended {
        *per_type.entry(vec![key[0].clone()]).or_default() += n;
    }
    per_type
}

// ---------------------------------------------------------------------------------------------
// Talking to the endpoint.
// ---------------------------------------------------------------------------------------------

struct Endpoint {
    http: reqwest::Client,
    base: String,
}

/// A status, the content type and the body.
struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

impl Endpoint {
    async fn get(&self, path: &str) -> Answer {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = response
            .text()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: body: {e}"));
        Answer {
            status,
            content_type,
            body,
        }
    }

    /// `/metrics`, parsed.
    async fn scrape(&self) -> Exposition {
        let answer = self.get("/metrics").await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(
            answer.content_type.starts_with("text/plain; version=0.0.4"),
            "{}",
            answer.content_type
        );
        Exposition::parse(&answer.body)
            .unwrap_or_else(|e| panic!("/metrics is not the text format: {e}\n{}", answer.body))
    }

    /// `path`'s status and its JSON report's `state`, checking that the report's own
    /// `field` (`ready` or `live`) agrees with the status.
    async fn probe(&self, path: &str, field: &str) -> (u16, String) {
        let answer = self.get(path).await;
        assert_eq!(answer.content_type, "application/json", "{path}");
        let report: serde_json::Value = serde_json::from_str(&answer.body)
            .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {}", answer.body));
        assert_eq!(
            report[field].as_bool(),
            Some(answer.status == 200),
            "{path} answered {} with {}",
            answer.status,
            answer.body
        );
        let state = report["state"].as_str().expect("a state").to_owned();
        (answer.status, state)
    }

    /// Scrapes until `check` passes, for up to [`WAIT`]; the passing scrape.
    async fn eventually(
        &self,
        what: &str,
        mut check: impl FnMut(&Exposition) -> Result<(), String>,
    ) -> Exposition {
        let started = Instant::now();
        loop {
            let scrape = self.scrape().await;
            match check(&scrape) {
                Ok(()) => return scrape,
                Err(why) if started.elapsed() > WAIT => {
                    panic!("{what}: still wrong after {WAIT:?}: {why}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, metric: T, swf: T) -> Result<(), String> {
    if metric == swf {
        Ok(())
    } else {
        Err(format!(
            "{what}: the metrics say {metric:?}, the local SWF {swf:?}"
        ))
    }
}

const LIST: [(&str, &str); 2] = [("domain", DOMAIN), ("task_list", TASK_LIST)];

/// Every task count of the worker's metrics against the histories: outcomes and failure kinds
/// per type, tasks polled, task durations recorded, answers delivered per operation.
fn counts_match(
    scrape: &Exposition,
    swf: &LocalSwf,
    tasks: &[ScheduledActivity],
) -> Result<(), String> {
    let truth = truth(swf, tasks);
    same(
        "tasks by type and outcome",
        scrape.nonzero_by(TASKS, &LIST, &["activity_type", "outcome"]),
        truth.ended.clone(),
    )?;
    same(
        "failures by type and kind",
        scrape.nonzero_by(TASK_FAILURES, &LIST, &["activity_type", "kind"]),
        truth.failures.clone(),
    )?;
    same(
        "durations recorded per type",
        scrape.nonzero_by(&format!("{TASK_DURATION}_count"), &LIST, &["activity_type"]),
        ended_per_type(&truth),
    )?;
    same(
        "polls that brought a task",
        scrape.sum(POLLS, &[LIST[0], LIST[1], ("result", "task")]) as u64,
        truth.started,
    )?;
    let stats = swf.stats();
    for op in [
        Op::RespondActivityTaskCompleted,
        Op::RespondActivityTaskFailed,
        Op::RespondActivityTaskCanceled,
    ] {
        let answers = [("domain", DOMAIN), ("operation", op.as_str())];
        same(
            &format!("{op} delivered"),
            scrape.sum(RESPONDS, &[answers[0], answers[1], ("result", "delivered")]) as u64,
            stats.requests(op),
        )?;
        same(
            &format!("{op} answers in all"),
            scrape.sum(RESPONDS, &answers) as u64,
            stats.requests(op),
        )?;
    }
    Ok(())
}

/// The gauges `(available, used)`.
fn slots(scrape: &Exposition) -> (Option<f64>, Option<f64>) {
    let domain = [("domain", DOMAIN)];
    (
        scrape.one(SLOTS_AVAILABLE, &domain),
        scrape.one(SLOTS_USED, &domain),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scraped_metrics_and_probes_match_what_swf_recorded() {
    // Before the worker runs: it registers its metrics with the recorder installed then.
    let handle = example::install_recorder().expect("the only recorder of this binary");
    let swf = harness::local_swf(DOMAIN, Duration::from_secs(1)).await;
    swf.register_activity_type(&RegisterActivityType::new(DOMAIN, UNKNOWN, "1"))
        .expect("registered by someone else");
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .max_concurrent_tasks(MAX_CONCURRENT_TASKS)
        .pollers(POLLERS)
        .activities(ActivitySet::select(SERVED.map(|name| (name, "1"))).expect("served"))
        .build()
        .expect("builds");

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let addr = listener.local_addr().expect("bound");
    let (stop_server, server_stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(example::serve(
        listener,
        handle,
        worker.health(),
        server_stopped,
    ));
    let endpoint = Endpoint {
        http: reqwest::Client::builder()
            .no_proxy()
            .timeout(WAIT)
            .build()
            .expect("an HTTP client"),
        base: format!("http://{addr}"),
    };
    assert_eq!(endpoint.get("/nope").await.status, 404);
    // Not ready before it runs, yet live: a worker that is starting must not be restarted.
    assert_eq!(
        endpoint.probe("/readyz", "ready").await,
        (503, "created".to_owned())
    );
    assert_eq!(
        endpoint.probe("/healthz", "live").await,
        (200, "created".to_owned())
    );

    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    assert_eq!(
        endpoint.probe("/readyz", "ready").await,
        (200, "polling".to_owned())
    );
    assert_eq!(
        endpoint.probe("/healthz", "live").await,
        (200, "polling".to_owned())
    );
    let first = endpoint.scrape().await;
    for name in SERVED {
        let labels = [("domain", DOMAIN), ("activity_type", name)];
        assert_eq!(
            first.nonzero_by(REGISTRATIONS, &labels, &["result"]),
            BTreeMap::from([(vec!["registered".to_owned()], 1)]),
            "{name} was registered once, by this worker"
        );
    }
    assert_eq!(
        first.sum(REGISTRATIONS, &[("activity_type", UNKNOWN)]),
        0.0,
        "registered by the test, not by the worker"
    );
    for (family, kind) in [
        (TASKS, "counter"),
        (TASK_FAILURES, "counter"),
        (POLLS, "counter"),
        (RESPONDS, "counter"),
        (SLOTS_AVAILABLE, "gauge"),
        (SLOTS_USED, "gauge"),
        (TASK_DURATION, "histogram"),
    ] {
        assert_eq!(
            first.types.get(family).map(String::as_str),
            Some(kind),
            "{family}"
        );
        assert!(first.helps.contains_key(family), "{family} has a help text");
    }

    // Tasks that complete, fail with the activity's error, fail with input that does not
    // decode, and one of a type the worker does not serve; and one that stays in progress.
    let mut tasks = Vec::new();
    let schedule = |tasks: &mut Vec<ScheduledActivity>, name: &str, id: &str, input: &str| {
        let task = harness::schedule(&swf, DOMAIN, name, id, TASK_LIST, input);
        tasks.push(task.clone());
        task
    };
    for i in 0..5 {
        schedule(
            &mut tasks,
            "Add",
            &format!("add-{i}"),
            &format!(r#"{{"a":{i},"b":2}}"#),
        );
    }
    for i in 0..3 {
        schedule(&mut tasks, "Refuse", &format!("refuse-{i}"), &i.to_string());
    }
    for i in 0..2 {
        schedule(&mut tasks, "Add", &format!("bad-{i}"), r#""not a pair""#);
    }
    schedule(&mut tasks, UNKNOWN, "stranger", "{}");
    let held = schedule(&mut tasks, "Hold", "hold-1", "1");
    let closing: Vec<ScheduledActivity> = tasks
        .iter()
        .filter(|t| t.activity_id() != "hold-1")
        .cloned()
        .collect();
    for task in &closing {
        harness::outcome(&swf, task).await;
    }
    until("the held task runs", || {
        HOLDS_STARTED.load(Ordering::SeqCst) == 1
    })
    .await;
    assert!(swf.outcome(&held).is_none());
    let scenario = truth(&swf, &tasks);
    for expected in [
        ["Add", "InputDecode"],
        ["Refuse", "ActivityError"],
        [UNKNOWN, "UnknownActivityType"],
    ] {
        assert!(
            scenario
                .failures
                .contains_key(&expected.map(str::to_owned)[..]),
            "the scenario fails {expected:?}: {scenario:?}"
        );
    }

    // During the run: every ended task counted, the running one not yet, and it holds a slot.
    let during = endpoint
        .eventually("counts during the run", |scrape| {
            counts_match(scrape, &swf, &tasks)?;
            match slots(scrape) {
                (Some(available), Some(used))
                    if used >= 1.0 && available <= (MAX_CONCURRENT_TASKS - 1) as f64 =>
                {
                    Ok(())
                }
                other => Err(format!(
                    "slots (available, used) {other:?} while a task runs"
                )),
            }
        })
        .await;
    assert_eq!(
        during.sum(TASKS, &[("activity_type", "Hold")]),
        0.0,
        "a task in progress has no outcome yet"
    );
    assert_eq!(
        endpoint.probe("/readyz", "ready").await,
        (200, "polling".to_owned())
    );
    assert_eq!(
        endpoint.probe("/healthz", "live").await,
        (200, "polling".to_owned())
    );

    // Idle: every task closed; each poller holds a slot for its open long poll, and nothing
    // else holds one. Checked on a scrape during which the local SWF saw both polls waiting
    // and no new poll, so that no poll came back and went out again meanwhile.
    HOLD_GATE.add_permits(1);
    harness::outcome(&swf, &held).await;
    endpoint
        .eventually("counts once idle", |scrape| {
            counts_match(scrape, &swf, &tasks)
        })
        .await;
    let started = Instant::now();
    loop {
        let polls = swf.stats().requests(Op::PollForActivityTask);
        let before = swf.waiting_pollers(DOMAIN, TASK_LIST);
        let scrape = endpoint.scrape().await;
        let after = swf.waiting_pollers(DOMAIN, TASK_LIST);
        let quiet = before == POLLERS
            && after == POLLERS
            && swf.stats().requests(Op::PollForActivityTask) == polls;
        let (available, used) = slots(&scrape);
        let expected = (
            Some((MAX_CONCURRENT_TASKS - POLLERS) as f64),
            Some(POLLERS as f64),
        );
        if quiet && (available, used) == expected {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "idle with {POLLERS} polls open: slots (available, used) {:?}, expected {expected:?}",
            (available, used)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Shutdown with a task in progress: not ready at once (draining), still live until the
    // task has been answered and the worker has stopped.
    let last = schedule(&mut tasks, "Hold", "hold-2", "2");
    until("the second held task runs", || {
        HOLDS_STARTED.load(Ordering::SeqCst) == 2
    })
    .await;
    let stopping = running.signal();
    let started = Instant::now();
    loop {
        let readiness = endpoint.probe("/readyz", "ready").await;
        if readiness == (503, "draining".to_owned()) {
            break;
        }
        assert_eq!(readiness, (200, "polling".to_owned()), "before draining");
        assert!(
            started.elapsed() < WAIT,
            "still ready {WAIT:?} after the signal"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        endpoint.probe("/healthz", "live").await,
        (200, "draining".to_owned())
    );
    // Once the open polls have returned, only the running task holds a slot, and the slots the
    // shutdown takes back to wait for it are not counted as used.
    assert!(swf.wait_for_no_pollers(DOMAIN, TASK_LIST, WAIT).await);
    endpoint
        .eventually("slots while draining", |scrape| {
            same(
                "slots (available, used) while one task runs",
                slots(scrape),
                (Some((MAX_CONCURRENT_TASKS - 1) as f64), Some(1.0)),
            )
        })
        .await;
    HOLD_GATE.add_permits(1);
    tokio::time::timeout(WAIT, stopping)
        .await
        .expect("the worker stops")
        .expect("no panic")
        .expect("a clean shutdown");
    harness::outcome(&swf, &last).await;
    assert_eq!(
        endpoint.probe("/readyz", "ready").await,
        (503, "stopped".to_owned())
    );
    assert_eq!(
        endpoint.probe("/healthz", "live").await,
        (503, "stopped".to_owned())
    );

    // After the shutdown: every count still matches; every slot is free again; and the
    // client's own counts match every request the local SWF received, per operation (no
    // poll is open any more, and nobody else talked to it over HTTP).
    let after = endpoint.scrape().await;
    counts_match(&after, &swf, &tasks).unwrap_or_else(|e| panic!("after the shutdown: {e}"));
    assert_eq!(
        slots(&after),
        (Some(MAX_CONCURRENT_TASKS as f64), Some(0.0)),
        "a stopped worker holds no slot"
    );
    let stats = swf.stats();
    assert_eq!(
        after.sum(POLLS, &LIST) as u64,
        stats.requests(Op::PollForActivityTask),
        "every poll counted once, by its result"
    );
    assert_eq!(after.sum(POLLS, &[("result", "failed")]), 0.0);
    let requests: BTreeMap<Vec<String>, u64> = stats
        .by_operation()
        .iter()
        .map(|(op, n)| (vec![op.clone()], *n))
        .collect();
    assert_eq!(
        after.nonzero_by(REQUESTS, &[], &["operation"]),
        requests,
        "swf_requests_total per operation against the local SWF's request counts"
    );

    let _ = stop_server.send(());
    tokio::time::timeout(WAIT, server)
        .await
        .expect("the server stops")
        .expect("no panic");
    swf.shutdown().await;
}
