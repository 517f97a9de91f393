//! The feedback service: a report is requested once an interview is complete, written in the
//! background by whichever server instance claims its job, and stored once.
//!
//! Jobs live in PostgreSQL (`feedback_jobs`), so a reload, a server restart or a second
//! instance changes nothing: a worker claims the oldest unfinished job with
//! `FOR UPDATE SKIP LOCKED` and holds it by a lease that every progress step renews. A lease
//! that runs out (its server died) lets another worker take the job over, up to
//! `MAX_ATTEMPTS` claims in all; the report insert
//! and the job's completion share one transaction, so a report is stored exactly once.

pub mod asks;
mod input;
pub mod prompt;
pub mod worker;
mod writer;

use std::sync::Arc;
use std::time::Duration;

use domain::{
    Delivery, InterviewId, InterviewStatus, Report, ReportJob, ReportJobStatus, ReportProgress,
};
use sqlx::PgPool;
use tokio::sync::Notify;

use crate::error::corrupt;
use crate::interviews::row;
use crate::retention::Retention;
use crate::{Error, OwnerKey, Result};

pub use writer::{ReportMode, ReportSettings, ReportWriter};

/// How long a claimed job is held without a sign of life before another worker may take it.
const LEASE: Duration = Duration::from_secs(300);
/// A job that failed this many times stays failed until the owner asks again.
const MAX_ATTEMPTS: i16 = 3;

#[derive(Clone, Debug)]
pub struct ReportService {
    pool: PgPool,
    writer: Arc<ReportWriter>,
    /// Wakes this instance's worker when a job is queued here; other instances find it by
    /// polling.
    queued: Arc<Notify>,
    /// Reading its report is opening the interview.
    retention: Retention,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    status: String,
    #[sqlx(try_from = "i16")]
    progress: u8,
    stage: String,
}

#[derive(sqlx::FromRow)]
struct CurrentRow {
    report: Option<sqlx::types::Json<Report>>,
    #[sqlx(flatten)]
    job: JobRow,
}

impl ReportService {
    pub fn new(pool: PgPool, writer: ReportWriter) -> Self {
        Self {
            writer: Arc::new(writer),
            pool,
            queued: Arc::new(Notify::new()),
            retention: Retention::default(),
        }
    }

    pub(crate) fn with_retention(self, retention: Retention) -> Self {
        Self { retention, ..self }
    }

    /// Asks for the report of a completed interview (idempotent): queues its job unless it
    /// exists, re-queues a failed one, and says where it stands.
    pub async fn request(&self, owner: &OwnerKey, id: InterviewId) -> Result<ReportJob> {
        match self.interview_status(owner, id).await? {
            InterviewStatus::Completed => {}
            InterviewStatus::InProgress => {
                return Err(Error::Conflict(
                    "Finish the interview, or end it early, to get your feedback.".into(),
                ))
            }
            InterviewStatus::NotReady | InterviewStatus::Ready => {
                return Err(Error::Conflict(
                    "This interview has not started yet, so there is nothing to give feedback on."
                        .into(),
                ))
            }
        }
        let queued = sqlx::query(
            "INSERT INTO feedback_jobs (interview_id) VALUES ($1)
             ON CONFLICT (interview_id) DO UPDATE
                 SET status = 'queued', progress = 0, stage = 'queued', attempts = 0,
                     last_error = NULL, updated_at = now()
                 WHERE feedback_jobs.status = 'failed'",
        )
        .bind(id.0)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if queued > 0 {
            tracing::info!(interview_id = %id, "feedback requested");
            self.queued.notify_one();
        }
        self.current(id).await
    }

    /// The report when it is ready, else the job's progress (the caller has checked the owner).
    /// One statement reads both, so they come from one snapshot: read apart, the worker could
    /// commit between them, leaving no report yet but a job already `done`.
    async fn current(&self, id: InterviewId) -> Result<ReportJob> {
        let row: Option<CurrentRow> = sqlx::query_as(
            "SELECT r.report, j.status, j.progress, j.stage
             FROM feedback_jobs j LEFT JOIN reports r USING (interview_id)
             WHERE j.interview_id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        let Some(CurrentRow { report, job }) = row else {
            // No job: a report cannot exist without one (it is written by the job).
            return Err(Error::NotFound);
        };
        if let Some(report) = report {
            let report = self.with_delivery(id, report.0).await?;
            return Ok(ReportJob::Ready(Box::new(report)));
        }
        let status: ReportJobStatus = job.status.parse().map_err(corrupt)?;
        Ok(ReportJob::Pending(ReportProgress {
            status,
            progress: job.progress.min(100),
            stage: stage_label(status, &job.stage),
        }))
    }

    /// The stored report of an interview, whoever asks (share links check their token first).
    pub(crate) async fn stored_report(&self, id: InterviewId) -> Result<Option<Report>> {
        let report: Option<sqlx::types::Json<Report>> =
            sqlx::query_scalar("SELECT report FROM reports WHERE interview_id = $1")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
        match report {
            Some(report) => Ok(Some(self.with_delivery(id, report.0).await?)),
            None => Ok(None),
        }
    }

    /// The report with each spoken answer's delivery figures, which live with the answers:
    /// the report's author never sees or scores them.
    async fn with_delivery(&self, id: InterviewId, mut report: Report) -> Result<Report> {
        let spoken: Vec<(i16, sqlx::types::Json<Delivery>)> = sqlx::query_as(
            "SELECT q.position, a.delivery FROM answers a JOIN questions q ON q.id = a.question_id
             WHERE a.interview_id = $1 AND a.delivery IS NOT NULL",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        for (position, delivery) in spoken {
            if let Some(question) = report
                .questions
                .iter_mut()
                .find(|question| i16::from(question.number) == position)
            {
                question.delivery = Some(delivery.0);
            }
        }
        Ok(report)
    }

    /// The owner's interview's status; reading its report is opening it (retention), in the
    /// same statement.
    async fn interview_status(&self, owner: &OwnerKey, id: InterviewId) -> Result<InterviewStatus> {
        let (now, stale) = self.retention.touch_bounds();
        Ok(row::open(&self.pool, id, owner, now, stale).await?.status)
    }
}

/// The words people see for a job's stage.
fn stage_label(status: ReportJobStatus, stage: &str) -> String {
    match (status, stage) {
        (ReportJobStatus::Failed, _) => {
            "Your feedback could not be written. Ask again to retry.".into()
        }
        (_, "queued") => "Waiting for a free writer…".into(),
        (_, stage) => stage.to_owned(),
    }
}
