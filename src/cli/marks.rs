//! `salve bookmarks`: every bookmark, newest first, as lines or as JSON.
//!
//! The JSON is an export format other programs may rely on: an object with `"version": 1` and
//! `"bookmarks"`, an array of objects with these fields (new fields may be added; none are
//! renamed or removed within a version): `id`, `article` (the article's identity key),
//! `article_title`, `section_title`, `section` (0-based index), `anchor`, `offset` (byte
//! offset into the section's text), `label`, `excerpt` (the first words at that place), and
//! `created_at` (unix seconds).

use super::CliError;
use crate::config::Paths;
use crate::store::{Bookmark, Store};
use std::io::Write;

/// The export format's version.
pub const FORMAT_VERSION: u32 = 1;

#[derive(serde::Serialize)]
struct Export<'a> {
    version: u32,
    bookmarks: &'a [Bookmark],
}

/// Prints the bookmarks saved in the data directory.
pub(super) fn print(paths: &Paths, json: bool) -> Result<(), CliError> {
    let opened = Store::open(&paths.data_dir);
    for warning in &opened.warnings {
        eprintln!("salve: {}", crate::sanitize::sanitize_line(warning));
    }
    let marks = match opened.store {
        Some(store) => store.bookmarks().map_err(anyhow::Error::from)?,
        None => Vec::new(),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out, &marks, json).map_err(anyhow::Error::from)?;
    out.flush().map_err(anyhow::Error::from)?;
    Ok(())
}

/// Writes `marks` as tab-separated lines (article › section, label, excerpt) or as JSON.
fn write(out: &mut impl Write, marks: &[Bookmark], json: bool) -> std::io::Result<()> {
    if json {
        let export = Export { version: FORMAT_VERSION, bookmarks: marks };
        serde_json::to_writer_pretty(&mut *out, &export).map_err(super::json_io)?;
        return writeln!(out);
    }
    for mark in marks {
        // Saved text came from sanitized articles, but the file itself is outside our control.
        let clean = |s: &str| crate::sanitize::sanitize_line(s).into_owned();
        writeln!(
            out,
            "{} › {}\t{}\t{}",
            clean(&mark.article_title),
            clean(&mark.section_title),
            clean(&mark.label),
            clean(&mark.excerpt)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark() -> Bookmark {
        Bookmark {
            id: "1-2-3".into(),
            article: "t:sleep#00".into(),
            title_key: "sleep".into(),
            article_title: "Sleep".into(),
            section_title: "Naps".into(),
            anchor: "naps".into(),
            section: 2,
            offset: 40,
            label: "short naps\u{1b}[31m".into(),
            excerpt: "A nap of twenty minutes".into(),
            created_at: 1_700_000_000,
        }
    }

    #[test]
    fn lines_are_sanitized_and_json_keeps_the_documented_fields() {
        let mut out = Vec::new();
        write(&mut out, &[mark()], false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "Sleep › Naps\tshort naps\u{241b}[31m\tA nap of twenty minutes\n");
        let mut out = Vec::new();
        write(&mut out, &[mark()], true).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["version"], 1);
        let first = &value["bookmarks"][0];
        for field in [
            "id",
            "article",
            "article_title",
            "section_title",
            "section",
            "anchor",
            "offset",
            "label",
            "excerpt",
            "created_at",
        ] {
            assert!(!first[field].is_null(), "{field} missing: {first}");
        }
        assert_eq!(first["offset"], 40);
    }
}
