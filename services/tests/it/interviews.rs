//! The interview service against a real PostgreSQL: each test gets a fresh, migrated database.

use domain::{InterviewKind, InterviewStatus, NewInterview, Seniority};
use services::{Error, InterviewService, OwnerToken};
use sqlx::PgPool;

fn new_interview(job_title: &str, company: &str) -> NewInterview {
    NewInterview {
        job_title: job_title.into(),
        company: company.into(),
        ..Default::default()
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn create_then_get_returns_the_stored_interview(pool: PgPool) {
    let service = InterviewService::new(pool);
    let owner = OwnerToken::generate().key();
    let input = NewInterview {
        kind: Some(InterviewKind::Technical),
        seniority: Some(Seniority::Senior),
        question_count: Some(5),
        ..new_interview("  Site Reliability Engineer ", " Zürich Rail AG ")
    };
    let created = service.create(&owner, &input).await.unwrap();
    assert_eq!(created.job_title, "Site Reliability Engineer");
    assert_eq!(created.company, "Zürich Rail AG");
    assert_eq!(created.status, InterviewStatus::NotReady);
    assert_eq!(created.question_count, 5);

    let fetched = service.get(&owner, created.id).await.unwrap();
    assert_eq!(fetched, created);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn list_is_per_owner_and_newest_first(pool: PgPool) {
    let service = InterviewService::new(pool);
    let alice = OwnerToken::generate().key();
    let bob = OwnerToken::generate().key();
    let first = service
        .create(&alice, &new_interview("First", "A"))
        .await
        .unwrap();
    let second = service
        .create(&alice, &new_interview("Second", "B"))
        .await
        .unwrap();
    service
        .create(&bob, &new_interview("Bob's", "C"))
        .await
        .unwrap();

    let ids: Vec<_> = service
        .list(&alice)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [second.id, first.id]);
    assert_eq!(service.list(&bob).await.unwrap().len(), 1);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn another_owner_cannot_tell_an_interview_exists(pool: PgPool) {
    let service = InterviewService::new(pool);
    let owner = OwnerToken::generate().key();
    let stranger = OwnerToken::generate().key();
    let created = service
        .create(&owner, &new_interview("Analyst", "Acme"))
        .await
        .unwrap();

    assert!(matches!(
        service.get(&stranger, created.id).await,
        Err(Error::NotFound)
    ));
    let missing = domain::InterviewId(uuid::Uuid::new_v4());
    assert!(matches!(
        service.get(&owner, missing).await,
        Err(Error::NotFound)
    ));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn invalid_input_is_refused_and_nothing_is_stored(pool: PgPool) {
    let service = InterviewService::new(pool);
    let owner = OwnerToken::generate().key();
    let err = service
        .create(&owner, &new_interview(" ", &"x".repeat(201)))
        .await
        .unwrap_err();
    let Error::Validation(fields) = err else {
        panic!("expected validation error, got {err:?}")
    };
    assert_eq!(fields.len(), 2);
    assert!(service.list(&owner).await.unwrap().is_empty());
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_new_interview_is_listed_unanswered_and_unscored(pool: PgPool) {
    let service = InterviewService::new(pool);
    let owner = OwnerToken::generate().key();
    let created = service
        .create(&owner, &new_interview("Nurse", "St Mary's"))
        .await
        .unwrap();
    let [summary] = &service.list(&owner).await.unwrap()[..] else {
        panic!("one interview expected");
    };
    assert_eq!(
        (
            summary.id,
            summary.answered,
            summary.score,
            summary.question_count
        ),
        (created.id, 0, None, created.question_count)
    );
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn only_the_owner_can_delete_and_a_deleted_interview_is_gone(pool: PgPool) {
    let service = InterviewService::new(pool);
    let owner = OwnerToken::generate().key();
    let stranger = OwnerToken::generate().key();
    let created = service
        .create(&owner, &new_interview("Nurse", "St Mary's"))
        .await
        .unwrap();
    assert!(matches!(
        service.delete(&stranger, created.id).await,
        Err(Error::NotFound)
    ));
    service.get(&owner, created.id).await.unwrap();
    service.delete(&owner, created.id).await.unwrap();
    assert!(matches!(
        service.get(&owner, created.id).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        service.delete(&owner, created.id).await,
        Err(Error::NotFound)
    ));
}
