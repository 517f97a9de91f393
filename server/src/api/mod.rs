//! The versioned JSON API (`/api/v1`), a thin adapter over the same services as the UI.
//! The contract is in `../shared/design/API.md`; `openapi.rs` describes it.

mod documents;
mod error;
mod feedback;
mod interviews;
mod json;
mod openapi;
mod question_stream;
mod transcript;

use axum::routing::{delete, get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;

use crate::router::AppState;
pub use error::ApiError;

/// Every body is limited to `max_body_bytes` except uploads, which stream against their own
/// limit (see `documents::put`).
pub(crate) fn routes(max_body_bytes: usize) -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route(
            "/interviews",
            get(interviews::list).post(interviews::create),
        )
        .route(
            "/interviews/{id}",
            get(interviews::get).delete(interviews::delete),
        )
        .route("/interviews/{id}/start", post(transcript::start))
        .route("/interviews/{id}/answers", post(transcript::answer))
        .route("/interviews/{id}/end", post(transcript::end))
        .route("/interviews/{id}/transcript", get(transcript::transcript))
        .route(
            "/interviews/{id}/question/stream",
            get(question_stream::stream),
        )
        .route(
            "/interviews/{id}/feedback",
            get(feedback::get).post(feedback::request),
        )
        .route(
            "/interviews/{id}/shares",
            get(feedback::list_shares).post(feedback::create_share),
        )
        .route(
            "/interviews/{id}/shares/{share_id}",
            delete(feedback::revoke_share),
        )
        .route("/shared/{token}", get(feedback::shared))
        .layer(RequestBodyLimitLayer::new(max_body_bytes))
        .route(
            "/interviews/{id}/documents/{kind}",
            get(documents::get)
                .patch(documents::correct)
                .layer(RequestBodyLimitLayer::new(max_body_bytes))
                .put(documents::put),
        )
        .fallback(|| async { ApiError::not_found("No such API endpoint.") })
}
