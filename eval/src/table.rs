//! The Markdown rendering of an evaluation: the summary, then one row per pair and persona,
//! then examples of failures.

use std::fmt::Write;

use crate::evaluate::{Evaluation, Row};
use crate::metrics::Rate;

pub fn markdown(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let settings = &evaluation.settings;
    let summary = &evaluation.summary;
    let _ = writeln!(
        out,
        "# Offline coach evaluation\n\n{} questions, {} interview, {} level, seed {}. Rates are checks passed of checks made (see `eval/src/metrics/`).\n",
        settings.questions, settings.kind, settings.seniority, settings.seed
    );
    let _ = writeln!(out, "## Summary\n\n| figure | value |\n|---|---|");
    for (persona, (hit, all)) in &summary.in_band {
        let _ = writeln!(out, "| {persona}: score in band | {hit}/{all} |");
    }
    let _ = writeln!(
        out,
        "| strictly ordered pairs (strong > medium > vague, one-word, gibberish) | {}/{} |",
        summary.ordered.0, summary.ordered.1
    );
    let _ = writeln!(
        out,
        "| deterministic interviews | {}/{} |",
        summary.deterministic.0, summary.deterministic.1
    );
    for (name, rate) in [
        ("listening", &summary.listening),
        ("off-topic noticed", &summary.off_topic_noticed),
        ("grounding", &summary.grounding),
        ("shape", &summary.shape),
        ("report checks", &summary.report),
    ] {
        let _ = writeln!(out, "| {name} | {} |", rate.display());
    }
    let _ = writeln!(
        out,
        "\n## Per profession and persona\n\n| profession | persona | score | band | listening | grounding | shape | report checks |\n|---|---|---|---|---|---|---|---|"
    );
    for row in &evaluation.rows {
        let _ = writeln!(out, "{}", table_row(row));
    }
    let _ = writeln!(out, "\n## Examples of failures\n");
    for row in &evaluation.rows {
        let mut lines = Vec::new();
        for (name, rate) in row_rates(row) {
            for failure in &rate.failures {
                lines.push(format!("- {name}: {failure}"));
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(
                out,
                "**{} / {}**\n\n{}\n",
                row.profession,
                row.persona.name(),
                lines.join("\n")
            );
        }
    }
    out
}

fn row_rates(row: &Row) -> Vec<(&'static str, &Rate)> {
    let mut rates: Vec<(&'static str, &Rate)> = row
        .listening
        .iter()
        .map(|listening| ("listening", listening))
        .collect();
    if let Some(noticed) = &row.off_topic_noticed {
        rates.push(("off-topic noticed", noticed));
    }
    rates.extend([
        ("grounding", &row.grounding),
        ("shape", &row.shape),
        ("report", &row.report),
    ]);
    rates
}

fn table_row(row: &Row) -> String {
    let score = row
        .score
        .map_or_else(|| "n/e".to_owned(), |score| score.to_string());
    let mark = if row.in_band { "✓" } else { "✗" };
    let listening = match (&row.listening, &row.off_topic_noticed) {
        (Some(listening), _) => listening.display(),
        (None, Some(noticed)) => format!("off-topic noticed: {}", noticed.display()),
        (None, None) => "–".to_owned(),
    };
    format!(
        "| {} | {} | {score} {mark} | {} | {listening} | {} | {} | {} |",
        row.profession,
        row.persona.name(),
        row.band,
        row.grounding.display(),
        row.shape.display(),
        row.report.display()
    )
}
