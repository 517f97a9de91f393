//! Redaction before a hosted LLM: the candidate's name, other people's names, e-mail
//! addresses, phone numbers, street addresses and links in the CV, the job description, the
//! questions and the answers leave the server as placeholders (`[CANDIDATE_NAME]`,
//! `[EMAIL_1]`), and what the model writes has them restored before anyone sees or stores
//! it. On for every provider off this machine unless configured otherwise (`LLM_REDACT`).
//!
//! - `placeholders`: their shape, read leniently, and found in text.
//! - `contacts`: e-mail addresses, phone numbers, street addresses and links, by their shape.
//! - `names`: the candidate's name from the CV's head, and other people's.
//! - `redactor`: one interview's details and placeholders; redacts and restores.
//! - `stream`: restores a streamed reply chunk by chunk.
//! - `provider`: a provider asked through an interview's redaction.

mod contacts;
mod names;
mod placeholders;
mod provider;
mod redactor;
mod stream;

pub use provider::RedactedProvider;
pub use redactor::{Redactor, Sources};
pub use stream::RestoringStream;

use llm::Resilient;

/// When requests are redacted (`LLM_REDACT`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RedactionPolicy {
    /// For every provider whose base URL is not on this machine (`localhost`, `127.0.0.0/8`,
    /// `::1`): a local model sees the documents as they are; a hosted one never does.
    #[default]
    Auto,
    Always,
    Never,
}

impl RedactionPolicy {
    /// `auto`, `always` or `never`.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Self::Auto),
            "always" => Some(Self::Always),
            "never" => Some(Self::Never),
            _ => None,
        }
    }

    /// Whether requests to `provider` are redacted.
    pub fn applies_to(self, provider: &Resilient) -> bool {
        match self {
            Self::Auto => !provider.is_on_loopback(),
            Self::Always => true,
            Self::Never => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use llm::openai::OpenAiClient;
    use llm::{CircuitBreaker, Provider, ProviderConfig, RetryPolicy};
    use std::time::Duration;

    fn provider_at(base_url: &str) -> Resilient {
        let client = OpenAiClient::new(ProviderConfig::new(base_url, "model")).unwrap();
        Resilient::new(
            Provider::OpenAi(client),
            RetryPolicy::new(1, Duration::ZERO, Duration::ZERO),
            CircuitBreaker::new(5, Duration::from_secs(30)),
        )
    }

    #[test]
    fn auto_redacts_for_hosted_providers_only() {
        for local in [
            "http://127.0.0.1:11434/v1",
            "http://127.8.9.10:8080/v1",
            "http://localhost:8080/v1",
            "http://[::1]:8080/v1",
        ] {
            let provider = provider_at(local);
            assert!(!RedactionPolicy::Auto.applies_to(&provider), "{local}");
            assert!(RedactionPolicy::Always.applies_to(&provider), "{local}");
        }
        for hosted in [
            "https://api.openai.com/v1",
            "https://openrouter.ai/api/v1",
            "http://10.0.0.5:11434/v1",
            "http://localhost.example.com/v1",
        ] {
            let provider = provider_at(hosted);
            assert!(RedactionPolicy::Auto.applies_to(&provider), "{hosted}");
            assert!(!RedactionPolicy::Never.applies_to(&provider), "{hosted}");
        }
    }
}

/// The corpus's CVs (`testdata/corpus/cv`, text as extracted: `ground_truth.txt`): every
/// contact detail is gone from the redacted CV and comes back on restore, and every other
/// phrase the corpus says the CV must contain (employers, skills, towns) is still there.
#[cfg(test)]
mod corpus {
    use super::*;

    const CONTACT_DETAILS: &[(&str, &[&str])] = &[
        (
            "cv01_docx_libreoffice",
            &[
                "Lukas Meier",
                "Hardturmstrasse 161",
                "8005 Zürich",
                "+41 79 555 01 23",
                "lukas.meier@example.ch",
                "github.com/lmeier-dev",
            ],
        ),
        (
            "cv01_pdf_libreoffice",
            &[
                "Lukas Meier",
                "Hardturmstrasse 161",
                "8005 Zürich",
                "+41 79 555 01 23",
                "lukas.meier@example.ch",
                "github.com/lmeier-dev",
            ],
        ),
        (
            "cv02_docx_libreoffice",
            &[
                "Priya Raghunathan",
                "+44 7700 900 418",
                "priya.raghunathan@example.com",
                "linkedin.com/in/priya-raghunathan-ds",
            ],
        ),
        (
            "cv02_pdf_reportlab",
            &[
                "Priya Raghunathan",
                "+44 7700 900 418",
                "priya.raghunathan@example.com",
                "linkedin.com/in/priya-raghunathan-ds",
            ],
        ),
        (
            "cv03_docx_python-docx",
            &[
                "Siobhán Ní Bhriain",
                "+353 87 555 0192",
                "siobhan.nibhriain@example.com",
                "14 Ardán na Mara",
                "H91 X2Y4",
                "Nuala Ó Ceallaigh",
            ],
        ),
        (
            "cv04_pdf_chromium",
            &[
                "Marcus Okafor",
                "+49 151 5550 2741",
                "marcus.okafor@example.de",
                "linkedin.com/in/marcusokafor",
            ],
        ),
        (
            "cv05_txt_plain-text",
            &[
                "Jake",
                "Thompson",
                "(512) 555-0147",
                "jj.thompson@example.com",
                "linkedin.com/in/jjthompson",
            ],
        ),
        (
            "cv06_pdf_fpdf2",
            &[
                "Henrik Sørensen",
                "+45 20 55 51 83",
                "henrik.sorensen@example.dk",
            ],
        ),
        (
            "cv07_pdf_pdftex",
            &[
                "Olumide Adeyemi",
                "+44 7700 900 731",
                "olumide.adeyemi@example.ac.uk",
                "orcid.org/0000-0002-1825-0097",
                "Eilidh MacLeod",
                "Rory Campbell",
            ],
        ),
        (
            "cv08_pdf_chromium",
            &[
                "Emily Zhang",
                "张艾米莉",
                "07700 900 266",
                "emily.zhang@example.com",
                "github.com/emzhang-dev",
                "Alan Prior",
            ],
        ),
        (
            "cv09_pdf_libreoffice",
            &[
                "Julia Schneider",
                "Leopoldstraße 212",
                "80804 München",
                "+49 170 5550 318",
                "julia.schneider@example.de",
            ],
        ),
        (
            "cv18_pdf_ghostscript",
            &["Ravi Patel", "+44 7700 900 584", "ravi.patel@example.com"],
        ),
    ];

    /// A corpus document's text (`ground_truth.txt`) and its `must_contain` phrases.
    fn corpus_document(kind: &str, folder: &str) -> (String, Vec<String>) {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/corpus")
            .join(kind)
            .join(folder);
        let text = std::fs::read_to_string(folder.join("ground_truth.txt")).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join("expected.json")).unwrap())
                .unwrap();
        let must_contain = expected["must_contain"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|phrase| phrase.as_str().map(str::to_owned))
            .collect();
        (text, must_contain)
    }

    /// `text` redacted: every contact detail gone, every other `must_contain` phrase kept,
    /// and restored whole. Returns how many details were checked.
    fn assert_redacted(
        folder: &str,
        text: &str,
        redactor: &Redactor,
        contact_details: &[&str],
        must_contain: &[String],
    ) -> usize {
        let redacted = redactor.redact(text);
        for detail in contact_details {
            assert!(text.contains(detail), "{folder:?}: {detail}");
            assert!(
                !redacted.contains(detail),
                "{folder:?}: {detail} in\n{redacted}"
            );
        }
        assert_eq!(redactor.restore(&redacted), text, "{folder:?}");
        for phrase in must_contain {
            let is_contact = contact_details
                .iter()
                .any(|detail| detail.contains(phrase.as_str()) || phrase.contains(detail));
            if !is_contact {
                assert!(
                    redacted.contains(phrase.as_str()),
                    "{folder:?} lost {phrase:?}"
                );
            }
        }
        contact_details.len()
    }

    #[test]
    fn every_contact_detail_of_the_corpus_cvs_is_replaced_and_nothing_else() {
        let mut details = 0;
        for (folder, contact_details) in CONTACT_DETAILS {
            let (cv, must_contain) = corpus_document("cv", folder);
            let sources = Sources {
                cv: &cv,
                job_description: "",
                job_title: "",
                company: "",
            };
            let redactor = Redactor::new(sources, []);
            details += assert_redacted(folder, &cv, &redactor, contact_details, &must_contain);
        }
        assert_eq!(details, 58);
    }

    const JOB_CONTACTS: &[(&str, &[&str])] = &[
        (
            "jd01_txt_plain-text",
            &[
                "Sandra Keller",
                "+41 44 555 18 90",
                "jobs@example-helvetialedger.ch",
            ],
        ),
        (
            "jd02_docx_python-docx",
            &["careers@example-northwind.co.uk"],
        ),
        (
            "jd03_txt_plain-text",
            &[
                "Aoife Brennan",
                "+353 1 555 0142",
                "aoife.brennan@example-stbrigids.ie",
                "careers.example-stbrigids.ie",
            ],
        ),
        (
            "jd04_pdf_chromium",
            &[
                "Torstraße 109, 10119 Berlin",
                "jobs.example-lumora.de/growth-pm",
            ],
        ),
        (
            "jd05_pdf_fpdf2",
            &[
                "Katrin Huber",
                "+49 89 5550 2231",
                "karriere@example-alpenblick.de",
                "Rosenheimer Straße 145",
                "81671 München",
            ],
        ),
        (
            "jd11_pdf_reportlab",
            &[
                "0117 496 0123",
                "recruitment@example-oakridge.org.uk",
                "example-oakridge.org.uk/vacancies",
                "Mill Lane, Bristol BS5 0XX",
            ],
        ),
        ("jd12_docx_python-docx", &["talent@example-desertfalcon.ae"]),
    ];

    /// The corpus's job descriptions: the recruiter's name and contact details and the
    /// company's street address go; the company, the title, the skills, the pay stay.
    #[test]
    fn the_corpus_job_descriptions_lose_their_contacts_and_keep_the_job() {
        let mut details = 0;
        for (folder, contact_details) in JOB_CONTACTS {
            let (job, must_contain) = corpus_document("jd", folder);
            let sources = Sources {
                cv: "Jake Thompson\nAccount Executive",
                job_description: &job,
                company: &must_contain[0],
                job_title: &must_contain[1],
            };
            let redactor = Redactor::new(sources, []);
            details += assert_redacted(folder, &job, &redactor, contact_details, &must_contain);
        }
        assert_eq!(details, 20);
    }
}
