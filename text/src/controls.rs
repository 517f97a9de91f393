//! Characters that never belong in stored text or in what a model is asked.

/// A character that never belongs in stored text: NUL (which PostgreSQL refuses), the other
/// control characters and the byte-order mark. Tabs and line breaks are text.
pub fn is_unwanted_control(c: char) -> bool {
    !matches!(c, '\t' | '\n') && (c.is_control() || c == '\u{FEFF}')
}
