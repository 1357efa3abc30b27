//! Writing the search index: one FTS5 row per section, articles replaced or removed whole in
//! one transaction, the aliases learned from them, and the vocabulary snapshot.
//!
//! What goes in a row (the text, the learned aliases) is decided by [`crate::search`]; this
//! module only stores it.

use super::cache::{path_from_sql, path_to_sql};
use super::{Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;
use std::path::PathBuf;

/// FTS rowids are `article id << SECTION_BITS | section index`.
pub const SECTION_BITS: u32 = 20;

/// Sections past this index are not indexed (a hostile file could have millions).
pub const MAX_SECTIONS: usize = 1 << SECTION_BITS;

/// Where an article the store keeps (in the index, or a remembered first screen) is read
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IndexOrigin {
    /// A file on disk.
    File(PathBuf),
    /// An article bundled with salve, by its file name.
    Bundled(String),
}

impl From<&crate::article::Origin> for IndexOrigin {
    fn from(origin: &crate::article::Origin) -> Self {
        match origin {
            crate::article::Origin::File(path) => IndexOrigin::File(path.clone()),
            crate::article::Origin::Bundled(name) => IndexOrigin::Bundled((*name).to_owned()),
        }
    }
}

/// One article as the index stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedArticle {
    /// The article's key (its identity).
    pub key: String,
    /// Where it is read from.
    pub origin: IndexOrigin,
    /// The file's size in bytes when read (0 for bundled articles).
    pub size: u64,
    /// The file's modification time in nanoseconds when read (0 for bundled articles).
    pub mtime_ns: i64,
    /// The article's title.
    pub title: String,
    /// Front matter aliases, one a line.
    pub aliases: String,
    /// Front matter tags, one a line.
    pub tags: String,
    /// The sections, in order.
    pub sections: Vec<IndexedSection>,
    /// Other names learned from the article: (short form, long form), normalized words.
    pub learned: Vec<(String, String)>,
}

/// One section as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedSection {
    /// The section's index in the article.
    pub index: u32,
    /// Its anchor.
    pub anchor: String,
    /// Its heading as shown.
    pub heading: String,
    /// Its text: the pieces of the model's text, joined by [`crate::search::PIECE_BREAK`].
    pub body: String,
}

/// The first FTS rowid of article `id`.
fn first_row(id: i64) -> i64 {
    id << SECTION_BITS
}

/// The FTS row of section `section` of article `id` (see [`SECTION_BITS`]).
pub fn section_row(id: i64, section: u32) -> i64 {
    first_row(id) + i64::from(section)
}

impl Store {
    /// Indexes `articles` in one transaction, replacing every row an article had (found by its
    /// file or bundled name), and its learned aliases.
    pub fn index_articles(&mut self, articles: &[IndexedArticle]) -> Result<()> {
        self.write(|tx| {
            for article in articles {
                index_one(tx, article)?;
            }
            Ok(())
        })
    }

    /// Removes the indexed articles read from `paths`; returns how many were indexed.
    pub fn unindex_paths(&mut self, paths: &[PathBuf]) -> Result<usize> {
        self.write(|tx| {
            let mut find = tx.prepare_cached("SELECT id FROM search_docs WHERE path = ?1")?;
            let mut ids = Vec::new();
            for path in paths {
                ids.extend(find.query_row([path_to_sql(path)], |r| r.get::<_, i64>(0)).optional()?);
            }
            remove_docs(tx, &ids)
        })
    }

    /// Removes every indexed article whose key is one of `keys`; returns how many.
    pub fn unindex_keys(&mut self, keys: &[String]) -> Result<usize> {
        self.write(|tx| {
            let mut find = tx.prepare_cached("SELECT id FROM search_docs WHERE key = ?1")?;
            let mut ids = Vec::new();
            for key in keys {
                let found = find.query_map([key], |r| r.get(0))?;
                ids.extend(found.collect::<rusqlite::Result<Vec<i64>>>()?);
            }
            remove_docs(tx, &ids)
        })
    }

    /// Size and modification time of every indexed file, as they were when it was indexed.
    pub fn indexed_files(&self) -> Result<HashMap<PathBuf, (u64, i64)>> {
        let read = || -> rusqlite::Result<HashMap<PathBuf, (u64, i64)>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT path, size, mtime_ns FROM search_docs WHERE path IS NOT NULL",
            )?;
            let rows = stmt.query_map([], |row| {
                let path = path_from_sql(row.get_ref(0)?.as_blob()?);
                let size = u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
                Ok((path, (size, row.get(2)?)))
            })?;
            rows.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// The key each indexed bundled article had, by bundled name.
    pub fn indexed_bundled(&self) -> Result<HashMap<String, String>> {
        let read = || -> rusqlite::Result<HashMap<String, String>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT bundled, key FROM search_docs WHERE bundled IS NOT NULL")?;
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Removes the indexed bundled articles not named in `keep`; returns how many.
    pub fn unindex_bundled_except(&mut self, keep: &[&str]) -> Result<usize> {
        let stale: Vec<String> =
            self.indexed_bundled()?.into_keys().filter(|n| !keep.contains(&n.as_str())).collect();
        self.write(|tx| {
            let mut find = tx.prepare_cached("SELECT id FROM search_docs WHERE bundled = ?1")?;
            let mut ids = Vec::new();
            for name in &stale {
                ids.extend(find.query_row([name], |r| r.get::<_, i64>(0)).optional()?);
            }
            remove_docs(tx, &ids)
        })
    }

    /// Takes a new snapshot of the index's vocabulary from `search_vocab` (the fts5vocab
    /// table) into `search_terms`, for queries to read cheaply.
    ///
    /// This reads every posting list of the index: about 80 ms for MedQuAD, 1 s for 100,000
    /// articles. The library walk calls it once its changes are indexed.
    pub fn refresh_vocabulary(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM search_terms;
                 INSERT INTO search_terms (term, docs, heads)
                     SELECT term, sum(doc),
                            sum(CASE WHEN col IN ('title', 'heading', 'aliases')
                                     THEN doc ELSE 0 END)
                     FROM search_vocab GROUP BY term;
                 UPDATE search_meta SET value = value + 1 WHERE name = 'vocabulary';",
            )
        })
    }
}

/// Replaces the rows of one article.
fn index_one(tx: &Transaction, article: &IndexedArticle) -> rusqlite::Result<()> {
    let (path, bundled) = match &article.origin {
        IndexOrigin::File(path) => (Some(path_to_sql(path)), None),
        IndexOrigin::Bundled(name) => (None, Some(name.as_str())),
    };
    // By the one column that is set, each with its unique index. "path IS ?1 AND bundled IS
    // ?2" was planned on the bundled column's index, which for a file is every file's row
    // (bundled IS NULL): indexing n files walked n^2/2 rows (780 s at 100,000 files).
    let old: Option<i64> = match (&path, bundled) {
        (Some(path), _) => tx
            .prepare_cached("SELECT id FROM search_docs WHERE path = ?1")?
            .query_row([path], |r| r.get(0))
            .optional()?,
        (None, Some(name)) => tx
            .prepare_cached("SELECT id FROM search_docs WHERE bundled = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?,
        (None, None) => None,
    };
    if let Some(id) = old {
        remove_docs(tx, &[id])?;
    }
    tx.prepare_cached(
        "INSERT INTO search_docs (key, path, bundled, size, mtime_ns, title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        article.key,
        path,
        bundled,
        i64::try_from(article.size).unwrap_or(i64::MAX),
        article.mtime_ns,
        article.title,
    ])?;
    let id = tx.last_insert_rowid();
    let mut row = tx.prepare_cached(
        "INSERT INTO search (rowid, title, heading, aliases, tags, body, anchor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for section in article.sections.iter().take(MAX_SECTIONS) {
        row.execute(params![
            first_row(id) + i64::from(section.index),
            article.title,
            section.heading,
            article.aliases,
            article.tags,
            section.body,
            section.anchor,
        ])?;
    }
    let mut alias =
        tx.prepare_cached("INSERT INTO search_aliases (doc, short, long) VALUES (?1, ?2, ?3)")?;
    for (short, long) in &article.learned {
        alias.execute(params![id, short, long])?;
    }
    Ok(())
}

/// Removes articles by id: their sections, aliases and row; returns how many there were.
pub(super) fn remove_docs(tx: &Transaction, ids: &[i64]) -> rusqlite::Result<usize> {
    let mut rows = tx.prepare_cached("DELETE FROM search WHERE rowid >= ?1 AND rowid < ?2")?;
    let mut aliases = tx.prepare_cached("DELETE FROM search_aliases WHERE doc = ?1")?;
    let mut doc = tx.prepare_cached("DELETE FROM search_docs WHERE id = ?1")?;
    let mut removed = 0;
    for &id in ids {
        rows.execute([first_row(id), first_row(id + 1)])?;
        aliases.execute([id])?;
        removed += doc.execute([id])?;
    }
    Ok(removed)
}
