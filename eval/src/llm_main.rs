//! `eval-llm` (run by `make eval-llm`, see `scripts/eval-llm.sh`): the chosen pairs and
//! personas interviewed through a running app server, whose interviewer is a real model.
//! Writes `target/eval/llm-<label>.json` and `.md` and prints the Markdown. Fails when an
//! interview did not complete or a response was a 408 or 5xx.

use std::path::Path;
use std::process::ExitCode;

use eval::llm::drive::drive;
use eval::llm::figures::{measure, pool};
use eval::llm::options::parse;
use eval::llm::table::{markdown, Run};
use eval::pairs::{default_dir, load};

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("eval-llm: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut pairs = Vec::new();
    for name in &options.pairs {
        match load(&default_dir().join(name)) {
            Ok(pair) => pairs.push(pair),
            Err(error) => {
                eprintln!("eval-llm: pair {name}: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("eval-llm: {error}");
            return ExitCode::FAILURE;
        }
    };
    let database_url = std::env::var("DATABASE_URL").ok();
    let mut rows = Vec::new();
    for pair in &pairs {
        for &persona in &options.personas {
            eprintln!(
                "eval-llm [{}]: {} / {} …",
                options.label,
                pair.name,
                persona.name()
            );
            let driven = runtime.block_on(drive(&options, pair, persona, database_url.as_deref()));
            for error in &driven.errors {
                eprintln!("eval-llm [{}]:   {error}", options.label);
            }
            rows.push(measure(pair, &driven, options.questions));
        }
    }
    let pooled = pool(&rows, options.questions);
    let markdown = markdown(&Run {
        label: &options.label,
        questions: options.questions,
        streamed: options.browser_paths.is_some(),
        pooled: &pooled,
        rows: &rows,
    });
    let project = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let out = project.join("target/eval");
    let stem = format!("llm-{}", options.label);
    let json = serde_json::json!({
        "label": options.label,
        "questions": options.questions,
        "summary": pooled,
        "interviews": rows,
    });
    let written = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join(format!("{stem}.md")), &markdown))
        .and_then(|()| {
            let json = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
            std::fs::write(out.join(format!("{stem}.json")), json)
        });
    if let Err(error) = written {
        eprintln!("eval-llm: cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    println!("{markdown}");
    println!("Written to {}/{stem}.{{md,json}}", out.display());
    if pooled.completed == pooled.interviews && pooled.bad_statuses == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
