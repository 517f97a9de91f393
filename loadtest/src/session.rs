//! One virtual user's connection to the server: its own HTTP client, so its own cookie jar
//! (its own anonymous owner, like a separate browser) and its own connections, plus a count
//! of the requests it sent, for the report.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::Value;

/// A request taking longer than this counts as a transport error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Error messages are cut to this length; the first lines of a body say enough.
const MAX_ERROR_CHARS: usize = 300;

pub struct Session {
    client: Client,
    /// `http://127.0.0.1:<port>/api/v1`.
    api: String,
    /// Atomic only because a user's futures must be `Send`; one user sends one at a time.
    requests: AtomicU64,
}

impl Session {
    pub fn new(base_url: &str) -> Result<Self, String> {
        let client = Client::builder()
            .cookie_store(true)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| format!("building the HTTP client: {e}"))?;
        Ok(Self {
            client,
            api: format!("{base_url}/api/v1"),
            requests: AtomicU64::new(0),
        })
    }

    /// `path` starts with `/`, below `/api/v1`.
    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(format!("{}{path}", self.api))
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(format!("{}{path}", self.api))
    }

    pub fn put(&self, path: &str) -> RequestBuilder {
        self.client.put(format!("{}{path}", self.api))
    }

    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// Sends a request and returns its JSON body; a transport failure or a non-2xx status is
    /// an error carrying the status and the start of the body.
    pub async fn send(&self, request: RequestBuilder, what: &str) -> Result<Value, String> {
        self.send_for_status(request, what)
            .await
            .map(|(_, body)| body)
    }

    /// As [`Self::send`], with the (2xx) status, for endpoints where 200 and 202 differ.
    pub async fn send_for_status(
        &self,
        request: RequestBuilder,
        what: &str,
    ) -> Result<(StatusCode, Value), String> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = request
            .send()
            .await
            .map_err(|e| format!("{what}: {}", describe(&e)))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("{what}: reading the body: {}", describe(&e)))?;
        if !status.is_success() {
            let text = String::from_utf8_lossy(&body);
            let text: String = text.chars().take(MAX_ERROR_CHARS).collect();
            return Err(format!("{what}: HTTP {status}: {text}"));
        }
        let body = serde_json::from_slice(&body)
            .map_err(|e| format!("{what}: HTTP {status} but not JSON: {e}"))?;
        Ok((status, body))
    }
}

/// reqwest's message with its causes ("error sending request: connection refused").
fn describe(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.chars().take(MAX_ERROR_CHARS).collect()
}
