//! French and German put an article before a named institution ("beim Universitätsklinikum
//! Ulm", "au Collège Victor Hugo") where a company's name stands alone ("bei Siemens", "chez
//! Renault"). The tables write "bei {employer}", "chez {company}"; when the name opens on a
//! noun that takes an article, the preposition before it becomes the article's form for that
//! noun's gender ("bei" → "beim", "chez" → "au"), and a name without a preposition gets the
//! article ("Das Klinikum Lechfeld nennt …").

use domain::Language;

use super::capitalise;

/// The placeholders that hold an organisation's name.
pub(super) const ORGANISATION_KEYS: [&str; 2] = ["employer", "company"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
    Neuter,
    Plural,
}

/// German institution nouns by the end of the name's first word (so compounds count:
/// "Universitätsklinikum", "Stadtwerke", "Commerzbank").
const GERMAN_NOUNS: &[(&str, Gender)] = &[
    ("klinikum", Gender::Neuter),
    ("krankenhaus", Gender::Neuter),
    ("gymnasium", Gender::Neuter),
    ("institut", Gender::Neuter),
    ("zentrum", Gender::Neuter),
    ("amt", Gender::Neuter),
    ("ministerium", Gender::Neuter),
    ("werk", Gender::Neuter),
    ("spital", Gender::Neuter),
    ("hospital", Gender::Neuter),
    ("labor", Gender::Neuter),
    ("rathaus", Gender::Neuter),
    ("pflegeheim", Gender::Neuter),
    ("altenheim", Gender::Neuter),
    ("museum", Gender::Neuter),
    ("theater", Gender::Neuter),
    ("universität", Gender::Feminine),
    ("hochschule", Gender::Feminine),
    ("schule", Gender::Feminine),
    ("klinik", Gender::Feminine),
    ("stiftung", Gender::Feminine),
    ("kanzlei", Gender::Feminine),
    ("agentur", Gender::Feminine),
    ("bank", Gender::Feminine),
    ("sparkasse", Gender::Feminine),
    ("krankenkasse", Gender::Feminine),
    ("behörde", Gender::Feminine),
    ("gemeinde", Gender::Feminine),
    ("versicherung", Gender::Feminine),
    ("akademie", Gender::Feminine),
    ("praxis", Gender::Feminine),
    ("genossenschaft", Gender::Feminine),
    ("verwaltung", Gender::Feminine),
    ("verband", Gender::Masculine),
    ("verein", Gender::Masculine),
    ("konzern", Gender::Masculine),
    ("verlag", Gender::Masculine),
    ("betrieb", Gender::Masculine),
    ("landkreis", Gender::Masculine),
    ("dienst", Gender::Masculine),
    ("werke", Gender::Plural),
    ("kliniken", Gender::Plural),
];

/// French institution nouns: the name's first word.
const FRENCH_NOUNS: &[(&str, Gender)] = &[
    ("collège", Gender::Masculine),
    ("lycée", Gender::Masculine),
    ("centre", Gender::Masculine),
    ("groupe", Gender::Masculine),
    ("ministère", Gender::Masculine),
    ("cabinet", Gender::Masculine),
    ("conseil", Gender::Masculine),
    ("crédit", Gender::Masculine),
    ("chu", Gender::Masculine),
    ("chru", Gender::Masculine),
    ("ehpad", Gender::Masculine),
    ("musée", Gender::Masculine),
    ("théâtre", Gender::Masculine),
    ("laboratoire", Gender::Masculine),
    ("syndicat", Gender::Masculine),
    ("département", Gender::Masculine),
    ("tribunal", Gender::Masculine),
    ("conservatoire", Gender::Masculine),
    ("hôpital", Gender::Masculine),
    ("institut", Gender::Masculine),
    ("établissement", Gender::Masculine),
    ("office", Gender::Masculine),
    ("hôtel", Gender::Masculine),
    ("clinique", Gender::Feminine),
    ("polyclinique", Gender::Feminine),
    ("mairie", Gender::Feminine),
    ("banque", Gender::Feminine),
    ("fondation", Gender::Feminine),
    ("société", Gender::Feminine),
    ("caisse", Gender::Feminine),
    ("compagnie", Gender::Feminine),
    ("maison", Gender::Feminine),
    ("région", Gender::Feminine),
    ("préfecture", Gender::Feminine),
    ("direction", Gender::Feminine),
    ("fédération", Gender::Feminine),
    ("mutuelle", Gender::Feminine),
    ("résidence", Gender::Feminine),
    ("médiathèque", Gender::Feminine),
    ("bibliothèque", Gender::Feminine),
    ("communauté", Gender::Feminine),
    ("métropole", Gender::Feminine),
    ("ville", Gender::Feminine),
    ("école", Gender::Feminine),
    ("université", Gender::Feminine),
    ("agence", Gender::Feminine),
    ("association", Gender::Feminine),
    ("académie", Gender::Feminine),
    ("entreprise", Gender::Feminine),
];

/// `text` with every `placeholder` replaced by `name`, with the article `name` takes in
/// `language` and the preposition before it agreeing; a plain replacement when it takes none.
pub(super) fn put_name(language: Language, text: &str, placeholder: &str, name: &str) -> String {
    let Some(gender) = gender_of(language, name) else {
        return text.replace(placeholder, name);
    };
    let mut out = String::with_capacity(text.len() + name.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(placeholder) {
        let (before, after) = rest.split_at(at);
        let (head, word) = last_word(before);
        let with_preposition = match language {
            Language::German => german_preposition(word, gender),
            _ => french_preposition(word, gender, name),
        };
        match with_preposition {
            Some(form) => {
                out.push_str(head);
                out.push_str(&form);
            }
            // Glued to what comes before (a quotation, a parenthesis): the name as written.
            None if !before.is_empty() && !before.ends_with(char::is_whitespace) => {
                out.push_str(before);
            }
            None => {
                out.push_str(before);
                let article = match language {
                    Language::German => german_article(gender),
                    _ => french_article(gender, name),
                };
                let opens_sentence = word.is_empty()
                    && (before.trim_end().is_empty()
                        || before.trim_end().ends_with(['.', '?', '!']));
                out.push_str(&if opens_sentence {
                    capitalise(article)
                } else {
                    article.to_owned()
                });
            }
        }
        out.push_str(name);
        rest = &after[placeholder.len()..];
    }
    out.push_str(rest);
    out
}

fn gender_of(language: Language, name: &str) -> Option<Gender> {
    let first = name.split_whitespace().next()?.to_lowercase();
    let first = first.trim_matches(|c: char| !c.is_alphabetic());
    match language {
        // By the end of the word, so compounds count; a name with its own article keeps it.
        Language::German if !["der", "die", "das", "den", "dem"].contains(&first) => GERMAN_NOUNS
            .iter()
            .find(|(noun, _)| first.ends_with(noun))
            .map(|(_, gender)| *gender),
        Language::French => FRENCH_NOUNS
            .iter()
            .find(|(noun, _)| first == *noun)
            .map(|(_, gender)| *gender),
        _ => None,
    }
}

/// `before` split before its last word; the word keeps the spaces after it. No word when the
/// placeholder is glued to what comes before ("„{company}") or follows punctuation.
fn last_word(before: &str) -> (&str, &str) {
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return (before, "");
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(trimmed.len(), |(at, _)| at);
    if start == trimmed.len() {
        return (before, "");
    }
    (&before[..start], &before[start..])
}

/// The German preposition `word` contracted with, or followed by, the article of `gender` in
/// the case it takes ("bei" → "beim", "bei der"; "für" → "für das"); `None` for other words.
fn german_preposition(word: &str, gender: Gender) -> Option<String> {
    let preposition = word.trim_end();
    let lower = preposition.to_lowercase();
    let dative = match gender {
        Gender::Masculine | Gender::Neuter => "dem",
        Gender::Feminine => "der",
        Gender::Plural => "den",
    };
    let accusative = match gender {
        Gender::Masculine => "den",
        Gender::Feminine | Gender::Plural => "die",
        Gender::Neuter => "das",
    };
    let neuter_or_masculine = matches!(gender, Gender::Masculine | Gender::Neuter);
    let form = match lower.as_str() {
        "bei" if neuter_or_masculine => "beim".to_owned(),
        "von" if neuter_or_masculine => "vom".to_owned(),
        "an" if neuter_or_masculine => "am".to_owned(),
        "in" if neuter_or_masculine => "im".to_owned(),
        "zu" if neuter_or_masculine => "zum".to_owned(),
        "zu" if gender == Gender::Feminine => "zur".to_owned(),
        "bei" | "von" | "an" | "in" | "zu" | "mit" | "aus" | "nach" | "seit" => {
            format!("{lower} {dative}")
        }
        "für" | "auf" | "über" | "durch" | "gegen" | "um" => format!("{lower} {accusative}"),
        _ => return None,
    };
    Some(format!("{} ", keep_case(preposition, &form)))
}

fn german_article(gender: Gender) -> &'static str {
    match gender {
        Gender::Masculine => "der ",
        Gender::Feminine | Gender::Plural => "die ",
        Gender::Neuter => "das ",
    }
}

fn opens_on_vowel(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüh".contains(c.to_lowercase().next().unwrap_or(c)))
}

/// The French preposition `word` before `name`: "chez" and "à" become "au", "à la", "à l'";
/// "de" becomes "du", "de la", "de l'"; `None` for other words.
fn french_preposition(word: &str, gender: Gender, name: &str) -> Option<String> {
    let preposition = word.trim_end();
    let elided = opens_on_vowel(name);
    let form = match preposition.to_lowercase().as_str() {
        "chez" | "à" => match (gender, elided) {
            (_, true) => "à l'",
            (Gender::Feminine, false) => "à la ",
            _ => "au ",
        },
        "de" => match (gender, elided) {
            (_, true) => "de l'",
            (Gender::Feminine, false) => "de la ",
            _ => "du ",
        },
        _ => return None,
    };
    Some(keep_case(preposition, form))
}

fn french_article(gender: Gender, name: &str) -> &'static str {
    match (gender, opens_on_vowel(name)) {
        (_, true) => "l'",
        (Gender::Feminine, false) => "la ",
        _ => "le ",
    }
}

/// `form` capitalised when `original` is.
fn keep_case(original: &str, form: &str) -> String {
    if original.starts_with(char::is_uppercase) {
        capitalise(form)
    } else {
        form.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(language: Language, template: &str, name: &str) -> String {
        put_name(language, template, "{company}", name)
    }

    #[test]
    fn german_prepositions_agree_with_the_institution_s_gender() {
        let de = Language::German;
        for (template, name, expected) in [
            (
                "Beginnen wir bei {company}: wie?",
                "Universitätsklinikum Ulm",
                "Beginnen wir beim Universitätsklinikum Ulm: wie?",
            ),
            (
                "Bei {company} nennt Ihr Lebenslauf",
                "Universitätsklinikum Ulm",
                "Beim Universitätsklinikum Ulm nennt Ihr Lebenslauf",
            ),
            (
                "als Pflegekraft zu {company} wechseln",
                "Klinikum Lechfeld",
                "als Pflegekraft zum Klinikum Lechfeld wechseln",
            ),
            (
                "zu {company} wechseln",
                "Universität Heidelberg",
                "zur Universität Heidelberg wechseln",
            ),
            (
                "bei {company}",
                "Stadtwerke München",
                "bei den Stadtwerke München",
            ),
            (
                "Die Anzeige von {company}",
                "Hochschule Kempten",
                "Die Anzeige von der Hochschule Kempten",
            ),
            (
                "Ihre Eignung für {company}",
                "Verlag C.H. Beck",
                "Ihre Eignung für den Verlag C.H. Beck",
            ),
            (
                "Was reizt Sie an {company}?",
                "Landratsamt Ulm",
                "Was reizt Sie am Landratsamt Ulm?",
            ),
            (
                "{company} nennt PDMS. {company} braucht",
                "Klinikum Lechfeld",
                "Das Klinikum Lechfeld nennt PDMS. Das Klinikum Lechfeld braucht",
            ),
            ("Warum {company}?", "Commerzbank", "Warum die Commerzbank?"),
            // Companies stand alone, and so does a name with its own article.
            (
                "Beginnen wir bei {company}: wie?",
                "Siemens Healthineers",
                "Beginnen wir bei Siemens Healthineers: wie?",
            ),
            (
                "zu {company} wechseln",
                "Die Techniker",
                "zu Die Techniker wechseln",
            ),
        ] {
            assert_eq!(put(de, template, name), expected);
        }
    }

    #[test]
    fn french_prepositions_contract_with_the_article() {
        let fr = Language::French;
        for (template, name, expected) in [
            (
                "Commençons chez {company} : en quoi",
                "Collège Victor Hugo",
                "Commençons au Collège Victor Hugo : en quoi",
            ),
            (
                "Chez {company}, votre CV indique",
                "Collège Victor Hugo",
                "Au Collège Victor Hugo, votre CV indique",
            ),
            (
                "chez {company}",
                "Université de Lyon",
                "à l'Université de Lyon",
            ),
            (
                "Chez {company}, vous",
                "Clinique du Parc",
                "À la Clinique du Parc, vous",
            ),
            (
                "l'équipe de {company} ?",
                "Collège Jean Moulin",
                "l'équipe du Collège Jean Moulin ?",
            ),
            (
                "l'équipe de {company} ?",
                "Hôpital Necker",
                "l'équipe de l'Hôpital Necker ?",
            ),
            (
                "rejoindre {company} comme",
                "Collège Jean Moulin",
                "rejoindre le Collège Jean Moulin comme",
            ),
            (
                "{company} cherche",
                "Mairie de Lyon",
                "La Mairie de Lyon cherche",
            ),
            // Companies stand alone.
            (
                "Chez {company}, votre CV indique",
                "Renault",
                "Chez Renault, votre CV indique",
            ),
        ] {
            assert_eq!(put(fr, template, name), expected);
        }
    }

    #[test]
    fn other_languages_and_glued_placeholders_are_left_alone() {
        assert_eq!(
            put(Language::English, "at {company}", "Klinikum Lechfeld"),
            "at Klinikum Lechfeld"
        );
        assert_eq!(
            put(Language::German, "„{company}“", "Klinikum Lechfeld"),
            "„Klinikum Lechfeld“"
        );
    }
}
