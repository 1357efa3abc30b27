//! Search benchmarks over MedQuAD (`../shared/corpus/medquad`, 5,483 articles) and a generated
//! 100,000-article library (MedQuAD written out 19 times with distinct titles): building the
//! index from nothing the way salve does (the library walk: parse, cache, index, vocabulary),
//! and queries as they run while typing, one per keystroke.
//!
//! Before divan's runs, `main` prints what divan does not: the build's time, peak memory and
//! size on disk, and the 50th and 95th percentile of the per-keystroke query times. Budgets:
//! MedQuAD indexed in under 3 s, a keystroke's query under 10 ms at p95; 100,000 articles under
//! 40 ms. Everything is skipped when the corpus is missing.

use divan::{Bencher, black_box};
use salve::app::Options;
use salve::app::{App, Msg};
use salve::library::scan::{Job, run};
use salve::search;
use salve::store::{Scope, Store};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Queries of one to four words, with typos, typed one key at a time.
const QUERIES: &[&str] = &[
    "ptsd",
    "diabetis",
    "side effects",
    "anxeity treatment",
    "heart attack symptoms",
    "trmnt asthma",
    "glaucoma eye pressure",
    "high blood pressure treatment",
    "myocardial infarction",
    "alzheimers caregiving tips",
];

/// Results asked for per keystroke (about two screens of the search pane).
const LIMIT: usize = 30;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/medquad");
    dir.is_dir().then_some(dir)
}

/// Every prefix of every query, as typed.
fn keystrokes() -> Vec<&'static str> {
    let mut typed = Vec::new();
    for query in QUERIES {
        typed.extend(query.char_indices().skip(1).map(|(i, _)| &query[..i]));
        typed.push(query);
    }
    typed
}

/// Indexes `roots` into a new database in `data` with the library walk; returns the time.
fn build(roots: Vec<PathBuf>, data: &Path) -> Duration {
    let store = Store::open(data).store.expect("a database");
    let job = Job {
        roots,
        known: std::collections::HashMap::new(),
        db: store.path().map(Path::to_path_buf),
        bundled: false,
        now: 1_750_000_000,
    };
    let start = Instant::now();
    run(&job, &|_| true);
    start.elapsed()
}

/// The database (and its log) in bytes.
fn size_on_disk(data: &Path) -> u64 {
    ["salve.db", "salve.db-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(data.join(name)).ok())
        .map(|m| m.len())
        .sum()
}

/// This process's peak resident memory, from /proc (Linux), in MB.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb / 1024)
}

/// Times each keystroke's query `rounds` times; prints p50 and p95 over all rounds, and the
/// p95 of each round (the first meets the index as a new connection does: SQLite's page cache
/// and the vocabulary empty).
fn percentiles(name: &str, store: &Store, rounds: usize) {
    let mut times = Vec::new();
    let mut slowest = Vec::new();
    let mut by_round = Vec::new();
    for _ in 0..rounds {
        let mut round = Vec::new();
        for typed in keystrokes() {
            let start = Instant::now();
            black_box(search::search(store, typed, LIMIT).expect("search"));
            round.push(start.elapsed());
            slowest.push((start.elapsed(), typed));
        }
        round.sort_unstable();
        let p95 = round[(round.len() * 95 / 100).min(round.len() - 1)];
        by_round.push(format!("{:.2}", p95.as_secs_f64() * 1e3));
        times.extend(round);
    }
    slowest.sort_unstable_by(|a, b| b.cmp(a));
    slowest.dedup_by_key(|s| s.1);
    let slowest: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(t, q)| format!("{q:?} {:.1} ms", t.as_secs_f64() * 1e3))
        .collect();
    eprintln!("{name}: slowest {}", slowest.join(", "));
    times.sort_unstable();
    let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
    eprintln!(
        "{name}: {} keystroke queries, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms; p95 by round {} ms",
        times.len(),
        at(50).as_secs_f64() * 1e3,
        at(95).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        by_round.join(", "),
    );
}

/// Times each keystroke as the search pane sees it: the query, then its hits found among
/// `folders`' entries of the library (what `App::found` does before drawing them); prints p50
/// and p95.
fn in_the_app(name: &str, store: &Store, folders: &[PathBuf]) {
    for bundled in [true, false] {
        in_the_app_scoped(name, store, folders, bundled);
    }
}

/// [`in_the_app`] with the library's scope: with the bundled articles it is all of the index
/// (the match is not restricted, as for one library); without, the match is restricted to a list
/// of almost every article (the costliest case).
fn in_the_app_scoped(name: &str, store: &Store, folders: &[PathBuf], bundled: bool) {
    let entries = salve::library::cached::load(store, folders, None).expect("the cache");
    let count = entries.len();
    let mut app = App::new(Options::listing(entries));
    let scope = Scope { folders: folders.to_vec(), files: Vec::new(), bundled };
    store.set_scope(Some(scope));
    let (mut times, mut finding) = (Vec::new(), Vec::new());
    for typed in keystrokes() {
        let start = Instant::now();
        let outcome = search::search(store, typed, salve::app::ASKED).expect("search");
        let searched = Instant::now();
        app.lookup.query = typed.to_string();
        let asked = salve::app::ASKED;
        app.update(Msg::Found { query: typed.to_string(), asked, outcome: Ok(outcome) });
        times.push(start.elapsed());
        finding.push(searched.elapsed());
        black_box(app.lookup.results.len());
    }
    let p = |times: &mut Vec<Duration>, p: usize| {
        times.sort_unstable();
        times[(times.len() * p / 100).min(times.len() - 1)].as_secs_f64() * 1e3
    };
    eprintln!(
        "{name}, in the app, {} ({count} entries, {} hits asked): p50 {:.2} ms, p95 {:.2} ms; \
         of which finding the hits' entries p95 {:.2} ms",
        if bundled { "one library" } else { "restricted to a list of every article but 4" },
        salve::app::ASKED,
        p(&mut times, 50),
        p(&mut times, 95),
        p(&mut finding, 95),
    );
    store.set_scope(None);
}

/// A database holding MedQuAD, built once.
fn medquad() -> &'static Path {
    static DB: OnceLock<TempDir> = OnceLock::new();
    DB.get_or_init(|| {
        let data = tempfile::tempdir().expect("a temp dir");
        let took = build(vec![corpus().expect("the corpus")], data.path());
        eprintln!(
            "medquad index from nothing: {:.2} s, {:.1} MB on disk, peak memory {} MB",
            took.as_secs_f64(),
            size_on_disk(data.path()) as f64 / 1e6,
            peak_mb().map_or_else(|| "?".to_owned(), |m| m.to_string()),
        );
        data
    })
    .path()
}

/// A database holding 100,000 articles: MedQuAD 19 times (104,177), each copy's titles
/// marked with its number so no two articles are the same.
fn library_100k() -> &'static Path {
    static DB: OnceLock<TempDir> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let corpus = corpus().expect("the corpus");
        let files = salve::library::discover(std::slice::from_ref(&corpus), &mut Vec::new());
        for copy in 0..19 {
            let folder = dir.path().join(format!("copy-{copy:02}"));
            for file in &files {
                let text = std::fs::read_to_string(file).expect("readable");
                let text = text.replacen("\ntitle: \"", &format!("\ntitle: \"Copy {copy} "), 1);
                let rel = file.strip_prefix(&corpus).expect("under the corpus");
                let to = folder.join(rel);
                std::fs::create_dir_all(to.parent().expect("a folder")).expect("made");
                std::fs::write(to, text).expect("written");
            }
        }
        let data = dir.path().join("data");
        let took = build(vec![dir.path().to_path_buf()], &data);
        eprintln!(
            "100,000-article index from nothing: {:.1} s, {:.0} MB on disk",
            took.as_secs_f64(),
            size_on_disk(&data) as f64 / 1e6,
        );
        dir
    })
    .path()
}

fn main() {
    if corpus().is_none() {
        eprintln!("skipped: ../shared/corpus/medquad is missing");
        return;
    }
    let store = Store::open(medquad()).store.expect("the database");
    percentiles("medquad", &store, 5);
    in_the_app("medquad", &store, &[corpus().expect("the corpus")]);
    drop(store);
    // Statics are never dropped: the fixtures' files are removed by hand, on every way out.
    let only_medquad = std::env::var_os("SALVE_BENCH_MEDQUAD_ONLY").is_some();
    // SALVE_BENCH_100K_DATA: a data folder already holding a 100,000-article index (as
    // a copy of the one `benches/first_frame.py` builds), to time queries without building it
    // again.
    let kept_100k = std::env::var_os("SALVE_BENCH_100K_DATA");
    if only_medquad || kept_100k.is_some() {
        if let Some(data) = kept_100k.filter(|_| !only_medquad) {
            let store = Store::open(Path::new(&data)).store.expect("the database");
            percentiles("100,000 articles", &store, 2);
            in_the_app("100,000 articles", &store, &[PathBuf::from("/")]);
        }
        let _ = std::fs::remove_dir_all(medquad());
        return;
    }
    let store = Store::open(&library_100k().join("data")).store.expect("the database");
    percentiles("100,000 articles", &store, 2);
    in_the_app("100,000 articles", &store, &[library_100k().to_path_buf()]);
    drop(store);
    divan::main();
    for dir in [medquad(), library_100k()] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// MedQuAD from nothing: walk, parse, cache, index, vocabulary.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn index_medquad_from_nothing(bencher: Bencher) {
    let corpus = corpus().expect("the corpus");
    bencher
        .with_inputs(|| tempfile::tempdir().expect("a temp dir"))
        .bench_local_values(|data| build(vec![corpus.clone()], data.path()));
}

/// Every keystroke of every query, over MedQuAD.
#[divan::bench(sample_count = 10)]
fn keystrokes_medquad(bencher: Bencher) {
    let store = Store::open(medquad()).store.expect("the database");
    let typed = keystrokes();
    bencher.bench_local(|| {
        for query in &typed {
            black_box(search::search(&store, query, LIMIT).expect("search"));
        }
    });
}

/// Every keystroke of every query, over 100,000 articles.
#[divan::bench(sample_count = 3)]
fn keystrokes_100k(bencher: Bencher) {
    let store = Store::open(&library_100k().join("data")).store.expect("the database");
    let typed = keystrokes();
    bencher.bench_local(|| {
        for query in &typed {
            black_box(search::search(&store, query, LIMIT).expect("search"));
        }
    });
}
