//! The CV/job-description pairs of `testdata/eval/`, one folder each:
//!
//! - `pair.txt`: `title:`, `company:` and `profession:` lines (what a user would type);
//! - `cv.txt`, `jd.txt`: the documents as plain text;
//! - `answers.txt`: the strong candidate's answer bank, in blocks that start with a header
//!   line `== opener`, `== motivation`, `== closing` or `== story: keyword, keyword, …`. A story
//!   is picked for a question by its keywords (see `personas`), so the bank is written from
//!   the CV's own facts, in the first person, with numbers, tools and outcomes.

use std::fs;

use domain::Language;
use std::path::{Path, PathBuf};
use text::language::detect_language;

/// One block of the answer bank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// Lower-case words or phrases; a question naming more of them fits the story better.
    pub keywords: Vec<String>,
    pub text: String,
}

/// A strong candidate's prepared answers for one pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerBank {
    pub opener: String,
    pub motivation: String,
    pub closing: String,
    pub stories: Vec<Story>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The folder name, e.g. `nursing`.
    pub name: String,
    pub profession: String,
    pub job_title: String,
    pub company: String,
    pub cv: String,
    pub job_description: String,
    /// Detected from the job description, as the app does at set-up.
    pub language: Language,
    pub answers: AnswerBank,
}

/// `testdata/eval` of this workspace.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/eval")
}

/// Every pair under `dir`, by folder name.
pub fn load_all(dir: &Path) -> Result<Vec<Pair>, String> {
    let entries = fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let mut folders: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.join("pair.txt").is_file())
        .collect();
    folders.sort();
    folders.iter().map(|folder| load(folder)).collect()
}

pub fn load(folder: &Path) -> Result<Pair, String> {
    let read = |file: &str| {
        let path = folder.join(file);
        fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))
    };
    let meta = read("pair.txt")?;
    let field = |key: &str| {
        meta.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
            .map(|value| value.trim().to_owned())
            .ok_or_else(|| format!("{}: no `{key}:` line", folder.display()))
    };
    let answers = parse_bank(&read("answers.txt")?)
        .map_err(|error| format!("{}/answers.txt: {error}", folder.display()))?;
    let job_description = read("jd.txt")?;
    Ok(Pair {
        language: detect_language(&job_description),
        name: folder
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        profession: field("profession")?,
        job_title: field("title")?,
        company: field("company")?,
        cv: read("cv.txt")?,
        job_description,
        answers,
    })
}

/// Parses the block format above; lines starting with `#` are comments.
pub fn parse_bank(text: &str) -> Result<AnswerBank, String> {
    let mut bank = AnswerBank::default();
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in text.lines().filter(|line| !line.starts_with('#')) {
        match line.strip_prefix("== ") {
            Some(header) => blocks.push((header.trim().to_owned(), String::new())),
            None => {
                let Some((_, body)) = blocks.last_mut() else {
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Err("text before the first `==` header".into());
                };
                if !line.trim().is_empty() {
                    if !body.is_empty() {
                        body.push(' ');
                    }
                    body.push_str(line.trim());
                }
            }
        }
    }
    for (header, body) in blocks {
        if body.is_empty() {
            return Err(format!("`== {header}` has no text"));
        }
        match header.as_str() {
            "opener" => bank.opener = body,
            "motivation" => bank.motivation = body,
            "closing" => bank.closing = body,
            _ => {
                let keywords = header
                    .strip_prefix("story:")
                    .ok_or_else(|| format!("unknown block `== {header}`"))?;
                bank.stories.push(Story {
                    keywords: keywords
                        .split(',')
                        .map(|keyword| keyword.trim().to_lowercase())
                        .filter(|keyword| !keyword.is_empty())
                        .collect(),
                    text: body,
                });
            }
        }
    }
    for (name, text) in [
        ("opener", &bank.opener),
        ("motivation", &bank.motivation),
        ("closing", &bank.closing),
    ] {
        if text.is_empty() {
            return Err(format!("no `== {name}` block"));
        }
    }
    if bank.stories.len() < 4 {
        return Err("fewer than four stories".into());
    }
    Ok(bank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bank_needs_every_block() {
        let text = "== opener\nI am.\n== motivation\nBecause.\n== closing\nThanks.\n";
        assert_eq!(
            parse_bank(text).unwrap_err(),
            "fewer than four stories".to_owned()
        );
        let stories = "== story: go, kafka\nI moved\nwrites.\n".repeat(4);
        let bank = parse_bank(&format!("{text}{stories}")).unwrap();
        assert_eq!(bank.stories[0].keywords, ["go", "kafka"]);
        assert_eq!(bank.stories[0].text, "I moved writes.");
        assert!(parse_bank("== opener\n\n== closing\nx\n").is_err());
    }

    #[test]
    fn every_pair_in_testdata_loads() {
        let pairs = load_all(&default_dir()).unwrap();
        assert!(pairs.len() >= 5, "{pairs:#?}");
    }
}
