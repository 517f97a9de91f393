//! Runs every persona over every pair and measures each interview; pools the figures.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::interview::{self, Interview};
use crate::metrics::calibration::{self, Band};
use crate::metrics::grounding::{grounding, Documents};
use crate::metrics::listening::{job_words, listening, off_topic_noticed};
use crate::metrics::report::report_checks;
use crate::metrics::shape::shape;
use crate::metrics::Rate;
use crate::pairs::Pair;
use crate::personas::Persona;

#[derive(Clone, Debug, Serialize)]
pub struct TurnRecord {
    pub question: String,
    pub purpose: String,
    pub answer: String,
}

/// One persona interviewed for one pair.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub pair: String,
    pub profession: String,
    pub persona: Persona,
    /// `None`: "not enough evidence".
    pub score: Option<u8>,
    pub band: String,
    pub in_band: bool,
    /// The interview run twice asks the same questions, and its transcript scored twice gives
    /// the same report.
    pub deterministic: bool,
    /// Only for personas that answer for real (strong, medium).
    pub listening: Option<Rate>,
    /// Only for the off-topic persona.
    pub off_topic_noticed: Option<Rate>,
    pub grounding: Rate,
    pub shape: Rate,
    pub report: Rate,
    pub transcript: Vec<TurnRecord>,
    /// Each dimension's score (`None`: not enough evidence), to see what the overall is made of.
    pub dimensions: Vec<(String, Option<u8>)>,
    /// The report's per-question feedback, to read what the checks judged.
    pub feedback: Vec<domain::QuestionFeedback>,
}

/// The figures pooled over rows (rates add their counts).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Per persona: rows whose score is in the persona's band, of all its rows.
    pub in_band: BTreeMap<String, (usize, usize)>,
    /// Pairs where strong > medium > max(vague, one-word, gibberish), of pairs with all five.
    pub ordered: (usize, usize),
    pub deterministic: (usize, usize),
    pub listening: Rate,
    pub off_topic_noticed: Rate,
    pub grounding: Rate,
    pub shape: Rate,
    pub report: Rate,
}

#[derive(Clone, Debug, Serialize)]
pub struct Evaluation {
    pub settings: Settings,
    pub summary: Summary,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    pub questions: u8,
    pub kind: String,
    pub seniority: String,
    pub seed: u64,
}

pub fn evaluate(pairs: &[Pair], personas: &[Persona]) -> Evaluation {
    let mut rows = Vec::new();
    for pair in pairs {
        let coach = interview::coach(pair);
        for &persona in personas {
            let interview = interview::run(pair, &coach, persona);
            let again = interview::run(pair, &coach, persona);
            let deterministic = again.turns == interview.turns
                && interview::score(pair, &interview.turns) == interview.report;
            rows.push(measure(pair, &coach, interview, deterministic));
        }
    }
    Evaluation {
        settings: Settings {
            questions: interview::QUESTIONS,
            kind: interview::KIND.as_str().to_owned(),
            seniority: interview::SENIORITY.as_str().to_owned(),
            seed: interview::SEED,
        },
        summary: summarise(&rows),
        rows,
    }
}

fn measure(
    pair: &Pair,
    coach: &coach::interviewer::OfflineCoach,
    interview: Interview,
    deterministic: bool,
) -> Row {
    let documents = Documents {
        cv: &pair.cv,
        job_description: &pair.job_description,
        job_title: &pair.job_title,
        company: &pair.company,
    };
    let questions: Vec<&str> = interview
        .turns
        .iter()
        .map(|turn| turn.question.as_str())
        .collect();
    let answers: Vec<&str> = interview
        .turns
        .iter()
        .map(|turn| turn.answer.as_str())
        .collect();
    let excluded = job_words(&pair.job_title, &pair.company);
    let band = Band::of(interview.persona);
    Row {
        pair: pair.name.clone(),
        profession: pair.profession.clone(),
        persona: interview.persona,
        score: interview.report.overall.score(),
        band: band.describe(),
        in_band: band.contains(&interview.report.overall),
        deterministic,
        listening: interview
            .persona
            .answers_for_real()
            .then(|| listening(coach, &interview.turns, &excluded)),
        off_topic_noticed: (interview.persona == Persona::OffTopic)
            .then(|| off_topic_noticed(&interview.turns)),
        grounding: grounding(&questions, &answers, &documents),
        shape: shape(&questions),
        report: report_checks(
            &interview.report,
            &interview.turns,
            &pair.cv,
            &excluded,
            interview.persona.answers_for_real(),
        ),
        transcript: interview
            .turns
            .iter()
            .map(|turn| TurnRecord {
                question: turn.question.clone(),
                purpose: turn.purpose.clone(),
                answer: turn.answer.clone(),
            })
            .collect(),
        dimensions: interview
            .report
            .dimensions
            .iter()
            .map(|(dimension, score)| (dimension.as_str().to_owned(), score.score))
            .collect(),
        feedback: interview.report.questions.clone(),
    }
}

fn summarise(rows: &[Row]) -> Summary {
    let mut summary = Summary::default();
    for row in rows {
        let entry = summary
            .in_band
            .entry(row.persona.name().to_owned())
            .or_default();
        entry.0 += usize::from(row.in_band);
        entry.1 += 1;
        summary.deterministic.0 += usize::from(row.deterministic);
        summary.deterministic.1 += 1;
        if let Some(listening) = &row.listening {
            summary.listening.absorb(listening);
        }
        if let Some(noticed) = &row.off_topic_noticed {
            summary.off_topic_noticed.absorb(noticed);
        }
        summary.grounding.absorb(&row.grounding);
        summary.shape.absorb(&row.shape);
        summary.report.absorb(&row.report);
    }
    let mut pairs: Vec<&str> = rows.iter().map(|row| row.pair.as_str()).collect();
    pairs.dedup();
    for pair in pairs {
        let score_of = |persona: Persona| {
            rows.iter()
                .find(|row| row.pair == pair && row.persona == persona)
                .map(|row| match row.score {
                    Some(score) => domain::OverallScore::Scored { score },
                    None => domain::OverallScore::NotEnoughEvidence {
                        reason: String::new(),
                    },
                })
        };
        if let Some(ordered) = calibration::strictly_ordered(score_of) {
            summary.ordered.0 += usize::from(ordered);
            summary.ordered.1 += 1;
        }
    }
    summary
}
