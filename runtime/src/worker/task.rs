//! Running one task: dispatch, context, heartbeats, the shutdown deadline, and the answer.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use tokio::sync::OwnedSemaphorePermit;
use tracing::Instrument;

use crate::context::{ActivityContext, TaskIdentity};
use crate::failure::{FailureKind, Outcome, panic_failure};
use crate::model::ActivityTask;
use crate::worker::answer::Answer;
use crate::worker::heartbeat::{self, Pending, Signals};
use crate::worker::respond::respond;
use crate::worker::run::Shared;

/// The message of the failure a task gets when the worker shuts down before it finished; the
/// reason reads `activity was aborted before it finished: the worker shut down`.
pub(crate) const SHUTDOWN_MESSAGE: &str = "the worker shut down";

/// Runs `activity_task` and answers it; `slot` is released once SWF has the answer.
pub(crate) async fn run(
    shared: Arc<Shared>,
    activity_task: ActivityTask,
    slot: OwnedSemaphorePermit,
) {
    let span = tracing::info_span!(
        "activity_task",
        activity_type = %activity_task.activity_type.name,
        version = %activity_task.activity_type.version,
        activity_id = %activity_task.activity_id,
        workflow_id = %activity_task.workflow_execution.workflow_id,
        run_id = %activity_task.workflow_execution.run_id,
    );
    run_in_span(shared, activity_task).instrument(span).await;
    drop(slot);
}

async fn run_in_span(shared: Arc<Shared>, activity_task: ActivityTask) {
    let config = &shared.config;
    let key = (
        activity_task.activity_type.name.clone(),
        activity_task.activity_type.version.clone(),
    );
    let Some(served) = shared.served.get(&key) else {
        tracing::error!(serves = %shared.served_list, "task of an activity type this worker does not serve");
        let outcome = Outcome::framework_failure(
            FailureKind::UnknownActivityType,
            &format!(
                "{:?} version {:?} is not served by this worker; it serves {}",
                key.0, key.1, shared.served_list
            ),
        );
        respond(
            &config.client,
            &config.domain,
            &activity_task.task_token,
            Answer::new(outcome, false),
            config.respond_timeout,
        )
        .await;
        return;
    };
    tracing::info!("task started");

    let pending = Arc::new(Pending::default());
    let signals = Arc::new(Signals::default());
    let (context, cancel) = context_for(&activity_task, Arc::clone(&pending));
    let heartbeats = tokio::spawn(
        heartbeat::send_loop(
            config.client.clone(),
            config.domain.clone(),
            activity_task.task_token.clone(),
            pending,
            Arc::clone(&signals),
            heartbeat::interval(served.heartbeat_timeout, config.max_heartbeat_interval),
            cancel,
        )
        .in_current_span(),
    );

    let invoke = served.registration.invoke;
    let mut activity = tokio::spawn(invoke(context, activity_task.input.clone()).in_current_span());
    let mut deadline = shared.deadline_passed.clone();
    let outcome = tokio::select! {
        joined = &mut activity => match joined {
            Ok(outcome) => outcome,
            // The adapter catches panics; this is for one that escaped it.
            Err(e) if e.is_panic() => panic_failure(&*e.into_panic()),
            Err(_) => Outcome::framework_failure(FailureKind::Aborted, "the task was cancelled"),
        },
        _ = deadline.wait_for(|passed| *passed) => {
            activity.abort();
            tracing::warn!("shutdown deadline passed before the activity finished");
            Outcome::framework_failure(FailureKind::Aborted, SHUTDOWN_MESSAGE)
        }
    };
    heartbeats.abort();

    let answer = Answer::new(outcome, signals.cancel_requested.load(Ordering::SeqCst));
    match &answer {
        Answer::Completed { .. } => tracing::info!("task completed"),
        Answer::Failed { reason, .. } => tracing::info!(reason = %reason, "task failed"),
        Answer::Canceled { .. } => tracing::info!("task canceled"),
    }
    respond(
        &config.client,
        &config.domain,
        &activity_task.task_token,
        answer,
        config.respond_timeout,
    )
    .await;
}

/// The context of a task, whose heartbeats go to `pending`, and what cancels it.
fn context_for(
    task: &ActivityTask,
    pending: Arc<Pending>,
) -> (ActivityContext, impl Fn() + Send + 'static) {
    let context = ActivityContext::new(
        TaskIdentity {
            activity_id: task.activity_id.clone(),
            workflow_execution: task.workflow_execution.clone(),
            activity_type: task.activity_type.clone(),
            started_event_id: task.started_event_id,
        },
        Some(pending),
    );
    let handle = context.clone();
    (context, move || handle.cancel())
}
