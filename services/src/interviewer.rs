//! Interviewers: what asks the next question of an interview.
//!
//! - `chain`: providers in order, then the offline coach; records every provider call.
//! - `deadline`: a question's first words must come in time, or the next interviewer asks.
//! - `offline`: the built-in coach, the default and the end of every fallback chain. It needs
//!   no network and gives the same questions for the same documents, settings and seed.
//! - `prompt`: the versioned prompt templates, rendered with fenced documents, and the checks
//!   a model's reply must pass to be asked.
//! - `providers`: real LLMs over HTTP, with retries, timeouts and a circuit breaker.

mod call_log;
pub mod chain;
mod deadline;
pub mod prompt;

pub use call_log::InterviewCalls;
