use domain::{FieldError, Refusal};

use intake::DocumentError;

/// What can go wrong in a service call. Keeps causes for the logs; the adapters (server
/// functions, JSON API) turn it into a status and a message a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Missing, or owned by someone else: callers cannot tell the two apart.
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// The request conflicts with the current state (a stale question, already started).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A document that cannot be used, with the reason worded for its uploader.
    #[error("document refused: {0}")]
    Document(#[from] DocumentError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Conflict(refusal.to_string())
    }
}

/// A stored value the schema's CHECK constraints rule out: the schema and the code disagree.
pub(crate) fn corrupt(what: String) -> Error {
    Error::Database(sqlx::Error::Decode(what.into()))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
