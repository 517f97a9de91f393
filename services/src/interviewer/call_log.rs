//! Provider calls of one interview, recorded in `llm_calls` and counted for /metrics.

use std::future::Future;
use std::pin::Pin;

use domain::InterviewId;
use llm::{Call, CallLog};
use sqlx::PgPool;

/// The calls made for one interview.
pub struct InterviewCalls<'p> {
    pool: &'p PgPool,
    interview_id: InterviewId,
}

impl<'p> InterviewCalls<'p> {
    pub fn new(pool: &'p PgPool, interview_id: InterviewId) -> Self {
        Self { pool, interview_id }
    }

    async fn store(&self, call: Call<'_>) {
        let labels = [
            ("provider", call.provider.to_owned()),
            ("purpose", call.purpose.to_owned()),
            ("outcome", call.outcome.to_owned()),
        ];
        metrics::counter!("llm_calls_total", &labels).increment(1);
        metrics::histogram!("llm_call_duration_seconds", &labels[..2])
            .record(call.latency.as_secs_f64());
        let to_i32 = |n: Option<u32>| n.map(|n| i32::try_from(n).unwrap_or(i32::MAX));
        let result = sqlx::query(
            "INSERT INTO llm_calls
                 (interview_id, purpose, provider, model, prompt_version, latency_ms, input_tokens, output_tokens, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(self.interview_id.0)
        .bind(call.purpose)
        .bind(call.provider)
        .bind(call.model)
        .bind(call.prompt_version)
        .bind(i32::try_from(call.latency.as_millis()).unwrap_or(i32::MAX))
        .bind(to_i32(call.tokens.0))
        .bind(to_i32(call.tokens.1))
        .bind(call.outcome)
        .execute(self.pool)
        .await;
        if let Err(error) = result {
            tracing::error!(%error, "could not record an LLM call");
        }
    }
}

impl CallLog for InterviewCalls<'_> {
    fn record<'a>(&'a self, call: Call<'a>) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(self.store(call))
    }
}
