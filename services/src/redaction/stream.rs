//! Restoring a streamed reply: a placeholder may arrive split across chunks (`[CANDI`,
//! `DATE_NAME]`), so the end of a chunk that could still become one is held back until the
//! next chunk completes it, or shows it was not one.

use crate::redaction::placeholders::{is_token_char, MAX_INNER_CHARS};
use crate::redaction::Redactor;

/// The text of one streamed reply, restored chunk by chunk.
pub struct RestoringStream<'r> {
    redactor: &'r Redactor,
    held: String,
}

impl<'r> RestoringStream<'r> {
    pub fn new(redactor: &'r Redactor) -> Self {
        Self {
            redactor,
            held: String::new(),
        }
    }

    /// The restored text that can be shown now that `chunk` has arrived (maybe empty).
    pub fn push(&mut self, chunk: &str) -> String {
        self.held.push_str(chunk);
        let ready = ready_len(&self.held);
        let shown = self.redactor.restore(&self.held[..ready]);
        self.held.drain(..ready);
        shown
    }

    /// What is still held back, restored, once the reply is complete.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.held);
        self.redactor.restore(&rest)
    }
}

/// How much of `text` can be restored now: all of it, unless it ends in an open bracket
/// whose text so far could still be a placeholder.
fn ready_len(text: &str) -> usize {
    let Some(open) = text.rfind('[') else {
        return text.len();
    };
    let after = &text[open + 1..];
    let could_be_placeholder =
        after.chars().count() <= MAX_INNER_CHARS && after.chars().all(is_token_char);
    if could_be_placeholder {
        open
    } else {
        text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redaction::Sources;

    fn redactor() -> Redactor {
        Redactor::new(
            Sources {
                cv: "Priya Raghunathan\nLondon | +44 7700 900 418 | priya@example.com",
                job_description: "Data Scientist",
                job_title: "Data Scientist",
                company: "Northwind",
            },
            [],
        )
    }

    /// Every way of cutting `reply` in two and in single characters gives the same text.
    #[test]
    fn a_placeholder_split_across_chunks_is_restored_whole() {
        let redactor = redactor();
        let reply =
            "Thanks [CANDIDATE_FIRST_NAME]. Is [EMAIL_1] still right, and [PHONE_1]? [number] [x";
        let expected =
            "Thanks Priya. Is priya@example.com still right, and +44 7700 900 418? [number] [x";
        assert_eq!(redactor.restore(reply), expected);
        for cut in (0..=reply.len()).filter(|cut| reply.is_char_boundary(*cut)) {
            let mut stream = RestoringStream::new(&redactor);
            let mut shown = stream.push(&reply[..cut]);
            shown.push_str(&stream.push(&reply[cut..]));
            shown.push_str(&stream.finish());
            assert_eq!(shown, expected, "cut at {cut}");
        }
        let mut stream = RestoringStream::new(&redactor);
        let mut shown = String::new();
        for c in reply.chars() {
            let piece = stream.push(&c.to_string());
            // Nothing of a placeholder is ever shown raw.
            assert!(!piece.contains('_'), "{piece:?}");
            shown.push_str(&piece);
        }
        shown.push_str(&stream.finish());
        assert_eq!(shown, expected);
    }

    #[test]
    fn text_that_cannot_be_a_placeholder_is_not_held() {
        let redactor = redactor();
        let mut stream = RestoringStream::new(&redactor);
        assert_eq!(stream.push("Tell me "), "Tell me ");
        assert_eq!(stream.push("about [CAND"), "about ");
        assert_eq!(stream.push("IDATE_NAME"), "");
        assert_eq!(
            stream.push("]'s team [a, b]"),
            "Priya Raghunathan's team [a, b]"
        );
        assert_eq!(
            stream.push(" [a long aside that is no placeholder at all, surely"),
            " [a long aside that is no placeholder at all, surely"
        );
        assert_eq!(stream.finish(), "");
    }
}
