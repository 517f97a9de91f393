//! The words each measure looks for, per language: STAR cues, hedges and commitments, fillers,
//! "I" and "we", outcome verbs, units and the people an answer names. English is the lists the
//! measures were written with (in their own modules); French, German and Spanish have their
//! own tables (`lexicon/*.rs`) and their own way of saying "I did" ([`Grammar`]).
//!
//! The language is detected per answer (`text::language::detect_language`), not taken from the
//! interview: a candidate may answer an English interview in French, the analysis has no
//! interview settings (the report's cross-checks call it with the documents alone), and an
//! answer too short to tell is read as English, which is what it was read as before.

mod french;
mod german;
mod spanish;

use domain::Language;

use text::tokens::Tokens;

use crate::{facts, language, specificity, star};

/// How a language marks the candidate's own actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// "I led", "we then migrated": a pronoun, up to two adverbs, a past tense.
    English,
    /// "j'ai lancé", "nous avons réduit": the auxiliary carries the person, a participle
    /// follows.
    French,
    /// "ich leitete", "dann habe ich … eingeführt": the pronoun next to a verb on either side.
    German,
    /// "gestioné", "hemos reducido": the verb's ending carries the person; the pronoun is
    /// usually left out.
    Spanish,
}

/// Whose action: the candidate's, the team's, or either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    I,
    We,
    Either,
}

pub(crate) struct Lexicon {
    pub grammar: Grammar,
    pub situation_cues: &'static [&'static str],
    pub task_cues: &'static [&'static str],
    pub result_cues: &'static [&'static str],
    pub hedges: &'static [&'static str],
    pub commitments: &'static [&'static str],
    pub fillers: &'static [&'static str],
    pub i_words: &'static [&'static str],
    pub we_words: &'static [&'static str],
    /// Words allowed between the person and the verb ("I then decided", "j'ai ensuite").
    pub adverbs: &'static [&'static str],
    /// Verbs after the person that tell a state or a wish, not an action.
    pub not_actions: &'static [&'static str],
    pub outcome_verbs: &'static [&'static str],
    /// Outcome verbs whose subject is what changed ("latency dropped", "la moyenne a baissé").
    pub change_verbs: &'static [&'static str],
    pub passive_auxiliaries: &'static [&'static str],
    /// Before an outcome verb, these make it a plan or a denial.
    pub not_done: &'static [&'static str],
    /// Spelled-out numbers from two up, and words that multiply.
    pub number_words: &'static [&'static str],
    pub duration_units: &'static [&'static str],
    pub people: &'static [&'static str],
    pub determiners: &'static [&'static str],
    /// Words that join two actions of one subject ("and", "then").
    pub joiners: &'static [&'static str],
}

pub(crate) const ENGLISH: Lexicon = Lexicon {
    grammar: Grammar::English,
    situation_cues: star::SITUATION_CUES,
    task_cues: star::TASK_CUES,
    result_cues: star::RESULT_CUES,
    hedges: language::HEDGES,
    commitments: language::COMMITMENTS,
    fillers: language::FILLERS,
    i_words: language::FIRST_PERSON_SINGULAR,
    we_words: language::FIRST_PERSON_PLURAL,
    adverbs: star::ADVERBS,
    not_actions: star::NOT_ACTIONS,
    outcome_verbs: specificity::OUTCOME_VERBS,
    change_verbs: specificity::CHANGE_VERBS,
    passive_auxiliaries: specificity::PASSIVE_AUXILIARIES,
    not_done: specificity::NOT_DONE,
    number_words: &[],
    duration_units: specificity::DURATION_UNITS,
    people: facts::PEOPLE,
    determiners: facts::DETERMINERS,
    joiners: &["and", "then"],
};

impl Lexicon {
    pub(crate) fn of(language: Language) -> &'static Lexicon {
        match language {
            Language::French => &french::FRENCH,
            Language::German => &german::GERMAN,
            Language::Spanish => &spanish::SPANISH,
            // An answer in a language the analysis has no lists for is read as English, as
            // any unclear text is.
            _ => &ENGLISH,
        }
    }

    /// The lexicon of the language `text` is written in.
    pub(crate) fn for_text(text: &str) -> &'static Lexicon {
        Lexicon::of(text::language::detect_language(text))
    }

    /// The candidate's (or the team's) actions: for each, where its cue starts (the pronoun,
    /// or the verb when it comes first) and the verb's token.
    pub(crate) fn actions(&self, tokens: &Tokens, who: Who) -> Vec<(usize, usize)> {
        match self.grammar {
            Grammar::English => {
                let pronouns: &[&str] = match who {
                    Who::I => &["i", "i've"],
                    Who::We => &["we", "we've"],
                    Who::Either => &["i", "i've", "we", "we've"],
                };
                star::actions(tokens, pronouns)
            }
            Grammar::French => french::actions(tokens, self, who),
            Grammar::German => german::actions(tokens, self, who),
            Grammar::Spanish => spanish::actions(tokens, self, who),
        }
    }

    /// "I" and "we" in the answer, counting Spanish verb endings as their person.
    pub(crate) fn person_counts(&self, tokens: &Tokens) -> (u32, u32) {
        let mut i_count = 0;
        let mut we_count = 0;
        for at in 0..tokens.len() {
            let word = tokens.lower(at);
            // "US" is the country.
            if tokens.original(at) == "US" {
                continue;
            }
            let elided_i = self.grammar == Grammar::French && word.starts_with("j'");
            if self.i_words.contains(&word) || elided_i {
                i_count += 1;
            } else if self.we_words.contains(&word) {
                we_count += 1;
            } else if self.grammar == Grammar::Spanish {
                match spanish::person_of_verb(word) {
                    Some(Who::I) => i_count += 1,
                    Some(Who::We) => we_count += 1,
                    _ => {}
                }
            }
        }
        (i_count, we_count)
    }

    pub(crate) fn is_number_word(&self, word: &str) -> bool {
        self.number_words.contains(&word)
    }
}

/// Whether `at` and the token before it are in one clause.
pub(crate) fn joined_to_previous(tokens: &Tokens, at: usize) -> bool {
    at > 0 && !tokens.tokens[at - 1].break_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_in_a_language_without_lists_is_read_with_the_english_ones() {
        let italian = "Io ero responsabile della migrazione e ho ridotto i tempi di consegna del 30 per cento.";
        assert_eq!(text::language::detect_language(italian), Language::Italian);
        assert_eq!(Lexicon::for_text(italian).grammar, Grammar::English);
        for language in Language::ALL.iter().copied() {
            let expected = match language {
                Language::French => Grammar::French,
                Language::German => Grammar::German,
                Language::Spanish => Grammar::Spanish,
                _ => Grammar::English,
            };
            assert_eq!(Lexicon::of(language).grammar, expected, "{language:?}");
        }
    }

    fn actions(language: Language, answer: &str, who: Who) -> Vec<String> {
        let tokens = Tokens::new(answer);
        Lexicon::of(language)
            .actions(&tokens, who)
            .into_iter()
            .map(|(start, verb)| tokens.span(start, verb).to_owned())
            .collect()
    }

    #[test]
    fn french_actions_follow_the_auxiliary() {
        assert_eq!(
            actions(
                Language::French,
                "J'ai ensuite lancé un club, puis nous avons réduit les retards.",
                Who::Either
            ),
            ["J'ai ensuite lancé", "nous avons réduit"]
        );
        assert!(actions(
            Language::French,
            "C'est ce que j'ai fait quand j'ai repris la classe.",
            Who::I
        )
        .is_empty());
        let numbers = crate::specificity::numbers(
            &Tokens::new("Mes élèves de 3e sont passés de 8 à 11."),
            &french::FRENCH,
        );
        let numbers: Vec<&str> = numbers.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(numbers, ["8", "11"], "a class is no measure");
        assert!(actions(
            Language::French,
            "J'ai été surprise et j'ai pensé à partir.",
            Who::I
        )
        .is_empty());
    }

    #[test]
    fn german_actions_on_either_side_of_the_pronoun() {
        assert_eq!(
            actions(
                Language::German,
                "Ich leitete die Station. Dann habe ich die Übergabe neu strukturiert.",
                Who::I
            ),
            ["Ich leitete", "habe ich die Übergabe neu strukturiert"]
        );
        assert!(actions(Language::German, "Ich glaube, ich war müde.", Who::I).is_empty());
        assert_eq!(
            actions(
                Language::German,
                "Wir haben die Prozesse vereinfacht.",
                Who::We
            ),
            ["Wir haben die Prozesse vereinfacht"]
        );
    }

    #[test]
    fn spanish_actions_by_their_ending() {
        assert_eq!(
            actions(
                Language::Spanish,
                "Primero gestioné la cuenta y después hemos cerrado el contrato.",
                Who::Either
            ),
            ["gestioné", "hemos cerrado"]
        );
        let tokens = Tokens::new("Yo negocié el precio y luego decidimos juntos. Así fue.");
        assert_eq!(
            Lexicon::of(Language::Spanish).person_counts(&tokens),
            (2, 1)
        );
    }
}
