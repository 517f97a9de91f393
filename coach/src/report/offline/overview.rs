//! The report's overview: a one-line summary, themes (the job terms used and the most used
//! words), key points (the candidate's results and actions) and the sentiment of the answers.

use domain::{Dimension, DimensionScores, OverallScore, Sentiment, StarComponent};

use crate::report::offline::Context;
use crate::report::quote::{clip_quote, sentence_containing, sentences};

const MAX_THEMES: usize = 5;
const MAX_KEY_POINTS: usize = 5;
const MAX_THEME_TERMS: usize = 3;
const MIN_THEME_WORD_CHARS: usize = 4;

pub(super) fn summary(
    context: &Context,
    overall: &OverallScore,
    dimensions: &DimensionScores,
) -> String {
    let w = context.wording();
    let answered = context.answered.len();
    let planned = usize::from(context.input.question_count).max(answered);
    let of = w.fill(
        w.answered_of,
        &[
            ("answered", &answered.to_string()),
            ("planned", &planned.to_string()),
        ],
    );
    match overall {
        OverallScore::NotEnoughEvidence { reason } => {
            w.fill(w.summary_no_score, &[("of", &of), ("reason", reason)])
        }
        OverallScore::Scored { score } => {
            let scored: Vec<(Dimension, u8)> = dimensions
                .iter()
                .filter_map(|(dimension, value)| value.score.map(|score| (dimension, score)))
                .collect();
            let strongest = scored.iter().max_by_key(|(_, score)| *score);
            // The first of the lowest, so ties name the more important dimension.
            let weakest = scored.iter().rev().min_by_key(|(_, score)| *score);
            match (strongest, weakest) {
                (Some((best, high)), Some((worst, low))) if high > low => w.fill(
                    w.summary_strongest,
                    &[
                        ("score", &score.to_string()),
                        ("of", &of),
                        ("best", w.dimension(*best)),
                        ("high", &high.to_string()),
                        ("worst", w.dimension(*worst)),
                        ("low", &low.to_string()),
                    ],
                ),
                _ => w.fill(
                    w.summary_scored,
                    &[("score", &score.to_string()), ("of", &of)],
                ),
            }
        }
    }
}

/// Frequent words that are no topic: STAR scaffolding and time words.
const NOT_THEMES: &[&str] = &[
    "result",
    "results",
    "task",
    "goal",
    "situation",
    "action",
    "time",
    "team",
    "thing",
    "things",
    "stuff",
    "work",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "days",
    // French, German and Spanish.
    "résultat",
    "résultats",
    "tâche",
    "objectif",
    "équipe",
    "travail",
    "année",
    "années",
    "ans",
    "mois",
    "semaine",
    "semaines",
    "jours",
    "ergebnis",
    "ergebnisse",
    "aufgabe",
    "ziel",
    "arbeit",
    "jahr",
    "jahre",
    "monate",
    "wochen",
    "tage",
    "resultado",
    "resultados",
    "tarea",
    "objetivo",
    "situación",
    "equipo",
    "trabajo",
    "año",
    "años",
    "meses",
    "semanas",
    "días",
];

/// The job terms the answers used, then their most used words (other than employers' names,
/// which are places, not topics).
pub(super) fn themes(context: &Context) -> Vec<String> {
    let analysis = context.analysis;
    let employers: Vec<String> = context
        .documents
        .roles
        .iter()
        .map(|role| role.employer.to_lowercase())
        .collect();
    let mut themes: Vec<String> = analysis
        .coverage
        .used
        .iter()
        .take(MAX_THEME_TERMS)
        .cloned()
        .collect();
    for word in &analysis.top_words {
        if themes.len() >= MAX_THEMES {
            break;
        }
        let known = themes.iter().any(|theme| theme.to_lowercase() == word.word);
        let is_employer = employers
            .iter()
            .any(|employer| employer.split_whitespace().any(|part| part == word.word));
        if !known
            && !is_employer
            && !NOT_THEMES.contains(&word.word.as_str())
            && word.word.chars().count() >= MIN_THEME_WORD_CHARS
            && word.count > 1
        {
            themes.push(word.word.clone());
        }
    }
    themes
}

/// Per answer, its result sentence, else its action sentence, as the candidate said it.
pub(super) fn key_points(context: &Context) -> Vec<String> {
    let mut points = Vec::new();
    for (answered, analysis) in context.answers() {
        let outcome = analysis
            .specificity
            .outcomes
            .first()
            .and_then(|outcome| sentence_containing(answered.answer, outcome));
        let fallback = [StarComponent::Result, StarComponent::Action]
            .iter()
            .find_map(|&component| {
                analysis
                    .star
                    .cue(component)
                    .and_then(|cue| sentence_containing(answered.answer, cue))
            });
        if let Some(sentence) = outcome.or(fallback) {
            let point = clip_quote(sentence);
            if !points.contains(&point) {
                points.push(point);
            }
        }
        if points.len() >= MAX_KEY_POINTS {
            break;
        }
    }
    points
}

const POSITIVE: &[&str] = &[
    "achieved",
    "improved",
    "success",
    "successful",
    "successfully",
    "proud",
    "enjoy",
    "enjoyed",
    "love",
    "loved",
    "excited",
    "happy",
    "great",
    "good",
    "won",
    "grew",
    "delivered",
    "solved",
    "praised",
    "thanked",
    "best",
    "better",
    "reliable",
    "learned",
    "pleased",
    "exceeded",
    "glad",
    "rewarding",
    "fun",
    "relieved",
    "saved",
    "useful",
    // French, German and Spanish.
    "réussi",
    "amélioré",
    "fier",
    "fière",
    "contente",
    "ravi",
    "ravie",
    "progressé",
    "dépassé",
    "gagné",
    "erfolgreich",
    "verbessert",
    "stolz",
    "zufrieden",
    "gefreut",
    "geschafft",
    "übertroffen",
    "gewonnen",
    "logré",
    "mejoré",
    "mejoró",
    "orgulloso",
    "orgullosa",
    "contento",
    "contenta",
    "superé",
    "conseguí",
    "éxito",
];

const NEGATIVE: &[&str] = &[
    "failed",
    "failure",
    "fail",
    "problem",
    "problems",
    "difficult",
    "frustrated",
    "frustrating",
    "hate",
    "hated",
    "bad",
    "terrible",
    "blame",
    "blamed",
    "conflict",
    "struggle",
    "struggled",
    "unfortunately",
    "stress",
    "stressful",
    "angry",
    "annoyed",
    "boring",
    "worst",
    "worse",
    "awful",
    "mistake",
    "wrong",
    "poor",
    "upset",
    "disaster",
    "lost",
    "broke",
    "broken",
    "slow",
    // French, German and Spanish.
    "échec",
    "échoué",
    "problème",
    "difficile",
    "frustré",
    "frustrée",
    "raté",
    "gescheitert",
    "misserfolg",
    "schwierig",
    "frustriert",
    "fehler",
    "fracaso",
    "fracasó",
    "problema",
    "difícil",
    "frustrado",
    "frustrada",
];

/// Before a sentiment word, these turn it around: "not good", "never happy".
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "didn't", "wasn't", "don't", "isn't", "without",
];
/// After a sentiment word, these turn it around: "lost nothing", "failed none".
const NEGATED_AFTER: &[&str] = &["no", "nothing", "none"];

/// `(positive − negative) / (positive + negative + 2)`, the 2 keeping a single word from
/// swinging the score to an extreme. Each measured outcome counts as positive; words count by
/// a small lexicon, turned around by a negation. A STAR story's situation describes a problem
/// by design, so the sentences that set the scene are left out, as are the outcome phrases
/// already counted.
pub(super) fn sentiment(context: &Context) -> Sentiment {
    let (mut positive, mut negative) = (0u32, 0u32);
    for (answered, analysis) in context.answers() {
        let outcomes = &analysis.specificity.outcomes;
        positive += u32::try_from(outcomes.len()).unwrap_or(u32::MAX);
        let situation = analysis.star.situation.as_deref();
        for sentence in sentences(answered.answer) {
            if situation.is_some_and(|cue| sentence.contains(cue)) {
                continue;
            }
            let mut text = sentence.to_owned();
            for outcome in outcomes {
                text = text.replace(outcome.as_str(), " ");
            }
            let words: Vec<String> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .filter(|word| !word.is_empty())
                .map(|word| word.to_lowercase().replace('’', "'"))
                .collect();
            for (index, word) in words.iter().enumerate() {
                let sign = if POSITIVE.contains(&word.as_str()) {
                    true
                } else if NEGATIVE.contains(&word.as_str()) {
                    false
                } else {
                    continue;
                };
                let negated = words[index.saturating_sub(2)..index]
                    .iter()
                    .any(|before| NEGATIONS.contains(&before.as_str()))
                    || words
                        .get(index + 1)
                        .is_some_and(|after| NEGATED_AFTER.contains(&after.as_str()));
                if sign != negated {
                    positive += 1;
                } else {
                    negative += 1;
                }
            }
        }
    }
    let score = (f64::from(positive) - f64::from(negative))
        / (f64::from(positive) + f64::from(negative) + 2.0);
    Sentiment::from_score(score)
}

#[cfg(test)]
mod tests {
    use domain::SentimentLabel;

    use crate::report::offline::offline_report;
    use crate::report::test_support::{input, CV, STRONG};

    #[test]
    fn the_overview_comes_from_the_answers() {
        let report = offline_report(&input(CV, &STRONG));
        assert!(report.summary.starts_with(&format!(
            "{}/10 over 3 of 8 questions answered.",
            report.overall.score().unwrap()
        )));
        assert_eq!(
            report.themes,
            ["Go", "PostgreSQL", "Kafka", "ledger", "postings"]
        );
        assert_eq!(
            report.sentiment.label,
            SentimentLabel::Positive,
            "{:?}",
            report.sentiment
        );
        assert_eq!(report.key_points.len(), 3);
        for (point, (_, answer)) in report.key_points.iter().zip(STRONG) {
            assert!(answer.contains(point.as_str()), "{point}");
        }
        let angry = offline_report(&input(
            CV,
            &[(
                "How was it?",
                "It was terrible, the project failed and I was frustrated. Not good.",
            )],
        ));
        assert_eq!(angry.sentiment.label, SentimentLabel::Negative);
        let glad = offline_report(&input(
            CV,
            &[(
                "How was it?",
                "I was proud, we delivered and the client was happy; not a failure at all.",
            )],
        ));
        assert_eq!(glad.sentiment.label, SentimentLabel::Positive);
    }
}
