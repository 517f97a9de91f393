//! What one answer says, in the pieces an interviewer picks up on: the numbers, tools and
//! outcomes it names (measured exactly as the report measures them), what the candidate did
//! ("moved writes to Kafka"), who else was involved ("the charge nurse"), what it was about
//! ("an outage") and "I" versus "we". The offline coach reads answers only through this, so
//! it never disagrees with the report about an answer.

use domain::{NumberKind, NumberMention, Pronouns, StarCues};

use text::profile::Skill;
use text::words::{clip_phrase, SearchableText};

use crate::language::pronouns;
use crate::lexicon::{Grammar, Lexicon, Who};
use crate::specificity::{nameable_terms, numbers, outcomes, tools};
use crate::star::{is_action_verb, star};
use text::tokens::Tokens;
use text::top_words::is_stop_word;

/// Actions are quoted up to this many words.
const MAX_ACTION_WORDS: usize = 7;

/// Nouns for the people an answer can name; with "my", "our", "the", "a" or "an" before them
/// they name someone the interviewer can ask about.
pub(crate) const PEOPLE: &[&str] = &[
    "manager",
    "boss",
    "lead",
    "colleague",
    "colleagues",
    "customer",
    "customers",
    "client",
    "clients",
    "patient",
    "patients",
    "family",
    "relatives",
    "parent",
    "parents",
    "pupil",
    "pupils",
    "student",
    "students",
    "child",
    "children",
    "doctor",
    "consultant",
    "registrar",
    "surgeon",
    "nurse",
    "nurses",
    "director",
    "ceo",
    "cto",
    "cfo",
    "vp",
    "stakeholder",
    "stakeholders",
    "buyer",
    "champion",
    "vendor",
    "supplier",
    "engineer",
    "engineers",
    "designer",
    "mentee",
    "headteacher",
    "principal",
    "partner",
    "team",
];

pub(crate) const DETERMINERS: &[&str] = &["my", "our", "the", "a", "an", "their", "his", "her"];

/// The pieces of one answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerFacts {
    pub word_count: usize,
    /// Words such as "the", "and", "I": every sentence in a language has some.
    pub stop_words: usize,
    /// Numbers that measure something (years such as "in 2021" left out).
    pub measures: Vec<NumberMention>,
    /// Tools, technologies and named terms, in the order named.
    pub tools: Vec<String>,
    /// Outcome phrases: "p99 fell from 900 to 140 ms".
    pub outcomes: Vec<String>,
    /// What the candidate did, from "I …" (or "we …" when `we_only`), as written: "moved
    /// writes to Kafka".
    pub actions: Vec<String>,
    /// People named with a determiner: "the charge nurse", "my manager".
    pub people: Vec<String>,
    /// The first thing the answer talks about: "outage" in "We had an outage once".
    pub subject: Option<String>,
    pub pronouns: Pronouns,
    pub star: StarCues,
}

impl AnswerFacts {
    /// "We" at least twice and never "I": the candidate's own part is hidden.
    pub fn hides_behind_we(&self) -> bool {
        self.pronouns.we_count >= 2 && self.pronouns.i_count == 0
    }

    pub fn has_measurable_result(&self) -> bool {
        !self.measures.is_empty()
    }

    /// Anything concrete an interviewer could pick up.
    pub fn is_concrete(&self) -> bool {
        !(self.measures.is_empty()
            && self.tools.is_empty()
            && self.outcomes.is_empty()
            && self.actions.is_empty())
    }
}

/// The facts of `answer`. `terms` are the documents' skills (tools among them count as named
/// tools, as in the report); `employers` are the CV's employers, lower-case.
pub fn answer_facts(answer: &str, terms: &[Skill], employers: &[String]) -> AnswerFacts {
    let tokens = Tokens::new(answer);
    let searchable = SearchableText::new(answer);
    let lexicon = Lexicon::for_text(answer);
    let pronouns = pronouns(&tokens, lexicon);
    let we_only = pronouns.we_count >= 1 && pronouns.i_count == 0;
    AnswerFacts {
        word_count: tokens.word_count(),
        stop_words: (0..tokens.len())
            .filter(|&at| is_stop_word(tokens.lower(at)))
            .count(),
        measures: numbers(&tokens, lexicon)
            .into_iter()
            .filter(|number| number.kind != NumberKind::Year)
            .collect(),
        tools: tools(&nameable_terms(terms), &searchable),
        outcomes: outcomes(&tokens, lexicon),
        actions: action_phrases(&tokens, lexicon, if we_only { Who::We } else { Who::I }),
        people: people(&tokens, lexicon),
        // Only English answers are searched for a subject: its articles and adjectives are
        // English, and the coach asks the other languages without one.
        subject: (lexicon.grammar == Grammar::English)
            .then(|| subject(&tokens))
            .flatten(),
        star: star(&tokens, employers, lexicon),
        pronouns,
    }
}

/// "I profiled it and moved writes to Kafka" → "profiled it", "moved writes to Kafka": each
/// past-tense verb after the pronoun of `who`, or joined to such a verb by "and" or "then",
/// with the rest of its clause. In the other languages the action is quoted as said, from its
/// pronoun or auxiliary: "j'ai mis en place un suivi", "habe ich die Übergabe strukturiert".
fn action_phrases(tokens: &Tokens, lexicon: &Lexicon, who: Who) -> Vec<String> {
    let found = lexicon.actions(tokens, who);
    if lexicon.grammar != Grammar::English {
        return found
            .into_iter()
            .map(|(start, verb)| {
                let end = tokens.clause_end(verb).max(verb);
                clip_phrase(tokens.span(start, end), MAX_ACTION_WORDS)
            })
            .filter(|phrase| phrase.split_whitespace().count() >= 2)
            .collect();
    }
    let mut verbs: Vec<usize> = found.into_iter().map(|(_, verb)| verb).collect();
    let mut joined = Vec::new();
    for &verb in &verbs {
        let clause_end = tokens.clause_end(verb);
        joined.extend((verb + 2..=clause_end).filter(|&at| {
            matches!(tokens.lower(at - 1), "and" | "then") && is_action_verb(tokens.lower(at))
        }));
    }
    verbs.extend(joined);
    verbs.sort_unstable();
    verbs.dedup();
    verbs
        .into_iter()
        .filter_map(|verb| {
            let end = next_joined_verb(tokens, verb).unwrap_or_else(|| tokens.clause_end(verb));
            let phrase = clip_phrase(tokens.span(verb, end), MAX_ACTION_WORDS);
            // "I helped" alone says nothing; keep phrases with an object.
            (phrase.split_whitespace().count() >= 2).then_some(phrase)
        })
        .collect()
}

/// Where the action at `verb` ends when another joined action follows in its clause: "profiled
/// it and moved writes" ends at "it".
fn next_joined_verb(tokens: &Tokens, verb: usize) -> Option<usize> {
    let clause_end = tokens.clause_end(verb);
    (verb + 2..=clause_end)
        .find(|&at| {
            matches!(tokens.lower(at - 1), "and" | "then") && is_action_verb(tokens.lower(at))
        })
        .map(|at| at - 2)
        .filter(|&end| end > verb)
}

fn people(tokens: &Tokens, lexicon: &Lexicon) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for at in 1..tokens.len() {
        let previous = &tokens.tokens[at - 1];
        // "my patient's family": the possessive names whose, not who.
        let word = tokens.lower(at);
        if word.ends_with("'s") {
            continue;
        }
        // "the charge nurse": one word may stand between the determiner and the person.
        let determiner_at = if lexicon.determiners.contains(&previous.lower.as_str()) {
            Some(at - 1)
        } else {
            (at >= 2
                && !previous.break_after
                && lexicon.determiners.contains(&tokens.lower(at - 2)))
            .then(|| at - 2)
        };
        if let Some(start) = determiner_at.filter(|_| lexicon.people.contains(&word)) {
            let phrase = tokens.span(start, at).to_owned();
            if !found.contains(&phrase) {
                found.push(phrase);
            }
        }
    }
    found
}

/// Words after an article that are not what the answer is about: time spans ("within a
/// year") and adjectives that any story can carry ("a difficult shift").
const NOT_SUBJECTS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "while", "bit", "lot", "couple", "few",
    "time", "times", "moment", "start", "end", "same", "other", "next", "last", "first", "whole",
    "small", "large", "huge", "tiny", "major", "minor", "real", "very",
];

/// Adjectives any story can carry: kept in front of the subject, never the subject itself.
const STORY_ADJECTIVES: &[&str] = &[
    "difficult",
    "tough",
    "hard",
    "big",
    "huge",
    "small",
    "good",
    "great",
    "bad",
    "real",
    "major",
    "minor",
    "serious",
    "critical",
    "tricky",
    "busy",
    "new",
    "old",
    "whole",
    "quick",
    "long",
    "short",
    "stressful",
    "complex",
    "complicated",
];

/// What the answer is about: the first noun after "a", "an" or "the", with any adjectives
/// before it ("outage" in "We had an outage once", "difficult shift" in "a difficult shift").
fn subject(tokens: &Tokens) -> Option<String> {
    (1..tokens.len()).find_map(|at| {
        let previous = &tokens.tokens[at - 1];
        let follows_article =
            matches!(previous.lower.as_str(), "a" | "an" | "the") && !previous.break_after;
        if !follows_article {
            return None;
        }
        let mut noun = at;
        while STORY_ADJECTIVES.contains(&tokens.lower(noun)) && !tokens.tokens[noun].break_after {
            noun += 1;
        }
        let word = tokens.lower(noun);
        let is_noun = word.chars().count() >= 4
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && !is_stop_word(word)
            && !NOT_SUBJECTS.contains(&word)
            && !STORY_ADJECTIVES.contains(&word);
        is_noun.then(|| tokens.span(at, noun).to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<Skill> {
        text::profile::vocabulary_skills().collect()
    }

    #[test]
    fn picks_up_numbers_tools_actions_and_outcomes() {
        let answer = "At my last job I owned the shipment-tracking API in Go. It timed out at peak, so I profiled it and moved writes to Kafka; p99 fell from 900 to 140 ms.";
        let facts = answer_facts(answer, &terms(), &[]);
        assert_eq!(facts.tools, ["Go", "Kafka"]);
        assert_eq!(
            facts.actions,
            [
                "owned the shipment-tracking API in Go",
                "profiled it",
                "moved writes to Kafka"
            ]
        );
        assert_eq!(facts.outcomes, ["p99 fell from 900 to 140 ms"]);
        assert!(facts.has_measurable_result());
        assert!(!facts.hides_behind_we());
    }

    #[test]
    fn a_vague_answer_has_a_subject_but_little_else() {
        let facts = answer_facts("We had an outage once and I helped fix it.", &terms(), &[]);
        assert_eq!(facts.subject.as_deref(), Some("outage"));
        let shift = answer_facts(
            "We had a difficult shift once, within a year.",
            &terms(),
            &[],
        );
        assert_eq!(shift.subject.as_deref(), Some("difficult shift"));
        let year = answer_facts("Both were promoted within a year.", &terms(), &[]);
        assert_eq!(year.subject, None);
        assert_eq!(facts.actions, ["helped fix it"]);
        assert!(facts.tools.is_empty() && facts.measures.is_empty());
    }

    #[test]
    fn we_only_answers_quote_what_we_did_and_name_people() {
        let possessive = answer_facts("I calmed my patient's family.", &terms(), &[]);
        assert_eq!(possessive.people, ["my patient's family"]);
        let facts = answer_facts(
            "We escalated to the charge nurse and we called the family within 10 minutes.",
            &terms(),
            &[],
        );
        assert!(facts.hides_behind_we());
        assert_eq!(facts.actions[0], "escalated to the charge nurse");
        assert_eq!(facts.people, ["the charge nurse", "the family"]);
        assert!(facts.has_measurable_result());
        let year_only = answer_facts("I joined in 2021 and liked it there.", &terms(), &[]);
        assert!(
            !year_only.has_measurable_result(),
            "a year measures nothing"
        );
    }
}
