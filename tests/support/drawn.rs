//! What a layout draws, reduced so it can be compared with the article text it came from.
//!
//! The comparisons work on *units*: the non-whitespace characters of a text, except that a
//! grapheme cluster two or more cells wide is one [`Unit::Wide`]. Whitespace is dropped because
//! wrapping changes it. Wide clusters are special because the layout draws one as `…` when it
//! is wider than the room left on a line (a CJK character at width 1), so a drawn `…` is a wide
//! unit too; the inputs these tests use contain no `…` of their own.

use std::collections::HashMap;

use salve::layout::{Kind, Layout, Line};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// What the layout draws in place of a grapheme cluster wider than the whole line.
const TOO_WIDE: &str = "…";

/// One unit of compared text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A character of a cluster at most one cell wide.
    Char(char),
    /// A cluster two or more cells wide, or the `…` that may stand in for one.
    Wide,
}

/// True for kinds that draw decoration (bars, markers, borders, the card's meta lines) rather
/// than text. The card title is text: when an article opens with `# Title`, the card title is
/// drawn in that heading's place.
pub fn is_decoration(kind: Kind) -> bool {
    kind.is_decoration() || matches!(kind, Kind::CardMeta | Kind::CardNote)
}

/// The lines after the header card: the article's sections.
pub fn body(l: &Layout) -> &[Line] {
    let start = l.section_lines.first().copied().unwrap_or(l.lines.len());
    &l.lines[start..]
}

/// Cells a grapheme cluster takes, counted the way the layout counts them (the larger of the
/// per-character sum and the cluster's own width), so "wide" here means wide there.
pub fn cells(g: &str) -> usize {
    let sum: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
    sum.max(g.width())
}

/// Appends the units of `text`. Clusters are taken inside whitespace-separated words, as the
/// layout cuts them: a combining mark after a space starts the next word there too.
pub fn push_units(text: &str, out: &mut Vec<Unit>) {
    for word in text.split(char::is_whitespace) {
        for g in word.graphemes(true) {
            if g == TOO_WIDE || cells(g) > 1 {
                out.push(Unit::Wide);
            } else {
                out.extend(g.chars().map(Unit::Char));
            }
        }
    }
}

/// The units of `text`.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    push_units(text, &mut out);
    out
}

/// The units drawn by the segments whose kind `keep` accepts, top to bottom.
pub fn drawn_units(lines: &[Line], keep: impl Fn(Kind) -> bool) -> Vec<Unit> {
    let mut out = Vec::new();
    for seg in lines.iter().flat_map(Line::segs).filter(|s| keep(s.style.kind)) {
        push_units(seg.text, &mut out);
    }
    out
}

/// The text drawn by the segments whose kind `keep` accepts, one line per line.
pub fn drawn_text(lines: &[Line], keep: impl Fn(Kind) -> bool) -> String {
    let mut out = String::new();
    for line in lines {
        for seg in line.segs().filter(|s| keep(s.style.kind)) {
            out.push_str(seg.text);
        }
        out.push('\n');
    }
    out
}

/// The index of the first unit of `expected` not found, in order, in `drawn`: `None` when
/// `expected` is a subsequence of `drawn`. Taking the earliest match each time is enough.
pub fn first_missing_in_order(expected: &[Unit], drawn: &[Unit]) -> Option<usize> {
    let mut rest = drawn.iter();
    expected.iter().position(|e| !rest.any(|d| d == e))
}

/// The units `expected` holds more often than `drawn` does (a multiset difference).
pub fn missing_units(expected: &[Unit], drawn: &[Unit]) -> Vec<Unit> {
    let mut have: HashMap<Unit, usize> = HashMap::new();
    for &u in drawn {
        *have.entry(u).or_default() += 1;
    }
    let mut missing = Vec::new();
    for &u in expected {
        match have.get_mut(&u) {
            Some(n) if *n > 0 => *n -= 1,
            _ => missing.push(u),
        }
    }
    missing
}

/// True when `needle` occurs contiguously in `haystack`.
pub fn contains_units(haystack: &[Unit], needle: &[Unit]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Units as text, for failure messages (`…` for a wide unit).
pub fn show(units: &[Unit]) -> String {
    units
        .iter()
        .map(|u| match u {
            Unit::Char(c) => *c,
            Unit::Wide => '…',
        })
        .collect()
}

/// True for characters that must never reach a terminal from article text: C0 controls
/// (line breaks too, since a segment never holds one), DEL, C1 controls, and the bidi
/// embeddings, overrides and isolates that reorder what is shown (CVE-2021-42574).
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character in any segment, with its line index.
pub fn forbidden_char(l: &Layout) -> Option<(usize, char)> {
    l.lines.iter().enumerate().find_map(|(i, line)| {
        line.segs().flat_map(|s| s.text.chars()).find(|&c| is_forbidden(c)).map(|c| (i, c))
    })
}
