//! The versioned JSON API (`/api/v1`), a thin adapter over the same services as the UI.
//! The contract is in `../shared/design/API.md`; `openapi.rs` describes it.

mod error;
mod interviews;
mod json;
mod openapi;

use axum::routing::get;
use axum::Router;

use crate::router::AppState;
pub use error::ApiError;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route(
            "/interviews",
            get(interviews::list).post(interviews::create),
        )
        .route("/interviews/{id}", get(interviews::get))
        .fallback(|| async { ApiError::not_found("No such API endpoint.") })
}
