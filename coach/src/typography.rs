//! What every table of wording the coach has (its questions, the offline report, the practice
//! comparison) does with a sentence: fill its `{name}` placeholders, set it in its language's
//! typography, count things and join lists the way the language does.

mod articles;

use domain::Language;

/// The table of `language` among the coach's four (English, French, German, Spanish, in
/// that order). The coach speaks no other language (`Language::coach_speaks`): it asks and
/// reports in English, and an LLM interviewer speaks the interview's language.
pub(crate) fn table_of<T>(language: Language, [en, fr, de, es]: [&'static T; 4]) -> &'static T {
    match language {
        Language::French => fr,
        Language::German => de,
        Language::Spanish => es,
        _ => en,
    }
}

/// `template` with each `{key}` replaced by its value, in `language`'s typography; an
/// organisation's name (`{employer}`, `{company}`) with the article it takes (`articles`).
pub(crate) fn fill(language: Language, template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (key, value) in values {
        let placeholder = format!("{{{key}}}");
        text = if articles::ORGANISATION_KEYS.contains(key) {
            articles::put_name(language, &text, &placeholder, value)
        } else {
            text.replace(&placeholder, value)
        };
    }
    match language {
        Language::French => french_typography(&text),
        _ => text,
    }
}

/// French sets a no-break space before "?", ":", ";", "!" and inside « »; tables are written
/// with plain spaces, which this turns into no-break ones so a line never breaks before a
/// question mark. "de" and "que" elide before a value that opens on "un"/"une" ("d'un délai
/// menacé").
fn french_typography(text: &str) -> String {
    text.replace(" de un", " d'un")
        .replace(" que un", " qu'un")
        .replace(" ?", "\u{a0}?")
        .replace(" :", "\u{a0}:")
        .replace(" ;", "\u{a0};")
        .replace(" !", "\u{a0}!")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
}

/// `text` with its first letter a capital.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 word", "12 words": `one` or `many` after the count.
pub(crate) fn counted(count: impl Into<u64>, one: &str, many: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "Go, Kafka and Docker", with `and` (" and ", " et ", " und ", " y ") before the last.
pub(crate) fn join_list(items: &[&str], and: &str) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// For the tests of each wording table: `table_language` gives each language the coach speaks
/// its own table and every other one the English table, and the `samples` of each table read
/// as its language.
#[cfg(test)]
pub(crate) fn assert_tables_follow_the_language(
    table_language: impl Fn(Language) -> Language,
    samples: impl Fn(Language) -> Vec<&'static str>,
) {
    for language in Language::ALL.iter().copied() {
        let expected = if language.coach_speaks() {
            language
        } else {
            Language::English
        };
        assert_eq!(table_language(language), expected, "{language:?}");
        if language.coach_speaks() {
            for text in samples(language) {
                assert_eq!(text::language::detect_language(text), language, "{text}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_gets_its_spaces_and_elisions_and_other_languages_stay_as_written() {
        let values = [("focus", "un délai menacé"), ("name", "Go")];
        assert_eq!(
            fill(
                Language::French,
                "Parlez-moi de {focus} : {name} ?",
                &values
            ),
            "Parlez-moi d'un délai menacé\u{a0}: Go\u{a0}?"
        );
        assert_eq!(
            fill(Language::English, "Tell me about {name} : ?", &values),
            "Tell me about Go : ?"
        );
    }

    #[test]
    fn counts_and_lists() {
        assert_eq!(counted(1u32, "word", "words"), "1 word");
        assert_eq!(counted(12u32, "mot", "mots"), "12 mots");
        assert_eq!(
            join_list(&["Go", "Kafka", "Docker"], " and "),
            "Go, Kafka and Docker"
        );
        assert_eq!(join_list(&["Go"], " y "), "Go");
        assert_eq!(join_list(&[], " und "), "");
    }
}
