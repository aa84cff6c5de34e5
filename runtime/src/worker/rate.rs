//! Worker-wide limits on how often something happens: calls to SWF (heartbeats), tasks taken
//! (`max_tasks_per_second`), and log lines that would otherwise repeat once per task.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Spaces events to at most `per_second` on average, allowing a burst of one second's worth
/// (the generic cell rate algorithm: one timestamp, no background task).
///
/// SWF throttles `RecordActivityTaskHeartbeat` per account and region; a worker with hundreds of
/// activities that heartbeat in loops would otherwise spend the account's budget and get every
/// worker's heartbeats throttled.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    /// Time between two events at the sustained rate.
    spacing: Duration,
    /// How far ahead of now the schedule may run: the burst.
    burst: Duration,
    /// When the schedule is next free ("theoretical arrival time").
    next_free: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter of `per_second` events per second (at least one), with a burst of one
    /// second's worth.
    pub(crate) fn new(per_second: u32) -> RateLimiter {
        let per_second = per_second.max(1);
        let spacing = Duration::from_secs(1) / per_second;
        RateLimiter {
            spacing,
            burst: spacing * (per_second - 1),
            next_free: Mutex::new(None),
        }
    }

    /// A limiter of `per_second` events per second (a positive, finite rate, which may be
    /// below one), without a burst: events are spaced evenly, so that the count over any
    /// window stays within one of the rate.
    pub(crate) fn evenly(per_second: f64) -> RateLimiter {
        let spacing = Duration::try_from_secs_f64(1.0 / per_second)
            .unwrap_or(Duration::MAX)
            .max(Duration::from_nanos(1));
        RateLimiter {
            spacing,
            burst: Duration::ZERO,
            next_free: Mutex::new(None),
        }
    }

    /// Gives back the most recent place reserved, unused (a poll that brought no task): the
    /// schedule moves back by one spacing, never to before now.
    pub(crate) fn refund(&self) {
        let now = Instant::now();
        let mut next = self
            .next_free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = *next {
            *next = Some(at.checked_sub(self.spacing).unwrap_or(now).max(now));
        }
    }

    /// Reserves the next free place in the schedule; returns how long to wait before using it.
    pub(crate) fn reserve(&self) -> Duration {
        let now = Instant::now();
        let mut next = self
            .next_free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let free = next.map_or(now, |at| at.max(now));
        *next = Some(free + self.spacing);
        // Within the burst, go at once; beyond it, wait until the place is within the burst.
        free.saturating_duration_since(now + self.burst)
    }

    /// Waits for a place in the schedule.
    pub(crate) async fn acquire(&self) {
        let wait = self.reserve();
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

/// Lets a log line through at most once per `every`, counting what it held back, so that a
/// condition that hits every task (a permission missing for heartbeats) is said once a minute
/// instead of once per task.
#[derive(Debug)]
pub(crate) struct LogLimiter {
    every: Duration,
    state: Mutex<LogState>,
}

#[derive(Debug, Default)]
struct LogState {
    last: Option<Instant>,
    held_back: u64,
}

impl LogLimiter {
    pub(crate) fn new(every: Duration) -> LogLimiter {
        LogLimiter {
            every,
            state: Mutex::new(LogState::default()),
        }
    }

    /// `Some(n)` when a line may be logged now, `n` being how many were held back since the
    /// last one; `None` when this one is held back.
    pub(crate) fn admit(&self) -> Option<u64> {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match state.last {
            Some(last) if now.duration_since(last) < self.every => {
                state.held_back += 1;
                None
            }
            _ => {
                state.last = Some(now);
                Some(std::mem::take(&mut state.held_back))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_burst_then_the_sustained_rate() {
        let limiter = RateLimiter::new(10);
        // One second's worth goes at once.
        for _ in 0..10 {
            assert_eq!(limiter.reserve(), Duration::ZERO);
        }
        // Then one per 100 ms.
        assert_eq!(limiter.reserve(), Duration::from_millis(100));
        assert_eq!(limiter.reserve(), Duration::from_millis(200));
        // After a quiet while the burst is back.
        tokio::time::advance(Duration::from_secs(5)).await;
        assert_eq!(limiter.reserve(), Duration::ZERO);
        let started = Instant::now();
        for _ in 0..29 {
            limiter.acquire().await;
        }
        // 30 events at 10 per second with a burst of 10: the last waits about 2 s.
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(1_900) && took <= Duration::from_millis(2_100),
            "{took:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn evenly_spaced_without_a_burst_and_refunds_give_a_place_back() {
        let limiter = RateLimiter::evenly(4.0);
        assert_eq!(limiter.reserve(), Duration::ZERO);
        assert_eq!(limiter.reserve(), Duration::from_millis(250));
        assert_eq!(limiter.reserve(), Duration::from_millis(500));
        // The last one went unused: the next reservation gets its place.
        limiter.refund();
        assert_eq!(limiter.reserve(), Duration::from_millis(500));
        // After a quiet while nothing is banked: refunds never reach before now.
        tokio::time::advance(Duration::from_secs(10)).await;
        limiter.refund();
        limiter.refund();
        assert_eq!(limiter.reserve(), Duration::ZERO);
        assert_eq!(limiter.reserve(), Duration::from_millis(250));
        // Rates below one per second.
        let slow = RateLimiter::evenly(0.5);
        assert_eq!(slow.reserve(), Duration::ZERO);
        assert_eq!(slow.reserve(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn log_lines_once_per_period_with_a_count() {
        let limiter = LogLimiter::new(Duration::from_secs(60));
        assert_eq!(limiter.admit(), Some(0));
        assert_eq!(limiter.admit(), None);
        assert_eq!(limiter.admit(), None);
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(limiter.admit(), Some(2));
        assert_eq!(limiter.admit(), None);
    }
}
