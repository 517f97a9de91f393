//! The offline coach: the interviewer and the report writer that need no network, and the
//! checks an LLM's report goes through before anyone reads it.
//!
//! - `interviewer`: plans the interview from the CV and the job description, reads each
//!   answer and asks the next question (a follow-up, or the next planned one with a bridge).
//! - `report`: the report on a finished interview from the local analysis alone, and the
//!   parsing, validation and guard an LLM's report reply goes through (so both writers give
//!   one shape, held to the same metrics).

pub mod brief;
pub mod interviewer;
pub mod report;
mod typography;

/// The name under which the offline coach appears in call logs and reports.
pub const OFFLINE_INTERVIEWER: &str = "offline";
