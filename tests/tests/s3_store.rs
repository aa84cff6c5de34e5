//! `S3Store` against moto's S3 with signatures checked, and against simpleflow's own jumbo
//! fields: simpleflow's reader decodes a value we stored under a marker we formatted, and we
//! read a value simpleflow's writer offloaded.
//!
//! moto checks signatures only after its first `INITIAL_NO_AUTH_ACTION_COUNT` requests; each
//! test spends them on IAM (a user allowed `s3:*`, see [`MotoServer::create_user_with_policy`])
//! so that every S3 request after that is signed with the user's key and checked.
//! `tests/scripts/s3_jumbo.py` runs boto3 (to create the bucket) and simpleflow 0.36.0's
//! `simpleflow.format` in the moto virtualenv (`SWF_SIMPLEFLOW_PYTHON`).

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use swf_activity::payload::{Marker, PayloadStore, S3Store, ServerSideEncryption, StoreError};
use swf_activity_tests::moto::{MotoServer, REGION};
use swf_activity_tests::simpleflow::PYTHON_ENV;
use tokio::io::AsyncWriteExt;

const BUCKET: &str = "swf-jumbo";
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/s3_jumbo.py");
const S3_POLICY: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;

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
