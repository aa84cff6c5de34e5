//! The worker's main loop: pollers that each reserve a slot before polling, and the shutdown
//! sequence.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::Poll;
use std::time::Duration;

use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

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
    /// Passes once the shutdown deadline has passed: running tasks are answered now.
    pub(crate) deadline: Deadline,
}

/// The shutdown deadline, as every running task waits for it. (A `watch` channel would do, but
/// its wait is a larger future, and every waiting task holds one.)
#[derive(Debug, Default)]
pub(crate) struct Deadline {
    passed: AtomicBool,
    notify: Notify,
}

impl Deadline {
    fn pass(&self) {
        self.passed.store(true, Ordering::Release);
        self.notify.notify_waiters();
    }

    /// Completes once the deadline has passed (at once if it has).
    #[expect(
        clippy::manual_async_fn,
        reason = "an `async fn` keeps a second copy of its arguments in its future"
    )]
    pub(crate) fn passed(&self) -> impl Future<Output = ()> + Send + '_ {
        async move {
            loop {
                let notified = self.notify.notified();
                tokio::pin!(notified);
                // Register before checking, so that a pass between the check and the await is
                // seen.
                notified.as_mut().enable();
                if self.passed.load(Ordering::Acquire) {
                    return;
                }
                notified.await;
            }
        }
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

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        config,
        served,
        served_list,
        deadline: Deadline::default(),
    });
    let config = &shared.config;
    let slots = Arc::new(Semaphore::new(config.max_concurrent_tasks));
    tracing::info!(
        domain = %config.domain,
        task_lists = ?config.task_lists,
        identity = %config.identity,
        activity_types = %shared.served_list,
        max_concurrent_tasks = config.max_concurrent_tasks,
        pollers = config.pollers,
        "worker started"
    );

    // A signal that has already fired starts no poll at all.
    let mut signal = std::pin::pin!(signal);
    let fired = std::future::poll_fn(|cx| Poll::Ready(signal.as_mut().poll(cx).is_ready())).await;
    let mut pollers = JoinSet::new();
    if !fired {
        for index in 0..config.pollers {
            pollers.spawn(poll_loop(
                Arc::clone(&shared),
                Arc::clone(&slots),
                shutdown_rx.clone(),
                index,
            ));
        }
        signal.await;
    }

    tracing::info!(
        deadline_ms = u64::try_from(config.shutdown_deadline.as_millis()).unwrap_or(u64::MAX),
        "worker shutting down: no new polls; open polls and running tasks finish"
    );
    // Nobody listens any more once every poller has ended; that is fine.
    let _ = shutdown_tx.send(true);
    while let Some(joined) = pollers.join_next().await {
        if let Err(e) = joined {
            tracing::error!(error = %e, "a poller ended abnormally");
        }
    }
    // The deadline runs from when the last open poll has returned, so that a task such a poll
    // brings gets the whole deadline to run (a long poll may be open for 60 s, longer than the
    // deadline).
    let deadline = tokio::spawn({
        let after = config.shutdown_deadline;
        let shared = Arc::clone(&shared);
        async move {
            tokio::time::sleep(after).await;
            shared.deadline.pass();
        }
    });
    // Every task holds a slot until it has been answered, and no poller holds one any more.
    let all = u32::try_from(config.max_concurrent_tasks).unwrap_or(u32::MAX);
    let _all_slots = slots.acquire_many(all).await;
    deadline.abort();
    tracing::info!("worker stopped: every task it took has been answered");
    Ok(())
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
