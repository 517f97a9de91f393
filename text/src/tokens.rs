//! An answer split into words, each with its place in the text and whether punctuation ends a
//! clause after it. Cues are matched on these words rather than on the raw text so that "you,
//! know" is not "you know", and so that a cue can be quoted exactly as the candidate wrote it.

use std::collections::HashMap;

use domain::PhraseCount;

/// Currency signs belong to the number they precede.
pub const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];

/// Punctuation that ends a clause. A phrase never spans one of these.
const CLAUSE_BREAKS: &[char] = &[
    ',', ';', ':', '.', '!', '?', '(', ')', '[', ']', '"', '“', '”', '—', '–', '-', '…',
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the text, surrounding punctuation left out.
    pub start: usize,
    pub end: usize,
    /// Lower-cased, with typographic apostrophes made straight ("don’t" → "don't").
    pub lower: String,
    /// Punctuation, a line break or the end of the text follows: a clause ends here.
    pub break_after: bool,
}

impl Token {
    /// Has a letter or a digit, so it counts as a word ("%" and "$" alone do not).
    pub fn is_word(&self) -> bool {
        self.lower.chars().any(char::is_alphanumeric)
    }

    /// Starts with a digit, perhaps after a currency sign ("40%", "$1.2m", "2,500").
    pub fn is_digits(&self) -> bool {
        self.lower
            .trim_start_matches(CURRENCY_SIGNS)
            .starts_with(|c: char| c.is_ascii_digit())
    }
}

#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

/// Where a phrase from a list was found: tokens `start..=end`, and which phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub phrase: &'static str,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut tokens: Vec<Token> = Vec::new();
        let mut piece_start: Option<usize> = None;
        let mut gap_has_line_break = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if let Some(start) = piece_start.take() {
                    if gap_has_line_break {
                        mark_break(&mut tokens);
                    }
                    push(&mut tokens, text, start, at);
                    gap_has_line_break = false;
                }
                gap_has_line_break |= c == '\n';
            } else if piece_start.is_none() {
                piece_start = Some(at);
            }
        }
        if let Some(start) = piece_start {
            if gap_has_line_break {
                mark_break(&mut tokens);
            }
            push(&mut tokens, text, start, text.len());
        }
        mark_break(&mut tokens);
        Self { text, tokens }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Token> {
        self.tokens.get(index)
    }

    /// The lower-cased word at `index`, or "" past the end.
    pub fn lower(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .map_or("", |token| token.lower.as_str())
    }

    /// The word at `index` as written.
    pub fn original(&self, index: usize) -> &'a str {
        let token = &self.tokens[index];
        &self.text[token.start..token.end]
    }

    /// Tokens `start..=end` as written, with the spaces and punctuation between them.
    pub fn span(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.tokens[start].start..self.tokens[end].end]
    }

    /// The previous word when it belongs to the same clause.
    pub fn previous_in_clause(&self, index: usize) -> Option<&Token> {
        let previous = self.tokens.get(index.checked_sub(1)?)?;
        (!previous.break_after).then_some(previous)
    }

    /// The next word when it belongs to the same clause.
    pub fn next_in_clause(&self, index: usize) -> Option<&Token> {
        let token = self.tokens.get(index)?;
        if token.break_after {
            return None;
        }
        self.tokens.get(index + 1)
    }

    /// The last token of the clause `index` is in.
    pub fn clause_end(&self, index: usize) -> usize {
        (index..self.len())
            .find(|&at| self.tokens[at].break_after)
            .unwrap_or(self.len().saturating_sub(1))
    }

    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|token| token.is_word()).count()
    }

    /// The index of the last word of `phrase` (lower-case, single spaces) when the phrase starts
    /// at `index` and stays within one clause.
    pub fn phrase_at(&self, index: usize, phrase: &str) -> Option<usize> {
        let mut end = index;
        for (offset, word) in phrase.split(' ').enumerate() {
            let at = index + offset;
            let token = self.tokens.get(at)?;
            if token.lower != word || (offset > 0 && self.tokens[at - 1].break_after) {
                return None;
            }
            end = at;
        }
        Some(end)
    }

    /// Every occurrence of the phrases, left to right and without overlaps: the earlier start
    /// wins ("i'm not sure" over "not sure"), and among phrases starting at the same word the
    /// longest ("kind of" over "kind").
    pub fn find_phrases(&self, phrases: &[&'static str]) -> Vec<PhraseMatch> {
        let mut found = Vec::new();
        let mut index = 0;
        while index < self.len() {
            let longest = phrases
                .iter()
                .filter_map(|phrase| {
                    self.phrase_at(index, phrase).map(|end| PhraseMatch {
                        start: index,
                        end,
                        phrase,
                    })
                })
                .max_by_key(|found| found.end);
            match longest {
                Some(phrase) => {
                    index = phrase.end + 1;
                    found.push(phrase);
                }
                None => index += 1,
            }
        }
        found
    }
}

/// The punctuation-free core of a piece of text between spaces, and whether punctuation before
/// or after it ends a clause.
fn push(tokens: &mut Vec<Token>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let after_lead = piece.trim_start_matches(is_edge_punctuation);
    let core = after_lead.trim_end_matches(is_edge_punctuation);
    if core.is_empty() {
        // A dash or an ellipsis standing alone.
        if piece.contains(CLAUSE_BREAKS) {
            mark_break(tokens);
        }
        return;
    }
    let core_start = start + (piece.len() - after_lead.len());
    let core_end = core_start + core.len();
    if text[start..core_start].contains(CLAUSE_BREAKS) {
        mark_break(tokens);
    }
    tokens.push(Token {
        start: core_start,
        end: core_end,
        lower: core.to_lowercase().replace(['’', '‘'], "'"),
        break_after: text[core_end..end].contains(CLAUSE_BREAKS),
    });
}

/// Punctuation trimmed from a word's ends. Currency signs and "%" are kept ("$5", "40%",
/// "300€", "40 %"): they belong to a number.
fn is_edge_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && c != '%' && !CURRENCY_SIGNS.contains(&c)
}

fn mark_break(tokens: &mut [Token]) {
    if let Some(last) = tokens.last_mut() {
        last.break_after = true;
    }
}

/// Counts phrases, most frequent first and, among equals, in the order first seen.
pub fn tally<S: Into<String>>(phrases: impl IntoIterator<Item = (S, u32)>) -> Vec<PhraseCount> {
    let mut order: Vec<String> = Vec::new();
    let mut counts: HashMap<String, u32> = HashMap::new();
    for (phrase, count) in phrases {
        let phrase = phrase.into();
        if !counts.contains_key(&phrase) {
            order.push(phrase.clone());
        }
        *counts.entry(phrase).or_default() += count;
    }
    let mut tallied: Vec<PhraseCount> = order
        .into_iter()
        .map(|phrase| PhraseCount {
            count: counts[&phrase],
            phrase,
        })
        .collect();
    tallied.sort_by_key(|phrase| std::cmp::Reverse(phrase.count));
    tallied
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers<'a>(tokens: &'a Tokens) -> Vec<&'a str> {
        tokens.tokens.iter().map(|t| t.lower.as_str()).collect()
    }

    #[test]
    fn splits_words_and_keeps_their_places() {
        let tokens = Tokens::new("Um, I cut costs by $1.2m (about 40 %) — Don’t ask.\nNext");
        assert_eq!(
            lowers(&tokens),
            [
                "um", "i", "cut", "costs", "by", "$1.2m", "about", "40", "%", "don't", "ask",
                "next"
            ]
        );
        assert_eq!(tokens.original(5), "$1.2m");
        assert_eq!(tokens.original(9), "Don’t");
        assert_eq!(tokens.span(1, 3), "I cut costs");
        let breaks: Vec<bool> = tokens.tokens.iter().map(|t| t.break_after).collect();
        assert_eq!(
            breaks,
            [true, false, false, false, false, true, false, false, true, false, true, true]
        );
        assert_eq!(tokens.word_count(), 11, "a lone % is not a word");
        assert!(tokens.tokens[5].is_digits() && !tokens.tokens[3].is_digits());
    }

    #[test]
    fn phrases_stay_inside_a_clause() {
        let tokens = Tokens::new("If you, know, it is kind of fine, you know");
        let found = tokens.find_phrases(&["you know", "kind of", "kind"]);
        let phrases: Vec<&str> = found.iter().map(|m| m.phrase).collect();
        assert_eq!(phrases, ["kind of", "you know"]);
        assert_eq!(tokens.span(found[1].start, found[1].end), "you know");
        assert_eq!(tokens.clause_end(4), 7);
        assert_eq!(tokens.previous_in_clause(2).map(|t| t.lower.as_str()), None);
        assert_eq!(
            tokens.next_in_clause(4).map(|t| t.lower.as_str()),
            Some("kind")
        );
    }

    #[test]
    fn tally_orders_by_count_then_first_seen() {
        let tallied = tally([("um", 1), ("like", 1), ("like", 2), ("uh", 1)]);
        let pairs: Vec<(&str, u32)> = tallied
            .iter()
            .map(|p| (p.phrase.as_str(), p.count))
            .collect();
        assert_eq!(pairs, [("like", 3), ("um", 1), ("uh", 1)]);
    }
}
