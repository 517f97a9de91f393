//! The words an answer leans on most, without the words every answer uses ("the", "we",
//! "really") or fillers, so what remains shows its subject ("latency", "migration").

use std::collections::HashMap;

use domain::WordCount;

use crate::tokens::Tokens;

/// How many words to list.
pub const TOP_WORDS: usize = 10;

/// English function words, auxiliaries, pronouns and their contractions, plus fillers and
/// hedges, which the language measures count separately.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "got",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let's",
    "lot",
    "lots",
    "me",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "quite",
    "rather",
    "really",
    "same",
    "she",
    "she'd",
    "she'll",
    "she's",
    "should",
    "shouldn't",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "what's",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won't",
    "would",
    "wouldn't",
    "yeah",
    "yes",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "okay",
    "ok",
    "well",
    "like",
    "um",
    "umm",
    "uh",
    "uhh",
    "uhm",
    "erm",
    "er",
    "hmm",
    "basically",
    "actually",
    "literally",
    "honestly",
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "kind",
    "sort",
    "kinda",
    "sorta",
    "think",
    "guess",
    "know",
    "mean",
    "said",
    "say",
    "stuff",
    "bit",
    "way",
    "still",
    "back",
];

/// Whether `word` (lower-cased) is a function word, filler or hedge in any of the four
/// languages.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word) || crate::stop_words::OTHER_LANGUAGES.contains(&word)
}

/// The `limit` most used words (lower-cased, a possessive "'s" dropped), most used first and,
/// among equals, in the order first used. Numbers and one-letter words are left out.
pub fn top_words(tokens: &Tokens, limit: usize) -> Vec<WordCount> {
    let mut order: Vec<&str> = Vec::new();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for token in &tokens.tokens {
        let word = token.lower.strip_suffix("'s").unwrap_or(&token.lower);
        let keep = word.chars().count() >= 2
            && word.chars().any(char::is_alphabetic)
            && !token.is_digits()
            && !is_stop_word(word);
        if !keep {
            continue;
        }
        let count = counts.entry(word).or_default();
        if *count == 0 {
            order.push(word);
        }
        *count += 1;
    }
    let mut words: Vec<WordCount> = order
        .into_iter()
        .map(|word| WordCount {
            word: word.to_owned(),
            count: counts[word],
        })
        .collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.count));
    words.truncate(limit);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_used_words_leave_out_stop_words_numbers_and_fillers() {
        let tokens = Tokens::new(
            "Um, we moved the ledger to Kafka. The ledger's latency, like, dropped: latency fell 40% and the ledger was fine in 2021.",
        );
        let top = top_words(&tokens, 3);
        let words: Vec<(&str, u32)> = top.iter().map(|w| (w.word.as_str(), w.count)).collect();
        assert_eq!(words, [("ledger", 3), ("latency", 2), ("moved", 1)]);
        assert!(top_words(&Tokens::new("the a of I um"), TOP_WORDS).is_empty());
    }
}
