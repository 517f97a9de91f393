//! Memory and CPU figures of a process from Linux's `/proc`. The machine is shared by the
//! server, PostgreSQL and the load generator, so CPU seconds of both our processes are reported
//! next to the throughput: they say which of them ran out of processor.

/// Linux reports CPU times in `/proc/<pid>/stat` in USER_HZ ticks, which the kernel ABI fixes
/// at 100 per second on every architecture we run on.
const TICKS_PER_SECOND: f64 = 100.0;

/// A `kB` field of `/proc/<pid>/status` (`VmHWM`, `VmRSS`), in KiB. `pid` may be `self`.
pub fn status_kib(pid: &str, field: &str) -> Result<u64, String> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("{path} has no {field}"))
}

/// User plus system CPU time of the whole process (all threads) so far, in seconds.
pub fn cpu_seconds(pid: &str) -> Result<f64, String> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    parse_cpu_seconds(&stat).ok_or_else(|| format!("{path}: unexpected format"))
}

/// The command name (field 2) is in parentheses and may contain spaces, so the fields are
/// counted from the last `)`: after it come state (field 3), …, utime (14) and stime (15).
fn parse_cpu_seconds(stat: &str) -> Option<f64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / TICKS_PER_SECOND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_fields_are_found_after_an_awkward_name() {
        let stat = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 2000 0 0 0 250 75 0 0 20 0 9 0 100 0 0";
        assert_eq!(parse_cpu_seconds(stat), Some(3.25));
    }

    #[test]
    fn this_process_can_be_read() {
        assert!(status_kib("self", "VmHWM").unwrap() > 0);
        assert!(cpu_seconds("self").unwrap() >= 0.0);
    }
}
