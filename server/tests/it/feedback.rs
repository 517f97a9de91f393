//! Feedback and share links through the JSON API: the report is written in the background by
//! the server's worker; owners, strangers and share-link holders each see what is theirs to see.

use std::time::Duration;

use crate::common::TestServer;
use domain::{InterviewId, NewInterview, Report, ReportJobStatus};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::{Api, FeedbackState};
use testkit::fixtures::{DATA_SCIENTIST, DATA_SCIENTIST_ANSWER};
use uuid::Uuid;

/// `method` on `path` with no body: any status, the body as JSON.
async fn send(api: &Api, method: Method, path: &str) -> (StatusCode, Value) {
    let response = api.send(method, path, None).await.unwrap();
    (response.status, response.json())
}

/// A completed interview of three answered questions.
async fn completed_interview(api: &Api) -> InterviewId {
    api.completed_interview(&DATA_SCIENTIST, 3, DATA_SCIENTIST_ANSWER)
        .await
        .unwrap()
}

/// Polls `GET …/feedback` until the report is there.
async fn wait_for_report(api: &Api, id: InterviewId) -> Report {
    for _ in 0..200 {
        match api.feedback(id).await.unwrap() {
            FeedbackState::Ready(report) => return *report,
            FeedbackState::Pending(progress) => {
                assert!(
                    [ReportJobStatus::Queued, ReportJobStatus::Running].contains(&progress.status)
                );
                assert!(progress.progress <= 100);
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the report was not written in 10 s");
}

#[sqlx::test(migrations = false)]
async fn the_report_is_written_in_the_background_and_shared_read_only(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.api();
    let stranger = server.api();

    // Not before the interview is over.
    let unfinished = owner
        .create_interview(&NewInterview {
            question_count: None,
            ..DATA_SCIENTIST.new_interview(3)
        })
        .await
        .unwrap();
    let unfinished = format!("/api/v1/interviews/{}/feedback", unfinished.id.0);
    let (status, body) = send(&owner, Method::POST, &unfinished).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let id = completed_interview(&owner).await;
    let base = format!("/api/v1/interviews/{}", id.0);
    let feedback = format!("{base}/feedback");
    let (status, _) = send(&stranger, Method::POST, &feedback).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Accepted, or already written.
    owner.request_feedback(id).await.unwrap();
    let report = wait_for_report(&owner, id).await;
    assert_eq!(report.questions.len(), 3);
    assert_eq!(report.generated_by.provider, "offline");
    assert!(report.overall.score().unwrap() >= 1);
    // Idempotent: asking again returns the same report at once.
    let again = owner.request_feedback(id).await.unwrap();
    assert_eq!(again, FeedbackState::Ready(Box::new(report)));
    let written: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(written, 1);

    // Share links: made by the owner only; the token appears once.
    let shares = format!("{base}/shares");
    let (status, _) = send(&stranger, Method::POST, &shares).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, link) = send(&owner, Method::POST, &shares).await;
    assert_eq!(status, StatusCode::CREATED);
    let token = link["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 43);
    assert!(link["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/share/{token}")));
    assert!(link["url"].as_str().unwrap().starts_with("http"));
    let (status, listed) = send(&owner, Method::GET, &shares).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(!listed.to_string().contains(&token));

    // Anyone with the link sees the report, without the CV.
    let anonymous = server.api();
    let shared_url = format!("/api/v1/shared/{token}");
    let (status, shared) = send(&anonymous, Method::GET, &shared_url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shared["job_title"], "Data Scientist");
    assert_eq!(shared["report"]["cv_tips"], json!([]));
    assert!(!shared
        .to_string()
        .contains("Priya Raghunathan\\nData scientist"));
    for guess in ["x".repeat(43), Uuid::new_v4().to_string()] {
        let (status, _) = send(&anonymous, Method::GET, &format!("/api/v1/shared/{guess}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    // Revoked: the link stops working at once; strangers cannot revoke.
    let revoke = format!("{base}/shares/{}", link["id"].as_str().unwrap());
    let (status, _) = send(&stranger, Method::DELETE, &revoke).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = send(&owner, Method::DELETE, &revoke).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = send(&anonymous, Method::GET, &shared_url).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("revoked"));
}

#[sqlx::test(migrations = false)]
async fn the_openapi_document_describes_feedback_and_shares(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let (_, document) = send(&server.api(), Method::GET, "/api/v1/openapi.json").await;
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
    let owner = server.api();
    let stranger = server.api();
    let anonymous = server.api();
    let id = completed_interview(&owner).await;
    owner.request_feedback(id).await.unwrap();
    wait_for_report(&owner, id).await;
    let base = format!("/api/v1/interviews/{}", id.0);
    let (_, link) = send(&owner, Method::POST, &format!("{base}/shares")).await;
    let shared_url = format!("/api/v1/shared/{}", link["token"].as_str().unwrap());
    let (status, _) = send(&anonymous, Method::GET, &shared_url).await;
    assert_eq!(status, StatusCode::OK);

    // The list shows the score before the delete.
    let listed = owner.interviews().await.unwrap();
    assert_eq!(listed[0].answered, 3);
    assert!(listed[0].score.is_some(), "{listed:?}");

    // A stranger cannot delete it, nor learn that it exists.
    let (status, _) = send(&stranger, Method::DELETE, &base).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, _) = send(&owner, Method::DELETE, &base).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    for path in [
        base.clone(),
        format!("{base}/transcript"),
        format!("{base}/feedback"),
        format!("{base}/shares"),
        format!("{base}/documents/cv"),
    ] {
        let (status, _) = send(&owner, Method::GET, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _) = send(&anonymous, Method::GET, &shared_url).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(owner.interviews().await.unwrap().is_empty());
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
    let (status, _) = send(&owner, Method::DELETE, &base).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
