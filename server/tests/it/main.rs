//! The server's integration tests, one binary: the real server (in process on port 0, or the
//! `server` binary as a child process) against real PostgreSQL.

mod api;
mod attempts;
mod common;
mod documents;
mod faults;
mod feedback;
mod hostile;
mod hostile_strings;
mod interview;
mod metrics;
mod page_cache;
mod process;
mod rate_limits;
mod security;
mod static_files;
mod your_data;
