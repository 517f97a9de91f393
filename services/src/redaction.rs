//! Redaction before a hosted LLM: the candidate's name, other people's names, e-mail
//! addresses, phone numbers, street addresses and links in the CV, the job description, the
//! questions and the answers leave the server as placeholders (`[CANDIDATE_NAME]`,
//! `[EMAIL_1]`), and what the model writes has them restored before anyone sees or stores
//! it. On for every provider off this machine unless configured otherwise (`LLM_REDACT`).
//!
//! - `placeholders`: their shape, read leniently, and found in text.
//! - `contacts`: e-mail addresses, phone numbers, street addresses and links, by their shape.
//! - `names`: the candidate's name from the CV's head, and other people's.
//! - `redactor`: one interview's details and placeholders; redacts and restores.
//! - `stream`: restores a streamed reply chunk by chunk.
//! - `provider`: a provider asked through an interview's redaction.

mod contacts;
mod names;
mod placeholders;
mod provider;
mod redactor;
mod stream;

pub use provider::RedactedProvider;
pub use redactor::{Redactor, Sources};
pub use stream::RestoringStream;

use llm::Resilient;

/// When requests are redacted (`LLM_REDACT`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RedactionPolicy {
    /// For every provider whose base URL is not on this machine (`localhost`, `127.0.0.0/8`,
    /// `::1`): a local model sees the documents as they are; a hosted one never does.
    #[default]
    Auto,
    Always,
    Never,
}

impl RedactionPolicy {
    /// `auto`, `always` or `never`.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Self::Auto),
            "always" => Some(Self::Always),
            "never" => Some(Self::Never),
            _ => None,
        }
    }

    /// Whether requests to `provider` are redacted.
    pub fn applies_to(self, provider: &Resilient) -> bool {
        match self {
            Self::Auto => !provider.is_on_loopback(),
            Self::Always => true,
            Self::Never => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use llm::openai::OpenAiClient;
    use llm::{CircuitBreaker, Provider, ProviderConfig, RetryPolicy};
    use std::time::Duration;

    fn provider_at(base_url: &str) -> Resilient {
        let client = OpenAiClient::new(ProviderConfig::new(base_url, "model")).unwrap();
        Resilient::new(
            Provider::OpenAi(client),
            RetryPolicy::new(1, Duration::ZERO, Duration::ZERO),
            CircuitBreaker::new(5, Duration::from_secs(30)),
        )
    }

    #[test]
    fn auto_redacts_for_hosted_providers_only() {
        for local in [
            "http://127.0.0.1:11434/v1",
            "http://127.8.9.10:8080/v1",
            "http://localhost:8080/v1",
            "http://[::1]:8080/v1",
        ] {
            let provider = provider_at(local);
            assert!(!RedactionPolicy::Auto.applies_to(&provider), "{local}");
            assert!(RedactionPolicy::Always.applies_to(&provider), "{local}");
        }
        for hosted in [
            "https://api.openai.com/v1",
            "https://openrouter.ai/api/v1",
            "http://10.0.0.5:11434/v1",
            "http://localhost.example.com/v1",
        ] {
            let provider = provider_at(hosted);
            assert!(RedactionPolicy::Auto.applies_to(&provider), "{hosted}");
            assert!(!RedactionPolicy::Never.applies_to(&provider), "{hosted}");
        }
    }
}
