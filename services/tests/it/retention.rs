//! Retention against a real PostgreSQL with a clock the test moves: interviews nobody opened
//! for the period go with everything they hold; opening one (its page, its report) keeps it
//! longer, a share link's visitors do not; 0 days keeps everything.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use domain::{InterviewId, ReportJob};
use services::{Clock, Error, OwnerToken, Retention, Services};
use sqlx::PgPool;
use testkit::fixtures::PRODUCT_MANAGER;
use testkit::services::{completed_interview, ready_interview};

use crate::offline_services;

/// A clock that stands still until the test moves it.
struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    fn advance(&self, days: i64) {
        *self.0.lock().unwrap() += TimeDelta::days(days);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

fn with_clock(pool: PgPool, days: u32) -> (Services, Arc<ManualClock>, DateTime<Utc>) {
    // Whole seconds: PostgreSQL keeps microseconds, the system clock nanoseconds.
    let start = Utc::now().trunc_subsecs(0);
    let clock = Arc::new(ManualClock(Mutex::new(start)));
    let services = offline_services(pool).with_retention(Retention::new(days, clock.clone()));
    (services, clock, start)
}

/// Rows in every table that holds an interview's data.
async fn rows_of(pool: &PgPool, id: InterviewId) -> i64 {
    let mut total = 0;
    for table in [
        "interviews",
        "documents",
        "questions",
        "answers",
        "feedback_jobs",
        "reports",
        "share_links",
    ] {
        let column = if table == "interviews" {
            "id"
        } else {
            "interview_id"
        };
        let count: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table} WHERE {column} = $1"))
                .bind(id.0)
                .fetch_one(pool)
                .await
                .unwrap();
        total += count;
    }
    total
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn interviews_nobody_opens_go_with_everything_they_hold(pool: PgPool) {
    let (services, clock, start) = with_clock(pool.clone(), 90);
    let owner = OwnerToken::generate().key();
    let answer = "I ran 60 A/B tests and lifted conversion by 12 %.";
    let reported = completed_interview(&services, &owner, &PRODUCT_MANAGER, 3, answer).await;
    services.reports.request(&owner, reported).await.unwrap();
    assert!(services.reports.work_once().await.unwrap());
    let link = services.shares.create(&owner, reported).await.unwrap();
    let forgotten = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    assert!(rows_of(&pool, reported).await > 10);

    let day = |n: i64| start + TimeDelta::days(n);
    let list = services.interviews.list(&owner).await.unwrap();
    assert!(list
        .iter()
        .all(|summary| summary.expires_at == Some(day(90))));

    // Day 60: the owner reads the report; the shared link's visitors read it too.
    clock.advance(60);
    let ReportJob::Ready(_) = services.reports.request(&owner, reported).await.unwrap() else {
        panic!("the report is written");
    };
    let shared = services.shares.open(&link.token).await.unwrap();
    assert_eq!(
        shared.expires_at,
        Some(day(150)),
        "the owner's visit moved the date"
    );

    // Day 91: the interview nobody opened goes, the other stays.
    clock.advance(31);
    assert_eq!(services.sweep_retention().await.unwrap(), 1);
    assert_eq!(rows_of(&pool, forgotten).await, 0);
    let gone = services.interviews.get(&owner, forgotten).await;
    assert!(matches!(gone, Err(Error::NotFound)), "{gone:?}");
    // Visitors of the share link do not keep it.
    for _ in 0..3 {
        services.shares.open(&link.token).await.unwrap();
    }
    let kept = services.interviews.list(&owner).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].expires_at, Some(day(150)));

    // Day 151: it goes too, its report and share link with it.
    clock.advance(60);
    assert_eq!(services.sweep_retention().await.unwrap(), 1);
    assert_eq!(rows_of(&pool, reported).await, 0);
    let link_gone = services.shares.open(&link.token).await;
    assert!(matches!(link_gone, Err(Error::NotFound)), "{link_gone:?}");
}

#[sqlx::test(migrator = "services::db::MIGRATOR")]
async fn opening_an_interview_moves_its_date_and_zero_days_keeps_all(pool: PgPool) {
    let (services, clock, start) = with_clock(pool.clone(), 30);
    let owner = OwnerToken::generate().key();
    let id = ready_interview(&services, &owner, &PRODUCT_MANAGER, 3).await;
    clock.advance(29);
    let opened = services.interviews.get(&owner, id).await.unwrap();
    assert_eq!(opened.expires_at, Some(start + TimeDelta::days(59)));
    clock.advance(29);
    assert_eq!(
        services.sweep_retention().await.unwrap(),
        0,
        "opened 29 days ago"
    );
    clock.advance(2);
    assert_eq!(services.sweep_retention().await.unwrap(), 1);

    let (keep_all, clock, _) = with_clock(pool, 0);
    let id = ready_interview(&keep_all, &owner, &PRODUCT_MANAGER, 3).await;
    assert_eq!(
        keep_all
            .interviews
            .get(&owner, id)
            .await
            .unwrap()
            .expires_at,
        None
    );
    clock.advance(10_000);
    assert_eq!(keep_all.sweep_retention().await.unwrap(), 0);
    assert!(keep_all.interviews.get(&owner, id).await.is_ok());
}
