//! The PostgreSQL pool and the schema migrations.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Connection, Postgres};

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

/// A connection kept out of the pool for the one statement run on every view of a cached
/// page: sqlx 0.8 pings each connection it takes back, a second round trip per statement,
/// which a kept connection is spared. It is kept again only after its statement completed: a
/// statement cancelled midway (its request dropped) takes the connection back to the pool,
/// which checks it, and a failed one is not kept (after a database restart the first view
/// fails over to a full render and the next takes a fresh connection).
#[derive(Clone)]
pub(crate) struct KeptConnection {
    pool: PgPool,
    kept: Arc<Mutex<Option<PoolConnection<Postgres>>>>,
}

impl KeptConnection {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self {
            pool,
            kept: Arc::new(Mutex::new(None)),
        }
    }

    /// The kept connection, or one from the pool while it is in use or there is none.
    pub(crate) async fn take(&self) -> Result<PoolConnection<Postgres>, sqlx::Error> {
        let kept = self.kept.lock().ok().and_then(|mut kept| kept.take());
        match kept {
            Some(connection) => Ok(connection),
            None => self.pool.acquire().await,
        }
    }

    /// Keeps `connection`, whose statement completed, unless one is kept already.
    pub(crate) fn keep(&self, connection: PoolConnection<Postgres>) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.is_none() {
                *kept = Some(connection);
            }
        }
    }
}

impl std::fmt::Debug for KeptConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptConnection").finish_non_exhaustive()
    }
}

/// Applies pending migrations. Safe to run from several instances at once: sqlx takes an
/// advisory lock.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
