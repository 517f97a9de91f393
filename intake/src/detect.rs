//! File type by content. A PNG renamed `.pdf` or a `.doc` renamed `.docx` is recognised for
//! what it is, and the refusal says what to do instead.

use serde::{Deserialize, Serialize};

use crate::DocumentError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Docx,
    Text,
}

impl FileType {
    pub fn as_str(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Docx => "docx",
            FileType::Text => "text",
        }
    }

    pub fn parse(name: &str) -> Option<FileType> {
        [FileType::Pdf, FileType::Docx, FileType::Text]
            .into_iter()
            .find(|file_type| file_type.as_str() == name)
    }
}

const EXPORT_ADVICE: &str = "Export your CV as PDF, or paste the text.";
const SAVE_AS_ADVICE: &str =
    "Open it in Word or LibreOffice and save it as .docx or PDF, or paste the text.";

/// How much of a file the text-or-binary check reads.
const SNIFF_BYTES: usize = 64 * 1024;

pub fn detect(bytes: &[u8]) -> Result<FileType, DocumentError> {
    if bytes.is_empty() {
        return Err(DocumentError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    // The PDF header may be preceded by junk; readers accept it within the first 1024 bytes.
    if find(head, b"%PDF-").is_some() {
        return Ok(FileType::Pdf);
    }
    if let Some(what) = image_kind(bytes) {
        return Err(unsupported(what, EXPORT_ADVICE));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // Office encrypts a .docx into an OLE2 container with these two streams; their names
        // are stored in UTF-16 in the container's directory.
        if find(bytes, &utf16le("EncryptedPackage")).is_some()
            || find(bytes, &utf16le("EncryptionInfo")).is_some()
        {
            return Err(DocumentError::PasswordProtectedOffice);
        }
        return Err(unsupported(
            "an old-style Word (.doc) or Office file",
            SAVE_AS_ADVICE,
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported("a Rich Text (.rtf) file", SAVE_AS_ADVICE));
    }
    if looks_like_html(bytes) {
        return Err(unsupported(
            "a web page (HTML)",
            "Save the page as PDF from your browser, or copy and paste its text.",
        ));
    }
    if looks_like_text(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
        return Ok(FileType::Text);
    }
    Err(unsupported(
        "a file type we don't recognise",
        "Upload a PDF, a .docx or a .txt file, or paste the text.",
    ))
}

fn unsupported(what: &'static str, advice: &'static str) -> DocumentError {
    DocumentError::Unsupported {
        what: what.into(),
        advice: advice.into(),
    }
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    let is = |magic: &[u8]| bytes.starts_with(magic);
    let image = is(b"\x89PNG\r\n\x1a\n")
        || is(&[0xFF, 0xD8, 0xFF])
        || is(b"GIF87a")
        || is(b"GIF89a")
        || (is(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || is(b"II*\0")
        || is(b"MM\0*")
        || (bytes.get(4..8) == Some(b"ftyp")
            && matches!(
                bytes.get(8..12),
                Some(b"heic" | b"heix" | b"mif1" | b"avif")
            ));
    image.then_some("an image")
}

/// DOCX, ODF and other Office formats are all ZIP archives; the names of their parts tell
/// them apart. Names are stored uncompressed, so a byte search finds them without unpacking.
fn zip_kind(bytes: &[u8]) -> Result<FileType, DocumentError> {
    // ODF puts an uncompressed `mimetype` entry first.
    if bytes.get(30..38) == Some(b"mimetype") {
        let declared = &bytes[38..bytes.len().min(38 + 80)];
        if find(declared, b"opendocument.text").is_some() {
            return Err(unsupported(
                "an OpenDocument text (.odt) file",
                SAVE_AS_ADVICE,
            ));
        }
        return Err(unsupported("an OpenDocument file", SAVE_AS_ADVICE));
    }
    if find(bytes, b"word/document.xml").is_some() {
        return Ok(FileType::Docx);
    }
    if find(bytes, b"xl/workbook").is_some() {
        return Err(unsupported("an Excel spreadsheet", EXPORT_ADVICE));
    }
    if find(bytes, b"ppt/presentation").is_some() {
        return Err(unsupported("a PowerPoint presentation", EXPORT_ADVICE));
    }
    Err(unsupported(
        "a ZIP archive",
        "Upload the document itself rather than an archive.",
    ))
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &start[i..]);
    let prefix: Vec<u8> = start.iter().take(15).map(u8::to_ascii_lowercase).collect();
    prefix.starts_with(b"<!doctype html") || prefix.starts_with(b"<html")
}

/// Text unless control characters (other than tab, line feed, carriage return, form feed)
/// are common among the non-NUL bytes. NULs are ignored here: UTF-16 text is full of them and
/// an interrupted upload pads text with them; the decoder deals with both. So are escape,
/// backspace and delete: terminal output saved to a file (colour codes, overstrikes) is text
/// with them, and the clean-up removes them.
fn looks_like_text(sample: &[u8]) -> bool {
    if sample.starts_with(b"\xFF\xFE") || sample.starts_with(b"\xFE\xFF") {
        return true;
    }
    let mut meaningful = 0usize;
    let mut control = 0usize;
    for &byte in sample {
        match byte {
            0 => {}
            b'\t' | b'\n' | b'\r' | 0x0C | 0x1B | 0x08 | 0x7F => meaningful += 1,
            0x01..=0x1F => {
                meaningful += 1;
                control += 1;
            }
            _ => meaningful += 1,
        }
    }
    meaningful > 0 && control * 100 <= meaningful
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(bytes: &[u8]) -> String {
        detect(bytes).unwrap_err().to_string()
    }

    #[test]
    fn recognises_the_supported_types() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Ok(FileType::Pdf));
        assert_eq!(detect(b"\r\n\x00junk%PDF-1.4"), Ok(FileType::Pdf));
        let mut docx = b"PK\x03\x04".to_vec();
        docx.extend_from_slice(&[0; 26]);
        docx.extend_from_slice(b"[Content_Types].xml....word/document.xml");
        assert_eq!(detect(&docx), Ok(FileType::Docx));
        assert_eq!(detect("Jürgen Weiß\n- Köln".as_bytes()), Ok(FileType::Text));
        assert_eq!(detect(b"\xFF\xFEH\x00i\x00"), Ok(FileType::Text));
    }

    #[test]
    fn names_what_a_refused_file_really_is() {
        assert!(refusal(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("an image"));
        assert!(refusal(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).contains(".doc"));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert!(refusal(&odt).contains(".odt"));
        assert!(refusal(b"  <!DOCTYPE html><html><body>CV</body></html>").contains("web page"));
        assert!(refusal(b"{\\rtf1\\ansi CV}").contains(".rtf"));
        assert_eq!(detect(b""), Err(DocumentError::Empty));
    }

    #[test]
    fn a_password_protected_office_file_is_said_to_be_one() {
        let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        encrypted.extend_from_slice(&[0; 504]);
        encrypted.extend_from_slice(&utf16le("EncryptionInfo"));
        encrypted.extend_from_slice(&[0; 50]);
        encrypted.extend_from_slice(&utf16le("EncryptedPackage"));
        assert_eq!(
            detect(&encrypted),
            Err(DocumentError::PasswordProtectedOffice)
        );
        assert!(refusal(&encrypted).contains("password"));
    }

    #[test]
    fn terminal_output_is_text() {
        let ansi = b"\x1b[1mPriya Raghunathan\x1b[0m\nData scientist\x08\x08\x7f, London\n\x1b[32m- Forecasting\x1b[0m\n";
        assert_eq!(detect(ansi), Ok(FileType::Text));
    }

    #[test]
    fn binary_noise_is_not_text_but_nul_padding_is_tolerated() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(refusal(&noise).contains("don't recognise"));
        let mut padded = b"Priyanka Sharma\n\0\0Experience\n".to_vec();
        padded.extend_from_slice(&[0; 4096]);
        assert_eq!(detect(&padded), Ok(FileType::Text));
    }
}
