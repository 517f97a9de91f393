//! A typed client of the JSON API (`/api/v1`, `../shared/design/API.md`), as one person: one
//! `owner` cookie, kept by the client and sent to whichever server instance a request goes to
//! (the cookie is a bearer token), so one owner can talk to several instances.
//!
//! The typed calls return the domain types and treat any status but the documented success
//! as an [`ApiError`]; [`Api::send`] returns any response as it is, for tests of refusals.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use domain::{
    AnswerOutcome, Document, DocumentKind, Interview, InterviewId, InterviewSummary, NewAnswer,
    NewInterview, PreparationBrief, Question, QuestionEvent, QuestionId, Report, ReportProgress,
    Transcript,
};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::fixtures::Documents;

/// Error messages carry at most this much of a body; its first lines say enough.
const MAX_ERROR_CHARS: usize = 300;

/// A call that did not get its documented success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No response (refused, reset, timed out), or a body that could not be read.
    Transport { call: String, message: String },
    /// A response with another status, and the start of its body.
    Status {
        call: String,
        status: StatusCode,
        body: String,
    },
    /// A success whose body is not what the API documents.
    Body { call: String, message: String },
}

impl ApiError {
    /// The status, when a response came.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Transport { call, message } => write!(f, "{call}: {message}"),
            ApiError::Status { call, status, body } => write!(f, "{call}: HTTP {status}: {body}"),
            ApiError::Body { call, message } => write!(f, "{call}: unexpected body: {message}"),
        }
    }
}

impl std::error::Error for ApiError {}

/// A response as it came.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Response {
    /// The body as JSON; `Null` when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    /// The events of a finished question stream, one per `data:` line; the error names the
    /// line that is not one.
    pub fn events(&self) -> Result<Vec<QuestionEvent>, String> {
        self.text
            .lines()
            .filter_map(|line| line.strip_prefix("data: "))
            .map(|data| serde_json::from_str(data).map_err(|e| format!("{e}: {data}")))
            .collect()
    }
}

/// The report of an interview, or how far it is.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedbackState {
    /// 200: the report.
    Ready(Box<Report>),
    /// 202: queued or being written.
    Pending(ReportProgress),
}

/// One person's client. Clones share the cookie and the request count.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    origin: String,
    cookie: Arc<Mutex<Option<String>>>,
    requests: Arc<AtomicU64>,
}

impl Api {
    /// A new person at `origin` (`http://127.0.0.1:PORT`), with requests that fail after
    /// 40 s: far above anything a test accepts, so that a hang fails instead of blocking.
    pub fn new(origin: &str) -> Self {
        Self::with_timeout(origin, Duration::from_secs(40))
    }

    pub fn with_timeout(origin: &str, timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client with rustls builds");
        Self {
            http,
            origin: origin.trim_end_matches('/').to_owned(),
            cookie: Arc::default(),
            requests: Arc::default(),
        }
    }

    /// The same person at another instance.
    pub fn at(&self, origin: &str) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            ..self.clone()
        }
    }

    /// A client of its own for the person whose cookie is `cookie` (`owner=…`), as a test
    /// that holds a cookie from elsewhere (a raw request, a forged one) drives the API.
    pub fn with_owner_cookie(&self, cookie: &str) -> Self {
        Self {
            cookie: Arc::new(Mutex::new(Some(cookie.to_owned()))),
            requests: Arc::default(),
            ..self.clone()
        }
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `owner=…`, once a server has issued one.
    pub fn owner_cookie(&self) -> Option<String> {
        self.cookie.lock().unwrap().clone()
    }

    /// Requests sent so far, by this client and its clones.
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// One request to `path` below the origin (`/api/v1/…`, `/readyz`, a page), with the
    /// owner cookie and a JSON body if given; any status is returned.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Response, ApiError> {
        let call = format!("{method} {path}");
        let mut request = self.http.request(method, format!("{}{path}", self.origin));
        if let Some(cookie) = self.owner_cookie() {
            request = request.header("cookie", cookie);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = request.send().await.map_err(|e| ApiError::Transport {
            call: call.clone(),
            message: describe(&e),
        })?;
        self.keep_owner_cookie(response.headers());
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.map_err(|e| ApiError::Transport {
            call,
            message: format!("reading the body: {}", describe(&e)),
        })?;
        Ok(Response {
            status,
            headers,
            text,
        })
    }

    /// The owner cookie a response issues, if it issues one.
    fn keep_owner_cookie(&self, headers: &HeaderMap) {
        for value in headers.get_all("set-cookie") {
            let value = value.to_str().unwrap_or_default();
            if let Some(pair) = value.split(';').next().filter(|p| p.starts_with("owner=")) {
                *self.cookie.lock().unwrap() = Some(pair.to_owned());
            }
        }
    }

    /// `send` below `/api/v1`, for a JSON body of `T` with status `expected`.
    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        expected: &[StatusCode],
    ) -> Result<(StatusCode, T), ApiError> {
        let path = format!("/api/v1{path}");
        let response = self.send(method.clone(), &path, body).await?;
        let call = format!("{method} {path}");
        if !expected.contains(&response.status) {
            return Err(ApiError::Status {
                call,
                status: response.status,
                body: response.text.chars().take(MAX_ERROR_CHARS).collect(),
            });
        }
        let parsed = serde_json::from_str(&response.text).map_err(|e| ApiError::Body {
            call,
            message: e.to_string(),
        })?;
        Ok((response.status, parsed))
    }

    async fn ok<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        self.call(method, path, body, &[StatusCode::OK])
            .await
            .map(|(_, body)| body)
    }

    /// `POST /interviews` (201).
    pub async fn create_interview(&self, input: &NewInterview) -> Result<Interview, ApiError> {
        let body = serde_json::to_value(input).expect("NewInterview is JSON");
        self.call(
            Method::POST,
            "/interviews",
            Some(&body),
            &[StatusCode::CREATED],
        )
        .await
        .map(|(_, interview)| interview)
    }

    /// `PUT /interviews/{id}/documents/{kind}` with pasted text.
    pub async fn paste(
        &self,
        id: InterviewId,
        kind: DocumentKind,
        text: &str,
    ) -> Result<Document, ApiError> {
        let path = format!("/interviews/{}/documents/{}", id.0, kind.as_str());
        self.ok(Method::PUT, &path, Some(&json!({ "text": text })))
            .await
    }

    /// `PUT /interviews/{id}/documents/{kind}` with a file, as a browser uploads it: a
    /// multipart body with a `file` part named `file_name`.
    pub async fn upload(
        &self,
        id: InterviewId,
        kind: DocumentKind,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Result<Document, ApiError> {
        let path = format!("/api/v1/interviews/{}/documents/{}", id.0, kind.as_str());
        let call = format!("PUT {path}");
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let mut request = self
            .http
            .put(format!("{}{path}", self.origin))
            .multipart(reqwest::multipart::Form::new().part("file", part));
        if let Some(cookie) = self.owner_cookie() {
            request = request.header("cookie", cookie);
        }
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = request.send().await.map_err(|e| ApiError::Transport {
            call: call.clone(),
            message: describe(&e),
        })?;
        self.keep_owner_cookie(response.headers());
        let status = response.status();
        let text = response.text().await.map_err(|e| ApiError::Transport {
            call: call.clone(),
            message: format!("reading the body: {}", describe(&e)),
        })?;
        if status != StatusCode::OK {
            return Err(ApiError::Status {
                call,
                status,
                body: text.chars().take(MAX_ERROR_CHARS).collect(),
            });
        }
        serde_json::from_str(&text).map_err(|e| ApiError::Body {
            call,
            message: e.to_string(),
        })
    }

    /// An interview of `question_count` questions for `documents`, with both documents
    /// pasted: ready to start.
    pub async fn ready_interview(
        &self,
        documents: &Documents,
        question_count: u8,
    ) -> Result<Interview, ApiError> {
        self.ready_interview_as(&documents.new_interview(question_count), documents)
            .await
    }

    /// A ready interview for `documents` started and every question answered with `answer`,
    /// through the API as a client would; the report is not asked for.
    pub async fn completed_interview(
        &self,
        documents: &Documents,
        question_count: u8,
        answer: &str,
    ) -> Result<InterviewId, ApiError> {
        let id = self.ready_interview(documents, question_count).await?.id;
        let mut question = self.start(id).await?;
        loop {
            let outcome = self.answer_with(id, question.id, answer).await?;
            if outcome.completed {
                return Ok(id);
            }
            question = outcome.next_question.ok_or_else(|| ApiError::Body {
                call: format!("POST /interviews/{}/answers", id.0),
                message: "neither completed nor a next question".into(),
            })?;
        }
    }

    /// As [`Self::ready_interview`], created as `input` says (a tagged company, say).
    pub async fn ready_interview_as(
        &self,
        input: &NewInterview,
        documents: &Documents,
    ) -> Result<Interview, ApiError> {
        let interview = self.create_interview(input).await?;
        self.paste(interview.id, DocumentKind::Cv, documents.cv)
            .await?;
        self.paste(interview.id, DocumentKind::JobDescription, documents.job)
            .await?;
        Ok(interview)
    }

    /// `GET /interviews/{id}`.
    pub async fn interview(&self, id: InterviewId) -> Result<Interview, ApiError> {
        self.ok(Method::GET, &format!("/interviews/{}", id.0), None)
            .await
    }

    /// `GET /interviews/{id}/brief`: the preparation brief.
    pub async fn brief(&self, id: InterviewId) -> Result<PreparationBrief, ApiError> {
        self.ok(Method::GET, &format!("/interviews/{}/brief", id.0), None)
            .await
    }

    /// `GET /interviews`: the history.
    pub async fn interviews(&self) -> Result<Vec<InterviewSummary>, ApiError> {
        self.ok(Method::GET, "/interviews", None).await
    }

    /// `POST /interviews/{id}/start`: the first question.
    pub async fn start(&self, id: InterviewId) -> Result<Question, ApiError> {
        let path = format!("/interviews/{}/start", id.0);
        self.ok(Method::POST, &path, Some(&json!({}))).await
    }

    /// `POST /interviews/{id}/answers`.
    pub async fn answer(
        &self,
        id: InterviewId,
        answer: &NewAnswer,
    ) -> Result<AnswerOutcome, ApiError> {
        let body = serde_json::to_value(answer).expect("NewAnswer is JSON");
        let path = format!("/interviews/{}/answers", id.0);
        self.ok(Method::POST, &path, Some(&body)).await
    }

    /// Answers `question` with `text` and a new client id, as the browser does once per answer.
    pub async fn answer_with(
        &self,
        id: InterviewId,
        question: QuestionId,
        text: &str,
    ) -> Result<AnswerOutcome, ApiError> {
        let answer = NewAnswer {
            question_id: question,
            text: text.to_owned(),
            client_id: Uuid::new_v4(),
            spoken: Vec::new(),
        };
        self.answer(id, &answer).await
    }

    /// `POST /interviews/{id}/end`: ends early.
    pub async fn end(&self, id: InterviewId) -> Result<Transcript, ApiError> {
        let path = format!("/interviews/{}/end", id.0);
        self.ok(Method::POST, &path, Some(&json!({}))).await
    }

    /// `GET /interviews/{id}/transcript`.
    pub async fn transcript(&self, id: InterviewId) -> Result<Transcript, ApiError> {
        self.ok(
            Method::GET,
            &format!("/interviews/{}/transcript", id.0),
            None,
        )
        .await
    }

    /// `GET /interviews/{id}/question/stream` read to its end: the events.
    pub async fn question_stream(&self, id: InterviewId) -> Result<Vec<QuestionEvent>, ApiError> {
        let path = format!("/api/v1/interviews/{}/question/stream", id.0);
        let response = self.send(Method::GET, &path, None).await?;
        let call = format!("GET {path}");
        if response.status != StatusCode::OK {
            return Err(ApiError::Status {
                call,
                status: response.status,
                body: response.text.chars().take(MAX_ERROR_CHARS).collect(),
            });
        }
        response
            .events()
            .map_err(|message| ApiError::Body { call, message })
    }

    /// `POST /interviews/{id}/feedback`: asks for the report.
    pub async fn request_feedback(&self, id: InterviewId) -> Result<FeedbackState, ApiError> {
        self.feedback_call(Method::POST, id).await
    }

    /// `GET /interviews/{id}/feedback`.
    pub async fn feedback(&self, id: InterviewId) -> Result<FeedbackState, ApiError> {
        self.feedback_call(Method::GET, id).await
    }

    async fn feedback_call(
        &self,
        method: Method,
        id: InterviewId,
    ) -> Result<FeedbackState, ApiError> {
        let path = format!("/interviews/{}/feedback", id.0);
        let (status, body): (_, Value) = self
            .call(
                method.clone(),
                &path,
                None,
                &[StatusCode::OK, StatusCode::ACCEPTED],
            )
            .await?;
        let parsed = if status == StatusCode::OK {
            serde_json::from_value(body).map(FeedbackState::Ready)
        } else {
            serde_json::from_value(body).map(FeedbackState::Pending)
        };
        parsed.map_err(|e| ApiError::Body {
            call: format!("{method} /api/v1{path}"),
            message: e.to_string(),
        })
    }

    /// Asks for the report and polls every `poll` until it is written; an error when the job
    /// failed or `limit` passed.
    pub async fn wait_for_report(
        &self,
        id: InterviewId,
        poll: Duration,
        limit: Duration,
    ) -> Result<Report, ApiError> {
        let started = Instant::now();
        let mut state = self.request_feedback(id).await?;
        loop {
            let progress = match state {
                FeedbackState::Ready(report) => return Ok(*report),
                FeedbackState::Pending(progress) => progress,
            };
            let call = format!("GET /api/v1/interviews/{}/feedback", id.0);
            if progress.status == domain::ReportJobStatus::Failed {
                return Err(ApiError::Body {
                    call,
                    message: format!("the report could not be written: {}", progress.stage),
                });
            }
            if started.elapsed() > limit {
                return Err(ApiError::Body {
                    call,
                    message: format!(
                        "no report after {} s (last status {:?}, stage {})",
                        limit.as_secs(),
                        progress.status,
                        progress.stage
                    ),
                });
            }
            tokio::time::sleep(poll).await;
            state = self.feedback(id).await?;
        }
    }
}

/// reqwest's message with its causes ("error sending request: connection refused").
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.chars().take(MAX_ERROR_CHARS).collect()
}
