//! How the client retries transient failures.

use std::time::Duration;

/// How many times, and how patiently, the client retries a request that failed transiently:
/// throttling, HTTP 429/500/502/503/504 and transport errors. Modelled SWF faults
/// (`LimitExceededFault` included), validation errors and access denials are never retried.
///
/// Delays use "full jitter" exponential backoff: before attempt `n + 1` the client waits a
/// random time between zero and `min(max_delay, base_delay * 2^(n-1))`.
///
/// # Adaptive mode
///
/// In [`RetryMode::Adaptive`] ([`RetryConfig::adaptive`], or `AWS_RETRY_MODE=adaptive` /
/// a profile's `retry_mode = adaptive` through [`ClientBuilder::from_env`]) the client also
/// limits its own send rate once SWF has throttled it, as the AWS SDKs' adaptive retry mode
/// does:
///
/// - Nothing changes until the first throttling answer (`ThrottlingException` and the other
///   throttling codes, or HTTP 429).
/// - From then on every attempt, retries included, takes a token from a bucket before it is
///   sent, and waits for one when the bucket is empty. The bucket refills at the *send rate*
///   and holds at most one second's worth of tokens (at least one token).
/// - A throttling answer cuts the send rate to 70% of the rate the client was sending at
///   (its measured rate of answers, smoothed over half-second intervals); every other answer
///   lets it grow back along a CUBIC curve (scale 0.4) towards, then beyond, the rate of the
///   last throttling, but never above twice the measured rate. It never falls below 0.5
///   requests per second.
///
/// The limiter belongs to the [`Client`] and is shared by its clones: every operation counts,
/// long polls (`PollForActivityTask`) as much as any other call, so a worker's pollers and
/// the answers of its tasks take turns. A call with a time budget (a heartbeat) that would
/// have to wait for a token past the end of its budget fails at once with an
/// [`ErrorKind::Transport`](crate::ErrorKind::Transport) error (`maybe_sent: false`) that
/// says so, instead of waiting. The send rate is published as the
/// [`SEND_RATE`](crate::metrics::SEND_RATE) gauge and the waits as
/// [`SEND_RATE_WAIT`](crate::metrics::SEND_RATE_WAIT).
///
/// [`ClientBuilder::from_env`]: crate::client::ClientBuilder::from_env
/// [`Client`]: crate::Client
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    mode: RetryMode,
}

/// Whether the client limits its own send rate after throttling; see [`RetryConfig`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryMode {
    /// Retries with backoff only (the default).
    #[default]
    Standard,
    /// Retries with backoff, and a client-side send rate that adapts to throttling, as the AWS
    /// SDKs' adaptive retry mode.
    Adaptive,
}

impl Default for RetryConfig {
    fn default() -> RetryConfig {
        RetryConfig::standard()
    }
}

impl RetryConfig {
    /// 5 attempts, 100 ms base delay, 20 s cap, [`RetryMode::Standard`].
    pub fn standard() -> RetryConfig {
        RetryConfig {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            mode: RetryMode::Standard,
        }
    }

    /// [`RetryConfig::standard`]'s attempts and delays in [`RetryMode::Adaptive`]: the client
    /// also limits its send rate once SWF throttles it.
    pub fn adaptive() -> RetryConfig {
        RetryConfig::standard().with_mode(RetryMode::Adaptive)
    }

    /// One attempt, no retries.
    pub fn disabled() -> RetryConfig {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// Sets how many attempts a request gets in all, the first included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> RetryConfig {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the delay scale of the first retry.
    pub fn with_base_delay(mut self, base_delay: Duration) -> RetryConfig {
        self.base_delay = base_delay;
        self
    }

    /// Sets the longest delay between two attempts.
    pub fn with_max_delay(mut self, max_delay: Duration) -> RetryConfig {
        self.max_delay = max_delay;
        self
    }

    /// Sets the retry mode: [`RetryMode::Adaptive`] adds client-side rate limiting.
    pub fn with_mode(mut self, mode: RetryMode) -> RetryConfig {
        self.mode = mode;
        self
    }

    /// The retry mode.
    pub fn mode(&self) -> RetryMode {
        self.mode
    }

    /// How many attempts a request gets in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay scale of the first retry.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest delay between two attempts.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The delay before the retry that follows failed attempt `attempt` (1-based): uniformly
    /// random in `[0, min(max_delay, base_delay * 2^(attempt-1))]`.
    pub fn delay_after(&self, attempt: u32) -> Duration {
        let ceiling = self.backoff_ceiling(attempt);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The upper bound of [`RetryConfig::delay_after`].
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        self.base_delay
            .checked_mul(1u32 << exp)
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }
}

/// The SDK's retry settings that have a meaning here: the attempts, the initial backoff (the
/// base delay), the longest backoff and the mode (`adaptive` is [`RetryMode::Adaptive`], any
/// other [`RetryMode::Standard`]).
#[cfg(feature = "aws-config")]
#[cfg_attr(docsrs, doc(cfg(feature = "aws-config")))]
impl From<&aws_config::retry::RetryConfig> for RetryConfig {
    fn from(sdk: &aws_config::retry::RetryConfig) -> RetryConfig {
        let mode = match sdk.mode() {
            aws_config::retry::RetryMode::Adaptive => RetryMode::Adaptive,
            // `Standard`, and modes later SDK versions may add, which this client does not know.
            _ => RetryMode::Standard,
        };
        RetryConfig::standard()
            .with_max_attempts(sdk.max_attempts())
            .with_base_delay(sdk.initial_backoff())
            .with_max_delay(sdk.max_backoff())
            .with_mode(mode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let config = RetryConfig::standard()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_secs(1));
        let ceilings: Vec<_> = (1..=6)
            .map(|a| config.backoff_ceiling(a).as_millis())
            .collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(config.backoff_ceiling(u32::MAX), Duration::from_secs(1));
        for attempt in 1..=40 {
            assert!(config.delay_after(attempt) <= config.backoff_ceiling(attempt));
        }
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
    }

    #[test]
    fn adaptive_is_standard_with_rate_limiting() {
        assert_eq!(RetryConfig::default().mode(), RetryMode::Standard);
        let adaptive = RetryConfig::adaptive();
        assert_eq!(adaptive.mode(), RetryMode::Adaptive);
        assert_eq!(
            adaptive.with_mode(RetryMode::Standard),
            RetryConfig::standard()
        );
    }

    #[cfg(feature = "aws-config")]
    #[test]
    fn the_sdk_modes_map_to_ours() {
        use std::time::Duration;
        let sdk = aws_config::retry::RetryConfig::adaptive()
            .with_max_attempts(7)
            .with_initial_backoff(Duration::from_millis(30))
            .with_max_backoff(Duration::from_secs(3));
        let ours = RetryConfig::from(&sdk);
        assert_eq!(ours.mode(), RetryMode::Adaptive);
        assert_eq!(
            (ours.max_attempts(), ours.base_delay(), ours.max_delay()),
            (7, Duration::from_millis(30), Duration::from_secs(3))
        );
        let ours = RetryConfig::from(&aws_config::retry::RetryConfig::standard());
        assert_eq!(ours.mode(), RetryMode::Standard);
    }
}
