//! The preparation brief (`domain::PreparationBrief`) from the documents alone: each
//! requirement of the job with the CV line that shows it (or none: a gap to be ready for), the
//! questions the offline coach asks first, and the CV's achievements worth a whole story.

use analysis::facts::answer_facts;
use analysis::is_action_verb;
use domain::{InterviewKind, Language, PreparationBrief, RequirementEvidence, Seniority};
use text::profile::{Profile, Skill};
use text::stems::content_stems;
use text::words::{clip_phrase, SearchableText};

use crate::interviewer::OfflineCoach;

/// "The five questions most likely to come".
const LIKELY_QUESTIONS: usize = 5;
const MAX_STORIES: usize = 4;
/// Content stems a requirement and a CV line must share to count as evidence when the
/// requirement names no skill the coach knows.
const SHARED_STEMS: usize = 2;
/// CV lines are quoted whole up to this many words.
const MAX_QUOTED_WORDS: usize = 30;

/// What a brief is made from: the interview's settings and documents.
#[derive(Clone, Copy, Debug)]
pub struct BriefInput<'a> {
    pub cv: &'a str,
    pub job_description: &'a str,
    pub job_title: &'a str,
    pub company: &'a str,
    pub kind: InterviewKind,
    pub seniority: Seniority,
    pub question_count: u8,
    /// The interview's language: the likely questions are asked in it.
    pub language: Language,
    /// The interview's seed, so the likely questions are worded as the coach will ask them.
    pub seed: u64,
}

pub fn preparation_brief(input: &BriefInput<'_>) -> PreparationBrief {
    let profile = Profile::new(
        input.cv,
        input.job_description,
        input.job_title,
        input.company,
    );
    let coach = OfflineCoach::new(
        input.cv,
        input.job_description,
        input.job_title,
        input.company,
        input.kind,
        input.seniority,
        input.question_count,
        input.language,
        input.seed,
    );
    let lines = cv_lines(input.cv);
    PreparationBrief {
        job_title: profile.job_title.clone(),
        company: profile.company.clone(),
        requirements: whole_requirements(&profile.requirements)
            .into_iter()
            .map(|requirement| RequirementEvidence {
                evidence: evidence_for(&requirement, &lines, &profile.job).map(quoted),
                requirement,
            })
            .collect(),
        likely_questions: coach.likely_questions(LIKELY_QUESTIONS),
        stories: stories(&lines, &profile),
    }
}

/// The job's requirement lines as sentences: a line that starts in lower case continues the
/// one before (a requirement wrapped in the document), and a line ending in ":" introduces
/// requirements ("Candidates must, on the closing date:") rather than being one.
fn whole_requirements(lines: &[String]) -> Vec<String> {
    let mut whole: Vec<String> = Vec::new();
    for line in lines {
        let line = line.trim();
        let continues = line.chars().next().is_some_and(char::is_lowercase);
        match whole.last_mut() {
            Some(previous) if continues => {
                previous.push(' ');
                previous.push_str(line);
            }
            _ => whole.push(line.to_owned()),
        }
    }
    whole.retain(|requirement| !requirement.ends_with(':'));
    whole
}

/// The CV's lines with some words, without their bullet marks.
fn cv_lines(cv: &str) -> Vec<&str> {
    cv.lines()
        .map(|line| {
            line.trim()
                .trim_start_matches(['-', '•', '*', '–', '·'])
                .trim()
        })
        .filter(|line| line.split_whitespace().count() >= 3)
        .collect()
}

/// The CV line that best shows `requirement`: one that says what was done before a bare list
/// of skills, then the one naming most of its skills; else the one sharing most of its content
/// words (at least [`SHARED_STEMS`]), one that says what was done among equals.
fn evidence_for<'a>(requirement: &str, lines: &[&'a str], job_skills: &[Skill]) -> Option<&'a str> {
    let wanted = SearchableText::new(requirement);
    let skills: Vec<&Skill> = job_skills.iter().filter(|s| s.is_in(&wanted)).collect();
    if !skills.is_empty() {
        return lines
            .iter()
            .map(|line| {
                let text = SearchableText::new(line);
                let named = skills.iter().filter(|s| s.is_in(&text)).count();
                (says_what_was_done(line), named, *line)
            })
            .filter(|(_, named, _)| *named > 0)
            // The first of the best: `max_by_key` keeps the last of equals, so reverse.
            .rev()
            .max_by_key(|(done, named, _)| (*done, *named))
            .map(|(_, _, line)| line);
    }
    let wanted = content_stems(requirement);
    lines
        .iter()
        .map(|line| {
            let shared = content_stems(line).intersection(&wanted).count();
            (says_what_was_done(line), shared, *line)
        })
        .filter(|(_, shared, _)| *shared >= SHARED_STEMS)
        .rev()
        .max_by_key(|(done, shared, _)| (*shared, *done))
        .map(|(_, _, line)| line)
}

/// CV lines that tell of an action and its result: stories an interviewer will ask for in
/// full. Those naming the job's skills first, then in the CV's order.
fn stories(lines: &[&str], profile: &Profile) -> Vec<String> {
    let mut found: Vec<(bool, &str)> = lines
        .iter()
        .filter(|line| {
            let facts = answer_facts(line, &profile.known, &[]);
            says_what_was_done(line)
                && (facts.has_measurable_result() || !facts.outcomes.is_empty())
        })
        .map(|line| {
            let text = SearchableText::new(line);
            (!profile.supported.iter().any(|s| s.is_in(&text)), *line)
        })
        .collect();
    found.sort_by_key(|(names_no_job_skill, _)| *names_no_job_skill);
    found
        .into_iter()
        .take(MAX_STORIES)
        .map(|(_, line)| quoted(line))
        .collect()
}

/// A CV line that says what was done: it starts with a past-tense doing verb ("Ran the
/// migration…"), or "I" and one ("I cut…"), as CVs and answers do.
fn says_what_was_done(line: &str) -> bool {
    let mut words = line.split_whitespace().map(|word| {
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    match words.next() {
        Some(first) if first == "i" => words.next().is_some_and(|verb| is_action_verb(&verb)),
        Some(first) => is_action_verb(&first),
        None => false,
    }
}

/// A CV line as written (table columns, which extraction leaves tab-separated, joined by
/// " · "), or its first words and an ellipsis when it is long.
fn quoted(line: &str) -> String {
    let line = line
        .split('\t')
        .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|cell| !cell.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    if line.split_whitespace().count() <= MAX_QUOTED_WORDS {
        line
    } else {
        format!("{}…", clip_phrase(&line, MAX_QUOTED_WORDS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interviewer::Exchange;

    const CV: &str = "Lukas Meier\nBackend Engineer\n\nExperience\nBackend Engineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka.\n- Designed the settlement ledger on PostgreSQL.\n- Cut deployment time from 40 to 6 minutes.\n\nSkills\nGo, Java, Kafka, PostgreSQL\n";
    const JOB: &str = "Senior Backend Engineer\nHelvetia Ledger AG\n\nWhat you bring\n- Go and PostgreSQL in production.\n- Kafka and Docker.\n- Kubernetes and Prometheus.\n- Clear written communication with finance teams.\n";

    fn input() -> BriefInput<'static> {
        BriefInput {
            cv: CV,
            job_description: JOB,
            job_title: "Senior Backend Engineer",
            company: "Helvetia Ledger AG",
            kind: InterviewKind::Mixed,
            seniority: Seniority::Senior,
            question_count: 8,
            language: Language::English,
            seed: 7,
        }
    }

    fn brief() -> PreparationBrief {
        preparation_brief(&input())
    }

    fn evidence(brief: &PreparationBrief, requirement: &str) -> Option<String> {
        brief
            .requirements
            .iter()
            .find(|r| r.requirement.contains(requirement))
            .unwrap_or_else(|| panic!("no requirement {requirement}: {brief:?}"))
            .evidence
            .clone()
    }

    #[test]
    fn each_requirement_is_shown_by_the_cv_line_that_does_it_or_is_a_gap() {
        let brief = brief();
        assert_eq!(brief.requirements.len(), 4);
        // A line that says what was done beats the bare list of skills.
        assert_eq!(
            evidence(&brief, "Kafka and Docker").as_deref(),
            Some("Ran the migration from RabbitMQ to Kafka.")
        );
        assert_eq!(
            evidence(&brief, "Go and PostgreSQL").as_deref(),
            Some("Designed the settlement ledger on PostgreSQL.")
        );
        assert_eq!(evidence(&brief, "Kubernetes"), None, "a gap");
        assert_eq!(evidence(&brief, "written communication"), None);
    }

    #[test]
    fn a_brief_for_a_language_the_coach_does_not_speak_is_the_english_one() {
        let italian = preparation_brief(&BriefInput {
            language: Language::Italian,
            ..input()
        });
        assert_eq!(italian, brief());
    }

    #[test]
    fn the_likely_questions_are_the_ones_the_coach_asks_when_answers_are_complete() {
        let brief = brief();
        assert_eq!(brief.likely_questions.len(), LIKELY_QUESTIONS);
        let coach = OfflineCoach::new(
            CV,
            JOB,
            "Senior Backend Engineer",
            "Helvetia Ledger AG",
            InterviewKind::Mixed,
            Seniority::Senior,
            8,
            Language::English,
            7,
        );
        let first = coach.next_question(&[]).text;
        assert_eq!(
            brief.likely_questions[0], first,
            "the opener, worded the same"
        );
        let history = [Exchange {
            question: first,
            answer: "At Helvetic Clearing I ran the migration from RabbitMQ to Kafka: I planned a dual-write phase, moved 9 million events a day and we lost no message in 12 months.".into(),
        }];
        let second = coach.next_question(&history).text;
        assert!(
            second.ends_with(&brief.likely_questions[1]),
            "{second:?} asks {:?}",
            brief.likely_questions[1]
        );
    }

    #[test]
    fn five_questions_come_even_from_a_short_interview_with_the_certain_ones_among_them() {
        let short = preparation_brief(&BriefInput {
            question_count: 5,
            ..input()
        });
        assert_eq!(short.likely_questions.len(), LIKELY_QUESTIONS);
        let long = brief();
        let motivation = &long.likely_questions[LIKELY_QUESTIONS - 1];
        assert!(
            short.likely_questions.contains(motivation),
            "the motivation question always comes: {short:?}"
        );
        assert_eq!(short.likely_questions[0], long.likely_questions[0]);
    }

    #[test]
    fn stories_are_achievements_with_a_result() {
        let brief = brief();
        assert!(brief
            .stories
            .contains(&"Cut deployment time from 40 to 6 minutes.".to_owned()));
        assert!(!brief.stories.iter().any(|s| s.starts_with("Go, Java")));
        assert!(brief.stories.len() <= MAX_STORIES);
    }

    #[test]
    fn without_a_known_skill_the_line_sharing_most_words_is_the_evidence() {
        let brief = preparation_brief(&BriefInput {
            cv: "Supported nursing staff on a surgical ward while studying.\nPostgraduate Diploma in Intensive Care Nursing — RCSI, Dublin\t2021 – 2022\n",
            job_description: "Staff Nurse\nRequirements\n- Postgraduate qualification in Intensive Care Nursing (or willingness to complete one).\n",
            ..input()
        });
        assert_eq!(
            brief.requirements[0].evidence.as_deref(),
            Some("Postgraduate Diploma in Intensive Care Nursing — RCSI, Dublin · 2021 – 2022")
        );
    }

    #[test]
    fn table_rows_read_as_text_and_requirements_as_sentences() {
        let brief = preparation_brief(&BriefInput {
            cv: "Certifications\nACLS — Advanced Cardiac Life Support\tIrish Heart Foundation\t03/2026\n",
            job_description: "Staff Nurse\nRequirements\nCandidates must, on the closing date:\n- Hold a current BLS certificate; ACLS is desirable.\n- Be registered with the Nursing\nand Midwifery Board of Ireland.\n",
            ..input()
        });
        assert_eq!(brief.requirements.len(), 2, "{brief:?}");
        assert_eq!(
            brief.requirements[1].requirement,
            "Be registered with the Nursing and Midwifery Board of Ireland."
        );
        assert_eq!(
            brief.requirements[0].evidence.as_deref(),
            Some("ACLS — Advanced Cardiac Life Support · Irish Heart Foundation · 03/2026")
        );
    }

    #[test]
    fn empty_documents_give_an_empty_brief_not_a_panic() {
        let brief = preparation_brief(&BriefInput {
            cv: "",
            job_description: "",
            job_title: "Nurse",
            company: "Spital",
            kind: InterviewKind::Behavioral,
            seniority: Seniority::Junior,
            question_count: 3,
            language: Language::English,
            seed: 1,
        });
        assert!(brief.requirements.is_empty() && brief.stories.is_empty());
        assert!(!brief.likely_questions.is_empty());
    }
}
