use serde::{Deserialize, Serialize};

use crate::MAX_ANSWER_CHARS;

/// Longest job title or company name we accept, in characters (not bytes).
pub const MAX_NAME_CHARS: usize = 200;

/// One invalid input field and what the user should do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The input's name, as in the request body (`job_title`, `company`, …).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Trims `value` and checks it is present, one line without control characters (PostgreSQL
/// cannot store NUL at all), and at most [`MAX_NAME_CHARS`] long.
/// `label` is the human name used in messages ("Job title").
pub(crate) fn required_name(
    field: &str,
    label: &str,
    value: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.push(FieldError::new(field, format!("{label} is required.")));
    } else if trimmed.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            format!("{label} must be one line of text, without control characters."),
        ));
    } else {
        let chars = trimmed.chars().count();
        if chars > MAX_NAME_CHARS {
            errors.push(FieldError::new(
                field,
                format!("{label} must be at most {MAX_NAME_CHARS} characters (it has {chars})."),
            ));
        }
    }
    trimmed.to_owned()
}

/// An answer's text (to a question, or a retry of one), trimmed, or why it cannot be stored:
/// empty, a NUL (which PostgreSQL cannot store), or longer than [`MAX_ANSWER_CHARS`].
pub(crate) fn answer_text(text: &str) -> Result<&str, Vec<FieldError>> {
    let trimmed = text.trim();
    let invalid = |message: String| Err(vec![FieldError::new("text", message)]);
    if trimmed.is_empty() {
        return invalid("Write an answer before sending it.".into());
    }
    if trimmed.contains('\0') {
        return invalid(
            "The answer contains a NUL character (\\0), which cannot be stored. Remove it and send again.".into(),
        );
    }
    let chars = trimmed.chars().count();
    if chars > MAX_ANSWER_CHARS {
        return invalid(format!(
            "Answers can be at most {MAX_ANSWER_CHARS} characters; this one has {chars}. Shorten it and send again."
        ));
    }
    Ok(trimmed)
}
