//! A path extractor whose refusal is the API's JSON error. A path that does not parse (a
//! malformed id, an unknown document kind) names nothing, so it gets the same 404 as a
//! missing resource, worded for what the path names.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use domain::{DocumentKind, InterviewId};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::ApiError;

pub struct ApiPath<T>(pub T);

/// What a path names, and the 404 message when it names nothing.
pub trait PathParams: DeserializeOwned + Send {
    const NOT_FOUND: &'static str;
}

impl PathParams for InterviewId {
    const NOT_FOUND: &'static str = "No interview with this id.";
}

/// `/interviews/{id}/documents/{kind}`.
#[derive(Deserialize)]
pub struct DocumentPath {
    pub id: InterviewId,
    pub kind: DocumentKind,
}

impl PathParams for DocumentPath {
    const NOT_FOUND: &'static str =
        "No such interview or document kind (use `cv` or `job_description`).";
}

/// `/interviews/{id}/shares/{share_id}`.
#[derive(Deserialize)]
pub struct SharePath {
    pub id: InterviewId,
    pub share_id: Uuid,
}

impl PathParams for SharePath {
    const NOT_FOUND: &'static str = "No such share link.";
}

/// `/interviews/{id}/questions/{number}/attempts`.
#[derive(Deserialize)]
pub struct QuestionPath {
    pub id: InterviewId,
    pub number: u8,
}

impl PathParams for QuestionPath {
    const NOT_FOUND: &'static str = "No such interview or question.";
}

/// `/shared/{token}`: a token that is not even UTF-8 once decoded is no token.
#[derive(Deserialize)]
#[serde(transparent)]
pub struct ShareToken(pub String);

impl PathParams for ShareToken {
    const NOT_FOUND: &'static str = "This link does not exist or has been revoked.";
}

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: PathParams,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| Self(value))
            .map_err(|_| ApiError::not_found(T::NOT_FOUND))
    }
}
