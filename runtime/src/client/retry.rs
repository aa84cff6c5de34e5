//! How the client retries transient failures.

use std::time::Duration;

/// How many times, and how patiently, the client retries a request that failed transiently:
/// throttling, HTTP 429/500/502/503/504 and transport errors. Modelled SWF faults
/// (`LimitExceededFault` included), validation errors and access denials are never retried.
///
/// Delays use "full jitter" exponential backoff: before attempt `n + 1` the client waits a
/// random time between zero and `min(max_delay, base_delay * 2^(n-1))`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryConfig {
    fn default() -> RetryConfig {
        RetryConfig::standard()
    }
}

impl RetryConfig {
    /// 5 attempts, 100 ms base delay, 20 s cap.
    pub fn standard() -> RetryConfig {
        RetryConfig {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
        }
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
/// base delay) and the longest backoff. The retry mode is not: this client retries as the
/// standard mode does, without the adaptive mode's client-side rate limiting.
#[cfg(feature = "aws-config")]
#[cfg_attr(docsrs, doc(cfg(feature = "aws-config")))]
impl From<&aws_config::retry::RetryConfig> for RetryConfig {
    fn from(sdk: &aws_config::retry::RetryConfig) -> RetryConfig {
        RetryConfig::standard()
            .with_max_attempts(sdk.max_attempts())
            .with_base_delay(sdk.initial_backoff())
            .with_max_delay(sdk.max_backoff())
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
}
