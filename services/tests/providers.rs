//! The LLM providers against local servers speaking each provider's real wire format:
//! replies, streams, rate limits, server errors, refusals, timeouts, cut streams and garbage,
//! with retries and the circuit breaker on top.

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use futures_util::{stream, StreamExt};
use llm::anthropic::AnthropicClient;
use llm::gemini::GeminiClient;
use llm::openai::OpenAiClient;
use llm::{
    ApiKey, ChatReply, ChatRequest, CircuitBreaker, JsonSchema, OutputFormat, Provider,
    ProviderConfig, ProviderError, Resilient, RetryPolicy,
};
use serde_json::{json, Value};

const KEY: &str = "sk-test-SECRET-4242";
const SYSTEM: &str = "You are a strict interviewer.";
const USER: &str = "CV: Rust developer. Ask one question.";
const MAX_TOKENS: u32 = 200;
const INPUT_TOKENS: u32 = 21;
const OUTPUT_TOKENS: u32 = 7;

fn request() -> ChatRequest {
    ChatRequest {
        system: SYSTEM.into(),
        user: USER.into(),
        max_output_tokens: MAX_TOKENS,
        temperature: 0.5,
        json_schema: None,
        timeout: None,
    }
}

// ---------------------------------------------------------------------------------------------
// A scripted HTTP server: answers each request with the next scripted response and records it.
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Recorded {
    /// Path and query.
    target: String,
    headers: HeaderMap,
    body: Value,
}

enum Scripted {
    Json {
        status: u16,
        headers: Vec<(&'static str, &'static str)>,
        body: String,
    },
    /// SSE chunks sent a few milliseconds apart; `cut` drops the connection after them.
    Sse { chunks: Vec<String>, cut: bool },
    Slow {
        delay: Duration,
        then: Box<Scripted>,
    },
}

fn ok_json(body: String) -> Scripted {
    Scripted::Json {
        status: 200,
        headers: vec![],
        body,
    }
}

fn status(status: u16, body: String) -> Scripted {
    Scripted::Json {
        status,
        headers: vec![],
        body,
    }
}

#[derive(Default)]
struct Shared {
    script: Mutex<VecDeque<Scripted>>,
    requests: Mutex<Vec<Recorded>>,
}

struct FakeServer {
    origin: String,
    shared: Arc<Shared>,
}

impl FakeServer {
    async fn start(script: Vec<Scripted>) -> Self {
        let shared = Arc::new(Shared {
            script: Mutex::new(script.into()),
            requests: Mutex::default(),
        });
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { origin, shared }
    }

    fn request_count(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    fn with_request<T>(&self, index: usize, inspect: impl FnOnce(&Recorded) -> T) -> T {
        inspect(&self.shared.requests.lock().unwrap()[index])
    }
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared.requests.lock().unwrap().push(Recorded {
        target: uri
            .path_and_query()
            .map(ToString::to_string)
            .unwrap_or_default(),
        headers,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    });
    let next = shared.script.lock().unwrap().pop_front();
    match next {
        Some(scripted) => respond(scripted).await,
        None => plain(StatusCode::IM_A_TEAPOT, "unexpected request".into()),
    }
}

async fn respond(mut scripted: Scripted) -> Response {
    while let Scripted::Slow { delay, then } = scripted {
        tokio::time::sleep(delay).await;
        scripted = *then;
    }
    match scripted {
        Scripted::Json {
            status,
            headers,
            body,
        } => {
            let mut builder = Response::builder()
                .status(status)
                .header("content-type", "application/json");
            for (name, value) in headers {
                builder = builder.header(name, value);
            }
            builder.body(Body::from(body)).unwrap()
        }
        Scripted::Sse { chunks, cut } => {
            let sent = stream::iter(chunks).then(|chunk| async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                Ok::<_, io::Error>(chunk)
            });
            // An error from the body makes the server drop the connection mid-response; the
            // pause first lets the chunks before it leave the server's write buffer.
            let ending = stream::iter(cut.then_some(())).then(|()| async {
                tokio::time::sleep(Duration::from_millis(20)).await;
                Err(io::Error::other("cut"))
            });
            Response::builder()
                .header("content-type", "text/event-stream")
                .body(Body::from_stream(sent.chain(ending)))
                .unwrap()
        }
        Scripted::Slow { .. } => unreachable!("unwrapped above"),
    }
}

fn plain(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .body(Body::from(body))
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Each provider's wire format.
// ---------------------------------------------------------------------------------------------

/// Builds a provider's config from its base URL.
type ConfigFor = fn(base_url: String) -> ProviderConfig;

struct Wire {
    /// The client for a server at `origin`.
    provider: fn(origin: &str, config: ConfigFor) -> Provider,
    /// A complete reply with `text`, `INPUT_TOKENS` and `OUTPUT_TOKENS`.
    reply: fn(text: &str) -> String,
    /// The model name the replies report.
    reply_model: &'static str,
    /// The first events of a stream, carrying `pieces`.
    stream_start: fn(pieces: &[&str]) -> Vec<String>,
    /// The events that finish a stream, with the token counts.
    stream_end: fn() -> Vec<String>,
    /// A refusal in the provider's error format.
    error: fn(message: &str) -> String,
    /// Asserts the request has the provider's path, key, model and both prompts.
    check_request: fn(&Recorded, streaming: bool),
}

fn config_with_key(base_url: String) -> ProviderConfig {
    fast_config(base_url).with_api_key(ApiKey::new(KEY))
}

fn fast_config(base_url: String) -> ProviderConfig {
    ProviderConfig::new(base_url, "test-model")
        .with_timeouts(Duration::from_secs(1), Duration::from_secs(2))
}

fn sse(data: &Value) -> String {
    format!("data: {data}\n\n")
}

fn named_sse(event: &str, data: &Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

const OPENAI: Wire = Wire {
    provider: |origin, config| {
        Provider::OpenAi(OpenAiClient::new(config(format!("{origin}/v1"))).unwrap())
    },
    reply: |text| {
        json!({
            "id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-test-0613",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": INPUT_TOKENS, "completion_tokens": OUTPUT_TOKENS, "total_tokens": INPUT_TOKENS + OUTPUT_TOKENS}
        })
        .to_string()
    },
    reply_model: "gpt-test-0613",
    stream_start: |pieces| {
        let chunk = |delta: Value| {
            sse(&json!({
                "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-test-0613",
                "choices": [{"index": 0, "delta": delta, "finish_reason": null}]
            }))
        };
        let mut chunks = vec![chunk(json!({"role": "assistant", "content": ""}))];
        chunks.extend(pieces.iter().map(|piece| chunk(json!({"content": piece}))));
        chunks
    },
    stream_end: || {
        vec![
            sse(&json!({
                "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-test-0613",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]
            })),
            sse(&json!({
                "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": "gpt-test-0613",
                "choices": [],
                "usage": {"prompt_tokens": INPUT_TOKENS, "completion_tokens": OUTPUT_TOKENS}
            })),
            "data: [DONE]\n\n".into(),
        ]
    },
    error: |message| {
        json!({"error": {"message": message, "type": "invalid_request_error", "code": "invalid_api_key"}})
            .to_string()
    },
    check_request: |recorded, streaming| {
        assert_eq!(recorded.target, "/v1/chat/completions");
        assert_eq!(recorded.headers["authorization"], format!("Bearer {KEY}"));
        let body = &recorded.body;
        assert_eq!(body["model"], "test-model");
        assert_eq!(
            body["messages"][0],
            json!({"role": "system", "content": SYSTEM})
        );
        assert_eq!(
            body["messages"][1],
            json!({"role": "user", "content": USER})
        );
        assert_eq!(body["max_tokens"], MAX_TOKENS);
        assert_eq!(body["stream"], streaming);
    },
};

const GEMINI: Wire = Wire {
    provider: |origin, config| {
        Provider::Gemini(GeminiClient::new(config(origin.to_owned())).unwrap())
    },
    reply: |text| {
        json!({
            "candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": INPUT_TOKENS, "candidatesTokenCount": OUTPUT_TOKENS, "totalTokenCount": INPUT_TOKENS + OUTPUT_TOKENS},
            "modelVersion": "gemini-test-001"
        })
        .to_string()
    },
    reply_model: "gemini-test-001",
    stream_start: |pieces| {
        // Gemini ends its events with CRLF pairs.
        pieces
            .iter()
            .map(|piece| {
                let chunk = json!({
                    "candidates": [{"content": {"parts": [{"text": piece}], "role": "model"}, "index": 0}],
                    "usageMetadata": {"promptTokenCount": INPUT_TOKENS, "totalTokenCount": INPUT_TOKENS},
                    "modelVersion": "gemini-test-001"
                });
                format!("data: {chunk}\r\n\r\n")
            })
            .collect()
    },
    stream_end: || {
        let chunk = json!({
            "candidates": [{"content": {"parts": [{"text": ""}], "role": "model"}, "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": INPUT_TOKENS, "candidatesTokenCount": OUTPUT_TOKENS, "totalTokenCount": INPUT_TOKENS + OUTPUT_TOKENS},
            "modelVersion": "gemini-test-001"
        });
        vec![format!("data: {chunk}\r\n\r\n")]
    },
    error: |message| {
        json!({"error": {"code": 401, "message": message, "status": "UNAUTHENTICATED"}}).to_string()
    },
    check_request: |recorded, streaming| {
        let expected = if streaming {
            "/v1beta/models/test-model:streamGenerateContent?alt=sse"
        } else {
            "/v1beta/models/test-model:generateContent"
        };
        assert_eq!(recorded.target, expected);
        assert_eq!(recorded.headers["x-goog-api-key"], KEY);
        let body = &recorded.body;
        assert_eq!(body["systemInstruction"]["parts"][0]["text"], SYSTEM);
        assert_eq!(
            body["contents"],
            json!([{"role": "user", "parts": [{"text": USER}]}])
        );
        assert_eq!(body["generationConfig"]["maxOutputTokens"], MAX_TOKENS);
    },
};

const ANTHROPIC: Wire = Wire {
    provider: |origin, config| {
        Provider::Anthropic(AnthropicClient::new(config(origin.to_owned())).unwrap())
    },
    reply: |text| {
        json!({
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test-20250101",
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn", "stop_sequence": null,
            "usage": {"input_tokens": INPUT_TOKENS, "output_tokens": OUTPUT_TOKENS}
        })
        .to_string()
    },
    reply_model: "claude-test-20250101",
    stream_start: |pieces| {
        let mut chunks = vec![
            named_sse(
                "message_start",
                &json!({
                    "type": "message_start",
                    "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test-20250101",
                        "content": [], "stop_reason": null, "usage": {"input_tokens": INPUT_TOKENS, "output_tokens": 1}}
                }),
            ),
            named_sse(
                "content_block_start",
                &json!({
                    "type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}
                }),
            ),
            named_sse("ping", &json!({"type": "ping"})),
        ];
        chunks.extend(pieces.iter().map(|piece| {
            named_sse("content_block_delta", &json!({
                "type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}
            }))
        }));
        chunks
    },
    stream_end: || {
        vec![
            named_sse(
                "content_block_stop",
                &json!({"type": "content_block_stop", "index": 0}),
            ),
            named_sse(
                "message_delta",
                &json!({
                    "type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null},
                    "usage": {"output_tokens": OUTPUT_TOKENS}
                }),
            ),
            named_sse("message_stop", &json!({"type": "message_stop"})),
        ]
    },
    error: |message| {
        json!({"type": "error", "error": {"type": "authentication_error", "message": message}})
            .to_string()
    },
    check_request: |recorded, streaming| {
        assert_eq!(recorded.target, "/v1/messages");
        assert_eq!(recorded.headers["x-api-key"], KEY);
        assert_eq!(recorded.headers["anthropic-version"], "2023-06-01");
        let body = &recorded.body;
        assert_eq!(body["model"], "test-model");
        assert_eq!(body["system"], SYSTEM);
        assert_eq!(body["messages"], json!([{"role": "user", "content": USER}]));
        assert_eq!(body["max_tokens"], MAX_TOKENS);
        assert_eq!(body["stream"], streaming);
    },
};

// ---------------------------------------------------------------------------------------------
// Scenarios, run for every provider.
// ---------------------------------------------------------------------------------------------

fn retrying(provider: Provider) -> Resilient {
    Resilient::new(
        provider,
        RetryPolicy::new(3, Duration::from_millis(10), Duration::from_secs(2)),
        CircuitBreaker::new(10, Duration::from_secs(60)),
    )
}

fn full_stream(wire: &Wire, pieces: &[&str]) -> Vec<String> {
    let mut chunks = (wire.stream_start)(pieces);
    chunks.extend((wire.stream_end)());
    chunks
}

fn expected_reply(wire: &Wire, text: &str) -> ChatReply {
    ChatReply {
        text: text.into(),
        model: wire.reply_model.into(),
        input_tokens: Some(INPUT_TOKENS),
        output_tokens: Some(OUTPUT_TOKENS),
    }
}

/// Streams through `resilient`, collecting the deltas in the order they arrived.
async fn stream_collecting(
    resilient: &Resilient,
) -> (Result<ChatReply, ProviderError>, Vec<String>) {
    let mut deltas = Vec::new();
    let result = resilient
        .stream(&request(), &mut |piece: &str| deltas.push(piece.to_owned()))
        .await;
    (result, deltas)
}

async fn replies_with_text_and_token_counts(wire: &Wire) {
    let server = FakeServer::start(vec![ok_json((wire.reply)("What is ownership?"))]).await;
    let provider = (wire.provider)(&server.origin, config_with_key);

    let reply = provider.complete(&request()).await.unwrap();

    assert_eq!(reply, expected_reply(wire, "What is ownership?"));
    assert_eq!(server.request_count(), 1);
    server.with_request(0, |recorded| (wire.check_request)(recorded, false));
}

async fn streams_deltas_in_order(wire: &Wire) {
    let pieces = ["Tell me", " about", " a bug", " you fixed?"];
    let chunks = full_stream(wire, &pieces);
    let server = FakeServer::start(vec![Scripted::Sse { chunks, cut: false }]).await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert_eq!(deltas, pieces);
    assert_eq!(
        result.unwrap(),
        expected_reply(wire, "Tell me about a bug you fixed?")
    );
    server.with_request(0, |recorded| (wire.check_request)(recorded, true));
}

async fn waits_for_retry_after_then_succeeds(wire: &Wire) {
    let server = FakeServer::start(vec![
        Scripted::Json {
            status: 429,
            headers: vec![("retry-after", "1")],
            body: (wire.error)("slow down"),
        },
        ok_json((wire.reply)("Why Rust?")),
    ])
    .await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));
    let started = Instant::now();

    let reply = resilient.complete(&request()).await.unwrap();

    assert_eq!(reply.text, "Why Rust?");
    assert_eq!(server.request_count(), 2);
    // The backoff alone would wait at most 10 ms.
    assert!(started.elapsed() >= Duration::from_millis(950));
}

async fn retries_a_server_error(wire: &Wire) {
    let server = FakeServer::start(vec![
        status(500, "{}".into()),
        status(503, "overloaded".into()),
        ok_json((wire.reply)("Why Rust?")),
    ])
    .await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));

    let reply = resilient.complete(&request()).await.unwrap();

    assert_eq!(reply.text, "Why Rust?");
    assert_eq!(server.request_count(), 3);
}

async fn does_not_retry_a_refusal_nor_leak_the_key(wire: &Wire) {
    let message = format!("invalid api key {KEY}");
    let server = FakeServer::start(vec![
        status(401, (wire.error)(&message)),
        ok_json((wire.reply)("never asked")),
    ])
    .await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(
        error,
        ProviderError::Rejected {
            status: 401,
            message: "invalid api key ***".into()
        }
    );
    assert_eq!(server.request_count(), 1);
    for printed in [format!("{error} {error:?}"), format!("{resilient:?}")] {
        assert!(!printed.contains(KEY), "{printed}");
    }
}

async fn times_out(wire: &Wire) {
    let server = FakeServer::start(vec![Scripted::Slow {
        delay: Duration::from_millis(600),
        then: Box::new(ok_json((wire.reply)("too late"))),
    }])
    .await;
    let short_timeout = |base_url| {
        config_with_key(base_url).with_timeouts(Duration::from_secs(1), Duration::from_millis(100))
    };
    let resilient = Resilient::new(
        (wire.provider)(&server.origin, short_timeout),
        RetryPolicy::no_retry(),
        CircuitBreaker::default(),
    );
    let started = Instant::now();

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Timeout);
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.request_count(), 1);
}

async fn a_cut_stream_is_an_error_without_duplicate_deltas(wire: &Wire) {
    let server = FakeServer::start(vec![
        Scripted::Sse {
            chunks: (wire.stream_start)(&["Tell me", " about"]),
            cut: true,
        },
        Scripted::Sse {
            chunks: full_stream(wire, &["Tell me", " about", " Rust"]),
            cut: false,
        },
    ])
    .await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert!(
        matches!(result, Err(ProviderError::Connection(_))),
        "{result:?}"
    );
    assert_eq!(deltas, ["Tell me", " about"]);
    assert_eq!(server.request_count(), 1, "no retry once text was shown");
}

async fn a_stream_that_fails_before_any_text_is_retried(wire: &Wire) {
    let server = FakeServer::start(vec![
        status(502, "bad gateway".into()),
        Scripted::Sse {
            chunks: (wire.stream_start)(&[]),
            cut: true,
        },
        Scripted::Sse {
            chunks: full_stream(wire, &["Why", " Rust?"]),
            cut: false,
        },
    ])
    .await;
    let resilient = retrying((wire.provider)(&server.origin, config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert_eq!(result.unwrap().text, "Why Rust?");
    assert_eq!(deltas, ["Why", " Rust?"]);
    assert_eq!(server.request_count(), 3);
}

async fn garbage_is_malformed(wire: &Wire) {
    let server = FakeServer::start(vec![
        ok_json("<html>Bad gateway</html>".into()),
        ok_json(json!({"unexpected": true}).to_string()),
        Scripted::Sse {
            chunks: vec!["data: {not json\n\n".into()],
            cut: false,
        },
    ])
    .await;
    let provider = (wire.provider)(&server.origin, config_with_key);

    for _ in 0..2 {
        let error = provider.complete(&request()).await.unwrap_err();
        assert!(matches!(error, ProviderError::Malformed(_)), "{error:?}");
    }
    let error = provider
        .stream(&request(), &mut |_: &str| {})
        .await
        .unwrap_err();
    assert!(matches!(error, ProviderError::Malformed(_)), "{error:?}");
}

macro_rules! provider_tests {
    ($($module:ident => $wire:expr),* $(,)?) => {$(
        mod $module {
            use super::*;

            #[tokio::test]
            async fn replies_with_text_and_token_counts() {
                super::replies_with_text_and_token_counts(&$wire).await
            }

            #[tokio::test]
            async fn streams_deltas_in_order() {
                super::streams_deltas_in_order(&$wire).await
            }

            #[tokio::test]
            async fn waits_for_retry_after_then_succeeds() {
                super::waits_for_retry_after_then_succeeds(&$wire).await
            }

            #[tokio::test]
            async fn retries_a_server_error() {
                super::retries_a_server_error(&$wire).await
            }

            #[tokio::test]
            async fn does_not_retry_a_refusal_nor_leak_the_key() {
                super::does_not_retry_a_refusal_nor_leak_the_key(&$wire).await
            }

            #[tokio::test]
            async fn times_out() {
                super::times_out(&$wire).await
            }

            #[tokio::test]
            async fn a_cut_stream_is_an_error_without_duplicate_deltas() {
                super::a_cut_stream_is_an_error_without_duplicate_deltas(&$wire).await
            }

            #[tokio::test]
            async fn a_stream_that_fails_before_any_text_is_retried() {
                super::a_stream_that_fails_before_any_text_is_retried(&$wire).await
            }

            #[tokio::test]
            async fn garbage_is_malformed() {
                super::garbage_is_malformed(&$wire).await
            }
        }
    )*};
}

provider_tests!(openai => OPENAI, gemini => GEMINI, anthropic => ANTHROPIC);

// ---------------------------------------------------------------------------------------------
// Provider-specific cases.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn openai_compatible_local_servers_need_no_key() {
    let server = FakeServer::start(vec![ok_json((OPENAI.reply)("Hi"))]).await;
    let provider = (OPENAI.provider)(&server.origin, fast_config);

    provider.complete(&request()).await.unwrap();

    server.with_request(0, |recorded| {
        assert!(!recorded.headers.contains_key("authorization"))
    });
}

#[tokio::test]
async fn anthropic_error_event_in_a_stream_is_reported() {
    let mut chunks = (ANTHROPIC.stream_start)(&[]);
    chunks.push(named_sse(
        "error",
        &json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
    ));
    let server = FakeServer::start(vec![Scripted::Sse { chunks, cut: false }]).await;
    let provider = (ANTHROPIC.provider)(&server.origin, config_with_key);

    let error = provider
        .stream(&request(), &mut |_: &str| {})
        .await
        .unwrap_err();

    assert_eq!(error, ProviderError::Server { status: 529 });
}

// ---------------------------------------------------------------------------------------------
// The circuit breaker, end to end.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_breaker_opens_rests_and_closes_after_a_healthy_call() {
    let server = FakeServer::start(vec![
        status(500, "{}".into()),
        status(500, "{}".into()),
        ok_json((OPENAI.reply)("back")),
        ok_json((OPENAI.reply)("still fine")),
    ])
    .await;
    let cooldown = Duration::from_millis(150);
    let resilient = Resilient::new(
        (OPENAI.provider)(&server.origin, config_with_key),
        RetryPolicy::no_retry(),
        CircuitBreaker::new(2, cooldown),
    );

    for _ in 0..2 {
        let error = resilient.complete(&request()).await.unwrap_err();
        assert_eq!(error, ProviderError::Server { status: 500 });
    }
    assert!(resilient.breaker().is_open());
    assert_eq!(
        resilient.complete(&request()).await,
        Err(ProviderError::CircuitOpen)
    );
    assert_eq!(server.request_count(), 2, "an open breaker calls nobody");

    tokio::time::sleep(cooldown).await;
    assert_eq!(resilient.complete(&request()).await.unwrap().text, "back");
    assert!(!resilient.breaker().is_open());
    assert_eq!(
        resilient.complete(&request()).await.unwrap().text,
        "still fine"
    );
    assert_eq!(server.request_count(), 4);
}

#[tokio::test]
async fn a_breaker_opening_between_retries_reports_the_real_failure() {
    let server = FakeServer::start(vec![status(503, "{}".into()), status(503, "{}".into())]).await;
    let resilient = Resilient::new(
        (OPENAI.provider)(&server.origin, config_with_key),
        RetryPolicy::new(5, Duration::from_millis(1), Duration::from_millis(10)),
        CircuitBreaker::new(2, Duration::from_secs(60)),
    );

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Server { status: 503 });
    assert_eq!(server.request_count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_run_on_spawned_tasks() {
    let server = FakeServer::start(vec![
        ok_json((GEMINI.reply)("one")),
        Scripted::Sse {
            chunks: full_stream(&GEMINI, &["two"]),
            cut: false,
        },
    ])
    .await;
    let resilient = Arc::new(retrying((GEMINI.provider)(&server.origin, config_with_key)));

    // Spawning needs `Send` futures, as in the server's request handlers.
    let shared = resilient.clone();
    let completed = tokio::spawn(async move { shared.complete(&request()).await });
    assert_eq!(completed.await.unwrap().unwrap().text, "one");
    let streamed = tokio::spawn(async move {
        let mut deltas = Vec::new();
        let reply = resilient
            .stream(&request(), &mut |piece: &str| deltas.push(piece.to_owned()))
            .await;
        (reply, deltas)
    });
    let (reply, deltas) = streamed.await.unwrap();
    assert_eq!(reply.unwrap().text, "two");
    assert_eq!(deltas, ["two"]);
}

// ---------------------------------------------------------------------------------------------
// Structured-output negotiation: each server's refusal, the step down, and the memory of it.
// ---------------------------------------------------------------------------------------------

fn structured_request() -> ChatRequest {
    let schema = json!({
        "type": "object",
        "properties": {"summary": {"type": "string"}},
        "required": ["summary"],
        "additionalProperties": false
    });
    ChatRequest {
        json_schema: Some(JsonSchema {
            name: "report",
            openai: schema.clone(),
            gemini: json!({"type": "OBJECT", "properties": {"summary": {"type": "STRING"}}}),
        }),
        ..request()
    }
}

/// What llama-cpp-python 0.3 answers to `response_format: json_schema`: FastAPI's validation
/// error, turned into a 500 by its route handler.
fn llama_cpp_refuses_json_schema() -> Scripted {
    let message = "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}]";
    status(
        500,
        json!({"error": {"message": message, "type": "internal_server_error", "param": null, "code": null}})
            .to_string(),
    )
}

/// A breaker that opens on the first failure, so any refusal counted as one would show.
fn negotiating(provider: Provider) -> Resilient {
    Resilient::new(
        provider,
        RetryPolicy::new(3, Duration::from_millis(1), Duration::from_millis(10)),
        CircuitBreaker::new(1, Duration::from_secs(60)),
    )
}

fn response_format(server: &FakeServer, index: usize) -> Value {
    server.with_request(index, |recorded| recorded.body["response_format"].clone())
}

#[tokio::test]
async fn llama_cpp_python_refusing_json_schema_gets_json_mode_with_the_schema_remembered() {
    let server = FakeServer::start(vec![
        llama_cpp_refuses_json_schema(),
        ok_json((OPENAI.reply)(r#"{"summary": "one"}"#)),
        ok_json((OPENAI.reply)(r#"{"summary": "two"}"#)),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(&server.origin, fast_config));

    let first = resilient.complete(&structured_request()).await.unwrap();
    let second = resilient.complete(&structured_request()).await.unwrap();

    assert_eq!(
        (first.text.as_str(), second.text.as_str()),
        (r#"{"summary": "one"}"#, r#"{"summary": "two"}"#)
    );
    assert_eq!(
        server.request_count(),
        3,
        "the refusal is not retried, the memory holds"
    );
    assert_eq!(response_format(&server, 0)["type"], "json_schema");
    let schema = structured_request().json_schema.unwrap().openai;
    for index in [1, 2] {
        assert_eq!(
            response_format(&server, index),
            json!({"type": "json_object", "schema": schema})
        );
    }
    assert_eq!(
        resilient.output_format(),
        OutputFormat::JsonObjectWithSchema
    );
    assert!(
        !resilient.breaker().is_open(),
        "a refused format is not a failing server"
    );
    // llama.cpp ignores `max_completion_tokens`: the limit must travel as `max_tokens`.
    server.with_request(2, |recorded| {
        assert_eq!(recorded.body["max_tokens"], MAX_TOKENS);
        assert!(recorded.body.get("max_completion_tokens").is_none());
    });
}

/// llama.cpp refuses `json_schema` by name. A call that starts while the weaker format's call
/// is still running (minutes on a CPU model; the report's other calls start meanwhile) must
/// not ask for the refused format again.
#[tokio::test]
async fn a_format_refused_by_name_is_remembered_before_the_weaker_one_answers() {
    let server = FakeServer::start(vec![
        llama_cpp_refuses_json_schema(),
        Scripted::Slow {
            delay: Duration::from_millis(600),
            then: Box::new(ok_json((OPENAI.reply)(r#"{"summary": "one"}"#))),
        },
        ok_json((OPENAI.reply)(r#"{"summary": "two"}"#)),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(&server.origin, fast_config));

    let request = structured_request();
    let later = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        resilient.complete(&request).await
    };
    let (first, second) = tokio::join!(resilient.complete(&request), later);
    assert!(first.is_ok() && second.is_ok());
    assert_eq!(response_format(&server, 0)["type"], "json_schema");
    assert_eq!(response_format(&server, 1)["type"], "json_object");
    assert_eq!(
        response_format(&server, 2)["type"],
        "json_object",
        "the call made meanwhile starts below the refused format"
    );
}

#[tokio::test]
async fn every_refused_step_leads_down_to_the_plain_prompt() {
    let refusal = |code: u16| status(code, (OPENAI.error)("response_format is not supported"));
    let server = FakeServer::start(vec![
        refusal(400),
        refusal(422),
        refusal(400),
        ok_json((OPENAI.reply)("{}")),
        ok_json((OPENAI.reply)("{}")),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(&server.origin, fast_config));

    resilient.complete(&structured_request()).await.unwrap();
    resilient.complete(&structured_request()).await.unwrap();

    let kinds: Vec<Value> = (0..5)
        .map(|index| response_format(&server, index)["type"].clone())
        .collect();
    assert_eq!(
        kinds,
        [
            json!("json_schema"),
            json!("json_object"),
            json!("json_object"),
            Value::Null,
            Value::Null
        ]
    );
    assert!(response_format(&server, 1).get("schema").is_some());
    assert!(response_format(&server, 2).get("schema").is_none());
    assert_eq!(resilient.output_format(), OutputFormat::Plain);
    assert!(!resilient.breaker().is_open());
}

#[tokio::test]
async fn a_request_refused_even_as_plain_text_is_the_requests_fault_and_not_remembered() {
    let too_long = || status(400, (OPENAI.error)("maximum context length exceeded"));
    let server = FakeServer::start(vec![
        too_long(),
        too_long(),
        too_long(),
        too_long(),
        ok_json((OPENAI.reply)("{}")),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(&server.origin, fast_config));

    let error = resilient.complete(&structured_request()).await.unwrap_err();
    resilient.complete(&structured_request()).await.unwrap();

    assert!(
        matches!(error, ProviderError::Rejected { status: 400, .. }),
        "{error:?}"
    );
    assert_eq!(resilient.output_format(), OutputFormat::JsonSchema);
    assert_eq!(response_format(&server, 4)["type"], "json_schema");
}

#[tokio::test]
async fn a_server_error_that_does_not_name_the_format_is_retried_in_the_same_format() {
    let server = FakeServer::start(vec![
        status(500, (OPENAI.error)("CUDA out of memory")),
        ok_json((OPENAI.reply)("{}")),
    ])
    .await;
    let resilient = retrying((OPENAI.provider)(&server.origin, fast_config));

    resilient.complete(&structured_request()).await.unwrap();

    assert_eq!(server.request_count(), 2);
    assert_eq!(response_format(&server, 1)["type"], "json_schema");
    assert_eq!(resilient.output_format(), OutputFormat::JsonSchema);
}

#[tokio::test]
async fn gemini_steps_from_response_schema_to_json_mode_to_plain() {
    // LiteLLM answers Gemini-format requests with errors in OpenAI's shape.
    let server = FakeServer::start(vec![
        status(
            500,
            (OPENAI.error)("litellm.BadRequestError: response_schema is not supported"),
        ),
        status(400, (OPENAI.error)("responseMimeType is not supported")),
        ok_json((GEMINI.reply)("{}")),
    ])
    .await;
    let resilient = negotiating((GEMINI.provider)(&server.origin, fast_config));

    resilient.complete(&structured_request()).await.unwrap();

    let config =
        |index| server.with_request(index, |recorded| recorded.body["generationConfig"].clone());
    assert_eq!(config(0)["responseMimeType"], "application/json");
    assert_eq!(config(0)["responseSchema"]["type"], "OBJECT");
    assert_eq!(config(1)["responseMimeType"], "application/json");
    assert!(config(1).get("responseSchema").is_none());
    assert!(config(2).get("responseMimeType").is_none());
    assert_eq!(config(2)["maxOutputTokens"], MAX_TOKENS);
    assert_eq!(resilient.output_format(), OutputFormat::Plain);
}

#[tokio::test]
async fn anthropic_is_asked_for_json_by_the_prompt_alone() {
    let server = FakeServer::start(vec![ok_json((ANTHROPIC.reply)("{}"))]).await;
    let resilient = negotiating((ANTHROPIC.provider)(&server.origin, config_with_key));

    resilient.complete(&structured_request()).await.unwrap();

    server.with_request(0, |recorded| {
        (ANTHROPIC.check_request)(recorded, false);
        let fields: Vec<&String> = recorded.body.as_object().unwrap().keys().collect();
        assert_eq!(
            fields,
            [
                "max_tokens",
                "messages",
                "model",
                "stream",
                "system",
                "temperature"
            ]
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Timeouts by purpose, and no retry behind a generation that timed out.
// ---------------------------------------------------------------------------------------------

fn slow_reply(text: &str) -> Scripted {
    Scripted::Slow {
        delay: Duration::from_millis(400),
        then: Box::new(ok_json((OPENAI.reply)(text))),
    }
}

fn impatient(base_url: String) -> ProviderConfig {
    fast_config(base_url).with_timeouts(Duration::from_secs(1), Duration::from_millis(150))
}

#[tokio::test]
async fn a_request_may_take_longer_than_the_providers_default_when_it_says_so() {
    let server = FakeServer::start(vec![slow_reply("a long report")]).await;
    let resilient = retrying((OPENAI.provider)(&server.origin, impatient));
    let report = ChatRequest {
        timeout: Some(Duration::from_secs(5)),
        ..request()
    };

    assert_eq!(
        resilient.complete(&report).await.unwrap().text,
        "a long report"
    );
}

#[tokio::test]
async fn a_timed_out_generation_is_not_retried_on_the_same_server() {
    let server = FakeServer::start(vec![
        slow_reply("too late"),
        ok_json((OPENAI.reply)("queued")),
    ])
    .await;
    let resilient = retrying((OPENAI.provider)(&server.origin, impatient));

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Timeout);
    assert_eq!(server.request_count(), 1);
}
