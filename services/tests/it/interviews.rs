//! The interview service against a real PostgreSQL: each test gets a fresh, migrated database.

use domain::{DocumentKind, InterviewKind, InterviewStatus, Language, NewInterview, Seniority};
use services::{Error, InterviewService, OwnerToken, Retention};
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
    let service = InterviewService::new(pool, Retention::default());
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
    let service = InterviewService::new(pool, Retention::default());
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
    let service = InterviewService::new(pool, Retention::default());
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
    let service = InterviewService::new(pool, Retention::default());
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
    let service = InterviewService::new(pool, Retention::default());
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
    let service = InterviewService::new(pool, Retention::default());
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

const FRENCH_JOB: &str = "Enseignant de mathématiques (H/F) au Lycée Victor Hugo, Lyon.\n\
Nous recherchons un enseignant pour les classes de seconde et de première. Vous préparerez \
les élèves au baccalauréat, vous travaillerez avec l'équipe pédagogique et vous suivrez les \
progrès de chaque élève. Profil : une expérience de l'enseignement des mathématiques et le \
goût du travail en équipe.";

const ENGLISH_JOB: &str = "Data Scientist at Northwind Analytics. You will build demand \
forecasting models in Python and SQL, run experiments with the product teams and explain \
the results to the people who decide what to stock.";

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_language_follows_the_job_description_until_the_user_chooses_one(pool: PgPool) {
    let services = crate::offline_services(pool);
    let owner = OwnerToken::generate().key();
    let id = services
        .interviews
        .create(
            &owner,
            &new_interview("Enseignant de mathématiques", "Lycée Victor Hugo"),
        )
        .await
        .unwrap()
        .id;
    let language = |interview: domain::Interview| (interview.language, interview.language_chosen);
    let read = || async { language(services.interviews.get(&owner, id).await.unwrap()) };
    assert_eq!(
        read().await,
        (Language::English, false),
        "English until there is a job"
    );

    let job = DocumentKind::JobDescription;
    services
        .documents
        .paste(&owner, id, job, FRENCH_JOB)
        .await
        .unwrap();
    assert_eq!(read().await, (Language::French, false), "detected");
    services
        .documents
        .correct(&owner, id, job, ENGLISH_JOB)
        .await
        .unwrap();
    assert_eq!(
        read().await,
        (Language::English, false),
        "a corrected job is read again"
    );

    let chosen = services
        .interviews
        .set_language(&owner, id, Language::Spanish)
        .await
        .unwrap();
    assert_eq!(language(chosen), (Language::Spanish, true));
    services
        .documents
        .paste(&owner, id, job, FRENCH_JOB)
        .await
        .unwrap();
    assert_eq!(read().await, (Language::Spanish, true), "a choice stays");

    let stranger = OwnerToken::generate().key();
    let refused = services
        .interviews
        .set_language(&stranger, id, Language::German)
        .await;
    assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");

    services
        .documents
        .paste(
            &owner,
            id,
            DocumentKind::Cv,
            testkit::fixtures::PRODUCT_MANAGER.cv,
        )
        .await
        .unwrap();
    testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    let started = services
        .interviews
        .set_language(&owner, id, Language::German)
        .await;
    assert!(matches!(started, Err(Error::Conflict(_))), "{started:?}");

    // Chosen when created: the job description does not change it.
    let input = NewInterview {
        language: Some(Language::German),
        ..new_interview("Data Scientist", "Northwind")
    };
    let id = services.interviews.create(&owner, &input).await.unwrap().id;
    services
        .documents
        .paste(&owner, id, job, FRENCH_JOB)
        .await
        .unwrap();
    let interview = services.interviews.get(&owner, id).await.unwrap();
    assert_eq!(language(interview), (Language::German, true));
}

/// What a page cache keys on: it moves with each change a page shows, strangers get nothing,
/// and the connection it is read on recovers when the database drops it.
#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn changes_follow_the_interview_and_survive_a_dropped_connection(pool: PgPool) {
    let services = crate::offline_services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = testkit::services::completed_interview(
        &services,
        &owner,
        &testkit::fixtures::PRODUCT_MANAGER,
        3,
        testkit::fixtures::PRODUCT_MANAGER_ANSWER,
    )
    .await;
    let before = services.interviews.changes(&owner, id).await.unwrap();
    assert_eq!(before.status, InterviewStatus::Completed);
    assert_eq!((before.share_links.0, before.attempts.0), (0, 0));
    assert_eq!(before.report_at, None);
    let stranger = OwnerToken::generate().key();
    assert!(matches!(
        services.interviews.changes(&stranger, id).await,
        Err(Error::NotFound)
    ));

    let link = services.shares.create(&owner, id).await;
    assert!(link.is_err(), "no report yet, so no link");
    sqlx::query("UPDATE interviews SET opened_at = opened_at - interval '2 hours' WHERE id = $1")
        .bind(id.0)
        .execute(&pool)
        .await
        .unwrap();
    let reopened = services.interviews.changes(&owner, id).await.unwrap();
    assert!(reopened.opened_at > before.opened_at - chrono::TimeDelta::hours(1));
    assert_ne!(reopened, before, "the opening moved");

    // The database drops every connection (as a restart does): a read may fail once, the next
    // one reads on a new connection.
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&pool)
    .await
    .unwrap();
    let _ = services.interviews.changes(&owner, id).await;
    let after = services.interviews.changes(&owner, id).await.unwrap();
    assert_eq!(after.id, id);
}
