//! What several suites type and what a model replies: CV and job-description pairs, answers,
//! and a report reply that passes every check of the report writer.

use domain::NewInterview;
use serde_json::{json, Value};

/// A CV, the job description it is interviewed for, and the title and company a user types.
#[derive(Clone, Copy, Debug)]
pub struct Documents {
    pub job_title: &'static str,
    pub company: &'static str,
    pub cv: &'static str,
    pub job: &'static str,
}

impl Documents {
    /// The interview a user sets up for this job, of `question_count` questions.
    pub fn new_interview(&self, question_count: u8) -> NewInterview {
        NewInterview {
            job_title: self.job_title.into(),
            company: self.company.into(),
            question_count: Some(question_count),
            ..Default::default()
        }
    }
}

/// A data scientist (Larkspur Grocers: LightGBM forecasts, CUPED) for a data-science job.
pub const DATA_SCIENTIST: Documents = Documents {
    job_title: "Data Scientist",
    company: "Northwind Analytics",
    cv: "Priya Raghunathan\nData scientist, London. Larkspur Grocers plc: demand forecasting with LightGBM, CUPED experiments, Snowflake, Python.",
    job: "Data Scientist at Northwind Analytics\nRequirements:\n- Experimentation and A/B testing\n- Python, SQL, Snowflake\n- Forecasting",
};

/// A product manager (Fernlicht Mobility, Kiezkauf) for a marketplace job.
pub const PRODUCT_MANAGER: Documents = Documents {
    job_title: "Product Manager",
    company: "Kiezkauf",
    cv: "Marcus Okafor\nSenior Product Manager, Berlin\nFernlicht Mobility GmbH, 2021 – present: own the rider app, roadmap across three squads, subscription passes.\nKiezkauf Marketplace, 2018 – 2021: seller onboarding, 60+ A/B tests, SQL, Amplitude, Figma.",
    job: "Product Manager, Marketplace at Kiezkauf\nRequirements:\n- 5+ years of product management in two-sided marketplaces\n- Experimentation: A/B testing, SQL, Amplitude\n- Stakeholder management across engineering and operations",
};

/// The corpus's senior backend engineer (`testdata/corpus/cv/cv01_*`) and the job ad it is a
/// good match for (`jd01`): real documents of a real size, compiled in.
pub const BACKEND_ENGINEER: Documents = Documents {
    job_title: "Senior Backend Engineer",
    company: "Helvetia Ledger AG",
    cv: include_str!("../../testdata/corpus/cv/cv01_docx_libreoffice/ground_truth.txt"),
    job: include_str!(
        "../../testdata/corpus/jd/jd01_txt_plain-text/JD_Senior_Backend_Engineer_Helvetia_Ledger.txt"
    ),
};

/// A complete STAR answer for [`PRODUCT_MANAGER`], with a number.
pub const PRODUCT_MANAGER_ANSWER: &str = "At Fernlicht I owned the rider app. Sign-ups were falling, so I ran 12 A/B tests on the onboarding flow with SQL and Amplitude. I decided to cut two steps, and conversion rose by 18 % in three months.";

/// A sentence of [`PRODUCT_MANAGER_ANSWER`], which the report fixture quotes.
pub const PRODUCT_MANAGER_QUOTE: &str =
    "I decided to cut two steps, and conversion rose by 18 % in three months.";

/// A complete answer for [`DATA_SCIENTIST`]: situation, action, tools and a measured result.
pub const DATA_SCIENTIST_ANSWER: &str = "At Larkspur I owned demand forecasting. Waste was rising, so I built a LightGBM model in Python on Snowflake data. I ran CUPED experiments to test it, and waste fell by 18 % in six months.";

/// An answer for [`DATA_SCIENTIST`] long enough for a report to have evidence; `tag` makes
/// each one unique.
pub fn data_scientist_answer(tag: &str) -> String {
    format!("{tag}: at Larkspur I owned demand forecasting. Waste was rising, so I built a LightGBM model in Python on Snowflake data and ran CUPED experiments; waste fell by 18 % in six months.")
}

/// Questions a model might ask [`DATA_SCIENTIST`], one per call in turn: no two alike enough
/// for the server to take one for a rewording of another and refuse it.
pub const DATA_SCIENTIST_QUESTIONS: [&str; 8] = [
    "What did you change in the Larkspur forecasting pipeline, and why?",
    "How did you choose which CUPED experiments to run first?",
    "Which result from your time at Larkspur are you proudest of?",
    "Why did LightGBM win over the other models you tried?",
    "When a stakeholder disagreed with your analysis, how did it end?",
    "Where would you start in your first month on this team?",
    "How do you check that Snowflake data is fit for a model?",
    "What would you do differently if you rebuilt the waste forecasts today?",
];

/// The numbers of the answered questions in a report prompt, in order: the transcript's
/// `Question N:` lines (`prompts/*/feedback.md`).
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

/// A model's report reply that passes every check for the answered questions `numbers`: six
/// dimensions at 7, a strength, a weakness and a missing point, a CV tip, and feedback per
/// question. Points refer to answered questions only.
#[derive(Clone, Debug)]
pub struct ReportReply {
    numbers: Vec<u8>,
    quote: Option<String>,
    every_text: Option<String>,
}

impl ReportReply {
    /// For an interview whose questions 1 to `count` were answered.
    pub fn for_questions(count: u8) -> Self {
        Self::answered((1..=count).collect())
    }

    /// For the answered question numbers `numbers`.
    pub fn answered(numbers: Vec<u8>) -> Self {
        Self {
            numbers,
            quote: Some(PRODUCT_MANAGER_QUOTE.to_owned()),
            every_text: None,
        }
    }

    /// For the questions answered in a report prompt.
    pub fn for_prompt(prompt: &str) -> Self {
        Self::answered(answered_numbers(prompt))
    }

    /// The strength quotes `quote` (the candidate's own words, or the checks drop it); `None`
    /// quotes nothing.
    pub fn quoting(mut self, quote: Option<&str>) -> Self {
        self.quote = quote.map(str::to_owned);
        self
    }

    /// `text` in every text field, and as every point's quote: what a model writes when a
    /// hostile string is all it repeats. The quote is kept when the answers said `text`.
    pub fn saying(mut self, text: &str) -> Self {
        self.every_text = Some(text.to_owned());
        self.quote = Some(text.to_owned());
        self
    }

    pub fn json(&self) -> Value {
        let say = |plain: &str| self.every_text.clone().unwrap_or_else(|| plain.to_owned());
        let first = self.numbers.first().copied();
        let second = self.numbers.get(1).copied().or(first);
        let dimension =
            json!({"score": 7, "comment": say("Specific STAR answers with measured results.")});
        let point = |text: &str, quote: Option<&String>, question: Option<u8>| json!({"text": say(text), "quote": quote, "question": question});
        let hostile = self.every_text.as_ref();
        let questions: Vec<Value> = self
            .numbers
            .iter()
            .map(|number| {
                json!({
                    "number": number,
                    "worked": [say("A complete story with a number.")],
                    "to_add": [say("What you would do differently.")],
                    "sample_answer": say("At Fernlicht I owned the rider app… [what you learned].")
                })
            })
            .collect();
        json!({
            "overall": {"score": 7, "not_enough_evidence": null},
            "summary": say("Specific answers with measured results; say more about stakeholders."),
            "dimensions": {
                "relevance": dimension, "structure": dimension, "specificity": dimension,
                "clarity": dimension, "confidence": dimension, "consistency": dimension
            },
            "strengths": [point("You measured your results.", self.quote.as_ref(), first)],
            "weaknesses": [point("Every answer tells the same story.", hostile, second)],
            "missing": [point("Stakeholder management never came up.", hostile, None)],
            "cv_tips": [{"kind": "quantify", "text": say("Add the result of the A/B tests."), "before": null, "after": hostile}],
            "questions": questions,
            "themes": [say("Experimentation").chars().take(50).collect::<String>()],
            "key_points": [say("Conversion rose by 18 %.")],
            "sentiment": 0.4
        })
    }
}

impl std::fmt::Display for ReportReply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.json())
    }
}

#[cfg(test)]
mod tests {
    use coach::report::validate::parse_llm_report;
    use coach::report::FeedbackInput;

    use super::*;

    fn input(answer: &str) -> FeedbackInput {
        FeedbackInput {
            job_title: PRODUCT_MANAGER.job_title.into(),
            company: PRODUCT_MANAGER.company.into(),
            cv: PRODUCT_MANAGER.cv.into(),
            job_description: PRODUCT_MANAGER.job.into(),
            exchanges: (1..=3)
                .map(|n| (format!("Question {n}?"), answer.to_owned()))
                .collect(),
            question_count: 3,
            language: domain::Language::English,
        }
    }

    #[test]
    fn the_report_reply_passes_the_report_checks_and_keeps_its_quote() {
        let reply = ReportReply::for_questions(3).to_string();
        let report = parse_llm_report(&reply, &input(PRODUCT_MANAGER_ANSWER)).unwrap();
        let json = serde_json::to_value(report.strengths).unwrap();
        assert_eq!(json[0]["quote"], PRODUCT_MANAGER_QUOTE, "{json}");
    }

    #[test]
    fn a_report_saying_one_text_everywhere_passes_the_checks_too() {
        let text = "plain words";
        let reply = ReportReply::for_questions(3).saying(text).to_string();
        assert!(parse_llm_report(&reply, &input(text)).is_ok());
    }

    #[test]
    fn the_questions_answered_are_read_from_the_prompt() {
        const PROMPT: &str = "<cv>\nQuestion 9 is not a heading here\n</cv>\n\nThe interview (3 of 8 questions answered):\n\nQuestion 1:\n<question>\nWhy?\n</question>\n<answer>\nBecause.\n</answer>\n\nQuestion 2:\n<question>\nHow?\n</question>\n\nQuestion 3:\n<question>\nWhen?\n</question>";
        assert_eq!(answered_numbers(PROMPT), [1, 2, 3]);
        let reply = ReportReply::for_prompt(PROMPT).json();
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
