//! Your data against a real PostgreSQL: the export holds everything of its owner and nothing
//! of anyone else's; a move code moves a history once, to a fresh identity, within its time.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};
use services::{Clock, Error, OwnerToken, Retention};
use sqlx::PgPool;
use testkit::fixtures::{DATA_SCIENTIST, PRODUCT_MANAGER};
use testkit::services::{completed_interview, ready_interview};

use crate::offline_services;

struct ManualClock(Mutex<DateTime<Utc>>);

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn the_export_holds_everything_of_its_owner_only(pool: PgPool) {
    let services = offline_services(pool);
    let owner = OwnerToken::generate().key();
    let answer = "I ran 60 A/B tests and lifted conversion by 12 %.";
    let done = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, answer).await;
    services.reports.request(&owner, done).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    services.shares.create(&owner, done).await.unwrap();
    let ready = ready_interview(&services, &owner, &DATA_SCIENTIST, 3).await;
    let stranger = OwnerToken::generate().key();
    ready_interview(&services, &stranger, &DATA_SCIENTIST, 3).await;

    let export = services.export(&owner).await.unwrap();
    let ids: Vec<_> = export.interviews.iter().map(|e| e.interview.id).collect();
    assert_eq!(ids, [ready, done], "newest first, the stranger's left out");
    let finished = &export.interviews[1];
    assert_eq!(finished.documents.len(), 2);
    assert!(finished
        .documents
        .iter()
        .any(|d| d.text == PRODUCT_MANAGER.cv.trim()));
    assert_eq!(finished.transcript.entries.len(), 3);
    assert!(finished
        .transcript
        .entries
        .iter()
        .all(|e| e.answer.as_deref() == Some(answer)));
    assert!(finished.report.is_some());
    assert_eq!(finished.share_links.len(), 1);
    assert_eq!(
        finished.practice.as_ref().map(|p| p.questions.len()),
        Some(3)
    );
    assert!(finished.interview.expires_at.is_some());
    let unfinished = &export.interviews[0];
    assert!(unfinished.report.is_none() && unfinished.transcript.entries.is_empty());
    assert!(unfinished.practice.is_none());
    assert!(services
        .export(&OwnerToken::generate().key())
        .await
        .unwrap()
        .interviews
        .is_empty());
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn a_move_code_moves_the_history_once_to_a_fresh_identity(pool: PgPool) {
    let clock = Arc::new(ManualClock(Mutex::new(Utc::now())));
    let services = offline_services(pool).with_retention(Retention::new(90, clock.clone()));
    let old_browser = OwnerToken::generate().key();
    let new_browser = OwnerToken::generate().key();
    let moving = ready_interview(&services, &old_browser, &PRODUCT_MANAGER, 3).await;
    let already_there = ready_interview(&services, &new_browser, &DATA_SCIENTIST, 3).await;

    let made = services
        .create_move_code(&old_browser, "https://example.test")
        .await
        .unwrap();
    assert!(made.url.starts_with("https://example.test/move/"));
    let wrong = services
        .redeem_move_code("ABCD-EFGH-JKMN-PQRS", &new_browser)
        .await;
    assert!(matches!(wrong, Err(Error::NotFound)), "{wrong:?}");

    // Typed in lower case without dashes: the same code.
    let typed = made.code.replace('-', "").to_lowercase();
    let (token, moved) = services
        .redeem_move_code(&typed, &new_browser)
        .await
        .unwrap();
    assert_eq!(moved.interviews, 2);
    let mut held: Vec<_> = services
        .interviews
        .list(&token.key())
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    held.sort_by_key(|id| id.0);
    let mut expected = vec![moving, already_there];
    expected.sort_by_key(|id| id.0);
    assert_eq!(held, expected);
    for revoked in [old_browser, new_browser] {
        assert!(services.interviews.list(&revoked).await.unwrap().is_empty());
        let gone = services.interviews.get(&revoked, moving).await;
        assert!(matches!(gone, Err(Error::NotFound)), "{gone:?}");
    }
    let again = services.redeem_move_code(&made.code, &new_browser).await;
    assert!(
        matches!(again, Err(Error::NotFound)),
        "once only: {again:?}"
    );

    // A code past its 15 minutes moves nothing.
    let holder = token.key();
    let late = services.create_move_code(&holder, "").await.unwrap();
    assert_eq!(late.url, format!("/move/{}", late.code));
    *clock.0.lock().unwrap() += TimeDelta::minutes(16);
    let expired = services.redeem_move_code(&late.code, &old_browser).await;
    assert!(matches!(expired, Err(Error::NotFound)), "{expired:?}");
    assert_eq!(services.interviews.list(&holder).await.unwrap().len(), 2);
}
