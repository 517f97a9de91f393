//! A provider asked on behalf of one interview: with a redactor, the request leaves with
//! placeholders (and a note on them in its system prompt), and the reply, streamed or
//! whole, comes back restored. Call records never held text, so nothing else changes.

use llm::{ChatReply, ChatRequest, ProviderError, Resilient};

use crate::redaction::{Redactor, RestoringStream};

/// Appended to the system prompt of a redacted request.
const PLACEHOLDER_NOTE: &str = include_str!("../../../prompts/v3/placeholders.md");

/// `provider`, with `redactor` between it and the interview when its policy says so.
pub struct RedactedProvider<'a> {
    provider: &'a Resilient,
    redactor: Option<&'a Redactor>,
}

impl<'a> RedactedProvider<'a> {
    pub fn new(provider: &'a Resilient, redactor: Option<&'a Redactor>) -> Self {
        Self { provider, redactor }
    }

    pub fn provider(&self) -> &'a Resilient {
        self.provider
    }

    /// [`Resilient::stream`], with `on_text` given restored text only.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        let Some(redactor) = self.redactor else {
            return self.provider.stream(request, on_text).await;
        };
        let request = redacted(redactor, request);
        let mut restoring = RestoringStream::new(redactor);
        let result = {
            let mut forward = |chunk: &str| {
                let shown = restoring.push(chunk);
                if !shown.is_empty() {
                    on_text(&shown);
                }
            };
            self.provider.stream(&request, &mut forward).await
        };
        let mut reply = result?;
        let tail = restoring.finish();
        if !tail.is_empty() {
            on_text(&tail);
        }
        reply.text = redactor.restore(&reply.text);
        Ok(reply)
    }

    /// [`Resilient::complete`] for a reply in JSON: restored values are escaped for the
    /// strings they land in.
    pub async fn complete_json(&self, request: &ChatRequest) -> Result<ChatReply, ProviderError> {
        let Some(redactor) = self.redactor else {
            return self.provider.complete(request).await;
        };
        let mut reply = self.provider.complete(&redacted(redactor, request)).await?;
        reply.text = redactor.restore_json(&reply.text);
        Ok(reply)
    }
}

fn redacted(redactor: &Redactor, request: &ChatRequest) -> ChatRequest {
    let mut system = redactor.redact(&request.system);
    if !redactor.is_empty() {
        system.push_str("\n\n");
        system.push_str(PLACEHOLDER_NOTE.trim_end());
    }
    ChatRequest {
        system,
        user: redactor.redact(&request.user),
        ..request.clone()
    }
}
