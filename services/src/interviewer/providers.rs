//! Real LLM providers over HTTP (reqwest): OpenAI-compatible chat completions, Google Gemini
//! and Anthropic Messages, each with plain and streaming calls, behind one small interface.
//! [`Resilient`] adds timeouts, retries with backoff and a circuit breaker; the engine's chain
//! tries providers in order and ends in the offline coach.
//!
//! This file is the contract between the providers and their callers.

use std::time::{Duration, Instant};

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
    /// Connect or total timeout: retried.
    #[error("timed out")]
    Timeout,
    /// Refused, reset or dropped connection, including a stream cut in the middle: retried.
    #[error("connection failed: {0}")]
    Connection(String),
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
            ProviderError::Rejected { .. } | ProviderError::CircuitOpen
        )
    }
}

pub mod anthropic;
mod breaker;
mod config;
#[doc(hidden)] // for the fuzz targets only
pub mod fuzzing;
pub mod gemini;
mod http;
pub mod openai;
mod reply;
mod retry;
mod sse;

pub use breaker::CircuitBreaker;
pub use config::{ApiKey, ClientBuildError, ProviderConfig};
pub use retry::RetryPolicy;

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
            Provider::OpenAi(_) => "openai",
            Provider::Gemini(_) => "gemini",
            Provider::Anthropic(_) => "anthropic",
        }
    }

    pub fn model(&self) -> &str {
        match self {
            Provider::OpenAi(client) => client.model(),
            Provider::Gemini(client) => client.model(),
            Provider::Anthropic(client) => client.model(),
        }
    }

    pub async fn complete(&self, request: &ChatRequest) -> Result<ChatReply, ProviderError> {
        match self {
            Provider::OpenAi(client) => client.complete(request).await,
            Provider::Gemini(client) => client.complete(request).await,
            Provider::Anthropic(client) => client.complete(request).await,
        }
    }

    /// Calls `on_delta` with each piece of text as it arrives and returns the whole reply.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        match self {
            Provider::OpenAi(client) => client.stream(request, on_delta).await,
            Provider::Gemini(client) => client.stream(request, on_delta).await,
            Provider::Anthropic(client) => client.stream(request, on_delta).await,
        }
    }
}

/// A provider behind retries and a circuit breaker (timeouts are in its [`ProviderConfig`]).
#[derive(Debug)]
pub struct Resilient {
    provider: Provider,
    policy: RetryPolicy,
    breaker: CircuitBreaker,
}

impl Resilient {
    pub fn new(provider: Provider, policy: RetryPolicy, breaker: CircuitBreaker) -> Self {
        Self {
            provider,
            policy,
            breaker,
        }
    }

    pub fn name(&self) -> &'static str {
        self.provider.name()
    }

    pub fn model(&self) -> &str {
        self.provider.model()
    }

    pub fn breaker(&self) -> &CircuitBreaker {
        &self.breaker
    }

    pub async fn complete(&self, request: &ChatRequest) -> Result<ChatReply, ProviderError> {
        let mut attempts = 0;
        let mut last_error = None;
        loop {
            self.ask_breaker(&mut last_error)?;
            attempts += 1;
            let started = Instant::now();
            let result = self.provider.complete(request).await;
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
    /// that fails after its first delta returns the error instead.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
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
            let result = self.provider.stream(request, &mut counting).await;
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
            | ProviderError::Rejected {
                status: 400 | 413 | 422,
                ..
            }
    )
}
