//! Liveness and readiness for load balancers and orchestrators.

use axum::extract::State;
use axum::http::StatusCode;

use services::Services;

/// `/healthz`: the process is up and serving.
pub async fn alive() -> &'static str {
    "ok"
}

/// `/readyz`: the database answers; until it does, take this instance out of rotation.
pub async fn ready(State(services): State<Services>) -> (StatusCode, &'static str) {
    if services.database_ready().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
