//! `/api/v1/interviews/{id}/start`, `/answers`, `/end` and `/transcript`: the interview
//! itself, one open question at a time.

use axum::extract::State;
use axum::{Extension, Json};
use domain::{AnswerOutcome, InterviewId, InterviewStatus, NewAnswer, Question, Transcript};
use services::{OwnerKey, Services};

use super::json::ApiJson;
use super::path::ApiPath;
use crate::error::{ApiError, ErrorBody};

/// Start a ready interview (both documents in): returns the first question.
#[utoipa::path(
    post,
    path = "/interviews/{id}/start",
    tag = "interview",
    operation_id = "start_interview",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The first question (the same one again on a repeated start before any answer)", body = Question, links(
            ("answer" = (operation_id = "answer_question", parameters(("id" = "$request.path.id")), request_body = json!({"question_id": "$response.body#/id"}))),
            ("stream_question" = (operation_id = "stream_question", parameters(("id" = "$request.path.id")))),
            ("end" = (operation_id = "end_interview", parameters(("id" = "$request.path.id")))),
        )),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "Documents missing, already under way, or ended", body = ErrorBody),
    )
)]
pub async fn start(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<Question>, ApiError> {
    services.engine.start(&owner, id).await?;
    let first = services.engine.open_question(&owner, id, None).await?;
    Ok(Json(first.ok_or_else(|| {
        services::Error::Conflict("This interview has ended.".into())
    })?))
}

/// Answer the open question. The same `client_id` again returns the same outcome and stores
/// one answer.
#[utoipa::path(
    post,
    path = "/interviews/{id}/answers",
    tag = "interview",
    operation_id = "answer_question",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    request_body = NewAnswer,
    responses(
        (status = 200, description = "Stored; the next question, or `completed`", body = AnswerOutcome, links(
            ("answer_next" = (operation_id = "answer_question", parameters(("id" = "$request.path.id")), request_body = json!({"question_id": "$response.body#/next_question/id"}))),
            ("end" = (operation_id = "end_interview", parameters(("id" = "$request.path.id")))),
        )),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "Not the open question (a stale tab), not started, or ended", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Empty, or longer than 5,000 characters (`validation`); or JSON of the wrong shape (`invalid_body`)", body = ErrorBody),
    )
)]
pub async fn answer(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
    ApiJson(input): ApiJson<NewAnswer>,
) -> Result<Json<AnswerOutcome>, ApiError> {
    let stored = services.engine.answer(&owner, id, &input).await?;
    Ok(Json(
        services.engine.what_follows(&owner, id, stored).await?,
    ))
}

/// End the interview early; feedback covers what was answered.
#[utoipa::path(
    post,
    path = "/interviews/{id}/end",
    tag = "interview",
    operation_id = "end_interview",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "Completed; the transcript", body = Transcript, links(
            ("request_feedback" = (operation_id = "request_feedback", parameters(("id" = "$request.path.id")))),
            ("transcript" = (operation_id = "get_transcript", parameters(("id" = "$request.path.id")))),
        )),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "Not started", body = ErrorBody),
    )
)]
pub async fn end(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<Transcript>, ApiError> {
    services.engine.end(&owner, id).await?;
    // An interview in progress whose next question is missing (its generation failed after
    // an answer was stored) gets it now, so API clients never see one without it.
    if services.engine.status(&owner, id).await? == InterviewStatus::InProgress {
        services.engine.open_question(&owner, id, None).await?;
    }
    Ok(Json(services.engine.transcript(&owner, id).await?))
}

/// The questions and answers so far.
#[utoipa::path(
    get,
    path = "/interviews/{id}/transcript",
    tag = "interview",
    operation_id = "get_transcript",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The transcript", body = Transcript),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn transcript(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<Transcript>, ApiError> {
    Ok(Json(services.engine.transcript(&owner, id).await?))
}
