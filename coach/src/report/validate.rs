//! Turns an LLM's reply into the LLM's part of a report, or says precisely what is wrong
//! with it, in words the repair prompt can send back.
//!
//! 1. `extract`: the JSON object inside the reply (code fences and prose around it dropped).
//! 2. `conform`: the object held to the report schema, value by value, with the deliberate
//!    coercions documented there (numbers in strings, a 0–1 score scale, a bare overall
//!    score, unknown fields dropped); the result is read by serde into typed structs.
//! 3. Here, the rules between fields and against the interview: string lengths (a text up to
//!    twice its limit is cut at a sentence or word end), one verdict (a score, or a "not
//!    enough evidence" reason; both is the score), one breakdown entry per answered question,
//!    question numbers that were answered. A quote the candidate never said is dropped (the
//!    point stays), never shown as theirs; so is a CV "before" line the CV does not contain.

mod conform;
mod extract;

use domain::{
    CvTip, Dimension, DimensionScores, GeneratedBy, InterviewAnalysis, OverallScore, Point,
    QuestionFeedback, Report, Sentiment,
};
use serde::Deserialize;

use crate::report::quote::is_quoted_from;
use crate::report::schema::report_json_schema;
use crate::report::{Answered, FeedbackInput};
use conform::{conform, normalise_score_scale, unwrap_bare_overall, Problems};
use extract::{json_object, Unreadable};
use text::controls::is_unwanted_control;

/// Longest accepted texts, in characters.
const MAX_SUMMARY_CHARS: usize = 800;
const MAX_COMMENT_CHARS: usize = 400;
const MAX_POINT_CHARS: usize = 400;
const MAX_QUOTE_CHARS: usize = 600;
const MAX_LINE_CHARS: usize = 400;
const MAX_ITEM_CHARS: usize = 300;
const MAX_SAMPLE_ANSWER_CHARS: usize = 2_500;
const MAX_THEME_CHARS: usize = 60;

/// Why a reply cannot be used. The message is meant for the repair prompt.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("the reply contains no JSON object")]
    NoJson,
    #[error("the JSON object is cut off before its end ({0}); reply with the complete object")]
    Truncated(String),
    #[error("the reply is not valid JSON: {0}")]
    Syntax(String),
    /// Every problem found, each starting with its path.
    #[error("{}", .0.join("; "))]
    Invalid(Vec<String>),
}

/// The part of a report an LLM writes, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct LlmReport {
    pub overall: OverallScore,
    pub summary: String,
    pub dimensions: DimensionScores,
    pub strengths: Vec<Point>,
    pub weaknesses: Vec<Point>,
    pub missing: Vec<Point>,
    pub cv_tips: Vec<CvTip>,
    pub questions: Vec<QuestionFeedback>,
    pub themes: Vec<String>,
    pub key_points: Vec<String>,
    pub sentiment: Sentiment,
}

impl LlmReport {
    /// The whole report; pass it through [`crate::report::reconcile`] before storing it.
    pub fn into_report(self, analysis: InterviewAnalysis, generated_by: GeneratedBy) -> Report {
        Report {
            overall: self.overall,
            summary: self.summary,
            dimensions: self.dimensions,
            strengths: self.strengths,
            weaknesses: self.weaknesses,
            missing: self.missing,
            cv_tips: self.cv_tips,
            questions: self.questions,
            themes: self.themes,
            key_points: self.key_points,
            sentiment: self.sentiment,
            analysis,
            generated_by,
        }
    }
}

/// The reply once it has the schema's shape (the schema's names and nesting; domain types
/// where they have the same fields).
#[derive(Deserialize)]
struct Wire {
    overall: WireOverall,
    summary: String,
    dimensions: DimensionScores,
    strengths: Vec<Point>,
    weaknesses: Vec<Point>,
    missing: Vec<Point>,
    cv_tips: Vec<CvTip>,
    questions: Vec<WireQuestion>,
    themes: Vec<String>,
    key_points: Vec<String>,
    sentiment: f64,
}

#[derive(Deserialize)]
struct WireOverall {
    score: Option<u8>,
    not_enough_evidence: Option<String>,
}

#[derive(Deserialize)]
struct WireQuestion {
    number: u8,
    worked: Vec<String>,
    to_add: Vec<String>,
    sample_answer: String,
}

/// The JSON object inside `reply` (see `extract`).
pub fn reply_object(
    reply: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, ReportError> {
    json_object(reply).map_err(|unreadable| match unreadable {
        Unreadable::NoObject => ReportError::NoJson,
        Unreadable::Truncated(message) => ReportError::Truncated(message),
        Unreadable::Syntax(message) => ReportError::Syntax(message),
    })
}

/// The LLM's part of the report in `reply`, checked against `input`.
pub fn parse_llm_report(reply: &str, input: &FeedbackInput) -> Result<LlmReport, ReportError> {
    let mut object = reply_object(reply)?;
    unwrap_bare_overall(&mut object);
    normalise_score_scale(&mut object);
    for value in object.values_mut() {
        drop_control_characters(value);
    }
    let mut problems = Problems::default();
    let shaped = conform(
        &report_json_schema(),
        Some(&serde_json::Value::Object(object)),
        "",
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(ReportError::Invalid(problems.into_vec()));
    }
    let wire: Wire = serde_json::from_value(shaped)
        .map_err(|error| ReportError::Invalid(vec![error.to_string()]))?;
    check(wire, input)
}

/// Removes NUL (which PostgreSQL refuses in stored JSON) and other control characters from
/// every string in a reply; line breaks and tabs stay.
fn drop_control_characters(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => text.retain(|c| !is_unwanted_control(c)),
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_control_characters),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(drop_control_characters),
        _ => {}
    }
}

fn check(mut wire: Wire, input: &FeedbackInput) -> Result<LlmReport, ReportError> {
    let answered = input.answered();
    let mut problems = Problems::default();
    let mut overall = match (wire.overall.score, wire.overall.not_enough_evidence) {
        (Some(score), None) => OverallScore::Scored { score },
        (None, Some(reason)) => OverallScore::NotEnoughEvidence { reason },
        (None, None) => {
            problems.push("overall", "give a score or a not_enough_evidence reason");
            OverallScore::Scored { score: 1 }
        }
        // A score and a reason both (small models fill every field): the model judged, so
        // the score stands; the guard still turns it into "not enough evidence" when the
        // answers are too thin to score.
        (Some(score), Some(_)) => OverallScore::Scored { score },
    };
    if let OverallScore::NotEnoughEvidence { reason } = &mut overall {
        fit(
            &mut problems,
            "overall.not_enough_evidence",
            reason,
            MAX_COMMENT_CHARS,
        );
    }
    fit(
        &mut problems,
        "summary",
        &mut wire.summary,
        MAX_SUMMARY_CHARS,
    );
    for dimension in Dimension::ALL.iter().copied() {
        let path = format!("dimensions.{}.comment", dimension.as_str());
        let comment = &mut wire.dimensions.get_mut(dimension).comment;
        fit(&mut problems, &path, comment, MAX_COMMENT_CHARS);
    }
    let strengths = points(&mut problems, "strengths", wire.strengths, &answered);
    let weaknesses = points(&mut problems, "weaknesses", wire.weaknesses, &answered);
    let missing = points(&mut problems, "missing", wire.missing, &answered);
    let cv_tips = cv_tips(&mut problems, wire.cv_tips, &input.cv);
    let questions = questions(&mut problems, wire.questions, &answered);
    for (list, name, max) in [
        (&mut wire.themes, "themes", MAX_THEME_CHARS),
        (&mut wire.key_points, "key_points", MAX_ITEM_CHARS),
    ] {
        for (index, item) in list.iter_mut().enumerate() {
            fit(&mut problems, &format!("{name}[{index}]"), item, max);
        }
    }
    if !problems.is_empty() {
        return Err(ReportError::Invalid(problems.into_vec()));
    }
    Ok(LlmReport {
        overall,
        summary: wire.summary,
        dimensions: wire.dimensions,
        strengths,
        weaknesses,
        missing,
        cv_tips,
        questions,
        themes: wire.themes,
        key_points: wire.key_points,
        sentiment: Sentiment::from_score(wire.sentiment),
    })
}

/// A text at most `max` characters long; one up to twice as long is cut at its last sentence
/// (or word) end within `max`, as small models overrun a limit by a few words; a longer one
/// is a problem.
fn fit(problems: &mut Problems, path: &str, text: &mut String, max: usize) {
    let chars = text.chars().count();
    if chars > max && chars <= 2 * max {
        *text = clipped(text, max);
    } else {
        length(problems, path, text, max);
    }
}

/// `text` cut to at most `max` characters: after its last full stop, question or exclamation
/// mark in that span, else before its last space, with an ellipsis.
fn clipped(text: &str, max: usize) -> String {
    let end = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..end];
    if let Some(at) = head.rfind(['.', '?', '!']).filter(|&at| at > end / 2) {
        return head[..=at].to_owned();
    }
    let word_end = head.rfind(' ').unwrap_or(head.len());
    let trimmed = head[..word_end].trim_end_matches([',', ';', ':', ' ']);
    // The ellipsis takes one character of the limit.
    let trimmed = match trimmed.char_indices().nth(max.saturating_sub(1)) {
        Some((at, _)) => &trimmed[..at],
        None => trimmed,
    };
    format!("{trimmed}…")
}

fn length(problems: &mut Problems, path: &str, text: &str, max: usize) {
    let chars = text.chars().count();
    if chars > max {
        problems.push(path, format!("{chars} characters, at most {max}"));
    }
}

fn answered_list(answered: &[Answered]) -> String {
    let numbers: Vec<String> = answered.iter().map(|a| a.number.to_string()).collect();
    if numbers.is_empty() {
        "none".to_owned()
    } else {
        numbers.join(", ")
    }
}

/// Points with their question numbers checked and their quotes verified: a quote that is not
/// in the answer it names (or, without a number, in any answer) is dropped.
fn points(
    problems: &mut Problems,
    name: &str,
    points: Vec<Point>,
    answered: &[Answered],
) -> Vec<Point> {
    points
        .into_iter()
        .enumerate()
        .map(|(index, mut point)| {
            let path = format!("{name}[{index}]");
            fit(
                problems,
                &format!("{path}.text"),
                &mut point.text,
                MAX_POINT_CHARS,
            );
            if let Some(quote) = &point.quote {
                length(problems, &format!("{path}.quote"), quote, MAX_QUOTE_CHARS);
            }
            let answer = match point.question {
                Some(number) => match answered.iter().find(|a| a.number == number) {
                    Some(answer) => Some(answer),
                    None => {
                        problems.push(
                            &format!("{path}.question"),
                            format!(
                                "{number} is not an answered question (answered: {})",
                                answered_list(answered)
                            ),
                        );
                        None
                    }
                },
                None => None,
            };
            if let Some(quote) = point.quote.take() {
                let source = match answer {
                    Some(answer) => is_quoted_from(&quote, answer.answer).then_some(answer),
                    None => answered.iter().find(|a| is_quoted_from(&quote, a.answer)),
                };
                if let Some(source) = source {
                    point.quote = Some(quote);
                    point.question = Some(source.number);
                }
            }
            point
        })
        .collect()
}

fn cv_tips(problems: &mut Problems, tips: Vec<CvTip>, cv: &str) -> Vec<CvTip> {
    tips.into_iter()
        .enumerate()
        .map(|(index, mut tip)| {
            let path = format!("cv_tips[{index}]");
            fit(
                problems,
                &format!("{path}.text"),
                &mut tip.text,
                MAX_POINT_CHARS,
            );
            // The "before" line is the CV's own: never cut, only checked.
            if let Some(before) = &tip.before {
                length(problems, &format!("{path}.before"), before, MAX_LINE_CHARS);
            }
            if let Some(after) = &mut tip.after {
                fit(problems, &format!("{path}.after"), after, MAX_LINE_CHARS);
            }
            let in_cv =
                |line: &str| is_quoted_from(line.trim_start_matches(['-', '•', '*', ' ']), cv);
            if tip.before.as_deref().is_some_and(|before| !in_cv(before)) {
                tip.before = None;
            }
            tip
        })
        .collect()
}

/// One entry per answered question, in order, with the question and answer as they were.
fn questions(
    problems: &mut Problems,
    entries: Vec<WireQuestion>,
    answered: &[Answered],
) -> Vec<QuestionFeedback> {
    let mut found: Vec<QuestionFeedback> = Vec::new();
    for (index, mut entry) in entries.into_iter().enumerate() {
        let path = format!("questions[{index}]");
        let Some(source) = answered.iter().find(|a| a.number == entry.number) else {
            problems.push(
                &format!("{path}.number"),
                format!(
                    "{} is not an answered question (answered: {})",
                    entry.number,
                    answered_list(answered)
                ),
            );
            continue;
        };
        if found.iter().any(|q| q.number == entry.number) {
            problems.push(
                &format!("{path}.number"),
                format!("question {} appears twice", entry.number),
            );
            continue;
        }
        for (field, items) in [("worked", &mut entry.worked), ("to_add", &mut entry.to_add)] {
            for (item_index, item) in items.iter_mut().enumerate() {
                fit(
                    problems,
                    &format!("{path}.{field}[{item_index}]"),
                    item,
                    MAX_ITEM_CHARS,
                );
            }
        }
        fit(
            problems,
            &format!("{path}.sample_answer"),
            &mut entry.sample_answer,
            MAX_SAMPLE_ANSWER_CHARS,
        );
        found.push(QuestionFeedback {
            number: entry.number,
            question: source.question.to_owned(),
            answer: source.answer.to_owned(),
            worked: entry.worked,
            to_add: entry.to_add,
            sample_answer: entry.sample_answer,
            delivery: None,
        });
    }
    for source in answered {
        if !found.iter().any(|q| q.number == source.number) {
            problems.push(
                "questions",
                format!("question {} has no entry", source.number),
            );
        }
    }
    found.sort_by_key(|q| q.number);
    found
}

#[cfg(test)]
mod tests;
