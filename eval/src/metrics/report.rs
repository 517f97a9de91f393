//! Report checks: can the candidate trust what the report says about their answers?
//!
//! - **Quotes**: every strength, weakness and missing point's quote appears verbatim in one of
//!   the answers; every CV tip's "before" appears verbatim in the CV.
//! - **Advice by question type** (the harness's own reading, `questions`): a motivation or
//!   closing question's advice (what to add, the sample answer) uses no STAR wording
//!   ("situation", "task", "what you had to achieve", "STAR"); a behavioural question whose
//!   answer has no number gets advice that asks for a result or a number.
//! - **Sample answers**: where the answer has material (a genuine attempt, i.e. from the strong
//!   or medium persona, that is substantive, see `listening`), the sample keeps at least one of its numbers or names and is a real rewrite
//!   (with bracketed placeholders removed, word-set Jaccard with the answer below
//!   [`MAX_REWRITE_JACCARD`]); where it has none, the sample does not wrap the answer: it does
//!   not contain the answer's text, and its word set shares less than [`MAX_WRAP_JACCARD`]
//!   with the answer's (a list of what a strong answer would contain shares little).

use std::collections::BTreeSet;

use domain::Report;

use super::listening::{is_substantive, numbers_and_names};
use super::Rate;
use crate::interview::Turn;
use crate::questions::QuestionType;
use crate::text::{jaccard, words};

pub const MAX_REWRITE_JACCARD: f64 = 0.9;
pub const MAX_WRAP_JACCARD: f64 = 0.5;

const STAR_WORDING: &[&str] = &[
    "situation",
    "your task",
    "the task",
    "what you had to achieve",
    "star",
    "votre tâche",
    "ihre aufgabe",
    "su tarea",
    "situación",
];
const RESULT_WORDING: &[&str] = &[
    "result",
    "number",
    "measur",
    "outcome",
    "%",
    "impact",
    "changed",
    "résultat",
    "chiffre",
    "mesur",
    "ergebnis",
    "zahl",
    "gemessen",
    "resultado",
    "cifra",
    "medi",
];

/// `genuine`: the persona's answers are real attempts (an off-topic story or an injection
/// with numbers in it is not material to rewrite).
pub fn report_checks(
    report: &Report,
    turns: &[Turn],
    cv: &str,
    excluded: &BTreeSet<String>,
    genuine: bool,
) -> Rate {
    let mut rate = Rate::default();
    let points = report
        .strengths
        .iter()
        .chain(&report.weaknesses)
        .chain(&report.missing);
    for point in points {
        if let Some(quote) = &point.quote {
            let found = turns.iter().any(|turn| turn.answer.contains(quote.trim()));
            rate.check(found, || format!("quote not in the answers: \"{quote}\""));
        }
    }
    for tip in &report.cv_tips {
        if let Some(before) = &tip.before {
            rate.check(cv.contains(before.trim()), || {
                format!("CV tip's before not in the CV: \"{before}\"")
            });
        }
    }
    for feedback in &report.questions {
        let advice =
            format!("{} {}", feedback.to_add.join(" "), feedback.sample_answer).to_lowercase();
        let has = |cues: &[&str]| {
            cues.iter().any(|cue| match cue.trim() {
                "star" => words(&advice).iter().any(|word| word == "star"),
                cue => advice.contains(cue),
            })
        };
        let kind = QuestionType::of(&feedback.question);
        match kind {
            QuestionType::Motivation | QuestionType::Closing => {
                rate.check(!has(STAR_WORDING), || {
                    format!("Q{}: STAR advice for a {kind:?} question", feedback.number)
                });
            }
            QuestionType::Behavioural if !feedback.answer.chars().any(|c| c.is_ascii_digit()) => {
                rate.check(has(RESULT_WORDING), || {
                    format!(
                        "Q{}: no result asked for an answer without one",
                        feedback.number
                    )
                });
            }
            _ => {}
        }
        rate.check(
            sample_fits(&feedback.answer, &feedback.sample_answer, excluded, genuine),
            || {
                format!(
                    "Q{}: sample answer \"{}\"",
                    feedback.number,
                    shorten(&feedback.sample_answer)
                )
            },
        );
    }
    rate
}

/// The sample answer rule of the module docs.
pub fn sample_fits(answer: &str, sample: &str, excluded: &BTreeSet<String>, genuine: bool) -> bool {
    if genuine && is_substantive(answer, excluded) {
        let facts = numbers_and_names(answer, excluded);
        let sample_words: BTreeSet<String> = words(sample).into_iter().collect();
        let keeps_a_fact = facts.iter().any(|fact| sample_words.contains(fact));
        keeps_a_fact && jaccard(&without_placeholders(sample), answer) < MAX_REWRITE_JACCARD
    } else {
        let answer = answer.trim().trim_end_matches(['.', '!', '?']);
        answer.is_empty()
            || (!sample.to_lowercase().contains(&answer.to_lowercase())
                && jaccard(&without_placeholders(sample), answer) < MAX_WRAP_JACCARD)
    }
}

fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(90).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_answers_must_reuse_facts_or_not_wrap_thin_answers() {
        let none = BTreeSet::new();
        let answer = "At Tramline I cut the monthly AWS bill by CHF 18,000 by right-sizing RDS instances and archiving cold data to Glacier.";
        assert!(sample_fits(
            answer,
            "Situation: the AWS bill had grown. [Your task]. I right-sized RDS and the bill fell by CHF 18,000 a month.",
            &none,
            true
        ));
        assert!(!sample_fits(
            answer,
            &format!("[Situation] {answer} [Result]"),
            &none,
            true
        ));
        assert!(!sample_fits(
            answer,
            "I saved money by working hard on the cloud.",
            &none,
            true
        ));
        assert!(!sample_fits(
            "Teamwork.",
            "[Situation] Teamwork [Result]",
            &none,
            true
        ));
        assert!(sample_fits(
            "Teamwork.",
            "A strong answer names: the situation, what you did, the result.",
            &none,
            true
        ));
        let vague = "I think I always try to do my best, and we worked on a lot of things as a team and in the end it went quite well.";
        assert!(!sample_fits(
            vague,
            "[Situation] I always try to do my best, and we worked on a lot of things as a team and it went well. [Result]",
            &none,
            true
        ));
        // Not a genuine answer: its facts are not material, so it must not be wrapped.
        assert!(!sample_fits(
            answer,
            &format!("[Situation] {answer}"),
            &none,
            false
        ));
        assert!(sample_fits(
            answer,
            "A strong answer would contain: the result.",
            &none,
            false
        ));
        assert_eq!(without_placeholders("a [b [c]] d"), "a  d");
    }
}
