//! The user's reading state: progress per article, bookmarks and settings.
//!
//! Each write changes only its own rows (UPSERTs keyed by article, id or setting), so two salve
//! processes saving at once keep both their changes.

use super::{Bookmark, Progress, Result, Store};
use rusqlite::{OptionalExtension, Row, params};

impl Store {
    /// Every article's progress, in no particular order.
    pub fn load_progress(&self) -> Result<Vec<Progress>> {
        let read = || -> rusqlite::Result<Vec<Progress>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT article, title_key, anchor, section, byte_offset, percent, read_at
                 FROM progress",
            )?;
            stmt.query_map([], progress_from_row)?.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Saves one article's progress, replacing what was saved for that article only.
    pub fn save_progress(&mut self, progress: &Progress) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO progress
                     (article, title_key, anchor, section, byte_offset, percent, read_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (article) DO UPDATE SET
                     title_key = excluded.title_key, anchor = excluded.anchor,
                     section = excluded.section, byte_offset = excluded.byte_offset,
                     percent = excluded.percent, read_at = excluded.read_at",
            )?
            .execute(params![
                progress.article,
                progress.title_key,
                progress.anchor,
                progress.section,
                progress.offset,
                progress.percent.min(100),
                progress.read_at,
            ])
            .map(drop)
        })
    }

    /// Moves progress and bookmarks from article key `old` to `new` in one transaction (for an
    /// edited article re-attached by its title). When `new` already has progress, the more
    /// recently read of the two is kept.
    pub fn rekey(&mut self, old: &str, new: &str) -> Result<()> {
        if old == new {
            return Ok(());
        }
        self.write(|tx| {
            // The SELECT's WHERE also keeps SQLite from reading ON CONFLICT as a join clause.
            tx.execute(
                "INSERT INTO progress
                     (article, title_key, anchor, section, byte_offset, percent, read_at)
                 SELECT ?2, title_key, anchor, section, byte_offset, percent, read_at
                 FROM progress WHERE article = ?1
                 ON CONFLICT (article) DO UPDATE SET
                     title_key = excluded.title_key, anchor = excluded.anchor,
                     section = excluded.section, byte_offset = excluded.byte_offset,
                     percent = excluded.percent, read_at = excluded.read_at
                 WHERE excluded.read_at > progress.read_at",
                params![old, new],
            )?;
            tx.execute("DELETE FROM progress WHERE article = ?1", [old])?;
            tx.execute("UPDATE bookmarks SET article = ?2 WHERE article = ?1", [old, new])?;
            Ok(())
        })
    }

    /// Every bookmark, newest first.
    pub fn bookmarks(&self) -> Result<Vec<Bookmark>> {
        let read = || -> rusqlite::Result<Vec<Bookmark>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, article, title_key, article_title, section_title, anchor, section,
                        byte_offset, label, excerpt, created_at
                 FROM bookmarks ORDER BY created_at DESC, id DESC",
            )?;
            stmt.query_map([], bookmark_from_row)?.collect()
        };
        read().map_err(|e| self.error(e))
    }

    /// Saves a bookmark; saving one whose id exists replaces it (so undoing a delete is adding
    /// the same bookmark again).
    pub fn add_bookmark(&mut self, bookmark: &Bookmark) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO bookmarks
                     (id, article, title_key, article_title, section_title, anchor, section,
                      byte_offset, label, excerpt, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO UPDATE SET
                     article = excluded.article, title_key = excluded.title_key,
                     article_title = excluded.article_title,
                     section_title = excluded.section_title, anchor = excluded.anchor,
                     section = excluded.section, byte_offset = excluded.byte_offset,
                     label = excluded.label, excerpt = excluded.excerpt,
                     created_at = excluded.created_at",
            )?
            .execute(params![
                bookmark.id,
                bookmark.article,
                bookmark.title_key,
                bookmark.article_title,
                bookmark.section_title,
                bookmark.anchor,
                bookmark.section,
                bookmark.offset,
                bookmark.label,
                bookmark.excerpt,
                bookmark.created_at,
            ])
            .map(drop)
        })
    }

    /// Deletes the bookmark `id`; returns whether there was one.
    pub fn delete_bookmark(&mut self, id: &str) -> Result<bool> {
        self.write(|tx| tx.execute("DELETE FROM bookmarks WHERE id = ?1", [id]).map(|n| n > 0))
    }

    /// Sets the label of bookmark `id`; returns whether there was one.
    pub fn rename_bookmark(&mut self, id: &str, label: &str) -> Result<bool> {
        self.write(|tx| {
            tx.execute("UPDATE bookmarks SET label = ?2 WHERE id = ?1", [id, label]).map(|n| n > 0)
        })
    }

    /// The value of setting `key`, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")
            .and_then(|mut stmt| stmt.query_row([key], |row| row.get(0)).optional())
            .map_err(|e| self.error(e))
    }

    /// Sets setting `key` to `value`.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(drop)
        })
    }
}

/// A progress row, columns in the order the SELECT above names them.
fn progress_from_row(row: &Row) -> rusqlite::Result<Progress> {
    Ok(Progress {
        article: row.get(0)?,
        title_key: row.get(1)?,
        anchor: row.get(2)?,
        section: row.get(3)?,
        offset: row.get(4)?,
        percent: row.get(5)?,
        read_at: row.get(6)?,
    })
}

/// A bookmark row, columns in the order the SELECT above names them.
fn bookmark_from_row(row: &Row) -> rusqlite::Result<Bookmark> {
    Ok(Bookmark {
        id: row.get(0)?,
        article: row.get(1)?,
        title_key: row.get(2)?,
        article_title: row.get(3)?,
        section_title: row.get(4)?,
        anchor: row.get(5)?,
        section: row.get(6)?,
        offset: row.get(7)?,
        label: row.get(8)?,
        excerpt: row.get(9)?,
        created_at: row.get(10)?,
    })
}
