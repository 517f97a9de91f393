//! The interview engine: starts an interview, takes answers one open question at a time, asks
//! the next question, and ends the interview. Every answer is committed before the next
//! question is generated, so a failure while generating loses nothing: the next call (a
//! retry, or reading the transcript) asks the missing question.

use chrono::{DateTime, Utc};
use domain::{
    AnswerOutcome, FieldError, InterviewId, InterviewStatus, NewAnswer, Question, QuestionId,
    Transcript, TranscriptEntry, MAX_ANSWER_CHARS,
};
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

use std::sync::Arc;

use crate::interviewer::chain::{AskedQuestion, DraftSink, InterviewerChain};
use crate::interviewer::prompt::InterviewContext;
use crate::interviewer::InterviewCalls;
use crate::{Error, OwnerKey, Result};
use coach::interviewer::Exchange;

#[derive(Clone, Debug)]
pub struct InterviewEngine {
    pool: PgPool,
    interviewers: Arc<InterviewerChain>,
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: Uuid,
    position: i16,
    text: String,
    answer: Option<String>,
    answered_at: Option<DateTime<Utc>>,
}

/// An answer just stored (or found stored under the same client id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    /// The position of the question it answers.
    pub position: i16,
    /// This answer was the last one and completed the interview.
    pub completed_by_it: bool,
}

impl From<&QuestionRow> for Question {
    fn from(row: &QuestionRow) -> Question {
        Question {
            id: QuestionId(row.id),
            position: u8::try_from(row.position).unwrap_or(u8::MAX),
            text: row.text.clone(),
        }
    }
}

/// The interview row as the engine needs it.
#[derive(sqlx::FromRow)]
struct InterviewRow {
    job_title: String,
    company: String,
    kind: String,
    seniority: String,
    question_count: i16,
    status: String,
}

impl InterviewRow {
    fn status(&self) -> Result<InterviewStatus> {
        self.status.parse().map_err(corrupt)
    }

    fn question_count(&self) -> usize {
        usize::try_from(self.question_count).unwrap_or_default()
    }
}

fn corrupt(what: String) -> Error {
    Error::Database(sqlx::Error::Decode(what.into()))
}

impl InterviewEngine {
    /// `interviewers` asks the questions: configured LLMs in order, then the offline coach.
    pub fn new(pool: PgPool, interviewers: Arc<InterviewerChain>) -> Self {
        Self { pool, interviewers }
    }

    /// Starts a ready interview and returns its first question. Starting again before the
    /// first answer returns the same question (a double click); after that it is a conflict.
    pub async fn start(&self, owner: &OwnerKey, id: InterviewId) -> Result<Question> {
        self.begin(owner, id).await?;
        self.ensure_open_question(id, None)
            .await?
            .ok_or_else(|| corrupt("a started interview without questions".into()))
    }

    /// Moves a ready interview to "in progress" without asking anything yet: the browser then
    /// streams the first question ([`Self::stream_open_question`]). Repeats like [`Self::start`].
    pub async fn begin(&self, owner: &OwnerKey, id: InterviewId) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let interview = lock_interview(&mut tx, owner, id).await?;
        match interview.status()? {
            InterviewStatus::Ready => {
                sqlx::query(
                    "UPDATE interviews SET status = 'in_progress', updated_at = now() WHERE id = $1",
                )
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            }
            InterviewStatus::InProgress => {
                let answered: i64 =
                    sqlx::query_scalar("SELECT count(*) FROM answers WHERE interview_id = $1")
                        .bind(id.0)
                        .fetch_one(&mut *tx)
                        .await?;
                if answered > 0 {
                    return Err(Error::Conflict(
                        "This interview has already started. Reload to continue where you left off.".into(),
                    ));
                }
            }
            InterviewStatus::NotReady => {
                return Err(Error::Conflict(
                    "Add your CV and the job description (at least 50 characters each) before starting.".into(),
                ))
            }
            InterviewStatus::Completed => {
                return Err(Error::Conflict("This interview has ended.".into()))
            }
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, "interview started");
        Ok(())
    }

    /// Stores an answer to the open question and returns what follows. The same `client_id`
    /// again returns the same outcome and stores nothing.
    pub async fn answer(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        input: &NewAnswer,
    ) -> Result<AnswerOutcome> {
        let stored = self.store_answer(owner, id, input).await?;
        if stored.completed_by_it {
            return Ok(AnswerOutcome {
                next_question: None,
                completed: true,
            });
        }
        self.outcome_after(id, stored.position).await
    }

    /// Stores an answer to the open question and asks nothing: the browser streams the next
    /// question afterwards. The same `client_id` again stores nothing.
    pub async fn store_answer(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        input: &NewAnswer,
    ) -> Result<StoredAnswer> {
        let text = validate_answer(&input.text)?;
        let mut tx = self.pool.begin().await?;
        let interview = lock_interview(&mut tx, owner, id).await?;

        let earlier: Option<i16> = sqlx::query_scalar(
            "SELECT q.position FROM answers a JOIN questions q ON q.id = a.question_id
             WHERE a.interview_id = $1 AND a.client_id = $2",
        )
        .bind(id.0)
        .bind(input.client_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(position) = earlier {
            tx.commit().await?;
            return Ok(StoredAnswer {
                position,
                completed_by_it: false,
            });
        }

        match interview.status()? {
            InterviewStatus::InProgress => {}
            InterviewStatus::Completed => {
                return Err(Error::Conflict(
                    "This interview has ended, so it takes no more answers.".into(),
                ))
            }
            InterviewStatus::NotReady | InterviewStatus::Ready => {
                return Err(Error::Conflict(
                    "This interview has not started yet.".into(),
                ))
            }
        }
        let questions = load_questions(&mut *tx, id).await?;
        let open = questions.last().filter(|q| q.answer.is_none());
        let Some(open) = open.filter(|q| q.id == input.question_id.0) else {
            return Err(Error::Conflict(
                "This question has already been answered, perhaps in another tab. Reload to see the current question.".into(),
            ));
        };
        sqlx::query(
            "INSERT INTO answers (question_id, interview_id, client_id, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(open.id)
        .bind(id.0)
        .bind(input.client_id)
        .bind(text)
        .execute(&mut *tx)
        .await?;
        let position = open.position;
        let completed = usize::try_from(position).unwrap_or_default() >= interview.question_count();
        if completed {
            complete(&mut tx, id).await?;
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, position, completed, "answer stored");
        Ok(StoredAnswer {
            position,
            completed_by_it: completed,
        })
    }

    /// Ends the interview now; answering stops and feedback covers what was answered.
    pub async fn end(&self, owner: &OwnerKey, id: InterviewId) -> Result<Transcript> {
        let mut tx = self.pool.begin().await?;
        let interview = lock_interview(&mut tx, owner, id).await?;
        match interview.status()? {
            InterviewStatus::InProgress => complete(&mut tx, id).await?,
            InterviewStatus::Completed => {}
            InterviewStatus::NotReady | InterviewStatus::Ready => {
                return Err(Error::Conflict(
                    "This interview has not started, so there is nothing to end.".into(),
                ))
            }
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, "interview ended");
        self.transcript(owner, id).await
    }

    /// Everything asked and answered. An interview in progress whose next question is missing
    /// (generation failed after an answer was stored) gets it now.
    pub async fn transcript(&self, owner: &OwnerKey, id: InterviewId) -> Result<Transcript> {
        let interview = self.interview(owner, id).await?;
        if interview.status()? == InterviewStatus::InProgress {
            self.ensure_open_question(id, None).await?;
        }
        self.transcript_so_far(owner, id).await
    }

    /// Everything asked and answered, asking nothing: an interview in progress may have no
    /// open question yet (the browser then streams it).
    pub async fn transcript_so_far(&self, owner: &OwnerKey, id: InterviewId) -> Result<Transcript> {
        let interview = self.interview(owner, id).await?;
        let questions = load_questions(&self.pool, id).await?;
        Ok(Transcript {
            status: interview.status()?,
            question_count: u8::try_from(interview.question_count).unwrap_or(u8::MAX),
            entries: questions
                .iter()
                .map(|row| TranscriptEntry {
                    question: Question::from(row),
                    answer: row.answer.clone(),
                    answered_at: row.answered_at,
                })
                .collect(),
        })
    }

    /// The open question, streamed to `draft` while it is generated when it is missing.
    /// `None` when the interview is complete. An interview not started yet is a conflict.
    pub async fn stream_open_question(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        draft: DraftSink<'_>,
    ) -> Result<Option<Question>> {
        match self.interview(owner, id).await?.status()? {
            InterviewStatus::InProgress => self.ensure_open_question(id, Some(draft)).await,
            InterviewStatus::Completed => Ok(None),
            InterviewStatus::NotReady | InterviewStatus::Ready => Err(Error::Conflict(
                "This interview has not started yet.".into(),
            )),
        }
    }

    /// The interview's status, for callers that must check it before they begin streaming.
    pub async fn status(&self, owner: &OwnerKey, id: InterviewId) -> Result<InterviewStatus> {
        self.interview(owner, id).await?.status()
    }

    async fn interview(&self, owner: &OwnerKey, id: InterviewId) -> Result<InterviewRow> {
        sqlx::query_as(
            "SELECT job_title, company, kind, seniority, question_count, status
             FROM interviews WHERE id = $1 AND owner_key = $2",
        )
        .bind(id.0)
        .bind(owner.as_bytes())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(Error::NotFound)
    }

    /// The outcome after the answer at `position`: the question after it (asked now if it
    /// is missing), or completion.
    async fn outcome_after(&self, id: InterviewId, position: i16) -> Result<AnswerOutcome> {
        let status: String = sqlx::query_scalar("SELECT status FROM interviews WHERE id = $1")
            .bind(id.0)
            .fetch_one(&self.pool)
            .await?;
        if status == InterviewStatus::Completed.as_str() {
            let next = load_questions(&self.pool, id)
                .await?
                .iter()
                .find(|q| q.position == position + 1)
                .map(Question::from);
            return Ok(AnswerOutcome {
                completed: next.is_none(),
                next_question: next,
            });
        }
        let open = self.ensure_open_question(id, None).await?;
        Ok(AnswerOutcome {
            next_question: open.filter(|q| i16::from(q.position) > position),
            completed: false,
        })
    }

    /// The open question of an interview in progress, asking it first if needed. Generation
    /// happens outside any transaction; two racing calls store one question (the unique
    /// position) and both return it.
    async fn ensure_open_question(
        &self,
        id: InterviewId,
        draft: Option<DraftSink<'_>>,
    ) -> Result<Option<Question>> {
        let questions = load_questions(&self.pool, id).await?;
        if let Some(open) = questions.last().filter(|q| q.answer.is_none()) {
            return Ok(Some(Question::from(open)));
        }
        let interview: InterviewRow = sqlx::query_as(
            "SELECT job_title, company, kind, seniority, question_count, status
             FROM interviews WHERE id = $1",
        )
        .bind(id.0)
        .fetch_one(&self.pool)
        .await?;
        if interview.status()? != InterviewStatus::InProgress
            || questions.len() >= interview.question_count()
        {
            return Ok(None);
        }
        let asked = self.generate(id, &interview, &questions, draft).await?;
        let position = i16::try_from(questions.len() + 1).unwrap_or(i16::MAX);
        sqlx::query(
            "INSERT INTO questions (id, interview_id, position, text, interviewer, prompt_version)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (interview_id, position) DO NOTHING",
        )
        .bind(Uuid::new_v4())
        .bind(id.0)
        .bind(position)
        .bind(&asked.text)
        .bind(&asked.interviewer)
        .bind(&asked.prompt_version)
        .execute(&self.pool)
        .await?;
        let stored = load_questions(&self.pool, id).await?;
        Ok(stored
            .iter()
            .find(|q| q.position == position)
            .map(Question::from))
    }

    /// The next question from the interviewer chain (an LLM, or the offline coach).
    async fn generate(
        &self,
        id: InterviewId,
        interview: &InterviewRow,
        questions: &[QuestionRow],
        draft: Option<DraftSink<'_>>,
    ) -> Result<AskedQuestion> {
        let texts: Vec<(String, String)> = sqlx::query_as(
            "SELECT kind, COALESCE(edited_text, extracted_text) FROM documents WHERE interview_id = $1",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        let text_of = |kind: &str| {
            texts
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, text)| text.as_str())
                .unwrap_or_default()
        };
        let context = InterviewContext {
            job_title: &interview.job_title,
            company: &interview.company,
            kind: interview.kind.parse().map_err(corrupt)?,
            seniority: interview.seniority.parse().map_err(corrupt)?,
            question_count: u8::try_from(interview.question_count).unwrap_or(8),
            cv: text_of("cv"),
            job_description: text_of("job_description"),
        };
        let history: Vec<Exchange> = questions
            .iter()
            .map(|q| Exchange {
                question: q.text.clone(),
                answer: q.answer.clone().unwrap_or_default(),
            })
            .collect();
        Ok(self
            .interviewers
            .next_question(
                &InterviewCalls::new(&self.pool, id),
                id,
                &context,
                &history,
                draft,
            )
            .await)
    }
}

fn validate_answer(text: &str) -> Result<&str> {
    let trimmed = text.trim();
    let invalid = |message: String| {
        Error::Validation(vec![FieldError {
            field: "text".into(),
            message,
        }])
    };
    if trimmed.is_empty() {
        return Err(invalid("Write an answer before sending it.".into()));
    }
    // PostgreSQL cannot store NUL in text: refused here rather than failing in the database.
    if trimmed.contains('\0') {
        return Err(invalid(
            "The answer contains a NUL character (\\0), which cannot be stored. Remove it and send again.".into(),
        ));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_ANSWER_CHARS {
        return Err(invalid(format!(
            "Answers can be at most {MAX_ANSWER_CHARS} characters; this one has {chars}. Shorten it and send again."
        )));
    }
    Ok(trimmed)
}

async fn lock_interview(
    tx: &mut Transaction<'_, Postgres>,
    owner: &OwnerKey,
    id: InterviewId,
) -> Result<InterviewRow> {
    sqlx::query_as(
        "SELECT job_title, company, kind, seniority, question_count, status
         FROM interviews WHERE id = $1 AND owner_key = $2 FOR UPDATE",
    )
    .bind(id.0)
    .bind(owner.as_bytes())
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(Error::NotFound)
}

async fn complete(tx: &mut Transaction<'_, Postgres>, id: InterviewId) -> Result<()> {
    sqlx::query("UPDATE interviews SET status = 'completed', updated_at = now() WHERE id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn load_questions<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    id: InterviewId,
) -> Result<Vec<QuestionRow>> {
    Ok(sqlx::query_as(
        "SELECT q.id, q.position, q.text, a.text AS answer, a.created_at AS answered_at
         FROM questions q LEFT JOIN answers a ON a.question_id = q.id
         WHERE q.interview_id = $1
         ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(executor)
    .await?)
}
