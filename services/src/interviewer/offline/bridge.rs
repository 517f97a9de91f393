//! The sentence that says why the coach moves on instead of following up: after a complete
//! answer it names something the candidate said ("Noted: p99 fell from 900 to 140 ms."), after
//! an answer about something else it says so. It goes before the next planned question when
//! both fit in one question's word budget.

use super::analysis::Analysis;
use super::plan::PlannedQuestion;
use super::reading::{read, AnswerKind};
use super::text::is_well_formed_question;
use super::Exchange;

/// `question` after a sentence on the last answer, or `question` alone when no sentence fits
/// or the answer gave nothing to acknowledge.
pub(crate) fn bridged(
    question: &str,
    history: &[Exchange],
    analysis: &Analysis,
    planned_last: Option<&PlannedQuestion>,
) -> String {
    let Some(last) = history.last() else {
        return question.to_owned();
    };
    let reading = read(last, history, analysis, planned_last);
    let sentences: Vec<String> = match reading.kind {
        AnswerKind::OffTopic => vec![
            "That drifted from my question, so let's try another.".to_owned(),
            "Let's try a different question.".to_owned(),
        ],
        AnswerKind::Empty | AnswerKind::Vague => Vec::new(),
        _ => match reading.short_fact() {
            Some(fact) => vec![
                format!("Thanks, that is clear: {fact}."),
                format!("Noted: {fact}."),
            ],
            None => Vec::new(),
        },
    };
    sentences
        .iter()
        .map(|sentence| format!("{sentence} {question}"))
        .find(|text| is_well_formed_question(text))
        .unwrap_or_else(|| question.to_owned())
}
