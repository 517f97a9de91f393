//! The interview service: create, list and read interviews, and prepare for one, always
//! scoped to their owner.

use coach::brief::{preparation_brief, BriefInput};
use domain::{
    Interview, InterviewId, InterviewStatus, InterviewSummary, Language, NewInterview,
    PreparationBrief,
};
use sqlx::PgPool;
use uuid::Uuid;

use crate::documents;
use crate::interviewer::chain::seed_of;
use crate::{Error, OwnerKey, Result};
use row::{InterviewRow, INTERVIEW_COLUMNS};

pub(crate) mod row;

#[derive(Clone, Debug)]
pub struct InterviewService {
    pool: PgPool,
}

/// A row of the owner's list: the interview plus what its card shows.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    interview: InterviewRow,
    #[sqlx(try_from = "i64")]
    answered: u8,
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
            answered: self.answered,
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
        row::load(&self.pool, id, Some(owner), row::Lock::None).await
    }

    /// The preparation brief from the interview's documents, worded with the interview's
    /// seed so its likely questions read as the offline coach will ask them. Both documents
    /// must be in (the interview is past `not_ready`).
    pub async fn brief(&self, owner: &OwnerKey, id: InterviewId) -> Result<PreparationBrief> {
        let interview = row::load(&self.pool, id, Some(owner), row::Lock::None).await?;
        if interview.status == InterviewStatus::NotReady {
            return Err(Error::Conflict(
                "Add your CV and the job description first: the brief is made from them.".into(),
            ));
        }
        let texts = documents::texts(&self.pool, id).await?;
        Ok(preparation_brief(&BriefInput {
            cv: &texts.cv,
            job_description: &texts.job_description,
            job_title: &interview.job_title,
            company: &interview.company,
            kind: interview.kind,
            seniority: interview.seniority,
            question_count: interview.question_count,
            language: Language::English,
            seed: seed_of(id),
        }))
    }
}
