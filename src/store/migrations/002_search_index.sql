-- Version 2: the full-text search index over the library, one row per section.
--
-- Articles are numbered in `search_docs`; the sections of article `id` are the FTS rows
-- `id * 1048576 + section index` (2^20 sections at most), so replacing or removing an article
-- touches one rowid range of the FTS table and needs no mapping table.

-- One row per indexed article: a file (its path's bytes) or a bundled article (its name), with
-- the file's size and modification time when indexed, so the library walk can tell what to
-- index again without the metadata cache.
CREATE TABLE search_docs (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL,
    path     BLOB UNIQUE,
    bundled  TEXT UNIQUE,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title    TEXT NOT NULL,
    CHECK ((path IS NULL) <> (bundled IS NULL))
) STRICT;

CREATE INDEX search_docs_by_key ON search_docs (key);

-- The sections. unicode61 with diacritics removed (so "Ménière" is found as "meniere") and
-- the default separators, so "post-traumatic" is the two words "post traumatic". No Porter
-- stemming: measured in BENCHMARKS.md ("Search"), it did not help, and it would turn the
-- vocabulary that "did you mean" offers into stems ("anxieti").
CREATE VIRTUAL TABLE search USING fts5(
    title, heading, aliases, tags, body, anchor UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The index's own vocabulary, per column.
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, 'col');

-- A snapshot of `search_vocab` (term, sections holding it, sections holding it in a title,
-- heading or alias), refreshed after the index changes: reading `search_vocab` walks every
-- posting list (about 1 s for 100,000 articles), reading this is a plain table scan.
CREATE TABLE search_terms (
    term  TEXT PRIMARY KEY NOT NULL,
    docs  INTEGER NOT NULL,
    heads INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Bumped each time `search_terms` is refreshed, so a cached copy knows when it is stale.
CREATE TABLE search_meta (
    name  TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO search_meta (name, value) VALUES ('vocabulary', 0);

-- Aliases learned at index time: "long form (ABBR)" in the text, and each front matter alias
-- with its article's title. Both sides are normalized words, one space apart.
CREATE TABLE search_aliases (
    doc   INTEGER NOT NULL,
    short TEXT NOT NULL,
    long  TEXT NOT NULL
) STRICT;

CREATE INDEX search_aliases_by_short ON search_aliases (short);
CREATE INDEX search_aliases_by_long ON search_aliases (long);
CREATE INDEX search_aliases_by_doc ON search_aliases (doc);
