//! `/api/v1/interviews`: create, list and read the caller's interviews, choose their language,
//! and their preparation briefs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use domain::{
    Document, DocumentKind, Interview, InterviewId, InterviewSummary, LanguageChoice, NewInterview,
    PreparationBrief, Transcript,
};
use serde::Serialize;
use serde_json::Value;
use services::{OwnerKey, Services};
use utoipa::ToSchema;

use super::json::{self, ApiJson};
use super::path::ApiPath;
use crate::error::{ApiError, ErrorBody};

/// Create an interview for the caller.
#[utoipa::path(
    post,
    path = "/interviews",
    tag = "interviews",
    operation_id = "create_interview",
    request_body = NewInterview,
    responses(
        (status = 201, description = "Created", body = Interview, links(
            ("get" = (operation_id = "get_interview", parameters(("id" = "$response.body#/id")))),
            ("delete" = (operation_id = "delete_interview", parameters(("id" = "$response.body#/id")))),
            ("paste_cv" = (operation_id = "put_document", parameters(("id" = "$response.body#/id"), ("kind" = "cv")),
                request_body = json!({"text": "Jordan Example, backend engineer. Five years of Rust and PostgreSQL at Acme Payments; led the rewrite of the billing service and cut its p99 latency by 40 %."}),
                description = "Paste a CV")),
        )),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "JSON of the wrong shape (`invalid_body`), or invalid input (`validation`; `field` names the first invalid one)", body = ErrorBody),
    )
)]
pub async fn create(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiJson(mut body): ApiJson<Value>,
) -> Result<(StatusCode, Json<Interview>), ApiError> {
    // JSON has one kind of number: `4.0` is the number 4 (JSON Schema's `integer` says so too),
    // so a client that sends it gets 4 questions rather than a type error.
    if let Some(count) = body.get_mut("question_count") {
        if let Some(whole) = count
            .as_f64()
            .filter(|number| number.fract() == 0.0 && (0.0..=255.0).contains(number))
        {
            *count = Value::from(whole as u64);
        }
    }
    let input: NewInterview = json::from_value(&body)?;
    let interview = services.interviews.create(&owner, &input).await?;
    Ok((StatusCode::CREATED, Json(interview)))
}

/// The caller's interviews, newest first.
#[utoipa::path(
    get,
    path = "/interviews",
    operation_id = "list_interviews",
    tag = "interviews",
    responses((status = 200, description = "The caller's interviews", body = [InterviewSummary]))
)]
pub async fn list(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
) -> Result<Json<Vec<InterviewSummary>>, ApiError> {
    Ok(Json(services.interviews.list(&owner).await?))
}

/// An interview as `GET /interviews/{id}` returns it: the interview's fields, a summary of
/// its documents and its transcript so far.
#[derive(Serialize, ToSchema)]
pub struct InterviewDetail {
    #[serde(flatten)]
    interview: Interview,
    /// The documents in so far (none, one or both), CV first; their text is read from
    /// `…/documents/{kind}`.
    documents: Vec<DocumentSummary>,
    /// The questions and answers so far (the same as `…/transcript`, without asking a
    /// missing question: that is left to `…/transcript` and `…/question/stream`).
    transcript: Transcript,
}

/// A document without its text.
#[derive(Serialize, ToSchema)]
pub struct DocumentSummary {
    kind: DocumentKind,
    /// `pdf`, `docx` or `text` (pasted text and .txt files).
    detected_type: String,
    /// The uploaded file's name; none for pasted text.
    file_name: Option<String>,
    size_bytes: u64,
    /// True when the text is the user's correction of the extracted text.
    edited: bool,
    /// How the file was read and what to check.
    warnings: Vec<String>,
    updated_at: DateTime<Utc>,
}

impl From<Document> for DocumentSummary {
    fn from(document: Document) -> Self {
        Self {
            kind: document.kind,
            detected_type: document.detected_type,
            file_name: document.file_name,
            size_bytes: document.size_bytes,
            edited: document.edited,
            warnings: document.warnings,
            updated_at: document.updated_at,
        }
    }
}

/// One of the caller's interviews, with its documents summary and transcript. Someone
/// else's interview is reported as missing.
#[utoipa::path(
    get,
    path = "/interviews/{id}",
    operation_id = "get_interview",
    tag = "interviews",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The interview, its documents (without their text) and its transcript", body = InterviewDetail),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
    )
)]
pub async fn get(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<InterviewDetail>, ApiError> {
    // Reads only: the transcript as stored, never asking the interviewer (this route is
    // free). One after the other, so one request holds one pooled connection at a time.
    let interview = services.interviews.get(&owner, id).await?;
    let documents = services.documents.list(&owner, id).await?;
    let transcript = services.engine.transcript(&owner, id).await?;
    Ok(Json(InterviewDetail {
        interview,
        documents: documents.into_iter().map(DocumentSummary::from).collect(),
        transcript,
    }))
}

/// The preparation brief: each requirement of the job with the CV line that shows it (or
/// none: a gap), the five questions most likely to come, and the CV's stories worth
/// preparing. Made from the documents alone; the questions are worded as the built-in
/// interviewer asks them.
#[utoipa::path(
    get,
    path = "/interviews/{id}/brief",
    operation_id = "get_brief",
    tag = "interviews",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "The brief", body = PreparationBrief),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The CV or the job description is missing (`conflict`)", body = ErrorBody),
    )
)]
pub async fn brief(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Json<PreparationBrief>, ApiError> {
    Ok(Json(services.interviews.brief(&owner, id).await?))
}

/// Delete one of the caller's interviews for good: its documents, transcript, report and
/// share links go with it.
#[utoipa::path(
    delete,
    path = "/interviews/{id}",
    operation_id = "delete_interview",
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
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<StatusCode, ApiError> {
    services.interviews.delete(&owner, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Choose the language the interview is held in (questions and report). Until chosen, it
/// follows the job description, detected when stored (English, French, German or Spanish).
/// Only before the interview starts.
#[utoipa::path(
    put,
    path = "/interviews/{id}/language",
    operation_id = "set_language",
    tag = "interviews",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    request_body = LanguageChoice,
    responses(
        (status = 200, description = "The interview, with its language", body = Interview),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview has started (`conflict`)", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Not one of the four languages (`invalid_body`)", body = ErrorBody),
    )
)]
pub async fn set_language(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
    ApiJson(choice): ApiJson<LanguageChoice>,
) -> Result<Json<Interview>, ApiError> {
    Ok(Json(
        services
            .interviews
            .set_language(&owner, id, choice.language)
            .await?,
    ))
}
