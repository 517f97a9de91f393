//! The providers' body decoders without HTTP: the same functions their clients call, fed
//! with bytes at hand instead of a response. Public only so the fuzz targets (`fuzz/`, a
//! separate crate) can reach them; not an API for anything else.

use std::ops::ControlFlow;

use crate::anthropic::Anthropic;
use crate::config::ApiKey;
use crate::gemini::Gemini;
use crate::http::feed_chunk;
use crate::openai::OpenAi;
use crate::reply::StreamedReply;
use crate::sse::{SseEvent, SseParser};
use crate::{ChatReply, ProviderError, Wire};

/// A provider's wire format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireFormat {
    /// OpenAI-compatible chat completions (`data:` chunks, then `data: [DONE]`).
    OpenAi,
    /// Anthropic Messages (named events, ending in `message_stop`).
    Anthropic,
    /// Gemini `streamGenerateContent?alt=sse` (JSON chunks, the last with a finish reason).
    Gemini,
}

/// A non-streamed body, as the client's `complete` decodes it.
pub fn decode_reply(
    format: WireFormat,
    body: &[u8],
    configured_model: &str,
) -> Result<ChatReply, ProviderError> {
    match format {
        WireFormat::OpenAi => OpenAi::decode_reply(body, configured_model),
        WireFormat::Anthropic => Anthropic::decode_reply(body, configured_model),
        WireFormat::Gemini => Gemini::decode_reply(body, configured_model),
    }
}

/// A streamed body arriving in `chunks`, as the client's `stream` decodes it: each piece of
/// text goes to `on_delta`, and the whole reply (or the error) comes back.
pub fn decode_stream(
    format: WireFormat,
    chunks: &[&[u8]],
    key: Option<&ApiKey>,
    configured_model: &str,
    on_delta: &mut (dyn FnMut(&str) + Send),
) -> Result<ChatReply, ProviderError> {
    let mut parser = SseParser::new();
    let mut reply = StreamedReply::default();
    let mut on_event = |event: SseEvent| match format {
        WireFormat::OpenAi => OpenAi::on_stream_event(&event, &mut reply, key, on_delta),
        WireFormat::Anthropic => Anthropic::on_stream_event(&event, &mut reply, key, on_delta),
        WireFormat::Gemini => Gemini::on_stream_event(&event, &mut reply, key, on_delta),
    };
    for chunk in chunks {
        if let ControlFlow::Break(()) = feed_chunk(&mut parser, chunk, &mut on_event)? {
            break;
        }
    }
    reply.finish(configured_model)
}
