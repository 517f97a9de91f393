//! Real LLM providers over HTTP (reqwest): OpenAI-compatible chat completions, Google Gemini
//! and Anthropic Messages, each with plain and streaming calls, behind one small interface.
//! [`Resilient`] adds timeouts, retries with backoff and a circuit breaker; the engine's chain
//! tries providers in order and ends in the offline coach.
//!
//! This file is the contract between the providers and their callers.

use std::time::Duration;

/// What to ask: a system prompt (the rules) and a user prompt (the fenced documents and the
/// conversation so far).
#[derive(Clone, Debug, PartialEq)]
pub struct ChatRequest {
    pub system: String,
    pub user: String,
    pub max_output_tokens: u32,
    pub temperature: f32,
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
