//! A circuit breaker: after repeated failures a provider rests for a while instead of making
//! every interview wait for its timeouts.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::ProviderError;

/// Closed (calls go through) until `failure_threshold` calls fail in a row; then open (calls
/// are refused with `CircuitOpen`) for `cooldown`; then half-open: one trial call goes
/// through, and its success closes the breaker while its failure opens it again.
#[derive(Debug)]
pub struct CircuitBreaker {
    failure_threshold: u32,
    cooldown: Duration,
    state: Mutex<State>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Closed {
        consecutive_failures: u32,
    },
    Open {
        until: Instant,
    },
    /// A trial call started at `since`. If it never reports back (its future was dropped),
    /// another trial is allowed after a cooldown, so the breaker cannot stay stuck.
    HalfOpen {
        since: Instant,
    },
}

impl Default for CircuitBreaker {
    fn default() -> Self {
        Self::new(5, Duration::from_secs(30))
    }
}

impl CircuitBreaker {
    pub fn new(failure_threshold: u32, cooldown: Duration) -> Self {
        Self {
            failure_threshold: failure_threshold.max(1),
            cooldown,
            state: Mutex::new(State::Closed {
                consecutive_failures: 0,
            }),
        }
    }

    /// Asks to make a call: `Err(CircuitOpen)` while the provider rests.
    pub fn try_acquire(&self) -> Result<(), ProviderError> {
        self.try_acquire_at(Instant::now())
    }

    pub fn record_success(&self) {
        *self.lock() = State::Closed {
            consecutive_failures: 0,
        };
    }

    pub fn record_failure(&self) {
        self.record_failure_at(Instant::now());
    }

    /// True while calls are refused (open, or half-open with a trial in flight).
    pub fn is_open(&self) -> bool {
        !matches!(*self.lock(), State::Closed { .. })
    }

    fn try_acquire_at(&self, now: Instant) -> Result<(), ProviderError> {
        let mut state = self.lock();
        match *state {
            State::Closed { .. } => Ok(()),
            State::Open { until } if now >= until => {
                *state = State::HalfOpen { since: now };
                Ok(())
            }
            State::HalfOpen { since } if now >= since + self.cooldown => {
                *state = State::HalfOpen { since: now };
                Ok(())
            }
            State::Open { .. } | State::HalfOpen { .. } => Err(ProviderError::CircuitOpen),
        }
    }

    fn record_failure_at(&self, now: Instant) {
        let mut state = self.lock();
        *state = match *state {
            State::Closed {
                consecutive_failures,
            } if consecutive_failures + 1 < self.failure_threshold => State::Closed {
                consecutive_failures: consecutive_failures + 1,
            },
            _ => State::Open {
                until: now + self.cooldown,
            },
        };
    }

    /// The state is a plain value updated in one step, so a panic elsewhere cannot leave it
    /// half-written: a poisoned lock is safe to keep using.
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COOLDOWN: Duration = Duration::from_secs(10);

    #[test]
    fn opens_after_consecutive_failures_only() {
        let breaker = CircuitBreaker::new(3, COOLDOWN);
        let now = Instant::now();
        breaker.record_failure_at(now);
        breaker.record_failure_at(now);
        breaker.record_success();
        breaker.record_failure_at(now);
        breaker.record_failure_at(now);
        assert_eq!(breaker.try_acquire_at(now), Ok(()));
        breaker.record_failure_at(now);
        assert_eq!(
            breaker.try_acquire_at(now + COOLDOWN / 2),
            Err(ProviderError::CircuitOpen)
        );
    }

    #[test]
    fn half_open_lets_one_trial_through_and_its_success_closes() {
        let breaker = CircuitBreaker::new(1, COOLDOWN);
        let now = Instant::now();
        breaker.record_failure_at(now);
        let later = now + COOLDOWN;
        assert_eq!(breaker.try_acquire_at(later), Ok(()));
        assert_eq!(
            breaker.try_acquire_at(later),
            Err(ProviderError::CircuitOpen),
            "only one trial at a time"
        );
        breaker.record_success();
        assert!(!breaker.is_open());
        assert_eq!(breaker.try_acquire_at(later), Ok(()));
    }

    #[test]
    fn a_failed_trial_opens_again() {
        let breaker = CircuitBreaker::new(2, COOLDOWN);
        let now = Instant::now();
        breaker.record_failure_at(now);
        breaker.record_failure_at(now);
        let trial = now + COOLDOWN;
        assert_eq!(breaker.try_acquire_at(trial), Ok(()));
        breaker.record_failure_at(trial);
        assert_eq!(
            breaker.try_acquire_at(trial + COOLDOWN / 2),
            Err(ProviderError::CircuitOpen)
        );
        assert_eq!(breaker.try_acquire_at(trial + COOLDOWN), Ok(()));
    }

    #[test]
    fn an_abandoned_trial_does_not_block_forever() {
        let breaker = CircuitBreaker::new(1, COOLDOWN);
        let now = Instant::now();
        breaker.record_failure_at(now);
        assert_eq!(breaker.try_acquire_at(now + COOLDOWN), Ok(()));
        assert_eq!(breaker.try_acquire_at(now + COOLDOWN * 2), Ok(()));
    }
}
