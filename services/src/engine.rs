//! The interview engine: starts an interview, takes answers one open question at a time, asks
//! the next question, and ends the interview. Each operation does one thing; the transports
//! compose them: the room stores an answer and then streams the open question, the JSON API
//! stores it and asks at once ([`InterviewEngine::what_follows`]). Every answer is committed
//! before the next question is generated, so a failure while generating loses nothing: the
//! next call asks the missing question.

use chrono::{DateTime, Utc};
use domain::{
    AnswerOutcome, Delivery, Interview, InterviewId, InterviewStatus, NewAnswer, Question,
    QuestionId, Refusal, Transcript, TranscriptEntry,
};
use sqlx::PgPool;
use uuid::Uuid;

use std::sync::Arc;

use crate::delivery::delivery_of;
use crate::documents;
use crate::error::corrupt;
use crate::interviewer::chain::{AskedQuestion, DraftSink, InterviewerChain};
use crate::interviewer::prompt::InterviewContext;
use crate::interviewer::InterviewCalls;
use crate::interviews::row::{self, Lock};
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
    #[sqlx(try_from = "i16")]
    position: u8,
    text: String,
    answer: Option<String>,
    answered_at: Option<DateTime<Utc>>,
    delivery: Option<sqlx::types::Json<Delivery>>,
}

/// An answer just stored (or found stored under the same client id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    /// The position of the question it answers.
    pub position: u8,
    /// This answer was the last one and completed the interview.
    pub completed_by_it: bool,
}

impl From<&QuestionRow> for Question {
    fn from(row: &QuestionRow) -> Question {
        Question {
            id: QuestionId(row.id),
            position: row.position,
            text: row.text.clone(),
        }
    }
}

impl InterviewEngine {
    /// `interviewers` asks the questions: configured LLMs in order, then the offline coach.
    pub fn new(pool: PgPool, interviewers: Arc<InterviewerChain>) -> Self {
        Self { pool, interviewers }
    }

    /// Moves a ready interview to "in progress"; its first question is the open one
    /// ([`Self::open_question`]). Starting again before the first answer changes nothing (a
    /// double click); after that it is a conflict.
    pub async fn start(&self, owner: &OwnerKey, id: InterviewId) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let interview = row::load(&mut *tx, id, Some(owner), Lock::ForUpdate).await?;
        // Only an interview in progress can have answers.
        let answered: i64 = if interview.status == InterviewStatus::InProgress {
            sqlx::query_scalar("SELECT count(*) FROM answers WHERE interview_id = $1")
                .bind(id.0)
                .fetch_one(&mut *tx)
                .await?
        } else {
            0
        };
        let next = interview
            .status
            .start(usize::try_from(answered).unwrap_or(usize::MAX))?;
        if next != interview.status {
            row::set_status(&mut *tx, id, next).await?;
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, "interview started");
        Ok(())
    }

    /// Stores an answer to the open question and asks nothing. The same `client_id` again
    /// stores nothing and returns the answer stored first.
    pub async fn answer(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        input: &NewAnswer,
    ) -> Result<StoredAnswer> {
        let text = input.validate().map_err(Error::Validation)?;
        let mut tx = self.pool.begin().await?;
        let interview = row::load(&mut *tx, id, Some(owner), Lock::ForUpdate).await?;

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
                position: u8::try_from(position).map_err(|e| corrupt(format!("position: {e}")))?,
                completed_by_it: false,
            });
        }

        let questions = load_questions(&mut *tx, id).await?;
        let open = questions.last().filter(|q| q.answer.is_none());
        // The status's refusal first (an ended interview), then the question's (a stale tab).
        let position = open.map_or(questions.len() + 1, |q| usize::from(q.position));
        let next = interview
            .status
            .answer(position, usize::from(interview.question_count))?;
        let open = open
            .filter(|q| q.id == input.question_id.0)
            .ok_or(Refusal::NotTheOpenQuestion)?;
        sqlx::query(
            "INSERT INTO answers (question_id, interview_id, client_id, text, delivery)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(open.id)
        .bind(id.0)
        .bind(input.client_id)
        .bind(text)
        .bind(delivery_of(&input.spoken).map(sqlx::types::Json))
        .execute(&mut *tx)
        .await?;
        let position = open.position;
        let completed = next == InterviewStatus::Completed;
        if completed {
            row::set_status(&mut *tx, id, next).await?;
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, position, completed, "answer stored");
        Ok(StoredAnswer {
            position,
            completed_by_it: completed,
        })
    }

    /// Ends the interview now; answering stops and feedback covers what was answered.
    pub async fn end(&self, owner: &OwnerKey, id: InterviewId) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let interview = row::load(&mut *tx, id, Some(owner), Lock::ForUpdate).await?;
        let next = interview.status.end()?;
        if next != interview.status {
            row::set_status(&mut *tx, id, next).await?;
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, "interview ended");
        Ok(())
    }

    /// Everything asked and answered, asking nothing: an interview in progress may have no
    /// open question yet ([`Self::open_question`] asks it).
    pub async fn transcript(&self, owner: &OwnerKey, id: InterviewId) -> Result<Transcript> {
        // One connection for both reads: the pool tests each connection it takes back with a
        // round trip to the database.
        let mut connection = self.pool.acquire().await?;
        let interview = row::load(&mut *connection, id, Some(owner), Lock::None).await?;
        let questions = load_questions(&mut *connection, id).await?;
        Ok(Transcript {
            status: interview.status,
            question_count: interview.question_count,
            entries: questions
                .iter()
                .map(|row| TranscriptEntry {
                    question: Question::from(row),
                    answer: row.answer.clone(),
                    answered_at: row.answered_at,
                    delivery: row.delivery.clone().map(|json| json.0),
                })
                .collect(),
        })
    }

    /// The open question, asked now when it is missing (generation failed after an answer
    /// was stored, or nobody asked yet), and streamed to `draft` while it is written when
    /// there is one. `None` when the interview is complete; not started yet is a conflict.
    pub async fn open_question(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        draft: Option<DraftSink<'_>>,
    ) -> Result<Option<Question>> {
        let interview = row::load(&self.pool, id, Some(owner), Lock::None).await?;
        if interview.status.asks_questions()? {
            self.ensure_open_question(id, draft).await
        } else {
            Ok(None)
        }
    }

    /// The interview's status, for callers that must check it before they begin streaming.
    pub async fn status(&self, owner: &OwnerKey, id: InterviewId) -> Result<InterviewStatus> {
        Ok(row::load(&self.pool, id, Some(owner), Lock::None)
            .await?
            .status)
    }

    /// What follows a stored answer: the question after it (asked now if it is missing), or
    /// completion. For a repeated `client_id`, what follows now.
    pub async fn what_follows(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        stored: StoredAnswer,
    ) -> Result<AnswerOutcome> {
        if stored.completed_by_it {
            return Ok(AnswerOutcome {
                next_question: None,
                completed: true,
            });
        }
        let position = stored.position;
        let status = row::load(&self.pool, id, Some(owner), Lock::None)
            .await?
            .status;
        if status == InterviewStatus::Completed {
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
            next_question: open.filter(|q| q.position > position),
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
        let interview = row::load(&self.pool, id, None, Lock::None).await?;
        if interview.status != InterviewStatus::InProgress
            || questions.len() >= usize::from(interview.question_count)
        {
            return Ok(None);
        }
        let asked = self.generate(id, &interview, &questions, draft).await?;
        // Below `question_count`, so it fits.
        let position =
            u8::try_from(questions.len() + 1).map_err(|e| corrupt(format!("position: {e}")))?;
        sqlx::query(
            "INSERT INTO questions (id, interview_id, position, text, interviewer, prompt_version)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (interview_id, position) DO NOTHING",
        )
        .bind(Uuid::new_v4())
        .bind(id.0)
        .bind(i16::from(position))
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
        interview: &Interview,
        questions: &[QuestionRow],
        draft: Option<DraftSink<'_>>,
    ) -> Result<AskedQuestion> {
        let texts = documents::texts(&self.pool, id).await?;
        let context = InterviewContext {
            job_title: &interview.job_title,
            company: &interview.company,
            kind: interview.kind,
            seniority: interview.seniority,
            question_count: interview.question_count,
            language: interview.language,
            cv: &texts.cv,
            job_description: &texts.job_description,
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

async fn load_questions<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    id: InterviewId,
) -> Result<Vec<QuestionRow>> {
    Ok(sqlx::query_as(
        "SELECT q.id, q.position, q.text, a.text AS answer, a.created_at AS answered_at,
                a.delivery
         FROM questions q LEFT JOIN answers a ON a.question_id = q.id
         WHERE q.interview_id = $1
         ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(executor)
    .await?)
}
