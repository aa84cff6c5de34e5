//! The activity worker: registers the served activity types, long-polls SWF for tasks, runs
//! them within a fixed number of execution slots, and answers every task it took.
//!
//! ```no_run
//! # async fn demo(shutdown: impl std::future::Future<Output = ()> + Send) -> Result<(), swf_activity::Error> {
//! use std::time::Duration;
//! use swf_activity::{Client, Worker};
//!
//! let client = Client::from_env().await?;
//! Worker::builder(client, "orders")
//!     .task_list("payments")
//!     .max_concurrent_tasks(8)
//!     // Fits a 30 s termination grace period (Kubernetes' and ECS's default): running tasks
//!     // get 20 s, answers 5 s more, and the worker is gone 2 s before SIGKILL.
//!     .shutdown_deadline(Duration::from_secs(20))
//!     .shutdown_timeout(Duration::from_secs(27))
//!     .build()?
//!     .run_until(shutdown) // e.g. SIGTERM, `tokio::signal::ctrl_c()`
//!     .await
//! # }
//! ```
//!
//! # Semantics
//!
//! - **Slots before polls.** Each poll first reserves one of
//!   [`max_concurrent_tasks`](WorkerBuilder::max_concurrent_tasks) execution slots, so a task
//!   SWF hands out can always start at once: the worker never holds a task it cannot run while
//!   its start-to-close clock ticks.
//! - **Long polls are not aborted** on shutdown, unless a
//!   [`shutdown_timeout`](WorkerBuilder::shutdown_timeout) says so: SWF may already have handed
//!   the poll a task. On shutdown (the signal, or the `run_until` future being dropped) the
//!   worker starts no new polls and tells every running activity
//!   ([`ActivityContext::is_shutting_down`](crate::ActivityContext::is_shutting_down)); open
//!   polls return and what they bring runs. At the
//!   [`shutdown_deadline`](WorkerBuilder::shutdown_deadline), counted from the signal, every
//!   task still running is cancelled
//!   ([`Cancellation::Aborted`](crate::Cancellation::Aborted)) and answered explicitly instead
//!   of being left to time out: `RespondActivityTaskFailed` with reason `activity was aborted
//!   before it finished: the worker shut down` (a
//!   [`FailureKind::Aborted`](crate::failure::FailureKind::Aborted) failure), or
//!   `RespondActivityTaskCanceled` when the decider had asked to cancel it; a task a poll
//!   brings after the deadline is answered so at once, without running.
//! - **Dropping the `run_until` future** (a `tokio::time::timeout` or `select!` around the
//!   worker) starts the same graceful shutdown as the signal: polls, tasks and answers go on in
//!   tasks of their own, detached from the dropped future, until every task is answered. The
//!   tokio runtime must stay alive for that; await `run_until` to know when it is done.
//! - **Pollers are supervised**: one that ends abnormally is logged at once and replaced, so a
//!   task list never silently stops being polled.
//! - **Polling never stops by itself.** A failed poll backs off (exponential, jittered, capped by
//!   [`poll_backoff`](WorkerBuilder::poll_backoff)) and tries again.
//! - **Answers are retried.** On top of the client's own retries, the worker retries transient
//!   failures (throttling, 5xx, connection errors) of `RespondActivityTask*`, and credentials
//!   that could not be loaded, for up to [`respond_timeout`](WorkerBuilder::respond_timeout):
//!   one deadline for the whole answer, the client's own attempts included.
//!   `UnknownResourceFault` (the task timed out or was closed) is final; after an attempt whose
//!   answer was lost it means that attempt was probably delivered, and is logged so at info
//!   level. A network failure is never reported to SWF as a task failure.
//! - **Dispatch** is by activity type name and version; a task of a type this worker does not
//!   serve fails at once with a reason listing the types it serves.
//! - **Heartbeats** from [`ActivityContext::heartbeat`](crate::ActivityContext::heartbeat) are
//!   coalesced (the latest details win) and sent at most once per
//!   `min(heartbeat timeout / 3, max_heartbeat_interval)`; the heartbeat timeout is the
//!   registered default of the type (SWF's poll answer does not carry it). When that is `NONE`
//!   or unknown, at most once per
//!   [`fallback_heartbeat_interval`](WorkerBuilder::fallback_heartbeat_interval), as a decider
//!   may still give the task a heartbeat timeout of its own. Each call gives up after about one
//!   interval; all tasks together send at most
//!   [`max_heartbeats_per_second`](WorkerBuilder::max_heartbeats_per_second). A heartbeat
//!   refused for good (access denied, validation) three times in a row stops that task's
//!   heartbeats, logged once a minute for the whole worker.
//! - **Cancellation**: a cancel request in a heartbeat's answer cancels the context
//!   ([`Cancellation::Requested`](crate::Cancellation::Requested)); a task that then ends in an
//!   error is answered with `RespondActivityTaskCanceled`, one that returns `Ok` is still
//!   completed (see [`Answer`]). `UnknownResourceFault` in a heartbeat's answer means SWF no
//!   longer knows the task: the context is cancelled
//!   ([`Cancellation::TaskGone`](crate::Cancellation::TaskGone)) and the task is not answered,
//!   as no answer could succeed. Failed heartbeats never fail a task.
//! - **Large values**, with [`offload`](WorkerBuilder::offload) (or simpleflow's
//!   `SIMPLEFLOW_JUMBO_FIELDS_BUCKET`): a result or failure `details` over the threshold is
//!   stored in the payload store before the task is answered, and the answer carries
//!   simpleflow's marker; an input that is a marker is fetched before it is decoded. A store
//!   that fails fails the task ([`FailureKind::PayloadStore`](crate::failure::FailureKind::PayloadStore));
//!   no marker is sent for a value that was not stored. See [`Offload`].
//! - **Registration** at start: `RegisterActivityType` with the declared defaults for every
//!   served type. `TypeAlreadyExistsFault` is fine; the worker then reads the registered defaults
//!   with `DescribeActivityType` and reports those that differ (a `tracing` warning, or an error
//!   with [`strict_registration`](WorkerBuilder::strict_registration)). A deprecated type is an
//!   error. Other refusals (throttling, SWF or the network failing, a missing permission or
//!   domain) are retried with backoff for up to
//!   [`registration_timeout`](WorkerBuilder::registration_timeout), while the worker reports
//!   itself as registering and not ready.
//! - **Rate**: with [`max_tasks_per_second`](WorkerBuilder::max_tasks_per_second), each poll
//!   first waits for its turn, after its slot and before the poll, so a task in hand never waits.
//! - **Health**: [`Worker::health`] tells the worker's state (registering, polling, draining,
//!   stopped), when each poller last heard from SWF and the last error, with readiness and
//!   liveness defined on them ([`Health`]).
//! - **Metrics** through the [`metrics`] facade: polls, slots, tasks by outcome and
//!   failure kind, answers, heartbeats, truncations, registrations; see [`crate::metrics`].
//! - **Logs**: one `tracing` span per task (`activity_task`, with the activity type, version,
//!   activity id, workflow id and run id). The task token is never logged.

use crate::convert::{DataConverter, DefaultConverter};
use std::fmt;
use std::future::Future;
use std::time::Duration;

use swf_activity_rules::{IDENTITY_MAX, NameKind, check_name, swf_len};

use crate::Client;
use crate::error::Error;
use crate::payload::Offload;
use crate::registry::{self, ActivitySet};

mod answer;
mod backoff;
mod health;
mod heartbeat;
mod iam;
mod rate;
mod register;
mod respond;
mod run;
mod task;

pub use answer::Answer;
pub use health::{
    DEFAULT_UNREADY_AFTER, Health, HealthReport, LastError, PollerReport, WorkerState,
};

/// Default of [`WorkerBuilder::max_concurrent_tasks`].
pub const DEFAULT_MAX_CONCURRENT_TASKS: usize = 10;
/// The largest [`WorkerBuilder::max_concurrent_tasks`]: what a semaphore can count.
pub const MAX_CONCURRENT_TASKS: usize = max_concurrent_tasks_limit();
/// Default of [`WorkerBuilder::shutdown_deadline`].
pub const DEFAULT_SHUTDOWN_DEADLINE: Duration = Duration::from_secs(20);
/// Default of [`WorkerBuilder::fallback_heartbeat_interval`] (unless
/// [`WorkerBuilder::max_heartbeat_interval`] is shorter).
pub const DEFAULT_FALLBACK_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(1);
/// Default of [`WorkerBuilder::max_heartbeats_per_second`].
pub const DEFAULT_MAX_HEARTBEATS_PER_SECOND: u32 = 100;
/// Default of [`WorkerBuilder::max_heartbeat_interval`].
pub const DEFAULT_MAX_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(10);
/// Default of [`WorkerBuilder::respond_timeout`].
pub const DEFAULT_RESPOND_TIMEOUT: Duration = Duration::from_secs(120);
/// Default of [`WorkerBuilder::registration_timeout`].
pub const DEFAULT_REGISTRATION_TIMEOUT: Duration = Duration::from_secs(300);

/// An activity worker: build one with [`Worker::builder`], then [`run`](Worker::run) it.
///
/// See the [module documentation](self) for what it does with polls, tasks, heartbeats and
/// shutdown.
pub struct Worker {
    pub(crate) config: Config,
    pub(crate) activities: ActivitySet,
    pub(crate) health: Health,
}

/// What the builder checked.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) client: Client,
    pub(crate) domain: String,
    pub(crate) task_lists: Vec<String>,
    pub(crate) max_concurrent_tasks: usize,
    pub(crate) pollers: usize,
    pub(crate) identity: String,
    pub(crate) shutdown_deadline: Duration,
    pub(crate) shutdown_timeout: Option<Duration>,
    pub(crate) strict_registration: bool,
    pub(crate) register_types: bool,
    pub(crate) poll_backoff: (Duration, Duration),
    pub(crate) respond_timeout: Duration,
    pub(crate) max_heartbeat_interval: Duration,
    pub(crate) fallback_heartbeat_interval: Duration,
    pub(crate) max_heartbeats_per_second: Option<u32>,
    pub(crate) max_tasks_per_second: Option<f64>,
    pub(crate) registration_timeout: Duration,
    pub(crate) converter: DefaultConverter,
    /// Where results and details too long for SWF go (`None`: they fail, or are cut).
    pub(crate) offload: Option<Offload>,
}

impl fmt::Debug for Worker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("config", &self.config)
            .field(
                "activities",
                &self
                    .activities
                    .descriptors()
                    .map(|d| format!("{}@{}", d.name, d.version))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Worker {
    /// A builder for a worker of `domain` that talks to SWF through `client`.
    ///
    /// At least one [`task_list`](WorkerBuilder::task_list) is needed unless every served
    /// activity declares its own.
    pub fn builder(client: Client, domain: impl Into<String>) -> WorkerBuilder {
        WorkerBuilder {
            client,
            domain: domain.into(),
            task_lists: Vec::new(),
            max_concurrent_tasks: DEFAULT_MAX_CONCURRENT_TASKS,
            pollers: None,
            identity: None,
            shutdown_deadline: DEFAULT_SHUTDOWN_DEADLINE,
            shutdown_timeout: None,
            activities: None,
            strict_registration: false,
            register_types: true,
            poll_backoff: (Duration::from_millis(100), Duration::from_secs(30)),
            respond_timeout: DEFAULT_RESPOND_TIMEOUT,
            max_heartbeat_interval: DEFAULT_MAX_HEARTBEAT_INTERVAL,
            fallback_heartbeat_interval: None,
            max_heartbeats_per_second: Some(DEFAULT_MAX_HEARTBEATS_PER_SECOND),
            max_tasks_per_second: None,
            registration_timeout: DEFAULT_REGISTRATION_TIMEOUT,
            unready_after: DEFAULT_UNREADY_AFTER,
            converter: DefaultConverter::default(),
            offload: OffloadSetting::FromEnv,
        }
    }

    /// The domain the worker polls.
    pub fn domain(&self) -> &str {
        &self.config.domain
    }

    /// The task lists the worker polls.
    pub fn task_lists(&self) -> &[String] {
        &self.config.task_lists
    }

    /// The identity SWF records in each `ActivityTaskStarted` event.
    pub fn identity(&self) -> &str {
        &self.config.identity
    }

    /// The activity types the worker serves, as `(name, version)`.
    pub fn activity_types(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.activities.descriptors().map(|d| (d.name, d.version))
    }

    /// The activities the worker serves.
    pub fn activities(&self) -> &ActivitySet {
        &self.activities
    }

    /// The worker's health: its state, when its pollers last heard from SWF, the last error,
    /// readiness and liveness. Take it before [`run`](Worker::run) consumes the worker and
    /// read it from a health-check endpoint; see [`Health`].
    ///
    /// ```no_run
    /// # async fn demo(worker: swf_activity::Worker) -> Result<(), swf_activity::Error> {
    /// let health = worker.health();
    /// tokio::spawn(async move {
    ///     // e.g. answer `/readyz` with 200 or 503
    ///     let _ready = health.is_ready();
    /// });
    /// worker.run().await
    /// # }
    /// ```
    pub fn health(&self) -> Health {
        self.health.clone()
    }

    /// Registers the activity types, then polls and runs tasks until the process ends.
    ///
    /// Returns only if registration fails (see
    /// [`registration_timeout`](WorkerBuilder::registration_timeout)); see
    /// [`Worker::run_until`].
    pub async fn run(self) -> Result<(), Error> {
        self.run_until(std::future::pending::<()>()).await
    }

    /// Registers the activity types, then polls and runs tasks until `signal` completes, then
    /// shuts down gracefully: no new polls, running activities are told
    /// ([`ActivityContext::is_shutting_down`](crate::ActivityContext::is_shutting_down)), open
    /// polls return and their tasks run, running tasks get until the
    /// [`shutdown_deadline`](WorkerBuilder::shutdown_deadline) (counted from the signal) to
    /// finish, and whatever is left is answered explicitly. Returns `Ok(())` once every task the
    /// worker took has been answered, or once the
    /// [`shutdown_timeout`](WorkerBuilder::shutdown_timeout) has passed.
    ///
    /// Dropping the returned future after registration starts the same shutdown instead of
    /// aborting it: the worker's polls and tasks run on tasks of their own and finish in the
    /// background, so a `tokio::time::timeout` or `select!` around the worker loses no task SWF
    /// has handed out (as long as the tokio runtime lives on).
    ///
    /// Fails before polling if registration fails: SWF still refuses to register a type when
    /// the [`registration_timeout`](WorkerBuilder::registration_timeout) has passed, a served
    /// type is deprecated, or (with
    /// [`strict_registration`](WorkerBuilder::strict_registration)) its registered defaults
    /// differ from the declared ones. A signal that completes during registration ends it:
    /// `Ok(())`, no task taken.
    pub async fn run_until<F>(self, signal: F) -> Result<(), Error>
    where
        F: Future + Send,
    {
        run::run(self, signal).await
    }
}

/// Configures a [`Worker`]; made by [`Worker::builder`].
#[must_use = "a builder does nothing until `build` is called"]
pub struct WorkerBuilder {
    client: Client,
    domain: String,
    task_lists: Vec<String>,
    max_concurrent_tasks: usize,
    pollers: Option<usize>,
    identity: Option<String>,
    shutdown_deadline: Duration,
    shutdown_timeout: Option<Duration>,
    activities: Option<ActivitySet>,
    strict_registration: bool,
    register_types: bool,
    poll_backoff: (Duration, Duration),
    respond_timeout: Duration,
    max_heartbeat_interval: Duration,
    fallback_heartbeat_interval: Option<Duration>,
    max_heartbeats_per_second: Option<u32>,
    max_tasks_per_second: Option<f64>,
    registration_timeout: Duration,
    unready_after: Duration,
    converter: DefaultConverter,
    offload: OffloadSetting,
}

/// Whether and how a worker offloads large values.
#[derive(Debug)]
enum OffloadSetting {
    /// As [`crate::payload::BUCKET_VARIABLE`] says (off when it is unset).
    FromEnv,
    /// As set in code.
    Set(Offload),
    /// Off, whatever the environment says.
    Off,
}

impl fmt::Debug for WorkerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkerBuilder")
            .field("domain", &self.domain)
            .field("task_lists", &self.task_lists)
            .field("max_concurrent_tasks", &self.max_concurrent_tasks)
            .field("pollers", &self.pollers)
            .field("identity", &self.identity)
            .field("shutdown_deadline", &self.shutdown_deadline)
            .field("shutdown_timeout", &self.shutdown_timeout)
            .field("strict_registration", &self.strict_registration)
            .field("converter", &self.converter)
            .field("offload", &self.offload)
            .finish_non_exhaustive()
    }
}

impl WorkerBuilder {
    /// The data converter of every served activity that does not name its own with
    /// `#[activity(converter = ...)]` (default [`Json`](crate::convert::Json)): how their
    /// input is decoded and their results and failures encoded. Also the shape of the failure
    /// a task of an activity type the worker does not serve gets.
    ///
    /// Serving a workflow written with the AWS Flow Framework for Java or with simpleflow?
    /// See [`crate::convert`].
    pub fn converter(mut self, converter: impl DataConverter) -> WorkerBuilder {
        self.converter = DefaultConverter::new(converter);
        self
    }

    /// Adds a task list to poll. Call it once per task list; activities that declare no task
    /// list are served on every task list of the worker.
    pub fn task_list(mut self, task_list: impl Into<String>) -> WorkerBuilder {
        self.task_lists.push(task_list.into());
        self
    }

    /// How many tasks may run at once (default 10, at least 1, at most
    /// [`MAX_CONCURRENT_TASKS`]). Every poll holds one of these slots, so at most this many
    /// tasks run and polls are open at any time together.
    pub fn max_concurrent_tasks(mut self, n: usize) -> WorkerBuilder {
        self.max_concurrent_tasks = n;
        self
    }

    /// How many long polls may be open at once (default: one per task list, at least two when
    /// slots allow; never more than `max_concurrent_tasks`). Pollers take turns over the task
    /// lists.
    pub fn pollers(mut self, n: usize) -> WorkerBuilder {
        self.pollers = Some(n);
        self
    }

    /// The identity SWF records in `ActivityTaskStarted` events (default `host:pid`). Cut to
    /// SWF's 256 characters.
    pub fn identity(mut self, identity: impl Into<String>) -> WorkerBuilder {
        self.identity = Some(identity.into());
        self
    }

    /// How long after the shutdown signal running tasks may go on before they are cancelled
    /// and answered as failed (default 20 s). A task that an open poll brings after the
    /// deadline is answered so at once, without running: the decider can retry it elsewhere
    /// instead of waiting for it to time out.
    ///
    /// Open polls are waited for (SWF may have handed them a task), up to 60 s on SWF, unless
    /// [`shutdown_timeout`](Self::shutdown_timeout) bounds the whole shutdown.
    pub fn shutdown_deadline(mut self, deadline: Duration) -> WorkerBuilder {
        self.shutdown_deadline = deadline;
        self
    }

    /// Bounds the whole shutdown, counted from the signal (default: none). At this point
    /// [`run_until`](Worker::run_until) returns: polls still open are dropped and answers still
    /// being retried are given up. Answers sent after the signal retry only until this point.
    ///
    /// Set it below the time the orchestrator gives between SIGTERM and SIGKILL (Kubernetes'
    /// `terminationGracePeriodSeconds`, ECS's `stopTimeout`, both 30 s by default), and the
    /// [`shutdown_deadline`](Self::shutdown_deadline) a few seconds below it, so that running
    /// tasks are answered before the process is killed. The price: SWF may hand a task to a poll
    /// the worker dropped, and such a task waits for its start-to-close timeout. A grace period
    /// of 75 s or more lets the worker wait for every open poll and avoids that.
    ///
    /// [`build`](Self::build) fails if it is shorter than the deadline.
    pub fn shutdown_timeout(mut self, timeout: Duration) -> WorkerBuilder {
        self.shutdown_timeout = Some(timeout);
        self
    }

    /// Serves exactly these activities instead of every `#[activity]` of the binary whose task
    /// list matches the worker's, e.g. `ActivitySet::select([("ChargeCard", "1")])?`.
    ///
    /// Each activity that declares a task list must declare one the worker polls; a worker
    /// given no [`task_list`](Self::task_list) polls the task lists the activities declare.
    pub fn activities(mut self, activities: ActivitySet) -> WorkerBuilder {
        self.activities = Some(activities);
        self
    }

    /// Whether registered defaults that differ from the declared ones stop the worker at start
    /// (`true`) or are logged as a warning (`false`, the default).
    pub fn strict_registration(mut self, strict: bool) -> WorkerBuilder {
        self.strict_registration = strict;
        self
    }

    /// Whether the worker registers its activity types at start (default `true`). Turn it off
    /// when types are registered by other means and the worker's role may not register them.
    pub fn register_activity_types(mut self, register: bool) -> WorkerBuilder {
        self.register_types = register;
        self
    }

    /// The backoff of failed polls, and of registration attempts at start (see
    /// [`registration_timeout`](Self::registration_timeout)): the first retry waits about `base`, each further failure
    /// doubles it, never beyond `max` (defaults 100 ms and 30 s). A `base` under 1 ms counts as
    /// 1 ms, and a `max` under `base` as `base`, so failing polls never spin.
    pub fn poll_backoff(mut self, base: Duration, max: Duration) -> WorkerBuilder {
        self.poll_backoff = (base, max);
        self
    }

    /// How long the worker keeps retrying an answer to SWF that failed transiently (default
    /// 120 s): one deadline for the whole answer, the client's own attempts included (each
    /// call gets what is left of it), so a [`RetryConfig`](crate::client::RetryConfig) with
    /// many attempts does not multiply it.
    pub fn respond_timeout(mut self, timeout: Duration) -> WorkerBuilder {
        self.respond_timeout = timeout;
        self
    }

    /// The longest time a heartbeat waits behind the previous one of the same task (default
    /// 10 s); heartbeats of a task are sent at most once per `min(heartbeat timeout / 3, this)`.
    ///
    /// The heartbeat timeout is the type's registered default; see
    /// [`fallback_heartbeat_interval`](Self::fallback_heartbeat_interval) for when it is
    /// `NONE` or unknown.
    pub fn max_heartbeat_interval(mut self, interval: Duration) -> WorkerBuilder {
        self.max_heartbeat_interval = interval;
        self
    }

    /// The spacing of heartbeats when the type's heartbeat timeout is `NONE` or unknown (the
    /// worker does not register types and the activity declares none). Default: 1 s, or
    /// [`max_heartbeat_interval`](Self::max_heartbeat_interval) when that is shorter.
    ///
    /// The worker only knows the type's registered default: a decider may schedule a task with
    /// a heartbeat timeout of its own (`ScheduleActivityTask`'s `heartbeatTimeout`), also one
    /// shorter than the registered one, and SWF's poll answer does not tell. Heartbeats of such
    /// a task are still sent at the registered default's pace, so a decider that shortens the
    /// timeout should keep it above three times that pace. With no timeout known, this pace
    /// must be fast enough for any per-task timeout a decider may give: 1 s serves timeouts down
    /// to a few seconds; raise it to send fewer heartbeats when deciders give none.
    pub fn fallback_heartbeat_interval(mut self, interval: Duration) -> WorkerBuilder {
        self.fallback_heartbeat_interval = Some(interval);
        self
    }

    /// The most heartbeats the worker sends per second, all tasks together (default 100;
    /// `None`: no limit). SWF throttles `RecordActivityTaskHeartbeat` per account and region, so
    /// hundreds of activities that heartbeat in loops would otherwise get every worker of the
    /// account throttled. Heartbeats over the limit wait their turn; as they are coalesced, a
    /// task's latest details are sent when it comes.
    pub fn max_heartbeats_per_second(mut self, limit: Option<u32>) -> WorkerBuilder {
        self.max_heartbeats_per_second = limit;
        self
    }

    /// The most tasks the worker takes per second, all task lists together (default `None`: no
    /// limit), e.g. to stay within what a downstream service takes. Rates below one are fine
    /// (`Some(0.5)`: one task every two seconds).
    ///
    /// The worker waits for its turn **before** it polls, never with a task in hand: a task
    /// SWF hands out starts at once, and its timeouts do not run while it waits. Tasks are
    /// spaced evenly, without bursts; a poll that brings no task gives its turn back. A fleet's
    /// rate is the sum of its workers'; for one limit across the fleet, divide it among them.
    pub fn max_tasks_per_second(mut self, limit: Option<f64>) -> WorkerBuilder {
        self.max_tasks_per_second = limit;
        self
    }

    /// How long the worker keeps trying to register its activity types at start (default
    /// 5 minutes) while SWF refuses or cannot be reached: throttling, 5xx and network errors,
    /// and also a missing permission or domain, which an operator may fix meanwhile. Attempts
    /// back off as failed polls do ([`poll_backoff`](Self::poll_backoff)); each failure is
    /// logged and shown by [`Health::last_error`]. Past this time [`run`](Worker::run) fails
    /// with the last error; the shutdown signal ends the wait too, and `run` then returns
    /// `Ok(())`, having taken no task.
    /// A deprecated type and (with [`strict_registration`](Self::strict_registration))
    /// drifted defaults fail at once, as retrying cannot change them.
    pub fn registration_timeout(mut self, timeout: Duration) -> WorkerBuilder {
        self.registration_timeout = timeout;
        self
    }

    /// How long the pollers may fail to reach SWF before the worker stops being ready
    /// ([`Health::is_ready`]; default 60 s). A poll that is merely open (SWF holds it up to
    /// 60 s when there is no task) is not failing.
    pub fn unready_after(mut self, bound: Duration) -> WorkerBuilder {
        self.unready_after = bound;
        self
    }

    /// Offloads results and failure details too long for SWF (or longer than the
    /// [threshold](Offload::threshold)) to `offload`'s store, and sends simpleflow's marker in
    /// their place; a task whose input is such a marker gets the stored value. Set here, it
    /// overrides [`SIMPLEFLOW_JUMBO_FIELDS_BUCKET`](crate::payload::BUCKET_VARIABLE).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), swf_activity::Error> {
    /// use swf_activity::payload::{Offload, S3Store};
    /// use swf_activity::{Client, Worker};
    ///
    /// let client = Client::from_env().await?;
    /// let store = S3Store::builder(&client, "my-jumbo-bucket").prefix("jumbo").build()?;
    /// let worker = Worker::builder(client, "orders")
    ///     .task_list("reports")
    ///     .offload(Offload::new(store))
    ///     .build()?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// See [`Offload`] for the threshold, the largest value stored and what a failing store
    /// does to a task.
    pub fn offload(mut self, offload: Offload) -> WorkerBuilder {
        self.offload = OffloadSetting::Set(offload);
        self
    }

    /// Whether [`build`](WorkerBuilder::build) reads simpleflow's
    /// [`SIMPLEFLOW_JUMBO_FIELDS_BUCKET`](crate::payload::BUCKET_VARIABLE) when offloading is not set in code
    /// (default `true`; see [`Offload::from_env`]). `false` turns offloading off unless
    /// [`offload`](WorkerBuilder::offload) is called after it.
    pub fn offload_from_env(mut self, read: bool) -> WorkerBuilder {
        self.offload = match (read, self.offload) {
            (_, set @ OffloadSetting::Set(_)) => set,
            (true, _) => OffloadSetting::FromEnv,
            (false, _) => OffloadSetting::Off,
        };
        self
    }

    /// Checks the configuration against SWF's rules and picks the served activities.
    ///
    /// Fails with [`ErrorKind::Validation`](crate::ErrorKind::Validation) for a domain or task
    /// list SWF would reject, and with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration)
    /// when two activities share a name and version, when no activity is served, or when an
    /// activity cannot be polled for (it declares no task list and the worker has none), or
    /// when offloading is set (in code or in the environment) in a way that cannot work.
    pub fn build(self) -> Result<Worker, Error> {
        self.build_with_env(|name| std::env::var(name).ok())
    }

    /// [`build`](WorkerBuilder::build), with the environment read through `env`.
    pub(crate) fn build_with_env(
        self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Worker, Error> {
        check_name(NameKind::Domain, &self.domain).map_err(|e| {
            Error::validation(format!("worker domain `{}`: {e}", self.domain)).with_source(e)
        })?;
        let mut task_lists: Vec<String> = Vec::new();
        for list in &self.task_lists {
            check_name(NameKind::TaskList, list).map_err(|e| {
                Error::validation(format!("worker task list `{list}`: {e}")).with_source(e)
            })?;
            if !task_lists.contains(list) {
                task_lists.push(list.clone());
            }
        }
        if self.max_concurrent_tasks == 0 {
            return Err(Error::configuration(
                "`max_concurrent_tasks` must be at least 1",
            ));
        }
        if self.max_concurrent_tasks > MAX_CONCURRENT_TASKS {
            return Err(Error::configuration(format!(
                "`max_concurrent_tasks` must be at most {MAX_CONCURRENT_TASKS}, not {}",
                self.max_concurrent_tasks
            )));
        }
        if self.pollers == Some(0) {
            return Err(Error::configuration("`pollers` must be at least 1"));
        }
        if self.max_heartbeats_per_second == Some(0) {
            return Err(Error::configuration(
                "`max_heartbeats_per_second` must be at least 1, or `None` for no limit",
            ));
        }
        if let Some(rate) = self.max_tasks_per_second
            && !(rate.is_finite() && rate > 0.0)
        {
            return Err(Error::configuration(format!(
                "`max_tasks_per_second` must be a positive number, not {rate}, or `None` for no limit"
            )));
        }
        if let Some(timeout) = self.shutdown_timeout
            && timeout < self.shutdown_deadline
        {
            return Err(Error::configuration(format!(
                "`shutdown_timeout` ({timeout:?}) is shorter than `shutdown_deadline` ({:?}): \
                 running tasks could not be answered before the worker stops",
                self.shutdown_deadline
            )));
        }

        let explicit = self.activities.is_some();
        let activities = match self.activities {
            Some(set) => {
                for a in set.iter() {
                    match a.descriptor.task_list {
                        None if self.task_lists.is_empty() => {
                            return Err(Error::configuration(format!(
                                "activity `{}` version `{}` ({}) declares no task list and the \
                                 worker has none: add `.task_list(..)`",
                                a.descriptor.name, a.descriptor.version, a.function
                            )));
                        }
                        Some(list) if task_lists.iter().any(|l| l == list) => {}
                        Some(list) if self.task_lists.is_empty() => {
                            task_lists.push(list.to_owned());
                        }
                        Some(list) => {
                            return Err(Error::configuration(format!(
                                "activity `{}` version `{}` ({}) declares task list `{list}`, \
                                 which the worker does not poll (it polls {})",
                                a.descriptor.name,
                                a.descriptor.version,
                                a.function,
                                quoted(&task_lists)
                            )));
                        }
                        _ => {}
                    }
                }
                set
            }
            None => {
                // Two activities of one type anywhere in the binary are a mistake even if this
                // worker would serve only one of them.
                registry::check_unique()?;
                ActivitySet::from_registrations(registry::activities().filter(|a| {
                    task_lists
                        .iter()
                        .any(|list| a.descriptor.serves_task_list(list))
                }))?
            }
        };
        if task_lists.is_empty() {
            return Err(Error::configuration(
                "the worker polls no task list: add `.task_list(..)`",
            ));
        }
        if activities.is_empty() {
            return Err(Error::configuration(if explicit {
                "the worker serves no activity: the `activities` set is empty".to_owned()
            } else {
                format!(
                    "the worker serves no activity: no `#[activity]` in this binary declares \
                     task list {} or none",
                    quoted(&task_lists)
                )
            }));
        }

        let max = self.max_concurrent_tasks;
        let pollers = self
            .pollers
            .unwrap_or_else(|| task_lists.len().max(2))
            .min(max);
        let identity = match self.identity {
            Some(identity) => identity,
            None => default_identity(),
        };
        let identity = cut_to(&identity, IDENTITY_MAX);
        let max_heartbeat_interval = self.max_heartbeat_interval.max(MIN_HEARTBEAT_INTERVAL);
        let offload = match self.offload {
            OffloadSetting::Set(offload) => Some(offload),
            OffloadSetting::FromEnv => Offload::from_lookup(&self.client, env)?,
            OffloadSetting::Off => None,
        };
        if let Some(offload) = &offload {
            offload.check()?;
        }
        let health = Health::new(self.unready_after, self.client.poll_timeout());
        Ok(Worker {
            config: Config {
                client: self.client,
                domain: self.domain,
                task_lists,
                max_concurrent_tasks: max,
                pollers,
                identity,
                shutdown_deadline: self.shutdown_deadline,
                shutdown_timeout: self.shutdown_timeout,
                strict_registration: self.strict_registration,
                register_types: self.register_types,
                poll_backoff: poll_backoff(self.poll_backoff),
                respond_timeout: self.respond_timeout,
                max_heartbeat_interval,
                fallback_heartbeat_interval: self
                    .fallback_heartbeat_interval
                    .unwrap_or(DEFAULT_FALLBACK_HEARTBEAT_INTERVAL.min(max_heartbeat_interval))
                    .max(MIN_HEARTBEAT_INTERVAL),
                max_heartbeats_per_second: self.max_heartbeats_per_second,
                max_tasks_per_second: self.max_tasks_per_second,
                registration_timeout: self.registration_timeout,
                converter: self.converter,
                offload,
            },
            activities,
            health,
        })
    }
}

/// The shortest spacing of a task's heartbeats: no tight loop, whatever was configured.
const MIN_HEARTBEAT_INTERVAL: Duration = Duration::from_millis(1);

/// The smallest first wait after a failed poll: no tight loop, whatever was configured.
const MIN_POLL_BACKOFF: Duration = Duration::from_millis(1);

/// `(base, max)` of the poll backoff, with `base` at least [`MIN_POLL_BACKOFF`] and `max` at
/// least `base`.
fn poll_backoff((base, max): (Duration, Duration)) -> (Duration, Duration) {
    let base = base.max(MIN_POLL_BACKOFF);
    (base, max.max(base))
}

/// The most slots the worker can count: tokio's semaphore holds at most
/// `Semaphore::MAX_PERMITS`, and shutdown takes them all back with one `acquire_many(u32)`.
const fn max_concurrent_tasks_limit() -> usize {
    let semaphore = tokio::sync::Semaphore::MAX_PERMITS;
    let u32_max = u32::MAX as usize;
    if semaphore < u32_max {
        semaphore
    } else {
        u32_max
    }
}

fn quoted(lists: &[String]) -> String {
    lists
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `host:pid`, as the AWS Flow Framework does.
fn default_identity() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .or_else(|_| std::fs::read_to_string("/etc/hostname"))
                .ok()
                .map(|h| h.trim().to_owned())
                .filter(|h| !h.is_empty())
        })
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "unknown-host".to_owned());
    format!("{host}:{}", std::process::id())
}

/// The longest prefix of `value` that is at most `max` long by SWF's count, cut on a character
/// boundary.
pub(crate) fn cut_to(value: &str, max: usize) -> String {
    if swf_len(value) <= max {
        return value.to_owned();
    }
    let mut len = 0;
    let mut end = 0;
    for (i, c) in value.char_indices() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        end = i + c.len_utf8();
    }
    value[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_cut_on_a_character_boundary() {
        let long = "é".repeat(300);
        let cut = cut_to(&long, IDENTITY_MAX);
        assert_eq!(swf_len(&cut), 256);
        let emoji = "😀".repeat(200);
        let cut = cut_to(&emoji, IDENTITY_MAX);
        assert_eq!(swf_len(&cut), 256);
        assert_eq!(cut.chars().count(), 128);
        assert_eq!(cut_to("short", IDENTITY_MAX), "short");
    }

    #[test]
    fn poll_backoff_never_spins() {
        let ms = Duration::from_millis;
        assert_eq!(
            poll_backoff((Duration::ZERO, Duration::ZERO)),
            (ms(1), ms(1))
        );
        assert_eq!(poll_backoff((Duration::ZERO, ms(50))), (ms(1), ms(50)));
        assert_eq!(poll_backoff((ms(200), ms(50))), (ms(200), ms(200)));
        assert_eq!(poll_backoff((ms(100), ms(30_000))), (ms(100), ms(30_000)));
    }

    #[test]
    fn max_concurrent_tasks_fits_a_semaphore_and_acquire_many() {
        const { assert!(MAX_CONCURRENT_TASKS <= tokio::sync::Semaphore::MAX_PERMITS) };
        const { assert!(MAX_CONCURRENT_TASKS >= DEFAULT_MAX_CONCURRENT_TASKS) };
        assert!(u32::try_from(MAX_CONCURRENT_TASKS).is_ok());
        // The largest allowed count makes a semaphore, and shutdown can take every slot back.
        let slots = tokio::sync::Semaphore::new(MAX_CONCURRENT_TASKS);
        let all = u32::try_from(MAX_CONCURRENT_TASKS).expect("fits");
        assert!(slots.try_acquire_many(all).is_ok());
    }

    fn noop(
        _: crate::ActivityContext,
        _: Option<String>,
        _: &crate::convert::Encoding,
    ) -> crate::adapter::BoxFuture<crate::failure::Outcome> {
        crate::adapter::ready(crate::failure::Outcome::Completed { result: None })
    }

    static NOOP: registry::ActivityRegistration = registry::ActivityRegistration {
        descriptor: registry::ActivityDescriptor::new("Noop", "1"),
        invoke: noop,
        function: "tests::noop",
        location: "src/worker/mod.rs",
        converter: None,
    };

    fn builder() -> WorkerBuilder {
        let client = Client::builder()
            .region("us-east-1")
            .credentials(crate::credentials::Credentials::from_keys(
                "AKID", "secret", None,
            ))
            .build()
            .expect("client");
        Worker::builder(client, "d")
            .task_list("t")
            .activities(ActivitySet::from_registrations([&NOOP]).expect("set"))
    }

    fn offload_of(worker: &Worker) -> Option<(String, String, &'static str)> {
        worker.config.offload.as_ref().map(|o| {
            (
                o.store().bucket().to_owned(),
                o.store().prefix().to_owned(),
                o.source(),
            )
        })
    }

    #[test]
    fn offloading_comes_from_code_else_from_simpleflows_variable() {
        let env = |name: &str| {
            (name == crate::payload::BUCKET_VARIABLE).then(|| "env-bucket/dir".to_owned())
        };
        let from_env = builder().build_with_env(env).expect("builds");
        assert_eq!(
            offload_of(&from_env),
            Some((
                "env-bucket".to_owned(),
                "dir".to_owned(),
                "SIMPLEFLOW_JUMBO_FIELDS_BUCKET"
            ))
        );
        assert!(
            from_env
                .iam_policy()
                .contains("arn:aws:s3:::env-bucket/dir/*")
        );

        let off = builder()
            .offload_from_env(false)
            .build_with_env(env)
            .expect("builds");
        assert_eq!(offload_of(&off), None);
        let unset = builder().build_with_env(|_| None).expect("builds");
        assert_eq!(offload_of(&unset), None);

        let store = crate::payload::MemoryStore::new("code-bucket", "");
        let in_code = builder()
            .offload(Offload::new(store))
            .offload_from_env(false)
            .build_with_env(env)
            .expect("builds");
        assert_eq!(
            offload_of(&in_code),
            Some(("code-bucket".to_owned(), String::new(), "code"))
        );
        assert!(in_code.iam_policy().contains("arn:aws:s3:::code-bucket/*"));

        let err = builder()
            .build_with_env(|name| {
                (name == crate::payload::BUCKET_VARIABLE).then(|| "UPPER".to_owned())
            })
            .expect_err("a bucket name S3 refuses");
        assert_eq!(*err.kind(), crate::ErrorKind::Configuration);
    }

    #[test]
    fn default_identity_is_host_and_pid() {
        let identity = default_identity();
        assert!(identity.ends_with(&format!(":{}", std::process::id())));
    }
}
