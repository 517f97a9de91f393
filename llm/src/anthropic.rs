//! Anthropic Messages: `POST {base_url}/v1/messages`, streamed as named SSE events
//! (`message_start`, `content_block_delta`, `message_delta`, `message_stop`, `error`).

use std::ops::ControlFlow;

use reqwest::header::HeaderName;
use serde::{Deserialize, Serialize};

use crate::client::{Client, Wire, WireRequest};
use crate::config::{ApiKey, ProviderConfig};
use crate::http::{error_for_code, parse_body, parse_chunk};
use crate::reply::{finished_reply, StreamedReply};
use crate::sse::SseEvent;
use crate::{ChatReply, ChatRequest, OutputFormat, ProviderError};

const VERSION_HEADER: &str = "anthropic-version";
const API_VERSION: &str = "2023-06-01";

/// The Anthropic Messages wire format.
#[derive(Debug)]
pub struct Anthropic;

pub type AnthropicClient = Client<Anthropic>;

impl Wire for Anthropic {
    const NAME: &'static str = "anthropic";
    // The Messages API has no JSON mode: the prompt asks for JSON.
    const FORMATS: &'static [OutputFormat] = &[OutputFormat::Plain];
    const KEY_HEADER: (HeaderName, &'static str) = (HeaderName::from_static("x-api-key"), "");

    fn request(
        config: &ProviderConfig,
        request: &ChatRequest,
        stream: bool,
        _format: OutputFormat,
    ) -> WireRequest {
        let body = RequestBody {
            model: &config.model,
            system: &request.system,
            messages: [UserMessage {
                role: "user",
                content: &request.user,
            }],
            max_tokens: request.max_output_tokens,
            temperature: request.temperature,
            stream,
        };
        WireRequest {
            url: format!("{}/v1/messages", config.base_url),
            headers: &[(VERSION_HEADER, API_VERSION)],
            body: serde_json::to_value(body).unwrap_or_default(),
        }
    }

    /// A whole (not streamed) reply from its body.
    fn decode_reply(body: &[u8], configured_model: &str) -> Result<ChatReply, ProviderError> {
        let body: Message = parse_body(body)?;
        let text = body
            .content
            .iter()
            .filter(|block| block.kind == "text")
            .filter_map(|block| block.text.as_deref())
            .collect();
        let usage = body.usage.unwrap_or_default();
        finished_reply(
            text,
            body.model.unwrap_or_else(|| configured_model.to_owned()),
            usage.input_tokens,
            usage.output_tokens,
        )
    }

    /// One event of a stream: its text goes to `on_delta`, the rest into `reply`;
    /// `message_stop` ends the stream.
    fn on_stream_event(
        event: &SseEvent,
        reply: &mut StreamedReply,
        key: Option<&ApiKey>,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ControlFlow<()>, ProviderError> {
        match stream_event(event)? {
            StreamEvent::MessageStart { message } => {
                reply.model = message.model;
                let usage = message.usage.unwrap_or_default();
                reply.input_tokens = usage.input_tokens;
                reply.output_tokens = usage.output_tokens;
            }
            StreamEvent::ContentBlockDelta { delta } => {
                if delta.kind == "text_delta" {
                    reply.push_text(delta.text.as_deref().unwrap_or_default(), on_delta);
                }
            }
            StreamEvent::MessageDelta { usage } => {
                if let Some(output) = usage.and_then(|usage| usage.output_tokens) {
                    reply.output_tokens = Some(output);
                }
            }
            StreamEvent::MessageStop => {
                reply.finished = true;
                return Ok(ControlFlow::Break(()));
            }
            StreamEvent::Error { error } => {
                return Err(error_for_code(
                    status_of_error_type(&error.kind),
                    error.message.as_deref().unwrap_or_default(),
                    key,
                ));
            }
            StreamEvent::Other => {}
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// The event's JSON names its own type; events this client does not need (`ping`,
/// `content_block_start`, …) are `Other`.
fn stream_event(event: &SseEvent) -> Result<StreamEvent, ProviderError> {
    let value: serde_json::Value = parse_chunk(&event.data)?;
    let known = matches!(
        value.get("type").and_then(|kind| kind.as_str()),
        Some("message_start" | "content_block_delta" | "message_delta" | "message_stop" | "error")
    );
    if !known {
        return Ok(StreamEvent::Other);
    }
    serde_json::from_value(value).map_err(|error| {
        ProviderError::Malformed(format!("not the expected stream event: {error}"))
    })
}

/// The HTTP status Anthropic documents for each error type, for errors inside a stream.
fn status_of_error_type(kind: &str) -> u16 {
    match kind {
        "invalid_request_error" => 400,
        "authentication_error" => 401,
        "permission_error" => 403,
        "not_found_error" => 404,
        "request_too_large" => 413,
        "rate_limit_error" => 429,
        "overloaded_error" => 529,
        _ => 500,
    }
}

#[derive(Serialize)]
struct RequestBody<'a> {
    model: &'a str,
    system: &'a str,
    messages: [UserMessage<'a>; 1],
    max_tokens: u32,
    temperature: f32,
    stream: bool,
}

#[derive(Serialize)]
struct UserMessage<'a> {
    role: &'static str,
    content: &'a str,
}

#[derive(Deserialize)]
struct Message {
    model: Option<String>,
    #[serde(default)]
    content: Vec<ContentBlock>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct ContentBlock {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
}

#[derive(Deserialize, Default)]
struct Usage {
    input_tokens: Option<u32>,
    output_tokens: Option<u32>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum StreamEvent {
    MessageStart {
        message: StartedMessage,
    },
    ContentBlockDelta {
        delta: Delta,
    },
    MessageDelta {
        usage: Option<Usage>,
    },
    MessageStop,
    Error {
        error: StreamError,
    },
    #[serde(skip)]
    Other,
}

#[derive(Deserialize)]
struct StartedMessage {
    model: Option<String>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Delta {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
}

#[derive(Deserialize)]
struct StreamError {
    #[serde(rename = "type")]
    kind: String,
    message: Option<String>,
}
