//! Everything the offline coach says, in each of its languages: one [`Wording`] per language
//! (`wording/en.rs`, `fr.rs`, `de.rs`, `es.rs`), with `{name}` placeholders that [`fill`]
//! replaces. The code that decides what to ask never holds a sentence of its own, so a
//! language is added by writing its table, not by touching the interviewer.
//!
//! Every table lists its phrasings in the same order and number as English where the code
//! picks among them by index (the seeded choice), and the focus phrases are written to fit
//! every template that names them: French ones never start with "le"/"les" (no "de le"),
//! German ones are feminine, neuter or plural (accusative = nominative), Spanish ones never
//! start with "el" (no "de el").

mod de;
mod en;
mod es;
mod fr;

use crate::typography;
use domain::Language;

/// A situation every interviewer asks about: the question, what it is about and words an
/// answer about it uses.
pub(crate) struct Theme {
    pub template: &'static str,
    pub focus: &'static str,
    pub cues: &'static [&'static str],
}

/// Per seniority: junior, mid, senior.
pub(crate) type BySeniority<T> = [T; 3];

pub(crate) struct Wording {
    pub language: Language,
    // Quoting the CV ({employer}, {phrase}). The "action" forms turn a CV bullet that opens on
    // a verb into "you <verb>"; languages that quote the bullet as written use the "mention"
    // forms for both.
    pub cv_action_at: &'static str,
    pub cv_action: &'static str,
    pub cv_mention_at: &'static str,
    pub cv_mention: &'static str,

    // Bridges before the next planned question.
    pub off_topic_bridges: &'static [&'static str],
    pub not_an_answer_bridges: &'static [&'static str],
    /// {fact}: something the candidate said, as `said`.
    pub fact_bridges: &'static [&'static str],
    pub tool_bridge: &'static str,
    pub answered_bridge: &'static str,

    // The opener ({employer}, {role_title}, {company}, {title}, {skill}).
    pub opener_with_role_title: &'static [&'static str],
    pub opener_with_skill: &'static str,
    pub opener_at_employer: &'static str,
    pub opener_generic: &'static [&'static str],
    pub why_company: &'static str,

    // Deep dives ({skill}, {company}, {name}).
    pub deep_dive_with_evidence: BySeniority<[&'static str; 2]>,
    pub deep_dive_without_evidence: BySeniority<&'static str>,
    pub deep_dive_leads: [&'static str; 2],

    // Gap probes ({required}, {shown}, {company}, {name}, {ask}).
    pub gap_asks: BySeniority<&'static str>,
    pub gap_years: &'static str,
    pub gap_probes: [&'static str; 3],

    // STAR questions ({employer}, {skill}; themes take {place}).
    pub star_asks: [&'static str; 2],
    pub star_asks_by_seniority: BySeniority<&'static str>,
    pub place_at_employer: &'static str,
    pub place_with_skill: &'static str,
    pub place_any: &'static str,
    pub themes: Themes,

    // Questions on requirements and the role ({company}, {phrase}, {title}).
    pub requirement_questions: [&'static str; 2],
    pub role_questions: [&'static str; 3],
    pub motivation: [&'static str; 3],
    pub closings: [&'static str; 3],
    /// {title}, {company}, {n}: when the plan is spent.
    pub other_experience: &'static str,
    /// {company}, {n}.
    pub closing_fallback: &'static str,

    // What a question is about, for follow-ups to name.
    pub focus_role: &'static str,
    pub focus_employer: &'static str,
    pub focus_skill: &'static str,
    pub focus_years: &'static str,
    pub focus_gap: &'static str,
    pub focus_achievement: &'static str,
    pub focus_requirement: &'static str,
    pub focus_motivation: &'static str,
    pub focus_default: &'static str,

    // Follow-ups ({focus}, {subject}, {action}, {skill}, {outcome}, {person}, {tool},
    // {measure}).
    pub too_short_subject: &'static [&'static str],
    pub too_short_action: &'static [&'static str],
    pub too_short: &'static [&'static str],
    pub off_topic_action: &'static [&'static str],
    pub off_topic: &'static [&'static str],
    pub not_an_answer: &'static [&'static str],
    pub we_action: &'static [&'static str],
    pub we_only: &'static [&'static str],
    pub no_result_action: &'static [&'static str],
    pub no_result: &'static [&'static str],
    pub skill_action: &'static [&'static str],
    pub skill: &'static [&'static str],
    pub that_tool: &'static str,
    pub detail_outcome: &'static [&'static str],
    pub detail_action: &'static str,
    pub detail_person: &'static str,
    pub detail_tool: &'static str,
    pub detail_measure: &'static str,
}

/// The themes of STAR questions: per seniority, the three the plan asks.
pub(crate) struct Themes {
    pub deadline: Theme,
    pub disagreement: Theme,
    pub mistake: Theme,
    pub learned_quickly: Theme,
    pub feedback: Theme,
    pub without_authority: Theme,
    pub wrong_call: Theme,
    pub helped_grow: Theme,
}

impl std::fmt::Debug for Wording {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wording")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Wording {
    pub(crate) fn of(language: Language) -> &'static Wording {
        typography::table_of(
            language,
            [&en::ENGLISH, &fr::FRENCH, &de::GERMAN, &es::SPANISH],
        )
    }

    /// `template` with each `{key}` replaced, in this language's typography.
    pub(crate) fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        typography::fill(self.language, template, values)
    }

    /// Each of `templates`, filled.
    pub(crate) fn fill_all(&self, templates: &[&str], values: &[(&str, &str)]) -> Vec<String> {
        templates
            .iter()
            .map(|template| self.fill(template, values))
            .collect()
    }

    /// Whether CV bullets and answers are said back in the second person ("you led …");
    /// otherwise they are quoted as written, in quotation marks.
    pub(crate) fn says_back(&self) -> bool {
        self.language == Language::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_questions_open_with_an_inverted_mark() {
        let spanish = Wording::of(Language::Spanish);
        for question in spanish
            .closings
            .iter()
            .chain(&spanish.motivation)
            .chain(spanish.too_short)
        {
            let asked = question.rsplit(". ").next().unwrap();
            let opened = asked.find('¿').map(|at| &asked[at..]);
            assert!(
                opened.is_some_and(|asked| asked.ends_with('?')),
                "{question}"
            );
        }
    }

    #[test]
    fn french_questions_keep_their_question_mark_on_the_line() {
        let french = Wording::of(Language::French);
        let text = french.fill(french.motivation[0], &[("company", "Acme"), ("title", "X")]);
        assert!(text.ends_with("\u{a0}?"), "{text:?}");
        assert!(!text.contains(" ?"));
    }

    #[test]
    fn each_language_the_coach_speaks_has_its_table_and_others_the_english_one() {
        crate::typography::assert_tables_follow_the_language(
            |language| Wording::of(language).language,
            |language| Wording::of(language).closings.to_vec(),
        );
    }
}
