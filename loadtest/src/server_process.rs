//! The server under test as a child process: started with its configuration pointing at the
//! fake provider (or at no LLM, for its offline coach), awaited until `/readyz` says the database answers, measured through
//! `/proc/<pid>/status`, and stopped. A fresh process per phase, so each phase's peak RSS is
//! its own (the kernel's high-water mark never goes down).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use testkit::procfs;

/// How long migrations and the pool get to come up.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a SIGTERM'd server gets to finish before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(15);

pub struct ServerSettings<'a> {
    pub binary: &'a Path,
    pub database_url: &'a str,
    pub database_max_connections: u32,
    /// The LLM the server is configured with; `None` runs its offline coach.
    pub provider: Option<ProviderSettings<'a>>,
    /// Where the server's stdout and stderr go.
    pub log_path: PathBuf,
}

/// An OpenAI-compatible provider: the fake one.
pub struct ProviderSettings<'a> {
    /// `OPENAI_BASE_URL`.
    pub base_url: &'a str,
    /// `OPENAI_MODEL`.
    pub model: &'a str,
}

pub struct ServerProcess {
    child: Child,
    base_url: String,
    log_path: PathBuf,
}

impl ServerProcess {
    /// Starts the server and waits until it is ready. The rest of the environment (SITE_ROOT,
    /// LLM_TIMEOUT_SECS, …) is inherited, so it can be tuned from the outside; the variables
    /// set here are the ones the benchmark depends on.
    pub async fn start(settings: &ServerSettings<'_>) -> Result<Self, String> {
        let port = free_port()?;
        let bind_addr = format!("127.0.0.1:{port}");
        let log = File::create(&settings.log_path)
            .map_err(|e| format!("cannot create {}: {e}", settings.log_path.display()))?;
        let log_err = log
            .try_clone()
            .map_err(|e| format!("cannot share the log file: {e}"))?;
        let mut command = Command::new(settings.binary);
        command
            .env("DATABASE_URL", settings.database_url)
            .env(
                "DATABASE_MAX_CONNECTIONS",
                settings.database_max_connections.to_string(),
            )
            .env("BIND_ADDR", &bind_addr)
            // Explicit, so an inherited https PUBLIC_URL cannot mark the owner cookie `Secure`
            // (the cookie jar would then never send it back over plain http).
            .env("PUBLIC_URL", format!("http://{bind_addr}"))
            // Logging every request would measure the terminal, not the server.
            .env("RUST_LOG", "warn")
            // Every virtual user comes from 127.0.0.1: limits per IP would refuse the load
            // itself, and the benchmark measures the server's capacity, not its limits.
            .env("RATE_LIMITS", "off");
        match &settings.provider {
            Some(provider) => command
                .env("LLM_PROVIDERS", "openai")
                .env("OPENAI_BASE_URL", provider.base_url)
                .env("OPENAI_API_KEY", "sk-loadtest-fake")
                .env("OPENAI_MODEL", provider.model),
            // Set and empty rather than removed, so neither an inherited value nor a `.env`
            // file (which never overrides a set variable) can bring an LLM in.
            None => command.env("LLM_PROVIDERS", ""),
        };
        let child = command
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", settings.binary.display()))?;
        let mut server = Self {
            child,
            base_url: format!("http://{bind_addr}"),
            log_path: settings.log_path.clone(),
        };
        server.wait_until_ready().await?;
        Ok(server)
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// For samplers that read `/proc/<pid>` on their own while the process runs.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `VmHWM`: the peak resident set size of the process so far, in KiB.
    pub fn peak_rss_kib(&self) -> Result<u64, String> {
        procfs::status_kib(&self.child.id().to_string(), "VmHWM")
    }

    /// `VmRSS`: the resident set size now, in KiB.
    pub fn rss_kib(&self) -> Result<u64, String> {
        procfs::status_kib(&self.child.id().to_string(), "VmRSS")
    }

    /// CPU seconds the server has used so far (all its threads).
    pub fn cpu_seconds(&self) -> Result<f64, String> {
        procfs::cpu_seconds(&self.child.id().to_string())
    }

    async fn wait_until_ready(&mut self) -> Result<(), String> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| e.to_string())?;
        let url = format!("{}/readyz", self.base_url);
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "the server exited ({status}) before it was ready; see {}",
                    self.log_path.display()
                ));
            }
            if let Ok(response) = client.get(&url).send().await {
                if response.status().is_success() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "the server was not ready after {READY_TIMEOUT:?}; see {}",
                    self.log_path.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGTERM, then SIGKILL if it is still running after `STOP_TIMEOUT`. std can only send
    /// SIGKILL and no signal crate is among the workspace dependencies, so the polite signal
    /// goes through `kill(1)`; a graceful stop lets the server close its database pool.
    pub async fn stop(mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill")
            .args(["-TERM", &pid])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    /// A benchmark that fails half-way must not leave a server running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A port nobody listens on right now. There is a short window in which another process could
/// take it before the server binds; the server then fails to start and says so.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}
