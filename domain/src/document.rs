//! The CV and the job description an interview is built on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Texts shorter than this cannot carry an interview (a name and a job title are not a CV).
pub const MIN_DOCUMENT_CHARS: usize = 50;
/// The most text kept from one document: a long CV is ~20,000 characters.
pub const MAX_DOCUMENT_CHARS: usize = 100_000;
/// What `Document::detected_type` can be.
pub const DETECTED_TYPES: &[&str] = &["pdf", "docx", "text"];

text_enum!(
    /// Which of the two documents.
    DocumentKind {
        Cv => "cv", "CV";
        JobDescription => "job_description", "Job description";
    }
);

/// A document as its owner sees it: the text the interviewer will read (the user's correction
/// when there is one) and what the user should know about how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub kind: DocumentKind,
    /// `pdf`, `docx` or `text` (pasted text and .txt files), from the file's content.
    pub detected_type: String,
    /// The uploaded file's name; none for pasted text.
    pub file_name: Option<String>,
    pub size_bytes: u64,
    pub text: String,
    /// True when `text` is the user's correction of the extracted text.
    pub edited: bool,
    /// How the file was read and what to check ("Page 2 has no text layer").
    pub warnings: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

impl Document {
    /// Long enough for the interview to start.
    pub fn is_usable(&self) -> bool {
        self.text.chars().count() >= MIN_DOCUMENT_CHARS
    }
}

/// Pasted or corrected text (`PUT` with JSON, `PATCH`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentText {
    /// Plain text; control characters are dropped and very long text is cut.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, pattern = r"\S"))]
    pub text: String,
}
