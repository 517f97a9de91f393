//! The load benchmarks of issues 4 and 7, against the server binary with its offline coach or
//! a local fake LLM provider with a fixed latency:
//! - the burst: N concurrent interviews answered at once, only the answering timed;
//! - the soak (`--soak-seconds`): N users running full interviews back to back for minutes,
//!   with the server's memory sampled as it runs;
//! - the render (`--render-views`): the server's CPU per view of the server-rendered pages.
//!
//! One phase per interviewer, each with a fresh server process; the figures go to a table on
//! stdout and to a JSON report. The exit code is 0 only when every phase passed (no errors, no
//! lost or duplicated answers, every question and report from the phase's interviewer), 1 when
//! a phase failed, 2 when the benchmark could not run at all.

mod attribution;
mod burst;
mod fake_provider;
mod figures;
mod harness;
mod interviewer;
mod options;
mod render;
mod report;
mod sampler;
mod soak;
mod soak_report;
mod steps;
mod table;
mod texts;
mod verify;

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use burst::Scenario;
use harness::Harness;
use interviewer::Interviewer;
use options::{Mode, Options};
use report::{PhaseReport, Report};
use sampler::Sampler;
use soak::Soak;
use soak_report::SoakPhaseReport;

#[tokio::main]
async fn main() -> ExitCode {
    let options = match options::parse(std::env::args().skip(1), |name| std::env::var(name).ok()) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{}", options::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    if !options.server_bin.is_file() {
        eprintln!(
            "error: no server binary at {}; build it first (`make build` for the release build) \
             or point --server-bin / SERVER_BIN at one (e.g. target/debug/server)",
            options.server_bin.display()
        );
        return ExitCode::from(2);
    }
    let output_dir = options
        .report
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    if let Err(error) = std::fs::create_dir_all(&output_dir) {
        eprintln!("error: {}: {error}", output_dir.display());
        return ExitCode::from(2);
    }
    let result = match options.mode {
        Mode::Burst => burst_benchmark(&options, &output_dir).await,
        Mode::Soak { duration } => soak_benchmark(&options, duration, &output_dir).await,
        Mode::Render { views } => render::run(&options, views, &output_dir).await,
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Every phase of the burst, then its table and report. `Ok(passed)`.
async fn burst_benchmark(options: &Options, output_dir: &Path) -> Result<bool, String> {
    let mut phases = Vec::new();
    for &interviewer in &options.phases {
        eprintln!(
            "phase: {} users, {} ...",
            options.users,
            interviewer.label()
        );
        let phase = burst_phase(options, interviewer, output_dir).await?;
        eprintln!(
            "phase: done, {:.1} answers/s, {} errors",
            phase.answers_per_second, phase.errors
        );
        phases.push(phase);
    }
    Report::new(options, report::METHOD, &phases).publish(&options.report)
}

async fn burst_phase(
    options: &Options,
    interviewer: Interviewer,
    output_dir: &Path,
) -> Result<PhaseReport, String> {
    let log_path = output_dir.join(format!("loadtest-server-{}.log", interviewer.slug()));
    let harness = Harness::start(options, interviewer, log_path).await?;
    let scenario = Scenario {
        base_url: harness.base_url().to_owned(),
        users: options.users,
        question_count: options.question_count,
    };
    let run = burst::run(&scenario, harness.ledger.clone()).await;
    let measured = harness.stop().await?;
    Ok(PhaseReport::new(
        interviewer,
        options.question_count,
        &run,
        &measured,
    ))
}

/// Every phase of the soak, then its table and report. `Ok(passed)`.
async fn soak_benchmark(
    options: &Options,
    duration: Duration,
    output_dir: &Path,
) -> Result<bool, String> {
    let mut phases = Vec::new();
    for &interviewer in &options.phases {
        eprintln!(
            "soak: {} users, {}, {} s ...",
            options.users,
            interviewer.label(),
            duration.as_secs()
        );
        let phase = soak_phase(options, interviewer, duration, output_dir).await?;
        eprintln!(
            "soak: done, {} interviews, {:.1} answers/s, {} errors, {} lost, {} duplicated",
            phase.interviews_completed,
            phase.answers_per_second,
            phase.errors,
            phase.lost_answers,
            phase.duplicated_answers
        );
        phases.push(phase);
    }
    Report::new(options, soak_report::METHOD, &phases).publish(&options.report)
}

async fn soak_phase(
    options: &Options,
    interviewer: Interviewer,
    duration: Duration,
    output_dir: &Path,
) -> Result<SoakPhaseReport, String> {
    let log_path = output_dir.join(format!("loadtest-soak-server-{}.log", interviewer.slug()));
    let harness = Harness::start(options, interviewer, log_path).await?;
    let soak = Soak {
        base_url: harness.base_url().to_owned(),
        users: options.users,
        question_count: options.question_count,
        duration,
        report_author: match interviewer {
            Interviewer::OfflineCoach => verify::OFFLINE_AUTHOR,
            Interviewer::FakeProvider { .. } => verify::PROVIDER_AUTHOR,
        },
    };
    let sampler = Sampler::start(harness.server_pid(), options.sample_interval);
    let loaded = soak::load(&soak, harness.ledger.clone()).await;
    // Sampling covers the load only; the verification after it is a different workload.
    let samples = sampler.finish().await;
    let run = soak::verify(loaded, &soak).await;
    let measured = harness.stop().await?;
    Ok(SoakPhaseReport::new(
        interviewer,
        options.question_count,
        duration,
        options.sample_interval,
        &run,
        samples,
        &measured,
    ))
}
