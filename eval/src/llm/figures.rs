//! The figures of an LLM run: per interview the same measures as `make eval` (from
//! `crate::metrics`, on the transcript and report fetched from the app), plus what a real
//! model adds: labelled and repeated questions, who asked and who wrote, latency, and the
//! HTTP statuses that must not happen (408, 5xx, no response). Then pooled over interviews.

use std::collections::BTreeMap;

use domain::{Dimension, InterviewId, Report};
use serde::Serialize;
use services::interviewer::chain::{seed_of, OFFLINE_INTERVIEWER};

use super::drive::{Asked, Driven};
use crate::interview::{coach_for, Turn};
use crate::metrics::calibration::Band;
use crate::metrics::grounding::{grounding, Documents};
use crate::metrics::listening::{job_words, listening, off_topic_noticed};
use crate::metrics::report::report_checks;
use crate::metrics::shape::{shape, MAX_JACCARD};
use crate::metrics::Rate;
use crate::pairs::Pair;
use crate::personas::Persona;
use crate::text::jaccard;

/// One interview measured.
#[derive(Clone, Debug, Serialize)]
pub struct InterviewFigures {
    pub pair: String,
    pub profession: String,
    pub persona: Persona,
    pub interview_id: Option<String>,
    /// `None`: no report, or "not enough evidence".
    pub score: Option<u8>,
    pub band: String,
    /// `None` without a report.
    pub in_band: Option<bool>,
    pub listening: Option<Rate>,
    pub off_topic_noticed: Option<Rate>,
    pub grounding: Rate,
    pub shape: Rate,
    /// `None` without a report.
    pub report: Option<Rate>,
    pub questions: usize,
    /// Questions that open with a label: "Question 3:", "Q3.", "3)".
    pub labelled: usize,
    /// Questions that repeat an earlier one (word-set Jaccard ≥ shape's near-duplicate bar).
    pub repeated: usize,
    /// Questions asked by a model, by the offline coach, and whose asker is unknown.
    pub asked_by_model: usize,
    pub asked_offline: usize,
    /// Who wrote the report (`generated_by.provider`) and whether it is the offline fallback.
    pub report_provider: Option<String>,
    pub report_offline_fallback: Option<bool>,
    /// Parts of the report the model wrote, of all its parts (see [`report_parts`]).
    pub report_parts: Option<(usize, usize)>,
    pub offline_parts: Vec<String>,
    pub first_delta_secs: Vec<f64>,
    pub question_secs: Vec<f64>,
    pub report_secs: Option<f64>,
    pub statuses: BTreeMap<u16, usize>,
    /// Responses that were 408, 5xx, or none at all.
    pub bad_statuses: usize,
    pub errors: Vec<String>,
    pub transcript: Vec<Asked>,
}

/// p50 and max of a set of durations in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    pub count: usize,
    pub p50: Option<f64>,
    pub max: Option<f64>,
}

impl Spread {
    /// The median is the lower middle value when the count is even (a value that happened).
    pub fn of(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Spread {
            count: sorted.len(),
            p50: sorted.get(sorted.len().saturating_sub(1) / 2).copied(),
            max: sorted.last().copied(),
        }
    }

    /// `1.2 s / 8.0 s`, or `–`.
    pub fn display(&self) -> String {
        match (self.p50, self.max) {
            (Some(p50), Some(max)) => format!("{p50:.1} s / {max:.1} s"),
            _ => "–".to_owned(),
        }
    }
}

/// The figures pooled over interviews.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Pooled {
    pub interviews: usize,
    /// Interviews that got every question and their report, without errors.
    pub completed: usize,
    /// Per persona: interviews whose score is in the persona's band, of those with a report.
    pub in_band: BTreeMap<String, (usize, usize)>,
    pub listening: Rate,
    pub off_topic_noticed: Rate,
    pub grounding: Rate,
    pub shape: Rate,
    pub report: Rate,
    pub questions: usize,
    pub labelled: usize,
    pub repeated: usize,
    pub asked_by_model: usize,
    pub asked_offline: usize,
    /// Reports labelled as written by the model (not the offline fallback), of reports.
    pub reports_by_model: (usize, usize),
    /// Report parts the model wrote, of all parts of all reports.
    pub report_parts: (usize, usize),
    pub first_token: Spread,
    pub question: Spread,
    pub report_latency: Spread,
    pub statuses: BTreeMap<u16, usize>,
    pub bad_statuses: usize,
}

pub fn measure(pair: &Pair, driven: &Driven, questions: u8) -> InterviewFigures {
    let documents = Documents {
        cv: &pair.cv,
        job_description: &pair.job_description,
        job_title: &pair.job_title,
        company: &pair.company,
    };
    let turns: Vec<Turn> = driven
        .asked
        .iter()
        .map(|asked| Turn {
            question: asked.question.clone(),
            purpose: asked.interviewer.clone().unwrap_or_default(),
            answer: asked.answer.clone(),
        })
        .collect();
    let texts: Vec<&str> = turns.iter().map(|turn| turn.question.as_str()).collect();
    let answers: Vec<&str> = turns.iter().map(|turn| turn.answer.as_str()).collect();
    let excluded = job_words(&pair.job_title, &pair.company);
    let persona = driven.persona;
    let band = Band::of(persona);
    // The coach the server falls back to for this interview (same settings and seed), for
    // listening's "would it have asked that anyway".
    let seed = driven.interview_id.map_or(0, |id| seed_of(InterviewId(id)));
    let coach = coach_for(pair, questions, seed);
    let report = driven.report.as_ref();
    let interviewers = driven.asked.iter().filter_map(|a| a.interviewer.as_deref());
    let asked_offline = interviewers
        .clone()
        .filter(|name| *name == OFFLINE_INTERVIEWER)
        .count();
    let asked_by_model = interviewers.count() - asked_offline;
    let mut statuses = BTreeMap::new();
    for status in &driven.statuses {
        *statuses.entry(*status).or_insert(0) += 1;
    }
    InterviewFigures {
        pair: pair.name.clone(),
        profession: pair.profession.clone(),
        persona,
        interview_id: driven.interview_id.map(|id| id.to_string()),
        score: report.and_then(|report| report.overall.score()),
        band: band.describe(),
        in_band: report.map(|report| band.contains(&report.overall)),
        listening: persona
            .answers_for_real()
            .then(|| listening(&coach, &turns, &excluded)),
        off_topic_noticed: (persona == Persona::OffTopic).then(|| off_topic_noticed(&turns)),
        grounding: grounding(&texts, &answers, &documents),
        shape: shape(&texts),
        report: report.map(|report| {
            report_checks(
                report,
                &turns,
                &pair.cv,
                &excluded,
                persona.answers_for_real(),
            )
        }),
        questions: texts.len(),
        labelled: texts.iter().filter(|q| is_labelled(q)).count(),
        repeated: repeated(&texts),
        asked_by_model,
        asked_offline,
        report_provider: report.map(|report| report.generated_by.provider.clone()),
        report_offline_fallback: report.map(|report| report.generated_by.offline_fallback),
        report_parts: report.map(report_parts),
        offline_parts: report.map_or_else(Vec::new, |r| r.generated_by.offline_parts.clone()),
        first_delta_secs: driven
            .asked
            .iter()
            .filter_map(|a| a.first_delta_secs)
            .collect(),
        question_secs: driven.asked.iter().map(|a| a.question_secs).collect(),
        report_secs: driven.report_secs,
        bad_statuses: driven.statuses.iter().filter(|s| is_bad(**s)).count(),
        statuses,
        errors: driven.errors.clone(),
        transcript: driven.asked.clone(),
    }
}

pub fn pool(rows: &[InterviewFigures], questions: u8) -> Pooled {
    let mut pooled = Pooled {
        interviews: rows.len(),
        ..Pooled::default()
    };
    let (mut first, mut each, mut reports) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let full = row.errors.is_empty()
            && row.report_parts.is_some()
            && row.questions == usize::from(questions);
        pooled.completed += usize::from(full);
        if let Some(in_band) = row.in_band {
            let entry = pooled
                .in_band
                .entry(row.persona.name().to_owned())
                .or_default();
            entry.0 += usize::from(in_band);
            entry.1 += 1;
        }
        if let Some(listening) = &row.listening {
            pooled.listening.absorb(listening);
        }
        if let Some(noticed) = &row.off_topic_noticed {
            pooled.off_topic_noticed.absorb(noticed);
        }
        pooled.grounding.absorb(&row.grounding);
        pooled.shape.absorb(&row.shape);
        if let Some(report) = &row.report {
            pooled.report.absorb(report);
        }
        pooled.questions += row.questions;
        pooled.labelled += row.labelled;
        pooled.repeated += row.repeated;
        pooled.asked_by_model += row.asked_by_model;
        pooled.asked_offline += row.asked_offline;
        if let Some(fallback) = row.report_offline_fallback {
            pooled.reports_by_model.0 += usize::from(!fallback);
            pooled.reports_by_model.1 += 1;
        }
        if let Some((model, all)) = row.report_parts {
            pooled.report_parts.0 += model;
            pooled.report_parts.1 += all;
        }
        first.extend(&row.first_delta_secs);
        each.extend(&row.question_secs);
        reports.extend(row.report_secs);
        for (status, count) in &row.statuses {
            *pooled.statuses.entry(*status).or_insert(0) += count;
        }
        pooled.bad_statuses += row.bad_statuses;
    }
    pooled.first_token = Spread::of(&first);
    pooled.question = Spread::of(&each);
    pooled.report_latency = Spread::of(&reports);
    pooled
}

/// A response that must not happen however slow the model: 408, a 5xx, or none.
pub fn is_bad(status: u16) -> bool {
    status == 0 || status == 408 || status >= 500
}

/// A question that opens with a numbered label: "Question 3:", "Q3.", "3)", "2. ".
pub fn is_labelled(question: &str) -> bool {
    let lower = question.trim_start().to_lowercase();
    let text = lower.trim_start_matches(['*', '#', '(', ' ']);
    // "Question 3", "Q3", "Q#3": with the word, a number makes it a label.
    for word in ["question", "q"] {
        if let Some(rest) = text.strip_prefix(word) {
            let rest = rest.trim_start_matches([' ', '#', '.']);
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    // A bare number with a label's mark after it ("3.5 years…" is not one).
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = &text[digits..];
    (1..=2).contains(&digits)
        && (after.starts_with(')')
            || after.starts_with(':')
            || after.starts_with(". ")
            || after.trim_start().starts_with(['-', '\u{2013}']))
}

/// Questions that repeat an earlier one of the same interview.
pub fn repeated(questions: &[&str]) -> usize {
    questions
        .iter()
        .enumerate()
        .filter(|(index, question)| {
            questions[..*index]
                .iter()
                .any(|before| jaccard(question, before) >= MAX_JACCARD)
        })
        .count()
}

/// The parts of a report the model wrote, of all its parts: overall, summary, each
/// dimension, strengths, weaknesses, missing, CV tips, themes, key points, and the feedback
/// on each question. None when the whole report is the offline coach's.
pub fn report_parts(report: &Report) -> (usize, usize) {
    let all = 8 + Dimension::ALL.len() + report.questions.len();
    let by = &report.generated_by;
    if by.offline_fallback || by.provider == OFFLINE_INTERVIEWER {
        return (0, all);
    }
    (all.saturating_sub(by.offline_parts.len()), all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_front_of_questions_are_found() {
        for labelled in [
            "Question 3: How do you balance Go and Python?",
            "question 12 - Why us?",
            "Q3. Tell me about a time…",
            "**Question 2:** What did you measure?",
            "3) Walk me through the outage.",
            "2. How would you design it?",
        ] {
            assert!(is_labelled(labelled), "{labelled}");
        }
        for plain in [
            "How do you balance Go and Python?",
            "Quite a few teams use Kafka: how would you size it?",
            "2019 was your first year as lead: what changed?",
            "Questions for us?",
        ] {
            assert!(!is_labelled(plain), "{plain}");
        }
    }

    #[test]
    fn repeats_count_once_per_repeating_question() {
        let questions = [
            "How do you balance Go and Python in payment services?",
            "How do you balance Go and Python in payment services?",
            "Tell me about a time a deadline slipped.",
            "How do you balance Go and Python for payment services?",
        ];
        assert_eq!(repeated(&questions), 2);
        assert_eq!(repeated(&questions[2..3]), 0);
    }

    #[test]
    fn spreads_take_the_lower_middle_and_the_max() {
        assert_eq!(Spread::of(&[]).display(), "–");
        let spread = Spread::of(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(
            (spread.count, spread.p50, spread.max),
            (4, Some(2.0), Some(4.0))
        );
        assert_eq!(Spread::of(&[0.25]).display(), "0.2 s / 0.2 s");
    }

    /// The offline coach's interview of the nursing pair, as if a model had asked the
    /// first two questions and written the report but for two parts.
    fn driven() -> (Pair, Driven) {
        let pair = crate::pairs::load(&crate::pairs::default_dir().join("nursing")).unwrap();
        let interview =
            crate::interview::run(&pair, &crate::interview::coach(&pair), Persona::Strong);
        let mut report = interview.report;
        report.generated_by.provider = "openai".into();
        report.generated_by.offline_parts = vec!["summary".into(), "questions.2".into()];
        let asked = interview
            .turns
            .iter()
            .take(3)
            .enumerate()
            .map(|(index, turn)| Asked {
                position: index as u8 + 1,
                question: turn.question.clone(),
                answer: turn.answer.clone(),
                first_delta_secs: Some(index as f64 + 1.0),
                question_secs: 10.0 * (index as f64 + 1.0),
                restarts: 0,
                handovers: Vec::new(),
                interviewer: Some(if index < 2 { "openai" } else { "offline" }.into()),
            })
            .collect();
        let driven = Driven {
            pair: pair.name.clone(),
            persona: Persona::Strong,
            interview_id: None,
            asked,
            report: Some(report),
            report_secs: Some(95.0),
            statuses: vec![201, 200, 200, 200, 408, 202, 200],
            errors: Vec::new(),
        };
        (pair, driven)
    }

    #[test]
    fn an_interview_is_measured_and_pooled() {
        let (pair, driven) = driven();
        let row = measure(&pair, &driven, 3);
        assert_eq!(
            (row.questions, row.asked_by_model, row.asked_offline),
            (3, 2, 1)
        );
        assert_eq!((row.labelled, row.repeated, row.bad_statuses), (0, 0, 1));
        let all = 8 + Dimension::ALL.len() + driven.report.as_ref().unwrap().questions.len();
        assert_eq!(row.report_parts, Some((all - 2, all)));
        assert!(row.report.is_some() && row.in_band.is_some());
        let mut second = row.clone();
        second.report_parts = None;
        second.report_offline_fallback = None;
        second.errors = vec!["no report after 1800 s".into()];
        let pooled = pool(&[row, second], 3);
        assert_eq!((pooled.interviews, pooled.completed), (2, 1));
        assert_eq!(pooled.report_parts, (all - 2, all));
        assert_eq!(pooled.reports_by_model, (1, 1));
        assert_eq!(pooled.bad_statuses, 2);
        assert_eq!(pooled.statuses[&200], 8);
        assert_eq!(pooled.question.p50, Some(20.0));
        assert_eq!(pooled.first_token.max, Some(3.0));
    }

    #[test]
    fn a_report_of_the_offline_coach_has_no_model_parts() {
        let (_, driven) = driven();
        let mut report = driven.report.unwrap();
        let (model, all) = report_parts(&report);
        assert_eq!(model + 2, all);
        report.generated_by.offline_fallback = true;
        assert_eq!(report_parts(&report), (0, all));
    }

    #[test]
    fn bad_statuses_are_timeouts_server_errors_and_silence() {
        assert!(is_bad(408) && is_bad(500) && is_bad(503) && is_bad(0));
        assert!(!is_bad(200) && !is_bad(202) && !is_bad(409) && !is_bad(429));
    }
}
