//! The interviewer chain through the engine: an LLM's question is asked and recorded; a
//! failing or off-script provider falls back to the offline coach, and every call leaves a
//! row in `llm_calls`. The provider is a local server speaking the OpenAI chat format.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use domain::{DocumentKind, InterviewId, NewInterview};
use serde_json::{json, Value};
use services::config::{Config, LlmKind, LlmProviderConfig};
use services::documents::worker::Extractor;
use services::interviewer::chain::InterviewerChain;
use services::{OwnerKey, OwnerToken, Services};
use sqlx::PgPool;

const CV: &str = "Priya Raghunathan\nData scientist. Larkspur Grocers plc: demand forecasting with LightGBM, CUPED experiments, Snowflake.";
const JOB: &str = "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n- Python, SQL";

/// What the fake provider answers, and how many calls it saw.
#[derive(Clone)]
struct Script {
    status: StatusCode,
    content: &'static str,
    calls: Arc<AtomicUsize>,
    last_request: Arc<std::sync::Mutex<Value>>,
}

async fn chat_completions(
    State(script): State<Script>,
    Json(body): Json<Value>,
) -> impl IntoResponse {
    script.calls.fetch_add(1, Ordering::SeqCst);
    *script.last_request.lock().unwrap() = body;
    if script.status != StatusCode::OK {
        return (
            script.status,
            Json(json!({"error": {"message": "scripted failure"}})),
        );
    }
    (
        StatusCode::OK,
        Json(json!({
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": "fake-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": script.content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 17, "total_tokens": 338}
        })),
    )
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
        calls: Arc::default(),
        last_request: Arc::default(),
    }
}

async fn services_with(pool: PgPool, base_url: String) -> Services {
    let mut config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some("postgres://unused".into()),
        "LLM_MAX_ATTEMPTS" => Some("2".into()),
        _ => None,
    })
    .unwrap();
    config.llm_providers = vec![LlmProviderConfig {
        kind: LlmKind::OpenAi,
        base_url,
        api_key: None,
        model: "fake-model".into(),
    }];
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
        (first.text.clone(), "openai".into(), "v1".into())
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
