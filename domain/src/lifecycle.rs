//! The interview's lifecycle as pure rules: what each operation needs of the interview's
//! status, what it moves it to, and why it is refused otherwise. The engine applies them while
//! it holds the interview's row, so two requests cannot both pass the same check.
//!
//! `not_ready → ready` (both documents in; see the document service) `→ in_progress` (start)
//! `→ completed` (the last answer, or ending early).

use std::fmt;

use crate::InterviewStatus;

/// Why an operation cannot happen in the interview's current status, worded for the candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Starting before both documents are in.
    DocumentsMissing,
    /// Starting again after the first answer.
    AlreadyStarted,
    /// Starting an interview that has ended.
    Ended,
    /// Answering an interview that has ended.
    EndedTakesNoAnswers,
    /// Answering, or asking for a question, before the interview started.
    NotStarted,
    /// Ending an interview that never started.
    NothingToEnd,
    /// An answer to a question that is not the open one (a stale tab).
    NotTheOpenQuestion,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::DocumentsMissing => "Add your CV and the job description (at least 50 characters each) before starting.",
            Refusal::AlreadyStarted => "This interview has already started. Reload to continue where you left off.",
            Refusal::Ended => "This interview has ended.",
            Refusal::EndedTakesNoAnswers => "This interview has ended, so it takes no more answers.",
            Refusal::NotStarted => "This interview has not started yet.",
            Refusal::NothingToEnd => "This interview has not started, so there is nothing to end.",
            Refusal::NotTheOpenQuestion => "This question has already been answered, perhaps in another tab. Reload to see the current question.",
        })
    }
}

impl InterviewStatus {
    /// Starting, with `answered` answers given so far: a ready interview goes in progress;
    /// one in progress without an answer stays so (a double click, answered like the first).
    pub fn start(self, answered: usize) -> Result<InterviewStatus, Refusal> {
        match self {
            InterviewStatus::Ready => Ok(InterviewStatus::InProgress),
            InterviewStatus::InProgress if answered == 0 => Ok(InterviewStatus::InProgress),
            InterviewStatus::InProgress => Err(Refusal::AlreadyStarted),
            InterviewStatus::NotReady => Err(Refusal::DocumentsMissing),
            InterviewStatus::Completed => Err(Refusal::Ended),
        }
    }

    /// Taking the answer at `position` (from 1) of `question_count`: the last one completes
    /// the interview.
    pub fn answer(
        self,
        position: usize,
        question_count: usize,
    ) -> Result<InterviewStatus, Refusal> {
        match self {
            InterviewStatus::InProgress if position >= question_count => {
                Ok(InterviewStatus::Completed)
            }
            InterviewStatus::InProgress => Ok(InterviewStatus::InProgress),
            InterviewStatus::Completed => Err(Refusal::EndedTakesNoAnswers),
            InterviewStatus::NotReady | InterviewStatus::Ready => Err(Refusal::NotStarted),
        }
    }

    /// Ending early; ending an ended interview again changes nothing.
    pub fn end(self) -> Result<InterviewStatus, Refusal> {
        match self {
            InterviewStatus::InProgress | InterviewStatus::Completed => {
                Ok(InterviewStatus::Completed)
            }
            InterviewStatus::NotReady | InterviewStatus::Ready => Err(Refusal::NothingToEnd),
        }
    }

    /// Whether the interview has an open question to ask or show: yes in progress, no once it
    /// has ended, refused before it starts.
    pub fn asks_questions(self) -> Result<bool, Refusal> {
        match self {
            InterviewStatus::InProgress => Ok(true),
            InterviewStatus::Completed => Ok(false),
            InterviewStatus::NotReady | InterviewStatus::Ready => Err(Refusal::NotStarted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use InterviewStatus::*;

    #[test]
    fn an_interview_moves_forward_only() {
        assert_eq!(Ready.start(0), Ok(InProgress));
        assert_eq!(InProgress.answer(1, 3), Ok(InProgress));
        assert_eq!(InProgress.answer(3, 3), Ok(Completed));
        assert_eq!(InProgress.end(), Ok(Completed));
        assert_eq!(Completed.start(0), Err(Refusal::Ended));
        assert_eq!(Completed.answer(1, 3), Err(Refusal::EndedTakesNoAnswers));
    }

    #[test]
    fn repeats_are_answered_like_the_first_call_until_they_would_lose_something() {
        assert_eq!(
            InProgress.start(0),
            Ok(InProgress),
            "a double click on start"
        );
        assert_eq!(InProgress.start(1), Err(Refusal::AlreadyStarted));
        assert_eq!(Completed.end(), Ok(Completed), "ending twice");
    }

    #[test]
    fn nothing_happens_before_the_documents_are_in_or_the_interview_started() {
        assert_eq!(NotReady.start(0), Err(Refusal::DocumentsMissing));
        for status in [NotReady, Ready] {
            assert_eq!(status.answer(1, 3), Err(Refusal::NotStarted));
            assert_eq!(status.end(), Err(Refusal::NothingToEnd));
            assert_eq!(status.asks_questions(), Err(Refusal::NotStarted));
        }
        assert_eq!(InProgress.asks_questions(), Ok(true));
        assert_eq!(Completed.asks_questions(), Ok(false));
    }
}
