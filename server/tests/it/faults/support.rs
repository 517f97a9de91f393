//! What the fault tests run against besides testkit's server process, fake provider and API
//! client: a private PostgreSQL cluster that a test may stop and start, the fake provider as
//! an interviewer, and what the database recorded.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use domain::InterviewId;
use testkit::fake_llm::{FakeLlm, Reply, Wire};
use testkit::fixtures::DATA_SCIENTIST_QUESTIONS;
use testkit::server::{free_port, ServerProcess};

/// The server binary on a free port against `database_url`, with `vars` on top of a clean
/// environment (no `.env`, no variables of the machine running the tests, rate limits off),
/// ready.
pub async fn server(name: &str, database_url: &str, vars: &[(String, String)]) -> ServerProcess {
    ServerProcess::builder(env!("CARGO_BIN_EXE_server"))
        .name(name)
        .database_url(database_url)
        .envs(vars.iter().cloned())
        .start()
        .await
        .unwrap_or_else(|error| panic!("server {name}: {error}"))
}

/// A provider that asks a new, valid question for every question request (streamed when asked
/// for), after `delay`; a report request (it asks for structured output) gets prose that is
/// no report, so the writer repairs once and then falls back to the offline coach's report.
pub async fn interviewer(delay: Duration) -> FakeLlm {
    FakeLlm::builder()
        .respond(move |request| {
            let text = if request.structured() {
                "Overall this candidate did well; I would hire them."
            } else {
                DATA_SCIENTIST_QUESTIONS[(request.call - 1) % DATA_SCIENTIST_QUESTIONS.len()]
            };
            Reply::text(text).after(delay)
        })
        .start()
        .await
}

/// The variables that make a server use `llm` alone, over OpenAI's wire format.
pub fn openai_env(llm: &FakeLlm) -> Vec<(String, String)> {
    llm.env(Wire::OpenAi, "fake-model")
}

// ---------------------------------------------------------------------------------------------
// A private PostgreSQL cluster

/// A PostgreSQL cluster of its own (`scripts/local-postgres.sh` with its own `PG_HOME` and
/// port), so a test may stop it without disturbing anyone. Stopped and deleted when dropped,
/// the test passing or not.
pub struct PrivatePostgres {
    home: PathBuf,
    pub port: u16,
    database: String,
}

impl PrivatePostgres {
    pub fn start(database: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let home = PathBuf::from(format!(
            "/tmp/interview-simulator-faults-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&home).unwrap();
        let cluster = Self {
            home,
            port: free_port().expect("a free port"),
            database: database.to_owned(),
        };
        cluster.script(&[database]);
        cluster
    }

    pub fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{}",
            self.port, self.database
        )
    }

    /// `pg_ctl stop -m fast`: every connection is cut.
    pub fn stop(&self) {
        self.script(&["--stop"]);
    }

    /// Starts the stopped cluster again, on the same port, with the same data.
    pub fn restart(&self) {
        self.script(&[&self.database]);
    }

    fn script(&self, args: &[&str]) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/local-postgres.sh");
        let output = Command::new("bash")
            .arg(script)
            .args(args)
            .env("PG_HOME", &self.home)
            .env("PG_PORT", self.port.to_string())
            .output()
            .expect("bash runs scripts/local-postgres.sh");
        assert!(
            output.status.success(),
            "local-postgres.sh {args:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/local-postgres.sh");
        let _ = Command::new("bash")
            .arg(script)
            .arg("--stop")
            .env("PG_HOME", &self.home)
            .env("PG_PORT", self.port.to_string())
            .output();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Who asked each question of an interview, in order.
pub async fn interviewers(pool: &sqlx::PgPool, id: InterviewId) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT interviewer FROM questions WHERE interview_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// `llm_calls` rows as (purpose, provider, outcome, latency_ms), in order.
pub async fn llm_calls(pool: &sqlx::PgPool) -> Vec<(String, String, String, i32)> {
    sqlx::query_as("SELECT purpose, provider, outcome, latency_ms FROM llm_calls ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}
