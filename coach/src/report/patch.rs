//! Fills the parts of a model's report that say nothing (refusals, placeholders, empty
//! sections; see `content`) from the offline coach's report, part by part, instead of
//! throwing the whole report away, and lists the parts filled so the report can say which
//! ones the model wrote.

use std::fmt;

use domain::{Dimension, OverallScore, Point, Report};

use crate::report::content::{any_void, misfit, void_text};

/// A part of a report that is written (by the model or by the offline coach) as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportPart {
    Overall,
    Summary,
    Dimension(Dimension),
    Strengths,
    Weaknesses,
    Missing,
    CvTips,
    /// The feedback on one answered question, by its number.
    Question(u8),
    Themes,
    KeyPoints,
}

impl ReportPart {
    /// Where the part comes in a report, first to last.
    fn rank(self) -> (u8, usize) {
        match self {
            ReportPart::Overall => (0, 0),
            ReportPart::Summary => (1, 0),
            ReportPart::Dimension(dimension) => (
                2,
                Dimension::ALL
                    .iter()
                    .position(|d| *d == dimension)
                    .unwrap_or(0),
            ),
            ReportPart::Strengths => (3, 0),
            ReportPart::Weaknesses => (4, 0),
            ReportPart::Missing => (5, 0),
            ReportPart::CvTips => (6, 0),
            ReportPart::Question(number) => (7, usize::from(number)),
            ReportPart::Themes => (8, 0),
            ReportPart::KeyPoints => (9, 0),
        }
    }
}

/// As stored: `summary`, `dimensions.clarity`, `questions.2`…
impl fmt::Display for ReportPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportPart::Overall => f.write_str("overall"),
            ReportPart::Summary => f.write_str("summary"),
            ReportPart::Dimension(dimension) => write!(f, "dimensions.{}", dimension.as_str()),
            ReportPart::Strengths => f.write_str("strengths"),
            ReportPart::Weaknesses => f.write_str("weaknesses"),
            ReportPart::Missing => f.write_str("missing"),
            ReportPart::CvTips => f.write_str("cv_tips"),
            ReportPart::Question(number) => write!(f, "questions.{number}"),
            ReportPart::Themes => f.write_str("themes"),
            ReportPart::KeyPoints => f.write_str("key_points"),
        }
    }
}

/// A report and the parts of it the offline coach wrote in place of the model (none when
/// the model wrote it all, or when the whole report is the offline coach's).
#[derive(Clone, Debug, PartialEq)]
pub struct WrittenReport {
    pub report: Report,
    /// The parts the offline coach wrote, in report order.
    pub offline_parts: Vec<ReportPart>,
}

impl WrittenReport {
    /// Whether the model's words survive anywhere a reader looks first: the summary, the
    /// points or the per-question feedback. Without them the report is not the model's.
    pub fn model_wrote_text(&self) -> bool {
        let report = &self.report;
        let by_model = |part: ReportPart| !self.offline_parts.contains(&part);
        by_model(ReportPart::Summary)
            || (by_model(ReportPart::Strengths) && !report.strengths.is_empty())
            || (by_model(ReportPart::Weaknesses) && !report.weaknesses.is_empty())
            || (by_model(ReportPart::Missing) && !report.missing.is_empty())
            || report
                .questions
                .iter()
                .any(|question| by_model(ReportPart::Question(question.number)))
    }
}

impl WrittenReport {
    /// Where the answers give evidence (the local metrics score them) but the model said
    /// "not enough evidence" or left a dimension unscored, as small models do: the offline
    /// coach's verdict or dimension stands instead, and is named as its part.
    pub fn score_what_the_model_left_unscored(&mut self, offline: &Report) {
        if matches!(self.report.overall, OverallScore::NotEnoughEvidence { .. })
            && offline.overall.score().is_some()
        {
            self.report.overall = offline.overall.clone();
            self.name(ReportPart::Overall);
        }
        for dimension in Dimension::ALL.iter().copied() {
            let local = offline.dimensions.get(dimension);
            if self.report.dimensions.get(dimension).score.is_none() && local.score.is_some() {
                *self.report.dimensions.get_mut(dimension) = local.clone();
                self.name(ReportPart::Dimension(dimension));
            }
        }
    }

    /// Adds `part` to the offline coach's parts, kept in report order.
    fn name(&mut self, part: ReportPart) {
        if !self.offline_parts.contains(&part) {
            self.offline_parts.push(part);
            self.offline_parts.sort_by_key(|part| part.rank());
        }
    }
}

/// Replaces every void part of `model` with the same part of `offline` (the offline coach's
/// report on the same interview). Void items of a list are dropped; a list left empty is
/// the offline coach's.
pub fn fill_void_parts(mut model: Report, offline: &Report) -> WrittenReport {
    let mut filled = Vec::new();
    if let OverallScore::NotEnoughEvidence { reason } = &model.overall {
        if void_text(reason).is_some() {
            model.overall = offline.overall.clone();
            filled.push(ReportPart::Overall);
        }
    }
    if void_text(&model.summary).is_some() {
        model.summary = offline.summary.clone();
        filled.push(ReportPart::Summary);
    }
    for dimension in Dimension::ALL.iter().copied() {
        if void_text(&model.dimensions.get(dimension).comment).is_some() {
            *model.dimensions.get_mut(dimension) = offline.dimensions.get(dimension).clone();
            filled.push(ReportPart::Dimension(dimension));
        }
    }
    for (part, points, fallback) in [
        (
            ReportPart::Strengths,
            &mut model.strengths,
            &offline.strengths,
        ),
        (
            ReportPart::Weaknesses,
            &mut model.weaknesses,
            &offline.weaknesses,
        ),
        (ReportPart::Missing, &mut model.missing, &offline.missing),
    ] {
        points.retain(|point: &Point| void_text(&point.text).is_none());
        fill_if_empty(points, fallback, part, &mut filled);
    }
    model.cv_tips.retain(|tip| {
        let lines = [tip.before.as_deref(), tip.after.as_deref()];
        !any_void(
            [tip.text.as_str()]
                .into_iter()
                .chain(lines.into_iter().flatten()),
        )
    });
    fill_if_empty(
        &mut model.cv_tips,
        &offline.cv_tips,
        ReportPart::CvTips,
        &mut filled,
    );
    for question in &mut model.questions {
        question.worked.retain(|item| void_text(item).is_none());
        question.to_add.retain(|item| void_text(item).is_none());
        let says_nothing = question.worked.is_empty() && question.to_add.is_empty();
        let advice: Vec<String> = question
            .worked
            .iter()
            .chain(&question.to_add)
            .cloned()
            .collect();
        let fits = misfit(
            (&question.question, &question.answer),
            &advice,
            &question.sample_answer,
        )
        .is_none();
        if !says_nothing && fits && void_text(&question.sample_answer).is_none() {
            continue;
        }
        let same = offline
            .questions
            .iter()
            .find(|q| q.number == question.number);
        if let Some(same) = same {
            *question = same.clone();
            filled.push(ReportPart::Question(question.number));
        }
    }
    for (part, items, fallback) in [
        (ReportPart::Themes, &mut model.themes, &offline.themes),
        (
            ReportPart::KeyPoints,
            &mut model.key_points,
            &offline.key_points,
        ),
    ] {
        items.retain(|item| void_text(item).is_none());
        fill_if_empty(items, fallback, part, &mut filled);
    }
    WrittenReport {
        report: model,
        offline_parts: filled,
    }
}

/// An empty list takes the offline coach's, when that one has anything to give.
fn fill_if_empty<T: Clone>(
    items: &mut Vec<T>,
    fallback: &[T],
    part: ReportPart,
    filled: &mut Vec<ReportPart>,
) {
    if items.is_empty() && !fallback.is_empty() {
        *items = fallback.to_vec();
        filled.push(part);
    }
}
