//! The language an interview is held in: the offline coach's four, then the languages only LLM
//! interviewers speak (alphabetical by English name, as the set-up picker lists them), and the
//! tag LLM interviewers are told to speak.

text_enum!(
    /// The language of the questions and the report, detected from the job description and
    /// changeable at set-up.
    Language {
        English => "english", "English";
        French => "french", "Français";
        German => "german", "Deutsch";
        Spanish => "spanish", "Español";
        Arabic => "arabic", "العربية";
        Bengali => "bengali", "বাংলা";
        Chinese => "chinese", "中文";
        Czech => "czech", "Čeština";
        Danish => "danish", "Dansk";
        Dutch => "dutch", "Nederlands";
        Finnish => "finnish", "Suomi";
        Greek => "greek", "Ελληνικά";
        Hebrew => "hebrew", "עברית";
        Hindi => "hindi", "हिन्दी";
        Hungarian => "hungarian", "Magyar";
        Indonesian => "indonesian", "Bahasa Indonesia";
        Italian => "italian", "Italiano";
        Japanese => "japanese", "日本語";
        Korean => "korean", "한국어";
        Norwegian => "norwegian", "Norsk";
        Persian => "persian", "فارسی";
        Polish => "polish", "Polski";
        Portuguese => "portuguese", "Português";
        Romanian => "romanian", "Română";
        Russian => "russian", "Русский";
        Swedish => "swedish", "Svenska";
        Thai => "thai", "ไทย";
        Turkish => "turkish", "Türkçe";
        Ukrainian => "ukrainian", "Українська";
        Vietnamese => "vietnamese", "Tiếng Việt";
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
            Language::Arabic => "ar",
            Language::Bengali => "bn",
            Language::Chinese => "zh-Hans",
            Language::Czech => "cs",
            Language::Danish => "da",
            Language::Dutch => "nl",
            Language::Finnish => "fi",
            Language::Greek => "el",
            Language::Hebrew => "he",
            Language::Hindi => "hi",
            Language::Hungarian => "hu",
            Language::Indonesian => "id",
            Language::Italian => "it",
            Language::Japanese => "ja",
            Language::Korean => "ko",
            Language::Norwegian => "nb",
            Language::Persian => "fa",
            Language::Polish => "pl",
            Language::Portuguese => "pt",
            Language::Romanian => "ro",
            Language::Russian => "ru",
            Language::Swedish => "sv",
            Language::Thai => "th",
            Language::Turkish => "tr",
            Language::Ukrainian => "uk",
            Language::Vietnamese => "vi",
        }
    }

    /// The name of the language in English, for prompts.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
            Language::German => "German",
            Language::Spanish => "Spanish",
            Language::Arabic => "Arabic",
            Language::Bengali => "Bengali",
            Language::Chinese => "Chinese (Simplified)",
            Language::Czech => "Czech",
            Language::Danish => "Danish",
            Language::Dutch => "Dutch",
            Language::Finnish => "Finnish",
            Language::Greek => "Greek",
            Language::Hebrew => "Hebrew",
            Language::Hindi => "Hindi",
            Language::Hungarian => "Hungarian",
            Language::Indonesian => "Indonesian",
            Language::Italian => "Italian",
            Language::Japanese => "Japanese",
            Language::Korean => "Korean",
            Language::Norwegian => "Norwegian (Bokmål)",
            Language::Persian => "Persian",
            Language::Polish => "Polish",
            Language::Portuguese => "Portuguese",
            Language::Romanian => "Romanian",
            Language::Russian => "Russian",
            Language::Swedish => "Swedish",
            Language::Thai => "Thai",
            Language::Turkish => "Turkish",
            Language::Ukrainian => "Ukrainian",
            Language::Vietnamese => "Vietnamese",
        }
    }

    /// Whether the built-in offline coach has its own wording in this language. It asks and
    /// reports in English otherwise: the others are for LLM interviewers and report writers,
    /// which are told the language, while the coach, their fallback, keeps the interview going.
    pub fn coach_speaks(self) -> bool {
        matches!(
            self,
            Language::English | Language::French | Language::German | Language::Spanish
        )
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
    fn languages_in_other_scripts_have_their_own_labels() {
        assert_eq!("chinese".parse::<Language>(), Ok(Language::Chinese));
        assert_eq!(Language::Chinese.label(), "中文");
        assert_eq!(Language::Chinese.tag(), "zh-Hans");
        assert_eq!(Language::Arabic.label(), "العربية");
        assert_eq!(Language::Norwegian.tag(), "nb");
        assert_eq!(
            serde_json::to_string(&Language::Ukrainian).unwrap(),
            "\"ukrainian\""
        );
        assert!(!Language::Japanese.coach_speaks());
    }

    #[test]
    fn the_coach_s_four_come_first_then_the_rest_by_english_name() {
        assert_eq!(Language::ALL[0], Language::English);
        let rest: Vec<_> = Language::ALL[4..]
            .iter()
            .map(|l| l.english_name())
            .collect();
        let mut sorted = rest.clone();
        sorted.sort_unstable();
        assert_eq!(rest, sorted);
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
