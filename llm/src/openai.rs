//! OpenAI-compatible chat completions (`POST {base_url}/chat/completions`): OpenAI itself,
//! OpenRouter, Ollama, llama.cpp and vLLM all speak it.

use std::ops::ControlFlow;

use reqwest::header::{HeaderName, AUTHORIZATION};
use serde::{Deserialize, Serialize};

use crate::client::{Client, Wire, WireRequest};
use crate::config::{ApiKey, ProviderConfig};
use crate::http::{error_for_code, parse_body, parse_chunk};
use crate::reply::{finished_reply, StreamedReply};
use crate::sse::SseEvent;
use crate::{ChatReply, ChatRequest, JsonSchema, OutputFormat, ProviderError};

/// The OpenAI chat-completions wire format.
#[derive(Debug)]
pub struct OpenAi;

pub type OpenAiClient = Client<OpenAi>;

impl Wire for OpenAi {
    const NAME: &'static str = "openai";
    const FORMATS: &'static [OutputFormat] = &OutputFormat::LADDER;
    const KEY_HEADER: (HeaderName, &'static str) = (AUTHORIZATION, "Bearer ");

    fn request(
        config: &ProviderConfig,
        request: &ChatRequest,
        stream: bool,
        format: OutputFormat,
    ) -> WireRequest {
        let body = RequestBody {
            model: &config.model,
            messages: [
                Message {
                    role: "system",
                    content: &request.system,
                },
                Message {
                    role: "user",
                    content: &request.user,
                },
            ],
            max_tokens: request.max_output_tokens,
            temperature: request.temperature,
            stream,
            stream_options: stream.then_some(StreamOptions {
                include_usage: true,
            }),
            response_format: request
                .json_schema
                .as_ref()
                .and_then(|schema| response_format(schema, format)),
        };
        WireRequest {
            url: format!("{}/chat/completions", config.base_url),
            headers: &[],
            body: serde_json::to_value(body).unwrap_or_default(),
        }
    }

    /// A whole (not streamed) reply from its body.
    fn decode_reply(body: &[u8], configured_model: &str) -> Result<ChatReply, ProviderError> {
        let body: Completion = parse_body(body)?;
        let text = body
            .choices
            .into_iter()
            .next()
            .and_then(|choice| choice.message.content)
            .unwrap_or_default();
        let usage = body.usage.unwrap_or_default();
        finished_reply(
            text,
            body.model.unwrap_or_else(|| configured_model.to_owned()),
            usage.prompt_tokens,
            usage.completion_tokens,
        )
    }

    /// One event of a stream: its text goes to `on_delta`, the rest into `reply`; `[DONE]` ends
    /// the stream.
    fn on_stream_event(
        event: &SseEvent,
        reply: &mut StreamedReply,
        key: Option<&ApiKey>,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ControlFlow<()>, ProviderError> {
        if event.data.trim() == "[DONE]" {
            reply.finished = true;
            return Ok(ControlFlow::Break(()));
        }
        let chunk: Chunk = parse_chunk(&event.data)?;
        if let Some(error) = chunk.error {
            let code = error.code.as_ref().and_then(serde_json::Value::as_u64);
            return Err(error_for_code(
                code.and_then(|code| u16::try_from(code).ok())
                    .unwrap_or(500),
                &error.message.unwrap_or_default(),
                key,
            ));
        }
        if reply.model.is_none() {
            reply.model = chunk.model;
        }
        if let Some(usage) = chunk.usage {
            reply.input_tokens = usage.prompt_tokens;
            reply.output_tokens = usage.completion_tokens;
        }
        if let Some(choice) = chunk.choices.into_iter().next() {
            reply.push_text(&choice.delta.content.unwrap_or_default(), on_delta);
            // Some servers end without `[DONE]`; a finish reason is as good.
            reply.finished |= choice.finish_reason.is_some();
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// `response_format` for each step of the format ladder; `None` leaves JSON to the prompt.
fn response_format(schema: &JsonSchema, format: OutputFormat) -> Option<serde_json::Value> {
    use serde_json::json;
    match format {
        OutputFormat::JsonSchema => Some(json!({
            "type": "json_schema",
            "json_schema": {"name": schema.name, "strict": true, "schema": schema.openai},
        })),
        // llama.cpp's JSON mode: the schema becomes a grammar.
        OutputFormat::JsonObjectWithSchema => {
            Some(json!({"type": "json_object", "schema": schema.openai}))
        }
        OutputFormat::JsonObject => Some(json!({"type": "json_object"})),
        OutputFormat::Plain => None,
    }
}

#[derive(Serialize)]
struct RequestBody<'a> {
    model: &'a str,
    messages: [Message<'a>; 2],
    /// Not `max_completion_tokens`: OpenAI takes both, but local servers (llama.cpp) ignore
    /// the newer name and would generate to the end of their context.
    max_tokens: u32,
    temperature: f32,
    stream: bool,
    /// Asks for token counts in the last chunk of a stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    stream_options: Option<StreamOptions>,
    /// Structured output, at the step of the format ladder the server accepts.
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Message<'a> {
    role: &'static str,
    content: &'a str,
}

#[derive(Serialize)]
struct StreamOptions {
    include_usage: bool,
}

#[derive(Deserialize)]
struct Completion {
    model: Option<String>,
    choices: Vec<Choice>,
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChoiceMessage,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    content: Option<String>,
}

#[derive(Deserialize, Default)]
struct Usage {
    prompt_tokens: Option<u32>,
    completion_tokens: Option<u32>,
}

#[derive(Deserialize)]
struct Chunk {
    model: Option<String>,
    #[serde(default)]
    choices: Vec<ChunkChoice>,
    usage: Option<Usage>,
    /// OpenRouter reports a failure in the middle of a stream this way.
    error: Option<ChunkError>,
}

#[derive(Deserialize)]
struct ChunkChoice {
    #[serde(default)]
    delta: Delta,
    finish_reason: Option<String>,
}

#[derive(Deserialize, Default)]
struct Delta {
    content: Option<String>,
}

#[derive(Deserialize)]
struct ChunkError {
    /// A number like an HTTP status on OpenRouter, a string elsewhere.
    code: Option<serde_json::Value>,
    message: Option<String>,
}
