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

/// A row of the owner's list: the interview plus what its card shows.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    interview: InterviewRow,
    answered: i64,
    score: Option<i16>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<InterviewSummary> {
        let interview = Interview::try_from(self.interview)?;
        Ok(InterviewSummary {
            id: interview.id,
            job_title: interview.job_title,
            company: interview.company,
            status: interview.status,
            question_count: interview.question_count,
            answered: u8::try_from(self.answered).unwrap_or(u8::MAX),
            // Reports are validated before they are stored; a score outside 0..=10 is not shown.
            score: self.score.and_then(|score| u8::try_from(score).ok()),
            created_at: interview.created_at,
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

    /// The owner's interviews, newest first, with progress and the report's score.
    pub async fn list(&self, owner: &OwnerKey) -> Result<Vec<InterviewSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT i.id, i.job_title, i.company, i.kind, i.seniority, i.question_count, i.status,
                    i.created_at, i.updated_at,
                    (SELECT count(*) FROM answers a WHERE a.interview_id = i.id) AS answered,
                    (r.report -> 'overall' ->> 'score')::smallint AS score
             FROM interviews i
             LEFT JOIN reports r ON r.interview_id = i.id
             WHERE i.owner_key = $1
             ORDER BY i.created_at DESC, i.id DESC",
        )
        .bind(owner.as_bytes())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(SummaryRow::into_summary).collect()
    }

    /// Deletes the interview and, through the schema's cascades, its documents, questions,
    /// answers, feedback job, report and share links. Someone else's interview is
    /// [`Error::NotFound`], like a missing one.
    pub async fn delete(&self, owner: &OwnerKey, id: InterviewId) -> Result<()> {
        let deleted = sqlx::query("DELETE FROM interviews WHERE id = $1 AND owner_key = $2")
            .bind(id.0)
            .bind(owner.as_bytes())
            .execute(&self.pool)
            .await?
            .rows_affected();
        if deleted == 0 {
            return Err(Error::NotFound);
        }
        tracing::info!(interview_id = %id, "interview deleted");
        Ok(())
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
