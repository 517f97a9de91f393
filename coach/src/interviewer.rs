//! The offline coach: a deterministic interviewer that needs no network.
//!
//! It reads the CV and the job description once (`text::profile`), plans the interview (`plan`) and then, question by question, either
//! follows up on the last answer (`follow_up`) or asks the next planned question, saying why
//! it moves on (`bridge`). Answers are read (`reading`) through the shared analysis layer
//! (`analysis::facts`), so the coach and the report agree on what an answer said. It keeps no state between calls: the history of questions and
//! answers decides the next question, so an interview can resume after a restart, or after
//! another interviewer asked the earlier questions.
//!
//! Every question ends with a question mark, has at most [`MAX_QUESTION_WORDS`] words, is
//! never one already in the history, and the last one closes the interview.

mod bridge;
mod follow_up;
mod phrasing;
mod plan;
pub mod reading;
pub(crate) mod wording;

use domain::{InterviewKind, Language, Seniority, MAX_QUESTION_COUNT, MIN_QUESTION_COUNT};

use phrasing::Phrasing;
use plan::Plan;
use text::profile::Profile;
use wording::Wording;

pub use text::words::MAX_QUESTION_WORDS;

/// A question asked so far and the answer given (empty when unanswered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub question: String,
    pub answer: String,
}

/// What a question is for, so the interface and the feedback can tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Opener,
    /// A job skill the CV backs up, usually quoting the CV's achievement.
    DeepDive,
    /// A job requirement the CV does not show.
    GapProbe,
    /// A STAR question on an achievement or a common situation.
    Behavioral,
    /// A job requirement or the role in general, when the documents give out.
    General,
    Motivation,
    Closing,
    FollowUp(FollowUpReason),
}

/// Why the coach followed up on the last answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpReason {
    TooShort,
    NoMeasurableResult,
    NoPersonalContribution,
    JobSkillMentioned,
    /// The answer was about something other than the question.
    OffTopic,
    /// The answer repeated the question or gave the interviewer instructions.
    NotAnAnswer,
    /// A complete answer: a question on a tool, number, person, action or outcome it named.
    AnswerDetail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub text: String,
    pub purpose: Purpose,
}

/// The settings of one interview with its documents analysed and its questions planned.
#[derive(Clone, Debug)]
pub struct OfflineCoach {
    analysis: Profile,
    plan: Plan,
    phrasing: Phrasing,
    wording: &'static Wording,
    question_count: usize,
}

impl OfflineCoach {
    /// `question_count` is clamped to the range the set-up form allows. Every question is in
    /// `language`. The seed only picks among phrasings; the same inputs always give the same
    /// questions.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        cv_text: &str,
        job_text: &str,
        job_title: &str,
        company: &str,
        kind: InterviewKind,
        seniority: Seniority,
        question_count: u8,
        language: Language,
        seed: u64,
    ) -> Self {
        let analysis = Profile::new(cv_text, job_text, job_title, company);
        let phrasing = Phrasing::new(seed);
        let wording = Wording::of(language);
        let plan = plan::build(&analysis, kind, seniority, &phrasing, wording);
        Self {
            analysis,
            plan,
            phrasing,
            wording,
            question_count: usize::from(
                question_count.clamp(MIN_QUESTION_COUNT, MAX_QUESTION_COUNT),
            ),
        }
    }

    /// `count` questions this coach asks, in its order, when every answer is complete (no
    /// follow-up): the opener and the motivation question, which always come, the body's
    /// first questions between them, and the closing question when the interview is too short
    /// for `count` otherwise.
    pub fn likely_questions(&self, count: usize) -> Vec<String> {
        let with_motivation = self.question_count >= 4;
        let body_slots = self
            .question_count
            .saturating_sub(2 + usize::from(with_motivation));
        let body = count
            .saturating_sub(1 + usize::from(with_motivation))
            .min(body_slots);
        let mut questions: Vec<String> = std::iter::once(&self.plan.opener)
            .chain(self.plan.body.iter().take(body))
            .chain(with_motivation.then_some(&self.plan.motivation))
            .map(|planned| planned.text.clone())
            .collect();
        if questions.len() < count {
            questions.extend(self.plan.closings.first().cloned());
        }
        questions.truncate(count);
        questions
    }

    /// The question to ask after `history`.
    pub fn next_question(&self, history: &[Exchange]) -> Question {
        // New: neither asked already (perhaps after an acknowledgement) nor a rewording of a
        // question asked.
        let is_new = |text: &str| {
            !history.iter().any(|exchange| {
                plan::asks(&exchange.question, text)
                    || text::words::similarity(&exchange.question, text)
                        >= text::words::NEAR_DUPLICATE
            })
        };
        if history.is_empty() && self.question_count > 1 {
            return ask(&self.plan.opener.text, self.plan.opener.purpose);
        }
        let next = if history.len() + 1 >= self.question_count {
            self.closing(history.len(), &is_new)
        } else if let Some(question) = self.follow_up(history, &is_new) {
            return question;
        } else {
            self.next_planned(history.len(), &is_new)
        };
        // Moving on rather than following up: say why, when it fits.
        let planned_last = history
            .last()
            .and_then(|last| self.plan.find(&last.question));
        let text = bridge::bridged(
            &next.text,
            history,
            &self.analysis,
            self.wording,
            planned_last,
            is_new,
        );
        ask(&text, next.purpose)
    }

    /// Follow-ups go only to body questions (not to the opener, the motivation question or
    /// another follow-up), within a budget of one per three questions, and never take the
    /// slot the motivation question still needs.
    fn follow_up(&self, history: &[Exchange], is_new: &impl Fn(&str) -> bool) -> Option<Question> {
        let last = history.last()?;
        let answers_body_question = self
            .plan
            .body
            .iter()
            .any(|planned| plan::asks(&last.question, &planned.text));
        let follow_ups_so_far = history
            .iter()
            .filter(|exchange| !self.plan.contains(&exchange.question))
            .count();
        let budget = (self.question_count - 2) / 3;
        if !answers_body_question
            || follow_ups_so_far >= budget
            || self.remaining_slots(history.len()) <= self.motivation_slots(is_new)
        {
            return None;
        }
        let planned = self.plan.find(&last.question);
        let (reason, text) = follow_up::choose(
            last,
            history,
            &self.analysis,
            self.wording,
            planned,
            &self.phrasing,
            is_new,
        )?;
        Some(ask(&text, Purpose::FollowUp(reason)))
    }

    /// Questions still to ask before the closing one, this one included.
    fn remaining_slots(&self, asked: usize) -> usize {
        self.question_count.saturating_sub(asked + 1)
    }

    /// 1 while the motivation question is still due: interviews of four or more questions
    /// always ask it, just before the closing question.
    fn motivation_slots(&self, is_new: &impl Fn(&str) -> bool) -> usize {
        usize::from(self.question_count >= 4 && is_new(&self.plan.motivation.text))
    }

    fn next_planned(&self, asked: usize, is_new: &impl Fn(&str) -> bool) -> Question {
        let pending = self.plan.body.iter().find(|planned| is_new(&planned.text));
        let motivation_due = self.motivation_slots(is_new) == 1;
        match pending {
            Some(planned) if !(motivation_due && self.remaining_slots(asked) <= 1) => {
                ask(&planned.text, planned.purpose)
            }
            _ if motivation_due => ask(&self.plan.motivation.text, Purpose::Motivation),
            _ => {
                let text = self.wording.fill(
                    self.wording.other_experience,
                    &[
                        ("title", &self.analysis.job_title),
                        ("company", &self.analysis.company),
                        ("n", &(asked + 1).to_string()),
                    ],
                );
                ask(&text, Purpose::General)
            }
        }
    }

    fn closing(&self, asked: usize, is_new: &impl Fn(&str) -> bool) -> Question {
        let text = self
            .plan
            .closings
            .iter()
            .find(|text| is_new(text))
            .cloned()
            .unwrap_or_else(|| {
                self.wording.fill(
                    self.wording.closing_fallback,
                    &[
                        ("company", &self.analysis.company),
                        ("n", &(asked + 1).to_string()),
                    ],
                )
            });
        ask(&text, Purpose::Closing)
    }
}

fn ask(text: &str, purpose: Purpose) -> Question {
    debug_assert!(
        text::words::is_well_formed_question(text),
        "malformed question: {text}"
    );
    Question {
        text: text.to_owned(),
        purpose,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use text::words::normalized;

    const CV: &str = "Experience\nEngineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka (Strimzi).\n- Designed an idempotent posting API on PostgreSQL.\n\nSkills\nGo, Kafka, Kubernetes\n";
    const JOB: &str = "Backend Engineer\nHelvetia Ledger AG\n\nWhat you bring\n- Go and PostgreSQL in production.\n- Kafka and Docker.\n- Kubernetes and Prometheus.\n";

    fn coach(count: u8) -> OfflineCoach {
        OfflineCoach::new(
            CV,
            JOB,
            "Backend Engineer",
            "Helvetia Ledger AG",
            InterviewKind::Mixed,
            Seniority::Mid,
            count,
            Language::English,
            42,
        )
    }

    fn run(coach: &OfflineCoach, answer: &str, count: usize) -> Vec<Question> {
        let mut history = Vec::new();
        let mut questions = Vec::new();
        for _ in 0..count {
            let question = coach.next_question(&history);
            history.push(Exchange {
                question: question.text.clone(),
                answer: answer.to_owned(),
            });
            questions.push(question);
        }
        questions
    }

    /// No question rewords one asked before it.
    fn assert_no_rewording(questions: &[Question]) {
        for (index, question) in questions.iter().enumerate() {
            for earlier in &questions[..index] {
                assert!(
                    text::words::similarity(&earlier.text, &question.text)
                        < text::words::NEAR_DUPLICATE,
                    "{:?} rewords {:?}",
                    question.text,
                    earlier.text
                );
            }
        }
    }

    #[test]
    fn every_length_opens_closes_and_never_repeats() {
        for count in MIN_QUESTION_COUNT..=MAX_QUESTION_COUNT {
            for answer in [
                "",
                "Yes.",
                "We did it together and we were happy, our team shipped it.",
            ] {
                let questions = run(&coach(count), answer, usize::from(count));
                let texts: HashSet<String> =
                    questions.iter().map(|q| normalized(&q.text)).collect();
                assert_no_rewording(&questions);
                assert_eq!(
                    texts.len(),
                    questions.len(),
                    "a repeat with {count} questions: {questions:#?}"
                );
                assert_eq!(questions[0].purpose, Purpose::Opener);
                assert_eq!(questions.last().map(|q| q.purpose), Some(Purpose::Closing));
                assert!(
                    questions
                        .iter()
                        .all(|q| text::words::is_well_formed_question(&q.text)),
                    "{questions:#?}"
                );
                let has_motivation = questions.iter().any(|q| q.purpose == Purpose::Motivation);
                assert_eq!(
                    has_motivation,
                    count >= 4,
                    "{count} questions: {questions:#?}"
                );
            }
        }
    }

    #[test]
    fn thin_documents_still_give_distinct_questions() {
        let coach = OfflineCoach::new(
            "I like computers.",
            "Engineer",
            "Engineer",
            "Acme",
            InterviewKind::Behavioral,
            Seniority::Junior,
            MAX_QUESTION_COUNT,
            Language::English,
            1,
        );
        for answer in ["", "I fixed the build and cut release time by 30 % in 2 weeks for the whole company, which my manager liked."] {
            let questions = run(&coach, answer, usize::from(MAX_QUESTION_COUNT));
            for question in &questions {
                assert!(text::words::is_well_formed_question(&question.text), "{question:?}");
            }
            assert_no_rewording(&questions);
        }
    }

    #[test]
    fn follow_ups_stay_within_one_per_three_questions() {
        let questions = run(&coach(12), "", 12);
        let follow_ups = questions
            .iter()
            .filter(|q| matches!(q.purpose, Purpose::FollowUp(_)))
            .count();
        assert_eq!(follow_ups, 3, "{questions:#?}");
        let questions = run(&coach(4), "", 4);
        assert!(
            questions
                .iter()
                .all(|q| !matches!(q.purpose, Purpose::FollowUp(_))),
            "{questions:#?}"
        );
    }

    #[test]
    fn skips_questions_another_interviewer_already_asked() {
        let coach = coach(8);
        let planned = coach.next_question(&[Exchange {
            question: "Hello, who are you?".into(),
            answer: String::new(),
        }]);
        let history = vec![
            Exchange {
                question: "Hello, who are you?".into(),
                answer: String::new(),
            },
            Exchange {
                question: planned.text.to_uppercase(),
                answer: String::new(),
            },
        ];
        let next = coach.next_question(&history);
        assert_ne!(normalized(&next.text), normalized(&planned.text));
    }

    fn eval_pair(name: &str) -> (String, String) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/eval")
            .join(name);
        let read = |file: &str| std::fs::read_to_string(folder.join(file)).unwrap();
        (read("cv.txt"), read("jd.txt"))
    }

    #[test]
    fn every_language_keeps_the_rules_of_a_question() {
        let answers = [
            "",
            "Oui.",
            "J'ai repris une classe de 3e difficile en novembre : j'ai mis en place des ateliers hebdomadaires et la moyenne au brevet blanc est passée de 8 à 11 sur 20 en trois mois.",
            "Ich habe die Übergabe im Nachtdienst neu strukturiert, und die Übergabezeit sank von 45 auf 25 Minuten.",
            "Gestioné la cuenta más grande del equipo y cerré un contrato de 640.000 euros en seis semanas.",
            "Nous avons travaillé ensemble et nous étions contents, notre équipe a bien avancé.",
        ];
        // Each language with documents in it (English with the French ones: the documents'
        // language and the interview's need not match).
        for (language, pair) in [
            (Language::English, "teaching-fr"),
            (Language::French, "teaching-fr"),
            (Language::German, "nursing-de"),
            (Language::Spanish, "sales-es"),
        ] {
            let (cv, jd) = eval_pair(pair);
            for (seniority, count) in [
                (Seniority::Junior, 6),
                (Seniority::Mid, 10),
                (Seniority::Senior, 12),
            ] {
                let coach = OfflineCoach::new(
                    &cv,
                    &jd,
                    "",
                    "",
                    InterviewKind::Mixed,
                    seniority,
                    count,
                    language,
                    3,
                );
                for answer in answers {
                    let questions = run(&coach, answer, usize::from(count));
                    assert_no_rewording(&questions);
                    assert_eq!(questions.last().map(|q| q.purpose), Some(Purpose::Closing));
                    for question in &questions {
                        assert!(
                            text::words::is_well_formed_question(&question.text),
                            "{language:?}: {question:?}"
                        );
                        if language == Language::Spanish {
                            assert!(question.text.contains('¿'), "{question:?}");
                        }
                        // Too few function words in a short question to tell its language.
                        if language != Language::English
                            && text::words::word_count(&question.text) >= 15
                        {
                            assert_eq!(
                                text::language::detect_language(&question.text),
                                language,
                                "{question:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_italian_interview_is_asked_in_english_by_the_coach() {
        let asked = |language| {
            let coach = OfflineCoach::new(
                CV,
                JOB,
                "Backend Engineer",
                "Helvetia Ledger AG",
                InterviewKind::Mixed,
                Seniority::Mid,
                8,
                language,
                42,
            );
            run(
                &coach,
                "I moved the ledger to Kafka and cut the nightly batch from 4 hours to 20 minutes.",
                8,
            )
        };
        let italian = asked(Language::Italian);
        assert_eq!(italian, asked(Language::English));
        assert!(italian
            .iter()
            .all(|q| text::words::is_well_formed_question(&q.text)));
    }

    #[test]
    fn japanese_and_arabic_job_ads_give_an_interview_the_coach_asks_in_english() {
        let japanese = "バックエンドエンジニア（正社員）\n株式会社サクラテック、東京\n\n業務内容\n- 決済サービスの設計・開発を担当していただきます。\n- Go と PostgreSQL を使ったAPI開発。\n\n応募資格\n- Kafka と Kubernetes の実務経験3年以上\n- チームでの開発経験がある方";
        let arabic = "مطلوب مهندس برمجيات\nشركة الحلول الرقمية، دبي\n\nالمهام\n- تطوير خدمات الدفع باستخدام Go و PostgreSQL.\n- تشغيل الأنظمة على Kafka و Kubernetes.\n\nالمؤهلات\n- خبرة لا تقل عن ثلاث سنوات في تطوير البرمجيات.";
        for (language, job, answer) in [
            (Language::Japanese, japanese, "決済APIをGoで書き直し、夜間バッチを4時間から20分に短縮しました。"),
            (Language::Arabic, arabic, "أعدت كتابة واجهة الدفع بلغة Go وخفضت وقت المعالجة الليلية من أربع ساعات إلى عشرين دقيقة."),
        ] {
            assert_eq!(text::language::detect_language(job), language);
            let coach = OfflineCoach::new(
                CV,
                job,
                "",
                "",
                InterviewKind::Mixed,
                Seniority::Mid,
                8,
                language,
                42,
            );
            let questions = run(&coach, answer, 8);
            assert_eq!(questions.len(), 8);
            for question in &questions {
                assert!(
                    text::words::is_well_formed_question(&question.text),
                    "{}",
                    question.text
                );
            }
            assert_eq!(
                text::language::detect_language(
                    &questions.iter().map(|q| q.text.as_str()).collect::<Vec<_>>().join("\n")
                ),
                Language::English
            );
            assert_no_rewording(&questions);
        }
    }

    #[test]
    fn a_french_interview_speaks_french_about_the_documents() {
        let (cv, jd) = eval_pair("teaching-fr");
        let coach = OfflineCoach::new(
            &cv,
            &jd,
            "",
            "",
            InterviewKind::Mixed,
            Seniority::Mid,
            8,
            Language::French,
            7,
        );
        let questions = run(&coach, "J'ai mis en place des ateliers de résolution de problèmes chaque semaine avec mes élèves de 3e, et la moyenne au brevet est passée de 9,1 à 11,4 sur 20 en deux ans.", 8);
        assert!(
            questions[0].text.contains("Collège Victor Hugo"),
            "{:?}",
            questions[0]
        );
        assert!(
            questions
                .iter()
                .any(|q| q.text.contains("Collège Jean Moulin")),
            "{questions:#?}"
        );
        for question in &questions {
            assert!(!question.text.contains(" the "), "{question:?}");
        }
    }

    #[test]
    fn the_seed_changes_only_the_wording() {
        let answer = "I migrated the ledger and cut latency by 40 % for 9 million postings a day, which I measured with OpenTelemetry and Prometheus dashboards every week.";
        let purposes = |seed| {
            let coach = OfflineCoach::new(
                CV,
                JOB,
                "Backend Engineer",
                "Helvetia Ledger AG",
                InterviewKind::Mixed,
                Seniority::Mid,
                8,
                Language::English,
                seed,
            );
            run(&coach, answer, 8)
                .into_iter()
                .map(|q| q.purpose)
                .collect::<Vec<_>>()
        };
        assert_eq!(purposes(1), purposes(2));
        assert_eq!(run(&coach(8), answer, 8), run(&coach(8), answer, 8));
    }
}
