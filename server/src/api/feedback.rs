//! `/api/v1/interviews/{id}/feedback`, `…/shares` and `/api/v1/shared/{token}`: the report,
//! written in the background, and the read-only links to it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::{
    InterviewId, NewShareLink, Report, ReportJob, ReportProgress, ShareLink, SharedReport,
};
use services::{OwnerKey, Services};

use super::path::{ApiPath, PathParams, SharePath, ShareToken};
use crate::error::{ApiError, ErrorBody};
use crate::state::PublicUrl;

/// 200 with the report when it is ready, else 202 with the job's progress.
fn respond(feedback: ReportJob) -> Response {
    match feedback {
        ReportJob::Ready(report) => (StatusCode::OK, Json(report)).into_response(),
        ReportJob::Pending(progress) => (StatusCode::ACCEPTED, Json(progress)).into_response(),
    }
}

/// Ask for the report of a completed interview (idempotent): it is written in the background.
#[utoipa::path(
    post,
    path = "/interviews/{id}/feedback",
    tag = "feedback",
    operation_id = "request_feedback",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The report (already written)", body = Report, links(
            ("create_share" = (operation_id = "create_share", parameters(("id" = "$request.path.id")))),
            ("list_shares" = (operation_id = "list_shares", parameters(("id" = "$request.path.id")))),
        )),
        (status = 202, description = "Being written; poll `GET` for progress", body = ReportProgress, links(
            ("get_feedback" = (operation_id = "get_feedback", parameters(("id" = "$request.path.id")))),
        )),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview is not complete", body = ErrorBody),
    )
)]
pub async fn request(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Response, ApiError> {
    Ok(respond(services.reports.request(&owner, id).await?))
}

/// The report, or the progress of its writing (asking for it first if nobody has).
#[utoipa::path(
    get,
    path = "/interviews/{id}/feedback",
    tag = "feedback",
    operation_id = "get_feedback",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The report", body = Report, links(
            ("create_share" = (operation_id = "create_share", parameters(("id" = "$request.path.id")))),
        )),
        (status = 202, description = "Being written", body = ReportProgress, links(
            ("poll" = (operation_id = "get_feedback", parameters(("id" = "$request.path.id")))),
        )),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview is not complete", body = ErrorBody),
    )
)]
pub async fn get(
    services: State<Services>,
    owner: Extension<OwnerKey>,
    id: ApiPath<InterviewId>,
) -> Result<Response, ApiError> {
    // The same as asking: a report nobody asked for yet is queued on first sight.
    request(services, owner, id).await
}

/// Make a read-only link to the report. The token is in the answer only this once.
#[utoipa::path(
    post,
    path = "/interviews/{id}/shares",
    tag = "feedback",
    operation_id = "create_share",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 201, description = "The new link", body = NewShareLink, links(
            ("open" = (operation_id = "open_shared_report", parameters(("token" = "$response.body#/token")))),
            ("revoke" = (operation_id = "revoke_share", parameters(("id" = "$request.path.id"), ("share_id" = "$response.body#/id")))),
            ("list" = (operation_id = "list_shares", parameters(("id" = "$request.path.id")))),
        )),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "No report yet", body = ErrorBody),
    )
)]
pub async fn create_share(
    State(services): State<Services>,
    State(PublicUrl(public_url)): State<PublicUrl>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<(StatusCode, Json<NewShareLink>), ApiError> {
    let mut link = services.shares.create(&owner, id).await?;
    link.url = format!("{}{}", public_url.trim_end_matches('/'), link.url);
    Ok((StatusCode::CREATED, Json(link)))
}

/// The interview's links, newest first: ids and dates, never tokens.
#[utoipa::path(
    get,
    path = "/interviews/{id}/shares",
    tag = "feedback",
    operation_id = "list_shares",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The links, revoked ones included", body = [ShareLink]),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn list_shares(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<Vec<ShareLink>>, ApiError> {
    Ok(Json(services.shares.list(&owner, id).await?))
}

/// Revoke a link: it stops working at once.
#[utoipa::path(
    delete,
    path = "/interviews/{id}/shares/{share_id}",
    tag = "feedback",
    operation_id = "revoke_share",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("share_id" = uuid::Uuid, Path, description = "The link's id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn revoke_share(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(SharePath { id, share_id }): ApiPath<SharePath>,
) -> Result<StatusCode, ApiError> {
    services
        .shares
        .revoke(&owner, id, share_id)
        .await
        .map_err(|error| match error {
            services::Error::NotFound => ApiError::not_found("No such share link."),
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// A shared report, for anyone with the link: no CV, no documents, nothing about its owner.
#[utoipa::path(
    get,
    path = "/shared/{token}",
    tag = "feedback",
    operation_id = "open_shared_report",
    params(("token" = String, Path, description = "The token from the share link")),
    responses(
        (status = 200, description = "The report", body = SharedReport),
        (status = 404, description = "Unknown or revoked", body = ErrorBody),
    )
)]
pub async fn shared(
    State(services): State<Services>,
    ApiPath(ShareToken(token)): ApiPath<ShareToken>,
) -> Result<Json<SharedReport>, ApiError> {
    let gone = || ApiError::not_found(ShareToken::NOT_FOUND);
    services
        .shares
        .open(&token)
        .await
        .map(Json)
        .map_err(|error| match error {
            services::Error::NotFound => gone(),
            other => other.into(),
        })
}
