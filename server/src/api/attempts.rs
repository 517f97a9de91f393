//! `/api/v1/interviews/{id}/attempts`, `…/questions/{number}/attempts` and
//! `/api/v1/answer-bank`: practising the questions of a completed interview again, and the
//! owner's best answers.

use axum::extract::State;
use axum::{Extension, Json};
use domain::{Attempt, BankedAnswer, InterviewAttempts, InterviewId, NewAttempt, QuestionAttempts};
use services::{OwnerKey, Services};

use super::json::ApiJson;
use super::path::{ApiPath, QuestionPath};
use crate::error::{ApiError, ErrorBody};

/// Every answered question of a completed interview with its attempts, and the overall score
/// with each question's best answer next to the report's.
#[utoipa::path(
    get,
    path = "/interviews/{id}/attempts",
    tag = "practice",
    operation_id = "list_attempts",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The questions, their attempts and the overall score", body = InterviewAttempts),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview is not complete", body = ErrorBody),
    )
)]
pub async fn list(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<InterviewAttempts>, ApiError> {
    Ok(Json(services.attempts.for_interview(&owner, id).await?))
}

/// One question of a completed interview: its original answer and the attempts, oldest first.
#[utoipa::path(
    get,
    path = "/interviews/{id}/questions/{number}/attempts",
    tag = "practice",
    operation_id = "list_question_attempts",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("number" = u8, Path, description = "The question's number in the interview, from 1"),
    ),
    responses(
        (status = 200, description = "The question with its attempts", body = QuestionAttempts),
        (status = 404, description = "Missing, not the caller's, or no answered question of that number", body = ErrorBody),
        (status = 409, description = "The interview is not complete", body = ErrorBody),
    )
)]
pub async fn for_question(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(path): ApiPath<QuestionPath>,
) -> Result<Json<QuestionAttempts>, ApiError> {
    Ok(Json(
        services
            .attempts
            .for_question(&owner, path.id, path.number)
            .await?,
    ))
}

/// Answer a question of a completed interview again. Scored on its own and compared with the
/// original answer; the original and the report stay as they were. The same `client_id` again
/// returns the attempt stored the first time.
#[utoipa::path(
    post,
    path = "/interviews/{id}/questions/{number}/attempts",
    tag = "practice",
    operation_id = "create_attempt",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("number" = u8, Path, description = "The question's number in the interview, from 1"),
    ),
    request_body = NewAttempt,
    responses(
        (status = 200, description = "Stored (or stored before, with this `client_id`): its score and what improved or still lacks", body = Attempt),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Missing, not the caller's, or no answered question of that number", body = ErrorBody),
        (status = 409, description = "The interview is not complete", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Empty, or longer than 5,000 characters (`validation`); or JSON of the wrong shape (`invalid_body`)", body = ErrorBody),
    )
)]
pub async fn create(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(path): ApiPath<QuestionPath>,
    ApiJson(input): ApiJson<NewAttempt>,
) -> Result<Json<Attempt>, ApiError> {
    Ok(Json(
        services
            .attempts
            .create(&owner, path.id, path.number, &input)
            .await?,
    ))
}

/// The caller's answer bank: the best answer to each kind of question they practised again.
#[utoipa::path(
    get,
    path = "/answer-bank",
    tag = "practice",
    operation_id = "get_answer_bank",
    responses(
        (status = 200, description = "At most one answer per kind of question", body = Vec<BankedAnswer>),
    )
)]
pub async fn bank(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<Json<Vec<BankedAnswer>>, ApiError> {
    Ok(Json(services.attempts.bank(&owner).await?))
}
