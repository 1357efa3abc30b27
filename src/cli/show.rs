//! `salve show`: an article, or one of its sections, as wrapped text on stdout.
//!
//! Sections are numbered as `salve list` counts them: headed sections from 1, and the untitled
//! lead (the text before the first heading, "(introduction)" in the contents), when there is
//! one, is section 0. A title or heading that matches several equally well is never guessed
//! at: the error lists them, with the id or number that picks one.

use super::CliError;
use crate::article::Article;
use crate::layout::{self, Kind, Line};
use crate::sanitize::sanitize_line;
use crate::search::{self, Found};
use std::io::{IsTerminal, Write};

mod streamed;
pub use streamed::stream;

/// At most this many matching articles or sections are listed in an error.
const MAX_LISTED: usize = 10;

/// The column width `show` wraps at: `--width`, else the terminal's (20 to `max_width`), else 80.
fn column(width: Option<u16>, max_width: u16) -> (u16, bool) {
    let terminal = std::io::stdout().is_terminal();
    let width = width.unwrap_or_else(|| {
        let columns =
            if terminal { ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w) } else { 80 };
        columns.clamp(20, max_width)
    });
    let colour =
        terminal && super::can_style() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    (width, colour)
}

/// Lays out the article (or one section) and prints it.
pub fn run(
    article: &Article,
    section: Option<&str>,
    width: Option<u16>,
    max_width: u16,
) -> Result<(), CliError> {
    let (width, colour) = column(width, max_width);
    // Before the layout: a wrong section name should not wait for a long article's layout.
    let index = section.map(|wanted| find_section(article, wanted)).transpose()?;
    let laid = layout::layout(article, width);
    let range = match index {
        None => 0..laid.lines.len(),
        Some(index) => {
            let start = laid.section_lines.get(index).copied().unwrap_or(0);
            let end = laid.section_lines.get(index + 1).copied().unwrap_or(laid.lines.len());
            start..end
        }
    };
    // Stdout is line-buffered: one write per line would be a system call per line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let lines = &laid.lines[range];
    let last = lines.iter().rposition(|l| !l.text().trim().is_empty()).map_or(0, |i| i + 1);
    write_lines(&mut out, &lines[..last], colour).map_err(anyhow::Error::from)?;
    out.flush().map_err(anyhow::Error::from)?;
    Ok(())
}

/// Writes laid-out lines, leaving out the progress placeholder's line.
fn write_lines(out: &mut impl Write, lines: &[Line], colour: bool) -> std::io::Result<()> {
    // One buffer for every line.
    let mut text = String::new();
    for line in lines {
        if !line.is_empty() && line.segs().all(|s| s.style.kind == Kind::Progress) {
            continue;
        }
        write_line(out, line, colour, &mut text)?;
    }
    Ok(())
}

/// An article as [`find_named`] tells it: its id, title, and what tells it apart from another
/// of the same title.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// Its id in `salve list`.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its source (or file), said beside a title two articles share.
    pub source: Option<&'a str>,
}

/// The article `query` names: an id, else its title or words of it ([`search::find`]); its
/// index in `names`, and whether it matched only allowing a slip in the spelling. No match is
/// an error offering close titles (exit 1); several equally good matches are an error listing
/// them with their ids (exit 2).
pub fn find_named(names: &[Named], query: &str) -> Result<(usize, bool), CliError> {
    let q = query.trim();
    if q.is_empty() {
        return Err(CliError::Usage(
            "no article given; give a title, an id or a path (see 'salve list')".into(),
        ));
    }
    if let Some(index) = names.iter().position(|a| a.id.eq_ignore_ascii_case(q)) {
        return Ok((index, false));
    }
    let shown = sanitize_line(q);
    let listed = |indices: &[usize]| -> Vec<String> {
        let rows = indices.iter().map(|&i| {
            let a = &names[i];
            // The same title from two sources (common in collections): the source tells apart.
            let twin =
                indices.iter().any(|&j| j != i && names[j].title.eq_ignore_ascii_case(a.title));
            match a.source.filter(|_| twin) {
                Some(source) => format!("{}  {} ({source})", a.id, a.title),
                None => format!("{}  {}", a.id, a.title),
            }
        });
        capped(rows, indices.len(), "add a word of the title")
    };
    match search::find(names.iter().map(|a| a.title), q) {
        Found::One { index, spelling } => Ok((index, spelling)),
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

/// True when the article starts with an untitled lead section (section 0).
fn has_lead(article: &Article) -> bool {
    article.sections.first().is_some_and(|s| s.level == 0)
}

/// The number `salve list` and the errors give the section at `index`.
fn number(article: &Article, index: usize) -> usize {
    index + 1 - usize::from(has_lead(article))
}

/// What `--section` accepts for `article`, to end an error message with.
fn accepted(article: &Article) -> String {
    let headed = article.sections.len() - usize::from(has_lead(article));
    match (headed, has_lead(article)) {
        (0, false) => "it has no sections; leave out --section".into(),
        (0, true) => "it has only an introduction: give 0, or leave out --section".into(),
        (1, lead) => {
            format!("give 1{} or the heading", if lead { " (0 is the introduction)" } else { "" })
        }
        (n, lead) => format!(
            "give a number from 1 to {n}{} or a heading",
            if lead { " (0 is the introduction)" } else { "" }
        ),
    }
}

/// The index in `article.sections` of the section `wanted` names: its number (see the module
/// docs), its heading or anchor, else words of one heading. An empty name, a number out of
/// range and a name no heading matches are usage errors; so is a name that matches several
/// headings equally well, listing them with their numbers.
pub fn find_section(article: &Article, wanted: &str) -> Result<usize, CliError> {
    let sections = &article.sections;
    let w = wanted.trim();
    if w.is_empty() {
        return Err(CliError::Usage(format!("--section is empty; {}", accepted(article))));
    }
    let title = &article.meta.title;
    let not_found = || {
        CliError::Usage(format!(
            "no section '{}' in '{title}'; {}",
            sanitize_line(wanted),
            accepted(article)
        ))
    };
    if let Ok(n) = w.parse::<i64>() {
        let lead = usize::from(has_lead(article));
        let index = match usize::try_from(n) {
            Ok(0) => (lead == 1).then_some(0),
            Ok(n) => Some(n - 1 + lead),
            Err(_) => None,
        };
        return index.filter(|&i| i < sections.len()).ok_or_else(not_found);
    }
    let exact: Vec<usize> = sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.display_title().eq_ignore_ascii_case(w) || s.anchor == w)
        .map(|(i, _)| i)
        .collect();
    let found = match exact[..] {
        [] => search::find(sections.iter().map(|s| s.title.as_str()), w),
        [index] => Found::One { index, spelling: false },
        _ => Found::Several(exact),
    };
    match found {
        Found::One { index, .. } => Ok(index),
        Found::None(_) => Err(not_found()),
        Found::Several(mut found) => {
            // In reading order, as the contents shows them.
            found.sort_unstable();
            let rows = found
                .iter()
                .map(|&i| format!("{:>3}  {}", number(article, i), sections[i].display_title()));
            Err(CliError::Choices {
                code: 2,
                message: format!(
                    "'{}' matches {} sections of '{title}'; give its number:",
                    sanitize_line(w),
                    found.len()
                ),
                choices: capped(rows, found.len(), "add a word of the heading"),
            })
        }
    }
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
fn write_line(
    out: &mut impl Write,
    line: &Line,
    colour: bool,
    text: &mut String,
) -> std::io::Result<()> {
    text.clear();
    for seg in line.segs() {
        if seg.style.kind == Kind::Progress {
            continue;
        }
        let sgr = if colour { sgr(seg.style) } else { String::new() };
        if sgr.is_empty() {
            text.push_str(seg.text);
        } else {
            text.push_str("\x1b[");
            text.push_str(&sgr);
            text.push('m');
            text.push_str(seg.text);
            text.push_str("\x1b[0m");
        }
    }
    out.write_all(text.trim_end().as_bytes())?;
    out.write_all(b"\n")
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
