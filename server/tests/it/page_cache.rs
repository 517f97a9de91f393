//! A completed interview's page and its report's, rendered once and served again from the
//! page cache: each view with a nonce of its own, only to the interview's owner, and rendered
//! anew when what it shows changes (the day it is kept until, share links, practice attempts)
//! or when the interview is gone.

use std::time::Duration;

use crate::common::TestServer;
use domain::InterviewId;
use reqwest::header::{CONTENT_SECURITY_POLICY, COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use testkit::api::Api;
use testkit::fixtures::{DATA_SCIENTIST, DATA_SCIENTIST_ANSWER};

const HOSTILE_TITLE: &str = "Analyst</title><script>alert('title')</script>";

/// One view of the interview page as `cookie`'s browser.
struct View {
    status: StatusCode,
    /// `x-page-cache`: `hit`, `miss`, or none when the cache was not asked.
    cache: Option<String>,
    nonce: Option<String>,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl View {
    /// The page with its nonce replaced, to compare two views.
    fn without_nonce(&self) -> String {
        let nonce = self.nonce.as_deref().expect("a page with a nonce");
        self.body.replace(nonce, "NONCE")
    }
}

async fn view(server: &TestServer, id: InterviewId, cookie: Option<&str>) -> View {
    view_page(server, &format!("/interviews/{id}"), cookie).await
}

async fn view_page(server: &TestServer, path: &str, cookie: Option<&str>) -> View {
    let mut request = reqwest::Client::new().get(server.url(path));
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let cache = header("x-page-cache");
    let nonce = header(CONTENT_SECURITY_POLICY.as_str()).map(|policy| {
        let start = policy.find("'nonce-").unwrap() + "'nonce-".len();
        let end = start + policy[start..].find('\'').unwrap();
        policy[start..end].to_owned()
    });
    View {
        status: response.status(),
        cache,
        nonce,
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

/// An interview of three questions with a hostile title, every question answered.
async fn completed_interview(api: &Api) -> InterviewId {
    let mut input = DATA_SCIENTIST.new_interview(3);
    input.job_title = HOSTILE_TITLE.into();
    let id = api
        .ready_interview_as(&input, &DATA_SCIENTIST)
        .await
        .unwrap()
        .id;
    let mut question = api.start(id).await.unwrap();
    loop {
        let outcome = api
            .answer_with(id, question.id, DATA_SCIENTIST_ANSWER)
            .await
            .unwrap();
        match outcome.next_question {
            Some(next) => question = next,
            None => break,
        }
    }
    id
}

#[sqlx::test(migrations = false)]
async fn a_completed_interview_is_rendered_once_then_served_with_a_new_nonce(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = completed_interview(&api).await;
    let cookie = api.owner_cookie().unwrap();

    let first = view(&server, id, Some(&cookie)).await;
    let second = view(&server, id, Some(&cookie)).await;
    let third = view(&server, id, Some(&cookie)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.cache.as_deref(), Some("miss"));
    assert_eq!(second.cache.as_deref(), Some("hit"));
    assert_eq!(third.cache.as_deref(), Some("hit"));
    assert!(first.body.contains(DATA_SCIENTIST_ANSWER));
    assert!(first
        .body
        .contains("Interview complete: 3 of 3 questions answered"));

    // The same page, each time with a nonce of its own, the same in the policy and the page.
    assert_eq!(second.without_nonce(), first.without_nonce());
    assert_eq!(third.without_nonce(), first.without_nonce());
    let nonces = [&first, &second, &third].map(|view| view.nonce.clone().unwrap());
    assert!(nonces[0] != nonces[1] && nonces[1] != nonces[2] && nonces[0] != nonces[2]);
    for view in [&first, &second, &third] {
        let policies = view.headers.get_all(CONTENT_SECURITY_POLICY).iter().count();
        assert_eq!(policies, 1, "one policy header");
        let nonce = view.nonce.as_deref().unwrap();
        assert!(view.body.contains(&format!("nonce=\"{nonce}\"")));
        assert!(
            view.body.contains(&format!("'nonce-{nonce}'")),
            "the policy's <meta>"
        );
    }

    // The title stays text in the stored page as in the render.
    assert!(!second.body.contains("<script>alert("));
    assert!(second.body.contains("&lt;script&gt;alert("));

    // Strangers and browsers without a cookie get the render's "not found", never the page.
    let stranger_api = server.api();
    stranger_api.interviews().await.unwrap();
    let stranger = view(&server, id, Some(&stranger_api.owner_cookie().unwrap())).await;
    let anonymous = view(&server, id, None).await;
    for refused in [stranger, anonymous] {
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert_eq!(refused.cache, None);
        assert!(!refused.body.contains(DATA_SCIENTIST_ANSWER));
    }
    server.stop().await;
}

#[sqlx::test(migrations = false)]
async fn a_new_opening_date_or_a_deletion_is_never_hidden_by_the_cache(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let id = completed_interview(&api).await;
    let cookie = api.owner_cookie().unwrap();
    let kept_until = |view: &View| {
        let at = view
            .body
            .find("id=\"kept-until\"")
            .expect("the kept-until date");
        let start = at + view.body[at..].find("datetime=\"").unwrap() + "datetime=\"".len();
        let end = start + view.body[start..].find('"').unwrap();
        view.body[start..end].to_owned()
    };
    let first = view(&server, id, Some(&cookie)).await;
    assert_eq!(
        view(&server, id, Some(&cookie)).await.cache.as_deref(),
        Some("hit")
    );

    // Last opened two days ago: this view records a new opening, which moves the date.
    sqlx::query("UPDATE interviews SET opened_at = opened_at - interval '2 days' WHERE id = $1")
        .bind(id.0)
        .execute(&pool)
        .await
        .unwrap();
    let reopened = view(&server, id, Some(&cookie)).await;
    assert_eq!(reopened.cache.as_deref(), Some("miss"));
    assert_ne!(kept_until(&reopened), kept_until(&first));
    assert_eq!(
        view(&server, id, Some(&cookie)).await.cache.as_deref(),
        Some("hit")
    );

    // Deleted (as the retention sweep deletes): "not found", not the stored page.
    sqlx::query("DELETE FROM interviews WHERE id = $1")
        .bind(id.0)
        .execute(&pool)
        .await
        .unwrap();
    let gone = view(&server, id, Some(&cookie)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.cache, None);
    assert!(!gone.body.contains(DATA_SCIENTIST_ANSWER));
    server.stop().await;
}

#[sqlx::test(migrations = false)]
async fn interviews_under_way_and_a_cache_turned_off_render_every_view(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let id = api.ready_interview(&DATA_SCIENTIST, 3).await.unwrap().id;
    let question = api.start(id).await.unwrap();
    let cookie = api.owner_cookie().unwrap();
    for _ in 0..2 {
        let under_way = view(&server, id, Some(&cookie)).await;
        assert_eq!(under_way.status, StatusCode::OK);
        assert_eq!(under_way.cache, None);
    }
    // The page follows the interview: the answer given since is on the next view.
    api.answer_with(id, question.id, DATA_SCIENTIST_ANSWER)
        .await
        .unwrap();
    assert!(view(&server, id, Some(&cookie))
        .await
        .body
        .contains(DATA_SCIENTIST_ANSWER));
    server.stop().await;

    let server = TestServer::start_with(pool, &[("PAGE_CACHE_MB", "0")]).await;
    let api = server.api();
    let id = completed_interview(&api).await;
    let cookie = api.owner_cookie().unwrap();
    for _ in 0..2 {
        let rendered = view(&server, id, Some(&cookie)).await;
        assert_eq!(rendered.status, StatusCode::OK);
        assert_eq!(rendered.cache, None);
    }
    server.stop().await;
}

#[sqlx::test(migrations = false)]
async fn a_written_report_is_kept_and_rendered_anew_for_each_link_and_attempt(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let id = completed_interview(&api).await;
    let cookie = api.owner_cookie().unwrap();
    let page = format!("/interviews/{id}/feedback");
    let cache_of = |view: View| {
        assert_eq!(view.status, StatusCode::OK);
        (view.cache, view.body)
    };

    // Being written: rendered each time (the page polls for it); kept once written.
    let (cache, _) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache, None);
    api.wait_for_report(id, Duration::from_millis(50), Duration::from_secs(10))
        .await
        .unwrap();
    let (cache, written) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("miss"));
    assert!(written.contains("share-links-empty") && !written.contains("with your best attempts"));
    let (cache, _) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("hit"));

    // A share link made, then revoked: each shows on the next view.
    let shares = format!("/api/v1/interviews/{id}/shares");
    let link = api.send(Method::POST, &shares, None).await.unwrap();
    assert_eq!(link.status, StatusCode::CREATED);
    let (cache, shared) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("miss"));
    assert!(shared.contains("badge--active") && !shared.contains("share-links-empty"));
    let link_id = link.json()["id"].as_str().unwrap().to_owned();
    let revoked = api
        .send(Method::DELETE, &format!("{shares}/{link_id}"), None)
        .await
        .unwrap();
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let (cache, after_revoking) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("miss"));
    assert!(after_revoking.contains("badge--revoked") && !after_revoking.contains("badge--active"));

    // A question practised again: the overall with the best attempts shows.
    let attempt = api
        .send(
            Method::POST,
            &format!("/api/v1/interviews/{id}/questions/2/attempts"),
            Some(&json!({ "text": DATA_SCIENTIST_ANSWER, "client_id": uuid::Uuid::new_v4() })),
        )
        .await
        .unwrap();
    assert_eq!(attempt.status, StatusCode::OK, "{}", attempt.text);
    let (cache, practised) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("miss"));
    assert!(practised.contains("with your best attempts"));
    let (cache, again) = cache_of(view_page(&server, &page, Some(&cookie)).await);
    assert_eq!(cache.as_deref(), Some("hit"));
    assert!(again.contains("with your best attempts"));

    // Strangers: "not found", never the stored report.
    let stranger = server.api();
    stranger.interviews().await.unwrap();
    let refused = view_page(&server, &page, Some(&stranger.owner_cookie().unwrap())).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(refused.cache, None);
    assert!(!refused.body.contains("practice-overall"));
    server.stop().await;
}

#[sqlx::test(migrations = false)]
async fn a_share_link_s_page_is_kept_while_the_link_lives(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let owner = server.api();
    let id = completed_interview(&owner).await;
    owner
        .wait_for_report(id, Duration::from_millis(50), Duration::from_secs(10))
        .await
        .unwrap();
    let shares = format!("/api/v1/interviews/{id}/shares");
    let link = owner
        .send(Method::POST, &shares, None)
        .await
        .unwrap()
        .json();
    let page = format!("/share/{}", link["token"].as_str().unwrap());
    let deleted_on = |view: &View| {
        let at = view
            .body
            .find("will be deleted on")
            .expect("the deletion date");
        let start = at + view.body[at..].find("datetime=\"").unwrap() + "datetime=\"".len();
        let end = start + view.body[start..].find('"').unwrap();
        view.body[start..end].to_owned()
    };

    // Visitors with and without a cookie of their own: one render, then the stored page. The
    // page does not say which (a visitor would learn that someone else viewed it lately); a
    // report changed behind the cache's back (reports never change) shows it.
    let first = view_page(&server, &page, None).await;
    sqlx::query(
        "UPDATE reports SET report = jsonb_set(report, '{summary}', '\"Changed behind the cache\"')
         WHERE interview_id = $1",
    )
    .bind(id.0)
    .execute(&pool)
    .await
    .unwrap();
    let visitor = server.api();
    visitor.interviews().await.unwrap();
    let second = view_page(&server, &page, Some(&visitor.owner_cookie().unwrap())).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        (first.cache.as_deref(), second.cache.as_deref()),
        (None, None)
    );
    assert!(
        !second.body.contains("Changed behind the cache"),
        "the stored page"
    );
    assert_eq!(second.without_nonce(), first.without_nonce());
    assert_ne!(second.nonce, first.nonce);
    // The render's own headers are kept: the token in the address never leaves as a referrer.
    for view in [&first, &second] {
        assert_eq!(view.headers["referrer-policy"], "no-referrer");
    }
    assert!(first.body.contains("&lt;script&gt;alert(") && !first.body.contains("<script>alert("));

    // The owner opens the interview two days on: the date the link goes moves, on its page too.
    sqlx::query("UPDATE interviews SET opened_at = opened_at - interval '2 days' WHERE id = $1")
        .bind(id.0)
        .execute(&pool)
        .await
        .unwrap();
    let stale = view_page(&server, &page, None).await;
    assert!(
        stale.body.contains("Changed behind the cache"),
        "rendered anew"
    );
    owner.interview(id).await.unwrap();
    let reopened = view_page(&server, &page, None).await;
    assert_ne!(deleted_on(&reopened), deleted_on(&stale));

    // Revoked: "not found" at once, never the stored page.
    let link_id = link["id"].as_str().unwrap();
    let revoked = owner
        .send(Method::DELETE, &format!("{shares}/{link_id}"), None)
        .await
        .unwrap();
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let gone = view_page(&server, &page, None).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(!gone.body.contains("&lt;script&gt;alert("));
    server.stop().await;
}

#[sqlx::test(migrations = false)]
async fn a_page_whose_render_failed_is_not_kept(pool: PgPool) {
    let server = TestServer::start(pool.clone()).await;
    let api = server.api();
    let id = completed_interview(&api).await;
    let cookie = api.owner_cookie().unwrap();
    // The answers cannot be read for a while: the page says something went wrong, as a 500.
    sqlx::query("ALTER TABLE answers RENAME TO answers_away")
        .execute(&pool)
        .await
        .unwrap();
    let failed = view(&server, id, Some(&cookie)).await;
    assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(failed.body.contains("Something went wrong"));
    assert_eq!(failed.cache, None);
    sqlx::query("ALTER TABLE answers_away RENAME TO answers")
        .execute(&pool)
        .await
        .unwrap();
    let back = view(&server, id, Some(&cookie)).await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(
        back.cache.as_deref(),
        Some("miss"),
        "the failure was not kept"
    );
    assert!(back.body.contains(DATA_SCIENTIST_ANSWER));
    server.stop().await;
}
