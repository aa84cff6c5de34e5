//! `S3Store` against moto's S3 with signatures checked, and against simpleflow's own jumbo
//! fields: simpleflow's reader decodes a value we stored under a marker we formatted, and we
//! read a value simpleflow's writer offloaded.
//!
//! moto checks signatures only after its first `INITIAL_NO_AUTH_ACTION_COUNT` requests; each
//! test spends them on IAM (a user allowed `s3:*`, see [`MotoServer::create_user_with_policy`])
//! so that every S3 request after that is signed with the user's key and checked.
//! `tests/scripts/s3_jumbo.py` runs boto3 (to create the bucket) and simpleflow 0.36.0's
//! `simpleflow.format` in the moto virtualenv (`SWF_SIMPLEFLOW_PYTHON`).
//!
//! The last test is the whole path: a worker on moto's SWF offloads to moto's S3, and
//! simpleflow's reader decodes what it sent; its input is a value simpleflow's writer
//! offloaded.

use std::process::Stdio;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use swf_activity::model::{
    EventType, GetWorkflowExecutionHistory, HistoryEvent, WorkflowExecution,
};
use swf_activity::payload::{
    Marker, Offload, PayloadStore, S3Store, ServerSideEncryption, StoreError,
};
use swf_activity::registry::ActivitySet;
use swf_activity::{Client, Worker, activity};
use swf_activity_tests::moto::{MotoServer, REGION, schedule_activity_tasks};
use swf_activity_tests::simpleflow::PYTHON_ENV;
use swf_activity_tests::worker::RunningWorker;
use tokio::io::AsyncWriteExt;

const BUCKET: &str = "swf-jumbo";
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/s3_jumbo.py");
const S3_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","swf:*"],"Resource":"*"}]}"#;

/// moto with an IAM user allowed `s3:*` and the bucket [`BUCKET`], created through boto3 with
/// that user's (checked) signature. Returns the server and the user's keys.
async fn moto_with_bucket() -> (MotoServer, String, String) {
    let moto = MotoServer::start(env!("CARGO_TARGET_TMPDIR"));
    let (key_id, secret) = moto.create_user_with_policy(S3_POLICY).await;
    python(&moto, &key_id, &secret, None, "create_bucket", BUCKET).await;
    (moto, key_id, secret)
}

/// Runs one operation of `s3_jumbo.py` with the user's keys and moto as the S3 endpoint;
/// returns its answer.
async fn python(
    moto: &MotoServer,
    key_id: &str,
    secret: &str,
    jumbo_bucket: Option<&str>,
    op: &str,
    input: &str,
) -> Value {
    let Some(program) = std::env::var_os(PYTHON_ENV) else {
        panic!("{PYTHON_ENV} is not set: run .ci/moto.sh, which installs simpleflow and sets it");
    };
    let mut command = tokio::process::Command::new(program);
    command
        .arg(SCRIPT)
        .arg(op)
        .env("AWS_ENDPOINT_URL_S3", moto.url())
        .env("AWS_ACCESS_KEY_ID", key_id)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .env("AWS_DEFAULT_REGION", REGION)
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    match jumbo_bucket {
        Some(bucket) => command.env("SIMPLEFLOW_JUMBO_FIELDS_BUCKET", bucket),
        None => command.env_remove("SIMPLEFLOW_JUMBO_FIELDS_BUCKET"),
    };
    let mut child = command.spawn().expect("start the python script");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.as_bytes())
        .await
        .expect("write stdin");
    drop(stdin);
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the script answers within 60 s")
        .expect("the script runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "s3_jumbo.py {op} failed with {}:\n{}\n{}\nmoto log:\n{}",
        output.status,
        stdout,
        String::from_utf8_lossy(&output.stderr),
        moto.log_text()
    );
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("answer {last:?}: {e}"))
}

fn store_for(
    moto: &MotoServer,
    key_id: &str,
    secret: &str,
) -> swf_activity::payload::S3StoreBuilder {
    S3Store::builder(&moto.client(key_id, secret), BUCKET)
        .endpoint_url(moto.url())
        .prefix("jumbo")
}

/// A value over SWF's 32,768 characters, with characters outside ASCII so that bytes and
/// characters differ.
fn large_value() -> String {
    let item = serde_json::json!({"name": "caf\u{e9} \u{1F600}", "n": 12345});
    let list: Vec<Value> = (0..2_000).map(|_| item.clone()).collect();
    serde_json::to_string(&list).expect("json")
}

#[tokio::test]
#[ignore = "needs moto_server and simpleflow's virtualenv; run .ci/moto.sh (see README)"]
async fn puts_and_gets_with_signatures_checked() {
    let (moto, key_id, secret) = moto_with_bucket().await;
    let store = store_for(&moto, &key_id, &secret).build().expect("store");
    let value = large_value();
    let key = store.key_for(value.as_bytes());
    assert!(key.starts_with("jumbo/"), "{key}");

    store
        .put(&key, value.clone().into_bytes().into())
        .await
        .expect("put");
    assert_eq!(store.get(&key).await.expect("get"), value.as_bytes());

    // A retried put (same content, same key) rewrites the same object.
    store
        .put(&key, value.clone().into_bytes().into())
        .await
        .expect("put again");
    assert_eq!(store.key_for(value.as_bytes()), key);
    assert_eq!(store.get(&key).await.expect("get again"), value.as_bytes());

    let err = store.get("jumbo/missing").await.expect_err("no such key");
    assert!(matches!(&err, StoreError::NotFound { key, .. } if key == "jumbo/missing"));
    assert_eq!(
        err.to_string(),
        "no object `jumbo/missing` in bucket `swf-jumbo`"
    );

    // A wrong secret key is refused: signatures are checked.
    let forged = store_for(&moto, &key_id, "not-the-secret")
        .build()
        .expect("store");
    let err = forged
        .put(&key, value.into_bytes().into())
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, StoreError::Failed { status: Some(403), code: Some(code), attempts: 1, .. } if code == "SignatureDoesNotMatch"),
        "{err:?}"
    );
    assert!(err.to_string().contains("in bucket `swf-jumbo`"), "{err}");
}

#[tokio::test]
#[ignore = "needs moto_server and simpleflow's virtualenv; run .ci/moto.sh (see README)"]
async fn server_side_encryption_is_asked_for() {
    let (moto, key_id, secret) = moto_with_bucket().await;
    let store = store_for(&moto, &key_id, &secret)
        .server_side_encryption(ServerSideEncryption::Aes256)
        .build()
        .expect("store");
    let key = store.key_for(b"secret value");
    store.put(&key, "secret value".into()).await.expect("put");
    let request = serde_json::json!({"bucket": BUCKET, "key": key}).to_string();
    let sse = python(&moto, &key_id, &secret, None, "head", &request).await;
    assert_eq!(sse, "AES256");
    assert_eq!(store.get(&key).await.expect("get"), b"secret value");
}

#[tokio::test]
#[ignore = "needs moto_server and simpleflow's virtualenv; run .ci/moto.sh (see README)"]
async fn simpleflow_reads_our_values_and_we_read_simpleflows() {
    let (moto, key_id, secret) = moto_with_bucket().await;
    let store = store_for(&moto, &key_id, &secret).build().expect("store");

    // Ours, read by simpleflow's `format.decode` through boto3.
    let value = large_value();
    let key = store.key_for(value.as_bytes());
    store
        .put(&key, value.clone().into_bytes().into())
        .await
        .expect("put");
    let marker = Marker::for_value(store.bucket(), &key, &value).to_string();
    let read = python(&moto, &key_id, &secret, None, "decode", &marker).await;
    assert_eq!(read.as_str(), Some(value.as_str()));

    // simpleflow's, written by `format.result` to `<bucket>/sfdir/<uuid>`, read by us.
    let original = serde_json::from_str::<Value>(&large_value()).expect("json");
    let field = python(
        &moto,
        &key_id,
        &secret,
        Some(&format!("{BUCKET}/sfdir")),
        "encode_result",
        &original.to_string(),
    )
    .await;
    let field = field.as_str().expect("a string field");
    assert!(Marker::is_marker(field), "{field}");
    let marker = Marker::parse(field).expect("simpleflow's marker parses");
    assert_eq!(marker.bucket(), BUCKET);
    assert!(marker.key().starts_with("sfdir/"), "{field}");
    let bytes = store
        .get(marker.key())
        .await
        .expect("get simpleflow's object");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("json"),
        original
    );

    // simpleflow's size counts characters, not bytes: details are stored as given, so
    // characters outside ASCII stay multi-byte.
    let details = "d\u{e9}tails \u{1F600} ".repeat(4_000);
    let field = python(
        &moto,
        &key_id,
        &secret,
        Some(&format!("{BUCKET}/sfdir")),
        "encode_details",
        &details,
    )
    .await;
    let marker = Marker::parse(field.as_str().expect("a string field")).expect("parses");
    let stored = store
        .get(marker.key())
        .await
        .expect("get simpleflow's details");
    assert_eq!(stored, details.as_bytes());
    let chars = u64::try_from(details.chars().count()).expect("size");
    assert_eq!(marker.size(), chars);
    assert_ne!(marker.size(), details.len() as u64);
    assert_eq!(Marker::for_value(BUCKET, marker.key(), &details), marker);
}

const DOMAIN: &str = "swf-activity-moto-offload";
const TASK_LIST: &str = "moto-offload";

#[derive(Debug, thiserror::Error, Serialize)]
#[error("huge failure")]
struct Huge {
    text: String,
}

/// `n` times `x`: a result over SWF's limit.
#[activity(name = "MotoBig", version = "1", task_list = "moto-offload")]
async fn moto_big(n: usize) -> Result<String, Huge> {
    Ok("x".repeat(n))
}

/// Fails with `n` times `é` (two bytes each) in its details.
#[activity(name = "MotoBigFailure", version = "1", task_list = "moto-offload")]
async fn moto_big_failure(n: usize) -> Result<(), Huge> {
    Err(Huge {
        text: "\u{e9}".repeat(n),
    })
}

/// How many items its (offloaded) input has.
#[activity(name = "MotoCount", version = "1", task_list = "moto-offload")]
async fn moto_count(items: Vec<Value>) -> Result<usize, Huge> {
    Ok(items.len())
}

/// The execution's history once `n` activity tasks have ended (bounded: a minute).
async fn history_with_outcomes(
    client: &Client,
    execution: &WorkflowExecution,
    n: usize,
    moto: &MotoServer,
) -> Vec<HistoryEvent> {
    for _ in 0..120 {
        let events = client
            .get_workflow_execution_history_all(&GetWorkflowExecutionHistory::new(
                DOMAIN,
                execution.clone(),
            ))
            .await
            .expect("GetWorkflowExecutionHistory");
        let ended = events
            .iter()
            .filter(|e| {
                matches!(
                    e.event_type,
                    EventType::ActivityTaskCompleted | EventType::ActivityTaskFailed
                )
            })
            .count();
        if ended >= n {
            return events;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!(
        "the tasks did not end within a minute; moto log:\n{}",
        moto.log_text()
    );
}

#[tokio::test]
#[ignore = "needs moto_server and simpleflow's virtualenv; run .ci/moto.sh (see README)"]
async fn a_worker_on_moto_offloads_to_s3_and_simpleflow_reads_it() {
    let (moto, key_id, secret) = moto_with_bucket().await;
    let client = moto.client(&key_id, &secret);

    // The input: a list simpleflow's own writer offloaded to `<bucket>/sfdir/<uuid>`.
    let items = serde_json::from_str::<Value>(&large_value()).expect("json");
    let input = python(
        &moto,
        &key_id,
        &secret,
        Some(&format!("{BUCKET}/sfdir")),
        "encode_result",
        &items.to_string(),
    )
    .await;
    let input = input.as_str().expect("a marker").to_owned();
    assert!(Marker::is_marker(&input), "{input}");

    let execution = schedule_activity_tasks(
        &client,
        DOMAIN,
        TASK_LIST,
        "jumbo-1",
        &[
            ("MotoBig", "big", "100000"),
            ("MotoBigFailure", "big-failure", "40000"),
            ("MotoCount", "count", &input),
        ],
    )
    .await;
    let store = store_for(&moto, &key_id, &secret).build().expect("store");
    let worker = Worker::builder(client.clone(), DOMAIN)
        .task_list(TASK_LIST)
        .activities(
            ActivitySet::select([
                ("MotoBig", "1"),
                ("MotoBigFailure", "1"),
                ("MotoCount", "1"),
            ])
            .expect("selected"),
        )
        .register_activity_types(false)
        .offload(Offload::new(store))
        .build()
        .expect("worker");
    let running = RunningWorker::spawn(worker);
    let events = history_with_outcomes(&client, &execution, 3, &moto).await;
    running.stop().await.expect("the worker stops cleanly");

    let results: Vec<&str> = events
        .iter()
        .filter_map(|e| e.activity_task_completed_event_attributes.as_ref())
        .filter_map(|a| a.result.as_deref())
        .collect();
    let failures: Vec<_> = events
        .iter()
        .filter_map(|e| e.activity_task_failed_event_attributes.as_ref())
        .collect();
    assert_eq!((results.len(), failures.len()), (2, 1), "{events:#?}");

    // The offloaded input was read: simpleflow's 2,000 items.
    assert!(results.contains(&"2000"), "{results:?}");

    // The result: a marker to our key under `jumbo/`, which simpleflow's reader decodes.
    let marker = results
        .iter()
        .find(|r| Marker::is_marker(r))
        .expect("a marker result");
    let parsed = Marker::parse(marker).expect("parses");
    assert_eq!(parsed.bucket(), BUCKET);
    assert!(parsed.key().starts_with("jumbo/"), "{marker}");
    let read = python(&moto, &key_id, &secret, None, "decode", marker).await;
    assert_eq!(
        read.as_str(),
        Some(format!("\"{}\"", "x".repeat(100_000)).as_str())
    );

    // The failure: its reason inline, its details a marker simpleflow decodes; the marker's
    // size counts characters, as simpleflow's does.
    assert_eq!(failures[0].reason.as_deref(), Some("huge failure"));
    let details = failures[0].details.as_deref().expect("details");
    let read = python(&moto, &key_id, &secret, None, "decode", details).await;
    let expected = serde_json::json!({ "text": "\u{e9}".repeat(40_000) }).to_string();
    assert_eq!(read.as_str(), Some(expected.as_str()));
    let parsed = Marker::parse(details).expect("parses");
    assert_eq!(parsed.size(), expected.chars().count() as u64);
}
