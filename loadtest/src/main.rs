//! The load benchmark of issue 4: N concurrent interviews against the server binary, which
//! talks to a local fake LLM provider with a fixed latency. One phase per latency, each with a
//! fresh server process; the figures go to a table on stdout and to a JSON report.
//!
//! The exit code is 0 only when every phase passed (no errors, no lost or duplicated answers,
//! every question from the provider), 1 when a phase failed, 2 when the benchmark could not
//! run at all.

mod attribution;
mod fake_provider;
mod options;
mod procfs;
mod report;
mod scenario;
mod server_process;
mod texts;
mod verify;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use attribution::ProviderLedger;
use fake_provider::FakeProvider;
use options::Options;
use report::{Cpu, Memory, PhaseReport, Report};
use scenario::Scenario;
use server_process::{ServerProcess, ServerSettings};

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

    let mut phases = Vec::new();
    for &latency in &options.latencies {
        eprintln!(
            "phase: {} users, provider latency {} ms ...",
            options.users,
            latency.as_millis()
        );
        match run_phase(&options, latency, &output_dir).await {
            Ok(phase) => {
                eprintln!(
                    "phase: done, {:.1} answers/s, {} errors",
                    phase.answers_per_second, phase.errors
                );
                phases.push(phase);
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        }
    }

    let passed = phases.iter().all(|phase| phase.passed);
    let report = Report {
        generated_unix_seconds: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs()),
        server_binary: options.server_bin.display().to_string(),
        users: options.users,
        question_count: options.question_count,
        database_max_connections: options.database_max_connections,
        method: report::METHOD,
        phases: &phases,
        passed,
    };
    report.print_table();
    if let Err(error) = report.write_json(&options.report) {
        eprintln!("error: writing the report: {error}");
        return ExitCode::from(2);
    }
    println!("\nJSON report: {}", options.report.display());
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One latency setting: a fake provider and a server of its own, the users, the memory peak.
async fn run_phase(
    options: &Options,
    latency: Duration,
    output_dir: &Path,
) -> Result<PhaseReport, String> {
    let ledger = Arc::new(ProviderLedger::new(options.users));
    let fake = FakeProvider::start(latency, ledger.clone())
        .map_err(|e| format!("cannot start the fake provider: {e}"))?;
    let log_path = output_dir.join(format!("loadtest-server-{}ms.log", latency.as_millis()));
    let server = ServerProcess::start(&ServerSettings {
        binary: &options.server_bin,
        database_url: &options.database_url,
        database_max_connections: options.database_max_connections,
        provider_base_url: fake.base_url(),
        provider_model: fake_provider::MODEL,
        log_path,
    })
    .await?;
    let rss_at_ready_kib = server.rss_kib()?;
    let server_cpu_before = server.cpu_seconds()?;
    let own_cpu_before = procfs::cpu_seconds("self")?;
    let scenario = Scenario {
        base_url: server.base_url().to_owned(),
        users: options.users,
        question_count: options.question_count,
    };
    let run = scenario::run(&scenario, ledger).await;
    // Read before stopping: the high-water mark is gone with the process.
    let peak_rss_kib = server.peak_rss_kib()?;
    let cpu = Cpu {
        server_seconds: server.cpu_seconds()? - server_cpu_before,
        load_generator_seconds: procfs::cpu_seconds("self")? - own_cpu_before,
    };
    let log_path = server.log_path().to_owned();
    server.stop().await;
    let calls = fake.counts();
    drop(fake);
    Ok(PhaseReport::new(
        latency,
        options.question_count,
        &run,
        calls,
        Memory {
            peak_rss_kib,
            rss_at_ready_kib,
        },
        cpu,
        &log_path,
    ))
}
