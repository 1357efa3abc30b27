//! Plain text saved from the web to the article model: headings found by their shape.
//!
//! Owns the rules that turn unmarked text into sections, paragraphs and bullet lists:
//!
//! - Paragraphs: when the text separates paragraphs with blank lines anywhere, consecutive
//!   lines are one paragraph (hard-wrapped text) joined with a space; when it never does, every
//!   line is its own paragraph (web copies that put one paragraph per line).
//! - Lists: a line starting with `•`, `-` or `*` and a space is a bullet item; a line starting
//!   with a number of one to three digits, `.` or `)` and a space (`1. `, `2) `) is a numbered
//!   item (inside a hard-wrapped paragraph, only number 1 starts a list). Consecutive items of
//!   one kind make one list; a numbered list starts at its first item's number.
//! - Headings that run into their text: in text that separates paragraphs with blank lines, a
//!   heading-shaped (see below) Title Case line is split off the paragraph it starts (or that
//!   goes on after a line ending a sentence) when the next line starts a sentence (its first
//!   letter is not lowercase) and is at least a third longer, and the lines after it are body
//!   text (together not heading-shaped). A short first line of a hard-wrapped paragraph, whose
//!   next line carries on the sentence in lowercase, stays in the paragraph; so do the other
//!   lines of a hard-wrapped paragraph, which are never much shorter than the next.
//! - Headings: a one-line paragraph of heading *shape* (short, has letters, no closing
//!   sentence punctuation, no colon introducing what follows, no web address) that is followed
//!   by body text (a paragraph that is not heading-shaped, or a list). A Title Case
//!   heading-shaped line may also sit right above such a heading (two headings in a row), unless
//!   a third heading-shaped line comes before it: in longer runs of short lines (an address, a
//!   list of links) only the last is a heading. The first line of the file, when it is a
//!   heading, is the level-1 title; all other headings are level 2.
//! - Text before the first heading is the untitled lead section.
//!
//! Every pass is linear in the input, and nothing here panics on any input.

use super::Body;
use super::model::{Block, ListItem, Section, Span};
use crate::sanitize::{sanitize, sanitize_line};

/// Longest line, in characters, that can be a heading.
pub const MAX_HEADING_CHARS: usize = 100;

/// Most words a heading can have.
pub const MAX_HEADING_WORDS: usize = 15;

/// Most digits of a list item's number: more is a year or a figure starting a sentence
/// ("2019. That year..."), not a list.
const MAX_NUMBER_DIGITS: usize = 3;

/// Words left lowercase inside Title Case headings ("Effects of Ketamine").
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "the", "to", "vs", "via", "with",
];

/// What one run of lines is, before headings are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Ordinary text: a paragraph or, if its shape and neighbours say so, a heading.
    Text,
    /// One list item (its marker already removed): `None` for a bullet, else its number.
    Item(Option<u64>),
}

/// A paragraph or list item: its kind and its trimmed, non-empty lines.
#[derive(Debug)]
struct Unit<'a> {
    kind: Kind,
    lines: Vec<&'a str>,
}

impl Unit<'_> {
    /// The unit's text: its lines joined with a space.
    fn text(&self) -> String {
        self.lines.join(" ")
    }

    /// True when this unit could be a heading by its own shape.
    fn heading_shaped(&self) -> bool {
        self.kind == Kind::Text && self.lines.len() == 1 && is_heading_shaped(self.lines[0])
    }
}

/// Parses plain text into sections.
pub fn parse(text: &str) -> Body {
    let units = units(text);
    let headings = decide_headings(&units);
    Body { sections: sections(&units, &headings), ..Body::default() }
}

/// Splits the text into paragraphs and list items.
fn units(text: &str) -> Vec<Unit<'_>> {
    // `trim` also drops the `\r` of a CRLF line end.
    let lines = || text.split('\n').map(str::trim);
    let wrapped = has_blank_line_between_text(lines());
    let mut units: Vec<Unit<'_>> = Vec::new();
    let mut open = false;
    for line in lines() {
        // As in CommonMark, only a 1 starts a numbered list inside a paragraph: "on day\n3. After
        // that" is one sentence, hard-wrapped.
        let in_paragraph = wrapped && open && units.last().is_some_and(|u| u.kind == Kind::Text);
        let item = item_text(line).filter(|(n, _)| !in_paragraph || n.is_none_or(|n| n == 1));
        if line.is_empty() {
            open = false;
        } else if let Some((number, rest)) = item {
            units.push(Unit { kind: Kind::Item(number), lines: vec![rest] });
            open = true;
        } else if let (true, true, Some(last)) = (wrapped, open, units.last_mut()) {
            // A continuation line of a hard-wrapped paragraph or list item.
            last.lines.push(line);
        } else {
            units.push(Unit { kind: Kind::Text, lines: vec![line] });
            open = true;
        }
    }
    if wrapped { split_headings(units) } else { units }
}

/// Splits heading lines that run straight into their text (no blank line between) out of the
/// paragraphs they were joined to, as the module notes say.
fn split_headings(units: Vec<Unit<'_>>) -> Vec<Unit<'_>> {
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        if unit.kind != Kind::Text || unit.lines.len() < 2 {
            out.push(unit);
            continue;
        }
        let lines = &unit.lines;
        // Bytes of the lines from each index on, joined by spaces: lets a long rest be told from
        // a heading-shaped one without joining it, so the pass stays linear.
        let mut rest_bytes = vec![0; lines.len() + 1];
        for k in (0..lines.len()).rev() {
            rest_bytes[k] = lines[k].len() + 1 + rest_bytes[k + 1];
        }
        let mut start = 0;
        for k in 0..lines.len() - 1 {
            let starts_paragraph = k == start || ends_sentence(lines[k - 1]);
            if starts_paragraph && runs_into_text(lines[k], &lines[k + 1..], rest_bytes[k + 1]) {
                if k > start {
                    out.push(Unit { kind: Kind::Text, lines: lines[start..k].to_vec() });
                }
                out.push(Unit { kind: Kind::Text, lines: vec![lines[k]] });
                start = k + 1;
            }
        }
        out.push(Unit { kind: Kind::Text, lines: lines[start..].to_vec() });
    }
    out
}

/// True when `line` is a heading whose text follows on the next lines, `rest` (joined, that
/// text is `rest_bytes` long): see the module notes.
fn runs_into_text(line: &str, rest: &[&str], rest_bytes: usize) -> bool {
    let Some(next) = rest.first() else { return false };
    // Title Case too: with no blank line to go by, a heading has to look like one.
    if !is_heading_shaped(line) || !is_title_case(line) {
        return false;
    }
    let starts_sentence =
        next.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| !c.is_lowercase());
    // A third longer: the lines of a hard-wrapped paragraph are all about the column's width
    // but the last, so a much shorter line with more after it is not one of them.
    let shorter = line.chars().count() * 4 <= next.chars().count() * 3;
    let body = rest_bytes > MAX_HEADING_CHARS * 4 || !is_heading_shaped(&rest.join(" "));
    starts_sentence && shorter && body
}

/// True when `line` ends a sentence (`.`, `!`, `?` or `…`, closing quotes and brackets aside).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']).ends_with(['.', '!', '?', '…'])
}

/// True when a blank line separates two non-blank lines: the text marks its paragraphs that way.
fn has_blank_line_between_text<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in lines {
        if line.is_empty() {
            blank_after_text |= seen_text;
        } else if blank_after_text {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

/// The number (`None` for a bullet) and text of a list item line after its marker, if `line`
/// is one.
fn item_text(line: &str) -> Option<(Option<u64>, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = if digits == 0 {
        let mut chars = line.chars();
        if !matches!(chars.next()?, '•' | '-' | '*') {
            return None;
        }
        (None, chars.as_str())
    } else if digits <= MAX_NUMBER_DIGITS {
        let rest = line[digits..].strip_prefix(['.', ')'])?;
        (Some(line[..digits].parse().ok()?), rest)
    } else {
        return None;
    };
    rest.starts_with(char::is_whitespace).then(|| (number, rest.trim_start()))
}

/// Decides, for every unit, whether it is a heading (see the module notes), in one backward pass.
fn decide_headings(units: &[Unit<'_>]) -> Vec<bool> {
    let mut heading = vec![false; units.len()];
    // Whether the unit after the current one is a heading with body text right after it.
    let mut next_heads_body = false;
    for i in (0..units.len()).rev() {
        let next = units.get(i + 1);
        let next_is_body = next.is_some_and(|n| !n.heading_shaped());
        // A pair of headings stands alone: in a run of three or more short lines (an address,
        // a table of contents) only the last, right above the body, is a heading.
        let prev_is_short =
            i.checked_sub(1).and_then(|p| units.get(p)).is_some_and(Unit::heading_shaped);
        let is_heading = units[i].heading_shaped()
            && (next_is_body
                || (next_heads_body && !prev_is_short && is_title_case(units[i].lines[0])));
        heading[i] = is_heading;
        next_heads_body = is_heading && next_is_body;
    }
    heading
}

/// True when `line` has the shape of a heading, looking at the line alone.
fn is_heading_shaped(line: &str) -> bool {
    // Byte length first, so a huge line is rejected without counting its characters.
    if line.len() > MAX_HEADING_CHARS * 4 || line.chars().count() > MAX_HEADING_CHARS {
        return false;
    }
    if line.split_whitespace().count() > MAX_HEADING_WORDS
        || !line.chars().any(char::is_alphabetic)
        || line.contains("://")
    {
        return false;
    }
    // Look past closing quotes and brackets: `...game-changer.”` ends a sentence.
    let end = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    // A closing `:` introduces what follows ("Key Takeaway:", "These can include:").
    !end.ends_with(['.', ',', ':', ';', '…'])
}

/// True when most significant words start with a capital (or a letter without case).
fn is_title_case(line: &str) -> bool {
    let mut significant = 0usize;
    let mut capitalised = 0usize;
    for (n, word) in line.split_whitespace().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = bare.chars().find(|c| c.is_alphabetic()) else { continue };
        if n > 0 && MINOR_WORDS.iter().any(|m| m.eq_ignore_ascii_case(bare)) {
            continue;
        }
        significant += 1;
        if !first.is_lowercase() {
            capitalised += 1;
        }
    }
    significant > 0 && capitalised * 3 >= significant * 2
}

/// Builds the sections from the units and the heading decisions.
fn sections(units: &[Unit<'_>], headings: &[bool]) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut current =
        Section { title: String::new(), level: 0, anchor: String::new(), blocks: vec![] };
    let mut in_list = false;
    for (i, (unit, &is_heading)) in units.iter().zip(headings).enumerate() {
        if is_heading {
            let title = sanitize_line(unit.lines[0]).into_owned();
            let level = if i == 0 { 1 } else { 2 };
            let done = std::mem::replace(
                &mut current,
                Section { title, level, anchor: String::new(), blocks: vec![] },
            );
            if done.level > 0 || !done.blocks.is_empty() {
                sections.push(done);
            }
            in_list = false;
            continue;
        }
        let paragraph = Block::Paragraph(vec![Span::plain(sanitize(&unit.text()).into_owned())]);
        let item = |paragraph| ListItem { task: None, blocks: vec![paragraph] };
        match (unit.kind, current.blocks.last_mut()) {
            // Bullets after numbers (or numbers after bullets) start a list of their own.
            (Kind::Item(number), Some(Block::List { start, items }))
                if in_list && start.is_some() == number.is_some() =>
            {
                items.push(item(paragraph));
            }
            (Kind::Item(number), _) => {
                current.blocks.push(Block::List { start: number, items: vec![item(paragraph)] });
            }
            (Kind::Text, _) => current.blocks.push(paragraph),
        }
        in_list = matches!(unit.kind, Kind::Item(_));
    }
    if current.level > 0 || !current.blocks.is_empty() {
        sections.push(current);
    }
    sections
}

#[cfg(test)]
mod tests;
