//! The comparison's sentences in each language: what an attempt does better than the original
//! answer, and what it still lacks. One [`AttemptWording`] per language (`wording/*.rs`), in the
//! register of the report's own wording; `{name}` placeholders are filled by
//! [`AttemptWording::fill`].

mod de;
mod en;
mod es;
mod fr;

use crate::typography;
use domain::{Language, StarComponent};

pub(crate) struct AttemptWording {
    pub language: Language,
    /// Joins the last item of a list: "Go, Kafka and Docker".
    pub and: &'static str,
    pub word: &'static str,
    pub words: &'static str,

    // What improved ({cue}: the attempt's own words; {list}; {before} and {after}: counts).
    /// A STAR part the original lacked: situation, task, action, result.
    pub star_now: [&'static str; 4],
    pub first_figures: &'static str,
    pub more_figures: &'static str,
    pub job_terms: &'static str,
    pub personal_now: &'static str,
    pub fewer_fillers: &'static str,
    pub fewer_hedges: &'static str,
    pub more_depth: &'static str,

    // What it still lacks ({count}, {words}, {min}, {max}).
    /// A STAR part still missing: situation, task, action, result.
    pub star_missing: [&'static str; 4],
    /// Added to a missing STAR part that the original answer had.
    pub star_lost: &'static str,
    pub no_figure: &'static str,
    pub no_job_term: &'static str,
    pub no_personal: &'static str,
    pub still_no_personal: &'static str,
    pub filler_habit: &'static str,
    pub hedge_habit: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
}

impl AttemptWording {
    pub(crate) fn of(language: Language) -> &'static AttemptWording {
        typography::table_of(
            language,
            [&en::ENGLISH, &fr::FRENCH, &de::GERMAN, &es::SPANISH],
        )
    }

    /// `template` with its placeholders filled, in the language's typography.
    pub(crate) fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        typography::fill(self.language, template, values)
    }

    /// "12 words", "1 mot".
    pub(crate) fn word_count(&self, count: u32) -> String {
        typography::counted(count, self.word, self.words)
    }

    /// "Go, Kafka and Docker".
    pub(crate) fn list(&self, items: &[&str]) -> String {
        typography::join_list(items, self.and)
    }

    pub(crate) fn star_now(&self, component: StarComponent) -> &'static str {
        self.star_now[star_index(component)]
    }

    pub(crate) fn star_missing(&self, component: StarComponent) -> &'static str {
        self.star_missing[star_index(component)]
    }
}

fn star_index(component: StarComponent) -> usize {
    match component {
        StarComponent::Situation => 0,
        StarComponent::Task => 1,
        StarComponent::Action => 2,
        StarComponent::Result => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_typography_follow_the_language() {
        let english = AttemptWording::of(Language::English);
        assert_eq!(
            english.list(&["Go", "Kafka", "Docker"]),
            "Go, Kafka and Docker"
        );
        assert_eq!(english.word_count(1), "1 word");
        let french = AttemptWording::of(Language::French);
        assert_eq!(
            french.fill(french.star_now[3], &[("cue", "au final")]),
            "Le résultat y est désormais («\u{a0}au final\u{a0}»)."
        );
        assert_eq!(
            AttemptWording::of(Language::Spanish).list(&["SPIN", "HubSpot"]),
            "SPIN y HubSpot"
        );
    }

    #[test]
    fn each_language_the_coach_speaks_has_its_table_and_others_the_english_one() {
        crate::typography::assert_tables_follow_the_language(
            |language| AttemptWording::of(language).language,
            |language| {
                let wording = AttemptWording::of(language);
                vec![
                    wording.no_job_term,
                    wording.no_personal,
                    wording.still_no_personal,
                ]
            },
        );
    }
}
