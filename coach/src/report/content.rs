//! Text that has the report's shape but says nothing: a model's refusal ("I'm sorry, but I
//! don't have enough information…"), a placeholder ("string", "N/A", "[insert example]") or
//! nothing at all. Constrained decoding guarantees the shape of a reply, never its content;
//! a small model fills a valid schema with these.

use crate::report::offline::question_kind::QuestionKind;
use text::words::similarity;

/// Phrases with which a model declines instead of answering. Sample answers speak as the
/// candidate, so a bare "I can't" is theirs to say; these are not.
const REFUSALS: [&str; 12] = [
    "i'm sorry",
    "i am sorry",
    "i apologize",
    "as an ai",
    "as a language model",
    "i cannot provide",
    "i can't provide",
    "i'm unable to",
    "i am unable to",
    "i don't have enough information",
    "i do not have enough information",
    "not enough information to answer",
];

/// Whole texts that only hold a place.
const PLACEHOLDERS: [&str; 14] = [
    "string",
    "text",
    "n/a",
    "na",
    "none",
    "null",
    "todo",
    "tbd",
    "example",
    "...",
    "…",
    "-",
    "placeholder",
    "sample answer",
];

/// Pieces of templates a model copied instead of filling. Square brackets inside a text are
/// not among them (sample answers and CV lines use them for facts only the candidate knows),
/// nor template syntax such as `{{…}}`, which a candidate may well have written.
const TEMPLATE_MARKS: [&str; 3] = ["lorem ipsum", "your answer here", "<insert"];

/// Why a text cannot stand in a report, or `None` when it can.
pub(crate) fn void_text(text: &str) -> Option<&'static str> {
    let lower = text.trim().replace('’', "'").to_lowercase();
    if lower.is_empty() {
        return Some("empty");
    }
    let bare = lower.trim_end_matches(['.', '!']);
    if REFUSALS.iter().any(|phrase| lower.contains(phrase)) {
        return Some("a refusal");
    }
    let bracketed_whole = bare.starts_with('[') && bare.ends_with(']');
    if PLACEHOLDERS.contains(&lower.as_str())
        || PLACEHOLDERS.contains(&bare)
        || bracketed_whole
        || TEMPLATE_MARKS.iter().any(|mark| lower.contains(mark))
    {
        return Some("a placeholder");
    }
    None
}

/// True when any of `texts` is void.
pub(crate) fn any_void<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts.into_iter().any(|text| void_text(text).is_some())
}

/// Words of the STAR method, which fit a story but not why someone wants a job or what they
/// ask at the end of an interview.
const STAR_WORDS: [&str; 4] = ["situation", "star ", "star)", "your task"];

/// Why a model's feedback on one answer does not fit its question, or `None` when it does:
/// STAR advice for a motivation or closing question, or a sample answer that reads the
/// question back instead of answering it (Qwen2.5 0.5B did both).
pub(crate) fn misfit(
    (question, answer): (&str, &str),
    advice: &[String],
    sample_answer: &str,
) -> Option<&'static str> {
    let kind = QuestionKind::of(question);
    if matches!(kind, QuestionKind::Motivation | QuestionKind::Closing) {
        let text = format!("{} {sample_answer}", advice.join(" ")).to_lowercase();
        if STAR_WORDS.iter().any(|word| text.contains(word)) {
            return Some("STAR advice for a question that is not a story");
        }
    }
    if reads_the_question_back(question, sample_answer) {
        return Some("the sample answer reads the question back");
    }
    if similarity(answer, sample_answer) >= SAME_ANSWER_OVERLAP {
        return Some("the sample answer is the candidate's answer");
    }
    None
}

/// A "stronger answer" sharing this much of its word set with the candidate's answer is the
/// answer given back (a model copied it whole).
const SAME_ANSWER_OVERLAP: f64 = 0.9;

/// A sentence of the question (of six words or more) inside the sample answer, whole.
fn reads_the_question_back(question: &str, sample_answer: &str) -> bool {
    let sample = sample_answer.to_lowercase();
    question
        .split(['.', '?', '!', ':'])
        .map(|sentence| sentence.trim().to_lowercase())
        .filter(|sentence| sentence.split_whitespace().count() >= 6)
        .any(|sentence| sample.contains(&sentence))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Qwen2.5 0.5B wrote for a closing question through llama.cpp.
    #[test]
    fn advice_that_does_not_fit_its_question_is_a_misfit() {
        let closing = "Thanks, that is clear: you titrated the vasopressor within protocol. Before we finish, what should St. Brigid's University Hospital remember about you when comparing candidates?";
        assert_eq!(
            misfit(
                (closing, "I led the sepsis audit."),
                &["Describe the situation and your task.".to_owned()],
                "Thank you for your time. I would like to know how the team works."
            ),
            Some("STAR advice for a question that is not a story")
        );
        assert_eq!(
            misfit(
                (closing, "I led the sepsis audit."),
                &["Ask one question of your own.".to_owned()],
                "I titrated the vasopressor within protocol. Before we finish, what should St. Brigid's University Hospital remember about you when comparing candidates?"
            ),
            Some("the sample answer reads the question back")
        );
        assert_eq!(
            misfit(
                (closing, "I led the sepsis audit."),
                &["Ask one question of your own.".to_owned()],
                "Thank you. How is ECMO training organised for new staff?"
            ),
            None
        );
        // A story question may well get STAR advice.
        assert_eq!(
            misfit(
                (
                    "Tell me about a time a patient deteriorated on your shift.",
                    "A patient's lactate rose on a night shift; I escalated.",
                ),
                &["Describe the situation first.".to_owned()],
                "One night shift I was caring for a ventilated patient…"
            ),
            None
        );
        let answer = "One night shift a ventilated patient's lactate rose from 2 to 4.5; I escalated to the registrar and she was back in theatre in 40 minutes.";
        assert_eq!(
            misfit(
                ("Tell me about a patient who deteriorated.", answer),
                &["Say what you learned.".to_owned()],
                answer
            ),
            Some("the sample answer is the candidate's answer")
        );
    }

    #[test]
    fn refusals_placeholders_and_blanks_are_void() {
        for (text, reason) in [
            (
                "I'm sorry, but I don't have enough information to answer this question.",
                "a refusal",
            ),
            ("I’m sorry, I can’t evaluate this.", "a refusal"),
            ("As an AI, I cannot judge a person.", "a refusal"),
            ("I cannot provide feedback on this answer.", "a refusal"),
            ("string", "a placeholder"),
            ("N/A", "a placeholder"),
            ("...", "a placeholder"),
            ("[Sample answer for question 2]", "a placeholder"),
            ("Lorem ipsum dolor sit amet.", "a placeholder"),
            ("  ", "empty"),
        ] {
            assert_eq!(void_text(text), Some(reason), "{text}");
        }
    }

    #[test]
    fn real_feedback_is_not_void() {
        for text in [
            "Specific answers with measured results; say more about stakeholders.",
            "Not enough evidence: two answers were a single sentence.",
            "You cannot tell which of the two tests moved conversion: name it.",
            "None of the answers named a result.",
            "I can't share the revenue, but conversion rose by 18 % in three months.",
            "At Kiezkauf I ran [number] A/B tests on onboarding and cut two steps.",
            "You quoted {{7*7}} from the templating bug you fixed.",
        ] {
            assert_eq!(void_text(text), None, "{text}");
        }
    }
}
