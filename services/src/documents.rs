//! Document intake: what a file really is, and its text.
//!
//! - `detect`: the type from the bytes (magic numbers), never from the file name, with a
//!   message for each kind of file we cannot read.
//! - `docx`: text from Word files, bounded against zip bombs and absurd nesting.
//! - `text`: plain-text decoding (UTF-8, UTF-16 with or without BOM, Windows-1252) and the
//!   clean-up every extracted text goes through (line endings, NUL and control characters,
//!   NFC, a length budget).

pub mod detect;
pub mod docx;
pub mod text;

pub use detect::{detect, FileType};
pub use text::{clean, decode, CleanText, MAX_TEXT_CHARS};

/// Why a document was refused, worded for the person who uploaded it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("The file is empty. Choose the file again, or paste the text instead.")]
    Empty,
    #[error("We found no text in this file. If it is a scan, paste the text instead.")]
    NoText,
    #[error("This {what} is damaged and cannot be read. {advice}")]
    Damaged {
        what: &'static str,
        advice: &'static str,
    },
    /// Refused for our safety (zip bombs, absurd nesting); the reason is the whole message.
    #[error("{reason} If it is a normal CV, export it as PDF or paste the text.")]
    Suspicious { reason: &'static str },
    #[error("This is {what}, not a PDF, Word (.docx) or text file. {advice}")]
    Unsupported {
        what: &'static str,
        advice: &'static str,
    },
}
