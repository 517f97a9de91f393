//! The interview engine against a real PostgreSQL with the offline coach: the state machine,
//! one open question at a time, idempotent answers, and owners kept apart.

use crate::offline_services;
use domain::{DocumentKind, InterviewStatus, NewAnswer, NewInterview, Question, MAX_ANSWER_CHARS};
use services::{Error, OwnerToken};
use sqlx::PgPool;
use testkit::fixtures::PRODUCT_MANAGER;
use testkit::services::ready_interview;
use uuid::Uuid;

fn answer_to(question: &Question, text: &str) -> NewAnswer {
    NewAnswer {
        question_id: question.id,
        text: text.into(),
        client_id: Uuid::new_v4(),
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_whole_interview_from_start_to_completion(pool: PgPool) {
    let services = offline_services(pool);
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 4).await;

    let mut question = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert_eq!(question.position, 1);
    let status = services.interviews.get(&owner, id).await.unwrap().status;
    assert_eq!(status, InterviewStatus::InProgress);
    let mut asked = vec![question.text.clone()];
    for position in 1..=4u8 {
        assert_eq!(question.position, position);
        let outcome = testkit::services::answer(
            &services,
            &owner,
            id,
            &answer_to(
                &question,
                "I ran 60 A/B tests and lifted conversion by 12 %.",
            ),
        )
        .await
        .unwrap();
        match outcome.next_question {
            Some(next) => {
                assert!(!outcome.completed);
                assert!(!asked.contains(&next.text), "repeated: {}", next.text);
                asked.push(next.text.clone());
                question = next;
            }
            None => {
                assert!(outcome.completed);
                assert_eq!(position, 4, "completed after the last question");
            }
        }
    }
    let transcript = services.engine.transcript(&owner, id).await.unwrap();
    assert_eq!(transcript.status, InterviewStatus::Completed);
    assert_eq!(transcript.entries.len(), 4);
    assert!(transcript.entries.iter().all(|e| e.answer.is_some()));
    assert!(transcript.open_question().is_none());

    // Documents are part of the record now.
    let refused = services
        .documents
        .paste(&owner, id, DocumentKind::Cv, PRODUCT_MANAGER.cv)
        .await;
    assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn starting_needs_both_documents_and_happens_once(pool: PgPool) {
    let services = offline_services(pool);
    let owner = OwnerToken::generate().key();
    let input = NewInterview {
        job_title: "Product Manager".into(),
        company: "Kiezkauf".into(),
        ..Default::default()
    };
    let id = services.interviews.create(&owner, &input).await.unwrap().id;
    let refused = testkit::services::start(&services, &owner, id).await;
    assert!(
        matches!(&refused, Err(Error::Conflict(m)) if m.contains("CV and the job description"))
    );

    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    // A double click: the same first question, not a second one.
    assert_eq!(
        testkit::services::start(&services, &owner, id)
            .await
            .unwrap(),
        first
    );
    testkit::services::answer(
        &services,
        &owner,
        id,
        &answer_to(&first, "I own the rider app roadmap."),
    )
    .await
    .unwrap();
    assert!(matches!(
        testkit::services::start(&services, &owner, id).await,
        Err(Error::Conflict(_))
    ));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn answers_are_checked_and_a_double_submit_stores_one(pool: PgPool) {
    let services = offline_services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 5).await;
    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();

    for text in ["", "   \n\t "] {
        let refused =
            testkit::services::answer(&services, &owner, id, &answer_to(&first, text)).await;
        assert!(
            matches!(&refused, Err(Error::Validation(f)) if f[0].field == "text"),
            "{refused:?}"
        );
    }
    let too_long = "a".repeat(MAX_ANSWER_CHARS + 1);
    let refused =
        testkit::services::answer(&services, &owner, id, &answer_to(&first, &too_long)).await;
    assert!(matches!(&refused, Err(Error::Validation(f)) if f[0].message.contains("5000")));

    let answer = answer_to(&first, "  I led seller onboarding.  ");
    let once = testkit::services::answer(&services, &owner, id, &answer)
        .await
        .unwrap();
    let twice = testkit::services::answer(&services, &owner, id, &answer)
        .await
        .unwrap();
    assert_eq!(once, twice, "the same client id gives the same outcome");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM answers")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let transcript = services.engine.transcript(&owner, id).await.unwrap();
    assert_eq!(
        transcript.entries[0].answer.as_deref(),
        Some("I led seller onboarding.")
    );

    // A stale tab answering the first question again with a new client id: conflict.
    let stale = testkit::services::answer(&services, &owner, id, &answer_to(&first, "Again")).await;
    assert!(matches!(&stale, Err(Error::Conflict(m)) if m.contains("already been answered")));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn ending_early_stops_answers_and_strangers_see_nothing(pool: PgPool) {
    let services = offline_services(pool);
    let owner = OwnerToken::generate().key();
    let stranger = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 8).await;

    assert!(matches!(
        testkit::services::start(&services, &stranger, id).await,
        Err(Error::NotFound)
    ));
    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();
    assert!(matches!(
        testkit::services::answer(&services, &stranger, id, &answer_to(&first, "x")).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        services.engine.transcript(&stranger, id).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        services.engine.end(&stranger, id).await,
        Err(Error::NotFound)
    ));

    let outcome = testkit::services::answer(
        &services,
        &owner,
        id,
        &answer_to(&first, "I shipped driver app v2 for 4,000 drivers."),
    )
    .await
    .unwrap();
    let second = outcome.next_question.unwrap();
    services.engine.end(&owner, id).await.unwrap();
    let ended = services.engine.transcript(&owner, id).await.unwrap();
    assert_eq!(ended.status, InterviewStatus::Completed);
    assert_eq!(
        ended.entries.len(),
        2,
        "the unanswered question stays in the record"
    );
    let late = testkit::services::answer(&services, &owner, id, &answer_to(&second, "Late")).await;
    assert!(matches!(&late, Err(Error::Conflict(m)) if m.contains("ended")));
    // Ending twice is harmless.
    services.engine.end(&owner, id).await.unwrap();
    assert_eq!(
        services.engine.transcript(&owner, id).await.unwrap().status,
        InterviewStatus::Completed
    );
}
