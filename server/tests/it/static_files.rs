//! The browser bundle under `/pkg`: the release build's pre-compressed copies are served to
//! browsers that accept them, with cache headers that suit un-hashed (test build) names.

use crate::common::TestServer;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};
use reqwest::StatusCode;
use sqlx::PgPool;

#[sqlx::test(migrations = false)]
async fn the_bundle_is_served_precompressed_and_revalidated(pool: PgPool) {
    let site = std::env::temp_dir().join(format!("site-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let plain = b"console.log('the plain bundle');".repeat(40);
    // Stand-ins for what `cargo leptos build --precompress` writes: different bytes, so the
    // test can tell which file was sent.
    std::fs::write(site.join("pkg/app.js"), &plain).unwrap();
    std::fs::write(site.join("pkg/app.js.br"), b"brotli bytes").unwrap();
    std::fs::write(site.join("pkg/app.js.gz"), b"gzip bytes").unwrap();
    let server = TestServer::start_with(pool, &[("SITE_ROOT", site.to_str().unwrap())]).await;
    let client = reqwest::Client::new();
    let get = |encoding: &'static str| {
        client
            .get(server.url("/pkg/app.js"))
            .header(ACCEPT_ENCODING, encoding)
            .send()
    };

    let response = get("gzip, deflate, br").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    // Without hash.txt beside the binary, names are not hashed: browsers must revalidate.
    assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
    assert_eq!(&response.bytes().await.unwrap()[..], b"brotli bytes");

    let response = get("gzip").await.unwrap();
    assert_eq!(response.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(&response.bytes().await.unwrap()[..], b"gzip bytes");

    let response = get("identity").await.unwrap();
    assert!(response.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(response.bytes().await.unwrap(), plain);

    let missing = client
        .get(server.url("/pkg/missing.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get(CACHE_CONTROL).is_none());
    std::fs::remove_dir_all(site).unwrap();
}
