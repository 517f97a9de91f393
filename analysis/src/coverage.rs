//! Job-term coverage: which of the skills, tools and names the job description asks for an
//! answer used, and which no answer touched. The terms are the ones the offline coach finds in
//! the job description (its skills vocabulary and the acronyms and names of the requirement
//! lines), matched the same way (whole words, alternative spellings, exact case where a name is
//! also a common word), so the coach and the analysis never disagree about a term.

use domain::TermCoverage;

use text::profile::{Profile, Skill};
use text::vocabulary::Category;
use text::words::SearchableText;

/// What the analysis needs from the two documents.
#[derive(Clone, Debug)]
pub(super) struct Documents {
    /// Every term the job description names, in the order it names them.
    pub job_terms: Vec<Skill>,
    /// The CV's employers, as lower-case words separated by single spaces.
    pub employers: Vec<String>,
}

/// Legal forms left off an employer's name: candidates say "at Tramline", not "at Tramline
/// Mobility GmbH".
const LEGAL_FORMS: &[&str] = &[
    "ag", "gmbh", "ltd", "ltd.", "plc", "inc", "inc.", "llc", "limited", "sa", "bv", "corp",
];

pub(super) fn read_documents(job_description: &str, cv: &str) -> Documents {
    let analysis = Profile::new(cv, job_description, "", "");
    let employers = analysis
        .roles
        .iter()
        .map(|role| {
            let mut words: Vec<String> = role
                .employer
                .split_whitespace()
                .map(|word| {
                    word.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                        .replace('’', "'")
                })
                .filter(|word| !word.is_empty())
                .collect();
            while words.len() > 1
                && words
                    .last()
                    .is_some_and(|word| LEGAL_FORMS.contains(&word.as_str()))
            {
                words.pop();
            }
            words.join(" ")
        })
        .filter(|employer| !employer.is_empty())
        .collect();
    Documents {
        job_terms: join_adjacent_names(analysis.job, &SearchableText::new(job_description)),
        employers,
    }
}

/// The coach takes names from the requirement lines one capitalised word at a time; where the
/// job description writes two of them side by side ("Customer Success", "National
/// Curriculum"), they are one term, and listing "Customer" and "Success" as missed would
/// mislead.
fn join_adjacent_names(terms: Vec<Skill>, job: &SearchableText) -> Vec<Skill> {
    let mut joined: Vec<Skill> = Vec::new();
    for term in terms {
        if let Some(last) = joined.last_mut() {
            let both_names = last.category == Category::Named && term.category == Category::Named;
            let name = format!("{} {}", last.name, term.name);
            if both_names && job.position(&name, true).is_some() {
                *last = Skill::named(&name);
                continue;
            }
        }
        joined.push(term);
    }
    joined
}

/// The job terms `text` names and those it does not, both in the job description's order.
pub(super) fn coverage(job_terms: &[Skill], text: &SearchableText) -> TermCoverage {
    let (used, missed): (Vec<&Skill>, Vec<&Skill>) =
        job_terms.iter().partition(|term| term.is_in(text));
    let names = |terms: Vec<&Skill>| -> Vec<String> {
        terms.into_iter().map(|term| term.name.clone()).collect()
    };
    TermCoverage {
        ratio: (!job_terms.is_empty()).then(|| used.len() as f64 / job_terms.len() as f64),
        used: names(used),
        missed: names(missed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOB: &str = "Backend Engineer\nHelvetia Ledger AG\n\nWhat you bring\n- Go and PostgreSQL in production.\n- Kafka and Docker.\n- Work with FINMA audits.\n";
    const CV: &str = "Experience\nEngineer — Tramline Mobility GmbH, Basel\t2016 – 2020\n- Built the pricing service.\n";

    #[test]
    fn reads_job_terms_in_order_and_employers_without_legal_form() {
        let documents = read_documents(JOB, CV);
        let terms: Vec<&str> = documents
            .job_terms
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(terms, ["Go", "PostgreSQL", "Kafka", "Docker", "FINMA"]);
        assert_eq!(documents.employers, ["tramline mobility"]);
    }

    #[test]
    fn names_written_side_by_side_are_one_term() {
        let job = "Product Manager\nLumora GmbH\n\nWhat you'll do\n- Partner with Sales and Customer Success on pricing.\n- Run the Growth roadmap in Amplitude.\n";
        let terms: Vec<String> = read_documents(job, "")
            .job_terms
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(
            terms,
            ["Customer Success", "Growth", "roadmap", "Amplitude"]
        );
    }

    #[test]
    fn lists_used_and_missed_terms() {
        let terms = read_documents(JOB, "").job_terms;
        let answer = "I ran Postgres? No: PostgreSQL and Kafka, and I went to Google.";
        let coverage = coverage(&terms, &SearchableText::new(answer));
        assert_eq!(coverage.used, ["PostgreSQL", "Kafka"]);
        assert_eq!(coverage.missed, ["Go", "Docker", "FINMA"]);
        assert_eq!(coverage.ratio, Some(0.4));
        let nothing = super::coverage(&[], &SearchableText::new(answer));
        assert_eq!(nothing.ratio, None);
        assert!(nothing.used.is_empty() && nothing.missed.is_empty());
    }
}
