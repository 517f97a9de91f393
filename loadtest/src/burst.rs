//! The virtual users: each is one job seeker with its own cookie jar (so its own anonymous
//! owner) who creates an interview, pastes a CV and a job description, starts, and answers
//! every question as soon as it arrives.
//!
//! Three steps, separated by barriers so that only answering is measured and nothing else runs
//! during it: set-up (create, documents, start: not timed), answering (every answer request
//! timed), verification (read back, see `verify.rs`). A user whose set-up fails still waits at
//! the barriers, so one failure cannot hang the others.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Client, RequestBuilder};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::Barrier;
use uuid::Uuid;

use crate::attribution::{tag_company, ProviderLedger};
use crate::texts;
use crate::verify::{self, Verification};

/// A request taking longer than this counts as a transport error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Error messages are cut to this length; the first lines of a body say enough.
const MAX_ERROR_CHARS: usize = 300;

#[derive(Clone, Debug)]
pub struct Scenario {
    pub base_url: String,
    pub users: usize,
    pub question_count: u8,
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

#[derive(Debug)]
pub struct UserRun {
    pub answers: Vec<AnswerTiming>,
    pub answering_started: Instant,
    /// Non-2xx responses and transport failures, with the step they happened in.
    pub errors: Vec<String>,
    /// `None` when set-up failed, so there was nothing to verify.
    pub verification: Option<Verification>,
}

#[derive(Debug)]
pub struct PhaseRun {
    pub users: Vec<UserRun>,
    /// From the first user starting to the last one finishing set-up.
    pub setup: Duration,
    /// From the barrier opening to the last answer response.
    pub answering: Duration,
}

#[derive(Deserialize)]
struct Question {
    id: Uuid,
    position: u8,
}

#[derive(Deserialize)]
struct Outcome {
    next_question: Option<Question>,
    completed: bool,
}

/// Runs every user to the end and collects what they saw.
pub async fn run(scenario: &Scenario, ledger: Arc<ProviderLedger>) -> PhaseRun {
    let setup_done = Arc::new(Barrier::new(scenario.users));
    let answering_done = Arc::new(Barrier::new(scenario.users));
    let started = Instant::now();
    let tasks: Vec<_> = (0..scenario.users)
        .map(|user| {
            tokio::spawn(virtual_user(
                user,
                scenario.clone(),
                ledger.clone(),
                setup_done.clone(),
                answering_done.clone(),
            ))
        })
        .collect();
    let mut users = Vec::with_capacity(tasks.len());
    for task in tasks {
        // A panicking user would leave the others waiting at a barrier forever, so there is no
        // code path that panics; an error here is a bug worth stopping for.
        users.push(task.await.expect("a virtual user task panicked"));
    }
    let answering_started = users
        .iter()
        .map(|user| user.answering_started)
        .min()
        .unwrap_or(started);
    let answering_finished = users
        .iter()
        .flat_map(|user| user.answers.iter().map(|answer| answer.finished))
        .max()
        .unwrap_or(answering_started);
    PhaseRun {
        setup: answering_started.saturating_duration_since(started),
        answering: answering_finished.saturating_duration_since(answering_started),
        users,
    }
}

async fn virtual_user(
    user: usize,
    scenario: Scenario,
    ledger: Arc<ProviderLedger>,
    setup_done: Arc<Barrier>,
    answering_done: Arc<Barrier>,
) -> UserRun {
    let mut errors = Vec::new();
    // Its own client: its own cookie jar and its own connections, like a separate browser.
    let client = Client::builder()
        .cookie_store(true)
        .timeout(REQUEST_TIMEOUT)
        .build();
    let set_up = match &client {
        Ok(client) => set_up(client, &scenario, user).await,
        Err(error) => Err(format!("building the HTTP client: {error}")),
    };
    setup_done.wait().await;
    let answering_started = Instant::now();

    let mut answers = Vec::new();
    let mut sent = Vec::new();
    let set_up = match set_up {
        Ok(set_up) => Some(set_up),
        Err(error) => {
            errors.push(format!("set-up: {error}"));
            None
        }
    };
    if let (Ok(client), Some((interview, first))) = (&client, &set_up) {
        let answered = answer_all(
            client,
            &scenario,
            user,
            (interview, first),
            &ledger,
            &mut answers,
        )
        .await;
        sent = answered.sent;
        if let Some(error) = answered.error {
            errors.push(format!("answering: {error}"));
        }
    }
    answering_done.wait().await;

    let mut verification = None;
    if let (Ok(client), Some((interview, _))) = (&client, &set_up) {
        match verify::check(
            client,
            &scenario.base_url,
            interview,
            &sent,
            scenario.question_count,
        )
        .await
        {
            Ok(checked) => verification = Some(checked),
            Err(error) => errors.push(format!("verification: {error}")),
        }
    }
    UserRun {
        answers,
        answering_started,
        errors,
        verification,
    }
}

/// Create, paste both documents, start. Returns the interview id and the first question.
async fn set_up(
    client: &Client,
    scenario: &Scenario,
    user: usize,
) -> Result<(String, Question), String> {
    let api = format!("{}/api/v1", scenario.base_url);
    let created = send_json(
        client.post(format!("{api}/interviews")).json(&json!({
            "job_title": texts::JOB_TITLE,
            "company": tag_company(texts::COMPANY, user),
            "question_count": scenario.question_count,
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
        send_json(
            client
                .put(format!("{api}/interviews/{id}/documents/{kind}"))
                .json(&json!({ "text": text })),
            &format!("PUT documents/{kind}"),
        )
        .await?;
    }
    let first = send_json(
        client.post(format!("{api}/interviews/{id}/start")),
        "POST start",
    )
    .await?;
    let first = serde_json::from_value(first).map_err(|e| format!("POST start: {e}"))?;
    Ok((id, first))
}

struct Answered {
    sent: Vec<String>,
    error: Option<String>,
}

/// Answers until the server says the interview is complete, timing each answer request and
/// reading the provider's share from the ledger around it.
async fn answer_all(
    client: &Client,
    scenario: &Scenario,
    user: usize,
    (interview, first): (&str, &Question),
    ledger: &ProviderLedger,
    timings: &mut Vec<AnswerTiming>,
) -> Answered {
    let url = format!(
        "{}/api/v1/interviews/{interview}/answers",
        scenario.base_url
    );
    let mut sent = Vec::new();
    let mut question_id = first.id;
    let mut position = first.position;
    // A server that never completes must not keep a user answering forever.
    for _ in 0..=scenario.question_count {
        let text = texts::answer(user, position);
        let request = client.post(&url).json(&json!({
            "question_id": question_id,
            "text": text,
            // One per answer, as the browser makes one per answer text.
            "client_id": Uuid::new_v4(),
        }));
        let provider_before = ledger.spent_for(user);
        let calls_before = ledger.calls_for(user);
        let started = Instant::now();
        let response = send_json(request, "POST answers").await;
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

/// Sends a request and returns its JSON body; a transport failure or a non-2xx status is an
/// error carrying the status and the start of the body.
pub async fn send_json(request: RequestBuilder, what: &str) -> Result<Value, String> {
    let response = request
        .send()
        .await
        .map_err(|e| format!("{what}: {}", describe(&e)))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("{what}: reading the body: {}", describe(&e)))?;
    if !status.is_success() {
        let text = String::from_utf8_lossy(&body);
        let text: String = text.chars().take(MAX_ERROR_CHARS).collect();
        return Err(format!("{what}: HTTP {status}: {text}"));
    }
    serde_json::from_slice(&body).map_err(|e| format!("{what}: HTTP {status} but not JSON: {e}"))
}

/// reqwest's message with its causes ("error sending request: connection refused").
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.chars().take(MAX_ERROR_CHARS).collect()
}
