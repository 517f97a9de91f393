//! Practising a question again: one answer scored on its own by the report's measure, and an
//! attempt compared with the original answer (what improved, what it still lacks).
//!
//! **The score of one answer** is the offline report's overall score of an interview made of
//! that one answer (`scores::local_scores`, consistency left out as with any single answer),
//! so an attempt and the original are judged by the same local analysis as the report.
//!
//! **The comparison** reads both answers' analysis: STAR parts, figures, job terms, the
//! personal "I", fillers, hedges and length. STAR parts and figures are asked of story
//! questions only, as the report's advice does (a motivation or closing answer needs neither).

use domain::{AnswerAnalysis, QuestionKind, StarComponent};

use crate::report::offline::question_kind::QuestionKind as Asked;
use crate::report::scores::{local_scores, weighted_overall};
use analysis::Analyser;

/// An answer is thin below this many words and rambles above the other (as the scores say).
const FULL_ANSWER_WORDS: u32 = 50;
const RAMBLING_WORDS: u32 = 300;
/// Fillers or hedges from this many count as a habit worth naming.
const HABIT_FROM: u32 = 2;

/// Scores answers to the questions of one interview (its job description and CV).
pub struct AttemptScorer {
    analyser: Analyser,
}

/// One answer's analysis and its score on the report's 1–10 scale.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredAnswer {
    pub score: u8,
    pub analysis: AnswerAnalysis,
}

/// What an attempt does better than the original answer, and what it still lacks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub improved: Vec<String>,
    pub lacking: Vec<String>,
}

impl AttemptScorer {
    pub fn new(job_description: &str, cv: &str) -> Self {
        Self {
            analyser: Analyser::new(job_description, cv),
        }
    }

    pub fn score(&self, question: &str, answer: &str) -> ScoredAnswer {
        let interview = self.analyser.analyse_interview(&[(question, answer)]);
        let score = weighted_overall(&local_scores(&interview).dimensions);
        let analysis = interview
            .answers
            .into_iter()
            .next()
            .unwrap_or_else(|| self.analyser.analyse_answer(question, answer));
        ScoredAnswer { score, analysis }
    }

    /// The offline report's overall score of these (question, answer) pairs; `None` when they
    /// are too thin to score.
    pub fn overall(&self, exchanges: &[(&str, &str)]) -> Option<u8> {
        local_scores(&self.analyser.analyse_interview(exchanges))
            .overall
            .ok()
    }
}

/// What `question` asks for, read from its wording as the report reads it.
pub fn question_kind(question: &str) -> QuestionKind {
    match Asked::of(question) {
        Asked::Story => QuestionKind::Story,
        Asked::Background => QuestionKind::Background,
        Asked::Motivation => QuestionKind::Motivation,
        Asked::Closing => QuestionKind::Closing,
    }
}

/// `attempt` against `original`, both answers to a question of `kind`.
pub fn compare(
    kind: QuestionKind,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
) -> Comparison {
    let mut comparison = Comparison::default();
    if kind == QuestionKind::Story {
        star(original, attempt, &mut comparison);
        figures(original, attempt, &mut comparison);
    }
    job_terms(kind, original, attempt, &mut comparison);
    if matches!(kind, QuestionKind::Story | QuestionKind::Background) {
        personal(original, attempt, &mut comparison);
    }
    habits(original, attempt, &mut comparison);
    length(original, attempt, &mut comparison);
    comparison
}

fn star(original: &AnswerAnalysis, attempt: &AnswerAnalysis, out: &mut Comparison) {
    for &component in StarComponent::ALL {
        let before = original.star.cue(component).is_some();
        match attempt.star.cue(component) {
            Some(cue) if !before => out.improved.push(format!(
                "The {} is there now (\u{201c}{cue}\u{201d}).",
                component.label().to_lowercase()
            )),
            Some(_) => {}
            None => out.lacking.push(format!(
                "{}{}",
                missing_star(component),
                if before {
                    " The first answer had it."
                } else {
                    ""
                }
            )),
        }
    }
}

fn missing_star(component: StarComponent) -> &'static str {
    match component {
        StarComponent::Situation => "No situation: say where and when it happened.",
        StarComponent::Task => "No task: say what you had to achieve.",
        StarComponent::Action => "No action: say what you did, step by step.",
        StarComponent::Result => "No result: say how it ended.",
    }
}

fn figures(original: &AnswerAnalysis, attempt: &AnswerAnalysis, out: &mut Comparison) {
    let before: Vec<&str> = original
        .specificity
        .numbers
        .iter()
        .map(|number| number.text.as_str())
        .collect();
    let new: Vec<&str> = attempt
        .specificity
        .numbers
        .iter()
        .map(|number| number.text.as_str())
        .filter(|text| !before.contains(text))
        .collect();
    if attempt.specificity.numbers.is_empty() {
        out.lacking
            .push("No figure: add a measurable result (a percentage, a time, an amount).".into());
    } else if !new.is_empty() {
        let what = if before.is_empty() {
            "A measurable result now"
        } else {
            "More figures"
        };
        out.improved.push(format!("{what}: {}.", new.join(", ")));
    }
}

fn job_terms(
    kind: QuestionKind,
    original: &AnswerAnalysis,
    attempt: &AnswerAnalysis,
    out: &mut Comparison,
) {
    let new: Vec<&str> = attempt
        .coverage
        .used
        .iter()
        .filter(|term| !original.coverage.used.contains(term))
        .map(String::as_str)
        .collect();
    if !new.is_empty() {
        out.improved.push(format!(
            "Names {} from the job description.",
            new.join(", ")
        ));
    }
    let job_has_terms = !attempt.coverage.missed.is_empty();
    if attempt.coverage.used.is_empty() && job_has_terms && kind != QuestionKind::Closing {
        out.lacking.push(
            "No term from the job description: tie the answer to what the job asks for.".into(),
        );
    }
}

fn personal(original: &AnswerAnalysis, attempt: &AnswerAnalysis, out: &mut Comparison) {
    let (before, after) = (&original.pronouns, &attempt.pronouns);
    if after.i_count > 0 && before.i_count == 0 {
        out.improved
            .push("Says what you did yourself (\u{201c}I\u{201d}).".into());
    }
    if after.i_count == 0 {
        let still = if before.i_count == 0 {
            "Still no"
        } else {
            "No"
        };
        out.lacking.push(format!(
            "{still} personal \u{201c}I\u{201d}: say what you did yourself, not only what the team did."
        ));
    }
}

fn habits(original: &AnswerAnalysis, attempt: &AnswerAnalysis, out: &mut Comparison) {
    let hedges = |analysis: &AnswerAnalysis| {
        analysis
            .confidence
            .hedges
            .iter()
            .map(|hedge| hedge.count)
            .sum::<u32>()
    };
    let pairs = [
        (
            "filler words",
            original.fillers.count,
            attempt.fillers.count,
        ),
        ("hedges", hedges(original), hedges(attempt)),
    ];
    for (what, before, after) in pairs {
        if before >= HABIT_FROM && after < before {
            out.improved
                .push(format!("Fewer {what}: {after} instead of {before}."));
        }
        if after >= HABIT_FROM {
            out.lacking
                .push(format!("{after} {what}: say it plainly, with conviction."));
        }
    }
}

fn length(original: &AnswerAnalysis, attempt: &AnswerAnalysis, out: &mut Comparison) {
    let (before, after) = (original.word_count, attempt.word_count);
    if before < FULL_ANSWER_WORDS && after > before && after >= FULL_ANSWER_WORDS.min(before * 2) {
        out.improved
            .push(format!("More depth: {after} words instead of {before}."));
    }
    if after < FULL_ANSWER_WORDS {
        out.lacking.push(format!(
            "Short: {after} words; a full answer takes about {FULL_ANSWER_WORDS} to {RAMBLING_WORDS}."
        ));
    } else if after > RAMBLING_WORDS {
        out.lacking.push(format!(
            "Long: {after} words; keep it under {RAMBLING_WORDS}."
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{CV, JOB, STRONG, WEAK};

    fn scorer() -> AttemptScorer {
        AttemptScorer::new(JOB, CV)
    }

    #[test]
    fn a_stronger_answer_scores_higher_and_says_what_improved() {
        let scorer = scorer();
        let (question, weak) = WEAK[1];
        let strong = STRONG[1].1;
        let (before, after) = (scorer.score(question, weak), scorer.score(question, strong));
        assert!(
            after.score >= before.score + 3,
            "{} → {}",
            before.score,
            after.score
        );
        let comparison = compare(question_kind(question), &before.analysis, &after.analysis);
        let improved = comparison.improved.join("\n");
        for expected in [
            "The action is there now",
            "A measurable result now",
            "12 months",
            "Fewer hedges",
        ] {
            assert!(improved.contains(expected), "{expected} in {improved}");
        }
        assert!(
            !comparison
                .lacking
                .iter()
                .any(|item| item.starts_with("No ")),
            "{:?}",
            comparison.lacking
        );
    }

    #[test]
    fn what_still_lacks_is_named_and_what_was_lost_says_so() {
        let scorer = scorer();
        let question = STRONG[0].0;
        let original = scorer.score(question, STRONG[0].1);
        let team_only = "We looked at the ledger at month end and we changed the postings so that they were idempotent, and the team reviewed the work together.";
        let attempt = scorer.score(question, team_only);
        assert!(attempt.score < original.score);
        let comparison = compare(QuestionKind::Story, &original.analysis, &attempt.analysis);
        let lacking = comparison.lacking.join("\n");
        for expected in [
            "No result: say how it ended. The first answer had it.",
            "No figure",
            "No personal \u{201c}I\u{201d}",
            "Short: ",
        ] {
            assert!(lacking.contains(expected), "{expected} in {lacking}");
        }
        assert!(comparison.improved.is_empty(), "{:?}", comparison.improved);
    }

    #[test]
    fn stories_are_held_to_star_and_figures_other_questions_are_not() {
        let scorer = scorer();
        let question = "Why do you want to join Helvetia Ledger AG?";
        let answer = scorer.score(question, "I want to work on a ledger that banks rely on, with a team that values careful code review, Go and PostgreSQL in production, and I like that you run Kafka at scale.");
        assert_eq!(question_kind(question), QuestionKind::Motivation);
        let comparison = compare(QuestionKind::Motivation, &answer.analysis, &answer.analysis);
        assert!(
            !comparison
                .lacking
                .iter()
                .any(|item| item.starts_with("No result") || item.starts_with("No figure")),
            "{:?}",
            comparison.lacking
        );
        assert_eq!(question_kind(STRONG[1].0), QuestionKind::Story);
    }

    #[test]
    fn the_overall_score_rises_with_the_better_answers() {
        let scorer = scorer();
        let pairs = |answers: [&(&'static str, &'static str); 3]| {
            answers.map(|(question, answer)| (*question, *answer))
        };
        let weak = scorer
            .overall(&pairs([&WEAK[0], &WEAK[1], &WEAK[2]]))
            .unwrap();
        let one_better = scorer
            .overall(&pairs([&WEAK[0], &STRONG[1], &WEAK[2]]))
            .unwrap();
        assert!(one_better > weak, "{weak} → {one_better}");
        assert_eq!(scorer.overall(&[("Q?", "Yes.")]), None);
    }
}
