//! The configured models, built once from `LLM_*`: the providers (each with its own retries and
//! circuit breaker, shared by questions and reports, so a provider that is down for one is
//! down for both), and how each use asks them. Empty: the offline coach does everything.

use std::sync::Arc;
use std::time::Duration;

use llm::{
    anthropic::AnthropicClient, gemini::GeminiClient, openai::OpenAiClient, ApiKey, CircuitBreaker,
    ClientBuildError, Provider, ProviderConfig, Resilient, RetryPolicy,
};

use crate::config::{Config, LlmKind};
use crate::interviewer::chain::InterviewerChain;
use crate::redaction::RedactionPolicy;
use crate::reports::ReportSettings;

/// Consecutive failures that open a provider's circuit, and how long it then rests.
const BREAKER_FAILURES: u32 = 5;
const BREAKER_COOLDOWN: Duration = Duration::from_secs(30);
/// First retry delay (doubling, with jitter) and the longest wait between attempts.
const RETRY_BASE_DELAY: Duration = Duration::from_millis(250);
const RETRY_MAX_DELAY: Duration = Duration::from_secs(8);
/// `LLM_FIRST_TOKEN_SECS`'s default.
const DEFAULT_FIRST_TOKEN_DEADLINE: Duration = Duration::from_secs(20);

#[derive(Clone, Debug)]
pub struct Models {
    /// In the order they are tried.
    providers: Arc<[Resilient]>,
    /// A question's first words must arrive within this, or the next interviewer asks.
    first_token_deadline: Duration,
    reports: ReportSettings,
    /// Which providers get names and contact details as placeholders.
    redaction: RedactionPolicy,
}

impl Default for Models {
    /// No model: the offline coach asks and reports.
    fn default() -> Self {
        Self {
            providers: Arc::from(Vec::new()),
            first_token_deadline: DEFAULT_FIRST_TOKEN_DEADLINE,
            reports: ReportSettings::default(),
            redaction: RedactionPolicy::default(),
        }
    }
}

impl Models {
    /// The models `LLM_PROVIDERS` describes (empty: the offline coach alone).
    pub fn from_config(config: &Config) -> Result<Self, ClientBuildError> {
        let mut providers = Vec::new();
        for settings in &config.llm_providers {
            let mut client_config = ProviderConfig::new(&settings.base_url, &settings.model)
                .with_timeouts(config.llm_connect_timeout, config.llm_timeout);
            if let Some(key) = &settings.api_key {
                client_config = client_config.with_api_key(ApiKey::new(key.expose()));
            }
            let provider = match settings.kind {
                LlmKind::OpenAi => Provider::OpenAi(OpenAiClient::new(client_config)?),
                LlmKind::Gemini => Provider::Gemini(GeminiClient::new(client_config)?),
                LlmKind::Anthropic => Provider::Anthropic(AnthropicClient::new(client_config)?),
            };
            let provider = Resilient::new(
                provider,
                RetryPolicy::new(
                    config.llm_max_attempts.max(1),
                    RETRY_BASE_DELAY,
                    RETRY_MAX_DELAY,
                ),
                CircuitBreaker::new(BREAKER_FAILURES, BREAKER_COOLDOWN),
            );
            // Whoever runs the server sees at start-up which providers get the documents as
            // they are.
            tracing::info!(
                provider = provider.name(),
                model = provider.model(),
                redacted = config.llm_redact.applies_to(&provider),
                "LLM provider configured"
            );
            providers.push(provider);
        }
        Ok(Self {
            providers: Arc::from(providers),
            first_token_deadline: config.llm_first_token,
            reports: ReportSettings {
                timeout: Some(config.llm_report_timeout),
                mode: config.llm_report_mode,
                concurrency: config.llm_report_concurrency,
                redaction: config.llm_redact,
            },
            redaction: config.llm_redact,
        })
    }

    /// Who asks the questions: the providers in order, then the offline coach.
    pub fn interviewers(&self) -> InterviewerChain {
        InterviewerChain::new(
            self.providers.clone(),
            self.first_token_deadline,
            self.redaction,
        )
    }

    /// The providers that write reports, and how they are asked.
    pub fn report_writers(&self) -> (Arc<[Resilient]>, ReportSettings) {
        (self.providers.clone(), self.reports)
    }
}
