//! A local LLM provider on 127.0.0.1 that speaks each real wire format (OpenAI chat
//! completions, Anthropic Messages, Gemini generateContent and streamGenerateContent), as a
//! complete JSON reply or as server-sent events when the request asks for a stream. The code
//! under test runs its real HTTP client, prompts and reply checks against it.
//!
//! Each request gets the next scripted [`Reply`], else what the responder makes of the
//! request; every request is recorded for assertions.

mod wire;

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use futures_util::{stream, StreamExt};
use serde_json::Value;

pub use wire::{named_sse, sse, Finish, Meta, Wire};

/// What the fake answers one request with.
#[derive(Clone, Debug)]
pub enum Reply {
    /// `text` in the request's wire format: a JSON reply, or word by word as a stream when the
    /// request asked for one.
    Text(String),
    /// As `Text`, ended by the token limit.
    Truncated(String),
    /// A stream of `text` that stops after its first `words` words with the connection
    /// dropped; to a request that does not stream, the same connection drop with no reply.
    Cut { text: String, words: usize },
    /// An error status with the wire's error body carrying `message`, and `Retry-After`
    /// (seconds) when given.
    Error {
        status: u16,
        message: String,
        retry_after: Option<u32>,
    },
    /// Exactly this status, headers and JSON (or not JSON: garbage) body.
    Raw {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// These server-sent events as they are; `cut` drops the connection after them.
    Events { chunks: Vec<String>, cut: bool },
    /// The reply after a pause, like a model that is slow to start.
    After(Duration, Box<Reply>),
}

impl Reply {
    pub fn text(text: impl Into<String>) -> Self {
        Reply::Text(text.into())
    }

    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Reply::Error {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    /// 429 with `Retry-After: seconds`.
    pub fn rate_limited(seconds: u32) -> Self {
        Reply::Error {
            status: 429,
            message: "Rate limit reached for requests. Please try again later.".into(),
            retry_after: Some(seconds),
        }
    }

    /// A JSON body with this status and no extra header.
    pub fn raw(status: u16, body: impl Into<String>) -> Self {
        Reply::Raw {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn events(chunks: Vec<String>) -> Self {
        Reply::Events { chunks, cut: false }
    }

    /// This reply after `delay`.
    pub fn after(self, delay: Duration) -> Self {
        Reply::After(delay, Box::new(self))
    }
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Request {
    /// 1 for the first request the fake received.
    pub call: usize,
    /// `None` for a path no provider serves.
    pub wire: Option<Wire>,
    /// Path and query.
    pub target: String,
    pub headers: HeaderMap,
    /// `Null` when the body is not JSON.
    pub body: Value,
    pub arrived: Instant,
    /// The model named in the path (Gemini).
    path_model: Option<String>,
}

impl Request {
    /// Whether the reply is to be streamed.
    pub fn streaming(&self) -> bool {
        self.body["stream"] == Value::Bool(true) || self.target.contains(":streamGenerateContent")
    }

    /// The model asked for.
    pub fn model(&self) -> Option<&str> {
        self.path_model
            .as_deref()
            .or_else(|| self.body["model"].as_str())
    }

    /// Whether structured output (a JSON schema or JSON mode) was asked for: what the
    /// application does for reports, never for questions.
    pub fn structured(&self) -> bool {
        !self.body["response_format"].is_null()
            || !self.body["generationConfig"]["responseMimeType"].is_null()
    }

    /// The system prompt.
    pub fn system(&self) -> String {
        match self.wire {
            Some(Wire::Anthropic) => self.body["system"].as_str().unwrap_or_default().into(),
            Some(Wire::Gemini) => self.body["systemInstruction"]["parts"][0]["text"]
                .as_str()
                .unwrap_or_default()
                .into(),
            _ => self.messages("system").join("\n"),
        }
    }

    /// The user's messages, joined by line breaks.
    pub fn user(&self) -> String {
        self.messages("user").join("\n")
    }

    /// Every prompt text of the request, system first, joined by line breaks.
    pub fn prompt(&self) -> String {
        let system = self.system();
        let user = self.user();
        if system.is_empty() {
            user
        } else {
            format!("{system}\n{user}")
        }
    }

    fn messages(&self, role: &str) -> Vec<String> {
        let (list, text_of): (&Value, fn(&Value) -> Option<String>) = match self.wire {
            Some(Wire::Gemini) => (&self.body["contents"], |message| {
                let parts = message["parts"].as_array()?;
                Some(parts.iter().filter_map(|p| p["text"].as_str()).collect())
            }),
            _ => (&self.body["messages"], |message| {
                message["content"].as_str().map(str::to_owned)
            }),
        };
        list.as_array()
            .into_iter()
            .flatten()
            .filter(|message| message["role"] == role)
            .filter_map(text_of)
            .collect()
    }
}

type ReplyFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;
type Responder = Arc<dyn Fn(&Request) -> ReplyFuture + Send + Sync>;

/// Sets up a [`FakeLlm`].
pub struct FakeLlmBuilder {
    replies: VecDeque<Reply>,
    responder: Option<Responder>,
    serial: bool,
    chunk_pause: Duration,
    meta: Meta,
    recording: bool,
}

impl FakeLlmBuilder {
    /// The reply to the next request not yet scripted.
    pub fn reply(mut self, reply: Reply) -> Self {
        self.replies.push_back(reply);
        self
    }

    /// Replies to the first requests, one each, before the responder is asked.
    pub fn replies(mut self, replies: impl IntoIterator<Item = Reply>) -> Self {
        self.replies.extend(replies);
        self
    }

    /// The same reply to every request once the scripted ones are used up.
    pub fn otherwise(self, reply: Reply) -> Self {
        self.respond(move |_| reply.clone())
    }

    /// The reply made from the request, once the scripted ones are used up.
    pub fn respond(self, respond: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        self.respond_async(move |request| {
            let reply = respond(request);
            async move { reply }
        })
    }

    /// As [`Self::respond`], for a responder that waits (and may be cancelled while it does,
    /// when the client gives up).
    pub fn respond_async<F>(
        mut self,
        respond: impl Fn(&Request) -> F + Send + Sync + 'static,
    ) -> Self
    where
        F: Future<Output = Reply> + Send + 'static,
    {
        self.responder = Some(Arc::new(move |request| Box::pin(respond(request))));
        self
    }

    /// One request at a time, each queued behind the ones before it, like llama.cpp on a CPU.
    pub fn serial(mut self) -> Self {
        self.serial = true;
        self
    }

    /// A pause before each event of a stream.
    pub fn chunk_pause(mut self, pause: Duration) -> Self {
        self.chunk_pause = pause;
        self
    }

    /// The token counts every reply reports (321 and 17 unless set).
    pub fn usage(mut self, input_tokens: u32, output_tokens: u32) -> Self {
        self.meta.input_tokens = input_tokens;
        self.meta.output_tokens = output_tokens;
        self
    }

    /// The model name replies report when the request names none ("fake-model").
    pub fn model(mut self, model: &str) -> Self {
        self.meta.model = model.to_owned();
        self
    }

    /// Whether requests are kept for [`FakeLlm::requests`] (on unless turned off, e.g. for a
    /// load test's thousands of prompts). They are counted either way.
    pub fn recording(mut self, recording: bool) -> Self {
        self.recording = recording;
        self
    }

    /// Serves on a free loopback port, on the current Tokio runtime.
    pub async fn start(self) -> FakeLlm {
        let (listener, origin) = bind().expect("the fake provider binds a loopback port");
        let shared = self.shared();
        tokio::spawn(serve(listener, shared.clone()));
        FakeLlm {
            origin,
            shared,
            runtime: None,
        }
    }

    /// Serves on a runtime of its own with `threads` workers, so that its timing is not queued
    /// behind the caller's tasks (a load generator's hundreds of users).
    pub fn start_on_own_runtime(self, threads: usize) -> io::Result<FakeLlm> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads)
            .thread_name("fake-llm")
            .enable_all()
            .build()?;
        // The socket is registered with the fake's own runtime.
        let (listener, origin) = {
            let _context = runtime.enter();
            bind()?
        };
        let shared = self.shared();
        runtime.spawn(serve(listener, shared.clone()));
        Ok(FakeLlm {
            origin,
            shared,
            runtime: Some(runtime),
        })
    }

    fn shared(self) -> Arc<Shared> {
        Arc::new(Shared {
            replies: Mutex::new(self.replies),
            responder: self.responder,
            turn: self.serial.then(|| tokio::sync::Mutex::new(())),
            chunk_pause: self.chunk_pause,
            meta: self.meta,
            recording: self.recording,
            requests: Mutex::default(),
            calls: AtomicUsize::new(0),
            streamed: AtomicUsize::new(0),
            unexpected: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            most_at_once: AtomicUsize::new(0),
        })
    }
}

/// A backlog of 1024: a server under load opens a connection per concurrent interview at
/// once, and a full backlog costs a one-second SYN retry.
fn bind() -> io::Result<(tokio::net::TcpListener, String)> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(([127, 0, 0, 1], 0).into())?;
    let listener = socket.listen(1024)?;
    let origin = format!("http://{}", listener.local_addr()?);
    Ok((listener, origin))
}

async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let app = axum::Router::new().fallback(answer).with_state(shared);
    if let Err(error) = axum::serve(listener, app).await {
        eprintln!("fake LLM provider stopped: {error}");
    }
}

struct Shared {
    replies: Mutex<VecDeque<Reply>>,
    responder: Option<Responder>,
    turn: Option<tokio::sync::Mutex<()>>,
    chunk_pause: Duration,
    meta: Meta,
    recording: bool,
    requests: Mutex<Vec<Request>>,
    calls: AtomicUsize,
    streamed: AtomicUsize,
    unexpected: AtomicUsize,
    in_flight: AtomicUsize,
    most_at_once: AtomicUsize,
}

/// A running fake provider; it stops with the test's runtime (or, on its own runtime, when
/// dropped).
pub struct FakeLlm {
    origin: String,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl FakeLlm {
    pub fn builder() -> FakeLlmBuilder {
        FakeLlmBuilder {
            replies: VecDeque::new(),
            responder: None,
            serial: false,
            chunk_pause: Duration::ZERO,
            meta: Meta::new("fake-model", 321, 17),
            recording: true,
        }
    }

    /// A fake that answers every request with `text`.
    pub async fn replying(text: &str) -> Self {
        Self::builder().otherwise(Reply::text(text)).start().await
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The base URL a client of `wire` is configured with: `…/v1` for OpenAI (the client
    /// appends `/chat/completions`), the origin for the others.
    pub fn base_url(&self, wire: Wire) -> String {
        match wire {
            Wire::OpenAi => format!("{}/v1", self.origin),
            Wire::Anthropic | Wire::Gemini => self.origin.clone(),
        }
    }

    /// The variables that make a server use this fake alone, in `wire`'s format, asking for
    /// `model` (a key for the providers that require one).
    pub fn env(&self, wire: Wire, model: &str) -> Vec<(String, String)> {
        let prefix = wire.env_prefix();
        let mut env = vec![
            ("LLM_PROVIDERS".to_owned(), wire.name().to_owned()),
            (format!("{prefix}_BASE_URL"), self.base_url(wire)),
            (format!("{prefix}_MODEL"), model.to_owned()),
        ];
        if wire != Wire::OpenAi {
            env.push((format!("{prefix}_API_KEY"), "sk-fake-key".to_owned()));
        }
        env
    }

    /// Queues a reply for the next request not yet scripted.
    pub fn push_reply(&self, reply: Reply) {
        self.shared.replies.lock().unwrap().push_back(reply);
    }

    /// Requests received, on any path.
    pub fn calls(&self) -> usize {
        self.shared.calls.load(Ordering::SeqCst)
    }

    /// Requests that asked for a stream.
    pub fn streamed(&self) -> usize {
        self.shared.streamed.load(Ordering::SeqCst)
    }

    /// Requests to a path no provider serves (answered 404), or whose body was not JSON
    /// (answered 400).
    pub fn unexpected(&self) -> usize {
        self.shared.unexpected.load(Ordering::SeqCst)
    }

    /// The most requests held at once (waiting for their turn or their delay).
    pub fn most_at_once(&self) -> usize {
        self.shared.most_at_once.load(Ordering::SeqCst)
    }

    /// Every request received, in order (when recording).
    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The request at `index` (0 for the first).
    pub fn request(&self, index: usize) -> Request {
        self.shared.requests.lock().unwrap()[index].clone()
    }

    pub fn last_request(&self) -> Option<Request> {
        self.shared.requests.lock().unwrap().last().cloned()
    }

    /// When each request arrived, in order.
    pub fn arrivals(&self) -> Vec<Instant> {
        let requests = self.shared.requests.lock().unwrap();
        requests.iter().map(|request| request.arrived).collect()
    }
}

impl Drop for FakeLlm {
    fn drop(&mut self) {
        // `shutdown_background` is the one way to drop a runtime from inside another one.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Counts a request as held until the reply is made, or the client gave up on it.
struct Held<'a>(&'a Shared);

impl<'a> Held<'a> {
    fn new(shared: &'a Shared) -> Self {
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.most_at_once.fetch_max(now, Ordering::SeqCst);
        Self(shared)
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = shared.calls.fetch_add(1, Ordering::SeqCst) + 1;
    let (wire, path_model) = match Wire::of_path(uri.path()) {
        Some((wire, model)) => (Some(wire), model),
        None => (None, None),
    };
    let json = serde_json::from_slice(&body)
        .ok()
        .filter(|json: &Value| !json.is_null());
    if wire.is_none() || json.is_none() {
        shared.unexpected.fetch_add(1, Ordering::SeqCst);
    }
    let request = Request {
        call,
        wire,
        target: uri
            .path_and_query()
            .map(ToString::to_string)
            .unwrap_or_default(),
        headers,
        body: json.unwrap_or(Value::Null),
        arrived: Instant::now(),
        path_model,
    };
    if request.streaming() {
        shared.streamed.fetch_add(1, Ordering::SeqCst);
    }
    if shared.recording {
        shared.requests.lock().unwrap().push(request.clone());
    }
    // Refused the way OpenAI refuses them, without using up a scripted reply.
    if request.wire.is_none() {
        let body = Wire::OpenAi.error(404, "the fake provider serves no such path");
        return raw(404, Vec::new(), body.to_string());
    }
    if request.body.is_null() {
        let body = Wire::OpenAi.error(400, "the request body is not JSON");
        return raw(400, Vec::new(), body.to_string());
    }

    let held = Held::new(&shared);
    let _turn = match &shared.turn {
        Some(turn) => Some(turn.lock().await),
        None => None,
    };
    let scripted = shared.replies.lock().unwrap().pop_front();
    let mut reply = match (scripted, &shared.responder) {
        (Some(reply), _) => reply,
        (None, Some(responder)) => responder(&request).await,
        (None, None) => Reply::raw(
            StatusCode::IM_A_TEAPOT.as_u16(),
            "\"unexpected request: nothing scripted\"",
        ),
    };
    while let Reply::After(delay, then) = reply {
        tokio::time::sleep(delay).await;
        reply = *then;
    }
    drop(held);
    render(&shared, &request, reply)
}

fn render(shared: &Shared, request: &Request, reply: Reply) -> Response {
    let wire = request
        .wire
        .expect("paths no provider serves are refused before");
    let meta = Meta {
        model: request.model().unwrap_or(&shared.meta.model).to_owned(),
        ..shared.meta.clone()
    };
    let (text, finish) = match reply {
        Reply::Text(text) => (text, Finish::Stop),
        Reply::Truncated(text) => (text, Finish::Length),
        Reply::Cut { text, words } => {
            let words: Vec<&str> = text.split_inclusive(' ').take(words).collect();
            let chunks = if request.streaming() {
                wire.stream_start(&words, &meta)
            } else {
                Vec::new()
            };
            return events(chunks, true, shared.chunk_pause);
        }
        Reply::Error {
            status,
            message,
            retry_after,
        } => {
            let mut headers = Vec::new();
            if let Some(seconds) = retry_after {
                headers.push(("retry-after".to_owned(), seconds.to_string()));
            }
            let body = wire.error(status, &message).to_string();
            return raw(status, headers, body);
        }
        Reply::Raw {
            status,
            headers,
            body,
        } => return raw(status, headers, body),
        Reply::Events { chunks, cut } => return events(chunks, cut, shared.chunk_pause),
        Reply::After(..) => unreachable!("waited for in `answer`"),
    };
    if request.streaming() {
        let words: Vec<&str> = text.split_inclusive(' ').collect();
        events(
            wire.stream(&words, &meta, finish),
            false,
            shared.chunk_pause,
        )
    } else {
        raw(
            200,
            Vec::new(),
            wire.reply(&text, &meta, finish).to_string(),
        )
    }
}

fn raw(status: u16, headers: Vec<(String, String)>, body: String) -> Response {
    let mut builder = Response::builder()
        .status(status)
        .header("content-type", "application/json");
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(Body::from(body)).unwrap()
}

/// Server-sent events, `pause` apart; with `cut`, an error from the body makes the server drop
/// the connection mid-response, after a pause that lets the events before it leave the
/// server's write buffer.
fn events(chunks: Vec<String>, cut: bool, pause: Duration) -> Response {
    let sent = stream::iter(chunks).then(move |chunk| async move {
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
        Ok::<_, io::Error>(chunk)
    });
    let ending = stream::iter(cut.then_some(())).then(|()| async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err(io::Error::other("cut"))
    });
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(Body::from_stream(sent.chain(ending)))
        .unwrap()
}

#[cfg(test)]
mod tests;
