//! `salve list`: one line per article, or JSON.

use crate::library::Library;
use std::io::{self, Write};

#[derive(serde::Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    sections: usize,
    words: usize,
    minutes: usize,
    origin: String,
    summary: Option<&'a str>,
    tags: &'a [String],
}

/// Prints the library: tab-separated `title, sections, words, minutes, origin` per line, or a
/// JSON array of objects when `json`. All text is already sanitized by the model.
pub fn print(out: &mut impl Write, library: &Library, json: bool) -> io::Result<()> {
    let rows = library.articles.iter().map(|a| Row {
        id: &a.id,
        title: &a.meta.title,
        sections: a.sections.iter().filter(|s| s.level > 0).count(),
        words: a.words(),
        minutes: a.reading_minutes(),
        origin: a.origin_label(),
        summary: a.meta.summary.as_deref(),
        tags: &a.meta.tags,
    });
    if json {
        let rows: Vec<Row> = rows.collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
        return writeln!(out);
    }
    for r in rows {
        writeln!(
            out,
            "{}\t{} sections\t{} words\t{} min\t{}",
            r.title, r.sections, r.words, r.minutes, r.origin
        )?;
    }
    Ok(())
}
