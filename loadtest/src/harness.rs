//! What every phase runs against: a fresh server process (so its memory peak is the phase's
//! own) with the phase's interviewer, the fake provider when that is an LLM, and the CPU and
//! memory figures taken around the load.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use testkit::procfs;
use testkit::server::{Output, ServerProcess};

use crate::attribution::ProviderLedger;
use crate::fake_provider::{self, CallCounts, FakeProvider};
use crate::interviewer::Interviewer;
use crate::options::Options;

/// How long a SIGTERM'd server gets to finish before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);

/// What the phase's server process reported about its memory.
#[derive(Clone, Copy, Debug)]
pub struct Memory {
    /// `VmHWM` after the load.
    pub peak_rss_kib: u64,
    /// `VmRSS` right after start-up.
    pub rss_at_ready_kib: u64,
    /// `VmRSS` after the load, before the server is stopped.
    pub rss_at_end_kib: u64,
}

/// CPU time used during the phase (set-up, load and verification), in seconds.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Cpu {
    pub server_seconds: f64,
    /// This process: the virtual users and the fake provider.
    pub load_generator_seconds: f64,
}

/// The figures taken when a phase ends.
pub struct Measured {
    pub memory: Memory,
    pub cpu: Cpu,
    /// All zero for the offline coach: no provider was called.
    pub calls: CallCounts,
    pub server_log: PathBuf,
}

pub struct Harness {
    /// Where the fake provider charges its time, per virtual user.
    pub ledger: Arc<ProviderLedger>,
    fake: Option<FakeProvider>,
    server: ServerProcess,
    log_path: PathBuf,
    rss_at_ready_kib: u64,
    server_cpu_before: f64,
    own_cpu_before: f64,
}

impl Harness {
    /// Starts the fake provider (unless the phase is the offline coach's) and the server, and
    /// waits until the server is ready. `log_path` receives the server's output.
    pub async fn start(
        options: &Options,
        interviewer: Interviewer,
        log_path: PathBuf,
    ) -> Result<Self, String> {
        Self::start_with(options, interviewer, log_path, &[]).await
    }

    /// As [`Self::start`], with `settings` in the server's environment besides.
    pub async fn start_with(
        options: &Options,
        interviewer: Interviewer,
        log_path: PathBuf,
        settings: &[(&str, &str)],
    ) -> Result<Self, String> {
        let ledger = Arc::new(ProviderLedger::new(options.users));
        let fake = match interviewer.provider_latency() {
            Some(latency) => Some(
                FakeProvider::start(latency, ledger.clone())
                    .map_err(|e| format!("cannot start the fake provider: {e}"))?,
            ),
            None => None,
        };
        // The rest of the environment (SITE_ROOT, LLM_TIMEOUT_SECS, …) is inherited, so the
        // server can be tuned from the outside; the variables set here are the ones the
        // benchmark depends on.
        let server = ServerProcess::builder(&options.server_bin)
            .inherit_env()
            .database_url(&options.database_url)
            .env(
                "DATABASE_MAX_CONNECTIONS",
                options.database_max_connections.to_string(),
            )
            .output(Output::File(log_path.clone()))
            .envs(
                settings
                    .iter()
                    .map(|(name, value)| (*name, value.to_string())),
            );
        let server = match &fake {
            Some(fake) => server.envs([
                ("LLM_PROVIDERS", "openai".to_owned()),
                ("OPENAI_BASE_URL", fake.base_url()),
                ("OPENAI_API_KEY", "sk-loadtest-fake".to_owned()),
                ("OPENAI_MODEL", fake_provider::MODEL.to_owned()),
                // A report in one call, as the fake writes it, so a phase's provider calls are
                // one per question and one per report (the soak checks that count); asking in
                // parts (the default, for small local models) is measured in
                // docs/llm-report-parts.md.
                ("LLM_REPORT_MODE", "whole".to_owned()),
            ]),
            // Set and empty rather than removed, so neither an inherited value nor a `.env`
            // file (which never overrides a set variable) can bring an LLM in.
            None => server.env("LLM_PROVIDERS", ""),
        };
        let server = server.start().await?;
        Ok(Self {
            ledger,
            fake,
            log_path,
            rss_at_ready_kib: server.rss_kib()?,
            server_cpu_before: server.cpu_seconds()?,
            own_cpu_before: procfs::cpu_seconds("self")?,
            server,
        })
    }

    pub fn base_url(&self) -> &str {
        self.server.base_url()
    }

    /// CPU seconds the server process has used so far.
    pub fn server_cpu_seconds(&self) -> Result<f64, String> {
        self.server.cpu_seconds()
    }

    pub fn server_pid(&self) -> u32 {
        self.server.pid()
    }

    /// Takes the phase's figures and stops the server and the fake provider.
    pub async fn stop(self) -> Result<Measured, String> {
        // Read before stopping: the high-water mark is gone with the process.
        let memory = Memory {
            peak_rss_kib: self.server.peak_rss_kib()?,
            rss_at_ready_kib: self.rss_at_ready_kib,
            rss_at_end_kib: self.server.rss_kib()?,
        };
        let cpu = Cpu {
            server_seconds: self.server.cpu_seconds()? - self.server_cpu_before,
            load_generator_seconds: procfs::cpu_seconds("self")? - self.own_cpu_before,
        };
        // A graceful stop lets the server close its database pool.
        self.server.stop(STOP_TIMEOUT).await;
        let calls = self
            .fake
            .as_ref()
            .map(FakeProvider::counts)
            .unwrap_or_default();
        drop(self.fake);
        Ok(Measured {
            memory,
            cpu,
            calls,
            server_log: self.log_path,
        })
    }
}
