//! The JSON encoding of the server functions: the same bytes as `server_fn`'s `Json`, but
//! decoded from a `&str`, like the resources' hydration data. The browser then holds one
//! copy of each type's JSON deserializer (`serde_json`'s `StrRead`) instead of two (`from_slice`
//! for server function answers, `from_str` for resources), which keeps the WASM bundle small.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::{DeserializeOwned, Error as _};
use serde::Serialize;

/// JSON in, JSON out; see the module docs.
pub struct JsonStrEncoding;

/// Arguments as a URL-encoded form (the `#[server]` default), the answer as JSON decoded from
/// a `&str`.
pub type JsonStr = Post<JsonStrEncoding>;

impl ContentType for JsonStrEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonStrEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonStrEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonStrEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde_json::Error::custom)?;
        serde_json::from_str(text)
    }
}
