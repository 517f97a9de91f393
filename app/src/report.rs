//! The feedback report, shown by the owner's feedback page and by share links: one set of
//! components, so the two can never drift apart.
//!
//! - `gauge`, `bars`: the scores as inline SVG.
//! - `delivery`: how the spoken answers sounded, in words (page and Markdown).
//! - `view`: the report's sections, all user and LLM text rendered as text.
//! - `export`: "Download as Markdown" and "Print / Save as PDF".
//! - `markdown`: the report as a Markdown document (a pure function, unit-tested).

mod bars;
#[cfg(feature = "hydrate")]
pub(crate) mod browser;
mod delivery;
mod export;
mod gauge;
pub mod markdown;
mod view;

pub use export::ExportBar;
pub use view::ReportView;

use domain::OverallScore;

/// The overall score in words, as the pages' link previews and the Markdown use it.
pub fn score_phrase(overall: &OverallScore) -> String {
    match overall {
        OverallScore::Scored { score } => format!("{score}/{}", domain::MAX_SCORE),
        OverallScore::NotEnoughEvidence { .. } => "not enough evidence".to_owned(),
    }
}
