//! The library as the metadata cache remembers it: what start-up lists before a single file
//! is read.
//!
//! Reading and decoding the rows is most of what a warm start costs, so a large cache is read
//! in two halves at once, the second on its own thread and connection, split where the last
//! walk of the folders found the middle path ([`SPLIT_SETTING`]).

use super::entry::{Entry, Folders};
use crate::store::{CachedRow, Result, Store};
use std::path::{Path, PathBuf};

/// The setting holding the path that splits the cache in two halves of about equal size.
pub const SPLIT_SETTING: &str = "cache.split";

/// Entries for every cached file under `folders`, but `file` (listed on its own).
pub fn load(store: &Store, folders: &[PathBuf], file: Option<&Path>) -> Result<Vec<Entry>> {
    let split = store.setting(SPLIT_SETTING).ok().flatten().map(PathBuf::from);
    let later = match (&split, store.path()) {
        (Some(split), Some(db)) => {
            let (split, db, folders) = (split.clone(), db.to_path_buf(), folders.to_vec());
            let file = file.map(Path::to_path_buf);
            std::thread::Builder::new()
                .name("salve-cache".into())
                .spawn(move || {
                    let rows = Store::connect(&db)?.cached_rows_between(Some(&split), None)?;
                    Ok(to_entries(rows, &folders, file.as_deref()))
                })
                .ok()
        }
        _ => None,
    };
    let until = if later.is_some() { split.as_deref() } else { None };
    let mut entries = to_entries(store.cached_rows_between(None, until)?, folders, file);
    if let Some(later) = later {
        // A panic on that thread costs the second half, not the start-up.
        let mut rest = later.join().unwrap_or_else(|_| Ok(Vec::new()))?;
        entries.append(&mut rest);
    }
    Ok(entries)
}

/// Entries for the cached `rows` under `folders`, leaving out `file`.
fn to_entries(rows: Vec<CachedRow>, folders: &[PathBuf], file: Option<&Path>) -> Vec<Entry> {
    let mut names = Folders::new(folders);
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        if Some(row.path.as_path()) == file {
            continue;
        }
        if let Some(folder) = names.of(&row.path) {
            entries.push(Entry::from_cached(row, folder));
        }
    }
    // In the library's default order here, on this thread: the app's own sort then only
    // merges the halves.
    entries.sort_by(super::entry::title_order);
    entries
}
