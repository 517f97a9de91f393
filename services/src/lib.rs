//! Everything the server does that is not HTTP or HTML: configuration, owner identity and the
//! interview service over PostgreSQL. The `app` server functions and the `server` JSON API are
//! thin adapters over [`Services`].

pub mod analysis;
pub mod config;
pub mod db;
pub mod documents;
pub mod engine;
mod error;
pub mod identity;
pub mod interviewer;
pub mod interviews;

pub use config::Config;
pub use documents::DocumentService;
pub use engine::InterviewEngine;
pub use error::{Error, Result};
pub use identity::{OwnerKey, OwnerToken};
pub use interviews::InterviewService;

use documents::worker::Extractor;
use interviewer::chain::InterviewerChain;
use sqlx::PgPool;

/// All services, built once at start-up. Cheap to clone (the pool is reference-counted) and
/// holds no per-user state, so any number of server instances can share one database.
#[derive(Clone, Debug)]
pub struct Services {
    pub interviews: InterviewService,
    pub documents: DocumentService,
    pub engine: InterviewEngine,
    pool: PgPool,
}

impl Services {
    pub fn new(
        pool: PgPool,
        extractor: Extractor,
        max_upload_bytes: usize,
        interviewers: InterviewerChain,
    ) -> Self {
        Self {
            interviews: InterviewService::new(pool.clone()),
            documents: DocumentService::new(pool.clone(), extractor, max_upload_bytes),
            engine: InterviewEngine::new(pool.clone(), interviewers),
            pool,
        }
    }

    /// True when the database answers a trivial query (used by `/readyz`).
    pub async fn database_ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
