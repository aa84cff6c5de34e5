//! The local SWF endpoint: see [`LocalSwf`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Client;
use crate::client::{ClientBuilder, RetryConfig};
use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind};
use crate::model::{
    ActivityTaskTimeoutType, ActivityType, HistoryEvent, RegisterActivityType,
    ScheduleActivityTaskDecisionAttributes, TaskList, WorkflowExecution,
};
use crate::payload::MemoryStore;

mod engine;
mod faults;
mod raw;
mod server;
mod validate;
mod wire;

use engine::{Engine, Kind, Schedule};
pub use faults::{Faults, Op, Stats, UnknownOp};
pub use raw::{RawRequest, RawResponse};
use server::Shared;

/// The access key id a [`LocalSwf`] accepts unless told otherwise.
pub const DEFAULT_ACCESS_KEY_ID: &str = "AKIDLOCALSWF";
/// The secret access key a [`LocalSwf`] accepts unless told otherwise.
pub const DEFAULT_SECRET_ACCESS_KEY: &str = "local-swf-secret-access-key";
/// The region a [`LocalSwf`] expects requests to be signed for unless told otherwise.
pub const DEFAULT_REGION: &str = "us-east-1";
/// How long a poll waits for a task unless told otherwise: SWF's 60 seconds.
pub const DEFAULT_MAX_POLL_WAIT: Duration = Duration::from_secs(60);

/// An in-process SWF endpoint for tests, examples and local development.
///
/// It listens on `127.0.0.1` on a port the OS picks and speaks SWF's wire protocol (`POST /`,
/// `X-Amz-Target: SimpleWorkflowService.<Operation>`, JSON 1.0), so a [`Client`] — or any SWF
/// SDK — can talk to it over real HTTP:
///
/// - every request's SigV4 signature is checked against the endpoint's credentials and region;
///   a missing or wrong one is answered as AWS does (`MissingAuthenticationTokenException`,
///   `IncompleteSignatureException`, `InvalidSignatureException`, `UnrecognizedClientException`);
/// - every request is checked against SWF's rules ([`crate::rules`]) and answered
///   `ValidationException` with SWF's wording, e.g. `1 validation error detected: Value '...' at
///   'taskList.name' failed to satisfy constraint: Member must have length less than or equal
///   to 256`;
/// - polls are long polls: a poll waits until a task is scheduled on its task list or
///   [`max_poll_wait`](LocalSwfBuilder::max_poll_wait) passes (then answers without a task, as
///   SWF does); waiting pollers are served first come, first served, and a task goes to
///   exactly one of them;
/// - activity tasks time out as SWF times them out (schedule-to-start, start-to-close,
///   schedule-to-close, heartbeat), a heartbeat after a cancel request answers
///   `cancelRequested: true`, and answering a closed task is an `UnknownResourceFault`;
/// - a decider's answer is carried out as SWF carries it out, for every decision type:
///   activities, timers (fired on the scaled clock), markers, signals and cancel requests to
///   other executions, child executions (their closing reported to the parent, the parent's
///   child policy applied when it is terminated or times out), continue-as-new, and completing,
///   failing or canceling the execution. A decision that cannot be carried out records SWF's
///   `*Failed` event with SWF's cause (`TIMER_ID_ALREADY_IN_USE`,
///   `UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION`, `WORKFLOW_ALREADY_RUNNING`, `UNHANDLED_DECISION`
///   for a close decision made while events the decider has not seen arrived, ...);
/// - decision tasks and executions time out (`DecisionTaskTimedOut`,
///   `WorkflowExecutionTimedOut`), and a decider's temporary task list override
///   (`taskListScheduleToStartTimeout`) times out back to the execution's own list.
///
/// Operations served: `PollForActivityTask`, `RespondActivityTaskCompleted` / `Failed` /
/// `Canceled`, `RecordActivityTaskHeartbeat`, `RegisterActivityType`, `DescribeActivityType`,
/// `DeprecateActivityType`, `ListActivityTypes`, `RegisterDomain`, `DescribeDomain`,
/// `RegisterWorkflowType`, `StartWorkflowExecution`, `PollForDecisionTask`,
/// `RespondDecisionTaskCompleted` (every decision type), `GetWorkflowExecutionHistory`,
/// `CountPendingActivityTasks` and `CountPendingDecisionTasks`; any other target is answered
/// `UnknownOperationException`. A closed execution is kept for its domain's retention period
/// ([`executions_held`](LocalSwf::executions_held)).
///
/// Besides HTTP, a programmatic API plays the decider: [`schedule_activity_task`]
/// schedules a task (in a workflow execution of its own), [`request_cancel`] asks to cancel
/// it, [`history`] and [`wait_for_outcome`] read what happened to it. [`faults`] injects
/// throttling (for the next requests, or a share of all requests for a while), 5xx answers,
/// expired keys, denied permissions, dropped connections and delays; [`stats`] counts
/// requests.
///
/// The endpoint stops on [`shutdown`](LocalSwf::shutdown) or when dropped; open connections
/// (also long polls) are closed.
///
/// # Differences from SWF
///
/// There is no Lambda: `ScheduleLambdaFunction` fails with
/// `LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION`, as in a region without it. The programmatic API
/// leaves timeouts that are neither given nor registered as defaults at `NONE` (a decider's
/// `ScheduleActivityTask` fails as on SWF); executions it creates have no decider, so no
/// decision tasks follow their activities' events, and one it creates for a single task
/// (without a workflow id) completes when that task closes, so that it is forgotten after its
/// retention period like any other. Error messages for unknown resources and bad names are
/// worded like SWF's but not always identically; state is kept in memory only.
///
/// As SWF, it rejects requests signed more than 5 minutes before or 15 minutes after its clock
/// (`InvalidSignatureException`, "Signature expired: ..." or "Signature not yet current: ...")
/// and dates its answers (`Date`); [`clock_ahead`](LocalSwfBuilder::clock_ahead) and
/// [`clock_behind`](LocalSwfBuilder::clock_behind) set its clock off, to test clients whose
/// clock is wrong.
///
/// Timers use Tokio's clock, so a test that pauses time (`tokio::time::pause`) can also
/// advance through timeouts.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use swf_activity::model::{
///     ActivityType, PollForActivityTask, RegisterActivityType, RespondActivityTaskCompleted,
/// };
/// use swf_activity::testing::{ActivityOutcome, LocalSwf, ScheduleSpec};
///
/// #[tokio::main]
/// async fn main() -> Result<(), swf_activity::Error> {
///     let swf = LocalSwf::builder().max_poll_wait(Duration::from_secs(5)).start().await?;
///     swf.register_domain("orders")?;
///     swf.register_activity_type(&RegisterActivityType::new("orders", "ChargeCard", "1"))?;
///
///     // Play the decider: schedule a task...
///     let task = swf.schedule_activity_task(
///         ScheduleSpec::new("orders", ActivityType::new("ChargeCard", "1"), "charge-1")
///             .task_list("payments")
///             .input(r#"{"amount":42}"#)
///             .start_to_close_timeout("30"),
///     )?;
///
///     // ...which a worker polls for and completes over HTTP...
///     let client = swf.client();
///     let polled = client
///         .poll_for_activity_task(&PollForActivityTask::new("orders", "payments"))
///         .await?
///         .expect("the scheduled task");
///     assert_eq!(polled.input.as_deref(), Some(r#"{"amount":42}"#));
///     client
///         .respond_activity_task_completed(
///             &RespondActivityTaskCompleted::new(polled.task_token).result("\"charged\""),
///         )
///         .await?;
///
///     // ...and read back what the decider would see.
///     let outcome = swf.wait_for_outcome(&task, Duration::from_secs(5)).await;
///     assert_eq!(
///         outcome,
///         Some(ActivityOutcome::Completed { result: Some("\"charged\"".into()) })
///     );
///     swf.shutdown().await;
///     Ok(())
/// }
/// ```
///
/// [`schedule_activity_task`]: LocalSwf::schedule_activity_task
/// [`request_cancel`]: LocalSwf::request_cancel
/// [`history`]: LocalSwf::history
/// [`wait_for_outcome`]: LocalSwf::wait_for_outcome
/// [`faults`]: LocalSwf::faults
/// [`stats`]: LocalSwf::stats
pub struct LocalSwf {
    addr: SocketAddr,
    url: String,
    region: String,
    access_key_id: String,
    secret_access_key: String,
    max_poll_wait: Duration,
    shared: Arc<Shared>,
    shutdown: Option<watch::Sender<()>>,
    task: Option<JoinHandle<()>>,
    payloads: Arc<MemoryStore>,
}

impl fmt::Debug for LocalSwf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalSwf")
            .field("url", &self.url)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("max_poll_wait", &self.max_poll_wait)
            .finish_non_exhaustive()
    }
}

/// Configures and starts a [`LocalSwf`].
#[derive(Clone)]
pub struct LocalSwfBuilder {
    keys: Vec<(String, String)>,
    region: String,
    max_poll_wait: Duration,
    second: Duration,
    /// The endpoint's clock minus the system clock, in milliseconds.
    clock_offset_ms: i64,
    bind: SocketAddr,
    /// Whether requests are served without checking their signatures.
    no_auth: bool,
}

impl fmt::Debug for LocalSwfBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("LocalSwfBuilder")
            .field("access_key_ids", &ids)
            .field("region", &self.region)
            .field("max_poll_wait", &self.max_poll_wait)
            .field("second", &self.second)
            .field("clock_offset_ms", &self.clock_offset_ms)
            .field("bind", &self.bind)
            .field("no_auth", &self.no_auth)
            .finish()
    }
}

impl Default for LocalSwfBuilder {
    fn default() -> LocalSwfBuilder {
        LocalSwfBuilder {
            keys: vec![(
                DEFAULT_ACCESS_KEY_ID.to_owned(),
                DEFAULT_SECRET_ACCESS_KEY.to_owned(),
            )],
            region: DEFAULT_REGION.to_owned(),
            max_poll_wait: DEFAULT_MAX_POLL_WAIT,
            second: Duration::from_secs(1),
            clock_offset_ms: 0,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            no_auth: false,
        }
    }
}

impl LocalSwfBuilder {
    /// The keys requests must be signed with ([`DEFAULT_ACCESS_KEY_ID`] and
    /// [`DEFAULT_SECRET_ACCESS_KEY`] unless set); [`LocalSwf::client`] signs with them.
    pub fn credentials(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> LocalSwfBuilder {
        self.keys[0] = (access_key_id.into(), secret_access_key.into());
        self
    }

    /// Accepts requests signed with these keys too.
    pub fn also_accept(
        mut self,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> LocalSwfBuilder {
        self.keys
            .push((access_key_id.into(), secret_access_key.into()));
        self
    }

    /// The region requests must be signed for ([`DEFAULT_REGION`] unless set).
    pub fn region(mut self, region: impl Into<String>) -> LocalSwfBuilder {
        self.region = region.into();
        self
    }

    /// How long a poll waits for a task before answering without one (SWF's 60 s unless
    /// set). Tests that poll empty task lists want a short one.
    pub fn max_poll_wait(mut self, wait: Duration) -> LocalSwfBuilder {
        self.max_poll_wait = wait;
        self
    }

    /// How long one second of an SWF timeout lasts (one second unless set).
    ///
    /// SWF's timeouts are whole seconds; with `second_length(Duration::from_millis(50))` a
    /// task with `startToCloseTimeout` `"2"` times out after 100 ms, so tests of timeouts stay
    /// fast. Everything else (poll waits, delays) keeps real time.
    pub fn second_length(mut self, second: Duration) -> LocalSwfBuilder {
        self.second = second;
        self
    }

    /// Runs the endpoint's clock `by` ahead of the system clock, as SWF looks to a client
    /// whose clock is `by` slow.
    ///
    /// The endpoint's clock is what it checks signing times against (at most 5 minutes behind
    /// it and 15 ahead, as SWF) and what the `Date` header of its answers says; task timeouts
    /// and event timestamps keep the system clock, and [`LocalSwf::raw_request`] signs with the
    /// system clock unless told otherwise ([`RawRequest::signed_at`], e.g. with
    /// [`LocalSwf::now`]). The last of `clock_ahead` and
    /// [`clock_behind`](LocalSwfBuilder::clock_behind) wins.
    pub fn clock_ahead(mut self, by: Duration) -> LocalSwfBuilder {
        self.clock_offset_ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self
    }

    /// Runs the endpoint's clock `by` behind the system clock, as SWF looks to a client whose
    /// clock is `by` fast; see [`clock_ahead`](LocalSwfBuilder::clock_ahead).
    pub fn clock_behind(mut self, by: Duration) -> LocalSwfBuilder {
        self.clock_offset_ms = i64::try_from(by.as_millis()).map_or(i64::MIN, |ms| -ms);
        self
    }

    /// The address to listen on (`127.0.0.1:0` unless set: a port the system chooses, on
    /// loopback only; [`LocalSwf::addr`] says which).
    pub fn bind(mut self, addr: SocketAddr) -> LocalSwfBuilder {
        self.bind = addr;
        self
    }

    /// Serves requests whatever their signature, or without one, for SDKs and scripts that
    /// cannot be given the endpoint's keys. The signing time is not checked either. Off unless
    /// set: every request's SigV4 signature is checked, as SWF does.
    pub fn no_auth(mut self) -> LocalSwfBuilder {
        self.no_auth = true;
        self
    }

    /// Binds the [`bind`](LocalSwfBuilder::bind) address and starts serving (needs a Tokio
    /// runtime with timers and I/O).
    ///
    /// Fails with [`ErrorKind::Configuration`] when the region is not a region name, an access
    /// key id or secret is empty, or no port can be bound.
    pub async fn start(self) -> Result<LocalSwf, Error> {
        crate::endpoint::check_region(&self.region)?;
        if self
            .keys
            .iter()
            .any(|(id, secret)| id.is_empty() || secret.is_empty())
        {
            return Err(Error::configuration(
                "the local SWF's access key id and secret must not be empty",
            ));
        }
        let listener = TcpListener::bind(self.bind).await.map_err(|e| {
            Error::configuration(format!("the local SWF cannot bind {}", self.bind)).with_source(e)
        })?;
        let addr = listener.local_addr().map_err(|e| {
            Error::configuration("the local SWF has no local address").with_source(e)
        })?;
        let (shutdown, shutdown_rx) = watch::channel(());
        let engine = Engine::new(
            self.second,
            self.max_poll_wait,
            self.region.clone(),
            shutdown_rx.clone(),
        );
        let shared = Arc::new(Shared {
            engine,
            faults: Faults::default(),
            stats: Mutex::new(BTreeMap::new()),
            keys: self.keys.iter().cloned().collect::<HashMap<_, _>>(),
            region: self.region.clone(),
            clock_offset_ms: self.clock_offset_ms,
            no_auth: self.no_auth,
        });
        let task = tokio::spawn(server::accept_loop(
            listener,
            Arc::clone(&shared),
            shutdown_rx,
        ));
        let (access_key_id, secret_access_key) = self.keys[0].clone();
        Ok(LocalSwf {
            addr,
            url: format!("http://{addr}"),
            region: self.region,
            access_key_id,
            secret_access_key,
            max_poll_wait: self.max_poll_wait,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
            payloads: Arc::new(MemoryStore::new(LOCAL_PAYLOAD_BUCKET, "jumbo")),
        })
    }
}

/// The bucket of [`LocalSwf::payload_store`].
pub const LOCAL_PAYLOAD_BUCKET: &str = "local-swf-payloads";

/// An activity task to schedule with [`LocalSwf::schedule_activity_task`]: the domain, the
/// `ScheduleActivityTask` decision's attributes, and optionally the workflow execution to
/// schedule it in.
///
/// Timeouts are SWF strings (whole seconds or `"NONE"`); those not given are the activity
/// type's registered defaults, or `NONE`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScheduleSpec {
    /// The domain (registered, as the activity type in it).
    pub domain: String,
    /// The open execution (created by the programmatic API) to schedule the task in, by
    /// workflow id; `None` starts a new execution for the task.
    pub workflow_id: Option<String>,
    /// What a decider's `ScheduleActivityTask` decision would say.
    pub attributes: ScheduleActivityTaskDecisionAttributes,
}

impl ScheduleSpec {
    /// A task of `activity_type` with id `activity_id` in `domain`, on the type's default task
    /// list unless [`task_list`](ScheduleSpec::task_list) says otherwise.
    pub fn new(
        domain: impl Into<String>,
        activity_type: ActivityType,
        activity_id: impl Into<String>,
    ) -> ScheduleSpec {
        ScheduleSpec::from_attributes(
            domain,
            ScheduleActivityTaskDecisionAttributes::new(activity_type, activity_id),
        )
    }

    /// A task with the given decision attributes.
    pub fn from_attributes(
        domain: impl Into<String>,
        attributes: ScheduleActivityTaskDecisionAttributes,
    ) -> ScheduleSpec {
        ScheduleSpec {
            domain: domain.into(),
            workflow_id: None,
            attributes,
        }
    }

    /// Schedules the task in the open execution `workflow_id` (created by an earlier call), or
    /// starts one with that id.
    pub fn workflow_id(mut self, workflow_id: impl Into<String>) -> ScheduleSpec {
        self.workflow_id = Some(workflow_id.into());
        self
    }

    /// The task list.
    pub fn task_list(mut self, task_list: impl Into<String>) -> ScheduleSpec {
        self.attributes.task_list = Some(TaskList::new(task_list));
        self
    }

    /// The input.
    pub fn input(mut self, input: impl Into<String>) -> ScheduleSpec {
        self.attributes.input = Some(input.into());
        self
    }

    /// The control data (recorded, never sent to workers).
    pub fn control(mut self, control: impl Into<String>) -> ScheduleSpec {
        self.attributes.control = Some(control.into());
        self
    }

    /// The schedule-to-start timeout: seconds (`"10"`) or `"NONE"`.
    pub fn schedule_to_start_timeout(mut self, timeout: impl Into<String>) -> ScheduleSpec {
        self.attributes.schedule_to_start_timeout = Some(timeout.into());
        self
    }

    /// The start-to-close timeout: seconds or `"NONE"`.
    pub fn start_to_close_timeout(mut self, timeout: impl Into<String>) -> ScheduleSpec {
        self.attributes.start_to_close_timeout = Some(timeout.into());
        self
    }

    /// The schedule-to-close timeout: seconds or `"NONE"`.
    pub fn schedule_to_close_timeout(mut self, timeout: impl Into<String>) -> ScheduleSpec {
        self.attributes.schedule_to_close_timeout = Some(timeout.into());
        self
    }

    /// The heartbeat timeout: seconds or `"NONE"`.
    pub fn heartbeat_timeout(mut self, timeout: impl Into<String>) -> ScheduleSpec {
        self.attributes.heartbeat_timeout = Some(timeout.into());
        self
    }

    /// The task priority (higher first).
    pub fn priority(mut self, priority: i32) -> ScheduleSpec {
        self.attributes.task_priority = Some(priority.to_string());
        self
    }
}

/// An activity task scheduled with [`LocalSwf::schedule_activity_task`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledActivity {
    key: u64,
    activity_id: String,
    workflow_execution: WorkflowExecution,
    scheduled_event_id: i64,
}

impl ScheduledActivity {
    /// The activity id.
    pub fn activity_id(&self) -> &str {
        &self.activity_id
    }

    /// The workflow execution the task belongs to.
    pub fn workflow_execution(&self) -> &WorkflowExecution {
        &self.workflow_execution
    }

    /// The id of its `ActivityTaskScheduled` event.
    pub fn scheduled_event_id(&self) -> i64 {
        self.scheduled_event_id
    }
}

/// How an activity task ended, as its closing history event says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActivityOutcome {
    /// `ActivityTaskCompleted`.
    Completed {
        /// The result the worker sent.
        result: Option<String>,
    },
    /// `ActivityTaskFailed`.
    Failed {
        /// The reason the worker sent.
        reason: Option<String>,
        /// The details the worker sent.
        details: Option<String>,
    },
    /// `ActivityTaskCanceled`.
    Canceled {
        /// The details the worker sent.
        details: Option<String>,
    },
    /// `ActivityTaskTimedOut`.
    TimedOut {
        /// Which timeout.
        timeout_type: ActivityTaskTimeoutType,
        /// The details of the last heartbeat.
        details: Option<String>,
    },
}

impl ActivityOutcome {
    fn from_event(event: &Value) -> Option<ActivityOutcome> {
        let event_type = event.get("eventType")?.as_str()?;
        let attrs = event
            .as_object()?
            .iter()
            .find(|(k, _)| k.ends_with("EventAttributes"))?
            .1;
        let get = |k: &str| attrs.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(match event_type {
            "ActivityTaskCompleted" => ActivityOutcome::Completed {
                result: get("result"),
            },
            "ActivityTaskFailed" => ActivityOutcome::Failed {
                reason: get("reason"),
                details: get("details"),
            },
            "ActivityTaskCanceled" => ActivityOutcome::Canceled {
                details: get("details"),
            },
            "ActivityTaskTimedOut" => ActivityOutcome::TimedOut {
                timeout_type: ActivityTaskTimeoutType::from(
                    get("timeoutType").unwrap_or_default().as_str(),
                ),
                details: get("details"),
            },
            _ => return None,
        })
    }
}

fn events(values: Vec<Value>) -> Vec<HistoryEvent> {
    values
        .into_iter()
        .filter_map(|v| match serde_json::from_value::<HistoryEvent>(v) {
            Ok(event) => Some(event),
            Err(e) => {
                tracing::warn!(error = %e, "local SWF: a history event does not fit the model");
                None
            }
        })
        .collect()
}

impl LocalSwf {
    /// A builder with the defaults: [`DEFAULT_ACCESS_KEY_ID`] / [`DEFAULT_SECRET_ACCESS_KEY`],
    /// [`DEFAULT_REGION`], [`DEFAULT_MAX_POLL_WAIT`], one-second seconds.
    pub fn builder() -> LocalSwfBuilder {
        LocalSwfBuilder::default()
    }

    /// Starts a local SWF with the defaults of [`LocalSwf::builder`].
    pub async fn start() -> Result<LocalSwf, Error> {
        LocalSwf::builder().start().await
    }

    /// The endpoint URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The socket address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The payload store that goes with this SWF: in memory, bucket
    /// [`LOCAL_PAYLOAD_BUCKET`], keys under `jumbo/`. Give it to a worker with
    /// [`Offload::new`](crate::payload::Offload::new), and read what the worker stored
    /// from it (e.g. with [`resolve`](crate::payload::resolve)), as a decider would from S3.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), swf_activity::Error> {
    /// use swf_activity::payload::Offload;
    /// use swf_activity::testing::LocalSwf;
    ///
    /// let swf = LocalSwf::start().await?;
    /// let offload = Offload::new(swf.payload_store());
    /// # let _ = offload;
    /// # Ok(())
    /// # }
    /// ```
    pub fn payload_store(&self) -> Arc<MemoryStore> {
        Arc::clone(&self.payloads)
    }

    /// The region requests must be signed for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The time by the endpoint's clock: the system time, shifted by
    /// [`clock_ahead`](LocalSwfBuilder::clock_ahead) or
    /// [`clock_behind`](LocalSwfBuilder::clock_behind).
    pub fn now(&self) -> SystemTime {
        self.shared.now()
    }

    /// How many workflow executions the endpoint holds: the open ones, and the closed ones
    /// still within their domain's retention period (`workflowExecutionRetentionPeriodInDays`,
    /// on the scaled clock of [`second_length`](LocalSwfBuilder::second_length)). A closed
    /// execution is forgotten when its period ends, with its history, its tasks and their
    /// tokens, as SWF forgets it; `0` (or `NONE`) forgets it when it closes.
    pub fn executions_held(&self) -> usize {
        self.shared.engine.read(|st| st.executions_held())
    }

    /// The keys [`LocalSwf::client`] signs with.
    pub fn credentials(&self) -> Credentials {
        Credentials::from_keys(&self.access_key_id, &self.secret_access_key, None)
    }

    /// A client builder set up for this endpoint: its URL, region and credentials, a poll
    /// timeout 10 s above [`max_poll_wait`](LocalSwfBuilder::max_poll_wait), and quick
    /// retries (10 ms base delay, 250 ms cap) so retry tests stay fast.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .region(&self.region)
            .endpoint_url(&self.url)
            .credentials(self.credentials())
            .poll_timeout(self.max_poll_wait + Duration::from_secs(10))
            .retry_config(
                RetryConfig::standard()
                    .with_base_delay(Duration::from_millis(10))
                    .with_max_delay(Duration::from_millis(250)),
            )
    }

    /// A client for this endpoint, as [`LocalSwf::client_builder`] sets it up.
    pub fn client(&self) -> Client {
        match self.client_builder().build() {
            Ok(client) => client,
            // The URL, region and keys were all checked by `start`.
            Err(e) => unreachable!("the local SWF's client configuration is valid: {e}"),
        }
    }

    /// A request to `operation` (e.g. `"PollForActivityTask"`) with a JSON `body`, to build
    /// by hand: signed with this endpoint's keys unless changed. For what the typed client
    /// refuses to send, e.g. values that break SWF's rules or bad signatures.
    pub fn raw_request(&self, operation: &str, body: impl Into<String>) -> RawRequest {
        RawRequest {
            url: format!("{}/", self.url),
            target: Some(format!("SimpleWorkflowService.{operation}")),
            body: body.into(),
            keys: Some((self.access_key_id.clone(), self.secret_access_key.clone())),
            region: self.region.clone(),
            time: None,
            headers: Vec::new(),
            timeout: self.max_poll_wait + Duration::from_secs(10),
        }
    }

    /// The fault injection plan (shared: configure it at any time).
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// How many requests arrived so far, per operation.
    pub fn stats(&self) -> Stats {
        Stats {
            by_target: self
                .shared
                .stats
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
        }
    }

    /// Registers a domain (as `RegisterDomain` with a retention period of 1 day).
    ///
    /// Fails with `DomainAlreadyExistsFault` or a validation error, as SWF would.
    pub fn register_domain(&self, name: &str) -> Result<(), Error> {
        self.shared
            .engine
            .register_domain(name, 1)
            .map_err(|e| e.into_error().with_operation("RegisterDomain"))
    }

    /// Registers an activity type with the defaults of `request`, as `RegisterActivityType`
    /// does.
    pub fn register_activity_type(&self, request: &RegisterActivityType) -> Result<(), Error> {
        let body = serde_json::to_value(request).map_err(|e| {
            Error::new(ErrorKind::Validation { client_side: true }, e.to_string()).with_source(e)
        })?;
        self.shared
            .engine
            .register_activity_type(&body)
            .map_err(|e| e.into_error().with_operation("RegisterActivityType"))
    }

    /// Schedules an activity task, as a decider's `ScheduleActivityTask` decision would: in a
    /// new workflow execution (type `swf-activity-local` version `1`, history
    /// `WorkflowExecutionStarted`, a decision task, `ActivityTaskScheduled`), or in the open
    /// one named by [`ScheduleSpec::workflow_id`]. A poller waiting on the task list gets it
    /// at once.
    ///
    /// Fails with `UnknownResourceFault` when the domain or the activity type does not exist,
    /// `TypeDeprecatedFault` when the type is deprecated, `DefaultUndefinedFault` when neither
    /// the spec nor the type names a task list, and a validation error for values that break
    /// SWF's rules or an activity id already in use in the execution.
    pub fn schedule_activity_task(&self, spec: ScheduleSpec) -> Result<ScheduledActivity, Error> {
        let attributes = serde_json::to_value(&spec.attributes).map_err(|e| {
            Error::new(ErrorKind::Validation { client_side: true }, e.to_string()).with_source(e)
        })?;
        let schedule = Schedule {
            domain: spec.domain,
            workflow_id: spec.workflow_id,
            attributes,
        };
        let (key, run_id, workflow_id, scheduled_event_id) = self
            .shared
            .engine
            .schedule(&schedule)
            .map_err(|e| e.into_error().with_operation("ScheduleActivityTask"))?;
        Ok(ScheduledActivity {
            key,
            activity_id: spec.attributes.activity_id,
            workflow_execution: WorkflowExecution::new(workflow_id, run_id),
            scheduled_event_id,
        })
    }

    /// Asks to cancel a task, as a decider's `RequestCancelActivityTask` decision would: the
    /// history records `ActivityTaskCancelRequested`; a task no worker has taken yet is
    /// canceled at once (`ActivityTaskCanceled`), a started one learns of it from its next
    /// heartbeat (`cancelRequested: true`).
    ///
    /// Fails with `UnknownResourceFault` when the task is already closed.
    pub fn request_cancel(&self, task: &ScheduledActivity) -> Result<(), Error> {
        self.shared
            .engine
            .cancel(task.key)
            .map_err(|e| e.into_error().with_operation("RequestCancelActivityTask"))
    }

    /// The events of one activity task: `ActivityTaskScheduled` and every later event about
    /// it (`ActivityTaskStarted`, `ActivityTaskCancelRequested`, and the closing one).
    pub fn history(&self, task: &ScheduledActivity) -> Vec<HistoryEvent> {
        events(self.shared.engine.activity_events(task.key))
    }

    /// The whole history of a workflow execution (empty if there is no such execution).
    pub fn events(&self, execution: &WorkflowExecution) -> Vec<HistoryEvent> {
        events(
            self.shared
                .engine
                .history(&execution.run_id)
                .unwrap_or_default(),
        )
    }

    /// How the task ended, if it has.
    pub fn outcome(&self, task: &ScheduledActivity) -> Option<ActivityOutcome> {
        self.shared.engine.read(|st| {
            st.activities
                .get(&task.key)
                .and_then(|a| a.outcome.as_ref())
                .and_then(ActivityOutcome::from_event)
        })
    }

    /// Whether a worker has taken the task (it may have closed since).
    pub fn is_started(&self, task: &ScheduledActivity) -> bool {
        self.shared.engine.read(|st| {
            st.activities
                .get(&task.key)
                .is_some_and(|a| a.started_event_id > 0)
        })
    }

    /// Waits until the task ends, at most `timeout`; `None` if it is still open then.
    pub async fn wait_for_outcome(
        &self,
        task: &ScheduledActivity,
        timeout: Duration,
    ) -> Option<ActivityOutcome> {
        self.wait_until(timeout, || self.outcome(task)).await
    }

    /// Waits until a worker has taken the task, at most `timeout`; whether it has.
    pub async fn wait_for_started(&self, task: &ScheduledActivity, timeout: Duration) -> bool {
        self.wait_until(timeout, || self.is_started(task).then_some(()))
            .await
            .is_some()
    }

    /// How many activity pollers are waiting on a task list right now.
    pub fn waiting_pollers(&self, domain: &str, task_list: &str) -> usize {
        self.shared
            .engine
            .waiting_pollers(Kind::Activity, domain, task_list)
    }

    /// How many activity tasks wait for a poller on a task list.
    pub fn pending_tasks(&self, domain: &str, task_list: &str) -> usize {
        self.shared
            .engine
            .pending_tasks(Kind::Activity, domain, task_list)
    }

    /// Waits until at least `n` activity pollers wait on a task list, at most `timeout`;
    /// whether they do. Tests use it to schedule a task only once a poll is blocked.
    pub async fn wait_for_pollers(
        &self,
        domain: &str,
        task_list: &str,
        n: usize,
        timeout: Duration,
    ) -> bool {
        self.wait_until(timeout, || {
            (self.waiting_pollers(domain, task_list) >= n).then_some(())
        })
        .await
        .is_some()
    }

    /// Waits until no activity poller waits on a task list, at most `timeout`; whether none
    /// does. A poll whose client went away (closed connection) stops waiting at once.
    pub async fn wait_for_no_pollers(
        &self,
        domain: &str,
        task_list: &str,
        timeout: Duration,
    ) -> bool {
        self.wait_until(timeout, || {
            (self.waiting_pollers(domain, task_list) == 0).then_some(())
        })
        .await
        .is_some()
    }

    /// Waits until `check` returns something, re-checking on every change of the state.
    async fn wait_until<T>(&self, timeout: Duration, check: impl Fn() -> Option<T>) -> Option<T> {
        let mut changes = self.shared.engine.subscribe();
        let wait = async {
            loop {
                if let Some(found) = check() {
                    return Some(found);
                }
                if changes.changed().await.is_err() {
                    return check();
                }
            }
        };
        tokio::time::timeout(timeout, wait).await.ok().flatten()
    }

    /// Stops serving: closes the listener and every open connection (long polls included),
    /// stops the timers, and waits for all of it.
    pub async fn shutdown(mut self) {
        self.shutdown.take();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for LocalSwf {
    fn drop(&mut self) {
        // Closing the channel stops the accept loop and the timers; aborting the loop's task
        // closes the connections at once.
        self.shutdown.take();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventType;

    #[test]
    fn outcomes_read_the_closing_event() {
        let event = serde_json::json!({
            "eventId": 7, "eventTimestamp": 1.5, "eventType": "ActivityTaskTimedOut",
            "activityTaskTimedOutEventAttributes": {
                "timeoutType": "HEARTBEAT", "scheduledEventId": 5, "startedEventId": 6,
                "details": "50%"
            }
        });
        assert_eq!(
            ActivityOutcome::from_event(&event),
            Some(ActivityOutcome::TimedOut {
                timeout_type: ActivityTaskTimeoutType::Heartbeat,
                details: Some("50%".into())
            })
        );
        let parsed = events(vec![event]);
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].event_type, EventType::ActivityTaskTimedOut);
    }
}
