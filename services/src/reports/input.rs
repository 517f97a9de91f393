//! What a report is written from, read from the database: the interview, its documents (the
//! user's corrections win) and every question with its answer.

use domain::InterviewId;
use sqlx::PgPool;

use crate::documents;
use crate::interviews::row::{self, Lock};
use crate::Result;
use coach::report::FeedbackInput;

pub(super) async fn load(pool: &PgPool, id: InterviewId) -> Result<FeedbackInput> {
    let interview = row::load(pool, id, None, Lock::None).await?;
    let texts = documents::texts(pool, id).await?;
    let exchanges: Vec<(String, String)> = sqlx::query_as(
        "SELECT q.text, COALESCE(a.text, '') FROM questions q
         LEFT JOIN answers a ON a.question_id = q.id
         WHERE q.interview_id = $1 ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    Ok(FeedbackInput {
        job_title: interview.job_title,
        company: interview.company,
        cv: texts.cv,
        job_description: texts.job_description,
        exchanges,
        question_count: interview.question_count,
        language: interview.language,
    })
}
