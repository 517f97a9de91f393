//! The interview service: create, list and read interviews, always scoped to their owner.

use chrono::{DateTime, Utc};
use domain::{Interview, InterviewId, InterviewStatus, InterviewSummary, NewInterview};
use sqlx::PgPool;
use uuid::Uuid;

use crate::{Error, OwnerKey, Result};

#[derive(Clone, Debug)]
pub struct InterviewService {
    pool: PgPool,
}

/// An `interviews` row as stored; enums are text columns guarded by CHECK constraints.
#[derive(sqlx::FromRow)]
struct InterviewRow {
    id: Uuid,
    job_title: String,
    company: String,
    kind: String,
    seniority: String,
    question_count: i16,
    status: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const INTERVIEW_COLUMNS: &str =
    "id, job_title, company, kind, seniority, question_count, status, created_at, updated_at";

impl TryFrom<InterviewRow> for Interview {
    type Error = Error;

    fn try_from(row: InterviewRow) -> Result<Self> {
        // The CHECK constraints make these infallible unless the schema and code disagree.
        let corrupt = |what: String| Error::Database(sqlx::Error::Decode(what.into()));
        Ok(Interview {
            id: InterviewId(row.id),
            job_title: row.job_title,
            company: row.company,
            kind: row.kind.parse().map_err(corrupt)?,
            seniority: row.seniority.parse().map_err(corrupt)?,
            question_count: u8::try_from(row.question_count)
                .map_err(|e| corrupt(format!("question_count: {e}")))?,
            status: row.status.parse().map_err(corrupt)?,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl InterviewService {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Checks the input and stores a new interview for `owner`, in status `not_ready`.
    pub async fn create(&self, owner: &OwnerKey, input: &NewInterview) -> Result<Interview> {
        let valid = input.validate().map_err(Error::Validation)?;
        let row: InterviewRow = sqlx::query_as(&format!(
            "INSERT INTO interviews (id, owner_key, job_title, company, kind, seniority, question_count, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             RETURNING {INTERVIEW_COLUMNS}"
        ))
        .bind(Uuid::new_v4())
        .bind(owner.as_bytes())
        .bind(&valid.job_title)
        .bind(&valid.company)
        .bind(valid.kind.as_str())
        .bind(valid.seniority.as_str())
        .bind(i16::from(valid.question_count))
        .bind(InterviewStatus::NotReady.as_str())
        .fetch_one(&self.pool)
        .await?;
        let interview = Interview::try_from(row)?;
        tracing::info!(interview_id = %interview.id, "interview created");
        Ok(interview)
    }

    /// The owner's interviews, newest first.
    pub async fn list(&self, owner: &OwnerKey) -> Result<Vec<InterviewSummary>> {
        let rows: Vec<InterviewRow> = sqlx::query_as(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews
             WHERE owner_key = $1
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(owner.as_bytes())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| Interview::try_from(row).map(|interview| interview.summary()))
            .collect()
    }

    /// One interview, or [`Error::NotFound`] when it does not exist or belongs to someone else.
    pub async fn get(&self, owner: &OwnerKey, id: InterviewId) -> Result<Interview> {
        let row: Option<InterviewRow> = sqlx::query_as(&format!(
            "SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = $1 AND owner_key = $2"
        ))
        .bind(id.0)
        .bind(owner.as_bytes())
        .fetch_optional(&self.pool)
        .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }
}
