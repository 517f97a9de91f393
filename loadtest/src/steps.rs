//! What a job seeker does through the JSON API, step by step: set up an interview (create,
//! paste a CV and a job description, start), answer every question as soon as it arrives,
//! and ask for the report and wait for it the way the feedback page does. Both the burst and
//! the soak are made of these steps.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::attribution::{tag_company, ProviderLedger};
use crate::session::Session;
use crate::texts;

/// How often the waiting user asks whether its report is ready: the feedback page's interval
/// (`app/src/pages/feedback/poll.rs`).
const REPORT_POLL: Duration = Duration::from_secs(1);
/// A report still not ready after this counts as an error. Generous, because the server
/// writes only FEEDBACK_WORKERS reports at a time: a queue of a hundred reports at one
/// provider call of a second each is a wait of many seconds, which the report-wait figures show.
const REPORT_TIMEOUT: Duration = Duration::from_secs(900);

#[derive(Clone, Debug, Deserialize)]
pub struct Question {
    pub id: Uuid,
    pub position: u8,
}

#[derive(Deserialize)]
struct Outcome {
    next_question: Option<Question>,
    completed: bool,
}

/// An interview that has been started: its id and the question waiting for an answer.
#[derive(Clone, Debug)]
pub struct Started {
    pub id: String,
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
pub async fn set_up(session: &Session, user: usize, question_count: u8) -> Result<Started, String> {
    let created = session
        .send(
            session.post("/interviews").json(&json!({
                "job_title": texts::JOB_TITLE,
                "company": tag_company(texts::COMPANY, user),
                "question_count": question_count,
            })),
            "POST /interviews",
        )
        .await?;
    let id = created["id"]
        .as_str()
        .ok_or("POST /interviews: no id in the response")?
        .to_owned();
    for (kind, text) in [
        ("cv", texts::CV),
        ("job_description", texts::JOB_DESCRIPTION),
    ] {
        session
            .send(
                session
                    .put(&format!("/interviews/{id}/documents/{kind}"))
                    .json(&json!({ "text": text })),
                &format!("PUT documents/{kind}"),
            )
            .await?;
    }
    let first = session
        .send(
            session.post(&format!("/interviews/{id}/start")),
            "POST start",
        )
        .await?;
    let first = serde_json::from_value(first).map_err(|e| format!("POST start: {e}"))?;
    Ok(Started { id, first })
}

/// Answers until the server says the interview is complete, timing each answer request and
/// reading the provider's share from the ledger around it.
pub async fn answer_all(
    session: &Session,
    user: usize,
    question_count: u8,
    interview: &Started,
    ledger: &ProviderLedger,
    timings: &mut Vec<AnswerTiming>,
) -> Answered {
    let path = format!("/interviews/{}/answers", interview.id);
    let mut sent = Vec::new();
    let mut question_id = interview.first.id;
    let mut position = interview.first.position;
    // A server that never completes must not keep a user answering forever.
    for _ in 0..=question_count {
        let text = texts::answer(user, position);
        let request = session.post(&path).json(&json!({
            "question_id": question_id,
            "text": text,
            // One per answer, as the browser makes one per answer text.
            "client_id": Uuid::new_v4(),
        }));
        let provider_before = ledger.spent_for(user);
        let calls_before = ledger.calls_for(user);
        let started = Instant::now();
        let response = session.send(request, "POST answers").await;
        let finished = Instant::now();
        let outcome = match response {
            Ok(body) => body,
            Err(error) => {
                return Answered {
                    sent,
                    error: Some(error),
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
        let outcome: Outcome = match serde_json::from_value(outcome) {
            Ok(outcome) => outcome,
            Err(error) => {
                let error = format!("POST answers: unexpected body: {error}");
                return Answered {
                    sent,
                    error: Some(error),
                };
            }
        };
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
pub async fn wait_for_report(session: &Session, interview: &str) -> Result<Duration, String> {
    let path = format!("/interviews/{interview}/feedback");
    let started = Instant::now();
    let (mut status, mut body) = session
        .send_for_status(session.post(&path), "POST feedback")
        .await?;
    while status != StatusCode::OK {
        if body["status"] == "failed" {
            return Err(format!(
                "GET feedback: the report could not be written: {}",
                body["stage"]
            ));
        }
        if started.elapsed() > REPORT_TIMEOUT {
            return Err(format!(
                "GET feedback: no report after {} s (last status {}, stage {})",
                REPORT_TIMEOUT.as_secs(),
                body["status"],
                body["stage"]
            ));
        }
        tokio::time::sleep(REPORT_POLL).await;
        (status, body) = session
            .send_for_status(session.get(&path), "GET feedback")
            .await?;
    }
    Ok(started.elapsed())
}
