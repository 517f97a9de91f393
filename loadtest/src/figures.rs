//! The arithmetic of the reports: percentiles, rates and units, rounded the way the tables
//! print them.

use std::time::Duration;

use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Percentiles {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    /// Nearest-rank percentiles; all zero for no samples.
    pub fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        let rank = |p: f64| {
            if samples.is_empty() {
                return 0.0;
            }
            // Nearest rank: the smallest sample with at least p% of samples at or below it.
            let index = ((p / 100.0) * samples.len() as f64).ceil() as usize;
            millis(samples[index.clamp(1, samples.len()) - 1])
        };
        Self {
            p50_ms: rank(50.0),
            p99_ms: rank(99.0),
            max_ms: rank(100.0),
        }
    }
}

/// `count` per second of `elapsed`; 0 for no time.
pub fn per_second(count: usize, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

/// Milliseconds to a tenth.
pub fn millis(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 10_000.0).round() / 10.0
}

/// KiB to MiB, to a tenth.
pub fn mib(kib: u64) -> f64 {
    (kib as f64 / 1024.0 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(samples);
        assert_eq!((p.p50_ms, p.p99_ms, p.max_ms), (50.0, 99.0, 100.0));
        let one = Percentiles::of(vec![Duration::from_micros(1500)]);
        assert_eq!((one.p50_ms, one.p99_ms), (1.5, 1.5));
        assert_eq!(Percentiles::of(Vec::new()).p99_ms, 0.0);
    }

    #[test]
    fn rates_and_units() {
        assert_eq!(per_second(300, Duration::from_secs(60)), 5.0);
        assert_eq!(per_second(3, Duration::ZERO), 0.0);
        assert_eq!(mib(15_155), 14.8);
        assert_eq!(millis(Duration::from_micros(1_234_567)), 1234.6);
    }
}
