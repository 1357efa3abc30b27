//! The library walk run from the command line: `salve list`, `show` and `search` answer from
//! the cache and index kept in `salve.db`, and bring them up to date with it (after the
//! answer, or before it for a folder never opened), as the reader does in the background.

use crate::library::scan;
use crate::store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// `store`'s file, when it can be written: where the walk keeps the cache and the index.
pub(super) fn writable(store: &Store) -> Option<PathBuf> {
    store.path().filter(|_| !store.read_only()).map(Path::to_path_buf)
}

/// Runs the library walk to the end (it compares the disk with the cache in `db` itself),
/// telling on stderr what it could not read; how many files were new, changed or gone.
pub(super) fn run(db: &Path, folders: Vec<PathBuf>, bundled: bool) -> usize {
    let known = std::collections::HashMap::new();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let now = now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let job = scan::Job { roots: folders, known, db: Some(db.to_path_buf()), bundled, now };
    // A first run over a large folder takes seconds: said on a terminal as it goes.
    let tell = std::io::stderr().is_terminal();
    let told = std::cell::Cell::new(false);
    let changed = std::cell::Cell::new(0);
    scan::run(&job, &|event| {
        match event {
            scan::ScanEvent::Found(found) => changed.set(changed.get() + found.len()),
            scan::ScanEvent::Gone(gone) => changed.set(changed.get() + gone.len()),
            scan::ScanEvent::Indexed { done, total } if tell && total > 0 => {
                eprint!("\rsalve: indexing {done}/{total}");
                told.set(true);
            }
            scan::ScanEvent::Problems(problems) => {
                for note in problems {
                    eprintln!("salve: {note}");
                }
            }
            scan::ScanEvent::Done(Some(warning)) => eprintln!("salve: {warning}"),
            _ => {}
        }
        true
    });
    if told.get() {
        eprintln!();
    }
    changed.get()
}

/// Says on stderr how many files the walk after an answer found `changed` (none: nothing),
/// since `since` ("the list was made; list again"), "to see them".
pub(super) fn tell_changed(changed: usize, since: &str) {
    if changed > 0 {
        let files = if changed == 1 { "file has" } else { "files have" };
        eprintln!("salve: {changed} {files} changed since {since} to see them");
    }
}
