//! The question plan of one interview: an opener, a body in the order to ask it (deep dives
//! on job skills the CV backs up, gap probes for those it lacks, STAR questions on the CV's
//! achievements and on common situations), the motivation question and closing questions.
//!
//! The body holds more questions than an interview needs, so questions already asked (by
//! this coach or another interviewer) can be skipped and follow-ups can take their slots.

use domain::{InterviewKind, Seniority};

use crate::interviewer::bridge::BRIDGE_WORDS;
use crate::interviewer::phrasing::{achievement_lead, key_of, Phrasing, QUOTE_LENGTHS};
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

/// A situation every interviewer asks about: the question, what it is about and words an
/// answer about it uses.
struct Theme {
    template: &'static str,
    focus: &'static str,
    cues: &'static [&'static str],
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
) -> Plan {
    let writer = Writer {
        analysis,
        seniority,
        phrasing,
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

/// Renders the plan's questions from the analysis, in the seeded phrasing.
struct Writer<'a> {
    analysis: &'a Profile,
    seniority: Seniority,
    phrasing: &'a Phrasing,
}

impl Writer<'_> {
    fn title(&self) -> &str {
        &self.analysis.job_title
    }

    fn company(&self) -> &str {
        &self.analysis.company
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
            focus: "that work".to_owned(),
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

    /// Asks about the CV's role closest to this job (the one whose line and bullets name
    /// most of the job's skills), by employer and title; the generic opener is for CVs
    /// without a work history.
    fn opener(&self) -> PlannedQuestion {
        let (title, company) = (self.title(), self.company());
        let mut candidates = Vec::new();
        let mut focus = format!("the {title} role");
        if let Some(role) = closest_role(self.analysis) {
            let employer = &role.employer;
            let skill = role_skill(self.analysis, role);
            focus = format!("your time at {employer}");
            if let Some(role_title) = &role.title {
                candidates.push(format!("Your time at {employer} as {role_title} looks closest to this role. How did it prepare you for the work here at {company}?"));
                candidates.push(format!("Let's start with your time at {employer} as {role_title}: which part of it best prepares you for the {title} role, and why?"));
                candidates.push(format!("Your time at {employer} as {role_title} is close to this role: how did it prepare you for {company}?"));
            }
            if let Some(skill) = skill {
                candidates.push(format!("Let's start at {employer}: how did your work on {skill} there prepare you for the {title} role?"));
            }
            candidates.push(format!("Let's start with your time at {employer}: which part of it best prepares you for the {title} role, and why?"));
        }
        let generic = [
            format!("To start, could you walk me through your background and why the {title} role at {company} appeals to you?"),
            format!("To start, which experience of yours best prepares you for the {title} role, and why?"),
        ];
        self.question(Purpose::Opener, "opener", &candidates)
            .or_else(|| self.question(Purpose::Opener, "opener", &generic))
            .unwrap_or_else(|| PlannedQuestion {
                text: format!("Why {company}?"),
                purpose: Purpose::Opener,
                focus: String::new(),
                cues: &[],
            })
            .about(focus)
    }

    fn deep_dive_asks(&self, skill: &str, with_evidence: bool) -> Vec<String> {
        match (self.seniority, with_evidence) {
            (Seniority::Junior, true) => vec![
                format!("How did you approach the {skill} side of it, and what did you learn?"),
                format!("What did you find hardest about {skill} there, and how did you get past it?"),
            ],
            (Seniority::Mid, true) => vec![
                format!("Which trade-offs did you weigh on the {skill} side, and how did you decide?"),
                format!("What was the hardest problem there involving {skill}, and how did you solve it?"),
            ],
            (Seniority::Senior, true) => vec![
                format!("How did you set direction on {skill} for others, and what would you change today?"),
                format!("Which {skill} decisions would you revisit now, and why?"),
            ],
            (Seniority::Junior, false) => vec![format!("What have you done involving {skill}, and what did you learn from it?")],
            (Seniority::Mid, false) => vec![format!("What is the hardest problem you have solved involving {skill}, and how?")],
            (Seniority::Senior, false) => {
                vec![format!("Where has your approach to {skill} failed, and what did you change afterwards?")]
            }
        }
    }

    /// One per job skill the CV backs up, quoting the CV's achievement that names it.
    fn deep_dives(&self) -> Vec<PlannedQuestion> {
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
                            achievement_lead(Some(employer), achievement, length),
                            achievement_lead(None, achievement, length),
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
                    let leads = [
                        format!("{} asks for {name}, and your CV lists it.", self.company()),
                        format!(
                            "Your CV names {name}, which the role at {} relies on.",
                            self.company()
                        ),
                    ];
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
            questions.extend(planned.map(|planned| planned.about(format!("your work on {name}"))));
        }
        questions
    }

    fn gap_ask(&self) -> &'static str {
        match self.seniority {
            Seniority::Junior => {
                "What comes closest in your experience, and how would you learn it?"
            }
            Seniority::Mid => "What is your closest experience, and how would you get up to speed?",
            Seniority::Senior => {
                "How would you close that gap quickly while still leading the work?"
            }
        }
    }

    /// Years of experience below what the job asks for first, then each missing skill.
    fn gap_probes(&self) -> Vec<PlannedQuestion> {
        let mut questions = Vec::new();
        if let (Some(required), Some(shown)) =
            (self.analysis.required_years, self.analysis.cv_years)
        {
            if shown < required {
                let text = format!("The role asks for {required}+ years of experience and your CV shows {shown}. What makes you ready for this level?");
                questions.extend(
                    self.question(Purpose::GapProbe, "years", &[text])
                        .map(|planned| planned.about("the experience this level needs")),
                );
            }
        }
        let (company, ask) = (self.company(), self.gap_ask());
        for skill in self.analysis.gaps.iter().take(MAX_GAP_PROBES) {
            let name = &skill.name;
            let candidates = [
                format!("The {company} job ad asks for {name}, which I could not find in your CV. {ask}"),
                format!("{company} lists {name} for this role, but your CV does not mention it. {ask}"),
                format!("Your CV does not show {name}, which {company} needs. {ask}"),
            ];
            questions.extend(
                self.question(Purpose::GapProbe, name, &candidates)
                    .map(|planned| planned.about(format!("your closest experience to {name}"))),
            );
        }
        questions
    }

    fn star_asks(&self) -> Vec<String> {
        let mut asks = vec![
            "What happened, what did you do yourself, and what was the result?".to_owned(),
            "What nearly went wrong, how did you handle it, and what was the outcome?".to_owned(),
        ];
        asks.push(
            match self.seniority {
                Seniority::Junior => {
                    "What did you do yourself, what did you learn, and what was the result?"
                }
                Seniority::Mid => {
                    "What was the hardest decision, who did it affect, and what was the result?"
                }
                Seniority::Senior => {
                    "Who did you need to convince, how did you do it, and what was the result?"
                }
            }
            .to_owned(),
        );
        asks
    }

    /// STAR questions on the CV's achievements (those naming a job skill or a number first),
    /// then on situations every interviewer asks about, set at the CV's employers.
    fn star_questions(&self) -> Vec<PlannedQuestion> {
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
                let leads = |length| vec![achievement_lead(Some(employer), achievement, length)];
                self.quoted(Purpose::Behavioral, achievement, leads, &asks)
                    .map(|planned| planned.about(format!("that work at {employer}")))
            })
            .collect();
        let places: Vec<String> = self
            .analysis
            .roles
            .iter()
            .map(|role| format!("at {}", role.employer))
            .chain(
                self.analysis
                    .supported
                    .first()
                    .map(|skill| format!("while working with {}", skill.name)),
            )
            .chain(std::iter::once("in a past role".to_owned()))
            .collect();
        for (index, theme) in self.star_themes().iter().enumerate() {
            let place = &places[index % places.len()];
            let candidates = [theme.template.replace("{place}", place)];
            questions.extend(
                self.question(Purpose::Behavioral, theme.template, &candidates)
                    .map(|planned| planned.about(theme.focus).with_cues(theme.cues)),
            );
        }
        questions
    }

    fn star_themes(&self) -> &'static [Theme] {
        match self.seniority {
            Seniority::Junior => &[LEARNED_QUICKLY, FEEDBACK, MISTAKE],
            Seniority::Mid => &[DEADLINE, DISAGREEMENT, MISTAKE],
            Seniority::Senior => &[WITHOUT_AUTHORITY, WRONG_CALL, HELPED_GROW],
        }
    }

    /// Questions on the job's requirement lines, then on the role itself: enough to fill any
    /// interview even when the documents give little to work with.
    fn general_questions(&self) -> Vec<PlannedQuestion> {
        let (title, company) = (self.title().to_owned(), self.company().to_owned());
        let mut questions: Vec<PlannedQuestion> = self
            .analysis
            .requirements
            .iter()
            .filter_map(|requirement| {
                let phrase = lowercase_first_word(&clip_phrase(requirement, 9));
                let candidates = [
                    format!("The role at {company} involves: {phrase}. When have you done that, and what was the result?"),
                    format!("The {company} job ad lists \"{phrase}\". Where have you shown that, and with what result?"),
                ];
                self.question(Purpose::General, requirement, &candidates)
                    .map(|planned| planned.about(format!("\"{phrase}\"")))
            })
            .collect();
        let role_questions = [
            format!("What would your first ninety days as {title} at {company} look like?"),
            format!("Which part of the {title} role do you expect to find hardest, and how would you prepare?"),
            format!("Which achievement on your CV best shows you can do the {title} job at {company}, and why?"),
        ];
        for (index, text) in role_questions.into_iter().enumerate() {
            questions.extend(
                self.question(Purpose::General, &format!("role {index}"), &[text])
                    .map(|planned| planned.about(format!("the {title} role"))),
            );
        }
        questions
    }

    fn motivation(&self) -> PlannedQuestion {
        let (title, company) = (self.title(), self.company());
        let candidates = [
            format!("Why do you want to join {company} as {title}, rather than a similar role elsewhere?"),
            format!("What draws you to {company} in particular, and why is this {title} role your next step?"),
            format!("What do you know about {company}, and why does the {title} role fit where you want to go?"),
        ];
        self.question(Purpose::Motivation, "motivation", &candidates)
            .unwrap_or_else(|| PlannedQuestion {
                text: format!("Why {company}?"),
                purpose: Purpose::Motivation,
                focus: String::new(),
                cues: &[],
            })
            .about(format!("why {company}"))
    }

    fn closings(&self) -> Vec<String> {
        let (title, company) = (self.title(), self.company());
        let candidates = [
            format!("To close, what questions do you have for me about the {title} role or the team at {company}?"),
            format!("Before we finish, what should {company} remember about you when comparing candidates for {title}?"),
            format!("Last question: what else should we know about your fit for {company}?"),
        ];
        let preferred = self.phrasing.order(key_of("closing"), candidates.len());
        preferred
            .map(|index| candidates[index].clone())
            .filter(|text| is_well_formed_question(text))
            .collect()
    }
}

const DEADLINE: Theme = Theme {
    template: "Tell me about a time {place} when a deadline was at risk. What did you do, and what was the outcome?",
    focus: "a deadline at risk",
    cues: &[
        "deadline", "late", "delay", "slipped", "schedule", "launch", "release", "go-live",
        "behind", "scope", "overrun", "rush", "pressure", "priority", "prioritised", "date",
        "handover", "target", "timeline", "sprint", "milestone", "cutover", "urgent", "hurry",
        "time", "weeks", "days", "hours", "shift",
    ],
};
const DISAGREEMENT: Theme = Theme {
    template: "Describe a disagreement with a colleague {place}. How did you resolve it, and what was the result?",
    focus: "a disagreement with a colleague",
    cues: &[
        "disagree", "disagreed", "disagreement", "argue", "argument", "conflict", "opinion",
        "debate", "pushed", "compromise", "convinced", "tension", "view", "colleague",
        "manager", "objected", "consensus", "agreed",
    ],
};
const MISTAKE: Theme = Theme {
    template:
        "Tell me about a mistake you made {place}. What did you do next, and what did you learn?",
    focus: "a mistake you made",
    cues: &[
        "mistake",
        "error",
        "wrong",
        "forgot",
        "missed",
        "fault",
        "blame",
        "apologised",
        "apologized",
        "fixed",
        "oversight",
        "incident",
        "owned",
        "lesson",
        "realised",
        "realized",
        "wrongly",
        "failed",
    ],
};
const LEARNED_QUICKLY: Theme = Theme {
    template: "Tell me about a time {place} when you had to learn something new quickly. What did you do, and what happened?",
    focus: "learning something new quickly",
    cues: &[
        "learn", "learned", "learnt", "course", "training", "trained", "read", "studied",
        "taught", "practised", "practiced", "onboarding", "unfamiliar", "new", "tutorial",
        "documentation", "shadowed", "quickly",
    ],
};
const FEEDBACK: Theme = Theme {
    template:
        "Describe feedback you received {place} that changed how you work. What did you change?",
    focus: "feedback that changed how you work",
    cues: &[
        "feedback",
        "told",
        "criticised",
        "criticized",
        "review",
        "comment",
        "advice",
        "suggested",
        "appraisal",
        "manager",
        "mentor",
        "changed",
        "improve",
    ],
};
const WITHOUT_AUTHORITY: Theme = Theme {
    template: "Tell me about a time {place} when you changed a decision without formal authority. What was the outcome?",
    focus: "changing a decision without formal authority",
    cues: &[
        "convinced", "persuaded", "influence", "decision", "proposed", "proposal", "data",
        "presented", "stakeholder", "stakeholders", "buy-in", "agreed", "authority",
        "leadership", "director",
    ],
};
const WRONG_CALL: Theme = Theme {
    template:
        "Describe a call you made {place} that turned out wrong. How did you notice and recover?",
    focus: "a call that turned out wrong",
    cues: &[
        "wrong",
        "mistake",
        "decision",
        "decided",
        "reversed",
        "rollback",
        "rolled",
        "recover",
        "recovered",
        "noticed",
        "realised",
        "realized",
        "fixed",
        "lesson",
        "error",
    ],
};
const HELPED_GROW: Theme = Theme {
    template: "How did you help someone grow {place}? What did you do, and what changed for them?",
    focus: "helping someone grow",
    cues: &[
        "mentor",
        "mentored",
        "mentoring",
        "coach",
        "coached",
        "junior",
        "grow",
        "grew",
        "develop",
        "trained",
        "promoted",
        "feedback",
        "taught",
        "supported",
        "preceptor",
    ],
};

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
