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
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::{GeneratedBy, InterviewAnalysis, InterviewId, Report};
use sqlx::PgPool;

use coach::report::{
    labelled_fallback, llm_report, offline_report, FeedbackInput, ReportError, WrittenReport,
};

use crate::interviewer::InterviewCalls;
use crate::redaction::{RedactedProvider, RedactionPolicy, Redactor, Sources};
use crate::reports::prompt::{feedback_request, repair_request, FEEDBACK_PROMPT_VERSION};
use crate::Result;
use llm::{Call, CallLog, ChatReply, ChatRequest, Resilient};

mod parts;

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

/// How reports are asked of the models.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportSettings {
    /// A whole report call (`LLM_REPORT_TIMEOUT_SECS`; `None`: each provider's own request
    /// timeout).
    pub timeout: Option<Duration>,
    /// In parts or whole (`LLM_REPORT_MODE`).
    pub mode: ReportMode,
    /// Parts asked at once (`LLM_REPORT_CONCURRENCY`; `None`: by provider).
    pub concurrency: Option<usize>,
    /// Which providers get names and contact details as placeholders (`LLM_REDACT`).
    pub redaction: RedactionPolicy,
}

impl ReportSettings {
    /// Parts of a report asked of `provider` at once: as configured, else one for a server
    /// on this machine (which answers one request at a time, so a second would only queue
    /// and eat into its time limit) and four for a hosted API.
    fn concurrency_for(&self, provider: &Resilient) -> usize {
        self.concurrency
            .unwrap_or(if provider.is_on_loopback() { 1 } else { 4 })
            .max(1)
    }
}

/// How asking a model for a report, or a part of one, ended.
enum Asked<T> {
    Usable(T),
    /// The reply and its repair failed their checks.
    Unusable,
    /// No reply: no connection, an error, or past the time limit.
    CallFailed,
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
    /// In the order they are tried; the offline coach writes when none can.
    providers: Arc<[Resilient]>,
    settings: ReportSettings,
}

/// What every ask of one report shares.
struct Job<'a, F> {
    id: InterviewId,
    input: &'a FeedbackInput,
    analysis: &'a InterviewAnalysis,
    progress: &'a F,
    /// The interview's personal details, when some provider is to get placeholders.
    redactor: Option<&'a Redactor>,
}

impl ReportWriter {
    pub fn new(pool: PgPool, providers: Arc<[Resilient]>, settings: ReportSettings) -> Self {
        Self {
            pool,
            providers,
            settings,
        }
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
        let providers = &self.providers;
        if providers.is_empty() {
            progress(50, "The offline coach is reviewing your answers".to_owned()).await?;
            return Ok(offline_only(offline_report(input)));
        }
        let analysis = input.analyse();
        // What the model leaves void is filled from it, and it stands in when nothing is left.
        let offline = offline_report(input);
        let redactor = providers
            .iter()
            .any(|provider| self.settings.redaction.applies_to(provider))
            .then(|| {
                Redactor::new(
                    Sources {
                        cv: &input.cv,
                        job_description: &input.job_description,
                        job_title: &input.job_title,
                        company: &input.company,
                    },
                    input
                        .exchanges
                        .iter()
                        .map(|(question, answer)| (question.as_str(), answer.as_str())),
                )
            });
        let job = Job {
            id,
            input,
            analysis: &analysis,
            progress: &progress,
            redactor: redactor.as_ref(),
        };
        for (index, provider) in providers.iter().enumerate() {
            // Each provider has its share of the bar, from 20 to 90 %.
            let span = (
                20 + (70 * index / providers.len()) as u8,
                (70 / providers.len()) as u8,
            );
            let written = match self.settings.mode {
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
            timeout: self.settings.timeout,
            ..feedback_request(job.input, job.analysis)
        };
        let stages = (
            (start, WRITING.to_owned()),
            (start + width / 2, "Checking the report".to_owned()),
        );
        let read = |reply: &ChatReply| {
            let by = generated_by(provider, reply.model.clone());
            llm_report(&reply.text, job.input, job.analysis, by, offline)
        };
        let asked = self
            .ask_with_repair(job, provider, &request, stages, "the report", read)
            .await?;
        Ok(match asked {
            Asked::Usable(written) => Some(written),
            Asked::Unusable | Asked::CallFailed => None,
        })
    }

    /// `request`, its reply read by `read`, and once more with `read`'s errors when it refuses
    /// the reply: the one repair round of a report or a part of one. `stages` are what the
    /// waiting page shows while the model writes, and while it repairs.
    async fn ask_with_repair<F, Fut, T>(
        &self,
        job: &Job<'_, F>,
        provider: &Resilient,
        request: &ChatRequest,
        (writing, repairing): ((u8, String), (u8, String)),
        what: &str,
        read: impl Fn(&ChatReply) -> std::result::Result<T, ReportError>,
    ) -> Result<Asked<T>>
    where
        F: Fn(u8, String) -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let Some(reply) = self
            .call_keeping_the_lease(job, provider, request, writing)
            .await?
        else {
            return Ok(Asked::CallFailed);
        };
        let error = match read(&reply) {
            Ok(usable) => return Ok(Asked::Usable(usable)),
            Err(error) => error,
        };
        tracing::warn!(provider = provider.name(), what, %error, "report reply invalid; asking for a repair");
        (job.progress)(repairing.0, repairing.1.clone()).await?;
        let repair = repair_request(request, &reply.text, &error.to_string());
        let Some(repaired) = self
            .call_keeping_the_lease(job, provider, &repair, repairing)
            .await?
        else {
            return Ok(Asked::CallFailed);
        };
        match read(&repaired) {
            Ok(usable) => Ok(Asked::Usable(usable)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), what, %error, "repaired report reply still invalid");
                Ok(Asked::Unusable)
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
        let redactor = job
            .redactor
            .filter(|_| self.settings.redaction.applies_to(provider));
        let call = self.call(job.id, RedactedProvider::new(provider, redactor), request);
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
    /// format its server accepts by itself ([`Resilient::complete`]); the reply comes back
    /// with any placeholders restored.
    async fn call(
        &self,
        id: InterviewId,
        asked: RedactedProvider<'_>,
        request: &ChatRequest,
    ) -> Option<ChatReply> {
        let provider = asked.provider();
        let started = Instant::now();
        let result = asked.complete_json(request).await;
        let (outcome, tokens) = match &result {
            Ok(reply) => ("ok", (reply.input_tokens, reply.output_tokens)),
            Err(error) => {
                tracing::warn!(provider = provider.name(), %error, "feedback call failed");
                (error.outcome(), (None, None))
            }
        };
        InterviewCalls::new(&self.pool, id)
            .record(Call {
                latency: started.elapsed(),
                tokens,
                outcome,
                ..Call::to(provider, "feedback", FEEDBACK_PROMPT_VERSION)
            })
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
