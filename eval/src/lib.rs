//! The evaluation harness. Simulated candidates (`personas`) answer the offline coach over the
//! CV/job-description pairs of `testdata/eval` (`pairs`); `interview` runs one interview and
//! scores it with the offline report; `metrics` measures the questions and the report;
//! `evaluate` runs every pair and persona and pools the figures; `table` renders them.
//! `questions` and `text` are the harness's own reading of wording, independent of the code it
//! judges. `make eval` writes the full table to `target/eval/`; `tests/gate.rs` holds a subset
//! to thresholds in `make test`.

pub mod evaluate;
pub mod interview;
pub mod llm;
pub mod metrics;
pub mod pairs;
pub mod personas;
pub mod questions;
pub mod table;
pub mod text;
