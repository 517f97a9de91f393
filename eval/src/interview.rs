//! One simulated interview: the offline coach asks, a persona answers, the offline report
//! scores. Pure functions over the pair's documents; no database, no network.

use coach::interviewer::{Exchange, OfflineCoach};
use coach::report::{offline_report, FeedbackInput};
use domain::{InterviewKind, Report, Seniority};

use crate::pairs::Pair;
use crate::personas::Persona;

/// The settings every simulated interview uses: the set-up form's defaults.
pub const QUESTIONS: u8 = 8;
pub const KIND: InterviewKind = InterviewKind::Mixed;
pub const SENIORITY: Seniority = Seniority::Mid;
pub const SEED: u64 = 17;

/// A question as asked, with the coach's own label for it (only shown, never judged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Turn {
    pub question: String,
    pub purpose: String,
    pub answer: String,
}

#[derive(Clone, Debug)]
pub struct Interview {
    pub persona: Persona,
    pub turns: Vec<Turn>,
    pub report: Report,
}

pub fn coach(pair: &Pair) -> OfflineCoach {
    coach_for(pair, QUESTIONS, SEED)
}

/// The coach of an interview of `pair` with `questions` questions and `seed`, the other
/// settings as in every evaluation.
pub fn coach_for(pair: &Pair, questions: u8, seed: u64) -> OfflineCoach {
    OfflineCoach::new(
        &pair.cv,
        &pair.job_description,
        &pair.job_title,
        &pair.company,
        KIND,
        SENIORITY,
        questions,
        pair.language,
        seed,
    )
}

/// The exchanges so far in the coach's terms.
pub fn history(turns: &[Turn]) -> Vec<Exchange> {
    turns
        .iter()
        .map(|turn| Exchange {
            question: turn.question.clone(),
            answer: turn.answer.clone(),
        })
        .collect()
}

/// Runs the whole interview and writes its report.
pub fn run(pair: &Pair, coach: &OfflineCoach, persona: Persona) -> Interview {
    let mut turns: Vec<Turn> = Vec::new();
    let mut used = Vec::new();
    for index in 0..usize::from(QUESTIONS) {
        let question = coach.next_question(&history(&turns));
        let answer = persona.answer(pair, &question.text, index, &mut used);
        turns.push(Turn {
            purpose: format!("{:?}", question.purpose),
            question: question.text,
            answer,
        });
    }
    let report = score(pair, &turns);
    Interview {
        persona,
        turns,
        report,
    }
}

/// The offline report on a transcript.
pub fn score(pair: &Pair, turns: &[Turn]) -> Report {
    offline_report(&FeedbackInput {
        job_title: pair.job_title.clone(),
        company: pair.company.clone(),
        cv: pair.cv.clone(),
        job_description: pair.job_description.clone(),
        exchanges: turns
            .iter()
            .map(|turn| (turn.question.clone(), turn.answer.clone()))
            .collect(),
        question_count: QUESTIONS,
        language: pair.language,
    })
}
