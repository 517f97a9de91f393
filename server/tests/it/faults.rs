//! Faults, each an automated test against the real `server` binary and real PostgreSQL:
//! LLM providers that are down, slow or rate limiting (the chain falls back to the offline
//! coach and the interview goes on), PostgreSQL restarted under a running server, the server
//! killed with SIGKILL while answers are in flight, and two instances sharing one database
//! without sticky sessions. The LLM providers are testkit's fake, speaking OpenAI's
//! chat-completions wire format.

#[path = "faults/support.rs"]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use domain::{
    AnswerOutcome, DocumentKind, InterviewId, InterviewStatus, NewAnswer, Question, QuestionId,
    Report, ReportJobStatus,
};
use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use support::{interviewer, interviewers, llm_calls, openai_env, server, PrivatePostgres};
use testkit::api::{Api, FeedbackState};
use testkit::fake_llm::{FakeLlm, Reply};
use testkit::fixtures::{data_scientist_answer, DATA_SCIENTIST};
use testkit::server::free_port;
use testkit::services::database_url_of;
use uuid::Uuid;

/// How often a report is polled for, and how long it may take.
const REPORT_POLL: Duration = Duration::from_millis(100);
const REPORT_LIMIT: Duration = Duration::from_secs(30);

/// A ready interview of `count` questions for `api`'s owner.
async fn ready_interview(api: &Api, count: u8) -> InterviewId {
    api.ready_interview(&DATA_SCIENTIST, count)
        .await
        .unwrap()
        .id
}

/// Starts the interview; returns the first question.
async fn start(api: &Api, id: InterviewId) -> Question {
    let question = api.start(id).await.unwrap();
    assert_eq!(question.position, 1);
    question
}

/// Answers every question of a started interview, timing each request; returns the texts
/// sent, in order, and the slowest request.
async fn answer_all(
    api: &Api,
    id: InterviewId,
    first: Question,
    tag: &str,
) -> (Vec<String>, Duration) {
    let mut question = first;
    let mut sent = Vec::new();
    let mut slowest = Duration::ZERO;
    loop {
        let text = data_scientist_answer(&format!("{tag} {}", question.position));
        let started = Instant::now();
        let outcome = api.answer_with(id, question.id, &text).await.unwrap();
        slowest = slowest.max(started.elapsed());
        sent.push(text);
        if outcome.completed {
            return (sent, slowest);
        }
        let position = question.position;
        question = outcome
            .next_question
            .expect("a next question until completed");
        assert_eq!(question.position, position + 1, "questions come in order");
    }
}

/// The answers of the transcript, in order (each question answered).
async fn stored_answers(api: &Api, id: InterviewId) -> Vec<String> {
    let transcript = api.transcript(id).await.unwrap();
    assert_eq!(
        transcript.status,
        InterviewStatus::Completed,
        "{transcript:?}"
    );
    transcript
        .entries
        .into_iter()
        .map(|entry| entry.answer.expect("every question answered"))
        .collect()
}

/// The report of a completed interview, asked for and waited on.
async fn report(api: &Api, id: InterviewId) -> Report {
    api.wait_for_report(id, REPORT_POLL, REPORT_LIMIT)
        .await
        .unwrap()
}

fn var(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

// ---------------------------------------------------------------------------------------------
// 1. Provider outage

/// Every configured provider refuses connections (nothing listens on its port): the whole
/// interview is asked by the offline coach, each provider's failure is recorded, and the
/// report is the offline coach's, labelled as a fallback.
async fn outage(pool: PgPool, providers: &[&str]) {
    let port = || free_port().expect("a free port");
    let mut vars = vec![
        var("LLM_PROVIDERS", providers.join(",")),
        var("LLM_CONNECT_TIMEOUT_SECS", "1"),
        var("LLM_TIMEOUT_SECS", "2"),
        var("LLM_MAX_ATTEMPTS", "3"),
        var("OPENAI_BASE_URL", format!("http://127.0.0.1:{}/v1", port())),
        var("OPENAI_MODEL", "gpt-test"),
        var("ANTHROPIC_BASE_URL", format!("http://127.0.0.1:{}", port())),
        var("ANTHROPIC_API_KEY", "sk-ant-test"),
        var("ANTHROPIC_MODEL", "claude-test"),
    ];
    vars.retain(|(name, _)| providers.contains(&"anthropic") || !name.starts_with("ANTHROPIC_"));
    let server = server("outage", &database_url_of(&pool), &vars).await;
    let api = Api::new(server.base_url());

    let started = Instant::now();
    let id = ready_interview(&api, 3).await;
    let first = start(&api, id).await;
    let (sent, slowest) = answer_all(&api, id, first, "outage").await;
    assert_eq!(sent.len(), 3, "every question was asked");
    assert!(
        slowest < Duration::from_secs(15),
        "an answer took {slowest:?}"
    );
    assert_eq!(stored_answers(&api, id).await, sent);
    assert_eq!(interviewers(&pool, id).await, ["offline"; 3]);

    let report = report(&api, id).await;
    assert_eq!(report.questions.len(), 3);
    assert_eq!(report.generated_by.provider, "offline");
    assert!(report.generated_by.offline_fallback);
    let written: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(written, 1);

    // Each provider was tried for each of the 3 questions and for the report, once per
    // question (retries included), and failed for want of a connection or with its circuit
    // open after repeated failures.
    let calls = llm_calls(&pool).await;
    let count = |purpose: &str| calls.iter().filter(|c| c.0 == purpose).count();
    assert_eq!(count("question"), 3 * providers.len(), "{calls:?}");
    assert_eq!(count("feedback"), providers.len(), "{calls:?}");
    for provider in providers {
        assert!(
            calls
                .iter()
                .any(|c| c.1 == *provider && c.2 == "connection"),
            "{provider} was really called: {calls:?}"
        );
    }
    assert!(
        calls
            .iter()
            .all(|c| c.2 == "connection" || c.2 == "circuit_open"),
        "{calls:?}"
    );
    eprintln!(
        "outage {providers:?}: interview and report in {:?}, slowest answer {slowest:?}, llm_calls {:?}",
        started.elapsed(),
        calls.iter().map(|c| (&c.0, &c.1, &c.2)).collect::<Vec<_>>()
    );
}

#[sqlx::test(migrations = false)]
async fn provider_outage_the_offline_coach_asks_everything(pool: PgPool) {
    outage(pool, &["openai"]).await;
}

#[sqlx::test(migrations = false)]
async fn outage_of_a_chain_of_two_providers(pool: PgPool) {
    outage(pool, &["openai", "anthropic"]).await;
}

// ---------------------------------------------------------------------------------------------
// 2. Slow provider

/// A provider slower than `LLM_TIMEOUT_SECS` (and, for the report, `LLM_REPORT_TIMEOUT_SECS`):
/// each call is cut at the timeout, the offline coach asks instead, every answer request
/// returns in bounded time and nothing is lost.
#[sqlx::test(migrations = false)]
async fn slow_provider_times_out_and_the_interview_goes_on(pool: PgPool) {
    let llm = interviewer(Duration::from_secs(20)).await;
    let mut vars = openai_env(&llm);
    vars.extend([
        var("LLM_TIMEOUT_SECS", "1"),
        var("LLM_REPORT_TIMEOUT_SECS", "1"),
        var("LLM_MAX_ATTEMPTS", "2"),
    ]);
    let server = server("slow", &database_url_of(&pool), &vars).await;
    let api = Api::new(server.base_url());

    let id = ready_interview(&api, 3).await;
    let started = Instant::now();
    let first = start(&api, id).await;
    let start_took = started.elapsed();
    assert!(
        start_took < Duration::from_secs(15),
        "start took {start_took:?}"
    );
    let (sent, slowest) = answer_all(&api, id, first, "slow").await;
    assert!(
        slowest < Duration::from_secs(15),
        "an answer took {slowest:?}"
    );
    assert_eq!(stored_answers(&api, id).await, sent);
    assert_eq!(interviewers(&pool, id).await, ["offline"; 3]);
    let report = report(&api, id).await;
    assert!(report.generated_by.offline_fallback);
    assert_eq!(report.questions.len(), 3);

    // The provider was really called and really slow: timed-out calls took at least the
    // second allowed. Retries are bounded: at most 2 attempts for each of 3 questions and the
    // report (a timed-out generation is not retried at all).
    let calls = llm_calls(&pool).await;
    let timeouts: Vec<i32> = calls
        .iter()
        .filter(|c| c.2 == "timeout")
        .map(|c| c.3)
        .collect();
    assert!(!timeouts.is_empty(), "{calls:?}");
    assert!(timeouts.iter().all(|ms| *ms >= 1000), "{calls:?}");
    assert!(
        calls
            .iter()
            .all(|c| c.2 == "timeout" || c.2 == "circuit_open"),
        "{calls:?}"
    );
    assert!(
        llm.calls() >= 1 && llm.calls() <= 2 * (3 + 1),
        "{}",
        llm.calls()
    );
    eprintln!(
        "slow provider: start {start_took:?}, slowest answer {slowest:?}, {} calls to the provider, llm_calls {:?}",
        llm.calls(),
        calls.iter().map(|c| (&c.0, &c.2, c.3)).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// 3. 429 storm

/// A provider answering every call with 429 and `Retry-After: 1`: the server waits as told,
/// gives up after `LLM_MAX_ATTEMPTS`, falls back, and does not keep hammering the provider.
#[sqlx::test(migrations = false)]
async fn a_429_storm_is_retried_boundedly_and_absorbed(pool: PgPool) {
    const ATTEMPTS: usize = 3;
    const QUESTIONS: usize = 3;
    let llm = FakeLlm::builder()
        .otherwise(Reply::rate_limited(1))
        .start()
        .await;
    let mut vars = openai_env(&llm);
    vars.push(var("LLM_MAX_ATTEMPTS", ATTEMPTS.to_string()));
    let server = server("storm", &database_url_of(&pool), &vars).await;
    let api = Api::new(server.base_url());

    let id = ready_interview(&api, QUESTIONS as u8).await;
    let started = Instant::now();
    let mut question = start(&api, id).await;
    let start_took = started.elapsed();
    // The first question met a provider in good standing: every attempt was made, each
    // after the second `Retry-After` asked for.
    assert_eq!(llm.calls(), ATTEMPTS);
    let arrivals = llm.arrivals();
    for pair in arrivals.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(
            gap >= Duration::from_millis(950),
            "Retry-After not honoured: {gap:?}"
        );
    }
    assert!(
        start_took < Duration::from_secs(15),
        "start took {start_took:?}"
    );

    let mut sent = Vec::new();
    let mut slowest = start_took;
    loop {
        let text = data_scientist_answer(&format!("storm {}", question.position));
        let before = Instant::now();
        let outcome = api.answer_with(id, question.id, &text).await.unwrap();
        slowest = slowest.max(before.elapsed());
        sent.push(text);
        if outcome.completed {
            break;
        }
        question = outcome
            .next_question
            .expect("a next question until completed");
    }
    assert!(
        slowest < Duration::from_secs(15),
        "a request took {slowest:?}"
    );
    assert_eq!(stored_answers(&api, id).await, sent);
    assert_eq!(interviewers(&pool, id).await, ["offline"; QUESTIONS]);
    let report = report(&api, id).await;
    assert!(report.generated_by.offline_fallback);

    // Bounded: at most every attempt for every question and for the report.
    let calls = llm_calls(&pool).await;
    assert!(
        llm.calls() <= ATTEMPTS * (QUESTIONS + 1),
        "{} calls",
        llm.calls()
    );
    assert!(calls.iter().any(|c| c.2 == "rate_limited"), "{calls:?}");
    assert!(
        calls
            .iter()
            .all(|c| c.2 == "rate_limited" || c.2 == "circuit_open"),
        "{calls:?}"
    );
    eprintln!(
        "429 storm: start {start_took:?}, slowest request {slowest:?}, {} calls to the provider (bound {}), llm_calls {:?}",
        llm.calls(),
        ATTEMPTS * (QUESTIONS + 1),
        calls.iter().map(|c| (&c.0, &c.2)).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// 4. PostgreSQL restarted mid-interview

/// PostgreSQL stops under a running server: requests fail in bounded time (the pool's 5 s
/// acquire timeout) with the API's error body, `/readyz` says not ready, and once PostgreSQL is back the same server process carries on,
/// every earlier answer still there and the answer that failed stored once when retried.
#[tokio::test]
async fn postgres_restarted_mid_interview() {
    let cluster = PrivatePostgres::start("interview_simulator_faults");
    let mut server = server("pg-restart", &cluster.url(), &[]).await;
    let api = Api::new(server.base_url());

    let id = ready_interview(&api, 4).await;
    let first = start(&api, id).await;
    let text_1 = data_scientist_answer("restart 1");
    let outcome = api.answer_with(id, first.id, &text_1).await.unwrap();
    let second = outcome.next_question.expect("question 2");
    assert_eq!(second.position, 2);

    cluster.stop();
    let down = Instant::now();
    let text_2 = data_scientist_answer("restart 2");
    let client_id = Uuid::new_v4();
    let answer = NewAnswer {
        question_id: second.id,
        text: text_2.clone(),
        client_id,
        spoken: Vec::new(),
    };
    let body = serde_json::to_value(&answer).unwrap();
    let path = format!("/api/v1/interviews/{}", id.0);
    // All at once: each waits for a connection the pool cannot open.
    let create = json!({"job_title": "Analyst", "company": "Acme"});
    let requests = [
        (Method::POST, format!("{path}/answers"), Some(&body)),
        (Method::GET, format!("{path}/transcript"), None),
        (Method::POST, "/api/v1/interviews".to_owned(), Some(&create)),
    ];
    let failing = requests.into_iter().map(|(method, path, body)| {
        let api = &api;
        async move {
            let started = Instant::now();
            let response = api.send(method, &path, body).await.unwrap();
            (path, response.status, response.json(), started.elapsed())
        }
    });
    let probes = async {
        let started = Instant::now();
        let ready = api.send(Method::GET, "/readyz", None).await.unwrap();
        let alive = api.send(Method::GET, "/healthz", None).await.unwrap();
        (ready.status, started.elapsed(), alive.status)
    };
    let (failures, (ready, readyz_took, alive)) = tokio::join!(join_all(failing), probes);
    for (path, status, error, took) in &failures {
        assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE, "{path}: {error}");
        assert_eq!(error["error"]["code"], "database_unavailable", "{error}");
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.contains("try again"), "{error}");
        assert!(*took < Duration::from_secs(15), "{path} took {took:?}");
    }
    let failures: Vec<Duration> = failures.iter().map(|f| f.3).collect();
    assert_eq!(ready, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        readyz_took < Duration::from_secs(15),
        "/readyz took {readyz_took:?}"
    );
    assert_eq!(alive, StatusCode::OK, "the process itself is alive");
    let outage = down.elapsed();

    cluster.restart();
    let back = Instant::now();
    server
        .wait_until_ready(Duration::from_secs(30))
        .await
        .unwrap();
    let recovered = back.elapsed();

    // The same server process: the failed answer again, with the same client id, then the rest.
    let outcome = api.answer(id, &answer).await.unwrap();
    let third = outcome.next_question.clone().expect("question 3");
    assert_eq!(third.position, 3);
    let again = api.answer(id, &answer).await.unwrap();
    assert_eq!(again, outcome, "a retry stores nothing new");
    let (mut sent, _) = answer_all(&api, id, third, "restart after").await;
    sent.splice(0..0, [text_1, text_2]);
    assert_eq!(stored_answers(&api, id).await, sent);
    let database = sqlx::PgPool::connect(&cluster.url()).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM answers WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(&database)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let report = report(&api, id).await;
    assert_eq!(report.questions.len(), 4);
    database.close().await;
    eprintln!(
        "postgres restart: failed requests took {failures:?}, /readyz {readyz_took:?}, outage {outage:?}, ready again {recovered:?} after the restart"
    );
}

// ---------------------------------------------------------------------------------------------
// 5. SIGKILL during answers

/// One answer sent, and what became of it.
#[derive(Clone, Debug)]
struct Sent {
    interview: usize,
    question_id: QuestionId,
    position: u8,
    client_id: Uuid,
    text: String,
}

impl Sent {
    fn answer(&self) -> NewAnswer {
        NewAnswer {
            question_id: self.question_id,
            text: self.text.clone(),
            client_id: self.client_id,
            spoken: Vec::new(),
        }
    }
}

/// How many interviews are answered at once when the server is killed, of how many
/// questions, and after how many acknowledged answers.
const KILL_INTERVIEWS: usize = 20;
const KILL_QUESTIONS: usize = 5;
const KILL_AFTER: usize = 30;

/// A server killed (SIGKILL) while it was answering: its database and provider, the owner's
/// interviews, and the answers whose 200 arrived and those whose 200 never did.
struct Killed {
    llm: FakeLlm,
    database: String,
    api: Api,
    ids: Vec<InterviewId>,
    acked: Vec<Sent>,
    unacked: Vec<Sent>,
    killed_after: Duration,
}

/// Kills the server while 20 interviews are being answered at once, each answer followed by a
/// 200 ms LLM call for the next question.
async fn kill_during_answers(pool: &PgPool) -> Killed {
    let llm = interviewer(Duration::from_millis(200)).await;
    let database = database_url_of(pool);
    let mut first = server("killed", &database, &openai_env(&llm)).await;
    let api = Api::new(first.base_url());

    // The owner cookie is set by the first request; then the interviews are set up at once.
    let mut ids = vec![ready_interview(&api, KILL_QUESTIONS as u8).await];
    ids.extend(
        join_all((1..KILL_INTERVIEWS).map(|_| ready_interview(&api, KILL_QUESTIONS as u8))).await,
    );
    let firsts = join_all(ids.iter().map(|id| start(&api, *id))).await;

    let acked = Arc::new(Mutex::new(Vec::<Sent>::new()));
    let unacked = Arc::new(Mutex::new(Vec::<Sent>::new()));
    let ack_count = Arc::new(AtomicUsize::new(0));
    let kill_now = Arc::new(tokio::sync::Notify::new());
    let started = Instant::now();
    let tasks: Vec<_> = firsts
        .into_iter()
        .enumerate()
        .map(|(interview, mut question)| {
            let (api, id) = (api.clone(), ids[interview]);
            let (acked, unacked) = (acked.clone(), unacked.clone());
            let (ack_count, kill_now) = (ack_count.clone(), kill_now.clone());
            tokio::spawn(async move {
                loop {
                    let position = question.position;
                    let sent = Sent {
                        interview,
                        question_id: question.id,
                        position,
                        client_id: Uuid::new_v4(),
                        text: data_scientist_answer(&format!(
                            "interview {interview} answer {position}"
                        )),
                    };
                    let path = format!("/api/v1/interviews/{}/answers", id.0);
                    let body = serde_json::to_value(sent.answer()).unwrap();
                    match api.send(Method::POST, &path, Some(&body)).await {
                        Ok(response) if response.status == StatusCode::OK => {
                            let outcome: AnswerOutcome =
                                serde_json::from_str(&response.text).unwrap();
                            acked.lock().unwrap().push(sent);
                            if ack_count.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER {
                                kill_now.notify_one();
                            }
                            if outcome.completed {
                                return;
                            }
                            question = outcome.next_question.expect("a next question");
                        }
                        Ok(response) => {
                            panic!("answer refused with {}: {}", response.status, response.text)
                        }
                        Err(_) => {
                            unacked.lock().unwrap().push(sent);
                            return;
                        }
                    }
                }
            })
        })
        .collect();
    tokio::time::timeout(Duration::from_secs(60), kill_now.notified())
        .await
        .expect("30 answers acknowledged within 60 s");
    first.kill();
    let killed_after = started.elapsed();
    for task in join_all(tasks).await {
        task.expect("no answer was refused");
    }
    let acked = acked.lock().unwrap().clone();
    let unacked = unacked.lock().unwrap().clone();
    assert!(acked.len() >= KILL_AFTER);
    assert!(
        acked.len() < KILL_INTERVIEWS * KILL_QUESTIONS,
        "the kill came while answers were still being sent"
    );

    Killed {
        llm,
        database,
        api,
        ids,
        acked,
        unacked,
        killed_after,
    }
}

/// After the kill, the database holds every acknowledged answer once, as sent, and nothing
/// that was not sent; answers in flight at the kill were committed without their 200.
#[sqlx::test(migrations = false)]
async fn sigkill_during_answers_keeps_every_acknowledged_answer_once(pool: PgPool) {
    let Killed {
        ids,
        acked,
        unacked,
        killed_after,
        ..
    } = kill_during_answers(&pool).await;

    // What the database holds right after the kill: every acknowledged answer, once, as sent.
    let stored: Vec<(Uuid, Uuid, String)> =
        sqlx::query_as("SELECT client_id, question_id, text FROM answers")
            .fetch_all(&pool)
            .await
            .unwrap();
    let find = |sent: &Sent| {
        stored
            .iter()
            .filter(|(client_id, _, _)| *client_id == sent.client_id)
            .collect::<Vec<_>>()
    };
    for sent in &acked {
        let rows = find(sent);
        assert_eq!(rows.len(), 1, "acknowledged {sent:?}");
        assert_eq!(rows[0].1, sent.question_id.0);
        assert_eq!(rows[0].2, sent.text);
    }
    let committed_unacked = unacked.iter().filter(|sent| find(sent).len() == 1).count();
    assert_eq!(
        stored.len(),
        acked.len() + committed_unacked,
        "nothing stored that was not sent"
    );
    // Answers are committed before the 200 ms question that follows them, so requests in
    // flight at the kill were stored without their 200 ever arriving.
    assert!(
        committed_unacked >= 1,
        "no in-flight answer was committed before the kill: {unacked:?}"
    );

    // Of those, the ones whose next question the killed server had not stored yet.
    let questions_lost = {
        let mut lost = 0;
        for sent in unacked.iter().filter(|sent| find(sent).len() == 1) {
            let asked: i64 =
                sqlx::query_scalar("SELECT count(*) FROM questions WHERE interview_id = $1")
                    .bind(ids[sent.interview].0)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            if asked == sent.position as i64 && (sent.position as usize) < KILL_QUESTIONS {
                lost += 1;
            }
        }
        lost
    };
    eprintln!(
        "sigkill: killed after {killed_after:?}; {} answers acknowledged, {} not ({committed_unacked} of them committed before the kill, {questions_lost} without their next question)",
        acked.len(),
        unacked.len(),
    );
}

/// A new server process on the same database after the kill: the unacknowledged answers,
/// retried with the same client id, are each stored exactly once (including those committed
/// before the kill whose 200 never arrived), and every interview can be finished.
#[sqlx::test(migrations = false)]
async fn after_a_sigkill_retried_answers_are_stored_once_and_every_interview_finishes(
    pool: PgPool,
) {
    let Killed {
        llm,
        database,
        api,
        ids,
        acked,
        unacked,
        killed_after,
    } = kill_during_answers(&pool).await;
    let calls_before_restart = llm.calls();

    // A new server process on the same database: retries with the same client ids.
    let second = server("restarted", &database, &openai_env(&llm)).await;
    let api = api.at(second.base_url());
    let mut texts: Vec<Vec<(u8, String)>> = vec![Vec::new(); KILL_INTERVIEWS];
    for sent in &acked {
        texts[sent.interview].push((sent.position, sent.text.clone()));
    }
    let finishing = unacked.iter().map(|sent| {
        let (api, id) = (&api, ids[sent.interview]);
        async move {
            let outcome = api
                .answer(id, &sent.answer())
                .await
                .unwrap_or_else(|error| panic!("retry of {sent:?}: {error}"));
            let mut rest = vec![(sent.position, sent.text.clone())];
            if outcome.completed {
                return (sent.interview, rest);
            }
            let next = outcome.next_question.clone().expect("a next question");
            assert_eq!(next.position, sent.position + 1, "{outcome:?}");
            let tag = format!("interview {} after the restart", sent.interview);
            let (after, _) = answer_all(api, id, next, &tag).await;
            rest.extend((sent.position + 1..).zip(after));
            (sent.interview, rest)
        }
    });
    for (interview, rest) in join_all(finishing).await {
        texts[interview].extend(rest);
    }

    for (interview, id) in ids.iter().enumerate() {
        let mut expected = texts[interview].clone();
        expected.sort();
        let positions: Vec<u8> = expected.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            positions,
            (1..=KILL_QUESTIONS as u8).collect::<Vec<_>>(),
            "{expected:?}"
        );
        let expected: Vec<String> = expected.into_iter().map(|(_, text)| text).collect();
        assert_eq!(stored_answers(&api, *id).await, expected);
    }
    let (answers, distinct): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(DISTINCT client_id) FROM answers")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (answers, distinct),
        (
            (KILL_INTERVIEWS * KILL_QUESTIONS) as i64,
            (KILL_INTERVIEWS * KILL_QUESTIONS) as i64
        )
    );
    for sent in &unacked {
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM answers WHERE client_id = $1")
            .bind(sent.client_id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 1, "{sent:?}");
    }
    eprintln!(
        "sigkill, restarted: killed after {killed_after:?}; {} answers acknowledged, {} not; all {} stored once after retries; LLM calls {calls_before_restart} before the restart, {} in all",
        acked.len(),
        unacked.len(),
        KILL_INTERVIEWS * KILL_QUESTIONS,
        llm.calls()
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Two instances, one database, no sticky sessions

/// One interview whose requests alternate between two server processes on one database,
/// feedback asked for on both, twice: one job, claimed once, one report written with one
/// round of LLM calls, served the same by both instances.
#[sqlx::test(migrations = false)]
async fn two_instances_share_one_interview_and_write_one_report(pool: PgPool) {
    const QUESTIONS: usize = 4;
    let llm = interviewer(Duration::ZERO).await;
    let database = database_url_of(&pool);
    let a = server("A", &database, &openai_env(&llm)).await;
    let b = server("B", &database, &openai_env(&llm)).await;
    let api = Api::new(a.base_url());
    let instances = [api.clone(), api.at(b.base_url())];
    let mut requests = 0;
    let mut next = || {
        requests += 1;
        instances[(requests - 1) % 2].clone()
    };

    // Created on A (which issues the owner cookie), documents on B then A, started on B.
    let interview = next()
        .create_interview(&DATA_SCIENTIST.new_interview(QUESTIONS as u8))
        .await
        .unwrap();
    let id = interview.id;
    for (kind, text) in [
        (DocumentKind::Cv, DATA_SCIENTIST.cv),
        (DocumentKind::JobDescription, DATA_SCIENTIST.job),
    ] {
        next().paste(id, kind, text).await.unwrap();
    }
    let mut question = start(&next(), id).await;
    let mut sent = Vec::new();
    loop {
        let text = data_scientist_answer(&format!("two instances {}", question.position));
        let outcome = next().answer_with(id, question.id, &text).await.unwrap();
        sent.push(text);
        if outcome.completed {
            break;
        }
        question = outcome
            .next_question
            .expect("a next question until completed");
    }
    assert_eq!(sent.len(), QUESTIONS);
    assert_eq!(interviewers(&pool, id).await, ["openai"; QUESTIONS]);

    // Feedback asked for on both instances, twice each, as fast as the client can.
    for _ in 0..4 {
        next().request_feedback(id).await.unwrap();
    }
    // Polled on the instances in turn until the report is there.
    let deadline = Instant::now() + REPORT_LIMIT;
    let report = loop {
        match next().feedback(id).await.unwrap() {
            FeedbackState::Ready(report) => break report,
            FeedbackState::Pending(progress) => assert!(
                [ReportJobStatus::Queued, ReportJobStatus::Running].contains(&progress.status),
                "{progress:?}"
            ),
        }
        assert!(Instant::now() < deadline, "no report within 30 s");
        tokio::time::sleep(REPORT_POLL).await;
    };
    for instance in &instances {
        let served = instance.feedback(id).await.unwrap();
        assert_eq!(
            served,
            FeedbackState::Ready(report.clone()),
            "{}",
            instance.origin()
        );
    }
    assert_eq!(report.questions.len(), QUESTIONS);
    for instance in &instances {
        assert_eq!(stored_answers(instance, id).await, sent);
    }

    // One job, claimed once; one report; one round of feedback calls (the first two parts of
    // the report and their repairs, all unusable, so the offline coach's report stands in).
    let (jobs, attempts, status): (i64, i16, String) =
        sqlx::query_as("SELECT count(*) OVER (), attempts, status FROM feedback_jobs")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((jobs, attempts, status.as_str()), (1, 1, "done"));
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reports, 1);
    assert!(report.generated_by.offline_fallback);
    let calls = llm_calls(&pool).await;
    let feedback_calls = calls.iter().filter(|c| c.0 == "feedback").count();
    assert_eq!(feedback_calls, 4, "{calls:?}");
    let structured = llm.requests().iter().filter(|r| r.structured()).count();
    assert_eq!(structured, 4);
    let question_calls: Vec<&str> = calls
        .iter()
        .filter(|c| c.0 == "question")
        .map(|c| c.2.as_str())
        .collect();
    assert_eq!(question_calls, ["ok"; QUESTIONS]);
    eprintln!(
        "two instances: {} requests alternated, {} LLM calls ({} for feedback), 1 job claimed once, 1 report",
        api.requests_sent(),
        llm.calls(),
        structured
    );
}
