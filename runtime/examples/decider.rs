//! A small Rust decider: it schedules two activities through their handles, reads their typed
//! outcomes from the workflow history, and one of the tasks is completed by hand, from a second
//! client, after the activity handed it off.
//!
//! ```sh
//! cargo run -p swf-activity --features testing --example decider
//! ```
//!
//! With neither `SWF_DOMAIN` nor `SWF_TASK_LIST` set it runs on the in-process local SWF (no
//! AWS account). With both set it runs against real SWF with the standard AWS configuration:
//! it registers the workflow type `DeciderExample` version `1` in that domain (once), starts
//! one execution, runs the worker on `SWF_TASK_LIST` and decides on `<SWF_TASK_LIST>-decisions`.
//!
//! The workflow, in the decider's own words:
//! 1. charge the order (`charge_card`, an ordinary activity);
//! 2. ask for a refund approval (`approve_refund`, which hands its task to an approval service
//!    and returns; the service answers the task later with a typed completer);
//! 3. when both are closed, complete the execution with a summary.

#[path = "support/mod.rs"]
mod support;

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use support::{Failure, Mode, fail};
use swf_activity::handle::{Activity, ActivityFailed, ActivityOutcome};
use swf_activity::model::{
    ChildPolicy, Decision, HistoryEvent, PollForDecisionTask, RegisterWorkflowType,
    RespondDecisionTaskCompleted, StartWorkflowExecution, TaskToken, WorkflowType,
};
use swf_activity::testing::LocalSwf;
use swf_activity::{ActivityContext, Client, FaultCode, Worker, activity};
use tokio::sync::mpsc;

/// The whole run's bound: a decider that waits longer has lost its worker.
const RUN: Duration = Duration::from_secs(60);
const LOCAL_DOMAIN: &str = "decider-example";
const LOCAL_TASK_LIST: &str = "decider-example";

#[derive(Debug, Serialize, Deserialize)]
struct Order {
    order_id: u64,
    amount_cents: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Receipt {
    order_id: u64,
    charge_id: String,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("card declined for order {order_id}")]
struct Declined {
    order_id: u64,
}

/// Charges an order.
#[activity(
    name = "DeciderCharge",
    version = "1",
    schedule_to_start_timeout = "5m",
    start_to_close_timeout = "1m",
    schedule_to_close_timeout = "6m",
    heartbeat_timeout = "NONE"
)]
async fn charge_card(order: Order) -> Result<Receipt, Declined> {
    Ok(Receipt {
        order_id: order.order_id,
        charge_id: format!("ch_{}", order.order_id),
    })
}

#[derive(Debug, Serialize, Deserialize)]
struct RefundRequest {
    order_id: u64,
    amount_cents: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Approval {
    approved_by: String,
}

#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
#[error("refund refused: {reason}")]
struct Refused {
    reason: String,
}

/// Where `approve_refund` sends the tasks it hands off: the approval service's inbox.
static APPROVALS: Mutex<Option<mpsc::UnboundedSender<(TaskToken, RefundRequest)>>> =
    Mutex::new(None);

/// Hands the task to the approval service and returns at once, freeing the worker's slot;
/// the service answers the task when a person has decided.
#[activity(
    name = "DeciderApproveRefund",
    version = "1",
    schedule_to_start_timeout = "5m",
    start_to_close_timeout = "1h",
    schedule_to_close_timeout = "2h",
    heartbeat_timeout = "NONE"
)]
async fn approve_refund(ctx: ActivityContext, request: RefundRequest) -> Result<Approval, Refused> {
    let token = ctx.complete_manually();
    let inbox = APPROVALS.lock().ok().and_then(|inbox| inbox.clone());
    match inbox {
        Some(inbox) if inbox.send((token, request)).is_ok() => {}
        // Nobody to hand it to: the task times out and the decider sees it.
        _ => tracing::error!("no approval service; the task will time out"),
    }
    // Not sent: the task was handed off, the service answers it.
    Err(Refused {
        reason: "handed off".into(),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = match support::mode() {
        Ok(Mode::Local) => run_locally().await,
        Ok(Mode::Swf { domain, task_list }) => match support::swf_client(&domain).await {
            Ok(client) => run(client.clone(), client, &domain, &task_list).await,
            Err(failure) => Err(failure),
        },
        Err(failure) => Err(failure),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("decider example failed: {failure}");
            ExitCode::FAILURE
        }
    }
}

async fn run_locally() -> Result<(), Failure> {
    let swf = LocalSwf::builder()
        .max_poll_wait(Duration::from_secs(1))
        .start()
        .await
        .map_err(|e| fail("cannot start the local SWF endpoint", e))?;
    swf.register_domain(LOCAL_DOMAIN)
        .map_err(|e| fail("cannot register the local domain", e))?;
    println!("Local SWF listening on {}", swf.url());
    // The approval service is "another process": it has its own client.
    let outcome = run(swf.client(), swf.client(), LOCAL_DOMAIN, LOCAL_TASK_LIST).await;
    swf.shutdown().await;
    outcome
}

async fn run(
    client: Client,
    service_client: Client,
    domain: &str,
    task_list: &str,
) -> Result<(), Failure> {
    let decisions = format!("{task_list}-decisions");

    // The approval service: approves every refund it is handed, through a typed completer.
    let (inbox, mut requests) = mpsc::unbounded_channel();
    if let Ok(mut slot) = APPROVALS.lock() {
        *slot = Some(inbox);
    }
    let service = tokio::spawn(async move {
        while let Some((token, request)) = requests.recv().await {
            let request: RefundRequest = request;
            println!(
                "approval service: approving the refund of {} cents for order {}",
                request.amount_cents, request.order_id
            );
            let approval = Approval {
                approved_by: "the approval service".into(),
            };
            if let Err(e) = approve_refund::completer(&service_client, token)
                .complete(&approval)
                .await
            {
                eprintln!("approval service: cannot complete the task: {e}");
            }
        }
    });

    let worker = Worker::builder(client.clone(), domain)
        .task_list(task_list)
        .identity("decider-example-worker")
        .shutdown_deadline(Duration::from_secs(10))
        .build()
        .map_err(|e| fail("cannot build the worker", e))?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(worker.run_until(async {
        let _ = stopped.await;
    }));

    let decided = tokio::select! {
        decided = decide(&client, domain, task_list, &decisions) => decided,
        () = support::ctrl_c() => Err(Failure("interrupted".into())),
    };
    let _ = stop.send(());
    let stopped = worker.await;
    service.abort();
    decided?;
    match stopped {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(fail("the worker failed", e)),
        Err(e) => Err(fail("the worker panicked", e)),
    }
}

/// Starts one execution and decides it to the end.
async fn decide(
    client: &Client,
    domain: &str,
    task_list: &str,
    decisions: &str,
) -> Result<(), Failure> {
    let workflow = WorkflowType::new("DeciderExample", "1");
    let register = RegisterWorkflowType::new(domain, "DeciderExample", "1")
        .default_task_start_to_close_timeout("30")
        .default_execution_start_to_close_timeout("3600")
        .default_task_list(decisions)
        .default_child_policy(ChildPolicy::Terminate);
    match client.register_workflow_type(&register).await {
        Ok(()) => {}
        Err(e) if e.is_fault(FaultCode::TypeAlreadyExists) => {}
        Err(e) => return Err(fail("cannot register the workflow type", e)),
    }
    let workflow_id = format!(
        "decider-example-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
    );
    client
        .start_workflow_execution(&StartWorkflowExecution::new(domain, &workflow_id, workflow))
        .await
        .map_err(|e| fail("cannot start the execution", e))?;
    println!("Started execution {workflow_id}");

    let order = Order {
        order_id: 42,
        amount_cents: 1999,
    };
    let refund = RefundRequest {
        order_id: 42,
        amount_cents: 500,
    };
    let deadline = Instant::now() + RUN;
    let mut scheduled = false;
    while Instant::now() < deadline {
        // The whole history, however many pages it takes.
        let poll = PollForDecisionTask::new(domain, decisions);
        let Some(task) = client
            .poll_for_decision_task_all(&poll)
            .await
            .map_err(|e| fail("cannot poll for a decision task", e))?
        else {
            continue;
        };
        let history = task.events;
        let mut next = Vec::new();
        if !scheduled {
            // Typed inputs, each activity's converter and declared timeouts; the worker's
            // task list, as these activities declare none.
            for decision in [
                charge_card::schedule("charge", &order)
                    .task_list(task_list)
                    .decision(),
                approve_refund::schedule("approval", &refund)
                    .task_list(task_list)
                    .decision(),
            ] {
                next.push(decision.map_err(|e| fail("cannot schedule", e))?);
            }
            scheduled = true;
            println!("Scheduled charge_card and approve_refund");
        } else if let Some(summary) = summary(&history)? {
            println!("{summary}");
            next.push(Decision::complete_workflow_execution(Some(summary)));
        }
        let done = next
            .iter()
            .any(|d| d.complete_workflow_execution_decision_attributes.is_some());
        client
            .respond_decision_task_completed(
                &RespondDecisionTaskCompleted::new(task.task_token).decisions(next),
            )
            .await
            .map_err(|e| fail("cannot answer the decision task", e))?;
        if done {
            println!("Completed execution {workflow_id}");
            return Ok(());
        }
    }
    Err(Failure(format!(
        "execution {workflow_id} did not finish within {RUN:?}"
    )))
}

/// Once both tasks are closed, what happened to them, typed; `None` while either is open.
fn summary(history: &[HistoryEvent]) -> Result<Option<String>, Failure> {
    let charge = charge_card::outcome(history, "charge").map_err(|e| fail("charge", e))?;
    let approval = approve_refund::outcome(history, "approval").map_err(|e| fail("approval", e))?;
    if !charge.is_closed() || !approval.is_closed() {
        return Ok(None);
    }
    let charge = match charge {
        ActivityOutcome::Completed(receipt) => {
            format!(
                "order {} charged as {}",
                receipt.order_id, receipt.charge_id
            )
        }
        ActivityOutcome::Failed(ActivityFailed::Error { error, .. }) => {
            format!("declined: {error}")
        }
        other => format!("charge ended as {other:?}"),
    };
    let approval = match approval {
        ActivityOutcome::Completed(approval) => {
            format!("refund approved by {}", approval.approved_by)
        }
        ActivityOutcome::Failed(ActivityFailed::Error { error, .. }) => error.to_string(),
        other => format!("approval ended as {other:?}"),
    };
    Ok(Some(format!("{charge}; {approval}")))
}
