//! Your data, yours to take: everything of an owner as one document (JSON, or Markdown made
//! from it), and a one-time code that moves the whole history to another browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Document, Interview, InterviewAttempts, Report, ShareLink, Transcript};

/// How long a move code works.
pub const MOVE_CODE_MINUTES: i64 = 15;

/// Everything stored for one owner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Export {
    pub exported_at: DateTime<Utc>,
    /// Newest first, as the history lists them.
    pub interviews: Vec<ExportedInterview>,
}

/// One interview with everything it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedInterview {
    pub interview: Interview,
    /// The CV and the job description, with the text the interviewer read.
    pub documents: Vec<Document>,
    pub transcript: Transcript,
    pub report: Option<Report>,
    /// The questions practised again after the interview, with every attempt (completed
    /// interviews only).
    pub practice: Option<InterviewAttempts>,
    /// The links made to its report (their tokens are not stored, so not exported).
    pub share_links: Vec<ShareLink>,
}

/// A code just made to move the history: shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMoveCode {
    /// Sixteen letters and digits in groups of four; case and dashes do not matter.
    pub code: String,
    /// The page that takes it in the other browser: `{PUBLIC_URL}/move/{code}` from the API,
    /// the path alone inside the app.
    pub url: String,
    pub expires_at: DateTime<Utc>,
}

/// A code to redeem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveCode {
    pub code: String,
}

/// What a redeemed code did: this browser now holds the history under a new identity, and
/// the browser that made the code holds nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moved {
    /// Interviews now in this browser (those moved and those it had).
    pub interviews: u64,
}
