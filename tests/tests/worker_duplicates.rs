//! Two `#[activity]` functions of one name and version in a binary: the worker refuses to start.

use swf_activity::testing::LocalSwf;
use swf_activity::{ErrorKind, Worker, activity};

#[derive(Debug, thiserror::Error, serde::Serialize)]
#[error("never")]
struct Never;

#[activity(name = "Charge", version = "1", task_list = "payments")]
async fn charge() -> Result<(), Never> {
    Ok(())
}

#[activity(name = "Charge", version = "1", task_list = "refunds")]
async fn charge_again() -> Result<(), Never> {
    Ok(())
}

#[tokio::test]
async fn duplicate_activity_types_fail_the_build() {
    let swf = LocalSwf::start().await.expect("local SWF starts");
    // Even a worker that would serve only one of them: the binary is ambiguous.
    let err = Worker::builder(swf.client(), "domain")
        .task_list("payments")
        .build()
        .expect_err("duplicates are an error");
    assert_eq!(err.kind(), &ErrorKind::Configuration);
    let message = err.to_string();
    assert!(
        message.contains(r#""Charge" version "1" is declared 2 times"#),
        "{message}"
    );
    assert!(message.contains("charge_again"), "{message}");
}
