//! Specificity: the numbers an answer gives (with what they measure), the tools and
//! technologies it names, and the outcomes it reports. Interviewers trust "cut the AWS bill by
//! CHF 18,000 in two months with Terraform" more than "made things cheaper".

use domain::{NumberKind, NumberMention, Specificity};

use text::profile::{vocabulary_skills, Skill};
use text::vocabulary::Category;
use text::words::{clip_phrase, SearchableText};

use crate::lexicon::Lexicon;
use text::numbers::SMALL_NUMBERS;
use text::tokens::{Token, Tokens, CURRENCY_SIGNS};
use text::top_words::is_stop_word;

/// Spelled-out numbers above twenty and words that multiply (those up to twenty are
/// [`SMALL_NUMBERS`]; see [`is_number_word`]).
const LARGE_NUMBER_WORDS: &[&str] = &[
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "doubled",
    "tripled",
    "quadrupled",
    "halved",
    "twice",
];

/// A spelled-out number. "one" is not: it counts only before a unit ("one week"), since "one
/// of the" is no measurement.
fn is_number_word(word: &str) -> bool {
    SMALL_NUMBERS[2..].contains(&word) || LARGE_NUMBER_WORDS.contains(&word)
}

/// Words that continue a number: "9 million", "two hundred", "2.5 k".
const SCALES: &[&str] = &[
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "k",
    "m",
    "bn",
    "mn",
];

pub(crate) const DURATION_UNITS: &[&str] = &[
    "ms",
    "millisecond",
    "milliseconds",
    "second",
    "seconds",
    "sec",
    "secs",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "sprint",
    "sprints",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "years",
    "shift",
    "shifts",
    "semester",
    "semesters",
    "term",
    "terms",
];

/// Units written onto the digits: "480ms", "48h", "3yrs".
const ATTACHED_DURATION_UNITS: &[&str] = &[
    "ms", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "d", "w", "wk", "wks", "yr", "yrs",
];

const CURRENCIES: &[&str] = &[
    "chf", "eur", "usd", "gbp", "aed", "inr", "sek", "nok", "dkk", "jpy", "cad", "aud", "sgd",
    "dollars", "dollar", "euros", "euro", "pounds", "francs", "rupees", "dirhams", "$", "€", "£",
    "¥", "₹",
];

/// Verbs (past tense) that report an outcome.
pub(crate) const OUTCOME_VERBS: &[&str] = &[
    "reduced",
    "cut",
    "lowered",
    "decreased",
    "shortened",
    "eliminated",
    "saved",
    "increased",
    "raised",
    "grew",
    "improved",
    "boosted",
    "doubled",
    "tripled",
    "halved",
    "accelerated",
    "sped",
    "dropped",
    "fell",
    "rose",
    "launched",
    "shipped",
    "delivered",
    "released",
    "won",
    "closed",
    "secured",
    "exceeded",
    "achieved",
    "completed",
    "prevented",
    "resolved",
    "fixed",
    "recovered",
    "retained",
    "generated",
    "landed",
    "signed",
    "earned",
    "promoted",
    "reached",
    // Participles after "had" or "has": "the median had fallen from 94 to 52 minutes".
    "fallen",
    "risen",
    "grown",
];

/// Outcome verbs whose subject is the thing that changed: "latency dropped", "revenue grew".
pub(crate) const CHANGE_VERBS: &[&str] = &[
    "recovered",
    "grew",
    "dropped",
    "fell",
    "rose",
    "improved",
    "increased",
    "decreased",
    "doubled",
    "tripled",
    "halved",
    "fallen",
    "risen",
    "grown",
];

/// Before an outcome verb, these make it something that happened to its subject.
pub(crate) const PASSIVE_AUXILIARIES: &[&str] = &["was", "were", "been", "is", "are", "got", "be"];

/// Before an outcome verb, these make it a plan or a denial: "we had to cut", "didn't cut".
pub(crate) const NOT_DONE: &[&str] = &[
    "to", "will", "would", "could", "should", "must", "can", "might", "may", "didn't", "don't",
    "not", "never", "couldn't", "wouldn't", "won't",
];

/// Outcome phrases are quoted up to this many words.
const MAX_OUTCOME_WORDS: usize = 10;

/// The score saturates at these counts.
const ENOUGH_NUMBERS: usize = 3;
const ENOUGH_TOOLS: usize = 3;
const ENOUGH_OUTCOMES: usize = 2;

/// Every number in the answer, a number with its scale and unit counted once ("9 million",
/// "40 %", "CHF 18,000", "two weeks").
pub(super) fn numbers(tokens: &Tokens, lexicon: &Lexicon) -> Vec<NumberMention> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens.tokens[at];
        // "3e", "5e": a French class or grade, not a measure.
        let ordinal = token.is_digits()
            && matches!(
                token.lower.trim_start_matches(|c: char| c.is_ascii_digit()),
                "e" | "ème" | "er" | "re"
            );
        let starts_number = (token.is_digits() && !ordinal)
            || is_number_word(&token.lower)
            || lexicon.is_number_word(&token.lower)
            || (token.lower == "one"
                && tokens
                    .next_in_clause(at)
                    .is_some_and(|next| is_unit(&next.lower)));
        if !starts_number {
            at += 1;
            continue;
        }
        let (start, end, kind) = measure(tokens, at, lexicon);
        found.push(NumberMention {
            text: tokens.span(start, end).to_owned(),
            kind,
        });
        at = end + 1;
    }
    found
}

fn is_unit(word: &str) -> bool {
    DURATION_UNITS.contains(&word) || CURRENCIES.contains(&word)
}

/// The extent of the number starting at `at` and what it measures.
fn measure(tokens: &Tokens, at: usize, lexicon: &Lexicon) -> (usize, usize, NumberKind) {
    let next_is = |end: usize, words: &[&str]| {
        tokens
            .next_in_clause(end)
            .is_some_and(|next| words.contains(&next.lower.as_str()))
    };
    let next_is_number_word = |end: usize| {
        tokens
            .next_in_clause(end)
            .is_some_and(|next| is_number_word(&next.lower))
    };
    let mut start = at;
    let mut end = at;
    // "9 million", "twenty five", "two hundred thousand".
    while next_is(end, SCALES) || (is_number_word(tokens.lower(end)) && next_is_number_word(end)) {
        end += 1;
    }
    if tokens.tokens[start..=end]
        .iter()
        .any(|token| token.lower.ends_with('%'))
    {
        return (start, end, NumberKind::Percentage);
    }
    if next_is(end, &["%", "percent", "pp", "prozent"]) {
        return (start, end + 1, NumberKind::Percentage);
    }
    if let Some(last) = [
        "per cent",
        "percentage points",
        "percentage point",
        "pour cent",
        "por ciento",
        "points de pourcentage",
        "prozentpunkte",
        "puntos porcentuales",
    ]
    .iter()
    .find_map(|phrase| tokens.phrase_at(end + 1, phrase))
    .filter(|_| !tokens.tokens[end].break_after)
    {
        return (start, last, NumberKind::Percentage);
    }
    let first = &tokens.tokens[start];
    let previous_is_currency = tokens
        .previous_in_clause(start)
        .is_some_and(|previous| CURRENCIES.contains(&previous.lower.as_str()));
    if first.lower.starts_with(CURRENCY_SIGNS) || first.lower.ends_with(CURRENCY_SIGNS) {
        return (start, end, NumberKind::Money);
    }
    if previous_is_currency {
        start -= 1;
        return (start, end, NumberKind::Money);
    }
    if next_is(end, CURRENCIES) {
        return (start, end + 1, NumberKind::Money);
    }
    if next_is(end, DURATION_UNITS) || next_is(end, lexicon.duration_units) {
        return (start, end + 1, NumberKind::Duration);
    }
    if start == end && has_attached_duration_unit(first) {
        return (start, end, NumberKind::Duration);
    }
    if start == end && is_year(tokens, start) {
        return (start, end, NumberKind::Year);
    }
    (start, end, NumberKind::Count)
}

fn has_attached_duration_unit(token: &Token) -> bool {
    let unit = token
        .lower
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    token.is_digits() && ATTACHED_DURATION_UNITS.contains(&unit)
}

/// Four digits between 1950 and 2099 after "in", "since", a month or the like, or ending a
/// clause: "in 2021", "March 2019", "… until 2020." ("2000 requests" is a count).
fn is_year(tokens: &Tokens, at: usize) -> bool {
    const BEFORE_YEARS: &[&str] = &[
        "in",
        "since",
        "by",
        "from",
        "until",
        "till",
        "to",
        "of",
        "during",
        "early",
        "late",
        "mid",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "back",
        // French, German and Spanish prepositions and months.
        "en",
        "depuis",
        "jusqu'en",
        "seit",
        "im",
        "bis",
        "desde",
        "hasta",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let word = tokens.lower(at);
    word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|year| (1950..=2099).contains(&year))
        && (tokens.next_in_clause(at).is_none()
            || tokens
                .previous_in_clause(at)
                .is_some_and(|previous| BEFORE_YEARS.contains(&previous.lower.as_str())))
}

/// Terms that make an answer concrete when named: the vocabulary's technologies and tools and
/// the names the job description adds (its methods, such as "agile", are too generic).
pub(super) fn nameable_terms(job_terms: &[Skill]) -> Vec<Skill> {
    let mut terms: Vec<Skill> = job_terms.to_vec();
    for skill in vocabulary_skills() {
        if !terms.iter().any(|known| known.name == skill.name) {
            terms.push(skill);
        }
    }
    terms.retain(|skill| skill.category != Category::Method);
    terms
}

/// The terms of `terms` the text names, each once, in the order first named.
pub(super) fn tools(terms: &[Skill], text: &SearchableText) -> Vec<String> {
    let mut named: Vec<(usize, &str)> = terms
        .iter()
        .filter_map(|term| term.position_in(text).map(|at| (at, term.name.as_str())))
        .collect();
    named.sort();
    let mut names: Vec<String> = Vec::new();
    for (_, name) in named {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// An outcome verb at `at` that reports something done, not planned or denied.
pub(super) fn is_outcome_verb_at(tokens: &Tokens, at: usize, lexicon: &Lexicon) -> bool {
    lexicon.outcome_verbs.contains(&tokens.lower(at))
        && tokens
            .previous_in_clause(at)
            .is_none_or(|previous| !lexicon.not_done.contains(&previous.lower.as_str()))
}

/// Where the outcome told by the verb at `at` starts: at its subject when that is what changed
/// ("latency dropped", "revenue grew"), else at the verb.
pub(super) fn outcome_start(tokens: &Tokens, at: usize, lexicon: &Lexicon) -> usize {
    // "three were promoted": what happened to someone, told from its subject; without it the
    // phrase reads as something the candidate did ("promoted within 18 months").
    let passive = tokens.previous_in_clause(at).is_some_and(|previous| {
        lexicon
            .passive_auxiliaries
            .contains(&previous.lower.as_str())
    });
    if passive {
        let has_subject = tokens
            .previous_in_clause(at - 1)
            .is_some_and(|subject| subject.is_word() || subject.is_digits());
        return if has_subject { at - 2 } else { at - 1 };
    }
    let subject = tokens.previous_in_clause(at).filter(|previous| {
        lexicon.change_verbs.contains(&tokens.lower(at))
            && previous.is_word()
            && !is_stop_word(&previous.lower)
    });
    if subject.is_some() {
        at - 1
    } else {
        at
    }
}

/// Outcome phrases: an outcome verb, with its subject when that is what changed ("latency
/// dropped"), and the rest of its clause, clipped as the offline coach clips quotes.
pub(super) fn outcomes(tokens: &Tokens, lexicon: &Lexicon) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if !is_outcome_verb_at(tokens, at, lexicon) {
            at += 1;
            continue;
        }
        let start = outcome_start(tokens, at, lexicon);
        // "reduced errors by 40% and saved CHF 18,000" holds two outcomes.
        let clause_end = tokens.clause_end(at);
        let end = (at + 1..=clause_end)
            .find(|&next| is_outcome_verb_at(tokens, next, lexicon))
            .map_or(clause_end, |next| {
                let joiner = tokens.lower(next - 1);
                let joined =
                    matches!(joiner, "and" | "then" | "but") || lexicon.joiners.contains(&joiner);
                if joined && next >= at + 2 {
                    next - 2
                } else {
                    next - 1
                }
            });
        let phrase = clip_phrase(tokens.span(start, end), MAX_OUTCOME_WORDS);
        let words = phrase.split_whitespace().count();
        // "improved things" and "shipped it" name no outcome.
        let names_something = (start..start + words)
            .filter_map(|index| tokens.get(index))
            .filter(|token| !lexicon.outcome_verbs.contains(&token.lower.as_str()))
            .any(|token| token.is_digits() || (token.is_word() && !is_stop_word(&token.lower)));
        if names_something {
            found.push(phrase);
        }
        at = (start + words).max(at + 1);
    }
    found
}

/// Weighs numbers most (0.4), then tools and outcomes (0.3 each), each saturating.
pub(super) fn score(numbers: usize, tools: usize, outcomes: usize) -> f64 {
    let part = |count: usize, enough: usize| count.min(enough) as f64 / enough as f64;
    0.4 * part(numbers, ENOUGH_NUMBERS)
        + 0.3 * part(tools, ENOUGH_TOOLS)
        + 0.3 * part(outcomes, ENOUGH_OUTCOMES)
}

pub(super) fn specificity(
    tokens: &Tokens,
    terms: &[Skill],
    text: &SearchableText,
    lexicon: &Lexicon,
) -> Specificity {
    let numbers = numbers(tokens, lexicon);
    let tools = tools(terms, text);
    let outcomes = outcomes(tokens, lexicon);
    Specificity {
        score: score(numbers.len(), tools.len(), outcomes.len()),
        numbers,
        tools,
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::ENGLISH;

    fn mentions(answer: &str) -> Vec<(String, NumberKind)> {
        numbers(&Tokens::new(answer), &ENGLISH)
            .into_iter()
            .map(|mention| (mention.text, mention.kind))
            .collect()
    }

    fn mention(text: &str, kind: NumberKind) -> (String, NumberKind) {
        (text.to_owned(), kind)
    }

    #[test]
    fn a_percentage_and_a_duration() {
        assert_eq!(
            mentions("We reduced latency by 40% in 3 months."),
            [
                mention("40%", NumberKind::Percentage),
                mention("3 months", NumberKind::Duration)
            ]
        );
    }

    #[test]
    fn money_in_its_usual_spellings() {
        assert_eq!(
            mentions("Saved CHF 18,000, then $1.2m and 500 euros, and 300€."),
            [
                mention("CHF 18,000", NumberKind::Money),
                mention("$1.2m", NumberKind::Money),
                mention("500 euros", NumberKind::Money),
                mention("300€", NumberKind::Money),
            ]
        );
    }

    #[test]
    fn scales_units_words_and_years() {
        assert_eq!(
            mentions("In 2021 we handled 9 million postings, two hundred clients, 40 % more, p99 of 480ms, for two weeks, one of the best, one year, doubled."),
            [
                mention("2021", NumberKind::Year),
                mention("9 million", NumberKind::Count),
                mention("two hundred", NumberKind::Count),
                mention("40 %", NumberKind::Percentage),
                mention("480ms", NumberKind::Duration),
                mention("two weeks", NumberKind::Duration),
                mention("one year", NumberKind::Duration),
                mention("doubled", NumberKind::Count),
            ]
        );
        assert_eq!(
            mentions("2000 requests a second, 5 per cent"),
            [
                mention("2000", NumberKind::Count),
                mention("5 per cent", NumberKind::Percentage)
            ]
        );
        assert_eq!(mentions("No numbers at all, just S3 and p99."), []);
    }

    fn skill_names(job_text: &str) -> Vec<Skill> {
        text::profile::Profile::new("", job_text, "", "").job
    }

    #[test]
    fn names_tools_from_the_vocabulary_and_the_job_not_methods() {
        let job = "Engineer\nAcme AG\n\nRequirements\n- Experience with Docker and FINMA rules.\n- Agile ways of working.\n";
        let terms = nameable_terms(&skill_names(job));
        let answer = "I moved Kafka to Kubernetes, kept Kafka, wrote FINMA reports, in an agile team, at Google.";
        assert_eq!(
            tools(&terms, &SearchableText::new(answer)),
            ["Kafka", "Kubernetes", "FINMA"]
        );
    }

    #[test]
    fn a_passive_outcome_keeps_its_subject() {
        assert_eq!(
            outcomes(
                &Tokens::new("I coached five SDRs and three were promoted within 18 months."),
                &ENGLISH,
            ),
            ["three were promoted within 18 months"]
        );
    }

    #[test]
    fn outcomes_are_quoted_with_what_changed() {
        let tokens = Tokens::new("I rewrote it and reduced latency by 40% in 3 months. Then p99 latency dropped from 480 ms to 35 ms, and we shipped.");
        assert_eq!(
            outcomes(&tokens, &ENGLISH),
            [
                "reduced latency by 40% in 3 months",
                "latency dropped from 480 ms to 35 ms"
            ],
            "a lone verb is no outcome"
        );
        assert_eq!(
            outcomes(
                &Tokens::new("We kind of improved things and shipped it."),
                &ENGLISH
            ),
            Vec::<String>::new(),
            "nor is a verb without a named object"
        );
        assert_eq!(
            outcomes(
                &Tokens::new("We had to cut costs but never improved uptime."),
                &ENGLISH,
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_score_rewards_each_kind_and_saturates() {
        assert_eq!(score(0, 0, 0), 0.0);
        assert!((score(3, 3, 2) - 1.0).abs() < 1e-9);
        assert!((score(9, 9, 9) - 1.0).abs() < 1e-9);
        assert!((score(1, 0, 0) - 0.4 / 3.0).abs() < 1e-9);
        let vague = "We made things better for the team.";
        let concrete = "I cut the AWS bill by CHF 18,000 in two months with Terraform.";
        let terms = nameable_terms(&[]);
        let rate = |answer: &str| {
            specificity(
                &Tokens::new(answer),
                &terms,
                &SearchableText::new(answer),
                &ENGLISH,
            )
            .score
        };
        assert_eq!(rate(vague), 0.0);
        // Two numbers, two tools (AWS, Terraform), one outcome.
        assert!((rate(concrete) - (0.4 * 2.0 / 3.0 + 0.3 * 2.0 / 3.0 + 0.15)).abs() < 1e-9);
    }
}
