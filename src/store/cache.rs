//! The library's metadata cache: one row per article file as last parsed, so start-up lists the
//! library without parsing every file, plus each file's preview, read one at a time.
//!
//! Paths are stored as their bytes (on unix), so names that are not UTF-8 round-trip. Lists are
//! stored as text, one item per line with `\` and newlines escaped: lossless, and cheaper to
//! decode for 100,000 rows than JSON.

use super::{CachedEntry, CachedRow, Preview, Result, Store};
use rusqlite::{OptionalExtension, Row, params};
use std::path::{Path, PathBuf};

/// The statement reading [`CachedRow`]s, in the order [`row_from_sql`] reads them.
pub(super) const COLUMNS: &str =
    "SELECT path, size, mtime_ns, key, title, tags, aliases, words, sections, notes FROM cache";

/// How often a file's row is marked seen again, in seconds (a day).
pub const SEEN_EVERY: i64 = 24 * 3600;

impl Store {
    /// What start-up needs of every cached file, ordered by path bytes.
    pub fn cached_rows(&self) -> Result<Vec<CachedRow>> {
        let mut rows = Vec::new();
        self.visit_cached_rows(None, None, |row| rows.push(row))?;
        Ok(rows)
    }

    /// [`Store::cached_rows`] for the files from `from` (inclusive) up to `until` (exclusive),
    /// each handed to `visit` as it is read (so two threads can each read half of a large
    /// cache, and no list of rows is built only to be turned into another).
    pub fn visit_cached_rows(
        &self,
        from: Option<&Path>,
        until: Option<&Path>,
        mut visit: impl FnMut(CachedRow),
    ) -> Result<()> {
        // One statement per shape, so SQLite seeks the primary key to the range's start.
        let mut read = || -> rusqlite::Result<()> {
            let bounds: Vec<_> = from.into_iter().chain(until).map(path_to_sql).collect();
            let sql = match (from, until) {
                (None, None) => format!("{COLUMNS} ORDER BY path"),
                (Some(_), None) => format!("{COLUMNS} WHERE path >= ?1 ORDER BY path"),
                (None, Some(_)) => format!("{COLUMNS} WHERE path < ?1 ORDER BY path"),
                (Some(_), Some(_)) => {
                    format!("{COLUMNS} WHERE path >= ?1 AND path < ?2 ORDER BY path")
                }
            };
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(bounds))?;
            while let Some(row) = rows.next()? {
                visit(row_from_sql(row)?);
            }
            Ok(())
        };
        read().map_err(|e| self.error(e))
    }

    /// Path, size and modification time of every cached file: what the library walk compares
    /// the disk with.
    pub fn cached_stats(&self) -> Result<Vec<(PathBuf, u64, i64)>> {
        let read = || -> rusqlite::Result<Vec<(PathBuf, u64, i64)>> {
            let mut stmt = self.conn.prepare_cached("SELECT path, size, mtime_ns FROM cache")?;
            stmt.query_map([], |row| {
                let size = u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
                Ok((path_from_sql(row.get_ref(0)?.as_blob()?), size, row.get(2)?))
            })?
            .collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// The summary and outline of one cached file, or `None` when it is not cached.
    pub fn preview(&self, path: &Path) -> Result<Option<Preview>> {
        let read = || -> rusqlite::Result<Option<Preview>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.summary, p.outline, c.tags FROM cache_preview p
                 JOIN cache c ON c.path = p.path WHERE p.path = ?1",
            )?;
            stmt.query_row([path_to_sql(path)], |row| {
                let outline = decode_outline(row.get_ref(1)?.as_str()?);
                let tags = decode_list(row.get_ref(2)?.as_str()?);
                Ok(Preview { summary: row.get(0)?, outline, tags })
            })
            .optional()
        };
        read().map_err(|e| self.error(e))
    }

    /// Saves freshly parsed files in one transaction, marking them seen at `now`.
    pub fn upsert_entries(&mut self, entries: &[CachedEntry], now: i64) -> Result<()> {
        self.write(|tx| {
            let mut row = tx.prepare_cached(
                "INSERT INTO cache (path, size, mtime_ns, key, title, tags, aliases, words,
                                    sections, notes, seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (path) DO UPDATE SET
                     size = excluded.size, mtime_ns = excluded.mtime_ns, key = excluded.key,
                     title = excluded.title, tags = excluded.tags, aliases = excluded.aliases,
                     words = excluded.words, sections = excluded.sections,
                     notes = excluded.notes, seen_at = excluded.seen_at",
            )?;
            let mut preview = tx.prepare_cached(
                "INSERT INTO cache_preview (path, summary, outline) VALUES (?1, ?2, ?3)
                 ON CONFLICT (path) DO UPDATE SET
                     summary = excluded.summary, outline = excluded.outline",
            )?;
            for entry in by_path(entries, |e| &e.path) {
                let path = path_to_sql(&entry.path);
                row.execute(params![
                    path,
                    i64::try_from(entry.size).unwrap_or(i64::MAX),
                    entry.mtime_ns,
                    entry.key,
                    entry.title,
                    encode_list(&entry.tags),
                    encode_list(&entry.aliases),
                    entry.words,
                    entry.sections,
                    encode_list(&entry.problems),
                    now,
                ])?;
                preview.execute(params![path, entry.summary, encode_outline(&entry.outline)])?;
            }
            Ok(())
        })
    }

    /// Marks cached files as seen at `now` in one transaction (paths not cached are ignored),
    /// but those marked less than [`SEEN_EVERY`] before: forgetting counts in weeks, and
    /// every start of the day after the first then writes nothing (rewriting the rows of a
    /// 100,000-file library wrote 33 MB to the database's log at every start).
    ///
    /// A row it marks is rewritten: for a whole 100,000-file library, a few hundred
    /// milliseconds (see benches/store.rs), so it belongs off the UI thread.
    pub fn mark_seen(&mut self, paths: &[PathBuf], now: i64) -> Result<()> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE cache SET seen_at = ?2 WHERE path = ?1 AND seen_at <= ?2 - ?3",
            )?;
            for path in by_path(paths, |p| p) {
                stmt.execute(params![path_to_sql(path), now, SEEN_EVERY])?;
            }
            Ok(())
        })
    }

    /// Drops the cache rows of files not seen since `before`, and the search index's rows of
    /// files no longer cached; returns how many cache rows were dropped.
    pub fn forget_unseen(&mut self, before: i64) -> Result<usize> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM cache_preview
                 WHERE path IN (SELECT path FROM cache WHERE seen_at < ?1)",
                [before],
            )?;
            let forgotten = tx.execute("DELETE FROM cache WHERE seen_at < ?1", [before])?;
            if forgotten > 0 {
                let ids: Vec<i64> = tx
                    .prepare(
                        "SELECT id FROM search_docs
                         WHERE path IS NOT NULL AND path NOT IN (SELECT path FROM cache)",
                    )?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                super::index::remove_docs(tx, &ids)?;
            }
            Ok(forgotten)
        })
    }
}

impl Store {
    /// Forgets the files under `folder` (or the file `folder` names): their cache rows,
    /// previews and search index rows, and the vocabulary refreshed. Reading positions and
    /// bookmarks stay (they belong to the articles, which may be opened again). Returns how
    /// many cached files and indexed articles were dropped.
    pub fn forget_folder(&mut self, folder: &Path) -> Result<(usize, usize)> {
        let (low, high) = super::scope::under(folder);
        let exact = path_to_sql(folder).to_vec();
        let dropped = self.write(|tx| {
            let mut cached = 0;
            for (sql, forgets) in [
                ("DELETE FROM cache_preview WHERE (path >= ?1 AND path < ?2) OR path = ?3", false),
                ("DELETE FROM cache WHERE (path >= ?1 AND path < ?2) OR path = ?3", true),
            ] {
                let n = tx.execute(sql, params![low, high, exact])?;
                if forgets {
                    cached = n;
                }
            }
            let ids: Vec<i64> = tx
                .prepare(
                    "SELECT id FROM search_docs
                     WHERE (path >= ?1 AND path < ?2) OR path = ?3",
                )?
                .query_map(params![low, high, exact], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let indexed = super::index::remove_docs(tx, &ids)?;
            Ok((cached, indexed))
        })?;
        if dropped.1 > 0 {
            self.refresh_vocabulary()?;
        }
        Ok(dropped)
    }
}

/// `items` in the order of their paths' stored bytes, which is the order of the cache's b-tree:
/// each page is then read and rewritten once, not once per row on it (four times faster for a
/// shuffled 100,000-file library). The sort is stable, so of two entries for one file the later
/// still wins.
fn by_path<T>(items: &[T], path: impl Fn(&T) -> &PathBuf) -> Vec<&T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by(|a, b| Ord::cmp(&path_to_sql(path(a)), &path_to_sql(path(b))));
    sorted
}

/// A cache row, columns in the order the SELECT above names them.
pub(super) fn row_from_sql(row: &Row) -> rusqlite::Result<CachedRow> {
    Ok(CachedRow {
        path: path_from_sql(row.get_ref(0)?.as_blob()?),
        size: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
        mtime_ns: row.get(2)?,
        key: row.get(3)?,
        title: row.get(4)?,
        keywords: keywords(row.get_ref(5)?.as_str()?, row.get_ref(6)?.as_str()?),
        words: row.get(7)?,
        sections: row.get(8)?,
        problems: decode_list(row.get_ref(9)?.as_str()?),
    })
}

/// The bytes a path is stored as.
#[cfg(unix)]
pub(super) fn path_to_sql(path: &Path) -> &[u8] {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str())
}

/// The path stored as `bytes`.
#[cfg(unix)]
pub(super) fn path_from_sql(bytes: &[u8]) -> PathBuf {
    PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes))
}

/// The bytes a path is stored as: UTF-8, which every path Windows users type is.
#[cfg(not(unix))]
pub(super) fn path_to_sql(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// The path stored as `bytes`.
#[cfg(not(unix))]
pub(super) fn path_from_sql(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Appends `item` to `out` with `\` and newlines escaped, then a newline.
fn push_line(out: &mut String, item: &str) {
    for c in item.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\n');
}

/// One line per item; no items is the empty text, one empty item is a lone newline.
pub(super) fn encode_list(items: &[String]) -> String {
    let mut out = String::new();
    for item in items {
        push_line(&mut out, item);
    }
    out
}

/// Two stored lists' items in one string, each followed by two spaces.
fn keywords(tags: &str, aliases: &str) -> String {
    let mut out = String::with_capacity(tags.len() + aliases.len() + 8);
    for item in tags.split_terminator('\n').chain(aliases.split_terminator('\n')) {
        if item.contains('\\') {
            out.push_str(&unescape(item));
        } else {
            out.push_str(item);
        }
        out.push_str("  ");
    }
    out
}

/// The items [`encode_list`] stored.
pub(super) fn decode_list(text: &str) -> Vec<String> {
    text.split_terminator('\n').map(unescape).collect()
}

/// Undoes the escaping of [`push_line`].
fn unescape(line: &str) -> String {
    if !line.contains('\\') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// One line per heading: its level, a space, the heading.
pub(super) fn encode_outline(outline: &[(u8, String)]) -> String {
    let mut out = String::new();
    for (level, heading) in outline {
        out.push_str(&level.to_string());
        out.push(' ');
        push_line(&mut out, heading);
    }
    out
}

/// The headings [`encode_outline`] stored; a line that does not parse is skipped.
pub(super) fn decode_outline(text: &str) -> Vec<(u8, String)> {
    text.split_terminator('\n')
        .filter_map(|line| {
            let (level, heading) = line.split_once(' ')?;
            Some((level.parse().ok()?, unescape(heading)))
        })
        .collect()
}
