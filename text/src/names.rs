//! Names in a job description's requirement lines that the vocabulary does not know:
//! acronyms ("FINMA", "NMBI") and runs of capitalised words ("Google Kubernetes Engine",
//! "National Curriculum"), each kept whole. A job-title word ("Registered Nurse"), a heading
//! or filler word ("Essential", "Strong"), the company's own name and the capitalised word
//! that opens a clause (usually a verb) are never names. German capitalises every noun, so in
//! a German job description only acronyms count.

use domain::Language;

/// Words that are capitalised for reasons other than being a name: headings, adjectives that
/// open requirement lines, countries and currencies. Compared case-sensitively.
const NOT_NAMES: &[&str] = &[
    "I",
    "UK",
    "EU",
    "US",
    "USA",
    "UAE",
    "GCC",
    "CV",
    "HR",
    "EUR",
    "GBP",
    "USD",
    "CHF",
    "AED",
    "AG",
    "GMBH",
    "PLC",
    "LTD",
    "OR",
    "AND",
    "NOT",
    "English",
    "Essential",
    "Desirable",
    "Experience",
    "Ability",
    "Strong",
    "Excellent",
    "Good",
    "Deep",
    "Solid",
    "Hands-on",
    "Proven",
    "Minimum",
    "Knowledge",
    "Understanding",
    "Commitment",
    "Year",
    "Years",
    "Requirements",
    "Responsibilities",
    "Duties",
    "Skills",
    "Qualifications",
    "Benefits",
    "Education",
    "Profile",
    "Criteria",
    "Bonus",
    "Plus",
    "Must",
    "Nice",
    "The",
    "Our",
    "You",
    "Your",
    "We",
    "This",
    "Candidates",
    "Applicants",
];

/// Words of job titles across professions: "Registered Nurse", "Account Executive", "Class
/// Teacher" name the job, not a skill. Compared lower-case.
const TITLE_WORDS: &[&str] = &[
    "registered",
    "nurse",
    "nurses",
    "nursing",
    "midwife",
    "midwives",
    "staff",
    "senior",
    "junior",
    "lead",
    "head",
    "principal",
    "chief",
    "manager",
    "managers",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "teacher",
    "teachers",
    "assistant",
    "associate",
    "officer",
    "director",
    "executive",
    "executives",
    "representative",
    "specialist",
    "consultant",
    "analyst",
    "scientist",
    "coordinator",
    "co-ordinator",
    "administrator",
    "supervisor",
    "technician",
    "intern",
    "trainee",
    "graduate",
    "apprentice",
    "clinical",
    "general",
    "account",
    "sales",
    "class",
    "practitioner",
    "therapist",
    "advisor",
    "adviser",
    "owner",
    "product",
    "team",
    "member",
    "mid-level",
    "mid-market",
];

/// Small words that may join the capitalised words of one name ("Board of Ireland", "Marks &
/// Spencer", "Ministère de la Santé").
const JOINERS: &[&str] = &[
    "of", "&", "for", "de", "la", "du", "des", "der", "für", "del",
];

/// German function words: enough of them marks a German job description.
const GERMAN_WORDS: &[&str] = &[
    "und", "der", "die", "das", "mit", "für", "wir", "sie", "ihr", "ihre", "von", "bei", "zu",
];

/// A name found in the requirement lines, with its spelled-out form when the job description
/// gives one ("Qualified Teacher Status (QTS)").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    pub aliases: Vec<String>,
}

/// One word of a line, with what surrounds it.
struct Word<'a> {
    bare: &'a str,
    /// Punctuation after the word ends the run (",", ";", ":", ".", ")").
    ends_run: bool,
    /// Punctuation after the word ends a sentence or clause (";", ":", ".", "!", "?"): the
    /// next word is capitalised whether or not it is a name.
    ends_sentence: bool,
    /// The word opened a bracket: "(QTS)".
    in_brackets: bool,
}

fn words_of(line: &str) -> Vec<Word<'_>> {
    line.split(|c: char| c.is_whitespace() || c == '/')
        .filter(|raw| !raw.is_empty())
        .map(|raw| {
            let bare = raw.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&'));
            Word {
                bare,
                ends_run: raw.ends_with([',', ';', ':', '.', ')', '!', '?']),
                ends_sentence: raw.ends_with([';', ':', '.', '!', '?']),
                in_brackets: raw.starts_with('('),
            }
        })
        .filter(|word| !word.bare.is_empty())
        .collect()
}

pub fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
        && word
            .trim_end_matches('s')
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() >= 2
}

/// A word of job titles in general ("Nurse", "Executive"), whatever its case.
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&word.to_lowercase().as_str())
}

fn is_filler(word: &str, title_words: &[String]) -> bool {
    let lower = word.to_lowercase();
    NOT_NAMES.contains(&word)
        || TITLE_WORDS.contains(&lower.as_str())
        || title_words.contains(&lower)
}

/// Whether most of a text's short words are German.
pub fn is_german(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let german = words
        .iter()
        .filter(|word| GERMAN_WORDS.contains(&word.as_str()))
        .count();
    german * 12 >= words.len().max(1) && german >= 3
}

/// Names in `requirements`, in order of appearance, each once. `job_title` and `company` are
/// the words that can never be names of a skill.
pub fn named_terms(requirements: &[String], company: &str, job_title: &str) -> Vec<Name> {
    let german = is_german(&requirements.join("\n"));
    let romance = matches!(
        crate::language::detect_language(&requirements.join("\n")),
        Language::French | Language::Spanish
    );
    let title_words: Vec<String> = job_title
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut names: Vec<Name> = Vec::new();
    for line in requirements {
        for name in names_in_line(line, &title_words, german, romance) {
            let is_company = company.contains(&name.name) || name.name.contains(company.trim());
            if !is_company && !names.iter().any(|known| known.name == name.name) {
                names.push(name);
            }
        }
    }
    names
}

/// `romance`: French and Spanish capitalise only names and the first word of a sentence, so
/// the capitalised word that opens a clause is never part of a name ("Utiliser GeoGebra",
/// "Titulaire du CAPES").
fn names_in_line(line: &str, title_words: &[String], german: bool, romance: bool) -> Vec<Name> {
    let words = words_of(line);
    let mut names: Vec<Name> = Vec::new();
    let mut at = 0;
    let mut clause_start = true;
    while at < words.len() {
        if !is_capitalised(words[at].bare) {
            clause_start = words[at].ends_sentence;
            at += 1;
            continue;
        }
        let run_start = at;
        let end = run_end(&words, at);
        let opens_clause = clause_start;
        clause_start = words[end].ends_sentence;
        let next = end + 1;
        let Some((mut first, last)) = trim_fillers(&words, at, end, title_words) else {
            at = next;
            continue;
        };
        if romance && opens_clause && first == run_start && first < last {
            first += 1;
            while first < last && JOINERS.contains(&words[first].bare) {
                first += 1;
            }
        }
        let text = words[first..=last]
            .iter()
            .map(|word| word.bare)
            .collect::<Vec<_>>()
            .join(" ");
        let single = first == last;
        // "Qualified Teacher Status (QTS)": the run spells out the acronym after it.
        let spelled_out = words
            .get(next)
            .filter(|word| word.in_brackets && is_acronym(word.bare) && !single && !german);
        if let Some(acronym) = spelled_out {
            names.push(Name {
                name: acronym.bare.to_owned(),
                aliases: vec![text],
            });
            at = next + 1;
            continue;
        }
        at = next;
        let acronym = single && is_acronym(&text);
        // A clause's first word is capitalised anyway: "Comply with HIQA standards".
        let opens_clause = opens_clause && first == run_start;
        let keep = if german {
            acronym
        } else {
            acronym || !single || !opens_clause
        };
        if keep && text.chars().count() >= 2 {
            names.push(Name {
                name: text,
                aliases: Vec::new(),
            });
        }
    }
    names
}

/// The last word of the run of capitalised words (and joiners between them) starting at
/// `start`. A digit may end a run ("Key Stage 2").
fn run_end(words: &[Word], start: usize) -> usize {
    let mut end = start;
    while !words[end].ends_run {
        let Some(next) = words.get(end + 1) else {
            break;
        };
        if next.in_brackets {
            break;
        }
        if is_capitalised(next.bare) {
            end += 1;
        } else if JOINERS.contains(&next.bare) && !next.ends_run {
            match words.get(end + 2) {
                Some(after) if is_capitalised(after.bare) && !after.in_brackets => end += 2,
                _ => break,
            }
        } else if next.bare.chars().all(|c| c.is_ascii_digit()) {
            end += 1;
            break;
        } else {
            break;
        }
    }
    end
}

/// The run `start..=end` without filler words and joiners at its edges: "Strong Python" →
/// "Python", "Registered General Nurse" → nothing.
fn trim_fillers(
    words: &[Word],
    start: usize,
    end: usize,
    title_words: &[String],
) -> Option<(usize, usize)> {
    let is_edge_filler =
        |word: &Word| is_filler(word.bare, title_words) || JOINERS.contains(&word.bare);
    let first = (start..=end).find(|&at| !is_edge_filler(&words[at]))?;
    let last = (start..=end)
        .rev()
        .find(|&at| !is_edge_filler(&words[at]))?;
    // "General Division", "Register of Nurses": a name cut off at a job-title word is a
    // fragment of a longer name.
    let cut_at_title_word = words[start..first]
        .iter()
        .chain(&words[last + 1..=end])
        .any(|word| {
            is_title_word(word.bare) || title_words.iter().any(|t| *t == word.bare.to_lowercase())
        });
    if cut_at_title_word && !(first == last && is_acronym(words[first].bare)) {
        return None;
    }
    // "Year 4" without "Year" is a bare number.
    let names_something = words[first..=last]
        .iter()
        .any(|word| !word.bare.chars().all(|c| c.is_ascii_digit()));
    names_something.then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lines: &[&str], title: &str) -> Vec<String> {
        let lines: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        named_terms(&lines, "Riverside Health", title)
            .into_iter()
            .map(|name| name.name)
            .collect()
    }

    #[test]
    fn multi_word_names_stay_whole() {
        assert_eq!(
            names(
                &["Run workloads on Google Kubernetes Engine and Cloud Run."],
                "Platform Engineer"
            ),
            ["Google Kubernetes Engine", "Cloud Run"]
        );
        assert_eq!(
            names(
                &["Google Kubernetes Engine (GKE) in production."],
                "Platform Engineer"
            ),
            ["GKE"]
        );
    }

    #[test]
    fn job_title_words_and_fillers_are_not_names() {
        let nursing = names(
            &[
                "Must be a Registered Nurse with an active NMBI PIN.",
                "Registered General Nurse; resuscitation experience desirable.",
                "Excellent English and Strong communication.",
            ],
            "Registered Nurse",
        );
        assert_eq!(nursing, ["NMBI PIN"]);
    }

    #[test]
    fn a_clause_opening_verb_is_not_a_name_but_an_acronym_is() {
        assert_eq!(
            names(&["Comply with HIQA standards and Children First."], "Nurse"),
            ["HIQA", "Children First"]
        );
        assert_eq!(
            names(&["Salesforce: keep it tidy."], "Nurse"),
            [] as [&str; 0]
        );
        assert_eq!(
            names(&["Experience of teaching in Key Stage 2."], "Teacher"),
            ["Key Stage 2"]
        );
    }

    #[test]
    fn spelled_out_acronyms_are_aliases() {
        let lines = vec!["Qualified Teacher Status (QTS) and the National Curriculum".to_owned()];
        let found = named_terms(&lines, "Oakridge Primary Academy", "Class Teacher");
        assert_eq!(
            found,
            [
                Name {
                    name: "QTS".into(),
                    aliases: vec!["Qualified Teacher Status".into()]
                },
                Name {
                    name: "National Curriculum".into(),
                    aliases: Vec::new()
                }
            ]
        );
    }

    #[test]
    fn german_nouns_are_not_names_but_acronyms_are() {
        let lines = vec![
            "Pflege der Kundendaten und Verkaufschancen in Salesforce".to_owned(),
            "Teilnahme an Fachmessen wie der MEDICA in Düsseldorf und mit Kunden".to_owned(),
        ];
        let found: Vec<String> = named_terms(&lines, "Alpenblick", "Vertriebsmitarbeiter")
            .into_iter()
            .map(|name| name.name)
            .collect();
        assert_eq!(found, ["MEDICA"]);
    }

    #[test]
    fn the_company_is_not_a_name() {
        assert_eq!(
            names(
                &["Join Riverside Health and work with Epic Systems."],
                "Nurse"
            ),
            ["Epic Systems"]
        );
    }
}
