//! Samples the server's resident memory and CPU time at a fixed interval while a soak runs,
//! so that a leak shows as a rising series rather than hiding behind a single peak figure.

use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use testkit::procfs;

/// One reading of the server process.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Since sampling started.
    pub at_seconds: f64,
    /// `VmRSS`.
    pub rss_mib: f64,
    /// CPU seconds the server has used since sampling started.
    pub server_cpu_seconds: f64,
}

pub struct Sampler {
    stop: oneshot::Sender<()>,
    task: JoinHandle<Vec<Sample>>,
}

impl Sampler {
    /// Starts sampling process `pid` now and every `every` after that.
    pub fn start(pid: u32, every: Duration) -> Self {
        let (stop, mut stopped) = oneshot::channel();
        let task = tokio::spawn(async move {
            let pid = pid.to_string();
            let started = Instant::now();
            let cpu_at_start = procfs::cpu_seconds(&pid).unwrap_or(0.0);
            let mut samples = Vec::new();
            let mut ticks = tokio::time::interval(every);
            loop {
                tokio::select! {
                    _ = ticks.tick() => {}
                    _ = &mut stopped => break,
                }
                if let Some(sample) = read(&pid, started, cpu_at_start) {
                    samples.push(sample);
                }
            }
            // The last reading, at the moment the load ended.
            samples.extend(read(&pid, started, cpu_at_start));
            samples
        });
        Self { stop, task }
    }

    /// Stops sampling (taking one last reading) and returns the series.
    pub async fn finish(self) -> Vec<Sample> {
        let _ = self.stop.send(());
        self.task.await.unwrap_or_default()
    }
}

/// `None` when the process is gone; the series then simply ends.
fn read(pid: &str, started: Instant, cpu_at_start: f64) -> Option<Sample> {
    let rss_kib = procfs::status_kib(pid, "VmRSS").ok()?;
    let cpu = procfs::cpu_seconds(pid).ok()?;
    Some(Sample {
        at_seconds: round_to_tenths(started.elapsed().as_secs_f64()),
        rss_mib: round_to_tenths(rss_kib as f64 / 1024.0),
        server_cpu_seconds: round_to_tenths(cpu - cpu_at_start),
    })
}

fn round_to_tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Whether memory stayed flat: the resident size once the server is warm (the first sample
/// at or after a quarter of the run, when every user has been through a few interviews)
/// against the last one. Growth after warm-up, repeated over longer runs, is what a leak
/// looks like; a one-off rise while pools and caches fill is not.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MemoryTrend {
    pub warm_at_seconds: f64,
    pub warm_rss_mib: f64,
    pub end_rss_mib: f64,
    pub growth_after_warm_up_mib: f64,
}

impl MemoryTrend {
    /// `None` for fewer than two samples.
    pub fn of(samples: &[Sample]) -> Option<Self> {
        let last = samples.last()?;
        if samples.len() < 2 {
            return None;
        }
        let quarter = last.at_seconds / 4.0;
        let warm = samples.iter().find(|s| s.at_seconds >= quarter)?;
        Some(Self {
            warm_at_seconds: warm.at_seconds,
            warm_rss_mib: warm.rss_mib,
            end_rss_mib: last.rss_mib,
            growth_after_warm_up_mib: round_to_tenths(last.rss_mib - warm.rss_mib),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(at_seconds: f64, rss_mib: f64) -> Sample {
        Sample {
            at_seconds,
            rss_mib,
            server_cpu_seconds: 0.0,
        }
    }

    #[test]
    fn growth_is_measured_from_the_first_sample_after_a_quarter_of_the_run() {
        let samples = [
            sample(0.0, 15.0),
            sample(10.0, 40.0),
            sample(20.0, 44.0),
            sample(30.0, 45.0),
            sample(40.0, 46.5),
        ];
        let trend = MemoryTrend::of(&samples).unwrap();
        assert_eq!(trend.warm_at_seconds, 10.0);
        assert_eq!(trend.growth_after_warm_up_mib, 6.5);
        assert_eq!(trend.end_rss_mib, 46.5);
        assert!(MemoryTrend::of(&samples[..1]).is_none());
        assert!(MemoryTrend::of(&[]).is_none());
    }

    #[tokio::test]
    async fn this_process_can_be_sampled() {
        let sampler = Sampler::start(std::process::id(), Duration::from_millis(10));
        tokio::time::sleep(Duration::from_millis(35)).await;
        let samples = sampler.finish().await;
        assert!(samples.len() >= 3, "{samples:?}");
        assert!(samples.iter().all(|s| s.rss_mib > 0.0));
        assert!(samples
            .windows(2)
            .all(|w| w[0].at_seconds <= w[1].at_seconds));
    }
}
