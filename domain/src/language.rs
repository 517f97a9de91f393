//! The language an interview is held in: the offline coach's four, and the tag LLM
//! interviewers are told to speak.

text_enum!(
    /// The language of the questions and the report, detected from the job description and
    /// changeable at set-up.
    Language {
        English => "english", "English";
        French => "french", "Français";
        German => "german", "Deutsch";
        Spanish => "spanish", "Español";
    }
);

impl Language {
    /// The BCP 47 tag: `lang` attributes and what LLM interviewers are told.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
        }
    }

    /// The name of the language in English, for prompts.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
            Language::German => "German",
            Language::Spanish => "Spanish",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_and_tags_are_distinct() {
        let wires: std::collections::HashSet<_> =
            Language::ALL.iter().map(|l| l.as_str()).collect();
        let tags: std::collections::HashSet<_> = Language::ALL.iter().map(|l| l.tag()).collect();
        assert_eq!(wires.len(), Language::ALL.len());
        assert_eq!(tags.len(), Language::ALL.len());
        assert_eq!("french".parse::<Language>(), Ok(Language::French));
        assert_eq!(
            serde_json::to_string(&Language::German).unwrap(),
            "\"german\""
        );
    }
}
