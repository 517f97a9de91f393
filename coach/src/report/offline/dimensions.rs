//! The offline scores per dimension, each with the measurements it came from, so the user
//! can see why (see `scores` for the mapping). With too little evidence no dimension is
//! scored: the comment still says what was measured.

use domain::{Dimension, DimensionScore, DimensionScores, InterviewAnalysis};

use crate::report::offline::wording::ReportWording;
use crate::report::scores::LocalScores;

pub(super) fn dimensions(
    analysis: &InterviewAnalysis,
    scores: &LocalScores,
    wording: &ReportWording,
) -> DimensionScores {
    let thin = scores.overall.is_err();
    let score = |dimension: Dimension| DimensionScore {
        score: if thin { None } else { scores.get(dimension) },
        comment: comment(analysis, dimension, wording),
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

fn comment(analysis: &InterviewAnalysis, dimension: Dimension, w: &ReportWording) -> String {
    let answers = analysis.answers.len();
    if answers == 0 {
        return w.fill(w.dim_no_answer, &[]);
    }
    let answers_counted = w.answer_count(answers);
    match dimension {
        Dimension::Relevance => {
            let coverage = &analysis.coverage;
            let total = (coverage.used.len() + coverage.missed.len()).to_string();
            let naming = analysis
                .answers
                .iter()
                .filter(|answer| !answer.coverage.used.is_empty())
                .count()
                .to_string();
            if coverage.missed.is_empty() && coverage.used.is_empty() {
                w.fill(
                    w.dim_relevance_no_terms,
                    &[("naming", &naming), ("answers", &answers_counted)],
                )
            } else if coverage.used.is_empty() {
                w.fill(w.dim_relevance_none_used, &[("total", &total)])
            } else {
                w.fill(
                    w.dim_relevance,
                    &[
                        ("used", &coverage.used.len().to_string()),
                        ("total", &total),
                        ("list", &w.list(&coverage.used, 4)),
                        ("naming", &naming),
                        ("answers", &answers_counted),
                    ],
                )
            }
        }
        Dimension::Structure => {
            let star = &analysis.star;
            w.fill(
                w.dim_structure,
                &[
                    ("complete", &star.complete.to_string()),
                    ("answers", &answers_counted),
                    ("action", &star.action.to_string()),
                    ("result", &star.result.to_string()),
                ],
            )
        }
        Dimension::Specificity => {
            let specificity = &analysis.specificity;
            if specificity.numbers.is_empty()
                && specificity.tools.is_empty()
                && specificity.outcomes.is_empty()
            {
                w.fill(w.dim_specificity_none, &[])
            } else {
                w.fill(
                    w.dim_specificity,
                    &[
                        (
                            "numbers",
                            &w.counted(specificity.numbers.len(), w.counted_numbers),
                        ),
                        (
                            "tools",
                            &w.counted(specificity.tools.len(), w.counted_tools),
                        ),
                        (
                            "outcomes",
                            &w.counted(specificity.outcomes.len(), w.counted_outcomes),
                        ),
                        ("answers", &answers_counted),
                    ],
                )
            }
        }
        Dimension::Clarity => w.fill(
            w.dim_clarity,
            &[
                ("per100", &format!("{:.1}", analysis.fillers.per_100_words)),
                ("mean", &format!("{:.0}", analysis.mean_word_count)),
            ],
        ),
        Dimension::Confidence => {
            let confidence = &analysis.confidence;
            let hedges: u32 = confidence.hedges.iter().map(|p| p.count).sum();
            let commitments: u32 = confidence.commitments.iter().map(|p| p.count).sum();
            let pronouns = &analysis.pronouns;
            w.fill(
                w.dim_confidence,
                &[
                    ("hedges", &w.counted(hedges as usize, w.counted_hedges)),
                    (
                        "commitments",
                        &w.counted(commitments as usize, w.counted_commitments),
                    ),
                    ("i", &pronouns.i_count.to_string()),
                    ("we", &pronouns.we_count.to_string()),
                ],
            )
        }
        Dimension::Consistency => match &analysis.consistency {
            Some(consistency) => w.fill(
                w.dim_consistency,
                &[
                    (
                        "words",
                        &format!("{:.0}", consistency.word_count_variation * 100.0),
                    ),
                    (
                        "specificity",
                        &format!("{:.0}", consistency.specificity_variation * 100.0),
                    ),
                ],
            ),
            None => w.fill(w.dim_one_answer, &[]),
        },
    }
}
