//! The interview engine against a real PostgreSQL with the offline coach: the state machine,
//! one open question at a time, idempotent answers, and owners kept apart.

use crate::offline_services;
use domain::{
    DocumentKind, InterviewStatus, NewAnswer, NewInterview, Question, ReportJob, SpokenPhrase,
    MAX_ANSWER_CHARS,
};
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
        spoken: Vec::new(),
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

fn phrase(text: &str, started_ms: u32, ended_ms: u32) -> SpokenPhrase {
    SpokenPhrase {
        text: text.into(),
        started_ms,
        ended_ms,
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_spoken_answer_keeps_its_delivery_beside_the_report_never_in_it(pool: PgPool) {
    let services = offline_services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    let first = testkit::services::start(&services, &owner, id)
        .await
        .unwrap();

    let said = "um I ran sixty experiments on the checkout you know and lifted conversion by twelve percent";
    let mut spoken = answer_to(&first, said);
    spoken.spoken = vec![
        phrase(
            "um I ran sixty experiments on the checkout you know",
            0,
            4_000,
        ),
        phrase("and lifted conversion by twelve percent", 8_000, 10_000),
    ];
    let bad_timing = NewAnswer {
        spoken: vec![phrase("backwards", 5_000, 1_000)],
        ..spoken.clone()
    };
    let refused = services.engine.answer(&owner, id, &bad_timing).await;
    assert!(
        matches!(&refused, Err(Error::Validation(errors)) if errors[0].field == "spoken"),
        "{refused:?}"
    );
    let mut question = testkit::services::answer(&services, &owner, id, &spoken)
        .await
        .unwrap()
        .next_question;
    while let Some(open) = question {
        let typed = answer_to(&open, "I ran 60 A/B tests and lifted conversion by 12 %.");
        question = testkit::services::answer(&services, &owner, id, &typed)
            .await
            .unwrap()
            .next_question;
    }

    let transcript = services.engine.transcript(&owner, id).await.unwrap();
    let delivery = transcript.entries[0]
        .delivery
        .clone()
        .expect("spoken answer");
    assert_eq!(delivery.spoken_words, 16);
    assert_eq!(delivery.speaking_ms, 10_000);
    assert_eq!(delivery.words_per_minute, Some(96));
    assert_eq!(delivery.long_pauses, 1);
    assert_eq!(delivery.longest_pause_ms, 4_000);
    assert_eq!(delivery.fillers, 2, "{delivery:?}");
    assert!(transcript.entries[1..]
        .iter()
        .all(|entry| entry.delivery.is_none()));

    services.reports.request(&owner, id).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    let ReportJob::Ready(report) = services.reports.request(&owner, id).await.unwrap() else {
        panic!("the report is written");
    };
    assert_eq!(report.questions[0].delivery.as_ref(), Some(&delivery));
    assert!(report.questions[1..].iter().all(|q| q.delivery.is_none()));
    // The stored report is the author's: the figures join it when it is read.
    let stored: String =
        sqlx::query_scalar("SELECT report::text FROM reports WHERE interview_id = $1")
            .bind(id.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(!stored.contains("words_per_minute"));
}
