//! An in-process OpenAI-compatible chat-completions server that stands in for the LLM: it
//! waits a fixed latency, then answers in the real wire format (a JSON completion, or an SSE
//! stream when the request says `stream: true`), so the server under test runs its real
//! provider client, prompt building and reply checks.
//!
//! Every reply is a different question (a call counter is part of it): the server refuses a
//! question that was already asked and would fall back to its offline coach, which would make
//! the benchmark measure the wrong interviewer. The fixed prefix lets the verification tell
//! the fake's questions from the coach's. A feedback request (it asks for a JSON schema) gets
//! a valid report instead (`fake_report.rs`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use futures_util::stream;
use serde_json::{json, Value};

use crate::attribution::{self, ProviderLedger};
use crate::fake_report;

/// Every question the fake asks starts with this; the offline coach never writes it.
pub const QUESTION_PREFIX: &str = "Load-test question ";
/// What the server is told to ask for (`OPENAI_MODEL`); the fake reports it back.
pub const MODEL: &str = "fake-interviewer";

/// Question bodies, cycled; the counter in front makes each reply unique. Each is well under
/// the server's 60-word limit and ends with the only "?".
const QUESTIONS: [&str; 10] = [
    "How did you keep the card-settlement ledger correct while you split it into Go services?",
    "Which PostgreSQL isolation level did your posting API use, and why that one?",
    "How did you make the posting API idempotent when clients retried after a timeout?",
    "What did you change first when p99 latency had to drop from 480 ms to 35 ms?",
    "How would you move a Java batch job into event-driven Go services without losing a booking?",
    "Which alert from your SLO work caught a real incident, and what did you do next?",
    "How did you plan the RabbitMQ to Kafka migration so that no settlement file was lost?",
    "How do you review a data model for a table that will hold billions of rows?",
    "What did mentoring four engineers teach you about running design reviews?",
    "What would you want the Posting Engine team to remember about you after today?",
];

struct Shared {
    latency: Duration,
    ledger: Arc<ProviderLedger>,
    calls: AtomicU64,
    streamed: AtomicU64,
    reports: AtomicU64,
    /// Requests to any other path, or bodies that are not a chat request.
    unexpected: AtomicU64,
}

/// What the fake saw during a phase.
#[derive(Clone, Copy, Debug, Default)]
pub struct CallCounts {
    pub total: u64,
    pub streamed: u64,
    /// Feedback requests, answered with a report.
    pub reports: u64,
    pub unexpected: u64,
    pub unattributed: u64,
}

pub struct FakeProvider {
    base_url: String,
    shared: Arc<Shared>,
    /// Its own runtime, so that its timing is not queued behind hundreds of virtual-user tasks
    /// on the load generator's runtime (the delay before the handler runs would otherwise be
    /// charged to the server under test).
    runtime: Option<tokio::runtime::Runtime>,
}

impl FakeProvider {
    /// Starts listening on a free loopback port.
    pub fn start(latency: Duration, ledger: Arc<ProviderLedger>) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fake-provider")
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared {
            latency,
            ledger,
            calls: AtomicU64::new(0),
            streamed: AtomicU64::new(0),
            reports: AtomicU64::new(0),
            unexpected: AtomicU64::new(0),
        });
        // The socket is registered with the fake's own runtime. A backlog of 1024 because the
        // server opens up to one connection per concurrent interview at once; std's listener
        // would use a smaller one and a full backlog costs a one-second SYN retry.
        let listener = {
            let _context = runtime.enter();
            let socket = tokio::net::TcpSocket::new_v4()?;
            socket.bind(([127, 0, 0, 1], 0).into())?;
            socket.listen(1024)?
        };
        let base_url = format!("http://{}/v1", listener.local_addr()?);
        let app = Router::new()
            .route("/v1/chat/completions", post(chat_completions))
            .fallback(unexpected)
            .with_state(shared.clone());
        runtime.spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("fake provider stopped: {error}");
            }
        });
        Ok(Self {
            base_url,
            shared,
            runtime: Some(runtime),
        })
    }

    /// The value for `OPENAI_BASE_URL` (the client appends `/chat/completions`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn counts(&self) -> CallCounts {
        CallCounts {
            total: self.shared.calls.load(Ordering::SeqCst),
            streamed: self.shared.streamed.load(Ordering::SeqCst),
            reports: self.shared.reports.load(Ordering::SeqCst),
            unexpected: self.shared.unexpected.load(Ordering::SeqCst),
            unattributed: self.shared.ledger.unattributed(),
        }
    }
}

impl Drop for FakeProvider {
    fn drop(&mut self) {
        // `shutdown_background` is the one way to drop a runtime from inside another one.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Charges the time since `started` to a user when dropped: when the handler returns, or when
/// the server gave up on the call (its timeout) and the handler was cancelled mid-sleep, since
/// the server waited on the provider that long too.
struct Charge {
    ledger: Arc<ProviderLedger>,
    user: Option<usize>,
    started: Instant,
}

impl Drop for Charge {
    fn drop(&mut self) {
        self.ledger.record(self.user, self.started.elapsed());
    }
}

/// `POST /v1/chat/completions`. The time from here to the returned response (the latency
/// plus building the reply) is what gets charged to the virtual user; everything outside it,
/// including the server's own HTTP client and the loopback transfer, stays on the server's
/// side of the ledger.
async fn chat_completions(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let started = Instant::now();
    let call = shared.calls.fetch_add(1, Ordering::SeqCst) + 1;
    let request: Value = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            shared.unexpected.fetch_add(1, Ordering::SeqCst);
            return openai_error(StatusCode::BAD_REQUEST, &format!("invalid JSON: {error}"));
        }
    };
    let text_of = |pointer: &str| {
        request
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let system = text_of("/messages/0/content");
    let prompt = text_of("/messages/1/content");
    let model = request["model"].as_str().unwrap_or(MODEL).to_owned();
    let streaming = request["stream"].as_bool() == Some(true);
    let _charge = Charge {
        ledger: shared.ledger.clone(),
        user: attribution::user_in(&system),
        started,
    };

    if !shared.latency.is_zero() {
        tokio::time::sleep(shared.latency).await;
    }
    // The server asks for a JSON schema only when it wants a report.
    let content = if request["response_format"]["type"] == "json_schema" {
        shared.reports.fetch_add(1, Ordering::SeqCst);
        fake_report::report_reply(&prompt)
    } else {
        question(call)
    };
    // Rough token counts (4 characters a token); the server only stores them.
    let usage = json!({
        "prompt_tokens": (system.len() + prompt.len()) / 4,
        "completion_tokens": content.len() / 4,
        "total_tokens": (system.len() + prompt.len() + content.len()) / 4,
    });
    // `_charge` is dropped after this tail expression, so building the reply is charged too.
    if streaming {
        shared.streamed.fetch_add(1, Ordering::SeqCst);
        stream_reply(call, &model, &content, usage)
    } else {
        json_reply(call, &model, &content, usage)
    }
}

fn question(call: u64) -> String {
    let body = QUESTIONS[usize::try_from(call).unwrap_or_default() % QUESTIONS.len()];
    format!("{QUESTION_PREFIX}{call}: {body}")
}

fn json_reply(call: u64, model: &str, content: &str, usage: Value) -> Response {
    let body = json!({
        "id": format!("chatcmpl-fake-{call}"),
        "object": "chat.completion",
        "model": model,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": "stop"
        }],
        "usage": usage,
    });
    with_body("application/json", Body::from(body.to_string()))
}

/// The stream OpenAI sends: a role chunk, content deltas word by word, a finish chunk, a
/// usage chunk (the client asks for it with `stream_options`) and `[DONE]`.
fn stream_reply(call: u64, model: &str, content: &str, usage: Value) -> Response {
    let id = format!("chatcmpl-fake-{call}");
    let chunk = |choices: Value| {
        let data = json!({"id": id, "object": "chat.completion.chunk", "model": model, "choices": choices});
        format!("data: {data}\n\n")
    };
    let mut events = vec![chunk(
        json!([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}]),
    )];
    events.extend(content.split_inclusive(' ').map(|piece| {
        chunk(json!([{"index": 0, "delta": {"content": piece}, "finish_reason": null}]))
    }));
    events.push(chunk(
        json!([{"index": 0, "delta": {}, "finish_reason": "stop"}]),
    ));
    let usage_event = json!({"id": id, "object": "chat.completion.chunk", "model": model, "choices": [], "usage": usage});
    events.push(format!("data: {usage_event}\n\n"));
    events.push("data: [DONE]\n\n".to_owned());
    let body = Body::from_stream(stream::iter(
        events.into_iter().map(Ok::<_, std::io::Error>),
    ));
    with_body("text/event-stream", body)
}

fn with_body(content_type: &str, body: Body) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// Anything but a chat completion: counted, and refused the way OpenAI refuses it.
async fn unexpected(State(shared): State<Arc<Shared>>) -> Response {
    shared.unexpected.fetch_add(1, Ordering::SeqCst);
    openai_error(
        StatusCode::NOT_FOUND,
        "the fake provider only serves POST /v1/chat/completions",
    )
}

fn openai_error(status: StatusCode, message: &str) -> Response {
    let body =
        json!({"error": {"message": message, "type": "invalid_request_error", "code": null}});
    let mut response = with_body("application/json", Body::from(body.to_string()));
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_unique_single_and_short() {
        let asked: Vec<String> = (1..=50).map(question).collect();
        for (index, text) in asked.iter().enumerate() {
            assert!(text.ends_with('?'), "{text}");
            assert_eq!(text.matches('?').count(), 1, "{text}");
            assert!(text.split_whitespace().count() <= 30, "{text}");
            assert!(!asked[..index].contains(text), "{text} repeats");
        }
    }

    #[tokio::test]
    async fn answers_both_wire_formats_and_charges_the_tagged_user() {
        let ledger = Arc::new(ProviderLedger::new(3));
        let fake = FakeProvider::start(Duration::from_millis(20), ledger.clone()).unwrap();
        let client = reqwest::Client::new();
        let url = format!("{}/chat/completions", fake.base_url());
        let system = format!("Interviewer at {}.", attribution::tag_company("Acme", 2));
        let request = |stream: bool| {
            json!({"model": MODEL, "stream": stream, "max_tokens": 200, "temperature": 0.7,
                   "messages": [{"role": "system", "content": system}, {"role": "user", "content": "CV"}]})
        };

        let plain: Value = client
            .post(&url)
            .json(&request(false))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let first = plain["choices"][0]["message"]["content"].as_str().unwrap();
        assert!(first.starts_with(QUESTION_PREFIX) && first.ends_with('?'));
        assert!(plain["usage"]["completion_tokens"].as_u64().unwrap() > 0);

        let streamed = client
            .post(&url)
            .json(&request(true))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(streamed.trim_end().ends_with("data: [DONE]"));
        let text: String = streamed
            .lines()
            .filter_map(|line| line.strip_prefix("data: "))
            .filter(|data| *data != "[DONE]")
            .filter_map(|data| serde_json::from_str::<Value>(data).ok())
            .filter_map(|chunk| {
                chunk["choices"][0]["delta"]["content"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        assert!(
            text.starts_with(QUESTION_PREFIX) && text.ends_with('?'),
            "{text}"
        );
        assert_ne!(text, first);

        let mut feedback = request(false);
        feedback["messages"][1]["content"] = json!("Question 1:\n<question>\nWhy?\n</question>");
        feedback["response_format"] = json!({"type": "json_schema", "json_schema": {}});
        let report: Value = client
            .post(&url)
            .json(&feedback)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let report = report["choices"][0]["message"]["content"].as_str().unwrap();
        let report: Value = serde_json::from_str(report).unwrap();
        assert_eq!(report["questions"][0]["number"], 1);

        assert_eq!(ledger.calls_for(2), 3);
        assert!(ledger.spent_for(2) >= Duration::from_millis(60));
        let counts = fake.counts();
        assert_eq!(
            (
                counts.total,
                counts.streamed,
                counts.reports,
                counts.unexpected
            ),
            (3, 1, 1, 0)
        );
    }
}
