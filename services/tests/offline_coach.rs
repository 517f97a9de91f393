//! The offline coach over the corpus (`testdata/corpus`): each CV is interviewed for two or
//! three job descriptions, with canned answers, and every interview must name things from
//! the documents, never repeat itself, keep questions short, name the company when asking
//! about motivation, close at the end, and ask for a result after an answer without numbers.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use domain::{InterviewKind, Seniority};
use services::interviewer::offline::{
    Exchange, FollowUpReason, OfflineCoach, Purpose, MAX_QUESTION_WORDS,
};

const QUESTIONS: u8 = 8;

/// Job descriptions with the title and company a user would type for them.
const JOBS: &[(&str, &str, &str)] = &[
    (
        "jd01_txt_plain-text",
        "Senior Backend Engineer",
        "Helvetia Ledger AG",
    ),
    (
        "jd02_docx_python-docx",
        "Data Scientist",
        "Northwind Analytics",
    ),
    (
        "jd03_txt_plain-text",
        "Staff Nurse, Intensive Care",
        "St. Brigid's University Hospital",
    ),
    (
        "jd04_pdf_chromium",
        "Senior Product Manager, Growth",
        "Lumora GmbH",
    ),
    (
        "jd05_pdf_fpdf2",
        "Vertriebsmitarbeiter im Außendienst",
        "Alpenblick Medizintechnik GmbH",
    ),
    (
        "jd11_pdf_reportlab",
        "Year 4 Class Teacher",
        "Oakridge Primary Academy",
    ),
    (
        "jd12_docx_python-docx",
        "Data Scientist, Risk & Fraud",
        "Desert Falcon Payments",
    ),
    (
        "jd13_docx_libreoffice",
        "Graduate Data Analyst",
        "Harbourline Energy",
    ),
];

/// Each CV with the jobs it is interviewed for: a close match first, then others.
const PAIRS: &[(&str, &[&str])] = &[
    (
        "cv01_docx_libreoffice",
        &[
            "jd01_txt_plain-text",
            "jd12_docx_python-docx",
            "jd04_pdf_chromium",
        ],
    ),
    (
        "cv02_docx_libreoffice",
        &[
            "jd02_docx_python-docx",
            "jd12_docx_python-docx",
            "jd13_docx_libreoffice",
        ],
    ),
    (
        "cv03_docx_python-docx",
        &["jd03_txt_plain-text", "jd11_pdf_reportlab"],
    ),
    (
        "cv04_pdf_chromium",
        &["jd04_pdf_chromium", "jd13_docx_libreoffice"],
    ),
    (
        "cv05_txt_plain-text",
        &["jd04_pdf_chromium", "jd05_pdf_fpdf2"],
    ),
    (
        "cv06_pdf_fpdf2",
        &["jd11_pdf_reportlab", "jd13_docx_libreoffice"],
    ),
    (
        "cv07_pdf_pdftex",
        &["jd02_docx_python-docx", "jd12_docx_python-docx"],
    ),
    (
        "cv08_pdf_chromium",
        &["jd13_docx_libreoffice", "jd01_txt_plain-text"],
    ),
    (
        "cv09_pdf_libreoffice",
        &["jd05_pdf_fpdf2", "jd04_pdf_chromium"],
    ),
    (
        "cv18_pdf_ghostscript",
        &["jd13_docx_libreoffice", "jd02_docx_python-docx"],
    ),
];

/// Canned answers, used in turn: with numbers, long without any digit, too short, and "we"
/// without "I" (with numbers).
const ANSWERS: [&str; 4] = [
    "I led the migration of 30 services and cut latency by 40 % within 6 months, which saved the team about 10 hours a week of manual work on every release.",
    "I worked closely with the people involved, I planned the work carefully, I talked to everyone affected, and I made sure that everybody understood the goals and the reasons behind my approach.",
    "It went well.",
    "We planned it together, we shipped it in 3 sprints, and we reduced errors by 25 % so the whole team was happy with how it went in the end overall.",
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus")
}

fn ground_truth(kind: &str, folder: &str) -> String {
    let path = corpus().join(kind).join(folder).join("ground_truth.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn job(folder: &str) -> (&'static str, &'static str) {
    let (_, title, company) = JOBS
        .iter()
        .find(|(name, _, _)| *name == folder)
        .expect("job is listed");
    (title, company)
}

/// Words that name something, taken from a question: capitalised words that do not start a
/// sentence (the templates' own words do), other than "CV" and "I".
fn named_words(question: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut sentence_start = true;
    for raw in question.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        if !sentence_start && starts_upper && word.chars().count() >= 2 && word != "CV" {
            named.push(word.to_owned());
        }
        sentence_start = raw.ends_with(['.', ':', '?', '!']);
    }
    named
}

/// Whether `word` occurs in `text` as a whole word, ignoring case.
fn occurs_in(text: &str, word: &str) -> bool {
    let word = word.to_lowercase();
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|candidate| candidate == word)
}

fn interview(coach: &OfflineCoach) -> Vec<(Exchange, Purpose)> {
    let mut history: Vec<Exchange> = Vec::new();
    let mut purposes = Vec::new();
    for index in 0..usize::from(QUESTIONS) {
        let question = coach.next_question(&history);
        purposes.push(question.purpose);
        history.push(Exchange {
            question: question.text,
            answer: ANSWERS[index % ANSWERS.len()].to_owned(),
        });
    }
    history.into_iter().zip(purposes).collect()
}

#[test]
fn interviews_over_the_corpus_are_grounded_distinct_and_well_formed() {
    let kinds = [
        InterviewKind::Mixed,
        InterviewKind::Technical,
        InterviewKind::Behavioral,
    ];
    let levels = [Seniority::Mid, Seniority::Senior, Seniority::Junior];
    let mut interviews = 0;
    for (pair_index, (cv_folder, job_folders)) in PAIRS.iter().enumerate() {
        let cv = ground_truth("cv", cv_folder);
        for (job_index, job_folder) in job_folders.iter().enumerate() {
            let job_text = ground_truth("jd", job_folder);
            let (title, company) = job(job_folder);
            let kind = kinds[(pair_index + job_index) % kinds.len()];
            let seniority = levels[(pair_index + 2 * job_index) % levels.len()];
            let coach = OfflineCoach::new(
                &cv,
                &job_text,
                title,
                company,
                kind,
                seniority,
                QUESTIONS,
                pair_index as u64,
            );
            let exchanges = interview(&coach);
            let context = format!("{cv_folder} × {job_folder} ({kind:?}, {seniority:?})");
            let transcript: Vec<String> = exchanges
                .iter()
                .map(|(e, p)| format!("{p:?}: {}", e.question))
                .collect();
            let transcript = transcript.join("\n");
            println!("== {context}\n{transcript}\n");

            assert_eq!(exchanges.len(), usize::from(QUESTIONS), "{context}");
            let distinct: HashSet<String> = exchanges
                .iter()
                .map(|(e, _)| e.question.to_lowercase())
                .collect();
            assert_eq!(
                distinct.len(),
                exchanges.len(),
                "a question repeats in {context}:\n{transcript}"
            );
            for (exchange, _) in &exchanges {
                let question = &exchange.question;
                assert!(question.ends_with('?'), "{context}: {question}");
                assert!(
                    question.split_whitespace().count() <= MAX_QUESTION_WORDS,
                    "{context}: {question}"
                );
            }

            let grounded = exchanges
                .iter()
                .filter(|(exchange, _)| {
                    named_words(&exchange.question)
                        .iter()
                        .any(|word| occurs_in(&cv, word) || occurs_in(&job_text, word))
                })
                .count();
            assert!(grounded >= 6, "only {grounded} of 8 questions name something from the documents in {context}:\n{transcript}");

            let motivation = exchanges
                .iter()
                .find(|(_, purpose)| *purpose == Purpose::Motivation);
            let (motivation, _) = motivation
                .unwrap_or_else(|| panic!("no motivation question in {context}:\n{transcript}"));
            assert!(
                motivation.question.contains(company),
                "{context}: {}",
                motivation.question
            );
            assert_eq!(
                exchanges.last().map(|(_, purpose)| *purpose),
                Some(Purpose::Closing),
                "{context}"
            );

            // The second answer has no digit; the third question follows up asking for a result.
            assert!(!ANSWERS[1].contains(|c: char| c.is_ascii_digit()));
            let (follow_up, purpose) = &exchanges[2];
            assert_eq!(
                *purpose,
                Purpose::FollowUp(FollowUpReason::NoMeasurableResult),
                "{context}:\n{transcript}"
            );
            for (previous, (exchange, purpose)) in exchanges.iter().zip(&exchanges[1..]) {
                let without_digit = !previous.0.answer.contains(|c: char| c.is_ascii_digit());
                if without_digit
                    && *purpose == Purpose::FollowUp(FollowUpReason::NoMeasurableResult)
                {
                    let lower = exchange.question.to_lowercase();
                    assert!(
                        lower.contains("result")
                            && (lower.contains("number") || lower.contains("metric")),
                        "{context}: {}",
                        exchange.question
                    );
                }
            }
            assert!(
                follow_up.question.to_lowercase().contains("result"),
                "{context}: {}",
                follow_up.question
            );
            interviews += 1;
        }
    }
    assert!(
        interviews >= 20,
        "the corpus gave only {interviews} interviews"
    );
}

#[test]
fn the_same_inputs_give_the_same_interview_and_seeds_change_the_wording() {
    let cv = ground_truth("cv", "cv02_docx_libreoffice");
    let job_text = ground_truth("jd", "jd02_docx_python-docx");
    let coach = |seed| {
        OfflineCoach::new(
            &cv,
            &job_text,
            "Data Scientist",
            "Northwind Analytics",
            InterviewKind::Mixed,
            Seniority::Mid,
            QUESTIONS,
            seed,
        )
    };
    let first = interview(&coach(1));
    assert_eq!(first, interview(&coach(1)));
    let wordings: HashSet<Vec<String>> = (0..8)
        .map(|seed| {
            interview(&coach(seed))
                .into_iter()
                .map(|(e, _)| e.question)
                .collect()
        })
        .collect();
    assert!(wordings.len() > 1, "the seed never changed a phrasing");
}
