//! Scores from the local analysis alone: the offline coach's scores, and the yardstick the
//! guard holds an LLM's scores against.
//!
//! **Evidence.** An answer is substantial from [`SUBSTANTIAL_WORDS`] words; with fewer than
//! [`MIN_SUBSTANTIAL_ANSWERS`] substantial answers there is not enough evidence for an overall
//! score.
//!
//! **Mapping.** Each dimension has a quality `q` in 0..=1 from the metrics, and every score is
//! `round(1 + 9 · q · depth)`, where `depth` is the answers' mean of
//! `min(1, words / FULL_DEPTH_WORDS)`. Depth multiplies every dimension because a short answer
//! can be clear, confident and consistent in form while showing an interviewer almost
//! nothing: one-word answers score 1 everywhere.
//!
//! | dimension   | q |
//! |-------------|---|
//! | relevance   | ½ · min(1, job-term coverage / 0.4) + ½ · share of answers naming a job term (¼ + ½ of that share when the job names no term we know) |
//! | structure   | mean over story answers of the STAR components present, weighted S 0.2, T 0.2, A 0.3, R 0.3 |
//! | specificity | mean over story answers of the analysis' specificity score |
//! | clarity     | (1 − min(1, fillers per 100 words / 6)) · (1 above 300 words a mean answer, falling to 0.5 at 500) |
//! | confidence  | 0.7 · confidence score + 0.3 · share of "I" among "I"/"we" (0.5 with neither) |
//! | consistency | the analysis' consistency score; none with fewer than two answers |
//!
//! Story answers are those to questions that ask for a story or an explanation (not why the
//! candidate wants the job, nor their questions at the close: a good answer there has no STAR
//! shape and few numbers); all answers when there is none.
//!
//! The overall score is the mean of the dimension scores weighted relevance 0.2, structure
//! 0.2, specificity 0.25, clarity 0.1, confidence 0.15, consistency 0.1 (weights of missing
//! dimensions left out), rounded.

use domain::{AnswerAnalysis, Dimension, InterviewAnalysis, StarCues, MAX_SCORE, MIN_SCORE};

use crate::report::offline::question_kind::QuestionKind;

pub(crate) const SUBSTANTIAL_WORDS: u32 = 20;
pub(crate) const MIN_SUBSTANTIAL_ANSWERS: usize = 2;
/// Answers of this many words count at full depth.
const FULL_DEPTH_WORDS: f64 = 50.0;
/// Coverage of this share of the job's terms across the interview earns full marks: nobody
/// names every tool of a long job ad.
const FULL_COVERAGE: f64 = 0.4;
const FILLERS_PER_100_AT_ZERO: f64 = 6.0;
const RAMBLE_FROM_WORDS: f64 = 300.0;
const RAMBLE_SPAN_WORDS: f64 = 200.0;

/// The scores the metrics support.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LocalScores {
    /// In the order of [`Dimension::ALL`]; `None` where the metric does not exist.
    pub dimensions: Vec<(Dimension, Option<u8>)>,
    /// `Err(reason)` when the answers are too thin to judge (see [`evidence`]).
    pub overall: Result<u8, String>,
}

impl LocalScores {
    pub fn get(&self, dimension: Dimension) -> Option<u8> {
        self.dimensions
            .iter()
            .find(|(d, _)| *d == dimension)
            .and_then(|(_, score)| *score)
    }
}

/// `Err` with a reason the user can act on when fewer than two answers are substantial.
pub(crate) fn evidence(analysis: &InterviewAnalysis) -> Result<(), String> {
    let substantial = analysis
        .answers
        .iter()
        .filter(|answer| answer.word_count >= SUBSTANTIAL_WORDS)
        .count();
    if substantial >= MIN_SUBSTANTIAL_ANSWERS {
        return Ok(());
    }
    let answered = analysis.answers.len();
    Err(match answered {
        0 => "No question was answered, so there is nothing to score.".to_owned(),
        _ => format!(
            "{substantial} of your {answered} answer{} had {SUBSTANTIAL_WORDS} words or more; answer at least {MIN_SUBSTANTIAL_ANSWERS} questions with a concrete example to get a score.",
            if answered == 1 { "" } else { "s" }
        ),
    })
}

pub(crate) fn local_scores(analysis: &InterviewAnalysis) -> LocalScores {
    let depth = depth(analysis);
    let dimensions: Vec<(Dimension, Option<u8>)> = Dimension::ALL
        .iter()
        .map(|&dimension| {
            let score = quality(analysis, dimension).map(|q| to_score(q * depth));
            (dimension, score)
        })
        .collect();
    let overall = evidence(analysis).map(|()| weighted_overall(&dimensions));
    LocalScores {
        dimensions,
        overall,
    }
}

/// `round(1 + 9q)`, within the score range.
pub(crate) fn to_score(quality: f64) -> u8 {
    let quality = if quality.is_nan() {
        0.0
    } else {
        quality.clamp(0.0, 1.0)
    };
    let score = (1.0 + 9.0 * quality).round() as u8;
    score.clamp(MIN_SCORE, MAX_SCORE)
}

fn depth(analysis: &InterviewAnalysis) -> f64 {
    mean(
        analysis
            .answers
            .iter()
            .map(|answer| (f64::from(answer.word_count) / FULL_DEPTH_WORDS).min(1.0)),
    )
}

/// The quality of one dimension in 0..=1, before depth.
pub(crate) fn quality(analysis: &InterviewAnalysis, dimension: Dimension) -> Option<f64> {
    if analysis.answers.is_empty() {
        return (dimension != Dimension::Consistency).then_some(0.0);
    }
    let answers = &analysis.answers;
    Some(match dimension {
        Dimension::Relevance => {
            let naming = answers
                .iter()
                .filter(|answer| !answer.coverage.used.is_empty())
                .count() as f64
                / answers.len() as f64;
            match analysis.coverage.ratio {
                Some(ratio) => 0.5 * (ratio / FULL_COVERAGE).min(1.0) + 0.5 * naming,
                None => 0.25 + 0.5 * naming,
            }
        }
        Dimension::Structure => mean(stories(answers).map(|answer| star_weight(&answer.star))),
        Dimension::Specificity => mean(stories(answers).map(|answer| answer.specificity.score)),
        Dimension::Clarity => {
            let fillers = 1.0 - (analysis.fillers.per_100_words / FILLERS_PER_100_AT_ZERO).min(1.0);
            let ramble = if analysis.mean_word_count > RAMBLE_FROM_WORDS {
                (1.0 - 0.5 * (analysis.mean_word_count - RAMBLE_FROM_WORDS) / RAMBLE_SPAN_WORDS)
                    .max(0.5)
            } else {
                1.0
            };
            fillers * ramble
        }
        Dimension::Confidence => {
            0.7 * analysis.confidence.score + 0.3 * analysis.pronouns.i_share.unwrap_or(0.5)
        }
        Dimension::Consistency => analysis.consistency.as_ref()?.score,
    })
}

/// The answers to story questions, or all answers when no question asked for a story.
fn stories(answers: &[AnswerAnalysis]) -> impl Iterator<Item = &AnswerAnalysis> {
    let is_story =
        |answer: &&AnswerAnalysis| QuestionKind::of(&answer.question) == QuestionKind::Story;
    let any = answers.iter().any(|answer| is_story(&answer));
    answers
        .iter()
        .filter(move |answer| !any || is_story(answer))
}

/// Action and result matter most: they are what the candidate did and what came of it.
pub(crate) fn star_weight(star: &StarCues) -> f64 {
    [
        (star.situation.is_some(), 0.2),
        (star.task.is_some(), 0.2),
        (star.action.is_some(), 0.3),
        (star.result.is_some(), 0.3),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, weight)| weight)
    .sum()
}

fn weight(dimension: Dimension) -> f64 {
    match dimension {
        Dimension::Relevance | Dimension::Structure => 0.2,
        Dimension::Specificity => 0.25,
        Dimension::Confidence => 0.15,
        Dimension::Clarity | Dimension::Consistency => 0.1,
    }
}

/// The weighted mean of the dimension scores that exist.
pub(crate) fn weighted_overall(dimensions: &[(Dimension, Option<u8>)]) -> u8 {
    let (sum, weights) = dimensions
        .iter()
        .filter_map(|(dimension, score)| score.map(|score| (weight(*dimension), score)))
        .fold((0.0, 0.0), |(sum, weights), (weight, score)| {
            (sum + weight * f64::from(score), weights + weight)
        });
    if weights == 0.0 {
        return MIN_SCORE;
    }
    ((sum / weights).round() as u8).clamp(MIN_SCORE, MAX_SCORE)
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), value| {
        (sum + value, count + 1)
    });
    if count == 0 {
        0.0
    } else {
        sum / count as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use analysis::analyse_interview;

    const JOB: &str = "Backend Engineer\nHelvetia Ledger AG\n\nWhat you bring\n- Go and PostgreSQL in production.\n- Kafka and Docker.\n";

    #[test]
    fn the_mapping_is_monotonic_and_within_range() {
        assert_eq!(to_score(0.0), 1);
        assert_eq!(to_score(1.0), 10);
        assert_eq!(to_score(0.5), 6);
        assert_eq!(to_score(f64::NAN), 1);
        assert_eq!(to_score(7.0), 10);
        assert_eq!(
            weighted_overall(&[
                (Dimension::Relevance, Some(10)),
                (Dimension::Consistency, None)
            ]),
            10
        );
        assert_eq!(weighted_overall(&[]), 1);
    }

    #[test]
    fn one_word_answers_score_one_everywhere_and_lack_evidence() {
        let analysis = analyse_interview(JOB, "", &[("Q1?", "Yes."), ("Q2?", "Kafka.")]);
        let scores = local_scores(&analysis);
        for (dimension, score) in &scores.dimensions {
            assert!(score.is_none_or(|s| s <= 1), "{dimension:?}: {score:?}");
        }
        let reason = scores.overall.unwrap_err();
        assert!(reason.contains("0 of your 2 answers"), "{reason}");
    }

    #[test]
    fn structure_and_specificity_are_judged_on_story_answers() {
        let story = (
            "Tell me about the migration to Kafka?",
            "In 2021 our payment events ran on RabbitMQ and we lost messages. My task was to move them to Kafka. I built the consumers in Go and I ran the cut-over myself. As a result we lost no message in 12 months.",
        );
        let motivation = (
            "Why do you want to join Helvetia Ledger AG?",
            "I want to work on a ledger that banks rely on, with a team that values careful code review and good observability.",
        );
        let alone = analyse_interview(JOB, "", &[story]);
        let both = analyse_interview(JOB, "", &[story, motivation]);
        for dimension in [Dimension::Structure, Dimension::Specificity] {
            assert_eq!(
                quality(&both, dimension),
                quality(&alone, dimension),
                "{dimension:?}"
            );
        }
        let only_motivation = analyse_interview(JOB, "", &[motivation]);
        assert!(quality(&only_motivation, Dimension::Structure).is_some());
    }

    #[test]
    fn no_answers_is_no_evidence() {
        let analysis = analyse_interview(JOB, "", &[]);
        assert_eq!(
            evidence(&analysis),
            Err("No question was answered, so there is nothing to score.".into())
        );
        assert_eq!(local_scores(&analysis).get(Dimension::Consistency), None);
    }
}
