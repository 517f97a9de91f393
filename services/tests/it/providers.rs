//! The LLM providers against local servers speaking each provider's real wire format:
//! replies, streams, rate limits, server errors, refusals, timeouts, cut streams and garbage,
//! with retries and the circuit breaker on top.

use std::sync::Arc;
use std::time::{Duration, Instant};

use llm::anthropic::AnthropicClient;
use llm::gemini::GeminiClient;
use llm::openai::OpenAiClient;
use llm::{
    ApiKey, ChatReply, ChatRequest, CircuitBreaker, JsonSchema, OutputFormat, Provider,
    ProviderConfig, ProviderError, Resilient, RetryPolicy,
};
use serde_json::{json, Value};
use testkit::fake_llm::{named_sse, FakeLlm, Finish, Meta, Reply, Request as Recorded, Wire};

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
// The fake server answers each request with the next scripted reply and records it; these
// replies are exact bodies, so each test says byte for byte what the provider sends.
// ---------------------------------------------------------------------------------------------

fn ok_json(body: String) -> Reply {
    Reply::raw(200, body)
}

fn status(status: u16, body: String) -> Reply {
    Reply::raw(status, body)
}

async fn fake_server(script: Vec<Reply>) -> FakeLlm {
    FakeLlm::builder().replies(script).start().await
}

// ---------------------------------------------------------------------------------------------
// Each provider's wire format.
// ---------------------------------------------------------------------------------------------

/// Builds a provider's config from its base URL.
type ConfigFor = fn(base_url: String) -> ProviderConfig;

/// A provider's wire format as these tests use it: its client, and what its server sends.
struct Format {
    wire: Wire,
    /// The client for a server at `origin`.
    provider: fn(origin: &str, config: ConfigFor) -> Provider,
    /// The model name the replies report.
    reply_model: &'static str,
    /// Asserts the request has the provider's path, key, model and both prompts.
    check_request: fn(&Recorded, streaming: bool),
}

impl Format {
    fn meta(&self) -> Meta {
        Meta::new(self.reply_model, INPUT_TOKENS, OUTPUT_TOKENS)
    }

    /// A complete reply with `text`, `INPUT_TOKENS` and `OUTPUT_TOKENS`.
    fn reply(&self, text: &str) -> String {
        self.wire
            .reply(text, &self.meta(), Finish::Stop)
            .to_string()
    }

    /// The first events of a stream, carrying `pieces`.
    fn stream_start(&self, pieces: &[&str]) -> Vec<String> {
        self.wire.stream_start(pieces, &self.meta())
    }

    /// A refusal with `status` in the provider's error format.
    fn error(&self, status: u16, message: &str) -> String {
        self.wire.error(status, message).to_string()
    }
}

fn config_with_key(base_url: String) -> ProviderConfig {
    fast_config(base_url).with_api_key(ApiKey::new(KEY))
}

fn fast_config(base_url: String) -> ProviderConfig {
    ProviderConfig::new(base_url, "test-model")
        .with_timeouts(Duration::from_secs(1), Duration::from_secs(2))
}

const OPENAI: Format = Format {
    wire: Wire::OpenAi,
    provider: |origin, config| {
        Provider::OpenAi(OpenAiClient::new(config(format!("{origin}/v1"))).unwrap())
    },
    reply_model: "gpt-test-0613",
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

const GEMINI: Format = Format {
    wire: Wire::Gemini,
    provider: |origin, config| {
        Provider::Gemini(GeminiClient::new(config(origin.to_owned())).unwrap())
    },
    reply_model: "gemini-test-001",
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

const ANTHROPIC: Format = Format {
    wire: Wire::Anthropic,
    provider: |origin, config| {
        Provider::Anthropic(AnthropicClient::new(config(origin.to_owned())).unwrap())
    },
    reply_model: "claude-test-20250101",
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

fn full_stream(wire: &Format, pieces: &[&str]) -> Vec<String> {
    wire.wire.stream(pieces, &wire.meta(), Finish::Stop)
}

fn expected_reply(wire: &Format, text: &str) -> ChatReply {
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

async fn replies_with_text_and_token_counts(wire: &Format) {
    let server = fake_server(vec![ok_json(wire.reply("What is ownership?"))]).await;
    let provider = (wire.provider)(server.origin(), config_with_key);

    let reply = provider.complete(&request()).await.unwrap();

    assert_eq!(reply, expected_reply(wire, "What is ownership?"));
    assert_eq!(server.calls(), 1);
    (wire.check_request)(&server.request(0), false);
}

async fn streams_deltas_in_order(wire: &Format) {
    let pieces = ["Tell me", " about", " a bug", " you fixed?"];
    let chunks = full_stream(wire, &pieces);
    let server = fake_server(vec![Reply::Events { chunks, cut: false }]).await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert_eq!(deltas, pieces);
    assert_eq!(
        result.unwrap(),
        expected_reply(wire, "Tell me about a bug you fixed?")
    );
    (wire.check_request)(&server.request(0), true);
}

async fn waits_for_retry_after_then_succeeds(wire: &Format) {
    let server = fake_server(vec![
        Reply::Raw {
            status: 429,
            headers: vec![("retry-after".into(), "1".into())],
            body: wire.error(429, "slow down"),
        },
        ok_json(wire.reply("Why Rust?")),
    ])
    .await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));
    let started = Instant::now();

    let reply = resilient.complete(&request()).await.unwrap();

    assert_eq!(reply.text, "Why Rust?");
    assert_eq!(server.calls(), 2);
    // The backoff alone would wait at most 10 ms.
    assert!(started.elapsed() >= Duration::from_millis(950));
}

async fn retries_a_server_error(wire: &Format) {
    let server = fake_server(vec![
        status(500, "{}".into()),
        status(503, "overloaded".into()),
        ok_json(wire.reply("Why Rust?")),
    ])
    .await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));

    let reply = resilient.complete(&request()).await.unwrap();

    assert_eq!(reply.text, "Why Rust?");
    assert_eq!(server.calls(), 3);
}

async fn does_not_retry_a_refusal_nor_leak_the_key(wire: &Format) {
    let message = format!("invalid api key {KEY}");
    let server = fake_server(vec![
        status(401, wire.error(401, &message)),
        ok_json(wire.reply("never asked")),
    ])
    .await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(
        error,
        ProviderError::Rejected {
            status: 401,
            message: "invalid api key ***".into()
        }
    );
    assert_eq!(server.calls(), 1);
    for printed in [format!("{error} {error:?}"), format!("{resilient:?}")] {
        assert!(!printed.contains(KEY), "{printed}");
    }
}

async fn times_out(wire: &Format) {
    let server = fake_server(vec![
        ok_json(wire.reply("too late")).after(Duration::from_millis(600))
    ])
    .await;
    let short_timeout = |base_url| {
        config_with_key(base_url).with_timeouts(Duration::from_secs(1), Duration::from_millis(100))
    };
    let resilient = Resilient::new(
        (wire.provider)(server.origin(), short_timeout),
        RetryPolicy::no_retry(),
        CircuitBreaker::default(),
    );
    let started = Instant::now();

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Timeout);
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.calls(), 1);
}

async fn a_cut_stream_is_an_error_without_duplicate_deltas(wire: &Format) {
    let server = fake_server(vec![
        Reply::Events {
            chunks: wire.stream_start(&["Tell me", " about"]),
            cut: true,
        },
        Reply::Events {
            chunks: full_stream(wire, &["Tell me", " about", " Rust"]),
            cut: false,
        },
    ])
    .await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert!(
        matches!(result, Err(ProviderError::Connection(_))),
        "{result:?}"
    );
    assert_eq!(deltas, ["Tell me", " about"]);
    assert_eq!(server.calls(), 1, "no retry once text was shown");
}

async fn a_stream_that_fails_before_any_text_is_retried(wire: &Format) {
    let server = fake_server(vec![
        status(502, "bad gateway".into()),
        Reply::Events {
            chunks: wire.stream_start(&[]),
            cut: true,
        },
        Reply::Events {
            chunks: full_stream(wire, &["Why", " Rust?"]),
            cut: false,
        },
    ])
    .await;
    let resilient = retrying((wire.provider)(server.origin(), config_with_key));

    let (result, deltas) = stream_collecting(&resilient).await;

    assert_eq!(result.unwrap().text, "Why Rust?");
    assert_eq!(deltas, ["Why", " Rust?"]);
    assert_eq!(server.calls(), 3);
}

async fn garbage_is_malformed(wire: &Format) {
    let server = fake_server(vec![
        ok_json("<html>Bad gateway</html>".into()),
        ok_json(json!({"unexpected": true}).to_string()),
        Reply::Events {
            chunks: vec!["data: {not json\n\n".into()],
            cut: false,
        },
    ])
    .await;
    let provider = (wire.provider)(server.origin(), config_with_key);

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
    let server = fake_server(vec![ok_json(OPENAI.reply("Hi"))]).await;
    let provider = (OPENAI.provider)(server.origin(), fast_config);

    provider.complete(&request()).await.unwrap();

    assert!(!server.request(0).headers.contains_key("authorization"));
}

#[tokio::test]
async fn anthropic_error_event_in_a_stream_is_reported() {
    let mut chunks = ANTHROPIC.stream_start(&[]);
    chunks.push(named_sse(
        "error",
        &json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
    ));
    let server = fake_server(vec![Reply::Events { chunks, cut: false }]).await;
    let provider = (ANTHROPIC.provider)(server.origin(), config_with_key);

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
    let server = fake_server(vec![
        status(500, "{}".into()),
        status(500, "{}".into()),
        ok_json(OPENAI.reply("back")),
        ok_json(OPENAI.reply("still fine")),
    ])
    .await;
    let cooldown = Duration::from_millis(150);
    let resilient = Resilient::new(
        (OPENAI.provider)(server.origin(), config_with_key),
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
    assert_eq!(server.calls(), 2, "an open breaker calls nobody");

    tokio::time::sleep(cooldown).await;
    assert_eq!(resilient.complete(&request()).await.unwrap().text, "back");
    assert!(!resilient.breaker().is_open());
    assert_eq!(
        resilient.complete(&request()).await.unwrap().text,
        "still fine"
    );
    assert_eq!(server.calls(), 4);
}

#[tokio::test]
async fn a_breaker_opening_between_retries_reports_the_real_failure() {
    let server = fake_server(vec![status(503, "{}".into()), status(503, "{}".into())]).await;
    let resilient = Resilient::new(
        (OPENAI.provider)(server.origin(), config_with_key),
        RetryPolicy::new(5, Duration::from_millis(1), Duration::from_millis(10)),
        CircuitBreaker::new(2, Duration::from_secs(60)),
    );

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Server { status: 503 });
    assert_eq!(server.calls(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_run_on_spawned_tasks() {
    let server = fake_server(vec![
        ok_json(GEMINI.reply("one")),
        Reply::Events {
            chunks: full_stream(&GEMINI, &["two"]),
            cut: false,
        },
    ])
    .await;
    let resilient = Arc::new(retrying((GEMINI.provider)(
        server.origin(),
        config_with_key,
    )));

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
fn llama_cpp_refuses_json_schema() -> Reply {
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

fn response_format(server: &FakeLlm, index: usize) -> Value {
    server.request(index).body["response_format"].clone()
}

#[tokio::test]
async fn llama_cpp_python_refusing_json_schema_gets_json_mode_with_the_schema_remembered() {
    let server = fake_server(vec![
        llama_cpp_refuses_json_schema(),
        ok_json(OPENAI.reply(r#"{"summary": "one"}"#)),
        ok_json(OPENAI.reply(r#"{"summary": "two"}"#)),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(server.origin(), fast_config));

    let first = resilient.complete(&structured_request()).await.unwrap();
    let second = resilient.complete(&structured_request()).await.unwrap();

    assert_eq!(
        (first.text.as_str(), second.text.as_str()),
        (r#"{"summary": "one"}"#, r#"{"summary": "two"}"#)
    );
    assert_eq!(
        server.calls(),
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
    let recorded = server.request(2);
    assert_eq!(recorded.body["max_tokens"], MAX_TOKENS);
    assert!(recorded.body.get("max_completion_tokens").is_none());
}

/// llama.cpp refuses `json_schema` by name. A call that starts while the weaker format's call
/// is still running (minutes on a CPU model; the report's other calls start meanwhile) must
/// not ask for the refused format again.
#[tokio::test]
async fn a_format_refused_by_name_is_remembered_before_the_weaker_one_answers() {
    let server = fake_server(vec![
        llama_cpp_refuses_json_schema(),
        ok_json(OPENAI.reply(r#"{"summary": "one"}"#)).after(Duration::from_millis(600)),
        ok_json(OPENAI.reply(r#"{"summary": "two"}"#)),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(server.origin(), fast_config));

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
    let refusal = |code: u16| status(code, OPENAI.error(code, "response_format is not supported"));
    let server = fake_server(vec![
        refusal(400),
        refusal(422),
        refusal(400),
        ok_json(OPENAI.reply("{}")),
        ok_json(OPENAI.reply("{}")),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(server.origin(), fast_config));

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
    let too_long = || status(400, OPENAI.error(400, "maximum context length exceeded"));
    let server = fake_server(vec![
        too_long(),
        too_long(),
        too_long(),
        too_long(),
        ok_json(OPENAI.reply("{}")),
    ])
    .await;
    let resilient = negotiating((OPENAI.provider)(server.origin(), fast_config));

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
    let server = fake_server(vec![
        status(500, OPENAI.error(500, "CUDA out of memory")),
        ok_json(OPENAI.reply("{}")),
    ])
    .await;
    let resilient = retrying((OPENAI.provider)(server.origin(), fast_config));

    resilient.complete(&structured_request()).await.unwrap();

    assert_eq!(server.calls(), 2);
    assert_eq!(response_format(&server, 1)["type"], "json_schema");
    assert_eq!(resilient.output_format(), OutputFormat::JsonSchema);
}

#[tokio::test]
async fn gemini_steps_from_response_schema_to_json_mode_to_plain() {
    // LiteLLM answers Gemini-format requests with errors in OpenAI's shape.
    let server = fake_server(vec![
        status(
            500,
            OPENAI.error(
                500,
                "litellm.BadRequestError: response_schema is not supported",
            ),
        ),
        status(400, OPENAI.error(400, "responseMimeType is not supported")),
        ok_json(GEMINI.reply("{}")),
    ])
    .await;
    let resilient = negotiating((GEMINI.provider)(server.origin(), fast_config));

    resilient.complete(&structured_request()).await.unwrap();

    let config = |index| server.request(index).body["generationConfig"].clone();
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
    let server = fake_server(vec![ok_json(ANTHROPIC.reply("{}"))]).await;
    let resilient = negotiating((ANTHROPIC.provider)(server.origin(), config_with_key));

    resilient.complete(&structured_request()).await.unwrap();

    let recorded = server.request(0);
    (ANTHROPIC.check_request)(&recorded, false);
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
}

// ---------------------------------------------------------------------------------------------
// Timeouts by purpose, and no retry behind a generation that timed out.
// ---------------------------------------------------------------------------------------------

fn slow_reply(text: &str) -> Reply {
    ok_json(OPENAI.reply(text)).after(Duration::from_millis(400))
}

fn impatient(base_url: String) -> ProviderConfig {
    fast_config(base_url).with_timeouts(Duration::from_secs(1), Duration::from_millis(150))
}

#[tokio::test]
async fn a_request_may_take_longer_than_the_providers_default_when_it_says_so() {
    let server = fake_server(vec![slow_reply("a long report")]).await;
    let resilient = retrying((OPENAI.provider)(server.origin(), impatient));
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
    let server = fake_server(vec![
        slow_reply("too late"),
        ok_json(OPENAI.reply("queued")),
    ])
    .await;
    let resilient = retrying((OPENAI.provider)(server.origin(), impatient));

    let error = resilient.complete(&request()).await.unwrap_err();

    assert_eq!(error, ProviderError::Timeout);
    assert_eq!(server.calls(), 1);
}
