//! One article as the library pane lists it: its metadata without its text, built from a parsed
//! article or (at start-up) from the metadata cache, so a library of any size lists without
//! parsing a file.

use crate::article::{Article, Origin};
use crate::store::CachedRow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the library shows of one article; the text is read only when the article is opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Identity for saved state (see [`crate::article::identity`]).
    pub key: crate::article::Key,
    /// The normalized title (see [`crate::article::title_key`]), to re-attach saved state.
    pub title_key: String,
    /// Title, already sanitized.
    pub title: Arc<str>,
    /// Where the article is read from.
    pub origin: Origin,
    /// Where it sits: "bundled", or its folder relative to the library folder it was found in
    /// (that folder's own name at its top level).
    /// Shared between the entries of one folder (a cached library has thousands of entries per
    /// folder name).
    pub folder: Arc<str>,
    /// Front matter tags and aliases, each followed by two spaces: what the library filter
    /// searches besides the title and folder.
    pub keywords: String,
    /// Words in the article.
    pub words: u32,
    /// Sections with a heading.
    pub sections: u32,
    /// Problems found reading it.
    pub problems: Vec<String>,
    /// Summary and outline, for the preview column; `None` until loaded from the cache.
    pub preview: Option<Box<Preview>>,
    /// The file is no longer there (found by the walk after start-up): not listed.
    pub gone: bool,
}

/// The part of an entry only the preview column needs: summary, outline and tags.
pub use crate::store::Preview;

impl Entry {
    /// The entry for a parsed article found under `roots` (empty for bundled articles).
    pub fn from_article(article: &Article, roots: &[PathBuf]) -> Self {
        let outline = article
            .sections
            .iter()
            .filter(|s| s.level > 0)
            .map(|s| (s.level, s.title.clone()))
            .collect();
        Self {
            key: article.key.clone(),
            title_key: crate::article::title_key(&article.meta.title),
            title: article.meta.title.as_str().into(),
            folder: folder_of(&article.origin, roots).into(),
            origin: article.origin.clone(),
            keywords: keywords(&article.meta.tags, &article.meta.aliases),
            words: u32::try_from(article.words()).unwrap_or(u32::MAX),
            sections: u32::try_from(article.sections.iter().filter(|s| s.level > 0).count())
                .unwrap_or(u32::MAX),
            problems: article.problems.clone(),
            preview: Some(Box::new(Preview {
                summary: article.meta.summary.clone(),
                outline,
                tags: article.meta.tags.clone(),
            })),
            gone: false,
        }
    }

    /// The entry for a file as the metadata cache remembers it, in `folder`.
    pub fn from_cached(row: CachedRow, folder: Arc<str>) -> Self {
        Self {
            title_key: crate::article::title_key(&row.title),
            key: crate::article::Key::new(row.key),
            title: row.title.into(),
            origin: Origin::File(row.path),
            folder,
            keywords: row.keywords,
            words: row.words,
            sections: row.sections,
            problems: row.problems,
            preview: None,
            gone: false,
        }
    }

    /// Estimated reading time in whole minutes.
    pub fn minutes(&self) -> usize {
        crate::article::minutes_for(self.words as usize)
    }

    /// Whether the entry is listed under a stand-in key: a long file named on the command line,
    /// whose identity (and so its saved state) is known once it is read whole.
    pub fn stand_in(&self) -> bool {
        self.key.is_stand_in()
    }

    /// The file, for articles read from disk.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            Origin::Bundled(_) => None,
        }
    }
}

/// The library's title order after the folded title's first eight bytes
/// ([`title_prefix`], compared first by callers, which keep it as a number): the whole folded
/// title, then the title as written.
pub fn title_tiebreak(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    a.title_key.cmp(&b.title_key).then_with(|| a.title.cmp(&b.title))
}

/// The first eight bytes of `key`, big-endian, zero-padded: numbers that order as the keys do.
pub fn title_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, b) in bytes.iter_mut().zip(key.bytes()) {
        *slot = b;
    }
    u64::from_be_bytes(bytes)
}

/// Tags then aliases, each followed by two spaces (the form [`Entry::keywords`] keeps).
pub fn keywords(tags: &[String], aliases: &[String]) -> String {
    let mut out = String::new();
    for k in tags.iter().chain(aliases) {
        out.push_str(k);
        out.push_str("  ");
    }
    out
}

/// Where an article sits, for the library's folder column and its filter: "bundled", or the
/// folder of `origin` relative to the root it was found under (the root's own name at its top
/// level, the file's folder name for a file named on its own).
pub fn folder_of(origin: &Origin, roots: &[PathBuf]) -> String {
    let path = match origin {
        Origin::Bundled(_) => return "bundled".into(),
        Origin::File(path) => path,
    };
    let parent = path.parent().unwrap_or(Path::new(""));
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let root = roots
        .iter()
        .filter(|r| path.starts_with(r) && path != *r)
        .max_by_key(|r| r.as_os_str().len());
    let folder = match root.map(|r| parent.strip_prefix(r)) {
        Some(Ok(rel)) if rel.as_os_str().is_empty() => root.and_then(|r| name(r)),
        Some(Ok(rel)) => Some(rel.display().to_string()),
        _ => name(parent),
    };
    crate::sanitize::sanitize_line(&folder.unwrap_or_default()).into_owned()
}

/// Folder names for many files under the same `roots`, worked out once per directory: a
/// cached library of 100,000 files sits in a few hundred.
#[derive(Debug, Default)]
pub struct Folders {
    roots: Vec<PathBuf>,
    known: HashMap<PathBuf, Option<Arc<str>>>,
    /// The last directory asked about: files come sorted by path, so mostly the same one.
    last: Option<(PathBuf, Option<Arc<str>>)>,
}

impl Folders {
    /// Names relative to `roots`.
    pub fn new(roots: &[PathBuf]) -> Self {
        Self { roots: roots.to_vec(), known: HashMap::new(), last: None }
    }

    /// The folder name for `path`, or `None` when it is under none of the roots.
    pub fn of(&mut self, path: &Path) -> Option<Arc<str>> {
        if self.roots.iter().any(|r| r == path) {
            // A file named on its own: its siblings are not in the library.
            return Some(folder_of(&Origin::File(path.to_path_buf()), &self.roots).into());
        }
        let parent = path.parent().unwrap_or(Path::new(""));
        // Bytes, not `Path ==`, which compares component by component.
        if let Some((dir, name)) = &self.last
            && dir.as_os_str() == parent.as_os_str()
        {
            return name.clone();
        }
        let name = if let Some(known) = self.known.get(parent) {
            known.clone()
        } else {
            let under = self.roots.iter().any(|r| path.starts_with(r));
            let name =
                under.then(|| Arc::from(folder_of(&Origin::File(path.to_path_buf()), &self.roots)));
            self.known.insert(parent.to_path_buf(), name.clone());
            name
        };
        self.last = Some((parent.to_path_buf(), name.clone()));
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_relative_to_their_library_root() {
        let roots = [PathBuf::from("/lib/health")];
        let file = |p: &str| Origin::File(PathBuf::from(p));
        assert_eq!(folder_of(&file("/lib/health/sleep.md"), &roots), "health");
        assert_eq!(folder_of(&file("/lib/health/nih/heart/a.md"), &roots), "nih/heart");
        assert_eq!(folder_of(&file("/elsewhere/notes/b.md"), &roots), "notes");
        assert_eq!(folder_of(&Origin::Bundled("x.md"), &roots), "bundled");
    }
}
