//! Faults, each an automated test against the real `server` binary and real PostgreSQL:
//! LLM providers that are down, slow or rate limiting (the chain falls back to the offline
//! coach and the interview goes on), PostgreSQL restarted under a running server, the server
//! killed with SIGKILL while answers are in flight, and two instances sharing one database
//! without sticky sessions. The LLM providers are local servers speaking OpenAI's
//! chat-completions wire format (`faults/support.rs`).

#[path = "faults/support.rs"]
mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use support::{
    answer_text, free_port, interviewers, llm_calls, url_of, Behaviour, FakeLlm, Owner,
    PrivatePostgres, ServerProcess,
};
use uuid::Uuid;

/// Answers every question of a started interview on `base_url`, timing each request; returns
/// the texts sent, in order, and the slowest request.
async fn answer_all(
    owner: &Owner,
    base_url: &str,
    path: &str,
    first: Value,
    tag: &str,
) -> (Vec<String>, Duration) {
    let mut question = first;
    let mut sent = Vec::new();
    let mut slowest = Duration::ZERO;
    loop {
        let text = answer_text(&format!("{tag} {}", question["position"]));
        let started = Instant::now();
        let outcome = owner.answer(base_url, path, &question, &text).await;
        slowest = slowest.max(started.elapsed());
        sent.push(text);
        if outcome["completed"] == json!(true) {
            return (sent, slowest);
        }
        let position = question["position"].as_u64().unwrap();
        question = outcome["next_question"].clone();
        assert_eq!(
            question["position"],
            json!(position + 1),
            "questions come in order"
        );
    }
}

/// The answers of the transcript, in order (each question answered).
async fn stored_answers(owner: &Owner, base_url: &str, path: &str) -> Vec<String> {
    let (status, transcript) = owner.get(format!("{base_url}{path}/transcript")).await;
    assert_eq!(status, StatusCode::OK, "{transcript}");
    assert_eq!(transcript["status"], "completed", "{transcript}");
    transcript["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            entry["answer"]
                .as_str()
                .expect("every question answered")
                .to_owned()
        })
        .collect()
}

/// The report of a completed interview, asked for and waited on.
async fn report(owner: &Owner, base_url: &str, path: &str) -> Value {
    let (status, body) = owner
        .post(format!("{base_url}{path}/feedback"), &json!({}))
        .await;
    assert!(
        status == StatusCode::ACCEPTED || status == StatusCode::OK,
        "{status}: {body}"
    );
    owner.wait_for_report(&[base_url], path).await
}

// ---------------------------------------------------------------------------------------------
// 1. Provider outage

/// Every configured provider refuses connections (nothing listens on its port): the whole
/// interview is asked by the offline coach, each provider's failure is recorded, and the
/// report is the offline coach's, labelled as a fallback.
async fn outage(pool: PgPool, providers: &[&str]) {
    let mut vars: Vec<(&str, String)> = vec![
        ("LLM_PROVIDERS", providers.join(",")),
        ("LLM_CONNECT_TIMEOUT_SECS", "1".into()),
        ("LLM_TIMEOUT_SECS", "2".into()),
        ("LLM_MAX_ATTEMPTS", "3".into()),
        (
            "OPENAI_BASE_URL",
            format!("http://127.0.0.1:{}/v1", free_port()),
        ),
        ("OPENAI_MODEL", "gpt-test".into()),
        (
            "ANTHROPIC_BASE_URL",
            format!("http://127.0.0.1:{}", free_port()),
        ),
        ("ANTHROPIC_API_KEY", "sk-ant-test".into()),
        ("ANTHROPIC_MODEL", "claude-test".into()),
    ];
    vars.retain(|(name, _)| providers.contains(&"anthropic") || !name.starts_with("ANTHROPIC_"));
    let server = ServerProcess::start("outage", &url_of(&pool), &vars).await;
    let owner = Owner::new();
    let base = server.base_url.as_str();

    let started = Instant::now();
    let path = owner.ready_interview(base, 3).await;
    let first = owner.start(base, &path).await;
    let (sent, slowest) = answer_all(&owner, base, &path, first, "outage").await;
    assert_eq!(sent.len(), 3, "every question was asked");
    assert!(
        slowest < Duration::from_secs(15),
        "an answer took {slowest:?}"
    );
    assert_eq!(stored_answers(&owner, base, &path).await, sent);
    assert_eq!(interviewers(&pool, &path).await, ["offline"; 3]);

    let report = report(&owner, base, &path).await;
    assert_eq!(report["questions"].as_array().unwrap().len(), 3);
    assert_eq!(report["generated_by"]["provider"], "offline");
    assert_eq!(report["generated_by"]["offline_fallback"], true);
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
    let llm = FakeLlm::start(Behaviour::Slow(Duration::from_secs(20))).await;
    let mut vars = llm.env();
    vars.extend([
        ("LLM_TIMEOUT_SECS", "1".into()),
        ("LLM_REPORT_TIMEOUT_SECS", "1".into()),
        ("LLM_MAX_ATTEMPTS", "2".into()),
    ]);
    let server = ServerProcess::start("slow", &url_of(&pool), &vars).await;
    let owner = Owner::new();
    let base = server.base_url.as_str();

    let path = owner.ready_interview(base, 3).await;
    let started = Instant::now();
    let first = owner.start(base, &path).await;
    let start_took = started.elapsed();
    assert!(
        start_took < Duration::from_secs(15),
        "start took {start_took:?}"
    );
    let (sent, slowest) = answer_all(&owner, base, &path, first, "slow").await;
    assert!(
        slowest < Duration::from_secs(15),
        "an answer took {slowest:?}"
    );
    assert_eq!(stored_answers(&owner, base, &path).await, sent);
    assert_eq!(interviewers(&pool, &path).await, ["offline"; 3]);
    let report = report(&owner, base, &path).await;
    assert_eq!(report["generated_by"]["offline_fallback"], true);
    assert_eq!(report["questions"].as_array().unwrap().len(), 3);

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
    let llm = FakeLlm::start(Behaviour::RateLimited).await;
    let mut vars = llm.env();
    vars.push(("LLM_MAX_ATTEMPTS", ATTEMPTS.to_string()));
    let server = ServerProcess::start("storm", &url_of(&pool), &vars).await;
    let owner = Owner::new();
    let base = server.base_url.as_str();

    let path = owner.ready_interview(base, QUESTIONS as u8).await;
    let started = Instant::now();
    let mut question = owner.start(base, &path).await;
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
        let text = answer_text(&format!("storm {}", question["position"]));
        let before = Instant::now();
        let outcome = owner.answer(base, &path, &question, &text).await;
        slowest = slowest.max(before.elapsed());
        sent.push(text);
        if outcome["completed"] == json!(true) {
            break;
        }
        question = outcome["next_question"].clone();
    }
    assert!(
        slowest < Duration::from_secs(15),
        "a request took {slowest:?}"
    );
    assert_eq!(stored_answers(&owner, base, &path).await, sent);
    assert_eq!(interviewers(&pool, &path).await, ["offline"; QUESTIONS]);
    let report = report(&owner, base, &path).await;
    assert_eq!(report["generated_by"]["offline_fallback"], true);

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
    let server = ServerProcess::start("pg-restart", &cluster.url(), &[]).await;
    let owner = Owner::new();
    let base = server.base_url.as_str();
    let plain = reqwest::Client::builder()
        .timeout(Duration::from_secs(40))
        .build()
        .unwrap();

    let path = owner.ready_interview(base, 4).await;
    let first = owner.start(base, &path).await;
    let text_1 = answer_text("restart 1");
    let outcome = owner.answer(base, &path, &first, &text_1).await;
    let second = outcome["next_question"].clone();
    assert_eq!(second["position"], 2);

    cluster.stop();
    let down = Instant::now();
    let text_2 = answer_text("restart 2");
    let client_id = Uuid::new_v4();
    let body = json!({"question_id": second["id"], "text": text_2, "client_id": client_id});
    let answers_url = server.url(&format!("{path}/answers"));
    // All at once: each waits for a connection the pool cannot open.
    let create = json!({"job_title": "Analyst", "company": "Acme"});
    let requests = [
        (Method::POST, answers_url.clone(), Some(&body)),
        (Method::GET, server.url(&format!("{path}/transcript")), None),
        (
            Method::POST,
            server.url("/api/v1/interviews"),
            Some(&create),
        ),
    ];
    let failing = requests.into_iter().map(|(method, url, body)| {
        let owner = &owner;
        async move {
            let started = Instant::now();
            let (status, error) = owner.send(method, url.clone(), body).await;
            (url, status, error, started.elapsed())
        }
    });
    let probes = async {
        let started = Instant::now();
        let ready = plain.get(server.url("/readyz")).send().await.unwrap();
        let alive = plain.get(server.url("/healthz")).send().await.unwrap();
        (ready.status(), started.elapsed(), alive.status())
    };
    let (failures, (ready, readyz_took, alive)) = tokio::join!(join_all(failing), probes);
    for (url, status, error, took) in &failures {
        assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE, "{url}: {error}");
        assert_eq!(error["error"]["code"], "database_unavailable", "{error}");
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.contains("try again"), "{error}");
        assert!(*took < Duration::from_secs(15), "{url} took {took:?}");
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
    server.wait_until_ready(Duration::from_secs(30)).await;
    let recovered = back.elapsed();

    // The same server process: the failed answer again, with the same client id, then the rest.
    let (status, outcome) = owner.post(answers_url.clone(), &body).await;
    assert_eq!(status, StatusCode::OK, "{outcome}");
    let third = outcome["next_question"].clone();
    assert_eq!(third["position"], 3);
    let (status, again) = owner.post(answers_url, &body).await;
    assert_eq!(
        (status, &again),
        (StatusCode::OK, &outcome),
        "a retry stores nothing new"
    );
    let (mut sent, _) = answer_all(&owner, base, &path, third, "restart after").await;
    sent.splice(0..0, [text_1, text_2]);
    assert_eq!(stored_answers(&owner, base, &path).await, sent);
    let database = sqlx::PgPool::connect(&cluster.url()).await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM answers WHERE client_id = $1")
        .bind(client_id)
        .fetch_one(&database)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let report = report(&owner, base, &path).await;
    assert_eq!(report["questions"].as_array().unwrap().len(), 4);
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
    question_id: Value,
    position: u64,
    client_id: Uuid,
    text: String,
}

impl Sent {
    fn body(&self) -> Value {
        json!({"question_id": self.question_id, "text": self.text, "client_id": self.client_id})
    }
}

/// The server is killed (SIGKILL) while 20 interviews are being answered at once, each
/// answer followed by a 200 ms LLM call for the next question. A new server process on the
/// same database has every acknowledged answer; the unacknowledged ones, retried with the same
/// client id, are each stored exactly once (including those committed before the kill whose
/// 200 never arrived); and every interview can be finished.
#[sqlx::test(migrations = false)]
async fn sigkill_during_answers_loses_and_duplicates_nothing(pool: PgPool) {
    const INTERVIEWS: usize = 20;
    const QUESTIONS: usize = 5;
    const KILL_AFTER: usize = 30;
    let llm = FakeLlm::start(Behaviour::Interviewer {
        delay: Duration::from_millis(200),
    })
    .await;
    let database = url_of(&pool);
    let mut first = ServerProcess::start("killed", &database, &llm.env()).await;
    let owner = Arc::new(Owner::new());
    let base = first.base_url.clone();

    // The owner cookie is set by the first request; then the interviews are set up at once.
    let mut paths = vec![owner.ready_interview(&base, QUESTIONS as u8).await];
    paths.extend(
        join_all((1..INTERVIEWS).map(|_| owner.ready_interview(&base, QUESTIONS as u8))).await,
    );
    let firsts = join_all(paths.iter().map(|path| owner.start(&base, path))).await;

    let acked = Arc::new(Mutex::new(Vec::<Sent>::new()));
    let unacked = Arc::new(Mutex::new(Vec::<Sent>::new()));
    let ack_count = Arc::new(AtomicUsize::new(0));
    let kill_now = Arc::new(tokio::sync::Notify::new());
    let started = Instant::now();
    let tasks: Vec<_> = firsts
        .into_iter()
        .enumerate()
        .map(|(interview, mut question)| {
            let (owner, base, path) = (owner.clone(), base.clone(), paths[interview].clone());
            let (acked, unacked) = (acked.clone(), unacked.clone());
            let (ack_count, kill_now) = (ack_count.clone(), kill_now.clone());
            tokio::spawn(async move {
                loop {
                    let position = question["position"].as_u64().unwrap();
                    let sent = Sent {
                        interview,
                        question_id: question["id"].clone(),
                        position,
                        client_id: Uuid::new_v4(),
                        text: answer_text(&format!("interview {interview} answer {position}")),
                    };
                    let url = format!("{base}{path}/answers");
                    match owner.try_send(Method::POST, url, Some(&sent.body())).await {
                        Ok((StatusCode::OK, outcome)) => {
                            acked.lock().unwrap().push(sent);
                            if ack_count.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER {
                                kill_now.notify_one();
                            }
                            if outcome["completed"] == json!(true) {
                                return;
                            }
                            question = outcome["next_question"].clone();
                        }
                        Ok((status, body)) => panic!("answer refused with {status}: {body}"),
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
        acked.len() < INTERVIEWS * QUESTIONS,
        "the kill came while answers were still being sent"
    );

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
        assert_eq!(rows[0].1.to_string(), sent.question_id.as_str().unwrap());
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
                sqlx::query_scalar("SELECT count(*) FROM questions WHERE interview_id = $1::uuid")
                    .bind(paths[sent.interview].rsplit('/').next().unwrap())
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            if asked == sent.position as i64 && (sent.position as usize) < QUESTIONS {
                lost += 1;
            }
        }
        lost
    };
    let calls_before_restart = llm.calls();

    // A new server process on the same database: retries with the same client ids.
    let second = ServerProcess::start("restarted", &database, &llm.env()).await;
    let base = second.base_url.clone();
    let mut texts: Vec<Vec<(u64, String)>> = vec![Vec::new(); INTERVIEWS];
    for sent in &acked {
        texts[sent.interview].push((sent.position, sent.text.clone()));
    }
    let finishing = unacked.iter().map(|sent| {
        let (owner, base, path) = (owner.clone(), base.clone(), paths[sent.interview].clone());
        async move {
            let url = format!("{base}{path}/answers");
            let (status, outcome) = owner.post(url, &sent.body()).await;
            assert_eq!(status, StatusCode::OK, "retry of {sent:?}: {outcome}");
            let mut rest = vec![(sent.position, sent.text.clone())];
            if outcome["completed"] == json!(true) {
                return (sent.interview, rest);
            }
            let next = outcome["next_question"].clone();
            assert_eq!(next["position"], json!(sent.position + 1), "{outcome}");
            let tag = format!("interview {} after the restart", sent.interview);
            let (after, _) = answer_all(&owner, &base, &path, next, &tag).await;
            rest.extend((sent.position + 1..).zip(after));
            (sent.interview, rest)
        }
    });
    for (interview, rest) in join_all(finishing).await {
        texts[interview].extend(rest);
    }

    for (interview, path) in paths.iter().enumerate() {
        let mut expected = texts[interview].clone();
        expected.sort();
        let positions: Vec<u64> = expected.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            positions,
            (1..=QUESTIONS as u64).collect::<Vec<_>>(),
            "{expected:?}"
        );
        let expected: Vec<String> = expected.into_iter().map(|(_, text)| text).collect();
        assert_eq!(stored_answers(&owner, &base, path).await, expected);
    }
    let (answers, distinct): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(DISTINCT client_id) FROM answers")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (answers, distinct),
        (
            (INTERVIEWS * QUESTIONS) as i64,
            (INTERVIEWS * QUESTIONS) as i64
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
        "sigkill: killed after {killed_after:?}; {} answers acknowledged, {} not ({committed_unacked} of them committed before the kill, {questions_lost} without their next question); all {} stored once after retries; LLM calls {calls_before_restart} before the restart, {} in all",
        acked.len(),
        unacked.len(),
        INTERVIEWS * QUESTIONS,
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
    let llm = FakeLlm::start(Behaviour::Interviewer {
        delay: Duration::ZERO,
    })
    .await;
    let database = url_of(&pool);
    let a = ServerProcess::start("A", &database, &llm.env()).await;
    let b = ServerProcess::start("B", &database, &llm.env()).await;
    let bases = [a.base_url.as_str(), b.base_url.as_str()];
    let owner = Owner::new();
    let mut requests = 0;
    let mut next_base = || {
        requests += 1;
        bases[(requests - 1) % 2]
    };

    // Created on A (which issues the owner cookie), documents on B then A, started on B.
    let (status, interview) = owner
        .post(
            format!("{}/api/v1/interviews", next_base()),
            &json!({"job_title": "Data Scientist", "company": "Northwind Analytics", "question_count": QUESTIONS}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{interview}");
    let path = format!("/api/v1/interviews/{}", interview["id"].as_str().unwrap());
    for (kind, text) in [("cv", support::CV), ("job_description", support::JOB)] {
        let url = format!("{}{path}/documents/{kind}", next_base());
        let (status, body) = owner
            .send(Method::PUT, url, Some(&json!({ "text": text })))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let mut question = owner.start(next_base(), &path).await;
    let mut sent = Vec::new();
    loop {
        let text = answer_text(&format!("two instances {}", question["position"]));
        let outcome = owner.answer(next_base(), &path, &question, &text).await;
        sent.push(text);
        if outcome["completed"] == json!(true) {
            break;
        }
        question = outcome["next_question"].clone();
    }
    assert_eq!(sent.len(), QUESTIONS);
    assert_eq!(interviewers(&pool, &path).await, ["openai"; QUESTIONS]);

    // Feedback asked for on both instances, twice each, as fast as the client can.
    for _ in 0..4 {
        let (status, body) = owner
            .post(format!("{}{path}/feedback", next_base()), &json!({}))
            .await;
        assert!(
            status == StatusCode::ACCEPTED || status == StatusCode::OK,
            "{status}: {body}"
        );
    }
    let report = owner.wait_for_report(&bases, &path).await;
    let (status_a, from_a) = owner.get(format!("{}{path}/feedback", bases[0])).await;
    let (status_b, from_b) = owner.get(format!("{}{path}/feedback", bases[1])).await;
    assert_eq!((status_a, status_b), (StatusCode::OK, StatusCode::OK));
    assert_eq!(from_a, report);
    assert_eq!(from_b, report);
    assert_eq!(report["questions"].as_array().unwrap().len(), QUESTIONS);
    assert_eq!(stored_answers(&owner, bases[0], &path).await, sent);
    assert_eq!(stored_answers(&owner, bases[1], &path).await, sent);

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
    assert_eq!(report["generated_by"]["offline_fallback"], true);
    let calls = llm_calls(&pool).await;
    let feedback_calls = calls.iter().filter(|c| c.0 == "feedback").count();
    assert_eq!(feedback_calls, 4, "{calls:?}");
    assert_eq!(llm.feedback_calls(), 4);
    let question_calls: Vec<&str> = calls
        .iter()
        .filter(|c| c.0 == "question")
        .map(|c| c.2.as_str())
        .collect();
    assert_eq!(question_calls, ["ok"; QUESTIONS]);
    eprintln!(
        "two instances: {} requests alternated, {} LLM calls ({} for feedback), 1 job claimed once, 1 report",
        requests + 6,
        llm.calls(),
        llm.feedback_calls()
    );
}
