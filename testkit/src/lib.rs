//! Dev-only kit for the integration tests and the load generator: a fake LLM provider
//! speaking each wire format ([`fake_llm`]), the server binary as a child process
//! ([`server`]), a typed client of the JSON API ([`api`]) and what suites type and models
//! reply ([`fixtures`]). With the `services` feature, [`services`] builds the database-backed
//! services for tests.

pub mod api;
pub mod fake_llm;
pub mod fixtures;
pub mod procfs;
pub mod server;
#[cfg(feature = "services")]
pub mod services;
