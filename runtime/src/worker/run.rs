//! The worker's main loop: supervised pollers that each reserve a slot before polling, and the
//! shutdown sequence.

use crate::convert::Converter;
use crate::convert::Encoding;
use crate::model::ActivityType;
use crate::payload::encoding_limit;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::task::Poll;
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

use crate::latch::Latch;
use crate::metrics::{self, AnswerMetrics, PollMetrics, SlotMetrics, TypeMetrics};
use crate::worker::health::{Health, WorkerState};
use crate::worker::rate::{LogLimiter, RateLimiter};

use crate::error::Error;
use crate::model::PollForActivityTask;
use crate::registry::{ActivityDescriptor, ActivityRegistration};
use crate::worker::backoff::Backoff;
use crate::worker::register::{self, Refused, Registered};
use crate::worker::task;
use crate::worker::{Config, Worker};

/// One served activity type, with what registration learnt about it.
#[derive(Debug)]
pub(crate) struct Served {
    pub(crate) registration: &'static ActivityRegistration,
    pub(crate) heartbeat_timeout: Option<Duration>,
    /// Its metrics on each of the worker's task lists, by the list's index.
    pub(crate) metrics: Vec<Arc<TypeMetrics>>,
}

/// What every poller and task shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: Config,
    /// By `(name, version)`.
    pub(crate) served: HashMap<(String, String), Served>,
    /// `name@version, ...` of the served types, for the reason of an unknown type's failure.
    pub(crate) served_list: String,
    /// Set when shutdown begins; every task's context holds it.
    pub(crate) shutdown: Arc<Latch>,
    /// Set once the shutdown deadline has passed: running tasks are answered now.
    pub(crate) deadline: Latch,
    /// When the whole shutdown must be over, once it has begun and if it is bounded.
    pub(crate) shutdown_bound: OnceLock<Instant>,
    /// The worker-wide pace of heartbeats (`None`: no limit).
    pub(crate) heartbeat_rate: Option<RateLimiter>,
    /// One line a minute about heartbeats SWF refuses for good, rather than one per task.
    pub(crate) refused_heartbeat_log: LogLimiter,
    /// The default converter and the longest value a converter may encode: SWF's limit, or
    /// the largest value the payload store takes.
    pub(crate) encoding: Encoding,
    /// The execution slots: each poll holds one, then the task it brings, until answered.
    pub(crate) slots: Arc<Semaphore>,
    /// `max_tasks_per_second`, taken before each poll (`None`: no limit).
    pub(crate) task_rate: Option<RateLimiter>,
    pub(crate) health: Health,
    /// Per task list, by index.
    pub(crate) polls: Vec<PollMetrics>,
    pub(crate) slot_metrics: SlotMetrics,
    pub(crate) answers: AnswerMetrics,
}

impl Shared {
    /// The converter of tasks of `activity_type`: the one the activity names, else the
    /// worker's default (also for types the worker does not serve).
    pub(crate) fn converter_of(&self, activity_type: &ActivityType) -> &dyn Converter {
        let default = self.config.converter.as_converter();
        let key = (activity_type.name.clone(), activity_type.version.clone());
        match self.served.get(&key) {
            Some(served) => served.registration.converter(default),
            None => default,
        }
    }

    /// Until when an answer may be retried, the client's own attempts included: the
    /// configured time from now, but never past the end of a bounded shutdown, after which
    /// nobody waits for it.
    pub(crate) fn respond_deadline(&self) -> Instant {
        let configured = Instant::now() + self.config.respond_timeout;
        match self.shutdown_bound.get() {
            Some(bound) => configured.min(*bound),
            None => configured,
        }
    }

    /// Gives a slot back, and counts it free.
    pub(crate) fn release(&self, slot: OwnedSemaphorePermit) {
        drop(slot);
        self.slot_metrics.released();
    }

    /// The metrics of tasks of `activity_type` on task list `list` (an index): the served
    /// type's, or new ones for a type the worker does not serve.
    pub(crate) fn type_metrics(
        &self,
        activity_type: &ActivityType,
        list: usize,
    ) -> Arc<TypeMetrics> {
        let key = (activity_type.name.clone(), activity_type.version.clone());
        match self.served.get(&key).and_then(|s| s.metrics.get(list)) {
            Some(metrics) => Arc::clone(metrics),
            None => metrics::unknown_type(
                &self.config.domain,
                self.task_list(list),
                &activity_type.name,
                &activity_type.version,
            ),
        }
    }

    /// The name of task list `list` (an index).
    pub(crate) fn task_list(&self, list: usize) -> &str {
        self.config.task_lists.get(list).map_or("", String::as_str)
    }
}

/// `name@version: converter, ...` of the served types, for the start-up line.
fn converters(shared: &Shared) -> String {
    let default = shared.config.converter.as_converter();
    let mut served: Vec<String> = shared
        .served
        .values()
        .map(|s| {
            let d = &s.registration.descriptor;
            let name = s.registration.converter(default).name();
            format!("{}@{}: {name}", d.name, d.version)
        })
        .collect();
    served.sort();
    served.join(", ")
}

/// Sends `true` when dropped: the signal, or the `run_until` future going away, starts the
/// shutdown.
struct StopOnDrop(watch::Sender<bool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.send_replace(true);
    }
}

pub(crate) async fn run<F: Future>(worker: Worker, signal: F) -> Result<(), Error> {
    let Worker {
        config,
        activities,
        health,
    } = worker;
    metrics::describe();
    health.set_state(WorkerState::Registering);
    let mut signal = std::pin::pin!(signal);
    // Registration is retried for minutes when SWF refuses it; the signal ends it.
    let registered = tokio::select! {
        // The signal first: one that has already fired starts nothing at all.
        biased;
        _ = signal.as_mut() => None,
        served = register_all(&config, &activities, &health) => Some(served),
    };
    let served = match registered {
        Some(Ok(served)) => served,
        Some(Err(e)) => {
            health.set_state(WorkerState::Stopped);
            return Err(e);
        }
        None => {
            tracing::info!("worker stopped before registration finished; it took no task");
            health.set_state(WorkerState::Stopped);
            return Ok(());
        }
    };
    let served_list = activities
        .descriptors()
        .map(|d| format!("{}@{}", d.name, d.version))
        .collect::<Vec<_>>()
        .join(", ");

    let shared = Arc::new(Shared {
        heartbeat_rate: config.max_heartbeats_per_second.map(RateLimiter::new),
        task_rate: config.max_tasks_per_second.map(RateLimiter::evenly),
        encoding: Encoding::new(config.converter.clone())
            .max_len(encoding_limit(config.offload.as_ref())),
        slots: Arc::new(Semaphore::new(config.max_concurrent_tasks)),
        polls: config
            .task_lists
            .iter()
            .map(|list| PollMetrics::new(&config.domain, list))
            .collect(),
        slot_metrics: SlotMetrics::new(&config.domain, config.max_concurrent_tasks),
        answers: AnswerMetrics::new(&config.domain),
        health,
        config,
        served,
        served_list,
        shutdown: Arc::new(Latch::default()),
        deadline: Latch::default(),
        shutdown_bound: OnceLock::new(),
        refused_heartbeat_log: LogLimiter::new(Duration::from_secs(60)),
    });
    let config = &shared.config;
    tracing::info!(
        domain = %config.domain,
        task_lists = ?config.task_lists,
        identity = %config.identity,
        activity_types = %shared.served_list,
        converters = %converters(&shared),
        max_concurrent_tasks = config.max_concurrent_tasks,
        pollers = config.pollers,
        max_tasks_per_second = config.max_tasks_per_second,
        "worker started"
    );
    if let Some(offload) = &config.offload {
        tracing::info!(
            bucket = %offload.store().bucket(),
            prefix = %offload.store().prefix(),
            threshold = offload.threshold_len(),
            max_size = offload.max_size_len(),
            configured_by = offload.source(),
            "values longer than the threshold go to the payload store"
        );
    }

    // A signal that has already fired starts no poll at all.
    let fired = std::future::poll_fn(|cx| Poll::Ready(signal.as_mut().poll(cx).is_ready())).await;
    let (stop, stopped) = watch::channel(fired);
    // The rest runs on a task of its own, so that dropping this future (a `timeout` or
    // `select!` around the worker) starts the graceful shutdown, as the signal does, instead of
    // dropping open polls that SWF may have handed a task.
    let health = shared.health.clone();
    let supervisor = tokio::spawn(supervise(shared, stopped, spawn_poller));
    let stop = StopOnDrop(stop);
    if !fired {
        signal.await;
    }
    drop(stop);
    let ended = supervisor.await;
    health.set_state(WorkerState::Stopped);
    match ended {
        Ok(()) => Ok(()),
        // Our own defect: surface it where the caller can see it.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(Error::configuration(
            "the worker's tasks were cancelled: the tokio runtime is shutting down",
        )),
    }
}

/// Registers every served type (or reads the declared heartbeat timeouts, when the worker does
/// not register), with its metrics on every task list.
async fn register_all(
    config: &Config,
    activities: &crate::registry::ActivitySet,
    health: &Health,
) -> Result<HashMap<(String, String), Served>, Error> {
    let mut served = HashMap::new();
    for a in activities.iter() {
        let d = &a.descriptor;
        let registered = if config.register_types {
            let converter = a.converter(config.converter.as_converter()).name();
            register_retrying(config, d, converter, health).await?
        } else {
            Registered {
                heartbeat_timeout: register::declared_heartbeat_timeout(d),
                ..Registered::default()
            }
        };
        served.insert(
            (d.name.to_owned(), d.version.to_owned()),
            Served {
                registration: a,
                heartbeat_timeout: registered.heartbeat_timeout,
                metrics: config
                    .task_lists
                    .iter()
                    .map(|list| Arc::new(TypeMetrics::new(&config.domain, list, d.name, d.version)))
                    .collect(),
            },
        );
    }
    Ok(served)
}

/// Registers one type, trying again with backoff while the failure may pass, for up to the
/// configured registration timeout.
async fn register_retrying(
    config: &Config,
    d: &ActivityDescriptor,
    converter: &str,
    health: &Health,
) -> Result<Registered, Error> {
    let domain = &config.domain;
    let give_up_at = Instant::now() + config.registration_timeout;
    let (base, max) = config.poll_backoff;
    let mut backoff = Backoff::new(base, max);
    loop {
        let refused = match register::register_one(
            &config.client,
            domain,
            d,
            converter,
            config.strict_registration,
        )
        .await
        {
            Ok(registered) => {
                let result = if registered.already {
                    "already_registered"
                } else {
                    "registered"
                };
                metrics::registration(domain, d.name, d.version, result);
                metrics::drift(domain, d.name, d.version, registered.drift);
                return Ok(registered);
            }
            Err(refused) => refused,
        };
        let (error, result) = match refused {
            Refused::Transient(error) => (error, None),
            Refused::Deprecated(error) => (error, Some("deprecated")),
            Refused::Final(error) => (error, Some("failed")),
        };
        if let Some(result) = result {
            metrics::registration(domain, d.name, d.version, result);
            health.error("registration", &error);
            return Err(error);
        }
        metrics::registration(domain, d.name, d.version, "failed");
        health.error("registration", &error);
        let delay = backoff.next_delay();
        if Instant::now() + delay >= give_up_at {
            tracing::error!(
                activity_type = d.name,
                version = d.version,
                error = %error,
                attempts = backoff.failures(),
                "registration failed; giving up after the registration timeout"
            );
            return Err(error);
        }
        tracing::warn!(
            activity_type = d.name,
            version = d.version,
            error = %error,
            attempts = backoff.failures(),
            retry_in_ms = millis(delay),
            "registration failed; trying again"
        );
        tokio::time::sleep(delay).await;
    }
}

/// Starts poller `index` on `pollers`.
fn spawn_poller(
    pollers: &mut JoinSet<()>,
    shared: &Arc<Shared>,
    stop: &watch::Receiver<bool>,
    index: usize,
) -> tokio::task::Id {
    pollers
        .spawn(poll_loop(Arc::clone(shared), stop.clone(), index))
        .id()
}

/// The type of [`spawn_poller`], replaceable in tests.
type SpawnPoller =
    fn(&mut JoinSet<()>, &Arc<Shared>, &watch::Receiver<bool>, usize) -> tokio::task::Id;

/// Runs the pollers until `stop` turns true (or its sender is gone), replacing any that ends
/// before, then shuts down: no new polls, the deadline, open polls and running tasks waited
/// for, and the bound on the whole shutdown.
async fn supervise(shared: Arc<Shared>, mut stop: watch::Receiver<bool>, spawn: SpawnPoller) {
    let config = &shared.config;
    let slots = Arc::clone(&shared.slots);
    let (polls_stop, polls_stopped) = watch::channel(false);
    let mut pollers = JoinSet::new();
    let mut indexes = HashMap::new();
    if !*stop.borrow() {
        shared.health.set_state(WorkerState::Polling);
        for index in 0..config.pollers {
            indexes.insert(spawn(&mut pollers, &shared, &polls_stopped, index), index);
        }
        loop {
            tokio::select! {
                // An error: the sender is gone, which means stop too.
                _ = stop.wait_for(|s| *s) => break,
                Some(joined) = pollers.join_next_with_id() => {
                    // Before shutdown a poller never ends by itself: one that did hit a defect.
                    // Replace it, or its share of the task lists would silently go unpolled.
                    let (id, why) = match joined {
                        Ok((id, ())) => (id, "it returned".to_owned()),
                        Err(e) => (e.id(), join_error(e)),
                    };
                    let index = indexes.remove(&id).unwrap_or(0);
                    tracing::error!(poller = index, error = %why, "a poller ended abnormally; starting another");
                    indexes.insert(spawn(&mut pollers, &shared, &polls_stopped, index), index);
                }
            }
        }
    }

    let signalled = Instant::now();
    let bound = config.shutdown_timeout.map(|timeout| signalled + timeout);
    if let Some(bound) = bound {
        let _ = shared.shutdown_bound.set(bound);
    }
    tracing::info!(
        deadline_ms = millis(config.shutdown_deadline),
        timeout_ms = config.shutdown_timeout.map(millis),
        "worker shutting down: no new polls; open polls and running tasks finish"
    );
    shared.shutdown.set();
    shared.health.set_state(WorkerState::Draining);
    // Nobody listens any more once every poller has ended; that is fine.
    let _ = polls_stop.send(true);
    let deadline = tokio::spawn({
        let shared = Arc::clone(&shared);
        let at = signalled + config.shutdown_deadline;
        async move {
            tokio::time::sleep_until(at.into()).await;
            if !shared.deadline.set() {
                tracing::info!("shutdown deadline passed: answering the tasks still running");
            }
        }
    });

    let polls_returned = async {
        while let Some(joined) = pollers.join_next().await {
            if let Err(e) = joined {
                tracing::error!(error = %join_error(e), "a poller ended abnormally");
            }
        }
    };
    if until(bound, polls_returned).await.is_none() {
        tracing::warn!(
            open_polls = pollers.len(),
            "shutdown timeout reached with polls still open: dropping them (a task SWF hands \
             them waits for its start-to-close timeout)"
        );
        pollers.abort_all();
        while pollers.join_next().await.is_some() {}
    }
    // Every task holds a slot until it has been answered, and no poller holds one any more.
    let all = u32::try_from(config.max_concurrent_tasks).unwrap_or(u32::MAX);
    match until(bound, slots.acquire_many(all)).await {
        Some(_) => tracing::info!("worker stopped: every task it took has been answered"),
        None => tracing::error!(
            unanswered = config.max_concurrent_tasks - slots.available_permits(),
            "shutdown timeout reached before every task was answered; they time out on SWF"
        ),
    }
    deadline.abort();
}

/// `future`'s output, or `None` if `bound` comes first.
async fn until<T>(bound: Option<Instant>, future: impl Future<Output = T>) -> Option<T> {
    match bound {
        Some(bound) => tokio::time::timeout_at(bound.into(), future).await.ok(),
        None => Some(future.await),
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// What a join error says: the panic's message, or that the task was cancelled.
fn join_error(error: tokio::task::JoinError) -> String {
    if error.is_panic() {
        let payload = error.into_panic();
        format!(
            "panicked: {}",
            crate::failure::panic_message(&*payload).unwrap_or("(no message)")
        )
    } else {
        "cancelled".to_owned()
    }
}

/// One poller: reserve a slot, wait for `max_tasks_per_second`, poll (never aborted), hand the
/// task and the slot to a new task, repeat until shutdown. Errors back off and polling goes
/// on.
async fn poll_loop(shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>, index: usize) {
    let config = &shared.config;
    let health = &shared.health;
    let record = health.poller(index);
    let (base, max) = config.poll_backoff;
    let mut backoff = Backoff::new(base, max);
    let mut turn = index;
    loop {
        if *shutdown.borrow() {
            record.ended();
            return;
        }
        let list = turn % config.task_lists.len();
        turn = turn.wrapping_add(config.pollers);
        let task_list = &config.task_lists[list];
        let metrics = &shared.polls[list];
        let waiting = Instant::now();
        let permit: OwnedSemaphorePermit = tokio::select! {
            biased;
            _ = shutdown.wait_for(|s| *s) => { record.ended(); return }
            permit = Arc::clone(&shared.slots).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => { record.ended(); return }
            },
        };
        metrics.slot_wait.record(waiting.elapsed());
        shared.slot_metrics.taken();
        // The rate's turn is taken with the slot in hand and before the poll, never with a
        // task in hand: a task SWF hands out starts at once.
        if let Some(rate) = &shared.task_rate {
            let wait = rate.reserve();
            if !wait.is_zero() {
                metrics.rate_wait.record(wait);
                tokio::select! {
                    biased;
                    _ = shutdown.wait_for(|s| *s) => {
                        rate.refund();
                        shared.release(permit);
                        record.ended();
                        return;
                    }
                    () = tokio::time::sleep(wait) => {}
                }
            }
        }
        if *shutdown.borrow() {
            if let Some(rate) = &shared.task_rate {
                rate.refund();
            }
            shared.release(permit);
            record.ended();
            return;
        }
        let request =
            PollForActivityTask::new(&config.domain, task_list).identity(&config.identity);
        record.poll_opened(health);
        let polled = Instant::now();
        // Not raced against shutdown: SWF may already have handed this poll a task.
        let answer = config.client.poll_for_activity_task(&request).await;
        metrics.duration.record(polled.elapsed());
        match answer {
            Ok(Some(activity_task)) => {
                record.answered(health);
                metrics.task.increment(1);
                backoff.reset();
                task::start(&shared, activity_task, permit, list);
            }
            Ok(None) => {
                record.answered(health);
                metrics.empty.increment(1);
                backoff.reset();
                if let Some(rate) = &shared.task_rate {
                    rate.refund();
                }
                shared.release(permit);
                tracing::trace!(task_list = %task_list, "poll ended without a task");
            }
            Err(error) => {
                record.failed(health, &error);
                metrics.failed.increment(1);
                if let Some(rate) = &shared.task_rate {
                    rate.refund();
                }
                shared.release(permit);
                let delay = backoff.next_delay();
                let retry_in_ms = millis(delay);
                if error.is_retryable() {
                    tracing::warn!(
                        task_list = %task_list,
                        error = %error,
                        failures = backoff.failures(),
                        retry_in_ms,
                        "poll failed; backing off"
                    );
                } else {
                    // Not transient (access denied, unknown domain, ...): keep polling, as a
                    // fixed permission or a created domain brings the worker back, but loudly.
                    tracing::error!(
                        task_list = %task_list,
                        error = %error,
                        failures = backoff.failures(),
                        retry_in_ms,
                        "poll failed; backing off"
                    );
                }
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = shutdown.wait_for(|s| *s) => { record.ended(); return }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::credentials::Credentials;
    use crate::worker::Config;

    fn shared(pollers: usize) -> Arc<Shared> {
        let client = crate::Client::builder()
            .region("us-east-1")
            // Never called: the pollers below are stand-ins.
            .endpoint_url("http://127.0.0.1:9")
            .credentials(Credentials::from_keys("AKID", "secret", None))
            .build()
            .expect("client");
        Arc::new(Shared {
            config: Config {
                client,
                domain: "d".to_owned(),
                task_lists: vec!["t".to_owned()],
                max_concurrent_tasks: 4,
                pollers,
                identity: "test".to_owned(),
                shutdown_deadline: Duration::from_secs(1),
                shutdown_timeout: None,
                strict_registration: false,
                register_types: false,
                poll_backoff: (Duration::from_millis(1), Duration::from_millis(1)),
                respond_timeout: Duration::from_secs(1),
                max_heartbeat_interval: Duration::from_secs(1),
                fallback_heartbeat_interval: Duration::from_secs(1),
                max_heartbeats_per_second: None,
                max_tasks_per_second: None,
                registration_timeout: Duration::from_secs(1),
                converter: crate::convert::DefaultConverter::default(),
                offload: None,
            },
            encoding: Encoding::default(),
            slots: Arc::new(Semaphore::new(4)),
            task_rate: None,
            health: Health::new(Duration::from_secs(60), Duration::from_secs(70)),
            polls: vec![PollMetrics::new("d", "t")],
            slot_metrics: SlotMetrics::new("d", 4),
            answers: AnswerMetrics::new("d"),
            served: HashMap::new(),
            served_list: String::new(),
            shutdown: Arc::new(Latch::default()),
            deadline: Latch::default(),
            shutdown_bound: OnceLock::new(),
            heartbeat_rate: None,
            refused_heartbeat_log: LogLimiter::new(Duration::from_secs(60)),
        })
    }

    static SPAWNED: AtomicUsize = AtomicUsize::new(0);

    /// The first poller panics, as a defect would make it; every later one polls until
    /// shutdown.
    fn flaky_poller(
        pollers: &mut JoinSet<()>,
        _: &Arc<Shared>,
        stop: &watch::Receiver<bool>,
        _: usize,
    ) -> tokio::task::Id {
        let n = SPAWNED.fetch_add(1, Ordering::SeqCst);
        let mut stop = stop.clone();
        pollers
            .spawn(async move {
                assert!(n > 0, "a defect in the first poller");
                let _ = stop.wait_for(|s| *s).await;
            })
            .id()
    }

    #[tokio::test]
    async fn a_poller_that_ends_before_shutdown_is_replaced() {
        let shared = shared(2);
        let (stop, stopped) = watch::channel(false);
        let supervisor = tokio::spawn(supervise(Arc::clone(&shared), stopped, flaky_poller));
        let replaced = async {
            while SPAWNED.load(Ordering::SeqCst) < 3 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), replaced)
            .await
            .expect("the panicked poller is replaced");
        assert!(!shared.shutdown.is_set(), "still running");
        stop.send_replace(true);
        tokio::time::timeout(Duration::from_secs(10), supervisor)
            .await
            .expect("shuts down")
            .expect("no panic");
        assert!(shared.shutdown.is_set());
        assert_eq!(
            SPAWNED.load(Ordering::SeqCst),
            3,
            "two pollers and one replacement"
        );
    }
}
