-- Version 1: reading state (progress, bookmarks, settings) and the library's metadata cache.
--
-- STRICT so a wrong type is an error rather than a silently different value. WITHOUT ROWID
-- where rows are small and always found by their key: one b-tree per table instead of a table
-- plus a unique index, so each UPSERT touches one place.

-- Where the reader was in each article; one row per article key.
CREATE TABLE progress (
    article     TEXT PRIMARY KEY NOT NULL,
    title_key   TEXT NOT NULL,
    anchor      TEXT NOT NULL,
    section     INTEGER NOT NULL CHECK (section >= 0),
    byte_offset INTEGER NOT NULL CHECK (byte_offset >= 0),
    percent     INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    read_at     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Bookmarks; the id is made by the caller and unique across processes.
CREATE TABLE bookmarks (
    id            TEXT PRIMARY KEY NOT NULL,
    article       TEXT NOT NULL,
    title_key     TEXT NOT NULL,
    article_title TEXT NOT NULL,
    section_title TEXT NOT NULL,
    anchor        TEXT NOT NULL,
    section       INTEGER NOT NULL CHECK (section >= 0),
    byte_offset   INTEGER NOT NULL CHECK (byte_offset >= 0),
    label         TEXT NOT NULL,
    excerpt       TEXT NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Re-keying an edited article moves its bookmarks without reading the whole table.
CREATE INDEX bookmarks_by_article ON bookmarks (article);

-- User settings as text, one row per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per article file as last parsed: what start-up needs for the library list. The path
-- is the file name's bytes, so names that are not UTF-8 round-trip. Lists are stored one item
-- per line (see cache.rs). No index on seen_at: forgetting runs rarely and a scan is cheap,
-- while an index would double the cost of marking every file seen at start-up.
CREATE TABLE cache (
    path     BLOB PRIMARY KEY NOT NULL,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    key      TEXT NOT NULL,
    title    TEXT NOT NULL,
    tags     TEXT NOT NULL,
    aliases  TEXT NOT NULL,
    words    INTEGER NOT NULL CHECK (words >= 0),
    sections INTEGER NOT NULL CHECK (sections >= 0),
    notes    TEXT NOT NULL,
    seen_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The preview of each cached file, apart from `cache` so the start-up scan reads small rows
-- only. A rowid table because summaries can be long.
CREATE TABLE cache_preview (
    path    BLOB PRIMARY KEY NOT NULL,
    summary TEXT,
    outline TEXT NOT NULL
) STRICT;
