//! API errors: a status and `{"error": {"code", "message", "field"?, "fields"?}}`, for the JSON
//! API and every layer that refuses an API request (rate limits, same-site writes, timeouts).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::FieldError;
use serde::Serialize;
use services::documents::DocumentError;
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

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `not_found`, `validation`, `malformed_request`, …
    code: &'static str,
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
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
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
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(|error| error.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut error = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", message);
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
        Self::new(status, refusal.code(), refusal.to_string())
    }
}

impl From<services::Error> for ApiError {
    fn from(error: services::Error) -> Self {
        match error {
            services::Error::NotFound => Self::not_found("No interview with this id."),
            services::Error::Validation(fields) => Self::invalid(fields),
            services::Error::Conflict(message) => {
                Self::new(StatusCode::CONFLICT, "conflict", message)
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
                    "database_unavailable",
                    "We can't reach our database right now. Nothing was changed; please try again in a moment.",
                )
            }
            services::Error::Database(cause) => {
                tracing::error!(error = %cause, "database error in the JSON API");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
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
