use serde::{Deserialize, Serialize};

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
