//! The real `server` binary: configured from the environment, migrates a fresh database at
//! start-up, prints its URL, serves, and exits cleanly on SIGTERM.

use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::Method;
use sqlx::PgPool;
use testkit::api::Api;
use testkit::server::ServerProcess;
use testkit::services::database_url_of;

#[sqlx::test(migrations = false)]
async fn binary_migrates_serves_and_stops_on_sigterm(pool: PgPool) {
    let server = ServerProcess::builder(env!("CARGO_BIN_EXE_server"))
        .database_url(&database_url_of(&pool))
        .start()
        .await
        .unwrap();

    // "Interview Simulator is running at http://127.0.0.1:PORT", printed before it serves.
    let deadline = Instant::now() + Duration::from_secs(10);
    let line = loop {
        if let Some(line) = server.first_line() {
            break line.to_owned();
        }
        assert!(Instant::now() < deadline, "no URL printed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let printed = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(printed.starts_with("http://127.0.0.1:"), "{line:?}");
    assert_eq!(printed, server.base_url(), "{line:?}");

    let ready = Api::new(&printed)
        .send(Method::GET, "/readyz", None)
        .await
        .unwrap();
    assert_eq!(ready.status, reqwest::StatusCode::OK);
    let migrated: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(migrated >= 1, "migrations ran at start-up");

    let exit = server
        .stop(Duration::from_secs(10))
        .await
        .expect("server did not stop within 10 s of SIGTERM");
    assert!(exit.success(), "graceful shutdown exits 0, got {exit}");
}

#[test]
fn missing_configuration_is_explained() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("DATABASE_URL")
        .current_dir(std::env::temp_dir()) // no .env here
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
}
