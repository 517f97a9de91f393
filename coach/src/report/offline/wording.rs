//! The offline report's sentences in each language: strengths, weaknesses, missing items, the
//! summary and the per-answer "what worked" and "what to add". One [`ReportWording`] per
//! language (`wording/*.rs`); `{name}` placeholders are filled by [`ReportWording::fill`].

mod de;
mod en;
mod es;
mod fr;

use crate::typography;
use domain::{Dimension, Language, StarComponent};

pub(crate) struct ReportWording {
    pub language: Language,
    // Lists: "Go, Kafka and Docker", "Go, Kafka and 1 more".
    pub and: &'static str,
    pub more: &'static str,
    /// Situation, task, action, result, as named inside a sentence.
    pub components: [&'static str; 4],
    /// Relevance, structure, specificity, clarity, confidence, consistency.
    pub dimensions: [&'static str; 6],
    pub word: &'static str,
    pub words: &'static str,
    pub answer: &'static str,
    pub answers: &'static str,

    // Strengths ({n}: question number, {list}, {phrase}).
    pub strength_star: &'static str,
    pub strength_measured: &'static str,
    pub strength_numbers: &'static str,
    pub strength_terms: &'static str,
    pub strength_first_person: &'static str,

    // Weaknesses ({n}, {words}, {list}).
    pub weak_short: &'static str,
    pub weak_off_topic: &'static str,
    pub weak_no_result: &'static str,
    pub weak_hedging: &'static str,
    pub weak_we: &'static str,
    pub weak_no_number: &'static str,
    pub weak_fillers: &'static str,
    /// The word for "we" quoted in `weak_we`, to find the sentence that says it.
    pub we: &'static str,

    // Missing ({list}, {them}, {company}).
    pub missing_backed: &'static str,
    pub missing_unbacked: &'static str,
    pub missing_star: &'static str,
    pub missing_number: &'static str,
    pub missing_why: &'static str,
    pub it: &'static str,
    pub them: &'static str,

    // Per answer.
    pub not_answer_off_topic: &'static str,
    pub not_answer_repeated: &'static str,
    pub not_answer_empty: &'static str,
    pub worked_star: &'static str,
    pub worked_parts: &'static str,
    pub worked_numbers: &'static str,
    pub worked_terms: &'static str,
    pub worked_owned: &'static str,
    pub add_short: &'static str,
    pub add_number: &'static str,
    pub add_own_part: &'static str,
    pub add_asked: &'static str,
    pub add_plainly: &'static str,
    pub add_closing_line: &'static str,
    /// Advice on each missing STAR part: situation, task, action, result.
    pub star_advice: [&'static str; 4],

    // The sample answer's slots ({term}, {company}).
    pub slot_situation: &'static str,
    pub slot_task: &'static str,
    pub slot_action: &'static str,
    pub slot_action_with_term: &'static str,
    pub slot_result: &'static str,
    pub slot_term: &'static str,
    pub slot_learned: &'static str,
    pub tie_to_role: &'static str,
    /// How a first-person action cue starts, to tell the candidate's own action from the
    /// team's ("I ", "J'ai", "Ich"); Spanish verbs carry the person, so any non-plural cue.
    pub own_action_starts: &'static [&'static str],

    // Motivation and closing samples ({company}).
    /// "One thing", "Two things", "Three things" draw me to {company}.
    pub reasons_lead: [&'static str; 3],
    /// With their punctuation: "First,", "Erstens".
    pub ordinals: [&'static str; 3],
    pub reasons_close: &'static str,
    pub thanks: &'static str,
    pub default_questions: &'static str,
    /// "I have two questions.", "I have a few questions."
    pub have_questions: [&'static str; 2],
    pub keener: &'static str,
    /// What a strong story contains ({steps}: one of the two below).
    pub story_outline: &'static str,
    pub outline_steps: &'static str,
    pub outline_steps_with_term: &'static str,

    // Advice on the motivation, background and closing questions ({company}, {job_title}).
    pub motivation_add_company: &'static str,
    pub motivation_add_fit: &'static str,
    pub motivation_add_aim: &'static str,
    pub motivation_add_last: &'static str,
    pub motivation_outline: &'static str,
    pub motivation_slot_draw: &'static str,
    pub motivation_slot_fit: &'static str,
    pub motivation_slot_aim: &'static str,
    pub background_add_number: &'static str,
    pub background_add_terms: &'static str,
    pub background_add_short: &'static str,
    pub background_add_last: &'static str,
    pub background_outline: &'static str,
    pub background_slot_achievement: &'static str,
    pub background_close: &'static str,
    pub closing_add_questions: &'static str,
    pub closing_add_short: &'static str,
    pub closing_add_thanks: &'static str,

    // The dimensions' comments ({answers}: "3 answers" and the like, counted with the pairs
    // below).
    pub dim_no_answer: &'static str,
    pub dim_relevance_no_terms: &'static str,
    pub dim_relevance_none_used: &'static str,
    pub dim_relevance: &'static str,
    pub dim_structure: &'static str,
    pub dim_specificity_none: &'static str,
    pub dim_specificity: &'static str,
    pub dim_clarity: &'static str,
    pub dim_confidence: &'static str,
    pub dim_consistency: &'static str,
    pub dim_one_answer: &'static str,
    /// (one, many): "number", "named tool", "outcome", "hedge", "committed phrase".
    pub counted_numbers: (&'static str, &'static str),
    pub counted_tools: (&'static str, &'static str),
    pub counted_outcomes: (&'static str, &'static str),
    pub counted_hedges: (&'static str, &'static str),
    pub counted_commitments: (&'static str, &'static str),

    // CV tips ({phrase}, {list}, {them}, {questions}, {asked}, {name}, {required}, {years},
    // {title}, {supported}, {n}, {outcome}).
    pub cv_ai_text: &'static str,
    pub cv_said_not_in_cv: &'static str,
    pub cv_skills_line: &'static str,
    pub cv_unsaid: &'static str,
    pub cv_unsaid_bullet: &'static str,
    pub cv_years_missing: &'static str,
    pub cv_years_line: &'static str,
    /// " in Go, Kafka and Docker" after the years.
    pub cv_years_in: &'static str,
    pub cv_years_short: &'static str,
    pub cv_omitted_tools: &'static str,
    pub cv_omitted_outcome: &'static str,
    pub cv_quantify: &'static str,
    pub cv_quantify_suffix: &'static str,

    // The summary ({answered}, {planned}, {of}, {reason}, {score}, {best}, {high}, {worst},
    // {low}) and why there is no score ({substantial}, {answers}, {min_words}, {min}).
    pub answered_of: &'static str,
    pub summary_no_score: &'static str,
    pub summary_scored: &'static str,
    pub summary_strongest: &'static str,
    pub no_answer: &'static str,
    pub too_few_substantial: &'static str,
}

impl ReportWording {
    pub(crate) fn of(language: Language) -> &'static ReportWording {
        typography::table_of(
            language,
            [&en::ENGLISH, &fr::FRENCH, &de::GERMAN, &es::SPANISH],
        )
    }

    pub(crate) fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        typography::fill(self.language, template, values)
    }

    /// "12 words", "1 mot".
    pub(crate) fn word_count(&self, count: u32) -> String {
        typography::counted(count, self.word, self.words)
    }

    /// "3 numbers", "1 Zahl".
    pub(crate) fn counted(&self, count: usize, (one, many): (&str, &str)) -> String {
        typography::counted(count as u64, one, many)
    }

    /// "3 answers", "1 respuesta".
    pub(crate) fn answer_count(&self, count: usize) -> String {
        let unit = if count == 1 {
            self.answer
        } else {
            self.answers
        };
        format!("{count} {unit}")
    }

    pub(crate) fn component(&self, component: StarComponent) -> &'static str {
        match component {
            StarComponent::Situation => self.components[0],
            StarComponent::Task => self.components[1],
            StarComponent::Action => self.components[2],
            StarComponent::Result => self.components[3],
        }
    }

    pub(crate) fn star_advice(&self, component: StarComponent) -> &'static str {
        match component {
            StarComponent::Situation => self.star_advice[0],
            StarComponent::Task => self.star_advice[1],
            StarComponent::Action => self.star_advice[2],
            StarComponent::Result => self.star_advice[3],
        }
    }

    pub(crate) fn dimension(&self, dimension: Dimension) -> &'static str {
        match dimension {
            Dimension::Relevance => self.dimensions[0],
            Dimension::Structure => self.dimensions[1],
            Dimension::Specificity => self.dimensions[2],
            Dimension::Clarity => self.dimensions[3],
            Dimension::Confidence => self.dimensions[4],
            Dimension::Consistency => self.dimensions[5],
        }
    }

    /// "Go, Kafka and Docker"; past `max` items, "Go, Kafka and 1 more".
    pub(crate) fn list(&self, items: &[String], max: usize) -> String {
        let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
        let more = items.len().saturating_sub(max);
        match (shown.as_slice(), more) {
            ([], _) => String::new(),
            ([only], 0) => (*only).to_owned(),
            (_, 0) => typography::join_list(&shown, self.and),
            (_, more) => format!(
                "{}{}{}",
                shown.join(", "),
                self.and,
                self.more.replace("{n}", &more.to_string())
            ),
        }
    }

    /// "it" for one item, "them" for more.
    pub(crate) fn them(&self, items: &[String]) -> &'static str {
        if items.len() == 1 {
            self.it
        } else {
            self.them
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally_in_each_language() {
        let items: Vec<String> = ["Go", "Kafka", "Docker"].map(String::from).to_vec();
        assert_eq!(
            ReportWording::of(Language::English).list(&items, 2),
            "Go, Kafka and 1 more"
        );
        assert_eq!(
            ReportWording::of(Language::French).list(&items, 4),
            "Go, Kafka et Docker"
        );
        assert_eq!(
            ReportWording::of(Language::German).list(&items, 2),
            "Go, Kafka und 1 weitere"
        );
        assert_eq!(
            ReportWording::of(Language::Spanish).list(&items, 4),
            "Go, Kafka y Docker"
        );
    }

    #[test]
    fn each_language_the_coach_speaks_has_its_table_and_others_the_english_one() {
        crate::typography::assert_tables_follow_the_language(
            |language| ReportWording::of(language).language,
            |language| {
                let wording = ReportWording::of(language);
                vec![
                    wording.missing_unbacked,
                    wording.not_answer_off_topic,
                    wording.add_short,
                ]
            },
        );
    }
}
