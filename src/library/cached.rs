//! The library as the metadata cache remembers it: what start-up lists before a single file
//! is read.
//!
//! Reading and decoding the rows is most of what a warm start costs, so a large cache is read
//! in two halves at once, the second on its own thread and connection, split where the last
//! walk of the folders found the middle path ([`SPLIT_SETTING`]).

use super::entry::{Entry, Folders};
use crate::store::{CachedRow, Glimpse, Result, Store};
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
                    let store = Store::connect(&db)?;
                    entries_between(&store, Some(&split), None, &folders, file.as_deref())
                })
                .ok()
        }
        _ => None,
    };
    let until = if later.is_some() { split.as_deref() } else { None };
    let mut entries = entries_between(store, None, until, folders, file)?;
    if let Some(later) = later {
        // A panic on that thread costs the second half, not the start-up.
        let mut rest = later.join().unwrap_or_else(|_| Ok(Vec::new()))?;
        entries.append(&mut rest);
    }
    Ok(entries)
}

/// Entries for the rows of `glimpse` read from the cache (`found`, `None` for bundled ones),
/// each with the key the whole list gave it (a copy of another article has its own, see
/// `dedupe_keys`); `None` when a file is no longer under `folders` or no longer that article.
pub fn glimpse_entries(
    glimpse: &Glimpse,
    found: Vec<Option<CachedRow>>,
    folders: &[PathBuf],
) -> Option<Vec<Entry>> {
    let mut names = Folders::new(folders);
    let mut entries = Vec::new();
    for (row, cached) in glimpse.rows.iter().zip(found) {
        let Some(cached) = cached else { continue };
        let copy = row.key.strip_prefix(cached.key.as_str()).is_some_and(|s| s.starts_with('@'));
        if row.key != cached.key && !copy {
            return None;
        }
        let folder = names.of(&cached.path)?;
        let mut entry = Entry::from_cached(cached, folder);
        entry.key = crate::article::Key::new(row.key.clone());
        entries.push(entry);
    }
    Some(entries)
}

/// What the user is told when the cache could not be read (`why`).
pub fn unread(why: &str) -> String {
    format!("the library cache could not be read ({why}); reading the folders again")
}

/// The cache left to read after the first frame (see `App::await_library`): which folders
/// the library is made of, and the file listed on its own.
#[derive(Debug, Clone)]
pub struct Later {
    /// The library folders.
    pub folders: Vec<PathBuf>,
    /// The file named on the command line, if any (already listed).
    pub file: Option<PathBuf>,
    /// Whether the bundled articles are still to list (they go first).
    pub bundled: bool,
}

impl Later {
    /// The entries left to list: the bundled articles' if still to list, then the cached
    /// files' from `store` ([`load`]); and what went wrong reading the cache, said as
    /// [`unread`] says it (the bundled articles are listed all the same).
    pub fn read(&self, store: &Store) -> (Vec<Entry>, Option<String>) {
        let mut entries = if self.bundled { super::bundled().entries(&[]) } else { Vec::new() };
        match load(store, &self.folders, self.file.as_deref()) {
            Ok(cached) => {
                entries.extend(cached);
                (entries, None)
            }
            Err(e) => (entries, Some(unread(&e.to_string()))),
        }
    }
}

/// Entries for the cached files from `from` up to `until` under `folders`, leaving out `file`,
/// in the library's title order.
fn entries_between(
    store: &Store,
    from: Option<&Path>,
    until: Option<&Path>,
    folders: &[PathBuf],
    file: Option<&Path>,
) -> Result<Vec<Entry>> {
    let mut names = Folders::new(folders);
    let mut entries = Vec::new();
    store.visit_cached_rows(from, until, |row| {
        if Some(row.path.as_path()) == file {
            return;
        }
        if let Some(folder) = names.of(&row.path) {
            entries.push(Entry::from_cached(row, folder));
        }
    })?;
    // In the library's default order here, on this thread: the app's own sort then only
    // merges the halves.
    sort_in_title_order(&mut entries);
    Ok(entries)
}

/// Puts `entries` in the library's title order (stable). An entry is about 200 bytes: sorting
/// (folded-title prefix, index) pairs, then moving each entry into place once by following
/// the permutation's cycles, touches far less memory than sorting the entries themselves
/// (fresh memory costs about 1 ms a megabyte on the development machine).
fn sort_in_title_order(entries: &mut [Entry]) {
    let mut order: Vec<(u64, usize)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (super::entry::title_prefix(&e.title_key), i))
        .collect();
    order.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| super::entry::title_tiebreak(&entries[a.1], &entries[b.1]))
    });
    // `from[k]`: the entry that belongs at `k`. Each cycle is followed once; a place is marked
    // done by pointing at itself.
    let mut from: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    for start in 0..from.len() {
        let mut k = start;
        while from[k] != k {
            let j = from[k];
            from[k] = k;
            if j == start {
                break;
            }
            entries.swap(k, j);
            k = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CachedRow;
    use std::sync::Arc;

    fn entry(path: &str, title: &str) -> Entry {
        let row = CachedRow {
            path: PathBuf::from(path),
            size: 1,
            mtime_ns: 0,
            key: path.to_owned(),
            title: title.to_owned(),
            keywords: String::new(),
            words: 1,
            sections: 1,
            problems: Vec::new(),
        };
        Entry::from_cached(row, Arc::from("folder"))
    }

    /// The title order as the library pane sorts it (prefix, then the tie-break).
    fn title_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        let prefix = |e: &Entry| crate::library::entry::title_prefix(&e.title_key);
        prefix(a).cmp(&prefix(b)).then_with(|| crate::library::entry::title_tiebreak(a, b))
    }

    #[test]
    fn entries_come_in_title_order_and_equal_titles_keep_their_order() {
        let titles = [
            "Zinc",
            "asthma",
            "Asthma",
            "Anaemia in long titles that share a prefix B",
            "Anaemia in long titles that share a prefix A",
            "Ébola",
            "asthma",
            "10 tips",
            "",
            "Zinc",
            "Bee stings",
        ];
        let entries: Vec<Entry> =
            titles.iter().enumerate().map(|(i, t)| entry(&format!("/l/{i:02}.md"), t)).collect();
        let mut expected = entries.clone();
        expected.sort_by(title_order);
        let mut sorted = entries;
        sort_in_title_order(&mut sorted);
        let keys = |list: &[Entry]| list.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&sorted), keys(&expected));
        let zinc: Vec<&str> =
            sorted.iter().filter(|e| &*e.title == "Zinc").map(|e| e.key.as_str()).collect();
        assert_eq!(zinc, ["/l/00.md", "/l/09.md"], "equal titles in the order they came");
        // Many entries, many cycles: a shuffle of 500 titles with repeats.
        let mut seed = 7_u64;
        let many: Vec<Entry> = (0..500)
            .map(|i| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                entry(&format!("/m/{i:03}.md"), &format!("Title {}", (seed >> 33) % 97))
            })
            .collect();
        let mut expected = many.clone();
        expected.sort_by(title_order);
        let mut sorted = many;
        sort_in_title_order(&mut sorted);
        assert_eq!(keys(&sorted), keys(&expected));
    }

    #[test]
    fn a_glimpses_rows_are_used_only_while_each_file_is_still_that_article_in_the_library() {
        use crate::store::{GlimpseRow, IndexOrigin};
        let row = |path: &str, key: &str| CachedRow {
            path: PathBuf::from(path),
            size: 1,
            mtime_ns: 0,
            key: key.to_owned(),
            title: "Flu".to_owned(),
            keywords: String::new(),
            words: 1,
            sections: 1,
            problems: Vec::new(),
        };
        let kept = |path: &str, key: &str| GlimpseRow {
            place: IndexOrigin::File(PathBuf::from(path)),
            key: key.to_owned(),
        };
        let glimpse = |rows| Glimpse {
            scope: String::new(),
            order: "title".into(),
            total: 2,
            first: 0,
            selected: 0,
            rows,
        };
        let roots = [PathBuf::from("/lib")];
        // The same article, and a copy with the key the whole list gave it: used, those keys.
        let same = glimpse(vec![kept("/lib/a.md", "t:flu"), kept("/lib/b.md", "t:flu@00ff")]);
        let found = vec![Some(row("/lib/a.md", "t:flu")), Some(row("/lib/b.md", "t:flu"))];
        let entries = glimpse_entries(&same, found, &roots).expect("still those articles");
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["t:flu", "t:flu@00ff"]);
        // Another article at that path now (its key differs, or only starts the same).
        for now in ["t:colds", "t:fl"] {
            let found = vec![Some(row("/lib/a.md", now)), Some(row("/lib/b.md", "t:flu"))];
            assert!(glimpse_entries(&same, found, &roots).is_none(), "{now}");
        }
        // A file no longer under the library's folders.
        let outside = glimpse(vec![kept("/elsewhere/a.md", "t:flu")]);
        let found = vec![Some(row("/elsewhere/a.md", "t:flu"))];
        assert!(glimpse_entries(&outside, found, &roots).is_none());
    }

    #[test]
    fn what_is_left_to_list_puts_the_bundled_articles_first_even_when_the_cache_is_unreadable() {
        let data = tempfile::tempdir().unwrap();
        let mut store = Store::open(data.path()).store.unwrap();
        let cached = crate::store::CachedEntry {
            path: PathBuf::from("/lib/gout.md"),
            size: 1,
            mtime_ns: 0,
            key: "t:gout".into(),
            title: "Gout".into(),
            tags: Vec::new(),
            aliases: Vec::new(),
            words: 10,
            sections: 1,
            problems: Vec::new(),
            summary: None,
            outline: Vec::new(),
        };
        store.upsert_entries(&[cached], 1).unwrap();
        let later = Later { folders: vec![PathBuf::from("/lib")], file: None, bundled: true };
        let (entries, unread) = later.read(&store);
        let bundled = entries.iter().take_while(|e| e.path().is_none()).count();
        assert_eq!((bundled, entries.len(), unread), (4, 5, None));
        let bare = Later { bundled: false, ..later.clone() };
        assert_eq!(bare.read(&store).0.len(), 1);
        // The cache gone from under the store: said, and the bundled articles still listed.
        let other = rusqlite::Connection::open(data.path().join(crate::store::FILE_NAME)).unwrap();
        other.execute_batch("DROP TABLE cache").unwrap();
        let (entries, unread) = later.read(&store);
        assert_eq!(entries.len(), 4);
        assert!(unread.is_some_and(|u| u.contains("could not be read")));
    }
}
