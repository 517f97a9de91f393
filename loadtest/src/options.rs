//! Command-line flags, each with an environment variable as the alternative (flags win), so
//! the benchmark can run from a Makefile or CI without quoting gymnastics.

use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "\
loadtest: concurrent interviews against the server binary with a local fake LLM provider

Usage: loadtest [flags]          (run from the workspace root; DATABASE_URL must be set)

  --users N              concurrent interviews (LOADTEST_USERS, default 200)
  --latencies-ms LIST    fake provider latencies, one phase each (LOADTEST_LATENCIES_MS, default 0,1000)
  --questions N          questions per interview, 3..12 (LOADTEST_QUESTIONS, default 8)
  --db-connections N     the server's DATABASE_MAX_CONNECTIONS (LOADTEST_DB_CONNECTIONS, default 20)
  --server-bin PATH      the server binary (SERVER_BIN, default target/release/server)
  --report PATH          JSON report (LOADTEST_REPORT, default target/loadtest-report.json)
  -h, --help             this text

The server inherits the rest of the environment (SITE_ROOT, LLM_TIMEOUT_SECS, ...); its
output goes to target/loadtest-server-<latency>ms.log next to the report.";

#[derive(Clone, Debug)]
pub struct Options {
    pub database_url: String,
    pub users: usize,
    pub latencies: Vec<Duration>,
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
    let mut latencies = from_env("LOADTEST_LATENCIES_MS");
    let mut questions = from_env("LOADTEST_QUESTIONS");
    let mut connections = from_env("LOADTEST_DB_CONNECTIONS");
    let mut server_bin = from_env("SERVER_BIN");
    let mut report = from_env("LOADTEST_REPORT");

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
            "--latencies-ms" => &mut latencies,
            "--questions" => &mut questions,
            "--db-connections" => &mut connections,
            "--server-bin" => &mut server_bin,
            "--report" => &mut report,
            _ => return Err(format!("unknown argument {arg:?}; see --help")),
        };
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        *target = Some(value);
    }

    let database_url = from_env("DATABASE_URL").ok_or("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5433/interview_simulator_load)")?;
    let users: usize = number(users, "--users", 200)?;
    if users == 0 {
        return Err("--users must be at least 1".into());
    }
    let question_count: u8 = number(questions, "--questions", 8)?;
    if !(3..=12).contains(&question_count) {
        return Err("--questions must be between 3 and 12, as the API allows".into());
    }
    let latencies = latencies
        .unwrap_or_else(|| "0,1000".into())
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse()
                .map(Duration::from_millis)
                .map_err(|e| format!("--latencies-ms: cannot read {part:?}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if latencies.is_empty() {
        return Err("--latencies-ms needs at least one value".into());
    }
    Ok(Some(Options {
        database_url,
        users,
        latencies,
        question_count,
        database_max_connections: number(connections, "--db-connections", 20)?,
        server_bin: server_bin.map_or_else(|| "target/release/server".into(), PathBuf::from),
        report: report.map_or_else(|| "target/loadtest-report.json".into(), PathBuf::from),
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

    #[test]
    fn defaults_follow_the_issue() {
        let options = parse_with(&[], &[("DATABASE_URL", "postgres://x")])
            .unwrap()
            .unwrap();
        assert_eq!(options.users, 200);
        assert_eq!(options.question_count, 8);
        assert_eq!(
            options.latencies,
            [Duration::ZERO, Duration::from_millis(1000)]
        );
        assert_eq!(options.server_bin, PathBuf::from("target/release/server"));
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
            ],
        )
        .unwrap()
        .unwrap();
        assert_eq!(options.users, 20);
        assert_eq!(options.question_count, 4);
        assert_eq!(options.latencies, [Duration::from_millis(1000)]);
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
        assert!(parse_with(&["--bogus"], &env)
            .unwrap_err()
            .contains("unknown"));
        assert!(parse_with(&["--help"], &[]).unwrap().is_none());
    }
}
