//! Command-line flags, each with an environment variable as the alternative (flags win), so
//! the benchmark can run from a Makefile or CI without quoting gymnastics.

use std::path::PathBuf;
use std::time::Duration;

use crate::interviewer::Interviewer;

pub const USAGE: &str = "\
loadtest: concurrent interviews against the server binary, with its offline coach or a local
fake LLM provider

Usage: loadtest [flags]          (run from the workspace root; DATABASE_URL must be set)

Three modes:
  burst (default)        every user runs one interview; only the answering is timed
  soak (--soak-seconds)  every user runs full interviews back to back (documents, answers,
                         report) until the time is up; memory is sampled as it runs
  render (--render-views N)  one finished interview's pages (interview, report, history)
                         are each rendered N times in a row; the server's CPU per view is
                         reported, and the interview page must stay within 150 µs

  --users N              concurrent users (LOADTEST_USERS, default 200; soak 100)
  --phases LIST          one phase each: `offline` (the server's offline coach, no LLM) or a
                         fake provider latency in ms (LOADTEST_PHASES, default 0,1000;
                         soak offline,1000); --latencies-ms is the older spelling
  --soak-seconds N       soak for N seconds per phase (LOADTEST_SOAK_SECONDS; 0 = burst)
  --sample-seconds N     soak: sample the server's RSS and CPU every N s (LOADTEST_SAMPLE_SECONDS,
                         default 10)
  --questions N          questions per interview, 3..12 (LOADTEST_QUESTIONS, default 8)
  --db-connections N     the server's DATABASE_MAX_CONNECTIONS (LOADTEST_DB_CONNECTIONS, default 20)
  --server-bin PATH      the server binary (SERVER_BIN, default target/release/server)
  --report PATH          JSON report (LOADTEST_REPORT, default target/loadtest-report.json;
                         soak target/loadtest-soak-report.json)
  -h, --help             this text

The server inherits the rest of the environment (SITE_ROOT, LLM_TIMEOUT_SECS, ...) except
what the benchmark sets (LLM_PROVIDERS, OPENAI_*, LLM_REPORT_MODE=whole, RATE_LIMITS=off,
RUST_LOG=warn); its output goes to loadtest-server-<phase>.log
(loadtest-soak-server-<phase>.log) next to the report.";

/// What each virtual user does in a phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One interview per user, all answering at once; only the answering is timed.
    Burst,
    /// Full interviews back to back for `duration`, then the in-flight ones are finished.
    Soak { duration: Duration },
    /// One finished interview's pages rendered `views` times each, one after another.
    Render { views: usize },
}

#[derive(Clone, Debug)]
pub struct Options {
    pub database_url: String,
    pub mode: Mode,
    pub users: usize,
    pub phases: Vec<Interviewer>,
    /// Soak only: how often the server's memory and CPU are sampled.
    pub sample_interval: Duration,
    pub question_count: u8,
    pub database_max_connections: u32,
    pub server_bin: PathBuf,
    pub report: PathBuf,
}

/// `Ok(None)` means help was asked for.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Options>, String> {
    let from_env = |variable: &str| env(variable).filter(|value| !value.trim().is_empty());
    let mut users = from_env("LOADTEST_USERS");
    let mut phases = from_env("LOADTEST_PHASES").or_else(|| from_env("LOADTEST_LATENCIES_MS"));
    let mut soak_seconds = from_env("LOADTEST_SOAK_SECONDS");
    let mut sample_seconds = from_env("LOADTEST_SAMPLE_SECONDS");
    let mut questions = from_env("LOADTEST_QUESTIONS");
    let mut connections = from_env("LOADTEST_DB_CONNECTIONS");
    let mut server_bin = from_env("SERVER_BIN");
    let mut report = from_env("LOADTEST_REPORT");
    let mut render_views = from_env("LOADTEST_RENDER_VIEWS");

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let target = match flag.as_str() {
            "--users" => &mut users,
            // `--latencies-ms` predates the offline phase; a list of numbers means the same.
            "--phases" | "--latencies-ms" => &mut phases,
            "--soak-seconds" => &mut soak_seconds,
            "--sample-seconds" => &mut sample_seconds,
            "--questions" => &mut questions,
            "--db-connections" => &mut connections,
            "--server-bin" => &mut server_bin,
            "--report" => &mut report,
            "--render-views" => &mut render_views,
            _ => return Err(format!("unknown argument {arg:?}; see --help")),
        };
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        *target = Some(value);
    }

    let database_url = from_env("DATABASE_URL").ok_or("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5433/interview_simulator_load)")?;
    let mode = match (
        number::<u64>(soak_seconds, "--soak-seconds", 0)?,
        number::<usize>(render_views, "--render-views", 0)?,
    ) {
        (0, 0) => Mode::Burst,
        (seconds, 0) => Mode::Soak {
            duration: Duration::from_secs(seconds),
        },
        (0, views) => Mode::Render { views },
        _ => return Err("--soak-seconds and --render-views are two modes: pick one".into()),
    };
    // The burst has every user start at once, so it defaults to more of them; the soak keeps
    // its users busy for minutes, and defaults to the phases the issue names.
    let (default_users, default_phases, default_report) = match mode {
        Mode::Burst => (200, "0,1000", "target/loadtest-report.json"),
        Mode::Soak { .. } => (100, "offline,1000", "target/loadtest-soak-report.json"),
        Mode::Render { .. } => (1, "offline", "target/loadtest-render-report.json"),
    };
    let users: usize = number(users, "--users", default_users)?;
    if users == 0 {
        return Err("--users must be at least 1".into());
    }
    let question_count: u8 = number(questions, "--questions", 8)?;
    if !(3..=12).contains(&question_count) {
        return Err("--questions must be between 3 and 12, as the API allows".into());
    }
    let phases = Interviewer::parse_list(phases.as_deref().unwrap_or(default_phases))
        .map_err(|e| format!("--phases: {e}"))?;
    let sample_seconds: u64 = number(sample_seconds, "--sample-seconds", 10)?;
    if sample_seconds == 0 {
        return Err("--sample-seconds must be at least 1".into());
    }
    Ok(Some(Options {
        database_url,
        mode,
        users,
        phases,
        sample_interval: Duration::from_secs(sample_seconds),
        question_count,
        database_max_connections: number(connections, "--db-connections", 20)?,
        server_bin: server_bin.map_or_else(|| "target/release/server".into(), PathBuf::from),
        report: report.map_or_else(|| default_report.into(), PathBuf::from),
    }))
}

fn number<T: std::str::FromStr>(value: Option<String>, flag: &str, default: T) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match value {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|e| format!("{flag}: cannot read {raw:?}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse_with(args: &[&str], env: &[(&str, &str)]) -> Result<Option<Options>, String> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse(args.iter().map(|a| a.to_string()), |name| {
            env.get(name).cloned()
        })
    }

    const ONE_SECOND: Interviewer = Interviewer::FakeProvider {
        latency: Duration::from_secs(1),
    };

    #[test]
    fn defaults_follow_the_issue() {
        let options = parse_with(&[], &[("DATABASE_URL", "postgres://x")])
            .unwrap()
            .unwrap();
        assert_eq!(options.mode, Mode::Burst);
        assert_eq!(options.users, 200);
        assert_eq!(options.question_count, 8);
        assert_eq!(
            options.phases,
            [
                Interviewer::FakeProvider {
                    latency: Duration::ZERO
                },
                ONE_SECOND
            ]
        );
        assert_eq!(options.server_bin, PathBuf::from("target/release/server"));
        assert_eq!(options.report, PathBuf::from("target/loadtest-report.json"));
    }

    #[test]
    fn a_soak_has_its_own_defaults() {
        let options = parse_with(&["--soak-seconds", "180"], &[("DATABASE_URL", "x")])
            .unwrap()
            .unwrap();
        assert_eq!(
            options.mode,
            Mode::Soak {
                duration: Duration::from_secs(180)
            }
        );
        assert_eq!(options.users, 100);
        assert_eq!(options.phases, [Interviewer::OfflineCoach, ONE_SECOND]);
        assert_eq!(options.sample_interval, Duration::from_secs(10));
        assert_eq!(
            options.report,
            PathBuf::from("target/loadtest-soak-report.json")
        );

        let from_env = parse_with(
            &["--phases", "1000"],
            &[
                ("DATABASE_URL", "x"),
                ("LOADTEST_SOAK_SECONDS", "60"),
                ("LOADTEST_USERS", "50"),
                ("LOADTEST_PHASES", "offline"),
            ],
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            from_env.mode,
            Mode::Soak {
                duration: Duration::from_secs(60)
            }
        );
        assert_eq!(from_env.users, 50);
        assert_eq!(from_env.phases, [ONE_SECOND], "the flag wins");
        let burst = parse_with(&["--soak-seconds=0"], &[("DATABASE_URL", "x")])
            .unwrap()
            .unwrap();
        assert_eq!(burst.mode, Mode::Burst);
    }

    #[test]
    fn flags_win_over_the_environment() {
        let options = parse_with(
            &[
                "--users",
                "20",
                "--latencies-ms=1000",
                "--server-bin",
                "target/debug/server",
            ],
            &[
                ("DATABASE_URL", "postgres://x"),
                ("LOADTEST_USERS", "5"),
                ("LOADTEST_QUESTIONS", "4"),
                ("LOADTEST_PHASES", "offline"),
            ],
        )
        .unwrap()
        .unwrap();
        assert_eq!(options.users, 20);
        assert_eq!(options.question_count, 4);
        assert_eq!(options.phases, [ONE_SECOND]);
        assert_eq!(options.server_bin, PathBuf::from("target/debug/server"));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse_with(&[], &[]).unwrap_err().contains("DATABASE_URL"));
        let env = [("DATABASE_URL", "postgres://x")];
        assert!(parse_with(&["--users", "many"], &env)
            .unwrap_err()
            .contains("--users"));
        assert!(parse_with(&["--questions", "20"], &env)
            .unwrap_err()
            .contains("3 and 12"));
        assert!(parse_with(&["--phases", "offline,fast"], &env)
            .unwrap_err()
            .contains("--phases"));
        assert!(parse_with(&["--soak-seconds", "-1"], &env)
            .unwrap_err()
            .contains("--soak-seconds"));
        assert!(parse_with(&["--sample-seconds", "0"], &env)
            .unwrap_err()
            .contains("--sample-seconds"));
        assert!(parse_with(&["--bogus"], &env)
            .unwrap_err()
            .contains("unknown"));
        assert!(parse_with(&["--help"], &[]).unwrap().is_none());
    }
}
