//! Shared helpers for the end-to-end tests: a sandboxed environment per run, the real binary in
//! a pseudo-terminal ([`Pty`]), the binary as a plain subprocess with a deadline ([`run_salve`]),
//! and generators for hostile input ([`hostile`]).
//!
//! Every run gets its own temporary `HOME` and data directory, so tests never read or write the
//! developer's real state and can run in parallel.

// Each test binary compiles this whole module but uses only part of it.
#![allow(dead_code, unused_imports)]

mod cli;
pub mod commonmark;
pub mod drawn;
pub mod hostile;
mod keys;
mod pty;
mod terminal;

pub use cli::{CliOutput, run_salve};
pub use keys::Key;
pub use pty::{Exit, Pty, PtyBuilder};
pub use terminal::REPLACEMENT_STAND_IN;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The binary under test, built by Cargo for integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_salve");

/// No command-line arguments: `salve` alone opens the bundled library.
pub const NO_ARGS: &[&str] = &[];

/// A fresh home and data directory for one run of the binary; deleted when dropped.
pub struct Sandbox {
    root: tempfile::TempDir,
    data_dir: PathBuf,
}

impl Sandbox {
    /// Creates empty `home/` and `data/` directories in a new temporary directory.
    pub fn new() -> anyhow::Result<Self> {
        let root = tempfile::Builder::new().prefix("salve-e2e-").tempdir()?;
        std::fs::create_dir(root.path().join("home"))?;
        let data_dir = root.path().join("data");
        std::fs::create_dir(&data_dir)?;
        Ok(Self { root, data_dir })
    }

    /// Uses `dir` as the data directory instead of the fresh one, so a test can run the
    /// binary twice over the same saved state.
    pub fn with_data_dir(mut self, dir: &Path) -> Self {
        self.data_dir = dir.to_path_buf();
        self
    }

    /// The directory `HOME` points to.
    pub fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// The directory `SALVE_DATA_DIR` points to.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// A scratch directory for the test's own files (articles to open, say).
    pub fn scratch(&self) -> anyhow::Result<PathBuf> {
        let dir = self.root.path().join("scratch");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Variables to set for the child. The XDG ones matter because `directories` consults them
    /// before `HOME`, and a developer's own settings must not leak into a test.
    pub fn vars(&self) -> Vec<(&'static str, OsString)> {
        let home = self.home();
        vec![
            ("HOME", home.clone().into()),
            ("XDG_CONFIG_HOME", home.join(".config").into()),
            ("XDG_DATA_HOME", home.join(".local/share").into()),
            ("XDG_STATE_HOME", home.join(".local/state").into()),
            ("XDG_CACHE_HOME", home.join(".cache").into()),
            ("SALVE_DATA_DIR", self.data_dir.clone().into()),
            ("TERM", "xterm-256color".into()),
            ("RUST_BACKTRACE", "1".into()),
        ]
    }

    /// Variables to remove: colour and size overrides would change what is drawn, and any other
    /// `SALVE_*` setting from the developer's shell would change behaviour.
    pub fn removed_vars() -> Vec<OsString> {
        let mut removed: Vec<OsString> =
            ["NO_COLOR", "COLUMNS", "LINES", "CLICOLOR_FORCE"].map(OsString::from).into();
        // What `hyperlinks = "auto"` looks for: the developer's terminal must not decide.
        removed.extend(
            ["TERM_PROGRAM", "KITTY_WINDOW_ID", "WT_SESSION", "VTE_VERSION"].map(OsString::from),
        );
        removed.extend(std::env::vars_os().map(|(key, _)| key).filter(|key| {
            key.to_str().is_some_and(|k| k.starts_with("SALVE_") && k != "SALVE_DATA_DIR")
        }));
        removed
    }
}

/// The screen's last row: salve's status line.
pub fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// The screen's first row.
pub fn top(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The screen as boxed rows, for failure messages: the border shows where rows end.
pub fn framed(screen: &str, cols: u16) -> String {
    let rule = "─".repeat(usize::from(cols));
    let mut out = format!("┌{rule}┐\n");
    for row in screen.split('\n') {
        out.push('│');
        out.push_str(row);
        out.push('\n');
    }
    out.push('└');
    out.push_str(&rule);
    out.push('┘');
    out
}
