//! The quickstart: a few `#[activity]` functions, a [`Worker`] that serves them, and what SWF
//! records for each task.
//!
//! ```sh
//! cargo run -p swf-activity --features testing --example quickstart
//! ```
//!
//! # Two modes
//!
//! The switch is the pair of environment variables `SWF_DOMAIN` and `SWF_TASK_LIST`:
//!
//! - **Neither set (the default): local.** Needs no AWS account and reads no AWS
//!   configuration. The example starts the in-process local SWF endpoint
//!   ([`swf_activity::testing::LocalSwf`], on `127.0.0.1`, checking SigV4 signatures and SWF's
//!   rules), runs the worker against it, plays the decider by scheduling one task per example
//!   (one of them with malformed JSON input), waits until every task has ended, stops the
//!   worker gracefully and prints what SWF records in each task's closing history event:
//!   `result`, or `reason` and `details`. One result (about 100 KB) is over SWF's 32,768
//!   characters: the worker stores it in the local payload store and SWF records simpleflow's
//!   marker instead; the example reads the value back through the marker, as a decider would.
//!   It exits 0, or 1 with a message on stderr if anything goes wrong; every wait is bounded.
//! - **Both set: real SWF.** The client comes from the standard AWS sources
//!   ([`Client::from_env`]: environment, `~/.aws/config` profiles, SSO, container and instance
//!   roles; `AWS_REGION` or the profile's region). The domain `SWF_DOMAIN` must exist; the
//!   worker registers the example activity types in it (`RegisterActivityType`; types that
//!   exist already are fine), polls `SWF_TASK_LIST` and runs whatever tasks your deciders
//!   schedule there, until Ctrl-C, which drains running tasks before exiting. Results over
//!   SWF's limit go to S3 when `SIMPLEFLOW_JUMBO_FIELDS_BUCKET` names a bucket (as for
//!   simpleflow); otherwise such a task fails with a clear reason.
//!
//!   ```sh
//!   SWF_DOMAIN=my-domain SWF_TASK_LIST=my-task-list AWS_REGION=eu-west-1 \
//!       cargo run -p swf-activity --features testing --example quickstart
//!   ```
//!
//! Setting only one of the two is an error, so a typo does not silently run locally.
//! `RUST_LOG` (e.g. `RUST_LOG=swf_activity=debug`) shows the worker's logs; by default the local
//! mode shows warnings only, the real mode the worker's info logs too.

use std::process::ExitCode;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use swf_activity::model::ActivityType;
use swf_activity::payload::{Marker, Offload, resolve};
use swf_activity::testing::{ActivityOutcome, LocalSwf, Op, ScheduleSpec, ScheduledActivity};
use swf_activity::{ActivityContext, Worker, activity};

mod support;
use support::{Failure, Mode, fail};

// ---------------------------------------------------------------------------------------------
// The activities. Each stays an ordinary function: unit tests can call it directly.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
struct Greeting {
    name: String,
}

/// Succeeds: SWF records its `Ok` value, as JSON, in `ActivityTaskCompleted.result`.
#[activity(name = "Greet", version = "1", start_to_close_timeout = "1m")]
async fn greet(input: Greeting) -> Result<String, GreetError> {
    Ok(format!("Hello, {}!", input.name))
}

/// `Greet` never fails, but every activity names an error type.
#[derive(Debug, thiserror::Error, Serialize)]
#[error("cannot greet")]
struct GreetError;

#[derive(Debug, Deserialize)]
struct Order {
    order_id: u32,
    amount_cents: u64,
    last4: String,
}

#[derive(Debug, Serialize)]
struct Receipt {
    order_id: u32,
    charged_cents: u64,
}

/// A typed error: its `Display` text becomes `reason`, its JSON becomes `details`, and a
/// decider can turn the two back into a `ChargeError` (`swf_activity::failure::decode_failure`).
#[derive(Debug, thiserror::Error, Serialize)]
enum ChargeError {
    #[error("card ending {last4} was declined")]
    Declined { last4: String },
    #[error("amount of {amount_cents} cents is over the limit of {limit_cents}")]
    OverLimit { amount_cents: u64, limit_cents: u64 },
}

/// Fails for cards ending `0002` (the test card that is always declined) and for large amounts.
#[activity(name = "ChargeCard", version = "1", start_to_close_timeout = "1m")]
async fn charge_card(order: Order) -> Result<Receipt, ChargeError> {
    const LIMIT_CENTS: u64 = 100_000;
    if order.last4 == "0002" {
        return Err(ChargeError::Declined { last4: order.last4 });
    }
    if order.amount_cents > LIMIT_CENTS {
        return Err(ChargeError::OverLimit {
            amount_cents: order.amount_cents,
            limit_cents: LIMIT_CENTS,
        });
    }
    Ok(Receipt {
        order_id: order.order_id,
        charged_cents: order.amount_cents,
    })
}

#[derive(Debug, Deserialize)]
struct Shipment {
    order_id: u32,
    address: String,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("cannot ship to `{0}`")]
struct ShipError(String);

/// The quickstart schedules it with malformed JSON: the function never runs, and the worker
/// fails the task with a reason that says the input did not decode.
#[activity(name = "ShipOrder", version = "1", start_to_close_timeout = "1m")]
async fn ship_order(shipment: Shipment) -> Result<String, ShipError> {
    if shipment.address.trim().is_empty() {
        return Err(ShipError(shipment.address));
    }
    Ok(format!(
        "order {} ships to {}",
        shipment.order_id, shipment.address
    ))
}

#[derive(Debug, Deserialize)]
struct Batch {
    images: u32,
}

#[derive(Debug, Serialize)]
struct Progress {
    done: u32,
    total: u32,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("stopped after {done} of {total} images")]
struct ResizeError {
    done: u32,
    total: u32,
}

/// Long-running: reports progress with `ctx.heartbeat(..)` (the worker sends it to SWF,
/// throttled below the heartbeat timeout) and stops early if SWF asks to cancel the task.
#[activity(
    name = "ResizeImages",
    version = "1",
    start_to_close_timeout = "5m",
    heartbeat_timeout = "10s"
)]
async fn resize_images(ctx: ActivityContext, batch: Batch) -> Result<u32, ResizeError> {
    for done in 0..batch.images {
        if ctx.is_cancelled() {
            return Err(ResizeError {
                done,
                total: batch.images,
            });
        }
        tokio::time::sleep(Duration::from_millis(150)).await; // the actual work
        ctx.heartbeat(Progress {
            done: done + 1,
            total: batch.images,
        });
    }
    Ok(batch.images)
}

#[derive(Debug, Deserialize)]
struct ReportRequest {
    rows: u32,
}

#[derive(Debug, Serialize)]
struct ReportRow {
    order_id: u32,
    status: &'static str,
    note: String,
}

#[derive(Debug, thiserror::Error, Serialize)]
#[error("no rows asked for")]
struct ReportError;

/// Its result is about 100 KB, over SWF's 32,768 characters: the worker stores it in the
/// payload store and sends simpleflow's marker (`simpleflow+s3://<bucket>/<key> <size>`).
#[activity(name = "BuildReport", version = "1", start_to_close_timeout = "1m")]
async fn build_report(request: ReportRequest) -> Result<Vec<ReportRow>, ReportError> {
    if request.rows == 0 {
        return Err(ReportError);
    }
    Ok((0..request.rows)
        .map(|order_id| ReportRow {
            order_id,
            status: if order_id % 7 == 0 {
                "refunded"
            } else {
                "shipped"
            },
            note: format!("order {order_id} handled by the quickstart"),
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Running it.
// ---------------------------------------------------------------------------------------------

/// The domain and task list of the local mode.
const LOCAL_DOMAIN: &str = "quickstart";
const LOCAL_TASK_LIST: &str = "quickstart-tasks";
/// Bounds of the local mode's waits.
const WORKER_START: Duration = Duration::from_secs(30);
const TASK_OUTCOME: Duration = Duration::from_secs(60);
const WORKER_STOP: Duration = Duration::from_secs(30);

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match support::mode() {
        Ok(Mode::Local) => run_locally().await,
        Ok(Mode::Swf { domain, task_list }) => run_against_swf(domain, task_list).await,
        Err(failure) => Err(failure),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("quickstart failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// One task the local mode schedules: which activity, with what input.
struct Planned {
    activity_id: &'static str,
    activity: &'static str,
    input: &'static str,
    what: &'static str,
}

const PLAN: [Planned; 6] = [
    Planned {
        activity_id: "greet-1",
        activity: "Greet",
        input: r#"{"name":"Ada"}"#,
        what: "succeeds",
    },
    Planned {
        activity_id: "charge-1",
        activity: "ChargeCard",
        input: r#"{"order_id":42,"amount_cents":1999,"last4":"4242"}"#,
        what: "succeeds",
    },
    Planned {
        activity_id: "charge-2",
        activity: "ChargeCard",
        input: r#"{"order_id":43,"amount_cents":1999,"last4":"0002"}"#,
        what: "fails with a typed error",
    },
    Planned {
        activity_id: "ship-1",
        activity: "ShipOrder",
        input: r#"{"order_id":42,"address":"#,
        what: "malformed JSON input",
    },
    Planned {
        activity_id: "resize-1",
        activity: "ResizeImages",
        input: r#"{"images":8}"#,
        what: "heartbeats while it works",
    },
    Planned {
        activity_id: "report-1",
        activity: "BuildReport",
        input: r#"{"rows":1200}"#,
        what: "a 100 KB result, offloaded",
    },
];

async fn run_locally() -> Result<(), Failure> {
    println!("Starting the local SWF endpoint (no AWS account needed) ...");
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(2))
        .start()
        .await
        .map_err(|e| fail("cannot start the local SWF endpoint", e))?;
    swf.register_domain(LOCAL_DOMAIN)
        .map_err(|e| fail("cannot register the local domain", e))?;
    println!("Local SWF listening on {}", swf.url());

    // The worker serves every `#[activity]` of this binary on the task list and registers
    // their types at start, with the defaults the attributes declare. Values over SWF's limit
    // go to the local SWF's payload store (in memory; an S3 bucket against real SWF).
    let store = swf.payload_store();
    let worker = Worker::builder(swf.client(), LOCAL_DOMAIN)
        .task_list(LOCAL_TASK_LIST)
        .offload(Offload::new(std::sync::Arc::clone(&store)))
        .identity("quickstart-worker")
        .max_heartbeat_interval(Duration::from_millis(300))
        .shutdown_deadline(Duration::from_secs(10))
        .build()
        .map_err(|e| fail("cannot build the worker", e))?;
    let served: Vec<String> = worker
        .activity_types()
        .map(|(name, version)| format!("{name}@{version}"))
        .collect();
    println!("Worker serves {}", served.join(", "));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let mut running = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));

    // Once the worker polls, its types are registered and tasks can be scheduled.
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

    // Play the decider: one task per example, as `ScheduleActivityTask` decisions would.
    let mut tasks: Vec<(&Planned, ScheduledActivity)> = Vec::new();
    for planned in &PLAN {
        let spec = ScheduleSpec::new(
            LOCAL_DOMAIN,
            ActivityType::new(planned.activity, "1"),
            planned.activity_id,
        )
        .workflow_id("quickstart-order")
        .task_list(LOCAL_TASK_LIST)
        .input(planned.input);
        let task = swf
            .schedule_activity_task(spec)
            .map_err(|e| fail(&format!("cannot schedule {}", planned.activity_id), e))?;
        tasks.push((planned, task));
    }
    println!(
        "Scheduled {} tasks; waiting for the worker to answer them ...\n",
        tasks.len()
    );

    let mut rows = Vec::new();
    for (planned, task) in &tasks {
        let outcome = swf
            .wait_for_outcome(task, TASK_OUTCOME)
            .await
            .ok_or_else(|| {
                Failure(format!(
                    "task {} did not end within {TASK_OUTCOME:?}",
                    planned.activity_id
                ))
            })?;
        rows.push((*planned, outcome));
    }

    // Graceful stop: no new polls, open polls return, every task taken is answered.
    let _ = stop.send(());
    match tokio::time::timeout(WORKER_STOP, running).await {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => return Err(fail("the worker failed", e)),
        Ok(Err(e)) => return Err(fail("the worker crashed", e)),
        Err(_) => {
            return Err(Failure(format!(
                "the worker did not stop within {WORKER_STOP:?}"
            )));
        }
    }
    let heartbeats = swf.stats().requests(Op::RecordActivityTaskHeartbeat);
    swf.shutdown().await;

    print_table(&rows);

    // The decider's side of the offloaded result: the marker, resolved through the store.
    let report = rows.iter().find_map(|(planned, outcome)| match outcome {
        ActivityOutcome::Completed {
            result: Some(result),
        } if planned.activity_id == "report-1" => Some(result),
        _ => None,
    });
    let marker = report.ok_or_else(|| Failure("report-1 did not complete".into()))?;
    let parsed = Marker::parse(marker).map_err(|e| fail("report-1's result is no marker", e))?;
    let value = resolve(&*store, marker)
        .await
        .map_err(|e| fail("cannot read report-1's result back", e))?;
    println!(
        "\nreport-1's result was {} characters, over SWF's 32,768: the worker put it in bucket \
         `{}` under key `{}`, and SWF recorded the marker. Read back through it: {}...",
        parsed.size(),
        parsed.bucket(),
        parsed.key(),
        value.chars().take(90).collect::<String>()
    );
    println!(
        "\nThe worker sent {heartbeats} RecordActivityTaskHeartbeat request(s) for resize-1 \
         (progress details, coalesced and throttled)."
    );
    println!(
        "Run the same worker against real SWF: SWF_DOMAIN=<domain> SWF_TASK_LIST=<task list> \
         cargo run -p swf-activity --features testing --example quickstart"
    );
    Ok(())
}

/// What SWF records for each task, one block per task.
fn print_table(rows: &[(&Planned, ActivityOutcome)]) {
    const ID: usize = 10;
    const ACTIVITY: usize = 14;
    println!(
        "{:<ID$}  {:<ACTIVITY$}  {:<26}  what SWF records in the history",
        "task", "activity", "scenario"
    );
    println!("{}", "-".repeat(ID + ACTIVITY + 26 + 6 + 40));
    for (planned, outcome) in rows {
        let fields: Vec<(&str, String)> = match outcome {
            ActivityOutcome::Completed { result } => vec![
                ("event", "ActivityTaskCompleted".into()),
                ("result", shown(result)),
            ],
            ActivityOutcome::Failed { reason, details } => vec![
                ("event", "ActivityTaskFailed".into()),
                ("reason", shown(reason)),
                ("details", shown(details)),
            ],
            ActivityOutcome::Canceled { details } => vec![
                ("event", "ActivityTaskCanceled".into()),
                ("details", shown(details)),
            ],
            ActivityOutcome::TimedOut {
                timeout_type,
                details,
            } => vec![
                ("event", "ActivityTaskTimedOut".into()),
                ("timeout", timeout_type.to_string()),
                ("details", shown(details)),
            ],
            other => vec![("event", format!("{other:?}"))],
        };
        for (i, (name, value)) in fields.iter().enumerate() {
            let (id, activity, what) = if i == 0 {
                (planned.activity_id, planned.activity, planned.what)
            } else {
                ("", "", "")
            };
            println!("{id:<ID$}  {activity:<ACTIVITY$}  {what:<26}  {name:<8} {value}");
        }
    }
}

fn shown(value: &Option<String>) -> String {
    value.as_deref().unwrap_or("(none)").to_owned()
}

async fn run_against_swf(domain: String, task_list: String) -> Result<(), Failure> {
    let client = support::swf_client(&domain).await?;
    let worker = Worker::builder(client, domain.clone())
        .task_list(task_list.clone())
        .build()
        .map_err(|e| fail("cannot build the worker", e))?;
    let served: Vec<String> = worker
        .activity_types()
        .map(|(name, version)| format!("{name}@{version}"))
        .collect();
    println!(
        "Worker {} registers {} in domain `{domain}` and polls task list `{task_list}`.",
        worker.identity(),
        served.join(", ")
    );
    println!("Schedule tasks of these types from your decider; Ctrl-C stops the worker.");
    worker
        .run_until(support::ctrl_c())
        .await
        .map_err(|e| fail("the worker stopped with an error", e))?;
    println!("Worker stopped: every task it took has been answered.");
    Ok(())
}
