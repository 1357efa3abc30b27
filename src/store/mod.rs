//! The one SQLite database, `<data dir>/salve.db`: reading progress, bookmarks, settings, the
//! library's metadata cache and the full-text search index. All SQL lives in this module;
//! nothing outside sees a connection.
//!
//! Opening never fails the reader: a broken or newer file is moved aside and a new one started,
//! an unwritable place gives a read-only store or none, each with one warning ([`Store::open`]).
//! Every write is one `BEGIN IMMEDIATE` transaction that touches only the rows it changes, so
//! several salve processes can share the file (WAL) without losing each other's state, and a
//! crash leaves either the old state or the new one.

mod cache;
mod glimpse;
mod index;
mod lookup;
mod open;
mod schema;
mod scope;
mod state;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_index;
#[cfg(test)]
mod tests_open;

pub use cache::SEEN_EVERY;
pub use glimpse::{Glimpse, GlimpseRow};
pub use index::{IndexOrigin, IndexedArticle, IndexedSection, MAX_SECTIONS, section_row};
pub use lookup::{COLUMNS, FoundSection, IndexCounts, MatchedRow, Term, Vocabulary};
pub use open::{FILE_NAME, Opened, Opening};
pub use schema::VERSION;
pub use scope::Scope;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the reader was in one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// The article's key (its identity, computed by the caller).
    pub article: String,
    /// The normalized title, to re-attach progress after the article is edited.
    pub title_key: String,
    /// The section's anchor.
    pub anchor: String,
    /// The section's index.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
    /// How far read, 0 to 100 (larger values are saved as 100).
    pub percent: u8,
    /// When it was read, in unix seconds.
    pub read_at: i64,
}

/// A place the reader marked in an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Bookmark {
    /// Made by the caller, unique across processes (`<unix nanos>-<pid>`).
    pub id: String,
    /// The article's key.
    pub article: String,
    /// The article's normalized title, to re-attach the bookmark after an edit.
    pub title_key: String,
    /// The article's title as shown.
    pub article_title: String,
    /// The section's title as shown.
    pub section_title: String,
    /// The section's anchor.
    pub anchor: String,
    /// The section's index.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
    /// The user's label.
    pub label: String,
    /// The first words at that place.
    pub excerpt: String,
    /// When it was made, in unix seconds.
    pub created_at: i64,
}

/// One article file as last parsed: what the library list needs without parsing it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedEntry {
    /// The file (the cache's key).
    pub path: PathBuf,
    /// Its size in bytes when parsed.
    pub size: u64,
    /// Its modification time in nanoseconds since the epoch when parsed.
    pub mtime_ns: i64,
    /// The article's key (its identity).
    pub key: String,
    /// The article's title.
    pub title: String,
    /// The article's tags.
    pub tags: Vec<String>,
    /// Other names the article is found by.
    pub aliases: Vec<String>,
    /// Number of words.
    pub words: u32,
    /// Number of sections.
    pub sections: u32,
    /// Problems found parsing it.
    pub problems: Vec<String>,
    /// A short summary, for the preview only.
    pub summary: Option<String>,
    /// (heading level, heading) of each heading, for the preview only.
    pub outline: Vec<(u8, String)>,
}

/// The part of a [`CachedEntry`] start-up loads for every file (no summary, no outline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedRow {
    /// The file (the cache's key).
    pub path: PathBuf,
    /// Its size in bytes when parsed.
    pub size: u64,
    /// Its modification time in nanoseconds since the epoch when parsed.
    pub mtime_ns: i64,
    /// The article's key (its identity).
    pub key: String,
    /// The article's title.
    pub title: String,
    /// Its tags, then its aliases, each followed by two spaces: what the library filter
    /// searches besides the title (one string, not lists: start-up reads 100,000 of these).
    pub keywords: String,
    /// Number of words.
    pub words: u32,
    /// Number of sections.
    pub sections: u32,
    /// Problems found parsing it.
    pub problems: Vec<String>,
}

/// A preview of one cached file: its summary, its outline of (heading level, heading), and its
/// tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// The summary.
    pub summary: Option<String>,
    /// (heading level, heading) of each heading.
    pub outline: Vec<(u8, String)>,
    /// The tags.
    pub tags: Vec<String>,
}

/// A problem reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store was opened read-only, so nothing can be saved.
    #[error(
        "reading state in '{path}' is read-only, so nothing is saved; make its folder writable \
         and restart salve"
    )]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },
    /// SQLite reported an error.
    #[error(
        "cannot use reading state in '{path}': {source}; if this keeps happening, quit salve \
         and move the file aside"
    )]
    Sqlite {
        /// The database file (`:memory:` for an in-memory store).
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// The integrity check found a problem.
    #[error(
        "reading state in '{path}' is damaged ({problem}); quit salve and move the file aside, \
         and salve starts a new one"
    )]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// What SQLite's check said.
        problem: String,
    },
}

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database: every query salve makes goes through here.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The file, or `None` in memory.
    path: Option<PathBuf>,
    read_only: bool,
    /// The search vocabulary as last read (see [`Store::vocabulary`]).
    vocabulary: RefCell<Option<Arc<Vocabulary>>>,
    /// The library searches cover, when not every article indexed (see [`Store::set_scope`]).
    scope: RefCell<Option<scope::Scoped>>,
}

impl Store {
    /// An empty store in memory, with the current schema (for tests).
    pub fn open_in_memory() -> Result<Store> {
        let fail = |source| StoreError::Sqlite { path: PathBuf::from(":memory:"), source };
        let mut conn = Connection::open_in_memory().map_err(fail)?;
        schema::migrate(&mut conn).map_err(fail)?;
        Ok(Store::new(conn, None, false))
    }

    /// A store over an open, migrated connection.
    fn new(conn: Connection, path: Option<PathBuf>, read_only: bool) -> Store {
        let (vocabulary, scope) = (RefCell::default(), RefCell::default());
        Store { conn, path, read_only, vocabulary, scope }
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Rows changed by this connection since it opened (for tests of what is written).
    #[cfg(test)]
    pub(super) fn total_changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Whether writes are refused because the file or its folder is not writable.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Runs SQLite's whole-file `PRAGMA quick_check`; an error names what is damaged.
    ///
    /// Unlike the check [`Store::open`] makes, this reads every page, so it takes time in
    /// proportion to the file (50 to 90 ms with a 100,000-file cache).
    pub fn check(&self) -> Result<()> {
        match schema::quick_check(&self.conn, None).map_err(|e| self.error(e))? {
            None => Ok(()),
            Some(problem) => Err(StoreError::Damaged { path: self.error_path(), problem }),
        }
    }

    /// The path errors name.
    fn error_path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// Wraps an SQLite error with the file's path.
    fn error(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.error_path(), source }
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction and commits it.
    ///
    /// IMMEDIATE takes the write lock first, so a busy database waits (busy timeout) up front
    /// instead of failing when a read would have to become a write halfway through.
    fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> rusqlite::Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.error_path() });
        }
        let result = Transaction::new(&mut self.conn, TransactionBehavior::Immediate)
            .and_then(|tx| f(&tx).and_then(|value| tx.commit().map(|()| value)));
        result.map_err(|e| self.error(e))
    }
}
