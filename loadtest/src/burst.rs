//! The burst: every virtual user is one job seeker with its own cookie jar (so its own
//! anonymous owner) who creates an interview, pastes a CV and a job description, starts, and
//! answers every question as soon as it arrives, all users at the same moment.
//!
//! Three steps, separated by barriers so that only answering is measured and nothing else runs
//! during it: set-up (create, documents, start: not timed), answering (every answer request
//! timed), verification (read back, see `verify.rs`). A user whose set-up fails still waits at
//! the barriers, so one failure cannot hang the others.

use std::sync::Arc;
use std::time::{Duration, Instant};

use testkit::api::Api;
use tokio::sync::Barrier;

use crate::attribution::ProviderLedger;
use crate::steps::{self, AnswerTiming, REQUEST_TIMEOUT};
use crate::verify::{self, Verification};

#[derive(Clone, Debug)]
pub struct Scenario {
    pub base_url: String,
    pub users: usize,
    pub question_count: u8,
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
    let api = Api::with_timeout(&scenario.base_url, REQUEST_TIMEOUT);
    let started = steps::set_up(&api, user, scenario.question_count).await;
    setup_done.wait().await;
    let answering_started = Instant::now();

    let mut answers = Vec::new();
    let mut sent = Vec::new();
    let started = match started {
        Ok(started) => Some(started),
        Err(error) => {
            errors.push(format!("set-up: {error}"));
            None
        }
    };
    if let Some(interview) = &started {
        let answered = steps::answer_all(
            &api,
            user,
            scenario.question_count,
            interview,
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
    if let Some(interview) = &started {
        match verify::check(&api, interview.id, &sent, scenario.question_count).await {
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
