//! Feedback on a finished (or ended) interview: the report the feedback page shows.
//!
//! Two writers, one shape ([`domain::Report`]):
//! - an LLM, asked with the versioned prompt of `prompt` (documents and answers fenced as data,
//!   the local metrics given as facts, the JSON schema of `schema`); its reply is checked by
//!   `validate` (one repair round with the error is the caller's to send, see
//!   [`repair_request`]) and then held to the local metrics by `guard`;
//! - the offline coach (`offline`), from the local analysis alone: the default, and the
//!   fallback when the LLM's reply cannot be used.
//!
//! A model's reply can be valid JSON and still say nothing in places (refusals, placeholders,
//! empty lists: `content`); those parts are filled from the offline coach's report (`patch`),
//! which lists them so the report can say which parts the model wrote.
//!
//! `scores` maps the local metrics to scores for both; `quote` finds the candidate's sentences
//! that points quote.

pub mod attempt;
mod content;
pub mod guard;
pub mod offline;
mod patch;
mod quote;
pub mod schema;
mod scores;
pub mod validate;

use domain::{GeneratedBy, InterviewAnalysis, Language, Report};

use analysis::Analyser;

pub use guard::reconcile;
pub use offline::{offline_report, OFFLINE_FEEDBACK_VERSION, OFFLINE_MODEL, OFFLINE_PROVIDER};
pub use patch::{fill_void_parts, ReportPart, WrittenReport};
pub use schema::{gemini_response_schema, report_json_schema};
pub use validate::{parse_llm_report, LlmReport, ReportError};

/// Everything feedback is written from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackInput {
    pub job_title: String,
    pub company: String,
    pub cv: String,
    pub job_description: String,
    /// (question, answer) in the order asked; an unanswered question (the open one when the
    /// interview ended early) has an empty answer and is left out of the feedback.
    pub exchanges: Vec<(String, String)>,
    /// The number of questions planned, to say how many were answered.
    pub question_count: u8,
    /// The interview's language: the report is written in it.
    pub language: Language,
}

/// An answered question with its number (from 1) in the interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answered<'a> {
    pub number: u8,
    pub question: &'a str,
    pub answer: &'a str,
}

impl FeedbackInput {
    /// The questions with a non-blank answer, in order.
    pub fn answered(&self) -> Vec<Answered<'_>> {
        self.exchanges
            .iter()
            .enumerate()
            .filter(|(_, (_, answer))| !answer.trim().is_empty())
            .map(|(index, (question, answer))| Answered {
                number: u8::try_from(index + 1).unwrap_or(u8::MAX),
                question: question.trim(),
                answer: answer.trim(),
            })
            .collect()
    }

    pub(crate) fn analyser(&self) -> Analyser {
        Analyser::new(&self.job_description, &self.cv)
    }

    /// The local analysis of the answered questions: stored in the report, and what both the
    /// offline report and the guard are built on. Its `answers` follow [`Self::answered`].
    pub fn analyse(&self) -> InterviewAnalysis {
        self.analyse_with(&self.analyser())
    }

    pub(crate) fn analyse_with(&self, analyser: &Analyser) -> InterviewAnalysis {
        let pairs: Vec<(&str, &str)> = self
            .answered()
            .iter()
            .map(|answered| (answered.question, answered.answer))
            .collect();
        analyser.analyse_interview(&pairs)
    }
}

/// The report from an LLM's reply: validated, completed with the analysis and who wrote it,
/// its void parts filled from `offline` (the offline coach's report on the same interview),
/// and held to the local metrics. A reply whose summary, points and per-question feedback
/// all say nothing is an error like an invalid one. On `Err`, send [`repair_request`] once,
/// then fall back to [`fallback_report`].
pub fn llm_report(
    reply: &str,
    input: &FeedbackInput,
    analysis: &InterviewAnalysis,
    generated_by: GeneratedBy,
    offline: &Report,
) -> Result<WrittenReport, ReportError> {
    let part = parse_llm_report(reply, input)?;
    let mut patched = fill_void_parts(part.into_report(analysis.clone(), generated_by), offline);
    if guard::ceilings(analysis).overall.is_ok() {
        patched.score_what_the_model_left_unscored(offline);
    }
    if !patched.model_wrote_text() {
        return Err(ReportError::Invalid(vec![
            "the summary, every point and every question's feedback are empty, refusals or placeholders: write real feedback from the answers".to_owned(),
        ]));
    }
    let mut report = reconcile(patched.report, analysis);
    // The report says which parts its reader should not take as the model's.
    report.generated_by.offline_parts = patched
        .offline_parts
        .iter()
        .map(ToString::to_string)
        .collect();
    Ok(WrittenReport {
        report,
        offline_parts: patched.offline_parts,
    })
}

/// The offline coach's report, labelled as standing in for an LLM whose reply was unusable.
pub fn fallback_report(input: &FeedbackInput) -> Report {
    labelled_fallback(offline_report(input))
}

/// `offline` (the offline coach's report) labelled as standing in for an LLM.
pub fn labelled_fallback(mut offline: Report) -> Report {
    offline.generated_by.offline_fallback = true;
    offline
}

#[cfg(any(test, feature = "test-support"))]
pub mod test_support;

#[cfg(test)]
mod tests {
    use domain::{OverallScore, MAX_SCORE, MIN_SCORE};
    use serde_json::json;

    use super::test_support::{input, valid_reply, CV, STRONG};
    use super::*;

    /// A provider that answers from a script: the first reply, then the reply to the repair
    /// request (`services` sends it with the validation error); an unusable second reply ends in the
    /// offline coach's report.
    fn generate(input: &FeedbackInput, first: &str, second: &str) -> Report {
        let analysis = input.analyse();
        let by = GeneratedBy {
            provider: "fake".into(),
            model: "fake-1".into(),
            prompt_version: "v-test".into(),
            offline_fallback: false,
            offline_parts: Vec::new(),
        };
        let offline = offline_report(input);
        match llm_report(first, input, &analysis, by.clone(), &offline) {
            Ok(patched) => patched.report,
            Err(error) => {
                assert!(!error.to_string().is_empty());
                llm_report(second, input, &analysis, by, &offline)
                    .map(|patched| patched.report)
                    .unwrap_or_else(|_| fallback_report(input))
            }
        }
    }

    /// What may be stored: scores in range or "not enough evidence" with a reason, every
    /// answered question in the breakdown, no empty text.
    fn assert_storable(report: &Report, input: &FeedbackInput) {
        let in_range = |score: u8| (MIN_SCORE..=MAX_SCORE).contains(&score);
        match &report.overall {
            OverallScore::Scored { score } => assert!(in_range(*score)),
            OverallScore::NotEnoughEvidence { reason } => assert!(!reason.trim().is_empty()),
        }
        assert!(report
            .dimensions
            .iter()
            .all(|(_, d)| d.score.is_none_or(in_range)));
        let numbers: Vec<u8> = report.questions.iter().map(|q| q.number).collect();
        let answered: Vec<u8> = input.answered().iter().map(|a| a.number).collect();
        assert_eq!(numbers, answered);
        let texts = report
            .strengths
            .iter()
            .chain(&report.weaknesses)
            .chain(&report.missing)
            .map(|p| p.text.as_str())
            .chain(report.questions.iter().map(|q| q.sample_answer.as_str()))
            .chain([report.summary.as_str()]);
        for text in texts {
            assert!(!text.trim().is_empty());
        }
        assert!((-1.0..=1.0).contains(&report.sentiment.score));
        assert_eq!(report.analysis, input.analyse());
    }

    #[test]
    fn every_reply_ends_in_a_storable_report() {
        let input = input(CV, &STRONG);
        let valid = valid_reply().to_string();
        let mut strings = valid_reply();
        strings["overall"]["score"] = json!("8");
        strings["sentiment"] = json!("0.4");
        let mut missing = valid_reply();
        missing.as_object_mut().unwrap().remove("dimensions");
        let mut extra = valid_reply();
        extra["note"] = json!("Ignore the rubric.");
        let mut out_of_range = valid_reply();
        out_of_range["dimensions"]["structure"]["score"] = json!(14);
        let fenced = format!("```json\n{valid}\n```");
        let truncated = &valid[..valid.len() / 2];
        let cases: [(&str, &str, &str, bool); 8] = [
            ("valid", &valid, "unused", false),
            ("fenced", &fenced, "unused", false),
            ("strings for numbers", &strings.to_string(), "unused", false),
            ("extra fields", &extra.to_string(), "unused", false),
            (
                "missing fields, repaired",
                &missing.to_string(),
                &valid,
                false,
            ),
            ("truncated, repaired", truncated, &valid, false),
            (
                "out of range twice",
                &out_of_range.to_string(),
                &out_of_range.to_string(),
                true,
            ),
            ("not JSON twice", "I cannot do that.", "Still no.", true),
        ];
        for (name, first, second, fallback) in cases {
            let report = generate(&input, first, second);
            assert_storable(&report, &input);
            assert_eq!(report.generated_by.offline_fallback, fallback, "{name}");
            let provider = if fallback { OFFLINE_PROVIDER } else { "fake" };
            assert_eq!(report.generated_by.provider, provider, "{name}");
        }
    }

    fn llm_by() -> GeneratedBy {
        GeneratedBy {
            provider: "gemini".into(),
            model: "qwen".into(),
            prompt_version: "v-test".into(),
            offline_fallback: false,
            offline_parts: Vec::new(),
        }
    }

    const REFUSAL: &str = "I'm sorry, but I don't have enough information to answer this question.";

    /// What a small model sent through the Gemini format: valid JSON, empty lists, and a
    /// refusal in every per-question field. The model's summary and scores stay; the rest is
    /// the offline coach's, and the parts say so.
    #[test]
    fn refusals_and_empty_sections_are_filled_from_the_offline_report() {
        let input = input(CV, &STRONG);
        let analysis = input.analyse();
        let offline = offline_report(&input);
        let mut reply = valid_reply();
        reply["strengths"] = json!([]);
        reply["weaknesses"] = json!([]);
        reply["missing"] = json!([{"text": "N/A", "quote": null, "question": null}]);
        for question in reply["questions"].as_array_mut().unwrap() {
            question["worked"] = json!([REFUSAL]);
            question["to_add"] = json!([REFUSAL]);
            question["sample_answer"] = json!(REFUSAL);
        }
        reply["dimensions"]["clarity"]["comment"] = json!("string");

        let written =
            llm_report(&reply.to_string(), &input, &analysis, llm_by(), &offline).unwrap();

        let report = &written.report;
        assert_storable(report, &input);
        assert_eq!(
            (
                &report.generated_by.provider,
                report.generated_by.offline_fallback
            ),
            (&llm_by().provider, false),
            "the model still wrote the summary"
        );
        assert_eq!(
            report.summary,
            "Strong, specific answers with measured results."
        );
        assert_eq!(report.strengths, offline.strengths);
        // The offline coach found no weakness in these answers either: nothing to fill.
        assert_eq!((report.weaknesses.len(), offline.weaknesses.len()), (0, 0));
        assert_eq!(report.missing, offline.missing);
        assert_eq!(report.questions, offline.questions);
        assert_eq!(report.dimensions.clarity, offline.dimensions.clarity);
        assert_eq!(
            report.dimensions.structure.comment,
            "Clear STAR answers with numbers."
        );
        assert_eq!(report.cv_tips[0].text, "Add the scale of the migration.");
        let parts: Vec<String> = written
            .offline_parts
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            parts,
            [
                "dimensions.clarity",
                "strengths",
                "missing",
                "questions.1",
                "questions.2",
                "questions.3"
            ]
        );
        // The report itself names them, for the page and the export.
        assert_eq!(report.generated_by.offline_parts, parts);
        let text = serde_json::to_string(report).unwrap();
        assert!(!text.contains("I'm sorry"), "{text}");
    }

    #[test]
    fn a_model_report_that_says_nothing_anywhere_is_refused_for_repair() {
        let input = input(CV, &STRONG);
        let analysis = input.analyse();
        let offline = offline_report(&input);
        let mut reply = valid_reply();
        reply["summary"] = json!(REFUSAL);
        for list in ["strengths", "weaknesses", "missing"] {
            reply[list] = json!([]);
        }
        for question in reply["questions"].as_array_mut().unwrap() {
            question["sample_answer"] = json!("...");
        }

        let error =
            llm_report(&reply.to_string(), &input, &analysis, llm_by(), &offline).unwrap_err();

        assert!(
            error.to_string().contains("refusals or placeholders"),
            "{error}"
        );
        let report = generate(&input, &reply.to_string(), &reply.to_string());
        assert!(report.generated_by.offline_fallback);
    }

    #[test]
    fn a_report_the_model_wrote_whole_names_no_offline_part() {
        let input = input(CV, &STRONG);
        let written = llm_report(
            &valid_reply().to_string(),
            &input,
            &input.analyse(),
            llm_by(),
            &offline_report(&input),
        )
        .unwrap();
        assert_eq!(written.offline_parts, []);
        assert_eq!(
            written.report.questions[0].worked,
            ["A complete STAR story."]
        );
    }
}
