//! Any text as a model's reply to "ask the next question", through the checks the chain
//! applies before asking it (`services::interviewer::prompt::clean_question`): every input
//! must end in a question or a precise refusal, never a panic or a hang. A question must keep
//! the promises of `clean_question`: one question of 3 to 60 words ending in "?", without
//! labels, numbering, quotes or markdown around it, taken from the reply's own words, not one
//! already asked (nor a rewording of one), and cleaning it again changes nothing.
//!
//! Input: the reply, optionally preceded by questions already asked, each ended by a NUL.
//! Each input is cleaned for an English interview (every check) and for an Italian one (the
//! checks that need no English words).
#![no_main]

use domain::Language;
use libfuzzer_sys::fuzz_target;
use services::interviewer::prompt::clean_question;

/// Asked in every run, so seeds reach the "repeats a question" check.
const ALWAYS_ASKED: [&str; 2] = [
    "How did you build the forecasting system at Northwind?",
    "What did you measure in your last A/B test?",
];

const REASONS: [&str; 11] = [
    "empty reply",
    "more than one question",
    "not a question",
    "too short",
    "too long",
    "speaks of the candidate in the third person",
    "a yes/no question",
    "not addressed to the candidate",
    "offers help instead of interviewing",
    "speaks as the candidate",
    "repeats a question",
];

const EDGE_MARKUP: [char; 10] = ['"', '\'', '“', '”', '‘', '’', '`', '*', '_', '#'];
const LABELS: [&str; 4] = ["question:", "q:", "interviewer:", "next question:"];

/// What `clean_question` compares questions by: letters and digits, lower-cased.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "3)", "3." or "3:" in front; "3.5 years" is a number, not numbering.
fn numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let bytes = text.as_bytes();
    let decimal =
        bytes.get(digits) == Some(&b'.') && bytes.get(digits + 1).is_some_and(u8::is_ascii_digit);
    (1..=2).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')' | b':')) && !decimal
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut parts: Vec<&str> = input.split('\0').collect();
    let reply = parts.pop().unwrap_or_default();
    let mut asked = ALWAYS_ASKED.to_vec();
    asked.extend(parts);

    for language in [Language::English, Language::Italian] {
        check(reply, &asked, language);
    }
});

fn check(reply: &str, asked: &[&str], language: Language) {
    let question = match clean_question(reply, asked, language) {
        Ok(question) => question,
        Err(reason) => {
            assert!(REASONS.contains(&reason), "unknown refusal {reason:?}");
            return;
        }
    };
    let q = question.as_str();
    assert!(!q.is_empty());
    assert!(q.ends_with('?'), "not a question: {q:?}");
    assert_eq!(q.matches('?').count(), 1, "more than one question: {q:?}");
    let words = q.split_whitespace().count();
    assert!((3..=60).contains(&words), "{words} words: {q:?}");
    // Whitespace is collapsed to single spaces, none at the ends.
    assert_eq!(q.split_whitespace().collect::<Vec<_>>().join(" "), q);
    let first = q.chars().next().unwrap_or_default();
    assert!(!EDGE_MARKUP.contains(&first), "markup left: {q:?}");
    let lower = q.to_lowercase();
    assert!(
        !LABELS.iter().any(|label| lower.starts_with(label)),
        "label left: {q:?}"
    );
    assert!(!numbered(q), "numbering left: {q:?}");
    // Nothing invented: the question is a piece of the reply (whitespace collapsed).
    let collapsed = reply.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(collapsed.contains(q), "{q:?} is not in the reply");
    let normalized = normalize(q);
    assert!(
        asked.iter().all(|asked| normalize(asked) != normalized),
        "repeats an asked question: {q:?}"
    );
    // A cleaned question is already clean.
    assert_eq!(clean_question(q, asked, language).as_deref(), Ok(q));
}
