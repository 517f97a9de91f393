//! What a question asks for, read from its wording, so that the advice on its answer fits: a
//! story or an explanation (advice in STAR terms), the candidate's background (the opener), the
//! reasons for wanting the job, or the candidate's own questions at the end. The report reads only the question's text, so an
//! LLM interviewer's questions are read the same way as the offline coach's.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// A past situation, a skill, or how something is done: STAR advice fits.
    Story,
    /// Why this job or this employer.
    Motivation,
    /// The end of the interview: the candidate's questions, anything to add.
    Closing,
    /// The candidate's background and how it leads to this role (the usual opener).
    Background,
}

/// An opener about the candidate's path to this role, answered with a summary of it, not one
/// story.
const BACKGROUND: &[&str] = &[
    "prepare you for",
    "prepared you for",
    "tell me about yourself",
    "lead to the",
    "led you to",
    "walk me through your background",
    "walk me through your cv",
    // The offline coach's openers in French, German and Spanish.
    "vous prépare",
    "qu'en retirez-vous",
    "votre parcours",
    "vorbereitet",
    "bereitet sie",
    "werdegang",
    "le preparó",
    "le prepara",
    "su trayectoria",
];

const CLOSING: &[&str] = &[
    "questions do you have",
    "questions for me",
    "questions for us",
    "anything else",
    "anything you would like to ask",
    "anything you'd like to ask",
    "before we finish",
    "before we wrap up",
    "last question",
    "not covered yet",
    "what else should we know",
    "pour terminer",
    "avant de conclure",
    "dernière question",
    "questions avez-vous",
    "zum schluss",
    "bevor wir enden",
    "letzte frage",
    "welche fragen haben sie",
    "para terminar",
    "antes de terminar",
    "última pregunta",
    "qué preguntas tiene",
];

/// Only a question that is mainly about motivation: the opener that also asks why the role
/// appeals is answered with the candidate's background, so it is a background question.
const MOTIVATION: &[&str] = &[
    "why do you want",
    "why would you like",
    "what draws you to",
    "what attracts you to",
    "what makes you want",
    "why are you applying",
    "why this role",
    "why this company",
    "why us",
    "pourquoi souhaitez-vous",
    "pourquoi voulez-vous",
    "qu'est-ce qui vous attire",
    "warum möchten sie",
    "was reizt sie",
    "warum wollen sie",
    "por qué quiere",
    "qué le atrae",
    "por qué desea",
];

impl QuestionKind {
    pub fn of(question: &str) -> Self {
        let lower = question.to_lowercase().replace('’', "'");
        let has = |cues: &[&str]| cues.iter().any(|cue| lower.contains(cue));
        if has(CLOSING) {
            QuestionKind::Closing
        } else if has(MOTIVATION) && !lower.contains("walk me through") {
            QuestionKind::Motivation
        } else if has(BACKGROUND) {
            QuestionKind::Background
        } else {
            QuestionKind::Story
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_wording() {
        let of = QuestionKind::of;
        assert_eq!(
            of("Why do you want to join Helvetia Ledger AG as Senior Backend Engineer, rather than a similar role elsewhere?"),
            QuestionKind::Motivation
        );
        assert_eq!(
            of("To close, what questions do you have for me about the role or the team?"),
            QuestionKind::Closing
        );
        assert_eq!(
            of("Before we finish, is there anything else we should know?"),
            QuestionKind::Closing
        );
        assert_eq!(
            of("To start, could you walk me through your background and why the role appeals to you?"),
            QuestionKind::Background
        );
        assert_eq!(
            of("How did you run the migration to Kafka?"),
            QuestionKind::Story
        );
        assert_eq!(
            of("Let's start at Larkspur Grocers plc: how did your work on forecasting there prepare you for the Data Scientist role?"),
            QuestionKind::Background
        );
    }
}
