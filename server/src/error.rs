//! API errors: a status and `{"error": {"code", "message", "field"?, "fields"?}}`, for the JSON
//! API and every layer that refuses an API request (rate limits, same-site writes, timeouts).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::FieldError;
use intake::DocumentError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorDetail,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

/// 429 from the rate limiter on the costly endpoints (they call an LLM or read a file):
/// `{"error": {"code": "rate_limited", …}}`, and how long to wait.
#[derive(utoipa::ToResponse)]
#[response(
    description = "Too many requests from this client (`rate_limited`); try again after `Retry-After` seconds",
    headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))
)]
#[allow(dead_code)]
pub struct RateLimited(ErrorBody);

/// 503 when the database cannot be reached (`database_unavailable`): nothing was changed, and
/// the same request works once it is back. Any operation can answer it.
#[derive(utoipa::ToResponse)]
#[response(
    description = "The database cannot be reached (`database_unavailable`); nothing was changed, try again shortly"
)]
#[allow(dead_code)]
pub struct Unavailable(ErrorBody);

/// 408 when a request runs past the server's time limit (`timeout`), slow clients included.
/// Any operation can answer it.
#[derive(utoipa::ToResponse)]
#[response(description = "The request took too long and was stopped (`timeout`); try again")]
#[allow(dead_code)]
pub struct TimedOut(ErrorBody);

/// The machine-readable `code` of an error, stable across releases (clients branch on it).
/// Serialised in snake case: `NotFound` is `"not_found"`. Document refusals carry the codes
/// of [`DocumentError::code`], which a test below keeps equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    MalformedRequest,
    InvalidBody,
    UnsupportedMediaType,
    TooLarge,
    RateLimited,
    Timeout,
    CrossSiteRequest,
    DatabaseUnavailable,
    Internal,
    // Document refusals.
    EmptyFile,
    NoText,
    ScannedPdf,
    PasswordProtected,
    NotProse,
    TooManyPages,
    FileTooLarge,
    ExtractionTimedOut,
    UnreadableFile,
    ExtractionUnavailable,
    DamagedFile,
    SuspiciousFile,
    UnsupportedFileType,
}

impl From<&DocumentError> for ErrorCode {
    fn from(refusal: &DocumentError) -> Self {
        match refusal {
            DocumentError::Empty => Self::EmptyFile,
            DocumentError::NoText => Self::NoText,
            DocumentError::ScannedPdf => Self::ScannedPdf,
            DocumentError::PasswordProtected | DocumentError::PasswordProtectedOffice => {
                Self::PasswordProtected
            }
            DocumentError::NotProse => Self::NotProse,
            DocumentError::TooManyPages => Self::TooManyPages,
            DocumentError::TooLarge { .. } => Self::FileTooLarge,
            DocumentError::TooSlow => Self::ExtractionTimedOut,
            DocumentError::Unreadable => Self::UnreadableFile,
            DocumentError::Unavailable => Self::ExtractionUnavailable,
            DocumentError::Damaged { .. } => Self::DamagedFile,
            DocumentError::Suspicious { .. } => Self::SuspiciousFile,
            DocumentError::Unsupported { .. } => Self::UnsupportedFileType,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `not_found`, `validation`, `malformed_request`, …
    // Described as a plain string, as before the enum: new codes are not a breaking change.
    #[schema(value_type = String)]
    code: ErrorCode,
    /// For people: what went wrong and what to do.
    message: String,
    /// The first invalid field, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    /// Every invalid field, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldError>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorDetail {
                code,
                message: message.into(),
                field: None,
                fields: Vec::new(),
            },
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(|error| error.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut error = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Validation,
            message,
        );
        error.body.field = fields.first().map(|error| error.field.clone());
        error.body.fields = fields;
        error
    }
}

impl ApiError {
    /// 415 for files of a type we do not read, 413 for files over the limit, 503 when
    /// extraction itself is unavailable, 422 for everything else we could not read.
    pub fn document(refusal: &DocumentError) -> Self {
        let status = match refusal {
            DocumentError::Unsupported { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            DocumentError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            DocumentError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Self::new(status, ErrorCode::from(refusal), refusal.to_string())
    }
}

impl From<services::Error> for ApiError {
    fn from(error: services::Error) -> Self {
        match error {
            services::Error::NotFound => Self::not_found("No interview with this id."),
            services::Error::Validation(fields) => Self::invalid(fields),
            services::Error::Conflict(message) => {
                Self::new(StatusCode::CONFLICT, ErrorCode::Conflict, message)
            }
            services::Error::Document(refusal) => Self::document(&refusal),
            // No connection to be had (the database is down or restarting): nothing was
            // done, and the same request will work once it is back, which 503 tells clients.
            services::Error::Database(
                cause @ (sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed),
            ) => {
                tracing::error!(error = %cause, "database unreachable in the JSON API");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    ErrorCode::DatabaseUnavailable,
                    "We can't reach our database right now. Nothing was changed; please try again in a moment.",
                )
            }
            services::Error::Database(cause) => {
                tracing::error!(error = %cause, "database error in the JSON API");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorCode::Internal,
                    "Something went wrong on our side. Please try again.",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.body })).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_refusals_keep_the_codes_the_services_name() {
        let refusals = [
            DocumentError::Empty,
            DocumentError::NoText,
            DocumentError::ScannedPdf,
            DocumentError::PasswordProtected,
            DocumentError::PasswordProtectedOffice,
            DocumentError::NotProse,
            DocumentError::TooManyPages,
            DocumentError::TooLarge { limit_bytes: 1 },
            DocumentError::TooSlow,
            DocumentError::Unreadable,
            DocumentError::Unavailable,
            DocumentError::Damaged {
                what: "".into(),
                advice: "".into(),
            },
            DocumentError::Suspicious { reason: "".into() },
            DocumentError::Unsupported {
                what: "".into(),
                advice: "".into(),
            },
        ];
        for refusal in refusals {
            assert_eq!(
                serde_json::to_value(ErrorCode::from(&refusal)).unwrap(),
                refusal.code(),
            );
        }
    }

    #[test]
    fn codes_are_the_snake_case_strings_of_the_contract() {
        for (code, text) in [
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::MalformedRequest, "malformed_request"),
            (ErrorCode::UnsupportedMediaType, "unsupported_media_type"),
            (ErrorCode::DatabaseUnavailable, "database_unavailable"),
            (ErrorCode::CrossSiteRequest, "cross_site_request"),
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), text);
        }
        let body = serde_json::to_value(ErrorBody {
            error: ApiError::not_found("gone").body,
        })
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"error": {"code": "not_found", "message": "gone"}})
        );
    }
}
