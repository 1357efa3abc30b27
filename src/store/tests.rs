//! Round trips through every table, and two stores sharing one file as two processes would.

use super::cache::{decode_list, decode_outline, encode_list, encode_outline};
use super::*;

pub(super) fn progress(article: &str, offset: u32, read_at: i64) -> Progress {
    Progress {
        article: article.to_owned(),
        title_key: format!("title of {article}"),
        anchor: "dosage".to_owned(),
        section: 3,
        offset,
        percent: 40,
        read_at,
    }
}

pub(super) fn bookmark(id: &str, article: &str, created_at: i64) -> Bookmark {
    Bookmark {
        id: id.to_owned(),
        article: article.to_owned(),
        title_key: format!("title of {article}"),
        article_title: "Ketamine and the Brain".to_owned(),
        section_title: "Side effects".to_owned(),
        anchor: "side-effects".to_owned(),
        section: 2,
        offset: 120,
        label: "check this".to_owned(),
        excerpt: "Most people feel".to_owned(),
        created_at,
    }
}

pub(super) fn entry_at(path: &str, title: &str) -> CachedEntry {
    entry(path, title)
}

fn entry(path: &str, title: &str) -> CachedEntry {
    CachedEntry {
        path: PathBuf::from(path),
        size: 4096,
        mtime_ns: 1_700_000_000_123_456_789,
        key: format!("key:{path}"),
        title: title.to_owned(),
        tags: vec!["mental health".to_owned(), "drugs".to_owned()],
        aliases: vec!["Special K".to_owned()],
        words: 1200,
        sections: 7,
        problems: vec!["line 3: unclosed front matter".to_owned()],
        summary: Some("What it does.".to_owned()),
        outline: vec![(1, title.to_owned()), (2, "Dosage".to_owned())],
    }
}

fn row_of(e: &CachedEntry) -> CachedRow {
    CachedRow {
        path: e.path.clone(),
        size: e.size,
        mtime_ns: e.mtime_ns,
        key: e.key.clone(),
        title: e.title.clone(),
        keywords: crate::library::entry::keywords(&e.tags, &e.aliases),
        words: e.words,
        sections: e.sections,
        problems: e.problems.clone(),
    }
}

fn memory() -> Store {
    Store::open_in_memory().unwrap()
}

#[test]
fn progress_round_trips_and_saving_again_replaces_only_that_article() {
    let mut store = memory();
    store.save_progress(&progress("a", 10, 100)).unwrap();
    store.save_progress(&progress("b", 20, 200)).unwrap();
    store.save_progress(&progress("a", 99, 300)).unwrap();
    let mut all = store.load_progress().unwrap();
    all.sort_by(|x, y| x.article.cmp(&y.article));
    assert_eq!(all, [progress("a", 99, 300), progress("b", 20, 200)]);
}

#[test]
fn percent_over_100_is_saved_as_100() {
    let mut store = memory();
    store.save_progress(&Progress { percent: 250, ..progress("a", 0, 1) }).unwrap();
    assert_eq!(store.load_progress().unwrap()[0].percent, 100);
}

#[test]
fn largest_offsets_round_trip() {
    let mut store = memory();
    let far =
        Progress { section: u32::MAX, offset: u32::MAX, read_at: i64::MIN, ..progress("a", 0, 0) };
    store.save_progress(&far).unwrap();
    assert_eq!(store.load_progress().unwrap(), [far]);
}

#[test]
fn bookmarks_come_newest_first() {
    let mut store = memory();
    store.add_bookmark(&bookmark("1-1", "a", 100)).unwrap();
    store.add_bookmark(&bookmark("3-1", "b", 300)).unwrap();
    store.add_bookmark(&bookmark("2-1", "a", 200)).unwrap();
    let ids: Vec<_> = store.bookmarks().unwrap().into_iter().map(|b| b.id).collect();
    assert_eq!(ids, ["3-1", "2-1", "1-1"]);
    assert_eq!(store.bookmarks().unwrap()[0], bookmark("3-1", "b", 300));
}

#[test]
fn deleted_bookmark_comes_back_when_added_again() {
    let mut store = memory();
    let mark = bookmark("5-9", "a", 100);
    store.add_bookmark(&mark).unwrap();
    assert!(store.delete_bookmark("5-9").unwrap());
    assert!(store.bookmarks().unwrap().is_empty());
    assert!(!store.delete_bookmark("5-9").unwrap(), "a second delete finds nothing");
    store.add_bookmark(&mark).unwrap();
    assert_eq!(store.bookmarks().unwrap(), std::slice::from_ref(&mark));
    // Adding the same id twice keeps one bookmark.
    store.add_bookmark(&mark).unwrap();
    assert_eq!(store.bookmarks().unwrap().len(), 1);
}

#[test]
fn renaming_a_bookmark_changes_its_label_only() {
    let mut store = memory();
    store.add_bookmark(&bookmark("1-1", "a", 100)).unwrap();
    assert!(store.rename_bookmark("1-1", "dose table").unwrap());
    assert!(!store.rename_bookmark("nope", "x").unwrap());
    let expected = Bookmark { label: "dose table".to_owned(), ..bookmark("1-1", "a", 100) };
    assert_eq!(store.bookmarks().unwrap(), [expected]);
}

#[test]
fn rekey_moves_progress_and_bookmarks_to_the_new_key() {
    let mut store = memory();
    store.save_progress(&progress("old", 10, 100)).unwrap();
    store.save_progress(&progress("other", 5, 50)).unwrap();
    store.add_bookmark(&bookmark("1-1", "old", 100)).unwrap();
    store.add_bookmark(&bookmark("2-1", "other", 100)).unwrap();
    store.rekey("old", "new").unwrap();
    let mut all = store.load_progress().unwrap();
    all.sort_by(|x, y| x.article.cmp(&y.article));
    let moved = Progress { article: "new".to_owned(), ..progress("old", 10, 100) };
    assert_eq!(all, [moved, progress("other", 5, 50)]);
    let articles: Vec<_> = store.bookmarks().unwrap().into_iter().map(|b| b.article).collect();
    assert_eq!(articles, ["other", "new"]);
}

#[test]
fn rekey_keeps_the_more_recently_read_progress() {
    let mut store = memory();
    store.save_progress(&progress("old", 10, 100)).unwrap();
    store.save_progress(&progress("new", 20, 200)).unwrap();
    store.rekey("old", "new").unwrap();
    assert_eq!(store.load_progress().unwrap(), [progress("new", 20, 200)]);

    store.save_progress(&progress("older-but-newer", 30, 300)).unwrap();
    store.rekey("older-but-newer", "new").unwrap();
    let expected = Progress { article: "new".to_owned(), ..progress("older-but-newer", 30, 300) };
    assert_eq!(store.load_progress().unwrap(), [expected]);
}

#[test]
fn rekey_to_the_same_key_keeps_everything() {
    let mut store = memory();
    store.save_progress(&progress("a", 10, 100)).unwrap();
    store.rekey("a", "a").unwrap();
    assert_eq!(store.load_progress().unwrap(), [progress("a", 10, 100)]);
}

#[test]
fn settings_round_trip() {
    let mut store = memory();
    assert_eq!(store.setting("theme").unwrap(), None);
    store.set_setting("theme", "dark").unwrap();
    store.set_setting("theme", "light").unwrap();
    store.set_setting("width", "").unwrap();
    assert_eq!(store.setting("theme").unwrap().as_deref(), Some("light"));
    assert_eq!(store.setting("width").unwrap().as_deref(), Some(""));
}

#[test]
fn cache_round_trips_rows_and_previews() {
    let mut store = memory();
    let a = entry("/lib/a.md", "Alpha");
    let b = CachedEntry {
        summary: None,
        outline: Vec::new(),
        tags: Vec::new(),
        ..entry("/lib/b.md", "Beta")
    };
    store.upsert_entries(&[b.clone(), a.clone()], 1000).unwrap();
    assert_eq!(store.cached_rows().unwrap(), [row_of(&a), row_of(&b)]);
    let preview = |summary, outline, tags| Some(Preview { summary, outline, tags });
    assert_eq!(
        store.preview(&a.path).unwrap(),
        preview(a.summary.clone(), a.outline.clone(), a.tags.clone())
    );
    assert_eq!(store.preview(&b.path).unwrap(), preview(None, Vec::new(), Vec::new()));
    assert_eq!(store.preview(Path::new("/lib/none.md")).unwrap(), None);

    let edited = CachedEntry { title: "Alpha, revised".to_owned(), summary: None, ..a };
    store.upsert_entries(std::slice::from_ref(&edited), 2000).unwrap();
    assert_eq!(store.cached_rows().unwrap(), [row_of(&edited), row_of(&b)]);
    assert_eq!(store.preview(&edited.path).unwrap(), preview(None, edited.outline, edited.tags));
}

#[test]
fn of_two_entries_for_one_file_in_a_batch_the_later_wins() {
    let mut store = memory();
    let batch: Vec<_> =
        (0..50).map(|i| entry(&format!("/lib/{}.md", i % 5), &format!("v{i}"))).collect();
    store.upsert_entries(&batch, 1).unwrap();
    let titles: Vec<_> = store.cached_rows().unwrap().into_iter().map(|r| r.title).collect();
    assert_eq!(titles, ["v45", "v46", "v47", "v48", "v49"]);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_round_trip() {
    use std::os::unix::ffi::OsStrExt;
    let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/lib/caf\xe9.md"));
    let mut store = memory();
    let e = CachedEntry { path: path.clone(), ..entry("/x", "Café") };
    store.upsert_entries(std::slice::from_ref(&e), 1).unwrap();
    assert_eq!(store.cached_rows().unwrap(), [row_of(&e)]);
    assert!(store.preview(&path).unwrap().is_some());
}

#[test]
fn forget_unseen_drops_only_files_not_seen_since() {
    const DAY: i64 = super::cache::SEEN_EVERY;
    let mut store = memory();
    let (a, b, c) = (entry("/a.md", "A"), entry("/b.md", "B"), entry("/c.md", "C"));
    store.upsert_entries(&[a.clone(), b.clone()], DAY).unwrap();
    store.upsert_entries(std::slice::from_ref(&c), 2 * DAY).unwrap();
    store.mark_seen(&[a.path.clone(), PathBuf::from("/not-cached.md")], 3 * DAY).unwrap();
    assert_eq!(store.forget_unseen(DAY + 1).unwrap(), 1, "only b was last seen before");
    assert_eq!(store.cached_rows().unwrap(), [row_of(&a), row_of(&c)]);
    assert_eq!(store.preview(&b.path).unwrap(), None, "its preview goes too");
    assert_eq!(store.forget_unseen(DAY + 1).unwrap(), 0);
}

#[test]
fn files_seen_again_the_same_day_are_not_rewritten() {
    const DAY: i64 = super::cache::SEEN_EVERY;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).store.unwrap();
    let files: Vec<CachedEntry> =
        (0..300).map(|i| entry(&format!("/lib/{i:03}.md"), &format!("Title {i}"))).collect();
    store.upsert_entries(&files, 10 * DAY).unwrap();
    let paths: Vec<PathBuf> = files.iter().map(|e| e.path.clone()).collect();
    let changes = |store: &Store| store.total_changes();
    let before = changes(&store);
    store.mark_seen(&paths, 10 * DAY + 3600).unwrap();
    assert_eq!(changes(&store), before, "seen an hour after they were saved: nothing written");
    store.mark_seen(&paths, 11 * DAY).unwrap();
    assert_eq!(changes(&store) - before, 300, "a day later: every row marked");
    // Forgetting still sees the day each was last seen.
    assert_eq!(store.forget_unseen(11 * DAY).unwrap(), 0);
    assert_eq!(store.forget_unseen(11 * DAY + 1).unwrap(), 300);
}

#[test]
fn lists_keep_newlines_backslashes_and_empty_items() {
    let cases: [&[&str]; 5] = [&[], &[""], &["", ""], &["a\nb", "c\\n", "\\"], &["tail\\"]];
    for items in cases {
        let items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(decode_list(&encode_list(&items)), items);
    }
    let outline = vec![(1, "Two\nlines".to_owned()), (6, String::new()), (2, "a b".to_owned())];
    assert_eq!(decode_outline(&encode_outline(&outline)), outline);
}

#[test]
fn two_stores_on_one_file_keep_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = Store::open(dir.path()).store.unwrap();
    let mut two = Store::open(dir.path()).store.unwrap();
    one.save_progress(&progress("a", 1, 100)).unwrap();
    two.save_progress(&progress("b", 2, 100)).unwrap();
    one.add_bookmark(&bookmark("1-1", "a", 100)).unwrap();
    two.add_bookmark(&bookmark("1-2", "b", 200)).unwrap();
    one.save_progress(&progress("a", 3, 300)).unwrap();
    two.set_setting("theme", "dark").unwrap();
    for store in [&one, &two] {
        let mut all = store.load_progress().unwrap();
        all.sort_by(|x, y| x.article.cmp(&y.article));
        assert_eq!(all, [progress("a", 3, 300), progress("b", 2, 100)]);
        assert_eq!(
            store.bookmarks().unwrap(),
            [bookmark("1-2", "b", 200), bookmark("1-1", "a", 100)]
        );
        assert_eq!(store.setting("theme").unwrap().as_deref(), Some("dark"));
    }
}

#[test]
fn errors_name_the_file_and_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).store.unwrap();
    let e = store.error(rusqlite::Error::QueryReturnedNoRows).to_string();
    assert!(e.contains(&format!("'{}'", dir.path().join(FILE_NAME).display())), "{e}");
    assert!(e.contains("move the file aside"), "{e}");
}

#[test]
fn a_glimpse_whose_files_are_no_longer_all_cached_reads_as_none_and_can_be_forgotten() {
    use super::{Glimpse, GlimpseRow, IndexOrigin};
    let mut store = memory();
    let (a, b) = (entry("/lib/a.md", "A"), entry("/lib/b.md", "B"));
    store.upsert_entries(&[a.clone(), b.clone()], 1).unwrap();
    let row = |e: &CachedEntry| GlimpseRow {
        place: IndexOrigin::File(e.path.clone()),
        key: e.key.clone(),
    };
    let bundled = GlimpseRow { place: IndexOrigin::Bundled("x.md".into()), key: "t:x".into() };
    let glimpse = Glimpse {
        scope: "s".into(),
        order: "title".into(),
        total: 3,
        first: 0,
        selected: 1,
        rows: vec![row(&a), bundled, row(&b)],
    };
    store.save_glimpse(Some(&glimpse)).unwrap();
    assert_eq!(store.glimpse().unwrap().as_ref(), Some(&glimpse));
    let found = store.glimpse_rows(&glimpse).unwrap().expect("all cached");
    let paths: Vec<Option<PathBuf>> = found.into_iter().map(|r| r.map(|r| r.path)).collect();
    assert_eq!(paths, [Some(a.path.clone()), None, Some(b.path.clone())], "in its order");
    // b is forgotten by the cache: the glimpse can no longer be drawn.
    store.forget_unseen(1_000).unwrap();
    store.upsert_entries(std::slice::from_ref(&a), 2_000).unwrap();
    assert_eq!(store.glimpse_rows(&glimpse).unwrap(), None);
    store.save_glimpse(None).unwrap();
    assert_eq!(store.glimpse().unwrap(), None);
}
