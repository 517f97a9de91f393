//! A report asked as several short parts instead of one large JSON object: the verdict, the
//! points, the dimension scores, the CV tips, and one part per answered question. A small
//! model on a CPU writes each in seconds under a tight schema where it would cut the whole
//! object off at its token limit, and a part it cannot write costs only that part.
//!
//! Each reply is checked by the same validation as a whole report: its fields are laid over
//! a report in which every other part is void, and that report is parsed. The parts that
//! pass are laid over one void report ([`assemble`]), and what stays void is filled from the
//! offline coach's report (`patch`), listed as its parts.

use serde_json::{json, Map, Value};

use coach::report::schema::{part_schema, question_part_schema, to_gemini};
use coach::report::validate::{parse_llm_report, reply_object};
use coach::report::{FeedbackInput, ReportError};
use llm::JsonSchema;

/// One short ask of a report written in parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportAsk {
    /// The overall score (or why there is none), the summary and the sentiment.
    Verdict,
    /// Strengths, weaknesses and what was missing.
    Points,
    /// A score and a comment per dimension.
    Dimensions,
    /// CV tips, themes and key points.
    CvTips,
    /// The feedback on one answered question, by its number.
    Question(u8),
}

impl ReportAsk {
    /// The top-level fields of the report this ask writes (a question's are inside
    /// `questions`).
    fn fields(self) -> &'static [&'static str] {
        match self {
            ReportAsk::Verdict => &["overall", "summary", "sentiment"],
            ReportAsk::Points => &["strengths", "weaknesses", "missing"],
            ReportAsk::Dimensions => &["dimensions"],
            ReportAsk::CvTips => &["cv_tips", "themes", "key_points"],
            ReportAsk::Question(_) => &[],
        }
    }

    /// The schema the reply must match, for the providers that take one.
    pub fn schema(self) -> JsonSchema {
        let (name, openai) = match self {
            ReportAsk::Question(_) => ("answer_feedback", question_part_schema()),
            ReportAsk::Verdict => ("interview_verdict", part_schema(self.fields())),
            ReportAsk::Points => ("interview_points", part_schema(self.fields())),
            ReportAsk::Dimensions => ("interview_dimensions", part_schema(self.fields())),
            ReportAsk::CvTips => ("cv_tips", part_schema(self.fields())),
        };
        JsonSchema {
            name,
            gemini: to_gemini(openai.clone()),
            openai,
        }
    }

    /// Enough tokens for the part, not so many that a rambling model runs for minutes.
    pub fn max_output_tokens(self) -> u32 {
        match self {
            ReportAsk::Verdict => 400,
            ReportAsk::Points => 1_000,
            ReportAsk::Dimensions => 800,
            ReportAsk::CvTips => 1_000,
            ReportAsk::Question(_) => 700,
        }
    }

    /// Where this part's fields go in the report, laid over `report`.
    fn lay_over(self, report: &mut Map<String, Value>, part: &Map<String, Value>) {
        match self {
            ReportAsk::Question(number) => {
                // A model that wrote the whole report answers with its `questions`: the entry
                // asked for is taken from it.
                let entry = part
                    .get("questions")
                    .and_then(Value::as_array)
                    .and_then(|entries| {
                        entries
                            .iter()
                            .find(|entry| entry["number"].as_u64() == Some(u64::from(number)))
                    })
                    .and_then(Value::as_object)
                    .unwrap_or(part);
                let mut entry: Map<String, Value> = ["worked", "to_add", "sample_answer"]
                    .into_iter()
                    .filter_map(|field| Some((field.to_owned(), entry.get(field)?.clone())))
                    .collect();
                entry.insert("number".to_owned(), json!(number));
                if let Some(Value::Array(entries)) = report.get_mut("questions") {
                    for slot in entries.iter_mut() {
                        if slot["number"].as_u64() == Some(u64::from(number)) {
                            *slot = Value::Object(entry.clone());
                        }
                    }
                }
            }
            _ => {
                for field in self.fields() {
                    if let Some(value) = part.get(*field) {
                        report.insert((*field).to_owned(), value.clone());
                    }
                }
            }
        }
    }
}

/// Every ask of a report on `input`, in the order a reader meets the parts.
pub fn report_asks(input: &FeedbackInput) -> Vec<ReportAsk> {
    let mut asks = vec![ReportAsk::Verdict, ReportAsk::Points, ReportAsk::Dimensions];
    asks.extend(
        input
            .answered()
            .iter()
            .map(|answered| ReportAsk::Question(answered.number)),
    );
    asks.push(ReportAsk::CvTips);
    asks
}

/// The reply to `ask`, checked as the whole report is: its fields, or what is wrong with
/// them in words a repair prompt can send back.
pub fn check_part(
    ask: ReportAsk,
    reply: &str,
    input: &FeedbackInput,
) -> Result<Map<String, Value>, ReportError> {
    let part = reply_object(reply)?;
    let mut report = void_report(input);
    ask.lay_over(&mut report, &part);
    parse_llm_report(&Value::Object(report).to_string(), input)?;
    Ok(part)
}

/// The report made of the parts that passed [`check_part`], every other part void; as JSON,
/// ready for [`coach::report::llm_report`].
pub fn assemble(parts: &[(ReportAsk, Map<String, Value>)], input: &FeedbackInput) -> String {
    let mut report = void_report(input);
    for (ask, part) in parts {
        ask.lay_over(&mut report, part);
    }
    Value::Object(report).to_string()
}

/// Stands for a part nobody wrote: it passes the schema (which wants text) and is void to
/// `content` (a bracketed whole), so `patch` replaces it.
const NOT_WRITTEN: &str = "[not written]";

/// A report in the schema's shape that says nothing: every text [`NOT_WRITTEN`], every
/// optional list empty, no score. Each void part is the offline coach's once patched.
fn void_report(input: &FeedbackInput) -> Map<String, Value> {
    let dimension = json!({"score": null, "comment": NOT_WRITTEN});
    let dimensions: Map<String, Value> = domain::Dimension::ALL
        .iter()
        .map(|dimension_name| (dimension_name.as_str().to_owned(), dimension.clone()))
        .collect();
    let questions: Vec<Value> = input
        .answered()
        .iter()
        .map(|answered| {
            json!({
                "number": answered.number,
                "worked": [],
                "to_add": [NOT_WRITTEN],
                "sample_answer": NOT_WRITTEN,
            })
        })
        .collect();
    let report = json!({
        "overall": {"score": null, "not_enough_evidence": NOT_WRITTEN},
        "summary": NOT_WRITTEN,
        "dimensions": dimensions,
        "strengths": [],
        "weaknesses": [],
        "missing": [],
        "cv_tips": [],
        "questions": questions,
        "themes": [],
        "key_points": [],
        "sentiment": 0.0,
    });
    match report {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coach::report::test_support::{input, valid_reply, CV, STRONG};
    use coach::report::{llm_report, offline_report, ReportPart};
    use domain::GeneratedBy;

    fn by() -> GeneratedBy {
        GeneratedBy {
            provider: "fake".into(),
            model: "fake-1".into(),
            prompt_version: "v3".into(),
            offline_fallback: false,
            offline_parts: Vec::new(),
        }
    }

    #[test]
    fn asks_cover_the_verdict_points_dimensions_each_answer_and_the_cv() {
        let input = input(CV, &STRONG);
        let asks = report_asks(&input);
        assert_eq!(asks.len(), 4 + STRONG.len());
        assert_eq!(asks[3], ReportAsk::Question(1));
        assert_eq!(asks.last(), Some(&ReportAsk::CvTips));
        let schema = ReportAsk::Question(2).schema().openai;
        assert_eq!(
            schema["required"],
            json!(["worked", "to_add", "sample_answer"])
        );
        assert_eq!(
            ReportAsk::Verdict.schema().openai["required"],
            json!(["overall", "summary", "sentiment"])
        );
    }

    #[test]
    fn parts_that_pass_make_the_report_and_the_rest_is_the_offline_coachs() {
        let input = input(CV, &STRONG);
        let whole = valid_reply();
        let verdict = json!({
            "overall": whole["overall"],
            "summary": "You told clear stories with numbers.",
            "sentiment": 0.4
        })
        .to_string();
        let question = json!({
            "worked": ["A clear result."],
            "to_add": ["Say what you learned."],
            "sample_answer": "At Helvetic Clearing I rebuilt the ledger and cut errors by 90 %."
        })
        .to_string();
        let mut parts = Vec::new();
        for (ask, reply) in [
            (ReportAsk::Verdict, verdict.as_str()),
            (ReportAsk::Question(2), question.as_str()),
        ] {
            parts.push((ask, check_part(ask, reply, &input).unwrap()));
        }
        // A refusal passes the schema but says nothing: it is patched like a void part.
        let refusal = json!({
            "worked": [],
            "to_add": ["I'm sorry, but I don't have enough information to answer this question."],
            "sample_answer": "I'm sorry, but I can't help with that."
        })
        .to_string();
        parts.push((
            ReportAsk::Question(1),
            check_part(ReportAsk::Question(1), &refusal, &input).unwrap(),
        ));
        let analysis = input.analyse();
        let offline = offline_report(&input);
        let written =
            llm_report(&assemble(&parts, &input), &input, &analysis, by(), &offline).unwrap();
        assert_eq!(
            written.report.summary,
            "You told clear stories with numbers."
        );
        assert_eq!(
            written.report.questions[1].sample_answer,
            "At Helvetic Clearing I rebuilt the ledger and cut errors by 90 %."
        );
        assert_eq!(written.report.questions[0], offline.questions[0]);
        assert!(written.offline_parts.contains(&ReportPart::Question(1)));
        assert!(written.offline_parts.contains(&ReportPart::Strengths));
        assert!(!written.offline_parts.contains(&ReportPart::Summary));
        assert!(!written.offline_parts.contains(&ReportPart::Question(2)));
    }

    /// A small model said "not enough evidence" about strong answers and scored no dimension:
    /// the local verdict and dimension scores stand, named as the offline coach's.
    #[test]
    fn a_verdict_the_answers_contradict_is_the_offline_coachs() {
        let input = input(CV, &STRONG);
        let verdict = json!({
            "overall": {"score": null, "not_enough_evidence": "The candidate did not give enough detail."},
            "summary": "You told clear stories with numbers.",
            "sentiment": 0.2
        })
        .to_string();
        let dimension = json!({"score": null, "comment": "Clear and specific."});
        let dimensions = json!({"dimensions": {
            "relevance": dimension, "structure": dimension, "specificity": dimension,
            "clarity": dimension, "confidence": dimension, "consistency": dimension
        }})
        .to_string();
        let parts: Vec<_> = [
            (ReportAsk::Verdict, verdict.as_str()),
            (ReportAsk::Dimensions, dimensions.as_str()),
        ]
        .into_iter()
        .map(|(ask, reply)| (ask, check_part(ask, reply, &input).unwrap()))
        .collect();
        let offline = offline_report(&input);
        let written = llm_report(
            &assemble(&parts, &input),
            &input,
            &input.analyse(),
            by(),
            &offline,
        )
        .unwrap();
        assert_eq!(written.report.overall, offline.overall);
        assert!(written.report.overall.score().is_some());
        assert_eq!(
            written.report.summary,
            "You told clear stories with numbers."
        );
        assert_eq!(written.offline_parts[0], ReportPart::Overall);
        assert!(written
            .offline_parts
            .contains(&ReportPart::Dimension(domain::Dimension::Clarity)));
        assert_eq!(
            written.report.dimensions.clarity.score,
            offline.dimensions.clarity.score
        );
    }

    #[test]
    fn a_part_that_breaks_the_rules_is_refused_with_its_reason() {
        let input = input(CV, &STRONG);
        let cut_off = r#"{"worked": ["A clear result."], "to_add": ["Say"#;
        assert!(matches!(
            check_part(ReportAsk::Question(1), cut_off, &input),
            Err(ReportError::Truncated(_))
        ));
        let out_of_range = json!({
            "overall": {"score": 14, "not_enough_evidence": null},
            "summary": "Fine.",
            "sentiment": 0.1
        })
        .to_string();
        let error = check_part(ReportAsk::Verdict, &out_of_range, &input).unwrap_err();
        assert!(error.to_string().contains("overall.score"), "{error}");
        // A whole report given where one answer's feedback was asked: its entry is taken.
        let whole = valid_reply().to_string();
        let part = check_part(ReportAsk::Question(3), &whole, &input).unwrap();
        let mut report = void_report(&input);
        ReportAsk::Question(3).lay_over(&mut report, &part);
        assert!(!report["questions"][2]["sample_answer"]
            .as_str()
            .unwrap()
            .is_empty());
    }
}
