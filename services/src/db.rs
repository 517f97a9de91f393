//! The PostgreSQL pool and the schema migrations.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};

/// The schema, embedded at compile time from `migrations/` at the workspace root.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Connects lazily-failing: start-up waits at most `acquire_timeout` for the database.
///
/// Connections are pinged before each use (sqlx's default). Without it a page view costs one
/// round trip less per query, but after a database restart every pooled connection fails one
/// request with a 500 before the pool replaces it (measured in docs/performance.md).
pub async fn connect(database_url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect(database_url)
        .await
}

/// Applies pending migrations. Safe to run from several instances at once: sqlx takes an
/// advisory lock.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
