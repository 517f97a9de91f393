//! Shape: each question, on its own and against the earlier ones.
//!
//! A question passes when it
//! - speaks to the candidate in the second person ("you", "your", …);
//! - is one question: exactly one `?`, at the end;
//! - has at most [`MAX_WORDS`] words;
//! - is no near-duplicate of an earlier question: word-set Jaccard below [`MAX_JACCARD`];
//! - is open: the question sentence has a wh-word (how, why, what, which, …), or is an
//!   imperative ("Tell me…"), or a polite request ("Could you walk me through…"); it fails
//!   when it opens with a yes/no auxiliary ("Do you…", "Is there…") and asks no wh-question.

use super::Rate;
use crate::text::{jaccard, sentences, words};

pub const MAX_WORDS: usize = 30;
pub const MAX_JACCARD: f64 = 0.5;

const SECOND_PERSON: &[&str] = &[
    "you", "your", "yours", "yourself", "you've", "you'd", "you're", "you'll",
    // The formal address of French, German and Spanish.
    "vous", "votre", "vos", "sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihnen", "usted", "su",
    "sus", "suya", "suyo",
];
const WH: &[&str] = &[
    "how", "why", "what", "which", "when", "where", "who", "whom", "whose",
    // French, German and Spanish question words.
    "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "quand", "où", "qui", "que", "qu",
    "quoi", "lequel", "combien", "wie", "warum", "was", "welche", "welcher", "welchen", "welches",
    "wann", "wo", "wer", "wen", "wem", "cómo", "por", "qué", "cuál", "cuáles", "cuándo", "dónde",
    "quién", "quiénes", "cuánto",
];
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can", "could", "would",
    "will", "should", "may", "might", "shall",
];
/// Verbs that make "Could you …" a request to talk rather than a yes/no question.
const REQUESTS: &[&str] = &[
    "walk", "tell", "describe", "explain", "give", "talk", "share", "make", "take", "outline",
    "say", "name", "show", "think",
];

/// The checks one question fails, by name (empty when it passes).
pub fn problems(question: &str, earlier: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let question_words = words(question);
    if !question_words
        .iter()
        .any(|word| SECOND_PERSON.contains(&word.as_str()))
    {
        problems.push("not second person".to_owned());
    }
    if question.matches('?').count() != 1 || !question.trim_end().ends_with('?') {
        problems.push("not one question".to_owned());
    }
    // French marks set apart ("Pourquoi ?") are no words.
    let count = text::words::word_count(question);
    if count > MAX_WORDS {
        problems.push(format!("{count} words"));
    }
    if let Some(similar) = earlier
        .iter()
        .position(|before| jaccard(question, before) >= MAX_JACCARD)
    {
        problems.push(format!("near-duplicate of Q{}", similar + 1));
    }
    if is_closed(question) {
        problems.push("yes/no".to_owned());
    }
    problems
}

/// True when the question sentence opens with a yes/no auxiliary that is not a request.
pub fn is_closed(question: &str) -> bool {
    let asked = sentences(question)
        .into_iter()
        .rev()
        .find(|sentence| sentence.ends_with('?'))
        .unwrap_or(question);
    let words = words(asked);
    if words.iter().any(|word| WH.contains(&word.as_str())) {
        return false;
    }
    for (index, word) in words.iter().enumerate() {
        if AUXILIARIES.contains(&word.as_str()) {
            let subject = words.get(index + 1).map(String::as_str);
            let verb = words.get(index + 2).map(String::as_str);
            let request =
                subject == Some("you") && verb.is_some_and(|verb| REQUESTS.contains(&verb));
            return !request;
        }
    }
    false
}

pub fn shape(questions: &[&str]) -> Rate {
    let mut rate = Rate::default();
    for (index, question) in questions.iter().enumerate() {
        let problems = problems(question, &questions[..index]);
        rate.check(problems.is_empty(), || {
            format!("Q{}: {} — \"{question}\"", index + 1, problems.join(", "))
        });
    }
    rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_check_can_fail() {
        assert!(problems("How did you cut p99 latency at Helvetic Clearing?", &[]).is_empty());
        assert!(problems("Could you walk me through the rewrite?", &[]).is_empty());
        assert!(problems("Tell me about the rewrite; what did you change?", &[]).is_empty());
        assert_eq!(
            problems("How did the team cut latency?", &[]),
            ["not second person"]
        );
        assert_eq!(
            problems("Why? And how did you do it?", &[]),
            ["not one question"]
        );
        assert_eq!(problems("What did you do.", &[]), ["not one question"]);
        let long = format!("How did you {}do it?", "really ".repeat(30));
        assert_eq!(problems(&long, &[]), ["35 words"]);
        assert_eq!(
            problems(
                "How did you measure the result of the Go work?",
                &["How did you measure the result of the Java work?"]
            ),
            ["near-duplicate of Q1"]
        );
        assert_eq!(problems("Do you know Kafka?", &[]), ["yes/no"]);
        assert!(problems("Could you come back to Go: what did you do?", &[]).is_empty());
        assert_eq!(
            problems(
                "Before we finish, is there anything else you want to add?",
                &[]
            ),
            ["yes/no"]
        );
    }
}
