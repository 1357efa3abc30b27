//! The walk keeps the search index in step: new files indexed, gone files removed, the bundled
//! articles indexed once, and a cache made before the index existed filled in.

use super::*;
use crate::search;
use std::cell::RefCell;
use std::fs;

/// Runs a walk over `dir` with the database in `data`; returns the `Indexed` reports.
fn walk(dir: &Path, data: &Path, known: HashMap<PathBuf, (u64, i64)>) -> Vec<(usize, usize)> {
    let store = Store::open(data).store.unwrap();
    let job = Job {
        roots: vec![dir.to_path_buf()],
        known,
        db: store.path().map(Path::to_path_buf),
        bundled: true,
        now: 1_000_000,
    };
    let indexed = RefCell::new(Vec::new());
    run(&job, &|event| {
        if let ScanEvent::Indexed { done, total } = event {
            indexed.borrow_mut().push((done, total));
        }
        true
    });
    indexed.into_inner()
}

fn hits(data: &Path, query: &str) -> Vec<String> {
    let store = Store::open(data).store.unwrap();
    let outcome = search::search(&store, query, 10).unwrap();
    outcome.hits.iter().map(|h| h.heading.clone()).collect()
}

#[test]
fn new_files_are_indexed_and_gone_files_removed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sleep.md"), "# Sleep\n\n## Melatonin\n\nA hormone.\n").unwrap();
    fs::write(dir.path().join("gout.md"), "# Gout\n\n## Diet\n\nLess purine.\n").unwrap();
    let reports = walk(dir.path(), data.path(), HashMap::new());
    assert_eq!(reports.last(), Some(&(6, 6)), "4 bundled articles and 2 files: {reports:?}");
    assert_eq!(hits(data.path(), "melatonin"), ["Melatonin"]);
    assert_eq!(hits(data.path(), "PTSD")[0], "Addressing PTSD with Ketamine");

    fs::remove_file(dir.path().join("sleep.md")).unwrap();
    let store = Store::open(data.path()).store.unwrap();
    let known = store.cached_rows().unwrap().into_iter().map(|r| (r.path, (r.size, r.mtime_ns)));
    let reports = walk(dir.path(), data.path(), known.collect());
    assert!(reports.is_empty(), "nothing new to index: {reports:?}");
    assert!(hits(data.path(), "melatonin").is_empty());
    assert_eq!(hits(data.path(), "purine"), ["Diet"]);
}

#[test]
fn files_the_cache_knows_but_the_index_does_not_are_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sleep.md"), "# Sleep\n\n## Melatonin\n\nA hormone.\n").unwrap();
    walk(dir.path(), data.path(), HashMap::new());
    let mut store = Store::open(data.path()).store.unwrap();
    // As after an upgrade from a salve without the index: cached, not indexed.
    store.unindex_paths(&[dir.path().join("sleep.md")]).unwrap();
    let known = store.cached_rows().unwrap().into_iter().map(|r| (r.path, (r.size, r.mtime_ns)));
    let reports = walk(dir.path(), data.path(), known.collect());
    assert_eq!(reports, [(1, 1)]);
    assert_eq!(hits(data.path(), "hormone"), ["Melatonin"]);
}

#[test]
fn indexing_only_the_bundled_articles_is_reported() {
    // The first run on the bundled library alone: no file to index, yet a search typed before
    // the bundled articles were indexed must be asked again once they are.
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    assert_eq!(walk(dir.path(), data.path(), HashMap::new()), [(4, 4)]);
    assert_eq!(hits(data.path(), "PTSD")[0], "Addressing PTSD with Ketamine");
}
