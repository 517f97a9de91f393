//! One browser's connection to the app: a cookie jar (its own anonymous owner), and every HTTP
//! status it received, in order, so the run can count the 408s and 5xx.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::{Client, RequestBuilder, Response};
use serde_json::Value;

use super::sse::SseParser;

/// Longer than the server's own request timeout (30 s by default), so a 408 is seen as one.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(300);
/// Error bodies are cut to this length.
const MAX_ERROR_CHARS: usize = 300;

pub struct Session {
    client: Client,
    base: String,
    /// Every response's status, in order (`0`: no response: a transport error or timeout).
    pub statuses: Vec<u16>,
}

impl Session {
    pub fn new(base: &str) -> Result<Self, String> {
        let client = Client::builder()
            .cookie_store(true)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("building the HTTP client: {e}"))?;
        Ok(Self {
            client,
            base: base.to_owned(),
            statuses: Vec::new(),
        })
    }

    /// A JSON request (`body` as JSON when given) below the base URL; the body of a 2xx
    /// response with its status, else an error naming the status.
    pub async fn json(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), String> {
        let mut request = self.client.request(method.clone(), self.url(path));
        if let Some(body) = body {
            request = request.json(body);
        }
        self.send(request, &format!("{method} {path}")).await
    }

    /// A form-encoded POST, as the browser calls a server function.
    pub async fn form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Result<(u16, Value), String> {
        let request = self.client.post(self.url(path)).form(fields);
        self.send(request, &format!("POST {path}")).await
    }

    /// Reads a server-sent-event stream to its end, passing each event's data to `on_data`
    /// with the time since `since`; `on_data` returns false to stop reading.
    pub async fn events(
        &mut self,
        path: &str,
        since: Instant,
        mut on_data: impl FnMut(Duration, &str) -> bool,
    ) -> Result<(), String> {
        let what = format!("GET {path}");
        let request = self.client.get(self.url(path));
        let response = self.recorded(request, &what).await?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().await.unwrap_or_default();
            return Err(format!("{what}: HTTP {status}: {}", cut(&text)));
        }
        let mut parser = SseParser::default();
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| format!("{what}: reading the stream: {e}"))?;
            for data in parser.push(&chunk) {
                if !on_data(since.elapsed(), &data) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `request` sent, its status (0 without a response) recorded.
    async fn recorded(&mut self, request: RequestBuilder, what: &str) -> Result<Response, String> {
        match request.timeout(REQUEST_TIMEOUT).send().await {
            Ok(response) => {
                self.statuses.push(response.status().as_u16());
                Ok(response)
            }
            Err(error) => {
                self.statuses.push(0);
                Err(format!("{what}: {error}"))
            }
        }
    }

    async fn send(&mut self, request: RequestBuilder, what: &str) -> Result<(u16, Value), String> {
        let response = self.recorded(request, what).await?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| format!("{what}: reading the body: {e}"))?;
        if !status.is_success() {
            return Err(format!("{what}: HTTP {status}: {}", cut(&text)));
        }
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).map_err(|e| format!("{what}: not JSON: {e}"))?
        };
        Ok((status.as_u16(), body))
    }
}

fn cut(text: &str) -> String {
    text.chars().take(MAX_ERROR_CHARS).collect()
}
