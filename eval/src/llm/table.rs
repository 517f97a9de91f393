//! The Markdown of an LLM run: the summary (the figures of `make eval` and the model's own),
//! one row per interview, then the questions as asked and what went wrong.

use std::fmt::Write;

use super::figures::{InterviewFigures, Pooled};
use crate::metrics::Rate;

pub struct Run<'a> {
    pub label: &'a str,
    pub questions: u8,
    pub streamed: bool,
    pub pooled: &'a Pooled,
    pub rows: &'a [InterviewFigures],
}

fn share((part, all): (usize, usize)) -> String {
    if all == 0 {
        return "–".to_owned();
    }
    format!("{:.0} % ({part}/{all})", part as f64 * 100.0 / all as f64)
}

pub fn markdown(run: &Run) -> String {
    let pooled = run.pooled;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# LLM evaluation: {}\n\n{} interviews of {} questions (mixed, mid level) through the app's HTTP API{}. Rates are checks passed of checks made (`eval/src/metrics/`).\n",
        run.label,
        pooled.interviews,
        run.questions,
        if run.streamed {
            ", each question read from the question stream as the browser does"
        } else {
            " (JSON `start`/`answers`: no first-token times)"
        }
    );
    let _ = writeln!(out, "## Summary\n\n| figure | value |\n|---|---|");
    let mut line = |name: &str, value: String| {
        let _ = writeln!(out, "| {name} | {value} |");
    };
    line(
        "interviews completed (every question and a report, no error)",
        format!("{}/{}", pooled.completed, pooled.interviews),
    );
    line(
        "408/5xx responses (or none at all)",
        format!(
            "{} of {} responses",
            pooled.bad_statuses,
            pooled.statuses.values().sum::<usize>()
        ),
    );
    for (persona, (hit, all)) in &pooled.in_band {
        line(&format!("{persona}: score in band"), format!("{hit}/{all}"));
    }
    for (name, rate) in [
        ("listening", &pooled.listening),
        ("off-topic noticed", &pooled.off_topic_noticed),
        ("grounding", &pooled.grounding),
        ("shape", &pooled.shape),
        ("report checks", &pooled.report),
    ] {
        line(name, rate.display());
    }
    line(
        "labelled questions (\"Question 3:\")",
        format!("{} of {}", pooled.labelled, pooled.questions),
    );
    line(
        "repeated questions",
        format!("{} of {}", pooled.repeated, pooled.questions),
    );
    line(
        "questions asked by the model",
        share((
            pooled.asked_by_model,
            pooled.asked_by_model + pooled.asked_offline,
        )),
    );
    line(
        "reports labelled as the model's (not the offline fallback)",
        share(pooled.reports_by_model),
    );
    line(
        "report parts written by the model",
        share(pooled.report_parts),
    );
    line("first token p50 / max", pooled.first_token.display());
    line("per question p50 / max", pooled.question.display());
    line("per report p50 / max", pooled.report_latency.display());
    let statuses: Vec<String> = pooled
        .statuses
        .iter()
        .map(|(status, count)| format!("{status}: {count}"))
        .collect();
    line("HTTP statuses", statuses.join(", "));

    let _ = writeln!(
        out,
        "\n## Per interview\n\n| profession | persona | score | band | listening | grounding | shape | report checks | asked by model | report parts by model | labelled / repeated | first token p50 | report |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for row in run.rows {
        let _ = writeln!(out, "{}", table_row(row));
    }

    let _ = writeln!(out, "\n## Questions and failures\n");
    for row in run.rows {
        let _ = writeln!(
            out,
            "**{} / {}** ({})\n",
            row.profession,
            row.persona.name(),
            row.interview_id.as_deref().unwrap_or("not created")
        );
        for asked in &row.transcript {
            let first = asked
                .first_delta_secs
                .map_or_else(|| "–".to_owned(), |s| format!("{s:.1} s"));
            let _ = writeln!(
                out,
                "{}. [{}, first words {first}, question {:.1} s{}] {}",
                asked.position,
                asked.interviewer.as_deref().unwrap_or("?"),
                asked.question_secs,
                switches(asked.restarts, &asked.handovers),
                one_line(&asked.question)
            );
        }
        let mut failures: Vec<String> = Vec::new();
        for (name, rate) in rates(row) {
            failures.extend(rate.failures.iter().map(|f| format!("- {name}: {f}")));
        }
        if !row.offline_parts.is_empty() {
            failures.push(format!(
                "- report parts the offline coach wrote: {}",
                row.offline_parts.join(", ")
            ));
        }
        failures.extend(
            row.errors
                .iter()
                .map(|e| format!("- error: {}", one_line(e))),
        );
        if !failures.is_empty() {
            let _ = writeln!(out, "\n{}", failures.join("\n"));
        }
        let _ = writeln!(out);
    }
    out
}

fn rates(row: &InterviewFigures) -> Vec<(&'static str, &Rate)> {
    let mut rates = Vec::new();
    if let Some(listening) = &row.listening {
        rates.push(("listening", listening));
    }
    if let Some(noticed) = &row.off_topic_noticed {
        rates.push(("off-topic noticed", noticed));
    }
    rates.push(("grounding", &row.grounding));
    rates.push(("shape", &row.shape));
    if let Some(report) = &row.report {
        rates.push(("report", report));
    }
    rates
}

fn table_row(row: &InterviewFigures) -> String {
    let score = match (row.score, row.in_band) {
        (_, None) => "no report".to_owned(),
        (score, Some(in_band)) => format!(
            "{} {}",
            score.map_or_else(|| "n/e".to_owned(), |s| s.to_string()),
            if in_band { "✓" } else { "✗" }
        ),
    };
    let listening = match (&row.listening, &row.off_topic_noticed) {
        (Some(listening), _) => listening.display(),
        (None, Some(noticed)) => format!("off-topic noticed: {}", noticed.display()),
        (None, None) => "–".to_owned(),
    };
    let report = match (&row.report_provider, row.report_offline_fallback) {
        (Some(provider), Some(fallback)) => format!(
            "{provider}{} in {}",
            if fallback { " (fallback)" } else { "" },
            row.report_secs
                .map_or_else(|| "–".to_owned(), |s| format!("{s:.0} s"))
        ),
        _ => "none".to_owned(),
    };
    let first = super::figures::Spread::of(&row.first_delta_secs);
    format!(
        "| {} | {} | {score} | {} | {listening} | {} | {} | {} | {} | {} | {} / {} | {} | {report} |",
        row.profession,
        row.persona.name(),
        row.band,
        row.grounding.display(),
        row.shape.display(),
        row.report.as_ref().map_or_else(|| "–".to_owned(), Rate::display),
        share((row.asked_by_model, row.asked_by_model + row.asked_offline)),
        row.report_parts.map_or_else(|| "–".to_owned(), share),
        row.labelled,
        row.repeated,
        first.p50.map_or_else(|| "–".to_owned(), |s| format!("{s:.1} s")),
    )
}

/// ", 1 restart, handed over (not_a_question)", or nothing.
fn switches(restarts: usize, handovers: &[String]) -> String {
    let mut out = String::new();
    if restarts > 0 {
        let _ = write!(out, ", {restarts} restart(s)");
    }
    if !handovers.is_empty() {
        let _ = write!(out, ", handed over ({})", handovers.join(", "));
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
