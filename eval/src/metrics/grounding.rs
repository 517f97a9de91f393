//! Grounding: whatever a question names must exist in the documents, as a whole name.
//!
//! A question's **named phrases** are (a) runs of capitalised words that do not start a
//! sentence (not "I", "CV", "STAR") and (b) the words after a naming cue ("involving",
//! "names", "asks for", "lists", "mentions") up to a comma, a full stop, a question mark or
//! a linking word. The company and the job title the user typed are removed first: the user
//! gave them. Each phrase must:
//! - occur in the CV or the job description (on word boundaries, any case, allowing a
//!   different ending: "forecasting" is found in "forecast"), or in an earlier answer (the
//!   candidate named it; the other rules then do not apply);
//! - not be a single word of the job title ("Nurse", "Intensive", "Senior");
//! - not be a heading: a whole line of a document of at most four words with no digit
//!   ("Skills", "What you bring");
//! - not be a fragment: somewhere in the documents it must stand on its own, not always as
//!   part of a longer capitalised name ("Hospital" of "University Hospital Galway",
//!   "Google" of "Google Kubernetes Engine"). A line's first word does not lengthen a name:
//!   it is capitalised anyway ("- Completed NEWS2 training").
//!
//! The rate is over questions that name anything: a question passes when all its phrases do.

use super::Rate;
use crate::text::{contains_stems, sentences, word_set, words};

const NOT_NAMES: &[&str] = &["I", "CV", "STAR", "OK"];
const NAMING_CUES: &[&str] = &[
    "involving ",
    "names ",
    "asks for ",
    "lists ",
    "mentions ",
    // French, German and Spanish.
    "demande ",
    "cite ",
    "impliquant ",
    "verlangt ",
    "nennt ",
    "pide ",
    "menciona ",
];

/// German capitalises every noun: these are the coach's own nouns, not names from the
/// documents.
const GERMAN_NOUNS: &[&str] = &[
    "Zeit",
    "Lebenslauf",
    "Lebenslauf",
    "Stelle",
    "Arbeit",
    "Frage",
    "Fragen",
    "Ergebnis",
    "Situation",
    "Problem",
    "Erfahrung",
    "Beispiel",
    "Schritt",
    "Moment",
    "Episode",
    "Tag",
    "Teil",
    "Anteil",
    "Handeln",
    "Entscheidung",
    "Entscheidungen",
    "Rückmeldung",
    "Arbeitsweise",
    "Meinungsverschiedenheit",
    "Kollegin",
    "Kollegen",
    "Fehler",
    "Frist",
    "Befugnis",
    "Person",
    "Förderung",
    "Abwägungen",
    "Richtung",
    "Ansatz",
    "Lücke",
    "Stufe",
    "Jahre",
    "Stellenanzeige",
    "Bewerbungen",
    "Vergleich",
    "Eignung",
    "Zahl",
    "Kennzahl",
    "Zahlen",
    "Alternativen",
    "Werkzeug",
    "Gesprächs",
    "Gespräch",
    "Thema",
    "Sache",
    "Tätigkeit",
    "Antwort",
    "Worten",
    "Einstieg",
    "Werdegang",
    "Schluss",
    "Team",
    "Motivation",
    "Zielen",
    "Erfolg",
    "Anforderung",
    "Danke",
    "Notiert",
    "Einsatz",
    "Schwierigste",
    "Beitrag",
    "Bezug",
    "Interviewfragen",
    "Thema",
    "Seite",
    "Tage",
    "Erfahrung",
    "Schritt",
    "Ich",
    "Sie",
    "Ihre",
    "Ihr",
    "Ihrer",
    "Ihren",
    "Ihrem",
    "Ihnen",
    "Zu",
    "Bei",
    "In",
    "Was",
    "Wie",
    "Welche",
    "Welcher",
    "Warum",
    "Wo",
    "Wann",
    "Wen",
];
const PHRASE_ENDS: &[&str] = &[
    " which ", " for ", " and ", " that ", " in ", " at ", " on ", " but ", " as ", " from ",
    " to ", " with ", " when ", " while ", // French, German and Spanish.
    " pour ", " et ", " avec ", " que ", " dans ", " für ", " und ", " mit ", " bei ", " das ",
    " die ", " was ", " para ", " y ", " con ", " en ",
];

/// The documents a question is checked against.
pub struct Documents<'a> {
    pub cv: &'a str,
    pub job_description: &'a str,
    pub job_title: &'a str,
    pub company: &'a str,
}

impl Documents<'_> {
    fn texts(&self) -> [&str; 2] {
        [self.cv, self.job_description]
    }
}

/// The named phrases of `question` (see the module docs).
pub fn named_phrases(question: &str, documents: &Documents) -> Vec<String> {
    let mut text = question.to_owned();
    for given in [documents.company, documents.job_title] {
        if !given.trim().is_empty() {
            text = text.replace(given.trim(), " ");
        }
    }
    let mut phrases: Vec<String> = Vec::new();
    let mut push = |phrase: String| {
        let phrase = phrase.trim().to_owned();
        if !phrase.is_empty() && !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    };
    for sentence in sentences(&text) {
        let mut run: Vec<&str> = Vec::new();
        for (position, raw) in sentence.split_whitespace().enumerate() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let capitalised = position > 0
                && word.chars().next().is_some_and(char::is_uppercase)
                && !NOT_NAMES.contains(&word)
                && !GERMAN_NOUNS.contains(&word);
            if capitalised {
                run.push(word);
            }
            // Punctuation after a word or a lower-case word ends a name.
            let ends = !capitalised || raw.ends_with([',', ';', ':', ')', '?', '.']);
            if ends && !run.is_empty() {
                push(run.join(" "));
                run.clear();
            }
        }
        if !run.is_empty() {
            push(run.join(" "));
        }
    }
    let lower = text.to_lowercase();
    for cue in NAMING_CUES {
        let mut from = 0;
        while let Some(found) = lower[from..].find(cue) {
            let start = from + found + cue.len();
            let rest = &text[start..];
            let mut end = rest.find([',', '.', '?', ';', ':']).unwrap_or(rest.len());
            let rest_lower = rest.to_lowercase();
            for stop in PHRASE_ENDS {
                if let Some(position) = rest_lower.find(stop) {
                    end = end.min(position);
                }
            }
            let phrase = &rest[..end];
            // "your CV names …" is followed by a name; "names" elsewhere may be a plain verb
            // with a pronoun, which names nothing.
            if !matches!(
                words(phrase).first().map(String::as_str),
                Some(
                    "it" | "them"
                        | "this"
                        | "that"
                        | "a"
                        | "an"
                        | "the"
                        | "your"
                        | "votre"
                        | "vos"
                        | "le"
                        | "la"
                        | "les"
                        | "un"
                        | "une"
                        | "ihr"
                        | "ihre"
                        | "ihren"
                        | "es"
                        | "das"
                        | "die"
                        | "der"
                        | "su"
                        | "sus"
                        | "el"
                        | "los"
                        | "las"
                ) | None
            ) {
                push(phrase.to_owned());
            }
            from = start;
        }
    }
    // A capitalised run that only starts a cued phrase ("mentions Class teacher for…") is
    // judged as the whole phrase.
    let whole = phrases.clone();
    phrases.retain(|phrase| {
        let short = words(phrase);
        !whole.iter().any(|other| {
            let long = words(other);
            long.len() > short.len() && long.starts_with(&short)
        })
    });
    phrases
}

/// Why `phrase` is not grounded, or `None` when it is.
pub fn problem(phrase: &str, documents: &Documents) -> Option<&'static str> {
    if !documents
        .texts()
        .iter()
        .any(|text| contains_stems(text, phrase))
    {
        return Some("not in the documents");
    }
    let title_words = word_set(documents.job_title);
    let phrase_words = words(phrase);
    if phrase_words.len() == 1 && title_words.contains(&phrase_words[0]) {
        return Some("a job-title word");
    }
    if is_heading(phrase, documents) {
        return Some("a heading");
    }
    if is_fragment(phrase, documents) {
        return Some("part of a longer name");
    }
    None
}

fn is_heading(phrase: &str, documents: &Documents) -> bool {
    let phrase = words(phrase);
    documents.texts().iter().any(|text| {
        text.lines().any(|line| {
            let line = line.trim();
            let line_words = words(line.trim_end_matches(':'));
            !line.starts_with(['-', '•', '*', '–'])
                && line_words == phrase
                && line_words.len() <= 4
                && !line.chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// True when every occurrence of `phrase` in the documents sits inside a longer run of
/// capitalised words on its line (no punctuation in between).
fn is_fragment(phrase: &str, documents: &Documents) -> bool {
    let target = words(phrase);
    let mut occurrences = 0;
    for text in documents.texts() {
        for line in text.lines() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let cleaned: Vec<Vec<String>> = tokens.iter().map(|token| words(token)).collect();
            for start in 0..tokens.len() {
                let end = start + target.len();
                if end > tokens.len()
                    || (start..end).any(|i| cleaned[i].len() != 1)
                    || (start..end).map(|i| &cleaned[i][0]).ne(target.iter())
                {
                    continue;
                }
                occurrences += 1;
                let capital = |token: &str| {
                    token
                        .trim_start_matches(['"', '“', '‘', '\''])
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                };
                let line_initial = |index: usize| {
                    tokens[..index]
                        .iter()
                        .all(|token| token.chars().all(|c| !c.is_alphanumeric()))
                };
                let joined_before = start > 0
                    && !line_initial(start - 1)
                    && capital(tokens[start - 1])
                    && !tokens[start - 1].ends_with([',', ';', ':', ')', '.', '—', '–', '|'])
                    && !tokens[start].starts_with(['(', '"', '“']);
                let joined_after = end < tokens.len()
                    && capital(tokens[end])
                    && !tokens[end - 1].ends_with([',', ';', ':', ')', '.', '—', '–', '|'])
                    && !tokens[end].starts_with(['(', '"', '“', '—', '–', '-', '|']);
                if !joined_before && !joined_after {
                    return false;
                }
            }
        }
    }
    occurrences > 0
}

/// The share of questions naming something whose every phrase is grounded; `answers[i]` is
/// the answer to `questions[i]`.
pub fn grounding(questions: &[&str], answers: &[&str], documents: &Documents) -> Rate {
    let mut rate = Rate::default();
    for (index, question) in questions.iter().enumerate() {
        let phrases = named_phrases(question, documents);
        if phrases.is_empty() {
            continue;
        }
        let said = |phrase: &str| {
            answers[..index]
                .iter()
                .any(|answer| contains_stems(answer, phrase))
        };
        let problems: Vec<String> = phrases
            .iter()
            .filter(|phrase| !said(phrase))
            .filter_map(|phrase| {
                problem(phrase, documents).map(|why| format!("\"{phrase}\": {why}"))
            })
            .collect();
        rate.check(problems.is_empty(), || {
            format!("Q{}: {} — \"{question}\"", index + 1, problems.join("; "))
        });
    }
    rate
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &str = "Skills\nGo, Kafka\n- Completed NEWS2 training\nStaff Nurse — University Hospital Galway\nRegistered General Nurse (RGN)\n- Ran Kafka (Strimzi) on Google Kubernetes Engine.\n- Kubernetes clusters.\n";
    const JD: &str = "What you bring\n- Go and PostgreSQL.\n";

    fn documents() -> Documents<'static> {
        Documents {
            cv: CV,
            job_description: JD,
            job_title: "Staff Nurse, Intensive Care",
            company: "St. Brigid's Hospital",
        }
    }

    #[test]
    fn phrases_are_capitalised_runs_and_cued_words() {
        let documents = documents();
        assert_eq!(
            named_phrases(
                "At University Hospital Galway, how did you use Kafka and Go?",
                &documents
            ),
            ["University Hospital Galway", "Kafka", "Go"]
        );
        assert_eq!(
            named_phrases(
                "St. Brigid's Hospital asks for deep learning, which you lack. How?",
                &documents
            ),
            ["deep learning"]
        );
        assert_eq!(
            named_phrases("Why the Staff Nurse, Intensive Care role?", &documents),
            Vec::<String>::new()
        );
        assert_eq!(
            named_phrases("Your CV mentions Ran Kafka for work. How?", &documents),
            ["Ran Kafka"]
        );
    }

    #[test]
    fn title_words_headings_fragments_and_inventions_fail() {
        let documents = documents();
        let problem = |phrase| problem(phrase, &documents);
        assert_eq!(problem("Kafka"), None);
        assert_eq!(problem("University Hospital Galway"), None);
        assert_eq!(problem("Kubernetes"), None);
        assert_eq!(problem("Nurse"), Some("a job-title word"));
        assert_eq!(problem("Skills"), Some("a heading"));
        assert_eq!(problem("Hospital"), Some("part of a longer name"));
        assert_eq!(problem("Google"), Some("part of a longer name"));
        assert_eq!(problem("NEWS2"), None);
        assert_eq!(problem("Registered"), Some("part of a longer name"));
        assert_eq!(problem("Rust"), Some("not in the documents"));
        assert_eq!(problem("kubernetes cluster"), None);
        assert_eq!(problem("- Kubernetes clusters."), None);
    }

    #[test]
    fn the_rate_counts_questions_that_name_something() {
        let documents = documents();
        let questions = [
            "How did you use Kafka?",
            "What is hard about Hospital work?",
            "Why?",
            "What did Hospital and Rust teach you?",
        ];
        let answers = ["Fine.", "Fine.", "At Hospital I learned Rust.", ""];
        let rate = grounding(&questions, &answers, &documents);
        assert_eq!((rate.passed, rate.total), (2, 3));
    }
}
