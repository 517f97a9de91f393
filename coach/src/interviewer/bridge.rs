//! The sentence that says why the coach moves on instead of following up: after a complete
//! answer it names something the candidate said ("Noted: p99 fell from 900 to 140 ms."), after
//! an answer about something else it says so. It goes before the next planned question when
//! both fit in one question's word budget.

use crate::interviewer::plan::PlannedQuestion;
use crate::interviewer::reading::{read, AnswerKind};
use crate::interviewer::wording::Wording;
use crate::interviewer::Exchange;
use text::profile::Profile;
use text::words::is_well_formed_question;

/// Words the shortest acknowledgement takes; planned questions leave room for it.
pub(crate) const BRIDGE_WORDS: usize = 5;

// Every language's shortest off-topic and not-an-answer sentences fit in `BRIDGE_WORDS`.

/// `question` after a sentence on the last answer, or `question` alone when no sentence fits,
/// none makes a new question or the answer gave nothing to acknowledge.
pub(crate) fn bridged(
    question: &str,
    history: &[Exchange],
    analysis: &Profile,
    wording: &Wording,
    planned_last: Option<&PlannedQuestion>,
    is_new: impl Fn(&str) -> bool,
) -> String {
    let Some(last) = history.last() else {
        return question.to_owned();
    };
    let reading = read(last, history, analysis, wording, planned_last);
    let sentences: Vec<String> = match reading.kind {
        AnswerKind::OffTopic => wording.fill_all(wording.off_topic_bridges, &[]),
        AnswerKind::NotAnAnswer => wording.fill_all(wording.not_an_answer_bridges, &[]),
        AnswerKind::Empty | AnswerKind::Vague => Vec::new(),
        _ => {
            let mut sentences = Vec::new();
            if let Some(fact) = reading.short_fact() {
                sentences.extend(wording.fill_all(wording.fact_bridges, &[("fact", &fact)]));
            }
            // A name the candidate used, said as a name: "Clear on ICU" read as if ICU were a
            // subject to be clear on.
            if let Some(tool) = reading.facts.tools.first() {
                sentences.push(wording.fill(wording.tool_bridge, &[("tool", tool)]));
            }
            // Only a complete answer "answers it"; one without a number or without "I" does not.
            if reading.kind == AnswerKind::Substantive {
                sentences.push(wording.fill(wording.answered_bridge, &[]));
            }
            sentences
        }
    };
    sentences
        .iter()
        .map(|sentence| format!("{sentence} {question}"))
        .find(|text| is_well_formed_question(text) && is_new(text))
        .unwrap_or_else(|| question.to_owned())
}
