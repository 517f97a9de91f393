//! Strengths, weaknesses and missing pieces, each found in the metrics and quoting the
//! candidate's sentence that shows it. Every point names the question it is about, so the
//! page can link it to the breakdown.

use domain::{AnswerAnalysis, Language, Point, StarComponent};

use crate::interviewer::reading::AnswerKind;
use crate::report::offline::wording::ReportWording;
use crate::report::offline::Context;
use crate::report::quote::{
    clip_quote, first_person, sentence_containing, sentence_naming, sentence_with_phrase, sentences,
};
use crate::report::scores::SUBSTANTIAL_WORDS;
use crate::report::Answered;
use text::words::SearchableText;

const MAX_STRENGTHS: usize = 4;
const MAX_WEAKNESSES: usize = 5;
const MAX_MISSING: usize = 4;
/// Job terms named in one "missing" point.
const MAX_TERMS_LISTED: usize = 4;

fn point(text: String, quote: Option<&str>, answered: &Answered) -> Point {
    Point {
        text,
        quote: quote.map(clip_quote),
        question: Some(answered.number),
    }
}

/// The first answer with the highest key, among those that have one and that address their
/// question (an off-topic answer is neither a strength nor a STAR story short of a number);
/// answers not in `avoid` (already quoted by an earlier point) first, so the points spread
/// over the interview.
fn best<'a, K: PartialOrd>(
    context: &'a Context<'a>,
    avoid: &[u8],
    key: impl Fn(&AnswerAnalysis) -> Option<K>,
) -> Option<(&'a Answered<'a>, &'a AnswerAnalysis)> {
    let mut best: Option<(bool, K, (&Answered, &AnswerAnalysis))> = None;
    let answering = context
        .answers()
        .filter(|(answered, _)| context.kind(answered.number).answers_the_question());
    for (answered, analysis) in answering {
        if let Some(value) = key(analysis) {
            let fresh = !avoid.contains(&answered.number);
            let better = best.as_ref().is_none_or(|(top_fresh, top, _)| {
                (fresh && !top_fresh) || (fresh == *top_fresh && value > *top)
            });
            if better {
                best = Some((fresh, value, (answered, analysis)));
            }
        }
    }
    best.map(|(_, _, found)| found)
}

/// The question numbers the points so far refer to.
fn used(points: &[Point]) -> Vec<u8> {
    points.iter().filter_map(|point| point.question).collect()
}

pub(super) fn strengths(context: &Context) -> Vec<Point> {
    let w = context.wording();
    let mut points = Vec::new();
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        a.star.is_complete().then_some(a.specificity.score)
    }) {
        let quote = analysis
            .star
            .result
            .as_deref()
            .and_then(|cue| sentence_containing(answered.answer, cue));
        points.push(point(
            w.fill(w.strength_star, &[("n", &answered.number.to_string())]),
            quote,
            answered,
        ));
    }
    let measured = |a: &AnswerAnalysis| {
        a.specificity
            .outcomes
            .iter()
            .find(|outcome| {
                a.specificity
                    .numbers
                    .iter()
                    .any(|n| outcome.contains(&n.text))
            })
            .cloned()
    };
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        measured(a).map(|_| a.specificity.numbers.len())
    }) {
        let outcome = measured(analysis).unwrap_or_default();
        points.push(point(
            w.fill(w.strength_measured, &[("n", &answered.number.to_string())]),
            sentence_containing(answered.answer, &outcome),
            answered,
        ));
    } else if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        (!a.specificity.numbers.is_empty()).then_some(a.specificity.numbers.len())
    }) {
        let first = &analysis.specificity.numbers[0].text;
        points.push(point(
            w.fill(
                w.strength_numbers,
                &[(
                    "list",
                    &w.list(
                        &analysis
                            .specificity
                            .numbers
                            .iter()
                            .map(|n| n.text.clone())
                            .collect::<Vec<_>>(),
                        3,
                    ),
                )],
            ),
            sentence_containing(answered.answer, first),
            answered,
        ));
    }
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        (!a.coverage.used.is_empty()).then_some(a.coverage.used.len())
    }) {
        let quote = first_sentence_naming(context, answered.answer, &analysis.coverage.used);
        points.push(point(
            w.fill(
                w.strength_terms,
                &[("list", &w.list(&analysis.coverage.used, MAX_TERMS_LISTED))],
            ),
            quote,
            answered,
        ));
    }
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        let count: u32 = a.confidence.commitments.iter().map(|p| p.count).sum();
        (count > 0 && a.pronouns.i_count > 0).then_some(count)
    }) {
        let phrase = &analysis.confidence.commitments[0].phrase;
        points.push(point(
            w.fill(
                w.strength_first_person,
                &[("phrase", &first_person(phrase))],
            ),
            sentence_with_phrase(answered.answer, phrase),
            answered,
        ));
    }
    points.truncate(MAX_STRENGTHS);
    points
}

/// The sentence of `answer` naming the first of `terms` it names, matched as the analysis
/// matches job terms.
fn first_sentence_naming<'a>(
    context: &Context,
    answer: &'a str,
    terms: &[String],
) -> Option<&'a str> {
    let skills = &context.documents.job;
    terms.iter().find_map(
        |term| match skills.iter().find(|skill| &skill.name == term) {
            Some(skill) => sentence_naming(answer, |text: &SearchableText| skill.is_in(text)),
            None => sentence_containing(answer, term),
        },
    )
}

pub(super) fn weaknesses(context: &Context) -> Vec<Point> {
    let w = context.wording();
    let mut points = Vec::new();
    for (answered, analysis) in context.answers() {
        if analysis.word_count < SUBSTANTIAL_WORDS {
            points.push(point(
                w.fill(
                    w.weak_short,
                    &[
                        ("n", &answered.number.to_string()),
                        ("words", &w.word_count(analysis.word_count)),
                    ],
                ),
                sentences(answered.answer).first().copied(),
                answered,
            ));
        }
    }
    for (answered, analysis) in context.answers() {
        let off = matches!(
            context.kind(answered.number),
            AnswerKind::OffTopic | AnswerKind::NotAnAnswer
        );
        if off && analysis.word_count >= SUBSTANTIAL_WORDS {
            points.push(point(
                w.fill(w.weak_off_topic, &[("n", &answered.number.to_string())]),
                sentences(answered.answer).first().copied(),
                answered,
            ));
        }
    }
    let substantial = |a: &AnswerAnalysis| a.word_count >= SUBSTANTIAL_WORDS;
    if let Some((answered, _)) = best(context, &used(&points), |a| {
        (substantial(a) && a.star.result.is_none()).then_some(a.word_count)
    }) {
        points.push(point(
            w.fill(w.weak_no_result, &[("n", &answered.number.to_string())]),
            sentences(answered.answer).last().copied(),
            answered,
        ));
    }
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        let count: u32 = a.confidence.hedges.iter().map(|p| p.count).sum();
        (count > 0).then_some(count)
    }) {
        let phrases: Vec<String> = analysis
            .confidence
            .hedges
            .iter()
            .map(|p| quoted(w, &first_person(&p.phrase)))
            .collect();
        points.push(point(
            w.fill(w.weak_hedging, &[("list", &w.list(&phrases, 3))]),
            sentence_with_phrase(answered.answer, &analysis.confidence.hedges[0].phrase),
            answered,
        ));
    }
    if let Some((answered, _)) = best(context, &used(&points), |a| {
        (a.pronouns.we_count >= 2 && a.pronouns.i_count == 0).then_some(a.pronouns.we_count)
    }) {
        points.push(point(
            w.fill(w.weak_we, &[("n", &answered.number.to_string())]),
            sentence_with_phrase(answered.answer, w.we),
            answered,
        ));
    }
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        (substantial(a) && a.specificity.numbers.is_empty()).then_some(a.word_count)
    }) {
        let quote = analysis
            .star
            .action
            .as_deref()
            .and_then(|cue| sentence_containing(answered.answer, cue))
            .or_else(|| sentences(answered.answer).first().copied());
        points.push(point(
            w.fill(w.weak_no_number, &[("n", &answered.number.to_string())]),
            quote,
            answered,
        ));
    }
    if let Some((answered, analysis)) = best(context, &used(&points), |a| {
        (a.fillers.count > 0).then_some(a.fillers.count)
    }) {
        let phrases: Vec<String> = analysis
            .fillers
            .phrases
            .iter()
            .map(|p| quoted(w, &p.phrase))
            .collect();
        points.push(point(
            w.fill(w.weak_fillers, &[("list", &w.list(&phrases, 3))]),
            sentence_with_phrase(answered.answer, &analysis.fillers.phrases[0].phrase),
            answered,
        ));
    }
    points.truncate(MAX_WEAKNESSES);
    points
}

pub(super) fn missing(context: &Context) -> Vec<Point> {
    let analysis = context.analysis;
    if analysis.answers.is_empty() {
        return Vec::new();
    }
    let w = context.wording();
    let mut points = Vec::new();
    let cv = SearchableText::new(&context.input.cv);
    let in_cv = |term: &String| {
        context
            .documents
            .job
            .iter()
            .find(|skill| &skill.name == term)
            .is_some_and(|skill| skill.is_in(&cv))
    };
    let (backed, unbacked): (Vec<String>, Vec<String>) =
        analysis.coverage.missed.iter().cloned().partition(in_cv);
    if !backed.is_empty() {
        points.push(unquoted(w.fill(
            w.missing_backed,
            &[
                ("list", &w.list(&backed, MAX_TERMS_LISTED)),
                ("them", w.them(&backed)),
            ],
        )));
    }
    if !unbacked.is_empty() {
        points.push(unquoted(w.fill(
            w.missing_unbacked,
            &[
                ("list", &w.list(&unbacked, MAX_TERMS_LISTED)),
                ("them", w.them(&unbacked)),
            ],
        )));
    }
    let star = &analysis.star;
    let never: Vec<StarComponent> = StarComponent::ALL
        .iter()
        .copied()
        .filter(|component| {
            let count = match component {
                StarComponent::Situation => star.situation,
                StarComponent::Task => star.task,
                StarComponent::Action => star.action,
                StarComponent::Result => star.result,
            };
            count == 0
        })
        .collect();
    if !never.is_empty() {
        let names: Vec<String> = never
            .iter()
            .map(|&component| w.component(component).to_owned())
            .collect();
        points.push(unquoted(
            w.fill(w.missing_star, &[("list", &w.list(&names, 4))]),
        ));
    }
    if analysis.specificity.numbers.is_empty() {
        points.push(unquoted(w.fill(w.missing_number, &[])));
    }
    let company = context.input.company.trim();
    let short_name = company.split_whitespace().next().unwrap_or("");
    if !short_name.is_empty()
        && context.answered.iter().all(|answered| {
            !answered
                .answer
                .to_lowercase()
                .contains(&short_name.to_lowercase())
        })
    {
        points.push(unquoted(w.fill(w.missing_why, &[("company", company)])));
    }
    points.truncate(MAX_MISSING);
    points
}

fn unquoted(text: String) -> Point {
    Point {
        text,
        quote: None,
        question: None,
    }
}

/// A phrase of the answer in the language's quotation marks.
fn quoted(wording: &ReportWording, phrase: &str) -> String {
    match wording.language {
        Language::French => format!("«\u{a0}{phrase}\u{a0}»"),
        Language::German => format!("„{phrase}“"),
        Language::Spanish => format!("«{phrase}»"),
        // English, the wording of every language the coach does not speak.
        _ => format!("\u{201c}{phrase}\u{201d}"),
    }
}
