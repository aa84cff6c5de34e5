//! Every accepted signature, async and sync: `(ctx, input)`, `(ctx)`, `(input)`, `()`.

use serde::{Deserialize, Serialize};
use swf_activity::{ActivityContext, activity};
use swf_activity_ui_tests::{completed, failed, invoke, registered};

#[derive(Deserialize)]
struct Order {
    id: u64,
}

#[derive(Serialize)]
struct Receipt {
    id: u64,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("declined")]
struct Declined;

#[activity(version = "1")]
async fn async_ctx_input(ctx: ActivityContext, order: Order) -> Result<Receipt, Declined> {
    let _ = ctx;
    Ok(Receipt { id: order.id })
}

#[activity(version = "1")]
async fn async_ctx(ctx: ActivityContext) -> Result<Receipt, Declined> {
    let _ = ctx;
    Err(Declined)
}

#[activity(version = "1")]
async fn async_input(order: Order) -> Result<Receipt, Declined> {
    Ok(Receipt { id: order.id })
}

#[activity(version = "1")]
async fn async_none() -> Result<Receipt, Declined> {
    Ok(Receipt { id: 0 })
}

#[activity(version = "1")]
fn sync_ctx_input(ctx: ActivityContext, order: Order) -> Result<Receipt, Declined> {
    let _ = ctx;
    Ok(Receipt { id: order.id })
}

#[activity(version = "1")]
fn sync_ctx(ctx: ActivityContext) -> Result<Receipt, Declined> {
    let _ = ctx;
    Err(Declined)
}

#[activity(version = "1")]
fn sync_input(order: Order) -> Result<Receipt, Declined> {
    Ok(Receipt { id: order.id })
}

#[activity(version = "1")]
fn sync_none() -> Result<Receipt, Declined> {
    Ok(Receipt { id: 0 })
}

fn main() {
    for name in [
        "async_ctx_input",
        "async_ctx",
        "async_input",
        "async_none",
        "sync_ctx_input",
        "sync_ctx",
        "sync_input",
        "sync_none",
    ] {
        let registration = registered(name, "1");
        assert!(
            registration.function.ends_with(&format!("::{name}")),
            "{}",
            registration.function
        );
        assert!(registration.location.contains("all-signature-shapes.rs:"));
        assert_eq!(registration.descriptor.task_list, None);
        assert_eq!(registration.descriptor.start_to_close_timeout, None);
    }

    // The adapters run the functions: input decoded where the function takes it, ignored where not.
    let order = Some(r#"{"id":7}"#);
    for name in [
        "async_ctx_input",
        "async_input",
        "sync_ctx_input",
        "sync_input",
    ] {
        assert_eq!(
            completed(invoke(registered(name, "1"), order)).as_deref(),
            Some(r#"{"id":7}"#)
        );
    }
    for name in ["async_none", "sync_none"] {
        assert_eq!(
            completed(invoke(registered(name, "1"), order)).as_deref(),
            Some(r#"{"id":0}"#)
        );
    }
    for name in ["async_ctx", "sync_ctx"] {
        assert_eq!(failed(invoke(registered(name, "1"), None)), "declined");
    }

    // The functions stay as written and callable.
    let receipt = sync_input(Order { id: 7 }).map_err(|_| ()).map(|r| r.id);
    assert_eq!(receipt, Ok(7));
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let receipt = rt
        .block_on(async_input(Order { id: 8 }))
        .map_err(|_| ())
        .map(|r| r.id);
    assert_eq!(receipt, Ok(8));
    assert!(rt.block_on(async_ctx(ActivityContext::detached())).is_err());
}
