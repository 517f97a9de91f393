//! Assembling a [`ChatReply`], from one body or from the pieces of a stream.

use crate::{ChatReply, ProviderError};

/// A reply with no text is of no use to the caller, whatever the status said.
pub(crate) fn finished_reply(
    text: String,
    model: String,
    input_tokens: Option<u32>,
    output_tokens: Option<u32>,
) -> Result<ChatReply, ProviderError> {
    if text.trim().is_empty() {
        return Err(ProviderError::Malformed("the reply has no text".into()));
    }
    Ok(ChatReply {
        text,
        model,
        input_tokens,
        output_tokens,
    })
}

/// The reply so far while a stream is read. The stream must say it is finished (`[DONE]`,
/// a finish reason, `message_stop`): a body that just ends was cut.
#[derive(Debug, Default)]
pub struct StreamedReply {
    text: String,
    pub model: Option<String>,
    pub input_tokens: Option<u32>,
    pub output_tokens: Option<u32>,
    pub finished: bool,
}

impl StreamedReply {
    /// Adds a piece of text and hands it to the caller at once.
    pub fn push_text(&mut self, piece: &str, on_delta: &mut (dyn FnMut(&str) + Send)) {
        if !piece.is_empty() {
            self.text.push_str(piece);
            on_delta(piece);
        }
    }

    pub fn finish(self, configured_model: &str) -> Result<ChatReply, ProviderError> {
        if !self.finished {
            return Err(ProviderError::Connection(
                "the stream ended before the reply was complete".into(),
            ));
        }
        finished_reply(
            self.text,
            self.model.unwrap_or_else(|| configured_model.to_owned()),
            self.input_tokens,
            self.output_tokens,
        )
    }
}
