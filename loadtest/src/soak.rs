//! The soak: every virtual user runs full interviews back to back (create, paste both
//! documents, start, answer every question, ask for the report and wait for it) until the
//! time is up, then finishes the interview in hand. No barriers: users drift apart, as real
//! ones do, so every step of the product is under load at the same time for minutes.
//!
//! Afterwards each user reads back everything it did (see `verify.rs`): each interview's
//! answers, each report and its history. A user stops at its first error (the phase has
//! failed then, and one broken server must not be hammered for minutes); what it did up to
//! that point is still verified.

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::InterviewId;
use testkit::api::Api;

use crate::attribution::ProviderLedger;
use crate::steps::{self, AnswerTiming, REQUEST_TIMEOUT};
use crate::verify::{self, Remembered};

#[derive(Clone, Debug)]
pub struct Soak {
    pub base_url: String,
    pub users: usize,
    pub question_count: u8,
    /// No interview starts after this much time; the ones in hand are finished.
    pub duration: Duration,
    /// Who the reports must say wrote them (see `verify::check_report`).
    pub report_author: &'static str,
}

/// One interview a user set up, and how far it got.
#[derive(Debug)]
struct Record {
    id: InterviewId,
    /// The answers the server acknowledged, in order.
    sent: Vec<String>,
    /// Its report was written and seen.
    reported: bool,
}

/// What one user did and what reading it back found.
#[derive(Debug, Default)]
pub struct UserSoak {
    pub interviews_started: usize,
    pub interviews_completed: usize,
    pub answers: Vec<AnswerTiming>,
    /// From asking for the report to the response that carried it.
    pub report_waits: Vec<Duration>,
    /// Requests sent while soaking (verification not included).
    pub requests: u64,
    pub errors: Vec<String>,
    pub check: Check,
}

/// The verification of one user's interviews, reports and history.
#[derive(Debug, Default)]
pub struct Check {
    pub requests: u64,
    pub interviews_intact: usize,
    pub lost_answers: usize,
    pub duplicated_answers: usize,
    pub reports_intact: usize,
    /// Questions in the transcripts that the fake provider did not write.
    pub offline_questions: usize,
    pub problems: Vec<String>,
}

/// The load done: each user's session (its cookie is the user's identity, needed to read its
/// interviews back), what it set up and what it saw.
pub struct Loaded {
    users: Vec<(Api, Vec<Record>, UserSoak)>,
    /// From the start to the last user finishing its last interview: the soak and the drain.
    pub elapsed: Duration,
}

#[derive(Debug)]
pub struct SoakRun {
    pub users: Vec<UserSoak>,
    /// The soak and the drain.
    pub load: Duration,
    /// Reading everything back, after the load.
    pub verification: Duration,
}

/// Runs every user until the time is up and its interview in hand is finished.
pub async fn load(soak: &Soak, ledger: Arc<ProviderLedger>) -> Loaded {
    let started = Instant::now();
    let deadline = started + soak.duration;
    let tasks: Vec<_> = (0..soak.users)
        .map(|user| tokio::spawn(soak_user(user, soak.clone(), ledger.clone(), deadline)))
        .collect();
    let mut users = Vec::with_capacity(tasks.len());
    for task in tasks {
        users.push(task.await.expect("a virtual user task panicked"));
    }
    Loaded {
        users,
        elapsed: started.elapsed(),
    }
}

/// Has every user read back what it did. Run after the load, so it neither adds to the load
/// nor reads an interview that a request is still writing.
pub async fn verify(loaded: Loaded, soak: &Soak) -> SoakRun {
    let verifying = Instant::now();
    let tasks: Vec<_> = loaded
        .users
        .into_iter()
        .map(|(session, records, user)| {
            tokio::spawn(check_user(session, records, user, soak.clone()))
        })
        .collect();
    let mut users = Vec::with_capacity(tasks.len());
    for task in tasks {
        users.push(task.await.expect("a verification task panicked"));
    }
    SoakRun {
        users,
        load: loaded.elapsed,
        verification: verifying.elapsed(),
    }
}

/// Full interviews until `deadline`.
async fn soak_user(
    user: usize,
    soak: Soak,
    ledger: Arc<ProviderLedger>,
    deadline: Instant,
) -> (Api, Vec<Record>, UserSoak) {
    let mut run = UserSoak::default();
    let mut records = Vec::new();
    let session = Api::with_timeout(&soak.base_url, REQUEST_TIMEOUT);
    while Instant::now() < deadline {
        let result = full_interview(&session, user, &soak, &ledger, &mut run, &mut records).await;
        if let Err(error) = result {
            run.errors.push(error);
            break;
        }
    }
    run.requests = session.requests_sent();
    (session, records, run)
}

/// One interview from creation to its report. Its record is kept from the moment it exists,
/// so a failure half-way still has its acknowledged answers verified.
async fn full_interview(
    session: &Api,
    user: usize,
    soak: &Soak,
    ledger: &ProviderLedger,
    run: &mut UserSoak,
    records: &mut Vec<Record>,
) -> Result<(), String> {
    let started = steps::set_up(session, user, soak.question_count)
        .await
        .map_err(|e| format!("set-up: {e}"))?;
    run.interviews_started += 1;
    records.push(Record {
        id: started.id,
        sent: Vec::new(),
        reported: false,
    });
    let record = records.last_mut().expect("just pushed");
    let answered = steps::answer_all(
        session,
        user,
        soak.question_count,
        &started,
        ledger,
        &mut run.answers,
    )
    .await;
    record.sent = answered.sent;
    if let Some(error) = answered.error {
        return Err(format!("answering: {error}"));
    }
    let waited = steps::wait_for_report(session, started.id)
        .await
        .map_err(|e| format!("report: {e}"))?;
    record.reported = true;
    run.report_waits.push(waited);
    run.interviews_completed += 1;
    Ok(())
}

/// Reads back the user's history, each interview's answers and each report it saw.
async fn check_user(session: Api, records: Vec<Record>, mut run: UserSoak, soak: Soak) -> UserSoak {
    let check = &mut run.check;
    let ids: Vec<String> = records.iter().map(|record| record.id.to_string()).collect();
    let remembered: Vec<Remembered> = records
        .iter()
        .zip(&ids)
        .map(|(record, id)| Remembered {
            id,
            answers_sent: record.sent.len(),
        })
        .collect();
    match verify::check_history(&session, &remembered).await {
        Ok(problems) => check.problems.extend(problems),
        Err(error) => check.problems.push(format!("history: {error}")),
    }
    for record in &records {
        match verify::check(&session, record.id, &record.sent, soak.question_count).await {
            Ok(verified) => {
                check.interviews_intact += usize::from(verified.intact);
                check.lost_answers += verified.lost;
                check.duplicated_answers += verified.duplicated;
                check.offline_questions += verified.offline_questions;
                check.problems.extend(
                    verified
                        .problems
                        .into_iter()
                        .map(|problem| format!("interview {}: {problem}", record.id)),
                );
            }
            Err(error) => check
                .problems
                .push(format!("interview {}: {error}", record.id)),
        }
        if record.reported {
            match verify::check_report(&session, record.id, record.sent.len(), soak.report_author)
                .await
            {
                Ok(problems) if problems.is_empty() => check.reports_intact += 1,
                Ok(problems) => check.problems.extend(problems),
                Err(error) => check
                    .problems
                    .push(format!("report of {}: {error}", record.id)),
            }
        }
    }
    check.requests = session.requests_sent() - run.requests;
    run
}
