//! The interactive reader's entry point: terminal set-up and restore around the event loop.

use crate::library::Library;

/// Which pane to open first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// The library pane (until it exists, the first article).
    Library,
    /// The article at this index, straight in the reader.
    Article(usize),
}

/// Runs the interactive reader until the user quits.
pub fn run(library: Library, open: Open) -> anyhow::Result<()> {
    let _ = (library, open);
    Ok(())
}
