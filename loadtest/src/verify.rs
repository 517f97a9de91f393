//! After the load, each user reads its interviews back and compares them with what it sent:
//! a fast server that loses or duplicates answers under load has not passed. It also counts
//! questions the offline coach asked, because a provider failure hidden by the fallback would
//! make the figures those of the wrong interviewer. The soak also reads back each report and
//! the user's history (the list of its interviews).

use domain::InterviewId;
use testkit::api::{Api, FeedbackState};

use crate::fake_provider::QUESTION_PREFIX;

/// What one interview looked like afterwards.
#[derive(Clone, Debug, Default)]
pub struct Verification {
    /// Completed, exactly `question_count` questions at positions 1..=n, each answered once
    /// with the text sent for it.
    pub intact: bool,
    /// Answers sent and acknowledged that are not stored where they were sent.
    pub lost: usize,
    /// Stored answers beyond those sent.
    pub duplicated: usize,
    /// Questions not written by the fake provider (the offline coach's).
    pub offline_questions: usize,
    /// What was wrong, for the report.
    pub problems: Vec<String>,
}

struct Entry {
    question: Question,
    answer: Option<String>,
}

struct Question {
    position: u8,
    text: String,
}

/// Reads `GET /interviews/{id}` (its status) and `GET /interviews/{id}/transcript` (questions
/// and answers; the interview resource itself does not carry them) and compares them with
/// `sent`, the answers in the order they were acknowledged.
pub async fn check(
    api: &Api,
    interview: InterviewId,
    sent: &[String],
    question_count: u8,
) -> Result<Verification, String> {
    let read = api.interview(interview).await.map_err(|e| e.to_string())?;
    let transcript = api.transcript(interview).await.map_err(|e| e.to_string())?;
    let entries: Vec<Entry> = transcript
        .entries
        .into_iter()
        .map(|entry| Entry {
            question: Question {
                position: entry.question.position,
                text: entry.question.text,
            },
            answer: entry.answer,
        })
        .collect();
    Ok(compare(
        read.status.as_str(),
        &entries,
        sent,
        question_count,
    ))
}

fn compare(status: &str, entries: &[Entry], sent: &[String], question_count: u8) -> Verification {
    let mut verification = Verification::default();
    let mut problems = Vec::new();
    if status != "completed" {
        problems.push(format!("status is {status}, not completed"));
    }
    if entries.len() != usize::from(question_count) {
        problems.push(format!("{} questions, not {question_count}", entries.len()));
    }
    let positions_in_order = entries
        .iter()
        .enumerate()
        .all(|(index, entry)| usize::from(entry.question.position) == index + 1);
    if !positions_in_order {
        problems.push("question positions are not 1, 2, 3, …".to_owned());
    }
    let stored: Vec<&str> = entries
        .iter()
        .filter_map(|entry| entry.answer.as_deref())
        .collect();
    verification.duplicated = stored.len().saturating_sub(sent.len());
    verification.lost = sent
        .iter()
        .enumerate()
        .filter(|(index, text)| {
            entries.get(*index).and_then(|e| e.answer.as_deref()) != Some(text.as_str())
        })
        .count();
    if verification.lost > 0 || verification.duplicated > 0 || stored.len() != sent.len() {
        problems.push(format!(
            "{} answers sent, {} stored, {} not where they were sent",
            sent.len(),
            stored.len(),
            verification.lost
        ));
    }
    verification.offline_questions = entries
        .iter()
        .filter(|entry| !entry.question.text.starts_with(QUESTION_PREFIX))
        .count();
    verification.intact = problems.is_empty();
    verification.problems = problems;
    verification
}

/// Who a report should say wrote it: `offline` for the offline coach, `openai` (the name the
/// server gives the fake provider's kind) when an LLM is configured. A report by the offline
/// coach standing in for an unusable LLM reply is never the expected author.
pub const OFFLINE_AUTHOR: &str = "offline";
pub const PROVIDER_AUTHOR: &str = "openai";

struct Report {
    questions: Vec<ReportQuestion>,
    generated_by: GeneratedBy,
}

struct ReportQuestion {
    number: u8,
}

struct GeneratedBy {
    provider: String,
    offline_fallback: bool,
}

/// Reads the report of an interview with `answered` answers and says what is wrong with it:
/// it must be there (200, not still being written), cover every answered question once, and
/// come from `author`.
pub async fn check_report(
    api: &Api,
    interview: InterviewId,
    answered: usize,
    author: &str,
) -> Result<Vec<String>, String> {
    let report = match api.feedback(interview).await.map_err(|e| e.to_string())? {
        FeedbackState::Ready(report) => report,
        FeedbackState::Pending(_) => {
            return Ok(vec![format!(
                "report of {interview}: HTTP 202 Accepted, not ready"
            )])
        }
    };
    let report = Report {
        questions: report
            .questions
            .iter()
            .map(|question| ReportQuestion {
                number: question.number,
            })
            .collect(),
        generated_by: GeneratedBy {
            provider: report.generated_by.provider.clone(),
            offline_fallback: report.generated_by.offline_fallback,
        },
    };
    Ok(compare_report(&report, answered, author)
        .into_iter()
        .map(|problem| format!("report of {interview}: {problem}"))
        .collect())
}

fn compare_report(report: &Report, answered: usize, author: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let numbers: Vec<usize> = report
        .questions
        .iter()
        .map(|q| usize::from(q.number))
        .collect();
    if numbers != (1..=answered).collect::<Vec<_>>() {
        problems.push(format!("covers questions {numbers:?}, not 1..={answered}"));
    }
    let by = &report.generated_by;
    if by.provider != author || by.offline_fallback {
        problems.push(format!(
            "written by {}{}, not {author}",
            by.provider,
            if by.offline_fallback {
                " (standing in for an unusable LLM reply)"
            } else {
                ""
            }
        ));
    }
    problems
}

struct Listed {
    id: String,
    answered: u8,
}

/// One interview a user started, as the user remembers it.
pub struct Remembered<'a> {
    pub id: &'a str,
    pub answers_sent: usize,
}

/// Reads the user's history (`GET /interviews`) and says what is wrong with it: every
/// interview the user started listed exactly once with the answers it sent, nothing else.
pub async fn check_history(
    api: &Api,
    remembered: &[Remembered<'_>],
) -> Result<Vec<String>, String> {
    let listed: Vec<Listed> = api
        .interviews()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|summary| Listed {
            id: summary.id.to_string(),
            answered: summary.answered,
        })
        .collect();
    Ok(compare_history(&listed, remembered))
}

fn compare_history(listed: &[Listed], remembered: &[Remembered<'_>]) -> Vec<String> {
    let mut problems = Vec::new();
    for interview in remembered {
        let entries: Vec<&Listed> = listed.iter().filter(|l| l.id == interview.id).collect();
        match entries.as_slice() {
            [entry] if usize::from(entry.answered) == interview.answers_sent => {}
            [entry] => problems.push(format!(
                "history: {} shows {} answers, {} were sent",
                interview.id, entry.answered, interview.answers_sent
            )),
            entries => problems.push(format!(
                "history: {} is listed {} times",
                interview.id,
                entries.len()
            )),
        }
    }
    let unknown = listed
        .iter()
        .filter(|l| !remembered.iter().any(|s| s.id == l.id))
        .count();
    if unknown > 0 {
        problems.push(format!(
            "history: {unknown} interviews the user never created"
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(position: u8, answer: Option<&str>) -> Entry {
        Entry {
            question: Question {
                position,
                text: format!("{QUESTION_PREFIX}{position}: Why?"),
            },
            answer: answer.map(str::to_owned),
        }
    }

    #[test]
    fn a_complete_interview_is_intact() {
        let sent = vec!["a".to_owned(), "b".to_owned()];
        let entries = [entry(1, Some("a")), entry(2, Some("b"))];
        let checked = compare("completed", &entries, &sent, 2);
        assert!(checked.intact, "{:?}", checked.problems);
        assert_eq!(
            (checked.lost, checked.duplicated, checked.offline_questions),
            (0, 0, 0)
        );
    }

    #[test]
    fn lost_duplicated_and_offline_answers_are_found() {
        let sent = vec!["a".to_owned(), "b".to_owned()];
        let lost = compare(
            "in_progress",
            &[entry(1, Some("a")), entry(2, None)],
            &sent,
            2,
        );
        assert!(!lost.intact);
        assert_eq!(lost.lost, 1);

        let doubled = [
            entry(1, Some("a")),
            entry(2, Some("a")),
            entry(3, Some("b")),
        ];
        let doubled = compare("completed", &doubled, &sent, 2);
        assert!(!doubled.intact);
        assert_eq!(doubled.duplicated, 1);

        let mut offline = [entry(1, Some("a")), entry(2, Some("b"))];
        offline[1].question.text = "What did you learn there?".into();
        let offline = compare("completed", &offline, &sent, 2);
        assert!(
            offline.intact,
            "the data is intact, only the interviewer differs"
        );
        assert_eq!(offline.offline_questions, 1);
    }

    fn report(numbers: &[u8], provider: &str, offline_fallback: bool) -> Report {
        Report {
            questions: numbers
                .iter()
                .map(|&number| ReportQuestion { number })
                .collect(),
            generated_by: GeneratedBy {
                provider: provider.to_owned(),
                offline_fallback,
            },
        }
    }

    #[test]
    fn a_report_must_cover_every_answer_and_come_from_the_phase_s_interviewer() {
        let good = report(&[1, 2, 3], PROVIDER_AUTHOR, false);
        assert!(compare_report(&good, 3, PROVIDER_AUTHOR).is_empty());
        let short = report(&[1, 2], PROVIDER_AUTHOR, false);
        assert_eq!(compare_report(&short, 3, PROVIDER_AUTHOR).len(), 1);
        let fallback = report(&[1, 2, 3], OFFLINE_AUTHOR, true);
        let problems = compare_report(&fallback, 3, PROVIDER_AUTHOR);
        assert!(problems[0].contains("unusable"), "{problems:?}");
        let offline = report(&[1, 2, 3], OFFLINE_AUTHOR, false);
        assert!(compare_report(&offline, 3, OFFLINE_AUTHOR).is_empty());
    }

    #[test]
    fn the_history_lists_every_interview_once_and_nothing_else() {
        let listed = |id: &str, answered: u8| Listed {
            id: id.to_owned(),
            answered,
        };
        let started = [
            Remembered {
                id: "a",
                answers_sent: 8,
            },
            Remembered {
                id: "b",
                answers_sent: 3,
            },
        ];
        assert!(compare_history(&[listed("b", 3), listed("a", 8)], &started).is_empty());
        let problems = compare_history(
            &[
                listed("a", 8),
                listed("a", 8),
                listed("b", 2),
                listed("c", 8),
            ],
            &started,
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(compare_history(&[listed("a", 8)], &started)[0].contains("0 times"));
    }
}
