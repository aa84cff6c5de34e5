//! Client-side rate limiting after throttling: the AWS SDKs' adaptive retry mode.
//!
//! The same algorithm as botocore's `botocore/retries/adaptive.py`, `bucket.py` and
//! `throttling.py` (and aws-smithy-runtime's `ClientRateLimiter`):
//!
//! - a **token bucket** whose fill rate is the send rate; it holds at most one second's worth
//!   of tokens (at least one) and its rate never falls below [`MIN_FILL_RATE`];
//! - a **measured rate**: answers per second, counted over half-second intervals and smoothed
//!   (80% the last interval, 20% the earlier estimate);
//! - a **CUBIC** rate calculator: a throttling answer remembers the rate the client was sending
//!   at (`w_max`) and cuts the send rate to `BETA * w_max`; every other answer moves the rate
//!   along `SCALE * (t - k)^3 + w_max`, `t` the seconds since the last throttling and `k` the
//!   time the curve takes to climb back to `w_max`. The rate the bucket gets is capped at
//!   twice the measured rate, so it grows only as fast as the client actually sends.
//!
//! Nothing waits until the first throttling answer turns the limiter on; from then on every
//! attempt takes a token first.
//!
//! Unlike botocore, which blocks a thread on a condition variable, a caller that finds the
//! bucket empty *reserves* its token (the bucket's level goes below zero, as in
//! aws-smithy-runtime) and sleeps until the refill has paid for it. Reservations are served
//! first come, first served; a caller whose reservation would end after its deadline makes
//! none and is refused. Sleepers wake when the rate rises, to recompute their wait at the
//! new rate (a falling rate is noticed when they wake). A reserved token is not handed back
//! when its caller gives up (a call dropped while waiting, or refused when a fall of the rate
//! pushed its turn past its deadline): those behind it counted on its place, and handing it
//! back would let a newcomer overtake them. That costs the bucket one token per such caller.

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// The send rate never falls below this many requests per second (botocore's `_MIN_RATE`).
pub(crate) const MIN_FILL_RATE: f64 = 0.5;
/// The share of the rate a throttling answer leaves (CUBIC's multiplicative decrease).
const BETA: f64 = 0.7;
/// CUBIC's scale constant: how steeply the rate grows back.
const SCALE_CONSTANT: f64 = 0.4;
/// The send rate is at most this many times the measured rate.
const MAX_RATE_ADJUST_SCALE: f64 = 2.0;
/// The weight of the latest interval in the measured rate.
const SMOOTHING: f64 = 0.8;
/// The length of the intervals the measured rate is counted over, in seconds.
const TIME_BUCKET: f64 = 0.5;
/// How much below a reservation the refill may be and still pay for it: rounding of the
/// floating-point sums and of the sleep's nanoseconds must not cost another wake-up.
const EPSILON: f64 = 1e-6;
/// The longest single sleep, after which the wait is recomputed (keeps the arithmetic of
/// absurd waits finite).
const MAX_SLEEP: Duration = Duration::from_secs(3600);

/// A call may not wait for a token: the wait would end past its deadline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Refused {
    /// How long the call would have had to wait from now.
    pub(crate) wait: Duration,
    /// The send rate, in requests per second.
    pub(crate) rate: f64,
}

/// The adaptive rate limiter of one client (shared by its clones).
#[derive(Debug)]
pub(crate) struct AdaptiveLimiter {
    /// Time zero of the calculations, which work in seconds since then.
    epoch: Instant,
    /// Whether a throttling answer has turned the limiter on; read without the lock on every
    /// attempt.
    enabled: AtomicBool,
    state: Mutex<State>,
    /// Wakes sleepers when the rate rises, so they do not sleep out a wait computed at the
    /// lower rate.
    raised: Notify,
}

#[derive(Debug)]
struct State {
    enabled: bool,
    bucket: TokenBucket,
    cubic: Cubic,
    clocker: RateClocker,
}

impl AdaptiveLimiter {
    /// A limiter that is off until the first throttling answer.
    pub(crate) fn new() -> AdaptiveLimiter {
        AdaptiveLimiter {
            epoch: Instant::now(),
            enabled: AtomicBool::new(false),
            state: Mutex::new(State {
                enabled: false,
                // botocore starts the bucket at 1 request/s; it matters only once enabled,
                // by which time every answer has set it.
                bucket: TokenBucket::new(1.0),
                cubic: Cubic::new(0.0, 0.0),
                clocker: RateClocker::new(0.0),
            }),
            raised: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state is numbers updated in place; a panic mid-update cannot leave it unusable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn secs(&self, at: Instant) -> f64 {
        at.saturating_duration_since(self.epoch).as_secs_f64()
    }

    /// The send rate, once a throttling answer has turned the limiter on.
    pub(crate) fn send_rate(&self) -> Option<f64> {
        let state = self.lock();
        state.enabled.then_some(state.bucket.fill_rate)
    }

    /// Takes a token for one attempt, waiting for it if the bucket is empty; how long it
    /// waited. Refused when the wait would end after `deadline` (without taking anything), or
    /// when a fall of the rate while waiting pushes its end past `deadline` (the reserved
    /// token is then lost).
    pub(crate) async fn acquire(&self, deadline: Option<Instant>) -> Result<Duration, Refused> {
        if !self.enabled.load(Ordering::Acquire) {
            return Ok(Duration::ZERO);
        }
        let started = Instant::now();
        // The refill total at which this caller's token is paid for.
        let paid_at = {
            let mut state = self.lock();
            let bucket = &mut state.bucket;
            bucket.refill(self.secs(started));
            if bucket.capacity >= 1.0 {
                bucket.capacity -= 1.0;
                return Ok(Duration::ZERO);
            }
            let deficit = 1.0 - bucket.capacity;
            let wait = seconds(deficit / bucket.fill_rate);
            if past(started, wait, deadline) {
                return Err(Refused {
                    wait,
                    rate: bucket.fill_rate,
                });
            }
            bucket.capacity -= 1.0;
            bucket.refilled + deficit
        };
        loop {
            // Registered before the wait is computed, so a rise in between still wakes it.
            let mut raised = pin!(self.raised.notified());
            raised.as_mut().enable();
            let now = Instant::now();
            let wait = {
                let mut state = self.lock();
                let bucket = &mut state.bucket;
                bucket.refill(self.secs(now));
                let owed = paid_at - bucket.refilled;
                if owed <= EPSILON {
                    return Ok(now.saturating_duration_since(started));
                }
                let wait = seconds(owed / bucket.fill_rate);
                if past(now, wait, deadline) {
                    // The token stays reserved (see the module's documentation).
                    return Err(Refused {
                        wait,
                        rate: bucket.fill_rate,
                    });
                }
                wait
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = raised => {}
            }
        }
    }

    /// Takes in the answer to one attempt (anything that went out: an answer or a transport
    /// failure): whether it was throttling. Returns the new send rate when the limiter is on
    /// and the rate changed, to publish.
    pub(crate) fn record(&self, throttled: bool) -> Option<f64> {
        let now = self.secs(Instant::now());
        let mut state = self.lock();
        let state = &mut *state;
        let measured = state.clocker.record(now);
        let new_rate = if throttled {
            // The rate the client was sending at: what it measured, or, once limited, the
            // limit if that is lower (the measurement lags behind a cut).
            let sending = if state.enabled {
                measured.min(state.bucket.fill_rate)
            } else {
                measured
            };
            if !state.enabled {
                state.enabled = true;
                self.enabled.store(true, Ordering::Release);
            }
            state.cubic.error_received(sending, now)
        } else {
            state.cubic.success_received(now)
        };
        let old = state.bucket.fill_rate;
        state
            .bucket
            .set_max_rate(new_rate.min(MAX_RATE_ADJUST_SCALE * measured), now);
        let rate = state.bucket.fill_rate;
        let enabled = state.enabled;
        if rate > old && enabled {
            self.raised.notify_waiters();
        }
        (enabled && rate != old).then_some(rate)
    }
}

/// `secs` as a duration, rounded up to the next nanosecond (so a sleep never ends just short
/// of the token), at most [`MAX_SLEEP`].
fn seconds(secs: f64) -> Duration {
    Duration::try_from_secs_f64(secs.max(0.0))
        .map_or(MAX_SLEEP, |d| d + Duration::from_nanos(1))
        .min(MAX_SLEEP)
}

/// Whether a wait of `wait` from `now` ends after `deadline`.
fn past(now: Instant, wait: Duration, deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| now.checked_add(wait).is_none_or(|end| end > d))
}

/// The token bucket (botocore's `TokenBucket`), with a level that may go below zero for
/// reservations.
#[derive(Debug)]
struct TokenBucket {
    /// Tokens per second.
    fill_rate: f64,
    max_capacity: f64,
    /// Tokens available; below zero, tokens reserved by waiting callers.
    capacity: f64,
    /// When it was last refilled, in seconds; `None` before the first refill.
    last_refill: Option<f64>,
    /// All tokens ever added, which tells a waiting caller when its reservation is paid for.
    refilled: f64,
}

impl TokenBucket {
    fn new(rate: f64) -> TokenBucket {
        let mut bucket = TokenBucket {
            fill_rate: MIN_FILL_RATE,
            max_capacity: 1.0,
            capacity: 0.0,
            last_refill: None,
            refilled: 0.0,
        };
        bucket.set_max_rate(rate, 0.0);
        bucket
    }

    fn refill(&mut self, now: f64) {
        let Some(last) = self.last_refill.replace(now) else {
            return;
        };
        let added = ((now - last).max(0.0) * self.fill_rate)
            .min((self.max_capacity - self.capacity).max(0.0));
        self.capacity += added;
        self.refilled += added;
    }

    /// Sets the fill rate (at least [`MIN_FILL_RATE`]) and with it the capacity, after adding
    /// what the old rate has filled so far.
    fn set_max_rate(&mut self, rate: f64, now: f64) {
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = rate.max(1.0);
        self.capacity = self.capacity.min(self.max_capacity);
    }
}

/// CUBIC's rate calculation (botocore's `CubicCalculator`).
#[derive(Debug)]
struct Cubic {
    /// The rate at the last throttling.
    w_max: f64,
    /// Seconds from the last throttling until the curve is back at `w_max`.
    k: f64,
    /// When the last throttling came, in seconds.
    last_fail: f64,
}

impl Cubic {
    fn new(w_max: f64, now: f64) -> Cubic {
        Cubic {
            w_max,
            k: zero_point(w_max),
            last_fail: now,
        }
    }

    /// The rate after an answer that was not throttling.
    fn success_received(&self, now: f64) -> f64 {
        SCALE_CONSTANT * (now - self.last_fail - self.k).powi(3) + self.w_max
    }

    /// The rate after a throttling answer to a client sending at `rate`.
    fn error_received(&mut self, rate: f64, now: f64) -> f64 {
        *self = Cubic::new(rate, now);
        rate * BETA
    }
}

/// CUBIC's `k`: where `SCALE * (t - k)^3 + w_max` starts, at `t = 0`, from `BETA * w_max`.
fn zero_point(w_max: f64) -> f64 {
    (w_max * (1.0 - BETA) / SCALE_CONSTANT).cbrt()
}

/// The measured rate of answers (botocore's `RateClocker`).
#[derive(Debug)]
struct RateClocker {
    measured: f64,
    /// The start of the interval the rate was last computed at, in seconds.
    last_bucket: f64,
    /// Answers since then.
    count: u64,
}

impl RateClocker {
    fn new(now: f64) -> RateClocker {
        RateClocker {
            measured: 0.0,
            last_bucket: now.floor(),
            count: 0,
        }
    }

    /// Counts one answer at `now`; the measured rate.
    fn record(&mut self, now: f64) -> f64 {
        let bucket = (now / TIME_BUCKET).floor() * TIME_BUCKET;
        self.count += 1;
        if bucket > self.last_bucket {
            let current = self.count as f64 / (bucket - self.last_bucket);
            self.measured = current * SMOOTHING + self.measured * (1.0 - SMOOTHING);
            self.count = 0;
            self.last_bucket = bucket;
        }
        self.measured
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6 * b.abs().max(1.0)
    }

    /// Records `n` answers, one every `every` (time is paused: each sleep advances the clock).
    async fn answers(limiter: &AdaptiveLimiter, n: u32, every: Duration, throttled: bool) {
        for _ in 0..n {
            tokio::time::sleep(every).await;
            limiter.record(throttled);
        }
    }

    /// A limiter turned on by a throttling answer with nothing measured: 0.5 requests/s.
    fn at_minimum() -> AdaptiveLimiter {
        let limiter = AdaptiveLimiter::new();
        assert_eq!(limiter.record(true), Some(MIN_FILL_RATE));
        limiter
    }

    /// Takes the tokens the bucket holds.
    async fn drain(limiter: &AdaptiveLimiter) {
        for _ in 0..10 {
            if limiter.acquire(None).await != Ok(Duration::ZERO) {
                return;
            }
        }
        panic!("the bucket holds at most one second's worth of tokens");
    }

    #[test]
    fn cubic_falls_by_beta_and_climbs_back_along_the_curve() {
        let mut cubic = Cubic::new(0.0, 0.0);
        assert!(close(cubic.error_received(10.0, 5.0), 7.0));
        // k = cbrt(10 * (1 - 0.7) / 0.4)
        let k = 7.5f64.cbrt();
        assert!(close(cubic.k, k));
        // Right after the cut the curve starts at beta * w_max...
        assert!(close(cubic.success_received(5.0), 7.0));
        // ...is back at w_max after k seconds, and beyond it grows as 0.4 t^3.
        assert!(close(cubic.success_received(5.0 + k), 10.0));
        assert!(close(
            cubic.success_received(5.0 + k + 2.0),
            10.0 + 0.4 * 8.0
        ));
    }

    #[test]
    fn the_measured_rate_is_smoothed_over_half_seconds() {
        let mut clocker = RateClocker::new(0.0);
        // Answers within the first half second: the rate is computed when the next interval
        // starts.
        for i in 0..10 {
            assert_eq!(clocker.record(0.01 * f64::from(i)), 0.0);
        }
        // The 11th opens the interval at 0.5 s: 11 answers in 0.5 s, weighted 0.8.
        assert!(close(clocker.record(0.5), 0.8 * 22.0));
        assert!(close(clocker.record(1.0), 0.8 * 2.0 + 0.2 * 0.8 * 22.0));
    }

    #[tokio::test(start_paused = true)]
    async fn off_until_the_first_throttling() {
        let limiter = AdaptiveLimiter::new();
        answers(&limiter, 100, Duration::from_millis(20), false).await;
        assert_eq!(limiter.send_rate(), None);
        let start = Instant::now();
        for _ in 0..1000 {
            assert_eq!(limiter.acquire(None).await, Ok(Duration::ZERO));
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn throttling_cuts_the_rate_by_beta_and_successes_grow_it_back_by_cubic() {
        let limiter = AdaptiveLimiter::new();
        // 50 answers a second for 3 s: the measured rate settles at 50.
        let every = Duration::from_millis(20);
        answers(&limiter, 150, every, false).await;
        let cut = limiter
            .record(true)
            .expect("the first throttling turns it on");
        let measured = limiter.lock().clocker.measured;
        assert!((measured - 50.0).abs() < 1.0, "{measured}");
        assert!(close(cut, BETA * measured), "{cut} {measured}");
        assert_eq!(limiter.send_rate(), Some(cut));

        // Another throttling at once cuts 70% of the limit (below the measured rate, which
        // lags).
        let again = limiter.record(true).expect("changed");
        assert!(close(again, BETA * cut), "{again} {cut}");
        let cut_at = Instant::now();

        // Successes, still 50 a second, follow the curve from `again` up through `cut` (k
        // seconds after the throttling) and beyond it.
        let k = zero_point(cut);
        let mut last = again;
        let mut rises = 0;
        while cut_at.elapsed().as_secs_f64() < k + 2.0 - 0.05 {
            tokio::time::sleep(every).await;
            let rate = limiter.record(false).unwrap_or(last);
            assert!(
                rate >= last,
                "a success never lowers the rate: {rate} < {last}"
            );
            rises += usize::from(rate > last);
            last = rate;
        }
        assert!(rises > 50, "{rises}");
        // Tokio's timer is only as precise as a millisecond: read when it woke.
        tokio::time::sleep_until(cut_at + Duration::from_secs_f64(k + 2.0)).await;
        let rate = limiter.record(false).expect("grown");
        let after_k = cut_at.elapsed().as_secs_f64() - k;
        assert!((after_k - 2.0).abs() < 0.002, "{after_k}");
        let expected = cut + SCALE_CONSTANT * after_k.powi(3);
        assert!(close(rate, expected), "{rate} {expected}");

        // The rate is never more than twice the measured rate: a client that sends little
        // (one answer in 5 s) is not given a high rate however long ago the throttling was.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let rate = limiter.record(false).expect("changed");
        let measured = limiter.lock().clocker.measured;
        assert!(
            close(rate, MAX_RATE_ADJUST_SCALE * measured),
            "{rate} {measured}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_rate_never_falls_below_the_minimum() {
        let limiter = AdaptiveLimiter::new();
        answers(&limiter, 20, Duration::from_millis(100), false).await;
        let mut last = f64::MAX;
        for _ in 0..30 {
            let rate = limiter.record(true).unwrap_or(last);
            assert!(rate >= MIN_FILL_RATE, "{rate}");
            last = rate;
        }
        assert_eq!(limiter.send_rate(), Some(MIN_FILL_RATE));
        // Nor does a success right after a throttling at a rate of almost nothing.
        assert_eq!(limiter.record(false), None);
        assert_eq!(limiter.send_rate(), Some(MIN_FILL_RATE));
        // A first throttling with nothing measured leaves the minimum too.
        at_minimum();
    }

    #[tokio::test(start_paused = true)]
    async fn an_empty_bucket_makes_callers_wait_in_turn() {
        let limiter = at_minimum();
        drain(&limiter).await;
        // One token every 2 s: three callers at once are served 2 s apart, in order.
        let start = Instant::now();
        let (a, b, c) = tokio::join!(
            limiter.acquire(None),
            limiter.acquire(None),
            limiter.acquire(None)
        );
        let waits = [a, b, c].map(|w| w.expect("no deadline").as_secs_f64());
        for (wait, expected) in waits.into_iter().zip([2.0, 4.0, 6.0]) {
            assert!((wait - expected).abs() < 0.001, "{waits:?}");
        }
        assert!(start.elapsed() >= Duration::from_secs(6));
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_past_the_deadline_is_refused_without_taking_a_token() {
        let limiter = at_minimum();
        drain(&limiter).await;
        let now = Instant::now();
        let refused = limiter
            .acquire(Some(now + Duration::from_secs(1)))
            .await
            .expect_err("the next token comes in 2 s");
        assert!(
            (refused.wait.as_secs_f64() - 2.0).abs() < 0.001,
            "{refused:?}"
        );
        assert_eq!(refused.rate, MIN_FILL_RATE);
        assert_eq!(now.elapsed(), Duration::ZERO, "refused at once");
        // Nothing was reserved: the next caller's token still comes in 2 s.
        let waited = limiter
            .acquire(Some(now + Duration::from_secs(3)))
            .await
            .expect("within the deadline");
        assert!((waited.as_secs_f64() - 2.0).abs() < 0.001, "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn waiting_callers_catch_up_when_the_rate_rises() {
        let limiter = std::sync::Arc::new(at_minimum());
        drain(&limiter).await;
        let waiter = tokio::spawn({
            let limiter = std::sync::Arc::clone(&limiter);
            async move { limiter.acquire(None).await }
        });
        // The waiter has reserved a token due in 2 s; after 100 ms the rate goes up to 10/s.
        tokio::time::sleep(Duration::from_millis(100)).await;
        {
            let now = limiter.secs(Instant::now());
            limiter.lock().bucket.set_max_rate(10.0, now);
        }
        limiter.raised.notify_waiters();
        // 0.05 of the token came at 0.5/s, the other 0.95 come at 10/s: 95 ms more.
        let waited = waiter.await.expect("joins").expect("no deadline");
        assert!((waited.as_secs_f64() - 0.195).abs() < 0.001, "{waited:?}");
    }
}
