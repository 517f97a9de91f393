//! What the fault tests run against: the real `server` binary as a child process, a private
//! PostgreSQL cluster that a test may stop and start, a local LLM provider speaking OpenAI's
//! chat-completions wire format, and an API client that carries one owner cookie to any
//! server instance.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

pub const CV: &str = "Priya Raghunathan\nData scientist, London. Larkspur Grocers plc: demand forecasting with LightGBM, CUPED experiments, Snowflake, Python.";
pub const JOB: &str = "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n- Python, SQL, Snowflake\n- Forecasting";

/// An answer long enough for the report to have evidence; `tag` makes each one unique.
pub fn answer_text(tag: &str) -> String {
    format!("{tag}: at Larkspur I owned demand forecasting. Waste was rising, so I built a LightGBM model in Python on Snowflake data and ran CUPED experiments; waste fell by 18 % in six months.")
}

/// `DATABASE_URL` pointed at the database `#[sqlx::test]` made for this test.
pub fn url_of(pool: &sqlx::PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL is set for the tests");
    let database = pool.connect_options().get_database().unwrap().to_owned();
    let (server, _) = base.rsplit_once('/').unwrap();
    format!("{server}/{database}")
}

/// A port nothing listens on (bound, then released).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

// ---------------------------------------------------------------------------------------------
// The server binary

/// The real server binary, killed (SIGKILL) when dropped. Its stdout (the URL line, then the
/// logs) is echoed to the test's stderr with the instance's name in front; its stderr is
/// inherited.
pub struct ServerProcess {
    name: &'static str,
    child: Child,
    pub base_url: String,
}

impl ServerProcess {
    /// Starts the binary on a free port against `database_url`, with `vars` on top of a clean
    /// environment (no `.env`, no variables of the machine running the tests), and waits until
    /// it is ready.
    pub async fn start(name: &'static str, database_url: &str, vars: &[(&str, String)]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env_clear()
            .current_dir(std::env::temp_dir())
            .env("DATABASE_URL", database_url)
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("RUST_LOG", "warn")
            .env("RATE_LIMITS", "off")
            .env("NO_COLOR", "1")
            .env("SITE_ROOT", std::env::temp_dir().join("no-site"))
            .env("DATABASE_MAX_CONNECTIONS", "10")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, value) in vars {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdout = child.stdout.take().unwrap();
        let (first_line, line_read) = tokio::sync::oneshot::channel::<String>();
        std::thread::spawn(move || {
            let mut first_line = Some(first_line);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                match first_line.take() {
                    Some(sender) => {
                        let _ = sender.send(line);
                    }
                    None => eprintln!("[{name}] {line}"),
                }
            }
        });
        // "Interview Simulator is running at http://127.0.0.1:PORT"
        let line = match tokio::time::timeout(Duration::from_secs(60), line_read).await {
            Ok(Ok(line)) => line,
            Ok(Err(_)) => panic!(
                "server {name} exited before printing its URL: {:?}",
                child.wait()
            ),
            Err(_) => panic!("server {name} printed nothing in 60 s"),
        };
        let base_url = line.trim().rsplit(' ').next().unwrap().to_owned();
        assert!(base_url.starts_with("http://127.0.0.1:"), "{line:?}");
        let server = Self {
            name,
            child,
            base_url,
        };
        server.wait_until_ready(Duration::from_secs(30)).await;
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `/readyz` answers 200 within `limit`.
    pub async fn wait_until_ready(&self, limit: Duration) {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(response) = client.get(self.url("/readyz")).send().await {
                if response.status() == StatusCode::OK {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "server {} was not ready within {limit:?}",
                self.name
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL: no shutdown, no goodbye; returns once the process is gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

// ---------------------------------------------------------------------------------------------
// A private PostgreSQL cluster

/// A PostgreSQL cluster of its own (`scripts/local-postgres.sh` with its own `PG_HOME` and
/// port), so a test may stop it without disturbing anyone. Stopped and deleted when dropped,
/// the test passing or not.
pub struct PrivatePostgres {
    home: PathBuf,
    pub port: u16,
    database: String,
}

impl PrivatePostgres {
    pub fn start(database: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let home = PathBuf::from(format!(
            "/tmp/interview-simulator-faults-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&home).unwrap();
        let cluster = Self {
            home,
            port: free_port(),
            database: database.to_owned(),
        };
        cluster.script(&[database]);
        cluster
    }

    pub fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{}",
            self.port, self.database
        )
    }

    /// `pg_ctl stop -m fast`: every connection is cut.
    pub fn stop(&self) {
        self.script(&["--stop"]);
    }

    /// Starts the stopped cluster again, on the same port, with the same data.
    pub fn restart(&self) {
        self.script(&[&self.database]);
    }

    fn script(&self, args: &[&str]) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/local-postgres.sh");
        let output = Command::new("bash")
            .arg(script)
            .args(args)
            .env("PG_HOME", &self.home)
            .env("PG_PORT", self.port.to_string())
            .output()
            .expect("bash runs scripts/local-postgres.sh");
        assert!(
            output.status.success(),
            "local-postgres.sh {args:?} failed: {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/local-postgres.sh");
        let _ = Command::new("bash")
            .arg(script)
            .arg("--stop")
            .env("PG_HOME", &self.home)
            .env("PG_PORT", self.port.to_string())
            .output();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

// ---------------------------------------------------------------------------------------------
// A fake LLM provider

/// How the fake provider behaves.
#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// A new, valid question for every question request (plain JSON, or SSE chunks when
    /// `stream` is asked for), after `delay`; a feedback request (it carries
    /// `response_format`) gets prose that is no report, so the writer repairs once and then
    /// falls back to the offline coach's report.
    Interviewer { delay: Duration },
    /// Sleeps this long before answering as `Interviewer` would.
    Slow(Duration),
    /// 429 with `Retry-After: 1` and OpenAI's error body, every time.
    RateLimited,
}

/// A local server speaking OpenAI's `POST /v1/chat/completions`, counting what it is asked.
#[derive(Clone)]
pub struct FakeLlm {
    pub base_url: String,
    state: Arc<LlmState>,
}

struct LlmState {
    behaviour: Behaviour,
    calls: AtomicUsize,
    feedback_calls: AtomicUsize,
    /// When each call arrived, in order.
    arrivals: Mutex<Vec<Instant>>,
}

impl FakeLlm {
    pub async fn start(behaviour: Behaviour) -> Self {
        let state = Arc::new(LlmState {
            behaviour,
            calls: AtomicUsize::new(0),
            feedback_calls: AtomicUsize::new(0),
            arrivals: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/v1/chat/completions", post(chat_completions))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self {
            base_url: format!("http://{address}/v1"),
            state,
        }
    }

    /// Every call received, questions and feedback.
    pub fn calls(&self) -> usize {
        self.state.calls.load(Ordering::SeqCst)
    }

    pub fn feedback_calls(&self) -> usize {
        self.state.feedback_calls.load(Ordering::SeqCst)
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.state.arrivals.lock().unwrap().clone()
    }

    /// The variables that make a server use this provider alone.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("LLM_PROVIDERS", "openai".into()),
            ("OPENAI_BASE_URL", self.base_url.clone()),
            ("OPENAI_MODEL", "fake-model".into()),
        ]
    }
}

/// The fake's questions, one per call in turn: no two alike enough for the server to take one
/// for a rewording of another and refuse it.
const QUESTIONS: [&str; 8] = [
    "What did you change in the Larkspur forecasting pipeline, and why?",
    "How did you choose which CUPED experiments to run first?",
    "Which result from your time at Larkspur are you proudest of?",
    "Why did LightGBM win over the other models you tried?",
    "When a stakeholder disagreed with your analysis, how did it end?",
    "Where would you start in your first month on this team?",
    "How do you check that Snowflake data is fit for a model?",
    "What would you do differently if you rebuilt the waste forecasts today?",
];

async fn chat_completions(State(state): State<Arc<LlmState>>, Json(body): Json<Value>) -> Response {
    let call = state.calls.fetch_add(1, Ordering::SeqCst) + 1;
    state.arrivals.lock().unwrap().push(Instant::now());
    let feedback = !body["response_format"].is_null();
    if feedback {
        state.feedback_calls.fetch_add(1, Ordering::SeqCst);
    }
    match state.behaviour {
        Behaviour::RateLimited => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", "1")],
                Json(json!({"error": {
                    "message": "Rate limit reached for fake-model in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
                    "type": "requests",
                    "param": null,
                    "code": "rate_limit_exceeded"
                }})),
            )
                .into_response()
        }
        Behaviour::Slow(delay) | Behaviour::Interviewer { delay } => {
            tokio::time::sleep(delay).await;
        }
    }
    let content = if feedback {
        "Overall this candidate did well; I would hire them.".to_owned()
    } else {
        QUESTIONS[(call - 1) % QUESTIONS.len()].to_owned()
    };
    if body["stream"] == json!(true) {
        return sse(&content);
    }
    Json(json!({
        "id": format!("chatcmpl-{call}"),
        "object": "chat.completion",
        "created": 1_767_225_600,
        "model": "fake-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 321, "completion_tokens": 17, "total_tokens": 338}
    }))
    .into_response()
}

/// The reply as OpenAI streams it: a role chunk, a chunk per word, a finish chunk, `[DONE]`.
fn sse(content: &str) -> Response {
    let chunk = |delta: Value, finish: Value| {
        let data = json!({"id": "chatcmpl-s", "object": "chat.completion.chunk", "model": "fake-model",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
        format!("data: {data}\n\n")
    };
    let mut body = chunk(json!({"role": "assistant", "content": ""}), Value::Null);
    for word in content.split_inclusive(' ') {
        body.push_str(&chunk(json!({ "content": word }), Value::Null));
    }
    body.push_str(&chunk(json!({}), json!("stop")));
    body.push_str("data: [DONE]\n\n");
    ([("content-type", "text/event-stream")], body).into_response()
}

// ---------------------------------------------------------------------------------------------
// The API client

/// One person (one `owner` cookie) talking to the JSON API of any instance: the cookie is a
/// bearer token, so it is sent to whichever base URL the request goes to.
pub struct Owner {
    http: reqwest::Client,
    cookie: Mutex<Option<String>>,
}

impl Default for Owner {
    fn default() -> Self {
        Self::new()
    }
}

impl Owner {
    pub fn new() -> Self {
        Self {
            // Far above anything a test accepts, so that a hang fails instead of blocking.
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(40))
                .build()
                .unwrap(),
            cookie: Mutex::new(None),
        }
    }

    /// One request; `Err` when no response came (refused, reset, timed out).
    pub async fn try_send(
        &self,
        method: Method,
        url: String,
        body: Option<&Value>,
    ) -> Result<(StatusCode, Value), reqwest::Error> {
        let mut request = self.http.request(method, url);
        if let Some(cookie) = self.cookie.lock().unwrap().clone() {
            request = request.header("cookie", cookie);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await?;
        for value in response.headers().get_all("set-cookie") {
            let value = value.to_str().unwrap_or_default();
            if let Some(pair) = value.split(';').next().filter(|p| p.starts_with("owner=")) {
                *self.cookie.lock().unwrap() = Some(pair.to_owned());
            }
        }
        let status = response.status();
        let bytes = response.bytes().await?;
        Ok((
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }

    pub async fn send(
        &self,
        method: Method,
        url: String,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let shown = url.clone();
        self.try_send(method, url, body)
            .await
            .unwrap_or_else(|error| panic!("{shown}: no response: {error}"))
    }

    pub async fn get(&self, url: String) -> (StatusCode, Value) {
        self.send(Method::GET, url, None).await
    }

    pub async fn post(&self, url: String, body: &Value) -> (StatusCode, Value) {
        self.send(Method::POST, url, Some(body)).await
    }

    /// Creates an interview with both documents pasted; returns its path, `/api/v1/interviews/{id}`.
    pub async fn ready_interview(&self, base_url: &str, question_count: u8) -> String {
        let (status, interview) = self
            .post(
                format!("{base_url}/api/v1/interviews"),
                &json!({"job_title": "Data Scientist", "company": "Northwind Analytics", "question_count": question_count}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{interview}");
        let path = format!("/api/v1/interviews/{}", interview["id"].as_str().unwrap());
        for (kind, text) in [("cv", CV), ("job_description", JOB)] {
            let (status, body) = self
                .send(
                    Method::PUT,
                    format!("{base_url}{path}/documents/{kind}"),
                    Some(&json!({ "text": text })),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        path
    }

    /// Starts the interview; returns the first question.
    pub async fn start(&self, base_url: &str, path: &str) -> Value {
        let (status, question) = self
            .post(format!("{base_url}{path}/start"), &json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{question}");
        assert_eq!(question["position"], 1);
        question
    }

    /// Answers `question` with a new client id; returns the outcome.
    pub async fn answer(&self, base_url: &str, path: &str, question: &Value, text: &str) -> Value {
        let body =
            json!({"question_id": question["id"], "text": text, "client_id": Uuid::new_v4()});
        let (status, outcome) = self.post(format!("{base_url}{path}/answers"), &body).await;
        assert_eq!(status, StatusCode::OK, "{outcome}");
        outcome
    }

    /// Polls `GET …/feedback` (on the instances in turn) until the report is there.
    pub async fn wait_for_report(&self, base_urls: &[&str], path: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut turn = 0;
        loop {
            let base_url = base_urls[turn % base_urls.len()];
            turn += 1;
            let (status, body) = self.get(format!("{base_url}{path}/feedback")).await;
            match status {
                StatusCode::OK => return body,
                StatusCode::ACCEPTED => {
                    assert!(
                        ["queued", "running"].contains(&body["status"].as_str().unwrap()),
                        "{body}"
                    )
                }
                other => panic!("unexpected {other}: {body}"),
            }
            assert!(Instant::now() < deadline, "no report within 30 s: {body}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Who asked each question of an interview, in order.
pub async fn interviewers(pool: &sqlx::PgPool, path: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT interviewer FROM questions WHERE interview_id = $1::uuid ORDER BY position",
    )
    .bind(path.rsplit('/').next().unwrap())
    .fetch_all(pool)
    .await
    .unwrap()
}

/// `llm_calls` rows as (purpose, provider, outcome, latency_ms), in order.
pub async fn llm_calls(pool: &sqlx::PgPool) -> Vec<(String, String, String, i32)> {
    sqlx::query_as("SELECT purpose, provider, outcome, latency_ms FROM llm_calls ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}
