//! Listening: does the question after a substantive answer build on it?
//!
//! - A **substantive** answer has at least [`SUBSTANTIVE_WORDS`] words and names at least
//!   one number or name (a plain content word is not enough: vague answers have those).
//! - Its **concrete items** are what the candidate named: numbers (any word with a digit),
//!   names (capitalised words that do not start a sentence, other than "I") and content words
//!   (five letters or more, not in `text::COMMON`). Words of the question being answered, of
//!   the job title and of the company are left out: repeating those is not listening.
//! - The next question **listens** when it names one of those items, or says why it moves on
//!   (a cue such as "moving on", "let's turn to"), **and** it differs from the question the
//!   coach asks when the same answer is replaced by a [`NEUTRAL`] one of the same kind with
//!   nothing concrete in it. That counterfactual keeps a planned question that happens to
//!   share a word with the answer from counting.
//! - The closing question is not counted: it always ends the interview.
//!
//! Off-topic answers: the next question **notices** one when it says so or steers back (a
//! cue such as "back to", "the question was", "did not answer").

use std::collections::BTreeSet;

use coach::interviewer::OfflineCoach;

use super::Rate;
use crate::interview::{history, Turn};
use crate::text::{is_common, sentences, word_set, words};

pub const SUBSTANTIVE_WORDS: usize = 20;

/// The stand-in answer for the counterfactual question: as long as a substantive answer, with
/// no number, name or distinctive word.
pub const NEUTRAL: &str = "It went fine in the end, and I do not have much more to say on it. We did what we had to do and it was all fine, as far as I can tell you now.";

const MOVE_ON_CUES: &[&str] = &[
    "moving on",
    "move on",
    "let's turn",
    "let us turn",
    "turning to",
    "let's switch",
    "switching to",
    "different topic",
    "another area",
    "change of topic",
    "that covers",
    "that answers",
    "passons à la suite",
    "répond à ma question",
    "machen wir weiter",
    "beantwortet meine frage",
    "sigamos",
    "responde a mi pregunta",
];

const NOTICED_CUES: &[&str] = &[
    "back to",
    "the question was",
    "did not answer",
    "didn't answer",
    "not quite what",
    "not what i asked",
    "off topic",
    "off-topic",
    "unrelated",
    "return to",
    "come back to",
    "bring us back",
    "let me ask again",
    "refocus",
    "something else",
    "different question",
    "drifted",
    "stay with the interview",
    // French, German and Spanish.
    "revenons",
    "recentrons",
    "hors sujet",
    "autre question",
    "autre chose",
    "revenir à",
    "s'éloigne",
    "sans rapport",
    "restons sur",
    "zurück zu",
    "zurück zum",
    "vorbei",
    "nicht das thema",
    "andere frage",
    "etwas anderes",
    "bleiben wir",
    "gehörte nicht",
    "volvamos",
    "regresemos",
    "otra pregunta",
    "otra cosa",
    "volver a",
    "se alejó",
    "no venía al caso",
    "no estaba relacionado",
    "sigamos con",
    "plutôt que sur",
    "das betraf",
    "y no de",
];

/// The concrete items of `answer` (see the module docs), without `excluded` words.
pub fn concrete_items(answer: &str, excluded: &BTreeSet<String>) -> BTreeSet<String> {
    let mut items = BTreeSet::new();
    for sentence in sentences(answer) {
        for (position, raw) in sentence.split_whitespace().enumerate() {
            let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(word) = words(trimmed).into_iter().next() else {
                continue;
            };
            let is_number = word.chars().any(|c| c.is_ascii_digit());
            let is_name = position > 0
                && word != "i"
                && word.chars().count() >= 2
                && trimmed.chars().next().is_some_and(char::is_uppercase);
            let is_content = word.chars().count() >= 5 && !is_common(&word);
            if (is_number || is_name || is_content) && !excluded.contains(&word) {
                items.insert(word);
            }
        }
    }
    items
}

pub fn is_substantive(answer: &str, excluded: &BTreeSet<String>) -> bool {
    answer.split_whitespace().count() >= SUBSTANTIVE_WORDS
        && !numbers_and_names(answer, excluded).is_empty()
}

/// The concrete items that are numbers or names (written capitalised in the answer).
pub fn numbers_and_names(answer: &str, excluded: &BTreeSet<String>) -> BTreeSet<String> {
    concrete_items(answer, excluded)
        .into_iter()
        .filter(|item| item.chars().any(|c| c.is_ascii_digit()) || is_name_in(answer, item))
        .collect()
}

/// Whether `item` is written capitalised somewhere in `answer` other than at a sentence's
/// start (a name, not a plain word).
///
/// German capitalises every noun, so in a German answer only a word with more than one
/// capital ("COPRA", "CVVHD") is a name.
fn is_name_in(answer: &str, item: &str) -> bool {
    let german = text::language::detect_language(answer) == domain::Language::German;
    sentences(answer).iter().any(|sentence| {
        sentence.split_whitespace().skip(1).any(|raw| {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let capitals = word.chars().filter(|c| c.is_uppercase()).count();
            word.to_lowercase() == item
                && word.chars().next().is_some_and(char::is_uppercase)
                && (!german || capitals >= 2)
        })
    })
}

fn has_cue(text: &str, cues: &[&str]) -> bool {
    let lower = text.to_lowercase().replace('’', "'");
    cues.iter().any(|cue| lower.contains(cue))
}

/// Words a question may repeat without showing it listened: the job title's and company's.
pub fn job_words(job_title: &str, company: &str) -> BTreeSet<String> {
    word_set(&format!("{job_title} {company}"))
}

pub fn listening(coach: &OfflineCoach, turns: &[Turn], job_words: &BTreeSet<String>) -> Rate {
    let mut rate = Rate::default();
    let last = turns.len().saturating_sub(1);
    for index in 1..last {
        let (before, next) = (&turns[index - 1], &turns[index]);
        let mut excluded = job_words.clone();
        excluded.extend(word_set(&before.question));
        if !is_substantive(&before.answer, &excluded) {
            continue;
        }
        let items = concrete_items(&before.answer, &excluded);
        let asked = word_set(&next.question);
        let picked: Vec<&String> = items.iter().filter(|item| asked.contains(*item)).collect();
        let mut counterfactual = history(&turns[..index]);
        if let Some(exchange) = counterfactual.last_mut() {
            exchange.answer = NEUTRAL.to_owned();
        }
        let would_ask_anyway = coach.next_question(&counterfactual).text == next.question;
        let builds_on_answer = !picked.is_empty() || has_cue(&next.question, MOVE_ON_CUES);
        rate.check(builds_on_answer && !would_ask_anyway, || {
            let why = if would_ask_anyway {
                "asked whatever the answer"
            } else {
                "names nothing from the answer"
            };
            format!("Q{}: \"{}\" ({why})", index + 1, next.question)
        });
    }
    rate
}

/// Off-topic answers (all but the last) whose next question notices them.
pub fn off_topic_noticed(turns: &[Turn]) -> Rate {
    let mut rate = Rate::default();
    let last = turns.len().saturating_sub(1);
    for (index, turn) in turns.iter().enumerate().take(last).skip(1) {
        let next = &turn.question;
        rate.check(has_cue(next, NOTICED_CUES), || {
            format!("Q{}: \"{next}\"", index + 1)
        });
    }
    rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_numbers_names_and_content_words() {
        let excluded = job_words("Backend Engineer", "Helvetia Ledger AG");
        let items = concrete_items(
            "I moved writes to Kafka and p99 fell from 900 to 140 ms. The Engineer team was happy.",
            &excluded,
        );
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        assert_eq!(items, ["140", "900", "kafka", "moved", "p99", "writes"]);
        assert!(!is_substantive(
            "We had an outage once and I helped fix it.",
            &excluded
        ));
        assert!(
            !is_substantive(NEUTRAL, &excluded),
            "{:?}",
            concrete_items(NEUTRAL, &excluded)
        );
        let vague = "I usually just try to stay positive and communicate with everyone involved, and we did something like that before and it worked out fine in the end.";
        assert!(!is_substantive(vague, &excluded));
        assert!(is_substantive(
            &format!("{vague} It took 3 weeks."),
            &excluded
        ));
    }

    #[test]
    fn cues_are_found_in_any_case() {
        assert!(has_cue("Let’s turn to pricing: how…?", MOVE_ON_CUES));
        assert!(has_cue("Back to my question: why…?", NOTICED_CUES));
        assert!(!has_cue("What did you measure?", NOTICED_CUES));
    }
}
