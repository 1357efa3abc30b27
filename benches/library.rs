//! Library start-up without a terminal: what a warm `salve` does before its first frame, on
//! cached libraries of MedQuAD's size (5,483 files) and of 100,000 files.
//!
//! `warm_start`: open the store, read the cache (two halves at once, as at start-up), build
//! the app, restore 1,000 saved positions and 200 bookmarks, and draw the first 120x40 frame.
//! The pty harness `benches/first_frame.py` measures the same from process start, with the
//! process's own costs (loading, fresh memory); this one shows where the time goes, quietly.

use divan::{Bencher, black_box};
use salve::action::Action;
use salve::app::Options;
use salve::app::{App, Effect, Filterer, Msg};
use salve::library::Order;
use salve::library::cached::{self, SPLIT_SETTING};
use salve::store::{Bookmark, CachedEntry, Progress, Store};
use salve::ui::render_to_buffer;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

#[allow(dead_code)]
mod support;
use support::Rng;

fn main() {
    divan::main();
    for dir in [&MEDQUAD_SIZE, &HUGE] {
        if let Some(dir) = dir.get() {
            let _ = std::fs::remove_dir_all(dir.path());
        }
    }
}

/// The folder the generated files are said to be in.
const ROOT: &str = "/home/reader/health";

/// When the fixtures were made (unix seconds).
const NOW: i64 = 1_750_000_000;

/// A data directory whose cache holds MedQuAD's number of files.
static MEDQUAD_SIZE: OnceLock<TempDir> = OnceLock::new();
/// A data directory whose cache holds 100,000 files.
static HUGE: OnceLock<TempDir> = OnceLock::new();

fn entry(rng: &mut Rng, i: usize) -> CachedEntry {
    let mut title = String::new();
    rng.words_into(&mut title, 5);
    let _ = write!(title, " {i}");
    CachedEntry {
        path: PathBuf::from(format!(
            "{ROOT}/source-{:02}/topic-{:03}/article-{i:06}.md",
            i % 9,
            i % 400
        )),
        size: 4_000,
        mtime_ns: 1_700_000_000_000_000_000,
        key: format!("t:{}#{i:016x}", title.to_lowercase()),
        title,
        tags: vec![rng.word().to_owned(), rng.word().to_owned(), rng.word().to_owned()],
        aliases: Vec::new(),
        words: 900,
        sections: 6,
        problems: Vec::new(),
        summary: None,
        outline: Vec::new(),
    }
}

/// A data directory with a cache of `files`, 1,000 articles read and 200 bookmarks.
fn fixture(files: usize) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut store = Store::open(dir.path()).store.expect("a writable store");
    let mut rng = Rng(11);
    let entries: Vec<CachedEntry> = (0..files).map(|i| entry(&mut rng, i)).collect();
    store.upsert_entries(&entries, NOW).expect("cached");
    for e in entries.iter().step_by(files / 1_000) {
        let p = Progress {
            article: e.key.clone(),
            title_key: salve::article::title_key(&e.title),
            anchor: "dosage".into(),
            section: 2,
            offset: 10,
            percent: 30,
            read_at: NOW,
        };
        store.save_progress(&p).expect("saved");
    }
    for (n, e) in entries.iter().step_by(files / 200).enumerate() {
        let mark = Bookmark {
            id: format!("{n}"),
            article: e.key.clone(),
            title_key: String::new(),
            article_title: e.title.clone(),
            section_title: "Dosage".into(),
            anchor: "dosage".into(),
            section: 2,
            offset: 0,
            label: "dose".into(),
            excerpt: "The usual dose".into(),
            created_at: NOW,
        };
        store.add_bookmark(&mark).expect("saved");
    }
    let mut paths: Vec<&Path> = entries.iter().map(|e| e.path.as_path()).collect();
    paths.sort_unstable_by(|a, b| {
        a.as_os_str().as_encoded_bytes().cmp(b.as_os_str().as_encoded_bytes())
    });
    let middle = paths[paths.len() / 2].to_str().expect("utf-8");
    store.set_setting(SPLIT_SETTING, middle).expect("saved");
    dir
}

fn data_dir(files: usize) -> &'static Path {
    let cell = if files == 100_000 { &HUGE } else { &MEDQUAD_SIZE };
    cell.get_or_init(|| fixture(files)).path()
}

/// Open, read the cache, build and restore the app, draw the first frame.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn warm_start(bencher: Bencher, files: usize) {
    let dir = data_dir(files);
    bencher.bench_local(|| {
        let store = Store::open(dir).store.expect("opens");
        let entries = cached::load(&store, &[PathBuf::from(ROOT)], None).expect("read");
        let mut app = App::new(Options::listing(entries));
        let progress = store.load_progress().expect("read");
        let bookmarks = store.bookmarks().expect("read");
        app.update(Msg::Restored { progress, bookmarks, order: Order::Title });
        app.update(Action::Resize(120, 40));
        let frame = render_to_buffer(&app, 120, 40);
        black_box(frame);
        // Returned, so the app is dropped after timing: salve never frees it before it quits.
        app
    });
}

/// Only reading the cache into entries.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn read_cache(bencher: Bencher, files: usize) {
    let dir = data_dir(files);
    let store = Store::open(dir).store.expect("opens");
    bencher.bench_local(|| cached::load(&store, &[PathBuf::from(ROOT)], None).expect("read"));
}

/// Only building the app from entries (keys checked, the list sorted).
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn build_app(bencher: Bencher, files: usize) {
    let dir = data_dir(files);
    let store = Store::open(dir).store.expect("opens");
    let entries = cached::load(&store, &[PathBuf::from(ROOT)], None).expect("read");
    bencher
        .with_inputs(|| entries.clone())
        .bench_values(|entries| App::new(Options::listing(entries)));
}

/// The library of `files` cached articles, its filter being typed into.
fn filtering(files: usize) -> App {
    let store = Store::open(data_dir(files)).store.expect("opens");
    let entries = cached::load(&store, &[PathBuf::from(ROOT)], None).expect("read");
    let mut app = App::new(Options::listing(entries));
    app.update(Action::Resize(120, 40));
    app.update(Action::StartFilter);
    app
}

/// Runs the filter jobs among `effects` as the loop's filter thread does, and hands the rows
/// back: what a key typed into the filter costs in all.
fn run_filters(app: &mut App, filterer: &mut Filterer, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Filter(job) = effect {
            let rows = filterer.run(&job, &|| false).expect("not cancelled");
            app.update(Msg::Filtered { generation: job.generation, rows });
        }
    }
}

/// One keystroke of the library filter over every entry, its rows made (on the filter's
/// thread in the app) and taken in.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn filter_keystroke(bencher: Bencher, files: usize) {
    let mut app = filtering(files);
    let mut filterer = Filterer::default();
    bencher.bench_local(|| {
        let effects = app.update(Action::Type('k'));
        run_filters(&mut app, &mut filterer, effects);
        let effects = app.update(Action::DeleteChar);
        run_filters(&mut app, &mut filterer, effects);
    });
}

/// What the event loop itself spends on a keystroke of the filter: the key taken and the rows
/// asked for, then the rows taken in (the filtering is on its thread). A letter typed, then
/// deleted (which gives the whole list back on the loop).
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn filter_keystroke_on_the_loop(bencher: Bencher, files: usize) {
    let mut app = filtering(files);
    let mut filterer = Filterer::default();
    // Each letter's rows made before timing: the loop only takes them in.
    let effects = app.update(Action::Type('k'));
    let Some(Effect::Filter(job)) = effects.into_iter().next() else { panic!("a filter job") };
    let rows = filterer.run(&job, &|| false).expect("not cancelled");
    app.update(Action::DeleteChar);
    bencher.bench_local(|| {
        let effects = app.update(Action::Type('k'));
        let Some(Effect::Filter(job)) = effects.into_iter().next() else { panic!("a filter job") };
        app.update(Msg::Filtered { generation: job.generation, rows: rows.clone() });
        app.update(Action::DeleteChar);
    });
}

/// What the first key typed into the filter after the library changed adds on the loop:
/// each entry's text to match copied for the filter's thread.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn filter_texts(bencher: Bencher, files: usize) {
    let app = filtering(files);
    bencher.bench_local(|| salve::app::filter::Texts::of(&app.entries));
}

/// A three-word filter typed one key at a time, each key's rows made and taken in, then
/// cleared: the per-key time is this over 13.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn filter_typed_word_by_word(bencher: Bencher, files: usize) {
    let mut app = filtering(files);
    let mut filterer = Filterer::default();
    bencher.bench_local(|| {
        for c in "asthma copy 7".chars() {
            let effects = app.update(Action::Type(c));
            run_filters(&mut app, &mut filterer, effects);
        }
        for _ in 0..13 {
            let effects = app.update(Action::DeleteChar);
            run_filters(&mut app, &mut filterer, effects);
        }
    });
}

/// What a quit adds to remember the first screen for the next start: the whole list put in
/// the next start's order, and the rows around the article read last kept.
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn glimpse_at_quit(bencher: Bencher, files: usize) {
    let app = restored_app(files, Order::Recent);
    bencher.bench_local(|| app.glimpse().expect("a library run"));
}

/// A warm start's first frame from a remembered first screen: open the store, read the
/// glimpse's rows by path, build and restore the app on them, draw (the whole cache is read on
/// other threads meanwhile, and taken in before the first key).
#[divan::bench(args = [5_483, 100_000], sample_count = 10)]
fn glimpse_start(bencher: Bencher, files: usize) {
    let dir = data_dir(files);
    let glimpse = restored_app(files, Order::Title).glimpse().expect("a library run");
    Store::open(dir).store.expect("opens").save_glimpse(Some(&glimpse)).expect("saved");
    let roots = [PathBuf::from(ROOT)];
    bencher.bench_local(|| {
        let store = Store::open(dir).store.expect("opens");
        let glimpse = store.glimpse().expect("read").expect("kept");
        let found = store.glimpse_rows(&glimpse).expect("read").expect("all cached");
        let entries = cached::glimpse_entries(&glimpse, found, &roots).expect("entries");
        let mut app = App::new(Options { cached_from: Some(0), ..Options::listing(entries) });
        let progress = store.load_progress().expect("read");
        let bookmarks = store.bookmarks().expect("read");
        app.update(Msg::Restored { progress, bookmarks, order: Order::Title });
        let effects = app.update(Msg::Glimpse(glimpse.clone()));
        assert!(!effects.contains(&Effect::ReadLibrary), "the glimpse shown");
        app.update(Action::Resize(120, 40));
        black_box(render_to_buffer(&app, 120, 40));
        app
    });
}

/// A whole warm app, as after start-up, on a library run.
fn restored_app(files: usize, order: Order) -> App {
    let store = Store::open(data_dir(files)).store.expect("opens");
    let entries = cached::load(&store, &[PathBuf::from(ROOT)], None).expect("read");
    let scope = Some("bench".into());
    let mut app = App::new(Options { glimpse_scope: scope, ..Options::listing(entries) });
    let progress = store.load_progress().expect("read");
    let bookmarks = store.bookmarks().expect("read");
    app.update(Msg::Restored { progress, bookmarks, order });
    app
}
