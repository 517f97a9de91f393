//! The CV's work history: each employer with the bullet points written under it. Questions
//! that name an employer and quote an achievement are harder to answer with a rehearsed story.

use crate::names::is_title_word;

/// Words that mark an organisation's name ("Isarwerk Medical GmbH", "University Hospital
/// Galway"), matched as whole words.
const ORGANISATION_WORDS: &[&str] = &[
    "AG",
    "GmbH",
    "Ltd",
    "Ltd.",
    "plc",
    "Inc",
    "Inc.",
    "LLC",
    "Limited",
    "SA",
    "BV",
    "Corp",
    "Group",
    "Labs",
    "Hospital",
    "University",
    "College",
    "School",
    "Skole",
    "Trust",
    "Bank",
    "Academy",
    "Council",
    "Ministry",
    "Foundation",
    "Agency",
    // French, German and Spanish legal forms and institutions.
    "SAS",
    "SARL",
    "Groupe",
    "Lycée",
    "Collège",
    "École",
    "Hôpital",
    "Clinique",
    "Université",
    "Académie",
    "KG",
    "GmbH & Co. KG",
    "Klinikum",
    "Krankenhaus",
    "Klinik",
    "Universität",
    "Schule",
    "Gymnasium",
    "Stiftung",
    "S.A.",
    "S.L.",
    "SL",
    "Grupo",
    "Universidad",
    "Colegio",
    "Instituto",
    "Fundación",
];

/// Headings that open the work history, matched lower-case as substrings.
const EXPERIENCE_HEADINGS: &[&str] = &[
    "experience",
    "employment",
    "berufserfahrung",
    "berufliche",
    "werdegang",
    "work history",
    "career",
    "expérience",
    "parcours professionnel",
    "experiencia",
    "trayectoria",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub employer: String,
    /// The job title on the role's line ("Staff Nurse, Intensive Care Unit"), when it has one.
    pub title: Option<String>,
    pub achievements: Vec<String>,
}

fn bullet_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let is_bullet = trimmed.starts_with(['-', '•', '*', '·', '▪'])
        && trimmed.chars().nth(1).is_some_and(char::is_whitespace);
    // Emoji and symbols after the bullet ("- ✅ 137% of quota") are decoration.
    is_bullet.then(|| trimmed.trim_start_matches(|c: char| !c.is_alphanumeric()))
}

/// A short line without digits or list punctuation: a section title such as "Education".
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=4).contains(&words)
        && !line.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | '—' | '|' | '\t' | '.'))
        && bullet_text(line).is_none()
}

pub fn has_organisation_word(segment: &str) -> bool {
    segment
        .split_whitespace()
        .any(|word| ORGANISATION_WORDS.contains(&word.trim_end_matches(',')))
}

/// A name of one to six words with something besides organisation and job-title words:
/// "Hospital" alone is a fragment of a name, "Staff Nurse" is a job title.
fn is_plausible_name(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let names_something = words.iter().any(|word| {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        !ORGANISATION_WORDS.contains(&bare) && !is_title_word(bare)
    });
    (1..=6).contains(&words.len())
        && names_something
        && segment.chars().any(char::is_alphabetic)
        && !segment.contains(|c: char| c.is_ascii_digit())
}

/// The employer in a role's title line: "Title — Employer, City", "Title, Employer — City" or
/// "Title, Employer GmbH, City", with dates after a tab or a bar.
fn employer_in(line: &str) -> Option<String> {
    let head = line.split(['\t', '|']).next().unwrap_or(line).trim();
    let segments: Vec<&str> = head
        .split(['—', ','])
        .map(|segment| segment.trim())
        .filter(|segment| !segment.is_empty())
        .collect();
    if let Some(named) = segments
        .iter()
        .find(|segment| has_organisation_word(segment) && is_plausible_name(segment))
    {
        return Some(named.to_string());
    }
    let (before_dash, after_dash) = head.split_once('—')?;
    let after_dash = after_dash.trim();
    let right = after_dash.split(',').next().unwrap_or("").trim();
    // "Data Scientist, Kestrel Pay — London": a lone short word after the dash is a city.
    let employer = match before_dash.split_once(',') {
        Some((_, left_rest))
            if right.split_whitespace().count() <= 1 && !after_dash.contains(',') =>
        {
            left_rest.trim()
        }
        _ => right,
    };
    Some(employer.to_owned()).filter(|name| is_plausible_name(name))
}

/// The job title on a role's line: what comes before the employer, up to the first comma or
/// dash ("Staff Nurse" in "Staff Nurse, Intensive Care Unit — University Hospital Galway").
fn title_in(line: &str, employer: &str) -> Option<String> {
    let head = line.split(['\t', '|']).next().unwrap_or(line);
    let before = head.split(employer).next().unwrap_or("");
    let title = before
        .split(['—', '–', ','])
        .map(str::trim)
        .find(|segment| !segment.is_empty())?;
    (is_plausible_title(title)).then(|| title.to_owned())
}

fn is_plausible_title(segment: &str) -> bool {
    let words = segment.split_whitespace().count();
    (1..=6).contains(&words)
        && segment.chars().next().is_some_and(char::is_alphabetic)
        && !segment.contains(|c: char| c.is_ascii_digit())
}

/// Roles in the order the CV lists them (usually most recent first).
pub fn roles(cv_text: &str) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    let mut in_history = false;
    for raw in cv_text.lines() {
        let line = raw.trim();
        // "----------" under a heading underlines it; it is no heading of its own.
        if !line.chars().any(char::is_alphanumeric) {
            continue;
        }
        if is_heading(line) {
            let lower = line.to_lowercase();
            in_history = EXPERIENCE_HEADINGS
                .iter()
                .any(|heading| lower.contains(heading));
            continue;
        }
        if !in_history {
            continue;
        }
        if let Some(achievement) = bullet_text(raw) {
            if let Some(role) = roles.last_mut() {
                role.achievements.push(achievement.trim().to_owned());
            }
        } else if let Some(employer) = employer_in(line) {
            roles.push(Role {
                title: title_in(line, &employer),
                employer,
                achievements: Vec::new(),
            });
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_employers_in_the_usual_title_lines() {
        let cases = [
            ("Senior Backend Engineer — Helvetic Clearing AG, Zürich\t04/2020 – present", "Helvetic Clearing AG"),
            ("Senior Data Scientist, Larkspur Grocers plc — London\tJan 2022 – present", "Larkspur Grocers plc"),
            ("Data Scientist, Kestrel Pay — London\tAug 2019 – Dec 2021", "Kestrel Pay"),
            ("Staff Nurse, Intensive Care Unit — University Hospital Galway\tMar 2021 – present", "University Hospital Galway"),
            ("Sales Development Representative — Bluebonnet Analytics, Austin TX  |  Jul 2019 - Feb 2021", "Bluebonnet Analytics"),
            ("Class Teacher, Years 3–5 — Aarhus International Primary\t2022 – present", "Aarhus International Primary"),
            ("Key Account Managerin, Isarwerk Medical GmbH, München", "Isarwerk Medical GmbH"),
            ("Professeure de mathématiques — Collège Victor Hugo, Lyon\t2019 – aujourd'hui", "Collège Victor Hugo"),
            ("Ejecutiva de cuentas — Grupo Levante, Valencia\t2021 – actualidad", "Grupo Levante"),
        ];
        for (line, employer) in cases {
            assert_eq!(employer_in(line).as_deref(), Some(employer), "{line}");
        }
        assert_eq!(employer_in("04/2020 – heute"), None);
    }

    #[test]
    fn fragments_and_job_titles_are_not_employers() {
        assert_eq!(
            employer_in("Resuscitation bay nurse — Hospital\t2019 – 2021"),
            None
        );
        assert_eq!(
            employer_in("Hospital, Resuscitation bay nurse — St Vincent's University Hospital"),
            Some("St Vincent's University Hospital".to_owned())
        );
        assert_eq!(
            employer_in("Acme Ltd — Staff Nurse"),
            Some("Acme Ltd".to_owned())
        );
        assert_eq!(employer_in("Teacher — Registered Nurse"), None);
    }

    #[test]
    fn collects_bullets_under_each_role_and_stops_at_the_next_section() {
        let cv = "Profile\nI build things.\n\nExperience\nEngineer — Acme Ltd, Leeds\t2020 – present\n- ✅ Cut costs by 20 %.\n- Led the team.\nIntern — Brightwell Foods plc\t2019\n- Built a model.\n\nEducation\nBSc Maths — University of Leeds\t2016 – 2019\n- First class.\n";
        assert_eq!(
            roles(cv),
            vec![
                Role {
                    employer: "Acme Ltd".into(),
                    title: Some("Engineer".into()),
                    achievements: vec!["Cut costs by 20 %.".into(), "Led the team.".into()]
                },
                Role {
                    employer: "Brightwell Foods plc".into(),
                    title: Some("Intern".into()),
                    achievements: vec!["Built a model.".into()]
                },
            ]
        );
    }
}
