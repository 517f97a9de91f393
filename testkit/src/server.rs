//! The server binary as a child process on a free port, with the environment a test or a
//! benchmark gives it; waited for until `/readyz` answers, killed when dropped. Its memory and
//! CPU figures come from `/proc/<pid>`.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::procfs;

/// Where the server's output goes.
#[derive(Clone, Debug)]
pub enum Output {
    /// Each stdout line to this process's stderr with the instance's name in front; stderr
    /// inherited. For tests: the output shows with a failure.
    Echo,
    /// stdout and stderr into this file (created or truncated).
    File(PathBuf),
}

/// Sets up a [`ServerProcess`].
pub struct ServerBuilder {
    binary: PathBuf,
    name: String,
    env: Vec<(String, String)>,
    inherit_env: bool,
    output: Output,
    ready_within: Duration,
}

impl ServerBuilder {
    /// The instance's name in its echoed output and in errors.
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    pub fn database_url(self, url: &str) -> Self {
        self.env("DATABASE_URL", url)
    }

    /// A variable on top of the defaults (it replaces a default of the same name).
    pub fn env(mut self, name: &str, value: impl Into<String>) -> Self {
        self.env.push((name.to_owned(), value.into()));
        self
    }

    pub fn envs<K: AsRef<str>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        for (name, value) in vars {
            self = self.env(name.as_ref(), value);
        }
        self
    }

    /// Keeps this process's environment under the variables set here, so a benchmark can be
    /// tuned from outside (SITE_ROOT, LLM_TIMEOUT_SECS, …). Without it the server sees only
    /// the variables set here: no `.env`, nothing of the machine running the tests.
    pub fn inherit_env(mut self) -> Self {
        self.inherit_env = true;
        self
    }

    pub fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// How long migrations and the pool get to come up (60 s unless set).
    pub fn ready_within(mut self, limit: Duration) -> Self {
        self.ready_within = limit;
        self
    }

    /// Starts the binary and waits until it is ready.
    pub async fn start(self) -> Result<ServerProcess, String> {
        let port = free_port().map_err(|e| format!("cannot find a free port: {e}"))?;
        let bind_addr = format!("127.0.0.1:{port}");
        let mut command = Command::new(&self.binary);
        if !self.inherit_env {
            command
                .env_clear()
                .current_dir(std::env::temp_dir())
                .env("SITE_ROOT", std::env::temp_dir().join("no-site"))
                .env("DATABASE_MAX_CONNECTIONS", "10");
        }
        command
            .env("BIND_ADDR", &bind_addr)
            // Explicit, so an inherited https PUBLIC_URL cannot mark the owner cookie `Secure`
            // (a client would then never send it back over plain http).
            .env("PUBLIC_URL", format!("http://{bind_addr}"))
            // Logging every request would measure the terminal, not the server.
            .env("RUST_LOG", "warn")
            .env("NO_COLOR", "1")
            // Every client comes from 127.0.0.1: limits per address would refuse the test's
            // own traffic. Tests of the limits turn them on.
            .env("RATE_LIMITS", "off");
        for (name, value) in &self.env {
            command.env(name, value);
        }
        let log = match &self.output {
            Output::Echo => None,
            Output::File(path) => Some(
                File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?,
            ),
        };
        let stderr = match &log {
            Some(file) => Stdio::from(
                file.try_clone()
                    .map_err(|e| format!("cannot share the log file: {e}"))?,
            ),
            None => Stdio::inherit(),
        };
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.binary.display()))?;
        let first_line = Arc::new(OnceLock::new());
        copy_stdout(&mut child, &self.name, log, first_line.clone());
        let mut server = ServerProcess {
            name: self.name,
            child,
            base_url: format!("http://{bind_addr}"),
            output: self.output,
            first_line,
        };
        server.wait_until_ready(self.ready_within).await?;
        Ok(server)
    }
}

/// Copies the server's stdout on a thread of its own, keeping its first line (the URL it says
/// it runs at).
fn copy_stdout(
    child: &mut Child,
    name: &str,
    mut log: Option<File>,
    first_line: Arc<OnceLock<String>>,
) {
    let stdout = child.stdout.take().expect("stdout is piped");
    let name = name.to_owned();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if first_line.get().is_none() {
                let _ = first_line.set(line.clone());
            }
            match &mut log {
                Some(file) => {
                    let _ = writeln!(file, "{line}");
                }
                None => eprintln!("[{name}] {line}"),
            }
        }
    });
}

/// The server binary, running. Killed (SIGKILL) when dropped if still running.
pub struct ServerProcess {
    name: String,
    child: Child,
    base_url: String,
    output: Output,
    first_line: Arc<OnceLock<String>>,
}

impl ServerProcess {
    /// A server from `binary` (e.g. `env!("CARGO_BIN_EXE_server")`).
    pub fn builder(binary: impl Into<PathBuf>) -> ServerBuilder {
        ServerBuilder {
            binary: binary.into(),
            name: "server".into(),
            env: Vec::new(),
            inherit_env: false,
            output: Output::Echo,
            ready_within: Duration::from_secs(60),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The first line the server printed ("… is running at http://127.0.0.1:PORT"), once it
    /// has printed it.
    pub fn first_line(&self) -> Option<&str> {
        self.first_line.get().map(String::as_str)
    }

    /// The log file, when the output goes to one.
    pub fn log_path(&self) -> Option<&Path> {
        match &self.output {
            Output::File(path) => Some(path),
            Output::Echo => None,
        }
    }

    /// For samplers that read `/proc/<pid>` on their own while the process runs.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `VmHWM`: the peak resident set size of the process so far, in KiB.
    pub fn peak_rss_kib(&self) -> Result<u64, String> {
        procfs::status_kib(&self.pid().to_string(), "VmHWM")
    }

    /// `VmRSS`: the resident set size now, in KiB.
    pub fn rss_kib(&self) -> Result<u64, String> {
        procfs::status_kib(&self.pid().to_string(), "VmRSS")
    }

    /// CPU seconds the server has used so far (all its threads).
    pub fn cpu_seconds(&self) -> Result<f64, String> {
        procfs::cpu_seconds(&self.pid().to_string())
    }

    /// Waits until `/readyz` answers 200 within `limit`; an error if the process exited or
    /// the time ran out.
    pub async fn wait_until_ready(&mut self, limit: Duration) -> Result<(), String> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| e.to_string())?;
        let url = self.url("/readyz");
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "server {} exited ({status}) before it was ready{}",
                    self.name,
                    self.see_log()
                ));
            }
            if let Ok(response) = client.get(&url).send().await {
                if response.status().is_success() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "server {} was not ready within {limit:?}{}",
                    self.name,
                    self.see_log()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn see_log(&self) -> String {
        self.log_path()
            .map(|path| format!("; see {}", path.display()))
            .unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no goodbye; returns once the process is gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then SIGKILL if it is still running after `grace`. std can only send SIGKILL
    /// and no signal crate is among the workspace dependencies, so the polite signal goes
    /// through `kill(1)`; a graceful stop lets the server close its database pool. Returns
    /// how the process exited on its own, `None` when it had to be killed.
    pub async fn stop(mut self, grace: Duration) -> Option<ExitStatus> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.kill();
        None
    }
}

impl Drop for ServerProcess {
    /// A test or benchmark that fails half-way must not leave a server running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

/// A port nobody listens on right now (bound, then released). Another process could take it
/// in the short window before the server binds; the server then fails to start and says so.
pub fn free_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
