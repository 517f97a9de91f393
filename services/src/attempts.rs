//! Practising a question again after the interview: attempts at the questions of a completed
//! interview, each scored on its own by the coach's local analysis and compared with the
//! original answer, and the answer bank of the owner's best answers (`bank`).
//!
//! An attempt is its own row: the original answer and the report are never changed. The
//! attempt stores its score, the original answer's score by the same measure, the comparison,
//! and the interview's local overall score before and with each question's best answer (`best`),
//! so what was shown once never changes and the history reads the score with attempts from the
//! latest attempt alone. Attempts are taken under the interview's row lock, one at a time, so
//! each one's overall score counts every attempt before it.

mod bank;
mod best;

use chrono::{DateTime, Utc};
use coach::report::attempt::{compare, question_kind, AttemptScorer};
use domain::{
    Attempt, BankedAnswer, InterviewAttempts, InterviewId, InterviewStatus, NewAttempt,
    QuestionAttempts, QuestionId, QuestionKind, ScoreWithAttempts,
};
use sqlx::types::Json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::documents;
use crate::error::corrupt;
use crate::interviews::row::{self, Lock};
use crate::{Error, OwnerKey, Result};
use best::{best_answers, Scored};

#[derive(Clone, Debug)]
pub struct AttemptService {
    pool: PgPool,
}

/// A question of the interview with its original answer.
#[derive(sqlx::FromRow)]
struct AnsweredRow {
    id: Uuid,
    position: i16,
    question: String,
    answer: String,
}

#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: Uuid,
    question_id: Uuid,
    text: String,
    kind: String,
    score: i16,
    original_score: i16,
    improved: Json<Vec<String>>,
    lacking: Json<Vec<String>>,
    created_at: DateTime<Utc>,
}

const ATTEMPT_COLUMNS: &str =
    "id, question_id, text, kind, score, original_score, improved, lacking, created_at";

impl AttemptRow {
    fn into_attempt(self) -> Result<Attempt> {
        Ok(Attempt {
            id: self.id,
            text: self.text,
            score: score(self.score)?,
            improved: self.improved.0,
            lacking: self.lacking.0,
            created_at: self.created_at,
        })
    }
}

fn score(value: i16) -> Result<u8> {
    u8::try_from(value).map_err(|e| corrupt(format!("score {value}: {e}")))
}

impl AttemptService {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Stores another answer to question `number` of a completed interview, scored and compared
    /// with the original answer (idempotent by `input.client_id`: the same id again returns the
    /// attempt stored the first time).
    pub async fn create(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        number: u8,
        input: &NewAttempt,
    ) -> Result<Attempt> {
        let text = input.validate().map_err(Error::Validation)?;
        let mut tx = self.pool.begin().await?;
        let interview = row::load(&mut *tx, id, Some(owner), Lock::ForUpdate).await?;
        let earlier: Option<AttemptRow> = sqlx::query_as(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE interview_id = $1 AND client_id = $2"
        ))
        .bind(id.0)
        .bind(input.client_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(earlier) = earlier {
            return earlier.into_attempt();
        }
        if interview.status != InterviewStatus::Completed {
            return Err(Error::Conflict(
                "Finish the interview, or end it early, before practising its questions again."
                    .into(),
            ));
        }
        let answered = answered(&mut tx, id).await?;
        let Some(target) = answered
            .iter()
            .find(|row| row.position == i16::from(number))
        else {
            return Err(Error::NotFound);
        };
        let texts = documents::texts(&self.pool, id).await?;
        let scorer = AttemptScorer::new(&texts.job_description, &texts.cv);
        let original = scorer.score(&target.question, &target.answer);
        let attempt = scorer.score(&target.question, text);
        let kind = question_kind(&target.question);
        let comparison = compare(
            interview.language,
            kind,
            &original.analysis,
            &attempt.analysis,
        );

        let mut attempts = scored_attempts(&mut tx, id).await?;
        attempts.push(Scored {
            question_id: target.id,
            text: text.to_owned(),
            score: attempt.score,
        });
        let (before, after) = local_overalls(&scorer, &answered, &attempts);

        let stored: AttemptRow = sqlx::query_as(&format!(
            "INSERT INTO attempts (id, interview_id, question_id, client_id, text, kind, score,
                                   original_score, improved, lacking, overall_before,
                                   overall_after, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())
             RETURNING {ATTEMPT_COLUMNS}"
        ))
        .bind(Uuid::new_v4())
        .bind(id.0)
        .bind(target.id)
        .bind(input.client_id)
        .bind(text)
        .bind(kind.as_str())
        .bind(i16::from(attempt.score))
        .bind(i16::from(original.score))
        .bind(Json(&comparison.improved))
        .bind(Json(&comparison.lacking))
        .bind(before.map(i16::from))
        .bind(after.map(i16::from))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(interview_id = %id, question = number, "attempt stored");
        stored.into_attempt()
    }

    /// Every answered question of a completed interview with its attempts, and the overall
    /// score with them.
    pub async fn for_interview(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
    ) -> Result<InterviewAttempts> {
        let mut conn = self.pool.acquire().await?;
        let interview = row::load(&mut *conn, id, Some(owner), Lock::None).await?;
        if interview.status != InterviewStatus::Completed {
            return Err(Error::Conflict(
                "This interview is not finished, so its questions cannot be practised yet.".into(),
            ));
        }
        let answered = answered(&mut conn, id).await?;
        let attempts: Vec<AttemptRow> = sqlx::query_as(&format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts WHERE interview_id = $1 ORDER BY created_at, id"
        ))
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut attempts: Vec<(Uuid, String, i16, Attempt)> = attempts
            .into_iter()
            .map(|row| {
                let (question, kind, original) =
                    (row.question_id, row.kind.clone(), row.original_score);
                Ok((question, kind, original, row.into_attempt()?))
            })
            .collect::<Result<_>>()?;
        let mut questions = Vec::with_capacity(answered.len());
        for row in answered {
            let own: Vec<(Uuid, String, i16, Attempt)> = attempts
                .extract_if(.., |(question, ..)| *question == row.id)
                .collect();
            // The kind and the original's score were measured with the first attempt.
            let (kind, original_score) = match own.first() {
                Some((_, kind, original, _)) => (
                    kind.parse::<QuestionKind>().map_err(corrupt)?,
                    Some(score(*original)?),
                ),
                None => (question_kind(&row.question), None),
            };
            questions.push(QuestionAttempts {
                number: u8::try_from(row.position).map_err(|e| corrupt(e.to_string()))?,
                question: row.question,
                kind,
                original_answer: row.answer,
                original_score,
                attempts: own.into_iter().map(|(.., attempt)| attempt).collect(),
            });
        }
        let overall = overall_with_attempts(&mut conn, id).await?;
        Ok(InterviewAttempts { questions, overall })
    }

    /// Question `number` of a completed interview with its original answer and attempts.
    pub async fn for_question(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        number: u8,
    ) -> Result<QuestionAttempts> {
        self.for_interview(owner, id)
            .await?
            .questions
            .into_iter()
            .find(|question| question.number == number)
            .ok_or(Error::NotFound)
    }

    /// The owner's answer bank: the best answer of each kind of question they practised, in
    /// the order of [`QuestionKind::ALL`].
    pub async fn bank(&self, owner: &OwnerKey) -> Result<Vec<BankedAnswer>> {
        bank::best_of_each_kind(&self.pool, owner, None, None).await
    }

    /// The bank's answer to offer as material for `question` of the interview `id`: the best
    /// answer of the question's kind given in another interview, if any.
    pub async fn material(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        question: QuestionId,
    ) -> Result<Option<BankedAnswer>> {
        let text: Option<String> = sqlx::query_scalar(
            "SELECT q.text FROM questions q JOIN interviews i ON i.id = q.interview_id
             WHERE q.id = $1 AND i.id = $2 AND i.owner_key = $3",
        )
        .bind(question.0)
        .bind(id.0)
        .bind(owner.as_bytes())
        .fetch_optional(&self.pool)
        .await?;
        let kind = question_kind(&text.ok_or(Error::NotFound)?);
        let found = bank::best_of_each_kind(&self.pool, owner, Some(id), Some(kind)).await?;
        Ok(found.into_iter().next())
    }
}

/// The interview's local overall score over the original answers, and over each question's
/// best answer among the original and `attempts`; `None` where the answers are too thin.
fn local_overalls(
    scorer: &AttemptScorer,
    answered: &[AnsweredRow],
    attempts: &[Scored],
) -> (Option<u8>, Option<u8>) {
    let originals: Vec<(Uuid, &str, u8)> = answered
        .iter()
        .map(|row| {
            let score = scorer.score(&row.question, &row.answer).score;
            (row.id, row.answer.as_str(), score)
        })
        .collect();
    let bests = best_answers(&originals, attempts);
    let original_answers: Vec<&str> = answered.iter().map(|row| row.answer.as_str()).collect();
    (
        scorer.overall(&with_questions(answered, &original_answers)),
        scorer.overall(&with_questions(answered, &bests)),
    )
}

/// (question, answer) pairs: each answered question with the answer of the same index.
fn with_questions<'a>(answered: &'a [AnsweredRow], answers: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    answered
        .iter()
        .zip(answers)
        .map(|(row, answer)| (row.question.as_str(), *answer))
        .collect()
}

/// The interview's answered questions, in order.
async fn answered(conn: &mut PgConnection, id: InterviewId) -> Result<Vec<AnsweredRow>> {
    Ok(sqlx::query_as(
        "SELECT q.id, q.position, q.text AS question, a.text AS answer
         FROM questions q JOIN answers a ON a.question_id = q.id
         WHERE q.interview_id = $1 ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?)
}

async fn scored_attempts(conn: &mut PgConnection, id: InterviewId) -> Result<Vec<Scored>> {
    let rows: Vec<(Uuid, String, i16)> = sqlx::query_as(
        "SELECT question_id, text, score FROM attempts WHERE interview_id = $1
         ORDER BY created_at, id",
    )
    .bind(id.0)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(question_id, text, value)| {
            Ok(Scored {
                question_id,
                text,
                score: score(value)?,
            })
        })
        .collect()
}

/// The report's overall score and the score with the latest attempt's best answers.
async fn overall_with_attempts(
    conn: &mut PgConnection,
    id: InterviewId,
) -> Result<ScoreWithAttempts> {
    let report: Option<Option<i16>> = sqlx::query_scalar(
        "SELECT (report -> 'overall' ->> 'score')::smallint FROM reports WHERE interview_id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let original = report.flatten().and_then(|value| u8::try_from(value).ok());
    let latest: Option<(Option<i16>, Option<i16>)> = sqlx::query_as(
        "SELECT overall_before, overall_after FROM attempts WHERE interview_id = $1
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match latest {
        Some((before, after)) => ScoreWithAttempts::new(
            original,
            before.and_then(|value| u8::try_from(value).ok()),
            after.and_then(|value| u8::try_from(value).ok()),
        ),
        None => ScoreWithAttempts {
            original,
            with_best: None,
        },
    })
}
