//! `salve list`: one line per article, or JSON.
//!
//! The library is listed from the metadata cache in `salve.db`, as the reader lists it: a
//! folder opened before answers at once, and the walk that brings the cache up to date runs
//! after the answer, saying on stderr how many files changed since ("list again to see them").
//! A folder never opened is walked first (with its progress on a terminal). Without a store
//! (or one that cannot be read and holds nothing), the files are read as before.

use super::{CliError, check_paths, load_config};
use crate::article::{Article, Origin};
use crate::config::Paths;
use crate::library::{self, Entry};
use crate::sanitize::sanitize_line;
use crate::store::{Preview, Store};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One article as listed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    pub(super) id: String,
    pub(super) title: String,
    sections: usize,
    words: usize,
    minutes: usize,
    pub(super) origin: String,
    summary: Option<String>,
    tags: Vec<String>,
    /// Its identity for saved state, as bookmarks and search results name it.
    article: String,
    /// How far it has been read, in percent; `None` when never opened.
    progress: Option<u8>,
    /// When it was last read (unix seconds); `None` when never opened.
    last_read: Option<i64>,
    /// Its bookmarks.
    bookmarks: usize,
    /// Its identity for saved state (as the reader keys it: a copy of another gets its own).
    #[serde(skip)]
    key: crate::article::Key,
    /// Where to read it from.
    #[serde(skip)]
    pub(super) place: Origin,
    /// What tells it apart from another of the same title: its source, else its folder.
    #[serde(skip)]
    pub(super) from: String,
}

impl Row {
    /// The row of an article read.
    fn of_article(a: &Article) -> Self {
        Self {
            id: a.id.clone(),
            title: a.meta.title.clone(),
            sections: a.sections.iter().filter(|s| s.level > 0).count(),
            words: a.words(),
            minutes: a.reading_minutes(),
            origin: a.origin_label(),
            summary: a.meta.summary.clone(),
            tags: a.meta.tags.clone(),
            article: a.key.to_string(),
            progress: None,
            last_read: None,
            bookmarks: 0,
            key: a.key.clone(),
            place: a.origin.clone(),
            from: a.meta.source.clone().unwrap_or_else(|| a.origin_label()),
        }
    }

    /// The row of cached `file`, shown as `path` (its id made unique by the caller), with its
    /// preview.
    fn of_entry(entry: &Entry, file: &Path, path: &Path, preview: Option<Preview>) -> Self {
        let preview = preview.unwrap_or_default();
        Self {
            id: library::file_id(path),
            title: entry.title.to_string(),
            sections: entry.sections as usize,
            words: entry.words as usize,
            minutes: entry.minutes(),
            origin: sanitize_line(&path.display().to_string()).into_owned(),
            summary: preview.summary,
            tags: preview.tags,
            article: entry.key.to_string(),
            progress: None,
            last_read: None,
            bookmarks: 0,
            key: entry.key.clone(),
            place: Origin::File(file.to_path_buf()),
            from: entry.folder.to_string(),
        }
    }
}

/// A library as `salve list` lists it, and what is needed to bring its cache up to date.
pub(super) struct Listing {
    /// Its articles, in order, ids unique.
    pub(super) rows: Vec<Row>,
    /// The files were read or walked for this listing: nothing is left to check.
    pub(super) walked: bool,
    /// Files that could not be read, and what reading each article found, one note each.
    notes: Vec<String>,
    /// Its folders and files, absolute.
    roots: Vec<PathBuf>,
    /// Whether the bundled articles are in it.
    bundled: bool,
    /// `salve.db`, when it can be written (the walk keeps the cache there).
    db: Option<PathBuf>,
    /// The store it was listed from, if any.
    store: Option<Store>,
}

impl Listing {
    /// The library of `roots` (the user's library when there are none: the bundled articles
    /// when the config keeps them, the articles folder, the configured folders), from the
    /// cache when it can (previews read when `json` prints them).
    pub(super) fn of(
        paths: &Paths,
        config: &crate::config::Config,
        roots: &[PathBuf],
        json: bool,
    ) -> Result<Self, CliError> {
        check_paths(roots)?;
        let (roots, bundled) = if roots.is_empty() {
            let (folders, failed) = super::user_folders(paths, config);
            if let Some(e) = failed {
                return Err(anyhow::Error::from(e).into());
            }
            (folders, config.bundled)
        } else {
            (roots.to_vec(), false)
        };
        // The cache holds absolute paths; rows show them as the folder was named.
        let given = roots.clone();
        let roots: Vec<PathBuf> =
            roots.iter().map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone())).collect();
        let opened = Store::open(&paths.data_dir);
        for warning in &opened.warnings {
            eprintln!("salve: {}", sanitize_line(warning));
        }
        let store = opened.store;
        let rows = store.as_ref().and_then(|s| cached_rows(s, &roots, &given, bundled, json));
        let (mut rows, walked, notes) = rows.unwrap_or_else(|| {
            let library = library::load(&given, bundled);
            (library.articles.iter().map(Row::of_article).collect(), true, library.all_problems())
        });
        own_keys(&mut rows);
        let db = store.as_ref().and_then(super::walk::writable);
        Ok(Self { rows, walked, notes, roots, bundled, db, store })
    }

    /// Walks the files for changes since the cache was made, into it; how many changed (0
    /// when the files were read or walked for this listing, or the store cannot be written).
    pub(super) fn check(&mut self) -> usize {
        if std::mem::replace(&mut self.walked, true) {
            return 0;
        }
        let Some(db) = &self.db else { return 0 };
        super::walk::run(db, self.roots.clone(), self.bundled)
    }
}

/// Lists the library of `roots` (the user's library when there are none) on stdout.
pub(super) fn run(paths: &Paths, json: bool, roots: &[PathBuf]) -> Result<(), CliError> {
    let config = load_config(paths);
    let mut listing = Listing::of(paths, &config, roots, json)?;
    if json && let Some(store) = &listing.store {
        // Only the JSON says it.
        reading_state(store, &mut listing.rows);
    }
    for note in &listing.notes {
        eprintln!("salve: {note}");
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    print_rows(&mut out, &listing.rows, json).map_err(anyhow::Error::from)?;
    out.flush().map_err(anyhow::Error::from)?;
    drop(out);
    super::walk::tell_changed(listing.check(), "the list was made; list again");
    Ok(())
}

/// Gives each copy of another article its own key, as the reader does.
fn own_keys(rows: &mut [Row]) {
    let paths: Vec<Option<PathBuf>> = rows
        .iter()
        .map(|r| match &r.place {
            Origin::File(path) => Some(path.clone()),
            Origin::Bundled(_) => None,
        })
        .collect();
    let renamed = library::copy_keys(rows.iter().zip(&paths).map(|(r, p)| (&r.key, p.as_deref())));
    for (i, key) in renamed {
        rows[i].article = key.to_string();
        rows[i].key = key;
    }
}

/// Fills in each row's reading state, under its key: its place and bookmarks. State that
/// cannot be read is left out.
fn reading_state(store: &Store, rows: &mut [Row]) {
    let progress = store.load_progress().unwrap_or_default();
    let progress: std::collections::HashMap<&str, _> =
        progress.iter().map(|p| (p.article.as_str(), p)).collect();
    let mut marks: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for mark in store.bookmarks().unwrap_or_default() {
        *marks.entry(mark.article).or_default() += 1;
    }
    for row in rows {
        if let Some(p) = progress.get(row.key.as_str()) {
            row.progress = Some(p.percent);
            row.last_read = Some(p.read_at);
        }
        row.bookmarks = marks.get(row.key.as_str()).copied().unwrap_or(0);
    }
}

/// The rows of the library of `roots` from the cache (previews read when `json` prints
/// them), the folders never cached walked into it first; and whether that walk ran. `None`
/// when the cache cannot give them (it cannot be read, or a folder is not in it and cannot be
/// walked into it).
fn cached_rows(
    store: &Store,
    roots: &[PathBuf],
    given: &[PathBuf],
    bundled: bool,
    json: bool,
) -> Option<(Vec<Row>, bool, Vec<String>)> {
    let (files, folders): (Vec<PathBuf>, Vec<PathBuf>) =
        roots.iter().cloned().partition(|r| r.is_file());
    let under = |entries: &[Entry], folder: &Path| {
        entries.iter().any(|e| e.path().is_some_and(|p| p.starts_with(folder)))
    };
    let mut entries = library::cached::load(store, &folders, None).ok()?;
    let walked = folders.iter().any(|f| !under(&entries, f));
    if walked {
        // Never opened (or emptied since): walked into the cache first, then read from it.
        let db = super::walk::writable(store)?;
        super::walk::run(&db, folders.clone(), false);
        entries = library::cached::load(store, &folders, None).ok()?;
    }
    // In the order a walk finds them: each root in turn, by path within it (a `Path` compares
    // by components, as the walk's sorted folders go).
    let root_of = |path: &Path| roots.iter().position(|r| path.starts_with(r));
    let mut listed: Vec<(usize, &Path, &Entry)> = entries
        .iter()
        .filter_map(|e| e.path().and_then(|p| root_of(p).map(|r| (r, p, e))))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let mut rows: Vec<Row> = if bundled {
        library::bundled().articles.iter().map(Row::of_article).collect()
    } else {
        Vec::new()
    };
    // Files named on their own are read: a few, and maybe not in any library.
    let named: Vec<PathBuf> =
        (0..roots.len()).filter(|&i| files.contains(&roots[i])).map(|i| given[i].clone()).collect();
    let named = library::load(&named, false);
    let mut notes = named.all_problems();
    let mut named = named.articles.iter().map(Row::of_article);
    for (at, root) in roots.iter().enumerate() {
        if files.contains(root) {
            rows.extend(named.next());
            continue;
        }
        let here = listed.iter().filter(|(r, _, _)| *r == at);
        rows.extend(here.map(|(_, path, entry)| {
            let preview = if json { store.preview(path).ok().flatten() } else { None };
            let shown =
                path.strip_prefix(root).map_or_else(|_| path.to_path_buf(), |p| given[at].join(p));
            let row = Row::of_entry(entry, path, &shown, preview);
            // What reading it found, as when the files are read.
            let said =
                entry.problems.iter().map(|n| format!("{}: {}", row.origin, sanitize_line(n)));
            notes.extend(said);
            row
        }));
    }
    library::unique_ids(rows.iter_mut().map(|r| &mut r.id));
    Some((rows, walked, notes))
}

/// Prints the library: tab-separated `id, title, sections, words, minutes, origin` per line,
/// or a JSON array of objects when `json`. All text is already sanitized by the model.
///
/// `sections` counts headings, the numbers `salve show --section` takes; an untitled lead
/// before the first heading is not counted (it is section 0, the introduction).
fn print_rows(out: &mut impl Write, rows: &[Row], json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(super::json_io)?;
        return writeln!(out);
    }
    for r in rows {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{} min\t{}",
            r.id,
            r.title,
            counted(r.sections, "section"),
            counted(r.words, "word"),
            r.minutes,
            r.origin
        )?;
    }
    Ok(())
}

/// `n` and the noun, plural unless `n` is 1: "1 section", "17 sections".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "section"), "1 section");
        assert_eq!(counted(0, "word"), "0 words");
        assert_eq!(counted(17, "section"), "17 sections");
    }
}
