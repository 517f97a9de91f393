//! Plain-text decoding and the clean-up every extracted text goes through.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;

use text::controls::is_unwanted_control;

use crate::DocumentError;

/// The most text we keep from one document. A long CV is ~20,000 characters; beyond this it
/// is padding or keyword stuffing, and the interviewer could not use it anyway.
pub const MAX_TEXT_CHARS: usize = domain::MAX_DOCUMENT_CHARS;

/// Text ready for the interviewer, with what the user should know about how it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanText {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes a plain-text file: a byte-order mark decides when present; then UTF-16 without a
/// mark (recognised by its pattern of zero bytes), UTF-8 (also with a few broken bytes, when
/// the rest shows it is UTF-8: those are left out, with a warning), and finally Windows-1252,
/// the superset of Latin-1 that Western European editors write. Then [`clean`]s it.
pub fn decode(bytes: &[u8]) -> Result<CleanText, DocumentError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, &bytes[bom_length..]),
        None => (sniff_encoding(bytes), bytes),
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    let replaced = text.matches(char::REPLACEMENT_CHARACTER).count();
    let mut cleaned = if replaced > 0 {
        clean(&text.replace(char::REPLACEMENT_CHARACTER, ""))?
    } else {
        clean(&text)?
    };
    if replaced > 0 {
        cleaned.warnings.insert(
            0,
            format!("{replaced} bytes of this file were not valid text; we left them out. Check the text below."),
        );
    }
    if encoding == WINDOWS_1252 {
        cleaned.warnings.insert(
            0,
            "This file was not saved as UTF-8; we read it as Western European (Windows-1252). Check that accented letters look right.".into(),
        );
    }
    Ok(cleaned)
}

fn sniff_encoding(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs >= 4 {
        let zero_at = |offset: usize| {
            sample
                .chunks_exact(2)
                .filter(|pair| pair[offset] == 0)
                .count()
        };
        let (even, odd) = (zero_at(0), zero_at(1));
        // Latin text in UTF-16: every other byte is zero, the others almost never.
        if odd * 10 >= pairs * 4 && even * 20 < pairs {
            return UTF_16LE;
        }
        if even * 10 >= pairs * 4 && odd * 20 < pairs {
            return UTF_16BE;
        }
    }
    if is_mostly_utf8(bytes) {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// Valid UTF-8, or UTF-8 with fewer broken sequences than well-formed multi-byte characters
/// (a UTF-8 file with a few stray bytes); Latin-1 text has no well-formed multi-byte
/// sequences to speak of.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut rest, mut broken, mut multibyte) = (bytes, 0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                multibyte += std::str::from_utf8(valid)
                    .map_or(0, |text| text.chars().filter(|c| c.len_utf8() > 1).count());
                broken += 1;
                match error.error_len() {
                    Some(length) => rest = &after[length..],
                    // Cut off at the end of the file.
                    None => break,
                }
            }
        }
    }
    broken == 0 || broken < multibyte
}

/// Terminal output saved to a file, read as the terminal showed it: colour and cursor codes
/// (`ESC [ … m`, `ESC ] … BEL`) go, and a backspace takes back the character before it (how
/// `man` pages overstrike bold).
fn without_terminal_codes(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains(['\u{1b}', '\u{8}']) {
        return raw.into();
    }
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // Control sequence: parameters, then one final byte in `@`..=`~`.
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                // Operating-system command: up to BEL or `ESC \`.
                Some(']') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                // A two-character escape (or a lone one at the end).
                _ => {}
            },
            '\u{8}' => {
                if text.ends_with(|c: char| c != '\n') {
                    text.pop();
                }
            }
            _ => text.push(c),
        }
    }
    text.into()
}

/// Runs of this many characters without a space are not words: base64, hex, minified data.
const LONGEST_WORD: usize = 40;

/// Mostly encoded data: more than half the text in runs longer than [`LONGEST_WORD`]
/// characters without a space that look encoded. A CV's long URLs and e-mail addresses are a
/// small part of it.
fn is_encoded_data(raw: &str) -> bool {
    let (mut in_runs, mut total) = (0usize, 0usize);
    let separates = |c: char| c.is_whitespace() || is_unwanted_control(c);
    for word in raw.split(separates).filter(|word| !word.is_empty()) {
        let length = word.chars().count();
        total += length;
        if length > LONGEST_WORD && looks_encoded(word) {
            in_runs += length;
        }
    }
    total > 0 && in_runs * 2 > total
}

/// Encoded data (base64, hex) draws on many symbols; a run of one repeated letter is noise a
/// person typed, and stays their text.
fn looks_encoded(run: &str) -> bool {
    let mut seen = std::collections::HashSet::new();
    run.chars().any(|c| {
        seen.insert(c);
        seen.len() >= 8
    })
}

/// Normalises extracted text without flattening it: line endings become `\n`, NUL and other
/// control characters go (tabs and line breaks stay), trailing spaces and runs of blank lines
/// shrink, Unicode is composed (NFC), and the text is cut at [`MAX_TEXT_CHARS`], keeping the
/// start. Whitespace-only text is refused.
pub fn clean(raw: &str) -> Result<CleanText, DocumentError> {
    let raw = without_terminal_codes(raw);
    let raw = raw.as_ref();
    if is_encoded_data(raw) {
        return Err(DocumentError::NotProse);
    }
    let mut warnings = Vec::new();
    let mut text = String::with_capacity(raw.len().min(MAX_TEXT_CHARS * 4));
    let mut chars = 0usize;
    let mut blank_run = 0usize;
    let mut truncated = false;
    let normalized = raw.replace("\r\n", "\n").replace('\r', "\n");
    for line in normalized.split('\n') {
        let line: String = line.nfc().filter(|c| !is_unwanted_control(*c)).collect();
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || text.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        let line_chars = line.chars().count();
        if chars + line_chars + 1 > MAX_TEXT_CHARS {
            let room = MAX_TEXT_CHARS.saturating_sub(chars);
            text.extend(line.chars().take(room));
            truncated = true;
            break;
        }
        text.push_str(line);
        text.push('\n');
        chars += line_chars + 1;
    }
    let text = text.trim_end().to_owned();
    if text.trim().is_empty() {
        return Err(DocumentError::NoText);
    }
    if truncated {
        warnings.push(format!(
            "The text was very long; we kept the first {MAX_TEXT_CHARS} characters. Check that nothing important was cut."
        ));
    }
    Ok(CleanText { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_output_reads_as_the_terminal_showed_it() {
        let file = b"\x1b[1;31mPriya Raghunathan\x1b[0m\n\x1b]0;cv.txt\x07Data scientist, Londom\x08n\x7f\nB\x08Bo\x08ol\x08ld move\n- Forecasting with LightGBM at Larkspur Grocers, 2019 \xE2\x80\x93 present\n";
        let cleaned = decode(file).unwrap();
        assert_eq!(
            cleaned.text,
            "Priya Raghunathan\nData scientist, London\nBold move\n- Forecasting with LightGBM at Larkspur Grocers, 2019 \u{2013} present"
        );
        assert!(cleaned.warnings.is_empty(), "{:?}", cleaned.warnings);
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_left_out_with_a_warning() {
        let mut file = "Jürgen Weiß, Köln — Kafka, Go\n".as_bytes().to_vec();
        file.extend_from_slice(b"\xFF\xFEExperience: 6 years\n");
        let cleaned = decode(&file).unwrap();
        assert_eq!(
            cleaned.text,
            "Jürgen Weiß, Köln — Kafka, Go\nExperience: 6 years"
        );
        assert!(
            cleaned.warnings[0].contains("2 bytes"),
            "{:?}",
            cleaned.warnings
        );
        // Latin-1 still reads as Latin-1.
        let latin = decode(b"J\xFCrgen Wei\xDF, K\xF6ln\n").unwrap();
        assert_eq!(latin.text, "Jürgen Weiß, Köln");
    }

    #[test]
    fn encoded_data_is_refused_as_not_prose() {
        let blob = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo".repeat(30_000);
        assert_eq!(clean(&blob), Err(DocumentError::NotProse));
        let pasted = format!("My CV\n{}", "aGVsbG8gd29ybGQ=".repeat(100));
        assert_eq!(clean(&pasted), Err(DocumentError::NotProse));
        // A run of one letter is not encoded data, and a CV with a long link stays a CV.
        assert!(clean(&format!("{}\nPriya, data scientist", "W".repeat(5000))).is_ok());
        let cv = "Priya Raghunathan, data scientist in London. Portfolio: https://github.com/priya-raghunathan/demand-forecasting-with-lightgbm-and-cuped\nForecasting, experiments, Snowflake and Python every day at Larkspur Grocers since 2019.";
        assert!(clean(cv).is_ok());
    }

    #[test]
    fn utf8_with_emoji_and_line_structure_is_kept() {
        let cleaned =
            decode("Jake Thompson 🚀\r\n\r\n- Closed 137% of quota\r\n- HubSpot ❤️\n".as_bytes())
                .unwrap();
        assert_eq!(
            cleaned.text,
            "Jake Thompson 🚀\n\n- Closed 137% of quota\n- HubSpot ❤️"
        );
        assert!(cleaned.warnings.is_empty());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Renée Dubois-Müller\nGenève";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom).unwrap().text, text);
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().text, text);
    }

    #[test]
    fn latin1_falls_back_to_windows_1252_with_a_warning() {
        let bytes = b"J\xfcrgen Wei\xdf, K\xf6ln \x80 100";
        let cleaned = decode(bytes).unwrap();
        assert_eq!(cleaned.text, "Jürgen Weiß, Köln € 100");
        assert!(cleaned.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn nul_and_control_characters_are_removed_tabs_kept() {
        let cleaned = decode(b"Kaveri\0 Pay\x07\n2019\t2023\0\0\0").unwrap();
        assert_eq!(cleaned.text, "Kaveri Pay\n2019\t2023");
    }

    #[test]
    fn text_is_composed_to_nfc() {
        let decomposed = "Rene\u{301}e";
        assert_eq!(clean(decomposed).unwrap().text, "Renée");
    }

    #[test]
    fn blank_runs_shrink_and_whitespace_only_is_refused() {
        assert_eq!(clean("\n\nA   \n\n\n\nB\n\n").unwrap().text, "A\n\nB");
        assert_eq!(clean(" \t\r\n \n\t"), Err(DocumentError::NoText));
        assert_eq!(decode(b"\0\0\0"), Err(DocumentError::NoText));
    }

    #[test]
    fn long_text_is_cut_at_the_budget_keeping_the_start() {
        let long = format!("Hannah Fischer {}", "keyword ".repeat(50_000));
        let cleaned = clean(&long).unwrap();
        assert_eq!(cleaned.text.chars().count(), MAX_TEXT_CHARS);
        assert!(cleaned.text.starts_with("Hannah Fischer"));
        assert!(cleaned.warnings[0].contains("first 100000"));
    }
}
