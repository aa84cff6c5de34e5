//! Running one task: dispatch, context, heartbeats, the shutdown deadline, and the answer.
//!
//! A task that waits (for I/O, a timer, a human) is the common case, and a worker may hold
//! thousands of them, so what a waiting task keeps is kept small: the activity's future on a
//! task of its own, and a second task that waits for it, sends its heartbeats and answers SWF.
//! The second task holds one [`Running`]; the large futures (a heartbeat request, the answer)
//! are boxed only while they are in flight. With offloading, the activity's task also fetches
//! an input marker's value before the activity runs and stores a long result after it.
//!
//! Tokio allocates a task in steps of 128 bytes (its cells are cache-line aligned); the
//! waiting task's cell is 512 bytes (1,536 before #6's profile), so a few more bytes held
//! across an `.await` in [`Running::run`] cost 128 per task.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::OwnedSemaphorePermit;
use tokio::task::JoinHandle;
use tracing::Instrument;

use crate::adapter::{self, BoxFuture};
use crate::context::{ActivityContext, Cancellation, HeartbeatSink, TaskIdentity};
use crate::failure::{FailureKind, Outcome, TRUNCATION_MARK};
use crate::metrics::{Field, TaskOutcome, TypeMetrics};
use crate::model::{ActivityTask, ActivityType, TaskToken};
use crate::payload::{Marker, marked_input};
use crate::registry::ActivityRegistration;
use crate::worker::answer::Answer;
use crate::worker::heartbeat::{self, Pending, Signals};
use crate::worker::respond::respond;
use crate::worker::run::{Served, Shared};

/// The message of the failure a task gets when the worker shuts down before it finished; the
/// reason reads `activity was aborted before it finished: the worker shut down`.
pub(crate) const SHUTDOWN_MESSAGE: &str = "the worker shut down";

/// Starts `activity_task`, polled on task list `list` (an index), and has it answered; `slot`
/// is released once SWF has the answer.
pub(crate) fn start(
    shared: &Arc<Shared>,
    activity_task: ActivityTask,
    slot: OwnedSemaphorePermit,
    list: usize,
) {
    let span = tracing::info_span!(
        "activity_task",
        activity_type = %activity_task.activity_type.name,
        version = %activity_task.activity_type.version,
        activity_id = %activity_task.activity_id,
        workflow_id = %activity_task.workflow_execution.workflow_id,
        run_id = %activity_task.workflow_execution.run_id,
    );
    // Taken apart, so that each piece lives only as long as it is needed: the ids move into the
    // context, the input into the activity (which drops it once decoded), and the one copy of
    // the token goes to the task that heartbeats and answers.
    let ActivityTask {
        task_token,
        activity_id,
        started_event_id,
        workflow_execution,
        activity_type,
        input,
    } = activity_task;
    let Some(served) = served(shared, &activity_type) else {
        let metrics = shared.type_metrics(&activity_type, list);
        let outcome = span.in_scope(|| {
            tracing::error!(serves = %shared.served_list, "task of an activity type this worker does not serve");
            shared.config.converter.get().framework_failure(
                FailureKind::UnknownActivityType,
                &format!(
                    "{:?} version {:?} is not served by this worker; it serves {}",
                    activity_type.name, activity_type.version, shared.served_list
                ),
            )
        });
        answer_at_once(shared, task_token, outcome, slot, span, metrics);
        return;
    };
    let metrics = match served.metrics.get(list) {
        Some(metrics) => Arc::clone(metrics),
        None => shared.type_metrics(&activity_type, list),
    };
    if shared.deadline.is_set() {
        // Brought by a poll that returned after the shutdown deadline: running it now would
        // only be cut short. Said at once, the decider can retry it elsewhere.
        let outcome = span.in_scope(|| {
            tracing::warn!(
                "task arrived after the shutdown deadline; answering it without running it"
            );
            served
                .registration
                .converter(shared.config.converter.as_converter())
                .framework_failure(FailureKind::Aborted, SHUTDOWN_MESSAGE)
        });
        answer_at_once(shared, task_token, outcome, slot, span, metrics);
        return;
    }

    let pending = Arc::new(Pending::new(metrics));
    let context = ActivityContext::new(
        TaskIdentity {
            activity_id,
            workflow_execution,
            activity_type,
            started_event_id,
            token: task_token,
        },
        Some(Arc::clone(&pending) as Arc<dyn HeartbeatSink>),
        Some(Arc::clone(&shared.shutdown)),
    );
    let handle = context.clone();
    let registration = served.registration;
    let activity = span.in_scope(|| {
        tracing::info!("task started");
        let future = match input {
            // Fetched on the activity's own task: the poller goes on polling meanwhile.
            Some(input) if Marker::is_marker(&input) => {
                fetched(shared, registration, context, input)
            }
            input => invoke(shared, registration, context, input),
        };
        let future = match &shared.config.offload {
            Some(_) => stored(shared, registration, future),
            None => future,
        };
        tokio::spawn(future.in_current_span())
    });
    let running = Running {
        heartbeat_interval: heartbeat::interval(
            served.heartbeat_timeout,
            shared.config.max_heartbeat_interval,
            shared.config.fallback_heartbeat_interval,
        ),
        shared: Arc::clone(shared),
        pending,
        context: handle,
        activity,
        slot,
    };
    tokio::spawn(running.run().instrument(span));
}

/// The activity's future for `input`.
fn invoke(
    shared: &Shared,
    registration: &'static ActivityRegistration,
    context: ActivityContext,
    input: Option<String>,
) -> BoxFuture<Outcome> {
    // The adapter runs on the poller's task: a panic there (generated adapters have none;
    // a hand-written registration might) must fail this task, not end the poller.
    catch_unwind(AssertUnwindSafe(|| {
        registration.run(context, input, &shared.encoding)
    }))
    .unwrap_or_else(|payload| {
        adapter::ready(adapter::panicked(
            registration.converter(shared.config.converter.as_converter()),
            &*payload,
        ))
    })
}

/// The activity's future for an input that is a payload marker: the stored value is fetched
/// first, and a marker that cannot be resolved fails the task.
fn fetched(
    shared: &Arc<Shared>,
    registration: &'static ActivityRegistration,
    context: ActivityContext,
    marker: String,
) -> BoxFuture<Outcome> {
    let shared = Arc::clone(shared);
    Box::pin(async move {
        let converter = registration.converter(shared.config.converter.as_converter());
        match marked_input(shared.config.offload.as_ref(), marker, converter).await {
            Ok(input) => invoke(&shared, registration, context, Some(input)).await,
            Err(outcome) => {
                tracing::warn!("the input's payload marker could not be resolved");
                outcome
            }
        }
    })
}

/// The activity's future, followed by the storing of a result or details too long to send:
/// on the activity's task, so that the shutdown deadline holds while the store answers (a
/// task cut short there is answered as aborted, and its marker never sent). Workers without
/// offloading do not wrap the future, so their waiting tasks keep no more than before.
fn stored(
    shared: &Arc<Shared>,
    registration: &'static ActivityRegistration,
    activity: BoxFuture<Outcome>,
) -> BoxFuture<Outcome> {
    let shared = Arc::clone(shared);
    Box::pin(async move {
        let outcome = activity.await;
        match &shared.config.offload {
            Some(offload) => {
                let converter = registration.converter(shared.config.converter.as_converter());
                offload.settle(outcome, converter).await
            }
            None => outcome,
        }
    })
}

/// Answers a task that will not run with `outcome`, on a task of its own; `slot` is released
/// once SWF has the answer.
fn answer_at_once(
    shared: &Arc<Shared>,
    token: TaskToken,
    outcome: Outcome,
    slot: OwnedSemaphorePermit,
    span: tracing::Span,
    metrics: Arc<TypeMetrics>,
) {
    let shared = Arc::clone(shared);
    tokio::spawn(
        async move {
            let config = &shared.config;
            let answer = answer(outcome, false, &metrics, Duration::ZERO);
            let deadline = shared.respond_deadline();
            respond(
                &config.client,
                &config.domain,
                &token,
                answer,
                deadline,
                &shared.answers,
            )
            .await;
            shared.release(slot);
        }
        .instrument(span),
    );
}

/// The answer for `outcome`, counted in `metrics` with the task's run time `ran`.
fn answer(
    outcome: Outcome,
    cancel_requested: bool,
    metrics: &TypeMetrics,
    ran: Duration,
) -> Answer {
    let kind = match &outcome {
        Outcome::Failed { framework, .. } => Some(*framework),
        Outcome::Completed { .. } => None,
    };
    let answer = Answer::new(outcome, cancel_requested);
    match &answer {
        Answer::Completed { .. } => metrics.ended(TaskOutcome::Completed, None, ran),
        Answer::Canceled { .. } => metrics.ended(TaskOutcome::Canceled, None, ran),
        Answer::Failed { reason, details } => {
            metrics.ended(TaskOutcome::Failed, kind, ran);
            if reason.ends_with(TRUNCATION_MARK) {
                metrics.truncated(Field::Reason);
            }
            // The envelope of `truncate_json`, which every converter uses to cut details.
            if details.contains(crate::failure::ENVELOPE_MEMBER) {
                metrics.truncated(Field::Details);
            }
        }
    }
    answer
}

/// What a task that runs keeps while its activity runs.
struct Running {
    shared: Arc<Shared>,
    pending: Arc<Pending>,
    /// The activity's context, to cancel it; it holds the task token.
    context: ActivityContext,
    heartbeat_interval: Duration,
    activity: JoinHandle<Outcome>,
    /// The execution slot, released once SWF has the answer.
    slot: OwnedSemaphorePermit,
}

impl Running {
    /// Waits for the activity (sending its heartbeats meanwhile) or the shutdown deadline, then
    /// answers SWF.
    ///
    /// Takes `self` whole and uses its fields in place, in an `async` block rather than an
    /// `async fn`: an `async fn` keeps a second copy of its arguments, and a worker may hold
    /// thousands of waiting tasks.
    #[expect(
        clippy::manual_async_fn,
        reason = "an `async fn` keeps a second copy of its arguments in its future"
    )]
    fn run(mut self) -> impl Future<Output = ()> + Send {
        async move {
            let signals = Signals::default();
            let outcome = {
                // Dropped at the end of this block: no heartbeat is sent once the activity has ended.
                let context = &self.context;
                let heartbeats = heartbeat::send_loop(
                    &self.shared,
                    context.token(),
                    &self.pending,
                    &signals,
                    &self.heartbeat_interval,
                    |reason| context.cancel(reason),
                );
                tokio::pin!(heartbeats);
                tokio::select! {
                    joined = &mut self.activity => match joined {
                        Ok(outcome) => outcome,
                        // The adapter catches panics; this is for one that escaped it.
                        Err(e) if e.is_panic() => adapter::panicked(
                            self.shared.converter_of(self.context.activity_type()),
                            &*e.into_panic(),
                        ),
                        Err(_) => self
                            .shared
                            .converter_of(self.context.activity_type())
                            .framework_failure(FailureKind::Aborted, "the task was cancelled"),
                    },
                    () = self.shared.deadline.wait() => {
                        // Cancelled first: a sync activity is not stopped by `abort`, and
                        // should learn that its result is no longer waited for.
                        self.context.cancel(Cancellation::Aborted);
                        self.activity.abort();
                        tracing::warn!("shutdown deadline passed before the activity finished");
                        self.shared
                            .converter_of(self.context.activity_type())
                            .framework_failure(FailureKind::Aborted, SHUTDOWN_MESSAGE)
                    }
                    never = &mut heartbeats => match never {},
                }
            };

            let unanswered = if self.context.is_handed_off() {
                // Someone else answers it (`ActivityContext::complete_manually`).
                tracing::info!("task handed off for manual completion; not answering");
                Some(TaskOutcome::HandedOff)
            } else if signals.task_gone.load(Ordering::SeqCst) {
                // SWF said so in a heartbeat's answer: any answer would get
                // `UnknownResourceFault`.
                tracing::info!(
                    completed = outcome.is_completed(),
                    "task ended after SWF stopped knowing it; not answering"
                );
                Some(TaskOutcome::NotAnswered)
            } else {
                None
            };
            if let Some(unanswered) = unanswered {
                self.pending.metrics.ended(
                    unanswered,
                    None,
                    crate::metrics::since(self.pending.arrived),
                );
                self.shared.release(self.slot);
                return;
            }
            let answer = answer(
                outcome,
                signals.cancel_requested.load(Ordering::SeqCst),
                &self.pending.metrics,
                crate::metrics::since(self.pending.arrived),
            );
            match &answer {
                Answer::Completed { .. } => tracing::info!("task completed"),
                Answer::Failed { reason, .. } => tracing::info!(reason = %reason, "task failed"),
                Answer::Canceled { .. } => tracing::info!("task canceled"),
            }
            // Boxed: answering is a large future (request, signing, HTTP), and a task that waits
            // for its activity should not reserve room for it.
            let config = &self.shared.config;
            let responded = respond(
                &config.client,
                &config.domain,
                self.context.token(),
                answer,
                self.shared.respond_deadline(),
                &self.shared.answers,
            );
            Box::pin(responded).await;
            // Named, so that the block owns it: a block captures only the fields it uses.
            self.shared.release(self.slot);
        }
    }
}

/// How this worker serves `activity_type`, if it does.
fn served<'a>(shared: &'a Shared, activity_type: &ActivityType) -> Option<&'a Served> {
    let key = (activity_type.name.clone(), activity_type.version.clone());
    shared.served.get(&key)
}
