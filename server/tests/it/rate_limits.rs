//! Rate limits on starting, answering and documents: per owner and per client address, a 429
//! with `Retry-After` and a message, nothing changed by a refused request, and the pages'
//! server functions refused with the error the page decodes.

use crate::common::TestServer;
use app::server_fns::PasteDocument;
use app::AppError;
use domain::{DocumentKind, InterviewId, NewAnswer, Question};
use leptos::server_fn::ServerFn;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::{Api, Response};
use testkit::fixtures::DATA_SCIENTIST;
use uuid::Uuid;

async fn ready_interview(api: &Api, count: u8) -> InterviewId {
    api.ready_interview(&DATA_SCIENTIST, count)
        .await
        .unwrap()
        .id
}

/// Answers `question` with `text`: any status.
async fn answer(api: &Api, id: InterviewId, question: &Question, text: &str) -> Response {
    let answer = NewAnswer {
        question_id: question.id,
        text: text.to_owned(),
        client_id: Uuid::new_v4(),
        spoken: Vec::new(),
    };
    let path = format!("/api/v1/interviews/{}/answers", id.0);
    let body = serde_json::to_value(answer).unwrap();
    api.send(Method::POST, &path, Some(&body)).await.unwrap()
}

/// The 429's `Retry-After` in seconds, after checking the body's code and message.
fn refusal_wait(response: &Response) -> u64 {
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = response.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = response.json();
    assert_eq!(body["error"]["code"], "rate_limited");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("wait {wait} second")),
        "the message names the wait: {message}"
    );
    wait
}

#[sqlx::test(migrations = false)]
async fn an_owner_past_its_budget_waits_and_loses_nothing(pool: PgPool) {
    let server = TestServer::start_with(
        pool.clone(),
        &[
            ("RATE_LIMIT_LLM_PER_OWNER", "3"),
            ("RATE_LIMIT_LLM_PER_IP", "0"),
        ],
    )
    .await;
    let api = server.api();
    let id = ready_interview(&api, 5).await;

    // Start and two answers spend the budget of three.
    let mut question = api.start(id).await.unwrap();
    for text in ["First answer about LightGBM.", "Second answer about CUPED."] {
        let response = answer(&api, id, &question, text).await;
        assert_eq!(response.status, StatusCode::OK);
        question = serde_json::from_value(response.json()["next_question"].clone()).unwrap();
    }
    let refused = answer(&api, id, &question, "Third answer.").await;
    let wait = refusal_wait(&refused);
    // Three a minute: one more every 20 s.
    assert!((1..=20).contains(&wait), "Retry-After {wait}");

    // The refused answer changed nothing.
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM answers")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 2);

    // Another owner from the same address has a budget of its own.
    let stranger = server.api();
    let other = ready_interview(&stranger, 3).await;
    stranger.start(other).await.unwrap();

    // Requests that cost nothing are never limited.
    for _ in 0..10 {
        api.transcript(id).await.unwrap();
    }
}

#[sqlx::test(migrations = false)]
async fn one_address_is_limited_across_owners(pool: PgPool) {
    let server = TestServer::start_with(
        pool.clone(),
        &[
            ("RATE_LIMIT_DOCUMENTS_PER_OWNER", "0"),
            ("RATE_LIMIT_DOCUMENTS_PER_IP", "4"),
        ],
    )
    .await;
    // Two owners (two cookie jars) spend the address's four documents.
    let (first, second) = (server.api(), server.api());
    ready_interview(&first, 3).await;
    let id = ready_interview(&second, 3).await;

    // A third owner is refused: a fresh cookie does not reset the address's budget.
    let third = server.api();
    let created = third
        .create_interview(&DATA_SCIENTIST.new_interview(3))
        .await
        .unwrap();
    let refused = third
        .send(
            Method::PUT,
            &format!("/api/v1/interviews/{}/documents/cv", created.id.0),
            Some(&json!({ "text": DATA_SCIENTIST.cv })),
        )
        .await
        .unwrap();
    refusal_wait(&refused);
    let documents: i64 = sqlx::query_scalar("SELECT count(*) FROM documents")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(documents, 4, "the refused upload stored nothing");

    // Correcting a document's text parses nothing and stays allowed.
    let corrected = second
        .send(
            Method::PATCH,
            &format!(
                "/api/v1/interviews/{}/documents/{}",
                id.0,
                DocumentKind::Cv.as_str()
            ),
            Some(&json!({ "text": format!("{}\nAlso: dbt.", DATA_SCIENTIST.cv) })),
        )
        .await
        .unwrap();
    assert_eq!(corrected.status, StatusCode::OK);
}

#[sqlx::test(migrations = false)]
async fn a_pages_server_function_is_refused_with_the_error_the_page_shows(pool: PgPool) {
    let server = TestServer::start_with(
        pool,
        &[
            ("RATE_LIMIT_DOCUMENTS_PER_OWNER", "1"),
            ("RATE_LIMIT_DOCUMENTS_PER_IP", "0"),
        ],
    )
    .await;
    let browser = server.browser();
    let paste = |browser: &reqwest::Client| {
        browser
            .post(server.url(PasteDocument::PATH))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("id=00000000-0000-0000-0000-000000000000&kind=cv&text=Hello")
            .send()
    };
    // The first is let through (and answered by the function itself).
    let allowed = paste(&browser).await.unwrap();
    assert_ne!(allowed.status(), StatusCode::TOO_MANY_REQUESTS);
    let refused = paste(&browser).await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let error: AppError = serde_json::from_str(&refused.text().await.unwrap()).unwrap();
    match error {
        AppError::RateLimited {
            retry_after_secs,
            message,
        } => {
            assert_eq!(retry_after_secs, wait);
            assert!(message.contains("Please wait"), "{message}");
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

#[sqlx::test(migrations = false)]
async fn limits_can_be_lifted(pool: PgPool) {
    let server = TestServer::start_with(
        pool,
        &[
            ("RATE_LIMITS", "off"),
            ("RATE_LIMIT_DOCUMENTS_PER_OWNER", "1"),
        ],
    )
    .await;
    let api = server.api();
    // Four documents for one owner whose budget would be one.
    ready_interview(&api, 3).await;
    ready_interview(&api, 3).await;
}

#[sqlx::test(migrations = false)]
async fn feedback_requests_have_a_budget_of_their_own(pool: PgPool) {
    let server = TestServer::start_with(
        pool,
        &[
            ("RATE_LIMIT_FEEDBACK_PER_OWNER", "2"),
            ("RATE_LIMIT_FEEDBACK_PER_IP", "0"),
        ],
    )
    .await;
    let api = server.api();
    let id = ready_interview(&api, 3).await;
    // Not finished: 409, but asked all the same, and counted.
    for _ in 0..2 {
        let refused = api.feedback(id).await.unwrap_err();
        assert_eq!(refused.status(), Some(StatusCode::CONFLICT));
    }
    let feedback = format!("/api/v1/interviews/{}/feedback", id.0);
    let refused = api.send(Method::POST, &feedback, None).await.unwrap();
    let body_wait = refused.headers["retry-after"].to_str().unwrap().to_owned();
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.json()["error"]["code"], "rate_limited");
    assert!(body_wait.parse::<u64>().unwrap() >= 1);
    // Starting is another budget: still allowed.
    api.start(id).await.unwrap();
}

/// Every operation of the JSON API, by operation id, with the budget a request spends (`None`:
/// free). A new operation fails the test below until it is listed here, and a listed cost
/// must be the one the route enforces and documents, so a costly route cannot be declared
/// without its cost unnoticed.
const API_COSTS: &[(&str, Option<&str>)] = &[
    ("create_interview", None),
    ("list_interviews", None),
    ("get_interview", None),
    ("delete_interview", None),
    ("get_brief", None),
    ("set_language", None),
    ("put_document", Some("document")),
    ("upload_document", Some("document")),
    ("get_document", None),
    ("correct_document", None),
    ("start_interview", Some("llm")),
    ("answer_question", Some("llm")),
    ("end_interview", None),
    ("get_transcript", None),
    ("stream_question", None),
    ("request_feedback", Some("feedback")),
    ("get_feedback", Some("feedback")),
    ("create_share", None),
    ("list_shares", None),
    ("revoke_share", None),
    ("open_shared_report", None),
    ("export_json", None),
    ("export_markdown", None),
    ("create_move_code", None),
    ("redeem_move_code", None),
    ("list_attempts", None),
    ("list_question_attempts", None),
    ("create_attempt", None),
    ("get_answer_bank", None),
];

/// A server with a budget of one request per owner of each kind, none per address.
async fn one_of_each_per_owner(pool: PgPool) -> TestServer {
    TestServer::start_with(
        pool,
        &[
            ("RATE_LIMIT_LLM_PER_OWNER", "1"),
            ("RATE_LIMIT_LLM_PER_IP", "0"),
            ("RATE_LIMIT_DOCUMENTS_PER_OWNER", "1"),
            ("RATE_LIMIT_DOCUMENTS_PER_IP", "0"),
            ("RATE_LIMIT_FEEDBACK_PER_OWNER", "1"),
            ("RATE_LIMIT_FEEDBACK_PER_IP", "0"),
        ],
    )
    .await
}

/// Sends the same request twice for a new owner; true when the second is refused with 429
/// (the first spent the owner's whole budget).
async fn second_is_refused(
    server: &TestServer,
    method: &str,
    path: &str,
    body: RequestBody,
) -> bool {
    let browser = server.browser();
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let request = browser.request(method.clone(), server.url(path));
        let request = match body {
            RequestBody::Json => request.json(&json!({})),
            RequestBody::Form => request
                .header("content-type", "application/x-www-form-urlencoded")
                .body(""),
        };
        statuses.push(request.send().await.unwrap().status());
    }
    assert_ne!(
        statuses[0],
        StatusCode::TOO_MANY_REQUESTS,
        "{method} {path}: the first request is within the budget"
    );
    if let RequestBody::Form = body {
        // A server function answers even arguments it cannot read: no route would be 404/405.
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&statuses[0]),
            "{method} {path}: served ({})",
            statuses[0]
        );
    }
    statuses[1] == StatusCode::TOO_MANY_REQUESTS
}

#[derive(Clone, Copy)]
enum RequestBody {
    Json,
    Form,
}

#[sqlx::test(migrations = false)]
async fn every_api_operation_is_limited_exactly_when_it_is_costly(pool: PgPool) {
    let server = one_of_each_per_owner(pool).await;
    let document: Value = reqwest::get(server.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut seen = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            let Some((_, cost)) = API_COSTS.iter().find(|(listed, _)| *listed == id) else {
                panic!("{method} {path} ({id}) is not in API_COSTS: say whether it is costly");
            };
            seen.push(id);
            assert_eq!(
                operation["responses"]["429"]["$ref"] == "#/components/responses/RateLimited",
                cost.is_some(),
                "{id}: a 429 is documented exactly when the operation costs"
            );
            // Any value of the right shape: the limit applies before the handler looks.
            let concrete = path
                .replace("{id}", &Uuid::new_v4().to_string())
                .replace("{share_id}", &Uuid::new_v4().to_string())
                .replace("{kind}", "cv")
                .replace("{number}", "1")
                .replace("{token}", "no-such-token");
            assert_eq!(
                second_is_refused(&server, method, &concrete, RequestBody::Json).await,
                cost.is_some(),
                "{method} {path} ({id}): limited exactly when it costs ({cost:?})"
            );
        }
    }
    for (id, _) in API_COSTS {
        assert!(seen.contains(id), "{id} is listed but not in the document");
    }
}

#[sqlx::test(migrations = false)]
async fn every_server_function_is_limited_exactly_when_it_is_costly(pool: PgPool) {
    use app::server_fns::*;
    // Every server function of the pages, with whether it costs (see API_COSTS).
    let costly = [
        (ListInterviews::PATH, false),
        (DeleteInterview::PATH, false),
        (GetInterview::PATH, false),
        (GetBrief::PATH, false),
        (SetLanguage::PATH, false),
        (CreateMoveCode::PATH, false),
        (CreateInterview::PATH, false),
        (GetDocuments::PATH, false),
        (PasteDocument::PATH, true),
        (CorrectDocument::PATH, false),
        (StartInterview::PATH, true),
        (GetTranscript::PATH, false),
        (SubmitAnswer::PATH, true),
        (EndInterview::PATH, false),
        (RequestFeedback::PATH, true),
        (ListShares::PATH, false),
        (CreateShare::PATH, false),
        (RevokeShare::PATH, false),
        (OpenSharedReport::PATH, false),
        (ListAttempts::PATH, false),
        (CreateAttempt::PATH, false),
        (GetAnswerBank::PATH, false),
        (BankMaterial::PATH, false),
    ];
    let server = one_of_each_per_owner(pool).await;
    let mut checked = 0;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let Some((_, costs)) = costly.iter().find(|(listed, _)| *listed == path) else {
            panic!("the server function at {path} is not listed: say whether it is costly");
        };
        assert_eq!(
            second_is_refused(&server, method.as_str(), path, RequestBody::Form).await,
            *costs,
            "{method} {path}: limited exactly when it costs"
        );
        checked += 1;
    }
    assert_eq!(checked, costly.len(), "every listed server function exists");
}
