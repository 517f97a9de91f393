//! The database-backed use cases: configuration, owner identity, the interview, document,
//! report, share and attempt services over PostgreSQL, and the interviewer chain that asks questions
//! through the configured models (`llm`) with the offline coach (`coach`) as the fallback.
//! The `app` server functions and the `server` JSON API are thin adapters over [`Services`].

pub mod attempts;
pub mod config;
pub mod db;
mod delivery;
pub mod documents;
pub mod engine;
mod error;
pub mod identity;
pub mod interviewer;
pub mod interviews;
mod models;
mod portability;
pub mod redaction;
pub mod reports;
pub mod retention;
pub mod shares;

pub use attempts::AttemptService;
pub use config::{Config, RateLimits};
pub use documents::DocumentService;
pub use engine::InterviewEngine;
pub use error::{Error, Result};
pub use identity::{OwnerKey, OwnerToken};
pub use interviews::{InterviewChanges, InterviewService};
pub use models::Models;
pub use reports::{ReportService, ReportWriter};
pub use retention::{Clock, Retention, SystemClock};
pub use shares::{ShareService, SharedChanges};

use std::sync::Arc;

use intake::worker::Extractor;
use sqlx::PgPool;

/// All services, built once at start-up. Cheap to clone (the pool is reference-counted) and
/// holds no per-user state, so any number of server instances can share one database.
#[derive(Clone, Debug)]
pub struct Services {
    pub interviews: InterviewService,
    pub documents: DocumentService,
    pub engine: InterviewEngine,
    pub reports: ReportService,
    pub shares: ShareService,
    pub attempts: AttemptService,
    retention: Retention,
    pool: PgPool,
}

impl Services {
    pub fn new(
        pool: PgPool,
        extractor: Extractor,
        max_upload_bytes: usize,
        models: Models,
    ) -> Self {
        let (report_writers, report_settings) = models.report_writers();
        let reports = ReportService::new(
            pool.clone(),
            ReportWriter::new(pool.clone(), report_writers, report_settings),
        );
        let retention = Retention::default();
        Self {
            interviews: InterviewService::new(pool.clone(), retention.clone()),
            documents: DocumentService::new(pool.clone(), extractor, max_upload_bytes),
            engine: InterviewEngine::new(pool.clone(), Arc::new(models.interviewers())),
            shares: ShareService::new(pool.clone(), reports.clone(), retention.clone()),
            attempts: AttemptService::new(pool.clone()),
            reports: reports.with_retention(retention.clone()),
            retention,
            pool,
        }
    }

    /// The same services under another retention rule or clock (the configured
    /// `RETENTION_DAYS`; a test's clock).
    pub fn with_retention(mut self, retention: Retention) -> Self {
        self.interviews = InterviewService::new(self.pool.clone(), retention.clone());
        self.reports = self.reports.with_retention(retention.clone());
        self.shares = ShareService::new(self.pool.clone(), self.reports.clone(), retention.clone());
        self.retention = retention;
        self
    }

    /// Deletes the interviews past retention every `every` until `shutdown`.
    pub async fn run_retention_sweeper(
        self,
        every: std::time::Duration,
        shutdown: impl std::future::Future<Output = ()>,
    ) {
        self.retention
            .clone()
            .run_sweeper(self.pool.clone(), every, shutdown)
            .await;
    }

    /// Deletes the interviews past retention now; how many went.
    pub async fn sweep_retention(&self) -> Result<u64> {
        self.retention.sweep(&self.pool).await
    }

    /// The connection pool's size and how many of its connections are idle (for /metrics).
    pub fn database_connections(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    /// Feedback jobs by status (`queued`, `running`, `done`, `failed`), for /metrics.
    pub async fn feedback_jobs_by_status(&self) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query_as("SELECT status, count(*) FROM feedback_jobs GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows)
    }

    /// True when the database answers a trivial query (used by `/readyz`).
    pub async fn database_ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
