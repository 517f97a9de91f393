//! `/api/v1/export` and `/api/v1/moves`: everything of the caller as one JSON or Markdown
//! file, and the one-time codes that move the history to another browser.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::{Export, MoveCode, Moved, NewMoveCode};
use services::{Error, OwnerKey, Services};

use super::json::ApiJson;
use crate::error::{ApiError, ErrorBody};
use crate::identity::{give_identity, IdentitySettings};
use crate::state::PublicUrl;

/// Everything of the caller, one JSON document: each interview with its documents (their
/// text), transcript, report and share links. Sent as a download.
#[utoipa::path(
    get,
    path = "/export",
    tag = "your data",
    operation_id = "export_json",
    responses((status = 200, description = "The export", body = Export)),
)]
pub async fn export_json(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<Response, ApiError> {
    let export = services.export(&owner).await?;
    Ok((
        [(
            CONTENT_DISPOSITION,
            "attachment; filename=\"interview-simulator-export.json\"",
        )],
        Json(export),
    )
        .into_response())
}

/// The same export as one Markdown document, for reading.
#[utoipa::path(
    get,
    path = "/export/markdown",
    tag = "your data",
    operation_id = "export_markdown",
    responses((status = 200, description = "The export as Markdown", content_type = "text/markdown", body = String)),
)]
pub async fn export_markdown(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<Response, ApiError> {
    let export = services.export(&owner).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/markdown; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"interview-simulator-export.md\"",
            ),
        ],
        app::export_markdown(&export),
    )
        .into_response())
}

/// A one-time code that moves the caller's whole history to the browser that redeems it
/// within 15 minutes. Shown only in this answer.
#[utoipa::path(
    post,
    path = "/moves",
    tag = "your data",
    operation_id = "create_move_code",
    // No OpenAPI link to `redeem_move_code`: redeeming moves every interview of the caller to
    // a new identity, which a client following links with a fixed cookie would lose.
    responses(
        (status = 201, description = "The code and the page that takes it", body = NewMoveCode),
    ),
)]
pub async fn create_move_code(
    State(services): State<Services>,
    State(PublicUrl(public_url)): State<PublicUrl>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<(StatusCode, Json<NewMoveCode>), ApiError> {
    let code = services
        .create_move_code(&owner, public_url.trim_end_matches('/'))
        .await?;
    Ok((StatusCode::CREATED, Json(code)))
}

/// Redeem a move code: the history of the browser that made it, and this caller's own, move
/// to a new identity given to this caller (`Set-Cookie`). The old identities own nothing
/// afterwards. A code works once; an unknown, used or expired one is 404.
#[utoipa::path(
    post,
    path = "/moves/redeem",
    tag = "your data",
    operation_id = "redeem_move_code",
    request_body = MoveCode,
    responses(
        (status = 200, description = "Moved; the response sets the new owner cookie", body = Moved),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Unknown, used or expired code", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "JSON of the wrong shape (`invalid_body`)", body = ErrorBody),
    ),
)]
pub async fn redeem_move_code(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    Extension(settings): Extension<IdentitySettings>,
    ApiJson(body): ApiJson<MoveCode>,
) -> Result<Response, ApiError> {
    let (token, moved) = services
        .redeem_move_code(&body.code, &owner)
        .await
        .map_err(|error| match error {
            Error::NotFound => ApiError::not_found(
                "This move code is unknown, used already or older than 15 minutes. Make a new one in the other browser.",
            ),
            other => other.into(),
        })?;
    let mut response = Json(moved).into_response();
    give_identity(&mut response, &token, settings);
    Ok(response)
}
