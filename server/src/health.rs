//! Liveness and readiness for load balancers and orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use services::Services;

/// `/healthz`: the process is up and serving.
pub async fn alive() -> &'static str {
    "ok"
}

/// How long readiness waits for the database: below the usual health-check timeouts, so a
/// balancer sees a clear 503 rather than its own timeout (the pool alone would wait 5 s).
const READY_WITHIN: Duration = Duration::from_secs(1);

/// `/readyz`: the database answers; until it does, take this instance out of rotation.
pub async fn ready(State(services): State<Services>) -> (StatusCode, &'static str) {
    let answered = tokio::time::timeout(READY_WITHIN, services.database_ready()).await;
    if answered == Ok(true) {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
