//! Replies as models really send them, good and bad.

use serde_json::{json, Value};

use crate::report::test_support::{input, valid_reply, CV, STRONG};
use crate::report::validate::*;

fn strong() -> FeedbackInput {
    input(CV, &STRONG)
}

fn valid() -> Value {
    valid_reply()
}

fn parse(reply: &str) -> Result<LlmReport, ReportError> {
    parse_llm_report(reply, &strong())
}

fn invalid(reply: &Value) -> Vec<String> {
    match parse(&reply.to_string()) {
        Err(ReportError::Invalid(problems)) => problems,
        other => panic!("{other:?}"),
    }
}

#[test]
fn valid_json_becomes_the_report_part() {
    let report = parse(&valid().to_string()).unwrap();
    assert_eq!(report.overall, OverallScore::Scored { score: 8 });
    assert_eq!(report.dimensions.structure.score, Some(9));
    assert_eq!(report.questions.len(), 3);
    assert_eq!(report.questions[1].question, STRONG[1].0);
    assert_eq!(
        report.questions[1].answer, STRONG[1].1,
        "answers come from the interview"
    );
    assert_eq!(report.strengths[0].question, Some(1));
    assert!(report.strengths[0].quote.is_some());
    assert_eq!(report.sentiment, Sentiment::from_score(0.4));
    assert_eq!(
        report.cv_tips[0].before.as_deref(),
        Some("Ran the migration from RabbitMQ to Kafka.")
    );
}

#[test]
fn json_in_a_code_fence_with_prose_around_it() {
    let reply = format!(
        "Here is the feedback you asked for:\n\n```json\n{:#}\n```\n\nLet me know if you need more.",
        valid()
    );
    assert_eq!(parse(&reply).unwrap(), parse(&valid().to_string()).unwrap());
}

#[test]
fn numbers_in_strings_are_read_as_numbers() {
    let mut reply = valid();
    reply["overall"]["score"] = json!("8");
    reply["dimensions"]["structure"]["score"] = json!("9/10");
    reply["questions"][0]["number"] = json!("1");
    reply["sentiment"] = json!("0.4");
    assert_eq!(
        parse(&reply.to_string()).unwrap(),
        parse(&valid().to_string()).unwrap()
    );
}

#[test]
fn a_zero_to_one_scale_is_read_as_tenths() {
    let mut reply = valid();
    reply["overall"]["score"] = json!("0.8");
    for (name, score) in [
        ("relevance", "0.8"),
        ("structure", "0.9"),
        ("specificity", "0.8"),
        ("clarity", "0.7"),
        ("confidence", "0.8"),
        ("consistency", "0.7"),
    ] {
        reply["dimensions"][name]["score"] = json!(score);
    }
    assert_eq!(
        parse(&reply.to_string()).unwrap(),
        parse(&valid().to_string()).unwrap()
    );
}

#[test]
fn wrong_types_are_named_with_their_path() {
    let mut reply = valid();
    reply["dimensions"]["clarity"]["score"] = json!("very clear");
    reply["strengths"] = json!("You measured results.");
    reply["themes"] = json!(["Go", 7]);
    assert_eq!(
        invalid(&reply),
        [
            "dimensions.clarity.score: \"very clear\" is not a number",
            "strengths: expected a list, got the string \"You measured results.\"",
            "themes[1]: expected a string, got the number 7",
        ]
    );
}

#[test]
fn missing_fields_are_listed() {
    let mut reply = valid();
    let object = reply.as_object_mut().unwrap();
    object.remove("summary");
    object["dimensions"]
        .as_object_mut()
        .unwrap()
        .remove("clarity");
    object["questions"][0]
        .as_object_mut()
        .unwrap()
        .remove("sample_answer");
    assert_eq!(
        invalid(&reply),
        [
            "summary: missing",
            "dimensions.clarity: missing",
            "questions[0].sample_answer: missing",
        ]
    );
    // A nullable field left out is null.
    let mut reply = valid();
    reply["strengths"][0]
        .as_object_mut()
        .unwrap()
        .remove("quote");
    assert!(parse(&reply.to_string()).unwrap().strengths[0]
        .quote
        .is_none());
}

#[test]
fn extra_fields_are_ignored() {
    let mut reply = valid();
    reply["reasoning"] = json!("The candidate asked for 10/10, so…");
    reply["dimensions"]["structure"]["confidence"] = json!(0.9);
    reply["questions"][2]["score"] = json!(10);
    reply["strengths"][0]["severity"] = json!("high");
    assert_eq!(
        parse(&reply.to_string()).unwrap(),
        parse(&valid().to_string()).unwrap()
    );
}

#[test]
fn out_of_range_scores_are_errors() {
    let mut reply = valid();
    reply["dimensions"]["structure"]["score"] = json!(14);
    reply["overall"]["score"] = json!(0);
    reply["sentiment"] = json!(3);
    let problems = invalid(&reply);
    assert_eq!(
        problems,
        [
            "overall.score: 0 is out of range 1–10",
            "dimensions.structure.score: 14 is out of range 1–10",
            "sentiment: 3 is out of range -1–1",
        ]
    );
    let error = ReportError::Invalid(problems).to_string();
    assert!(error.contains("dimensions.structure.score: 14 is out of range 1–10; "));
}

#[test]
fn truncated_json_is_reported_as_cut_off() {
    let full = valid().to_string();
    for cut in [full.len() / 3, full.len() / 2, full.len() - 1] {
        match parse(&full[..cut]) {
            Err(ReportError::Truncated(message)) => assert!(message.contains("EOF"), "{message}"),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    let error = parse(&full[..full.len() / 2]).unwrap_err().to_string();
    assert!(
        error.starts_with("the JSON object is cut off before its end"),
        "{error}"
    );
}

#[test]
fn a_reply_that_is_not_json() {
    assert_eq!(
        parse("I'm sorry, but I can't score this candidate.").unwrap_err(),
        ReportError::NoJson
    );
    assert_eq!(parse("").unwrap_err(), ReportError::NoJson);
    assert!(matches!(
        parse("{\"overall\": {\"score\": 8,}}"),
        Err(ReportError::Syntax(message)) if message.contains("line 1")
    ));
    assert!(matches!(parse("[1, 2, 3]"), Err(ReportError::NoJson)));
}

#[test]
fn a_bare_overall_score_is_the_score() {
    let mut reply = valid();
    reply["overall"] = json!(7);
    let report = parse_llm_report(&reply.to_string(), &input(CV, &STRONG)).unwrap();
    assert_eq!(report.overall, OverallScore::Scored { score: 7 });
}

#[test]
fn list_lengths_and_empty_strings() {
    let mut reply = valid();
    reply["questions"][0]["to_add"] = json!([]);
    reply["themes"] = json!(["a", "b", "c", "d", "e", "f", "g"]);
    reply["summary"] = json!("   ");
    reply["key_points"] = json!(["x".repeat(301)]);
    assert_eq!(
        invalid(&reply),
        [
            "summary: is empty",
            "questions[0].to_add: 0 items, expected at least 1",
            "themes: 7 items, expected at most 6",
        ]
    );
    // Twice the limit and more is a problem; a small overrun is cut at a sentence or a word.
    let mut long = valid();
    long["key_points"] = json!(["x".repeat(601)]);
    assert_eq!(
        invalid(&long),
        ["key_points[0]: 601 characters, at most 300"]
    );
    let mut overrun = valid();
    let point = format!(
        "{} Then a sentence that runs past the limit.",
        "You measured it.".repeat(24)
    );
    overrun["strengths"][0]["text"] = json!(point);
    overrun["themes"] = json!([format!("{} and more words", "word ".repeat(11))]);
    let report = parse_llm_report(&overrun.to_string(), &input(CV, &STRONG)).unwrap();
    assert_eq!(report.strengths[0].text, "You measured it.".repeat(24));
    assert!(report.themes[0].ends_with('…'), "{}", report.themes[0]);
    assert!(
        report.themes[0].chars().count() <= 60,
        "{}",
        report.themes[0]
    );
}

#[test]
fn the_breakdown_covers_exactly_the_answered_questions() {
    let mut reply = valid();
    reply["questions"][1]["number"] = json!(1);
    reply["questions"][2]["number"] = json!(5);
    reply["weaknesses"][0]["question"] = json!(4);
    assert_eq!(
        invalid(&reply),
        [
            "weaknesses[0].question: 4 is not an answered question (answered: 1, 2, 3)",
            "questions[1].number: question 1 appears twice",
            "questions[2].number: 5 is not an answered question (answered: 1, 2, 3)",
            "questions: question 2 has no entry",
            "questions: question 3 has no entry",
        ]
    );
}

#[test]
fn one_verdict_and_only_real_quotes() {
    let mut reply = valid();
    reply["overall"] = json!({"score": null, "not_enough_evidence": null});
    assert_eq!(
        invalid(&reply),
        ["overall: give a score or a not_enough_evidence reason"]
    );
    // Both: the score stands.
    let mut both = valid();
    both["overall"] = json!({"score": 5, "not_enough_evidence": "Too short."});
    let report = parse_llm_report(&both.to_string(), &input(CV, &STRONG)).unwrap();
    assert_eq!(report.overall, OverallScore::Scored { score: 5 });
    reply["overall"] = json!({"score": null, "not_enough_evidence": "Too short."});
    // A quote the candidate never said, and one from another answer than the one named.
    reply["strengths"][0]["quote"] = json!("I am the best engineer you will ever meet.");
    reply["weaknesses"][0]["quote"] = json!("I led the rollout.");
    reply["missing"][0]["quote"] = json!("I wrote the Dockerfiles");
    reply["cv_tips"][0]["before"] = json!("Led a team of 40 engineers.");
    let report = parse(&reply.to_string()).unwrap();
    assert_eq!(
        report.overall,
        OverallScore::NotEnoughEvidence {
            reason: "Too short.".into()
        }
    );
    assert_eq!(report.strengths[0].quote, None);
    assert_eq!(report.strengths[0].question, Some(1));
    assert_eq!(report.weaknesses[0].quote, None, "not in answer 3");
    assert_eq!(
        report.missing[0].quote.as_deref(),
        Some("I wrote the Dockerfiles")
    );
    assert_eq!(report.missing[0].question, Some(3), "found in answer 3");
    assert_eq!(report.cv_tips[0].before, None, "not a line of the CV");
}
