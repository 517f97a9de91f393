//! Writes one report: each configured LLM in order, and the offline coach's report when none
//! gives a usable one, labelled as a fallback.
//!
//! A model is asked in one of two ways (`LLM_REPORT_MODE`):
//! - **parts** (the default): several short asks with tight schemas (`feedback::ReportAsk`:
//!   the verdict, the points, the dimensions, one per answer, the CV advice), each checked on
//!   its own with one repair round, as many at once as the provider takes; the parts that
//!   fail are the offline coach's. A small model on a CPU meets these where it cuts one large
//!   object off at its token limit (measured in `docs/llm-report-parts.md`).
//! - **whole**: one JSON object, validated, one repair round with the validation error.
//!
//! Either way the result is held to the local metrics, and its void parts are filled from the
//! offline coach's report and listed.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::{GeneratedBy, InterviewAnalysis, InterviewId, Report};
use futures_util::{stream, StreamExt};
use serde_json::{Map, Value};
use sqlx::PgPool;

use crate::feedback::{
    assemble, check_part, feedback_request, labelled_fallback, llm_report, offline_report,
    part_request, repair_request, report_asks, FeedbackInput, ReportAsk, WrittenReport,
    FEEDBACK_PROMPT_VERSION,
};
use crate::interviewer::chain::{outcome_of, record_call, CallRecord, InterviewerChain};
use crate::interviewer::providers::{ChatReply, ChatRequest, Resilient};
use crate::Result;

/// How often a long model call renews the job's lease at most: a fifth of `LEASE`. Calls
/// with a shorter time limit renew four times within it.
const MAX_HEARTBEAT: Duration = Duration::from_secs(60);

const WRITING: &str = "Your interviewer is writing the report";

/// How a model is asked for a report (`LLM_REPORT_MODE`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportMode {
    /// Several short asks, one part of the report each.
    #[default]
    Parts,
    /// One JSON object with the whole report.
    Whole,
}

/// What the parts of one report asked of one provider share while they are written.
struct PartsState<'a> {
    done: &'a AtomicUsize,
    /// The provider cannot write this report: the parts not yet asked are not.
    given_up: &'a AtomicBool,
    written_any: &'a AtomicBool,
}

/// A part of a report that passed its checks, and the model that wrote it.
struct WrittenPart {
    ask: ReportAsk,
    fields: Map<String, Value>,
    model: String,
}

/// How asking for one part ended.
enum PartOutcome {
    Written(WrittenPart),
    /// The reply and its repair failed their checks.
    Unusable,
    /// No reply: no connection, an error, or past the time limit.
    CallFailed,
}

impl PartOutcome {
    fn written(ask: ReportAsk, fields: Map<String, Value>, model: String) -> Self {
        PartOutcome::Written(WrittenPart { ask, fields, model })
    }
}

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

/// What every ask of one report shares.
struct Job<'a, F> {
    id: InterviewId,
    input: &'a FeedbackInput,
    analysis: &'a InterviewAnalysis,
    progress: &'a F,
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
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let providers = self.interviewers.providers();
        if providers.is_empty() {
            progress(50, "The offline coach is reviewing your answers".to_owned()).await?;
            return Ok(offline_only(offline_report(input)));
        }
        let analysis = input.analyse();
        // What the model leaves void is filled from it, and it stands in when nothing is left.
        let offline = offline_report(input);
        let job = Job {
            id,
            input,
            analysis: &analysis,
            progress: &progress,
        };
        for (index, provider) in providers.iter().enumerate() {
            // Each provider has its share of the bar, from 20 to 90 %.
            let span = (
                20 + (70 * index / providers.len()) as u8,
                (70 / providers.len()) as u8,
            );
            let written = match self.interviewers.report_mode() {
                ReportMode::Parts => self.in_parts(&job, provider, span, &offline).await?,
                ReportMode::Whole => self.whole(&job, provider, span, &offline).await?,
            };
            if let Some(written) = written {
                return Ok(written);
            }
        }
        progress(90, "The offline coach is finishing your report".to_owned()).await?;
        Ok(offline_only(labelled_fallback(offline)))
    }

    /// The report from `provider` asked part by part, or `None` when no part could be used.
    async fn in_parts<F, Fut>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        (start, width): (u8, u8),
        offline: &Report,
    ) -> Result<Option<WrittenReport>>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let asks = report_asks(job.input);
        let total = asks.len();
        let done = AtomicUsize::new(0);
        (job.progress)(start, format!("{WRITING}: part 1 of {total}")).await?;
        let concurrency = self.interviewers.report_concurrency(provider);
        // Set when the provider cannot write this report: the parts not yet asked are not.
        let given_up = AtomicBool::new(false);
        let written_any = AtomicBool::new(false);
        let state = PartsState {
            done: &done,
            given_up: &given_up,
            written_any: &written_any,
        };
        let results: Vec<Result<Option<WrittenPart>>> = stream::iter(asks)
            .map(|ask| {
                let state = &state;
                async move {
                    let part = self.one_part(job, provider, ask, (start, width, total), state);
                    part.await
                }
            })
            .buffer_unordered(concurrency)
            .collect()
            .await;
        let mut parts = Vec::new();
        let mut model = None;
        for result in results {
            if let Some(part) = result? {
                parts.push((part.ask, part.fields));
                model.get_or_insert(part.model);
            }
        }
        let Some(model) = model else {
            tracing::warn!(
                provider = provider.name(),
                "no part of the report could be used"
            );
            return Ok(None);
        };
        // The order the parts finished in does not matter: each has its own place.
        let generated_by = generated_by(provider, model);
        let assembled = assemble(&parts, job.input);
        match llm_report(&assembled, job.input, job.analysis, generated_by, offline) {
            Ok(written) => Ok(Some(written)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), %error, "the report's parts say nothing together");
                Ok(None)
            }
        }
    }

    /// One part: asked, checked, repaired once if it fails its checks. `None` when it cannot
    /// be used (the offline coach writes that part).
    ///
    /// A call that fails (no connection, an error, past its time limit) gives the provider up
    /// for this report: the next part would wait behind the same trouble, and on a server that
    /// serves one request at a time behind the abandoned generation. So does a part that
    /// fails its checks twice before any part passed: the model cannot write this report.
    async fn one_part<F, Fut>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        ask: ReportAsk,
        (start, width, total): (u8, u8, usize),
        state: &PartsState<'_>,
    ) -> Result<Option<WrittenPart>>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let done = state.done;
        if state.given_up.load(Ordering::Relaxed) {
            done.fetch_add(1, Ordering::Relaxed);
            return Ok(None);
        }
        let request = ChatRequest {
            timeout: self.interviewers.report_timeout(),
            ..part_request(job.input, job.analysis, ask)
        };
        let stage = |finished: usize| {
            let percent = start + (usize::from(width) * finished / total.max(1)) as u8;
            let next = (finished + 1).min(total);
            (percent, format!("{WRITING}: part {next} of {total}"))
        };
        let at = stage(done.load(Ordering::Relaxed));
        let outcome = self.ask_part(job, provider, ask, &request, at).await?;
        let written = match outcome {
            PartOutcome::Written(part) => {
                state.written_any.store(true, Ordering::Relaxed);
                Some(part)
            }
            PartOutcome::Unusable if state.written_any.load(Ordering::Relaxed) => None,
            PartOutcome::Unusable | PartOutcome::CallFailed => {
                state.given_up.store(true, Ordering::Relaxed);
                None
            }
        };
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        let (percent, text) = stage(finished);
        (job.progress)(percent, text).await?;
        Ok(written)
    }

    /// `request` for `ask`, checked, and once more with the errors if it fails its checks.
    async fn ask_part<F, Fut>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        ask: ReportAsk,
        request: &ChatRequest,
        at: (u8, String),
    ) -> Result<PartOutcome>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let Some(reply) = self
            .call_keeping_the_lease(job, provider, request, at.clone())
            .await?
        else {
            return Ok(PartOutcome::CallFailed);
        };
        let error = match check_part(ask, &reply.text, job.input) {
            Ok(fields) => return Ok(PartOutcome::written(ask, fields, reply.model)),
            Err(error) => error,
        };
        tracing::warn!(provider = provider.name(), ?ask, %error, "report part invalid; asking for a repair");
        let repair = repair_request(request, &reply.text, &error.to_string());
        let Some(repaired) = self
            .call_keeping_the_lease(job, provider, &repair, at)
            .await?
        else {
            return Ok(PartOutcome::CallFailed);
        };
        match check_part(ask, &repaired.text, job.input) {
            Ok(fields) => Ok(PartOutcome::written(ask, fields, repaired.model)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), ?ask, %error, "repaired report part still invalid");
                Ok(PartOutcome::Unusable)
            }
        }
    }

    /// The report from `provider` asked as one object, or `None` when it could not be used.
    async fn whole<F, Fut>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        (start, width): (u8, u8),
        offline: &Report,
    ) -> Result<Option<WrittenReport>>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let request = ChatRequest {
            timeout: self.interviewers.report_timeout(),
            ..feedback_request(job.input, job.analysis)
        };
        let Some(reply) = self
            .call_keeping_the_lease(job, provider, &request, (start, WRITING.to_owned()))
            .await?
        else {
            return Ok(None);
        };
        let generated_by = generated_by(provider, reply.model.clone());
        let first = llm_report(
            &reply.text,
            job.input,
            job.analysis,
            generated_by.clone(),
            offline,
        );
        let error = match first {
            Ok(written) => return Ok(Some(written)),
            Err(error) => error,
        };
        tracing::warn!(provider = provider.name(), %error, "feedback reply invalid; asking for a repair");
        let checking = (start + width / 2, "Checking the report".to_owned());
        (job.progress)(checking.0, checking.1.clone()).await?;
        let repair = repair_request(&request, &reply.text, &error.to_string());
        let Some(repaired) = self
            .call_keeping_the_lease(job, provider, &repair, checking)
            .await?
        else {
            return Ok(None);
        };
        match llm_report(
            &repaired.text,
            job.input,
            job.analysis,
            generated_by,
            offline,
        ) {
            Ok(written) => Ok(Some(written)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), %error, "repaired feedback still invalid");
                Ok(None)
            }
        }
    }

    /// [`Self::call`], telling `progress` the same stage at a steady beat ([`MAX_HEARTBEAT`] at
    /// most) while the model writes. A report on a CPU model can take longer than the job's
    /// lease (`LEASE`); each progress step renews it, so no other worker takes the job over
    /// and starts the same report again, queued behind this one on a server that serves one
    /// request at a time.
    async fn call_keeping_the_lease<F, Fut>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        request: &ChatRequest,
        (share, stage): (u8, String),
    ) -> Result<Option<ChatReply>>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let call = self.call(job.id, provider, request);
        tokio::pin!(call);
        let beat = request
            .timeout
            .map_or(MAX_HEARTBEAT, |limit| (limit / 4).min(MAX_HEARTBEAT))
            .max(Duration::from_millis(100));
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + beat, beat);
        loop {
            tokio::select! {
                reply = &mut call => return Ok(reply),
                _ = heartbeat.tick() => (job.progress)(share, stage.clone()).await?,
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

fn generated_by(provider: &Resilient, model: String) -> GeneratedBy {
    GeneratedBy {
        provider: provider.name().to_owned(),
        model,
        prompt_version: FEEDBACK_PROMPT_VERSION.to_owned(),
        offline_fallback: false,
        offline_parts: Vec::new(),
    }
}
