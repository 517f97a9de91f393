//! The database-backed use cases: configuration, owner identity, the interview, document,
//! report, share and attempt services over PostgreSQL, and the interviewer chain that asks questions
//! through the configured models (`llm`) with the offline coach (`coach`) as the fallback.
//! The `app` server functions and the `server` JSON API are thin adapters over [`Services`].

pub mod attempts;
pub mod config;
pub mod db;
pub mod documents;
pub mod engine;
mod error;
pub mod identity;
pub mod interviewer;
pub mod interviews;
mod models;
pub mod reports;
pub mod shares;

pub use attempts::AttemptService;
pub use config::{Config, RateLimits};
pub use documents::DocumentService;
pub use engine::InterviewEngine;
pub use error::{Error, Result};
pub use identity::{OwnerKey, OwnerToken};
pub use interviews::InterviewService;
pub use models::Models;
pub use reports::{ReportService, ReportWriter};
pub use shares::ShareService;

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
        Self {
            interviews: InterviewService::new(pool.clone()),
            documents: DocumentService::new(pool.clone(), extractor, max_upload_bytes),
            engine: InterviewEngine::new(pool.clone(), Arc::new(models.interviewers())),
            shares: ShareService::new(pool.clone(), reports.clone()),
            attempts: AttemptService::new(pool.clone()),
            reports,
            pool,
        }
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
