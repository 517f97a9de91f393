//! `/api/v1/interviews`: create, list and read the caller's interviews.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::{Interview, InterviewId, InterviewSummary, NewInterview};
use services::{OwnerKey, Services};

use super::error::ErrorBody;
use super::json::ApiJson;
use super::ApiError;

/// Create an interview for the caller.
#[utoipa::path(
    post,
    path = "/api/v1/interviews",
    tag = "interviews",
    request_body = NewInterview,
    responses(
        (status = 201, description = "Created", body = Interview),
        (status = 400, description = "The body is not JSON", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON", body = ErrorBody),
        (status = 422, description = "Invalid input; `field` names the first invalid one", body = ErrorBody),
    )
)]
pub async fn create(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiJson(input): ApiJson<NewInterview>,
) -> Result<(StatusCode, Json<Interview>), ApiError> {
    let interview = services.interviews.create(&owner, &input).await?;
    Ok((StatusCode::CREATED, Json(interview)))
}

/// The caller's interviews, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/interviews",
    tag = "interviews",
    responses((status = 200, description = "The caller's interviews", body = [InterviewSummary]))
)]
pub async fn list(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<Json<Vec<InterviewSummary>>, ApiError> {
    Ok(Json(services.interviews.list(&owner).await?))
}

/// One of the caller's interviews. Someone else's interview is reported as missing.
#[utoipa::path(
    get,
    path = "/api/v1/interviews/{id}",
    tag = "interviews",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The interview", body = Interview),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn get(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    id: Result<Path<InterviewId>, axum::extract::rejection::PathRejection>,
) -> Result<Json<Interview>, ApiError> {
    // A malformed id cannot name anyone's interview: same answer as a missing one.
    let Ok(Path(id)) = id else {
        return Err(ApiError::not_found("No interview with this id."));
    };
    Ok(Json(services.interviews.get(&owner, id).await?))
}

/// Delete one of the caller's interviews for good: its documents, transcript, report and
/// share links go with it.
#[utoipa::path(
    delete,
    path = "/api/v1/interviews/{id}",
    tag = "interviews",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 204, description = "Deleted, with everything that belonged to it"),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn delete(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    id: Result<Path<InterviewId>, axum::extract::rejection::PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(ApiError::not_found("No interview with this id."));
    };
    services.interviews.delete(&owner, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
