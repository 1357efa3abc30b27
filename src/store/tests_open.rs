//! Opening: a new file, every earlier schema, and each way the file or its folder can be wrong.

use super::open::{file_uri, open_read_only};
use super::tests::{bookmark, progress};
use super::*;
use rusqlite::Connection;
use std::fs;

/// The database file in `dir`.
fn db(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Files in `dir` named `salve.db.<kind>-<seconds>` (without their `-wal`/`-shm` companions).
fn kept(dir: &Path, kind: &str) -> Vec<PathBuf> {
    let prefix = format!("{FILE_NAME}.{kind}-");
    let mut found: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&prefix) && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    found.sort();
    found
}

/// A database in `dir` holding one saved progress row, closed again.
fn saved_db(dir: &Path) {
    let mut store = Store::open(dir).store.unwrap();
    store.save_progress(&progress("a", 7, 100)).unwrap();
}

/// Opens `dir` expecting a new, empty, writable store and exactly one warning, which it returns.
fn open_fresh_with_warning(dir: &Path) -> String {
    let opened = Store::open(dir);
    let [warning] = opened.warnings.as_slice() else { panic!("{:?}", opened.warnings) };
    let store = opened.store.expect("a new store");
    assert!(!store.read_only());
    assert!(store.load_progress().unwrap().is_empty());
    store.check().unwrap();
    warning.clone()
}

/// Whether this process can write where permissions say it cannot (root can).
fn permissions_do_not_restrict(dir: &Path) -> bool {
    fs::write(dir.join("probe"), b"").is_ok()
}

#[test]
fn a_new_folder_gets_a_new_database_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("not").join("yet");
    let opened = Store::open(&data);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let store = opened.store.unwrap();
    assert_eq!(store.path(), Some(db(&data).as_path()));
    assert!(!store.read_only());
    let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(schema::version(&store.conn).unwrap(), VERSION);
}

#[test]
fn progress_survives_closing_and_opening_again() {
    let dir = tempfile::tempdir().unwrap();
    saved_db(dir.path());
    let opened = Store::open(dir.path());
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.store.unwrap().load_progress().unwrap(), [progress("a", 7, 100)]);
}

#[test]
fn opened_aside_the_store_is_the_one_open_gives_warnings_and_all() {
    let dir = tempfile::tempdir().unwrap();
    saved_db(dir.path());
    let opened = Store::open_aside(dir.path()).wait();
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.store.unwrap().load_progress().unwrap(), [progress("a", 7, 100)]);
    // A file that is no database is kept aside and said, as by `Store::open`.
    std::fs::write(db(dir.path()), b"not a database at all, just text").unwrap();
    let opened = Store::open_aside(dir.path()).wait();
    assert!(opened.store.is_some_and(|s| !s.read_only()));
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert!(opened.warnings[0].contains("; kept it as"), "{:?}", opened.warnings);
}

#[test]
fn every_earlier_version_is_migrated_keeping_its_data() {
    for version in 0..usize::try_from(VERSION).unwrap() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(db(dir.path())).unwrap();
        schema::create_version(&conn, version).unwrap();
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO progress VALUES ('a', 'title of a', 'dosage', 3, 7, 40, 100)",
            )
            .unwrap();
        }
        drop(conn);
        let opened = Store::open(dir.path());
        assert!(opened.warnings.is_empty(), "version {version}: {:?}", opened.warnings);
        let mut store = opened.store.unwrap();
        let expected = if version >= 1 { vec![progress("a", 7, 100)] } else { Vec::new() };
        assert_eq!(store.load_progress().unwrap(), expected, "version {version}");
        store.save_progress(&progress("b", 1, 1)).unwrap();
        assert_eq!(schema::version(&store.conn).unwrap(), VERSION);
        // The search index (version 2) works in a migrated file.
        let section = IndexedSection {
            index: 0,
            anchor: "top".into(),
            heading: "(introduction)".into(),
            body: "melatonin".into(),
        };
        let article = IndexedArticle {
            key: "k".into(),
            origin: IndexOrigin::Bundled("a.md".into()),
            size: 0,
            mtime_ns: 0,
            title: "Sleep".into(),
            aliases: String::new(),
            tags: String::new(),
            sections: vec![section],
            learned: Vec::new(),
        };
        store.index_articles(&[article]).unwrap();
        store.refresh_vocabulary().unwrap();
        assert_eq!(store.match_sections("melatonin", &[1.0; 5], 5).unwrap().len(), 1);
        assert!(store.vocabulary().unwrap().get("sleep").is_some(), "version {version}");
    }
}

#[test]
fn an_empty_file_is_version_0() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(db(dir.path()), b"").unwrap();
    let opened = Store::open(dir.path());
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let mut store = opened.store.unwrap();
    store.add_bookmark(&bookmark("1-1", "a", 1)).unwrap();
    assert_eq!(store.bookmarks().unwrap().len(), 1);
}

#[test]
fn garbage_is_kept_aside_with_its_wal_and_a_new_database_started() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> =
        (0..8192_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(db(dir.path()), &garbage).unwrap();
    fs::write(dir.path().join("salve.db-wal"), b"old log").unwrap();
    let warning = open_fresh_with_warning(dir.path());
    let [kept] = kept(dir.path(), "broken").try_into().unwrap();
    assert_eq!(fs::read(&kept).unwrap(), garbage, "kept byte for byte");
    let mut wal = kept.as_os_str().to_owned();
    wal.push("-wal");
    assert_eq!(fs::read(&wal).unwrap(), b"old log", "its log went with it");
    assert!(warning.starts_with("salve.db could not be read ("), "{warning}");
    assert!(
        warning.ends_with(&format!("; kept it as '{}' and started a new one", kept.display())),
        "{warning}"
    );
}

#[test]
fn a_text_file_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(db(dir.path()), "# Ketamine\n\nNot a database at all.\n".repeat(40)).unwrap();
    let warning = open_fresh_with_warning(dir.path());
    assert!(warning.contains("file is not a database"), "{warning}");
    assert_eq!(kept(dir.path(), "broken").len(), 1);
}

#[test]
fn a_database_cut_to_half_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).store.unwrap();
        for i in 0..2000 {
            store.save_progress(&progress(&format!("article {i}"), i, 100)).unwrap();
        }
    }
    let whole = fs::read(db(dir.path())).unwrap();
    assert!(whole.len() > 16 * 4096, "the closed database holds every row");
    fs::write(db(dir.path()), &whole[..whole.len() / 2]).unwrap();
    let warning = open_fresh_with_warning(dir.path());
    assert!(warning.contains("malformed"), "{warning}");
    let [kept] = kept(dir.path(), "broken").try_into().unwrap();
    assert_eq!(fs::read(kept).unwrap().len(), whole.len() / 2);
}

#[test]
fn a_database_failing_its_check_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    saved_db(dir.path());
    // Tighten a CHECK behind SQLite's back, so the saved row (percent 40) breaks it.
    let conn = Connection::open(db(dir.path())).unwrap();
    conn.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = replace(sql, 'BETWEEN 0 AND 100', 'BETWEEN 0 AND 10')
         WHERE name = 'progress';",
    )
    .unwrap();
    drop(conn);
    let warning = open_fresh_with_warning(dir.path());
    assert!(warning.contains("integrity check: CHECK constraint failed in progress"), "{warning}");
    assert_eq!(kept(dir.path(), "broken").len(), 1);
}

#[test]
fn a_folder_in_place_of_the_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(db(dir.path())).unwrap();
    fs::write(db(dir.path()).join("inside"), b"kept").unwrap();
    let warning = open_fresh_with_warning(dir.path());
    let [kept] = kept(dir.path(), "broken").try_into().unwrap();
    assert_eq!(fs::read(kept.join("inside")).unwrap(), b"kept", "{warning}");
}

#[test]
fn broken_files_kept_in_the_same_second_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..3 {
        fs::write(db(dir.path()), format!("garbage {round}").repeat(100)).unwrap();
        open_fresh_with_warning(dir.path());
    }
    let kept = kept(dir.path(), "broken");
    let mut contents: Vec<_> = kept.iter().map(|k| fs::read_to_string(k).unwrap()).collect();
    contents.sort();
    let expected: Vec<_> = (0..3).map(|r| format!("garbage {r}").repeat(100)).collect();
    assert_eq!(contents, expected);
}

#[test]
fn a_database_from_a_newer_salve_is_kept_aside_not_downgraded() {
    let dir = tempfile::tempdir().unwrap();
    saved_db(dir.path());
    let conn = Connection::open(db(dir.path())).unwrap();
    conn.pragma_update(None, "user_version", VERSION + 1).unwrap();
    drop(conn);
    let warning = open_fresh_with_warning(dir.path());
    assert!(warning.starts_with("salve.db was made by a newer salve"), "{warning}");
    let [kept] = kept(dir.path(), "newer").try_into().unwrap();
    assert!(warning.contains(&format!("kept it as '{}'", kept.display())), "{warning}");
    let conn = Connection::open(&kept).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), VERSION + 1, "not downgraded");
    let rows: i64 = conn.query_row("SELECT count(*) FROM progress", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 1, "its data is still there");
}

#[test]
fn a_folder_that_cannot_be_made_gives_no_store_and_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, b"").unwrap();
    let data = file.join("data");
    let opened = Store::open(&data);
    assert!(opened.store.is_none());
    let [warning] = opened.warnings.as_slice() else { panic!("{:?}", opened.warnings) };
    let start = format!("cannot save reading state in '{}' (", data.display());
    assert!(warning.starts_with(&start), "{warning}");
    assert!(warning.ends_with("); reading without saving"), "{warning}");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_read_only_store_that_still_shows_progress() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    saved_db(&data);
    for d in [&data, &empty] {
        fs::set_permissions(d, fs::Permissions::from_mode(0o555)).unwrap();
    }
    if permissions_do_not_restrict(&data) {
        eprintln!("skipped: permissions do not restrict this user (root?)");
        return;
    }
    let opened = Store::open(&data);
    let [warning] = opened.warnings.as_slice() else { panic!("{:?}", opened.warnings) };
    assert!(warning.starts_with(&format!("cannot save reading state in '{}' (", data.display())));
    assert!(warning.ends_with("); reading without saving"), "{warning}");
    let mut store = opened.store.expect("the saved database, read-only");
    assert!(store.read_only());
    assert_eq!(store.load_progress().unwrap(), [progress("a", 7, 100)]);
    let e = store.save_progress(&progress("b", 1, 1)).unwrap_err();
    assert!(matches!(e, StoreError::ReadOnly { .. }), "{e}");

    let opened = Store::open(&empty);
    assert!(opened.store.is_none(), "no database to read");
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    for d in [&data, &empty] {
        fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_file_gives_a_read_only_store() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    saved_db(dir.path());
    fs::set_permissions(db(dir.path()), fs::Permissions::from_mode(0o444)).unwrap();
    if fs::OpenOptions::new().write(true).open(db(dir.path())).is_ok() {
        eprintln!("skipped: permissions do not restrict this user (root?)");
        return;
    }
    let opened = Store::open(dir.path());
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    let mut store = opened.store.unwrap();
    assert!(store.read_only());
    assert_eq!(store.load_progress().unwrap(), [progress("a", 7, 100)]);
    assert!(matches!(store.set_setting("k", "v"), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_read_only_store_reads_but_refuses_writes_even_in_an_odd_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("we?ird #%20 folder");
    saved_db(&data);
    let mut store = open_read_only(&db(&data)).expect("opens read-only");
    assert!(store.read_only());
    assert_eq!(store.load_progress().unwrap(), [progress("a", 7, 100)]);
    let e = store.add_bookmark(&bookmark("1-1", "a", 1)).unwrap_err();
    assert!(e.to_string().contains("is read-only, so nothing is saved"), "{e}");
    assert!(store.bookmarks().unwrap().is_empty());
}

#[test]
fn uris_escape_what_sqlite_would_read_as_syntax() {
    assert_eq!(file_uri(Path::new("/a b/c?d#%.db")), "file:/a%20b/c%3Fd%23%25.db");
}

#[test]
fn two_salves_opening_a_new_data_folder_at_once_both_can_save() {
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let opened: Vec<Opened> = std::thread::scope(|scope| {
            let open = || Store::open(dir.path());
            let handles = [scope.spawn(open), scope.spawn(open)];
            handles.map(|h| h.join().unwrap()).into()
        });
        for one in &opened {
            assert!(one.warnings.is_empty(), "{:?}", one.warnings);
            assert!(one.store.as_ref().is_some_and(|s| !s.read_only()), "both can save");
        }
    }
}
