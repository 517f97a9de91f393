//! One interview through the app's HTTP API, the way the browser runs it: create, paste the
//! CV and the job description, start, then for each question read the question stream and
//! answer with the persona's answer (chosen exactly as in `make eval`), then ask for the
//! report and poll until it is written. Times are taken from the click (the start or the
//! answer sent) to the first streamed words and to the stored question.

use std::time::{Duration, Instant};

use domain::{AnswerOutcome, Question, Report};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::asked_by::asked_by;
use super::options::Options;
use super::session::Session;
use crate::interview::{KIND, SENIORITY};
use crate::pairs::Pair;
use crate::personas::Persona;

/// The feedback page polls every second; every two is enough here and stays far below the
/// rate limit however long a report takes.
const REPORT_POLL: Duration = Duration::from_secs(2);

/// A question as asked, its answer, and how long it took to come.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Asked {
    pub position: u8,
    pub question: String,
    pub answer: String,
    /// From the click to the first streamed words (`None`: not streamed).
    pub first_delta_secs: Option<f64>,
    /// From the click to the stored question.
    pub question_secs: f64,
    /// Interviewers that had started writing and failed (the stream said `restart`).
    pub restarts: usize,
    /// Why an interviewer left the question to the next, per `handover` event.
    pub handovers: Vec<String>,
    /// `openai`, `anthropic`, `gemini` or `offline`; `None` when it could not be read.
    pub interviewer: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Driven {
    pub pair: String,
    pub persona: Persona,
    pub interview_id: Option<Uuid>,
    pub asked: Vec<Asked>,
    pub report: Option<Report>,
    /// From asking for the report to receiving it.
    pub report_secs: Option<f64>,
    /// Every HTTP status received, in order (`0`: no response).
    pub statuses: Vec<u16>,
    /// What went wrong; an interview with errors may lack questions or its report.
    pub errors: Vec<String>,
}

pub async fn drive(
    options: &Options,
    pair: &Pair,
    persona: Persona,
    database_url: Option<&str>,
) -> Driven {
    let mut driven = Driven {
        pair: pair.name.clone(),
        persona,
        interview_id: None,
        asked: Vec::new(),
        report: None,
        report_secs: None,
        statuses: Vec::new(),
        errors: Vec::new(),
    };
    match Session::new(&options.api) {
        Ok(mut session) => {
            if let Err(error) = run(&mut session, options, pair, &mut driven).await {
                driven.errors.push(error);
            }
            driven.statuses = session.statuses;
        }
        Err(error) => driven.errors.push(error),
    }
    if let (Some(url), Some(id)) = (database_url, driven.interview_id) {
        match asked_by(url, id) {
            Ok(names) => {
                for (asked, name) in driven.asked.iter_mut().zip(names) {
                    asked.interviewer = Some(name);
                }
            }
            Err(error) => driven.errors.push(format!("who asked: {error}")),
        }
    }
    driven
}

async fn run(
    session: &mut Session,
    options: &Options,
    pair: &Pair,
    driven: &mut Driven,
) -> Result<(), String> {
    let persona = driven.persona;
    let (_, created) = session
        .json(
            Method::POST,
            "/api/v1/interviews",
            Some(&json!({
                "job_title": pair.job_title,
                "company": pair.company,
                "kind": KIND.as_str(),
                "seniority": SENIORITY.as_str(),
                "question_count": options.questions,
            })),
        )
        .await?;
    let id: Uuid = created["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or("POST /api/v1/interviews: no id in the response")?;
    driven.interview_id = Some(id);
    let api = format!("/api/v1/interviews/{id}");
    for (kind, text) in [("cv", &pair.cv), ("job_description", &pair.job_description)] {
        let path = format!("{api}/documents/{kind}");
        session
            .json(Method::PUT, &path, Some(&json!({ "text": text })))
            .await?;
    }

    let id_text = id.to_string();
    let mut clicked = Instant::now();
    // The JSON API's start and answers return the next question themselves.
    let mut returned: Option<Question> = None;
    match &options.browser_paths {
        Some(paths) => {
            session.form(&paths.begin, &[("id", &id_text)]).await?;
        }
        None => {
            let (_, question) = session
                .json(Method::POST, &format!("{api}/start"), None)
                .await?;
            returned = Some(parse(question, "POST start")?);
        }
    }
    let mut used = Vec::new();
    let mut completed = false;
    for index in 0..usize::from(options.questions) {
        let (question, first_delta, restarts, handovers, took) = match returned.take() {
            Some(question) => (question, None, 0, Vec::new(), clicked.elapsed()),
            None => {
                let mut reader = StreamReader::default();
                session
                    .events(&format!("{api}/question/stream"), clicked, |at, data| {
                        reader.read(at, data)
                    })
                    .await?;
                match reader.end {
                    Some((StreamEnd::Question(question), at)) => (
                        question,
                        reader.first_delta,
                        reader.restarts,
                        reader.handovers,
                        at,
                    ),
                    Some((StreamEnd::Completed, _)) => {
                        completed = true;
                        break;
                    }
                    Some((StreamEnd::Failed(message), _)) => {
                        return Err(format!("question {}: failed: {message}", index + 1))
                    }
                    None => {
                        return Err(format!(
                            "question {}: the stream ended without a question",
                            index + 1
                        ))
                    }
                }
            }
        };
        let answer = persona.answer(pair, &question.text, index, &mut used);
        driven.asked.push(Asked {
            position: question.position,
            question: question.text.clone(),
            answer: answer.clone(),
            first_delta_secs: first_delta.map(|d| d.as_secs_f64()),
            question_secs: took.as_secs_f64(),
            restarts,
            handovers,
            interviewer: None,
        });
        clicked = Instant::now();
        let question_id = question.id.to_string();
        let client_id = Uuid::new_v4().to_string();
        completed = match &options.browser_paths {
            Some(paths) => {
                let fields = [
                    ("id", id_text.as_str()),
                    ("answer[question_id]", question_id.as_str()),
                    ("answer[text]", answer.as_str()),
                    ("answer[client_id]", client_id.as_str()),
                ];
                let (_, outcome) = session.form(&paths.answer, &fields).await?;
                outcome["completed"].as_bool().unwrap_or(false)
            }
            None => {
                let body =
                    json!({"question_id": question_id, "text": answer, "client_id": client_id});
                let (_, outcome) = session
                    .json(Method::POST, &format!("{api}/answers"), Some(&body))
                    .await?;
                let outcome: AnswerOutcome = parse(outcome, "POST answers")?;
                returned = outcome.next_question;
                outcome.completed
            }
        };
        if completed {
            break;
        }
    }
    if !completed {
        session
            .json(Method::POST, &format!("{api}/end"), None)
            .await?;
    }

    let asked_at = Instant::now();
    let feedback = format!("{api}/feedback");
    let (mut status, mut body) = session.json(Method::POST, &feedback, None).await?;
    while status != 200 {
        if body["status"] == "failed" {
            return Err(format!("the report could not be written: {body}"));
        }
        if asked_at.elapsed() > options.report_wait {
            return Err(format!(
                "no report after {} s",
                options.report_wait.as_secs()
            ));
        }
        tokio::time::sleep(REPORT_POLL).await;
        (status, body) = session.json(Method::GET, &feedback, None).await?;
    }
    driven.report_secs = Some(asked_at.elapsed().as_secs_f64());
    driven.report = Some(parse(body, "GET feedback")?);
    Ok(())
}

fn parse<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
    what: &str,
) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| format!("{what}: unexpected body: {e}"))
}

/// How a question stream ended.
#[derive(Clone, Debug, PartialEq)]
pub enum StreamEnd {
    Question(Question),
    Completed,
    Failed(String),
}

/// An event of the question stream as this client reads it (`domain::QuestionEvent` on the
/// wire). Read with its own type, as any client would, so events added later (e.g. a
/// `handover` naming the next interviewer and why) are tolerated and counted.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Event {
    Delta {
        text: String,
    },
    Restart,
    Handover {
        #[serde(default)]
        reason: Option<serde_json::Value>,
    },
    Question {
        question: Question,
    },
    Completed,
    Failed {
        message: String,
    },
    #[serde(other)]
    Other,
}

/// Reads the events of one question stream as they arrive.
#[derive(Debug, Default)]
pub struct StreamReader {
    pub first_delta: Option<Duration>,
    pub restarts: usize,
    /// The reasons of `handover` events, in order (`?` when none is given).
    pub handovers: Vec<String>,
    pub end: Option<(StreamEnd, Duration)>,
}

impl StreamReader {
    /// One event's data at `at` since the click; false once the stream has ended.
    pub fn read(&mut self, at: Duration, data: &str) -> bool {
        let end = match serde_json::from_str::<Event>(data) {
            Ok(Event::Delta { text }) => {
                if self.first_delta.is_none() && !text.trim().is_empty() {
                    self.first_delta = Some(at);
                }
                return true;
            }
            Ok(Event::Restart) => {
                self.restarts += 1;
                return true;
            }
            Ok(Event::Handover { reason }) => {
                let reason = match reason {
                    Some(serde_json::Value::String(reason)) => reason,
                    Some(other) => other.to_string(),
                    None => "?".to_owned(),
                };
                self.handovers.push(reason);
                return true;
            }
            Ok(Event::Other) => return true,
            Ok(Event::Question { question }) => StreamEnd::Question(question),
            Ok(Event::Completed) => StreamEnd::Completed,
            Ok(Event::Failed { message }) => StreamEnd::Failed(message),
            Err(error) => StreamEnd::Failed(format!("unreadable event {data:?}: {error}")),
        };
        self.end = Some((end, at));
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_words_restarts_and_the_stored_question_are_read() {
        let mut reader = StreamReader::default();
        let ms = Duration::from_millis;
        assert!(reader.read(ms(5), r#"{"type":"delta","text":" "}"#));
        assert!(reader.read(ms(900), r#"{"type":"delta","text":"Question 1:"}"#));
        assert!(reader.read(ms(20_000), r#"{"type":"restart"}"#));
        let handover =
            r#"{"type":"handover","from":"openai","to":"offline","reason":"not_a_question"}"#;
        assert!(reader.read(ms(20_000), handover));
        assert!(reader.read(ms(20_000), r#"{"type":"something_new"}"#));
        assert!(reader.read(ms(20_001), r#"{"type":"delta","text":"Tell "}"#));
        let done = r#"{"type":"question","question":{"id":"4f6c1a8e-3b1e-4d55-9a51-0d5bd3a3d0a1","position":1,"text":"Tell me?"}}"#;
        assert!(!reader.read(ms(20_050), done));
        assert_eq!(reader.first_delta, Some(ms(900)));
        assert_eq!(reader.restarts, 1);
        assert_eq!(reader.handovers, ["not_a_question"]);
        let (end, at) = reader.end.unwrap();
        assert_eq!(at, ms(20_050));
        assert!(matches!(end, StreamEnd::Question(q) if q.position == 1 && q.text == "Tell me?"));
    }

    #[test]
    fn completion_failure_and_garbage_end_the_stream() {
        let mut reader = StreamReader::default();
        assert!(!reader.read(Duration::ZERO, r#"{"type":"completed"}"#));
        assert_eq!(reader.end.unwrap().0, StreamEnd::Completed);
        let mut reader = StreamReader::default();
        assert!(!reader.read(Duration::ZERO, r#"{"type":"failed","message":"try again"}"#));
        assert_eq!(reader.end.unwrap().0, StreamEnd::Failed("try again".into()));
        let mut reader = StreamReader::default();
        assert!(!reader.read(Duration::ZERO, "not json"));
        assert!(matches!(reader.end.unwrap().0, StreamEnd::Failed(_)));
    }
}
