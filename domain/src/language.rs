//! The language an interview is held in: the offline coach's four, the languages only LLM
//! interviewers speak, and the tag LLM interviewers are told to speak.

text_enum!(
    /// The language of the questions and the report, detected from the job description and
    /// changeable at set-up.
    Language {
        English => "english", "English";
        French => "french", "Français";
        German => "german", "Deutsch";
        Spanish => "spanish", "Español";
        Italian => "italian", "Italiano";
        Portuguese => "portuguese", "Português";
        Dutch => "dutch", "Nederlands";
        Polish => "polish", "Polski";
        Swedish => "swedish", "Svenska";
        Turkish => "turkish", "Türkçe";
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
            Language::Italian => "it",
            Language::Portuguese => "pt",
            Language::Dutch => "nl",
            Language::Polish => "pl",
            Language::Swedish => "sv",
            Language::Turkish => "tr",
        }
    }

    /// The name of the language in English, for prompts.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
            Language::German => "German",
            Language::Spanish => "Spanish",
            Language::Italian => "Italian",
            Language::Portuguese => "Portuguese",
            Language::Dutch => "Dutch",
            Language::Polish => "Polish",
            Language::Swedish => "Swedish",
            Language::Turkish => "Turkish",
        }
    }

    /// Whether the built-in offline coach has its own wording in this language. It asks and
    /// reports in English otherwise: the others are for LLM interviewers and report writers,
    /// which are told the language, while the coach, their fallback, keeps the interview going.
    pub fn coach_speaks(self) -> bool {
        match self {
            Language::English | Language::French | Language::German | Language::Spanish => true,
            Language::Italian
            | Language::Portuguese
            | Language::Dutch
            | Language::Polish
            | Language::Swedish
            | Language::Turkish => false,
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
        let names: std::collections::HashSet<_> =
            Language::ALL.iter().map(|l| l.english_name()).collect();
        assert_eq!(wires.len(), Language::ALL.len());
        assert_eq!(tags.len(), Language::ALL.len());
        assert_eq!(names.len(), Language::ALL.len());
        assert_eq!("french".parse::<Language>(), Ok(Language::French));
        assert_eq!(
            serde_json::to_string(&Language::German).unwrap(),
            "\"german\""
        );
    }

    #[test]
    fn languages_beyond_the_coach_have_wire_names_labels_and_tags() {
        assert_eq!("italian".parse::<Language>(), Ok(Language::Italian));
        assert_eq!(
            serde_json::from_str::<Language>("\"portuguese\"").unwrap(),
            Language::Portuguese
        );
        assert_eq!(Language::Italian.label(), "Italiano");
        assert_eq!(Language::Polish.tag(), "pl");
        assert_eq!(Language::Dutch.english_name(), "Dutch");
    }

    #[test]
    fn the_coach_speaks_its_four_languages_only() {
        let spoken: Vec<_> = Language::ALL
            .iter()
            .copied()
            .filter(|language| language.coach_speaks())
            .collect();
        assert_eq!(
            spoken,
            [
                Language::English,
                Language::French,
                Language::German,
                Language::Spanish
            ]
        );
    }
}
