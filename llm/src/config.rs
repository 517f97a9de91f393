//! How to reach one provider: base URL, key, model and timeouts, and the HTTP client built
//! from them.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderValue;

/// An API key. Its `Debug` prints `***` and it has no `Display`, so it cannot leak into logs
/// or error messages by formatting.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the one place that puts it in a request header.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// One provider endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderConfig {
    /// Without the API path: `https://api.openai.com/v1`, `http://localhost:11434/v1`,
    /// `https://generativelanguage.googleapis.com`, `https://api.anthropic.com`.
    pub base_url: String,
    /// `None` for local servers (Ollama, llama.cpp) that need no key.
    pub api_key: Option<ApiKey>,
    pub model: String,
    pub connect_timeout: Duration,
    /// The whole call, including reading a streamed reply to its end.
    pub request_timeout: Duration,
}

impl ProviderConfig {
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

    /// A config with no key and the default timeouts. A trailing `/` on `base_url` is dropped.
    pub fn new(base_url: impl Into<String>, model: impl Into<String>) -> Self {
        let base_url: String = base_url.into();
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key: None,
            model: model.into(),
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
        }
    }

    pub fn with_api_key(mut self, key: ApiKey) -> Self {
        self.api_key = Some(key);
        self
    }

    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.connect_timeout = connect;
        self.request_timeout = request;
        self
    }
}

/// A provider client could not be built from its config.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the provider client: {0}")]
pub struct ClientBuildError(String);

/// The HTTP client for one provider, with its timeouts.
pub(crate) fn http_client(config: &ProviderConfig) -> Result<reqwest::Client, ClientBuildError> {
    reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .build()
        .map_err(|error| ClientBuildError(error.without_url().to_string()))
}

/// A header value carrying a secret (`prefix` + key), marked sensitive so that reqwest and
/// hyper never print it.
pub(crate) fn secret_header(prefix: &str, key: &ApiKey) -> Result<HeaderValue, ClientBuildError> {
    let mut value = HeaderValue::from_str(&format!("{prefix}{}", key.expose())).map_err(|_| {
        ClientBuildError("the API key has characters not allowed in an HTTP header".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let config = ProviderConfig::new("https://api.example.com/v1/", "m")
            .with_api_key(ApiKey::new("sk-secret-123"));
        let printed = format!("{config:?}");
        assert!(!printed.contains("sk-secret-123"), "{printed}");
        assert!(printed.contains("***"), "{printed}");
        assert_eq!(config.base_url, "https://api.example.com/v1");
        let header = secret_header("Bearer ", config.api_key.as_ref().unwrap()).unwrap();
        assert!(!format!("{header:?}").contains("sk-secret-123"));
    }
}
