//! The interview service: create, list and read interviews, and prepare for one, always
//! scoped to their owner.

use coach::brief::{preparation_brief, BriefInput};
use domain::{
    Interview, InterviewId, InterviewStatus, InterviewSummary, Language, NewInterview,
    PreparationBrief, ScoreWithAttempts,
};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::KeptConnection;
use crate::documents;
use crate::interviewer::chain::seed_of;
use crate::retention::Retention;
use crate::{Error, OwnerKey, Result};
use row::{InterviewRow, INTERVIEW_COLUMNS};

mod changes;
pub(crate) mod row;

pub use changes::InterviewChanges;

#[derive(Clone, Debug)]
pub struct InterviewService {
    pool: PgPool,
    retention: Retention,
    /// For [`Self::changes`], read on every view of a cached page.
    kept: KeptConnection,
}

/// A row of the owner's list: the interview plus what its card shows.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    interview: InterviewRow,
    #[sqlx(try_from = "i64")]
    answered: u8,
    score: Option<i16>,
    /// The latest attempt's local overall scores, when a question was practised again.
    practised: bool,
    overall_before: Option<i16>,
    overall_after: Option<i16>,
}

impl SummaryRow {
    fn into_summary(self, retention: &Retention) -> Result<InterviewSummary> {
        let interview = Interview::try_from(self.interview)?;
        let to_score = |value: Option<i16>| value.and_then(|value| u8::try_from(value).ok());
        let score = to_score(self.score);
        Ok(InterviewSummary {
            id: interview.id,
            job_title: interview.job_title,
            company: interview.company,
            status: interview.status,
            question_count: interview.question_count,
            answered: self.answered,
            // Reports are validated before they are stored; a score outside 0..=10 is not shown.
            score,
            score_with_attempts: self
                .practised
                .then(|| {
                    ScoreWithAttempts::new(
                        score,
                        to_score(self.overall_before),
                        to_score(self.overall_after),
                    )
                    .with_best
                })
                .flatten(),
            created_at: interview.created_at,
            expires_at: retention.expiry(interview.opened_at),
        })
    }
}

impl InterviewService {
    pub fn new(pool: PgPool, retention: Retention) -> Self {
        Self {
            kept: KeptConnection::new(pool.clone()),
            pool,
            retention,
        }
    }

    /// `interview` with the date it will be deleted on.
    fn with_expiry(&self, mut interview: Interview) -> Interview {
        interview.expires_at = self.retention.expiry(interview.opened_at);
        interview
    }

    /// Checks the input and stores a new interview for `owner`, in status `not_ready`.
    pub async fn create(&self, owner: &OwnerKey, input: &NewInterview) -> Result<Interview> {
        let valid = input.validate().map_err(Error::Validation)?;
        let row: InterviewRow = sqlx::query_as(&format!(
            "INSERT INTO interviews
                 (id, owner_key, job_title, company, kind, seniority, question_count, status,
                  language, language_chosen, opened_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
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
        .bind(valid.language.unwrap_or(Language::English).as_str())
        .bind(valid.language.is_some())
        .bind(self.retention.now())
        .fetch_one(&self.pool)
        .await?;
        let interview = Interview::try_from(row)?;
        tracing::info!(interview_id = %interview.id, "interview created");
        Ok(self.with_expiry(interview))
    }

    /// The owner's interviews, newest first, with progress, the report's score and the score
    /// with the best attempts (the latest attempt's, see `attempts`).
    pub async fn list(&self, owner: &OwnerKey) -> Result<Vec<InterviewSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT i.id, i.job_title, i.company, i.kind, i.seniority, i.question_count, i.status,
                    i.language, i.language_chosen, i.created_at, i.updated_at, i.opened_at,
                    (SELECT count(*) FROM answers a WHERE a.interview_id = i.id) AS answered,
                    (r.report -> 'overall' ->> 'score')::smallint AS score,
                    t.interview_id IS NOT NULL AS practised, t.overall_before, t.overall_after
             FROM interviews i
             LEFT JOIN reports r ON r.interview_id = i.id
             LEFT JOIN LATERAL (
                 SELECT interview_id, overall_before, overall_after FROM attempts
                 WHERE interview_id = i.id ORDER BY created_at DESC, id DESC LIMIT 1
             ) t ON true
             WHERE i.owner_key = $1
             ORDER BY i.created_at DESC, i.id DESC",
        )
        .bind(owner.as_bytes())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| row.into_summary(&self.retention))
            .collect()
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
    /// The interview, opened by its owner: the date it will be deleted on moves on.
    pub async fn get(&self, owner: &OwnerKey, id: InterviewId) -> Result<Interview> {
        let (now, stale) = self.retention.touch_bounds();
        let interview = row::open(&self.pool, id, owner, now, stale).await?;
        Ok(self.with_expiry(interview))
    }

    /// When each thing the interview's pages show last changed (for a cache of the pages),
    /// or [`Error::NotFound`] as [`Self::get`]; an opening by its owner, as `get` is.
    pub async fn changes(&self, owner: &OwnerKey, id: InterviewId) -> Result<InterviewChanges> {
        let (now, stale) = self.retention.touch_bounds();
        let mut connection = self.kept.take().await?;
        let changes = changes::open(&mut *connection, id, owner, now, stale).await;
        if matches!(changes, Ok(_) | Err(Error::NotFound)) {
            self.kept.keep(connection);
        }
        changes
    }

    /// Sets the language the interview will be held in, chosen by the user: a job
    /// description stored later no longer changes it. Only before the interview starts.
    pub async fn set_language(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        language: Language,
    ) -> Result<Interview> {
        let mut tx = self.pool.begin().await?;
        let interview = row::load(&mut *tx, id, Some(owner), row::Lock::ForUpdate).await?;
        if !matches!(
            interview.status,
            InterviewStatus::NotReady | InterviewStatus::Ready
        ) {
            return Err(Error::Conflict(
                "This interview has started, so its language can no longer change. Start a new interview to practise in another language.".into(),
            ));
        }
        sqlx::query(
            "UPDATE interviews SET language = $2, language_chosen = true, updated_at = now()
             WHERE id = $1",
        )
        .bind(id.0)
        .bind(language.as_str())
        .execute(&mut *tx)
        .await?;
        let interview = row::load(&mut *tx, id, Some(owner), row::Lock::None).await?;
        tx.commit().await?;
        tracing::info!(interview_id = %id, language = %language, "language chosen");
        Ok(self.with_expiry(interview))
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
            language: interview.language,
            seed: seed_of(id),
        }))
    }
}
