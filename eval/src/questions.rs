//! What kind of question was asked, by the harness's own reading of its wording (not the
//! coach's `Purpose`, which is what is being judged). Used to pick a persona's answer and to
//! check that a report's advice fits the question.

use crate::text::words;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// Why this job or company.
    Motivation,
    /// The end of the interview: anything to add or to ask.
    Closing,
    /// A past situation: "tell me about a time", "describe", "walk me through", "example".
    Behavioural,
    /// How something works or would be done: "how would you", "explain", "design".
    Technical,
    /// Anything else (e.g. background, "what draws on your CV").
    General,
}

impl QuestionType {
    pub fn of(question: &str) -> Self {
        let lower = question.to_lowercase();
        let has = |cues: &[&str]| cues.iter().any(|cue| lower.contains(cue));
        let words = words(question);
        if has(&[
            "anything else",
            "questions for",
            "any questions",
            "before we finish",
            "before we wrap",
            "to close",
            "finally",
            "last question",
            "like to ask",
            "pour terminer",
            "avant de conclure",
            "dernière question",
            "zum schluss",
            "bevor wir enden",
            "letzte frage",
            "para terminar",
            "antes de terminar",
            "última pregunta",
        ]) {
            QuestionType::Closing
        } else if has(&[
            "why do you want",
            "why this",
            "why are you",
            "why us",
            "why join",
            "want to join",
            "draws you",
            "attracts you",
            "interests you",
            "motivates you",
            "why would you",
            "why the ",
            "appeal",
            "pourquoi souhaitez",
            "vous attire",
            "warum möchten",
            "reizt sie",
            "por qué quiere",
            "le atrae",
        ]) {
            QuestionType::Motivation
        } else if has(&[
            "a time",
            "an example",
            "a situation",
            "describe",
            "walk me through",
            "tell me about",
            "hardest",
            "a moment",
            "an occasion",
            "what happened",
            "what did you do",
            "your part",
            "your contribution",
            "what came of",
            "parlez-moi",
            "décrivez",
            "situation",
            "erzählen sie",
            "beschreiben sie",
            "hábleme",
            "describa",
            "ocasión",
        ]) || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "result" | "outcome" | "résultat" | "ergebnis" | "resultado"
            )
        }) {
            QuestionType::Behavioural
        } else if has(&[
            "how would you",
            "how do you",
            "how does",
            "explain",
            "design",
            "what would you",
            "approach",
            "trade-off",
        ]) {
            QuestionType::Technical
        } else {
            QuestionType::General
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_the_wording() {
        let of = QuestionType::of;
        assert_eq!(
            of("Why do you want to join Lumora GmbH as a product manager?"),
            QuestionType::Motivation
        );
        assert_eq!(
            of("Before we finish, is there anything else we should know?"),
            QuestionType::Closing
        );
        assert_eq!(
            of("Tell me about a time a deadline was at risk. What did you do?"),
            QuestionType::Behavioural
        );
        assert_eq!(
            of("How would you design an idempotent posting API?"),
            QuestionType::Technical
        );
        assert_eq!(
            of("How does your background fit this role?"),
            QuestionType::Technical
        );
        assert_eq!(of("Where are you based?"), QuestionType::General);
    }
}
