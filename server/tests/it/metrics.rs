//! `/metrics`: Prometheus text with requests by route pattern, questions by interviewer,
//! feedback jobs, rate-limit refusals and the database pool; open to this machine, or to the
//! bearer of `METRICS_TOKEN` when one is set.

use crate::common::TestServer;
use reqwest::StatusCode;
use sqlx::PgPool;
use testkit::fixtures::DATA_SCIENTIST;

async fn scrape(server: &TestServer, token: Option<&str>) -> (StatusCode, String) {
    let mut request = reqwest::Client::new().get(server.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// The value of the sample whose line starts with `series` (name and labels as rendered).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(series) && line[series.len()..].starts_with(' '))
        .and_then(|line| line.rsplit(' ').next()?.parse().ok())
}

#[sqlx::test(migrations = false)]
async fn metrics_count_requests_questions_jobs_and_refusals(pool: PgPool) {
    let server = TestServer::start_with(
        pool,
        &[
            ("RATE_LIMIT_LLM_PER_OWNER", "1"),
            ("RATE_LIMIT_LLM_PER_IP", "0"),
        ],
    )
    .await;
    let api = server.api();
    let interview = api.ready_interview(&DATA_SCIENTIST, 3).await.unwrap();
    api.start(interview.id).await.unwrap();
    // Over the budget of one: refused and counted.
    let refused = api.start(interview.id).await.unwrap_err();
    assert_eq!(refused.status(), Some(StatusCode::TOO_MANY_REQUESTS));

    let (status, text) = scrape(&server, None).await;
    assert_eq!(status, StatusCode::OK);
    // Routes by pattern, never by id.
    let created_count = sample(
        &text,
        r#"http_requests_total{method="POST",route="/api/v1/interviews",status="201"}"#,
    );
    assert!(created_count >= Some(1.0), "{text}");
    let starts = sample(
        &text,
        r#"http_requests_total{method="POST",route="/api/v1/interviews/{id}/start",status="200"}"#,
    );
    assert!(starts >= Some(1.0), "{text}");
    let id = interview.id.0.to_string();
    assert!(!text.contains(&id), "no ids in labels");
    assert!(
        text.contains(r#"http_request_duration_seconds_bucket{method="PUT",route="/api/v1/interviews/{id}/documents/{kind}",le="0.5"}"#),
        "latency is a histogram: {text}"
    );
    assert!(sample(&text, r#"http_rate_limited_total{cost="llm"}"#) >= Some(1.0));
    assert!(sample(&text, r#"questions_asked_total{interviewer="offline"}"#) >= Some(1.0));
    assert!(sample(&text, r#"feedback_jobs{status="queued"}"#).is_some());
    assert!(sample(&text, r#"db_pool_connections{state="idle"}"#).is_some());
    assert!(text.contains("# TYPE http_requests_in_flight gauge"));
}

#[sqlx::test(migrations = false)]
async fn with_a_token_only_its_bearer_reads_metrics(pool: PgPool) {
    let server = TestServer::start_with(pool, &[("METRICS_TOKEN", "scrape-me-7f3a")]).await;
    let (status, text) = scrape(&server, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!text.contains("http_requests_total"));
    let (status, _) = scrape(&server, Some("scrape-me-7f3b")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, text) = scrape(&server, Some("scrape-me-7f3a")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("http_requests_total"), "{text}");
}
