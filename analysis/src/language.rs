//! How the candidate speaks: hedged or committed (confidence), "I" or "we" (whose work it
//! was), and filler words. Interviewers read "I think we maybe kind of fixed it" as doubt and
//! "I decided to roll back, and I led the fix" as ownership.

use domain::{Confidence, Fillers, Pronouns};

use crate::lexicon::{Grammar, Lexicon, Who};
use text::tokens::{tally, Token, Tokens};

pub(crate) const HEDGES: &[&str] = &[
    "i think",
    "i guess",
    "i suppose",
    "i believe",
    "i feel like",
    "i'm not sure",
    "i am not sure",
    "not sure",
    "i don't know",
    "i'm not certain",
    "i would say",
    "i'd say",
    "i hope",
    "hopefully",
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "might",
    "could be",
    "kind of",
    "sort of",
    "kinda",
    "sorta",
    "more or less",
    "somewhat",
    "to some extent",
    "if i remember",
    "i'm guessing",
];

/// Before "kind of" / "sort of", these make it a noun: "what kind of system". The feedback's
/// quote trimming reads it too.
pub const KIND_OF_AS_NOUN: &[&str] = &[
    "what",
    "which",
    "the",
    "a",
    "this",
    "that",
    "any",
    "some",
    "every",
    "same",
    "different",
    "one",
    "each",
    "no",
    "that's",
];

/// Committed phrases besides "I" + a past-tense doing verb ("I led", "I decided").
pub(crate) const COMMITMENTS: &[&str] = &[
    "i will",
    "i'll",
    "i'm confident",
    "i am confident",
    "i'm sure",
    "i am sure",
    "i know",
    "i own",
    "i lead",
    "i decide",
    "i make sure",
    "i take ownership",
    "definitely",
    "certainly",
    "absolutely",
    "without doubt",
];

pub(crate) const FIRST_PERSON_SINGULAR: &[&str] = &[
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll",
];
pub(crate) const FIRST_PERSON_PLURAL: &[&str] = &[
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "we're",
    "we've",
    "we'd",
    "we'll",
];

/// Fillers other than "like", which needs its context.
pub(crate) const FILLERS: &[&str] = &[
    "um",
    "umm",
    "uh",
    "uhh",
    "uhm",
    "erm",
    "er",
    "hmm",
    "you know",
    "i mean",
    "basically",
    "actually",
    "literally",
    "honestly",
    "so yeah",
    "or something",
    "or whatever",
    "and stuff",
];

/// Before "you know", these make it a real question or condition: "do you know", "if you know".
const YOU_KNOW_AS_VERB: &[&str] = &[
    "do", "did", "does", "don't", "didn't", "if", "whether", "would", "when",
];

/// Before "like", these make it the verb: "I like Rust", "I'd like to", "we really like".
const LIKE_AS_VERB: &[&str] = &[
    "i",
    "you",
    "we",
    "they",
    "people",
    "users",
    "customers",
    "would",
    "i'd",
    "we'd",
    "you'd",
    "they'd",
    "don't",
    "didn't",
    "do",
    "did",
    "to",
    "really",
    "also",
    "genuinely",
    "always",
    "never",
    "not",
    "still",
    "particularly",
    "especially",
    "definitely",
    "would've",
];

/// After these, "like" is a filler: "and like the whole team", "so like".
const LIKE_AFTER_JOINER: &[&str] = &["and", "but", "so", "or", "then"];

/// After these, "like" is a filler only when a pause, a number or a pronoun follows ("it was
/// like, chaos", "was like 40 people", "I'm like we need to"), not in a simile ("it was like a
/// race").
const LIKE_AFTER_BE: &[&str] = &[
    "was", "were", "is", "are", "it's", "that's", "there's", "i'm", "we're", "they're", "he's",
    "she's",
];

const PRONOUNS: &[&str] = &["i", "we", "you", "they", "he", "she", "it"];

/// Each found phrase (token range) lower-cased, counted once.
fn phrase_counts(tokens: &Tokens, found: &[(usize, usize)]) -> Vec<(String, u32)> {
    found
        .iter()
        .map(|&(start, end)| {
            let words: Vec<&str> = (start..=end).map(|at| tokens.lower(at)).collect();
            (words.join(" "), 1)
        })
        .collect()
}

/// `(commitments + 1) / (commitments + hedges + 2)`: Laplace's rule, so a short answer with
/// one hedge is not judged as harshly as one with ten.
pub(super) fn confidence_score(hedges: u32, commitments: u32) -> f64 {
    f64::from(commitments + 1) / f64::from(commitments + hedges + 2)
}

pub(super) fn confidence(tokens: &Tokens, lexicon: &Lexicon) -> Confidence {
    let hedges: Vec<(usize, usize)> = tokens
        .find_phrases(lexicon.hedges)
        .into_iter()
        .filter(|found| {
            let is_kind_of = matches!(found.phrase, "kind of" | "sort of");
            let noun_before = tokens
                .previous_in_clause(found.start)
                .is_some_and(|previous| KIND_OF_AS_NOUN.contains(&previous.lower.as_str()));
            !(is_kind_of && noun_before)
        })
        .map(|found| (found.start, found.end))
        .collect();
    // "I then decided" counts as "i decided"; in the other languages the action is counted as
    // said ("j'ai lancé", "gestioné").
    let action_phrase = |start: usize, verb: usize| match lexicon.grammar {
        Grammar::English => format!("{} {}", tokens.lower(start), tokens.lower(verb)),
        _ => tokens.span(start, verb).to_lowercase(),
    };
    let mut commitments: Vec<(usize, String)> = tokens
        .find_phrases(lexicon.commitments)
        .into_iter()
        .map(|found| (found.start, found.phrase.to_owned()))
        .chain(
            lexicon
                .actions(tokens, Who::I)
                .into_iter()
                .map(|(start, verb)| (start, action_phrase(start, verb))),
        )
        .collect();
    commitments.sort();
    let hedge_counts = tally(phrase_counts(tokens, &hedges));
    let commitment_counts = tally(commitments.into_iter().map(|(_, phrase)| (phrase, 1)));
    let total = |counts: &[domain::PhraseCount]| counts.iter().map(|p| p.count).sum::<u32>();
    Confidence {
        score: confidence_score(total(&hedge_counts), total(&commitment_counts)),
        hedges: hedge_counts,
        commitments: commitment_counts,
    }
}

pub(super) fn pronoun_share(i_count: u32, we_count: u32) -> Option<f64> {
    (i_count + we_count > 0).then(|| f64::from(i_count) / f64::from(i_count + we_count))
}

pub(super) fn pronouns(tokens: &Tokens, lexicon: &Lexicon) -> Pronouns {
    let (i_count, we_count) = lexicon.person_counts(tokens);
    Pronouns {
        i_count,
        we_count,
        i_share: pronoun_share(i_count, we_count),
    }
}

fn is_filler_word(token: &Token) -> bool {
    FILLERS.contains(&token.lower.as_str()) || token.lower == "like"
}

/// "like" as a filler, not as the verb ("I like Rust") or the preposition ("tools like Rust",
/// "Like many teams, we…").
fn is_filler_like(tokens: &Tokens, at: usize) -> bool {
    let previous = tokens.previous_in_clause(at).map(|t| t.lower.as_str());
    let next = tokens.next_in_clause(at);
    let next_is_pause = next.is_none_or(is_filler_word);
    match previous {
        Some(word) if LIKE_AS_VERB.contains(&word) => false,
        Some(word) if LIKE_AFTER_JOINER.contains(&word) || FILLERS.contains(&word) => true,
        Some(word) if LIKE_AFTER_BE.contains(&word) => {
            next_is_pause
                || next
                    .is_some_and(|next| next.is_digits() || PRONOUNS.contains(&next.lower.as_str()))
        }
        Some(_) => false,
        None => next_is_pause,
    }
}

pub(super) fn fillers(tokens: &Tokens, lexicon: &Lexicon) -> Fillers {
    let mut found: Vec<(usize, usize)> = tokens
        .find_phrases(lexicon.fillers)
        .into_iter()
        .filter(|found| match found.phrase {
            "you know" => tokens
                .previous_in_clause(found.start)
                .is_none_or(|previous| !YOU_KNOW_AS_VERB.contains(&previous.lower.as_str())),
            "i mean" => tokens
                .next_in_clause(found.end)
                .is_none_or(|next| next.lower != "to"),
            _ => true,
        })
        .map(|found| (found.start, found.end))
        .collect();
    // "like" is English; "comme", "wie" and "como" are never fillers.
    if lexicon.grammar == Grammar::English {
        found.extend(
            (0..tokens.len())
                .filter(|&at| tokens.lower(at) == "like" && is_filler_like(tokens, at))
                .map(|at| (at, at)),
        );
    }
    found.sort();
    let phrases = tally(phrase_counts(tokens, &found));
    let count = found.len() as u32;
    Fillers {
        count,
        per_100_words: per_100_words(count, tokens.word_count()),
        phrases,
    }
}

pub(super) fn per_100_words(count: u32, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        f64::from(count) * 100.0 / words as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::ENGLISH;

    fn filler_count(answer: &str) -> u32 {
        fillers(&Tokens::new(answer), &ENGLISH).count
    }

    #[test]
    fn counts_fillers_but_not_like_as_a_verb_or_preposition() {
        assert_eq!(filler_count("um, like, you know"), 3);
        assert_eq!(filler_count("I like Rust"), 0);
        assert_eq!(
            filler_count("I really like tools like Rust and I'd like to learn Go."),
            0
        );
        assert_eq!(filler_count("Like many teams, we used Jira."), 0);
        assert_eq!(filler_count("It was like a race to the finish."), 0);
        assert_eq!(filler_count("Do you know Kafka? If you know it, fine."), 0);
        assert_eq!(
            filler_count("It was like 40 people and like we basically, uh, shipped."),
            4
        );
        assert_eq!(
            filler_count("Honestly, I mean, it literally actually worked."),
            4
        );
    }

    #[test]
    fn filler_rate_and_tally() {
        let fillers = fillers(
            &Tokens::new("Um so um I fixed it, like, fast you know."),
            &ENGLISH,
        );
        assert_eq!(fillers.count, 4);
        assert!((fillers.per_100_words - 40.0).abs() < 1e-9, "4 in 10 words");
        assert_eq!(fillers.phrases[0].phrase, "um");
        assert_eq!(fillers.phrases[0].count, 2);
        assert_eq!(per_100_words(3, 0), 0.0);
    }

    const HEDGED: &str = "I think we maybe kind of fixed it, probably. I guess it sort of worked.";
    const COMMITTED: &str = "I led the migration. I decided to roll back, and I then delivered the fix in a week. I will do it again.";

    #[test]
    fn hedged_answers_score_lower_than_committed_ones() {
        let hedged = confidence(&Tokens::new(HEDGED), &ENGLISH);
        let committed = confidence(&Tokens::new(COMMITTED), &ENGLISH);
        let hedge_phrases: Vec<&str> = hedged.hedges.iter().map(|p| p.phrase.as_str()).collect();
        assert_eq!(
            hedge_phrases,
            ["i think", "maybe", "kind of", "probably", "i guess", "sort of"]
        );
        assert!(hedged.commitments.is_empty());
        assert!((hedged.score - 1.0 / 8.0).abs() < 1e-9);
        let commitment_phrases: Vec<&str> = committed
            .commitments
            .iter()
            .map(|p| p.phrase.as_str())
            .collect();
        assert_eq!(
            commitment_phrases,
            ["i led", "i decided", "i delivered", "i will"]
        );
        assert!((committed.score - 5.0 / 6.0).abs() < 1e-9);
        assert!(hedged.score < 0.5 && committed.score > 0.5);
        assert_eq!(confidence(&Tokens::new("It works."), &ENGLISH).score, 0.5);
    }

    #[test]
    fn kind_of_as_a_noun_is_no_hedge() {
        let confidence = confidence(
            &Tokens::new("What kind of system was it? A sort of queue."),
            &ENGLISH,
        );
        assert!(confidence.hedges.is_empty(), "{confidence:?}");
    }

    #[test]
    fn counts_i_and_we() {
        let pronouns = pronouns(
            &Tokens::new(
                "We planned it; I built it, my team and I shipped it to our users in the US.",
            ),
            &ENGLISH,
        );
        assert_eq!((pronouns.i_count, pronouns.we_count), (3, 2));
        assert_eq!(pronouns.i_share, Some(0.6));
        assert_eq!(pronoun_share(0, 0), None);
    }
}
