//! The evaluation harness: simulated candidates (`personas`) interviewed by the offline coach
//! over the CV/job-description pairs of `testdata/eval` (`pairs`, `interview`), the offline
//! report's scores, and what the interview and the report are measured on (`metrics`).
//! `make eval` writes the full table; `tests/gate.rs` holds a subset to thresholds.

pub mod evaluate;
pub mod interview;
pub mod metrics;
pub mod pairs;
pub mod personas;
pub mod questions;
pub mod table;
pub mod text;
