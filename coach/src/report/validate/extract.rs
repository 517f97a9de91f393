//! The JSON object inside a model's reply. Models wrap it in a Markdown code fence, put a
//! sentence before it ("Here is the feedback:") or after it; all of that is dropped. A reply
//! cut off by the token limit is reported as truncated, so the repair round can say so.

use serde_json::{Deserializer, Map, Value};

/// Why no object could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Unreadable {
    NoObject,
    /// The object starts but ends early; serde's message says where.
    Truncated(String),
    Syntax(String),
}

/// The first JSON object of `reply`.
pub(super) fn json_object(reply: &str) -> Result<Map<String, Value>, Unreadable> {
    let text = inside_fence(reply).unwrap_or(reply);
    let start = object_start(text).ok_or(Unreadable::NoObject)?;
    // A stream deserializer reads one value and leaves whatever follows it alone.
    let mut values = Deserializer::from_str(&text[start..]).into_iter::<Value>();
    match values.next() {
        Some(Ok(Value::Object(map))) => Ok(map),
        Some(Ok(_)) | None => Err(Unreadable::NoObject),
        Some(Err(error)) if error.is_eof() => Err(Unreadable::Truncated(error.to_string())),
        Some(Err(error)) => Err(Unreadable::Syntax(error.to_string())),
    }
}

/// The contents of the first code fence that holds a "{", without the fence's language tag.
/// A fence that is never closed (a cut-off reply) runs to the end.
fn inside_fence(reply: &str) -> Option<&str> {
    let mut rest = reply;
    while let Some(open) = rest.find("```") {
        let after_marker = &rest[open + 3..];
        let body_start = after_marker
            .find('\n')
            .map_or(after_marker.len(), |at| at + 1);
        let body = &after_marker[body_start..];
        let (inside, next) = match body.find("```") {
            Some(close) => (&body[..close], &body[close + 3..]),
            None => (body, ""),
        };
        if inside.contains('{') {
            return Some(inside);
        }
        rest = next;
    }
    None
}

/// Where the object starts: the first "{" that opens an object with a key (or an empty one),
/// so braces in a sentence before it ("{name}") are skipped; else the first "{".
fn object_start(text: &str) -> Option<usize> {
    let opens_object = |at: usize| text[at + 1..].trim_start().starts_with(['"', '}']);
    let braces: Vec<usize> = text.match_indices('{').map(|(at, _)| at).collect();
    braces
        .iter()
        .copied()
        .find(|&at| opens_object(at))
        .or_else(|| braces.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(reply: &str) -> Vec<String> {
        json_object(reply).unwrap().keys().cloned().collect()
    }

    #[test]
    fn finds_the_object_in_fences_and_prose() {
        assert_eq!(keys("{\"a\": 1}"), ["a"]);
        assert_eq!(keys("```json\n{\"a\": 1}\n```"), ["a"]);
        assert_eq!(
            keys("Sure! Here it is:\n```\n{\"a\": {\"b\": 2}}\n```\nHope it helps."),
            ["a"]
        );
        assert_eq!(
            keys("Feedback for {name}: {\"a\": 1} and that is all {}"),
            ["a"]
        );
        assert_eq!(
            keys("```text\nno json\n```\n```json\n{\"b\": 1}\n```"),
            ["b"]
        );
    }

    #[test]
    fn says_why_there_is_no_object() {
        assert_eq!(
            json_object("I cannot help with that."),
            Err(Unreadable::NoObject)
        );
        assert_eq!(json_object(""), Err(Unreadable::NoObject));
        assert!(matches!(
            json_object("```json\n{\"overall\": {\"score\": 7, \"not_enough"),
            Err(Unreadable::Truncated(message)) if message.contains("EOF")
        ));
        assert!(matches!(
            json_object("{\"a\": 1,, }"),
            Err(Unreadable::Syntax(message)) if message.contains("line 1")
        ));
    }
}
