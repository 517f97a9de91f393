//! The error the browser sees. Server-side causes stay in the logs (see `services::Error`);
//! this type carries only what a person can act on, and is serialisable so server functions
//! can return it.

use domain::{FieldError, NewInterview};
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We couldn't find that interview. It may have been deleted, or it was created in another browser.")]
    NotFound,
    /// Some fields are invalid. `submitted` echoes the input so a form posted without
    /// JavaScript can show it again: nothing typed is lost.
    #[error("Please correct the highlighted fields.")]
    Invalid {
        fields: Vec<FieldError>,
        submitted: Option<NewInterview>,
    },
    #[error("{0}")]
    Conflict(String),
    /// A document was refused; the message says why and what to do.
    #[error("{message}")]
    Document { code: String, message: String },
    /// Too many costly requests (interviewer or documents) in the last minute; the server's
    /// message says how long to wait. Sent with status 429 and `Retry-After`.
    #[error("{message}")]
    RateLimited {
        retry_after_secs: u64,
        message: String,
    },
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("We couldn't reach the server ({0}). Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// The message for one input field, if it is invalid.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid { fields, .. } => fields
                .iter()
                .find(|error| error.field == field)
                .map(|error| error.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::codec::JsonStrEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        AppError::Transport(error.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<services::Error> for AppError {
    fn from(error: services::Error) -> Self {
        match error {
            services::Error::NotFound => AppError::NotFound,
            services::Error::Validation(fields) => AppError::Invalid {
                fields,
                submitted: None,
            },
            services::Error::Conflict(message) => AppError::Conflict(message),
            services::Error::Document(refusal) => AppError::Document {
                code: refusal.code().into(),
                message: refusal.to_string(),
            },
            services::Error::Database(cause) => {
                tracing::error!(error = %cause, "database error in a server function");
                AppError::Internal
            }
        }
    }
}
