//! Read-only links to a report.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Report;

/// A share link as its owner lists it: no token (only its hash is stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareLink {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A link just made: the only time its token is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewShareLink {
    pub id: Uuid,
    pub token: String,
    /// Where the report is shown: `{PUBLIC_URL}/share/{token}` from the API, the path alone
    /// inside the app.
    pub url: String,
}

/// What a share link shows: the report and the job it was for, nothing about its owner and
/// none of the documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedReport {
    pub job_title: String,
    pub company: String,
    pub report: Report,
    /// When the interview, and so this link, will be deleted unless its owner opens it.
    pub expires_at: Option<DateTime<Utc>>,
}
