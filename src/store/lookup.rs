//! Reading the search index: MATCH queries ranked by BM25 with column weights, the stored
//! text of matched sections, learned aliases, the vocabulary and counts.
//!
//! Queries arrive in FTS5's query language, built by [`crate::search`]; the SQL is here.

use super::cache::path_from_sql;
use super::index::SECTION_BITS;

// The scoped match below shifts rowids by this many bits, written out in its SQL.
const _: () = assert!(SECTION_BITS == 20);
use super::{Result, Store};
use rusqlite::OptionalExtension;
use std::path::PathBuf;
use std::sync::Arc;

/// The indexed columns, in the order [`Store::match_sections`] takes their weights.
pub const COLUMNS: [&str; 5] = ["title", "heading", "aliases", "tags", "body"];

/// One word of the index's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The word, as the tokenizer folds it (lowercase, no diacritics).
    pub text: String,
    /// Sections holding it, counted once per column it is in.
    pub docs: u32,
    /// Sections holding it in their article's title, their heading or an alias.
    pub heads: u32,
}

/// The index's vocabulary as last snapshot ([`Store::refresh_vocabulary`]), in byte order.
#[derive(Debug, Default)]
pub struct Vocabulary {
    generation: i64,
    terms: Vec<Term>,
    /// The most sections any word is in (1 at least).
    most: u32,
}

impl Vocabulary {
    /// Every word, in byte order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The most sections (per column) any one word is in, 1 at least: what "common" and
    /// "rare" are measured against.
    pub fn most_docs(&self) -> u32 {
        self.most.max(1)
    }

    /// The entry for `word`, if the index knows it.
    pub fn get(&self, word: &str) -> Option<&Term> {
        let at = self.terms.binary_search_by(|t| t.text.as_str().cmp(word)).ok()?;
        self.terms.get(at)
    }

    /// The words starting with `prefix` (`word` itself included), in byte order.
    pub fn with_prefix(&self, prefix: &str) -> &[Term] {
        let start = self.terms.partition_point(|t| t.text.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.text.starts_with(prefix));
        &self.terms[start..start + len]
    }
}

/// A section a query matched and its BM25 score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchedRow {
    /// The FTS row (article and section).
    pub row: i64,
    /// BM25 with the column weights given, negated so that higher is better.
    pub bm25: f64,
}

/// A matched section, as stored (where the query matched in it is the search's to find).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSection {
    /// The FTS row (see [`MatchedRow`]).
    pub row: i64,
    /// The article's key.
    pub key: String,
    /// Its file, or `None` for a bundled article.
    pub path: Option<PathBuf>,
    /// Its bundled name, for a bundled article.
    pub bundled: Option<String>,
    /// The section's index.
    pub section: u32,
    /// The section's anchor.
    pub anchor: String,
    /// The article's title.
    pub title: String,
    /// The section's heading.
    pub heading: String,
    /// The article's aliases, one a line.
    pub aliases: String,
    /// The article's tags, one a line.
    pub tags: String,
    /// The section's text (pieces joined by [`crate::search::PIECE_BREAK`]).
    pub body: String,
}

/// How much is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexCounts {
    /// Articles.
    pub articles: u64,
    /// Sections.
    pub sections: u64,
}

impl Store {
    /// The condition that keeps an article id (`column`, SQL) within the scope searches cover,
    /// when they are restricted to one (see [`Store::set_scope`]); nothing when not.
    fn in_scope(&self, column: &str) -> String {
        let scoped = self.scope.borrow().as_ref().is_some_and(super::scope::Scoped::restricts);
        if scoped { format!(" AND {column} IN temp.scope_docs") } else { String::new() }
    }

    /// The sections matching `query` (FTS5 syntax), best BM25 first, at most `limit`.
    /// `weights` are the BM25 weights of [`COLUMNS`].
    pub fn match_sections(
        &self,
        query: &str,
        weights: &[f64; 5],
        limit: usize,
    ) -> Result<Vec<MatchedRow>> {
        let in_scope = self.in_scope("(rowid >> 20)");
        let read = || -> rusqlite::Result<Vec<MatchedRow>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT rowid, bm25(search, ?2, ?3, ?4, ?5, ?6) AS score FROM search
                 WHERE search MATCH ?1{in_scope} ORDER BY score LIMIT ?7"
            ))?;
            let [title, heading, aliases, tags, body] = *weights;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let params = rusqlite::params![query, title, heading, aliases, tags, body, limit];
            let rows = stmt.query_map(params, |row| {
                Ok(MatchedRow { row: row.get(0)?, bm25: -row.get::<_, f64>(1)? })
            })?;
            rows.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Articles (id and title) with a first section `query` (FTS5 syntax) matches, in the scope
    /// searches cover: at most `limit`, in no order, and without scoring. BM25 would first count
    /// every phrase of the query over its whole posting list (7-31 ms a key at 100,000
    /// articles for a query on titles).
    pub fn matching_articles(&self, query: &str, limit: usize) -> Result<Vec<(i64, String)>> {
        let in_scope = self.in_scope("(rowid >> 20)");
        let read = || -> rusqlite::Result<Vec<(i64, String)>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT d.id, d.title FROM search_docs d WHERE d.id IN (
                   SELECT rowid >> 20 FROM search
                   WHERE search MATCH ?1 AND (rowid & 1048575) = 0{in_scope} LIMIT ?2)"
            ))?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let rows =
                stmt.query_map(rusqlite::params![query, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Sections `rows` as stored, in the order of `rows`, their marks left empty for the caller
    /// to fill with what its query matched; rows no longer in the index are left out.
    ///
    /// Each row is read by its rowid, without a MATCH: FTS5 would walk every match of the
    /// query to find these few dozen rows again (for a broad query over 100,000 articles, as
    /// long as the search itself), where a rowid is one lookup.
    pub fn sections(&self, rows: &[i64]) -> Result<Vec<FoundSection>> {
        let read = || -> rusqlite::Result<Vec<FoundSection>> {
            let mut stored = self.conn.prepare_cached(
                "SELECT title, heading, aliases, tags, body, anchor FROM search WHERE rowid = ?1",
            )?;
            let mut doc = self
                .conn
                .prepare_cached("SELECT key, path, bundled FROM search_docs WHERE id = ?1")?;
            let mut sections = Vec::with_capacity(rows.len());
            for &row in rows {
                let texts = stored
                    .query_row([row], |r| {
                        Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?])
                    })
                    .optional()?;
                let Some([title, heading, aliases, tags, body, anchor]) = texts else {
                    continue;
                };
                let known = doc
                    .query_row([row >> SECTION_BITS], |r| {
                        let path = r.get_ref(1)?.as_blob_or_null()?.map(path_from_sql);
                        Ok((r.get::<_, String>(0)?, path, r.get::<_, Option<String>>(2)?))
                    })
                    .optional()?;
                let Some((key, path, bundled)) = known else { continue };
                sections.push(FoundSection {
                    row,
                    key,
                    path,
                    bundled,
                    section: u32::try_from(row & ((1 << SECTION_BITS) - 1)).unwrap_or(0),
                    anchor,
                    title,
                    heading,
                    aliases,
                    tags,
                    body,
                });
            }
            Ok(sections)
        };
        read().map_err(|e| self.error(e))
    }

    /// How many sections `query` (FTS5 syntax) matches, in the scope searches cover, counting
    /// the copies of one section once: the same section of articles with the same key (copies
    /// of one article in several files), as results show them once. Every match is counted,
    /// then those in the later copies are taken off (finding the copies: 18 ms at 100,000
    /// articles; counting distinct keys over every match instead cost 60 ms for 52,000).
    pub fn count_sections(&self, query: &str) -> Result<u64> {
        let (in_scope, d_in, e_in) =
            (self.in_scope("(rowid >> 20)"), self.in_scope("d.id"), self.in_scope("e.id"));
        let read = || -> rusqlite::Result<u64> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT count(*) FROM search WHERE search MATCH ?1{in_scope}"
            ))?;
            let all: i64 = stmt.query_row([query], |r| r.get(0))?;
            // Articles with the key of one before them (in the scope): their matches repeat.
            let mut copies = self.conn.prepare_cached(&format!(
                "SELECT d.id FROM search_docs d
                 WHERE d.key IN (SELECT key FROM search_docs GROUP BY key HAVING count(*) > 1){d_in}
                   AND EXISTS (SELECT 1 FROM search_docs e
                               WHERE e.key = d.key AND e.id < d.id{e_in})"
            ))?;
            let copies: Vec<i64> =
                copies.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let repeated: i64 = if copies.is_empty() {
                0
            } else {
                let list = serde_json::to_string(&copies).unwrap_or_default();
                self.conn
                    .prepare_cached(
                        "SELECT count(*) FROM search
                         WHERE search MATCH ?1 AND (rowid >> 20) IN (SELECT value FROM json_each(?2))",
                    )?
                    .query_row(rusqlite::params![query, list], |r| r.get(0))?
            };
            Ok(u64::try_from(all - repeated).unwrap_or(0))
        };
        read().map_err(|e| self.error(e))
    }

    /// The BM25 scores (negated, higher is better) `query` gives those of `rows` it matches.
    pub fn bm25_of(
        &self,
        query: &str,
        weights: &[f64; 5],
        rows: &[i64],
    ) -> Result<std::collections::HashMap<i64, f64>> {
        let read = || -> rusqlite::Result<std::collections::HashMap<i64, f64>> {
            let (Some(&low), Some(&high)) = (rows.iter().min(), rows.iter().max()) else {
                return Ok(std::collections::HashMap::new());
            };
            let [title, heading, aliases, tags, body] = *weights;
            let list = serde_json::to_string(rows).unwrap_or_default();
            let mut stmt = self.conn.prepare_cached(
                "SELECT rowid, bm25(search, ?4, ?5, ?6, ?7, ?8) FROM search
                 WHERE search MATCH ?1 AND rowid >= ?2 AND rowid <= ?3
                   AND +rowid IN (SELECT value FROM json_each(?9))",
            )?;
            let params =
                rusqlite::params![query, low, high, title, heading, aliases, tags, body, list];
            stmt.query_map(params, |r| Ok((r.get(0)?, -r.get::<_, f64>(1)?)))?.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// The other forms learned for `phrase` (normalized words): the long forms of an
    /// abbreviation, the abbreviation of a long form, an article's title for one of its
    /// aliases and the other way round. At most `limit`, the most often learned first.
    pub fn aliases_of(&self, phrase: &str, limit: usize) -> Result<Vec<String>> {
        let read = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT other FROM (
                     SELECT long AS other FROM search_aliases WHERE short = ?1
                     UNION ALL
                     SELECT short AS other FROM search_aliases WHERE long = ?1)
                 WHERE other <> ?1
                 GROUP BY other ORDER BY count(*) DESC, other LIMIT ?2",
            )?;
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            stmt.query_map(rusqlite::params![phrase, limit], |r| r.get(0))?.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Runs `read` on one snapshot of the database: every query it makes sees the same state,
    /// whatever other connections write meanwhile (they are not blocked: the log keeps the
    /// older pages for this one). Nothing `read` does is kept: it is for reading.
    pub fn snapshot<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.error(e))?;
        let out = read();
        tx.rollback().map_err(|e| self.error(e))?;
        out
    }

    /// The vocabulary snapshot, read once and kept until the snapshot is refreshed.
    pub fn vocabulary(&self) -> Result<Arc<Vocabulary>> {
        let read = || -> rusqlite::Result<Arc<Vocabulary>> {
            let generation: i64 = self
                .conn
                .prepare_cached("SELECT value FROM search_meta WHERE name = 'vocabulary'")?
                .query_row([], |r| r.get(0))?;
            if let Some(cached) = self.vocabulary.borrow().as_ref()
                && cached.generation == generation
            {
                return Ok(Arc::clone(cached));
            }
            let mut stmt = self
                .conn
                .prepare_cached("SELECT term, docs, heads FROM search_terms ORDER BY term")?;
            let terms = stmt
                .query_map([], |r| {
                    let count =
                        |i| r.get::<_, i64>(i).map(|n| u32::try_from(n).unwrap_or(u32::MAX));
                    Ok(Term { text: r.get(0)?, docs: count(1)?, heads: count(2)? })
                })?
                .collect::<rusqlite::Result<Vec<Term>>>()?;
            let most = terms.iter().map(|t| t.docs).max().unwrap_or(1).max(1);
            let fresh = Arc::new(Vocabulary { generation, terms, most });
            *self.vocabulary.borrow_mut() = Some(Arc::clone(&fresh));
            Ok(fresh)
        };
        read().map_err(|e| self.error(e))
    }

    /// How many articles and sections are indexed.
    pub fn index_counts(&self) -> Result<IndexCounts> {
        let read = || -> rusqlite::Result<IndexCounts> {
            let count = |sql: &str| -> rusqlite::Result<u64> {
                let n: i64 = self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
                Ok(u64::try_from(n).unwrap_or(0))
            };
            Ok(IndexCounts {
                articles: count("SELECT count(*) FROM search_docs")?,
                sections: count("SELECT count(*) FROM search")?,
            })
        };
        read().map_err(|e| self.error(e))
    }
}
