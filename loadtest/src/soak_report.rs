//! The soak's report: per phase, what was done (interviews, answers, requests), whether
//! anything went wrong (errors, lost or duplicated answers, broken reports or histories),
//! how fast (throughput, latency) and what it cost (memory over time, CPU). Printed as a
//! table and written as JSON.

use std::time::Duration;

use serde::Serialize;

use crate::figures::{mib, per_second, Percentiles};
use crate::harness::{Cpu, Measured};
use crate::interviewer::Interviewer;
use crate::report::{Phase, Report, Row};
use crate::sampler::{MemoryTrend, Sample};
use crate::soak::{SoakRun, UserSoak};

/// How to read the figures; printed under the table and stored in the JSON.
pub const METHOD: &str = "Each virtual user (its own cookie, so its own owner) runs full interviews back to back: create, paste a CV and a job description, start, answer every question as soon as it arrives, ask for the report and poll for it every second as the feedback page does. No interview starts after the soak time; the ones in hand are finished (the drain). Throughput is answers acknowledged, and interviews completed with their report, divided by the load time (soak plus drain). Latency is that of answer requests as the client saw it; with the fake provider, \"excl. provider\" subtracts the provider's time for that request. Report wait runs from asking for the report to the response carrying it, so it includes the queue: each server instance writes FEEDBACK_WORKERS reports at a time (default 4). After the load each user reads back its history, every interview's transcript and every report: an answer acknowledged but not stored where it was sent is lost, one stored beyond those sent is duplicated. RSS is sampled at a fixed interval during the load; growth after warm-up compares the first sample after a quarter of the load time with the last.";

/// Problems and errors kept as examples in the report.
const SAMPLES: usize = 10;

#[derive(Debug, Serialize)]
pub struct SoakPhaseReport {
    /// `offline coach` or `provider <latency> ms`.
    pub interviewer: String,
    pub provider_latency_ms: Option<u64>,
    pub users: usize,
    pub soak_seconds: f64,
    /// Soak plus drain: until the last interview in hand had its report.
    pub load_seconds: f64,
    pub verification_seconds: f64,
    pub interviews_started: usize,
    pub interviews_completed: usize,
    pub answers_acknowledged: usize,
    /// Every request of the load (not those of the verification).
    pub requests_sent: u64,
    pub verification_requests: u64,
    pub answers_per_second: f64,
    pub interviews_per_minute: f64,
    pub answer_latency: Percentiles,
    /// `None` for the offline coach (there is no provider time to subtract).
    pub answer_latency_excluding_provider: Option<Percentiles>,
    pub report_wait: Percentiles,
    pub errors: usize,
    /// The distinct errors, each with how often it happened (`22x GET feedback: …`).
    pub error_samples: Vec<String>,
    pub interviews_intact: usize,
    pub reports_intact: usize,
    pub lost_answers: usize,
    pub duplicated_answers: usize,
    /// Questions the offline coach asked in a provider phase (the provider's replies failed
    /// or were refused); not counted in the offline coach's own phase.
    pub offline_fallback_questions: usize,
    pub verification_problems: usize,
    pub verification_problem_samples: Vec<String>,
    pub provider_calls: Option<ProviderCalls>,
    pub memory: MemoryReport,
    pub cpu: CpuReport,
    pub server_log: String,
    pub passed: bool,
}

#[derive(Debug, Serialize)]
pub struct ProviderCalls {
    pub total: u64,
    /// One per question and one per report, for the interviews completed.
    pub expected: u64,
    /// Calls for reports; more than the reports written means one was written twice (or
    /// needed a repair round).
    pub reports: u64,
    pub unexpected: u64,
    pub unattributed: u64,
}

#[derive(Debug, Serialize)]
pub struct MemoryReport {
    pub rss_at_ready_mib: f64,
    /// After the load and its verification, before the server is stopped.
    pub rss_at_end_mib: f64,
    /// `VmHWM`: the highest RSS of the phase.
    pub peak_rss_mib: f64,
    pub trend: Option<MemoryTrend>,
    pub sample_interval_seconds: u64,
    pub samples: Vec<Sample>,
}

#[derive(Debug, Serialize)]
pub struct CpuReport {
    /// Over the whole phase: start-up, load and verification.
    #[serde(flatten)]
    pub seconds: Cpu,
    /// Server CPU seconds per second during the load (from the samples): 2.0 would be both
    /// cores of a two-core machine.
    pub server_cores_busy_during_load: Option<f64>,
}

impl SoakPhaseReport {
    pub fn new(
        interviewer: Interviewer,
        question_count: u8,
        soak: Duration,
        sample_interval: Duration,
        run: &SoakRun,
        samples: Vec<Sample>,
        measured: &Measured,
    ) -> Self {
        let latency = interviewer.provider_latency();
        let users = &run.users;
        let sum = |count: fn(&UserSoak) -> usize| users.iter().map(count).sum::<usize>();
        let interviews_started = sum(|u| u.interviews_started);
        let interviews_completed = sum(|u| u.interviews_completed);
        let interviews_intact = sum(|u| u.check.interviews_intact);
        let reports_intact = sum(|u| u.check.reports_intact);
        let lost_answers = sum(|u| u.check.lost_answers);
        let duplicated_answers = sum(|u| u.check.duplicated_answers);
        let offline_fallback_questions = if latency.is_some() {
            sum(|u| u.check.offline_questions)
        } else {
            0
        };
        let answers: Vec<_> = users.iter().flat_map(|u| &u.answers).collect();
        let errors: Vec<&String> = users.iter().flat_map(|u| &u.errors).collect();
        let problems: Vec<&String> = users.iter().flat_map(|u| &u.check.problems).collect();
        let calls = measured.calls;
        let cores_busy = cores_busy(&samples);
        let provider_calls = latency.map(|_| ProviderCalls {
            total: calls.total,
            expected: interviews_completed as u64 * (u64::from(question_count) + 1),
            reports: calls.reports,
            unexpected: calls.unexpected,
            unattributed: calls.unattributed,
        });
        let provider_calls_ok = provider_calls.as_ref().is_none_or(|calls| {
            calls.reports == reports_intact as u64
                && calls.unexpected == 0
                && calls.unattributed == 0
        });
        let passed = errors.is_empty()
            && problems.is_empty()
            && interviews_completed > 0
            && interviews_intact == interviews_started
            && reports_intact == interviews_completed
            && lost_answers == 0
            && duplicated_answers == 0
            && offline_fallback_questions == 0
            && provider_calls_ok;
        Self {
            interviewer: interviewer.label(),
            provider_latency_ms: latency
                .map(|latency| u64::try_from(latency.as_millis()).unwrap_or(u64::MAX)),
            users: users.len(),
            soak_seconds: soak.as_secs_f64(),
            load_seconds: run.load.as_secs_f64(),
            verification_seconds: run.verification.as_secs_f64(),
            interviews_started,
            interviews_completed,
            answers_acknowledged: answers.len(),
            requests_sent: users.iter().map(|u| u.requests).sum(),
            verification_requests: users.iter().map(|u| u.check.requests).sum(),
            answers_per_second: per_second(answers.len(), run.load),
            interviews_per_minute: per_second(interviews_completed, run.load) * 60.0,
            answer_latency: Percentiles::of(answers.iter().map(|a| a.client).collect()),
            answer_latency_excluding_provider: latency
                .map(|_| Percentiles::of(answers.iter().map(|a| a.server()).collect())),
            report_wait: Percentiles::of(
                users
                    .iter()
                    .flat_map(|u| u.report_waits.iter().copied())
                    .collect(),
            ),
            errors: errors.len(),
            error_samples: tally(&errors).into_iter().take(SAMPLES).collect(),
            interviews_intact,
            reports_intact,
            lost_answers,
            duplicated_answers,
            offline_fallback_questions,
            verification_problems: problems.len(),
            verification_problem_samples: problems.into_iter().take(SAMPLES).cloned().collect(),
            provider_calls,
            memory: MemoryReport {
                rss_at_ready_mib: mib(measured.memory.rss_at_ready_kib),
                rss_at_end_mib: mib(measured.memory.rss_at_end_kib),
                peak_rss_mib: mib(measured.memory.peak_rss_kib),
                trend: MemoryTrend::of(&samples),
                sample_interval_seconds: sample_interval.as_secs(),
                samples,
            },
            cpu: CpuReport {
                seconds: measured.cpu,
                server_cores_busy_during_load: cores_busy,
            },
            server_log: measured.server_log.display().to_string(),
            passed,
        }
    }
}

impl Phase for SoakPhaseReport {
    const ROWS: &'static [Row<Self>] = &ROWS;

    fn interviewer(&self) -> &str {
        &self.interviewer
    }

    fn passed(&self) -> bool {
        self.passed
    }

    fn title(report: &Report<'_, Self>) -> String {
        format!(
            "Soak: {} users running full interviews ({} questions) against {} (pool {})",
            report.users,
            report.question_count,
            report.server_binary,
            report.database_max_connections
        )
    }

    /// The memory series of each phase, sampled during the load.
    fn print_details(report: &Report<'_, Self>) {
        for phase in report.phases {
            let series: Vec<String> = phase
                .memory
                .samples
                .iter()
                .map(|s| format!("{:.0}", s.rss_mib))
                .collect();
            println!(
                "\n{}: RSS every {} s (MiB): {}",
                phase.interviewer,
                phase.memory.sample_interval_seconds,
                series.join(" ")
            );
        }
    }

    fn print_failure(&self) {
        println!();
        println!(
            "{} failed (server log: {}):",
            self.interviewer, self.server_log
        );
        for line in self
            .error_samples
            .iter()
            .chain(&self.verification_problem_samples)
        {
            println!("  - {line}");
        }
        if self.interviews_completed == 0 {
            println!("  - no interview was completed");
        }
        if self.offline_fallback_questions > 0 {
            println!(
                "  - {} questions came from the offline coach: the provider's replies failed or were refused (see the server log)",
                self.offline_fallback_questions
            );
        }
        if let Some(calls) = &self.provider_calls {
            if calls.reports != self.reports_intact as u64 {
                println!(
                    "  - {} report calls for {} reports",
                    calls.reports, self.reports_intact
                );
            }
        }
    }
}

const ROWS: [Row<SoakPhaseReport>; 18] = [
    ("soak + drain (s)", |p| {
        format!(
            "{:.0} + {:.0}",
            p.soak_seconds,
            p.load_seconds - p.soak_seconds
        )
    }),
    ("interviews completed / started", |p| {
        format!("{} / {}", p.interviews_completed, p.interviews_started)
    }),
    ("answers acknowledged", |p| {
        p.answers_acknowledged.to_string()
    }),
    ("requests sent (load)", |p| p.requests_sent.to_string()),
    ("answers per second", |p| {
        format!("{:.1}", p.answers_per_second)
    }),
    ("interviews per minute", |p| {
        format!("{:.1}", p.interviews_per_minute)
    }),
    ("answer p50 / p99 / max (ms)", |p| triple(&p.answer_latency)),
    ("  excl. provider (ms)", |p| {
        p.answer_latency_excluding_provider
            .as_ref()
            .map_or("-".into(), triple)
    }),
    ("report wait p50 / p99 / max (ms)", |p| {
        triple(&p.report_wait)
    }),
    ("errors (non-2xx or transport)", |p| p.errors.to_string()),
    ("answers lost / duplicated", |p| {
        format!("{} / {}", p.lost_answers, p.duplicated_answers)
    }),
    ("interviews / reports intact", |p| {
        format!("{} / {}", p.interviews_intact, p.reports_intact)
    }),
    ("verification problems", |p| {
        p.verification_problems.to_string()
    }),
    ("provider calls / expected / reports", |p| {
        p.provider_calls.as_ref().map_or("-".into(), |c| {
            format!("{} / {} / {}", c.total, c.expected, c.reports)
        })
    }),
    ("RSS ready -> end, peak (MiB)", |p| {
        format!(
            "{:.1} -> {:.1}, {:.1}",
            p.memory.rss_at_ready_mib, p.memory.rss_at_end_mib, p.memory.peak_rss_mib
        )
    }),
    ("RSS growth after warm-up (MiB)", |p| {
        p.memory.trend.map_or("-".into(), |trend| {
            format!("{:+.1}", trend.growth_after_warm_up_mib)
        })
    }),
    ("CPU s, whole phase: server / loadgen", |p| {
        format!(
            "{:.0} / {:.0}",
            p.cpu.seconds.server_seconds, p.cpu.seconds.load_generator_seconds
        )
    }),
    ("server cores busy during load", |p| {
        p.cpu
            .server_cores_busy_during_load
            .map_or("-".into(), |cores| format!("{cores:.2}"))
    }),
];

fn triple(p: &Percentiles) -> String {
    format!("{:.0} / {:.0} / {:.0}", p.p50_ms, p.p99_ms, p.max_ms)
}

/// Identical messages once each, counted, in the order they first appeared: a hundred users
/// hitting the same bug should read as one line.
fn tally(messages: &[&String]) -> Vec<String> {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for message in messages {
        match counted.iter_mut().find(|(seen, _)| seen == message) {
            Some((_, count)) => *count += 1,
            None => counted.push((message, 1)),
        }
    }
    counted
        .into_iter()
        .map(|(message, count)| format!("{count}x {message}"))
        .collect()
}

/// Server CPU seconds per second over the sampled load.
fn cores_busy(samples: &[Sample]) -> Option<f64> {
    let last = samples.last().filter(|last| last.at_seconds > 0.0)?;
    Some((last.server_cpu_seconds / last.at_seconds * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_errors_are_counted_once() {
        let (a, b) = ("HTTP 500".to_owned(), "timeout".to_owned());
        assert_eq!(tally(&[&a, &b, &a]), ["2x HTTP 500", "1x timeout"]);
        assert!(tally(&[]).is_empty());
    }

    #[test]
    fn cores_busy_is_cpu_seconds_per_second_of_load() {
        let sample = |at_seconds, server_cpu_seconds| Sample {
            at_seconds,
            rss_mib: 40.0,
            server_cpu_seconds,
        };
        assert_eq!(
            cores_busy(&[sample(0.0, 0.0), sample(60.0, 45.0)]),
            Some(0.75)
        );
        assert_eq!(cores_busy(&[sample(0.0, 0.0)]), None);
        assert_eq!(cores_busy(&[]), None);
    }
}
