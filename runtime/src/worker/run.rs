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
use crate::worker::rate::{LogLimiter, RateLimiter};

use crate::error::Error;
use crate::model::PollForActivityTask;
use crate::registry::ActivityRegistration;
use crate::worker::backoff::Backoff;
use crate::worker::register::{self, Registered};
use crate::worker::task;
use crate::worker::{Config, Worker};

/// One served activity type, with what registration learnt about it.
#[derive(Debug)]
pub(crate) struct Served {
    pub(crate) registration: &'static ActivityRegistration,
    pub(crate) heartbeat_timeout: Option<Duration>,
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

    /// How long an answer may be retried: the configured time, but never past the end of a
    /// bounded shutdown, after which nobody waits for it.
    pub(crate) fn respond_timeout(&self) -> Duration {
        let configured = self.config.respond_timeout;
        match self.shutdown_bound.get() {
            Some(bound) => configured.min(bound.saturating_duration_since(Instant::now())),
            None => configured,
        }
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
    let Worker { config, activities } = worker;
    let mut served = HashMap::new();
    for a in activities.iter() {
        let d = &a.descriptor;
        let registered = if config.register_types {
            register::register_one(
                &config.client,
                &config.domain,
                d,
                a.converter(config.converter.as_converter()).name(),
                config.strict_registration,
            )
            .await?
        } else {
            Registered {
                heartbeat_timeout: register::declared_heartbeat_timeout(d),
            }
        };
        served.insert(
            (d.name.to_owned(), d.version.to_owned()),
            Served {
                registration: a,
                heartbeat_timeout: registered.heartbeat_timeout,
            },
        );
    }
    let served_list = activities
        .descriptors()
        .map(|d| format!("{}@{}", d.name, d.version))
        .collect::<Vec<_>>()
        .join(", ");

    let shared = Arc::new(Shared {
        heartbeat_rate: config.max_heartbeats_per_second.map(RateLimiter::new),
        encoding: Encoding::new(config.converter.clone())
            .max_len(encoding_limit(config.offload.as_ref())),
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
    let mut signal = std::pin::pin!(signal);
    let fired = std::future::poll_fn(|cx| Poll::Ready(signal.as_mut().poll(cx).is_ready())).await;
    let (stop, stopped) = watch::channel(fired);
    // The rest runs on a task of its own, so that dropping this future (a `timeout` or
    // `select!` around the worker) starts the graceful shutdown, as the signal does, instead of
    // dropping open polls that SWF may have handed a task.
    let supervisor = tokio::spawn(supervise(shared, stopped, spawn_poller));
    let stop = StopOnDrop(stop);
    if !fired {
        signal.await;
    }
    drop(stop);
    match supervisor.await {
        Ok(()) => Ok(()),
        // Our own defect: surface it where the caller can see it.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(Error::configuration(
            "the worker's tasks were cancelled: the tokio runtime is shutting down",
        )),
    }
}

/// Starts poller `index` on `pollers`.
fn spawn_poller(
    pollers: &mut JoinSet<()>,
    shared: &Arc<Shared>,
    slots: &Arc<Semaphore>,
    stop: &watch::Receiver<bool>,
    index: usize,
) -> tokio::task::Id {
    pollers
        .spawn(poll_loop(
            Arc::clone(shared),
            Arc::clone(slots),
            stop.clone(),
            index,
        ))
        .id()
}

/// The type of [`spawn_poller`], replaceable in tests.
type SpawnPoller = fn(
    &mut JoinSet<()>,
    &Arc<Shared>,
    &Arc<Semaphore>,
    &watch::Receiver<bool>,
    usize,
) -> tokio::task::Id;

/// Runs the pollers until `stop` turns true (or its sender is gone), replacing any that ends
/// before, then shuts down: no new polls, the deadline, open polls and running tasks waited
/// for, and the bound on the whole shutdown.
async fn supervise(shared: Arc<Shared>, mut stop: watch::Receiver<bool>, spawn: SpawnPoller) {
    let config = &shared.config;
    let slots = Arc::new(Semaphore::new(config.max_concurrent_tasks));
    let (polls_stop, polls_stopped) = watch::channel(false);
    let mut pollers = JoinSet::new();
    let mut indexes = HashMap::new();
    if !*stop.borrow() {
        for index in 0..config.pollers {
            indexes.insert(
                spawn(&mut pollers, &shared, &slots, &polls_stopped, index),
                index,
            );
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
                    indexes.insert(spawn(&mut pollers, &shared, &slots, &polls_stopped, index), index);
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

/// One poller: reserve a slot, poll (never aborted), hand the task and the slot to a new task,
/// repeat until shutdown. Errors back off and polling goes on.
async fn poll_loop(
    shared: Arc<Shared>,
    slots: Arc<Semaphore>,
    mut shutdown: watch::Receiver<bool>,
    index: usize,
) {
    let config = &shared.config;
    let (base, max) = config.poll_backoff;
    let mut backoff = Backoff::new(base, max);
    let mut turn = index;
    loop {
        if *shutdown.borrow() {
            return;
        }
        let permit: OwnedSemaphorePermit = tokio::select! {
            biased;
            _ = shutdown.wait_for(|s| *s) => return,
            permit = Arc::clone(&slots).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => return,
            },
        };
        if *shutdown.borrow() {
            return;
        }
        let task_list = &config.task_lists[turn % config.task_lists.len()];
        turn = turn.wrapping_add(config.pollers);
        let request =
            PollForActivityTask::new(&config.domain, task_list).identity(&config.identity);
        // Not raced against shutdown: SWF may already have handed this poll a task.
        match config.client.poll_for_activity_task(&request).await {
            Ok(Some(activity_task)) => {
                backoff.reset();
                task::start(&shared, activity_task, permit);
            }
            Ok(None) => {
                backoff.reset();
                tracing::trace!(task_list = %task_list, "poll ended without a task");
            }
            Err(error) => {
                drop(permit);
                let delay = backoff.next_delay();
                let retry_in_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
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
                    _ = shutdown.wait_for(|s| *s) => return,
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
                converter: crate::convert::DefaultConverter::default(),
                offload: None,
            },
            encoding: Encoding::default(),
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
        _: &Arc<Semaphore>,
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
