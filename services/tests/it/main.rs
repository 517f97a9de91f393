//! The services crate's integration tests, one binary: each file is a module, and what they
//! share (fake providers, services on the test's database, fixtures) comes from `testkit`.

mod attempts;
mod engine;
mod interviewer_chain;
mod interviews;
mod languages;
mod offline_coach;
mod portability;
mod providers;
mod redaction;
mod report_llm;
mod reports;
mod retention;

use services::Models;
use services::Services;
use sqlx::PgPool;

/// The extraction worker this crate builds for its tests.
const WORKER: &str = env!("CARGO_BIN_EXE_extract-worker");

/// The services on the test's database with the offline coach alone.
fn offline_services(pool: PgPool) -> Services {
    testkit::services::services(pool, WORKER, Models::default())
}

/// The services on the test's database with `models`.
fn services_with(pool: PgPool, models: Models) -> Services {
    testkit::services::services(pool, WORKER, models)
}
