//! Server-sent events, as the question stream sends them: `data:` lines, an empty line ending
//! each event, `:` comment lines (keep-alives) ignored. Bytes arrive in arbitrary chunks, so
//! the parser keeps an incomplete line until the rest comes.

#[derive(Debug, Default)]
pub struct SseParser {
    /// The bytes of a line not yet ended.
    pending: Vec<u8>,
    /// The `data:` lines of the event being read.
    data: Vec<String>,
}

impl SseParser {
    /// Feeds a chunk; returns the data of every event it completed (multi-line data joined
    /// with `\n`, as the standard says). Events without data are dropped.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.pending.extend_from_slice(chunk);
        let mut events = Vec::new();
        while let Some(end) = self.pending.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !self.data.is_empty() {
                    events.push(self.data.join("\n"));
                    self.data.clear();
                }
            } else if let Some(value) = line.strip_prefix("data:") {
                self.data
                    .push(value.strip_prefix(' ').unwrap_or(value).to_owned());
            }
            // Comments (`:`), `event:`, `id:` and `retry:` lines carry nothing we read.
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks_come_out_whole() {
        let mut parser = SseParser::default();
        assert!(parser.push(b"data: {\"type\":\"del").is_empty());
        assert!(parser.push(b"ta\",\"text\":\"Hi \"}\n").is_empty());
        assert_eq!(
            parser.push(b"\ndata: {\"type\":\"completed\"}\n\n"),
            [
                r#"{"type":"delta","text":"Hi "}"#,
                r#"{"type":"completed"}"#
            ]
        );
    }

    #[test]
    fn comments_crlf_and_multi_line_data() {
        let mut parser = SseParser::default();
        let events = parser.push(b": ping\r\n\r\ndata:a\r\ndata: b\r\n\r\nevent: x\n\n");
        assert_eq!(events, ["a\nb"]);
    }

    #[test]
    fn a_character_split_between_chunks_is_kept_intact() {
        let mut parser = SseParser::default();
        let text = "data: caf\u{e9}\n\n".as_bytes();
        let split = text.len() - 3;
        assert!(parser.push(&text[..split]).is_empty());
        assert_eq!(parser.push(&text[split..]), ["caf\u{e9}"]);
    }
}
