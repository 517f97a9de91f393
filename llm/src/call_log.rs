//! What a caller learns of every provider call, to keep where it likes: `services` stores it
//! in PostgreSQL and counts it in metrics. Never the prompt or the reply text.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::{ProviderError, Resilient};

/// One provider call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call<'a> {
    pub provider: &'static str,
    pub model: &'a str,
    /// What the call was for (`question`, `feedback`).
    pub purpose: &'static str,
    pub prompt_version: &'a str,
    pub latency: Duration,
    /// Input and output tokens, when the provider said.
    pub tokens: (Option<u32>, Option<u32>),
    /// `ok`, `invalid_reply` (answered, but not usable), or the error's [`ProviderError::outcome`].
    pub outcome: &'static str,
}

impl<'a> Call<'a> {
    /// A call to `provider` with what it was for; its result is set by the caller.
    pub fn to(provider: &'a Resilient, purpose: &'static str, prompt_version: &'a str) -> Self {
        Self {
            provider: provider.name(),
            model: provider.model(),
            purpose,
            prompt_version,
            latency: Duration::ZERO,
            tokens: (None, None),
            outcome: "ok",
        }
    }
}

/// Where calls are recorded. A failure to record is the log's to report, never the caller's:
/// the answer matters more than its record.
pub trait CallLog: Send + Sync {
    fn record<'a>(&'a self, call: Call<'a>) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;
}

impl ProviderError {
    /// The error's name in call records and metrics.
    pub fn outcome(&self) -> &'static str {
        match self {
            ProviderError::RateLimited { .. } => "rate_limited",
            ProviderError::Server { .. } => "server_error",
            ProviderError::FormatRefused { .. } => "format_refused",
            ProviderError::Timeout => "timeout",
            ProviderError::Connection(_) => "connection",
            ProviderError::Rejected { .. } => "rejected",
            ProviderError::Malformed(_) => "malformed",
            ProviderError::CircuitOpen => "circuit_open",
        }
    }
}
