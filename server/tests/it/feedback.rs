//! Feedback and share links through the JSON API: the report is written in the background by
//! the server's worker; owners, strangers and share-link holders each see what is theirs to see.

use std::time::Duration;

use crate::common::{TestServer, CV, JOB};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

const ANSWER: &str = "At Larkspur I owned demand forecasting. Waste was rising, so I built a LightGBM model in Python on Snowflake data. I ran CUPED experiments to test it, and waste fell by 18 % in six months.";

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A completed interview of three answered questions; returns its API base path.
async fn completed_interview(client: &reqwest::Client, server: &TestServer) -> String {
    let (_, interview) = send(client.post(server.url("/api/v1/interviews")).json(
        &json!({"job_title": "Data Scientist", "company": "Northwind Analytics", "question_count": 3}),
    ))
    .await;
    let base = format!("/api/v1/interviews/{}", interview["id"].as_str().unwrap());
    for (kind, text) in [("cv", CV), ("job_description", JOB)] {
        let (status, _) = send(
            client
                .put(server.url(&format!("{base}/documents/{kind}")))
                .json(&json!({ "text": text })),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, mut question) = send(client.post(server.url(&format!("{base}/start")))).await;
    loop {
        let (status, outcome) = send(client.post(server.url(&format!("{base}/answers"))).json(
            &json!({"question_id": question["id"], "text": ANSWER, "client_id": Uuid::new_v4()}),
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        if outcome["completed"] == json!(true) {
            return base;
        }
        question = outcome["next_question"].clone();
    }
}

/// Polls `GET …/feedback` until the report is there.
async fn wait_for_report(client: &reqwest::Client, url: &str) -> Value {
    for _ in 0..200 {
        let (status, body) = send(client.get(url)).await;
        match status {
            StatusCode::OK => return body,
            StatusCode::ACCEPTED => {
                assert!(["queued", "running"].contains(&body["status"].as_str().unwrap()));
                assert!(body["progress"].as_u64().unwrap() <= 100);
            }
            other => panic!("unexpected {other}: {body}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the report was not written in 10 s");
}

#[sqlx::test(migrations = false)]
async fn the_report_is_written_in_the_background_and_shared_read_only(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.browser();
    let stranger = server.browser();

    // Not before the interview is over.
    let (_, interview) = send(
        owner
            .post(server.url("/api/v1/interviews"))
            .json(&json!({"job_title": "Data Scientist", "company": "Northwind Analytics"})),
    )
    .await;
    let unfinished = format!(
        "/api/v1/interviews/{}/feedback",
        interview["id"].as_str().unwrap()
    );
    let (status, body) = send(owner.post(server.url(&unfinished))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let base = completed_interview(&owner, &server).await;
    let feedback = server.url(&format!("{base}/feedback"));
    let (status, _) = send(stranger.post(&feedback)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = send(owner.post(&feedback)).await;
    assert!(
        status == StatusCode::ACCEPTED || status == StatusCode::OK,
        "{status}: {body}"
    );
    let report = wait_for_report(&owner, &feedback).await;
    assert_eq!(report["questions"].as_array().unwrap().len(), 3);
    assert_eq!(report["generated_by"]["provider"], "offline");
    assert!(report["overall"]["score"].as_u64().unwrap() >= 1);
    // Idempotent: asking again returns the same report at once.
    let (status, again) = send(owner.post(&feedback)).await;
    assert_eq!((status, &again), (StatusCode::OK, &report));
    let written: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(written, 1);

    // Share links: made by the owner only; the token appears once.
    let shares = server.url(&format!("{base}/shares"));
    let (status, _) = send(stranger.post(&shares)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, link) = send(owner.post(&shares)).await;
    assert_eq!(status, StatusCode::CREATED);
    let token = link["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 43);
    assert!(link["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/share/{token}")));
    assert!(link["url"].as_str().unwrap().starts_with("http"));
    let (status, listed) = send(owner.get(&shares)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(!listed.to_string().contains(&token));

    // Anyone with the link sees the report, without the CV.
    let anonymous = reqwest::Client::new();
    let shared_url = server.url(&format!("/api/v1/shared/{token}"));
    let (status, shared) = send(anonymous.get(&shared_url)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shared["job_title"], "Data Scientist");
    assert_eq!(shared["report"]["cv_tips"], json!([]));
    assert!(!shared
        .to_string()
        .contains("Priya Raghunathan\\nData scientist"));
    for guess in ["x".repeat(43), Uuid::new_v4().to_string()] {
        let (status, _) = send(anonymous.get(server.url(&format!("/api/v1/shared/{guess}")))).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    // Revoked: the link stops working at once; strangers cannot revoke.
    let revoke = server.url(&format!("{base}/shares/{}", link["id"].as_str().unwrap()));
    let status = stranger.delete(&revoke).send().await.unwrap().status();
    assert_eq!(status, StatusCode::NOT_FOUND);
    let status = owner.delete(&revoke).send().await.unwrap().status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = send(anonymous.get(&shared_url)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("revoked"));
}

#[sqlx::test(migrations = false)]
async fn the_openapi_document_describes_feedback_and_shares(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let (_, document) = send(reqwest::Client::new().get(server.url("/api/v1/openapi.json"))).await;
    for path in [
        "/api/v1/interviews/{id}/feedback",
        "/api/v1/interviews/{id}/shares",
        "/api/v1/interviews/{id}/shares/{share_id}",
        "/api/v1/shared/{token}",
        "/api/v1/interviews/{id}/question/stream",
    ] {
        assert!(document["paths"][path].is_object(), "{path} missing");
    }
    assert!(document["components"]["schemas"]["Report"].is_object());
}

#[sqlx::test(migrations = false)]
async fn deleting_an_interview_removes_everything_for_good(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.browser();
    let stranger = server.browser();
    let base = completed_interview(&owner, &server).await;
    let feedback = server.url(&format!("{base}/feedback"));
    send(owner.post(&feedback)).await;
    wait_for_report(&owner, &feedback).await;
    let (_, link) = send(owner.post(server.url(&format!("{base}/shares")))).await;
    let shared_url = server.url(&format!(
        "/api/v1/shared/{}",
        link["token"].as_str().unwrap()
    ));
    let (status, _) = send(reqwest::Client::new().get(&shared_url)).await;
    assert_eq!(status, StatusCode::OK);

    // The list shows the score before the delete.
    let (_, listed) = send(owner.get(server.url("/api/v1/interviews"))).await;
    assert_eq!(listed[0]["answered"], 3);
    assert!(listed[0]["score"].as_u64().is_some(), "{listed}");

    // A stranger cannot delete it, nor learn that it exists.
    let status = stranger
        .delete(server.url(&base))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);

    let status = owner
        .delete(server.url(&base))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    for path in [
        base.clone(),
        format!("{base}/transcript"),
        format!("{base}/feedback"),
        format!("{base}/shares"),
        format!("{base}/documents/cv"),
    ] {
        let (status, _) = send(owner.get(server.url(&path))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _) = send(reqwest::Client::new().get(&shared_url)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, listed) = send(owner.get(server.url("/api/v1/interviews"))).await;
    assert_eq!(listed, json!([]));
    // Nothing is left behind in any table.
    for table in [
        "interviews",
        "documents",
        "questions",
        "answers",
        "feedback_jobs",
        "reports",
        "share_links",
    ] {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(rows, 0, "{table}");
    }
    // A second delete finds nothing.
    let status = owner
        .delete(server.url(&base))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
}
