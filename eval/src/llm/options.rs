//! What `eval-llm` runs: flags for the server, environment variables (or flags) for the subset
//! of pairs, personas and questions.
//!
//! `eval-llm --api URL --label NAME [--begin-path P --answer-path P] [--pairs a,b]
//! [--personas a,b] [--questions N] [--report-wait SECS]`; `EVAL_LLM_PAIRS` (default
//! `software,nursing`), `EVAL_LLM_PERSONAS` (default `strong,vague`), `EVAL_LLM_QUESTIONS`
//! (default 5), `EVAL_LLM_REPORT_WAIT_SECS` (default 1800) when the flags are absent.

use std::time::Duration;

use crate::personas::Persona;

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// The app's base URL, e.g. `http://127.0.0.1:3920`.
    pub api: String,
    /// Names the output files: `target/eval/llm-<label>.{json,md}`.
    pub label: String,
    /// The browser's server functions (their paths carry a build hash): start without asking,
    /// store an answer without asking. With both, every question is streamed as in the
    /// browser; without, the JSON API's `start` and `answers` ask them (no first-token time).
    pub browser_paths: Option<BrowserPaths>,
    pub pairs: Vec<String>,
    pub personas: Vec<Persona>,
    pub questions: u8,
    /// How long to wait for a report before counting it as missing.
    pub report_wait: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserPaths {
    pub begin: String,
    pub answer: String,
}

pub const USAGE: &str = "usage: eval-llm --api URL --label NAME [--begin-path PATH --answer-path PATH] [--pairs a,b] [--personas a,b] [--questions N] [--report-wait SECS]";

/// `env` reads an environment variable (a parameter so tests need not set any).
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Options, String> {
    let mut flags: Vec<(String, String)> = Vec::new();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let name = flag
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected argument {flag:?}\n{USAGE}"))?;
        let value = args
            .next()
            .ok_or_else(|| format!("--{name} needs a value\n{USAGE}"))?;
        flags.push((name.to_owned(), value));
    }
    let flag = |name: &str| {
        flags
            .iter()
            .rev()
            .find(|(flag, _)| flag == name)
            .map(|(_, value)| value.clone())
    };
    let known = [
        "api",
        "label",
        "begin-path",
        "answer-path",
        "pairs",
        "personas",
        "questions",
        "report-wait",
    ];
    if let Some((unknown, _)) = flags
        .iter()
        .find(|(name, _)| !known.contains(&name.as_str()))
    {
        return Err(format!("unknown flag --{unknown}\n{USAGE}"));
    }
    let setting = |name: &str, variable: &str, default: &str| {
        flag(name)
            .or_else(|| env(variable).filter(|value| !value.trim().is_empty()))
            .unwrap_or_else(|| default.to_owned())
    };
    let api = flag("api").ok_or_else(|| format!("--api is required\n{USAGE}"))?;
    let label = flag("label").ok_or_else(|| format!("--label is required\n{USAGE}"))?;
    if label.is_empty() || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("--label {label:?}: letters, digits and '-' only"));
    }
    let browser_paths = match (flag("begin-path"), flag("answer-path")) {
        (Some(begin), Some(answer)) => Some(BrowserPaths { begin, answer }),
        (None, None) => None,
        _ => return Err("--begin-path and --answer-path go together".to_owned()),
    };
    let pairs = list(&setting("pairs", "EVAL_LLM_PAIRS", "software,nursing"));
    let personas = list(&setting("personas", "EVAL_LLM_PERSONAS", "strong,vague"))
        .iter()
        .map(|name| {
            Persona::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Persona::ALL.iter().map(|p| p.name()).collect();
                format!("unknown persona {name:?} (one of {})", names.join(", "))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let questions = setting("questions", "EVAL_LLM_QUESTIONS", "5");
    let questions: u8 = questions
        .parse()
        .ok()
        .filter(|n| (3..=12).contains(n))
        .ok_or_else(|| format!("questions {questions:?}: a number from 3 to 12"))?;
    let wait = setting("report-wait", "EVAL_LLM_REPORT_WAIT_SECS", "1800");
    let report_wait = wait
        .parse()
        .map(Duration::from_secs)
        .map_err(|_| format!("report wait {wait:?}: seconds"))?;
    if pairs.is_empty() || personas.is_empty() {
        return Err("at least one pair and one persona".to_owned());
    }
    Ok(Options {
        api: api.trim_end_matches('/').to_owned(),
        label,
        browser_paths,
        pairs,
        personas,
        questions,
        report_wait,
    })
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn defaults_and_environment() {
        let options = parse(args("--api http://127.0.0.1:3920/ --label openai"), |_| {
            None
        })
        .unwrap();
        assert_eq!(options.api, "http://127.0.0.1:3920");
        assert_eq!(options.pairs, ["software", "nursing"]);
        assert_eq!(options.personas, [Persona::Strong, Persona::Vague]);
        assert_eq!(options.questions, 5);
        assert_eq!(options.browser_paths, None);
        let env = |name: &str| match name {
            "EVAL_LLM_PAIRS" => Some("nursing".to_owned()),
            "EVAL_LLM_PERSONAS" => Some("off-topic, echo".to_owned()),
            "EVAL_LLM_QUESTIONS" => Some("3".to_owned()),
            _ => None,
        };
        let options = parse(args("--api x --label a"), env).unwrap();
        assert_eq!(options.pairs, ["nursing"]);
        assert_eq!(options.personas, [Persona::OffTopic, Persona::Echo]);
        assert_eq!(options.questions, 3);
        // A flag wins over the environment.
        let options = parse(args("--api x --label a --questions 4"), env).unwrap();
        assert_eq!(options.questions, 4);
    }

    #[test]
    fn mistakes_are_refused() {
        let none = |_: &str| None;
        assert!(parse(args("--label a"), none).is_err());
        assert!(parse(args("--api x --label a --personas nobody"), none).is_err());
        assert!(parse(args("--api x --label a --questions 2"), none).is_err());
        assert!(parse(args("--api x --label a/b"), none).is_err());
        assert!(parse(args("--api x --label a --begin-path /p"), none).is_err());
        assert!(parse(args("--api x --label a --colour red"), none).is_err());
        let both = parse(
            args("--api x --label a --begin-path /b --answer-path /a"),
            none,
        );
        assert_eq!(
            both.unwrap().browser_paths,
            Some(BrowserPaths {
                begin: "/b".into(),
                answer: "/a".into()
            })
        );
    }
}
