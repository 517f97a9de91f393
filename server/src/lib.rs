//! The HTTP server, as a library so the integration tests can start it on port 0.
//!
//! Start-up: config → telemetry → pool + migrations → router → serve (see [`run`]).

mod api;
mod error;
mod health;
mod identity;
mod metrics;
mod move_form;
mod page_cache;
mod rate_limit;
mod router;
mod security;
mod shutdown;
mod state;
pub mod telemetry;

use std::net::SocketAddr;
use std::sync::Arc;

use intake::worker::Extractor;
use services::{Config, Models, Retention, Services, SystemClock};
use tokio::net::TcpListener;

pub use router::build_router;

/// How long shutdown waits for a report being written.
const WORKER_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// How often interviews past retention are looked for (days-long periods need no more).
const RETENTION_SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot connect to the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// Runs the server described by `config` until a shutdown signal arrives.
pub async fn run(config: Config) -> Result<(), StartError> {
    let pool = services::db::connect(&config.database_url, config.database_max_connections).await?;
    let listener = TcpListener::bind(config.bind_addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.bind_addr,
            source,
        })?;
    serve(config, pool, listener, shutdown::signal()).await
}

/// Migrates the database behind `pool`, then serves on `listener` until `shutdown` completes,
/// letting requests in flight finish.
pub async fn serve(
    config: Config,
    pool: sqlx::PgPool,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    services::db::migrate(&pool).await?;
    let extractor = match &config.extraction_worker {
        Some(program) => Extractor::new(
            program.clone(),
            config.extraction_workers,
            config.extraction_timeout,
        ),
        None => Extractor::current_exe(config.extraction_workers, config.extraction_timeout)
            .map_err(StartError::Serve)?,
    };
    let models = Models::from_config(&config)
        .map_err(|error| StartError::Serve(std::io::Error::other(error.to_string())))?;
    tracing::info!(
        interviewers = ?models.interviewers(),
        "interviewers (the offline coach ends the chain)"
    );
    let services = Services::new(pool, extractor, config.max_upload_bytes, models)
        .with_retention(Retention::new(config.retention_days, Arc::new(SystemClock)));

    // The feedback workers (`FEEDBACK_WORKERS`; jobs are claimed with SKIP LOCKED, so they
    // never share one) stop with the server: each finishes the report in hand first (one it
    // cannot finish in time is taken over by another instance when its lease ends).
    let (stop_worker, worker_stopped) = tokio::sync::watch::channel(false);
    let workers: Vec<_> = (0..config.feedback_workers)
        .map(|_| {
            let mut stopped = worker_stopped.clone();
            tokio::spawn(services.reports.clone().run_worker(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            }))
        })
        .collect();
    // Interviews past retention go hourly (and at start), until the server stops.
    let sweeper = tokio::spawn({
        let mut stopped = worker_stopped.clone();
        services
            .clone()
            .run_retention_sweeper(RETENTION_SWEEP_EVERY, async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
    });

    let router = build_router(&config, services);
    let metrics_upkeep = metrics::spawn_upkeep(metrics::handle());
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    tracing::info!(%addr, public_url = %config.public_url, "listening");
    println!("Interview Simulator is running at http://{addr}");
    // The peer address feeds the per-address rate limits and guards /metrics.
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(StartError::Serve);
    metrics_upkeep.abort();
    let _ = stop_worker.send(true);
    let _ = sweeper.await;
    let all_stopped = futures_util::future::join_all(workers);
    if tokio::time::timeout(WORKER_GRACE, all_stopped)
        .await
        .is_err()
    {
        tracing::warn!("a feedback worker was still writing; its job will be taken over");
    }
    served?;
    tracing::info!("shut down cleanly");
    Ok(())
}
