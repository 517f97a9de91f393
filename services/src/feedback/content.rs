//! Text that has the report's shape but says nothing: a model's refusal ("I'm sorry, but I
//! don't have enough information…"), a placeholder ("string", "N/A", "[insert example]") or
//! nothing at all. Constrained decoding guarantees the shape of a reply, never its content;
//! a small model fills a valid schema with these.

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

#[cfg(test)]
mod tests {
    use super::*;

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
