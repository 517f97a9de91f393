//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers' annotations
//! and the domain types, so it cannot drift from the code.

use axum::Json;
use utoipa::OpenApi;

use super::error::{ErrorBody, ErrorDetail};
use super::{documents, feedback, interviews, question_stream, transcript};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Interview Simulator API",
        version = "1",
        description = "Practise a job interview: set up interviews for a job, answer tailored questions, get feedback. \
            Identity is an anonymous owner cookie (`owner`), set on the first response; every interview belongs to one owner \
            and is reported as missing (404) to anyone else."
    ),
    paths(
        interviews::create,
        interviews::list,
        interviews::get,
        interviews::delete,
        documents::put,
        documents::get,
        documents::correct,
        transcript::start,
        transcript::answer,
        transcript::end,
        transcript::transcript,
        question_stream::stream,
        feedback::request,
        feedback::get,
        feedback::create_share,
        feedback::list_shares,
        feedback::revoke_share,
        feedback::shared,
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        domain::FieldError,
        domain::InterviewStatus,
        domain::InterviewKind,
        domain::Seniority,
        domain::DocumentKind,
        domain::Document,
        domain::DocumentText,
        documents::UploadForm,
        domain::Question,
        domain::QuestionId,
        domain::NewAnswer,
        domain::AnswerOutcome,
        domain::Transcript,
        domain::TranscriptEntry,
        domain::QuestionEvent,
        domain::Report,
        domain::FeedbackProgress,
        domain::FeedbackStatus,
        domain::ShareLink,
        domain::NewShareLink,
        domain::SharedReport,
    )),
    tags(
        (name = "interviews", description = "Practice interviews"),
        (name = "documents", description = "The CV and job description of an interview"),
        (name = "interview", description = "Questions and answers, one open question at a time"),
        (name = "feedback", description = "The report on an interview, and read-only share links to it"),
    )
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
