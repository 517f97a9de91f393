//! Real LLM providers over HTTP (reqwest): OpenAI-compatible chat completions, Google Gemini
//! and Anthropic Messages, each with plain and streaming calls, behind one small interface.
//! [`Resilient`] adds timeouts, retries with backoff and a circuit breaker; the engine's chain
//! tries providers in order and ends in the offline coach.
//!
//! This file is the contract between the providers and their callers.

use std::time::{Duration, Instant};

use anthropic::Anthropic;
use gemini::Gemini;
use openai::OpenAi;

/// What to ask: a system prompt (the rules) and a user prompt (the fenced documents and the
/// conversation so far).
#[derive(Clone, Debug, PartialEq)]
pub struct ChatRequest {
    pub system: String,
    pub user: String,
    pub max_output_tokens: u32,
    pub temperature: f32,
    /// Asks for JSON in this shape where the provider can be held to one (OpenAI-compatible
    /// `response_format: json_schema`, Gemini `responseSchema`); the prompt asks for it too,
    /// for those that cannot (Anthropic).
    pub json_schema: Option<JsonSchema>,
    /// The whole call, when it differs from the provider's `request_timeout`: a report may
    /// take minutes where a question must not.
    pub timeout: Option<Duration>,
}

/// A JSON Schema for structured output, in the two dialects the providers take.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonSchema {
    /// A short identifier OpenAI asks for.
    pub name: &'static str,
    /// OpenAI strict mode: every property required, no additional properties.
    pub openai: serde_json::Value,
    /// Gemini's OpenAPI-subset schema.
    pub gemini: serde_json::Value,
}

/// A complete reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatReply {
    pub text: String,
    /// The model that answered, as the provider reports it (or as configured).
    pub model: String,
    pub input_tokens: Option<u32>,
    pub output_tokens: Option<u32>,
}

/// Why a call failed. Never contains an API key or a full request body.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// 429: retried after `retry_after` when the provider says, else with backoff.
    #[error("rate limited (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration> },
    /// 5xx (and 529 "overloaded"): retried.
    #[error("server error {status}")]
    Server { status: u16 },
    /// The whole call took too long: not retried, since a serial server (llama.cpp) goes on
    /// generating the abandoned reply and a retry would only queue behind it.
    #[error("timed out")]
    Timeout,
    /// Refused, reset, dropped or never made (connect timeout) connection, including a
    /// stream cut in the middle: retried.
    #[error("connection failed: {0}")]
    Connection(String),
    /// A 5xx whose body names the structured-output setting: the server cannot take that
    /// format (llama-cpp-python's answer to `json_schema`). Not retried, not held against the
    /// provider's health: a weaker format is asked for instead.
    #[error("output format refused with {status}: {message}")]
    FormatRefused { status: u16, message: String },
    /// 400, 401, 403, 404 and other 4xx: not retried (retrying cannot help).
    #[error("request rejected with {status}: {message}")]
    Rejected { status: u16, message: String },
    /// A 200 whose body is not the provider's format, or has no text: retried once.
    #[error("malformed reply: {0}")]
    Malformed(String),
    /// The circuit breaker is open: the provider failed repeatedly and is resting.
    #[error("circuit open")]
    CircuitOpen,
}

impl ProviderError {
    pub fn is_retryable(&self) -> bool {
        !matches!(
            self,
            ProviderError::Rejected { .. }
                | ProviderError::FormatRefused { .. }
                | ProviderError::CircuitOpen
        )
    }
}

pub mod anthropic;
mod breaker;
mod call_log;
mod client;
mod config;
mod format;
#[doc(hidden)] // for the fuzz targets only
pub mod fuzzing;
pub mod gemini;
mod http;
pub mod openai;
mod reply;
mod retry;
mod sse;

pub use breaker::CircuitBreaker;
pub use call_log::{Call, CallLog};
pub use client::{Client, Wire, WireRequest};
pub use config::{ApiKey, ClientBuildError, ProviderConfig};
pub use format::{refuses_format, FormatMemory, OutputFormat};
pub use reply::StreamedReply;
pub use retry::RetryPolicy;
pub use sse::SseEvent;

/// One configured provider, called once, without retries.
#[derive(Debug)]
pub enum Provider {
    OpenAi(openai::OpenAiClient),
    Gemini(gemini::GeminiClient),
    Anthropic(anthropic::AnthropicClient),
}

impl Provider {
    pub fn name(&self) -> &'static str {
        match self {
            Provider::OpenAi(_) => OpenAi::NAME,
            Provider::Gemini(_) => Gemini::NAME,
            Provider::Anthropic(_) => Anthropic::NAME,
        }
    }

    fn config(&self) -> &ProviderConfig {
        match self {
            Provider::OpenAi(client) => client.config(),
            Provider::Gemini(client) => client.config(),
            Provider::Anthropic(client) => client.config(),
        }
    }

    pub fn model(&self) -> &str {
        &self.config().model
    }

    pub fn base_url(&self) -> &str {
        &self.config().base_url
    }

    /// Whether the server runs on this machine (`localhost`, `127.x`, `[::1]`): llama.cpp,
    /// Ollama and the like, which usually answer one request at a time.
    pub fn is_on_loopback(&self) -> bool {
        let after_scheme = self
            .base_url()
            .split_once("://")
            .map_or(self.base_url(), |(_, rest)| rest);
        let authority = after_scheme.split('/').next().unwrap_or_default();
        let authority = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        let host = if authority.starts_with('[') {
            authority
                .split(']')
                .next()
                .unwrap_or_default()
                .trim_start_matches('[')
        } else {
            authority.split(':').next().unwrap_or_default()
        };
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|address| address.is_loopback())
    }

    /// The structured-output steps this wire format can express, strongest first; steps it
    /// would send identically are left out, so a refusal is never asked again in vain.
    pub fn formats(&self) -> &'static [OutputFormat] {
        match self {
            Provider::OpenAi(_) => OpenAi::FORMATS,
            Provider::Gemini(_) => Gemini::FORMATS,
            Provider::Anthropic(_) => Anthropic::FORMATS,
        }
    }

    /// The strongest format this provider can use for `request`: `Plain` without a schema.
    pub fn preferred_format(&self, request: &ChatRequest) -> OutputFormat {
        match request.json_schema {
            Some(_) => self.formats()[0],
            None => OutputFormat::Plain,
        }
    }

    pub async fn complete(&self, request: &ChatRequest) -> Result<ChatReply, ProviderError> {
        self.complete_as(request, self.preferred_format(request))
            .await
    }

    /// One call with the reply held to `format` (ignored when the request has no schema).
    pub async fn complete_as(
        &self,
        request: &ChatRequest,
        format: OutputFormat,
    ) -> Result<ChatReply, ProviderError> {
        match self {
            Provider::OpenAi(client) => client.complete(request, format).await,
            Provider::Gemini(client) => client.complete(request, format).await,
            Provider::Anthropic(client) => client.complete(request, format).await,
        }
    }

    /// Calls `on_delta` with each piece of text as it arrives and returns the whole reply.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        self.stream_as(request, self.preferred_format(request), on_delta)
            .await
    }

    /// Like [`Provider::stream`], with the reply held to `format`.
    pub async fn stream_as(
        &self,
        request: &ChatRequest,
        format: OutputFormat,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        match self {
            Provider::OpenAi(client) => client.stream(request, format, on_delta).await,
            Provider::Gemini(client) => client.stream(request, format, on_delta).await,
            Provider::Anthropic(client) => client.stream(request, format, on_delta).await,
        }
    }
}

/// A provider behind retries and a circuit breaker (timeouts are in its [`ProviderConfig`]),
/// which remembers the strongest structured output its server accepts.
#[derive(Debug)]
pub struct Resilient {
    provider: Provider,
    policy: RetryPolicy,
    breaker: CircuitBreaker,
    formats: FormatMemory,
}

impl Resilient {
    pub fn new(provider: Provider, policy: RetryPolicy, breaker: CircuitBreaker) -> Self {
        Self {
            provider,
            policy,
            breaker,
            formats: FormatMemory::default(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.provider.name()
    }

    pub fn model(&self) -> &str {
        self.provider.model()
    }

    pub fn is_on_loopback(&self) -> bool {
        self.provider.is_on_loopback()
    }

    pub fn breaker(&self) -> &CircuitBreaker {
        &self.breaker
    }

    /// The strongest structured output still worth asking this provider for.
    pub fn output_format(&self) -> OutputFormat {
        self.formats.strongest()
    }

    /// A whole reply. A request with a schema starts at the strongest format this provider has
    /// not refused and steps down while the server refuses the format; the step that got an
    /// answer is remembered. A refusal even of the plain prompt is the request's fault, not
    /// the format's, and is returned without being remembered.
    pub async fn complete(&self, request: &ChatRequest) -> Result<ChatReply, ProviderError> {
        if request.json_schema.is_none() {
            return self.complete_as(request, OutputFormat::Plain).await;
        }
        let remembered = self.formats.strongest();
        let mut steps = self
            .provider
            .formats()
            .iter()
            .copied()
            .filter(|format| *format >= remembered)
            .peekable();
        while let Some(format) = steps.next() {
            let result = self.complete_as(request, format).await;
            match result {
                Err(error) if refuses_format(&error) && steps.peek().is_some() => {
                    tracing::warn!(
                        provider = self.name(),
                        model = self.model(),
                        ?format,
                        %error,
                        "output format refused; asking with a weaker one"
                    );
                    // The server answered at once: it is up, whatever it thinks of the format.
                    self.breaker.record_success();
                    // A refusal that names the format is about the format alone: remembered
                    // now, so calls made while the weaker one runs (minutes on a CPU model)
                    // do not ask for the refused one again. A bare 400 may be the request's
                    // fault, so it waits for the weaker format to answer.
                    if let (ProviderError::FormatRefused { .. }, Some(weaker)) =
                        (&error, steps.peek())
                    {
                        self.formats.settle_on(*weaker);
                    }
                }
                Err(error) if refuses_format(&error) => return Err(error),
                result => {
                    self.formats.settle_on(format);
                    return result;
                }
            }
        }
        // Every provider can send a plain prompt, so the loop always returns.
        self.complete_as(request, OutputFormat::Plain).await
    }

    /// One request in one format, with retries.
    async fn complete_as(
        &self,
        request: &ChatRequest,
        format: OutputFormat,
    ) -> Result<ChatReply, ProviderError> {
        let mut attempts = 0;
        let mut last_error = None;
        loop {
            self.ask_breaker(&mut last_error)?;
            attempts += 1;
            let started = Instant::now();
            let result = self.provider.complete_as(request, format).await;
            match self.settle(result, attempts, started) {
                Settled::Done(result) => return result,
                Settled::RetryAfter(wait, error) => {
                    last_error = Some(error);
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Like [`Provider::stream`], with retries only while no text has reached `on_delta`:
    /// once the caller has shown part of a reply, a retry would show it twice, so a stream
    /// that fails after its first delta returns the error instead. A schema is asked for in
    /// the format remembered from [`Resilient::complete`].
    pub async fn stream(
        &self,
        request: &ChatRequest,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        let format = match request.json_schema {
            Some(_) => self.formats.strongest().max(self.provider.formats()[0]),
            None => OutputFormat::Plain,
        };
        let mut attempts = 0;
        let mut last_error = None;
        let mut delivered_any = false;
        loop {
            self.ask_breaker(&mut last_error)?;
            attempts += 1;
            let started = Instant::now();
            let mut counting = |piece: &str| {
                delivered_any = true;
                on_delta(piece);
            };
            let result = self
                .provider
                .stream_as(request, format, &mut counting)
                .await;
            match self.settle(result, attempts, started) {
                Settled::Done(result) => return result,
                Settled::RetryAfter(_, error) if delivered_any => return Err(error),
                Settled::RetryAfter(wait, error) => {
                    last_error = Some(error);
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Asks the breaker before a call. Refused after a failed attempt, the caller gets that
    /// failure rather than `CircuitOpen`: it says more.
    fn ask_breaker(&self, last_error: &mut Option<ProviderError>) -> Result<(), ProviderError> {
        self.breaker
            .try_acquire()
            .map_err(|refused| last_error.take().unwrap_or(refused))
    }

    fn settle(
        &self,
        result: Result<ChatReply, ProviderError>,
        attempts_made: u32,
        started: Instant,
    ) -> Settled {
        let error = match result {
            Ok(reply) => {
                self.breaker.record_success();
                return Settled::Done(Ok(reply));
            }
            Err(error) => error,
        };
        if counts_against_provider(&error) {
            self.breaker.record_failure();
        }
        match self.policy.delay_before_retry(attempts_made, &error) {
            Some(wait) => {
                tracing::warn!(
                    provider = self.name(),
                    model = self.model(),
                    attempt = attempts_made,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    retry_in_ms = wait.as_millis() as u64,
                    %error,
                    "provider call failed, retrying"
                );
                Settled::RetryAfter(wait, error)
            }
            None => Settled::Done(Err(error)),
        }
    }
}

enum Settled {
    Done(Result<ChatReply, ProviderError>),
    RetryAfter(Duration, ProviderError),
}

/// A refusal of this one request (too long, invalid) says nothing about the provider's
/// health; everything else, bad keys and unknown models included, does.
fn counts_against_provider(error: &ProviderError) -> bool {
    !matches!(
        error,
        ProviderError::CircuitOpen
            | ProviderError::FormatRefused { .. }
            | ProviderError::Rejected {
                status: 400 | 413 | 422,
                ..
            }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(base_url: &str) -> Provider {
        Provider::OpenAi(
            openai::OpenAiClient::new(ProviderConfig {
                base_url: base_url.to_owned(),
                api_key: None,
                model: "m".to_owned(),
                connect_timeout: std::time::Duration::from_secs(1),
                request_timeout: std::time::Duration::from_secs(1),
            })
            .unwrap(),
        )
    }

    #[test]
    fn servers_on_this_machine_are_told_apart() {
        for local in [
            "http://127.0.0.1:8088/v1",
            "http://localhost:11434/v1",
            "http://[::1]:8080/v1",
            "http://user:pw@127.0.0.2/v1",
        ] {
            assert!(provider(local).is_on_loopback(), "{local}");
        }
        for hosted in [
            "https://api.openai.com/v1",
            "http://10.0.0.5:8000/v1",
            "https://localhost.example.com/v1",
        ] {
            assert!(!provider(hosted).is_on_loopback(), "{hosted}");
        }
    }
}
