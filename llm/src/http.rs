//! The HTTP side shared by all providers: sending a request, turning transport failures and
//! HTTP statuses into [`ProviderError`]s, reading a JSON body and reading an SSE stream.

use std::error::Error as _;
use std::ops::ControlFlow;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::RETRY_AFTER;
use reqwest::{RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::config::ApiKey;
use crate::format::names_output_format;
use crate::sse::{SseEvent, SseParser};
use crate::ProviderError;

/// Error messages from providers are cut to this many characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// Sends the request and returns the response if its status is a success.
pub(crate) async fn send(
    request: RequestBuilder,
    key: Option<&ApiKey>,
) -> Result<Response, ProviderError> {
    let response = request.send().await.map_err(transport_error)?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return Err(ProviderError::RateLimited {
            retry_after: retry_after(&response),
        });
    }
    // The body of an error is small and says why; a failure to read it must not hide the
    // status, so it falls back to the status's reason phrase.
    let body = response.bytes().await.unwrap_or_default();
    let message = error_message(&body)
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("no message").to_owned());
    if status.is_server_error() {
        // Some servers (llama-cpp-python) report a request they cannot take as a 500.
        if names_output_format(&String::from_utf8_lossy(&body)) {
            return Err(ProviderError::FormatRefused {
                status: status.as_u16(),
                message: truncate(&redact(&message, key)),
            });
        }
        return Err(ProviderError::Server {
            status: status.as_u16(),
        });
    }
    Err(ProviderError::Rejected {
        status: status.as_u16(),
        message: truncate(&redact(&message, key)),
    })
}

/// Reads the whole body (a failure on the way is a transport error).
pub(crate) async fn read_body(
    response: Response,
) -> Result<impl std::ops::Deref<Target = [u8]>, ProviderError> {
    response.bytes().await.map_err(transport_error)
}

/// Decodes a whole body as `T`; a body that is not `T` is `Malformed`.
pub(crate) fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, ProviderError> {
    serde_json::from_slice(body)
        .map_err(|error| ProviderError::Malformed(format!("not the expected JSON: {error}")))
}

/// Decodes one streamed JSON chunk.
pub(crate) fn parse_chunk<T: DeserializeOwned>(data: &str) -> Result<T, ProviderError> {
    serde_json::from_str(data).map_err(|error| {
        ProviderError::Malformed(format!("not the expected stream chunk: {error}"))
    })
}

/// Feeds every SSE event of the body to `on_event` until it breaks or the body ends.
pub(crate) async fn for_each_event(
    response: Response,
    mut on_event: impl FnMut(SseEvent) -> Result<ControlFlow<()>, ProviderError>,
) -> Result<(), ProviderError> {
    let mut parser = SseParser::new();
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(transport_error)?;
        if feed_chunk(&mut parser, &chunk, &mut on_event)?.is_break() {
            return Ok(());
        }
    }
    Ok(())
}

/// Feeds one chunk of a body to the parser and every event it completes to `on_event`,
/// breaking as soon as `on_event` does (the rest of the body is then not read). Pure, so a
/// body at hand can be decoded the same way (the fuzz targets do).
pub(crate) fn feed_chunk(
    parser: &mut SseParser,
    chunk: &[u8],
    on_event: &mut impl FnMut(SseEvent) -> Result<ControlFlow<()>, ProviderError>,
) -> Result<ControlFlow<()>, ProviderError> {
    for event in parser.push(chunk) {
        if on_event(event)?.is_break() {
            return Ok(ControlFlow::Break(()));
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// A reqwest failure: a timeout, or anything else on the way (refused, reset, cut, bad body).
pub(crate) fn transport_error(error: reqwest::Error) -> ProviderError {
    // A connect timeout reached no server: nothing is generating, so it is retried like any
    // connection failure.
    if error.is_timeout() && !error.is_connect() {
        return ProviderError::Timeout;
    }
    // The URL is left out (it is in the config anyway); the causes say what really happened.
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    ProviderError::Connection(truncate(&message))
}

/// The error a provider reports inside an otherwise successful stream, by its HTTP-like code.
pub(crate) fn error_for_code(code: u16, message: &str, key: Option<&ApiKey>) -> ProviderError {
    match code {
        429 => ProviderError::RateLimited { retry_after: None },
        400..=499 => ProviderError::Rejected {
            status: code,
            message: truncate(&redact(message, key)),
        },
        _ => ProviderError::Server { status: code },
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by these providers).
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds: f64 = value.parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// The provider's own explanation: `{"error": {"message": …}}` (OpenAI, Gemini, Anthropic),
/// `{"error": "…"}` (Ollama) or `{"message": …}`.
fn error_message(body: &[u8]) -> Option<String> {
    let json: serde_json::Value = serde_json::from_slice(body).ok()?;
    let text = json
        .pointer("/error/message")
        .or_else(|| json.get("error"))
        .or_else(|| json.get("message"))?
        .as_str()?;
    Some(text.to_owned())
}

fn truncate(message: &str) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message.to_owned(),
    }
}

/// Some providers quote the key they refused; it must not travel further in our errors.
fn redact(message: &str, key: Option<&ApiKey>) -> String {
    match key {
        Some(key) if !key.expose().is_empty() => message.replace(key.expose(), "***"),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_are_found_truncated_and_redacted() {
        let openai = br#"{"error":{"message":"Incorrect API key provided: sk-abc","type":"x"}}"#;
        let message = error_message(openai).unwrap();
        assert_eq!(
            redact(&message, Some(&ApiKey::new("sk-abc"))),
            "Incorrect API key provided: ***"
        );
        assert_eq!(
            error_message(br#"{"error":"model not found"}"#).as_deref(),
            Some("model not found")
        );
        assert_eq!(error_message(b"<html>"), None);
        let long = "é".repeat(400);
        assert_eq!(truncate(&long).chars().count(), MAX_MESSAGE_CHARS + 1);
    }
}
