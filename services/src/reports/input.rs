//! What a report is written from, read from the database: the interview, its documents (the
//! user's corrections win) and every question with its answer.

use domain::InterviewId;
use sqlx::PgPool;

use crate::Result;
use coach::report::FeedbackInput;

pub(super) async fn load(pool: &PgPool, id: InterviewId) -> Result<FeedbackInput> {
    let (job_title, company, question_count): (String, String, i16) =
        sqlx::query_as("SELECT job_title, company, question_count FROM interviews WHERE id = $1")
            .bind(id.0)
            .fetch_one(pool)
            .await?;
    let documents: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, COALESCE(edited_text, extracted_text) FROM documents WHERE interview_id = $1",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let text_of = |kind: &str| {
        documents
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    };
    let exchanges: Vec<(String, String)> = sqlx::query_as(
        "SELECT q.text, COALESCE(a.text, '') FROM questions q
         LEFT JOIN answers a ON a.question_id = q.id
         WHERE q.interview_id = $1 ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    Ok(FeedbackInput {
        job_title,
        company,
        cv: text_of("cv"),
        job_description: text_of("job_description"),
        exchanges,
        question_count: u8::try_from(question_count).unwrap_or(u8::MAX),
    })
}
