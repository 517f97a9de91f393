//! `make eval`: every persona over every pair of `testdata/eval`, written to
//! `target/eval/report.json` and `target/eval/report.md`; the Markdown is also printed.

use std::path::Path;
use std::process::ExitCode;

use eval::evaluate::evaluate;
use eval::pairs::{default_dir, load_all};
use eval::personas::Persona;
use eval::table::markdown;

fn main() -> ExitCode {
    let pairs = match load_all(&default_dir()) {
        Ok(pairs) => pairs,
        Err(error) => {
            eprintln!("eval: {error}");
            return ExitCode::FAILURE;
        }
    };
    let evaluation = evaluate(&pairs, &Persona::ALL);
    let markdown = markdown(&evaluation);
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
