//! Store benchmarks on a large library: 100,000 progress rows and a 100,000-file cache, in a
//! database file on disk as salve uses it.
//!
//! Saving one position must take well under a millisecond, loading all progress under 50 ms,
//! the start-up cache read under about 60 ms, and opening (with its integrity check) stays
//! cheap however big the cache grows. `check_whole_file` is the full `PRAGMA quick_check` that
//! open does not run, measured to show why. Files are marked and re-cached in an order unlike
//! their paths' (500 folders interleaved), as a directory walk may give them.

use divan::{Bencher, black_box};
use salve::store::{CachedEntry, Progress, Store};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};
use tempfile::TempDir;

// Shared with the other benchmarks; only the generator is used here.
#[allow(dead_code)]
mod support;
use support::Rng;

fn main() {
    divan::main();
    // Statics are never dropped: remove the fixtures' files by hand.
    for dir in [&BIG, &CACHE] {
        if let Some(dir) = dir.get() {
            let _ = std::fs::remove_dir_all(dir.path());
        }
    }
}

/// Rows in the big tables.
const ROWS: usize = 100_000;

/// Files re-parsed in one batch.
const BATCH: usize = 5_000;

/// When the fixtures were last seen (unix seconds).
const NOW: i64 = 1_750_000_000;

/// One article's progress.
fn progress(i: usize, offset: u32) -> Progress {
    Progress {
        article: format!("md:{i:016x}"),
        title_key: format!("ketamine for depression part {i}"),
        anchor: "dosage-and-side-effects".to_owned(),
        section: 4,
        offset,
        percent: 37,
        read_at: NOW,
    }
}

/// A file in a library of nested topic folders, with a typical title, tags, summary and outline.
fn entry(rng: &mut Rng, i: usize) -> CachedEntry {
    let mut title = String::new();
    rng.words_into(&mut title, 6);
    let mut summary = String::new();
    rng.words_into(&mut summary, 40);
    let outline = (0..8)
        .map(|h| {
            let mut heading = String::new();
            rng.words_into(&mut heading, 3);
            (if h == 0 { 1 } else { 2 }, heading)
        })
        .collect();
    CachedEntry {
        path: PathBuf::from(format!("/home/reader/health/topic-{:03}/article-{i:06}.md", i % 500)),
        size: 4_000 + (i as u64 % 20_000),
        mtime_ns: 1_700_000_000_000_000_000 + i64::try_from(i).unwrap_or(0),
        key: format!("md:{i:016x}"),
        title,
        tags: vec![rng.word().to_owned(), rng.word().to_owned()],
        aliases: if i.is_multiple_of(3) { vec![rng.word().to_owned()] } else { Vec::new() },
        words: 800 + (i as u32 % 3_000),
        sections: 8,
        problems: if i.is_multiple_of(50) {
            vec!["front matter: unknown key 'x'".to_owned()]
        } else {
            Vec::new()
        },
        summary: Some(summary),
        outline,
    }
}

/// Every cache entry of the big library, made once.
static ENTRIES: LazyLock<Vec<CachedEntry>> = LazyLock::new(|| {
    let mut rng = Rng(7);
    (0..ROWS).map(|i| entry(&mut rng, i)).collect()
});

/// A data directory whose database holds 100,000 progress rows and a 100,000-file cache.
static BIG: OnceLock<TempDir> = OnceLock::new();

/// A data directory as a heavy reader's might be: a 100,000-file cache, 1,000 articles read.
static CACHE: OnceLock<TempDir> = OnceLock::new();

/// The data directory of [`BIG`], made on first use.
fn big() -> &'static Path {
    BIG.get_or_init(|| fixture(ROWS)).path()
}

/// The data directory of [`CACHE`], made on first use.
fn cache() -> &'static Path {
    CACHE.get_or_init(|| fixture(1_000)).path()
}

/// A data directory with the whole cache and `read` articles' progress.
fn fixture(read: usize) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut store = open(dir.path());
    for i in 0..read {
        store.save_progress(&progress(i, 0)).expect("saves");
    }
    for batch in ENTRIES.chunks(BATCH) {
        store.upsert_entries(batch, NOW).expect("caches");
    }
    drop(store);
    // Write the new file out now, so the disk is not busy with it while others are timed.
    std::fs::File::open(dir.path().join(salve::store::FILE_NAME))
        .and_then(|f| f.sync_all())
        .expect("syncs");
    dir
}

/// The store in `dir`, which must open without a warning.
fn open(dir: &Path) -> Store {
    let opened = Store::open(dir);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    opened.store.expect("a store")
}

#[divan::bench]
fn save_progress_among_100k(bencher: Bencher) {
    let mut store = open(big());
    let mut offset = 0;
    bencher.bench_local(|| {
        offset += 1;
        store.save_progress(&progress(offset as usize % ROWS, offset)).expect("saves");
    });
}

#[divan::bench(sample_count = 20)]
fn load_progress_100k(bencher: Bencher) {
    let store = open(big());
    bencher.bench_local(|| black_box(store.load_progress().expect("loads")));
}

#[divan::bench(sample_count = 20)]
fn cached_rows_100k(bencher: Bencher) {
    let store = open(big());
    bencher.bench_local(|| black_box(store.cached_rows().expect("loads")));
}

#[divan::bench]
fn preview_one_of_100k(bencher: Bencher) {
    let store = open(big());
    let path = &ENTRIES[ROWS / 2].path;
    bencher.bench_local(|| black_box(store.preview(path).expect("reads")));
}

#[divan::bench(sample_count = 20)]
fn upsert_5000_entries_into_100k(bencher: Bencher) {
    let mut store = open(big());
    let mut batch: Vec<CachedEntry> = ENTRIES[..BATCH].to_vec();
    bencher.bench_local(|| {
        // A changed size each time, so every row really is rewritten.
        for e in &mut batch {
            e.size += 1;
        }
        store.upsert_entries(&batch, NOW).expect("caches");
    });
}

#[divan::bench(sample_count = 10)]
fn mark_seen_100k(bencher: Bencher) {
    let mut store = open(big());
    let paths: Vec<PathBuf> = ENTRIES.iter().map(|e| e.path.clone()).collect();
    let mut now = NOW;
    bencher.bench_local(|| {
        // A day on each time: every row is marked (within a day none would be).
        now += salve::store::SEEN_EVERY;
        store.mark_seen(&paths, now).expect("marks");
    });
}

#[divan::bench(sample_count = 20)]
fn forget_unseen_scanning_100k(bencher: Bencher) {
    let mut store = open(big());
    bencher.bench_local(|| black_box(store.forget_unseen(0).expect("forgets")));
}

/// Opening as salve starts: open, check the state tables, see the schema is current (the
/// store is closed after the timing).
#[divan::bench(sample_count = 20)]
fn open_with_100k_cache(bencher: Bencher) {
    let dir = cache();
    bencher.bench_local(|| open(dir));
}

/// The same with 100,000 articles read: the check of the progress table grows with it.
#[divan::bench(sample_count = 20)]
fn open_with_100k_cache_and_100k_progress(bencher: Bencher) {
    let dir = big();
    bencher.bench_local(|| open(dir));
}

/// What open would cost checking the whole file, cache included.
#[divan::bench(sample_count = 10)]
fn check_whole_file_with_100k_cache(bencher: Bencher) {
    let store = open(cache());
    bencher.bench_local(|| store.check().expect("sound"));
}
