//! Writes one report: each configured LLM in order (its reply validated, one repair round with
//! the validation error, then held to the local metrics), and the offline coach's report when
//! none gives a usable one, labelled as a fallback.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::{GeneratedBy, InterviewId, Report};
use sqlx::PgPool;

use crate::feedback::{
    feedback_request, labelled_fallback, llm_report, offline_report, repair_request, FeedbackInput,
    WrittenReport, FEEDBACK_PROMPT_VERSION,
};
use crate::interviewer::chain::{outcome_of, record_call, CallRecord, InterviewerChain};
use crate::interviewer::providers::{ChatReply, ChatRequest, Resilient};
use crate::Result;

/// How often a long model call renews the job's lease at most: a fifth of `LEASE`. Calls
/// with a shorter time limit renew four times within it.
const MAX_HEARTBEAT: Duration = Duration::from_secs(60);

/// A report the offline coach wrote whole: no part of it stands in for a model's.
fn offline_only(report: Report) -> WrittenReport {
    WrittenReport {
        report,
        offline_parts: Vec::new(),
    }
}

#[derive(Debug)]
pub struct ReportWriter {
    pool: PgPool,
    interviewers: Arc<InterviewerChain>,
}

impl ReportWriter {
    pub fn new(pool: PgPool, interviewers: Arc<InterviewerChain>) -> Self {
        Self { pool, interviewers }
    }

    /// The report on `input`, with the parts the offline coach filled in for the model.
    /// `progress(percent, stage)` is told what is happening; its error (the database is gone)
    /// stops the writing.
    pub async fn write<F, Fut>(
        &self,
        id: InterviewId,
        input: &FeedbackInput,
        progress: F,
    ) -> Result<WrittenReport>
    where
        F: Fn(u8, &'static str) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let providers = self.interviewers.providers();
        if providers.is_empty() {
            progress(50, "The offline coach is reviewing your answers").await?;
            return Ok(offline_only(offline_report(input)));
        }
        let analysis = input.analyse();
        // What the model leaves void is filled from it, and it stands in when nothing is left.
        let offline = offline_report(input);
        for (index, provider) in providers.iter().enumerate() {
            let share = 20 + (60 * index / providers.len()) as u8;
            progress(share, "Your interviewer is writing the report").await?;
            let request = ChatRequest {
                timeout: self.interviewers.report_timeout(),
                ..feedback_request(input, &analysis)
            };
            let stage = "Your interviewer is writing the report";
            let Some(reply) = self
                .call_keeping_the_lease(id, provider, &request, (share, stage), &progress)
                .await?
            else {
                continue;
            };
            let generated_by = GeneratedBy {
                provider: provider.name().to_owned(),
                model: reply.model.clone(),
                prompt_version: FEEDBACK_PROMPT_VERSION.to_owned(),
                offline_fallback: false,
                offline_parts: Vec::new(),
            };
            let first = llm_report(
                &reply.text,
                input,
                &analysis,
                generated_by.clone(),
                &offline,
            );
            let error = match first {
                Ok(written) => return Ok(written),
                Err(error) => error,
            };
            tracing::warn!(provider = provider.name(), %error, "feedback reply invalid; asking for a repair");
            let checking = (share + 10, "Checking the report");
            progress(checking.0, checking.1).await?;
            let repair = repair_request(&request, &reply.text, &error.to_string());
            let Some(repaired) = self
                .call_keeping_the_lease(id, provider, &repair, checking, &progress)
                .await?
            else {
                continue;
            };
            match llm_report(&repaired.text, input, &analysis, generated_by, &offline) {
                Ok(written) => return Ok(written),
                Err(error) => {
                    tracing::warn!(provider = provider.name(), %error, "repaired feedback still invalid")
                }
            }
        }
        progress(90, "The offline coach is finishing your report").await?;
        Ok(offline_only(labelled_fallback(offline)))
    }

    /// [`Self::call`], telling `progress` the same stage at a steady beat ([`MAX_HEARTBEAT`] at
    /// most) while the model writes. A report on a CPU model can take longer than the job's lease (`LEASE`); each
    /// progress step renews it, so no other worker takes the job over and starts the same
    /// report again, queued behind this one on a server that serves one request at a time.
    async fn call_keeping_the_lease<F, Fut>(
        &self,
        id: InterviewId,
        provider: &Resilient,
        request: &ChatRequest,
        (share, stage): (u8, &'static str),
        progress: &F,
    ) -> Result<Option<ChatReply>>
    where
        F: Fn(u8, &'static str) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let call = self.call(id, provider, request);
        tokio::pin!(call);
        let beat = request
            .timeout
            .map_or(MAX_HEARTBEAT, |limit| (limit / 4).min(MAX_HEARTBEAT))
            .max(Duration::from_millis(100));
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + beat, beat);
        loop {
            tokio::select! {
                reply = &mut call => return Ok(reply),
                _ = heartbeat.tick() => progress(share, stage).await?,
            }
        }
    }

    /// One call, recorded in `llm_calls`. The provider steps down to a structured-output
    /// format its server accepts by itself ([`Resilient::complete`]).
    async fn call(
        &self,
        id: InterviewId,
        provider: &Resilient,
        request: &ChatRequest,
    ) -> Option<ChatReply> {
        let started = Instant::now();
        let result = provider.complete(request).await;
        let (outcome, tokens) = match &result {
            Ok(reply) => ("ok", (reply.input_tokens, reply.output_tokens)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), %error, "feedback call failed");
                (outcome_of(error), (None, None))
            }
        };
        record_call(
            &self.pool,
            CallRecord {
                interview_id: id,
                purpose: "feedback",
                prompt_version: FEEDBACK_PROMPT_VERSION,
                latency: started.elapsed(),
                tokens,
                outcome,
            },
            provider,
        )
        .await;
        result.ok()
    }
}
