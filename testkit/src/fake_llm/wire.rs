//! The three wire formats as the real providers send them: complete replies, the events of a
//! stream, and error bodies. The fake server renders its replies with these; tests that need a
//! byte-exact reply (a stream cut after chosen pieces, a provider's own model name) build them
//! here too.

use serde_json::{json, Value};

/// Which provider's format a request or reply is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire {
    /// `POST {base}/chat/completions`, base `…/v1`.
    OpenAi,
    /// `POST {base}/v1/messages`.
    Anthropic,
    /// `POST {base}/v1beta/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse`.
    Gemini,
}

/// What a reply says about itself: the model's name and the token counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub model: String,
    pub input_tokens: u32,
    pub output_tokens: u32,
}

impl Meta {
    pub fn new(model: &str, input_tokens: u32, output_tokens: u32) -> Self {
        Self {
            model: model.to_owned(),
            input_tokens,
            output_tokens,
        }
    }
}

/// Why a reply ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finish {
    /// The model finished its reply.
    Stop,
    /// The reply hit the token limit (OpenAI `length`, Anthropic `max_tokens`, Gemini
    /// `MAX_TOKENS`).
    Length,
}

/// One server-sent event with only a `data:` line.
pub fn sse(data: &Value) -> String {
    format!("data: {data}\n\n")
}

/// One server-sent event with an `event:` name (Anthropic's format).
pub fn named_sse(event: &str, data: &Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

impl Wire {
    /// The wire a request path belongs to, and, for Gemini, the model named in the path.
    pub fn of_path(path: &str) -> Option<(Wire, Option<String>)> {
        if path.ends_with("/chat/completions") {
            return Some((Wire::OpenAi, None));
        }
        if path.ends_with("/v1/messages") {
            return Some((Wire::Anthropic, None));
        }
        let rest = path.strip_prefix("/v1beta/models/")?;
        let (model, method) = rest.split_once(':')?;
        matches!(method, "generateContent" | "streamGenerateContent")
            .then(|| (Wire::Gemini, Some(model.to_owned())))
    }

    /// Its name in `LLM_PROVIDERS` and the stored `llm_calls.provider`.
    pub fn name(self) -> &'static str {
        match self {
            Wire::OpenAi => "openai",
            Wire::Anthropic => "anthropic",
            Wire::Gemini => "gemini",
        }
    }

    /// The prefix of its configuration variables (`OPENAI_BASE_URL`, …).
    pub fn env_prefix(self) -> &'static str {
        match self {
            Wire::OpenAi => "OPENAI",
            Wire::Anthropic => "ANTHROPIC",
            Wire::Gemini => "GEMINI",
        }
    }

    /// A complete (not streamed) reply carrying `text`.
    pub fn reply(self, text: &str, meta: &Meta, finish: Finish) -> Value {
        let Meta {
            model,
            input_tokens,
            output_tokens,
        } = meta;
        match self {
            Wire::OpenAi => json!({
                "id": "chatcmpl-1", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": self.finish(finish)}],
                "usage": {"prompt_tokens": input_tokens, "completion_tokens": output_tokens, "total_tokens": input_tokens + output_tokens}
            }),
            Wire::Anthropic => json!({
                "id": "msg_1", "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": text}],
                "stop_reason": self.finish(finish), "stop_sequence": null,
                "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens}
            }),
            Wire::Gemini => json!({
                "candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": self.finish(finish), "index": 0}],
                "usageMetadata": {"promptTokenCount": input_tokens, "candidatesTokenCount": output_tokens, "totalTokenCount": input_tokens + output_tokens},
                "modelVersion": model
            }),
        }
    }

    /// The first events of a stream, carrying `pieces` one event each.
    pub fn stream_start(self, pieces: &[&str], meta: &Meta) -> Vec<String> {
        let model = &meta.model;
        match self {
            Wire::OpenAi => {
                let chunk = |delta: Value| {
                    sse(&json!({
                        "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                        "choices": [{"index": 0, "delta": delta, "finish_reason": null}]
                    }))
                };
                let mut chunks = vec![chunk(json!({"role": "assistant", "content": ""}))];
                chunks.extend(pieces.iter().map(|piece| chunk(json!({"content": piece}))));
                chunks
            }
            Wire::Anthropic => {
                let mut chunks = vec![
                    named_sse(
                        "message_start",
                        &json!({
                            "type": "message_start",
                            "message": {"id": "msg_1", "type": "message", "role": "assistant", "model": model,
                                "content": [], "stop_reason": null, "usage": {"input_tokens": meta.input_tokens, "output_tokens": 1}}
                        }),
                    ),
                    named_sse(
                        "content_block_start",
                        &json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
                    ),
                    named_sse("ping", &json!({"type": "ping"})),
                ];
                chunks.extend(pieces.iter().map(|piece| {
                    named_sse(
                        "content_block_delta",
                        &json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}),
                    )
                }));
                chunks
            }
            // Gemini ends its events with CRLF pairs.
            Wire::Gemini => pieces
                .iter()
                .map(|piece| {
                    let chunk = json!({
                        "candidates": [{"content": {"parts": [{"text": piece}], "role": "model"}, "index": 0}],
                        "usageMetadata": {"promptTokenCount": meta.input_tokens, "totalTokenCount": meta.input_tokens},
                        "modelVersion": model
                    });
                    format!("data: {chunk}\r\n\r\n")
                })
                .collect(),
        }
    }

    /// The events that finish a stream, with the token counts.
    pub fn stream_end(self, meta: &Meta, finish: Finish) -> Vec<String> {
        let Meta {
            model,
            input_tokens,
            output_tokens,
        } = meta;
        match self {
            Wire::OpenAi => vec![
                sse(&json!({
                    "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": self.finish(finish)}]
                })),
                // Asked for with `stream_options.include_usage`, the counts come in a last chunk.
                sse(&json!({
                    "id": "chatcmpl-1", "object": "chat.completion.chunk", "model": model,
                    "choices": [],
                    "usage": {"prompt_tokens": input_tokens, "completion_tokens": output_tokens}
                })),
                "data: [DONE]\n\n".into(),
            ],
            Wire::Anthropic => vec![
                named_sse(
                    "content_block_stop",
                    &json!({"type": "content_block_stop", "index": 0}),
                ),
                named_sse(
                    "message_delta",
                    &json!({
                        "type": "message_delta", "delta": {"stop_reason": self.finish(finish), "stop_sequence": null},
                        "usage": {"output_tokens": output_tokens}
                    }),
                ),
                named_sse("message_stop", &json!({"type": "message_stop"})),
            ],
            Wire::Gemini => {
                let chunk = json!({
                    "candidates": [{"content": {"parts": [{"text": ""}], "role": "model"}, "finishReason": self.finish(finish), "index": 0}],
                    "usageMetadata": {"promptTokenCount": input_tokens, "candidatesTokenCount": output_tokens, "totalTokenCount": input_tokens + output_tokens},
                    "modelVersion": model
                });
                vec![format!("data: {chunk}\r\n\r\n")]
            }
        }
    }

    /// A whole stream: `pieces`, then the end.
    pub fn stream(self, pieces: &[&str], meta: &Meta, finish: Finish) -> Vec<String> {
        let mut chunks = self.stream_start(pieces, meta);
        chunks.extend(self.stream_end(meta, finish));
        chunks
    }

    /// A refusal in the provider's error format.
    pub fn error(self, status: u16, message: &str) -> Value {
        match self {
            Wire::OpenAi => {
                json!({"error": {"message": message, "type": "invalid_request_error", "code": null}})
            }
            Wire::Anthropic => {
                json!({"type": "error", "error": {"type": anthropic_error_type(status), "message": message}})
            }
            Wire::Gemini => {
                json!({"error": {"code": status, "message": message, "status": gemini_status(status)}})
            }
        }
    }

    fn finish(self, finish: Finish) -> &'static str {
        match (self, finish) {
            (Wire::OpenAi, Finish::Stop) => "stop",
            (Wire::OpenAi, Finish::Length) => "length",
            (Wire::Anthropic, Finish::Stop) => "end_turn",
            (Wire::Anthropic, Finish::Length) => "max_tokens",
            (Wire::Gemini, Finish::Stop) => "STOP",
            (Wire::Gemini, Finish::Length) => "MAX_TOKENS",
        }
    }
}

fn anthropic_error_type(status: u16) -> &'static str {
    match status {
        401 => "authentication_error",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        500.. => "api_error",
        _ => "invalid_request_error",
    }
}

fn gemini_status(status: u16) -> &'static str {
    match status {
        401 => "UNAUTHENTICATED",
        429 => "RESOURCE_EXHAUSTED",
        500.. => "INTERNAL",
        _ => "INVALID_ARGUMENT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_wire() {
        assert_eq!(
            Wire::of_path("/v1/chat/completions"),
            Some((Wire::OpenAi, None))
        );
        assert_eq!(Wire::of_path("/v1/messages"), Some((Wire::Anthropic, None)));
        assert_eq!(
            Wire::of_path("/v1beta/models/m-1:streamGenerateContent"),
            Some((Wire::Gemini, Some("m-1".into())))
        );
        assert_eq!(Wire::of_path("/v1/embeddings"), None);
    }
}
