//! Choosing among phrasings: a seeded, hand-written PRNG, so the same interview always gets
//! the same wording and different interviews get different wording, without a `rand` crate.

use crate::interviewer::wording::Wording;
use text::words::{clip_phrase, is_well_formed_question, lowercase_first_word, word_count};

/// SplitMix64's output function: a good 64-bit mix of one input word.
fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a: a stable hash of a text, used as a key (std's hasher may change between releases).
pub(crate) fn key_of(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Phrasing {
    seed: u64,
}

impl Phrasing {
    pub(crate) fn new(seed: u64) -> Self {
        Self { seed }
    }

    /// Indices `0..count`, rotated to start at a seeded choice: the preferred phrasing first,
    /// then the others to fall back on when it is too long or already asked.
    pub(crate) fn order(&self, key: u64, count: usize) -> impl Iterator<Item = usize> {
        let start = if count == 0 {
            0
        } else {
            (splitmix64(self.seed ^ splitmix64(key)) % count as u64) as usize
        };
        (0..count).map(move |offset| (start + offset) % count)
    }

    /// The first phrasing, in seeded order, that makes a well-formed question.
    pub(crate) fn first_fitting(&self, key: u64, candidates: &[String]) -> Option<String> {
        self.first_within(key, candidates, text::words::MAX_QUESTION_WORDS)
    }

    /// The first phrasing, in seeded order, that makes a well-formed question of at most
    /// `max_words` words.
    pub(crate) fn first_within(
        &self,
        key: u64,
        candidates: &[String],
        max_words: usize,
    ) -> Option<String> {
        self.order(key, candidates.len())
            .map(|index| &candidates[index])
            .find(|text| is_well_formed_question(text) && word_count(text) <= max_words)
            .cloned()
    }
}

/// Irregular or present-tense verbs that open CV bullets; regular past tenses end in "-ed".
const BULLET_VERBS: &[&str] = &[
    "built",
    "led",
    "ran",
    "wrote",
    "won",
    "cut",
    "made",
    "took",
    "drove",
    "grew",
    "taught",
    "set",
    "brought",
    "sold",
    "began",
    "kept",
    "own",
    "lead",
    "provide",
    "build",
    "manage",
    "run",
    "design",
    "develop",
    "teach",
    "support",
    "plan",
    "deliver",
    "maintain",
    "co-ordinate",
    "coordinate",
    "architected",
    "secured",
];

fn starts_with_verb(phrase: &str) -> bool {
    let written = phrase.split_whitespace().next().unwrap_or("");
    // "ECMO-trained" is an adjective on a name, not a verb.
    if written.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    let first = written.to_lowercase();
    first.len() > 3 && first.ends_with("ed") || BULLET_VERBS.contains(&first.as_str())
}

/// One sentence that quotes an achievement from the CV, clipped to `max_words`: "At Acme Ltd
/// you led the migration." when it starts with a verb, "Your CV mentions …" otherwise; in a
/// language that quotes the CV as written, "Votre CV indique « … »".
pub(crate) fn achievement_lead(
    wording: &Wording,
    employer: Option<&str>,
    achievement: &str,
    max_words: usize,
) -> String {
    let clipped = clip_phrase(achievement, max_words);
    if !wording.says_back() {
        let template = match employer {
            Some(_) => wording.cv_mention_at,
            None => wording.cv_mention,
        };
        return wording.fill(
            template,
            &[("employer", employer.unwrap_or("")), ("phrase", &clipped)],
        );
    }
    // The CV speaks in the first person; the question speaks to the candidate.
    let phrase = clipped
        .split(' ')
        .map(|word| if word == "my" { "your" } else { word })
        .collect::<Vec<_>>()
        .join(" ");
    let template = match (employer.is_some(), starts_with_verb(&phrase)) {
        (true, true) => wording.cv_action_at,
        (false, true) => wording.cv_action,
        (true, false) => wording.cv_mention_at,
        (false, false) => wording.cv_mention,
    };
    let phrase = if starts_with_verb(&phrase) {
        lowercase_first_word(&phrase)
    } else {
        phrase
    };
    wording.fill(
        template,
        &[("employer", employer.unwrap_or("")), ("phrase", &phrase)],
    )
}

/// Lengths to try when quoting a document inside a question: long enough to be recognisable,
/// shorter when the question would otherwise exceed its word budget.
pub(crate) const QUOTE_LENGTHS: [usize; 4] = [14, 11, 8, 5];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_order_and_seeds_differ() {
        let phrasing = Phrasing::new(7);
        let first: Vec<usize> = phrasing.order(3, 5).collect();
        assert_eq!(first, phrasing.order(3, 5).collect::<Vec<_>>());
        let mut sorted = first.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4], "every phrasing is offered once");
        let starts: std::collections::HashSet<usize> = (0..20)
            .map(|seed| Phrasing::new(seed).order(3, 5).next().unwrap())
            .collect();
        assert!(
            starts.len() > 1,
            "different seeds choose different phrasings"
        );
    }

    #[test]
    fn skips_phrasings_that_are_too_long_or_not_questions() {
        let long = format!("{}?", "word ".repeat(40).trim());
        let candidates = vec![
            long,
            "No question mark.".to_owned(),
            "Is this short?".to_owned(),
        ];
        for seed in 0..10 {
            assert_eq!(
                Phrasing::new(seed).first_fitting(1, &candidates).as_deref(),
                Some("Is this short?")
            );
        }
    }

    fn english() -> &'static Wording {
        Wording::of(domain::Language::English)
    }

    #[test]
    fn other_languages_quote_the_cv_as_written() {
        let french = Wording::of(domain::Language::French);
        assert_eq!(
            achievement_lead(
                french,
                Some("Lycée Ampère"),
                "Ai organisé le tutorat entre élèves",
                14
            ),
            "Au Lycée Ampère, votre CV indique «\u{a0}Ai organisé le tutorat entre élèves\u{a0}»."
        );
    }

    #[test]
    fn quotes_achievements_as_sentences() {
        assert_eq!(
            achievement_lead(
                english(),
                Some("Acme Ltd"),
                "Led the rewrite of the ledger; p99 fell.",
                14
            ),
            "At Acme Ltd you led the rewrite of the ledger."
        );
        assert_eq!(
            achievement_lead(english(), None, "137% of quota in FY2023", 14),
            "Your CV mentions 137% of quota in FY2023."
        );
        assert_eq!(
            achievement_lead(
                english(),
                Some("UHG"),
                "ECMO-trained; member of the transfer team",
                14
            ),
            "At UHG, your CV mentions ECMO-trained."
        );
        assert_eq!(
            achievement_lead(english(), None, "Presented my project to 60 engineers", 14),
            "Your CV says you presented your project to 60 engineers."
        );
    }
}
