//! `make eval-llm`: the personas of `make eval` interviewed by a real model behind the app's
//! server, through its HTTP API as a browser drives it. `options` reads what to run;
//! `session` is the HTTP client that records every status; `sse` splits the question stream
//! into events; `drive` runs one interview and waits for its report; `asked_by` reads which
//! interviewer asked each question; `figures` measures and pools (reusing `crate::metrics`);
//! `table` renders the Markdown.

pub mod asked_by;
pub mod drive;
pub mod figures;
pub mod options;
pub mod session;
pub mod sse;
pub mod table;
