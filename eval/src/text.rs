//! Plain word handling for the metrics. The harness keeps its own, deliberately simple, text
//! rules rather than reusing the services' analysis: a judge that shares the code it judges
//! would agree with it by construction.

use std::collections::BTreeSet;

/// Lower-case words: runs of letters, digits and `'`, with `'s` and edge apostrophes dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|word| {
            let word = word.trim_matches(|c| c == '\'' || c == '’').to_lowercase();
            word.strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .map(str::to_owned)
                .unwrap_or(word)
        })
        .filter(|word| !word.is_empty())
        .collect()
}

pub fn word_set(text: &str) -> BTreeSet<String> {
    words(text).into_iter().collect()
}

/// |A ∩ B| / |A ∪ B| of the two texts' word sets (0 when both are empty).
pub fn jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (word_set(a), word_set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Whether `phrase` occurs in `text` on word boundaries, ignoring case and spacing.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (words(text), words(phrase));
    !phrase.is_empty() && text.windows(phrase.len()).any(|window| window == phrase)
}

/// A word without a common English ending ("forecasting", "forecasts" → "forecast"), for
/// matching a name in another form.
pub fn stem(word: &str) -> &str {
    for (suffix, min) in [("ing", 6), ("ed", 5), ("es", 5), ("s", 4)] {
        if word.chars().count() >= min {
            if let Some(stem) = word.strip_suffix(suffix) {
                return stem;
            }
        }
    }
    word
}

/// [`contains_phrase`] on stems.
pub fn contains_stems(text: &str, phrase: &str) -> bool {
    let stems =
        |text: &str| -> Vec<String> { words(text).iter().map(|w| stem(w).to_owned()).collect() };
    let (text, phrase) = (stems(text), stems(phrase));
    !phrase.is_empty() && text.windows(phrase.len()).any(|window| window == phrase)
}

/// Function words and interview vocabulary: never evidence that a question picked up
/// something from an answer.
pub const COMMON: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "because",
    "before",
    "being",
    "between",
    "could",
    "during",
    "every",
    "first",
    "going",
    "great",
    "other",
    "really",
    "should",
    "since",
    "something",
    "their",
    "there",
    "these",
    "thing",
    "things",
    "think",
    "those",
    "through",
    "under",
    "until",
    "using",
    "where",
    "which",
    "while",
    "would",
    "years",
    "your",
    "yours",
    "what",
    "when",
    "with",
    "that",
    "this",
    "from",
    "have",
    "they",
    "them",
    "then",
    "than",
    "were",
    "will",
    "into",
    "just",
    "like",
    "made",
    "make",
    "more",
    "most",
    "much",
    "only",
    "over",
    "some",
    "such",
    "very",
    "well",
    "work",
    "worked",
    "working",
    "team",
    "teams",
    "project",
    "projects",
    "experience",
    "people",
    "company",
    "role",
    "result",
    "results",
    "problem",
    "problems",
    "example",
    "situation",
    "learned",
    "happy",
    "better",
    "always",
    "everyone",
    "everybody",
    "together",
    "lot",
    "different",
    "difficult",
    "important",
    "helped",
    "tried",
    "question",
    "answer",
    "interview",
    "today",
    "later",
    "still",
    "whole",
    "quite",
    "already",
    "myself",
    "yourself",
    "itself",
    "person",
    "personal",
    "specific",
    "concrete",
    "number",
    "numbers",
    "outcome",
    "outcomes",
    "approach",
    "change",
    "changes",
    "point",
    "part",
    "parts",
    "time",
    "times",
    "year",
    "month",
    "months",
    "week",
    "weeks",
    "days",
    "good",
    "best",
    "hard",
    "knowledge",
    "skills",
    "skill",
    "tell",
    "describe",
    "walk",
    "share",
    "again",
    "doing",
    "done",
    "did",
    "does",
    "know",
    "want",
    "need",
    "needed",
    "used",
    "make",
    "sure",
    "thank",
    "thanks",
];

/// Also the function words of French, German and Spanish ("votre", "haben", "usted"), which a
/// question repeats from any answer.
pub fn is_common(word: &str) -> bool {
    COMMON.contains(&word) || text::top_words::is_stop_word(word)
}

/// Sentences: split after `.`, `!` or `?` followed by a space or the end.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (index, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = bytes.get(index + 1).copied();
            if next.is_none_or(|b| b == b' ' || b == b'\n') {
                let sentence = text[start..=index].trim();
                if !sentence.is_empty() {
                    out.push(sentence);
                }
                start = index + 1;
            }
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_overlap() {
        assert_eq!(
            words("Siobhán's ICU, p99 (480 ms)."),
            ["siobhán", "icu", "p99", "480", "ms"]
        );
        assert!((jaccard("a b c", "b c d") - 0.5).abs() < 1e-9);
        assert_eq!(jaccard("", ""), 0.0);
        assert!(contains_phrase("Ran Kafka (Strimzi) here", "kafka strimzi"));
        assert!(!contains_phrase("Gopher", "go"));
        assert!(contains_stems("Forecast your pipeline", "forecasting"));
        assert!(!contains_stems("Forecast your pipeline", "forest"));
    }

    #[test]
    fn sentences_split_on_end_marks() {
        assert_eq!(
            sentences("It fell 3.5 %. Then? Yes"),
            ["It fell 3.5 %.", "Then?", "Yes"]
        );
    }
}
