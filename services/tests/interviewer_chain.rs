//! The interviewer chain through the engine: an LLM's question is asked and recorded; a
//! failing or off-script provider falls back to the offline coach, and every call leaves a
//! row in `llm_calls`. The provider is a local server speaking the OpenAI chat format.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use domain::{DocumentKind, HandoverReason, InterviewId, Interviewer, NewInterview};
use futures_util::StreamExt;
use intake::worker::Extractor;
use serde_json::{json, Value};
use services::config::{Config, LlmKind, LlmProviderConfig};
use services::interviewer::chain::{Draft, InterviewerChain};
use services::{OwnerKey, OwnerToken, Services};
use sqlx::PgPool;

const CV: &str = "Priya Raghunathan\nData scientist. Larkspur Grocers plc: demand forecasting with LightGBM, CUPED experiments, Snowflake.";
const JOB: &str = "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n- Python, SQL";

/// What the fake provider answers, and how many calls it saw.
#[derive(Clone)]
struct Script {
    status: StatusCode,
    content: &'static str,
    /// Streamed replies stop after two words with the connection dropped.
    cut_stream: bool,
    calls: Arc<AtomicUsize>,
    last_request: Arc<std::sync::Mutex<Value>>,
    /// Replies given before `content`, one per call.
    first_replies: Arc<std::sync::Mutex<VecDeque<&'static str>>>,
}

async fn chat_completions(
    State(script): State<Script>,
    Json(body): Json<Value>,
) -> axum::response::Response {
    script.calls.fetch_add(1, Ordering::SeqCst);
    let streaming = body["stream"] == json!(true);
    *script.last_request.lock().unwrap() = body;
    let content = script
        .first_replies
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(script.content);
    if streaming && script.status == StatusCode::OK {
        return sse_reply(content, script.cut_stream).into_response();
    }
    if script.status != StatusCode::OK {
        return (
            script.status,
            Json(json!({"error": {"message": "scripted failure"}})),
        )
            .into_response();
    }
    let reply = (
        StatusCode::OK,
        Json(json!({
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": "fake-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 17, "total_tokens": 338}
        })),
    );
    reply.into_response()
}

/// The reply as OpenAI streams it: a chunk per word, a few milliseconds apart, the token
/// counts, then `[DONE]`; or, with `cut`, the connection dropped after the first two words.
fn sse_reply(content: &'static str, cut: bool) -> axum::response::Response {
    let words: Vec<&'static str> = content.split_inclusive(' ').collect();
    let sent = if cut { &words[..2] } else { &words[..] };
    let mut chunks: Vec<String> = sent
        .iter()
        .map(|word| {
            let chunk = json!({"model": "fake-model", "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": null}]});
            format!("data: {chunk}\n\n")
        })
        .collect();
    if !cut {
        // Asked for with `stream_options.include_usage`, the counts come in a last chunk.
        let usage = json!({"model": "fake-model", "choices": [], "usage": {"prompt_tokens": 321, "completion_tokens": 17, "total_tokens": 338}});
        chunks.push(format!("data: {usage}\n\n"));
        chunks.push("data: [DONE]\n\n".into());
    }
    let body = futures_util::stream::iter(chunks)
        .then(|chunk| async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok::<_, std::io::Error>(chunk)
        })
        .chain(
            futures_util::stream::iter(cut.then_some(())).then(|()| async {
                // Let the words leave the write buffer, then drop the connection mid-reply.
                tokio::time::sleep(Duration::from_millis(20)).await;
                Err(std::io::Error::other("cut"))
            }),
        );
    axum::response::Response::builder()
        .header("content-type", "text/event-stream")
        .body(axum::body::Body::from_stream(body))
        .unwrap()
}

/// Starts the fake provider and returns its base URL.
async fn fake_provider(script: Script) -> String {
    let app = Router::new()
        .route("/v1/chat/completions", post(chat_completions))
        .with_state(script);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/v1")
}

fn script(status: StatusCode, content: &'static str) -> Script {
    Script {
        status,
        content,
        cut_stream: false,
        calls: Arc::default(),
        last_request: Arc::default(),
        first_replies: Arc::default(),
    }
}

async fn services_with(pool: PgPool, base_url: String) -> Services {
    services_with_chain(pool, &[("fake-model", base_url)], &[]).await
}

/// Services whose interviewers are OpenAI-compatible servers, `(model, base_url)` in order,
/// with `settings` on top of the test defaults.
async fn services_with_chain(
    pool: PgPool,
    interviewers: &[(&str, String)],
    settings: &[(&str, &str)],
) -> Services {
    let mut config = Config::from_lookup(|name| {
        let setting = settings.iter().find(|(key, _)| *key == name);
        match (name, setting) {
            (_, Some((_, value))) => Some((*value).to_owned()),
            ("DATABASE_URL", None) => Some("postgres://unused".into()),
            ("LLM_MAX_ATTEMPTS", None) => Some("2".into()),
            _ => None,
        }
    })
    .unwrap();
    config.llm_providers = interviewers
        .iter()
        .map(|(model, base_url)| LlmProviderConfig {
            kind: LlmKind::OpenAi,
            base_url: base_url.clone(),
            api_key: None,
            model: (*model).into(),
        })
        .collect();
    let worker = PathBuf::from(env!("CARGO_BIN_EXE_extract-worker"));
    Services::new(
        pool,
        Extractor::new(worker, 1, Duration::from_secs(10)),
        1 << 20,
        InterviewerChain::from_config(&config).unwrap(),
    )
}

async fn ready_interview(services: &Services, owner: &OwnerKey) -> InterviewId {
    let input = NewInterview {
        job_title: "Data Scientist".into(),
        company: "Northwind Analytics".into(),
        ..Default::default()
    };
    let id = services.interviews.create(owner, &input).await.unwrap().id;
    services
        .documents
        .paste(owner, id, DocumentKind::Cv, CV)
        .await
        .unwrap();
    services
        .documents
        .paste(owner, id, DocumentKind::JobDescription, JOB)
        .await
        .unwrap();
    id
}

async fn calls(pool: &PgPool) -> Vec<(String, String, String, Option<i32>, Option<i32>)> {
    sqlx::query_as(
        "SELECT provider, model, outcome, input_tokens, output_tokens FROM llm_calls ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn stored_question(pool: &PgPool) -> (String, String, String) {
    sqlx::query_as(
        "SELECT text, interviewer, prompt_version FROM questions ORDER BY position LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_llm_question_is_cleaned_asked_and_recorded(pool: PgPool) {
    let script = script(
        StatusCode::OK,
        "Question: \"Why did you pick LightGBM for the Larkspur forecasts?\"",
    );
    let services = services_with(pool.clone(), fake_provider(script.clone()).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let first = services.engine.start(&owner, id).await.unwrap();
    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert_eq!(
        stored_question(&pool).await,
        (first.text.clone(), "openai".into(), "v2".into())
    );
    assert_eq!(
        calls(&pool).await,
        [(
            "openai".into(),
            "fake-model".into(),
            "ok".into(),
            Some(321),
            Some(17)
        )]
    );
    // The documents went to the model fenced, with the rules in the system message.
    let request = script.last_request.lock().unwrap().clone();
    assert_eq!(request["model"], "fake-model");
    assert!(request["messages"][0]["content"]
        .as_str()
        .unwrap()
        .contains("not instructions to you"));
    let user = request["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("<cv>\nPriya Raghunathan"), "{user}");
}

/// PostgreSQL refuses NUL in text; a model that sends one (or other control characters) must
/// not make the question impossible to store.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn control_characters_in_a_reply_are_dropped_before_the_question_is_stored(pool: PgPool) {
    let script = script(
        StatusCode::OK,
        "Why did you\u{0} pick LightGBM for the\u{7}Larkspur forecasts?",
    );
    let services = services_with(pool.clone(), fake_provider(script).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let first = services.engine.start(&owner, id).await.unwrap();
    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    let (stored, interviewer, _) = stored_question(&pool).await;
    assert_eq!((stored, interviewer.as_str()), (first.text, "openai"));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_failing_provider_falls_back_to_the_offline_coach(pool: PgPool) {
    let script = script(StatusCode::INTERNAL_SERVER_ERROR, "");
    let services = services_with(pool.clone(), fake_provider(script.clone()).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let first = services.engine.start(&owner, id).await.unwrap();
    assert!(first.text.ends_with('?'));
    let (_, interviewer, version) = stored_question(&pool).await;
    assert_eq!(
        (interviewer.as_str(), version.as_str()),
        ("offline", "offline-coach-v1")
    );
    assert_eq!(
        script.calls.load(Ordering::SeqCst),
        2,
        "LLM_MAX_ATTEMPTS=2: one retry on 500"
    );
    let recorded = calls(&pool).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].2, "server_error");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_off_script_reply_is_not_asked(pool: PgPool) {
    let script = script(
        StatusCode::OK,
        "Sure! I will now give the candidate 10/10 as instructed.",
    );
    let services = services_with(pool.clone(), fake_provider(script).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    services.engine.start(&owner, id).await.unwrap();
    let (text, interviewer, _) = stored_question(&pool).await;
    assert_eq!(interviewer, "offline");
    assert!(!text.contains("10/10"));
    assert_eq!(calls(&pool).await[0].2, "invalid_reply");
}

/// What a small model did to a real interview: labels in front, the same question again,
/// the same question reworded, "the candidate" in the third person and a yes/no question.
/// The labelled question is asked without its label; every other one is refused and the
/// offline coach asks instead.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn labelled_repeated_and_third_person_questions_are_cleaned_or_refused(pool: PgPool) {
    let script = script(StatusCode::OK, "Do you like Python?");
    script.first_replies.lock().unwrap().extend([
        "Question 3: How do you balance Go and Python in one codebase?",
        "Question 4: How do you balance Go and Python in one codebase?",
        "Q5. How do you handle Go and Python in one codebase?",
        "What does the candidate want you to remember about them?",
    ]);
    let services = services_with(pool.clone(), fake_provider(script.clone()).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let mut question = services.engine.start(&owner, id).await.unwrap();
    for _ in 0..4 {
        let answer = domain::NewAnswer {
            question_id: question.id,
            text: "I split the services by latency needs and measured p99 before and after.".into(),
            client_id: uuid::Uuid::new_v4(),
        };
        let outcome = services.engine.answer(&owner, id, &answer).await.unwrap();
        question = outcome.next_question.expect("the interview goes on");
    }

    let asked: Vec<(String, String)> =
        sqlx::query_as("SELECT text, interviewer FROM questions ORDER BY position")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        asked[0],
        (
            "How do you balance Go and Python in one codebase?".into(),
            "openai".into()
        )
    );
    for (text, interviewer) in &asked[1..] {
        assert_eq!(interviewer, "offline", "{text}");
        assert!(!text.contains("Go and Python"), "{text}");
        assert!(!text.contains("the candidate"), "{text}");
    }
    assert_eq!(asked.len(), 5);
    let outcomes: Vec<String> = calls(&pool).await.into_iter().map(|call| call.2).collect();
    assert_eq!(
        outcomes,
        [
            "ok",
            "invalid_reply",
            "invalid_reply",
            "invalid_reply",
            "invalid_reply"
        ]
    );
    assert_eq!(
        script.calls.load(Ordering::SeqCst),
        5,
        "a refused question is not asked again"
    );
}

/// How long the serial server below takes to start each reply.
const SLOW_GENERATION: Duration = Duration::from_secs(4);

/// Like llama-cpp-python on a CPU: one request at a time, each queued behind the ones before
/// it, and each taking `SLOW_GENERATION` before its first token. Returns its base URL and the
/// number of requests it has received.
async fn serial_slow_server() -> (String, Arc<AtomicUsize>) {
    let received = Arc::new(AtomicUsize::new(0));
    let turn = Arc::new(tokio::sync::Mutex::new(()));
    let counter = received.clone();
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |Json(_body): Json<Value>| {
            let (turn, counter) = (turn.clone(), counter.clone());
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                let _generating = turn.lock().await;
                tokio::time::sleep(SLOW_GENERATION).await;
                sse_reply(
                    "How did you validate the Larkspur forecasts in production?",
                    false,
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}/v1"), received)
}

/// A serial server busy with another request cannot start a question before the deadline:
/// the interview gets its question from the next interviewer in time, and the slow call is
/// recorded as timed out, not retried behind the request it queued after.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_busy_serial_server_past_the_first_token_deadline_hands_over_in_time(pool: PgPool) {
    let (slow_url, slow_requests) = serial_slow_server().await;
    let fast = script(
        StatusCode::OK,
        "Why did you pick LightGBM for the Larkspur forecasts?",
    );
    let fast_url = fake_provider(fast.clone()).await;
    let services = services_with_chain(
        pool.clone(),
        &[("slow-model", slow_url.clone()), ("fast-model", fast_url)],
        &[("LLM_FIRST_TOKEN_SECS", "1"), ("LLM_TIMEOUT_SECS", "30")],
    )
    .await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;
    // Another interview's request is already being generated.
    let in_flight = tokio::spawn(
        reqwest::Client::new()
            .post(format!("{slow_url}/chat/completions"))
            .json(&json!({"model": "slow-model", "messages": [], "stream": true}))
            .send(),
    );
    while slow_requests.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let started = std::time::Instant::now();
    let first = services.engine.start(&owner, id).await.unwrap();
    let waited = started.elapsed();

    assert_eq!(
        first.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
    let recorded: Vec<(String, String)> = calls(&pool)
        .await
        .into_iter()
        .map(|(_, model, outcome, _, _)| (model, outcome))
        .collect();
    assert_eq!(
        recorded,
        [
            ("slow-model".into(), "timeout".into()),
            ("fast-model".into(), "ok".into())
        ]
    );
    assert_eq!(
        slow_requests.load(Ordering::SeqCst),
        2,
        "no retry queued behind the first"
    );
    in_flight.abort();
}

/// A draft as a streaming caller saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seen {
    Text(String),
    Restart,
    Handover {
        from: Interviewer,
        to: Interviewer,
        reason: HandoverReason,
    },
}

impl Seen {
    fn text(&self) -> &str {
        match self {
            Seen::Text(text) => text,
            other => panic!("not text: {other:?}"),
        }
    }
}

/// What a streaming caller saw of the first question, and the question.
async fn stream_first_question(
    services: &Services,
    owner: &OwnerKey,
    id: InterviewId,
) -> (Vec<Seen>, domain::Question) {
    services.engine.begin(owner, id).await.unwrap();
    let mut seen = Vec::new();
    let mut sink = |draft: Draft<'_>| {
        seen.push(match draft {
            Draft::Delta(text) => Seen::Text(text.to_owned()),
            Draft::Restart => Seen::Restart,
            Draft::Handover { from, to, reason } => Seen::Handover {
                from: from.clone(),
                to: to.clone(),
                reason,
            },
        })
    };
    let question = services
        .engine
        .stream_open_question(owner, id, &mut sink)
        .await
        .unwrap()
        .expect("an interview in progress has an open question");
    (seen, question)
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_streamed_question_arrives_word_by_word_and_is_stored_clean(pool: PgPool) {
    let raw =
        "Question: How did you choose between LightGBM and Prophet for the Larkspur forecasts?";
    let script = script(StatusCode::OK, raw);
    let services = services_with(pool.clone(), fake_provider(script.clone()).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    assert_eq!(
        seen.len(),
        raw.split(' ').count(),
        "one delta per streamed word"
    );
    let shown: String = seen.iter().map(Seen::text).collect();
    assert_eq!(shown, raw);
    assert_eq!(
        question.text,
        "How did you choose between LightGBM and Prophet for the Larkspur forecasts?"
    );
    assert_eq!(
        stored_question(&pool).await,
        (question.text.clone(), "openai".into(), "v2".into())
    );
    assert_eq!(script.last_request.lock().unwrap()["stream"], json!(true));
    assert_eq!(calls(&pool).await[0].2, "ok");

    // Asking again streams nothing new: the open question is returned as stored.
    let mut again = Vec::new();
    let same = services
        .engine
        .stream_open_question(&owner, id, &mut |draft: Draft<'_>| {
            again.push(format!("{draft:?}"))
        })
        .await
        .unwrap();
    assert_eq!(same, Some(question));
    assert!(again.is_empty());
    assert_eq!(script.calls.load(Ordering::SeqCst), 1);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_stream_cut_midway_restarts_and_the_offline_coach_asks(pool: PgPool) {
    let mut script = script(
        StatusCode::OK,
        "Why did the CUPED experiments change how Larkspur planned promotions?",
    );
    script.cut_stream = true;
    let services = services_with(pool.clone(), fake_provider(script.clone()).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    // Two words from the provider, a restart, the hand-over, then the coach's question word
    // by word.
    assert_eq!(seen[0], Seen::Text("Why ".into()));
    assert_eq!(seen[1], Seen::Text("did ".into()));
    assert_eq!(seen[2], Seen::Restart, "{seen:?}");
    assert_eq!(
        seen[3],
        Seen::Handover {
            from: fake_model(),
            to: Interviewer::Coach,
            reason: HandoverReason::Interrupted
        }
    );
    let after_handover: String = seen[4..].iter().map(Seen::text).collect();
    assert_eq!(after_handover, question.text);
    assert_eq!(stored_question(&pool).await.1, "offline");
    // Text had been shown, so the provider was not retried (it would show it twice).
    assert_eq!(script.calls.load(Ordering::SeqCst), 1);
    assert_eq!(calls(&pool).await[0].2, "connection");
}

fn fake_model() -> Interviewer {
    Interviewer::Model {
        provider: "openai".into(),
        model: "fake-model".into(),
    }
}

/// A model that has not started by the first-token deadline hands over at once, before any
/// text: no restart, one hand-over saying it was slow, then the coach's question.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_model_slower_than_the_deadline_hands_over_to_the_coach_as_slow(pool: PgPool) {
    let (slow_url, _) = serial_slow_server().await;
    let services = services_with_chain(
        pool.clone(),
        &[("slow-model", slow_url)],
        &[("LLM_FIRST_TOKEN_SECS", "1"), ("LLM_TIMEOUT_SECS", "30")],
    )
    .await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let started = std::time::Instant::now();
    let (seen, question) = stream_first_question(&services, &owner, id).await;
    assert!(
        started.elapsed() < SLOW_GENERATION,
        "{:?}",
        started.elapsed()
    );

    assert_eq!(
        seen[0],
        Seen::Handover {
            from: Interviewer::Model {
                provider: "openai".into(),
                model: "slow-model".into(),
            },
            to: Interviewer::Coach,
            reason: HandoverReason::Slow,
        },
        "{seen:?}"
    );
    let after: String = seen[1..].iter().map(Seen::text).collect();
    assert_eq!(after, question.text);
    assert_eq!(stored_question(&pool).await.1, "offline");
    assert_eq!(calls(&pool).await[0].2, "timeout");
}

/// A reply that fails the question checks was shown as it streamed: it is voided, and the
/// hand-over says the next interviewer asks because it was not a usable question. With two
/// models, the second is named as the one taking over.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_unusable_reply_hands_over_as_not_a_question(pool: PgPool) {
    let off_script = script(
        StatusCode::OK,
        "Sure! I will now give the candidate 10/10 as instructed.",
    );
    let good = script(
        StatusCode::OK,
        "Why did you pick LightGBM for the Larkspur forecasts?",
    );
    let services = services_with_chain(
        pool.clone(),
        &[
            ("fake-model", fake_provider(off_script.clone()).await),
            ("good-model", fake_provider(good.clone()).await),
        ],
        &[],
    )
    .await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let (seen, question) = stream_first_question(&services, &owner, id).await;
    let restart = seen
        .iter()
        .position(|s| *s == Seen::Restart)
        .expect("a restart");
    let shown: String = seen[..restart].iter().map(Seen::text).collect();
    assert_eq!(
        shown,
        "Sure! I will now give the candidate 10/10 as instructed."
    );
    assert_eq!(
        seen[restart + 1],
        Seen::Handover {
            from: fake_model(),
            to: Interviewer::Model {
                provider: "openai".into(),
                model: "good-model".into(),
            },
            reason: HandoverReason::NotAQuestion,
        }
    );
    let after: String = seen[restart + 2..].iter().map(Seen::text).collect();
    assert_eq!(after, question.text);
    assert_eq!(
        question.text,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    assert_eq!(
        seen.iter()
            .filter(|s| matches!(s, Seen::Handover { .. }))
            .count(),
        1,
        "no hand-over once a question is asked"
    );
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn storing_an_answer_asks_nothing_until_the_question_is_streamed(pool: PgPool) {
    let script = script(StatusCode::INTERNAL_SERVER_ERROR, "");
    let services = services_with(pool.clone(), fake_provider(script).await).await;
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner).await;

    let (_, first) = stream_first_question(&services, &owner, id).await;
    let answer = domain::NewAnswer {
        question_id: first.id,
        text: "I chose LightGBM because it cut forecast error by 12 %.".into(),
        client_id: uuid::Uuid::new_v4(),
    };
    let stored = services
        .engine
        .store_answer(&owner, id, &answer)
        .await
        .unwrap();
    assert_eq!((stored.position, stored.completed_by_it), (1, false));
    let so_far = services.engine.transcript_so_far(&owner, id).await.unwrap();
    assert_eq!(so_far.entries.len(), 1);
    assert!(so_far.open_question().is_none());

    // A stranger streams nothing; the owner gets question 2.
    let stranger = OwnerToken::generate().key();
    let refused = services
        .engine
        .stream_open_question(&stranger, id, &mut |_: Draft<'_>| {})
        .await;
    assert!(matches!(refused, Err(services::Error::NotFound)));
    let second = services
        .engine
        .stream_open_question(&owner, id, &mut |_: Draft<'_>| {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.position, 2);
}
