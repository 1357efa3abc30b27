//! `salve show`: an article, or one of its sections, as wrapped text on stdout.
//!
//! A title that matches several articles equally well is never guessed at: the error lists
//! them, with the id that picks one.

use super::CliError;
use crate::article::Article;
use crate::config::Paths;
use crate::layout::{self, Kind, Line};
use crate::library::Library;
use crate::sanitize::sanitize_line;
use crate::search::{self, Found};
use std::io::{IsTerminal, Write};

/// At most this many matching articles are listed in an error.
const MAX_LISTED: usize = 10;

/// Lays out the article (or one section) and prints it.
pub fn run(
    article: &Article,
    section: Option<&str>,
    width: Option<u16>,
    paths: &Paths,
) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let max_width = paths.load_config().map_err(anyhow::Error::from)?.max_width;
    let width = width.unwrap_or_else(|| {
        let columns =
            if terminal { ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w) } else { 80 };
        columns.clamp(20, max_width)
    });
    let laid = layout::layout(article, width);
    let range = match section {
        None => 0..laid.lines.len(),
        Some(wanted) => {
            let index = find_section(article, wanted).ok_or_else(|| {
                CliError::Usage(format!(
                    "no section '{}' in '{}'; give a number from 1 to {} or a heading",
                    crate::sanitize::sanitize_line(wanted),
                    article.meta.title,
                    article.sections.len()
                ))
            })?;
            let start = laid.section_lines.get(index).copied().unwrap_or(0);
            let end = laid.section_lines.get(index + 1).copied().unwrap_or(laid.lines.len());
            start..end
        }
    };
    let colour =
        terminal && super::can_style() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // Stdout is line-buffered: one write per line would be a system call per line.
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lines = &laid.lines[range];
    let last = lines.iter().rposition(|l| !l.text().trim().is_empty()).map_or(0, |i| i + 1);
    for line in &lines[..last] {
        if line.segs.iter().all(|s| s.style.kind == Kind::Progress) && !line.segs.is_empty() {
            continue;
        }
        write_line(&mut out, line, colour).map_err(anyhow::Error::from)?;
    }
    out.flush().map_err(anyhow::Error::from)?;
    Ok(())
}

/// An article found by [`find_article`].
#[derive(Debug)]
pub struct Pick<'a> {
    /// The article.
    pub article: &'a Article,
    /// It matched only allowing a slip in the spelling of the query: say which one was shown.
    pub spelling: bool,
}

/// The article `query` names: an id, else its title or words of it ([`search::find`]). No
/// match is an error offering close titles (exit 1); several equally good matches are an
/// error listing them with their ids (exit 2).
pub fn find_article<'a>(library: &'a Library, query: &str) -> Result<Pick<'a>, CliError> {
    let articles = &library.articles;
    let q = query.trim();
    if q.is_empty() {
        return Err(CliError::Usage(
            "no article given; give a title, an id or a path (see 'salve list')".into(),
        ));
    }
    if let Some(article) = articles.iter().find(|a| a.id.eq_ignore_ascii_case(q)) {
        return Ok(Pick { article, spelling: false });
    }
    let shown = sanitize_line(q);
    let listed = |indices: &[usize]| -> Vec<String> {
        let rows = indices.iter().map(|&i| {
            let a = &articles[i];
            // The same title from two sources (common in collections): the source tells apart.
            let twin = indices
                .iter()
                .any(|&j| j != i && articles[j].meta.title.eq_ignore_ascii_case(&a.meta.title));
            match a.meta.source.as_deref().filter(|_| twin) {
                Some(source) => format!("{}  {} ({source})", a.id, a.meta.title),
                None => format!("{}  {}", a.id, a.meta.title),
            }
        });
        capped(rows, indices.len(), "add a word of the title")
    };
    match search::find(articles.iter().map(|a| a.meta.title.as_str()), q) {
        Found::One { index, spelling } => Ok(Pick { article: &articles[index], spelling }),
        Found::Several(found) => Err(CliError::Choices {
            code: 2,
            message: format!(
                "'{shown}' matches {} articles; give more of the title, or one of these ids:",
                found.len()
            ),
            choices: listed(&found),
        }),
        Found::None(near) if near.is_empty() => Err(CliError::Choices {
            code: 1,
            message: format!(
                "no article matches '{shown}'; give words of a title, an id or a path (see 'salve list')"
            ),
            choices: Vec::new(),
        }),
        Found::None(near) => Err(CliError::Choices {
            code: 1,
            message: format!("no article matches '{shown}'; the closest (salve show ID):"),
            choices: listed(&near),
        }),
    }
}

/// A section by 1-based number, exact heading or anchor, or best fuzzy heading match.
pub fn find_section(article: &Article, wanted: &str) -> Option<usize> {
    let sections = &article.sections;
    if let Ok(n) = wanted.trim().parse::<usize>() {
        return (1..=sections.len()).contains(&n).then(|| n - 1);
    }
    let w = wanted.trim();
    sections.iter().position(|s| s.title.eq_ignore_ascii_case(w) || s.anchor == w).or_else(|| {
        match search::find(sections.iter().map(|s| s.title.as_str()), w) {
            Found::One { index, .. } => Some(index),
            Found::Several(_) | Found::None(_) => None,
        }
    })
}

/// The first [`MAX_LISTED`] of `total` rows, and a last row saying how many more there are.
fn capped(rows: impl Iterator<Item = String>, total: usize, narrow: &str) -> Vec<String> {
    let mut listed: Vec<String> = rows.take(MAX_LISTED).collect();
    if total > MAX_LISTED {
        listed.push(format!("... and {} more; {narrow}", total - MAX_LISTED));
    }
    listed
}

/// Writes one laid-out line, with ANSI styles when `colour`.
fn write_line(out: &mut impl Write, line: &Line, colour: bool) -> std::io::Result<()> {
    let mut text = String::new();
    for seg in &line.segs {
        if seg.style.kind == Kind::Progress {
            continue;
        }
        let sgr = if colour { sgr(seg.style) } else { String::new() };
        if sgr.is_empty() {
            text.push_str(&seg.text);
        } else {
            text.push_str("\x1b[");
            text.push_str(&sgr);
            text.push('m');
            text.push_str(&seg.text);
            text.push_str("\x1b[0m");
        }
    }
    writeln!(out, "{}", text.trim_end())
}

/// The SGR parameters for a style (empty for plain text).
fn sgr(style: layout::Style) -> String {
    use crate::article::Inline;
    let mut codes: Vec<&str> = match style.kind {
        Kind::Heading(1) | Kind::CardTitle => vec!["1", "36"],
        Kind::Heading(2) => vec!["1", "34"],
        Kind::Heading(_) | Kind::TableHeader => vec!["1"],
        Kind::CodeBlock => vec!["33"],
        Kind::QuoteBar | Kind::ListMarker => vec!["35"],
        Kind::Url
        | Kind::Rule
        | Kind::TableBorder
        | Kind::CardMeta
        | Kind::CardNote
        | Kind::Cut => vec!["2"],
        Kind::Image | Kind::Note => vec!["3"],
        Kind::Text | Kind::Progress => vec![],
    };
    let inline = style.inline;
    for (flag, code) in [
        (Inline::STRONG, "1"),
        (Inline::EMPH, "3"),
        (Inline::STRIKE, "9"),
        (Inline::LINK, "4"),
        (Inline::CODE, "33"),
    ] {
        if inline.contains(flag) {
            codes.push(code);
        }
    }
    codes.join(";")
}
