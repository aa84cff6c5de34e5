//! Answering SWF about a task, retrying what is worth retrying.

use std::time::{Duration, Instant};

use swf_activity_rules::REASON_MAX;

use crate::Client;
use crate::credentials;
use crate::error::{Error, ErrorKind, FaultCode};
use crate::failure::truncate;
use crate::metrics::{AnswerMetrics, RespondMetrics, RespondResult};
use crate::model::{
    RespondActivityTaskCanceled, RespondActivityTaskCompleted, RespondActivityTaskFailed, TaskToken,
};
use crate::worker::answer::Answer;
use crate::worker::backoff::Backoff;

/// How an answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// SWF took it.
    Delivered,
    /// SWF no longer knows the task, after an earlier attempt that may have reached SWF: that
    /// attempt most likely delivered the answer and closed the task.
    ProbablyDelivered,
    /// SWF no longer knows the task (it timed out or was closed).
    TaskGone,
    /// It could not be delivered; the task will time out on SWF's side.
    Lost,
}

/// Sends `answer` for the task `token` of `domain`. Transient failures (throttling, 5xx,
/// connection errors) and credentials that could not be loaded (a refresh that failed for a
/// moment must not cost a finished task its answer) are retried with backoff until `deadline`;
/// `UnknownResourceFault` is final. The client's own attempts share the same deadline: one
/// bound on the whole answer, not the product of the client's attempts and the worker's. A
/// result SWF refuses (`ValidationException`, or the client's own length checks) turns into a
/// failure with a reason that says so, because the decider must hear about it.
///
/// Counted in `metrics` under the operation of the answer finally sent.
pub(crate) async fn respond(
    client: &Client,
    domain: &str,
    token: &TaskToken,
    answer: Answer,
    deadline: Instant,
    metrics: &AnswerMetrics,
) -> Delivery {
    let started = Instant::now();
    let (operation, delivery) = deliver(client, domain, token, answer, deadline, metrics).await;
    let result = match delivery {
        Delivery::Delivered => RespondResult::Delivered,
        Delivery::ProbablyDelivered => RespondResult::ProbablyDelivered,
        Delivery::TaskGone => RespondResult::TaskAlreadyClosed,
        Delivery::Lost => RespondResult::Lost,
    };
    of(metrics, operation).ended(result, started.elapsed());
    delivery
}

/// The metrics of `operation`'s answers.
fn of<'a>(metrics: &'a AnswerMetrics, operation: &str) -> &'a RespondMetrics {
    match operation {
        "RespondActivityTaskCompleted" => &metrics.completed,
        "RespondActivityTaskCanceled" => &metrics.canceled,
        _ => &metrics.failed,
    }
}

/// [`respond`]'s work: how it ended, and the operation last sent.
async fn deliver(
    client: &Client,
    domain: &str,
    token: &TaskToken,
    answer: Answer,
    deadline: Instant,
    metrics: &AnswerMetrics,
) -> (&'static str, Delivery) {
    let mut backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(10));
    let mut answer = answer;
    // Whether an attempt so far may have reached SWF without us hearing its answer: then an
    // `UnknownResourceFault` most likely means that attempt closed the task.
    let mut maybe_delivered = false;
    loop {
        // The request names a task token only; a denial's hint should name the domain.
        let result = send(client, token, &answer, deadline)
            .await
            .map_err(|e| e.with_domain_hint(domain));
        let error = match result {
            Ok(()) => {
                tracing::debug!(operation = answer.operation(), "answered task");
                return (answer.operation(), Delivery::Delivered);
            }
            Err(error) => error,
        };
        // The client's own retries count too.
        maybe_delivered |= error.earlier_attempt_maybe_delivered();
        if error.is_fault(FaultCode::UnknownResource) && maybe_delivered {
            tracing::info!(
                operation = answer.operation(),
                "SWF no longer knows the task after an attempt whose answer was lost: \
                 that attempt was probably delivered"
            );
            return (answer.operation(), Delivery::ProbablyDelivered);
        }
        if error.is_fault(FaultCode::UnknownResource) {
            tracing::warn!(
                operation = answer.operation(),
                error = %error,
                "SWF no longer knows the task (it timed out, or was closed or canceled); \
                 the answer is dropped"
            );
            return (answer.operation(), Delivery::TaskGone);
        }
        // A failure whose details SWF refuses (a data converter that ignored a limit) is
        // answered again with its reason and without them; one without details has nothing
        // left to drop.
        let droppable = !matches!(&answer, Answer::Failed { details, .. } if details.is_empty());
        if matches!(error.kind(), ErrorKind::Validation { .. }) && droppable {
            tracing::error!(
                operation = answer.operation(),
                error = %error,
                "SWF refuses the answer; failing the task instead"
            );
            let reason = match &answer {
                Answer::Failed { reason, .. } => reason.clone(),
                Answer::Completed { .. } => {
                    format!("SWF rejected the activity's result: {}", error.message())
                }
                Answer::Canceled { .. } => format!(
                    "SWF rejected the activity's cancellation details: {}",
                    error.message()
                ),
            };
            answer = Answer::Failed {
                reason: truncate(&reason, REASON_MAX).into_owned(),
                details: String::new(),
            };
            continue;
        }
        maybe_delivered |= matches!(error.kind(), ErrorKind::Transport { maybe_sent: true });
        // Keys that could not be loaded, or that SWF no longer takes even after the client read
        // them again, are often a rotation in progress: worth the wait, for a finished task.
        let worth_retrying = error.is_retryable()
            || matches!(error.kind(), ErrorKind::Credentials)
            || credentials::is_rejected_keys_error(&error);
        let delay = backoff.next_delay();
        if worth_retrying && Instant::now() + delay < deadline {
            of(metrics, answer.operation()).retries.increment(1);
            tracing::warn!(
                operation = answer.operation(),
                error = %error,
                retry_in_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                "answering SWF failed; retrying"
            );
            tokio::time::sleep(delay).await;
            continue;
        }
        tracing::error!(
            operation = answer.operation(),
            error = %error,
            "could not answer SWF; the task will time out there"
        );
        return (answer.operation(), Delivery::Lost);
    }
}

/// One call, the client's retries included, ending by `deadline`.
async fn send(
    client: &Client,
    token: &TaskToken,
    answer: &Answer,
    deadline: Instant,
) -> Result<(), Error> {
    let budget = deadline.saturating_duration_since(Instant::now());
    match answer {
        Answer::Completed { result } => {
            let mut request = RespondActivityTaskCompleted::new(token);
            if let Some(result) = result {
                request = request.result(result.clone());
            }
            client.send_within(&request, budget).await
        }
        Answer::Failed { reason, details } => {
            let mut request = RespondActivityTaskFailed::new(token).reason(reason.clone());
            if !details.is_empty() {
                request = request.details(details.clone());
            }
            client.send_within(&request, budget).await
        }
        Answer::Canceled { details } => {
            let mut request = RespondActivityTaskCanceled::new(token);
            if let Some(details) = details {
                request = request.details(details.clone());
            }
            client.send_within(&request, budget).await
        }
    }
}
