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

/// Prints the library: tab-separated `id, title, sections, words, minutes, origin` per line,
/// or a JSON array of objects when `json`. All text is already sanitized by the model.
///
/// `sections` counts headings, the numbers `salve show --section` takes; an untitled lead
/// before the first heading is not counted (it is section 0, the introduction).
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
            "{}\t{}\t{}\t{}\t{} min\t{}",
            r.id,
            r.title,
            counted(r.sections, "section"),
            counted(r.words, "word"),
            r.minutes,
            r.origin
        )?;
    }
    Ok(())
}

/// `n` and the noun, plural unless `n` is 1: "1 section", "17 sections".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "section"), "1 section");
        assert_eq!(counted(0, "word"), "0 words");
        assert_eq!(counted(17, "section"), "17 sections");
    }
}
