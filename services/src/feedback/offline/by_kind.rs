//! Advice and sample answers for the questions that are not stories: why this job
//! (motivation) and the end of the interview (closing), and, for a story question, the outline
//! of a strong answer when the candidate's answer has no material to rewrite. None of it uses
//! STAR terms where they do not fit, and none of it wraps a thin answer in placeholders.

use domain::AnswerAnalysis;

use super::breakdown::MAX_SAMPLE_WORDS;
use crate::analysis::facts::content_stems;
use crate::feedback::quote::{sentences, tidier};
use crate::feedback::scores::SUBSTANTIAL_WORDS;
use crate::feedback::Answered;

/// At least this share of an answer's content words must meet the question or the documents
/// for the answer to be about the job at all.
const MIN_SHARE_ON_TOPIC: f64 = 0.25;

/// Instructions aimed at whoever scores the answer, not an answer.
const INSTRUCTIONS: &[&str] = &[
    "ignore all previous",
    "ignore previous",
    "ignore the above",
    "system prompt",
    "new instructions",
    "system:",
];

/// An answer with something to rewrite: long enough, with a fact in it (a number, a tool, an
/// outcome or a term of the job), about the question or the job, and neither the question
/// read back nor instructions to the scorer.
pub(super) fn has_material(
    answered: &Answered,
    analysis: &AnswerAnalysis,
    documents: &str,
) -> bool {
    let specificity = &analysis.specificity;
    let lower = answered.answer.to_lowercase();
    analysis.word_count >= SUBSTANTIAL_WORDS
        && (!specificity.numbers.is_empty()
            || !specificity.tools.is_empty()
            || !specificity.outcomes.is_empty()
            || !analysis.coverage.used.is_empty())
        && !repeats_question(answered)
        && !INSTRUCTIONS.iter().any(|phrase| lower.contains(phrase))
        && is_on_topic(answered, documents)
}

/// Enough of the answer's content words appear in the question or the documents.
fn is_on_topic(answered: &Answered, documents: &str) -> bool {
    let answer = content_stems(answered.answer);
    if answer.is_empty() {
        return false;
    }
    let mut known = content_stems(documents);
    known.extend(content_stems(answered.question));
    let shared = answer.intersection(&known).count();
    shared as f64 >= MIN_SHARE_ON_TOPIC * answer.len() as f64
}

/// Most of the answer's words are the question's.
fn repeats_question(answered: &Answered) -> bool {
    let words = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (question, answer) = (words(answered.question), words(answered.answer));
    !answer.is_empty() && answer.intersection(&question).count() * 10 >= answer.len() * 8
}

/// The candidate's sentences, tidied of fillers and softeners.
fn tidied(answered: &Answered, analysis: &AnswerAnalysis) -> Vec<String> {
    let tidy = tidier(analysis);
    sentences(answered.answer)
        .into_iter()
        .map(tidy)
        .filter(|sentence| !sentence.is_empty())
        .collect()
}

/// What a strong story answer contains, for an answer with nothing to rewrite.
pub(super) fn story_outline(term: Option<&str>) -> String {
    let steps = match term {
        Some(term) => format!("the steps you took yourself and how you used {term}"),
        None => "the steps you took yourself, in order".to_owned(),
    };
    format!(
        "A strong answer would contain: one real example (where, when and what was at stake); what you had to achieve; {steps}; the result, with a number; and what you learned."
    )
}

/// What the motivation answer lacks: the employer, the fit, the aim.
struct MotivationParts {
    names_company: bool,
    shows_fit: bool,
    has_aim: bool,
}

fn motivation_parts(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
) -> MotivationParts {
    let lower = answered.answer.to_lowercase();
    let company = company.trim().to_lowercase();
    let first_word = company.split_whitespace().next().unwrap_or_default();
    MotivationParts {
        names_company: !first_word.is_empty() && lower.contains(first_word),
        shows_fit: !analysis.specificity.numbers.is_empty() || !analysis.coverage.used.is_empty(),
        has_aim: [
            "want to",
            "would like",
            "hope to",
            "looking forward",
            "my goal",
            "i'd like",
            "i aim",
        ]
        .iter()
        .any(|cue| lower.contains(cue)),
    }
}

pub(super) fn motivation_to_add(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
) -> Vec<String> {
    let parts = motivation_parts(company, answered, analysis);
    let mut add = Vec::new();
    if !parts.names_company {
        add.push(format!(
            "Why {company} in particular: one thing from the job ad or its work that draws you."
        ));
    }
    if !parts.shows_fit {
        add.push(
            "How you fit: one thing you have done that this role needs, with its number."
                .to_owned(),
        );
    }
    if !parts.has_aim {
        add.push("What you want to achieve or learn in the role, in your first year.".to_owned());
    }
    if add.is_empty() {
        add.push("A last line that ties it together: why this role, and why now.".to_owned());
    }
    add
}

pub(super) fn motivation_sample(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
    documents: &str,
) -> String {
    if !has_material(answered, analysis, documents) {
        return format!(
            "A strong answer gives three reasons: what draws you to {company} in particular (one thing from the job ad); how your experience fits the role (one achievement with a number); and what you want to achieve there."
        );
    }
    let parts = motivation_parts(company, answered, analysis);
    let mut sample = Vec::new();
    if !parts.names_company {
        sample.push(format!(
            "[What draws you to {company}: one thing from the job ad.]"
        ));
    }
    // The reasons in brief: the first sentences, within the sample's word limit.
    let mut words = 0;
    for sentence in tidied(answered, analysis) {
        words += sentence.split_whitespace().count();
        if words > MAX_SAMPLE_WORDS && sample.iter().any(|s: &String| !s.starts_with('[')) {
            break;
        }
        sample.push(sentence);
    }
    if !parts.shows_fit {
        sample.push("[One achievement of yours that this role needs, with its number.]".to_owned());
    }
    if !parts.has_aim {
        sample.push("[What you want to achieve in your first year.]".to_owned());
    }
    sample.join(" ")
}

pub(super) fn closing_to_add(answered: &Answered, analysis: &AnswerAnalysis) -> Vec<String> {
    let mut add = Vec::new();
    if !answered.answer.contains('?') {
        add.push(
            "One or two questions of your own: about the team, the work, or how success in the role is measured."
                .to_owned(),
        );
    }
    if analysis.word_count > 120 {
        add.push("Keep it short: the interview is ending, so two or three sentences.".to_owned());
    }
    add.push("Thank them, and say in one sentence why you want the role.".to_owned());
    add
}

pub(super) fn closing_sample(
    company: &str,
    answered: &Answered,
    analysis: &AnswerAnalysis,
) -> String {
    // The interviewer's question read back is not a question of the candidate's own.
    let own_questions: Vec<String> = if repeats_question(answered) {
        Vec::new()
    } else {
        tidied(answered, analysis)
            .into_iter()
            .filter(|sentence| sentence.ends_with('?'))
            .collect()
    };
    let mut sample = vec!["Thank you for your time.".to_owned()];
    if own_questions.is_empty() {
        sample.push(format!(
            "I have two questions. How will {company} measure success in this role in the first six months? And what is the team's biggest priority this year?"
        ));
    } else {
        sample.extend(own_questions);
    }
    sample.push("[One sentence on why you want the role.]".to_owned());
    sample.join(" ")
}

#[cfg(test)]
mod tests {
    use crate::feedback::offline::offline_report;
    use crate::feedback::test_support::{input, CV};

    const STAR_WORDS: [&str; 3] = ["situation", "task", "star"];

    #[test]
    fn motivation_and_closing_get_advice_of_their_own() {
        let report = offline_report(&input(
            CV,
            &[
                (
                    "Why do you want to join Helvetia Ledger AG as Senior Backend Engineer?",
                    "I like the company.",
                ),
                (
                    "To close, what questions do you have for me about the role?",
                    "No, I think you covered everything, thank you.",
                ),
            ],
        ));
        for feedback in &report.questions {
            let advice = format!("{} {}", feedback.to_add.join(" "), feedback.sample_answer);
            let lower = advice.to_lowercase();
            for word in STAR_WORDS {
                assert!(!lower.contains(word), "{word} in: {advice}");
            }
            assert!(!feedback.sample_answer.contains("I like the company"));
        }
        let motivation = &report.questions[0];
        assert!(motivation.to_add[0].starts_with("Why Helvetia Ledger AG in particular"));
        assert!(motivation
            .sample_answer
            .starts_with("A strong answer gives three reasons"));
        let closing = &report.questions[1];
        assert!(closing.to_add[0].starts_with("One or two questions of your own"));
        assert!(closing
            .sample_answer
            .contains("How will Helvetia Ledger AG measure success"));
    }

    #[test]
    fn a_motivation_answer_with_material_is_kept_and_completed() {
        let answer = "Helvetia Ledger books 9 million transactions a day on PostgreSQL, and I have spent four years making a ledger correct to the last cent at Helvetic Clearing.";
        let report = offline_report(&input(
            CV,
            &[("Why do you want to join Helvetia Ledger AG?", answer)],
        ));
        let sample = &report.questions[0].sample_answer;
        assert!(
            sample.contains("books 9 million transactions a day"),
            "{sample}"
        );
        assert!(
            sample.ends_with("[What you want to achieve in your first year.]"),
            "{sample}"
        );
    }
}
