//! Plain-text tables on stdout (one column per phase) and the JSON report file.

use std::path::Path;

use serde::Serialize;

/// The label column's width; values are right-aligned in columns of `VALUE_WIDTH`.
const LABEL_WIDTH: usize = 38;
const VALUE_WIDTH: usize = 24;

/// Prints one row: a label and one value per phase.
pub fn row(label: &str, values: &[String]) {
    let mut line = format!("{label:<LABEL_WIDTH$}");
    for value in values {
        line.push_str(&format!("{value:>VALUE_WIDTH$}"));
    }
    println!("{}", line.trim_end());
}

/// Wraps `text` at `width` columns, between words.
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// Writes `report` as pretty JSON, creating the directory if needed.
pub fn write_json(report: &impl Serialize, path: &Path) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(report).map_err(|e| e.to_string())?;
    std::fs::write(path, json + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("", 9), "");
    }
}
