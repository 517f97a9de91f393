//! The lines of a job description that say what the job needs: the bullets and table rows
//! under headings such as "Requirements", "What you'll do" or "Ihr Profil".

/// Heading words that open a section of requirements or duties (matched lower-case, as
/// substrings, so "WHAT YOU WILL DO" and "Responsibilities" both count), in the four languages
/// of the offline coach. Sections of what the employer offers ("Wir bieten", "Nous offrons")
/// are left out on purpose.
const REQUIREMENT_HEADINGS: &[&str] = &[
    "requirement",
    "what you will do",
    "what you'll do",
    "what you bring",
    "what you'll bring",
    "what you will bring",
    "you will",
    "responsibilit",
    "duties",
    "ideal candidate",
    "looking for",
    "what you'll learn",
    "essential",
    "desirable",
    "nice to have",
    "bonus",
    "eligibility",
    "qualifications",
    "skills",
    "about you",
    "your profile",
    "must have",
    "ihr profil",
    "ihre aufgaben",
    "anforderungen",
    "was sie mitbringen",
    "qualifikation",
    // French
    "vos missions",
    "missions",
    "votre profil",
    "profil recherché",
    "compétences",
    "exigences",
    "nous recherchons",
    // Spanish
    "requisitos",
    "funciones",
    "responsabilidades",
    "perfil",
    "buscamos",
];

/// A heading is a short line that is not a bullet and reads like a title: no sentence
/// punctuation and no commas ("Candidates must, on the closing date:" is not one).
fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=6).contains(&words)
        && !is_bullet(line)
        && !line.contains([',', ';', '.'])
        && line.chars().next().is_some_and(char::is_alphabetic)
}

fn is_bullet(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(['-', '•', '*', '·', '–'])
        && line.chars().nth(1).is_some_and(char::is_whitespace)
        || line.split_once(['.', ')']).is_some_and(|(number, _)| {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
        })
}

fn is_requirement_heading(line: &str) -> bool {
    let lower = line.to_lowercase();
    REQUIREMENT_HEADINGS
        .iter()
        .any(|heading| lower.contains(heading))
}

/// Removes a leading bullet or list number.
fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    if let Some((number, rest)) = line.split_once(['.', ')']) {
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            return rest.trim();
        }
    }
    line.trim_start_matches(['-', '•', '*', '·', '–']).trim()
}

/// Requirement and duty lines in the order they appear. Table rows give one requirement per
/// cell; cells of a single word ("Essential") are labels, not requirements.
pub fn requirement_lines(job_text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_section = false;
    for raw in job_text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.chars().all(|c| !c.is_alphanumeric()) {
            continue;
        }
        if !line.contains('\t') && is_heading(line) {
            in_section = is_requirement_heading(line);
            continue;
        }
        if !in_section {
            continue;
        }
        for cell in line.split('\t') {
            let cell = strip_bullet(cell);
            if cell.split_whitespace().count() >= 2 && !is_requirement_heading_row(cell) {
                lines.push(cell.to_owned());
            }
        }
    }
    lines
}

/// A table header such as "Essential / Desirable" inside a requirements section.
fn is_requirement_heading_row(cell: &str) -> bool {
    cell.split_whitespace().count() <= 3 && is_requirement_heading(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_bullets_under_requirement_headings_only() {
        let job = "About us\nWe sell lamps to 300 shops.\n\nWhat you'll do\n- Run experiments in Amplitude.\n- Coach a product manager.\n\nWhat we offer\n- A bike\n";
        assert_eq!(
            requirement_lines(job),
            vec!["Run experiments in Amplitude.", "Coach a product manager."]
        );
    }

    #[test]
    fn reads_french_german_and_spanish_sections() {
        let french = "À propos\nNous sommes un collège public.\n\nVos missions\n- Préparer les cours de mathématiques.\n\nCe que nous offrons\n- Une cantine\n";
        assert_eq!(
            requirement_lines(french),
            vec!["Préparer les cours de mathématiques."]
        );
        let german = "Wer wir sind\nEin Klinikum.\n\nIhr Profil\n- Drei Jahre Erfahrung in der Pflege\n\nWir bieten\n- Ein Jobrad\n";
        assert_eq!(
            requirement_lines(german),
            vec!["Drei Jahre Erfahrung in der Pflege"]
        );
        let spanish = "Quiénes somos\nUna empresa de energía.\n\nRequisitos\n- Tres años de experiencia en ventas\n\nOfrecemos\n- Coche de empresa\n";
        assert_eq!(
            requirement_lines(spanish),
            vec!["Tres años de experiencia en ventas"]
        );
    }

    #[test]
    fn reads_numbered_lists_table_cells_and_sentences_with_colons() {
        let job = "ELIGIBILITY CRITERIA\nCandidates must, on the closing date:\n1. Be registered with the NMBI.\nCriteria\tEssential / Desirable\nQualified Teacher Status (QTS)\tEssential\n";
        assert_eq!(
            requirement_lines(job),
            vec![
                "Candidates must, on the closing date:",
                "Be registered with the NMBI.",
                "Qualified Teacher Status (QTS)"
            ]
        );
    }
}
