//! Any text as an LLM's feedback reply, through the validation, the assembly of the report and
//! the guard (`coach::report::llm_report`): every input must end in a report or a
//! precise `ReportError`, never a panic, a hang or an unbounded allocation.
#![no_main]

use std::sync::OnceLock;

use coach::report::{llm_report, offline_report, FeedbackInput};
use domain::{GeneratedBy, InterviewAnalysis, Report};
use libfuzzer_sys::fuzz_target;

/// A small interview the replies are about (three answered questions), its analysis and the
/// offline coach's report that fills a reply's void parts.
fn interview() -> &'static (FeedbackInput, InterviewAnalysis, Report) {
    static INTERVIEW: OnceLock<(FeedbackInput, InterviewAnalysis, Report)> = OnceLock::new();
    INTERVIEW.get_or_init(|| {
        let answer = "At Fernlicht I owned the rider app. I ran 12 A/B tests with SQL, and conversion rose by 18 % in three months.";
        let input = FeedbackInput {
            job_title: "Product Manager".into(),
            company: "Kiezkauf".into(),
            cv: "Marcus Okafor\nFernlicht Mobility GmbH: rider app, 60+ A/B tests, SQL.".into(),
            job_description: "Product Manager at Kiezkauf\n- A/B testing, SQL, Amplitude".into(),
            exchanges: (1..=3)
                .map(|n| (format!("Question {n}: why?"), answer.to_owned()))
                .collect(),
            question_count: 3,
            language: domain::Language::English,
        };
        let analysis = input.analyse();
        let offline = offline_report(&input);
        (input, analysis, offline)
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(reply) = std::str::from_utf8(bytes) else {
        return;
    };
    let (input, analysis, offline) = interview();
    let by = GeneratedBy {
        provider: "fuzz".into(),
        model: "fuzz".into(),
        prompt_version: "v1".into(),
        offline_fallback: false,
        offline_parts: Vec::new(),
    };
    let _ = llm_report(reply, input, analysis, by, offline);
});
