//! What a job seeker does through the JSON API, step by step: set up an interview (create,
//! paste a CV and a job description, start), answer every question as soon as it arrives,
//! and ask for the report and wait for it the way the feedback page does. Both the burst and
//! the soak are made of these steps.

use std::time::{Duration, Instant};

use domain::{InterviewId, NewAnswer, Question};
use testkit::api::Api;
use testkit::fixtures::BACKEND_ENGINEER;
use uuid::Uuid;

use crate::attribution::{tag_company, ProviderLedger};
use crate::texts;

/// A request taking longer than this counts as a transport error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// How often the waiting user asks whether its report is ready: the feedback page's interval
/// (`app/src/pages/feedback/poll.rs`).
const REPORT_POLL: Duration = Duration::from_secs(1);
/// A report still not ready after this counts as an error. Generous, because the server
/// writes only FEEDBACK_WORKERS reports at a time: a queue of a hundred reports at one
/// provider call of a second each is a wait of many seconds, which the report-wait figures show.
const REPORT_TIMEOUT: Duration = Duration::from_secs(900);

/// An interview that has been started: its id and the question waiting for an answer.
#[derive(Clone, Debug)]
pub struct Started {
    pub id: InterviewId,
    pub first: Question,
}

/// One timed answer request.
#[derive(Clone, Copy, Debug)]
pub struct AnswerTiming {
    /// Request sent to response body read, as the client saw it.
    pub client: Duration,
    /// Time the fake provider spent on this user's behalf while the request was in flight.
    pub provider: Duration,
    /// Provider calls made for it (one per answer except the last, more if the server retried).
    pub provider_calls: u64,
    pub finished: Instant,
}

impl AnswerTiming {
    /// The server's share: what the client waited for minus what the provider took.
    pub fn server(&self) -> Duration {
        self.client.saturating_sub(self.provider)
    }
}

/// What answering left behind: the texts the server acknowledged, in order, and why it
/// stopped early, if it did.
pub struct Answered {
    pub sent: Vec<String>,
    pub error: Option<String>,
}

/// Create, paste both documents, start.
pub async fn set_up(api: &Api, user: usize, question_count: u8) -> Result<Started, String> {
    let mut input = BACKEND_ENGINEER.new_interview(question_count);
    input.company = tag_company(BACKEND_ENGINEER.company, user);
    let interview = api
        .ready_interview_as(&input, &BACKEND_ENGINEER)
        .await
        .map_err(|e| e.to_string())?;
    let first = api.start(interview.id).await.map_err(|e| e.to_string())?;
    Ok(Started {
        id: interview.id,
        first,
    })
}

/// Answers until the server says the interview is complete, timing each answer request and
/// reading the provider's share from the ledger around it.
pub async fn answer_all(
    api: &Api,
    user: usize,
    question_count: u8,
    interview: &Started,
    ledger: &ProviderLedger,
    timings: &mut Vec<AnswerTiming>,
) -> Answered {
    let mut sent = Vec::new();
    let mut question_id = interview.first.id;
    let mut position = interview.first.position;
    // A server that never completes must not keep a user answering forever.
    for _ in 0..=question_count {
        let text = texts::answer(user, position);
        let answer = NewAnswer {
            question_id,
            text: text.to_owned(),
            // One per answer, as the browser makes one per answer text.
            client_id: Uuid::new_v4(),
            spoken: Vec::new(),
        };
        let provider_before = ledger.spent_for(user);
        let calls_before = ledger.calls_for(user);
        let started = Instant::now();
        let response = api.answer(interview.id, &answer).await;
        let finished = Instant::now();
        let outcome = match response {
            Ok(outcome) => outcome,
            Err(error) => {
                return Answered {
                    sent,
                    error: Some(error.to_string()),
                }
            }
        };
        sent.push(text.to_owned());
        timings.push(AnswerTiming {
            client: finished - started,
            provider: ledger.spent_for(user).saturating_sub(provider_before),
            provider_calls: ledger.calls_for(user) - calls_before,
            finished,
        });
        match (outcome.completed, outcome.next_question) {
            (true, _) => return Answered { sent, error: None },
            (false, Some(next)) if next.position == position + 1 => {
                question_id = next.id;
                position = next.position;
            }
            (false, next) => {
                let error = format!(
                    "POST answers: after question {position} the next question is {:?}, not {}",
                    next.map(|q| q.position),
                    position + 1
                );
                return Answered {
                    sent,
                    error: Some(error),
                };
            }
        }
    }
    let error = format!("not completed after {} answers", sent.len());
    Answered {
        sent,
        error: Some(error),
    }
}

/// Asks for the report of a completed interview, then polls until it is written (200).
/// Returns how long that took, from the request to the response that carried the report.
pub async fn wait_for_report(api: &Api, interview: InterviewId) -> Result<Duration, String> {
    let started = Instant::now();
    api.wait_for_report(interview, REPORT_POLL, REPORT_TIMEOUT)
        .await
        .map_err(|e| e.to_string())?;
    Ok(started.elapsed())
}
