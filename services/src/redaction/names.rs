//! People's names: the candidate's from the head of the CV (the first line that reads as a
//! name), and other people's where a text says who they are: after a title ("Dr Alan Prior",
//! "Frau Katrin Huber"), after "call" or "contact" ("Call Sandra Keller, Talent Partner"),
//! and at the start of each entry under a "References" heading.

use text::names::is_title_word;

/// The candidate's name as the CV's head writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateName {
    /// The name words, without a title, nickname or postnominals: "Siobhán Ní Bhriain".
    pub full: String,
    pub first: String,
    /// Everything after the first name: "Ní Bhriain".
    pub last: String,
    /// A nickname in quotes, a name in another script in brackets: "JJ", "张艾米莉".
    pub others: Vec<String>,
}

/// Words that go before a name and are not part of it.
const TITLES: &[&str] = &[
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Professor",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Mx",
    "Mx.",
    "Sir",
    "Dame",
    "Frau",
    "Herr",
    "Mme",
    "Mme.",
    "M.",
];

/// Small words inside a name: "van der", "Ní", "bin".
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "binti",
    "al", "el", "ben", "y", "zu", "dos", "das",
];

/// Words of a CV's first lines that are never a name.
const NOT_NAMES: &[&str] = &[
    "curriculum",
    "vitae",
    "resume",
    "résumé",
    "cv",
    "lebenslauf",
    "profile",
    "contact",
    "summary",
    "personal",
    "details",
    "about",
    "me",
    "work",
    "experience",
    "education",
    "skills",
    "objective",
    "career",
    "employment",
    "history",
    "professional",
    "projects",
    "qualifications",
    "achievements",
    "references",
    "job",
    "description",
    "specification",
    "key",
    "core",
    "technical",
];

/// The candidate's name: the first of the CV's first six non-empty lines whose opening
/// segment (before "—", "|", "·", ",", a tab or a bracket) reads as a name of two to four
/// words.
pub fn candidate_name(cv: &str) -> Option<CandidateName> {
    cv.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(6)
        .find_map(name_in_head_line)
}

fn name_in_head_line(line: &str) -> Option<CandidateName> {
    // "Name: Jake Thompson", "Full name: …".
    let line = match line.split_once(':') {
        Some((label, rest))
            if ["name", "full name"].contains(&label.trim().to_lowercase().as_str()) =>
        {
            rest.trim()
        }
        _ => line,
    };
    let head = line
        .split(['—', '–', '|', '·', ',', '\t', '•'])
        .next()
        .unwrap_or(line);
    let head = head.split(" - ").next().unwrap_or(head);
    // A bracketed or quoted name is another name of the same person.
    let mut others = Vec::new();
    let mut plain = String::new();
    let mut rest = head;
    while let Some(open) = rest.find(['(', '"', '“', '«']) {
        plain.push_str(&rest[..open]);
        let opener = rest[open..].chars().next().unwrap_or('(');
        let closer = match opener {
            '(' => ')',
            '“' => '”',
            '«' => '»',
            _ => '"',
        };
        let inner_start = open + opener.len_utf8();
        match rest[inner_start..].find(closer) {
            Some(close) => {
                let inner = rest[inner_start..inner_start + close].trim();
                if !inner.is_empty() && inner.chars().all(|c| c.is_alphabetic() || c == ' ') {
                    others.push(inner.to_owned());
                }
                rest = &rest[inner_start + close + closer.len_utf8()..];
            }
            None => {
                rest = "";
            }
        }
    }
    plain.push_str(rest);
    let mut words: Vec<&str> = plain
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .collect();
    if words.first().is_some_and(|word| TITLES.contains(word)) {
        words.remove(0);
    }
    // Postnominals in capitals: "RGN", "PhD" stay out of the name.
    while words
        .last()
        .is_some_and(|word| is_postnominal(word) && words.len() > 2)
    {
        words.pop();
    }
    let reads_as_name = (2..=4).contains(&words.len())
        && words.iter().all(|word| is_name_word(word))
        && words.first().is_some_and(|word| !PARTICLES.contains(word))
        && !words
            .iter()
            .any(|word| NOT_NAMES.contains(&word.to_lowercase().as_str()) || is_title_word(word));
    if !reads_as_name {
        return None;
    }
    // A name in capitals ("JAKE THOMPSON") is written back to the user as "Jake Thompson".
    let words: Vec<String> = words.iter().map(|word| capitalised(word)).collect();
    Some(CandidateName {
        full: words.join(" "),
        first: words[0].clone(),
        last: words[1..].join(" "),
        others,
    })
}

/// A word in capitals with a capital only at its start and after `'` or `-` ("O'BRIEN" →
/// "O'Brien"); any other word as it is.
fn capitalised(word: &str) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(char::is_lowercase) {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut starts = true;
    for c in word.chars() {
        if starts {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        starts = matches!(c, '\'' | '’' | '-');
    }
    out
}

/// A word of a name: a capital then letters, apostrophes or hyphens ("O'Brien", "Ní",
/// "Jean-Luc", "Ó"), or a particle; or, in a name written in capitals, capitals.
fn is_name_word(word: &str) -> bool {
    if PARTICLES.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        && !word.ends_with('.')
}

/// "RGN", "PhD", "MBA", "MSc", but not "Ng" or "Li".
fn is_postnominal(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=5).contains(&letters) && capitals >= 2
}

/// Other people's names in `text`, in order, each once; never the candidate's and never a
/// word of `exclude` (the company, the job title).
pub fn other_people(
    text: &str,
    candidate: Option<&CandidateName>,
    exclude: &[&str],
) -> Vec<String> {
    let excluded_words: Vec<String> = exclude
        .iter()
        .flat_map(|phrase| phrase.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let is_excluded = |name: &str| {
        candidate.is_some_and(|candidate| {
            candidate.full.contains(name) || name.contains(&candidate.full)
        }) || name
            .split_whitespace()
            .any(|word| excluded_words.contains(&word.to_lowercase()) || is_title_word(word))
    };
    let mut people: Vec<String> = Vec::new();
    let mut in_references = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let heading = trimmed.trim_end_matches(':').to_lowercase();
        if [
            "references",
            "referees",
            "referenzen",
            "references and referees",
        ]
        .contains(&heading.as_str())
        {
            in_references = true;
            continue;
        }
        if trimmed.is_empty() {
            if in_references && !people.is_empty() {
                in_references = false;
            }
            continue;
        }
        let mut found = Vec::new();
        if in_references {
            for entry in trimmed.split(';') {
                let entry = entry.trim_start_matches(['-', '•', '*', ' ']);
                if let Some(name) = name_at(entry, 2) {
                    found.push(name);
                }
            }
        }
        found.extend(after_titles_and_contact_words(trimmed));
        for name in found {
            if !is_excluded(&name) && !people.contains(&name) {
                people.push(name);
            }
        }
    }
    people
}

/// Names after a title ("Dr Alan Prior": one name word is enough) or after "call",
/// "contact", "ask for" and the like (two name words at least).
fn after_titles_and_contact_words(line: &str) -> Vec<String> {
    const CONTACT_WORDS: &[&str] = &[
        "call",
        "contact",
        "ansprechpartner:",
        "ansprechpartnerin:",
        "kontakt:",
        "supervised by",
        "reporting to",
        "ask for",
        "speak to",
    ];
    let mut names = Vec::new();
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - line.as_ptr() as usize, word))
        .collect();
    for (index, (at, word)) in words.iter().enumerate() {
        let after = &line[at + word.len()..];
        if TITLES.contains(word) && *word != "M." {
            if let Some(name) = name_at(after.trim_start(), 1) {
                names.push(name);
            }
            continue;
        }
        let lowered = word.to_lowercase();
        let two = words
            .get(index + 1)
            .map(|(_, next)| format!("{lowered} {}", next.to_lowercase()));
        let (matched, rest) = if CONTACT_WORDS.contains(&lowered.as_str()) {
            (true, after)
        } else if two
            .as_deref()
            .is_some_and(|two| CONTACT_WORDS.contains(&two))
        {
            let (next_at, next) = words[index + 1];
            (true, &line[next_at + next.len()..])
        } else {
            (false, "")
        };
        if matched {
            let rest = rest.trim_start();
            let after_title = rest
                .split_whitespace()
                .next()
                .filter(|first| TITLES.contains(first))
                .map_or(rest, |title| rest[title.len()..].trim_start());
            if let Some(name) = name_at(after_title, 2) {
                names.push(name);
            }
        }
    }
    names
}

/// The name that opens `text` (after a title, if any): capitalised name words (particles
/// allowed inside), at least `min_words` and at most four, ending at punctuation, a
/// lower-case word or the end.
fn name_at(text: &str, min_words: usize) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut raw_words = text.split_whitespace().peekable();
    if raw_words.peek().is_some_and(|first| TITLES.contains(first)) {
        raw_words.next();
    }
    for raw in raw_words {
        let bare = raw.trim_end_matches([',', ';', '.', ':', ')', '—', '–']);
        let ends = bare.len() < raw.len();
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
        let fits = (capitalised || (PARTICLES.contains(&bare) && !words.is_empty()))
            && bare
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
            && !bare.is_empty()
            && !(bare.chars().count() > 1 && bare.chars().all(char::is_uppercase));
        if !fits {
            break;
        }
        words.push(bare);
        if ends || words.len() == 4 {
            break;
        }
    }
    while words.last().is_some_and(|word| PARTICLES.contains(word)) {
        words.pop();
    }
    (words.len() >= min_words && words.iter().any(|word| word.chars().count() >= 2))
        .then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(cv: &str) -> Option<(String, String, String, Vec<String>)> {
        candidate_name(cv).map(|name| (name.full, name.first, name.last, name.others))
    }

    #[test]
    fn the_candidates_name_is_read_from_the_cvs_head_lines() {
        let cases = [
            (
                "Lukas Meier — Curriculum Vitae\n\nLukas Meier\nSenior Backend Engineer",
                "Lukas Meier",
                "Lukas",
                "Meier",
            ),
            (
                "Siobhán Ní Bhriain RGN · +353 87 555 0192 · s@example.com",
                "Siobhán Ní Bhriain",
                "Siobhán",
                "Ní Bhriain",
            ),
            (
                "Dr Olumide Adeyemi — Curriculum Vitae",
                "Olumide Adeyemi",
                "Olumide",
                "Adeyemi",
            ),
            (
                "LEBENSLAUF\n\nJulia Schneider\nKey Account Managerin",
                "Julia Schneider",
                "Julia",
                "Schneider",
            ),
            (
                "Henrik Sørensen\nPrimary School Teacher",
                "Henrik Sørensen",
                "Henrik",
                "Sørensen",
            ),
        ];
        for (cv, full, first, last) in cases {
            assert_eq!(
                name(cv),
                Some((full.into(), first.into(), last.into(), Vec::new())),
                "{cv}"
            );
        }
        assert_eq!(
            name("Jake \"JJ\" Thompson 🚀\nAccount Executive | SaaS Sales"),
            Some((
                "Jake Thompson".into(),
                "Jake".into(),
                "Thompson".into(),
                vec!["JJ".into()]
            ))
        );
        assert_eq!(
            name("Emily Zhang (张艾米莉)\nComputer Science graduate"),
            Some((
                "Emily Zhang".into(),
                "Emily".into(),
                "Zhang".into(),
                vec!["张艾米莉".into()]
            ))
        );
    }

    #[test]
    fn a_name_in_capitals_is_given_back_in_title_case() {
        assert_eq!(
            name("JAKE O'BRIEN-SMITH\nSALES"),
            Some((
                "Jake O'Brien-Smith".into(),
                "Jake".into(),
                "O'Brien-Smith".into(),
                Vec::new()
            ))
        );
    }

    #[test]
    fn a_labelled_name_is_read_without_its_label() {
        assert_eq!(
            name("Name: Ana María Pérez\nE-mail: ana@example.es"),
            Some((
                "Ana María Pérez".into(),
                "Ana".into(),
                "María Pérez".into(),
                Vec::new()
            ))
        );
    }

    #[test]
    fn a_cv_without_a_name_in_its_head_gives_none() {
        assert_eq!(name("Senior Data Scientist\nPython, SQL, Snowflake"), None);
        assert_eq!(name("Curriculum Vitae\nProfile\nI build things."), None);
    }

    #[test]
    fn referees_recruiters_and_titled_people_are_found_but_not_the_company() {
        let cv = "Priya Raghunathan\n\nReferees\nProf. Eilidh MacLeod, University of Edinburgh; Dr Rory Campbell, NHS Lothian. Contact details available on request.\n\nReferences\nNuala Ó Ceallaigh, CNM2, ICU, University Hospital Galway — available on request.\n";
        let candidate = candidate_name(cv);
        assert_eq!(
            other_people(cv, candidate.as_ref(), &[]),
            ["Eilidh MacLeod", "Rory Campbell", "Nuala Ó Ceallaigh"]
        );
        let job = "Questions? Call Sandra Keller, Talent Partner, on +41 44 555 18 90.\nInformal enquiries: Ms Aoife Brennan, Clinical Nurse Manager 3\nIhre Ansprechpartnerin: Frau Katrin Huber, Telefon\nContact Helvetia Ledger for details.\nSupervised by Dr Alan Prior.";
        assert_eq!(
            other_people(job, None, &["Helvetia Ledger AG"]),
            [
                "Sandra Keller",
                "Aoife Brennan",
                "Katrin Huber",
                "Alan Prior"
            ]
        );
        // The candidate's own name after a title is the candidate's.
        let own = candidate_name("Dr Olumide Adeyemi\nData Scientist");
        assert_eq!(
            other_people("Dr Olumide Adeyemi — CV", own.as_ref(), &[]),
            Vec::<String>::new()
        );
        assert_eq!(
            other_people("References available on request.", None, &[]),
            Vec::<String>::new()
        );
    }
}
