//! What the two documents say: the job's skills that the CV backs up and the ones it lacks,
//! the job's requirement lines, the CV's employers and achievements, and years of experience.

use std::collections::HashSet;

use crate::stems::{content_stems, years_stated};

use crate::experience::{self, has_organisation_word, Role};
use crate::names::{named_terms, Name};
use crate::requirements::requirement_lines;
use crate::vocabulary::{Category, TERMS};
use crate::words::{find_word, SearchableText};

/// A skill, tool or method named in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skill {
    pub name: String,
    /// The name and its other spellings, each with whether its case must match: "Go" must,
    /// "Qualified Teacher Status" for "QTS" need not.
    spellings: Vec<(String, bool)>,
    pub category: Category,
}

impl Skill {
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            spellings: vec![(name.to_owned(), true)],
            category: Category::Named,
        }
    }

    /// A name from the job description, with its spelled-out form ("QTS", "Qualified Teacher
    /// Status") found case-insensitively.
    fn from_name(name: Name) -> Self {
        Self {
            spellings: std::iter::once((name.name.clone(), true))
                .chain(name.aliases.into_iter().map(|alias| (alias, false)))
                .collect(),
            name: name.name,
            category: Category::Named,
        }
    }

    pub fn position_in(&self, text: &SearchableText) -> Option<usize> {
        self.spellings
            .iter()
            .filter_map(|(spelling, exact_case)| text.position(spelling, *exact_case))
            .min()
    }

    pub fn is_in(&self, text: &SearchableText) -> bool {
        self.position_in(text).is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Profile {
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
    /// Stems of the content words of both documents, to tell a work story from small talk.
    pub document_stems: HashSet<String>,
}

const MAX_TITLE_WORDS: usize = 6;
const MAX_COMPANY_WORDS: usize = 5;

impl Profile {
    pub fn new(cv_text: &str, job_text: &str, job_title: &str, company: &str) -> Self {
        let cv = SearchableText::new(cv_text);
        let requirements = requirement_lines(job_text);
        let requirement_text = SearchableText::new(&requirements.join("\n"));

        let company = clip_words(
            non_empty(company).unwrap_or_else(|| company_in(job_text)),
            MAX_COMPANY_WORDS,
        );
        let job_title = clip_words(
            without_gender_marker(&non_empty(job_title).unwrap_or_else(|| first_line(job_text))),
            MAX_TITLE_WORDS,
        );
        let job_skills = job_skills(
            job_text,
            named_terms(
                &requirements,
                &company,
                &format!("{job_title} {}", first_line(job_text)),
            ),
        );
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
            job_title,
            company,
            supported,
            gaps,
            known,
            job: job_skills,
            document_stems: content_stems(&format!("{cv_text}\n{job_text}")),
            required_years: years_stated(&requirements.join("\n")),
            cv_years: years_stated(cv_text),
            requirements,
            roles: experience::roles(cv_text),
        }
    }
}

/// The vocabulary's terms the job description names and the names its requirement lines add,
/// in the order the job description names them. A name of several words that holds a
/// vocabulary term ("Google Kubernetes Engine") is one term, and the vocabulary term counts
/// only where the job names it on its own; a name that is a term with one more word ("Apache
/// Flink", "Strong Python") is that term, unless that word is a term too ("B2B SaaS").
fn job_skills(job_text: &str, names: Vec<Name>) -> Vec<Skill> {
    let job = SearchableText::new(job_text);
    let mut vocabulary: Vec<Skill> = vocabulary_skills()
        .filter(|skill| skill.is_in(&job))
        .collect();
    let mut named: Vec<Skill> = Vec::new();
    for name in names {
        // "Qualified Teacher Status (QTS)" spells out a term the vocabulary knows.
        if let Some(known) = vocabulary.iter_mut().find(|skill| skill.name == name.name) {
            known
                .spellings
                .extend(name.aliases.into_iter().map(|alias| (alias, false)));
            continue;
        }
        let inner = vocabulary
            .iter()
            .find(|skill| skill.is_in(&SearchableText::new(&name.name)));
        let extra_words = inner.map_or(usize::MAX, |skill| {
            word_count(&name.name).saturating_sub(word_count(&skill.name))
        });
        // "B2B SaaS" is two terms that make one: asking about "B2B" alone quotes half a name.
        let terms_inside = vocabulary
            .iter()
            .filter(|skill| skill.is_in(&SearchableText::new(&name.name)))
            .count();
        if extra_words > 1 || (terms_inside >= 2 && terms_inside == word_count(&name.name)) {
            named.push(Skill::from_name(name));
        }
    }
    // The job text with the multi-word names blanked out (offsets kept), to see which
    // vocabulary terms it names on their own and where.
    let mut outside_names = job_text.to_owned();
    for skill in named.iter().filter(|skill| skill.name.contains(' ')) {
        outside_names = outside_names.replace(&skill.name, &" ".repeat(skill.name.len()));
    }
    let outside_names = SearchableText::new(&outside_names);
    let mut skills: Vec<(Option<usize>, Skill)> = vocabulary
        .into_iter()
        .filter_map(|skill| Some((Some(skill.position_in(&outside_names)?), skill)))
        .collect();
    // "BI" from "Power BI": the vocabulary already has the term.
    named.retain(|name| {
        !skills
            .iter()
            .any(|(_, skill)| find_word(&skill.name, &name.name).is_some())
    });
    skills.extend(
        named
            .into_iter()
            .map(|skill| (skill.position_in(&job), skill)),
    );
    skills.sort_by_key(|(at, _)| *at);
    let mut skills: Vec<Skill> = skills.into_iter().map(|(_, skill)| skill).collect();
    skills.dedup_by(|a, b| a.name == b.name);
    skills
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The skill of `skills` that `text` names first.
pub fn first_skill_in<'a>(skills: &'a [Skill], text: &str) -> Option<&'a Skill> {
    let text = SearchableText::new(text);
    skills
        .iter()
        .filter_map(|skill| skill.position_in(&text).map(|at| (at, skill)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, skill)| skill)
}

pub fn vocabulary_skills() -> impl Iterator<Item = Skill> {
    TERMS.iter().map(|term| Skill {
        name: term.name.to_owned(),
        spellings: std::iter::once(term.name)
            .chain(term.aliases.iter().copied())
            .map(|spelling| (spelling.to_owned(), term.exact_case))
            .collect(),
        category: term.category,
    })
}

/// "Vertriebsmitarbeiter im Außendienst (m/w/d)" → "Vertriebsmitarbeiter im Außendienst": the
/// marker says who may apply, it is not part of the title.
fn without_gender_marker(title: &str) -> String {
    let is_marker = |inside: &str| {
        let lower = inside.to_lowercase();
        lower.contains("gender")
            || lower
                .split(['/', ',', '|'])
                .all(|part| (1..=2).contains(&part.trim().chars().count()))
    };
    match title.rsplit_once('(') {
        Some((before, after)) if after.ends_with(')') && is_marker(after.trim_end_matches(')')) => {
            before.trim().to_owned()
        }
        _ => title.trim().to_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &str = "Profile\nBackend engineer with nine years of experience in Go and PostgreSQL.\n\nExperience\nEngineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka.\n\nSkills\nGo, Java, Kafka, Kubernetes\n";
    const JOB: &str = "Senior Backend Engineer (Go / PostgreSQL)\nHelvetia Ledger AG · Zürich\n\nWhat you bring\n- At least 6 years of backend development with Go.\n- Hands-on experience with Docker and Kubernetes.\n- Work with audit to meet FINMA requirements.\n\nWhat we offer\n- Python lunches at Google\n";

    #[test]
    fn splits_job_skills_into_supported_and_gaps() {
        let analysis = Profile::new(CV, JOB, "Senior Backend Engineer", "Helvetia Ledger AG");
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
        assert_eq!(analysis.roles[0].employer, "Helvetic Clearing AG");
    }

    #[test]
    fn finds_the_company_when_none_is_given() {
        let analysis = Profile::new(CV, JOB, "", " ");
        assert_eq!(analysis.company, "Helvetia Ledger AG");
        assert_eq!(
            analysis.job_title,
            "Senior Backend Engineer (Go / PostgreSQL)"
        );
    }

    #[test]
    fn recognises_skills_in_free_text_by_position() {
        let analysis = Profile::new(CV, JOB, "Engineer", "Helvetia Ledger AG");
        let skill = first_skill_in(&analysis.known, "We moved Kafka topics and the Go services");
        assert_eq!(skill.map(|s| s.name.as_str()), Some("Kafka"));
        assert_eq!(
            first_skill_in(&analysis.job, "We moved Kafka topics"),
            None,
            "Kafka is only in the CV"
        );
        assert_eq!(first_skill_in(&analysis.known, "nothing here"), None);
    }
}

#[cfg(test)]
mod corpus_tests {
    use super::*;
    use crate::test_corpus::text_of as corpus;

    fn names(skills: &[Skill]) -> Vec<&str> {
        skills.iter().map(|skill| skill.name.as_str()).collect()
    }

    fn employers(analysis: &Profile) -> Vec<&str> {
        analysis
            .roles
            .iter()
            .map(|role| role.employer.as_str())
            .collect()
    }

    #[test]
    fn nursing_terms_are_clinical_and_never_title_words() {
        let analysis = Profile::new(
            &corpus("cv", "cv03_docx_python-docx"),
            &corpus("jd", "jd03_txt_plain-text"),
            "Staff Nurse, Intensive Care",
            "St. Brigid's University Hospital",
        );
        let job = names(&analysis.job);
        for expected in ["ICU", "ECMO", "CRRT", "ICCA", "NMBI", "BLS", "ACLS", "HIQA"] {
            assert!(job.contains(&expected), "{expected} missing from {job:?}");
        }
        for unwanted in [
            "Registered",
            "Nurse",
            "Nurses",
            "Staff",
            "General",
            "Division",
            "Register",
            "Nursing",
            "Midwifery",
            "Hospital",
            "Essential",
            "Desirable",
        ] {
            assert!(!job.contains(&unwanted), "{unwanted} in {job:?}");
        }
        assert_eq!(
            employers(&analysis),
            [
                "University Hospital Galway",
                "Cork University Hospital",
                "Bon Secours Hospital"
            ]
        );
    }

    #[test]
    fn sales_documents_give_real_employers_and_no_german_nouns() {
        let analysis = Profile::new(
            &corpus("cv", "cv05_txt_plain-text"),
            &corpus("jd", "jd05_pdf_fpdf2"),
            "",
            "",
        );
        assert_eq!(analysis.job_title, "Vertriebsmitarbeiter im Außendienst");
        assert_eq!(analysis.company, "Alpenblick Medizintechnik GmbH");
        let job = names(&analysis.job);
        assert!(
            job.contains(&"Salesforce") && job.contains(&"MEDICA"),
            "{job:?}"
        );
        for unwanted in [
            "Betreuung",
            "Kliniken",
            "Verhandlung",
            "Deutsch",
            "Sehr",
            "Vertrieb",
        ] {
            assert!(!job.contains(&unwanted), "{unwanted} in {job:?}");
        }
        // The CV underlines its headings with dashes.
        assert_eq!(
            employers(&analysis),
            [
                "Cactus Cloud Inc.",
                "Bluebonnet Analytics",
                "Lone Star Outfitters"
            ]
        );
        assert!(analysis
            .supported
            .iter()
            .any(|skill| skill.name == "Salesforce"));
    }

    #[test]
    fn teaching_terms_keep_names_whole_and_know_spelled_out_acronyms() {
        let analysis = Profile::new(
            &corpus("cv", "cv06_pdf_fpdf2"),
            &corpus("jd", "jd11_pdf_reportlab"),
            "Year 4 Class Teacher",
            "Oakridge Primary Academy",
        );
        let job = names(&analysis.job);
        for expected in [
            "National Curriculum",
            "White Rose",
            "QTS",
            "SEND",
            "safeguarding",
            "Key Stage 2",
        ] {
            assert!(job.contains(&expected), "{expected} missing from {job:?}");
        }
        for unwanted in [
            "Year",
            "Class",
            "Teacher",
            "Qualified",
            "Essential",
            "Desirable",
            "Excellent",
            "Oakridge",
            "Key",
            "Stage",
        ] {
            assert!(!job.contains(&unwanted), "{unwanted} in {job:?}");
        }
        let qts = analysis
            .job
            .iter()
            .find(|skill| skill.name == "QTS")
            .unwrap();
        assert!(qts.is_in(&SearchableText::new("I hold qualified teacher status.")));
        assert_eq!(
            employers(&analysis),
            ["Aarhus International Primary", "Skæring Skole"]
        );
    }

    #[test]
    fn google_kubernetes_engine_is_one_term() {
        let job = "Platform Engineer\nNimbus Ltd\n\nRequirements\n- Run services on Google Kubernetes Engine with Terraform.\n- Strong Python.\n";
        let analysis = Profile::new("", job, "Platform Engineer", "Nimbus Ltd");
        assert_eq!(
            names(&analysis.job),
            ["Google Kubernetes Engine", "Terraform", "Python"]
        );
        let with_kubernetes = job.replace("Strong Python", "Kubernetes elsewhere too");
        let analysis = Profile::new("", &with_kubernetes, "Platform Engineer", "Nimbus Ltd");
        assert_eq!(
            names(&analysis.job),
            ["Google Kubernetes Engine", "Terraform", "Kubernetes"]
        );
    }

    #[test]
    fn two_terms_that_make_one_name_stay_whole() {
        let job = "Product Manager\nLumora GmbH\n\nRequirements\n- 2 years in self-serve B2B SaaS.\n- Strong Python.\n";
        let analysis = Profile::new("", job, "Product Manager", "Lumora GmbH");
        assert_eq!(names(&analysis.job), ["B2B SaaS", "Python"]);
    }
}

#[cfg(test)]
mod other_language_tests {
    use std::path::Path;

    use super::*;

    fn pair(name: &str) -> (String, String) {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/eval")
            .join(name);
        let read = |file: &str| std::fs::read_to_string(folder.join(file)).unwrap();
        (read("cv.txt"), read("jd.txt"))
    }

    #[test]
    fn japanese_and_arabic_job_ads_are_read_without_breaking() {
        let cv = "Experience\nEngineer — Helvetic Clearing AG, Zürich\t2020 – present\n- Ran the migration from RabbitMQ to Kafka.\n\nSkills\nGo, Kafka, Kubernetes, PostgreSQL\n";
        let japanese = "バックエンドエンジニア（正社員）\n株式会社サクラテック、東京\n\n業務内容\n- 決済サービスの設計・開発を担当していただきます。\n- Go と PostgreSQL を使ったAPI開発。\n\n応募資格\n- Kafka と Kubernetes の実務経験3年以上";
        let arabic = "مطلوب مهندس برمجيات\nشركة الحلول الرقمية، دبي\n\nالمهام\n- تطوير خدمات الدفع باستخدام Go و PostgreSQL.\n- تشغيل الأنظمة على Kafka و Kubernetes.\n\nالمؤهلات\n- خبرة لا تقل عن ثلاث سنوات في تطوير البرمجيات.";
        for job in [japanese, arabic] {
            let profile = Profile::new(cv, job, "", "");
            // The skills are written in Latin letters in either ad, and found there.
            for skill in ["Go", "PostgreSQL", "Kafka", "Kubernetes"] {
                assert!(names(&profile.job).contains(&skill), "{skill}: {job}");
            }
        }
    }

    #[test]
    fn a_french_cv_and_job_ad_read_like_english_ones() {
        let (cv, jd) = pair("teaching-fr");
        let profile = Profile::new(&cv, &jd, "", "");
        assert_eq!(profile.job_title, "Professeur de mathématiques");
        assert_eq!(profile.company, "Collège Jean Moulin");
        assert_eq!(
            names(&profile.job),
            ["ULIS", "Pronote", "GeoGebra", "Python", "CAPES", "MEEF"]
        );
        assert_eq!(names(&profile.supported).len(), 6);
        assert_eq!(profile.requirements.len(), 11);
        assert_eq!(
            (profile.required_years, profile.cv_years),
            (Some(3), Some(6))
        );
        let employers: Vec<&str> = profile.roles.iter().map(|r| r.employer.as_str()).collect();
        assert_eq!(employers, ["Collège Victor Hugo", "Lycée Ampère"]);
        assert_eq!(profile.roles[0].achievements.len(), 5);
    }

    #[test]
    fn german_and_spanish_cvs_and_job_ads_read_like_english_ones() {
        let (cv, jd) = pair("nursing-de");
        let profile = Profile::new(&cv, &jd, "", "");
        assert_eq!(profile.company, "Klinikum Lechfeld");
        assert_eq!(
            names(&profile.supported),
            ["COPRA", "CVVHD", "ECMO", "DKG", "ALS"]
        );
        assert_eq!(
            (profile.required_years, profile.cv_years),
            (Some(2), Some(7))
        );
        let employers: Vec<&str> = profile.roles.iter().map(|r| r.employer.as_str()).collect();
        assert_eq!(employers, ["Universitätsklinikum Ulm", "Klinikum Neu-Ulm"]);

        let (cv, jd) = pair("sales-es");
        let profile = Profile::new(&cv, &jd, "", "");
        assert_eq!(profile.company, "Grupo Solaris");
        assert_eq!(names(&profile.gaps), ["HubSpot", "SPIN"]);
        assert_eq!(
            (profile.required_years, profile.cv_years),
            (Some(3), Some(5))
        );
        let employers: Vec<&str> = profile.roles.iter().map(|r| r.employer.as_str()).collect();
        assert_eq!(employers, ["Grupo Levante", "Distribuciones Tajo"]);
        assert_eq!(profile.roles[0].achievements.len(), 5);
    }

    fn names(skills: &[Skill]) -> Vec<&str> {
        skills.iter().map(|skill| skill.name.as_str()).collect()
    }
}
