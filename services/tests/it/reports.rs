//! Feedback through the report service against a real PostgreSQL: requested once an interview
//! is complete, written once in the background (two workers never write the same report, a
//! dead worker's job is taken over), and shared through revocable links.

use crate::offline_services as services;
use domain::{InterviewId, NewInterview, ReportJob, ReportJobStatus};
use services::{Error, OwnerToken, Services};
use sqlx::PgPool;
use testkit::fixtures::{PRODUCT_MANAGER, PRODUCT_MANAGER_ANSWER as ANSWER};
use testkit::services::completed_interview;

async fn attempts(pool: &PgPool, id: InterviewId) -> i16 {
    sqlx::query_scalar("SELECT attempts FROM feedback_jobs WHERE interview_id = $1")
        .bind(id.0)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn feedback_is_written_once_in_the_background(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;

    let ReportJob::Pending(progress) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("nothing has written the report yet");
    };
    assert_eq!(progress.status, ReportJobStatus::Queued);
    assert!(services.reports.work_once().await.unwrap());
    assert!(!services.reports.work_once().await.unwrap(), "one job only");

    let ReportJob::Ready(report) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("the report is written");
    };
    assert_eq!(report.generated_by.provider, "offline");
    assert!(
        !report.generated_by.offline_fallback,
        "no LLM was configured"
    );
    assert_eq!(report.questions.len(), 3);
    assert!(report.overall.score().is_some(), "{:?}", report.overall);
    // Asking again changes nothing.
    assert!(matches!(
        services.reports.request(&owner, id).await.unwrap(),
        ReportJob::Ready(_)
    ));
    assert!(!services.reports.work_once().await.unwrap());
    assert_eq!(attempts(&pool, id).await, 1);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn feedback_needs_a_finished_interview_of_ones_own(pool: PgPool) {
    let services = services(pool);
    let owner = OwnerToken::generate().key();
    let input = NewInterview {
        job_title: "Product Manager".into(),
        company: "Kiezkauf".into(),
        ..Default::default()
    };
    let unstarted = services.interviews.create(&owner, &input).await.unwrap().id;
    let refused = services.reports.request(&owner, unstarted).await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");

    let id = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;
    let stranger = OwnerToken::generate().key();
    let refused = services.reports.request(&stranger, id).await;
    assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn two_workers_never_write_the_same_report(pool: PgPool) {
    let first = services(pool.clone());
    let second = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let mut ids = Vec::new();
    for _ in 0..6 {
        let id = completed_interview(&first, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;
        first.reports.request(&owner, id).await.unwrap();
        ids.push(id);
    }
    let drain = |services: Services| async move {
        let mut written = 0;
        while services.reports.work_once().await.unwrap() {
            written += 1;
        }
        written
    };
    let (a, b) = tokio::join!(drain(first.clone()), drain(second.clone()));
    assert_eq!(a + b, 6, "every job written once between them ({a} + {b})");
    for id in ids {
        assert_eq!(attempts(&pool, id).await, 1, "claimed once");
        assert!(matches!(
            second.reports.request(&owner, id).await.unwrap(),
            ReportJob::Ready(_)
        ));
    }
    let reports: i64 = sqlx::query_scalar("SELECT count(*) FROM reports")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reports, 6);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_job_whose_worker_died_is_taken_over(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;
    services.reports.request(&owner, id).await.unwrap();
    // As a worker leaves it when its server is killed mid-job: running, lease run out.
    sqlx::query(
        "UPDATE feedback_jobs SET status = 'running', attempts = 1, lease_until = now() - interval '1 second'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let ReportJob::Pending(progress) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("not written yet");
    };
    assert_eq!(progress.status, ReportJobStatus::Running);

    assert!(services.reports.work_once().await.unwrap());
    assert_eq!(attempts(&pool, id).await, 2);
    assert!(matches!(
        services.reports.request(&owner, id).await.unwrap(),
        ReportJob::Ready(_)
    ));
}

/// A job that keeps killing its writer (the server dies mid-job every time) is not taken over
/// forever: after the last attempt it is failed, which the page shows with "Try again".
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_job_whose_worker_died_on_every_attempt_ends_failed(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;
    services.reports.request(&owner, id).await.unwrap();
    // The third claim's server died too: running, lease run out, no attempts left.
    sqlx::query(
        "UPDATE feedback_jobs SET status = 'running', attempts = 3, lease_until = now() - interval '1 second'",
    )
    .execute(&pool)
    .await
    .unwrap();

    assert!(
        !services.reports.work_once().await.unwrap(),
        "nothing to write"
    );
    let (status, last_error): (String, Option<String>) =
        sqlx::query_as("SELECT status, last_error FROM feedback_jobs WHERE interview_id = $1")
            .bind(id.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    assert!(last_error.unwrap().contains("stopped"));
    assert_eq!(attempts(&pool, id).await, 3);

    // Asking again starts over, and this time the report is written.
    let ReportJob::Pending(progress) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("not written yet");
    };
    assert_eq!(progress.status, ReportJobStatus::Queued);
    assert!(services.reports.work_once().await.unwrap());
    assert!(matches!(
        services.reports.request(&owner, id).await.unwrap(),
        ReportJob::Ready(_)
    ));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn share_links_are_unguessable_read_only_and_revocable(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, ANSWER).await;

    let early = services.shares.create(&owner, id).await;
    assert!(
        matches!(early, Err(Error::Conflict(_))),
        "no report yet: {early:?}"
    );
    services.reports.request(&owner, id).await.unwrap();
    services.reports.work_once().await.unwrap();

    let link = services.shares.create(&owner, id).await.unwrap();
    assert_eq!(link.token.len(), 43, "256 bits, base64url");
    assert_eq!(link.url, format!("/share/{}", link.token));
    let other = services.shares.create(&owner, id).await.unwrap();
    assert_ne!(link.token, other.token);

    let shared = services.shares.open(&link.token).await.unwrap();
    assert_eq!(shared.job_title, "Product Manager");
    assert!(shared.report.cv_tips.is_empty(), "CV tips quote the CV");
    let shared_json = serde_json::to_string(&shared).unwrap();
    assert!(
        !shared_json.contains("Fernlicht Mobility GmbH, 2021"),
        "no CV text"
    );

    // Only hashes are stored; the owner's list has no tokens.
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT token_hash FROM share_links")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(stored
        .iter()
        .all(|hash| hash.len() == 32 && hash.as_slice() != link.token.as_bytes()));
    let listed = services.shares.list(&owner, id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(!serde_json::to_string(&listed)
        .unwrap()
        .contains(&link.token));

    // Strangers can neither list nor revoke; guessed tokens find nothing.
    let stranger = OwnerToken::generate().key();
    assert!(matches!(
        services.shares.list(&stranger, id).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        services.shares.revoke(&stranger, id, link.id).await,
        Err(Error::NotFound)
    ));
    for guess in [
        OwnerToken::generate().as_str().to_owned(),
        "short".into(),
        String::new(),
    ] {
        assert!(matches!(
            services.shares.open(&guess).await,
            Err(Error::NotFound)
        ));
    }

    services.shares.revoke(&owner, id, link.id).await.unwrap();
    assert!(matches!(
        services.shares.open(&link.token).await,
        Err(Error::NotFound)
    ));
    assert!(
        services.shares.open(&other.token).await.is_ok(),
        "other links still work"
    );
    let listed = services.shares.list(&owner, id).await.unwrap();
    assert!(listed
        .iter()
        .any(|l| l.id == link.id && l.revoked_at.is_some()));
}
