//! Practising questions again against a real PostgreSQL: attempts scored against the original
//! answer, idempotent, owned through the interview, never changing the answer or the report;
//! the history's score with the best attempts; the answer bank and its material for later
//! interviews.

use crate::offline_services as services;
use domain::{InterviewId, Language, NewAnswer, NewAttempt, QuestionKind, ReportJob};
use services::{Error, OwnerKey, OwnerToken, Services};
use sqlx::PgPool;
use testkit::fixtures::{DATA_SCIENTIST, PRODUCT_MANAGER, PRODUCT_MANAGER_ANSWER as STRONG};
use testkit::services::{answer, completed_interview, ready_interview, start};
use uuid::Uuid;

/// Long enough to be scored, with no figure, no result and no "I" of its own.
const WEAK: &str = "We worked on the rider app together and the team looked at the onboarding, and it kind of went fine and people were sort of happy with it in general, maybe.";

fn attempt(text: &str) -> NewAttempt {
    NewAttempt {
        text: text.into(),
        client_id: Uuid::new_v4(),
    }
}

/// A completed product manager interview of three weak answers, with its report written.
async fn practised_interview(services: &Services, owner: &OwnerKey) -> InterviewId {
    let id = completed_interview(services, owner, &PRODUCT_MANAGER, 3, WEAK).await;
    services.reports.request(owner, id).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    id
}

async fn stored_answers(pool: &PgPool, id: InterviewId) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT a.text FROM answers a JOIN questions q ON q.id = a.question_id
         WHERE a.interview_id = $1 ORDER BY q.position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn report(services: &Services, owner: &OwnerKey, id: InterviewId) -> domain::Report {
    match services.reports.request(owner, id).await.unwrap() {
        ReportJob::Ready(report) => *report,
        ReportJob::Pending(progress) => panic!("the report is written: {progress:?}"),
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn attempts_are_scored_against_the_original_and_change_nothing_earlier(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = practised_interview(&services, &owner).await;
    let (answers, report_before) = (
        stored_answers(&pool, id).await,
        report(&services, &owner, id).await,
    );

    let weaker = services
        .attempts
        .create(&owner, id, 2, &attempt("We did it. It was fine."))
        .await
        .unwrap();
    let stronger = services
        .attempts
        .create(&owner, id, 2, &attempt(STRONG))
        .await
        .unwrap();

    let practised = services.attempts.for_question(&owner, id, 2).await.unwrap();
    let original = practised
        .original_score
        .expect("measured with the first attempt");
    assert!(weaker.score < original, "{} vs {original}", weaker.score);
    assert!(
        stronger.score > original,
        "{} vs {original}",
        stronger.score
    );
    assert!(
        stronger.improved.iter().any(|item| item.contains("18 %")),
        "{:?}",
        stronger.improved
    );
    assert!(!weaker.lacking.is_empty());
    assert_eq!(practised.original_answer, WEAK);
    assert_eq!(
        practised.attempts,
        [weaker, stronger.clone()],
        "oldest first"
    );
    assert_eq!(practised.best_score(), Some(stronger.score));

    // Nothing earlier changed: the answers and the report are as they were.
    assert_eq!(stored_answers(&pool, id).await, answers);
    assert_eq!(report(&services, &owner, id).await, report_before);

    // The overall score counts the best attempt, next to the report's own.
    let all = services.attempts.for_interview(&owner, id).await.unwrap();
    assert_eq!(all.questions.len(), 3);
    assert!(all.questions[0].attempts.is_empty() && all.questions[0].original_score.is_none());
    let original_overall = report_before.overall.score();
    assert_eq!(all.overall.original, original_overall);
    let with_best = all.overall.with_best.expect("a question was practised");
    assert!(
        with_best > original_overall.unwrap_or(0),
        "{:?}",
        all.overall
    );

    // The history shows the same.
    let listed = services.interviews.list(&owner).await.unwrap();
    assert_eq!(listed[0].score, original_overall);
    assert_eq!(listed[0].score_with_attempts, Some(with_best));
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn an_attempt_is_compared_in_the_interviews_language(pool: PgPool) {
    let services = services(pool);
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    services
        .interviews
        .set_language(&owner, id, Language::French)
        .await
        .unwrap();
    let weak = "Nous avons un peu travaillé sur l'application avec l'équipe, euh, et je pense que ça s'est peut-être plutôt bien passé, enfin je crois que les gens étaient assez contents, du coup.";
    let mut question = Some(start(&services, &owner, id).await.unwrap());
    while let Some(open) = question {
        let reply = NewAnswer {
            question_id: open.id,
            text: weak.into(),
            client_id: Uuid::new_v4(),
            spoken: Vec::new(),
        };
        question = answer(&services, &owner, id, &reply)
            .await
            .unwrap()
            .next_question;
    }

    let stronger = services
        .attempts
        .create(&owner, id, 2, &attempt("Chez Fernlicht, j'étais responsable de l'application des usagers. Les inscriptions baissaient, alors j'ai mené 12 tests A/B sur le parcours d'inscription avec SQL et Amplitude. J'ai décidé de supprimer deux étapes, et la conversion a augmenté de 18 % en trois mois."))
        .await
        .unwrap();
    let original = services
        .attempts
        .for_question(&owner, id, 2)
        .await
        .unwrap()
        .original_score
        .expect("measured with the first attempt");
    assert!(
        stronger.score > original,
        "{} vs {original}",
        stronger.score
    );
    assert!(
        stronger
            .improved
            .iter()
            .any(|line| line.starts_with("Moins de formules prudentes\u{a0}: 0 au lieu de ")),
        "{:?}",
        stronger.improved
    );
    assert!(
        stronger
            .improved
            .iter()
            .any(|line| line.starts_with("Vous citez ce que demande le poste")),
        "{:?}",
        stronger.improved
    );
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_same_client_id_stores_one_attempt(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = practised_interview(&services, &owner).await;
    let input = attempt(STRONG);
    let (first, second) = tokio::join!(
        services.attempts.create(&owner, id, 1, &input),
        services.attempts.create(&owner, id, 1, &input),
    );
    assert_eq!(first.unwrap(), second.unwrap());
    let again = services
        .attempts
        .create(&owner, id, 1, &input)
        .await
        .unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM attempts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    assert_eq!(again.text, STRONG);
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn attempts_need_a_completed_interview_of_ones_own(pool: PgPool) {
    let services = services(pool.clone());
    let owner = OwnerToken::generate().key();
    let id = practised_interview(&services, &owner).await;

    let stranger = OwnerToken::generate().key();
    let refused = services
        .attempts
        .create(&stranger, id, 1, &attempt(STRONG))
        .await;
    assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
    let read = services.attempts.for_interview(&stranger, id).await;
    assert!(matches!(read, Err(Error::NotFound)), "{read:?}");
    let no_such_question = services
        .attempts
        .create(&owner, id, 9, &attempt(STRONG))
        .await;
    assert!(
        matches!(no_such_question, Err(Error::NotFound)),
        "{no_such_question:?}"
    );
    let blank = services
        .attempts
        .create(&owner, id, 1, &attempt("   "))
        .await;
    assert!(matches!(blank, Err(Error::Validation(_))), "{blank:?}");

    let running = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    start(&services, &owner, running).await.unwrap();
    let early = services
        .attempts
        .create(&owner, running, 1, &attempt(STRONG))
        .await;
    assert!(matches!(early, Err(Error::Conflict(_))), "{early:?}");

    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM attempts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    assert!(services.attempts.bank(&owner).await.unwrap().is_empty());
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_bank_keeps_the_best_answer_of_each_kind_and_offers_it_elsewhere(pool: PgPool) {
    let services = services(pool);
    let owner = OwnerToken::generate().key();
    let id = practised_interview(&services, &owner).await;
    let practised = services.attempts.for_interview(&owner, id).await.unwrap();
    let story = practised
        .questions
        .iter()
        .find(|question| question.kind == QuestionKind::Story)
        .expect("the plan asks a story question")
        .number;
    services
        .attempts
        .create(&owner, id, story, &attempt("We did it. It was fine."))
        .await
        .unwrap();
    let best = services
        .attempts
        .create(&owner, id, story, &attempt(STRONG))
        .await
        .unwrap();

    let bank = services.attempts.bank(&owner).await.unwrap();
    assert_eq!(bank.len(), 1, "{bank:?}");
    assert_eq!(
        (
            bank[0].kind,
            bank[0].answer.as_str(),
            bank[0].score,
            bank[0].from_attempt
        ),
        (QuestionKind::Story, STRONG, best.score, true)
    );
    assert_eq!(bank[0].interview_id, id);
    assert!(services
        .attempts
        .bank(&OwnerToken::generate().key())
        .await
        .unwrap()
        .is_empty());

    // A later interview for another job: its story questions are offered the banked answer;
    // the interview it came from is not.
    let later = ready_interview(&services, &owner, &DATA_SCIENTIST, 5).await;
    let mut question = start(&services, &owner, later).await.unwrap();
    let mut offered = None;
    for _ in 0..5 {
        if coach::report::attempt::question_kind(&question.text) == QuestionKind::Story {
            offered = services
                .attempts
                .material(&owner, later, question.id)
                .await
                .unwrap();
            break;
        }
        let reply = domain::NewAnswer {
            question_id: question.id,
            text: testkit::fixtures::DATA_SCIENTIST_ANSWER.into(),
            client_id: Uuid::new_v4(),
            spoken: Vec::new(),
        };
        question = testkit::services::answer(&services, &owner, later, &reply)
            .await
            .unwrap()
            .next_question
            .expect("five questions");
    }
    let offered = offered.expect("a story question is asked and offered the bank's answer");
    assert_eq!(offered.answer, STRONG);
    let transcript = services.engine.transcript(&owner, id).await.unwrap();
    let own_question = transcript.entries[usize::from(story) - 1].question.id;
    assert_eq!(
        services
            .attempts
            .material(&owner, id, own_question)
            .await
            .unwrap(),
        None
    );
    let stranger = services
        .attempts
        .material(&OwnerToken::generate().key(), later, question.id)
        .await;
    assert!(matches!(stranger, Err(Error::NotFound)), "{stranger:?}");
}
