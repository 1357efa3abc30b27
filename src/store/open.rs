//! Opening `<data dir>/salve.db` so that reading always goes on: a broken or newer file is kept
//! aside (never deleted) and a new one started, an unwritable place gives a read-only store or
//! none, each with one warning for the user.

use super::{Result, Store, StoreError, schema};
use rusqlite::{Connection, ErrorCode, OpenFlags, ffi};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The database's file name in the data directory.
pub const FILE_NAME: &str = "salve.db";

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// SQLite's companion files, moved with the database so a stale log never meets a new file.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// What [`Store::open`] gives: the store, if any, and what the user should be told.
#[derive(Debug)]
pub struct Opened {
    /// The store; read-only when the data directory cannot be written, `None` when nothing
    /// could be opened.
    pub store: Option<Store>,
    /// One line per problem met, for the status bar or stderr.
    pub warnings: Vec<String>,
}

/// A store being opened on a thread of its own (see [`Store::open_aside`]).
#[derive(Debug)]
pub struct Opening(Aside);

#[derive(Debug)]
enum Aside {
    /// Opening on its thread.
    Thread(std::thread::JoinHandle<Opened>),
    /// No thread could be started: opened when waited for.
    Here(PathBuf),
}

impl Opening {
    /// What [`Store::open`] gave, once it has.
    pub fn wait(self) -> Opened {
        match self.0 {
            Aside::Thread(thread) => thread.join().unwrap_or_else(|_| Opened {
                store: None,
                warnings: vec![
                    "cannot save reading state (opening the database failed); reading without \
                     saving"
                        .into(),
                ],
            }),
            Aside::Here(data_dir) => Store::open(&data_dir),
        }
    }
}

/// Why a writable open failed.
enum Problem {
    /// The file is not a usable database: move it aside.
    Broken(String),
    /// A newer salve made it: move it aside, do not downgrade it.
    Newer(i64),
    /// The file or its folder cannot be written (or SQLite could not get to it): read only.
    Unwritable(String),
    /// Another salve holds the database while creating or upgrading it: try again shortly.
    Busy(String),
}

impl Problem {
    /// Sorts an SQLite error: damage means broken, anything else means we cannot write.
    fn from_sqlite(e: &rusqlite::Error) -> Self {
        let broken = matches!(e, rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
                || f.extended_code == ffi::SQLITE_IOERR_SHORT_READ);
        let busy = matches!(e, rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked));
        if broken {
            Problem::Broken(e.to_string())
        } else if busy {
            Problem::Busy(e.to_string())
        } else {
            Problem::Unwritable(e.to_string())
        }
    }
}

impl Store {
    /// [`Store::open`] on a thread of its own, for start-up to read an article's first
    /// screens meanwhile: opening takes half a millisecond of the six a first frame takes
    /// (most of it system calls and first touches of memory, which the two overlap well).
    pub fn open_aside(data_dir: &Path) -> Opening {
        let dir = data_dir.to_path_buf();
        let thread = std::thread::Builder::new().name("salve-store".into());
        match thread.spawn(move || Store::open(&dir)) {
            Ok(thread) => Opening(Aside::Thread(thread)),
            Err(_) => Opening(Aside::Here(data_dir.to_path_buf())),
        }
    }

    /// Opens `<data_dir>/salve.db`, creating the folder and the file as needed.
    ///
    /// Never fails: problems become warnings. A file that is not a database or fails its check
    /// is kept as `salve.db.broken-<unix seconds>`, one from a newer salve as
    /// `salve.db.newer-<unix seconds>`, and a new one is started. When the folder or file
    /// cannot be written, an existing database is opened read-only (so progress still shows),
    /// else the store is `None`.
    pub fn open(data_dir: &Path) -> Opened {
        let path = data_dir.join(FILE_NAME);
        if let Err(e) = std::fs::create_dir_all(data_dir) {
            return read_only(data_dir, &path, &e.to_string());
        }
        match open_writable_waiting(&path) {
            Ok(store) => Opened { store: Some(store), warnings: Vec::new() },
            Err(Problem::Unwritable(reason) | Problem::Busy(reason)) => {
                read_only(data_dir, &path, &reason)
            }
            Err(Problem::Broken(reason)) => replace(
                data_dir,
                &path,
                "broken",
                &format!("{FILE_NAME} could not be read ({reason})"),
            ),
            Err(Problem::Newer(version)) => replace(
                data_dir,
                &path,
                "newer",
                &format!(
                    "{FILE_NAME} was made by a newer salve (schema version {version}, this one \
                     knows up to {})",
                    schema::VERSION
                ),
            ),
        }
    }
}

/// [`open_writable`], trying again while another salve holds the database: two started at
/// once on a new data folder both create it, and setting its journal mode or upgrading its
/// schema can meet the other's lock without SQLite's busy handler waiting for it (the second
/// then read without saving). Gives up after [`BUSY_TIMEOUT`] in all: each try waits in
/// SQLite's busy handler only for the time left.
fn open_writable_waiting(path: &Path) -> Result<Store, Problem> {
    let start = std::time::Instant::now();
    loop {
        let left = BUSY_TIMEOUT.saturating_sub(start.elapsed());
        match open_writable(path, left) {
            Err(Problem::Busy(_)) if !left.is_zero() => {
                std::thread::sleep(Duration::from_millis(20));
            }
            done => return done,
        }
    }
}

/// Opens (or creates) the database for writing, checks it and brings it to the current schema,
/// waiting at most `wait` on another connection's lock while it does.
fn open_writable(path: &Path, wait: Duration) -> Result<Store, Problem> {
    let existed = path.symlink_metadata().is_ok();
    if let Some(reason) = not_a_database(path) {
        return Err(Problem::Broken(reason));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| {
        // A file that is there but does not open is broken; a missing one we could not create
        // means the folder is not writable.
        if existed { Problem::Broken(e.to_string()) } else { Problem::Unwritable(e.to_string()) }
    })?;
    let sqlite = |e: rusqlite::Error| Problem::from_sqlite(&e);
    // SQLite quietly opens a write-protected file read-only.
    if conn.is_readonly(rusqlite::MAIN_DB).map_err(sqlite)? {
        return Err(Problem::Unwritable(format!("'{}' is read-only", path.display())));
    }
    conn.busy_timeout(wait).map_err(sqlite)?;
    // WAL: readers never block the writer, and a commit appends to the log without rewriting
    // pages. synchronous=NORMAL then syncs only at checkpoints: a power cut may lose the last
    // commits, but a killed process loses nothing and the file is never damaged.
    let _mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(sqlite)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(sqlite)?;
    map_memory(&conn);
    let version = schema::version(&conn).map_err(sqlite)?;
    if version > schema::VERSION {
        return Err(Problem::Newer(version));
    }
    if let Some(problem) = schema::open_check(&conn, version).map_err(sqlite)? {
        return Err(Problem::Broken(format!("integrity check: {problem}")));
    }
    let found = schema::migrate(&mut conn).map_err(sqlite)?;
    if found > schema::VERSION {
        return Err(Problem::Newer(found));
    }
    // Open: its writes wait the whole timeout.
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
    Ok(Store::new(conn, Some(path.to_path_buf()), false))
}

impl Store {
    /// A second connection to a database [`Store::open`] has already opened and checked (for
    /// a background thread: a connection serves one thread at a time). No checks, no
    /// migrations, and the file is never created or moved: a database that went away or
    /// changed its version in between is an error.
    pub fn connect(path: &Path) -> Result<Store> {
        let sqlite = |source| StoreError::Sqlite { path: path.to_path_buf(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sqlite)?;
        map_memory(&conn);
        let version = schema::version(&conn).map_err(sqlite)?;
        if version != schema::VERSION {
            let problem = format!("version {version}, expected {}", schema::VERSION);
            return Err(StoreError::Damaged { path: path.to_path_buf(), problem });
        }
        Ok(Store::new(conn, Some(path.to_path_buf()), false))
    }
}

/// Lets SQLite read the file through memory mapping: reading the whole cache at start-up
/// then costs no system call per page (a 100,000-file cache is tens of megabytes). Writes
/// still go through the WAL. A system that refuses just reads as before.
fn map_memory(conn: &Connection) {
    let _ = conn.pragma_update(None, "mmap_size", 256_i64 * 1024 * 1024);
}

/// Why the file at `path` is plainly no database, judged before SQLite touches it: given such a
/// file, SQLite may delete a `-wal` file beside it, which we keep.
fn not_a_database(path: &Path) -> Option<String> {
    /// The first bytes of every SQLite database.
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        return Some(format!("'{}' is a folder", path.display()));
    }
    let mut start = Vec::with_capacity(MAGIC.len());
    // Errors are left for SQLite to meet and name.
    let file = std::fs::File::open(path).ok()?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 16), &mut start).ok()?;
    // An empty file is a database with nothing in it yet.
    (!start.is_empty() && start != MAGIC).then(|| "file is not a database".to_owned())
}

/// Gives the read-only store (or none) with the one warning for an unwritable place.
fn read_only(data_dir: &Path, path: &Path, reason: &str) -> Opened {
    let warning = format!(
        "cannot save reading state in '{}' ({reason}); reading without saving",
        data_dir.display()
    );
    Opened { store: open_read_only(path), warnings: vec![warning] }
}

/// Opens an existing database of the current schema read-only, if it is readable and sound.
pub(super) fn open_read_only(path: &Path) -> Option<Store> {
    if path.symlink_metadata().is_err() {
        return None;
    }
    // A WAL database needs its `-shm` file, which a read-only folder may not let SQLite create;
    // `immutable` then reads the database file alone. Usually there is no log beside it (the
    // last salve to close folded it in); if there is, the newest saves in it do not show.
    for query in ["mode=ro", "mode=ro&immutable=1"] {
        let uri = format!("{}?{query}", file_uri(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(conn) = Connection::open_with_flags(&uri, flags) else { continue };
        if conn.busy_timeout(BUSY_TIMEOUT).is_err() {
            continue;
        }
        match schema::version(&conn) {
            Ok(schema::VERSION) => {}
            Ok(_) => return None,
            Err(_) => continue,
        }
        if matches!(schema::open_check(&conn, schema::VERSION), Ok(None)) {
            return Some(Store::new(conn, Some(path.to_path_buf()), true));
        }
        return None;
    }
    None
}

/// Moves the database and its companions aside as `salve.db.<kind>-<unix seconds>` and starts a
/// new one; `why` opens the warning.
fn replace(data_dir: &Path, path: &Path, kind: &str, why: &str) -> Opened {
    let kept = match move_aside(path, kind) {
        Ok(kept) => kept,
        Err(e) => {
            let warning = format!(
                "{why} and could not be moved aside ({e}); reading without saving; move '{}' \
                 away to start a new one",
                path.display()
            );
            return Opened { store: None, warnings: vec![warning] };
        }
    };
    let warning = format!("{why}; kept it as '{}' and started a new one", kept.display());
    match open_writable_waiting(path) {
        Ok(store) => Opened { store: Some(store), warnings: vec![warning] },
        Err(Problem::Broken(reason) | Problem::Unwritable(reason) | Problem::Busy(reason)) => {
            let mut opened = read_only(data_dir, path, &reason);
            opened.warnings.insert(0, warning);
            opened
        }
        Err(Problem::Newer(_)) => Opened { store: None, warnings: vec![warning] },
    }
}

/// Renames the database, then its `-wal` and `-shm` files, to a name not yet taken; returns the
/// database's new path.
fn move_aside(path: &Path, kind: &str) -> std::io::Result<PathBuf> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let base = path.as_os_str().to_owned();
    let mut attempt = 0_u32;
    let kept = loop {
        let mut name = base.clone();
        name.push(format!(".{kind}-{seconds}"));
        if attempt > 0 {
            name.push(format!("-{attempt}"));
        }
        let mut taken =
            COMPANIONS.iter().map(|c| with_suffix(&name, c)).chain([name.clone().into()]);
        if !taken.any(|p: PathBuf| p.symlink_metadata().is_ok()) {
            break PathBuf::from(name);
        }
        attempt += 1;
    };
    std::fs::rename(path, &kept)?;
    for companion in COMPANIONS {
        let from = with_suffix(&base, companion);
        if from.symlink_metadata().is_ok() {
            std::fs::rename(&from, with_suffix(kept.as_os_str(), companion))?;
        }
    }
    Ok(kept)
}

/// `name` with `suffix` appended, as a path.
fn with_suffix(name: &std::ffi::OsStr, suffix: &str) -> PathBuf {
    let mut name = name.to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A `file:` URI for `path`, percent-encoding every byte that could be read as URI syntax.
pub(super) fn file_uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    // Elsewhere SQLite wants forward slashes, and a drive letter after a leading slash.
    #[cfg(not(unix))]
    let bytes = {
        let text = path.to_string_lossy().replace('\\', "/");
        let drive = text.as_bytes().get(1) == Some(&b':');
        if drive { format!("/{text}") } else { text }.into_bytes()
    };
    let mut uri = String::from("file:");
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}
