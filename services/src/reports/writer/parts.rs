//! A report asked of one provider in short parts (`feedback::ReportAsk`), as many at once as
//! the provider takes, each checked on its own with one repair; the parts that pass are
//! assembled and the rest are the offline coach's.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use domain::Report;
use futures_util::{stream, StreamExt};
use serde_json::{Map, Value};

use crate::reports::writer::{generated_by, Asked, Job, ReportWriter, WRITING};
use coach::report::{llm_report, WrittenReport};

use crate::reports::asks::{assemble, check_part, report_asks, ReportAsk};
use crate::reports::prompt::part_request;
use crate::Result;
use llm::{ChatReply, ChatRequest, Resilient};

/// Parts that fail their checks twice, with none passed, before a provider is given up.
const GIVE_UP_AFTER_UNUSABLE: usize = 2;

/// What the parts of one report asked of one provider share while they are written.
struct PartsState<'a> {
    done: &'a AtomicUsize,
    /// The provider cannot write this report: the parts not yet asked are not.
    given_up: &'a AtomicBool,
    written_any: &'a AtomicBool,
    /// Parts that failed their checks twice.
    unusable: &'a AtomicUsize,
}

/// A part of a report that passed its checks, and the model that wrote it.
struct WrittenPart {
    ask: ReportAsk,
    fields: Map<String, Value>,
    model: String,
}

impl ReportWriter {
    /// The report from `provider` asked part by part, or `None` when no part could be used.
    pub(super) async fn in_parts<F, Fut>(
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
        let concurrency = self.settings.concurrency_for(provider);
        // Set when the provider cannot write this report: the parts not yet asked are not.
        let given_up = AtomicBool::new(false);
        let written_any = AtomicBool::new(false);
        let unusable = AtomicUsize::new(0);
        let state = PartsState {
            done: &done,
            given_up: &given_up,
            written_any: &written_any,
            unusable: &unusable,
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
    /// serves one request at a time behind the abandoned generation. So do two parts that
    /// fail their checks twice before any part passed: the model cannot write this report
    /// (one such part is not enough: a small model that rambles past the verdict's token
    /// limit may still write each answer's feedback).
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
            timeout: self.settings.timeout,
            ..part_request(job.input, job.analysis, ask)
        };
        let stage = |finished: usize| {
            let percent = start + (usize::from(width) * finished / total.max(1)) as u8;
            let next = (finished + 1).min(total);
            (percent, format!("{WRITING}: part {next} of {total}"))
        };
        let at = stage(done.load(Ordering::Relaxed));
        let read = |reply: &ChatReply| {
            check_part(ask, &reply.text, job.input).map(|fields| WrittenPart {
                ask,
                fields,
                model: reply.model.clone(),
            })
        };
        let what = format!("{ask:?}");
        let asked = self
            .ask_with_repair(job, provider, &request, (at.clone(), at), &what, read)
            .await?;
        let written = match asked {
            Asked::Usable(part) => {
                state.written_any.store(true, Ordering::Relaxed);
                Some(part)
            }
            Asked::Unusable => {
                let unusable = state.unusable.fetch_add(1, Ordering::Relaxed) + 1;
                if unusable >= GIVE_UP_AFTER_UNUSABLE && !state.written_any.load(Ordering::Relaxed)
                {
                    state.given_up.store(true, Ordering::Relaxed);
                }
                None
            }
            Asked::CallFailed => {
                state.given_up.store(true, Ordering::Relaxed);
                None
            }
        };
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        let (percent, text) = stage(finished);
        (job.progress)(percent, text).await?;
        Ok(written)
    }
}
