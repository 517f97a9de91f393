//! How long an interview is kept: deleted, with everything it owns (documents, questions,
//! answers, the report, share links), once nobody has opened it for `days` days. Opening it
//! (its page, its report) moves the date on. The clock is a parameter so tests can move it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::PgPool;

use crate::Result;

/// The default: three months without a visit.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// Opening an interview again within this long of the last time writes nothing: the date
/// moves in hours, not on every page view.
const TOUCH_GRANULARITY: TimeDelta = TimeDelta::hours(1);

/// Deletions per statement, so a large backlog never holds one long transaction.
const SWEEP_BATCH: i64 = 500;

/// What time it is; the system's, or one a test sets.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The retention rule and the clock it is read against.
#[derive(Clone)]
pub struct Retention {
    /// 0 keeps interviews for ever.
    days: u32,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Retention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retention")
            .field("days", &self.days)
            .finish()
    }
}

impl Default for Retention {
    fn default() -> Self {
        Self::new(DEFAULT_RETENTION_DAYS, Arc::new(SystemClock))
    }
}

impl Retention {
    pub fn new(days: u32, clock: Arc<dyn Clock>) -> Self {
        Self { days, clock }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// When an interview last opened at `opened_at` will be deleted; `None` when kept.
    pub fn expiry(&self, opened_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.period().map(|period| opened_at + period)
    }

    fn period(&self) -> Option<TimeDelta> {
        (self.days > 0).then(|| TimeDelta::days(i64::from(self.days)))
    }

    /// The time the owner opening an interview now sets (`interviews::row::open`), and the `opened_at` before which it writes at all.
    pub(crate) fn touch_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let now = self.now();
        (now, now - TOUCH_GRANULARITY)
    }

    /// Deletes every interview not opened within the period; returns how many went.
    pub async fn sweep(&self, pool: &PgPool) -> Result<u64> {
        let Some(period) = self.period() else {
            return Ok(0);
        };
        let cutoff = self.now() - period;
        let mut deleted = 0;
        loop {
            let batch = sqlx::query(
                "DELETE FROM interviews WHERE id IN (
                     SELECT id FROM interviews WHERE opened_at < $1 LIMIT $2
                 )",
            )
            .bind(cutoff)
            .bind(SWEEP_BATCH)
            .execute(pool)
            .await?
            .rows_affected();
            deleted += batch;
            if batch < SWEEP_BATCH as u64 {
                break;
            }
        }
        if deleted > 0 {
            tracing::info!(
                deleted,
                days = self.days,
                "interviews past retention deleted"
            );
        }
        Ok(deleted)
    }

    /// Sweeps now and then every `every` until `shutdown` resolves; a failed sweep is logged
    /// and tried again at the next turn.
    pub async fn run_sweeper(
        self,
        pool: PgPool,
        every: Duration,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        if self.period().is_none() {
            return;
        }
        tokio::pin!(shutdown);
        let mut ticks = tokio::time::interval(every);
        loop {
            tokio::select! {
                _ = &mut shutdown => return,
                _ = ticks.tick() => {
                    if let Err(error) = self.sweep(&pool).await {
                        tracing::warn!(%error, "retention sweep failed");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_days_keeps_for_ever() {
        let now = Utc::now();
        assert_eq!(Retention::new(0, Arc::new(SystemClock)).expiry(now), None);
        assert_eq!(
            Retention::new(90, Arc::new(SystemClock)).expiry(now),
            Some(now + TimeDelta::days(90))
        );
    }
}
