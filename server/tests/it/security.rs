//! Browser-facing defences through the real server: security headers on every response, a
//! Content-Security-Policy whose nonce matches the page's scripts, and writes refused when a
//! browser sends them from another site.

use crate::common::TestServer;
use reqwest::header::{CONTENT_SECURITY_POLICY, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

const SITE: &str = "https://practice.example.com";

#[sqlx::test(migrations = false)]
async fn every_response_has_the_security_headers_and_pages_a_nonce_policy(pool: PgPool) {
    let server = TestServer::start(pool).await;
    let client = reqwest::Client::new();

    let page = client
        .get(server.url("/interviews/new"))
        .send()
        .await
        .unwrap();
    let headers = page.headers().clone();
    let policy = headers[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let html = page.text().await.unwrap();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page policy carries a nonce");
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the inline scripts carry the policy's nonce"
    );
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    // The document carries the policy too (all but frame-ancestors, which only a header can).
    assert!(html.contains(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'nonce-{nonce}'")), "{html}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // A new nonce for every page.
    let again = client
        .get(server.url("/interviews/new"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        again.headers()[CONTENT_SECURITY_POLICY],
        headers[CONTENT_SECURITY_POLICY]
    );

    for path in [
        "/interviews/new",
        "/api/v1/interviews",
        "/healthz",
        "/no-such-page",
        "/api/v1/nope",
    ] {
        let response = client.get(server.url(path)).send().await.unwrap();
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(
            headers["permissions-policy"]
                .to_str()
                .unwrap()
                .contains("microphone=(self)"),
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "plain http: {path}"
        );
    }
    let api = client
        .get(server.url("/api/v1/interviews"))
        .send()
        .await
        .unwrap();
    assert!(api.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
}

#[sqlx::test(migrations = false)]
async fn https_sites_send_hsts(pool: PgPool) {
    let server = TestServer::start_with(pool, &[("PUBLIC_URL", SITE)]).await;
    let response = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[sqlx::test(migrations = false)]
async fn writes_from_another_site_are_refused_and_change_nothing(pool: PgPool) {
    let server = TestServer::start_with(pool.clone(), &[("PUBLIC_URL", SITE)]).await;
    let client = server.browser();
    let create = |headers: &[(&'static str, &'static str)]| {
        let mut request = client
            .post(server.url("/api/v1/interviews"))
            .json(&json!({"job_title": "Nurse", "company": "St Mary's"}));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };

    for refused in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://evil.example")],
        vec![("sec-fetch-site", "cross-site"), ("origin", SITE)],
    ] {
        let response = create(&refused).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{refused:?}");
        assert!(response.headers().get(SET_COOKIE).is_none(), "{refused:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "cross_site_request");
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM interviews")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // Uploads and deletes are writes too.
    let upload = client
        .put(server.url("/api/v1/interviews/00000000-0000-4000-8000-000000000000/documents/cv"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"text": "CV"}))
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), StatusCode::FORBIDDEN);

    // Our own pages, and clients that are not browsers, are let through; reads always are.
    for allowed in [
        vec![("sec-fetch-site", "same-origin")],
        vec![("origin", SITE)],
        vec![],
    ] {
        assert_eq!(
            create(&allowed).await.unwrap().status(),
            StatusCode::CREATED,
            "{allowed:?}"
        );
    }
    let read = client
        .get(server.url("/api/v1/interviews"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
}
