//! The interview through the JSON API: start, answer (idempotent by client id), a stale tab,
//! bad answers, ending early, and strangers.

use crate::common::{ready_interview, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

async fn post(client: &reqwest::Client, url: String, body: Value) -> (StatusCode, Value) {
    let response = client.post(url).json(&body).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[sqlx::test(migrations = false)]
async fn an_interview_through_the_api(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let browser = server.browser();
    let base = ready_interview(&browser, &server, 3).await;

    let (status, first) = post(&browser, server.url(&format!("{base}/start")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["position"], 1);
    assert!(first["text"].as_str().unwrap().ends_with('?'));

    // Bad answers: empty, too long, a body without the fields.
    let answers = server.url(&format!("{base}/answers"));
    let (status, error) = post(
        &browser,
        answers.clone(),
        json!({"question_id": first["id"], "text": "  ", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["field"], "text");
    let (status, _) = post(
        &browser,
        answers.clone(),
        json!({"question_id": first["id"], "text": "a".repeat(5001), "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post(&browser, answers.clone(), json!({"text": "hello"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // A double submit: one stored answer, the same next question.
    let answer = json!({"question_id": first["id"], "text": "I built the forecasting system at Larkspur.", "client_id": Uuid::new_v4()});
    let (status, once) = post(&browser, answers.clone(), answer.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let (_, twice) = post(&browser, answers.clone(), answer).await;
    assert_eq!(once, twice);
    assert_eq!(once["completed"], false);
    let second = once["next_question"].clone();
    assert_eq!(second["position"], 2);

    // A stale tab answering question 1 again: 409 with a message that says what to do.
    let (status, error) = post(
        &browser,
        answers.clone(),
        json!({"question_id": first["id"], "text": "again", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Reload"));
    // Starting again once answered: 409.
    let (status, _) = post(&browser, server.url(&format!("{base}/start")), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let (_, outcome) = post(&browser, answers.clone(), json!({"question_id": second["id"], "text": "CUPED cut variance by 30 %.", "client_id": Uuid::new_v4()})).await;
    let third = outcome["next_question"].clone();
    let (_, outcome) = post(&browser, answers.clone(), json!({"question_id": third["id"], "text": "I am glad we talked.", "client_id": Uuid::new_v4()})).await;
    assert_eq!(outcome, json!({"next_question": null, "completed": true}));

    let transcript: Value = browser
        .get(server.url(&format!("{base}/transcript")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(transcript["status"], "completed");
    assert_eq!(transcript["entries"].as_array().unwrap().len(), 3);
    // The interview itself carries the same transcript, and its documents without their text.
    let interview: Value = browser
        .get(server.url(&base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(interview["status"], "completed");
    assert_eq!(interview["transcript"], transcript);
    let documents = interview["documents"].as_array().unwrap();
    let kinds: Vec<&Value> = documents.iter().map(|document| &document["kind"]).collect();
    assert_eq!(kinds, ["cv", "job_description"]);
    assert!(documents.iter().all(|document| document["text"].is_null()
        && document["detected_type"] == "text"
        && document["size_bytes"].as_u64().unwrap() > 0));
    let (status, _) = post(
        &browser,
        answers,
        json!({"question_id": third["id"], "text": "late", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[sqlx::test(migrations = false)]
async fn ending_early_and_strangers(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let owner = server.browser();
    let stranger = server.browser();
    let base = ready_interview(&owner, &server, 3).await;

    // Not started: nothing to end.
    let (status, _) = post(&owner, server.url(&format!("{base}/end")), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = post(&stranger, server.url(&format!("{base}/start")), json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, first) = post(&owner, server.url(&format!("{base}/start")), json!({})).await;
    for (path, body) in [
        (
            "answers",
            json!({"question_id": first["id"], "text": "x", "client_id": Uuid::new_v4()}),
        ),
        ("end", json!({})),
    ] {
        let (status, _) = post(&stranger, server.url(&format!("{base}/{path}")), body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let response = stranger
        .get(server.url(&format!("{base}/transcript")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let (status, ended) = post(&owner, server.url(&format!("{base}/end")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ended["status"], "completed");
    let interview: Value = owner
        .get(server.url(&base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(interview["status"], "completed");
}

/// Starts the interview at `base`, answers question 1 and removes question 2, so the next
/// question is open to be asked (by the stream).
async fn first_answered_second_unasked(
    browser: &reqwest::Client,
    server: &TestServer,
    base: &str,
    pool: &PgPool,
) {
    let (status, first) = post(browser, server.url(&format!("{base}/start")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(
        browser,
        server.url(&format!("{base}/answers")),
        json!({"question_id": first["id"], "text": "I built the forecasting system and cut waste by 12 %.", "client_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    sqlx::query("DELETE FROM questions WHERE position = 2")
        .execute(pool)
        .await
        .unwrap();
}

/// The `data:` payloads of a finished server-sent-events response.
async fn events_of(response: reqwest::Response) -> Vec<Value> {
    let body = response.text().await.unwrap();
    body.lines()
        .filter_map(|line| line.strip_prefix("data: "))
        .map(|data| serde_json::from_str(data).unwrap())
        .collect()
}

#[sqlx::test(migrations = false)]
async fn the_open_question_streams_as_server_sent_events(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let browser = server.browser();
    let base = ready_interview(&browser, &server, 3).await;
    let stream_url = server.url(&format!("{base}/question/stream"));

    let refused = browser.get(&stream_url).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not started"));

    // As if generating question 2 had failed after the answer was stored.
    first_answered_second_unasked(&browser, &server, &base, &pool).await;

    let response = browser.get(&stream_url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let events = events_of(response).await;
    let (last, deltas) = events.split_last().unwrap();
    assert!(deltas.len() > 3, "word by word: {events:?}");
    assert!(deltas.iter().all(|event| event["type"] == "delta"));
    let shown: String = deltas
        .iter()
        .map(|event| event["text"].as_str().unwrap())
        .collect();
    assert_eq!(last["type"], "question");
    assert_eq!(last["question"]["position"], 2);
    assert_eq!(last["question"]["text"].as_str().unwrap(), shown);

    // Asked again, the stored question comes back whole, and nothing new is asked.
    let again = events_of(browser.get(&stream_url).send().await.unwrap()).await;
    assert_eq!(again, std::slice::from_ref(last));

    // Strangers get 404; after the end there is nothing more to ask.
    let stranger = server.browser().get(&stream_url).send().await.unwrap();
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let (status, _) = post(&browser, server.url(&format!("{base}/end")), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let after_end = events_of(browser.get(&stream_url).send().await.unwrap()).await;
    assert_eq!(after_end, [json!({"type": "completed"})]);
}

/// A local OpenAI-compatible provider that takes `delay` before it streams a question, like a
/// busy CPU model; returns its base URL.
async fn slow_provider(delay: std::time::Duration) -> String {
    use axum::routing::post;
    let app = axum::Router::new().route(
        "/v1/chat/completions",
        post(move || async move {
            tokio::time::sleep(delay).await;
            let chunk = json!({"model": "slow-model", "choices": [{"index": 0,
                "delta": {"content": "Why did you pick LightGBM for the Larkspur forecasts?"},
                "finish_reason": "stop"}]});
            axum::response::Response::builder()
                .header("content-type", "text/event-stream")
                .body(axum::body::Body::from(format!(
                    "data: {chunk}\n\ndata: [DONE]\n\n"
                )))
                .unwrap()
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/v1")
}

#[sqlx::test(migrations = false)]
async fn a_slow_model_hands_the_streamed_question_over_to_the_coach(pool: PgPool) {
    let provider = slow_provider(std::time::Duration::from_secs(10)).await;
    let server = TestServer::start_with(
        pool.clone(),
        &[
            ("LLM_PROVIDERS", "openai"),
            ("OPENAI_BASE_URL", &provider),
            ("OPENAI_MODEL", "slow-model"),
            ("LLM_FIRST_TOKEN_SECS", "1"),
            ("RATE_LIMITS", "off"),
        ],
    )
    .await;
    let browser = server.browser();
    let base = ready_interview(&browser, &server, 3).await;
    // Question 2 is asked again, this time as a stream.
    first_answered_second_unasked(&browser, &server, &base, &pool).await;

    let started = std::time::Instant::now();
    let events = events_of(
        browser
            .get(server.url(&format!("{base}/question/stream")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // The hand-over first (no text had been shown, so no restart), then the coach's question.
    assert_eq!(
        events[0],
        json!({
            "type": "handover",
            "from": {"kind": "model", "provider": "openai", "model": "slow-model"},
            "to": {"kind": "coach"},
            "reason": "slow",
        }),
        "{events:?}"
    );
    let (last, deltas) = events[1..].split_last().unwrap();
    assert!(
        deltas.iter().all(|event| event["type"] == "delta"),
        "{events:?}"
    );
    let shown: String = deltas
        .iter()
        .map(|event| event["text"].as_str().unwrap())
        .collect();
    assert_eq!(last["type"], "question");
    assert_eq!(last["question"]["text"].as_str().unwrap(), shown);
    assert_ne!(
        shown,
        "Why did you pick LightGBM for the Larkspur forecasts?"
    );
    let (interviewer,): (String,) =
        sqlx::query_as("SELECT interviewer FROM questions WHERE position = 2")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(interviewer, "offline");
}
