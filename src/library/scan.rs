//! Keeping the library in step with the disk, off the UI thread.
//!
//! Start-up draws the library from the metadata cache at once; this walk then `stat`s every
//! file under the library folders, parses only the files that are new or changed since they
//! were cached, and reports back in batches (new entries, files gone, files that could not be
//! read) while the UI keeps drawing and taking keys. It writes the cache and the search index
//! through its own connection to the store, so the next start finds everything ready: new and
//! changed files are indexed as they are parsed, files gone are removed from the index, the
//! bundled articles are indexed once (again when their key changes), and the vocabulary
//! snapshot queries expand words with is refreshed as the index grows.

use super::cached::SPLIT_SETTING;
use super::entry::Entry;
use super::{BUNDLED, FileStat, bundled, discover_stat, read_all};
use crate::article::{Article, Origin};
use crate::hash::FastSet;
use crate::store::{CachedEntry, IndexedArticle, Store};
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// Files parsed between two reports: small enough that the list fills in steadily, large
/// enough that the UI does not re-sort the library for every file.
const BATCH: usize = 256;

/// Cache rows of files not seen for this long are dropped (30 days, in seconds).
pub const FORGET_AFTER: i64 = 30 * 24 * 3600;

/// What the walk reports.
#[derive(Debug)]
pub enum ScanEvent {
    /// Articles read from new or changed files.
    Found(Vec<Entry>),
    /// Files the cache knew that are gone.
    Gone(Vec<PathBuf>),
    /// Files that could not be read, one message each.
    Problems(Vec<String>),
    /// How far indexing is: articles indexed of those to index.
    Indexed {
        /// Articles indexed so far.
        done: usize,
        /// Articles to index.
        total: usize,
    },
    /// How far the walk is: files checked of the total found.
    Progress {
        /// Files checked so far.
        done: usize,
        /// Files found.
        total: usize,
    },
    /// The walk is over; a warning when the cache could not be written.
    Done(Option<String>),
}

/// What one walk needs: the folders, what the cache knew of each file under them, the store's
/// file to write the cache through, and the time now.
#[derive(Debug, Clone)]
pub struct Job {
    /// The library folders (and files named on the command line).
    pub roots: Vec<PathBuf>,
    /// Size and modification time of the files the library already lists, when they did
    /// not come from the cache in `db` (the walk reads the cache's own, off the UI thread).
    pub known: HashMap<PathBuf, (u64, i64)>,
    /// The database to keep the cache and the search index in, if there is one to write.
    pub db: Option<PathBuf>,
    /// Whether the bundled articles are part of the library (and so of the index).
    pub bundled: bool,
    /// The time now, unix seconds.
    pub now: i64,
}

/// A walk running on its own thread: its reports, and the means to stop it.
#[derive(Debug)]
pub struct Walk {
    /// The walk's reports, in order.
    pub reports: Receiver<ScanEvent>,
    /// Asks the walk to stop at its next report.
    stop: Arc<AtomicBool>,
    /// Closed when the walk's thread has ended (its connection to the store closed).
    ended: Receiver<()>,
}

impl Walk {
    /// Stops the walk at its next report and waits, `within` at most, for its thread to end,
    /// so its connection to the store is closed before the app closes its own.
    pub fn stop(self, within: Duration) {
        self.stop.store(true, Ordering::Relaxed);
        drop(self.reports);
        // Nothing is ever sent: the wait ends when the thread drops its sender, or at `within`.
        let _ = self.ended.recv_timeout(within);
    }
}

/// Starts the walk on its own thread; `wake` is called after every report so the UI can
/// read it at once.
pub fn spawn(job: Job, wake: impl Fn() + Send + 'static) -> Walk {
    let (tx, reports) = channel();
    let (ending, ended) = channel::<()>();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let spawned = std::thread::Builder::new().name("salve-scan".into()).spawn(move || {
        let _ending = ending;
        let send = |event| {
            let sent = !stopped.load(Ordering::Relaxed) && tx.send(event).is_ok();
            wake();
            sent
        };
        run(&job, &send);
    });
    if spawned.is_err() {
        // No thread: the library stays as the cache had it.
        let (tx, reports): (Sender<ScanEvent>, _) = channel();
        let _ =
            tx.send(ScanEvent::Done(Some("could not start reading the library folders".into())));
        let (_, ended) = channel();
        return Walk { reports, stop, ended };
    }
    Walk { reports, stop, ended }
}

/// The walk itself; `send` returns false once nobody listens.
pub fn run(job: &Job, send: &dyn Fn(ScanEvent) -> bool) {
    let mut store = job.db.as_deref().map(Store::connect);
    let mut known = job.known.clone();
    if let Some(Ok(store)) = &store
        && let Ok(stats) = store.cached_stats()
    {
        let under = |p: &Path| job.roots.iter().any(|r| p.starts_with(r));
        let stats = stats.into_iter().filter(|s| under(&s.0));
        known.extend(stats.map(|(path, size, mtime)| (path, (size, mtime))));
    }
    let mut problems = Vec::new();
    let files = discover_stat(&job.roots, &mut problems);
    let total = files.len();
    // By bytes: a `Path` hashes component by component (the walk's paths and the cache's are
    // the same bytes).
    let found: FastSet<&OsStr> = files.iter().map(|f| f.path.as_os_str()).collect();
    let gone: Vec<PathBuf> =
        known.keys().filter(|p| !found.contains(p.as_os_str())).cloned().collect();
    if !gone.is_empty() && !send(ScanEvent::Gone(gone)) {
        return;
    }
    let mut index = Index::default();
    if let Some(Ok(store)) = store.as_mut() {
        index = Index::start(store, job, &found);
    }
    let (unchanged, changed): (Vec<&FileStat>, Vec<&FileStat>) = files.iter().partition(|f| {
        let stat = Some(&(f.size, f.mtime_ns));
        known.get(&f.path) == stat && index.files.as_ref().is_none_or(|i| i.get(&f.path) == stat)
    });
    let mut warning = None;
    let mut write = |what: &dyn Fn(&mut Store) -> crate::store::Result<()>| {
        if let Some(Ok(store)) = store.as_mut()
            && let Err(e) = what(store)
        {
            warning.get_or_insert_with(|| format!("the library cache could not be saved ({e})"));
        }
    };
    let mut done = unchanged.len();
    if !send(ScanEvent::Progress { done, total }) {
        return;
    }
    let to_index = changed.len() + index.bundled.len();
    if !index.bundled.is_empty() {
        let docs = std::mem::take(&mut index.bundled);
        write(&|s: &mut Store| s.index_articles(&docs));
        index.batches += 1;
    }
    let mut indexed = to_index - changed.len();
    // Said at once: with no file to index (the bundled library alone) no batch below would,
    // and a search typed before these were indexed would keep its empty results.
    if indexed > 0 && !send(ScanEvent::Indexed { done: indexed, total: to_index }) {
        return;
    }
    for batch in changed.chunks(BATCH) {
        let paths: Vec<PathBuf> = batch.iter().map(|f| f.path.clone()).collect();
        let mut batch_problems = Vec::new();
        let articles = read_all(&paths, &[], &mut batch_problems);
        let stats: HashMap<&Path, &FileStat> =
            batch.iter().map(|f| (f.path.as_path(), *f)).collect();
        let (cached, docs): (Vec<CachedEntry>, Vec<IndexedArticle>) = articles
            .iter()
            .filter_map(|a| match &a.origin {
                Origin::File(path) => stats
                    .get(path.as_path())
                    .map(|s| (cached_entry(a, s), crate::search::indexed(a, s.size, s.mtime_ns))),
                Origin::Bundled(_) => None,
            })
            .unzip();
        write(&|s: &mut Store| s.upsert_entries(&cached, job.now));
        if index.files.is_some() {
            write(&|s: &mut Store| s.index_articles(&docs));
            index.batches += 1;
            // Refreshed after 1, 4, 16, 64... batches: words are found early in a first build
            // of a large library, at about a third more than refreshing once at the end.
            if index.batches.is_power_of_two() && index.batches.trailing_zeros() % 2 == 0 {
                write(&|s: &mut Store| s.refresh_vocabulary());
                index.fresh = true;
            } else {
                index.fresh = false;
            }
        }
        let entries = articles.iter().map(|a| Entry::from_article(a, &job.roots)).collect();
        done += batch.len();
        indexed += batch.len();
        let reported = send(ScanEvent::Found(entries))
            && (batch_problems.is_empty() || send(ScanEvent::Problems(batch_problems)))
            && send(ScanEvent::Progress { done, total })
            && send(ScanEvent::Indexed { done: indexed, total: to_index });
        if !reported {
            return;
        }
    }
    // Where the next start splits reading the cache between two threads: the middle path.
    let mut paths: Vec<&[u8]> =
        files.iter().map(|f| f.path.as_os_str().as_encoded_bytes()).collect();
    paths.sort_unstable();
    if let Some(middle) = paths.get(paths.len() / 2).and_then(|p| std::str::from_utf8(p).ok()) {
        write(&|s: &mut Store| s.set_setting(SPLIT_SETTING, middle));
    }
    let seen: Vec<PathBuf> = unchanged.iter().map(|f| f.path.clone()).collect();
    write(&|s: &mut Store| s.mark_seen(&seen, job.now));
    write(&|s: &mut Store| s.forget_unseen(job.now - FORGET_AFTER).map(|_| ()));
    if !index.gone.is_empty() {
        write(&|s: &mut Store| s.unindex_paths(&index.gone).map(|_| ()));
    }
    if (index.batches > 0 && !index.fresh) || !index.gone.is_empty() || index.stale {
        write(&|s: &mut Store| s.refresh_vocabulary());
    }
    if !problems.is_empty() {
        send(ScanEvent::Problems(problems));
    }
    // Closed before saying so: the app may quit at once, and only the last connection to
    // close folds SQLite's log back into the database and deletes it (one still open as the
    // process ended left a 33 MB log behind at 100,000 files, since this walk's own large
    // maps take milliseconds to free before it is dropped).
    drop(store);
    send(ScanEvent::Done(warning));
}

/// What the walk must do to the search index, found before it starts.
#[derive(Debug, Default)]
struct Index {
    /// Size and modification time of each indexed file; `None` without a store to index in.
    files: Option<HashMap<PathBuf, (u64, i64)>>,
    /// Indexed files under the library folders that are gone.
    gone: Vec<PathBuf>,
    /// Bundled articles to index (new, or with a new key).
    bundled: Vec<IndexedArticle>,
    /// Batches indexed so far.
    batches: usize,
    /// Whether the vocabulary was refreshed after the last batch.
    fresh: bool,
    /// Whether something was removed before the walk (bundled articles salve no longer has).
    stale: bool,
}

impl Index {
    /// Reads what is indexed and works out what to change; a store that cannot be read leaves
    /// the index alone.
    fn start(store: &mut Store, job: &Job, found: &FastSet<&OsStr>) -> Index {
        let Ok(files) = store.indexed_files() else { return Index::default() };
        let gone = files
            .keys()
            .filter(|p| {
                !found.contains(p.as_os_str()) && job.roots.iter().any(|r| p.starts_with(r))
            })
            .cloned()
            .collect();
        let mut index = Index { files: Some(files), gone, ..Index::default() };
        if job.bundled {
            let indexed = store.indexed_bundled().unwrap_or_default();
            let names: Vec<&str> = BUNDLED.iter().map(|(name, _)| *name).collect();
            index.stale = store.unindex_bundled_except(&names).unwrap_or(0) > 0;
            index.bundled = bundled()
                .articles
                .iter()
                .filter(|a| match a.origin {
                    Origin::Bundled(name) => {
                        indexed.get(name).map(String::as_str) != Some(a.key.as_str())
                    }
                    Origin::File(_) => false,
                })
                .map(|a| crate::search::indexed(a, 0, 0))
                .collect();
        }
        index
    }
}

/// What the cache keeps of a parsed article read from `stat`'s file.
pub fn cached_entry(article: &Article, stat: &FileStat) -> CachedEntry {
    let entry = Entry::from_article(article, &[]);
    let preview = entry.preview.unwrap_or_default();
    CachedEntry {
        path: stat.path.clone(),
        size: stat.size,
        mtime_ns: stat.mtime_ns,
        key: entry.key.into(),
        title: entry.title.to_string(),
        tags: article.meta.tags.clone(),
        aliases: article.meta.aliases.clone(),
        words: entry.words,
        sections: entry.sections,
        problems: entry.problems,
        summary: preview.summary,
        outline: preview.outline,
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
