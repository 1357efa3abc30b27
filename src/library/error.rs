//! Why an article could not be read: the reason alone ([`Why`]), the file it is about
//! ([`Skipped`], whose message is the one-line problem the library lists), and what opening a
//! library entry can meet ([`OpenError`]).

use crate::sanitize::sanitize_line;
use std::path::PathBuf;

/// Why a file could not be read, without the file's name.
#[derive(Debug, thiserror::Error)]
pub enum Why {
    /// The system refused or failed (no such file, permission denied...).
    #[error("{}", describe_io(.0))]
    Io(#[source] std::io::Error),
    /// A folder could not be listed.
    #[error("cannot read folder: {0}")]
    Folder(#[source] std::io::Error),
    /// A symlink that leads back to itself.
    #[error("symlink loop")]
    SymlinkLoop,
    /// A symlink to nothing.
    #[error("dangling symlink")]
    Dangling,
    /// A symlink to a folder the walk has already read.
    #[error("symlink to a folder already read (a loop?)")]
    FolderAgain,
    /// A FIFO, a socket, a device...: never opened (opening a FIFO waits for a writer).
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// NUL bytes: not text.
    #[error("binary file (contains NUL bytes)")]
    Binary,
    /// Over the size a folder's files are read up to.
    #[error(
        "too large ({}; folders list files up to {}: open it on its own with 'salve FILE')",
        super::mib(*.size),
        super::mib(*.cap)
    )]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The most a folder's file may be, in bytes.
        cap: u64,
    },
    /// Reading it panicked: a bug, caught so the rest of the library still reads.
    #[error("salve failed while reading it (a bug: please report it)")]
    Bug,
}

/// A file that could not be read, and why: said as "skipped 'PATH': WHY".
#[derive(Debug, thiserror::Error)]
#[error("skipped '{}': {why}", sanitize_line(&path.display().to_string()))]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub why: Why,
}

impl Skipped {
    /// `path` skipped for `why`.
    pub fn new(path: impl Into<PathBuf>, why: Why) -> Self {
        Self { path: path.into(), why }
    }
}

/// What opening a library entry can meet.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Its file could not be read.
    #[error(transparent)]
    Skipped(#[from] Skipped),
    /// No bundled article has that name (a stale cache or link).
    #[error("no bundled article '{0}'")]
    NoBundled(String),
}

/// An I/O error in words a reader knows, for the common cases.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
