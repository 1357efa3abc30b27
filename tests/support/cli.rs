//! The binary as a plain subprocess (pipes, no terminal), killed if it runs past a deadline so
//! a hang fails the test instead of stalling the suite.

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::{BIN, Sandbox};

/// What a finished run printed.
#[derive(Debug)]
pub struct CliOutput {
    /// The exit status.
    pub status: ExitStatus,
    /// Standard output, decoded lossily.
    pub stdout: String,
    /// Standard error, decoded lossily.
    pub stderr: String,
    /// Standard output as written: lossy decoding would hide a stray byte such as 0x9B,
    /// which a terminal in 8-bit mode reads as a control sequence introducer.
    pub stdout_bytes: Vec<u8>,
    /// Standard error as written.
    pub stderr_bytes: Vec<u8>,
}

impl CliOutput {
    /// Fails, quoting both streams, unless the exit code is 0.
    pub fn ensure_success(&self) -> anyhow::Result<()> {
        if !self.status.success() {
            bail!("salve failed ({}):\n{self}", self.status);
        }
        Ok(())
    }
}

impl std::fmt::Display for CliOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--- stdout ---\n{}\n--- stderr ---\n{}", self.stdout, self.stderr)
    }
}

/// Runs `salve ARGS...` in `sandbox` with stdin closed, killing it after `timeout`.
pub fn run_salve<S: AsRef<OsStr>>(
    args: &[S],
    sandbox: &Sandbox,
    timeout: Duration,
) -> anyhow::Result<CliOutput> {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(sandbox.home());
    for key in Sandbox::removed_vars() {
        command.env_remove(key);
    }
    command.envs(sandbox.vars());
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting salve")?;
    // Drained on threads: a child blocked writing to a full pipe would look like a hang.
    let stdout = collect(child.stdout.take());
    let stderr = collect(child.stderr.take());

    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let output = |status| {
        let stdout_bytes = stdout.join().unwrap_or_default();
        let stderr_bytes = stderr.join().unwrap_or_default();
        CliOutput {
            status,
            stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
            stderr: String::from_utf8_lossy(&stderr_bytes).into_owned(),
            stdout_bytes,
            stderr_bytes,
        }
    };
    if let Some(status) = status {
        Ok(output(status))
    } else {
        let killed = output(ExitStatus::default());
        bail!("salve did not finish within {timeout:?} and was killed:\n{killed}")
    }
}

/// Reads a pipe to its end on another thread.
fn collect(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}
