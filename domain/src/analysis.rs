//! The local analysis of interview answers (no LLM): what the server works out from the words
//! alone and the browser shows next to the transcript.
//!
//! Counts are `u32` and scores `f64` in `0.0..=1.0`, where higher is better. A score that
//! cannot be worked out (no job terms to cover, a single answer to compare) is `None` rather
//! than a made-up number.

use serde::{Deserialize, Serialize};

text_enum!(
    /// A part of a STAR answer: the situation, the task, the candidate's action, the result.
    StarComponent {
        Situation => "situation", "Situation";
        Task => "task", "Task";
        Action => "action", "Action";
        Result => "result", "Result";
    }
);

text_enum!(
    /// What a number in an answer measures.
    NumberKind {
        Percentage => "percentage", "Percentage";
        Money => "money", "Money";
        Duration => "duration", "Duration";
        Year => "year", "Year";
        Count => "count", "Count";
    }
);

/// Which STAR components an answer has, each with the words that showed it (as written in the
/// answer), so the user can see why a component counts as present.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StarCues {
    pub situation: Option<String>,
    pub task: Option<String>,
    pub action: Option<String>,
    pub result: Option<String>,
}

impl StarCues {
    /// The cue for `component`, if the answer has it.
    pub fn cue(&self, component: StarComponent) -> Option<&str> {
        match component {
            StarComponent::Situation => self.situation.as_deref(),
            StarComponent::Task => self.task.as_deref(),
            StarComponent::Action => self.action.as_deref(),
            StarComponent::Result => self.result.as_deref(),
        }
    }

    /// The components present, in STAR order.
    pub fn present(&self) -> Vec<StarComponent> {
        StarComponent::ALL
            .iter()
            .copied()
            .filter(|component| self.cue(*component).is_some())
            .collect()
    }

    /// The components missing, in STAR order.
    pub fn missing(&self) -> Vec<StarComponent> {
        StarComponent::ALL
            .iter()
            .copied()
            .filter(|component| self.cue(*component).is_none())
            .collect()
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }
}

/// Over a whole interview: how many answers had each STAR component.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StarSummary {
    pub situation: u32,
    pub task: u32,
    pub action: u32,
    pub result: u32,
    /// Answers with all four.
    pub complete: u32,
}

/// A number as written in an answer ("40%", "CHF 18,000", "3 months", "two weeks").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumberMention {
    pub text: String,
    pub kind: NumberKind,
}

/// How concrete an answer is: the numbers, named tools and outcomes it gives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Specificity {
    pub numbers: Vec<NumberMention>,
    /// Technologies, tools and other names from the job description, by their usual name,
    /// each once, in the order first named.
    pub tools: Vec<String>,
    /// Outcome phrases as written ("reduced latency by 40% in 3 months").
    pub outcomes: Vec<String>,
    /// 0 for an answer with none of these; 1 from three numbers, three tools and two outcomes.
    pub score: f64,
}

/// Which terms of the job description the answers used and which they missed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermCoverage {
    /// In the order the job description names them.
    pub used: Vec<String>,
    pub missed: Vec<String>,
    /// `used / (used + missed)`; none when the job description names no term we recognise.
    pub ratio: Option<f64>,
}

/// A phrase and how often it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhraseCount {
    pub phrase: String,
    pub count: u32,
}

/// Hedging ("I think", "maybe", "kind of") against committed language ("I led", "I decided").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Confidence {
    /// Lower-cased, most frequent first.
    pub hedges: Vec<PhraseCount>,
    pub commitments: Vec<PhraseCount>,
    /// `(commitments + 1) / (commitments + hedges + 2)`: 0.5 with neither, towards 1 when
    /// committed, towards 0 when hedged.
    pub score: f64,
}

/// Whether the candidate speaks of their own part ("I") or only of the team's ("we").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pronouns {
    /// "I", "me", "my", "myself" and their contractions.
    pub i_count: u32,
    /// "we", "us", "our", "ourselves" and their contractions.
    pub we_count: u32,
    /// `i / (i + we)`; none when neither is used.
    pub i_share: Option<f64>,
}

/// Filler words and phrases ("um", "you know", "basically", "like" when it is not a verb).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fillers {
    pub count: u32,
    pub per_100_words: f64,
    /// Lower-cased, most frequent first.
    pub phrases: Vec<PhraseCount>,
}

/// How even the answers are in length and specificity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consistency {
    /// Coefficient of variation (standard deviation / mean) of the answers' word counts.
    pub word_count_variation: f64,
    /// Coefficient of variation of the answers' specificity scores.
    pub specificity_variation: f64,
    /// 1 when every answer is as long and as specific as the others; 0 when they vary by a
    /// coefficient of 1 or more.
    pub score: f64,
}

/// A word (lower-cased) and how often it was used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WordCount {
    pub word: String,
    pub count: u32,
}

/// Everything worked out for one answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerAnalysis {
    pub question: String,
    pub word_count: u32,
    pub star: StarCues,
    pub specificity: Specificity,
    pub coverage: TermCoverage,
    pub confidence: Confidence,
    pub pronouns: Pronouns,
    pub fillers: Fillers,
    /// Most used first, stop words left out.
    pub top_words: Vec<WordCount>,
}

/// Every answer of an interview and the same measures over all of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterviewAnalysis {
    pub answers: Vec<AnswerAnalysis>,
    pub word_count: u32,
    pub mean_word_count: f64,
    pub star: StarSummary,
    /// All numbers and outcomes, each tool once; the score is the answers' mean.
    pub specificity: Specificity,
    /// A term counts as used when any answer used it.
    pub coverage: TermCoverage,
    pub confidence: Confidence,
    pub pronouns: Pronouns,
    pub fillers: Fillers,
    /// None with fewer than two answers.
    pub consistency: Option<Consistency>,
    pub top_words: Vec<WordCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_cues_list_present_and_missing_components_in_order() {
        let cues = StarCues {
            situation: Some("At Acme".into()),
            task: None,
            action: Some("I led".into()),
            result: None,
        };
        assert_eq!(
            cues.present(),
            [StarComponent::Situation, StarComponent::Action]
        );
        assert_eq!(cues.missing(), [StarComponent::Task, StarComponent::Result]);
        assert_eq!(cues.cue(StarComponent::Action), Some("I led"));
        assert!(!cues.is_complete());
        let complete = StarCues {
            task: Some("my task".into()),
            result: Some("as a result".into()),
            ..cues
        };
        assert!(complete.is_complete());
    }

    #[test]
    fn enums_use_snake_case_on_the_wire() {
        assert_eq!(
            serde_json::to_string(&NumberKind::Percentage).unwrap(),
            "\"percentage\""
        );
        assert_eq!(
            serde_json::from_str::<StarComponent>("\"result\"").unwrap(),
            StarComponent::Result
        );
        assert_eq!(StarComponent::Task.label(), "Task");
    }

    #[test]
    fn an_analysis_survives_a_json_round_trip() {
        let answer = AnswerAnalysis {
            question: "Tell me about a project?".into(),
            word_count: 7,
            star: StarCues::default(),
            specificity: Specificity {
                numbers: vec![NumberMention {
                    text: "40%".into(),
                    kind: NumberKind::Percentage,
                }],
                tools: vec!["Kafka".into()],
                outcomes: vec!["reduced latency by 40%".into()],
                score: 0.5,
            },
            coverage: TermCoverage {
                used: vec!["Kafka".into()],
                missed: vec!["Go".into()],
                ratio: Some(0.5),
            },
            confidence: Confidence::default(),
            pronouns: Pronouns::default(),
            fillers: Fillers::default(),
            top_words: vec![WordCount {
                word: "latency".into(),
                count: 1,
            }],
        };
        let analysis = InterviewAnalysis {
            answers: vec![answer.clone()],
            word_count: 7,
            mean_word_count: 7.0,
            star: StarSummary::default(),
            specificity: answer.specificity.clone(),
            coverage: answer.coverage.clone(),
            confidence: Confidence::default(),
            pronouns: Pronouns::default(),
            fillers: Fillers::default(),
            consistency: None,
            top_words: Vec::new(),
        };
        let json = serde_json::to_string(&analysis).unwrap();
        assert_eq!(
            serde_json::from_str::<InterviewAnalysis>(&json).unwrap(),
            analysis
        );
    }
}
