//! Your data through the server: the exports as downloads (hostile text stays text in the
//! Markdown), and moving a history to another browser through the API and the page's form.

use crate::common::TestServer;
use domain::NewInterview;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use testkit::api::Api;
use testkit::fixtures::DATA_SCIENTIST;

#[sqlx::test(migrations = false)]
async fn everything_of_yours_downloads_as_json_and_markdown(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let api = server.api();
    let hostile = "<script>alert(1)</script> [click](javascript:alert(1))";
    let id = api
        .create_interview(&NewInterview {
            job_title: hostile.into(),
            company: "Northwind".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .id;
    api.paste(id, domain::DocumentKind::Cv, DATA_SCIENTIST.cv)
        .await
        .unwrap();

    let json = api.send(Method::GET, "/api/v1/export", None).await.unwrap();
    assert_eq!(json.status, StatusCode::OK);
    assert!(json.headers[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let export: Value = json.json();
    assert_eq!(export["interviews"][0]["interview"]["job_title"], hostile);
    assert_eq!(
        export["interviews"][0]["documents"][0]["text"],
        DATA_SCIENTIST.cv.trim()
    );

    let markdown = api
        .send(Method::GET, "/api/v1/export/markdown", None)
        .await
        .unwrap();
    assert_eq!(markdown.status, StatusCode::OK);
    assert!(markdown.headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/markdown"));
    assert!(markdown.text.starts_with("# Your Interview Simulator data"));
    assert!(
        markdown
            .text
            .contains("## \\<script\\>alert(1)\\</script\\>"),
        "{}",
        markdown.text
    );
    assert!(!markdown.text.contains("<script>"));
    assert!(!markdown.text.contains("](javascript:"));

    // Someone else downloads only their own (nothing).
    let stranger = Api::new(api.origin());
    let theirs: Value = stranger
        .send(Method::GET, "/api/v1/export", None)
        .await
        .unwrap()
        .json();
    assert_eq!(theirs["interviews"], json!([]));
}

#[sqlx::test(migrations = false)]
async fn a_move_code_takes_the_history_to_another_browser_once(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let old_browser = server.api();
    let id = old_browser
        .ready_interview(&DATA_SCIENTIST, 3)
        .await
        .unwrap()
        .id;
    let made = old_browser
        .send(Method::POST, "/api/v1/moves", Some(&json!({})))
        .await
        .unwrap();
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let made = made.json();
    let code = made["code"].as_str().unwrap().to_owned();
    let url = made["url"].as_str().unwrap();
    assert!(
        url.starts_with("http") && url.ends_with(&format!("/move/{code}")),
        "{url}"
    );

    let new_browser = Api::new(old_browser.origin());
    new_browser.interviews().await.unwrap();
    let cookie_before = new_browser.owner_cookie();
    let redeem = |api: &Api, code: &str| {
        let (api, body) = (api.clone(), json!({ "code": code }));
        async move {
            api.send(Method::POST, "/api/v1/moves/redeem", Some(&body))
                .await
                .unwrap()
        }
    };
    let moved = redeem(&new_browser, &code).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.json()["interviews"], 1);
    assert_eq!(
        moved.headers.get_all(SET_COOKIE).iter().count(),
        1,
        "one identity, the new one"
    );
    assert_ne!(new_browser.owner_cookie(), cookie_before, "re-keyed");
    assert_eq!(new_browser.interviews().await.unwrap()[0].id, id);
    assert!(
        old_browser.interviews().await.unwrap().is_empty(),
        "the old identity holds nothing"
    );
    let again = redeem(&new_browser, &code).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "once");
    assert!(again.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("move code"));

    // The page's form, as a browser without JavaScript posts it: a redirect to the history.
    let made = new_browser
        .send(Method::POST, "/api/v1/moves", Some(&json!({})))
        .await
        .unwrap()
        .json();
    let code = made["code"].as_str().unwrap().to_owned();
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let posted = plain
        .post(server.url("/move"))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    assert_eq!(posted.headers()[LOCATION], "/?moved=1");
    let cookie = posted.headers()[SET_COOKIE].to_str().unwrap();
    let third_browser = new_browser.with_owner_cookie(cookie.split(';').next().unwrap());
    assert_eq!(third_browser.interviews().await.unwrap()[0].id, id);
    let failed = plain
        .post(server.url("/move"))
        .form(&[("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), StatusCode::SEE_OTHER);
    assert_eq!(failed.headers()[LOCATION], format!("/move/{code}?failed=1"));
}
