//! The offline scores per dimension, each with the measurements it came from, so the user
//! can see why (see `scores` for the mapping). With too little evidence no dimension is
//! scored: the comment still says what was measured.

use domain::{Dimension, DimensionScore, DimensionScores, InterviewAnalysis};

use crate::report::scores::LocalScores;

pub(super) fn dimensions(analysis: &InterviewAnalysis, scores: &LocalScores) -> DimensionScores {
    let thin = scores.overall.is_err();
    let score = |dimension: Dimension| DimensionScore {
        score: if thin { None } else { scores.get(dimension) },
        comment: comment(analysis, dimension),
    };
    DimensionScores {
        relevance: score(Dimension::Relevance),
        structure: score(Dimension::Structure),
        specificity: score(Dimension::Specificity),
        clarity: score(Dimension::Clarity),
        confidence: score(Dimension::Confidence),
        consistency: score(Dimension::Consistency),
    }
}

fn comment(analysis: &InterviewAnalysis, dimension: Dimension) -> String {
    let answers = analysis.answers.len();
    if answers == 0 {
        return "No answer to measure.".to_owned();
    }
    match dimension {
        Dimension::Relevance => {
            let coverage = &analysis.coverage;
            let total = coverage.used.len() + coverage.missed.len();
            let naming = analysis
                .answers
                .iter()
                .filter(|answer| !answer.coverage.used.is_empty())
                .count();
            if total == 0 {
                format!("The job description names no skill we recognise; {naming} of {answers} answers named a tool or method.")
            } else if coverage.used.is_empty() {
                format!("No answer used any of the job's {total} key terms.")
            } else {
                format!(
                    "You used {} of the job's {total} key terms ({}); {naming} of {answers} answers named at least one.",
                    coverage.used.len(),
                    list(&coverage.used, 4)
                )
            }
        }
        Dimension::Structure => {
            let star = &analysis.star;
            format!(
                "{} of {answers} answers had all four STAR parts; {} described your action and {} gave a result.",
                star.complete, star.action, star.result
            )
        }
        Dimension::Specificity => {
            let specificity = &analysis.specificity;
            if specificity.numbers.is_empty()
                && specificity.tools.is_empty()
                && specificity.outcomes.is_empty()
            {
                "No numbers, named tools or measurable outcomes.".to_owned()
            } else {
                format!(
                    "{} number{}, {} named tool{} and {} outcome{} across {answers} answer{}.",
                    specificity.numbers.len(),
                    plural(specificity.numbers.len()),
                    specificity.tools.len(),
                    plural(specificity.tools.len()),
                    specificity.outcomes.len(),
                    plural(specificity.outcomes.len()),
                    plural(answers)
                )
            }
        }
        Dimension::Clarity => format!(
            "{:.1} filler words per 100 words; answers average {:.0} words.",
            analysis.fillers.per_100_words, analysis.mean_word_count
        ),
        Dimension::Confidence => {
            let confidence = &analysis.confidence;
            let hedges: u32 = confidence.hedges.iter().map(|p| p.count).sum();
            let commitments: u32 = confidence.commitments.iter().map(|p| p.count).sum();
            let pronouns = &analysis.pronouns;
            format!(
                "{hedges} hedge{} against {commitments} committed phrase{}; \"I\" {} times, \"we\" {} times.",
                plural(hedges as usize),
                plural(commitments as usize),
                pronouns.i_count,
                pronouns.we_count
            )
        }
        Dimension::Consistency => match &analysis.consistency {
            Some(consistency) => format!(
                "Answer lengths vary by {:.0}% and their specificity by {:.0}% around the mean.",
                consistency.word_count_variation * 100.0,
                consistency.specificity_variation * 100.0
            ),
            None => "One answer: nothing to compare it with.".to_owned(),
        },
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// "a, b, c and 2 more".
pub(super) fn list(items: &[String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let more = items.len().saturating_sub(max);
    match (shown.as_slice(), more) {
        ([], _) => String::new(),
        ([only], 0) => (*only).to_owned(),
        (_, 0) => format!(
            "{} and {}",
            shown[..shown.len() - 1].join(", "),
            shown[shown.len() - 1]
        ),
        (_, more) => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        let items: Vec<String> = ["Go", "Kafka", "Docker"].map(String::from).to_vec();
        assert_eq!(list(&items[..1], 4), "Go");
        assert_eq!(list(&items, 4), "Go, Kafka and Docker");
        assert_eq!(list(&items, 2), "Go, Kafka and 1 more");
        assert_eq!(list(&[], 2), "");
    }
}
