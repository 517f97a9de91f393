//! Where an interview's feedback stands while it is being written in the background.

use serde::{Deserialize, Serialize};

use crate::Report;

text_enum!(
    /// The state of the background job that writes an interview's report.
    FeedbackStatus {
        Queued => "queued", "Waiting to be written";
        Running => "running", "Being written";
        Ready => "ready", "Ready";
        Failed => "failed", "Could not be written";
    }
);

/// Progress of a report not ready yet (the 202 body of `GET /api/v1/interviews/{id}/feedback`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackProgress {
    pub status: FeedbackStatus,
    /// 0 to 100.
    pub progress: u8,
    /// What is happening now, for people ("Reading your answers").
    pub stage: String,
}

/// The feedback of an interview: ready, or on its way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Feedback {
    Pending(FeedbackProgress),
    Ready(Box<Report>),
}
