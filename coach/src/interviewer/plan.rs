//! The question plan of one interview: an opener, a body in the order to ask it (deep dives
//! on job skills the CV backs up, gap probes for those it lacks, STAR questions on the CV's
//! achievements and on common situations), the motivation question and closing questions.
//!
//! The body holds more questions than an interview needs, so questions already asked (by
//! this coach or another interviewer) can be skipped and follow-ups can take their slots.

use domain::{InterviewKind, Seniority};

use crate::interviewer::bridge::BRIDGE_WORDS;
use crate::interviewer::phrasing::{achievement_lead, key_of, Phrasing, QUOTE_LENGTHS};
use crate::interviewer::wording::{Theme, Wording};
use crate::interviewer::{Purpose, MAX_QUESTION_WORDS};
use text::experience::Role;
use text::profile::{Profile, Skill};
use text::words::{
    clip_phrase, is_well_formed_question, lowercase_first_word, normalized, SearchableText,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlannedQuestion {
    pub text: String,
    pub purpose: Purpose,
    /// What the question is about, as a phrase a follow-up can name: "the Kafka work", "a
    /// deadline at risk".
    pub focus: String,
    /// Words an answer on this topic is likely to use even when it repeats none of the
    /// question's ("late", "slipped" for a deadline at risk).
    pub cues: &'static [&'static str],
}

impl PlannedQuestion {
    fn about(mut self, focus: impl Into<String>) -> Self {
        self.focus = focus.into();
        self
    }

    fn with_cues(mut self, cues: &'static [&'static str]) -> Self {
        self.cues = cues;
        self
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub opener: PlannedQuestion,
    pub body: Vec<PlannedQuestion>,
    pub motivation: PlannedQuestion,
    pub closings: Vec<String>,
}

impl Plan {
    /// The plan's opener, body or motivation question that `question` asks, perhaps after a
    /// sentence acknowledging the last answer.
    pub(crate) fn find(&self, question: &str) -> Option<&PlannedQuestion> {
        std::iter::once(&self.opener)
            .chain(&self.body)
            .chain(std::iter::once(&self.motivation))
            .find(|planned| asks(question, &planned.text))
    }

    pub(crate) fn contains(&self, question: &str) -> bool {
        self.find(question).is_some()
    }
}

/// Whether `asked` is `planned`, alone or after a bridging sentence, ignoring case and spacing.
pub(crate) fn asks(asked: &str, planned: &str) -> bool {
    let (asked, planned) = (normalized(asked), normalized(planned));
    asked == planned || asked.ends_with(&format!(" {planned}"))
}

/// Planned questions try to leave room for a short sentence on the last answer (see
/// `bridge`) before taking the whole budget of a question.
const WORD_BUDGETS: [usize; 2] = [MAX_QUESTION_WORDS - BRIDGE_WORDS, MAX_QUESTION_WORDS];

const MAX_DEEP_DIVES: usize = 6;
const MAX_GAP_PROBES: usize = 4;
const MAX_ACHIEVEMENT_STARS: usize = 4;

/// Which kind of question each body slot prefers, repeated; an exhausted kind gives its slot
/// to the next one in the pattern.
fn body_pattern(kind: InterviewKind) -> &'static [Purpose] {
    use Purpose::{Behavioral as B, DeepDive as D, GapProbe as G};
    match kind {
        InterviewKind::Technical => &[D, D, G, B, D, G],
        InterviewKind::Behavioral => &[B, B, D, G, B, B],
        InterviewKind::Mixed => &[D, B, G, D, B, G],
    }
}

pub(crate) fn build(
    analysis: &Profile,
    kind: InterviewKind,
    seniority: Seniority,
    phrasing: &Phrasing,
    wording: &'static Wording,
) -> Plan {
    let writer = Writer {
        analysis,
        seniority,
        phrasing,
        wording,
    };
    let mut pools = [
        (Purpose::DeepDive, writer.deep_dives()),
        (Purpose::GapProbe, writer.gap_probes()),
        (Purpose::Behavioral, writer.star_questions()),
    ];
    let mut body = Vec::new();
    let pattern = body_pattern(kind);
    for wanted in pattern.iter().cycle() {
        if pools.iter().all(|(_, pool)| pool.is_empty()) {
            break;
        }
        let start = pools
            .iter()
            .position(|(purpose, _)| purpose == wanted)
            .unwrap_or(0);
        let count = pools.len();
        let chosen = (0..count)
            .map(|offset| (start + offset) % count)
            .find(|&index| !pools[index].1.is_empty())
            .expect("a pool is not empty");
        body.push(pools[chosen].1.remove(0));
    }
    body.extend(writer.general_questions());
    Plan {
        opener: writer.opener(),
        body,
        motivation: writer.motivation(),
        closings: writer.closings(),
    }
}

/// Renders the plan's questions from the analysis, in the seeded phrasing and the
/// interview's language.
struct Writer<'a> {
    analysis: &'a Profile,
    seniority: Seniority,
    phrasing: &'a Phrasing,
    wording: &'static Wording,
}

impl Writer<'_> {
    fn title(&self) -> &str {
        &self.analysis.job_title
    }

    fn company(&self) -> &str {
        &self.analysis.company
    }

    fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        self.wording.fill(template, values)
    }

    fn by_seniority<T: Copy>(&self, values: [T; 3]) -> T {
        match self.seniority {
            Seniority::Junior => values[0],
            Seniority::Mid => values[1],
            Seniority::Senior => values[2],
        }
    }

    /// The seeded choice among `candidates`, leaving room for a sentence on the last answer
    /// where some candidate allows it.
    fn question(
        &self,
        purpose: Purpose,
        key: &str,
        candidates: &[String],
    ) -> Option<PlannedQuestion> {
        WORD_BUDGETS
            .iter()
            .find_map(|&budget| self.question_within(purpose, key, candidates, budget))
    }

    fn question_within(
        &self,
        purpose: Purpose,
        key: &str,
        candidates: &[String],
        max_words: usize,
    ) -> Option<PlannedQuestion> {
        let text = self
            .phrasing
            .first_within(key_of(key), candidates, max_words)?;
        Some(PlannedQuestion {
            text,
            purpose,
            focus: self.wording.focus_default.to_owned(),
            cues: &[],
        })
    }

    /// Tries each lead sentence in order (the more concrete first), quoting the CV at
    /// decreasing lengths, with the seeded choice of question: for each lead, first within the
    /// budget that leaves room for a sentence on the last answer, then within the full one.
    fn quoted(
        &self,
        purpose: Purpose,
        key: &str,
        leads: impl Fn(usize) -> Vec<String>,
        asks: &[String],
    ) -> Option<PlannedQuestion> {
        let lead_count = leads(QUOTE_LENGTHS[0]).len();
        (0..lead_count).find_map(|lead_index| {
            WORD_BUDGETS.iter().find_map(|&budget| {
                QUOTE_LENGTHS.iter().find_map(|&length| {
                    let lead = &leads(length)[lead_index];
                    let candidates: Vec<String> =
                        asks.iter().map(|ask| format!("{lead} {ask}")).collect();
                    self.question_within(purpose, key, &candidates, budget)
                })
            })
        })
    }

    /// A question that cannot be left out (the opener, the motivation question) when no
    /// phrasing fits: "Why Acme?".
    fn why_company(&self, purpose: Purpose) -> PlannedQuestion {
        PlannedQuestion {
            text: self.fill(self.wording.why_company, &[("company", self.company())]),
            purpose,
            focus: String::new(),
            cues: &[],
        }
    }

    /// Asks about the CV's role closest to this job (the one whose line and bullets name
    /// most of the job's skills), by employer and title; the generic opener is for CVs
    /// without a work history.
    fn opener(&self) -> PlannedQuestion {
        let (title, company) = (self.title(), self.company());
        let w = self.wording;
        let mut candidates = Vec::new();
        let mut focus = self.fill(w.focus_role, &[("title", title)]);
        if let Some(role) = closest_role(self.analysis) {
            let employer = role.employer.as_str();
            let skill = role_skill(self.analysis, role);
            focus = self.fill(w.focus_employer, &[("employer", employer)]);
            let values = [
                ("employer", employer),
                ("company", company),
                ("title", title),
                ("role_title", role.title.as_deref().unwrap_or("")),
                ("skill", skill.unwrap_or("")),
            ];
            if role.title.is_some() {
                candidates.extend(w.fill_all(w.opener_with_role_title, &values));
            }
            if skill.is_some() {
                candidates.push(self.fill(w.opener_with_skill, &values));
            }
            candidates.push(self.fill(w.opener_at_employer, &values));
        }
        let generic = w.fill_all(w.opener_generic, &[("title", title), ("company", company)]);
        self.question(Purpose::Opener, "opener", &candidates)
            .or_else(|| self.question(Purpose::Opener, "opener", &generic))
            .unwrap_or_else(|| self.why_company(Purpose::Opener))
            .about(focus)
    }

    fn deep_dive_asks(&self, skill: &str, with_evidence: bool) -> Vec<String> {
        let w = self.wording;
        let templates: Vec<&str> = if with_evidence {
            self.by_seniority(w.deep_dive_with_evidence).to_vec()
        } else {
            vec![self.by_seniority(w.deep_dive_without_evidence)]
        };
        w.fill_all(&templates, &[("skill", skill)])
    }

    /// One per job skill the CV backs up, quoting the CV's achievement that names it.
    fn deep_dives(&self) -> Vec<PlannedQuestion> {
        let w = self.wording;
        let mut quoted_achievements: Vec<&str> = Vec::new();
        let mut questions = Vec::new();
        for skill in self.analysis.supported.iter().take(MAX_DEEP_DIVES) {
            let name = skill.name.as_str();
            let evidence = achievement_naming(&self.analysis.roles, skill)
                .filter(|(_, achievement)| !quoted_achievements.contains(achievement));
            let planned = match evidence {
                Some((employer, achievement)) => {
                    quoted_achievements.push(achievement);
                    let leads = |length| {
                        vec![
                            achievement_lead(w, Some(employer), achievement, length),
                            achievement_lead(w, None, achievement, length),
                        ]
                    };
                    self.quoted(
                        Purpose::DeepDive,
                        name,
                        leads,
                        &self.deep_dive_asks(name, true),
                    )
                }
                None => {
                    let leads = w.fill_all(
                        &w.deep_dive_leads,
                        &[("company", self.company()), ("name", name)],
                    );
                    let candidates: Vec<String> = leads
                        .iter()
                        .flat_map(|lead| {
                            self.deep_dive_asks(name, false)
                                .into_iter()
                                .map(move |ask| format!("{lead} {ask}"))
                        })
                        .collect();
                    self.question(Purpose::DeepDive, name, &candidates)
                }
            };
            let focus = self.fill(w.focus_skill, &[("name", name)]);
            questions.extend(planned.map(|planned| planned.about(focus)));
        }
        questions
    }

    /// Years of experience below what the job asks for first, then each missing skill.
    fn gap_probes(&self) -> Vec<PlannedQuestion> {
        let w = self.wording;
        let mut questions = Vec::new();
        if let (Some(required), Some(shown)) =
            (self.analysis.required_years, self.analysis.cv_years)
        {
            if shown < required {
                let text = self.fill(
                    w.gap_years,
                    &[
                        ("required", &required.to_string()),
                        ("shown", &shown.to_string()),
                    ],
                );
                questions.extend(
                    self.question(Purpose::GapProbe, "years", &[text])
                        .map(|planned| planned.about(w.focus_years)),
                );
            }
        }
        let (company, ask) = (self.company(), self.by_seniority(w.gap_asks));
        for skill in self.analysis.gaps.iter().take(MAX_GAP_PROBES) {
            let name = &skill.name;
            let candidates = w.fill_all(
                &w.gap_probes,
                &[("company", company), ("name", name), ("ask", ask)],
            );
            let focus = self.fill(w.focus_gap, &[("name", name)]);
            questions.extend(
                self.question(Purpose::GapProbe, name, &candidates)
                    .map(|planned| planned.about(focus)),
            );
        }
        questions
    }

    fn star_asks(&self) -> Vec<String> {
        let w = self.wording;
        let mut asks = w.fill_all(&w.star_asks, &[]);
        asks.push(self.fill(self.by_seniority(w.star_asks_by_seniority), &[]));
        asks
    }

    /// STAR questions on the CV's achievements (those naming a job skill or a number first),
    /// then on situations every interviewer asks about, set at the CV's employers.
    fn star_questions(&self) -> Vec<PlannedQuestion> {
        let w = self.wording;
        let mut achievements: Vec<(&str, &str)> = self
            .analysis
            .roles
            .iter()
            .flat_map(|role| {
                role.achievements
                    .iter()
                    .map(move |a| (role.employer.as_str(), a.as_str()))
            })
            .collect();
        let job_skills = &self.analysis.job;
        achievements.sort_by_key(|(_, achievement)| {
            let text = SearchableText::new(achievement);
            let names_skill = job_skills.iter().any(|skill| skill.is_in(&text));
            let has_number = achievement.contains(|c: char| c.is_ascii_digit());
            (!names_skill, !has_number)
        });
        let asks = self.star_asks();
        let mut questions: Vec<PlannedQuestion> = achievements
            .iter()
            .take(MAX_ACHIEVEMENT_STARS)
            .filter_map(|(employer, achievement)| {
                let leads = |length| vec![achievement_lead(w, Some(employer), achievement, length)];
                let focus = self.fill(w.focus_achievement, &[("employer", employer)]);
                self.quoted(Purpose::Behavioral, achievement, leads, &asks)
                    .map(|planned| planned.about(focus))
            })
            .collect();
        let places: Vec<String> = self
            .analysis
            .roles
            .iter()
            .map(|role| self.fill(w.place_at_employer, &[("employer", &role.employer)]))
            .chain(
                self.analysis
                    .supported
                    .first()
                    .map(|skill| self.fill(w.place_with_skill, &[("skill", &skill.name)])),
            )
            .chain(std::iter::once(self.fill(w.place_any, &[])))
            .collect();
        for (index, theme) in self.star_themes().iter().enumerate() {
            let place = &places[index % places.len()];
            let candidates = [self.fill(theme.template, &[("place", place)])];
            questions.extend(
                self.question(Purpose::Behavioral, theme.template, &candidates)
                    .map(|planned| planned.about(theme.focus).with_cues(theme.cues)),
            );
        }
        questions
    }

    fn star_themes(&self) -> [&'static Theme; 3] {
        let themes = &self.wording.themes;
        match self.seniority {
            Seniority::Junior => [&themes.learned_quickly, &themes.feedback, &themes.mistake],
            Seniority::Mid => [&themes.deadline, &themes.disagreement, &themes.mistake],
            Seniority::Senior => [
                &themes.without_authority,
                &themes.wrong_call,
                &themes.helped_grow,
            ],
        }
    }

    /// Questions on the job's requirement lines, then on the role itself: enough to fill any
    /// interview even when the documents give little to work with.
    fn general_questions(&self) -> Vec<PlannedQuestion> {
        let w = self.wording;
        let (title, company) = (self.title().to_owned(), self.company().to_owned());
        let mut questions: Vec<PlannedQuestion> = self
            .analysis
            .requirements
            .iter()
            .filter_map(|requirement| {
                let phrase = lowercase_first_word(&clip_phrase(requirement, 9));
                let values = [("company", company.as_str()), ("phrase", phrase.as_str())];
                let candidates = w.fill_all(&w.requirement_questions, &values);
                let focus = self.fill(w.focus_requirement, &values);
                self.question(Purpose::General, requirement, &candidates)
                    .map(|planned| planned.about(focus))
            })
            .collect();
        let values = [("title", title.as_str()), ("company", company.as_str())];
        let role_questions = w.fill_all(&w.role_questions, &values);
        let focus = self.fill(w.focus_role, &values);
        for (index, text) in role_questions.into_iter().enumerate() {
            questions.extend(
                self.question(Purpose::General, &format!("role {index}"), &[text])
                    .map(|planned| planned.about(focus.clone())),
            );
        }
        questions
    }

    fn motivation(&self) -> PlannedQuestion {
        let w = self.wording;
        let values = [("title", self.title()), ("company", self.company())];
        let candidates = w.fill_all(&w.motivation, &values);
        self.question(Purpose::Motivation, "motivation", &candidates)
            .unwrap_or_else(|| self.why_company(Purpose::Motivation))
            .about(self.fill(w.focus_motivation, &values))
    }

    fn closings(&self) -> Vec<String> {
        let w = self.wording;
        let values = [("title", self.title()), ("company", self.company())];
        let candidates = w.fill_all(&w.closings, &values);
        let preferred = self.phrasing.order(key_of("closing"), candidates.len());
        preferred
            .map(|index| candidates[index].clone())
            .filter(|text| is_well_formed_question(text))
            .collect()
    }
}

/// The CV's role closest to the job: the one naming most of the job's skills on its line and
/// in its bullets, the first listed among equals.
fn closest_role(analysis: &Profile) -> Option<&Role> {
    analysis
        .roles
        .iter()
        .enumerate()
        .max_by_key(|(index, role)| {
            let text = SearchableText::new(&role_text(role));
            let named = analysis
                .job
                .iter()
                .filter(|skill| skill.is_in(&text))
                .count();
            (named, std::cmp::Reverse(*index))
        })
        .map(|(_, role)| role)
}

/// The job skill a role's bullets name first, if any.
fn role_skill<'a>(analysis: &'a Profile, role: &Role) -> Option<&'a str> {
    let text = SearchableText::new(&role_text(role));
    analysis
        .supported
        .iter()
        .filter_map(|skill| skill.position_in(&text).map(|at| (at, skill.name.as_str())))
        .min()
        .map(|(_, name)| name)
}

fn role_text(role: &Role) -> String {
    let mut text = role.title.clone().unwrap_or_default();
    for achievement in &role.achievements {
        text.push('\n');
        text.push_str(achievement);
    }
    text
}

/// The first achievement, with its employer, that names `skill`.
fn achievement_naming<'a>(roles: &'a [Role], skill: &Skill) -> Option<(&'a str, &'a str)> {
    roles.iter().find_map(|role| {
        role.achievements
            .iter()
            .find(|achievement| skill.is_in(&SearchableText::new(achievement)))
            .map(|achievement| (role.employer.as_str(), achievement.as_str()))
    })
}
