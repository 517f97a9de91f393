//! The one HTTP client: configuration, the key header, sending, reading a whole body or a
//! stream of server-sent events. What differs between providers is its [`Wire`] format.

use std::fmt;
use std::marker::PhantomData;
use std::ops::ControlFlow;

use reqwest::header::{HeaderName, HeaderValue};
use serde_json::Value;

use crate::config::{http_client, secret_header, ApiKey, ClientBuildError, ProviderConfig};
use crate::http::{for_each_event, read_body, send};
use crate::reply::StreamedReply;
use crate::sse::SseEvent;
use crate::{ChatReply, ChatRequest, OutputFormat, ProviderError};

/// A provider's wire format: the request it takes and the bodies it sends back.
pub trait Wire: Send + Sync + 'static {
    /// The provider's name in configuration, logs and metrics.
    const NAME: &'static str;
    /// The structured-output steps this format can express, strongest first; steps it would
    /// send identically are left out, so a refusal is never asked again in vain.
    const FORMATS: &'static [OutputFormat];
    /// The header that carries the API key, and what precedes the key in its value.
    const KEY_HEADER: (HeaderName, &'static str);

    /// The request for `request`, streamed or whole, with its reply held to `format`.
    fn request(
        config: &ProviderConfig,
        request: &ChatRequest,
        stream: bool,
        format: OutputFormat,
    ) -> WireRequest;

    /// A whole (not streamed) reply from its body.
    fn decode_reply(body: &[u8], configured_model: &str) -> Result<ChatReply, ProviderError>;

    /// One event of a stream: its text goes to `on_delta`, the rest into `reply`; `Break`
    /// when the format says the stream is over.
    fn on_stream_event(
        event: &SseEvent,
        reply: &mut StreamedReply,
        key: Option<&ApiKey>,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ControlFlow<()>, ProviderError>;
}

/// What a wire format sends: the URL (from the configured base URL), fixed headers and the
/// JSON body.
pub struct WireRequest {
    pub url: String,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Value,
}

pub struct Client<W: Wire> {
    config: ProviderConfig,
    http: reqwest::Client,
    /// The key header's value, marked sensitive; local servers need none.
    key_header: Option<HeaderValue>,
    wire: PhantomData<W>,
}

impl<W: Wire> fmt::Debug for Client<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("wire", &W::NAME)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<W: Wire> Client<W> {
    pub fn new(config: ProviderConfig) -> Result<Self, ClientBuildError> {
        let key_header = config
            .api_key
            .as_ref()
            .map(|key| secret_header(W::KEY_HEADER.1, key))
            .transpose()?;
        Ok(Self {
            http: http_client(&config)?,
            config,
            key_header,
            wire: PhantomData,
        })
    }

    pub fn config(&self) -> &ProviderConfig {
        &self.config
    }

    /// One call, the reply read whole.
    pub async fn complete(
        &self,
        request: &ChatRequest,
        format: OutputFormat,
    ) -> Result<ChatReply, ProviderError> {
        let response = send(
            self.post(request, false, format),
            self.config.api_key.as_ref(),
        )
        .await?;
        W::decode_reply(&read_body(response).await?, &self.config.model)
    }

    /// One call, streamed: `on_delta` gets each piece of text as it arrives.
    pub async fn stream(
        &self,
        request: &ChatRequest,
        format: OutputFormat,
        on_delta: &mut (dyn FnMut(&str) + Send),
    ) -> Result<ChatReply, ProviderError> {
        let key = self.config.api_key.as_ref();
        let response = send(self.post(request, true, format), key).await?;
        let mut reply = StreamedReply::default();
        for_each_event(response, |event| {
            W::on_stream_event(&event, &mut reply, key, on_delta)
        })
        .await?;
        reply.finish(&self.config.model)
    }

    fn post(
        &self,
        request: &ChatRequest,
        stream: bool,
        format: OutputFormat,
    ) -> reqwest::RequestBuilder {
        let wire = W::request(&self.config, request, stream, format);
        let mut builder = self.http.post(wire.url).json(&wire.body);
        for (name, value) in wire.headers {
            builder = builder.header(*name, *value);
        }
        if let Some(key_header) = &self.key_header {
            builder = builder.header(W::KEY_HEADER.0, key_header.clone());
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        builder
    }
}
