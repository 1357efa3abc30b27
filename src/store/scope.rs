//! Searching one library: the index holds every article salve has indexed, from every folder
//! ever opened; a search covers only the library shown. The articles in scope are kept in a
//! temporary table of this connection, made again when the index changed since (another
//! connection, the library walk, wrote to it; or this one did), and the match is restricted to
//! them in SQL, before BM25's best are taken.

use super::cache::path_to_sql;
use super::{Result, Store};
use std::path::PathBuf;

/// The articles of one library, as a search sees them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    /// Folders: every file under them.
    pub folders: Vec<PathBuf>,
    /// Files named on their own.
    pub files: Vec<PathBuf>,
    /// Whether the bundled articles are part of the library.
    pub bundled: bool,
}

/// A scope and the state of the index its table was made from.
#[derive(Debug)]
pub(super) struct Scoped {
    scope: Scope,
    /// `PRAGMA data_version` and this connection's count of changes when the table was made;
    /// `None` before it is.
    made: Option<(i64, u64)>,
    /// Every article the index holds is in scope (one library is all salve has opened): the
    /// match needs no restriction.
    everything: bool,
}

/// The lower and upper bounds (upper excluded) of the stored paths under `folder`: its bytes
/// with a `/`, up to the same with the next byte (`0`).
pub(super) fn under(folder: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    let mut low = path_to_sql(folder).to_vec();
    if low.last() != Some(&b'/') {
        low.push(b'/');
    }
    let mut high = low.clone();
    if let Some(last) = high.last_mut() {
        *last = b'/' + 1;
    }
    (low, high)
}

impl Scoped {
    /// True once the scope's table is made and leaves articles of the index out: searches
    /// are restricted to it.
    pub(super) fn restricts(&self) -> bool {
        self.made.is_some() && !self.everything
    }
}

impl Store {
    /// Searches from now on cover only the articles of `scope` (`None`: every article the
    /// index holds).
    pub fn set_scope(&self, scope: Option<Scope>) {
        *self.scope.borrow_mut() =
            scope.map(|scope| Scoped { scope, made: None, everything: false });
    }

    /// Brings the scope's table up to date with the index; false when searches are not
    /// scoped. Call it outside [`Store::snapshot`], whose end undoes every write.
    pub fn refresh_scope(&self) -> Result<bool> {
        let mut cell = self.scope.borrow_mut();
        let Some(scoped) = cell.as_mut() else { return Ok(false) };
        let mut refresh = || -> rusqlite::Result<()> {
            // Other connections' commits change the data version, this one's writes its count
            // of changes (any write: a saved position too, so the table is made again more often
            // than needed, but never missed): reading both costs microseconds, where counting
            // the articles took 6-9 ms a search at 100,000.
            let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
            if scoped.made == Some((version, self.conn.total_changes())) {
                return Ok(());
            }
            let count: i64 =
                self.conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))?;
            self.conn.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS scope_docs (id INTEGER PRIMARY KEY);
                 DELETE FROM temp.scope_docs;",
            )?;
            let scope = &scoped.scope;
            if scope.bundled {
                self.conn.execute(
                    "INSERT OR IGNORE INTO temp.scope_docs
                     SELECT id FROM search_docs WHERE bundled IS NOT NULL",
                    [],
                )?;
            }
            let mut range = self.conn.prepare_cached(
                "INSERT OR IGNORE INTO temp.scope_docs
                 SELECT id FROM search_docs WHERE path >= ?1 AND path < ?2",
            )?;
            for folder in &scope.folders {
                let (low, high) = under(folder);
                range.execute(rusqlite::params![low, high])?;
            }
            let mut one = self.conn.prepare_cached(
                "INSERT OR IGNORE INTO temp.scope_docs SELECT id FROM search_docs WHERE path = ?1",
            )?;
            for file in &scope.files {
                one.execute([path_to_sql(file)])?;
            }
            let listed: i64 =
                self.conn.query_row("SELECT count(*) FROM temp.scope_docs", [], |r| r.get(0))?;
            scoped.everything = listed == count;
            // After its own writes to the table, which are no change to the index.
            scoped.made = Some((version, self.conn.total_changes()));
            Ok(())
        };
        refresh().map_err(|e| self.error(e))?;
        Ok(true)
    }
}

impl Store {
    /// How many indexed articles the scope covers (brought up to date first); 0 when searches
    /// are not scoped.
    pub fn scope_len(&self) -> Result<u64> {
        if !self.refresh_scope()? {
            return Ok(0);
        }
        let count = || -> rusqlite::Result<u64> {
            let n: i64 =
                self.conn.query_row("SELECT count(*) FROM temp.scope_docs", [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        count().map_err(|e| self.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::under;
    use std::path::Path;

    #[test]
    fn a_folders_range_holds_its_files_and_not_its_namesakes() {
        let (low, high) = under(Path::new("/lib/med"));
        let inside = |p: &str| p.as_bytes() >= low.as_slice() && p.as_bytes() < high.as_slice();
        assert!(inside("/lib/med/a.md"));
        assert!(inside("/lib/med/deep/b.md"));
        assert!(!inside("/lib/medquad/a.md"), "a folder whose name it starts");
        assert!(!inside("/lib/med.md"));
        assert!(!inside("/lib/me/a.md"));
        let (low, high) = under(Path::new("/"));
        assert_eq!((low.as_slice(), high.as_slice()), (&b"/"[..], &b"0"[..]), "the root");
    }
}
