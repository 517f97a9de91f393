//! The versioned JSON API (`/api/v1`), a thin adapter over the same services as the UI.
//! The contract is in `../shared/design/API.md`; `openapi.rs` describes it.

mod attempts;
mod documents;
mod feedback;
mod interviews;
mod json;
mod openapi;
mod path;
mod portability;
mod question_stream;
mod transcript;

use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::routing::get;
use axum::{Extension, Router};
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::{OpenApi, Ref, RefOr};
use utoipa::OpenApi as _;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::rate_limit::{Caller, Cost, RateLimiting};
use crate::state::AppState;

/// The API's routes under `/api/v1`, `/api/v1/openapi.json` describing them.
///
/// Every JSON body is limited to `max_body_bytes`, refused past it with the API's JSON 413
/// (axum's limit, read by the extractors; tower-http's would answer a declared length with a
/// plain-text 413). Uploads stream against their own limit instead (see `documents::put`).
pub(crate) fn routes(max_body_bytes: usize, limits: &RateLimiting) -> Router<AppState> {
    let (routes, document) = described_routes(max_body_bytes, limits);
    // Serialised once: the document never changes while the server runs.
    let document =
        axum::body::Bytes::from(serde_json::to_vec(&openapi::finish(document)).unwrap_or_default());
    routes.route(
        "/api/v1/openapi.json",
        get(move || {
            let document = document.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], document) }
        }),
    )
}

/// Each route once, with its OpenAPI description (the handler's `#[utoipa::path]`) and, for
/// those that cost an LLM call or a document read, its cost: `costs` both limits the route
/// and documents its 429, so the two cannot disagree.
fn described_routes(max_body_bytes: usize, limits: &RateLimiting) -> (Router<AppState>, OpenApi) {
    let costs = |cost: Cost, routes: UtoipaMethodRouter<AppState>| {
        let (schemas, mut paths, method_router) = routes;
        for operation in paths.paths.values_mut().flat_map(operations) {
            operation.responses.responses.insert(
                "429".to_owned(),
                RefOr::Ref(Ref::from_response_name("RateLimited")),
            );
        }
        (
            schemas,
            paths,
            limits.limit(cost, Caller::Api, method_router),
        )
    };
    // Inside the router's limit, so it wins: the handler limits what it reads.
    let unlimited_body =
        |routes: UtoipaMethodRouter<AppState>| routes.layer(DefaultBodyLimit::disable());
    let v1 = OpenApiRouter::default()
        .routes(routes!(interviews::create, interviews::list))
        .routes(routes!(interviews::get, interviews::delete))
        .routes(routes!(interviews::brief))
        .routes(routes!(interviews::set_language))
        .routes(costs(
            Cost::Document,
            unlimited_body(routes!(documents::put)),
        ))
        .routes(routes!(documents::get, documents::correct))
        .routes(costs(
            Cost::Document,
            unlimited_body(routes!(documents::upload)),
        ))
        .routes(costs(Cost::Llm, routes!(transcript::start)))
        .routes(costs(Cost::Llm, routes!(transcript::answer)))
        .routes(routes!(transcript::end))
        .routes(routes!(transcript::transcript))
        .routes(routes!(question_stream::stream))
        .routes(costs(
            Cost::Feedback,
            routes!(feedback::request, feedback::get),
        ))
        .routes(routes!(feedback::create_share, feedback::list_shares))
        .routes(routes!(feedback::revoke_share))
        .routes(routes!(feedback::shared))
        .routes(routes!(portability::export_json))
        .routes(routes!(portability::export_markdown))
        .routes(routes!(portability::create_move_code))
        .routes(routes!(portability::redeem_move_code))
        .routes(routes!(attempts::list))
        .routes(routes!(attempts::for_question, attempts::create))
        .routes(routes!(attempts::bank))
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(Extension(documents::JsonBodyLimit(max_body_bytes)))
        .fallback(|| async { ApiError::not_found("No such API endpoint.") });
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts()
}

/// The operations of one path.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .flatten()
}
