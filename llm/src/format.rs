//! Structured-output negotiation: the strongest JSON constraint a server accepts.
//!
//! Servers differ in what they take: OpenAI takes `response_format: json_schema`,
//! llama-cpp-python answers it with HTTP 500 but takes `json_object` with a `schema` (its
//! grammar), others take bare JSON mode or nothing. A request that asks for a schema starts at
//! the strongest step its wire format can express and steps down each time the server refuses
//! the format; the step that worked is remembered for the provider instance, so later requests
//! do not pay for the refusals again.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::ProviderError;

/// How strongly a reply is held to JSON, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutputFormat {
    /// JSON in the request's schema, enforced by the server (`json_schema`, `responseSchema`).
    JsonSchema,
    /// JSON mode carrying the schema (llama.cpp turns it into a grammar).
    JsonObjectWithSchema,
    /// Any JSON object.
    JsonObject,
    /// No constraint: the prompt alone asks for JSON.
    Plain,
}

impl OutputFormat {
    /// Every step, strongest first.
    pub const LADDER: [OutputFormat; 4] = [
        OutputFormat::JsonSchema,
        OutputFormat::JsonObjectWithSchema,
        OutputFormat::JsonObject,
        OutputFormat::Plain,
    ];

    fn rank(self) -> u8 {
        self as u8
    }

    fn from_rank(rank: u8) -> Self {
        Self::LADDER[usize::from(rank).min(Self::LADDER.len() - 1)]
    }
}

/// The strongest format not yet refused by one provider instance. It only ever steps down:
/// a server that refused a format once will refuse it again while the process runs.
#[derive(Debug, Default)]
pub struct FormatMemory {
    /// The rank of the strongest format still worth trying.
    strongest: AtomicU8,
}

impl FormatMemory {
    pub fn strongest(&self) -> OutputFormat {
        OutputFormat::from_rank(self.strongest.load(Ordering::Relaxed))
    }

    /// Remembers that nothing stronger than `format` is worth asking for.
    pub fn settle_on(&self, format: OutputFormat) {
        self.strongest.fetch_max(format.rank(), Ordering::Relaxed);
    }
}

/// True when the server refused the request in a way a weaker format may cure: 400 or 422,
/// or a 5xx whose body names the format (llama-cpp-python reports its validation errors so).
pub fn refuses_format(error: &ProviderError) -> bool {
    matches!(
        error,
        ProviderError::FormatRefused { .. }
            | ProviderError::Rejected {
                status: 400 | 422,
                ..
            }
    )
}

/// Whether an error body names a structured-output field of one of the wire formats.
pub(crate) fn names_output_format(body: &str) -> bool {
    const FIELDS: [&str; 4] = [
        "response_format",
        "json_schema",
        "responseschema",
        "response_schema",
    ];
    let body = body.to_ascii_lowercase();
    FIELDS.iter().any(|field| body.contains(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_only_steps_down() {
        let memory = FormatMemory::default();
        assert_eq!(memory.strongest(), OutputFormat::JsonSchema);
        memory.settle_on(OutputFormat::JsonObject);
        memory.settle_on(OutputFormat::JsonObjectWithSchema);
        assert_eq!(memory.strongest(), OutputFormat::JsonObject);
        memory.settle_on(OutputFormat::Plain);
        assert_eq!(memory.strongest(), OutputFormat::Plain);
    }

    #[test]
    fn refusals_that_a_weaker_format_may_cure() {
        let rejected = |status| ProviderError::Rejected {
            status,
            message: String::new(),
        };
        assert!(refuses_format(&rejected(400)));
        assert!(refuses_format(&rejected(422)));
        assert!(!refuses_format(&rejected(401)));
        assert!(!refuses_format(&ProviderError::Server { status: 500 }));
        assert!(refuses_format(&ProviderError::FormatRefused {
            status: 500,
            message: String::new(),
        }));
    }

    #[test]
    fn error_bodies_naming_the_format_are_recognised() {
        let llama = r#"{"error":{"message":"1 validation error: ('body', 'response_format', 'type') Input should be 'text' or 'json_object'","type":"internal_server_error"}}"#;
        assert!(names_output_format(llama));
        assert!(names_output_format("Unknown name \"responseSchema\""));
        assert!(!names_output_format("CUDA out of memory"));
    }
}
