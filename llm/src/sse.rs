//! An incremental parser for server-sent events (the `text/event-stream` format all three
//! providers stream in). Bytes arrive in arbitrary chunks, so a line, a CRLF pair or a UTF-8
//! character may be split between two chunks; the parser keeps the unfinished line until the
//! rest arrives.

/// One dispatched event: its `event:` name, if any, and its `data:` lines joined with `\n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    pub event: Option<String>,
    pub data: String,
}

#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    /// The previous line ended in `\r`: a `\n` right after it belongs to the same line end.
    after_cr: bool,
    event: Option<String>,
    data: String,
    has_data: bool,
}

impl SseParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next chunk and returns the events it completed, in order. An event that has
    /// not seen its blank line yet stays pending (and is dropped at the end of the stream, as
    /// the SSE specification says).
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        let mut events = Vec::new();
        for &byte in chunk {
            if byte == b'\n' && self.after_cr {
                self.after_cr = false;
                continue;
            }
            self.after_cr = byte == b'\r';
            if byte == b'\r' || byte == b'\n' {
                let line = std::mem::take(&mut self.line);
                self.take_line(&line, &mut events);
            } else {
                self.line.push(byte);
            }
        }
        events
    }

    fn take_line(&mut self, line: &[u8], events: &mut Vec<SseEvent>) {
        if line.is_empty() {
            self.dispatch(events);
            return;
        }
        if line[0] == b':' {
            return; // a comment, often a keep-alive
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_owned()),
            _ => {} // `id`, `retry` and unknown fields do not matter here
        }
    }

    fn dispatch(&mut self, events: &mut Vec<SseEvent>) {
        let event = self.event.take();
        if std::mem::take(&mut self.has_data) {
            events.push(SseEvent {
                event,
                data: std::mem::take(&mut self.data),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(text: &str) -> SseEvent {
        SseEvent {
            event: None,
            data: text.to_owned(),
        }
    }

    fn parse_in_chunks(input: &[u8], chunk_size: usize) -> Vec<SseEvent> {
        let mut parser = SseParser::new();
        input
            .chunks(chunk_size)
            .flat_map(|chunk| parser.push(chunk))
            .collect()
    }

    #[test]
    fn events_survive_every_chunk_boundary() {
        let input = "event: message_start\r\ndata: {\"a\":\"é\"}\r\n\r\n: keep-alive\n\ndata: line one\ndata: line two\n\ndata:no-space\r\rid: 7\ndata: [DONE]\n\n";
        let expected = vec![
            SseEvent {
                event: Some("message_start".into()),
                data: "{\"a\":\"é\"}".into(),
            },
            data("line one\nline two"),
            data("no-space"),
            data("[DONE]"),
        ];
        for chunk_size in 1..=input.len() {
            assert_eq!(
                parse_in_chunks(input.as_bytes(), chunk_size),
                expected,
                "chunk size {chunk_size}"
            );
        }
    }

    #[test]
    fn an_unfinished_event_is_not_dispatched() {
        let mut parser = SseParser::new();
        assert_eq!(
            parser.push(b"data: complete\n\ndata: cut in"),
            vec![data("complete")]
        );
        assert_eq!(parser.push(b" the middle"), vec![]);
        assert_eq!(parser.push(b"\n\n"), vec![data("cut in the middle")]);
    }

    #[test]
    fn a_blank_line_without_data_dispatches_nothing() {
        let mut parser = SseParser::new();
        assert_eq!(parser.push(b"event: ping\n\n\n\n"), vec![]);
        assert_eq!(parser.push(b"data: x\n\n"), vec![data("x")]);
    }
}
