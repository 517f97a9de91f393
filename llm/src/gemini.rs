//! Google Gemini: `POST {base_url}/v1beta/models/{model}:generateContent`, and its streaming
//! form `:streamGenerateContent?alt=sse`, whose events are the same JSON, piece by piece.

use std::ops::ControlFlow;

use reqwest::header::HeaderName;
use serde::{Deserialize, Serialize};

use crate::client::{Client, Wire, WireRequest};
use crate::config::{ApiKey, ProviderConfig};
use crate::http::{error_for_code, parse_body, parse_chunk};
use crate::reply::{finished_reply, StreamedReply};
use crate::sse::SseEvent;
use crate::{ChatReply, ChatRequest, OutputFormat, ProviderError};

/// The Gemini generateContent wire format.
#[derive(Debug)]
pub struct Gemini;

pub type GeminiClient = Client<Gemini>;

impl Wire for Gemini {
    const NAME: &'static str = "gemini";
    const FORMATS: &'static [OutputFormat] = &[
        OutputFormat::JsonSchema,
        OutputFormat::JsonObject,
        OutputFormat::Plain,
    ];
    // Sent as a header, never in the URL, so it cannot end up in a logged URL.
    const KEY_HEADER: (HeaderName, &'static str) = (HeaderName::from_static("x-goog-api-key"), "");

    fn request(
        config: &ProviderConfig,
        request: &ChatRequest,
        stream: bool,
        format: OutputFormat,
    ) -> WireRequest {
        // JSON mode is the MIME type alone; the schema step adds `responseSchema`, which the
        // schema-carrying JSON mode of other servers would repeat.
        let schema = request.json_schema.as_ref();
        let json_mode = schema.filter(|_| format <= OutputFormat::JsonObject);
        let with_schema = schema.filter(|_| format <= OutputFormat::JsonObjectWithSchema);
        // Model names are accepted with or without Google's `models/` prefix.
        let model = config.model.trim_start_matches("models/");
        let body = RequestBody {
            system_instruction: Content {
                role: None,
                parts: [Part {
                    text: &request.system,
                }],
            },
            contents: [Content {
                role: Some("user"),
                parts: [Part {
                    text: &request.user,
                }],
            }],
            generation_config: GenerationConfig {
                max_output_tokens: request.max_output_tokens,
                temperature: request.temperature,
                response_mime_type: json_mode.map(|_| "application/json"),
                response_schema: with_schema.map(|schema| &schema.gemini),
            },
        };
        let method = if stream {
            ":streamGenerateContent?alt=sse"
        } else {
            ":generateContent"
        };
        WireRequest {
            url: format!("{}/v1beta/models/{model}{method}", config.base_url),
            headers: &[],
            body: serde_json::to_value(body).unwrap_or_default(),
        }
    }

    /// A whole (not streamed) reply from its body.
    fn decode_reply(body: &[u8], configured_model: &str) -> Result<ChatReply, ProviderError> {
        let body: Generated = parse_body(body)?;
        let (input_tokens, output_tokens) = body.token_counts();
        let model = body
            .model_version
            .clone()
            .unwrap_or_else(|| configured_model.to_owned());
        finished_reply(body.text(), model, input_tokens, output_tokens)
    }

    /// One event of a stream: its text goes to `on_delta`, the rest into `reply`.
    fn on_stream_event(
        event: &SseEvent,
        reply: &mut StreamedReply,
        key: Option<&ApiKey>,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ControlFlow<()>, ProviderError> {
        let chunk: Generated = parse_chunk(&event.data)?;
        if let Some(error) = &chunk.error {
            let message = error.message.as_deref().unwrap_or_default();
            return Err(error_for_code(error.code.unwrap_or(500), message, key));
        }
        reply.push_text(&chunk.text(), on_delta);
        if chunk.usage_metadata.is_some() {
            (reply.input_tokens, reply.output_tokens) = chunk.token_counts();
        }
        if reply.model.is_none() {
            reply.model = chunk.model_version.clone();
        }
        // The last chunk carries the finish reason; there is no end marker after it.
        let finish_reason = chunk
            .candidates
            .first()
            .and_then(|c| c.finish_reason.as_ref());
        reply.finished |= finish_reason.is_some();
        Ok(ControlFlow::Continue(()))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestBody<'a> {
    system_instruction: Content<'a>,
    contents: [Content<'a>; 1],
    generation_config: GenerationConfig<'a>,
}

#[derive(Serialize)]
struct Content<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    parts: [Part<'a>; 1],
}

#[derive(Serialize)]
struct Part<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GenerationConfig<'a> {
    max_output_tokens: u32,
    temperature: f32,
    /// Structured output: JSON in the shape of `response_schema`.
    #[serde(skip_serializing_if = "Option::is_none")]
    response_mime_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_schema: Option<&'a serde_json::Value>,
}

/// A `generateContent` reply, or one chunk of a streamed one.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Generated {
    #[serde(default)]
    candidates: Vec<Candidate>,
    usage_metadata: Option<UsageMetadata>,
    model_version: Option<String>,
    /// An error reported inside a stream that had started well.
    error: Option<GeminiError>,
}

impl Generated {
    /// The text of the first candidate; "thought" parts of thinking models are not the reply.
    fn text(&self) -> String {
        let Some(content) = self.candidates.first().and_then(|c| c.content.as_ref()) else {
            return String::new();
        };
        content
            .parts
            .iter()
            .filter(|part| !part.thought)
            .filter_map(|part| part.text.as_deref())
            .collect()
    }

    fn token_counts(&self) -> (Option<u32>, Option<u32>) {
        match &self.usage_metadata {
            Some(usage) => (usage.prompt_token_count, usage.candidates_token_count),
            None => (None, None),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Candidate {
    content: Option<ReplyContent>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct ReplyContent {
    #[serde(default)]
    parts: Vec<ReplyPart>,
}

#[derive(Deserialize)]
struct ReplyPart {
    text: Option<String>,
    #[serde(default)]
    thought: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UsageMetadata {
    prompt_token_count: Option<u32>,
    candidates_token_count: Option<u32>,
}

#[derive(Deserialize)]
struct GeminiError {
    code: Option<u16>,
    message: Option<String>,
}
