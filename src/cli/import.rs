//! `salve import FILE.html...`: saved web pages into the user's library as clean Markdown.
//!
//! Each page is read as the library reads it (the article found, menus and banners left out),
//! then written as Markdown with front matter (title, source address, the day it was saved,
//! byline, site, the page's date) into the articles folder, under a name made from its title.
//! An existing file is never overwritten: the name gets `-2`, `-3`... One page that cannot be
//! read is a message; the others are still imported.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::CliError;
use crate::article::{self, Article, Date, DateKind, slugify};
use crate::config::Paths;
use crate::library::error::describe_io;
use crate::library::{MAX_FILE_SIZE, Why, mib};
use crate::sanitize::sanitize_line;

/// Longest file name made from a title, in bytes (before `-2` and `.md`).
const MAX_NAME: usize = 60;

/// Imports every page, printing where each went; fails (exit 1) if any could not be.
pub(super) fn run(paths: &Paths, files: &[PathBuf]) -> Result<(), CliError> {
    let dir = paths.ensure_articles_dir().map_err(anyhow::Error::from)?;
    let saved = Date::today();
    let mut failed = 0;
    let mut out = std::io::stdout().lock();
    for file in files {
        let shown = sanitize_line(&file.display().to_string()).into_owned();
        match import(file, &dir, saved) {
            Ok((written, article)) => {
                for note in &article.problems {
                    eprintln!("salve: '{shown}': {note}");
                }
                let to = sanitize_line(&written.display().to_string()).into_owned();
                writeln!(out, "imported '{shown}' as '{to}': {}", article.meta.title)
                    .map_err(anyhow::Error::from)?;
            }
            Err(why) => {
                eprintln!("salve: cannot import '{shown}': {why}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        let pages = if failed == 1 { "page was" } else { "pages were" };
        return Err(CliError::Failed(anyhow::anyhow!("{failed} {pages} not imported")));
    }
    Ok(())
}

/// Why a page could not be imported.
#[derive(Debug, thiserror::Error)]
enum ImportError {
    /// The page could not be looked at.
    #[error("{}", describe_io(.0))]
    Io(#[source] std::io::Error),
    /// Over the size salve reads a page up to (its size in bytes).
    #[error("too large ({}; the limit is {})", mib(*.0), mib(MAX_FILE_SIZE))]
    TooLarge(u64),
    /// The page could not be read as the library reads one.
    #[error(transparent)]
    Unreadable(#[from] Why),
    /// The Markdown could not be written into the articles folder.
    #[error("cannot write into '{}': {}", sanitize_line(&.dir.display().to_string()), describe_io(.source))]
    Write {
        /// The articles folder.
        dir: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Reads one page and writes it into `dir`; the path written and the article.
fn import(file: &Path, dir: &Path, saved: Date) -> Result<(PathBuf, Article), ImportError> {
    let size = std::fs::metadata(file).map_err(ImportError::Io)?.len();
    if size > MAX_FILE_SIZE {
        return Err(ImportError::TooLarge(size));
    }
    let name = file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // Whatever its extension, the file was named as a page: read as the library reads one.
    let article = crate::library::parse_page(file, &name)?;
    let document = document(&article, saved);
    let written = write_new(dir, &file_name_for(&article.meta.title), &document)
        .map_err(|source| ImportError::Write { dir: dir.to_path_buf(), source })?;
    Ok((written, article))
}

/// The Markdown file for an article: front matter, then the body.
pub fn document(article: &Article, saved: Date) -> String {
    let meta = &article.meta;
    let mut front = String::from("---\n");
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(front, "{name}: {}", quoted(value));
    };
    field("title", &meta.title);
    if let Some(source) = meta.address.as_deref().or(meta.source.as_deref()) {
        field("source", source);
    }
    for (name, value) in [("byline", &meta.byline), ("site", &meta.site)] {
        if let Some(value) = value {
            field(name, value);
        }
    }
    // Dates are digits and dashes: plain YAML scalars, as a person would write them.
    let _ = writeln!(front, "saved: {saved}");
    if let Some(dated) = meta.date {
        let name = if dated.kind == DateKind::Reviewed { "reviewed" } else { "date" };
        let _ = writeln!(front, "{name}: {}", dated.date);
    }
    front.push_str("---\n\n");
    front.push_str(&article::write::markdown(&article.sections));
    front.push('\n');
    front
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
fn quoted(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}

/// A file name stem from a title: its slug, shortened at a word break.
fn file_name_for(title: &str) -> String {
    let slug = slugify(title);
    let mut stem = String::new();
    for word in slug.split('-') {
        if !stem.is_empty() && stem.len() + 1 + word.len() > MAX_NAME {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    let stem: String = stem.chars().take(MAX_NAME).collect();
    if stem.is_empty() { "page".into() } else { stem }
}

/// Creates `dir/stem.md`, or `stem-2.md`, `stem-3.md`... when taken: never overwrites.
fn write_new(dir: &Path, stem: &str, text: &str) -> std::io::Result<PathBuf> {
    for n in 1u32.. {
        let name = if n == 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free file name"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Origin};

    #[test]
    fn names_come_from_titles_and_are_never_reused() {
        assert_eq!(file_name_for("Flu: symptoms & treatment"), "flu-symptoms-treatment");
        assert_eq!(file_name_for("¿?"), "page");
        let long = file_name_for(&"word ".repeat(40));
        assert!(long.len() <= MAX_NAME && long.ends_with("word"), "{long}");
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "flu", "one").unwrap();
        let b = write_new(dir.path(), "flu", "two").unwrap();
        assert_eq!(
            (a.file_name().unwrap(), b.file_name().unwrap()),
            ("flu.md".as_ref(), "flu-2.md".as_ref())
        );
        assert_eq!(std::fs::read_to_string(a).unwrap(), "one", "the first is kept as it was");
    }

    #[test]
    fn the_front_matter_reads_back() {
        let page = "<html><head><title>Flu \"season\"</title>\
            <meta name=author content='Dr A: Doe'>\
            <link rel=canonical href='https://example.org/flu'></head><body><article>\
            <h1>Flu \"season\"</h1><p>Flu spreads in winter; wash your hands often and stay at \
            home while you have a fever. Most people feel better within a week without any \
            treatment at all.</p></article></body></html>";
        let a = article::parse_str("flu.html", Origin::Bundled("flu.html"), Format::Html, page);
        let saved = Date::parse("2025-01-02").unwrap();
        let text = document(&a, saved);
        let back = article::parse_str("flu.md", Origin::Bundled("flu.md"), Format::Markdown, &text);
        assert_eq!(back.meta.title, "Flu \"season\"", "{text}");
        assert_eq!(back.meta.source.as_deref(), Some("https://example.org/flu"));
        assert_eq!(back.meta.byline.as_deref(), Some("Dr A: Doe"));
        assert!(text.contains("\nsaved: 2025-01-02\n"), "{text}");
        assert!(back.problems.is_empty(), "{:?}", back.problems);
    }
}
