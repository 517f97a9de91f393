//! After the answering phase, each user reads its interview back and compares it with what it
//! sent: a fast server that loses or duplicates answers under load has not passed. It also
//! counts questions the offline coach asked, because a provider failure hidden by the
//! fallback would make the figures those of the wrong interviewer.

use reqwest::Client;
use serde::Deserialize;

use crate::fake_provider::QUESTION_PREFIX;
use crate::scenario::send_json;

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

#[derive(Deserialize)]
struct Interview {
    status: String,
}

#[derive(Deserialize)]
struct Transcript {
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    question: Question,
    answer: Option<String>,
}

#[derive(Deserialize)]
struct Question {
    position: u8,
    text: String,
}

/// Reads `GET /interviews/{id}` (its status) and `GET /interviews/{id}/transcript` (questions
/// and answers; the interview resource itself does not carry them) and compares them with
/// `sent`, the answers in the order they were acknowledged.
pub async fn check(
    client: &Client,
    base_url: &str,
    interview: &str,
    sent: &[String],
    question_count: u8,
) -> Result<Verification, String> {
    let url = format!("{base_url}/api/v1/interviews/{interview}");
    let read = send_json(client.get(&url), "GET /interviews/{id}").await?;
    let read: Interview = serde_json::from_value(read).map_err(|e| e.to_string())?;
    let transcript = send_json(
        client.get(format!("{url}/transcript")),
        "GET /interviews/{id}/transcript",
    )
    .await?;
    let transcript: Transcript = serde_json::from_value(transcript).map_err(|e| e.to_string())?;
    Ok(compare(
        &read.status,
        &transcript.entries,
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
}
