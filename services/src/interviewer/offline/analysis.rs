//! What the two documents say: the job's skills that the CV backs up and the ones it lacks,
//! the job's requirement lines, the CV's employers and achievements, and years of experience.

use super::experience::{self, has_organisation_word, Role};
use super::requirements::requirement_lines;
use super::text::{find_word, SearchableText};
use super::vocabulary::{Category, TERMS};

/// A skill, tool or method named in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Skill {
    pub name: String,
    /// The name and its other spellings.
    spellings: Vec<String>,
    exact_case: bool,
    pub category: Category,
}

impl Skill {
    pub(crate) fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            spellings: vec![name.to_owned()],
            exact_case: true,
            category: Category::Named,
        }
    }

    pub(crate) fn position_in(&self, text: &SearchableText) -> Option<usize> {
        self.spellings
            .iter()
            .filter_map(|spelling| text.position(spelling, self.exact_case))
            .min()
    }

    pub(crate) fn is_in(&self, text: &SearchableText) -> bool {
        self.position_in(text).is_some()
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Analysis {
    /// Short enough to fit in a question.
    pub job_title: String,
    pub company: String,
    /// Job skills the CV names too, those in the requirement lines first.
    pub supported: Vec<Skill>,
    /// Skills in the job's requirement lines that the CV does not name.
    pub gaps: Vec<Skill>,
    /// Every skill the job description names, in the order it names them.
    pub job: Vec<Skill>,
    /// Every skill either document names, to recognise them in questions and answers.
    pub known: Vec<Skill>,
    pub requirements: Vec<String>,
    pub roles: Vec<Role>,
    /// The first "N years" in the job's requirements and in the CV.
    pub required_years: Option<u32>,
    pub cv_years: Option<u32>,
}

const MAX_TITLE_WORDS: usize = 6;
const MAX_COMPANY_WORDS: usize = 5;

/// Capitalised words that are not worth a question ("UK" in "right to work in the UK").
const NAMED_STOPWORDS: &[&str] = &[
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
    "Year",
    "Years",
];

impl Analysis {
    pub(crate) fn new(cv_text: &str, job_text: &str, job_title: &str, company: &str) -> Self {
        let cv = SearchableText::new(cv_text);
        let job = SearchableText::new(job_text);
        let requirements = requirement_lines(job_text);
        let requirement_text = SearchableText::new(&requirements.join("\n"));

        let mut job_skills: Vec<Skill> = vocabulary_skills()
            .filter(|skill| skill.is_in(&job))
            .collect();
        let company = clip_words(
            non_empty(company).unwrap_or_else(|| company_in(job_text)),
            MAX_COMPANY_WORDS,
        );
        for named in named_terms(&requirements, &company) {
            // "BI" from "Power BI" or "Docker" again: the vocabulary already has the term.
            let in_vocabulary_term = |skill: &Skill| {
                skill.is_in(&SearchableText::new(&named.name))
                    || find_word(&skill.name, &named.name).is_some()
            };
            if !job_skills.iter().any(in_vocabulary_term) {
                job_skills.push(named);
            }
        }
        job_skills.sort_by_key(|skill| skill.position_in(&job));
        job_skills.dedup_by(|a, b| a.name == b.name);

        let in_requirements = |skill: &Skill| skill.is_in(&requirement_text);
        let mut supported: Vec<Skill> = job_skills
            .iter()
            .filter(|s| s.is_in(&cv))
            .cloned()
            .collect();
        supported.sort_by_key(|skill| !in_requirements(skill));
        let mut gaps: Vec<Skill> = job_skills
            .iter()
            .filter(|skill| in_requirements(skill) && !skill.is_in(&cv))
            .cloned()
            .collect();
        gaps.sort_by_key(|skill| skill.category == Category::Named);

        let mut known = job_skills.clone();
        known.extend(
            vocabulary_skills().filter(|skill| skill.is_in(&cv) && !job_skills.contains(skill)),
        );

        Self {
            job_title: clip_words(
                non_empty(job_title).unwrap_or_else(|| first_line(job_text)),
                MAX_TITLE_WORDS,
            ),
            company,
            supported,
            gaps,
            known,
            job: job_skills,
            required_years: years_mentioned(&requirements.join("\n")),
            cv_years: years_mentioned(cv_text),
            requirements,
            roles: experience::roles(cv_text),
        }
    }

    /// The employer of the first role the CV lists, usually the current one.
    pub(crate) fn most_recent_employer(&self) -> Option<&str> {
        self.roles.first().map(|role| role.employer.as_str())
    }
}

/// The skill of `skills` that `text` names first.
pub(crate) fn first_skill_in<'a>(skills: &'a [Skill], text: &str) -> Option<&'a Skill> {
    let text = SearchableText::new(text);
    skills
        .iter()
        .filter_map(|skill| skill.position_in(&text).map(|at| (at, skill)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, skill)| skill)
}

/// The skill of `skills` that `text` names last: in "At Acme you moved from Java to Go.
/// Which Go trade-offs…" the question is about Go.
pub(crate) fn last_skill_in<'a>(skills: &'a [Skill], text: &str) -> Option<&'a Skill> {
    let text = SearchableText::new(text);
    skills
        .iter()
        .filter_map(|skill| skill.position_in(&text).map(|at| (at, skill)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, skill)| skill)
}

pub(crate) fn vocabulary_skills() -> impl Iterator<Item = Skill> {
    TERMS.iter().map(|term| Skill {
        name: term.name.to_owned(),
        spellings: std::iter::once(term.name)
            .chain(term.aliases.iter().copied())
            .map(str::to_owned)
            .collect(),
        exact_case: term.exact_case,
        category: term.category,
    })
}

/// Acronyms ("FINMA", "NMBI") and capitalised words ("German", "Kliniken") inside requirement
/// lines, other than a line's first word (usually a capitalised verb) and the company's name.
fn named_terms(requirements: &[String], company: &str) -> Vec<Skill> {
    let mut named = Vec::new();
    for line in requirements {
        let words = line
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|word| word.trim_matches('-'))
            .filter(|word| !word.is_empty());
        for word in words.skip(1) {
            let is_acronym = word.chars().filter(|c| c.is_uppercase()).count() >= 2
                && word
                    .trim_end_matches('s')
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit());
            let is_capitalised = word.chars().count() >= 4
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).all(char::is_lowercase);
            if (is_acronym || is_capitalised)
                && !NAMED_STOPWORDS.contains(&word)
                && !company.split_whitespace().any(|part| part == word)
                && !named.iter().any(|skill: &Skill| skill.name == word)
            {
                named.push(Skill::named(word));
            }
        }
    }
    named
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// The first organisation name in the job description's opening lines.
fn company_in(job_text: &str) -> String {
    job_text
        .lines()
        .take(5)
        .flat_map(|line| line.split(['·', '—', '|', ',', '\t']))
        .map(str::trim)
        .find(|segment| has_organisation_word(segment))
        .unwrap_or("the company")
        .to_owned()
}

fn clip_words(text: String, max_words: usize) -> String {
    text.split_whitespace()
        .take(max_words)
        .collect::<Vec<_>>()
        .join(" ")
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
];

/// The first "N years" / "N+ years" / "nine years" in `text`.
fn years_mentioned(text: &str) -> Option<u32> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.windows(2).find_map(|pair| {
        if !pair[1].starts_with("year") {
            return None;
        }
        let count = pair[0].trim_end_matches('+');
        count.parse().ok().or_else(|| {
            NUMBER_WORDS
                .iter()
                .find(|(word, _)| *word == count)
                .map(|(_, n)| *n)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &str = "Profile\nBackend engineer with nine years of experience in Go and PostgreSQL.\n\nExperience\nEngineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka.\n\nSkills\nGo, Java, Kafka, Kubernetes\n";
    const JOB: &str = "Senior Backend Engineer (Go / PostgreSQL)\nHelvetia Ledger AG · Zürich\n\nWhat you bring\n- At least 6 years of backend development with Go.\n- Hands-on experience with Docker and Kubernetes.\n- Work with audit to meet FINMA requirements.\n\nWhat we offer\n- Python lunches at Google\n";

    #[test]
    fn splits_job_skills_into_supported_and_gaps() {
        let analysis = Analysis::new(CV, JOB, "Senior Backend Engineer", "Helvetia Ledger AG");
        let supported: Vec<&str> = analysis.supported.iter().map(|s| s.name.as_str()).collect();
        let gaps: Vec<&str> = analysis.gaps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(supported, ["Go", "Kubernetes", "PostgreSQL"]);
        assert_eq!(gaps, ["Docker", "FINMA"]);
        assert!(
            analysis.known.iter().any(|s| s.name == "Kafka"),
            "CV skills are known too"
        );
        assert_eq!(analysis.required_years, Some(6));
        assert_eq!(analysis.cv_years, Some(9));
        assert_eq!(
            analysis.most_recent_employer(),
            Some("Helvetic Clearing AG")
        );
    }

    #[test]
    fn finds_the_company_when_none_is_given() {
        let analysis = Analysis::new(CV, JOB, "", " ");
        assert_eq!(analysis.company, "Helvetia Ledger AG");
        assert_eq!(
            analysis.job_title,
            "Senior Backend Engineer (Go / PostgreSQL)"
        );
    }

    #[test]
    fn recognises_skills_in_free_text_by_position() {
        let analysis = Analysis::new(CV, JOB, "Engineer", "Helvetia Ledger AG");
        let skill = first_skill_in(&analysis.known, "We moved Kafka topics and the Go services");
        assert_eq!(skill.map(|s| s.name.as_str()), Some("Kafka"));
        assert_eq!(
            first_skill_in(&analysis.job, "We moved Kafka topics"),
            None,
            "Kafka is only in the CV"
        );
        assert_eq!(first_skill_in(&analysis.known, "nothing here"), None);
        let skill = last_skill_in(&analysis.known, "We moved Kafka topics and the Go services");
        assert_eq!(skill.map(|s| s.name.as_str()), Some("Go"));
    }
}
