//! A task's heartbeats: coalesced (the latest details win) and sent at most once per interval,
//! so an activity may call `heartbeat` in a tight loop without getting throttled by SWF.

use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use swf_activity_rules::LIMITED_DATA_MAX;
use tokio::sync::Notify;

use crate::context::{Cancellation, HeartbeatSink};
use crate::credentials;
use crate::error::{Error, ErrorKind, FaultCode};
use crate::failure::truncate_json;
use crate::metrics::{self, Field, HeartbeatResult, TypeMetrics};
use crate::model::{RecordActivityTaskHeartbeat, TaskToken};
use crate::worker::run::Shared;

/// After this many heartbeats in a row that SWF refused for a reason that will not go away
/// (access denied, validation), a task sends no more: resending would only spend the account's
/// request budget.
pub(crate) const MAX_REFUSED_HEARTBEATS: u8 = 3;

/// The shortest time one heartbeat call may take before it is given up: short intervals are
/// for tests and per-task timeouts of a few seconds, and a call to SWF needs some room.
const MIN_HEARTBEAT_CALL: Duration = Duration::from_secs(1);

/// The heartbeats an activity asked for and the worker has not sent yet, and what else the
/// task's two sides share: kept here, on the heap, rather than in the waiting task's state,
/// which a worker holds thousands of.
#[derive(Debug)]
pub(crate) struct Pending {
    /// `Some(details)` when a heartbeat is wanted; only the latest details are kept.
    latest: Mutex<Option<Option<String>>>,
    wanted: Notify,
    /// Heartbeats in a row that SWF refused for good.
    refused: AtomicU8,
    /// The task's type's metrics.
    pub(crate) metrics: Arc<TypeMetrics>,
    /// When the task arrived, for its run time ([`metrics::stamp`]: 8 bytes rather than an
    /// `Instant`'s 16, which would grow this allocation a size class).
    pub(crate) arrived: u64,
}

impl HeartbeatSink for Pending {
    /// Asks for a heartbeat with `details`; replaces details not sent yet. Never blocks.
    fn record(&self, details: Option<String>) {
        let replaced = self
            .latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(details)
            .is_some();
        if replaced {
            self.metrics.coalesced();
        }
        self.wanted.notify_one();
    }

    fn cut(&self) {
        self.metrics.truncated(Field::HeartbeatDetails);
    }
}

impl Pending {
    pub(crate) fn new(metrics: Arc<TypeMetrics>) -> Pending {
        Pending {
            latest: Mutex::new(None),
            wanted: Notify::new(),
            refused: AtomicU8::new(0),
            metrics,
            arrived: metrics::stamp(),
        }
    }

    fn take(&self) -> Option<Option<String>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn put_back(&self, details: Option<String>) {
        let mut latest = self.latest.lock().unwrap_or_else(PoisonError::into_inner);
        if latest.is_none() {
            *latest = Some(details);
        }
    }
}

/// What the heartbeat answers told the worker.
#[derive(Debug, Default)]
pub(crate) struct Signals {
    /// SWF answered `cancelRequested: true`.
    pub(crate) cancel_requested: AtomicBool,
    /// SWF answered `UnknownResourceFault`: the task timed out or was closed.
    pub(crate) task_gone: AtomicBool,
}

/// The spacing of a task's heartbeats: a third of the heartbeat timeout, so one lost heartbeat
/// does not time the task out, never more than `max`; `unknown` when the timeout is `NONE` or
/// unknown (a decider may still schedule the task with a heartbeat timeout of its own, which
/// SWF's poll answer does not show).
pub(crate) fn interval(
    heartbeat_timeout: Option<Duration>,
    max: Duration,
    unknown: Duration,
) -> Duration {
    match heartbeat_timeout {
        Some(timeout) if !timeout.is_zero() => (timeout / 3).min(max),
        _ => unknown,
    }
}

/// Sends the pending heartbeats of one task of `config.domain`; never completes (the caller drops it
/// when the task ends). `on_cancel` runs once when SWF asks to cancel the task or no longer
/// knows it.
///
/// Polled inside the task's own future rather than spawned: most tasks never heartbeat, and a
/// task that does spends nearly all its time waiting, so the waiting state is kept small and the
/// request (a large future) is boxed only while it is in flight.
///
/// A heartbeat that fails for any other reason (throttling, a network error) is logged and its
/// details are sent with the next one; it never fails the task.
///
/// An `async` block rather than an `async fn`, which would keep a second copy of its arguments.
#[expect(
    clippy::manual_async_fn,
    reason = "an `async fn` keeps a second copy of its arguments in its future"
)]
pub(crate) fn send_loop<'a>(
    shared: &'a Shared,
    token: &'a TaskToken,
    pending: &'a Pending,
    signals: &'a Signals,
    interval: &'a Duration,
    on_cancel: impl Fn(Cancellation) + Send + Sync + 'a,
) -> impl Future<Output = Infallible> + Send + 'a {
    async move {
        loop {
            let details = loop {
                // `notify_one` stores a permit, so a heartbeat recorded before this wait is not lost.
                if let Some(details) = pending.take() {
                    break details;
                }
                pending.wanted.notified().await;
            };
            let beat = send_one(
                shared, token, pending, signals, details, interval, &on_cancel,
            );
            if Box::pin(beat).await == Beat::Stop {
                return std::future::pending().await;
            }
            Box::pin(tokio::time::sleep(*interval)).await;
        }
    }
}

/// How one heartbeat went, as far as the loop cares.
#[derive(Debug, PartialEq, Eq)]
enum Beat {
    Sent,
    /// No more heartbeats: SWF no longer knows the task, or refuses them for good.
    Stop,
}

async fn send_one(
    shared: &Shared,
    token: &TaskToken,
    pending: &Pending,
    signals: &Signals,
    details: Option<String>,
    interval: &Duration,
    on_cancel: &(impl Fn(Cancellation) + Send + Sync),
) -> Beat {
    let config = &shared.config;
    let mut request = RecordActivityTaskHeartbeat::new(token);
    if let Some(details) = &details {
        request = request.details(truncate_json(details, LIMITED_DATA_MAX).into_owned());
    }
    if let Some(limiter) = &shared.heartbeat_rate {
        limiter.acquire().await;
    }
    // One call, retries included, takes about one interval at most: a heartbeat that arrives
    // later than the next one would have is worth nothing, and a slow one must not hold up the
    // details recorded meanwhile.
    let budget = (*interval).max(MIN_HEARTBEAT_CALL);
    let sent = config
        .client
        .record_activity_task_heartbeat_within(&request, budget)
        .await
        // The request names a task token only; a denial's hint should name the domain.
        .map_err(|e| e.with_domain_hint(&config.domain));
    let cancelled = signals.cancel_requested.load(Ordering::SeqCst);
    match sent {
        Ok(status) => {
            pending.refused.store(0, Ordering::Relaxed);
            pending.metrics.heartbeat(HeartbeatResult::Sent);
            tracing::trace!(cancel_requested = status.cancel_requested, "heartbeat sent");
            if status.cancel_requested && !cancelled {
                pending.metrics.cancel_requested();
                tracing::info!("SWF asked to cancel the task");
                signals.cancel_requested.store(true, Ordering::SeqCst);
                on_cancel(Cancellation::Requested);
            }
            Beat::Sent
        }
        Err(e) if e.is_fault(FaultCode::UnknownResource) => {
            pending.metrics.heartbeat(HeartbeatResult::TaskGone);
            tracing::warn!(
                error = %e,
                "SWF no longer knows the task (it timed out or was closed); cancelling it, \
                 and it will not be answered"
            );
            signals.task_gone.store(true, Ordering::SeqCst);
            on_cancel(Cancellation::TaskGone);
            Beat::Stop
        }
        Err(e) if refused_for_good(&e) => {
            pending.metrics.heartbeat(HeartbeatResult::Refused);
            let refused = pending.refused.fetch_add(1, Ordering::Relaxed) + 1;
            let stop = refused >= MAX_REFUSED_HEARTBEATS;
            let next = if stop {
                "this task sends no more heartbeats (its heartbeat timeout, if any, will expire)"
            } else {
                "sending it again later"
            };
            // Every task of the worker would say the same: once a minute is enough.
            match shared.refused_heartbeat_log.admit() {
                Some(held_back) => tracing::error!(
                    error = %e,
                    refused_in_a_row = refused,
                    similar_since_last_report = held_back,
                    "SWF refused a heartbeat; {next}"
                ),
                None => {
                    tracing::debug!(error = %e, refused_in_a_row = refused, "SWF refused a heartbeat; {next}")
                }
            }
            if stop {
                return Beat::Stop;
            }
            pending.put_back(details);
            Beat::Sent
        }
        Err(e) => {
            let throttled = matches!(e.kind(), ErrorKind::Throttling { .. });
            pending.metrics.heartbeat(if throttled {
                HeartbeatResult::Throttled
            } else {
                HeartbeatResult::Failed
            });
            let level_is_warn = e.is_retryable()
                || matches!(
                    e.kind(),
                    ErrorKind::Throttling { .. } | ErrorKind::Credentials
                )
                || credentials::is_rejected_keys_error(&e);
            if level_is_warn {
                tracing::warn!(error = %e, "heartbeat failed; sending it again later");
            } else {
                tracing::error!(error = %e, "heartbeat failed; sending it again later");
            }
            pending.put_back(details);
            Beat::Sent
        }
    }
}

/// Whether SWF refused a heartbeat for a reason that resending will not change: a missing
/// permission, or a request it finds invalid. Keys it no longer takes are not such a reason:
/// they are read again, and a rotation ends.
fn refused_for_good(error: &Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::AccessDenied { .. } | ErrorKind::Validation { .. }
    ) && !credentials::is_rejected_keys_error(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_is_a_third_of_the_timeout_capped() {
        let max = Duration::from_secs(10);
        let unknown = Duration::from_secs(1);
        assert_eq!(
            interval(Some(Duration::from_secs(3)), max, unknown),
            Duration::from_secs(1)
        );
        assert_eq!(interval(Some(Duration::from_secs(300)), max, unknown), max);
        // Unknown or NONE: a decider may set a per-task timeout of a few seconds.
        assert_eq!(interval(None, max, unknown), unknown);
        assert_eq!(interval(Some(Duration::ZERO), max, unknown), unknown);
        // Configurable both ways.
        let slow = Duration::from_secs(20);
        assert_eq!(interval(None, max, slow), slow);
        let fast = Duration::from_millis(50);
        assert_eq!(interval(None, max, fast), fast);
    }

    #[test]
    fn latest_details_win() {
        let pending = Pending::new(std::sync::Arc::new(TypeMetrics::new("d", "t", "a", "1")));
        pending.record(Some("1".into()));
        pending.record(Some("2".into()));
        assert_eq!(pending.take(), Some(Some("2".into())));
        assert_eq!(pending.take(), None);
        pending.put_back(Some("old".into()));
        pending.record(Some("new".into()));
        assert_eq!(pending.take(), Some(Some("new".into())));
        pending.record(Some("newer".into()));
        pending.put_back(Some("old".into()));
        assert_eq!(pending.take(), Some(Some("newer".into())));
    }
}
