//! The feedback report on an interview: generated once (by an LLM or by the offline coach),
//! stored, and shown on the feedback page and behind share links.
//!
//! Scores are whole numbers from [`MIN_SCORE`] to [`MAX_SCORE`]. Where the answers are too
//! thin to judge, a score says so ([`OverallScore::NotEnoughEvidence`], a dimension's `None`)
//! rather than inventing a number.

use serde::{Deserialize, Serialize};

use crate::{Delivery, InterviewAnalysis};

pub const MIN_SCORE: u8 = 1;
pub const MAX_SCORE: u8 = 10;

/// Sentiment scores within this distance of 0 are neutral.
pub const NEUTRAL_SENTIMENT_BAND: f64 = 0.2;

text_enum!(
    /// What an interviewer judges an answer on.
    Dimension {
        Relevance => "relevance", "Relevance to the job";
        Structure => "structure", "Structure (STAR)";
        Specificity => "specificity", "Specificity and evidence";
        Clarity => "clarity", "Clarity";
        Confidence => "confidence", "Confidence";
        Consistency => "consistency", "Consistency";
    }
);

text_enum!(
    /// What a CV tip is about.
    CvTipKind {
        MissingRequirement => "missing_requirement", "A requirement your CV does not show";
        OmittedFromCv => "omitted_from_cv", "Said in the interview, missing from your CV";
        Quantify => "quantify", "Add a number";
        Remove => "remove", "Remove from your CV";
    }
);

text_enum!(
    /// The overall tone of the answers.
    SentimentLabel {
        Negative => "negative", "Negative";
        Neutral => "neutral", "Neutral";
        Positive => "positive", "Positive";
    }
);

impl SentimentLabel {
    /// The label for a score in `-1.0..=1.0`, so a stored label always agrees with its score.
    pub fn from_score(score: f64) -> Self {
        if score >= NEUTRAL_SENTIMENT_BAND {
            SentimentLabel::Positive
        } else if score <= -NEUTRAL_SENTIMENT_BAND {
            SentimentLabel::Negative
        } else {
            SentimentLabel::Neutral
        }
    }
}

/// The overall verdict: a score, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OverallScore {
    Scored {
        score: u8,
    },
    /// The answers are too thin to judge; `reason` says what was missing.
    NotEnoughEvidence {
        reason: String,
    },
}

impl OverallScore {
    pub fn score(&self) -> Option<u8> {
        match self {
            OverallScore::Scored { score } => Some(*score),
            OverallScore::NotEnoughEvidence { .. } => None,
        }
    }
}

/// One dimension: its score (`None`: not enough evidence to judge it) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionScore {
    pub score: Option<u8>,
    pub comment: String,
}

/// Every dimension, always all six.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionScores {
    pub relevance: DimensionScore,
    pub structure: DimensionScore,
    pub specificity: DimensionScore,
    pub clarity: DimensionScore,
    pub confidence: DimensionScore,
    pub consistency: DimensionScore,
}

impl DimensionScores {
    pub fn get(&self, dimension: Dimension) -> &DimensionScore {
        match dimension {
            Dimension::Relevance => &self.relevance,
            Dimension::Structure => &self.structure,
            Dimension::Specificity => &self.specificity,
            Dimension::Clarity => &self.clarity,
            Dimension::Confidence => &self.confidence,
            Dimension::Consistency => &self.consistency,
        }
    }

    pub fn get_mut(&mut self, dimension: Dimension) -> &mut DimensionScore {
        match dimension {
            Dimension::Relevance => &mut self.relevance,
            Dimension::Structure => &mut self.structure,
            Dimension::Specificity => &mut self.specificity,
            Dimension::Clarity => &mut self.clarity,
            Dimension::Confidence => &mut self.confidence,
            Dimension::Consistency => &mut self.consistency,
        }
    }

    /// In the order of [`Dimension::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Dimension, &DimensionScore)> {
        Dimension::ALL
            .iter()
            .map(move |&dimension| (dimension, self.get(dimension)))
    }
}

/// A strength, weakness or missing piece, with the candidate's sentence it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Point {
    pub text: String,
    /// A sentence of an answer, exactly as the candidate wrote it.
    pub quote: Option<String>,
    /// The number (from 1) of the question whose answer is quoted or meant.
    pub question: Option<u8>,
}

/// A change to the CV for this job, as a before/after pair where one can be given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CvTip {
    pub kind: CvTipKind,
    pub text: String,
    /// The CV's current wording, when the tip changes a line that exists.
    pub before: Option<String>,
    /// The suggested wording; placeholders in square brackets stand for facts only the
    /// candidate knows.
    pub after: Option<String>,
}

/// One answered question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionFeedback {
    /// From 1, in the order asked.
    pub number: u8,
    pub question: String,
    pub answer: String,
    pub worked: Vec<String>,
    pub to_add: Vec<String>,
    /// A stronger answer built from the candidate's own material; facts they did not give
    /// are placeholders in square brackets.
    pub sample_answer: String,
    /// How the answer sounded, when it was given by voice: filled in from the transcript when
    /// the report is read, never written by the report's author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sentiment {
    /// From -1 (negative) to 1 (positive).
    pub score: f64,
    pub label: SentimentLabel,
}

impl Sentiment {
    /// A sentiment whose label follows from its score, clamped to `-1.0..=1.0`.
    pub fn from_score(score: f64) -> Self {
        let score = if score.is_nan() {
            0.0
        } else {
            score.clamp(-1.0, 1.0)
        };
        Self {
            score,
            label: SentimentLabel::from_score(score),
        }
    }
}

/// Who wrote the report, so every stored report can be traced to its model and prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeneratedBy {
    pub provider: String,
    pub model: String,
    pub prompt_version: String,
    /// The LLM's reply could not be used, so this is the offline coach's report instead.
    pub offline_fallback: bool,
    /// The parts of an LLM's report that the offline coach wrote in its place, because the
    /// model's were empty, refusals or placeholders: `summary`, `dimensions.clarity`,
    /// `questions.2`… Empty when the model wrote it all, or the whole report is the coach's.
    /// (Reports stored before this field read as empty.)
    #[serde(default)]
    pub offline_parts: Vec<String>,
}

impl GeneratedBy {
    /// "the summary, the clarity score and the feedback on question 2": the parts the
    /// offline coach wrote in an LLM's report, for people; `None` when there are none.
    pub fn offline_parts_phrase(&self) -> Option<String> {
        let labels: Vec<String> = self
            .offline_parts
            .iter()
            .map(|part| offline_part_label(part))
            .collect();
        match labels.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
        }
    }
}

/// A stored part name (`dimensions.clarity`, `questions.2`…) as people read it.
fn offline_part_label(part: &str) -> String {
    if let Some(number) = part.strip_prefix("questions.") {
        return format!("the feedback on question {number}");
    }
    if let Some(dimension) = part.strip_prefix("dimensions.") {
        return format!("the {} score", dimension.replace('_', " "));
    }
    match part {
        "overall" => "the overall score".to_owned(),
        "summary" => "the summary".to_owned(),
        "missing" => "what was missing".to_owned(),
        "cv_tips" => "the CV tips".to_owned(),
        "key_points" => "the key points".to_owned(),
        other => other.replace('_', " "),
    }
}

/// The feedback on one interview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub overall: OverallScore,
    pub summary: String,
    pub dimensions: DimensionScores,
    pub strengths: Vec<Point>,
    pub weaknesses: Vec<Point>,
    pub missing: Vec<Point>,
    pub cv_tips: Vec<CvTip>,
    /// The answered questions, in the order asked.
    pub questions: Vec<QuestionFeedback>,
    pub themes: Vec<String>,
    pub key_points: Vec<String>,
    pub sentiment: Sentiment,
    /// The local analysis of the answers the scores were checked against (job-term coverage,
    /// STAR, specificity…), shown next to the report.
    pub analysis: InterviewAnalysis,
    pub generated_by: GeneratedBy,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Confidence, Fillers, Pronouns, Specificity, StarSummary, TermCoverage};

    fn dimension(score: Option<u8>) -> DimensionScore {
        DimensionScore {
            score,
            comment: "Because.".into(),
        }
    }

    fn report() -> Report {
        Report {
            overall: OverallScore::Scored { score: 7 },
            summary: "Solid.".into(),
            dimensions: DimensionScores {
                relevance: dimension(Some(7)),
                structure: dimension(Some(6)),
                specificity: dimension(Some(8)),
                clarity: dimension(Some(7)),
                confidence: dimension(Some(6)),
                consistency: dimension(None),
            },
            strengths: vec![Point {
                text: "A number.".into(),
                quote: Some("We cut costs by 20%.".into()),
                question: Some(1),
            }],
            weaknesses: Vec::new(),
            missing: Vec::new(),
            cv_tips: vec![CvTip {
                kind: CvTipKind::Quantify,
                text: "Add a number.".into(),
                before: Some("- Led the team.".into()),
                after: Some("- Led a team of [number].".into()),
            }],
            questions: vec![QuestionFeedback {
                number: 1,
                question: "Why?".into(),
                answer: "We cut costs by 20%.".into(),
                worked: vec!["A number.".into()],
                to_add: vec!["Your part.".into()],
                sample_answer: "I cut costs by 20%.".into(),
                delivery: None,
            }],
            themes: vec!["costs".into()],
            key_points: vec!["cut costs by 20%".into()],
            sentiment: Sentiment::from_score(0.4),
            analysis: InterviewAnalysis {
                answers: Vec::new(),
                word_count: 0,
                mean_word_count: 0.0,
                star: StarSummary::default(),
                specificity: Specificity::default(),
                coverage: TermCoverage::default(),
                confidence: Confidence::default(),
                pronouns: Pronouns::default(),
                fillers: Fillers::default(),
                consistency: None,
                top_words: Vec::new(),
            },
            generated_by: GeneratedBy {
                provider: "offline".into(),
                model: "offline-coach".into(),
                prompt_version: "v1".into(),
                offline_fallback: false,
                offline_parts: Vec::new(),
            },
        }
    }

    #[test]
    fn a_report_survives_a_json_round_trip() {
        let report = report();
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);
    }

    #[test]
    fn the_overall_score_is_tagged_on_the_wire() {
        assert_eq!(
            serde_json::to_value(OverallScore::Scored { score: 7 }).unwrap(),
            serde_json::json!({"kind": "scored", "score": 7})
        );
        let thin = OverallScore::NotEnoughEvidence {
            reason: "Two answers of one word.".into(),
        };
        assert_eq!(
            serde_json::to_value(&thin).unwrap(),
            serde_json::json!({"kind": "not_enough_evidence", "reason": "Two answers of one word."})
        );
        assert_eq!(thin.score(), None);
    }

    #[test]
    fn sentiment_labels_follow_the_score() {
        assert_eq!(Sentiment::from_score(0.5).label, SentimentLabel::Positive);
        assert_eq!(Sentiment::from_score(0.1).label, SentimentLabel::Neutral);
        assert_eq!(Sentiment::from_score(-0.2).label, SentimentLabel::Negative);
        assert_eq!(Sentiment::from_score(3.0).score, 1.0);
        assert_eq!(
            Sentiment::from_score(f64::NAN).label,
            SentimentLabel::Neutral
        );
    }

    #[test]
    fn dimensions_iterate_in_order_and_can_be_changed() {
        let mut dimensions = report().dimensions;
        let order: Vec<Dimension> = dimensions.iter().map(|(d, _)| d).collect();
        assert_eq!(order, Dimension::ALL);
        dimensions.get_mut(Dimension::Clarity).score = Some(2);
        assert_eq!(dimensions.clarity.score, Some(2));
        assert_eq!(Dimension::Structure.as_str(), "structure");
    }

    #[test]
    fn reports_stored_before_offline_parts_read_as_written_whole() {
        let mut json = serde_json::to_value(report()).unwrap();
        json["generated_by"]
            .as_object_mut()
            .unwrap()
            .remove("offline_parts");
        let read: Report = serde_json::from_value(json).unwrap();
        assert!(read.generated_by.offline_parts.is_empty());
        assert_eq!(read.generated_by.offline_parts_phrase(), None);
    }

    #[test]
    fn offline_parts_are_named_for_people() {
        let mut by = report().generated_by;
        by.offline_parts = vec!["summary".into()];
        assert_eq!(by.offline_parts_phrase().unwrap(), "the summary");
        by.offline_parts = vec![
            "summary".into(),
            "dimensions.clarity".into(),
            "missing".into(),
            "questions.2".into(),
        ];
        assert_eq!(
            by.offline_parts_phrase().unwrap(),
            "the summary, the clarity score, what was missing and the feedback on question 2"
        );
    }
}
