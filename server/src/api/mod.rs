//! The versioned JSON API (`/api/v1`), a thin adapter over the same services as the UI.
//! The contract is in `../shared/design/API.md`; `openapi.rs` describes it.

mod documents;
mod feedback;
mod interviews;
mod json;
mod openapi;
mod path;
mod question_stream;
mod transcript;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{delete, get, post};
use axum::{Extension, Router};

use crate::error::ApiError;
use crate::state::AppState;

/// Every JSON body is limited to `max_body_bytes`, refused past it with the API's JSON 413
/// (axum's limit, read by the extractors; tower-http's would answer a declared length with a
/// plain-text 413). Uploads stream against their own limit instead (see `documents::put`).
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
        .route(
            "/interviews/{id}/documents/{kind}",
            get(documents::get)
                .patch(documents::correct)
                // Inside the router's limit, so it wins: the handler limits what it reads.
                .put(documents::put.layer(DefaultBodyLimit::disable())),
        )
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(Extension(documents::JsonBodyLimit(max_body_bytes)))
        .fallback(|| async { ApiError::not_found("No such API endpoint.") })
}
