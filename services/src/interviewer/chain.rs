//! The fallback chain: each configured LLM provider in order, then the offline coach, so an
//! interview never gets stuck. Every provider call goes to the caller's [`CallLog`] (no text,
//! only provider, model, prompt version, latency, tokens and outcome).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::{HandoverReason, InterviewId, Interviewer};

use crate::interviewer::deadline::first_text_within;
use crate::interviewer::prompt::{
    clean_question, next_question_request, InterviewContext, PROMPT_VERSION,
};
use crate::redaction::{RedactedProvider, RedactionPolicy, Redactor, Sources};
use coach::interviewer::{Exchange, OfflineCoach};
use llm::{Call, CallLog, ProviderError, Resilient};

/// Who asked the offline coach's questions, and its "prompt" version.
pub use coach::OFFLINE_INTERVIEWER;
pub const OFFLINE_PROMPT_VERSION: &str = "offline-coach-v1";

/// A question and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AskedQuestion {
    pub text: String,
    pub interviewer: String,
    pub prompt_version: String,
}

pub struct InterviewerChain {
    providers: Arc<[Resilient]>,
    /// A question's first words must arrive within this, or the next interviewer asks.
    first_token_deadline: Duration,
    /// Which providers get names and contact details as placeholders.
    redaction: RedactionPolicy,
}

impl std::fmt::Debug for InterviewerChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self
            .providers
            .iter()
            .map(|p| format!("{}:{}", p.name(), p.model()))
            .collect();
        f.debug_struct("InterviewerChain")
            .field("providers", &names)
            .finish()
    }
}

impl InterviewerChain {
    /// `providers` in the order they are tried; the offline coach always comes last. A
    /// question's first words must arrive within `first_token_deadline` (`LLM_FIRST_TOKEN_SECS`);
    /// `redaction` says which providers see placeholders for personal details (`LLM_REDACT`).
    pub fn new(
        providers: Arc<[Resilient]>,
        first_token_deadline: Duration,
        redaction: RedactionPolicy,
    ) -> Self {
        Self {
            providers,
            first_token_deadline,
            redaction,
        }
    }

    /// The next question: the first provider whose reply passes the checks, else the coach.
    /// With a `draft` sink the question is streamed: each provider's text goes to it as it
    /// arrives, a `Restart` when a provider that had shown text fails, a `Handover` at every
    /// switch to the next interviewer, and the coach's question word by word.
    pub async fn next_question(
        &self,
        calls: &dyn CallLog,
        interview_id: InterviewId,
        context: &InterviewContext<'_>,
        history: &[Exchange],
        mut draft: Option<DraftSink<'_>>,
    ) -> AskedQuestion {
        let asked: Vec<&str> = history.iter().map(|e| e.question.as_str()).collect();
        if !self.providers.is_empty() {
            let request = next_question_request(context, history);
            // Read only when some provider is to see placeholders.
            let redactor = self
                .providers
                .iter()
                .any(|provider| self.redaction.applies_to(provider))
                .then(|| {
                    Redactor::new(
                        Sources {
                            cv: context.cv,
                            job_description: context.job_description,
                            job_title: context.job_title,
                            company: context.company,
                        },
                        history
                            .iter()
                            .map(|exchange| (exchange.question.as_str(), exchange.answer.as_str())),
                    )
                });
            // Who asks, in order, as the stream names them; the coach is last.
            let interviewers: Vec<Interviewer> = self
                .providers
                .iter()
                .map(|provider| Interviewer::Model {
                    provider: provider.name().to_owned(),
                    model: provider.model().to_owned(),
                })
                .chain([Interviewer::Coach])
                .collect();
            for (index, provider) in self.providers.iter().enumerate() {
                let started = Instant::now();
                // Always streamed, so that a model that has not started in time can be left
                // for the next interviewer; the text reaches `draft` only when there is one.
                let shown_any = AtomicBool::new(false);
                let mut forward = |piece: &str| {
                    shown_any.store(true, Ordering::Relaxed);
                    if let Some(sink) = draft.as_deref_mut() {
                        sink(Draft::Delta(piece));
                    }
                };
                let redacted = redactor
                    .as_ref()
                    .filter(|_| self.redaction.applies_to(provider));
                let through = RedactedProvider::new(provider, redacted);
                let call = through.stream(&request, &mut forward);
                let result = first_text_within(self.first_token_deadline, &shown_any, call).await;
                let latency = started.elapsed();
                let shown = shown_any.load(Ordering::Relaxed);
                let (outcome, tokens, question) = match result {
                    Ok(reply) => match clean_question(&reply.text, &asked, context.language) {
                        Ok(text) => ("ok", (reply.input_tokens, reply.output_tokens), Ok(text)),
                        Err(reason) => {
                            tracing::warn!(
                                provider = provider.name(),
                                reason,
                                "the model's reply is not a usable question"
                            );
                            (
                                "invalid_reply",
                                (reply.input_tokens, reply.output_tokens),
                                Err(HandoverReason::NotAQuestion),
                            )
                        }
                    },
                    Err(error) => {
                        tracing::warn!(provider = provider.name(), %error, "provider call failed");
                        (
                            error.outcome(),
                            (None, None),
                            Err(handover_reason(&error, shown)),
                        )
                    }
                };
                calls
                    .record(Call {
                        latency,
                        tokens,
                        outcome,
                        ..Call::to(provider, "question", PROMPT_VERSION)
                    })
                    .await;
                let reason = match question {
                    Ok(text) => {
                        metrics::counter!("questions_asked_total", "interviewer" => provider.name())
                            .increment(1);
                        return AskedQuestion {
                            text,
                            interviewer: provider.name().to_owned(),
                            prompt_version: PROMPT_VERSION.to_owned(),
                        };
                    }
                    Err(reason) => reason,
                };
                if let Some(sink) = draft.as_deref_mut() {
                    if shown {
                        sink(Draft::Restart);
                    }
                    sink(Draft::Handover {
                        from: &interviewers[index],
                        to: &interviewers[index + 1],
                        reason,
                    });
                }
            }
        }
        let coach = OfflineCoach::new(
            context.cv,
            context.job_description,
            context.job_title,
            context.company,
            context.kind,
            context.seniority,
            context.question_count,
            context.language,
            seed_of(interview_id),
        );
        let text = coach.next_question(history).text;
        metrics::counter!("questions_asked_total", "interviewer" => OFFLINE_INTERVIEWER)
            .increment(1);
        if let Some(sink) = draft {
            // The coach has its question at once; sending it a word at a time lets the
            // browser show every interviewer the same way.
            for word in text.split_inclusive(' ') {
                sink(Draft::Delta(word));
            }
        }
        AskedQuestion {
            text,
            interviewer: OFFLINE_INTERVIEWER.to_owned(),
            prompt_version: OFFLINE_PROMPT_VERSION.to_owned(),
        }
    }
}

/// What a streaming caller of [`InterviewerChain::next_question`] receives while the question
/// is being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Draft<'a> {
    /// More text of the question.
    Delta(&'a str),
    /// The text so far is void: its provider failed and the next one starts over.
    Restart,
    /// `from` leaves the question to `to`, for `reason`; sent at every switch, after the
    /// `Restart` when `from` had shown text.
    Handover {
        from: &'a Interviewer,
        to: &'a Interviewer,
        reason: HandoverReason,
    },
}

/// Where drafts go (the server turns them into server-sent events).
pub type DraftSink<'s> = &'s mut (dyn FnMut(Draft<'_>) + Send);

/// Why a provider's failed call hands the question on, in the candidate's terms.
fn handover_reason(error: &ProviderError, shown_text: bool) -> HandoverReason {
    match error {
        _ if shown_text => HandoverReason::Interrupted,
        ProviderError::Timeout => HandoverReason::Slow,
        ProviderError::RateLimited { .. }
        | ProviderError::Server { .. }
        | ProviderError::FormatRefused { .. }
        | ProviderError::Connection(_)
        | ProviderError::Rejected { .. }
        | ProviderError::Malformed(_)
        | ProviderError::CircuitOpen => HandoverReason::Unavailable,
    }
}

/// A seed from the interview id, so each interview gets its own but repeatable phrasing.
pub fn seed_of(id: InterviewId) -> u64 {
    let value = id.0.as_u128();
    (value as u64) ^ ((value >> 64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_call_hands_over_as_slow_unavailable_or_interrupted() {
        assert_eq!(
            handover_reason(&ProviderError::Timeout, false),
            HandoverReason::Slow
        );
        for error in [
            ProviderError::Server { status: 503 },
            ProviderError::Connection("refused".into()),
            ProviderError::RateLimited { retry_after: None },
            ProviderError::CircuitOpen,
        ] {
            assert_eq!(
                handover_reason(&error, false),
                HandoverReason::Unavailable,
                "{error}"
            );
        }
        // Once words were shown, any failure stopped the question partway.
        assert_eq!(
            handover_reason(&ProviderError::Timeout, true),
            HandoverReason::Interrupted
        );
        assert_eq!(
            handover_reason(&ProviderError::Connection("cut".into()), true),
            HandoverReason::Interrupted
        );
    }
}
