//! What an activity knows about the task it runs: identity, heartbeats, cancellation, and
//! whether the worker is shutting down.

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use swf_activity_rules::LIMITED_DATA_MAX;

use crate::failure::truncate_json;
use crate::latch::Latch;
use crate::model::{ActivityType, TaskToken, WorkflowExecution};

/// The task an activity runs: its identity, heartbeats and cancellation.
///
/// Cheap to clone (an `Arc` inside), `Send` and `Sync`: hand clones to spawned tasks and
/// threads; they all see the same task and the same cancellation.
///
/// `Debug` shows the task's identity, never its task token.
#[derive(Clone)]
pub struct ActivityContext {
    inner: Arc<Inner>,
}

struct Inner {
    identity: TaskIdentity,
    heartbeat: Option<Arc<dyn HeartbeatSink>>,
    cancelled: Latch,
    /// Why, once cancelled; the first reason wins.
    cancellation: OnceLock<Cancellation>,
    /// The worker's shutdown, shared by every task (`None`: not run by a worker).
    shutdown: Option<Arc<Latch>>,
    /// Set by [`ActivityContext::complete_manually`]: the worker sends no answer.
    handed_off: AtomicBool,
}

/// Why an [`ActivityContext`] was cancelled; see [`ActivityContext::cancellation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cancellation {
    /// The decider asked to cancel the task (`RequestCancelActivityTask`), and SWF said so in a
    /// heartbeat's answer. Returning `Err` now answers `RespondActivityTaskCanceled`; returning
    /// `Ok` still completes the task.
    Requested,
    /// SWF no longer knows the task: it timed out (e.g. missed heartbeats) or its workflow
    /// closed. Nothing the activity returns will be accepted, and the worker sends nothing.
    TaskGone,
    /// The worker's shutdown deadline passed before the activity finished: the worker has
    /// answered the task as failed (or canceled, after a cancel request) and stopped waiting
    /// for it. An async activity is dropped at its next `.await`; a sync one runs on until it
    /// returns, so it should check [`ActivityContext::is_cancelled`] and stop.
    Aborted,
}

/// Who a task is, as SWF handed it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaskIdentity {
    pub(crate) activity_id: String,
    pub(crate) workflow_execution: WorkflowExecution,
    pub(crate) activity_type: ActivityType,
    pub(crate) started_event_id: i64,
    /// Kept here rather than beside the context in the worker: one copy per task.
    pub(crate) token: TaskToken,
}

/// Where [`ActivityContext::heartbeat`] puts the latest details; the worker sends them to SWF,
/// coalesced and throttled below the heartbeat timeout.
pub(crate) trait HeartbeatSink: Send + Sync + 'static {
    /// Records a heartbeat with these details, already serialized and within SWF's 2048 limit
    /// (`None`: a heartbeat without details). Called from the activity's own code, so it must
    /// return at once: no I/O, no waiting for a lock held across I/O.
    fn record(&self, details: Option<String>);

    /// Says that details about to be recorded were cut to fit SWF's limit.
    fn cut(&self) {}
}

impl ActivityContext {
    /// A context for a task; `heartbeat` receives its heartbeats (`None`: they go nowhere),
    /// `shutdown` is the worker's (`None`: it never shuts down).
    pub(crate) fn new(
        identity: TaskIdentity,
        heartbeat: Option<Arc<dyn HeartbeatSink>>,
        shutdown: Option<Arc<Latch>>,
    ) -> ActivityContext {
        ActivityContext {
            inner: Arc::new(Inner {
                identity,
                heartbeat,
                cancelled: Latch::default(),
                cancellation: OnceLock::new(),
                shutdown,
                handed_off: AtomicBool::new(false),
            }),
        }
    }

    /// A context that belongs to no task: heartbeats go nowhere and it is never cancelled.
    /// For tests of generated code. Its identity is empty: ids and names are `""` and the
    /// started event id is 0.
    #[doc(hidden)]
    pub fn detached() -> ActivityContext {
        ActivityContext::new(
            TaskIdentity {
                activity_id: String::new(),
                workflow_execution: WorkflowExecution::new("", ""),
                activity_type: ActivityType::new("", ""),
                started_event_id: 0,
                token: TaskToken::new(""),
            },
            None,
            None,
        )
    }

    /// The activity id the decider scheduled the task with; unique within its workflow
    /// execution.
    pub fn activity_id(&self) -> &str {
        &self.inner.identity.activity_id
    }

    /// The workflow execution (workflow id and run id) that scheduled the task.
    pub fn workflow_execution(&self) -> &WorkflowExecution {
        &self.inner.identity.workflow_execution
    }

    /// The task's activity type (name and version).
    pub fn activity_type(&self) -> &ActivityType {
        &self.inner.identity.activity_type
    }

    /// The id of the `ActivityTaskStarted` event SWF recorded when it handed out the task.
    pub fn started_event_id(&self) -> i64 {
        self.inner.identity.started_event_id
    }

    /// Tells SWF the activity is still alive, with `details` (its JSON) as progress for the
    /// decider to read. Returns at once: the worker sends the latest details in the background,
    /// coalescing calls that come faster than it needs to heartbeat.
    ///
    /// Details that serialize to JSON `null` (e.g. `()`) send a heartbeat without details.
    /// JSON longer than SWF's 2048 limit is replaced by the envelope of
    /// [`truncate_json`]. Details that fail to serialize are
    /// logged and the heartbeat is sent without details: being alive matters more.
    ///
    /// A heartbeat is how the worker learns that SWF wants the task cancelled: watch
    /// [`is_cancelled`](Self::is_cancelled) or [`cancelled`](Self::cancelled) afterwards.
    pub fn heartbeat(&self, details: impl Serialize) {
        let Some(sink) = &self.inner.heartbeat else {
            return;
        };
        let details = match heartbeat_details(&details) {
            Ok(HeartbeatDetails { json, cut }) => {
                if cut {
                    sink.cut();
                }
                json
            }
            Err(err) => {
                tracing::warn!(
                    activity_id = %self.activity_id(),
                    error = %err,
                    "heartbeat details could not be serialized; heartbeating without details"
                );
                None
            }
        };
        sink.record(details);
    }

    /// Whether the task has been cancelled: SWF asked for it, SWF no longer knows the task, or
    /// the worker's shutdown deadline passed; [`cancellation`](Self::cancellation) says which.
    /// A long-running activity should check it (or await [`cancelled`](Self::cancelled)) and
    /// stop.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.is_set()
    }

    /// Why the task was cancelled, or `None` while it is not.
    pub fn cancellation(&self) -> Option<Cancellation> {
        self.inner.cancellation.get().copied()
    }

    /// Completes when the task is cancelled (at once if it already is); see
    /// [`is_cancelled`](Self::is_cancelled). The future owns a handle to the context, so it can
    /// be moved into `tokio::select!` or a spawned task.
    pub fn cancelled(&self) -> impl Future<Output = ()> + Send + 'static {
        let inner = Arc::clone(&self.inner);
        async move { inner.cancelled.wait().await }
    }

    /// Whether the worker running the task has begun to shut down. The task is not cancelled
    /// yet: it may finish, and what it returns is answered as usual, until the shutdown
    /// deadline cancels it ([`Cancellation::Aborted`]). An activity that can stop early and be
    /// retried elsewhere (return an `Err` the decider retries, or checkpoint in a heartbeat)
    /// should do so now. Always `false` outside a worker.
    pub fn is_shutting_down(&self) -> bool {
        self.inner.shutdown.as_ref().is_some_and(|s| s.is_set())
    }

    /// Completes when the worker running the task begins to shut down (at once if it has); see
    /// [`is_shutting_down`](Self::is_shutting_down). Never completes outside a worker.
    pub fn shutting_down(&self) -> impl Future<Output = ()> + Send + 'static {
        let shutdown = self.inner.shutdown.clone();
        async move {
            match shutdown {
                Some(shutdown) => shutdown.wait().await,
                None => std::future::pending().await,
            }
        }
    }

    /// Hands the task to something else to answer, and returns its token: once the activity
    /// returns, the worker sends SWF nothing for the task, whatever the activity returned.
    /// Another process (a human approval, a callback from a third party) then answers it with a
    /// [`Completer`](crate::handle::Completer) built from the token and a
    /// [`Client`](crate::Client), before the task's timeouts run out; it can also heartbeat it.
    ///
    /// The execution slot is yours to choose: return at once and the slot is free for the next
    /// task while the task waits for its completer (the usual case: a worker can hand off many
    /// more tasks than it has slots); or keep the activity running (waiting for the
    /// completer's signal, heartbeating through this context) and the slot stays taken, so
    /// that the worker never takes on more handed-off tasks than it can track.
    ///
    /// Whoever holds the token can answer the task; the worker never logs it.
    pub fn complete_manually(&self) -> TaskToken {
        self.inner.handed_off.store(true, Ordering::SeqCst);
        self.inner.identity.token.clone()
    }

    /// Whether [`complete_manually`](Self::complete_manually) was called.
    pub fn is_handed_off(&self) -> bool {
        self.inner.handed_off.load(Ordering::SeqCst)
    }

    /// The task's token, for the worker's heartbeats and answer.
    pub(crate) fn token(&self) -> &TaskToken {
        &self.inner.identity.token
    }

    /// Cancels the task for `reason`: [`is_cancelled`](Self::is_cancelled) turns true and every
    /// [`cancelled`](Self::cancelled) future completes. Idempotent; the first reason stays.
    pub(crate) fn cancel(&self, reason: Cancellation) {
        let _ = self.inner.cancellation.set(reason);
        self.inner.cancelled.set();
    }
}

/// Heartbeat details as SWF gets them, from the worker or a completer.
pub(crate) struct HeartbeatDetails {
    /// The JSON, cut to SWF's 2048 with the envelope of [`truncate_json`]; `None` for details
    /// that serialize to `null` (a heartbeat without details).
    pub(crate) json: Option<String>,
    /// Whether the JSON was cut.
    pub(crate) cut: bool,
}

/// `details` serialized for a heartbeat.
pub(crate) fn heartbeat_details(
    details: &impl Serialize,
) -> Result<HeartbeatDetails, serde_json::Error> {
    let json = serde_json::to_string(details)?;
    if json == "null" {
        return Ok(HeartbeatDetails {
            json: None,
            cut: false,
        });
    }
    Ok(match truncate_json(&json, LIMITED_DATA_MAX) {
        std::borrow::Cow::Owned(cut) => HeartbeatDetails {
            json: Some(cut),
            cut: true,
        },
        std::borrow::Cow::Borrowed(_) => HeartbeatDetails {
            json: Some(json),
            cut: false,
        },
    })
}

impl fmt::Debug for ActivityContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = &self.inner.identity;
        f.debug_struct("ActivityContext")
            .field("activity_id", &id.activity_id)
            .field("workflow_execution", &id.workflow_execution)
            .field("activity_type", &id.activity_type)
            .field("started_event_id", &id.started_event_id)
            .field("cancelled", &self.cancellation())
            .field("shutting_down", &self.is_shutting_down())
            .field("handed_off", &self.is_handed_off())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<Option<String>>>);

    impl HeartbeatSink for Recorder {
        fn record(&self, details: Option<String>) {
            self.0.lock().expect("not poisoned").push(details);
        }
    }

    fn context(sink: Option<Arc<dyn HeartbeatSink>>) -> ActivityContext {
        ActivityContext::new(
            TaskIdentity {
                activity_id: "act-1".to_owned(),
                workflow_execution: WorkflowExecution::new("wf-1", "run-1"),
                activity_type: ActivityType::new("ChargeCard", "1"),
                started_event_id: 7,
                token: TaskToken::new("token-1"),
            },
            sink,
            None,
        )
    }

    #[test]
    fn is_clone_send_sync() {
        fn check<T: Clone + Send + Sync + 'static>() {}
        check::<ActivityContext>();
    }

    #[test]
    fn identity_and_debug() {
        let ctx = context(None);
        assert_eq!(ctx.activity_id(), "act-1");
        assert_eq!(ctx.workflow_execution().run_id, "run-1");
        assert_eq!(ctx.activity_type().name, "ChargeCard");
        assert_eq!(ctx.started_event_id(), 7);
        let debug = format!("{ctx:?}");
        assert!(
            debug.contains("act-1") && debug.contains("cancelled: None"),
            "{debug}"
        );
        assert_eq!(ActivityContext::detached().activity_id(), "");
    }

    #[test]
    fn heartbeats_are_serialized_and_cut() {
        let recorder = Arc::new(Recorder::default());
        let ctx = context(Some(recorder.clone()));
        ctx.heartbeat(serde_json::json!({"done": 3}));
        ctx.heartbeat(());
        ctx.heartbeat("x".repeat(5000));
        let mut map = std::collections::HashMap::new();
        map.insert(vec![1u8], 1u8); // non-string keys: does not serialize to JSON
        ctx.heartbeat(&map);
        let recorded = recorder.0.lock().expect("not poisoned").clone();
        assert_eq!(recorded[0].as_deref(), Some(r#"{"done":3}"#));
        assert_eq!(recorded[1], None);
        let cut = recorded[2].as_deref().expect("details");
        assert!(rules_len(cut) <= LIMITED_DATA_MAX);
        assert!(
            cut.starts_with(
                r#"{"$swf_activity":"truncated","original_length":5002,"prefix":"\"xxx"#
            )
        );
        assert_eq!(recorded[3], None);
        ActivityContext::detached().heartbeat(1);
    }

    fn rules_len(s: &str) -> usize {
        swf_activity_rules::swf_len(s)
    }

    #[tokio::test]
    async fn cancellation_wakes_waiters() {
        let ctx = context(None);
        assert!(!ctx.is_cancelled());
        let waiter = tokio::spawn(ctx.cancelled());
        let clone = ctx.clone();
        tokio::task::yield_now().await;
        clone.cancel(Cancellation::TaskGone);
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("woken")
            .expect("no panic");
        assert!(ctx.is_cancelled());
        // Already cancelled: completes at once; cancelling again keeps the first reason.
        ctx.cancel(Cancellation::Requested);
        ctx.cancelled().await;
        assert_eq!(ctx.cancellation(), Some(Cancellation::TaskGone));
        assert!(format!("{ctx:?}").contains("cancelled: Some(TaskGone)"));
    }

    #[tokio::test]
    async fn shutting_down_is_the_workers() {
        let shutdown = Arc::new(Latch::default());
        let ctx = ActivityContext::new(
            context(None).inner.identity.clone(),
            None,
            Some(Arc::clone(&shutdown)),
        );
        assert!(!ctx.is_shutting_down());
        let waiter = tokio::spawn(ctx.shutting_down());
        tokio::task::yield_now().await;
        shutdown.set();
        tokio::time::timeout(Duration::from_secs(5), waiter)
            .await
            .expect("woken")
            .expect("no panic");
        assert!(ctx.is_shutting_down() && !ctx.is_cancelled());
        // Outside a worker: never shutting down.
        let detached = ActivityContext::detached();
        assert!(!detached.is_shutting_down());
        let never = tokio::time::timeout(Duration::from_millis(20), detached.shutting_down()).await;
        assert!(never.is_err());
    }
}
