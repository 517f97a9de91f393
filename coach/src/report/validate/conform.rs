//! Holds a parsed reply to the report schema, value by value, and says precisely where it
//! fails ("dimensions.structure.score: 14 is out of range 1–10"). What comes out has exactly
//! the schema's shape, so serde then reads it into typed structs without surprises.
//!
//! Deliberate leniency, each a common model habit that changes nothing of the meaning:
//! - a number written as a string ("7", " 0.5 ", "7/10") is read as that number;
//! - scores on a 0–1 scale are put on 1–10 ([`normalise_score_scale`]);
//! - a whole-number field given a fraction within range is rounded (7.5 → 8);
//! - strings are trimmed; an empty string where null is allowed is null, and a nullable field
//!   left out is null;
//! - unknown fields are dropped, at every level: models add "reasoning" or "confidence" keys,
//!   and refusing the report for them would spend the repair round on nothing. They are never
//!   read, so they cannot smuggle anything into the report.
//!
//! Everything else is an error: a missing or null required field, a wrong type, a value out of
//! range, an empty string, too few or too many items, a value not in an enum.

use serde_json::{Map, Value};

use domain::Dimension;

/// Errors past this many are summarised: the repair prompt needs the first ones, not all.
const MAX_PROBLEMS: usize = 20;
/// Values quoted in an error are cut to this many characters.
const MAX_VALUE_CHARS: usize = 40;

/// The problems found so far, each with its path.
#[derive(Debug, Default)]
pub(super) struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, path: &str, message: impl AsRef<str>) {
        let path = if path.is_empty() { "the reply" } else { path };
        self.0.push(format!("{path}: {}", message.as_ref()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<String> {
        let mut problems = self.0;
        if problems.len() > MAX_PROBLEMS {
            let more = problems.len() - MAX_PROBLEMS;
            problems.truncate(MAX_PROBLEMS);
            problems.push(format!("and {more} more problems"));
        }
        problems
    }
}

/// A number, or a string holding one ("7", "0.5", "7/10"); finite only.
pub(super) fn read_number(value: &Value) -> Option<f64> {
    let number = match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => {
            let text = text.trim();
            let text = text
                .strip_suffix("/10")
                .or_else(|| text.strip_suffix("/ 10"))
                .unwrap_or(text)
                .trim();
            text.parse::<f64>().ok()
        }
        _ => None,
    }?;
    number.is_finite().then_some(number)
}

/// **Scale rule.** When every score in the reply (overall and the six dimensions) lies in
/// 0..=1 and at least one is a fraction, the model used a 0–1 scale: each score becomes
/// `max(1, round(10 · score))`. Otherwise scores are on 1–10 as asked, and a fraction below 1
/// is out of range. Deciding per reply, not per value, keeps a lone "1" meaning 1 out of 10.
/// `"overall": 7` (a bare score, as a small model through the Anthropic format wrote it) is
/// `"overall": {"score": 7, "not_enough_evidence": null}`.
pub(super) fn unwrap_bare_overall(reply: &mut Map<String, Value>) {
    if let Some(overall) = reply.get_mut("overall") {
        if read_number(overall).is_some() {
            let score = overall.take();
            *overall = serde_json::json!({"score": score, "not_enough_evidence": null});
        }
    }
}

pub(super) fn normalise_score_scale(reply: &mut Map<String, Value>) {
    let mut slots: Vec<&mut Value> = Vec::new();
    for (field, value) in reply.iter_mut() {
        match (field.as_str(), value) {
            ("overall", overall) => slots.extend(overall.get_mut("score")),
            ("dimensions", Value::Object(dimensions)) => {
                for (name, dimension) in dimensions.iter_mut() {
                    if Dimension::ALL.iter().any(|d| d.as_str() == name) {
                        slots.extend(dimension.get_mut("score"));
                    }
                }
            }
            _ => {}
        }
    }
    let scores: Vec<f64> = slots.iter().filter_map(|slot| read_number(slot)).collect();
    let fractional = scores.iter().any(|score| score.fract() != 0.0);
    if scores.is_empty() || !fractional || scores.iter().any(|s| !(0.0..=1.0).contains(s)) {
        return;
    }
    for slot in slots {
        if let Some(score) = read_number(slot) {
            *slot = Value::from((score * 10.0).round().max(1.0));
        }
    }
}

/// `value` (None: absent) held to `schema` at `path`.
pub(super) fn conform(
    schema: &Value,
    value: Option<&Value>,
    path: &str,
    problems: &mut Problems,
) -> Value {
    let (kind, nullable) = kind_of(schema);
    let value = match value {
        None | Some(Value::Null) if nullable => return Value::Null,
        None => {
            problems.push(path, "missing");
            return Value::Null;
        }
        Some(Value::Null) => {
            problems.push(path, format!("is null, expected {}", describe_kind(kind)));
            return Value::Null;
        }
        Some(value) => value,
    };
    match kind {
        "object" => conform_object(schema, value, path, problems),
        "array" => conform_array(schema, value, path, problems),
        "string" => conform_string(schema, value, nullable, path, problems),
        "integer" | "number" => conform_number(schema, value, kind == "integer", path, problems),
        other => {
            problems.push(path, format!("the schema has an unknown type {other}"));
            Value::Null
        }
    }
}

fn conform_object(schema: &Value, value: &Value, path: &str, problems: &mut Problems) -> Value {
    let Value::Object(fields) = value else {
        problems.push(path, format!("expected an object, got {}", describe(value)));
        return Value::Null;
    };
    let mut out = Map::new();
    let properties = schema.get("properties").and_then(Value::as_object);
    // In declaration order (`required` lists every property), so errors read top to bottom.
    let names: Vec<&str> = match schema.get("required").and_then(Value::as_array) {
        Some(required) => required.iter().filter_map(Value::as_str).collect(),
        None => properties
            .map(|map| map.keys().map(String::as_str).collect())
            .unwrap_or_default(),
    };
    for name in names {
        let Some(child) = properties.and_then(|map| map.get(name)) else {
            continue;
        };
        let child_path = if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        out.insert(
            name.to_owned(),
            conform(child, fields.get(name), &child_path, problems),
        );
    }
    Value::Object(out)
}

fn conform_array(schema: &Value, value: &Value, path: &str, problems: &mut Problems) -> Value {
    let Value::Array(items) = value else {
        problems.push(path, format!("expected a list, got {}", describe(value)));
        return Value::Null;
    };
    let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
    let max = schema.get("maxItems").and_then(Value::as_u64);
    let count = items.len() as u64;
    if count < min {
        problems.push(path, format!("{count} items, expected at least {min}"));
    }
    if let Some(max) = max.filter(|&max| count > max) {
        problems.push(path, format!("{count} items, expected at most {max}"));
    }
    let item_schema = schema.get("items").unwrap_or(&Value::Null);
    Value::Array(
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                conform(
                    item_schema,
                    Some(item),
                    &format!("{path}[{index}]"),
                    problems,
                )
            })
            .collect(),
    )
}

fn conform_string(
    schema: &Value,
    value: &Value,
    nullable: bool,
    path: &str,
    problems: &mut Problems,
) -> Value {
    let Value::String(text) = value else {
        problems.push(path, format!("expected a string, got {}", describe(value)));
        return Value::Null;
    };
    let text = text.trim();
    if text.is_empty() {
        if !nullable {
            problems.push(path, "is empty");
        }
        return Value::Null;
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.iter().any(|option| option == text) {
            let options: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
            problems.push(
                path,
                format!("{} is not one of {}", quoted(text), options.join(", ")),
            );
            return Value::Null;
        }
    }
    Value::from(text)
}

fn conform_number(
    schema: &Value,
    value: &Value,
    integer: bool,
    path: &str,
    problems: &mut Problems,
) -> Value {
    let Some(number) = read_number(value) else {
        let got = match value {
            Value::String(text) => quoted(text),
            other => describe(other),
        };
        problems.push(path, format!("{got} is not a number"));
        return Value::Null;
    };
    let min = schema.get("minimum").and_then(Value::as_f64);
    let max = schema.get("maximum").and_then(Value::as_f64);
    let below = min.is_some_and(|min| number < min);
    let above = max.is_some_and(|max| number > max);
    if below || above {
        let range = match (min, max) {
            (Some(min), Some(max)) => format!("{}–{}", show(min), show(max)),
            (Some(min), None) => format!("from {}", show(min)),
            (None, Some(max)) => format!("up to {}", show(max)),
            (None, None) => String::new(),
        };
        problems.push(path, format!("{} is out of range {range}", show(number)));
        return Value::Null;
    }
    if integer {
        Value::from(number.round() as i64)
    } else {
        Value::from(number)
    }
}

/// The type a schema node asks for, and whether null is allowed too.
fn kind_of(schema: &Value) -> (&str, bool) {
    match schema.get("type") {
        Some(Value::String(kind)) => (kind.as_str(), false),
        Some(Value::Array(kinds)) => {
            let nullable = kinds.iter().any(|kind| kind == "null");
            let kind = kinds
                .iter()
                .filter_map(Value::as_str)
                .find(|kind| *kind != "null")
                .unwrap_or("null");
            (kind, nullable)
        }
        _ => ("unknown", false),
    }
}

fn describe_kind(kind: &str) -> &'static str {
    match kind {
        "object" => "an object",
        "array" => "a list",
        "string" => "a string",
        "integer" => "a whole number",
        "number" => "a number",
        _ => "a value",
    }
}

/// What a value is, for an error: `a string "high"`, `the number 7`, `a list`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("{flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {}", quoted(text)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_VALUE_CHARS).collect();
    if chars.next().is_some() {
        format!("\"{head}…\"")
    } else {
        format!("\"{head}\"")
    }
}

/// 14 rather than 14.0.
pub(super) fn show(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn run(schema: Value, value: Value) -> (Value, Vec<String>) {
        let mut problems = Problems::default();
        let out = conform(&schema, Some(&value), "x", &mut problems);
        (out, problems.into_vec())
    }

    #[test]
    fn numbers_in_strings_are_read_and_ranges_checked() {
        let schema = json!({"type": "integer", "minimum": 1, "maximum": 10});
        assert_eq!(run(schema.clone(), json!("7")), (json!(7), vec![]));
        assert_eq!(run(schema.clone(), json!(" 8/10 ")), (json!(8), vec![]));
        assert_eq!(run(schema.clone(), json!(7.5)), (json!(8), vec![]));
        assert_eq!(
            run(schema.clone(), json!(14)).1,
            ["x: 14 is out of range 1–10"]
        );
        assert_eq!(
            run(schema.clone(), json!("0.5")).1,
            ["x: 0.5 is out of range 1–10"]
        );
        assert_eq!(
            run(schema.clone(), json!("high")).1,
            ["x: \"high\" is not a number"]
        );
        assert_eq!(run(schema, json!(true)).1, ["x: true is not a number"]);
        let sentiment = json!({"type": "number", "minimum": -1, "maximum": 1});
        assert_eq!(run(sentiment, json!("-0.25")), (json!(-0.25), vec![]));
    }

    #[test]
    fn strings_lists_and_objects() {
        let nullable = json!({"type": ["string", "null"]});
        assert_eq!(run(nullable.clone(), json!("  ")), (Value::Null, vec![]));
        assert_eq!(run(nullable, json!(" a ")), (json!("a"), vec![]));
        assert_eq!(
            run(json!({"type": "string"}), json!(" ")).1,
            ["x: is empty"]
        );
        assert_eq!(
            run(json!({"type": "string"}), json!(3)).1,
            ["x: expected a string, got the number 3"]
        );
        let kinds = json!({"type": "string", "enum": ["a", "b"]});
        assert_eq!(run(kinds, json!("c")).1, ["x: \"c\" is not one of a, b"]);
        let list =
            json!({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}});
        assert_eq!(
            run(list.clone(), json!([])).1,
            ["x: 0 items, expected at least 1"]
        );
        assert_eq!(
            run(list.clone(), json!(["a", "b", ""])).1,
            ["x: 3 items, expected at most 2", "x[2]: is empty"]
        );
        assert_eq!(
            run(list, json!("a")).1,
            ["x: expected a list, got the string \"a\""]
        );
        let object = json!({
            "type": "object",
            "required": ["a", "b"],
            "properties": {"a": {"type": "string"}, "b": {"type": ["integer", "null"]}}
        });
        let (out, problems) = run(object.clone(), json!({"a": "y", "extra": {"deep": 1}}));
        assert_eq!(out, json!({"a": "y", "b": null}), "unknown fields dropped");
        assert!(problems.is_empty());
        assert_eq!(run(object.clone(), json!({"b": 2})).1, ["x.a: missing"]);
        assert_eq!(
            run(object, json!({"a": null})).1,
            ["x.a: is null, expected a string"]
        );
    }

    #[test]
    fn a_reply_on_a_zero_to_one_scale_is_scaled_as_a_whole() {
        let mut reply = json!({
            "overall": {"score": "0.7"},
            "dimensions": {"structure": {"score": 0.5}, "clarity": {"score": 1}, "unknown": {"score": 0.01}}
        });
        normalise_score_scale(reply.as_object_mut().unwrap());
        assert_eq!(reply["overall"]["score"], json!(7.0));
        assert_eq!(reply["dimensions"]["structure"]["score"], json!(5.0));
        assert_eq!(reply["dimensions"]["clarity"]["score"], json!(10.0));
        assert_eq!(reply["dimensions"]["unknown"]["score"], json!(0.01));

        // One fraction among 1–10 scores is just out of range, not a scale.
        let mut mixed =
            json!({"overall": {"score": 7}, "dimensions": {"structure": {"score": 0.5}}});
        normalise_score_scale(mixed.as_object_mut().unwrap());
        assert_eq!(mixed["dimensions"]["structure"]["score"], json!(0.5));
        // Whole numbers 0 and 1 alone are not a fraction scale.
        let mut ones = json!({"overall": {"score": 1}});
        normalise_score_scale(ones.as_object_mut().unwrap());
        assert_eq!(ones["overall"]["score"], json!(1));
    }

    #[test]
    fn long_lists_of_problems_are_cut() {
        let mut problems = Problems::default();
        for index in 0..25 {
            problems.push(&format!("a[{index}]"), "is empty");
        }
        let list = problems.into_vec();
        assert_eq!(list.len(), MAX_PROBLEMS + 1);
        assert_eq!(list.last().unwrap(), "and 5 more problems");
        assert_eq!(show(14.0), "14");
        assert_eq!(show(0.5), "0.5");
    }
}
