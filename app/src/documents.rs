//! The set-up step of an interview: the CV and the job description, each uploaded (drag and
//! drop or a file picker, with progress) or pasted, then shown for checking and correction.
//!
//! The interview's language is shown and chosen here too (`language`).
//!
//! Uploads go straight to the JSON API (`PUT /api/v1/interviews/{id}/documents/{kind}`)
//! through `XMLHttpRequest`, the one browser API that reports upload progress; pasting and
//! correcting use server functions.

mod language;
mod panel;
mod setup;
#[cfg(feature = "hydrate")]
mod upload;

pub use setup::DocumentSetup;
