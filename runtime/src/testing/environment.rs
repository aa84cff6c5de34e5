//! [`ActivityEnvironment`]: run one activity through its generated adapter, without SWF.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::{ActivityContext, Cancellation, HeartbeatSink, TaskIdentity};
use crate::convert::{Converter, DataConverter, DefaultConverter, Encoding};
use crate::error::Error;
use crate::failure::Outcome;
use crate::latch::Latch;
use crate::model::{ActivityType, TaskToken, WorkflowExecution};
use crate::payload::{Marker, Offload, encoding_limit, marked_input};
use crate::registry::{self, ActivityRegistration};
use crate::worker::Answer;

/// Runs one `#[activity]` the way the worker does (input decoding, the function, panics, the
/// encoding of its result or error, heartbeats, cancellation), but in-process and without SWF,
/// and tells what SWF would have been answered.
///
/// ```
/// use swf_activity::testing::ActivityEnvironment;
/// use swf_activity::{ActivityContext, activity};
///
/// #[derive(Debug, thiserror::Error, serde::Serialize)]
/// #[error("too big: {0}")]
/// struct TooBig(u32);
///
/// #[activity(name = "Double", version = "1", heartbeat_timeout = "30s")]
/// async fn double(ctx: ActivityContext, n: u32) -> Result<u32, TooBig> {
///     ctx.heartbeat(n);
///     if n > 100 { Err(TooBig(n)) } else { Ok(n * 2) }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), swf_activity::Error> {
/// let env = ActivityEnvironment::for_type("Double", "1")?;
///
/// let run = env.run(21).await;
/// assert_eq!(run.answer().result(), Some("42"));
/// assert_eq!(run.heartbeats(), ["21"]);
///
/// let run = env.run(500).await;
/// assert_eq!(run.answer().reason(), Some("too big: 500"));
/// assert_eq!(run.answer().details(), Some("500"));
///
/// // SWF asks to cancel in the answer to the first heartbeat: an error is then answered as a
/// // cancellation, while an `Ok` still completes the task (its work was done).
/// let cancelling = env.clone().cancel_on_heartbeat(1);
/// assert!(cancelling.run(500).await.answer().is_canceled());
/// let run = cancelling.run(1).await;
/// assert!(run.cancel_requested());
/// assert_eq!(run.answer().result(), Some("2"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct ActivityEnvironment {
    registration: &'static ActivityRegistration,
    activity_id: String,
    workflow_execution: WorkflowExecution,
    started_event_id: i64,
    cancel_on_heartbeat: Option<usize>,
    cancelled_from_start: bool,
    canceller: Canceller,
    default_converter: DefaultConverter,
    offload: Option<Offload>,
}

impl fmt::Debug for ActivityEnvironment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActivityEnvironment")
            .field("activity_type", &self.registration.descriptor.name)
            .field("version", &self.registration.descriptor.version)
            .field("activity_id", &self.activity_id)
            .field("workflow_execution", &self.workflow_execution)
            .field("cancel_on_heartbeat", &self.cancel_on_heartbeat)
            .field("cancelled_from_start", &self.cancelled_from_start)
            .field("converter", &self.converter().name())
            .field("offload", &self.offload)
            .finish_non_exhaustive()
    }
}

impl ActivityEnvironment {
    /// An environment for `registration` (one `#[activity]`'s entry in the registry, e.g. from
    /// [`registry::find`]), with activity id `activity-1` in workflow `workflow-1`, run `run-1`.
    pub fn new(registration: &'static ActivityRegistration) -> ActivityEnvironment {
        ActivityEnvironment {
            registration,
            activity_id: "activity-1".to_owned(),
            workflow_execution: WorkflowExecution::new("workflow-1", "run-1"),
            started_event_id: 3,
            cancel_on_heartbeat: None,
            cancelled_from_start: false,
            canceller: Canceller::default(),
            default_converter: DefaultConverter::default(),
            offload: None,
        }
    }

    /// An environment for the `#[activity]` in this binary with this name and version.
    ///
    /// Fails with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) when there is
    /// none.
    pub fn for_type(name: &str, version: &str) -> Result<ActivityEnvironment, Error> {
        registry::find(name, version)
            .map(ActivityEnvironment::new)
            .ok_or_else(|| {
                Error::configuration(format!(
                    "no #[activity] in this binary has name {name:?} and version {version:?}"
                ))
            })
    }

    /// Sets the activity id the context reports.
    pub fn activity_id(mut self, activity_id: impl Into<String>) -> ActivityEnvironment {
        self.activity_id = activity_id.into();
        self
    }

    /// Sets the workflow execution the context reports.
    pub fn workflow_execution(
        mut self,
        workflow_id: impl Into<String>,
        run_id: impl Into<String>,
    ) -> ActivityEnvironment {
        self.workflow_execution = WorkflowExecution::new(workflow_id, run_id);
        self
    }

    /// Answers the `n`th heartbeat (1-based) of each run with `cancelRequested: true`, as SWF
    /// does once the decider asked to cancel the task: the context is cancelled from then on,
    /// and an activity that then returns `Err` is answered with `RespondActivityTaskCanceled`
    /// (one that returns `Ok` still completes).
    pub fn cancel_on_heartbeat(mut self, n: usize) -> ActivityEnvironment {
        self.cancel_on_heartbeat = Some(n.max(1));
        self
    }

    /// Starts each run with the cancel request already made (and the context cancelled), as
    /// if SWF had asked before the activity's first heartbeat was answered.
    pub fn cancelled(mut self) -> ActivityEnvironment {
        self.cancelled_from_start = true;
        self
    }

    /// A handle that requests cancellation of the run in progress, from another task or thread
    /// (e.g. after the activity reached some point).
    pub fn canceller(&self) -> Canceller {
        self.canceller.clone()
    }

    /// The worker's default converter, for an activity that names none (default
    /// [`Json`](crate::convert::Json)), as [`WorkerBuilder::converter`](crate::worker::WorkerBuilder::converter)
    /// sets it.
    pub fn default_converter(mut self, converter: impl DataConverter) -> ActivityEnvironment {
        self.default_converter = DefaultConverter::new(converter);
        self
    }

    /// Offloads long results and details, and resolves input markers, as
    /// [`WorkerBuilder::offload`](crate::worker::WorkerBuilder::offload) makes a worker do: the
    /// run's answer then carries the marker, and the value is in `offload`'s store.
    pub fn offload(mut self, offload: Offload) -> ActivityEnvironment {
        self.offload = Some(offload);
        self
    }

    /// The converter the activity's tasks go through: the one it names, or else the default.
    pub fn converter(&self) -> &dyn Converter {
        self.registration
            .converter(self.default_converter.as_converter())
    }

    /// The activity type under test.
    pub fn activity_type(&self) -> ActivityType {
        self.registration.descriptor.activity_type()
    }

    /// Runs the activity with `input` serialized to JSON, as a decider would schedule it.
    ///
    /// JSON is the [`Json`](crate::convert::Json) converter's input; for an activity served
    /// through another converter, give [`run_raw`](Self::run_raw) the text its decider sends
    /// (e.g. Flow's `["[Ljava.lang.Object;",[...]]`).
    ///
    /// # Panics
    ///
    /// If `input` does not serialize to JSON (a test bug); use [`run_raw`](Self::run_raw) to
    /// test inputs that are not JSON.
    pub async fn run(&self, input: impl Serialize) -> ActivityRun {
        let json = serde_json::to_string(&input).expect("the test input serializes to JSON");
        self.run_raw(Some(&json)).await
    }

    /// Runs the activity with the task input exactly as given (`None`: the task has no input).
    pub async fn run_raw(&self, input: Option<&str>) -> ActivityRun {
        let recorder = Arc::new(Recorder {
            heartbeats: Mutex::new(Vec::new()),
            cancel_on: self.cancel_on_heartbeat,
            state: Arc::clone(&self.canceller.state),
        });
        let context = ActivityContext::new(
            TaskIdentity {
                activity_id: self.activity_id.clone(),
                workflow_execution: self.workflow_execution.clone(),
                activity_type: self.activity_type(),
                started_event_id: self.started_event_id,
                token: TaskToken::new(ENVIRONMENT_TOKEN),
            },
            Some(Arc::clone(&recorder) as Arc<dyn HeartbeatSink>),
            Some(Arc::clone(&self.canceller.shutdown)),
        );
        {
            let mut state = self.canceller.lock();
            state.requested = self.cancelled_from_start;
            state.context = Some(context.clone());
            if self.cancelled_from_start {
                context.cancel(Cancellation::Requested);
            }
        }
        let encoding = Encoding::new(self.default_converter.clone())
            .max_len(encoding_limit(self.offload.as_ref()));
        let input = match input {
            Some(marker) if Marker::is_marker(marker) => {
                marked_input(self.offload.as_ref(), marker.to_owned(), self.converter())
                    .await
                    .map(Some)
            }
            input => Ok(input.map(str::to_owned)),
        };
        let handed_off = context.clone();
        let outcome = match input {
            Ok(input) => self.registration.run(context, input, &encoding).await,
            Err(outcome) => outcome,
        };
        let outcome = match &self.offload {
            Some(offload) => offload.settle(outcome, self.converter()).await,
            None => outcome,
        };
        let cancel_requested = {
            let mut state = self.canceller.lock();
            state.context = None;
            std::mem::take(&mut state.requested)
        };
        let heartbeats = std::mem::take(
            &mut *recorder
                .heartbeats
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        ActivityRun {
            answer: Answer::new(outcome.clone(), cancel_requested),
            outcome,
            heartbeats,
            cancel_requested,
            handed_off: handed_off.is_handed_off(),
        }
    }
}

/// Requests cancellation of an [`ActivityEnvironment`]'s run in progress, as SWF's
/// `cancelRequested: true` would.
#[derive(Clone, Default)]
pub struct Canceller {
    state: Arc<Mutex<CancelState>>,
    shutdown: Arc<Latch>,
}

#[derive(Default)]
struct CancelState {
    requested: bool,
    context: Option<ActivityContext>,
}

impl fmt::Debug for Canceller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Canceller")
            .field("requested", &self.lock().requested)
            .field("shut_down", &self.shutdown.is_set())
            .finish()
    }
}

impl Canceller {
    /// Requests cancellation: the running activity's context is cancelled, and if the activity
    /// then returns `Err`, the run's answer is `RespondActivityTaskCanceled`. Does nothing when
    /// no run is in progress.
    pub fn cancel(&self) {
        cancel(&self.state);
    }

    /// Tells the activity that the worker is shutting down, as a worker does when its signal
    /// fires: [`ActivityContext::is_shutting_down`] turns true for this and every later run of
    /// the environment.
    pub fn shut_down(&self) {
        self.shutdown.set();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CancelState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn cancel(state: &Mutex<CancelState>) {
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(context) = state.context.clone() {
        state.requested = true;
        context.cancel(Cancellation::Requested);
    }
}

struct Recorder {
    heartbeats: Mutex<Vec<Option<String>>>,
    cancel_on: Option<usize>,
    state: Arc<Mutex<CancelState>>,
}

impl HeartbeatSink for Recorder {
    fn record(&self, details: Option<String>) {
        let count = {
            let mut heartbeats = self
                .heartbeats
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            heartbeats.push(details);
            heartbeats.len()
        };
        if self.cancel_on.is_some_and(|n| count >= n) {
            cancel(&self.state);
        }
    }
}

/// What one [`ActivityEnvironment`] run did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ActivityRun {
    outcome: Outcome,
    answer: Answer,
    heartbeats: Vec<Option<String>>,
    cancel_requested: bool,
    handed_off: bool,
}

/// The task token an [`ActivityEnvironment`]'s activity sees
/// ([`ActivityContext::complete_manually`]).
pub const ENVIRONMENT_TOKEN: &str = "activity-environment-task-token";

impl ActivityRun {
    /// Whether the activity handed the task off
    /// ([`ActivityContext::complete_manually`]): a worker would then send SWF nothing, and
    /// [`answer`](Self::answer) is what it would have sent otherwise.
    pub fn handed_off(&self) -> bool {
        self.handed_off
    }

    /// What SWF would be answered: the outcome, or a cancellation if one was requested.
    pub fn answer(&self) -> &Answer {
        &self.answer
    }

    /// What the generated adapter made of the activity's return value (or panic, or bad
    /// input), before any cancellation is taken into account.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// The details of every heartbeat the activity sent, in order, as JSON (heartbeats without
    /// details are left out; see [`heartbeat_count`](Self::heartbeat_count)). The worker would
    /// coalesce these; here every call is kept.
    pub fn heartbeats(&self) -> Vec<&str> {
        self.heartbeats
            .iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }

    /// How many times the activity called `heartbeat`.
    pub fn heartbeat_count(&self) -> usize {
        self.heartbeats.len()
    }

    /// The heartbeat details decoded as `T`, in order; details that do not decode are skipped.
    pub fn heartbeat_details<T: DeserializeOwned>(&self) -> Vec<T> {
        self.heartbeats
            .iter()
            .flatten()
            .filter_map(|d| serde_json::from_str(d).ok())
            .collect()
    }

    /// Whether cancellation was requested during the run.
    pub fn cancel_requested(&self) -> bool {
        self.cancel_requested
    }

    /// The `Ok` value decoded as `T`, if the task completed (a missing result decodes as
    /// `null`).
    pub fn result<T: DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        match &self.answer {
            Answer::Completed { result } => {
                Some(serde_json::from_str(result.as_deref().unwrap_or("null")))
            }
            _ => None,
        }
    }
}
