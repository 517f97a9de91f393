//! `/api/v1/interviews/{id}/documents/{kind}`: paste (JSON) a CV or job description, read it
//! back, and correct its text; `…/{kind}/file`: upload one (multipart).

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::{Document, DocumentKind, DocumentText, InterviewId};
use futures_util::StreamExt;
use intake::DocumentError;
use serde::de::DeserializeOwned;
use services::{OwnerKey, Services};

use super::json::{self, ApiJson};
use super::path::{ApiPath, DocumentPath};
use crate::error::{ApiError, ErrorBody, ErrorCode};

/// Room for multipart boundaries and part headers on top of the file itself.
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;

/// Paste text (JSON `{text}`) as the interview's CV or job description, replacing the earlier
/// one.
// For compatibility this path also takes a multipart upload, as `upload` does; the OpenAPI
// document describes only JSON here, so each operation has one body type and generated
// clients can call both.
#[utoipa::path(
    put,
    path = "/interviews/{id}/documents/{kind}",
    operation_id = "put_document",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("kind" = DocumentKind, Path, description = "`cv` or `job_description`"),
    ),
    request_body(
        description = "JSON `{text}`: the pasted text. To upload a file, use `PUT …/documents/{kind}/file`",
        content((DocumentText = "application/json"))
    ),
    responses(
        (status = 200, description = "Stored; the text and warnings", body = Document, links(
            ("paste_job_description" = (operation_id = "put_document", parameters(("id" = "$request.path.id"), ("kind" = "job_description")),
                request_body = json!({"text": "Backend Engineer at Example Ltd. You will build and run Rust services on PostgreSQL, take part in on-call, and mentor two junior engineers."}),
                description = "Paste the other document: with both in, the interview can start")),
            ("correct" = (operation_id = "correct_document", parameters(("id" = "$request.path.id"), ("kind" = "$request.path.kind")))),
            ("start" = (operation_id = "start_interview", parameters(("id" = "$request.path.id")))),
        )),
        (status = 400, description = "The body is not valid JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview has started", body = ErrorBody),
        (status = 413, description = "The JSON body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Unreadable text (empty, or nothing but whitespace…); or JSON without `text` (`invalid_body`)", body = ErrorBody),
    )
)]
pub async fn put(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    Extension(JsonBodyLimit(json_limit)): Extension<JsonBodyLimit>,
    ApiPath(DocumentPath { id, kind }): ApiPath<DocumentPath>,
    request: Request,
) -> Result<Json<Document>, ApiError> {
    let document = match media_type(&request).as_str() {
        "multipart/form-data" => upload_file(&services, &owner, id, kind, request).await?,
        json if json == "application/json" || json.ends_with("+json") => {
            let body: DocumentText = read_json(request, json_limit).await?;
            services
                .documents
                .paste(&owner, id, kind, &body.text)
                .await?
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Send text as JSON `{\"text\": …}`, or a file to `…/documents/{kind}/file` as multipart/form-data with a `file` part.",
            ))
        }
    };
    Ok(Json(document))
}

/// Upload a file (multipart, part `file`) as the interview's CV or job description, replacing
/// the earlier one. The file type comes from its content.
#[utoipa::path(
    put,
    path = "/interviews/{id}/documents/{kind}/file",
    operation_id = "upload_document",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("kind" = DocumentKind, Path, description = "`cv` or `job_description`"),
    ),
    request_body(
        description = "`multipart/form-data` with a `file` part: PDF, DOCX or text, at most MAX_UPLOAD_BYTES (default 10 MB)",
        content((UploadForm = "multipart/form-data"))
    ),
    responses(
        (status = 200, description = "Stored; the extracted text and warnings", body = Document, links(
            ("correct" = (operation_id = "correct_document", parameters(("id" = "$request.path.id"), ("kind" = "$request.path.kind")))),
            ("start" = (operation_id = "start_interview", parameters(("id" = "$request.path.id")))),
        )),
        (status = 400, description = "Not a readable multipart body (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview has started", body = ErrorBody),
        (status = 413, description = "The file is over the limit (`file_too_large`)", body = ErrorBody),
        (status = 415, description = "Not a PDF, DOCX or text file, the message naming what it is (`unsupported_file_type`); or a body that is not multipart (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Unreadable: empty, damaged, password-protected, scanned, too many pages…; or no `file` part (`invalid_body`)", body = ErrorBody),
        (status = 503, description = "Extraction is unavailable", body = ErrorBody),
    )
)]
pub async fn upload(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(DocumentPath { id, kind }): ApiPath<DocumentPath>,
    request: Request,
) -> Result<Json<Document>, ApiError> {
    if media_type(&request) != "multipart/form-data" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Send the file as multipart/form-data with a `file` part (or text as JSON to `…/documents/{kind}`).",
        ));
    }
    Ok(Json(
        upload_file(&services, &owner, id, kind, request).await?,
    ))
}

/// The media type without its parameters (`; boundary=…`, `; charset=…`), lower case.
fn media_type(request: &Request) -> String {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

async fn upload_file(
    services: &Services,
    owner: &OwnerKey,
    id: InterviewId,
    kind: DocumentKind,
    request: Request,
) -> Result<Document, ApiError> {
    let limit = services.documents.max_upload_bytes();
    let (file_name, bytes) = read_file_part(request, limit).await?;
    Ok(services
        .documents
        .upload(owner, id, kind, file_name.as_deref(), bytes)
        .await?)
}

/// The largest JSON body (`MAX_BODY_BYTES`): pasted text is read against it by hand, since
/// this route lifts axum's limit for uploads.
#[derive(Clone, Copy)]
pub struct JsonBodyLimit(pub usize);

/// Reads a JSON body of at most `limit` bytes, with the API's refusals.
async fn read_json<T: DeserializeOwned>(request: Request, limit: usize) -> Result<T, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::TooLarge,
            "The request body is too large.",
        )
    };
    if declared_length(&request).is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let mut body = request.into_body().into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::MalformedRequest,
                format!("The body could not be read: {error}"),
            )
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    json::from_slice(&bytes)
}

fn declared_length(request: &Request) -> Option<usize> {
    request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok())
}

/// How much of a refused upload is read and thrown away before the 413 is sent: many clients
/// (Python's urllib, scripts) send the whole body before they read the answer, and a
/// connection closed under them shows as a broken pipe instead of the 413. Past this, it is
/// closed anyway.
fn drain_bound(limit: usize) -> usize {
    limit.saturating_mul(4).min(64 * 1024 * 1024)
}

/// Reads and discards what is left of a refused body (or multipart field), up to `bound`
/// bytes; returns how much it read.
async fn discard<S, E>(mut body: S, bound: usize) -> usize
where
    S: futures_util::Stream<Item = Result<axum::body::Bytes, E>> + Unpin,
{
    let mut read = 0usize;
    while read <= bound {
        match body.next().await {
            Some(Ok(chunk)) => read += chunk.len(),
            _ => break,
        }
    }
    read
}

/// Streams the `file` part, refusing it as soon as it passes `limit` bytes (or at once when
/// Content-Length already says so), so an oversized upload is never buffered whole; the rest
/// of it is read and dropped (up to [`drain_bound`]) so the client gets the 413.
async fn read_file_part(
    request: Request,
    limit: usize,
) -> Result<(Option<String>, Vec<u8>), ApiError> {
    let too_large = || {
        ApiError::document(&DocumentError::TooLarge {
            limit_bytes: limit as u64,
        })
    };
    if declared_length(&request).is_some_and(|length| length > limit + MULTIPART_OVERHEAD_BYTES) {
        discard(request.into_body().into_data_stream(), drain_bound(limit)).await;
        return Err(too_large());
    }
    let malformed = |detail: String| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
            format!("The multipart body could not be read: {detail}"),
        )
    };
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|rejection| malformed(rejection.body_text()))?;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|error| malformed(error.body_text()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|error| malformed(error.body_text()))?
        {
            if bytes.len() + chunk.len() > limit {
                // The rest of this part and any after it.
                let bound = drain_bound(limit);
                let mut drained = bytes.len() + chunk.len();
                drained += discard(field, bound.saturating_sub(drained)).await;
                while drained <= bound {
                    let Ok(Some(next)) = multipart.next_field().await else {
                        break;
                    };
                    drained += discard(next, bound - drained).await;
                }
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((file_name, bytes));
    }
    Err(ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::InvalidBody,
        "The multipart body has no `file` part.",
    ))
}

/// The interview's CV or job description: the text the interviewer reads, and warnings.
#[utoipa::path(
    get,
    path = "/interviews/{id}/documents/{kind}",
    operation_id = "get_document",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("kind" = DocumentKind, Path, description = "`cv` or `job_description`"),
    ),
    responses(
        (status = 200, description = "The document", body = Document),
        (status = 404, description = "No such document, or not the caller's", body = ErrorBody),
    )
)]
pub async fn get(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(DocumentPath { id, kind }): ApiPath<DocumentPath>,
) -> Result<Json<Document>, ApiError> {
    Ok(Json(services.documents.get(&owner, id, kind).await?))
}

/// Correct the extracted text; the interviewer reads the corrected text.
#[utoipa::path(
    patch,
    path = "/interviews/{id}/documents/{kind}",
    operation_id = "correct_document",
    tag = "documents",
    params(
        ("id" = uuid::Uuid, Path, description = "The interview id"),
        ("kind" = DocumentKind, Path, description = "`cv` or `job_description`"),
    ),
    request_body = DocumentText,
    responses(
        (status = 200, description = "Corrected", body = Document, links(
            ("get" = (operation_id = "get_document", parameters(("id" = "$request.path.id"), ("kind" = "$request.path.kind")))),
        )),
        (status = 400, description = "The body is not JSON (`malformed_request`)", body = ErrorBody),
        (status = 404, description = "No such document, or not the caller's", body = ErrorBody),
        (status = 409, description = "The interview has started", body = ErrorBody),
        (status = 413, description = "The body is over MAX_BODY_BYTES (`too_large`)", body = ErrorBody),
        (status = 415, description = "The body is not sent as JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "The text is empty (`no_text`), or the JSON has no `text` (`invalid_body`)", body = ErrorBody),
    )
)]
pub async fn correct(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(DocumentPath { id, kind }): ApiPath<DocumentPath>,
    ApiJson(body): ApiJson<DocumentText>,
) -> Result<Json<Document>, ApiError> {
    Ok(Json(
        services
            .documents
            .correct(&owner, id, kind, &body.text)
            .await?,
    ))
}

/// The multipart form of an upload, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file: PDF, DOCX or plain text.
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
}
