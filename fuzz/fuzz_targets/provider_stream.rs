//! Any bytes as the body of an LLM provider's reply, in each wire format (OpenAI-compatible
//! chat completions, Anthropic Messages, Gemini `generateContent`), through the decoders the
//! clients use (`llm::fuzzing`): as a server-sent event stream
//! and as a whole JSON body. Every input must give a reply or a precise `ProviderError`,
//! never a panic; where the stream is cut into chunks must not matter (the deltas and the
//! result of the whole body, of two pieces split at a fuzzer-chosen point and, for short
//! bodies, of single bytes are the same); a reply's text is its deltas joined and is not
//! blank; a refusal quoted from the provider is short and never carries the API key.
//!
//! Input: one byte choosing the wire format, two bytes choosing the split point, the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use llm::fuzzing::{decode_reply, decode_stream, WireFormat};
use llm::{ApiKey, ChatReply, ProviderError};

const KEY: &str = "sk-fuzz-SECRET-7319";
const MODEL: &str = "configured-model";
/// `truncate` in the providers' HTTP code keeps 300 characters and adds "…".
const MAX_MESSAGE_CHARS: usize = 301;
/// Bodies up to this long are also fed one byte at a time.
const BYTEWISE_UP_TO: usize = 2048;

fn stream(format: WireFormat, chunks: &[&[u8]]) -> (Result<ChatReply, ProviderError>, Vec<String>) {
    let key = ApiKey::new(KEY);
    let mut deltas = Vec::new();
    let result = decode_stream(format, chunks, Some(&key), MODEL, &mut |piece: &str| {
        deltas.push(piece.to_owned())
    });
    (result, deltas)
}

fn check_error(error: &ProviderError) {
    match error {
        ProviderError::Rejected { status, message } => {
            assert!((400..=499).contains(status), "{error:?}");
            assert_ne!(*status, 429, "a 429 is RateLimited: {error:?}");
            assert!(!message.contains(KEY), "the key leaked: {error:?}");
            assert!(message.chars().count() <= MAX_MESSAGE_CHARS, "{error:?}");
        }
        ProviderError::Server { status } => {
            assert!(!(400..=499).contains(status), "{error:?}");
        }
        ProviderError::RateLimited { retry_after } => assert_eq!(*retry_after, None),
        ProviderError::Malformed(_) | ProviderError::Connection(_) => {}
        ProviderError::Timeout
        | ProviderError::CircuitOpen
        | ProviderError::FormatRefused { .. } => {
            panic!("decoding a body cannot give {error:?}")
        }
    }
}

fn check_reply(reply: &ChatReply) {
    assert!(!reply.text.trim().is_empty(), "blank reply: {reply:?}");
}

fuzz_target!(|bytes: &[u8]| {
    let [selector, split_hi, split_lo, body @ ..] = bytes else {
        return;
    };
    let format = match selector % 3 {
        0 => WireFormat::OpenAi,
        1 => WireFormat::Anthropic,
        _ => WireFormat::Gemini,
    };
    let split = usize::from(u16::from_be_bytes([*split_hi, *split_lo])) % (body.len() + 1);

    // Streamed: whole, in two pieces, and byte by byte.
    let (whole, deltas) = stream(format, &[body]);
    assert!(deltas.iter().all(|delta| !delta.is_empty()), "{deltas:?}");
    match &whole {
        Ok(reply) => {
            check_reply(reply);
            assert_eq!(reply.text, deltas.concat(), "the text is not its deltas");
        }
        Err(error) => check_error(error),
    }
    let (head, tail) = body.split_at(split);
    let (in_two, deltas_in_two) = stream(format, &[head, tail]);
    assert_eq!(deltas.concat(), deltas_in_two.concat(), "split at {split}");
    assert_eq!(whole, in_two, "split at {split}");
    if body.len() <= BYTEWISE_UP_TO {
        let bytewise: Vec<&[u8]> = body.chunks(1).collect();
        let (one_by_one, deltas_one_by_one) = stream(format, &bytewise);
        assert_eq!(deltas.concat(), deltas_one_by_one.concat(), "byte by byte");
        assert_eq!(whole, one_by_one, "byte by byte");
    }

    // Not streamed: the same bytes as the whole JSON body.
    match decode_reply(format, body, MODEL) {
        Ok(reply) => check_reply(&reply),
        Err(error) => assert!(
            matches!(error, ProviderError::Malformed(_)),
            "a body gives a reply or Malformed: {error:?}"
        ),
    }
});
