//! Interviewers: what asks the next question of an interview.
//!
//! - `offline`: the built-in coach, the default and the end of every fallback chain. It needs
//!   no network and gives the same questions for the same documents, settings and seed.

pub mod offline;
