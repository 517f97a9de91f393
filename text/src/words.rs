//! Small text helpers: whole-word search, word counts and clipping phrases taken from the
//! documents so they fit inside a question.

/// Characters that continue a word. `+` and `#` count so that "C" is not found in "C++" or
/// "C#"; `-` does not, so "Python-based" still mentions Python.
/// The most words a question may have: a question a candidate can hold in mind at once.
pub const MAX_QUESTION_WORDS: usize = 30;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '+' | '#')
}

/// Byte offset of the first occurrence of `needle` in `haystack` that is a whole word: a
/// neighbouring character may not continue the word when the needle's own edge is a word
/// character ("Go" is not in "Google", "SQL" is not in "PostgreSQL").
pub fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let needs_left_edge = needle.chars().next().is_some_and(is_word_char);
    let needs_right_edge = needle.chars().next_back().is_some_and(is_word_char);
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let left_ok = !needs_left_edge
            || haystack[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
        let right_ok = !needs_right_edge
            || haystack[end..]
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
        if left_ok && right_ok {
            return Some(start);
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A document prepared for repeated searches: the text as written and lower-cased.
#[derive(Clone, Debug)]
pub struct SearchableText {
    original: String,
    lower: String,
}

impl SearchableText {
    pub fn new(text: &str) -> Self {
        Self {
            original: text.to_owned(),
            lower: text.to_lowercase(),
        }
    }

    /// Where `word` first occurs as a whole word. Exact-case search is for names that are
    /// also ordinary words ("Go", "Excel", "Spark"); positions are only compared with other
    /// positions of the same text.
    pub fn position(&self, word: &str, exact_case: bool) -> Option<usize> {
        if exact_case {
            find_word(&self.original, word)
        } else {
            find_word(&self.lower, &word.to_lowercase())
        }
    }
}

/// Words separated by white space. The marks French typography sets apart with a no-break
/// space ("Pourquoi ?", "« Ai lancé »") are no words; anything else standing alone ("40 %")
/// still counts, as it always has.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| !is_set_apart_mark(word))
        .count()
}

/// "?", ":", ";", "!", "«" or "»" alone.
pub fn is_set_apart_mark(word: &str) -> bool {
    matches!(word, "?" | ":" | ";" | "!" | "«" | "»")
}

/// Words that make a clipped phrase read as cut off when they end it.
const DANGLING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "with", "from", "for", "in", "on", "at", "by",
    "into", "as", "our", "my", "its", "their", "that", "which", "while", "using", "used", "&",
    "where", "when", "who", "whose", "each", "every", "so", "because", "than", "some", "all",
    // French, German and Spanish articles, prepositions, conjunctions and possessives.
    "le", "la", "les", "un", "une", "des", "du", "de", "à", "au", "aux", "et", "ou", "pour", "avec",
    "dans", "sur", "en", "par", "mon", "ma", "mes", "notre", "nos", "qui", "que", "dont", "où",
    "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "und", "oder",
    "mit", "für", "von", "zu", "zum", "zur", "im", "auf", "bei", "mein", "meine", "unser",
    "unsere", "el", "los", "las", "del", "al", "y", "o", "con", "para", "por", "mi", "mis",
    "nuestro", "nuestra",
];

/// Words before which a phrase can be cut and still read as complete ("led the rewrite of
/// the ledger | into five Go services").
const CUT_BEFORE: &[&str] = &[
    "from", "into", "with", "to", "for", "on", "across", "by", "and", "while", "without", "at",
    "in", "where", "when", "which", "who", "whose", "so", "because",
    // French, German and Spanish.
    "à", "avec", "pour", "dans", "sur", "et", "par", "mit", "für", "von", "und", "bei", "con",
    "para", "por", "y",
];

/// Shortens a line from a document to its first clause and at most `max_words` words, without
/// a dangling "of the" at the end or punctuation that would break the question around it.
pub fn clip_phrase(line: &str, max_words: usize) -> String {
    // A colon ends a clause only before a space: "1:1 care" keeps its ratio.
    let first_clause = line
        .split(": ")
        .next()
        .unwrap_or("")
        .split([';', '(', '—', '–', '?', '!'])
        .next()
        .unwrap_or("");
    let all_words: Vec<&str> = first_clause.split_whitespace().collect();
    let mut words: Vec<&str> = all_words.iter().copied().take(max_words).collect();
    if all_words.len() > max_words {
        // Cut before the last joining word rather than in the middle of a noun phrase.
        let cut = words
            .iter()
            .rposition(|word| CUT_BEFORE.contains(&word.to_lowercase().as_str()));
        if let Some(cut) = cut.filter(|&cut| cut >= 3) {
            words.truncate(cut);
        }
    }
    while let Some(last) = words.last() {
        let bare = last.trim_end_matches([',', '.', '-']);
        if bare.is_empty() || DANGLING_WORDS.contains(&bare.to_lowercase().as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    words
        .join(" ")
        .trim_end_matches([',', '.', '-', ' '])
        .to_owned()
}

/// "Led the rewrite" → "led the rewrite", so the phrase can follow "you"; words that look like
/// names or acronyms ("ECMO-trained", "Salesforce") keep their capital.
pub fn lowercase_first_word(phrase: &str) -> String {
    let mut chars = phrase.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let rest = chars.as_str();
    let second_is_upper = rest.chars().next().is_some_and(char::is_uppercase);
    if second_is_upper {
        phrase.to_owned()
    } else {
        first.to_lowercase().chain(rest.chars()).collect()
    }
}

/// Lower-cased with runs of white space collapsed: two questions are the same question when
/// they differ only in case or spacing.
pub fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Word-set Jaccard similarity of two questions, ignoring case and punctuation: at 0.5 or
/// more, one reads as a rewording of the other.
pub fn similarity(a: &str, b: &str) -> f64 {
    let words = |text: &str| -> std::collections::HashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Questions at least this similar are the same question reworded.
pub const NEAR_DUPLICATE: f64 = 0.5;

/// A question we may ask: ends with a question mark and is short enough to read aloud.
pub fn is_well_formed_question(text: &str) -> bool {
    text.ends_with('?') && word_count(text) <= MAX_QUESTION_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert_eq!(find_word("I worked at Google", "Go"), None);
        assert_eq!(find_word("Go and PostgreSQL", "SQL"), None);
        assert_eq!(find_word("Go / PostgreSQL", "Go"), Some(0));
        assert_eq!(find_word("C++ and C#", "C"), None);
        assert_eq!(find_word("Python, SQL, R\t6", "R"), Some(13));
        assert_eq!(find_word("Python-based tools", "Python"), Some(0));
        assert_eq!(find_word("a Node.js backend", "Node.js"), Some(2));
        assert_eq!(find_word("Zürich, Zürcher", "Zürcher"), Some(9));
    }

    #[test]
    fn exact_case_only_when_asked() {
        let text = SearchableText::new("I excel at Go and Excel");
        assert_eq!(text.position("excel", false), Some(2));
        assert_eq!(text.position("Excel", true), Some(18));
        assert_eq!(text.position("EXCEL", true), None);
    }

    #[test]
    fn clipping_keeps_the_first_clause_and_drops_dangling_words() {
        assert_eq!(
            clip_phrase("Ran the migration to Kafka (Strimzi) without loss.", 10),
            "Ran the migration to Kafka"
        );
        assert_eq!(
            clip_phrase("Built the pricing service for the", 10),
            "Built the pricing service"
        );
        assert_eq!(
            clip_phrase("Provide 1:1 care: ventilation", 10),
            "Provide 1:1 care"
        );
        assert_eq!(clip_phrase("one two three of four", 4), "one two three");
        assert_eq!(
            clip_phrase(
                "Enseigne les mathématiques à cinq classes de 5e et de 3e",
                5
            ),
            "Enseigne les mathématiques"
        );
        // A relative clause cut short is dropped whole, not left hanging on "where each".
        assert_eq!(
            clip_phrase("ran a weekly Gong review where each rep played one call", 8),
            "ran a weekly Gong review"
        );
        assert_eq!(
            clip_phrase(
                "Led the rewrite of the ledger from a Java monolith into five Go services",
                12
            ),
            "Led the rewrite of the ledger from a Java monolith"
        );
    }

    #[test]
    fn rewordings_are_similar() {
        let a =
            "Let's go deeper on CRRT: what was the hardest problem you solved with it, and how?";
        let b = "Let's go deeper on ventilation: what was the hardest problem you solved with it, and how?";
        assert!(similarity(a, b) >= NEAR_DUPLICATE);
        assert!(similarity(a, "Why do you want to join Acme?") < NEAR_DUPLICATE);
        assert_eq!(similarity("", ""), 0.0);
    }

    #[test]
    fn lowercases_verbs_but_not_names() {
        assert_eq!(lowercase_first_word("Led the rewrite"), "led the rewrite");
        assert_eq!(lowercase_first_word("ECMO-trained"), "ECMO-trained");
    }
}
