//! The schema: numbered migrations in `migrations/`, applied in order, with the version kept in
//! `PRAGMA user_version`; and the integrity checks.
//!
//! A migration is appended, never edited once released: version N is the state after the Nth
//! step. Step 2 added the search index.

use rusqlite::{Connection, TransactionBehavior};

/// The SQL steps, in order; step `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_state_and_cache.sql"),
    include_str!("migrations/002_search_index.sql"),
];

/// The schema version this salve writes.
#[expect(clippy::cast_possible_wrap, reason = "there are a handful of migrations, not 2^63")]
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The tables [`super::Store::open`] checks: the user's state, small and worth keeping.
///
/// Not the cache: it can be rebuilt by parsing the files again, and a whole-file
/// `PRAGMA quick_check` of a 100,000-file cache took 50 to 90 ms in benches/store.rs (quiet and
/// busy machine), against 0.3 ms for opening with these tables checked (1,000 articles read;
/// 13 to 19 ms with 100,000). Damage elsewhere still shows: SQLite reports a file cut short when it
/// opens it, and a damaged cache page as an error when it is read.
pub(super) const STATE_TABLES: &[&str] = &["progress", "bookmarks", "settings"];

/// The schema version of the open database.
pub(super) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the database to [`VERSION`] in one transaction and returns the version it found.
///
/// The version is read again inside the write transaction, so two processes opening an old file
/// at once migrate it once. A version newer than [`VERSION`] is returned untouched.
pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found >= VERSION {
        return Ok(found);
    }
    for step in MIGRATIONS.iter().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(found)
}

/// Builds the schema of an earlier `version` (0 is no tables), as an older salve left it.
#[cfg(test)]
pub(super) fn create_version(conn: &Connection, version: usize) -> rusqlite::Result<()> {
    for step in &MIGRATIONS[..version] {
        conn.execute_batch(step)?;
    }
    conn.pragma_update(None, "user_version", i64::try_from(version).unwrap_or(i64::MAX))
}

/// Runs `PRAGMA quick_check`, on one table or (with `None`) the whole file; returns what it
/// found wrong, or `None` when the answer is "ok".
pub(super) fn quick_check(
    conn: &Connection,
    table: Option<&str>,
) -> rusqlite::Result<Option<String>> {
    let mut problems = Vec::new();
    let mut collect = |row: &rusqlite::Row| -> rusqlite::Result<()> {
        let line: String = row.get(0)?;
        if line != "ok" {
            problems.push(line);
        }
        Ok(())
    };
    match table {
        Some(table) => conn.pragma(None, "quick_check", table, |row| collect(row))?,
        None => conn.pragma_query(None, "quick_check", |row| collect(row))?,
    }
    Ok((!problems.is_empty()).then(|| problems.join("; ")))
}

/// The check made on every open: the state tables only once they exist, the whole (then small)
/// file before that.
pub(super) fn open_check(conn: &Connection, version: i64) -> rusqlite::Result<Option<String>> {
    if version == 0 {
        return quick_check(conn, None);
    }
    for table in STATE_TABLES {
        if let Some(problem) = quick_check(conn, Some(table))? {
            return Ok(Some(problem));
        }
    }
    Ok(None)
}
