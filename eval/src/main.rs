//! `make eval`: every persona over every pair of `testdata/eval`, written to
//! `target/eval/report.json` and `target/eval/report.md`; the Markdown is also printed.

use std::path::Path;
use std::process::ExitCode;

use domain::Language;
use eval::evaluate::evaluate;
use eval::pairs::{default_dir, load_all, Pair};
use eval::personas::Persona;
use eval::table::markdown;

/// The summary again for the pairs of each language, so a language cannot hide behind the
/// others' figures.
fn by_language(pairs: &[Pair]) -> String {
    let mut text = String::from("\n## By language\n");
    for language in Language::ALL.iter().copied() {
        let subset: Vec<Pair> = pairs
            .iter()
            .filter(|pair| pair.language == language)
            .cloned()
            .collect();
        if subset.is_empty() {
            continue;
        }
        let names: Vec<&str> = subset.iter().map(|pair| pair.name.as_str()).collect();
        let table = markdown(&evaluate(&subset, &Persona::ALL));
        let summary = table
            .split("## Summary")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap_or_default();
        text.push_str(&format!(
            "\n### {} ({})\n{summary}",
            language.english_name(),
            names.join(", ")
        ));
    }
    text
}

fn main() -> ExitCode {
    let pairs = match load_all(&default_dir()) {
        Ok(pairs) => pairs,
        Err(error) => {
            eprintln!("eval: {error}");
            return ExitCode::FAILURE;
        }
    };
    let evaluation = evaluate(&pairs, &Persona::ALL);
    let mut markdown = markdown(&evaluation);
    markdown.push_str(&by_language(&pairs));
    // The project's target/, wherever CARGO_TARGET_DIR puts the build.
    let project = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let out = project.join("target/eval");
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join("report.md"), &markdown))
        .and_then(|()| {
            let json = serde_json::to_string_pretty(&evaluation).map_err(std::io::Error::other)?;
            std::fs::write(out.join("report.json"), json)
        });
    if let Err(error) = written {
        eprintln!("eval: cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    println!("{markdown}");
    println!("Written to {}/report.{{md,json}}", out.display());
    ExitCode::SUCCESS
}
