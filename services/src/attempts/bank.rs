//! The answer bank: of every answer the owner gave to a practised question (the original and
//! its attempts), the best-scored one of each kind of question.
//!
//! Only practised questions take part: their original answer was scored, by the same measure
//! as the attempts, when the first attempt was stored; other answers have no score of their
//! own (the report scores the interview as a whole).

use chrono::{DateTime, Utc};
use domain::{BankedAnswer, InterviewId, QuestionKind};
use sqlx::PgPool;
use uuid::Uuid;

use crate::error::corrupt;
use crate::{OwnerKey, Result};

#[derive(sqlx::FromRow)]
struct BankRow {
    kind: String,
    question: String,
    answer: String,
    score: i16,
    interview_id: Uuid,
    job_title: String,
    company: String,
    from_attempt: bool,
    answered_at: DateTime<Utc>,
}

/// The best answer of each kind (of `kind` alone when given), leaving out the interview
/// `except`; ties go to an attempt over the original, then to the newest.
pub(super) async fn best_of_each_kind(
    pool: &PgPool,
    owner: &OwnerKey,
    except: Option<InterviewId>,
    kind: Option<QuestionKind>,
) -> Result<Vec<BankedAnswer>> {
    let rows: Vec<BankRow> = sqlx::query_as(
        "WITH practised AS (
             SELECT DISTINCT ON (t.question_id) t.question_id, t.kind, t.original_score
             FROM attempts t JOIN interviews i ON i.id = t.interview_id
             WHERE i.owner_key = $1
             ORDER BY t.question_id, t.created_at
         ),
         candidates AS (
             SELECT t.kind, q.text AS question, t.text AS answer, t.score, t.interview_id,
                    true AS from_attempt, t.created_at AS answered_at
             FROM attempts t JOIN practised p USING (question_id)
             JOIN questions q ON q.id = t.question_id
             UNION ALL
             SELECT p.kind, q.text, a.text, p.original_score, q.interview_id, false, a.created_at
             FROM practised p JOIN questions q ON q.id = p.question_id
             JOIN answers a ON a.question_id = p.question_id
         )
         SELECT DISTINCT ON (c.kind) c.kind, c.question, c.answer, c.score, c.interview_id,
                i.job_title, i.company, c.from_attempt, c.answered_at
         FROM candidates c JOIN interviews i ON i.id = c.interview_id
         WHERE ($2::uuid IS NULL OR c.interview_id <> $2) AND ($3::text IS NULL OR c.kind = $3)
         ORDER BY c.kind, c.score DESC, c.from_attempt DESC, c.answered_at DESC",
    )
    .bind(owner.as_bytes())
    .bind(except.map(|id| id.0))
    .bind(kind.map(QuestionKind::as_str))
    .fetch_all(pool)
    .await?;
    let mut bank = rows
        .into_iter()
        .map(|row| {
            Ok(BankedAnswer {
                kind: row.kind.parse().map_err(corrupt)?,
                question: row.question,
                answer: row.answer,
                score: u8::try_from(row.score).map_err(|e| corrupt(e.to_string()))?,
                interview_id: InterviewId(row.interview_id),
                job_title: row.job_title,
                company: row.company,
                from_attempt: row.from_attempt,
                answered_at: row.answered_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    bank.sort_by_key(|answer| {
        QuestionKind::ALL
            .iter()
            .position(|kind| *kind == answer.kind)
    });
    Ok(bank)
}
