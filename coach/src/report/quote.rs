//! Quoting the candidate: an answer split into sentences, the sentence that contains a cue,
//! and a sentence tidied of filler words for a sample answer. Feedback that quotes "the
//! sentence it refers to" must quote it exactly, so everything here returns slices of the
//! answer or text built only from its words.

use domain::AnswerAnalysis;

use analysis::language::KIND_OF_AS_NOUN;
use text::words::{find_word, SearchableText};

/// Quotes longer than this are cut (with "…") so a point stays readable.
const MAX_QUOTE_WORDS: usize = 45;

/// Abbreviations whose full stop does not end a sentence ("St. Brigid's", "Dr. Okafor").
const ABBREVIATIONS: &[&str] = &[
    "St", "Dr", "Mr", "Mrs", "Ms", "Prof", "Inc", "Ltd", "Co", "No", "vs", "e.g", "i.e", "approx",
];

/// The sentences of `text`, trimmed, as slices of it. A sentence ends at ".", "!" or "?"
/// followed by white space, or at a line break; "1.5", "Node.js" and "St. Brigid's" stay
/// whole (a full stop after one of [`ABBREVIATIONS`] followed by a capital or a digit does
/// not end a sentence).
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let ends = c == '\n'
            || (matches!(c, '.' | '!' | '?' | '…')
                && next.is_none_or(char::is_whitespace)
                && !(c == '.' && is_abbreviation(&text[start..at], &text[at + 1..])));
        if ends {
            let end = at + c.len_utf8();
            push_sentence(&mut found, &text[start..end]);
            start = end;
        }
    }
    push_sentence(&mut found, &text[start..]);
    found
}

/// `before` ends with an abbreviation and `after` goes on with a capital or a digit on the
/// same line, so the full stop between them does not end the sentence.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let next = after.trim_start_matches([' ', '\t']).chars().next();
    ABBREVIATIONS.contains(&word) && next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Pieces without a letter or digit (a stray "…") are not sentences.
fn push_sentence<'a>(found: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        found.push(piece);
    }
}

/// The first sentence of `answer` containing `needle` as written (cues quoted by the
/// analysis), else case-insensitively.
pub(crate) fn sentence_containing<'a>(answer: &'a str, needle: &str) -> Option<&'a str> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let all = sentences(answer);
    all.iter()
        .find(|sentence| sentence.contains(needle))
        .or_else(|| {
            let lower = needle.to_lowercase();
            all.iter()
                .find(|sentence| sentence.to_lowercase().contains(&lower))
        })
        .copied()
}

/// The first sentence containing `phrase` (lower-case, as the analysis reports hedges, fillers
/// and commitments) as whole words.
pub(crate) fn sentence_with_phrase<'a>(answer: &'a str, phrase: &str) -> Option<&'a str> {
    sentences(answer).into_iter().find(|sentence| {
        let lower = sentence.to_lowercase().replace(['’', '‘'], "'");
        find_word(&lower, phrase).is_some()
    })
}

/// The first sentence naming a job term, matched like the analysis matches it (whole words,
/// exact case for names that are ordinary words).
pub(crate) fn sentence_naming(
    answer: &str,
    is_named_in: impl Fn(&SearchableText) -> bool,
) -> Option<&str> {
    sentences(answer)
        .into_iter()
        .find(|sentence| is_named_in(&SearchableText::new(sentence)))
}

/// A quote short enough to show: the sentence itself, or its first words and "…".
pub(crate) fn clip_quote(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let shown = &words[..words.len().min(MAX_QUOTE_WORDS)];
    // The words as written, no-break spaces included ("Pourquoi ?"), when they are spaced
    // plainly; collapsed to single spaces otherwise.
    let as_written = shown.first().zip(shown.last()).map(|(first, last)| {
        let start = first.as_ptr() as usize - sentence.as_ptr() as usize;
        let end = last.as_ptr() as usize - sentence.as_ptr() as usize + last.len();
        &sentence[start..end]
    });
    let text = match as_written {
        Some(text) if !text.contains(['\n', '\t']) && !text.contains("  ") => text.to_owned(),
        _ => shown.join(" "),
    };
    if words.len() <= MAX_QUOTE_WORDS {
        text
    } else {
        format!("{text}…")
    }
}

/// True when `quote` is in `answer`, ignoring case, spacing, surrounding quotation marks and
/// a trailing "…" (a model or this module may have cut it).
pub(crate) fn is_quoted_from(quote: &str, answer: &str) -> bool {
    let quote = comparable(
        quote
            .trim()
            .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
            .trim_end_matches('…'),
    );
    !quote.is_empty() && comparable(answer).contains(&quote)
}

fn comparable(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
}

/// Hedges that soften how something is said, not what happened: a sample answer may drop
/// them. Hedges about the facts ("not sure", "maybe", "I don't know") are kept, so a sample
/// answer never claims more than the candidate did.
const SOFTENERS: &[&str] = &[
    "i think",
    "i guess",
    "i suppose",
    "i believe",
    "i feel like",
    "i would say",
    "i'd say",
    "kind of",
    "sort of",
    "kinda",
    "sorta",
    "somewhat",
];

/// Single words that are fillers only when they stand alone between commas ("we, like,
/// shipped"); at the start of a clause they may be meant ("Like most teams, we…").
const AMBIGUOUS_FILLERS: &[&str] = &["like", "actually", "honestly", "literally"];

/// [`tidy`] with the fillers and hedges `analysis` found in the answer its sentences come from.
pub(crate) fn tidier(analysis: &AnswerAnalysis) -> impl Fn(&str) -> String + '_ {
    let hedges: Vec<&str> = analysis
        .confidence
        .hedges
        .iter()
        .map(|p| p.phrase.as_str())
        .collect();
    let fillers: Vec<&str> = analysis
        .fillers
        .phrases
        .iter()
        .map(|p| p.phrase.as_str())
        .collect();
    move |sentence| tidy(sentence, &hedges, &fillers)
}

/// `sentence` without the fillers and softening hedges the analysis found in the answer
/// (lower-case, as in `Fillers::phrases` and `Confidence::hedges`) where they open a clause or
/// stand alone, then capitalised.
/// "Um, I think we, like, kind of improved things, you know." → "We improved things."
pub(crate) fn tidy(sentence: &str, hedges: &[&str], fillers: &[&str]) -> String {
    let removable: Vec<&str> = hedges
        .iter()
        .filter(|hedge| SOFTENERS.contains(hedge))
        .chain(fillers)
        .copied()
        .filter(|phrase| !phrase.is_empty())
        .collect();
    let body = sentence.trim();
    let end_mark = body
        .chars()
        .next_back()
        .filter(|c| matches!(c, '.' | '!' | '?'))
        .map_or(String::new(), String::from);
    let body = body.trim_end_matches(['.', '!', '?', '…', ' ']);
    let mut kept: Vec<(String, bool)> = Vec::new();
    let mut dropped_before = false;
    for segment in clauses(body) {
        let stripped =
            strip_inner_softeners(&strip_leading(segment.trim(), &removable), &removable);
        if stripped.is_empty() {
            dropped_before = true;
            continue;
        }
        kept.push((stripped, dropped_before));
        dropped_before = false;
    }
    let mut out = String::new();
    for (index, (segment, after_drop)) in kept.iter().enumerate() {
        if index > 0 {
            out.push_str(if *after_drop { " " } else { ", " });
        }
        out.push_str(segment);
    }
    if out.is_empty() {
        return String::new();
    }
    capitalise(&format!("{out}{end_mark}"))
}

/// The comma-separated clauses of a sentence; a comma inside a number ("18,000") is no break.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    for (at, c) in sentence.char_indices() {
        let next = sentence[at + c.len_utf8()..].chars().next();
        if c == ',' && next.is_none_or(|next| !next.is_ascii_digit()) {
            found.push(&sentence[start..at]);
            start = at + 1;
        }
    }
    found.push(&sentence[start..]);
    found
}

/// Softeners of more than one word inside a clause ("we were all kind of relieved"), unless a
/// determiner makes them a noun.
fn strip_inner_softeners(clause: &str, removable: &[&str]) -> String {
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let matched = removable
            .iter()
            .filter(|phrase| SOFTENERS.contains(phrase) && phrase.contains(' '))
            .map(|phrase| phrase.split(' ').collect::<Vec<_>>())
            .find(|parts| {
                words.len() >= index + parts.len()
                    && parts.iter().enumerate().all(|(offset, part)| {
                        words[index + offset].to_lowercase().replace('’', "'") == *part
                    })
            });
        let after_noun_marker = kept
            .last()
            .is_some_and(|word| KIND_OF_AS_NOUN.contains(&word.to_lowercase().as_str()));
        match matched {
            Some(parts) if index > 0 && !after_noun_marker => index += parts.len(),
            _ => {
                kept.push(words[index]);
                index += 1;
            }
        }
    }
    kept.join(" ")
}

/// Removes phrases from the start of a clause, repeatedly; an ambiguous filler only when it
/// is the whole clause.
fn strip_leading(segment: &str, removable: &[&str]) -> String {
    // Straight apostrophes, so "I’m" matches "i'm" and byte offsets agree.
    let segment = segment.replace('’', "'");
    let mut rest = segment.trim();
    loop {
        let lower = rest.to_lowercase();
        if lower.len() != rest.len() {
            // Lower-casing changed byte lengths (rare scripts): leave the clause as written.
            return rest.to_owned();
        }
        if removable
            .iter()
            .any(|phrase| AMBIGUOUS_FILLERS.contains(phrase) && lower == *phrase)
        {
            return String::new();
        }
        let opening = removable.iter().find(|phrase| {
            !AMBIGUOUS_FILLERS.contains(phrase)
                && lower.starts_with(*phrase)
                && lower[phrase.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '\'')
        });
        match opening {
            Some(phrase) => rest = rest[phrase.len()..].trim_start(),
            None => return rest.to_owned(),
        }
    }
}

/// A lower-cased phrase as written: "i led" → "I led", "i'm sure" → "I'm sure".
pub(crate) fn first_person(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| {
            if word == "i" || word.starts_with("i'") {
                capitalise(word)
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) use crate::typography::capitalise;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_without_breaking_numbers_or_names() {
        let text =
            "I moved 1.5 TB to Node.js services. It worked!\nNext line without stop… And more?  ";
        assert_eq!(
            sentences(text),
            [
                "I moved 1.5 TB to Node.js services.",
                "It worked!",
                "Next line without stop…",
                "And more?"
            ]
        );
        assert!(sentences("  \n … ").is_empty());
        assert_eq!(
            sentences("I joined St. Brigid's in 2020. Dr. Okafor led it. We met at No. 5."),
            [
                "I joined St. Brigid's in 2020.",
                "Dr. Okafor led it.",
                "We met at No. 5."
            ]
        );
    }

    #[test]
    fn finds_the_sentence_with_a_cue() {
        let answer = "At Acme we were slow. As a result we cut latency by 40%.";
        assert_eq!(
            sentence_containing(answer, "cut latency by 40%"),
            Some("As a result we cut latency by 40%.")
        );
        assert_eq!(
            sentence_containing(answer, "AT ACME"),
            Some("At Acme we were slow.")
        );
        assert_eq!(sentence_containing(answer, "Kafka"), None);
        assert_eq!(
            sentence_with_phrase("Hi thinking. So I think it’s fine.", "i think"),
            Some("So I think it’s fine.")
        );
        assert_eq!(sentence_containing(answer, " "), None);
    }

    #[test]
    fn quotes_are_checked_against_the_answer() {
        let answer = "We  cut latency by 40%.\nIt’s fine.";
        assert!(is_quoted_from("\"we cut latency by 40%.\"", answer));
        assert!(is_quoted_from("It's fine", answer));
        assert!(is_quoted_from("We cut latency…", answer));
        assert!(!is_quoted_from("We cut latency by 50%.", answer));
        assert!(!is_quoted_from("  ", answer));
        let long = "word ".repeat(60);
        assert!(clip_quote(&long).ends_with('…'));
        assert!(is_quoted_from(&clip_quote(&long), &long));
    }

    #[test]
    fn tidying_drops_fillers_and_softeners_but_not_facts() {
        let hedges = ["i think", "kind of", "maybe"];
        let fillers = ["um", "like", "you know"];
        assert_eq!(
            tidy(
                "Um, I think we, like, kind of improved things, you know.",
                &hedges,
                &fillers
            ),
            "We improved things."
        );
        // "maybe" is about the facts: it stays.
        assert_eq!(
            tidy("Maybe it was okay.", &hedges, &fillers),
            "Maybe it was okay."
        );
        // "Like" opening a clause may be meant.
        assert_eq!(
            tidy("Like most teams, we used Go.", &hedges, &fillers),
            "Like most teams, we used Go."
        );
        assert_eq!(tidy("Um, you know.", &hedges, &fillers), "");
        assert_eq!(
            tidy(
                "It went fine, and we were all kind of relieved, kind of.",
                &hedges,
                &fillers
            ),
            "It went fine, and we were all relieved."
        );
        assert_eq!(
            tidy("What kind of system saved CHF 18,000?", &hedges, &fillers),
            "What kind of system saved CHF 18,000?"
        );
        assert_eq!(tidy("i led it", &[], &[]), "I led it");
        assert_eq!(first_person("i think i'm sure"), "I think I'm sure");
    }
}
