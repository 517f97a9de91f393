//! When to try a failed call again, and how long to wait first.

use std::time::Duration;

use rand::Rng;

use crate::ProviderError;

/// Exponential backoff with full jitter: before retry `n` (1-based) the wait is a random
/// duration in `[0, min(max_delay, base_delay * 2^(n-1))]`, so that many clients failing
/// together do not come back together. A rate limit's `Retry-After` replaces the backoff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Calls in all, the first included: 1 means no retry.
    pub max_attempts: u32,
    pub base_delay: Duration,
    /// The longest wait; a `Retry-After` longer than this is not waited for (the caller has
    /// other providers and an offline coach, better than a stuck interview).
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new(3, Duration::from_millis(250), Duration::from_secs(4))
    }
}

impl RetryPolicy {
    pub fn new(max_attempts: u32, base_delay: Duration, max_delay: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            base_delay,
            max_delay,
        }
    }

    /// One attempt only.
    pub fn no_retry() -> Self {
        Self::new(1, Duration::ZERO, Duration::ZERO)
    }

    /// How long to wait before the next attempt after `attempts_made` calls ended with
    /// `error`, or `None` to give up.
    pub fn delay_before_retry(
        &self,
        attempts_made: u32,
        error: &ProviderError,
    ) -> Option<Duration> {
        if attempts_made >= self.max_attempts || !error.is_retryable() {
            return None;
        }
        match error {
            // The server may still be generating the abandoned reply (llama.cpp serves one
            // request at a time): a retry would wait behind it.
            ProviderError::Timeout => None,
            // A reply in the wrong shape rarely fixes itself: one more try at most.
            ProviderError::Malformed(_) if attempts_made >= 2 => None,
            ProviderError::RateLimited {
                retry_after: Some(wait),
            } => (*wait <= self.max_delay).then_some(*wait),
            _ => Some(self.jittered_backoff(attempts_made)),
        }
    }

    fn jittered_backoff(&self, attempts_made: u32) -> Duration {
        let doubling = 2u32.saturating_pow(attempts_made.saturating_sub(1));
        let ceiling = self.base_delay.saturating_mul(doubling).min(self.max_delay);
        let ceiling_micros = u64::try_from(ceiling.as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(rand::rng().random_range(0..=ceiling_micros))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy::new(5, Duration::from_millis(100), Duration::from_millis(300))
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let error = ProviderError::Server { status: 503 };
        for _ in 0..200 {
            assert!(policy().delay_before_retry(1, &error).unwrap() <= Duration::from_millis(100));
            assert!(policy().delay_before_retry(2, &error).unwrap() <= Duration::from_millis(200));
            assert!(policy().delay_before_retry(4, &error).unwrap() <= Duration::from_millis(300));
        }
        assert_eq!(policy().delay_before_retry(5, &error), None);
    }

    #[test]
    fn jitter_spreads_the_waits() {
        let error = ProviderError::Connection("reset".into());
        let waits: std::collections::HashSet<Duration> = (0..50)
            .map(|_| policy().delay_before_retry(3, &error).unwrap())
            .collect();
        assert!(waits.len() > 10, "{waits:?}");
    }

    #[test]
    fn retry_after_is_honoured_unless_too_long() {
        let soon = ProviderError::RateLimited {
            retry_after: Some(Duration::from_millis(250)),
        };
        assert_eq!(
            policy().delay_before_retry(1, &soon),
            Some(Duration::from_millis(250))
        );
        let late = ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        };
        assert_eq!(policy().delay_before_retry(1, &late), None);
    }

    #[test]
    fn refusals_are_not_retried_and_malformed_only_once() {
        let refused = ProviderError::Rejected {
            status: 401,
            message: "bad key".into(),
        };
        assert_eq!(policy().delay_before_retry(1, &refused), None);
        assert_eq!(
            policy().delay_before_retry(1, &ProviderError::CircuitOpen),
            None
        );
        let malformed = ProviderError::Malformed("x".into());
        assert!(policy().delay_before_retry(1, &malformed).is_some());
        assert_eq!(policy().delay_before_retry(2, &malformed), None);
        assert_eq!(
            RetryPolicy::no_retry().delay_before_retry(1, &ProviderError::Server { status: 503 }),
            None
        );
    }

    #[test]
    fn a_timed_out_generation_is_never_retried() {
        assert_eq!(
            policy().delay_before_retry(1, &ProviderError::Timeout),
            None
        );
    }
}
