//! The burst's report: turns what a phase saw into figures, prints them as a table and
//! writes them as JSON.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::burst::PhaseRun;
use crate::figures::{mib, per_second, Percentiles};
use crate::harness::{Cpu, Measured};
use crate::interviewer::Interviewer;
use crate::options::Options;
use crate::steps::AnswerTiming;
use crate::table::{row, wrap, write_json};

/// How the server-side latency is obtained; printed under the table and stored in the JSON.
pub const METHOD: &str = "Server-side latency = client-observed latency of each answer request minus the time the fake provider spent handling the calls the server made for that user during that request (its handler's time from receiving the request body to returning the response: the configured latency plus building the reply). Calls are attributed by a user tag in the company name, which the server puts in the system prompt; a user answers one question at a time, so every call charged to it during a request belongs to that request. What remains includes the server's own HTTP client to the provider and both loopback hops, so it is an upper bound on the server's time. Throughput is answers acknowledged divided by the answering phase (all users start answering together after set-up; set-up is not measured).";

#[derive(Debug, Serialize)]
pub struct ProviderCalls {
    pub total: u64,
    /// One for the first question and one after every answer but the last; 0 for the
    /// offline coach.
    pub expected: u64,
    /// Calls made while an answer request was in flight.
    pub during_answers: u64,
    pub streamed: u64,
    /// Calls to other paths or with broken bodies.
    pub unexpected: u64,
    /// Calls whose prompt carried no user tag, so their time could not be subtracted.
    pub unattributed: u64,
}

#[derive(Debug, Serialize)]
pub struct PhaseReport {
    /// `offline coach` or `provider <latency> ms`.
    pub interviewer: String,
    /// `None` for the offline coach.
    pub provider_latency_ms: Option<u64>,
    pub users: usize,
    pub question_count: u8,
    pub answers_ok: usize,
    pub answers_expected: usize,
    pub setup_seconds: f64,
    pub answering_seconds: f64,
    pub answers_per_second: f64,
    /// The most answers per second the provider's latency allows: every interview needs
    /// `question_count - 1` sequential provider calls while answering. `None` at 0 ms and
    /// for the offline coach.
    pub provider_bound_answers_per_second: Option<f64>,
    /// `answers_per_second` as a share of that bound (1.0 = entirely provider-bound).
    pub share_of_provider_bound: Option<f64>,
    pub client_latency: Percentiles,
    pub server_latency_excluding_provider: Percentiles,
    pub provider_time_per_answer: Percentiles,
    pub errors: usize,
    pub error_samples: Vec<String>,
    pub interviews_intact: usize,
    pub lost_answers: usize,
    pub duplicated_answers: usize,
    pub verification_problems: Vec<String>,
    /// Questions the offline coach asked in a provider phase (the provider's replies failed
    /// or were refused); not counted in the offline coach's own phase.
    pub offline_fallback_questions: usize,
    pub provider_calls: ProviderCalls,
    /// `VmHWM` of the server process after the phase, in MiB.
    pub peak_rss_mib: f64,
    /// `VmRSS` right after start-up, for comparison.
    pub rss_at_ready_mib: f64,
    /// CPU seconds over the whole phase; with the phase's wall time they show whether the
    /// server or the load generator ran out of processor.
    pub cpu: Cpu,
    pub server_log: String,
    pub passed: bool,
}

const SAMPLES: usize = 10;

impl PhaseReport {
    pub fn new(
        interviewer: Interviewer,
        question_count: u8,
        run: &PhaseRun,
        measured: &Measured,
    ) -> Self {
        let latency = interviewer.provider_latency();
        let calls = measured.calls;
        let users = run.users.len();
        let timings: Vec<&AnswerTiming> = run.users.iter().flat_map(|u| &u.answers).collect();
        let answers_ok = timings.len();
        let answers_expected = users * usize::from(question_count);
        let answering_seconds = run.answering.as_secs_f64();
        let answers_per_second = per_second(answers_ok, run.answering);
        let provider_bound = latency
            .filter(|latency| !latency.is_zero() && question_count > 1)
            .map(|latency| {
                answers_expected as f64 / (f64::from(question_count - 1) * latency.as_secs_f64())
            });
        let errors: Vec<&String> = run.users.iter().flat_map(|u| &u.errors).collect();
        let verifications: Vec<_> = run
            .users
            .iter()
            .filter_map(|u| u.verification.as_ref())
            .collect();
        let interviews_intact = verifications.iter().filter(|v| v.intact).count();
        let lost_answers = verifications.iter().map(|v| v.lost).sum();
        let duplicated_answers = verifications.iter().map(|v| v.duplicated).sum();
        let offline_fallback_questions = if latency.is_some() {
            verifications.iter().map(|v| v.offline_questions).sum()
        } else {
            0
        };
        let verification_problems = verifications
            .iter()
            .flat_map(|v| &v.problems)
            .take(SAMPLES)
            .cloned()
            .collect();
        let provider_calls = ProviderCalls {
            total: calls.total,
            expected: if latency.is_some() {
                answers_expected as u64
            } else {
                0
            },
            during_answers: timings.iter().map(|t| t.provider_calls).sum(),
            streamed: calls.streamed,
            unexpected: calls.unexpected,
            unattributed: calls.unattributed,
        };
        let passed = errors.is_empty()
            && answers_ok == answers_expected
            && interviews_intact == users
            && offline_fallback_questions == 0
            && calls.unexpected == 0
            && calls.unattributed == 0;
        Self {
            interviewer: interviewer.label(),
            provider_latency_ms: latency
                .map(|latency| u64::try_from(latency.as_millis()).unwrap_or(u64::MAX)),
            users,
            question_count,
            answers_ok,
            answers_expected,
            setup_seconds: run.setup.as_secs_f64(),
            answering_seconds,
            answers_per_second,
            provider_bound_answers_per_second: provider_bound,
            share_of_provider_bound: provider_bound.map(|bound| answers_per_second / bound),
            client_latency: Percentiles::of(timings.iter().map(|t| t.client).collect()),
            server_latency_excluding_provider: Percentiles::of(
                timings.iter().map(|t| t.server()).collect(),
            ),
            provider_time_per_answer: Percentiles::of(timings.iter().map(|t| t.provider).collect()),
            errors: errors.len(),
            error_samples: errors.into_iter().take(SAMPLES).cloned().collect(),
            interviews_intact,
            lost_answers,
            duplicated_answers,
            verification_problems,
            offline_fallback_questions,
            provider_calls,
            peak_rss_mib: mib(measured.memory.peak_rss_kib),
            rss_at_ready_mib: mib(measured.memory.rss_at_ready_kib),
            cpu: measured.cpu,
            server_log: measured.server_log.display().to_string(),
            passed,
        }
    }
}

/// The JSON report of a run, burst or soak: the run's settings and one entry per phase.
#[derive(Debug, Serialize)]
pub struct Report<'a, P> {
    pub generated_unix_seconds: u64,
    pub server_binary: String,
    pub users: usize,
    pub question_count: u8,
    pub database_max_connections: u32,
    pub method: &'static str,
    pub phases: &'a [P],
    pub passed: bool,
}

/// What the report needs of a phase besides its figures: the printed table has a column per
/// phase, a row per figure, and the failures under it.
pub trait Phase: Sized + 'static {
    /// The table's rows: a label and how to print one phase's value.
    const ROWS: &'static [Row<Self>];
    /// The column heading: which interviewer the phase ran.
    fn interviewer(&self) -> &str;
    fn passed(&self) -> bool;
    /// The line above the table.
    fn title(report: &Report<'_, Self>) -> String;
    /// What to print under the table, before the method (nothing unless a kind needs it).
    fn print_details(_report: &Report<'_, Self>) {}
    /// What went wrong in this phase, when it failed.
    fn print_failure(&self);
}

impl<'a, P: Phase + Serialize> Report<'a, P> {
    /// The report of `phases` run with `options`; passed when every phase passed.
    pub fn new(options: &Options, method: &'static str, phases: &'a [P]) -> Self {
        Self {
            generated_unix_seconds: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs()),
            server_binary: options.server_bin.display().to_string(),
            users: options.users,
            question_count: options.question_count,
            database_max_connections: options.database_max_connections,
            method,
            phases,
            passed: phases.iter().all(Phase::passed),
        }
    }

    /// Prints the table and writes the JSON to `path`; `Ok(passed)`.
    pub fn publish(&self, path: &Path) -> Result<bool, String> {
        self.print_table();
        write_json(self, path).map_err(|e| format!("writing the report: {e}"))?;
        println!("\nJSON report: {}", path.display());
        Ok(self.passed)
    }

    /// The human-readable table: a column per phase, then the method and any failures.
    pub fn print_table(&self) {
        println!();
        println!("{}", P::title(self));
        let header: Vec<String> = self
            .phases
            .iter()
            .map(|p| p.interviewer().to_owned())
            .collect();
        row("", &header);
        for (label, value) in P::ROWS {
            let values: Vec<String> = self.phases.iter().map(value).collect();
            row(label, &values);
        }
        let verdicts: Vec<String> = self
            .phases
            .iter()
            .map(|p| if p.passed() { "PASS" } else { "FAIL" }.to_owned())
            .collect();
        row("result", &verdicts);
        P::print_details(self);
        println!();
        println!("{}", wrap(self.method, 100));
        for phase in self.phases.iter().filter(|p| !p.passed()) {
            phase.print_failure();
        }
    }
}

impl Phase for PhaseReport {
    const ROWS: &'static [Row<Self>] = &ROWS;

    fn interviewer(&self) -> &str {
        &self.interviewer
    }

    fn passed(&self) -> bool {
        self.passed
    }

    fn title(report: &Report<'_, Self>) -> String {
        format!(
            "Load test: {} concurrent interviews x {} answers against {} (pool {})",
            report.users,
            report.question_count,
            report.server_binary,
            report.database_max_connections
        )
    }

    fn print_failure(&self) {
        println!();
        println!(
            "{} failed (server log: {}):",
            self.interviewer, self.server_log
        );
        for line in self.error_samples.iter().chain(&self.verification_problems) {
            println!("  - {line}");
        }
        if self.answers_ok < self.answers_expected {
            println!(
                "  - {} of {} answers acknowledged",
                self.answers_ok, self.answers_expected
            );
        }
        if self.offline_fallback_questions > 0 {
            println!(
            "  - {} questions came from the offline coach: the provider's replies failed or were refused (see the server log)",
            self.offline_fallback_questions
        );
        }
        let calls = &self.provider_calls;
        if calls.unexpected > 0 || calls.unattributed > 0 {
            println!(
                "  - provider calls unexpected: {}, without a user tag: {}",
                calls.unexpected, calls.unattributed
            );
        }
    }
}

const ROWS: [Row<PhaseReport>; 17] = [
    ("answers ok / expected", |p| {
        format!("{} / {}", p.answers_ok, p.answers_expected)
    }),
    ("set-up phase (s, not measured)", |p| {
        format!("{:.2}", p.setup_seconds)
    }),
    ("answering phase (s)", |p| {
        format!("{:.2}", p.answering_seconds)
    }),
    ("answers per second", |p| {
        format!("{:.1}", p.answers_per_second)
    }),
    ("provider-bound max (answers/s)", |p| {
        p.provider_bound_answers_per_second
            .map_or("-".into(), |bound| format!("{bound:.1}"))
    }),
    ("share of provider-bound max", |p| {
        p.share_of_provider_bound
            .map_or("-".into(), |share| format!("{:.1} %", share * 100.0))
    }),
    ("client p50 / p99 (ms)", |p| pair(&p.client_latency)),
    ("server p50 / p99 excl. provider (ms)", |p| {
        pair(&p.server_latency_excluding_provider)
    }),
    ("server max excl. provider (ms)", |p| {
        format!("{:.1}", p.server_latency_excluding_provider.max_ms)
    }),
    ("provider time p50 per answer (ms)", |p| {
        format!("{:.1}", p.provider_time_per_answer.p50_ms)
    }),
    ("errors (non-2xx or transport)", |p| p.errors.to_string()),
    ("interviews intact", |p| {
        format!("{} / {}", p.interviews_intact, p.users)
    }),
    ("answers lost / duplicated", |p| {
        format!("{} / {}", p.lost_answers, p.duplicated_answers)
    }),
    ("offline-coach fallback questions", |p| {
        p.offline_fallback_questions.to_string()
    }),
    ("provider calls made / expected", |p| {
        format!("{} / {}", p.provider_calls.total, p.provider_calls.expected)
    }),
    ("peak RSS, VmHWM (MiB)", |p| {
        format!("{:.1} (at ready {:.1})", p.peak_rss_mib, p.rss_at_ready_mib)
    }),
    ("CPU s, whole phase: server / loadgen", |p| {
        format!(
            "{:.1} / {:.1}",
            p.cpu.server_seconds, p.cpu.load_generator_seconds
        )
    }),
];

/// A table row: its label and how to print one phase's value.
pub type Row<P> = (&'static str, fn(&P) -> String);

fn pair(p: &Percentiles) -> String {
    format!("{:.1} / {:.1}", p.p50_ms, p.p99_ms)
}
