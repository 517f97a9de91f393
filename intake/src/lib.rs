//! Document intake: what a file really is, and its text.
//!
//! - `detect`: the type from the bytes (magic numbers), never from the file name, with a
//!   message for each kind of file we cannot read.
//! - `docx`: text from Word files, bounded against zip bombs and absurd nesting.
//! - `intake`: the single entry point (bytes or pasted text → text + warnings).
//! - `injection`: noticing text written to instruct an AI.
//! - `pdf`: text from PDF files, laid out from glyph positions, with a flattened page tree.
//! - `service`: storage of an interview's two documents and the interview's readiness.
//! - `worker`: runs extraction in a child process with limits and a deadline.
//! - `text`: plain-text decoding (UTF-8, UTF-16 with or without BOM, Windows-1252) and the
//!   clean-up every extracted text goes through (line endings, NUL and control characters,
//!   NFC, a length budget).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub mod detect;
pub mod docx;
pub mod intake;
pub mod pdf;
pub mod text;
pub mod worker;

pub use detect::{detect, FileType};
pub use intake::{content_warnings, extract, pasted, Extracted};
pub use text::{clean, decode, CleanText, MAX_TEXT_CHARS};

/// Why a document was refused, worded for the person who uploaded it.
///
/// Serialisable because it crosses the process boundary from the extraction worker.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DocumentError {
    #[error("The file is empty. Choose the file again, or paste the text instead.")]
    Empty,
    #[error("We found no text in this file. If it is a scan, paste the text instead.")]
    NoText,
    #[error("This PDF has no text layer: it looks like a scan or a photo. Paste the text instead, or export the CV from your word processor as PDF.")]
    ScannedPdf,
    #[error("This PDF is protected with a password. Remove the password (print or export it to a new PDF) and upload that, or paste the text.")]
    PasswordProtected,
    #[error("This Word or Office file is protected with a password. Open it, remove the password (in Word: File, Info, Protect Document, Encrypt with Password, then clear it), save it as .docx or PDF and upload that, or paste the text.")]
    PasswordProtectedOffice,
    /// Text that is mostly long runs without spaces: encoded data (base64, hex), not a CV.
    #[error("This text looks like encoded data (long runs of letters and digits without spaces), not a CV or job description. Upload the document itself, or paste its readable text.")]
    NotProse,
    #[error("This PDF has more than {max} pages; a CV or job description has a few. Upload just the CV or job description, or paste the text.", max = pdf::MAX_PAGES)]
    TooManyPages,
    #[error("This file is larger than {} MB, the most we accept. Save it without images or as a smaller PDF, or paste the text.", limit_bytes / (1024 * 1024))]
    TooLarge { limit_bytes: u64 },
    #[error("This file took too long to read, so we stopped. Export it again as a simple PDF, or paste the text.")]
    TooSlow,
    #[error("This file could not be read: it made our reader fail. Export it again as PDF, or paste the text.")]
    Unreadable,
    #[error("We cannot read files right now. Paste the text instead, or try again in a minute.")]
    Unavailable,
    #[error("This {what} is damaged and cannot be read. {advice}")]
    Damaged {
        what: Cow<'static, str>,
        advice: Cow<'static, str>,
    },
    /// Refused for our safety (zip bombs, absurd nesting); the reason is the whole message.
    #[error("{reason} If it is a normal CV, export it as PDF or paste the text.")]
    Suspicious { reason: Cow<'static, str> },
    #[error("This is {what}, not a PDF, Word (.docx) or text file. {advice}")]
    Unsupported {
        what: Cow<'static, str>,
        advice: Cow<'static, str>,
    },
}

impl DocumentError {
    /// A stable, machine-readable name for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::Empty => "empty_file",
            DocumentError::NoText => "no_text",
            DocumentError::ScannedPdf => "scanned_pdf",
            DocumentError::PasswordProtected | DocumentError::PasswordProtectedOffice => {
                "password_protected"
            }
            DocumentError::NotProse => "not_prose",
            DocumentError::TooManyPages => "too_many_pages",
            DocumentError::TooLarge { .. } => "file_too_large",
            DocumentError::TooSlow => "extraction_timed_out",
            DocumentError::Unreadable => "unreadable_file",
            DocumentError::Unavailable => "extraction_unavailable",
            DocumentError::Damaged { .. } => "damaged_file",
            DocumentError::Suspicious { .. } => "suspicious_file",
            DocumentError::Unsupported { .. } => "unsupported_file_type",
        }
    }
}
