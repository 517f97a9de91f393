//! The fake provider's answer to a feedback request: a report that passes the server's checks
//! at the first try (`coach/src/report/validate.rs`), so a soak measures the path of a
//! working LLM (one call per report) rather than two refused replies and the offline coach's
//! fallback.
//!
//! The report must have one entry per answered question, which the fake reads from the
//! prompt's transcript (`Question N:` lines, see `prompts/v1/feedback.md`). Quotes are left
//! out, so no check of quoted text against the answers is involved.

use serde_json::{json, Value};

/// The numbers of the answered questions in a feedback prompt, in order.
pub fn answered_numbers(prompt: &str) -> Vec<u8> {
    prompt
        .lines()
        .filter_map(|line| {
            line.strip_prefix("Question ")?
                .strip_suffix(':')?
                .parse()
                .ok()
        })
        .collect()
}

/// The report, as the JSON text an LLM would reply with.
pub fn report_reply(prompt: &str) -> String {
    let dimension =
        |score: u8| json!({"score": score, "comment": "Specific answers with measured results."});
    let questions: Vec<Value> = answered_numbers(prompt)
        .into_iter()
        .map(|number| {
            json!({
                "number": number,
                "worked": ["A concrete example with a number."],
                "to_add": ["What you would do differently."],
                "sample_answer": "At Helvetic Clearing I owned the ledger rewrite; [what you learned]."
            })
        })
        .collect();
    json!({
        "overall": {"score": 7, "not_enough_evidence": null},
        "summary": "Load-test report: specific answers with measured results.",
        "dimensions": {
            "relevance": dimension(7),
            "structure": dimension(7),
            "specificity": dimension(8),
            "clarity": dimension(7),
            "confidence": dimension(7),
            "consistency": dimension(7)
        },
        "strengths": [{"text": "You measured your results.", "quote": null, "question": null}],
        "weaknesses": [{"text": "Say what you learned.", "quote": null, "question": null}],
        "missing": [],
        "cv_tips": [],
        "questions": questions,
        "themes": ["Go", "PostgreSQL"],
        "key_points": ["Cut p99 latency from 480 to 35 ms."],
        "sentiment": 0.3
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROMPT: &str = "<cv>\nQuestion 9 is not a heading here\n</cv>\n\nThe interview (3 of 8 questions answered):\n\nQuestion 1:\n<question>\nWhy?\n</question>\n<answer>\nBecause.\n</answer>\n\nQuestion 2:\n<question>\nHow?\n</question>\n\nQuestion 3:\n<question>\nWhen?\n</question>";

    #[test]
    fn the_report_covers_each_answered_question() {
        assert_eq!(answered_numbers(PROMPT), [1, 2, 3]);
        let reply: Value = serde_json::from_str(&report_reply(PROMPT)).unwrap();
        let numbers: Vec<u64> = reply["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["number"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(reply["dimensions"].as_object().unwrap().len(), 6);
    }
}
