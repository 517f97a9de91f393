//! The JSON API, the owner cookie and the server's plumbing, through real HTTP against the
//! real server and a fresh PostgreSQL database per test.

use crate::common::TestServer;
use reqwest::header::{CONTENT_TYPE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::{Api, Response};

/// `POST /api/v1/interviews` with `body`, whatever it holds: any status.
async fn create(api: &Api, body: Value) -> Response {
    api.send(Method::POST, "/api/v1/interviews", Some(&body))
        .await
        .unwrap()
}

/// Creates an interview that must be accepted, and returns it.
async fn create_ok(api: &Api, body: Value) -> Value {
    let response = create(api, body).await;
    assert_eq!(response.status, StatusCode::CREATED);
    response.json()
}

async fn list(api: &Api) -> Vec<Value> {
    let response = api
        .send(Method::GET, "/api/v1/interviews", None)
        .await
        .unwrap();
    assert_eq!(response.status, StatusCode::OK);
    serde_json::from_str(&response.text).unwrap()
}

async fn get(api: &Api, path: &str) -> Response {
    api.send(Method::GET, path, None).await.unwrap()
}

#[sqlx::test(migrations = false)]
async fn create_list_and_get_with_one_cookie_jar(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();

    let response = create(
        &api,
        json!({"job_title": "  Data Scientist ", "company": "Ørsted", "kind": "technical", "seniority": "senior", "question_count": 6}),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED);
    let first = response.json();
    assert_eq!(first["job_title"], "Data Scientist");
    assert_eq!(first["company"], "Ørsted");
    assert_eq!(first["kind"], "technical");
    assert_eq!(first["seniority"], "senior");
    assert_eq!(first["question_count"], 6);
    assert_eq!(first["status"], "not_ready");

    let second = create_ok(&api, json!({"job_title": "Analyst", "company": "Acme"})).await;
    assert_eq!(second["kind"], "mixed");
    assert_eq!(second["question_count"], 8);

    let listed = list(&api).await;
    let ids: Vec<&Value> = listed.iter().map(|item| &item["id"]).collect();
    assert_eq!(ids, [&second["id"], &first["id"]], "newest first");

    let path = format!("/api/v1/interviews/{}", first["id"].as_str().unwrap());
    let response = get(&api, &path).await;
    assert_eq!(response.status, StatusCode::OK);
    let mut fetched = response.json();
    // Nothing in yet: no documents, an empty transcript; the rest is the interview.
    assert_eq!(fetched["documents"], json!([]));
    assert_eq!(
        fetched["transcript"],
        json!({"status": "not_ready", "question_count": 6, "entries": []})
    );
    let fields = fetched.as_object_mut().unwrap();
    fields.remove("documents");
    fields.remove("transcript");
    assert_eq!(fetched, first);
}

#[sqlx::test(migrations = false)]
async fn another_cookie_jar_gets_404_for_someone_elses_interview(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let owner = server.api();
    let stranger = server.api();

    let created = create_ok(&owner, json!({"job_title": "Engineer", "company": "Acme"})).await;
    let id = created["id"].as_str().unwrap();

    let response = get(&stranger, &format!("/api/v1/interviews/{id}")).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.json()["error"]["code"], "not_found");

    let theirs = list(&stranger).await;
    assert!(theirs.is_empty());

    // The page answers the same way: 404, as if it did not exist.
    let page = get(&stranger, &format!("/interviews/{id}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text.contains("Page not found"));
    let page = get(&owner, &format!("/interviews/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Engineer"));
}

#[sqlx::test(migrations = false)]
async fn invalid_input_gets_422_with_field_messages(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();

    let response = create(
        &api,
        json!({"job_title": "   ", "company": "x".repeat(201)}),
    )
    .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.json();
    assert_eq!(body["error"]["code"], "validation");
    assert_eq!(body["error"]["field"], "job_title");
    assert_eq!(
        body["error"]["fields"][0]["message"],
        "Job title is required."
    );
    assert_eq!(body["error"]["fields"][1]["field"], "company");
    assert!(body["error"]["fields"][1]["message"]
        .as_str()
        .unwrap()
        .contains("at most 200"));

    let response = create(
        &api,
        json!({"job_title": "A", "company": "B", "question_count": 20}),
    )
    .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["error"]["field"], "question_count");

    // Wrong shape (missing field, unknown enum value) is also 422, with a JSON error body.
    for body in [
        json!({"job_title": "A"}),
        json!({"job_title": "A", "company": "B", "kind": "chat"}),
    ] {
        let response = create(&api, body).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.json()["error"]["code"], "invalid_body");
    }

    let listed = list(&api).await;
    assert!(listed.is_empty(), "nothing invalid was stored");
}

#[sqlx::test(migrations = false)]
async fn malformed_requests_get_json_errors(pool: PgPool) {
    let server = TestServer::start(pool).await;
    // Raw requests: bodies no typed client would send.
    let browser = reqwest::Client::new();
    let url = server.url("/api/v1/interviews");

    let response = browser
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .body("{\"job_title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<Value>().await.unwrap()["error"]["code"],
        "malformed_request"
    );

    let response = browser.post(&url).body("job_title=A").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = format!(
        "{{\"job_title\": \"{}\", \"company\": \"B\"}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let response = browser
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    for path in [
        "/api/v1/interviews/not-a-uuid",
        "/api/v1/interviews/00000000-0000-0000-0000-000000000000",
        "/api/v1/nothing",
    ] {
        let response = browser.get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            response.json::<Value>().await.unwrap()["error"]["code"],
            "not_found"
        );
    }
}

#[sqlx::test(migrations = false)]
async fn owner_cookie_is_http_only_and_only_its_hash_is_stored(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let response = create(&api, json!({"job_title": "Engineer", "company": "Acme"})).await;
    let set_cookie = response
        .headers
        .get(SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.starts_with("owner="), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    assert!(
        !set_cookie.contains("Secure"),
        "plain http must not mark the cookie Secure"
    );
    let token = set_cookie
        .trim_start_matches("owner=")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    // A known cookie is not re-issued.
    let again = get(&api, "/api/v1/interviews").await;
    assert!(again.headers.get(SET_COOKIE).is_none());

    let stored: Vec<u8> = sqlx::query_scalar("SELECT owner_key FROM interviews")
        .fetch_one(&pool)
        .await
        .unwrap();
    use sha2::Digest;
    assert_eq!(stored, sha2::Sha256::digest(token.as_bytes()).to_vec());
    let dump: String = sqlx::query_scalar("SELECT string_agg(t::text, ' ') FROM interviews t")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!dump.contains(&token), "the raw token must never be stored");
}

#[sqlx::test(migrations = false)]
async fn https_sites_get_secure_cookies(pool: PgPool) {
    let server =
        TestServer::start_with(pool, &[("PUBLIC_URL", "https://interviews.example.com")]).await;
    let response = get(&server.api(), "/api/v1/interviews").await;
    let set_cookie = response.headers.get(SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set_cookie.contains("Secure"), "{set_cookie}");
}

#[sqlx::test(migrations = false)]
async fn health_request_ids_compression_and_openapi(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let client = reqwest::Client::new();

    let health = client.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(health.headers().contains_key("x-request-id"));
    let ready = client.get(server.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);

    let spec = client
        .get(server.url("/api/v1/openapi.json"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(spec.headers().get("content-encoding").unwrap(), "gzip");
    let spec: Value = reqwest::Client::new()
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths["/api/v1/interviews"]["post"]["responses"]["422"].is_object());
    assert!(paths["/api/v1/interviews"]["get"].is_object());
    assert!(paths["/api/v1/interviews/{id}"]["get"]["responses"]["404"].is_object());
}

#[sqlx::test(migrations = false)]
async fn readyz_reports_an_unreachable_database(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    pool.close().await;
    let ready = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    let alive = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK);
}
