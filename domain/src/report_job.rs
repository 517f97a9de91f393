//! Where an interview's report stands while it is written in the background. Users call it
//! "feedback" (the page, the API routes); the OpenAPI document keeps those schema names.

use serde::{Deserialize, Serialize};

use crate::Report;

text_enum!(
    /// The state of the background job that writes an interview's report.
    #[cfg_attr(feature = "openapi", schema(as = FeedbackStatus))]
    ReportJobStatus {
        Queued => "queued", "Waiting to be written";
        Running => "running", "Being written";
        Ready => "ready", "Ready";
        Failed => "failed", "Could not be written";
    }
);

/// Progress of a report not ready yet (the 202 body of `GET /api/v1/interviews/{id}/feedback`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = FeedbackProgress))]
pub struct ReportProgress {
    pub status: ReportJobStatus,
    /// 0 to 100.
    pub progress: u8,
    /// What is happening now, for people ("Reading your answers").
    pub stage: String,
}

/// An interview's report: ready, or on its way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReportJob {
    Pending(ReportProgress),
    Ready(Box<Report>),
}
