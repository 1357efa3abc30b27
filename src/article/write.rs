//! The article model written back as Markdown (CommonMark with GitHub tables): what
//! `salve import` saves a web page as.
//!
//! The text is escaped so that reading the Markdown back gives the same words: a `*` or `[`
//! in a sentence stays a character, not markup. Link addresses shown after link text are not
//! written (they are made again from the link when it is read).

use std::fmt::Write as _;

use super::{Block, Inline, Section, Span, Table};

/// The sections as a Markdown document (without front matter).
pub fn markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections {
        if section.level > 0 {
            let hashes = "#".repeat(usize::from(section.level.min(6)));
            let _ = writeln!(out, "{hashes} {}\n", escape(&section.title.replace('\n', " ")));
        }
        blocks(&mut out, &section.blocks, "");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Writes blocks, each line starting with `prefix` (quote marks, list indentation), each
/// block followed by a blank line.
fn blocks(out: &mut String, blocks: &[Block], prefix: &str) {
    for block in blocks {
        match block {
            Block::Paragraph(spans) => lines(out, &inline(spans), prefix, prefix),
            Block::List { start, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = match start {
                        Some(n) => format!("{}. ", n.saturating_add(i as u64)),
                        None => "- ".to_string(),
                    };
                    let task = match item.task {
                        Some(true) => "[x] ",
                        Some(false) => "[ ] ",
                        None => "",
                    };
                    let inner = format!("{prefix}{}", " ".repeat(marker.len()));
                    let mut body = String::new();
                    blocks_of_item(&mut body, &item.blocks, &inner);
                    let body = body.strip_prefix(inner.as_str()).unwrap_or(&body);
                    let _ = write!(out, "{prefix}{marker}{task}{body}");
                }
                trim_to_one_newline(out);
                out.push('\n');
            }
            Block::Quote(inner) => {
                let quoted = format!("{prefix}> ");
                let mut body = String::new();
                self::blocks(&mut body, inner, &quoted);
                trim_to_one_newline(&mut body);
                out.push_str(&body);
                out.push('\n');
            }
            Block::Code { lang, text } => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                let _ = writeln!(out, "{prefix}{fence}{}", lang.replace('`', ""));
                for line in text.lines() {
                    let _ = writeln!(out, "{prefix}{line}");
                }
                let _ = writeln!(out, "{prefix}{fence}\n");
            }
            Block::Table(table) => self::table(out, table, prefix),
            Block::Rule => {
                let _ = writeln!(out, "{prefix}***\n");
            }
            Block::Footnote { label, blocks: inner } => {
                let mut body = String::new();
                self::blocks(&mut body, inner, &format!("{prefix}    "));
                let body = body.trim_start();
                let _ = write!(out, "{prefix}[^{}]: {body}", label.replace(']', ""));
            }
        }
    }
}

/// An item's blocks: one paragraph per line run, a blank line only between blocks.
fn blocks_of_item(out: &mut String, items: &[Block], prefix: &str) {
    blocks(out, items, prefix);
    trim_to_one_newline(out);
}

/// Ends `out` with exactly one line break.
fn trim_to_one_newline(out: &mut String) {
    while out.ends_with("\n\n") {
        out.pop();
    }
}

/// Writes text that may hold hard breaks as lines: the first after `first`, the rest after
/// `rest`, broken lines ending in `\`.
fn lines(out: &mut String, text: &str, first: &str, rest: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(&escape_line_start(line.trim_start()));
    }
    out.push_str("\n\n");
}

/// A table as a GitHub table (a header row is required: an empty one when there was none).
fn table(out: &mut String, table: &Table, prefix: &str) {
    let columns =
        table.rows.iter().map(Vec::len).chain(std::iter::once(table.head.len())).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let row = |out: &mut String, cells: &[Vec<Span>]| {
        out.push_str(prefix);
        out.push('|');
        for i in 0..columns {
            let cell = cells.get(i).map(|c| inline(c)).unwrap_or_default();
            let _ = write!(out, " {} |", cell.replace('\n', " ").replace('|', "\\|"));
        }
        out.push('\n');
    };
    row(out, &table.head);
    let _ = writeln!(out, "{prefix}|{}", " --- |".repeat(columns));
    for cells in &table.rows {
        row(out, cells);
    }
    out.push('\n');
}

/// Spans as inline Markdown: emphasis, strong, strikethrough, code, links (consecutive spans
/// of one link together), images as `![alt]()`, footnote references.
fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        if span.style.contains(Inline::URL) {
            i += 1;
            continue;
        }
        if let Some(target) = &span.link {
            let end = spans[i..].iter().position(|s| s.link.as_ref() != Some(target));
            let end = end.map_or(spans.len(), |n| i + n);
            let text: String = spans[i..end].iter().map(styled).collect();
            let _ = write!(out, "[{text}]({})", destination(target));
            i = end;
            continue;
        }
        out.push_str(&styled(span));
        i += 1;
    }
    out
}

/// One span with its own style marks, whitespace kept outside them so they still count.
fn styled(span: &Span) -> String {
    let style = span.style;
    if style.contains(Inline::IMAGE) {
        return format!("![{}]()", escape(&span.text));
    }
    if style.contains(Inline::NOTE_REF) {
        return format!("[^{}]", span.text.replace(']', ""));
    }
    let core = span.text.trim();
    if core.is_empty() {
        return escape(&span.text);
    }
    let lead = &span.text[..span.text.len() - span.text.trim_start().len()];
    let trail = &span.text[span.text.trim_end().len()..];
    let mut body = if style.contains(Inline::CODE) {
        let ticks = "`".repeat(longest_run(core, '`') + 1);
        let pad = if core.starts_with('`') || core.ends_with('`') { " " } else { "" };
        format!("{ticks}{pad}{}{pad}{ticks}", core.replace('\n', " "))
    } else {
        escape(core)
    };
    for (flag, mark) in [(Inline::STRIKE, "~~"), (Inline::EMPH, "*"), (Inline::STRONG, "**")] {
        if style.contains(flag) {
            body = format!("{mark}{body}{mark}");
        }
    }
    format!("{}{body}{}", escape(lead), escape(trail))
}

/// A link destination, in `<...>` when it holds spaces or parentheses.
fn destination(target: &str) -> String {
    if target.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", target.replace(['<', '>'], ""))
    } else {
        target.to_string()
    }
}

/// Backslash before every character Markdown could read as markup inside a line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let entity =
            c == '&' && chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#');
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!') || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would start a block at the start of a line: `#`, `-`, `+`, `=`, `1.`.
fn escape_line_start(line: &str) -> String {
    let ordered = line
        .find(['.', ')'])
        .is_some_and(|at| at > 0 && at <= 9 && line[..at].bytes().all(|b| b.is_ascii_digit()));
    if ordered {
        let at = line.find(['.', ')']).unwrap_or(0);
        return format!("{}\\{}", &line[..at], &line[at..]);
    }
    match line.chars().next() {
        Some('#' | '-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut run, mut longest) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Origin, for_each_text, parse_str};

    /// Every text of an article, joined, link addresses left out.
    fn text_of(sections: &[Section]) -> Vec<String> {
        let mut out = Vec::new();
        for s in sections {
            out.push(s.title.clone());
            for_each_text(&s.blocks, &mut |t| out.push(t.to_string()));
        }
        out
    }

    fn read(md: &str) -> Vec<Section> {
        parse_str("t.md", Origin::Bundled("t.md"), Format::Markdown, md).sections
    }

    #[test]
    fn markup_characters_in_text_read_back_as_text() {
        let md = "# A *star* & [brackets]\n\n\\# not a heading, 1\\. not a list, `tick`, a\\_b, \
                  &amp;amp; <b>x</b> ~~no~~ | pipe\n\n- **bold** item [link](b.md#c)\n  \
                  1. inner\n\n> quoted\\\n> line\n\n| h | i |\n| --- | --- |\n\
                  | 1 \\| 2 | ![alt](x.png) |\n\n```\ncode ``` inside\n```\n";
        let first = read(md);
        let written = markdown(&first);
        let again = read(&written);
        assert_eq!(text_of(&again), text_of(&first), "{written}");
        assert_eq!(again, first, "{written}");
    }
}
