//! Offloading large values to a payload store, through a worker on the local SWF and its
//! in-memory store: what is stored and marked, what stays inline, what a failing store does to
//! a task (every such task is still answered, and no marker points at nothing), and the
//! configuration a worker refuses.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use swf_activity::convert::{self, DataConverter, FlowJava, Json, Simpleflow};
use swf_activity::payload::{
    self, Fault, Marker, MemoryStore, Offload, PayloadStore, StoreOperation, resolve,
};
use swf_activity::rules::DATA_MAX;
use swf_activity::testing::{
    ActivityEnvironment, ActivityOutcome, LOCAL_PAYLOAD_BUCKET, LocalSwf, ScheduledActivity,
};
use swf_activity::{ActivityContext, ErrorKind, Worker, activity};
use swf_activity_tests::worker::{self as harness, RunningWorker, outcome};

const DOMAIN: &str = "offload-tests";
const TASK_LIST: &str = "offload";

#[derive(Debug, thiserror::Error, Serialize)]
#[error("huge failure")]
struct Huge {
    text: String,
}

/// `n` times `x`.
#[activity(name = "Big", version = "1", task_list = "offload")]
async fn big(n: usize) -> Result<String, Huge> {
    Ok("x".repeat(n))
}

/// Fails with `n` times `y` in its details.
#[activity(name = "BigFailure", version = "1", task_list = "offload")]
async fn big_failure(n: usize) -> Result<(), Huge> {
    Err(Huge {
        text: "y".repeat(n),
    })
}

/// The length of its input.
#[activity(name = "Length", version = "1", task_list = "offload")]
async fn length(text: String) -> Result<usize, Huge> {
    Ok(text.len())
}

/// Heartbeats `n` characters, then completes with a short result.
#[activity(name = "LongHeartbeat", version = "1", task_list = "offload")]
async fn long_heartbeat(ctx: ActivityContext, n: usize) -> Result<u32, Huge> {
    ctx.heartbeat("h".repeat(n));
    tokio::time::sleep(Duration::from_millis(200)).await;
    Ok(1)
}

struct Setup {
    swf: LocalSwf,
    store: Arc<MemoryStore>,
    worker: RunningWorker,
}

impl Setup {
    /// A worker that offloads to the local SWF's store as `offload` configures it.
    async fn start(offload: impl FnOnce(Arc<MemoryStore>) -> Offload) -> Setup {
        let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
        let store = swf.payload_store();
        let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
            .offload(offload(Arc::clone(&store)))
            .build()
            .expect("the worker builds");
        let worker = RunningWorker::start(&swf, DOMAIN, worker).await;
        Setup { swf, store, worker }
    }

    fn schedule(&self, name: &str, id: &str, input: &str) -> ScheduledActivity {
        harness::schedule(&self.swf, DOMAIN, name, id, TASK_LIST, input)
    }

    async fn run(&self, name: &str, id: &str, input: &str) -> ActivityOutcome {
        let task = self.schedule(name, id, input);
        outcome(&self.swf, &task).await
    }

    /// Stops the worker; every task scheduled was answered once.
    async fn stop(self) {
        self.worker.stop().await.expect("the worker stops cleanly");
    }
}

fn completed(outcome: ActivityOutcome) -> String {
    match outcome {
        ActivityOutcome::Completed { result } => result.expect("a result"),
        other => panic!("expected the task to complete, got {other:?}"),
    }
}

fn failed(outcome: ActivityOutcome) -> (String, String) {
    match outcome {
        ActivityOutcome::Failed { reason, details } => {
            (reason.expect("a reason"), details.expect("details"))
        }
        other => panic!("expected the task to fail, got {other:?}"),
    }
}

/// The marker's object, as text, checking that the marker names what was stored.
fn stored(store: &MemoryStore, field: &str) -> String {
    let marker = Marker::parse(field).expect("the field is a marker");
    assert_eq!(marker.bucket(), LOCAL_PAYLOAD_BUCKET);
    assert!(marker.key().starts_with("jumbo/"), "{field}");
    let object = store
        .object(marker.key())
        .expect("the marked object exists");
    let text = String::from_utf8(object.to_vec()).expect("UTF-8");
    assert_eq!(
        marker.size(),
        text.chars().count() as u64,
        "the marker's size"
    );
    assert_eq!(
        marker.key(),
        store.key_for(text.as_bytes()),
        "content-hashed key"
    );
    text
}

#[tokio::test]
async fn results_and_details_over_swf_limit_are_stored_and_marked() {
    let setup = Setup::start(Offload::new).await;

    let result = completed(setup.run("Big", "big", "100000").await);
    assert!(result.len() < 200, "a marker, not the value: {result}");
    let value = stored(&setup.store, &result);
    assert_eq!(value, format!("\"{}\"", "x".repeat(100_000)));
    // The decider's side: the marker resolves to the JSON a converter reads back.
    let resolved = resolve(&*setup.store, &result).await.expect("resolves");
    let read: String = convert::decode_result(&Json, Some(&resolved)).expect("decodes");
    assert_eq!(read.len(), 100_000);

    let (reason, details) = failed(setup.run("BigFailure", "big-failure", "60000").await);
    assert_eq!(reason, "huge failure", "the reason stays inline");
    let value = stored(&setup.store, &details);
    assert_eq!(
        value,
        serde_json::json!({ "text": "y".repeat(60_000) }).to_string()
    );

    // Values SWF takes stay inline; nothing more is stored.
    let keys = setup.store.keys().len();
    let small = completed(
        setup
            .run("Big", "small", &DATA_MAX.saturating_sub(2).to_string())
            .await,
    );
    assert_eq!(
        small.len(),
        DATA_MAX,
        "exactly SWF's limit is sent as it is"
    );
    let (_, details) = failed(setup.run("BigFailure", "small-failure", "10").await);
    assert_eq!(details, r#"{"text":"yyyyyyyyyy"}"#);
    assert_eq!(setup.store.keys().len(), keys);

    // The same value again is the same object: a retried put leaves nothing behind.
    let again = completed(setup.run("Big", "big-again", "100000").await);
    assert_eq!(again, result);
    assert_eq!(setup.store.keys().len(), keys);
    setup.stop().await;
}

#[tokio::test]
async fn a_lower_threshold_stores_shorter_values() {
    let setup = Setup::start(|store| Offload::new(store).threshold(1_000)).await;
    let result = completed(setup.run("Big", "over", "2000").await);
    assert_eq!(
        stored(&setup.store, &result),
        format!("\"{}\"", "x".repeat(2_000))
    );
    let inline = completed(setup.run("Big", "under", "500").await);
    assert_eq!(inline, format!("\"{}\"", "x".repeat(500)));
    setup.stop().await;
}

#[tokio::test]
async fn values_over_the_largest_stored_fail_or_are_cut_as_without_a_store() {
    let setup = Setup::start(|store| Offload::new(store).max_size(40_000)).await;

    let (reason, details) = failed(setup.run("Big", "too-big", "50000").await);
    assert!(
        reason.starts_with("activity result is too large"),
        "the ResultTooLarge failure: {reason}"
    );
    assert!(
        reason.contains("40000") && reason.contains("payload store"),
        "names the store's limit: {reason}"
    );
    assert!(!Marker::is_marker(&details));

    // Details are cut to the store's largest value, then stored.
    let (reason, details) = failed(setup.run("BigFailure", "cut", "50000").await);
    assert_eq!(reason, "huge failure");
    let value = stored(&setup.store, &details);
    assert!(value.chars().count() <= 40_000, "cut to the largest value");
    assert!(value.chars().count() > DATA_MAX, "but not to SWF's");
    setup.stop().await;
}

#[tokio::test]
async fn an_input_marker_is_fetched_before_it_is_decoded() {
    let setup = Setup::start(Offload::new).await;
    let input = format!("\"{}\"", "z".repeat(100_000));
    let key = setup.store.key_for(input.as_bytes());
    setup
        .store
        .put(&key, input.clone().into())
        .await
        .expect("stored");
    let marker = Marker::for_value(LOCAL_PAYLOAD_BUCKET, &key, &input).to_string();
    assert_eq!(
        completed(setup.run("Length", "input", &marker).await),
        "100000"
    );

    // A missing object is undecodable input, naming the key.
    let missing = Marker::new(LOCAL_PAYLOAD_BUCKET, "jumbo/missing", 5).to_string();
    let (reason, _) = failed(setup.run("Length", "missing", &missing).await);
    assert!(
        reason.starts_with("activity input did not decode"),
        "{reason}"
    );
    assert!(reason.contains("jumbo/missing"), "names the key: {reason}");

    // Another bucket, and a marker that is not one.
    let other = Marker::new("elsewhere", &key, 5).to_string();
    let (reason, _) = failed(setup.run("Length", "other-bucket", &other).await);
    assert!(
        reason.starts_with("activity input did not decode"),
        "{reason}"
    );
    assert!(reason.contains("`elsewhere`"), "{reason}");
    let (reason, _) = failed(setup.run("Length", "malformed", "simpleflow+s3://").await);
    assert!(
        reason.starts_with("activity input did not decode"),
        "{reason}"
    );

    // A store that refuses or fails is the store's failure, naming the action and the key.
    setup.store.inject(StoreOperation::Get, Fault::AccessDenied);
    let (reason, _) = failed(setup.run("Length", "denied", &marker).await);
    assert!(
        reason.starts_with("activity payload store failed"),
        "{reason}"
    );
    assert!(
        reason.contains("s3:GetObject") && reason.contains(&key),
        "{reason}"
    );
    setup.store.inject(StoreOperation::Get, Fault::SlowDown);
    let (reason, _) = failed(setup.run("Length", "slow-down", &marker).await);
    assert!(
        reason.starts_with("activity payload store failed") && reason.contains(&key),
        "{reason}"
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_store_that_fails_fails_the_task_and_no_marker_is_sent() {
    let setup = Setup::start(Offload::new).await;
    let key = setup
        .store
        .key_for(format!("\"{}\"", "x".repeat(100_000)).as_bytes());
    for (id, fault, says) in [
        ("internal", Fault::InternalError, "InternalError"),
        ("slow-down", Fault::SlowDown, "SlowDown"),
        ("timeout", Fault::Timeout, "no answer within the timeout"),
        ("denied", Fault::AccessDenied, "s3:PutObject"),
    ] {
        setup.store.inject(StoreOperation::Put, fault);
        let (reason, details) = failed(setup.run("Big", id, "100000").await);
        assert!(
            reason.starts_with("activity payload store failed: storing the result"),
            "{id}: {reason}"
        );
        assert!(
            reason.contains(LOCAL_PAYLOAD_BUCKET),
            "{id} names the bucket: {reason}"
        );
        assert!(reason.contains(&key), "{id} names the key: {reason}");
        assert!(reason.contains(says), "{id} says {says}: {reason}");
        assert!(!Marker::is_marker(&details), "{id}: {details}");
        assert!(
            setup.store.object(&key).is_none(),
            "{id}: nothing was stored"
        );
    }

    // The failure's own reason is kept when its details cannot be stored.
    setup
        .store
        .inject(StoreOperation::Put, Fault::InternalError);
    let (reason, details) = failed(setup.run("BigFailure", "details", "60000").await);
    assert!(
        reason.starts_with("activity payload store failed: storing the failure's details"),
        "{reason}"
    );
    assert!(
        reason.contains(LOCAL_PAYLOAD_BUCKET),
        "names the bucket: {reason}"
    );
    // The reason is cut to SWF's 256 characters; the details say it all.
    assert!(
        details.contains("the activity failed with: huge failure"),
        "{details}"
    );
    assert!(!Marker::is_marker(&details));

    // A slow store is waited for.
    setup.store.inject(
        StoreOperation::Put,
        Fault::Delay(Duration::from_millis(300)),
    );
    let result = completed(setup.run("Big", "slow", "100000").await);
    assert_eq!(Marker::parse(&result).expect("marker").key(), key);
    assert!(setup.store.object(&key).is_some());
    setup.stop().await;
}

#[tokio::test]
async fn heartbeat_details_are_never_stored() {
    let setup = Setup::start(Offload::new).await;
    assert_eq!(
        completed(setup.run("LongHeartbeat", "hb", "100000").await),
        "1"
    );
    assert!(setup.store.keys().is_empty(), "{:?}", setup.store.keys());
    assert_eq!(setup.store.operations(), (0, 0));
    setup.stop().await;
}

#[tokio::test]
async fn a_worker_without_a_store_fails_marker_inputs_clearly() {
    let swf = harness::local_swf(DOMAIN, Duration::from_millis(500)).await;
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .offload_from_env(false)
        .build()
        .expect("builds");
    let running = RunningWorker::start(&swf, DOMAIN, worker).await;
    let marker = Marker::new(LOCAL_PAYLOAD_BUCKET, "jumbo/abc", 5).to_string();
    let task = harness::schedule(&swf, DOMAIN, "Length", "no-store", TASK_LIST, &marker);
    let (reason, _) = failed(outcome(&swf, &task).await);
    assert!(
        reason.starts_with("activity input did not decode"),
        "{reason}"
    );
    assert!(
        reason.contains("no payload store") && reason.contains("SIMPLEFLOW_JUMBO_FIELDS_BUCKET"),
        "{reason}"
    );
    // Without a store, a long result fails as it always did.
    let task = harness::schedule(&swf, DOMAIN, "Big", "no-store-big", TASK_LIST, "40000");
    let (reason, _) = failed(outcome(&swf, &task).await);
    assert!(
        reason.starts_with("activity result is too large"),
        "{reason}"
    );
    running.stop().await.expect("stops");
}

/// Runs `Big` and `BigFailure` through `converter` with offloading, and reads both back as a
/// decider would: the marker resolved, then the converter's read-back helpers.
async fn offloads_through<C: DataConverter + Clone>(converter: C, input: fn(&str) -> String) {
    let name = converter.name();
    let store = Arc::new(MemoryStore::new("jumbo-bucket", "jumbo"));
    let env = |activity: &str| {
        ActivityEnvironment::for_type(activity, "1")
            .expect("registered")
            .default_converter(converter.clone())
            .offload(Offload::new(Arc::clone(&store)))
    };

    let run = env("Big").run_raw(Some(&input("100000"))).await;
    let marker = run.answer().result().expect("a result").to_owned();
    assert!(Marker::is_marker(&marker), "{name}: {marker}");
    let read: String = payload::decode_result(&*store, &converter, Some(&marker))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(read, "x".repeat(100_000), "{name}");

    let run = env("BigFailure").run_raw(Some(&input("60000"))).await;
    let details = run.answer().details().expect("details").to_owned();
    assert!(Marker::is_marker(&details), "{name}: {details}");
    let failure = payload::read_failure(&*store, &converter, run.answer().reason(), Some(&details))
        .await
        .expect("resolves");
    assert!(
        failure
            .details()
            .is_some_and(|d| d.contains(&"y".repeat(60_000))),
        "{name}"
    );
    assert_eq!(failure.kind(), None, "{name}: the activity's own failure");
    assert!(!failure.is_truncated(), "{name}: stored whole");

    // The input side: a marker input is fetched, then decoded by the converter.
    let text = input(&format!("\"{}\"", "z".repeat(50_000)));
    let key = store.key_for(text.as_bytes());
    store.put(&key, text.clone().into()).await.expect("stored");
    let marker = Marker::for_value("jumbo-bucket", &key, &text).to_string();
    let run = env("Length").run_raw(Some(&marker)).await;
    let length: usize = convert::decode_result(&converter, run.answer().result())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(length, 50_000, "{name}");
}

#[tokio::test]
async fn offloading_works_with_every_converter() {
    offloads_through(Json, str::to_owned).await;
    offloads_through(Simpleflow::new(), |n| {
        format!("{{\"args\":[{n}],\"kwargs\":{{}}}}")
    })
    .await;
    offloads_through(FlowJava::new(), |n| {
        format!("[\"[Ljava.lang.Object;\",[{n}]]")
    })
    .await;
}

#[tokio::test]
async fn the_iam_policy_allows_the_store_keys() {
    let swf = LocalSwf::start().await.expect("starts");
    let worker = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .offload(Offload::new(swf.payload_store()))
        .build()
        .expect("builds");
    let policy: serde_json::Value =
        serde_json::from_str(&worker.iam_policy()).expect("the policy is JSON");
    let statements = policy["Statement"].as_array().expect("statements");
    let store = statements
        .iter()
        .find(|s| s["Sid"] == "PayloadStore")
        .expect("a statement for the store");
    assert_eq!(
        store["Action"],
        serde_json::json!(["s3:PutObject", "s3:GetObject"])
    );
    assert_eq!(
        store["Resource"],
        format!("arn:aws:s3:::{LOCAL_PAYLOAD_BUCKET}/jumbo/*")
    );

    let without = harness::builder(swf.client(), DOMAIN, TASK_LIST)
        .offload_from_env(false)
        .build()
        .expect("builds");
    assert!(!without.iam_policy().contains("s3:"));
}

#[tokio::test]
async fn offloading_that_cannot_work_is_refused_at_build() {
    let swf = LocalSwf::start().await.expect("starts");
    let build = |offload: Offload| {
        Worker::builder(swf.client(), DOMAIN)
            .task_list(TASK_LIST)
            .offload(offload)
            .build()
    };
    let err = build(Offload::new(swf.payload_store()).threshold(DATA_MAX + 1))
        .expect_err("a threshold SWF cannot take");
    assert_eq!(*err.kind(), ErrorKind::Configuration);
    assert!(err.to_string().contains("threshold (32769)"), "{err}");
    let err = build(Offload::new(swf.payload_store()).max_size(1_000))
        .expect_err("a largest value below SWF's limit");
    assert_eq!(*err.kind(), ErrorKind::Configuration);
    assert!(err.to_string().contains("1000 characters"), "{err}");
    build(Offload::new(swf.payload_store()).threshold(0)).expect("any threshold up to SWF's");
}
