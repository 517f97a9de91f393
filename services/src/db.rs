//! The PostgreSQL pool and the schema migrations.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::Connection;

/// The schema, embedded at compile time from `migrations/` at the workspace root.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// A connection back in the pool for less than this is handed out without the ping that
/// checks it is alive (sqlx pinged it as it came back). Connections idle for longer, as every
/// one is after a database restart, are pinged and replaced before a request meets them.
const FRESH_CONNECTION: Duration = Duration::from_millis(100);

/// Connects lazily-failing: start-up waits at most `acquire_timeout` for the database.
///
/// A connection idle for more than [`FRESH_CONNECTION`] is pinged before use, as sqlx does for
/// every one by default: without any ping, after a database restart every pooled connection
/// fails one request with a 500 before the pool replaces it. Under load (a connection back in
/// the pool within milliseconds) each query saves that round trip (docs/performance.md). The
/// cost: a database that goes away while a connection is between two uses less than 100 ms
/// apart fails that use at once, where a ping would have had the pool wait (up to
/// `acquire_timeout`) for a new connection; at most once per pooled connection.
pub async fn connect(database_url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .test_before_acquire(false)
        .before_acquire(|connection, metadata| {
            Box::pin(async move {
                if metadata.idle_for > FRESH_CONNECTION {
                    // An error closes the connection, and the pool hands out another one.
                    connection.ping().await?;
                }
                Ok(true)
            })
        })
        .connect(database_url)
        .await
}

/// Applies pending migrations. Safe to run from several instances at once: sqlx takes an
/// advisory lock.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
