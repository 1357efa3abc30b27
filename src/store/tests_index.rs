//! The search index: articles replaced and removed whole, the vocabulary snapshot, learned
//! aliases, and the index kept in step with the metadata cache.

use super::tests::entry_at;
use super::*;

fn article(origin: IndexOrigin, key: &str, bodies: &[&str]) -> IndexedArticle {
    IndexedArticle {
        key: key.to_owned(),
        origin,
        size: 10,
        mtime_ns: 20,
        title: "Sleep and Insomnia".to_owned(),
        aliases: "sleeplessness".to_owned(),
        tags: "sleep".to_owned(),
        sections: bodies
            .iter()
            .enumerate()
            .map(|(i, body)| IndexedSection {
                index: u32::try_from(i).unwrap(),
                anchor: format!("part-{i}"),
                heading: format!("Part {i}"),
                body: (*body).to_owned(),
            })
            .collect(),
        learned: vec![("cbt".to_owned(), "cognitive behavioral therapy".to_owned())],
    }
}

fn file(path: &str) -> IndexOrigin {
    IndexOrigin::File(PathBuf::from(path))
}

const WEIGHTS: [f64; 5] = [1.0; 5];

fn rows(store: &Store, query: &str) -> Vec<i64> {
    let mut rows: Vec<i64> =
        store.match_sections(query, &WEIGHTS, 100).unwrap().iter().map(|m| m.row).collect();
    rows.sort_unstable();
    rows
}

#[test]
fn indexing_an_article_again_replaces_all_its_sections() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .index_articles(&[article(file("/a.md"), "k1", &["melatonin dose", "light therapy"])])
        .unwrap();
    assert_eq!(rows(&store, "melatonin OR light").len(), 2);
    store.index_articles(&[article(file("/a.md"), "k2", &["caffeine late"])]).unwrap();
    assert!(rows(&store, "melatonin OR light").is_empty(), "old sections are gone");
    let [row] = rows(&store, "caffeine")[..] else { panic!() };
    let found = store.sections(&[row, row + 1]).unwrap();
    assert_eq!(found.len(), 1, "a row not in the index is left out");
    let found = &found[0];
    assert_eq!((found.key.as_str(), found.section), ("k2", 0));
    assert_eq!(found.path.as_deref(), Some(Path::new("/a.md")));
    assert!(found.body.contains("caffeine late"), "{:?}", found.body);
    assert_eq!(store.index_counts().unwrap(), IndexCounts { articles: 1, sections: 1 });
}

#[test]
fn articles_are_removed_by_path_by_key_and_bundled_name() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .index_articles(&[
            article(file("/a.md"), "ka", &["alpha"]),
            article(file("/b.md"), "kb", &["beta"]),
            article(IndexOrigin::Bundled("c.md".into()), "kc", &["gamma"]),
        ])
        .unwrap();
    assert_eq!(store.indexed_files().unwrap().get(Path::new("/a.md")), Some(&(10, 20)));
    assert_eq!(store.indexed_bundled().unwrap().get("c.md").map(String::as_str), Some("kc"));
    assert_eq!(store.unindex_paths(&[PathBuf::from("/a.md"), PathBuf::from("/x.md")]).unwrap(), 1);
    assert_eq!(store.unindex_keys(&["kb".to_owned()]).unwrap(), 1);
    assert_eq!(store.unindex_bundled_except(&["other.md"]).unwrap(), 1);
    assert!(rows(&store, "alpha OR beta OR gamma").is_empty());
    assert!(store.aliases_of("cbt", 5).unwrap().is_empty(), "learned aliases go too");
}

#[test]
fn the_vocabulary_is_a_snapshot_refreshed_on_demand() {
    let mut store = Store::open_in_memory().unwrap();
    store.index_articles(&[article(file("/a.md"), "k", &["Melatonin, melatonin!"])]).unwrap();
    assert!(store.vocabulary().unwrap().get("melatonin").is_none(), "not refreshed yet");
    store.refresh_vocabulary().unwrap();
    let vocabulary = store.vocabulary().unwrap();
    let term = vocabulary.get("melatonin").unwrap();
    assert_eq!((term.docs, term.heads), (1, 0));
    assert_eq!(vocabulary.get("insomnia").unwrap().heads, 1, "in the title");
    let prefixed: Vec<&str> = vocabulary.with_prefix("s").iter().map(|t| t.text.as_str()).collect();
    assert_eq!(prefixed, ["sleep", "sleeplessness"]);
    assert!(Arc::ptr_eq(&vocabulary, &store.vocabulary().unwrap()), "kept until refreshed");
}

#[test]
fn learned_aliases_are_found_from_either_side() {
    let mut store = Store::open_in_memory().unwrap();
    store.index_articles(&[article(file("/a.md"), "k", &["text"])]).unwrap();
    assert_eq!(store.aliases_of("cbt", 5).unwrap(), ["cognitive behavioral therapy"]);
    assert_eq!(store.aliases_of("cognitive behavioral therapy", 5).unwrap(), ["cbt"]);
    assert!(store.aliases_of("therapy", 5).unwrap().is_empty());
}

#[test]
fn forgetting_a_cached_file_removes_it_from_the_index() {
    let mut store = Store::open_in_memory().unwrap();
    let day = crate::store::cache::SEEN_EVERY;
    store.upsert_entries(&[entry_at("/old.md", "Old"), entry_at("/new.md", "New")], 100).unwrap();
    store.mark_seen(&[PathBuf::from("/new.md")], 100 + day).unwrap();
    store
        .index_articles(&[
            article(file("/old.md"), "ko", &["alpha"]),
            article(file("/new.md"), "kn", &["beta"]),
            article(IndexOrigin::Bundled("b.md".into()), "kb", &["gamma"]),
        ])
        .unwrap();
    assert_eq!(store.forget_unseen(150).unwrap(), 1);
    let files: Vec<PathBuf> = store.indexed_files().unwrap().into_keys().collect();
    assert_eq!(files, [PathBuf::from("/new.md")]);
    assert_eq!(rows(&store, "alpha OR beta OR gamma").len(), 2, "bundled articles stay");
}

#[test]
fn reads_in_one_snapshot_see_the_section_that_matched_while_another_salve_reindexes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut walker = Store::open(dir.path()).store.unwrap();
    walker.index_articles(&[article(file("/a.md"), "k1", &["melatonin dose"])]).unwrap();
    let searcher = Store::open(dir.path()).store.unwrap();
    let body = searcher
        .snapshot(|| {
            let [row] = rows(&searcher, "melatonin")[..] else { panic!("one match") };
            // Meanwhile the walk indexes the edited article again (its rows are reused).
            walker.index_articles(&[article(file("/a.md"), "k2", &["caffeine late"])])?;
            let found = searcher.sections(&[row])?;
            Ok(found.first().map(|f| f.body.clone()))
        })
        .unwrap();
    assert!(body.is_some_and(|b| b.contains("melatonin")), "the matched text, not the new");
    // After it, the new text.
    assert_eq!(rows(&searcher, "melatonin").len(), 0);
    assert_eq!(rows(&searcher, "caffeine").len(), 1);
}

#[test]
fn a_scoped_search_matches_only_the_librarys_articles_as_the_index_grows() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .index_articles(&[
            article(file("/lib/a.md"), "ka", &["gout treatment"]),
            article(file("/other/b.md"), "kb", &["gout treatment"]),
            article(file("/library/c.md"), "kc", &["gout treatment"]),
            article(file("/named.md"), "kn", &["gout treatment"]),
            article(IndexOrigin::Bundled("d.md".into()), "kd", &["gout treatment"]),
        ])
        .unwrap();
    let keys = |store: &Store| {
        let found = store.sections(&rows(store, "gout")).unwrap();
        let mut keys: Vec<String> = found.into_iter().map(|f| f.key).collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&store).len(), 5, "unscoped: every article indexed");
    let scope = Scope {
        folders: vec![PathBuf::from("/lib")],
        files: vec![PathBuf::from("/named.md")],
        bundled: true,
    };
    store.set_scope(Some(scope));
    assert!(store.refresh_scope().unwrap());
    assert_eq!(keys(&store), ["ka", "kd", "kn"], "not /other, not /library");
    // Indexed since (the walk found a new file): in scope at the next refresh.
    store.index_articles(&[article(file("/lib/deep/e.md"), "ke", &["gout diet"])]).unwrap();
    store.index_articles(&[article(file("/other/f.md"), "kf", &["gout diet"])]).unwrap();
    assert!(store.refresh_scope().unwrap());
    assert_eq!(keys(&store), ["ka", "kd", "ke", "kn"]);
    // A folder forgotten (deleting, where the greatest id stays): out at the next refresh.
    store.forget_folder(std::path::Path::new("/lib/deep")).unwrap();
    assert!(store.refresh_scope().unwrap());
    assert_eq!(keys(&store), ["ka", "kd", "kn"]);
    store.set_scope(None);
    assert!(!store.refresh_scope().unwrap());
    assert_eq!(keys(&store).len(), 6, "unscoped again");
}

#[test]
fn a_scoped_count_counts_copies_once_and_nothing_out_of_scope() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .index_articles(&[
            // One article in two files of the library, one of its own, and a copy elsewhere.
            article(file("/lib/a.md"), "ka", &["gout diet"]),
            article(file("/lib/copy/a.md"), "ka", &["gout diet"]),
            article(file("/lib/b.md"), "kb", &["gout rest"]),
            article(file("/other/a.md"), "ka", &["gout diet"]),
            article(file("/other/c.md"), "kc", &["gout rest"]),
        ])
        .unwrap();
    assert_eq!(store.count_sections("gout").unwrap(), 3, "unscoped: ka, kb, kc");
    let scope = Scope { folders: vec![PathBuf::from("/lib")], files: Vec::new(), bundled: false };
    store.set_scope(Some(scope));
    assert!(store.refresh_scope().unwrap());
    assert_eq!(store.count_sections("gout").unwrap(), 2, "ka once, kb; not /other");
    assert_eq!(store.count_sections("diet").unwrap(), 1);
    // A file forgotten on its own: its namesake folders' files stay.
    assert_eq!(store.forget_folder(std::path::Path::new("/lib/b.md")).unwrap(), (0, 1));
    assert!(store.refresh_scope().unwrap());
    assert_eq!(store.count_sections("rest").unwrap(), 0);
    assert_eq!(store.count_sections("diet").unwrap(), 1);
}
