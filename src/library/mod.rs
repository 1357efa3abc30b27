//! The library: the bundled articles plus those found on disk, and a note for every file that
//! could not be read.
//!
//! Discovery never blocks and never aborts on one bad file: FIFOs, sockets and devices are
//! skipped without being opened, symlink loops and dangling links are reported, binary files
//! (NUL bytes) and files found in folders over [`MAX_FILE_SIZE`] are skipped (a file named
//! on its own is read whatever its size), invalid UTF-8 is read lossily. Files are read in
//! pieces ([`load`]), never whole.

pub mod cached;
pub mod entry;
pub mod error;
pub mod load;
pub mod order;
pub mod scan;

pub use entry::{Entry, Folders, Preview};
pub use error::{OpenError, Skipped, Why};
pub use order::Order;

use crate::article::{self, Article, Date, Format, Origin};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Files found in a folder larger than this are skipped (256 MiB); named ones are not.
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// File extensions read as articles when found in a folder (compared case-insensitively).
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// The articles embedded in the binary, as (file name, text).
pub const BUNDLED: &[(&str, &str)] = &[
    ("ketamine-and-the-brain.md", include_str!("../../articles/ketamine-and-the-brain.md")),
    (
        "ketamine-for-depression-guide.md",
        include_str!("../../articles/ketamine-for-depression-guide.md"),
    ),
    (
        "ketamine-depression-anxiety-ptsd.md",
        include_str!("../../articles/ketamine-depression-anxiety-ptsd.md"),
    ),
    ("ketamine-side-effects.md", include_str!("../../articles/ketamine-side-effects.md")),
];

/// A set of articles and what went wrong finding them.
#[derive(Debug, Default, Clone)]
pub struct Library {
    /// The articles, in listing order; ids are unique.
    pub articles: Vec<Article>,
    /// One message per file that was skipped or read with problems.
    pub problems: Vec<String>,
}

impl Library {
    /// Every problem worth telling the user: skipped files, then per-article problems.
    pub fn all_problems(&self) -> Vec<String> {
        let mut problems = self.problems.clone();
        for a in &self.articles {
            problems.extend(a.problems.iter().map(|n| format!("{}: {n}", a.origin_label())));
        }
        problems
    }
}

/// The bundled articles, parsed.
pub fn bundled() -> Library {
    let mut library = Library::default();
    library.articles.extend(bundled_articles());
    library
}

fn bundled_articles() -> impl Iterator<Item = Article> {
    let today = Date::today();
    BUNDLED.iter().map(move |&(name, text)| parse_bundled(name, text, today))
}

/// Bundled article `name` (its `text`), as loaded on `today`.
fn parse_bundled(name: &'static str, text: &str, today: Date) -> Article {
    let mut article = article::parse_str(name, Origin::Bundled(name), Format::for_name(name), text);
    article.meta.loaded_on = Some(today);
    article
}

/// Reads and parses the article at `origin` (a bundled one, or a file): what opening a library
/// entry costs. The error is a one-line note naming the file.
pub fn open(origin: &Origin) -> Result<Article, OpenError> {
    match origin {
        Origin::Bundled(name) => BUNDLED
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(n, text)| parse_bundled(n, text, Date::today()))
            .ok_or_else(|| OpenError::NoBundled((*name).to_string())),
        Origin::File(path) => Ok(read_article(path)?),
    }
}

impl Library {
    /// One [`Entry`] per article, for the library pane; `roots` are the folders searched.
    pub fn entries(&self, roots: &[PathBuf]) -> Vec<Entry> {
        self.articles.iter().map(|a| Entry::from_article(a, roots)).collect()
    }
}

/// Loads a library: the bundled articles when `with_bundled`, then every article under `roots`
/// (files are taken as they are; folders are searched recursively for [`EXTENSIONS`]).
pub fn load(roots: &[PathBuf], with_bundled: bool) -> Library {
    let mut problems = Vec::new();
    let files = discover(roots, &mut problems);
    let mut articles: Vec<Article> =
        if with_bundled { bundled_articles().collect() } else { Vec::new() };
    articles.extend(read_all(&files, roots, &mut problems));
    make_ids_unique(&mut articles);
    Library { articles, problems }
}

/// Finds article files under `roots`, in a stable order (by name within each folder).
pub fn discover(roots: &[PathBuf], problems: &mut Vec<String>) -> Vec<PathBuf> {
    discover_stat(roots, problems).into_iter().map(|f| f.path).collect()
}

/// A file found by [`discover_stat`], with what tells whether it changed since it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    /// The path, as found (not resolved).
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the epoch.
    pub mtime_ns: i64,
}

/// [`discover`], with each file's size and modification time from the same `stat`.
pub fn discover_stat(roots: &[PathBuf], problems: &mut Vec<String>) -> Vec<FileStat> {
    let mut walk = Walk::default();
    for root in roots {
        walk.root(root, problems);
    }
    walk.files
}

#[derive(Default)]
struct Walk {
    files: Vec<FileStat>,
    /// Canonical paths met, as bytes: a `Path` hashes and compares component by component,
    /// a quarter of a 100,000-file walk's time; a canonical path's bytes say the same.
    seen_files: crate::hash::FastSet<std::ffi::OsString>,
    seen_dirs: crate::hash::FastSet<std::ffi::OsString>,
}

impl Walk {
    fn root(&mut self, root: &Path, problems: &mut Vec<String>) {
        // Explicit roots are taken whatever their extension; folders are walked with an
        // explicit stack so a deep tree cannot overflow ours.
        let mut stack = vec![(root.to_path_buf(), true, None)];
        while let Some((path, explicit, parent)) = stack.pop() {
            match classify(&path, parent.as_deref()) {
                Ok(Found::File(canonical, size, mtime_ns)) => {
                    if (explicit || has_article_extension(&path))
                        && self.seen_files.insert(canonical.into_os_string())
                    {
                        self.files.push(FileStat { path, size, mtime_ns });
                    }
                }
                Ok(Found::Dir { canonical, via_link }) => {
                    if !self.seen_dirs.insert(canonical.clone().into_os_string()) {
                        if via_link {
                            problems.push(skipped(&path, Why::FolderAgain));
                        }
                        continue;
                    }
                    match sorted_children(&path) {
                        Ok(children) => {
                            let parent: Rc<Path> = canonical.into();
                            let children = children.into_iter().rev();
                            stack.extend(children.map(|c| (c, false, Some(Rc::clone(&parent)))));
                        }
                        Err(e) => {
                            problems.push(skipped(&path, Why::Folder(e)));
                        }
                    }
                }
                Ok(Found::Other(kind)) => {
                    if explicit || has_article_extension(&path) {
                        problems.push(skipped(&path, Why::NotRegular(kind)));
                    }
                }
                Err(why) => problems.push(skipped(&path, why)),
            }
        }
    }
}

enum Found {
    File(PathBuf, u64, i64),
    Dir { canonical: PathBuf, via_link: bool },
    Other(&'static str),
}

/// What is at `path`, following symlinks, without opening it. `parent` is the canonical path
/// of the folder `path` was found in, if it was found in one.
///
/// A folder of thousands of articles makes this a system-call budget: an entry that is not a
/// symlink is looked at once (its own metadata is the metadata), and its canonical path is its
/// folder's plus its name, rather than resolved again component by component.
fn classify(path: &Path, parent: Option<&Path>) -> Result<Found, Why> {
    let link = fs::symlink_metadata(path).map_err(Why::Io)?;
    let via_link = link.file_type().is_symlink();
    let meta = if via_link {
        match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if is_loop(&e) => return Err(Why::SymlinkLoop),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Why::Dangling),
            Err(e) => return Err(Why::Io(e)),
        }
    } else {
        link
    };
    let canonical = || match (parent, path.file_name()) {
        (Some(dir), Some(name)) if !via_link => Ok(dir.join(name)),
        _ => fs::canonicalize(path).map_err(Why::Io),
    };
    if meta.is_dir() {
        Ok(Found::Dir { canonical: canonical()?, via_link })
    } else if meta.is_file() {
        Ok(Found::File(canonical()?, meta.len(), mtime_ns(&meta)))
    } else {
        Ok(Found::Other(special_kind(&meta)))
    }
}

/// A file's modification time in nanoseconds since the epoch (0 when the system has none).
fn mtime_ns(meta: &fs::Metadata) -> i64 {
    let since = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    since.map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(unix)]
pub(crate) fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
pub(crate) fn special_kind(_meta: &fs::Metadata) -> &'static str {
    "not a file"
}

/// Children of a folder, hidden entries left out, sorted by name.
fn sorted_children(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut children = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            children.push(entry.path());
        }
    }
    children.sort();
    Ok(children)
}

fn has_article_extension(path: &Path) -> bool {
    let is_readme =
        path.file_stem().is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case("readme"));
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    // A folder's README describes the folder; it is not an article.
    !is_readme && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// The problem message for `path`, skipped for `why`.
fn skipped(path: &Path, why: Why) -> String {
    Skipped::new(path, why).to_string()
}

/// True for "too many levels of symbolic links" (ELOOP, whose number differs by system).
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error());
    #[cfg(not(unix))]
    return false;
}

/// Reads and parses files, on every core; problems keep the files' order. Files over
/// [`MAX_FILE_SIZE`] are skipped unless they are among `named`.
///
/// Files are handed out one at a time rather than in fixed slices: a folder's large articles
/// sit together by name, and fixed slices left one core parsing them while the other idled.
pub fn read_all(files: &[PathBuf], named: &[PathBuf], problems: &mut Vec<String>) -> Vec<Article> {
    let read_article = |path: &PathBuf| {
        let cap = (!named.contains(path)).then_some(MAX_FILE_SIZE);
        read_article_capped(path, cap)
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(8).min(files.len());
    let mut results: Vec<(usize, Result<Article, Skipped>)> = if threads <= 1 {
        files.iter().map(&read_article).enumerate().collect()
    } else {
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { return done };
                // A bug in a parser must cost one article, not the library: report it as a note.
                let read = std::panic::catch_unwind(|| read_article(path))
                    .unwrap_or_else(|_| Err(Skipped::new(path, Why::Bug)));
                done.push((i, read));
            }
        };
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        })
    };
    results.sort_unstable_by_key(|(i, _)| *i);
    let mut articles = Vec::with_capacity(files.len());
    for (_, result) in results {
        match result {
            Ok(article) => articles.push(article),
            Err(skipped) => problems.push(skipped.to_string()),
        }
    }
    articles
}

/// Reads one article file, whatever its size; the error is a one-line note naming the file.
pub fn read_article(path: &Path) -> Result<Article, Skipped> {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if Format::for_name(&name) == Format::Html {
        let mut article = read_page(path, &name)?;
        // The day it was read, for the card to judge the article's age by (the stream that
        // reads other files dates what it reads itself).
        article.meta.loaded_on = Some(Date::today());
        Ok(article)
    } else {
        load::read_whole(path)
    }
}

/// Reads a saved web page whole: a page says its own encoding, and its article is found in
/// the whole of it.
fn read_page(path: &Path, name: &str) -> Result<Article, Skipped> {
    parse_page(path, name).map_err(|why| Skipped::new(path, why))
}

/// The metadata of the file at `path` when it is a regular file, looked at before anything
/// opens it (opening a FIFO waits for a writer); the error is the reason alone.
pub(crate) fn regular_file(path: &Path) -> Result<fs::Metadata, Why> {
    let meta = fs::metadata(path).map_err(Why::Io)?;
    if !meta.is_file() {
        return Err(Why::NotRegular(special_kind(&meta)));
    }
    Ok(meta)
}

/// [`read_page`]; the error is the reason alone, without the file's name.
pub(crate) fn parse_page(path: &Path, name: &str) -> Result<Article, Why> {
    let meta = regular_file(path)?;
    let mut file = File::open(path).map_err(Why::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(Why::Io)?;
    if bytes.contains(&0) {
        return Err(Why::Binary);
    }
    let (text, note) = article::html::decode(&bytes);
    let mut article =
        article::parse_str(name, Origin::File(path.to_path_buf()), Format::Html, &text);
    if let Some(note) = note {
        article.problems.insert(0, note);
    }
    Ok(article)
}

/// [`read_article`], refusing files over `cap` bytes (the size in MiB in the note).
pub fn read_article_capped(path: &Path, cap: Option<u64>) -> Result<Article, Skipped> {
    if let Some(cap) = cap {
        let size = fs::metadata(path).map_err(|e| Skipped::new(path, Why::Io(e)))?.len();
        if size > cap {
            return Err(Skipped::new(path, Why::TooLarge { size, cap }));
        }
    }
    read_article(path)
}

/// A size for messages: in MiB from 1 MiB up (`300.2 MiB`), else in KiB or bytes.
pub fn mib(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b if b >= 1024 => format!("{} KiB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// The articles (by place among `items`, each a key and a file) that are copies of one before
/// them (the same key; bundled first, then by path), each with the key it is kept under: its
/// own with its path's fingerprint added, the same at every start. Sorting hashes finds the few
/// clashes in a large library quicker than a map of keys.
pub fn copy_keys<'a>(
    items: impl Iterator<Item = (&'a crate::article::Key, Option<&'a Path>)>,
) -> Vec<(usize, crate::article::Key)> {
    let items: Vec<_> = items.collect();
    let mut hashed: Vec<(u64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (crate::hash::of_bytes(key.as_bytes()), i))
        .collect();
    hashed.sort_unstable();
    let mut copies = Vec::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // Same hash: group by the real key, and in each group keep the key on the one that
        // sorts first (bundled, then by path).
        let mut group: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
        group
            .sort_by(|&a, &b| items[a].0.cmp(items[b].0).then_with(|| items[a].1.cmp(&items[b].1)));
        for pair in group.windows(2) {
            if items[pair[0]].0 == items[pair[1]].0 {
                copies.push(pair[1]);
            }
        }
    }
    copies
        .into_iter()
        .map(|i| {
            let (key, path) = items[i];
            let place = path.map_or_else(String::new, |p| p.display().to_string());
            let suffix = crate::article::fingerprint(place.as_bytes());
            (i, key.with_suffix(&format!("@{suffix:016x}")))
        })
        .collect()
}

/// Appends `-2`, `-3`... to ids already taken, so every id names one article.
fn make_ids_unique(articles: &mut [Article]) {
    unique_ids(articles.iter_mut().map(|a| &mut a.id));
}

/// Appends `-2`, `-3`... to each id already taken by one before it: the ids `salve list`
/// gives, whether the articles were read or listed from the cache.
pub fn unique_ids<'a>(ids: impl Iterator<Item = &'a mut String>) {
    let mut seen = HashSet::new();
    for id in ids {
        let base = id.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            *id = format!("{base}-{n}");
            n += 1;
        }
    }
}

/// The id an article file is listed under before [`unique_ids`]: its name without the
/// extension, as a slug.
pub fn file_id(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    crate::article::slugify(crate::article::file_stem(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn bundled_library_has_four_articles_with_unique_ids() {
        let lib = bundled();
        assert_eq!(lib.articles.len(), 4);
        let ids: HashSet<_> = lib.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids.len(), 4);
    }

    #[test]
    fn finds_articles_recursively_in_name_order_and_skips_others() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.md", "# B\n");
        write(dir.path(), "a/c.txt", "C\n");
        write(dir.path(), "a/notes.pdf", "x");
        write(dir.path(), "README.md", "about this folder");
        write(dir.path(), ".hidden/d.md", "# D");
        let lib = load(&[dir.path().to_path_buf()], false);
        let names: Vec<_> = lib.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(names, ["c", "b"]);
        assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    }

    #[test]
    fn binary_and_missing_files_are_problems() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bin.md"), b"ab\0cd").unwrap();
        let lib = load(&[dir.path().to_path_buf(), dir.path().join("missing.md")], false);
        assert!(lib.articles.is_empty());
        assert_eq!(lib.problems.len(), 2, "{:?}", lib.problems);
        let problems = lib.problems.join("\n");
        assert!(problems.contains("bin.md': binary file"), "{problems}");
        assert!(problems.contains("missing.md': no such file"), "{problems}");
    }

    #[test]
    fn invalid_utf8_is_read_lossily_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n\ntext\n").unwrap();
        let lib = load(&[dir.path().to_path_buf()], false);
        assert_eq!(lib.articles.len(), 1);
        assert!(lib.all_problems()[0].contains("invalid UTF-8"), "{:?}", lib.all_problems());
    }

    #[cfg(unix)]
    #[test]
    fn links_loops_and_fifos_are_skipped_without_blocking() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "ok.md", "# Ok\n");
        symlink(".", dir.path().join("loop")).unwrap();
        symlink("nowhere.md", dir.path().join("dangling.md")).unwrap();
        let fifo = dir.path().join("x.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let lib = load(&[dir.path().to_path_buf()], false);
        assert_eq!(lib.articles.len(), 1);
        let problems = lib.problems.join("\n");
        assert!(problems.contains("dangling.md': dangling symlink"), "{problems}");
        assert!(problems.contains("loop': symlink to a folder already read"), "{problems}");
        assert!(problems.contains("x.md': not a regular file (a FIFO)"), "{problems}");
    }

    #[test]
    fn a_file_named_and_found_in_its_folder_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "a/b.md", "# B\n");
        // Named through a path that needs resolving, and found again by the folder walk.
        let roundabout = dir.path().join("a/../a/b.md");
        let lib = load(&[roundabout, dir.path().to_path_buf(), file], false);
        assert_eq!(lib.articles.len(), 1, "{:?}", lib.problems);
    }

    #[test]
    fn duplicate_ids_get_suffixes() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/same.md", "# One\n");
        write(dir.path(), "b/same.md", "# Two\n");
        let lib = load(&[dir.path().to_path_buf()], false);
        let ids: Vec<_> = lib.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["same", "same-2"]);
    }
}
