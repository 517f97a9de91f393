//! Extraction in a child process, so a hostile file can cost at most one killed process.
//!
//! pdf-extract can panic, recurse until the stack overflows, or loop; a thread cannot be
//! stopped and a stack overflow aborts the whole process. So the server runs [`crate::extract`]
//! in a worker process (the server binary itself, with the argument [`WORKER_ARG`]): the file
//! goes in on stdin, the JSON result comes back on stdout. The worker lowers its own limits
//! (address space, CPU time) before reading; the parent kills it at a wall-clock deadline and
//! runs at most a few at once.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio::sync::Semaphore;

use crate::{DocumentError, Extracted};

/// The argument that turns the server binary into an extraction worker.
pub const WORKER_ARG: &str = "extract-document-worker";
/// Address space the worker may map: room for a 10 MB PDF's objects and its text.
const WORKER_MEMORY_BYTES: u64 = 1024 * 1024 * 1024;
/// CPU seconds before the kernel stops the worker, a backstop behind the wall-clock deadline.
const WORKER_CPU_SECONDS: u64 = 20;
/// Everything a worker may write back: the text is capped at 100,000 characters.
const MAX_REPLY_BYTES: usize = 8 * 1024 * 1024;

type Reply = Result<Extracted, DocumentError>;

/// The worker's `main`: limits, stdin → extract → stdout. Returns the process exit code.
pub fn serve_one() -> i32 {
    // Limits first, so even reading the input is bounded.
    let _ = rlimit::setrlimit(
        rlimit::Resource::AS,
        WORKER_MEMORY_BYTES,
        WORKER_MEMORY_BYTES,
    );
    let _ = rlimit::setrlimit(
        rlimit::Resource::CPU,
        WORKER_CPU_SECONDS,
        WORKER_CPU_SECONDS,
    );
    let _ = rlimit::setrlimit(rlimit::Resource::CORE, 0, 0);
    // A panic is reported as a damaged file by `extract`; keep its message off stderr noise.
    std::panic::set_hook(Box::new(|_| {}));
    let mut bytes = Vec::new();
    if std::io::stdin().read_to_end(&mut bytes).is_err() {
        return 3;
    }
    let reply: Reply = crate::extract(&bytes);
    let mut stdout = std::io::stdout().lock();
    match serde_json::to_writer(&mut stdout, &reply) {
        Ok(()) if stdout.flush().is_ok() => 0,
        _ => 4,
    }
}

/// Runs extractions in worker processes, a bounded number at a time.
#[derive(Clone, Debug)]
pub struct Extractor {
    program: PathBuf,
    deadline: Duration,
    slots: Arc<Semaphore>,
}

impl Extractor {
    /// Workers are `program WORKER_ARG`; at most `parallel` run at once, each for at most
    /// `deadline`.
    pub fn new(program: PathBuf, parallel: usize, deadline: Duration) -> Extractor {
        Extractor {
            program,
            deadline,
            slots: Arc::new(Semaphore::new(parallel.max(1))),
        }
    }

    /// Workers run by the current executable (the server binary).
    pub fn current_exe(parallel: usize, deadline: Duration) -> std::io::Result<Extractor> {
        Ok(Extractor::new(std::env::current_exe()?, parallel, deadline))
    }

    pub async fn extract(&self, bytes: Vec<u8>) -> Result<Extracted, DocumentError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| worker_failed("shutting down"))?;
        let mut child = Command::new(&self.program)
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| {
                tracing::error!(%error, program = %self.program.display(), "cannot start the extraction worker");
                worker_failed("cannot start")
            })?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let run = async move {
            // The worker reads all of stdin before it writes, so writing first cannot deadlock.
            let _ = stdin.write_all(&bytes).await;
            drop(stdin);
            child.wait_with_output().await
        };
        let output = match tokio::time::timeout(self.deadline, run).await {
            // Dropping the timed-out future drops the child, which kills it.
            Err(_) => {
                tracing::warn!(deadline = ?self.deadline, "extraction worker killed at its deadline");
                return Err(DocumentError::TooSlow);
            }
            Ok(Err(error)) => {
                tracing::error!(%error, "extraction worker failed");
                return Err(worker_failed("io"));
            }
            Ok(Ok(output)) => output,
        };
        if !output.status.success() || output.stdout.len() > MAX_REPLY_BYTES {
            // Killed by a signal: a stack overflow, the CPU limit or the memory limit.
            tracing::warn!(status = %output.status, "extraction worker did not finish");
            return Err(DocumentError::Unreadable);
        }
        serde_json::from_slice::<Reply>(&output.stdout).unwrap_or_else(|error| {
            tracing::error!(%error, "extraction worker replied with something else than a result");
            Err(worker_failed("reply"))
        })
    }
}

fn worker_failed(why: &'static str) -> DocumentError {
    tracing::error!(why, "document extraction is unavailable");
    DocumentError::Unavailable
}
