//! One laid-out line, stored compactly: a long article has millions of lines, and a vector of
//! separately allocated runs per line cost four times the article's text.
//!
//! A line is one allocation holding its text followed by its style runs, plus its position
//! and background. A run is two bytes of style (its kind, and its inline flags), its length in
//! bytes as a LEB128 number (one byte below 128), and its link number (`u16`, little-endian)
//! only when it has one: three bytes for most runs. Runs are read back as [`SegRef`]s
//! borrowing the text.

use super::{Kind, Position, Seg, Style, str_width};
use crate::article::Inline;

/// The bit of a run's first byte saying a link number follows its length.
const HAS_LINK: u8 = 0x10;

/// One screen line of the laid-out article.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The text, then its runs (see the module docs).
    data: Box<[u8]>,
    /// Bytes of text at the start of `data`.
    text_len: u32,
    /// The reading position of the first text on this line.
    pub pos: Position,
    /// When set, the whole column width of this line is painted in this kind's background
    /// (code blocks).
    pub fill: Option<Kind>,
}

/// A run of text in one style on a line, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegRef<'a> {
    /// The text; never contains control characters or line breaks.
    pub text: &'a str,
    /// Its style.
    pub style: Style,
}

impl Line {
    /// A line of `segs` (runs of one style merge), at `pos`, with background `fill`.
    pub fn new(segs: &[Seg], pos: Position, fill: Option<Kind>) -> Self {
        let mut text = String::new();
        let mut runs = Vec::with_capacity(segs.len());
        for seg in segs {
            text.push_str(&seg.text);
            runs.push((text.len(), seg.style));
        }
        Self::from_runs(&text, &runs, pos, fill)
    }

    /// A line of `text` cut into runs: each `(end, style)` ends where the next begins.
    pub fn from_runs(
        text: &str,
        runs: &[(usize, Style)],
        pos: Position,
        fill: Option<Kind>,
    ) -> Self {
        // Text past 4 GiB (never met: lines are cut to the column width) is not kept.
        let text = &text[..floor_char_boundary(text, u32::MAX as usize)];
        // The runs kept: empty runs and runs continued in the same style are left out.
        let kept = || {
            let mut start = 0;
            runs.iter().enumerate().filter_map(move |(i, &(end, style))| {
                let end = end.min(text.len());
                let merges = runs.get(i + 1).is_some_and(|next| next.1 == style);
                if end <= start || merges {
                    return None;
                }
                let len = end - start;
                start = end;
                Some((len, style))
            })
        };
        let size: usize = kept().map(|(len, style)| encoded_len(len, style)).sum();
        let mut data = Vec::with_capacity(text.len() + size);
        data.extend_from_slice(text.as_bytes());
        for (len, style) in kept() {
            let (tag, level) = kind_code(style.kind);
            let link = if style.link == 0 { 0 } else { HAS_LINK };
            data.extend_from_slice(&[tag | link | (level.min(7) << 5), style.inline.0]);
            push_leb128(&mut data, len);
            if style.link != 0 {
                data.extend_from_slice(&style.link.to_le_bytes());
            }
        }
        let text_len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        Self { data: data.into_boxed_slice(), text_len, pos, fill }
    }

    /// A line of one segment in `kind`, at `pos`.
    pub fn plain(text: impl Into<String>, kind: Kind, pos: Position) -> Self {
        let style = Style::new(kind, Inline::PLAIN);
        Self::new(&[Seg { text: text.into(), style }], pos, None)
    }

    /// Bytes of text: where the runs start in `data`.
    fn text_len(&self) -> usize {
        (self.text_len as usize).min(self.data.len())
    }

    /// The line's text without styles.
    pub fn str(&self) -> &str {
        std::str::from_utf8(&self.data[..self.text_len()]).unwrap_or_default()
    }

    /// The line's text without styles, as an owned string.
    pub fn text(&self) -> String {
        self.str().to_string()
    }

    /// The runs of text, left to right, including indentation and decorations.
    pub fn segs(&self) -> impl Iterator<Item = SegRef<'_>> + '_ {
        let text = self.str();
        let mut runs = &self.data[self.text_len()..];
        let mut start = 0usize;
        std::iter::from_fn(move || {
            let (&[code, inline], rest) = runs.split_first_chunk::<2>()?;
            let (len, rest) = read_leb128(rest)?;
            let (link, rest) = if code & HAS_LINK == 0 {
                (0, rest)
            } else {
                let (&bytes, rest) = rest.split_first_chunk::<2>()?;
                (u16::from_le_bytes(bytes), rest)
            };
            runs = rest;
            let end = start.saturating_add(len).min(text.len());
            let piece = text.get(start..end).unwrap_or_default();
            start = end;
            let kind = kind_of(code & 0x0f, code >> 5);
            Some(SegRef { text: piece, style: Style { kind, inline: Inline(inline), link } })
        })
    }

    /// True for a line with no text at all (a blank line).
    pub fn is_empty(&self) -> bool {
        self.data.len() <= self.text_len()
    }

    /// The line's width in cells.
    pub fn width(&self) -> usize {
        str_width(self.str())
    }
}

impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let segs: Vec<SegRef<'_>> = self.segs().collect();
        f.debug_struct("Line")
            .field("segs", &segs)
            .field("pos", &self.pos)
            .field("fill", &self.fill)
            .finish_non_exhaustive()
    }
}

/// The bytes a run of `len` bytes in `style` takes.
fn encoded_len(len: usize, style: Style) -> usize {
    let mut digits = 1;
    let mut rest = len >> 7;
    while rest > 0 {
        digits += 1;
        rest >>= 7;
    }
    2 + digits + if style.link == 0 { 0 } else { 2 }
}

/// Appends `value` as LEB128: seven bits a byte, low bits first, the top bit set on every
/// byte but the last.
fn push_leb128(data: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        data.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    data.push(value as u8);
}

/// Reads a LEB128 number [`push_leb128`] wrote, and what follows it; `None` when cut short
/// or too long for a `usize`.
fn read_leb128(data: &[u8]) -> Option<(usize, &[u8])> {
    let mut value = 0usize;
    for (i, &byte) in data.iter().enumerate().take(10) {
        value |= usize::from(byte & 0x7f).checked_shl(7 * i as u32)?;
        if byte & 0x80 == 0 {
            return Some((value, &data[i + 1..]));
        }
    }
    None
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// A kind as a tag (four bits) and the level for headings (three bits).
fn kind_code(kind: Kind) -> (u8, u8) {
    match kind {
        Kind::Text => (0, 0),
        Kind::Heading(level) => (1, level),
        Kind::CodeBlock => (2, 0),
        Kind::QuoteBar => (3, 0),
        Kind::ListMarker => (4, 0),
        Kind::Url => (5, 0),
        Kind::Image => (6, 0),
        Kind::Note => (7, 0),
        Kind::Rule => (8, 0),
        Kind::TableBorder => (9, 0),
        Kind::TableHeader => (10, 0),
        Kind::CardTitle => (11, 0),
        Kind::CardMeta => (12, 0),
        Kind::CardNote => (13, 0),
        Kind::Progress => (14, 0),
        Kind::Cut => (15, 0),
    }
}

/// The kind [`kind_code`] gave a tag and level for.
fn kind_of(tag: u8, level: u8) -> Kind {
    match tag {
        1 => Kind::Heading(level),
        2 => Kind::CodeBlock,
        3 => Kind::QuoteBar,
        4 => Kind::ListMarker,
        5 => Kind::Url,
        6 => Kind::Image,
        7 => Kind::Note,
        8 => Kind::Rule,
        9 => Kind::TableBorder,
        10 => Kind::TableHeader,
        11 => Kind::CardTitle,
        12 => Kind::CardMeta,
        13 => Kind::CardNote,
        14 => Kind::Progress,
        15 => Kind::Cut,
        _ => Kind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_come_back_as_they_went_in_and_equal_styles_merge() {
        let style = |kind, inline| Style::new(kind, inline);
        let segs = vec![
            Seg { text: "│ ".into(), style: style(Kind::QuoteBar, Inline::PLAIN) },
            Seg { text: "bold".into(), style: style(Kind::Heading(3), Inline::STRONG) },
            Seg { text: " too".into(), style: style(Kind::Heading(3), Inline::STRONG) },
            Seg { text: String::new(), style: style(Kind::Url, Inline::PLAIN) },
            Seg { text: " café".into(), style: style(Kind::Cut, Inline::LINK | Inline::EMPH) },
            Seg {
                text: " link".into(),
                style: Style { link: 300, ..style(Kind::Text, Inline::LINK) },
            },
        ];
        let line = Line::new(&segs, Position { section: 2, offset: 7 }, Some(Kind::CodeBlock));
        assert_eq!(line.str(), "│ bold too café link");
        let runs: Vec<(&str, Style)> = line.segs().map(|s| (s.text, s.style)).collect();
        assert_eq!(
            runs,
            [
                ("│ ", style(Kind::QuoteBar, Inline::PLAIN)),
                ("bold too", style(Kind::Heading(3), Inline::STRONG)),
                (" café", style(Kind::Cut, Inline::LINK | Inline::EMPH)),
                (" link", Style { link: 300, ..style(Kind::Text, Inline::LINK) }),
            ]
        );
        assert_eq!(line.width(), 20);
        assert!(!line.is_empty() && Line::default().is_empty());
    }

    #[test]
    fn a_run_costs_three_bytes_beside_its_text_and_long_or_linked_runs_come_back_whole() {
        let style = |kind, inline| Style::new(kind, inline);
        let plain = style(Kind::Text, Inline::PLAIN);
        let strong = style(Kind::Text, Inline::STRONG);
        // A line of body text alternating styles, as a long article's lines are.
        let segs: Vec<Seg> = ["the dose ", "ketamine", " may cause ", "blood", " pressure"]
            .iter()
            .enumerate()
            .map(|(i, t)| Seg { text: (*t).into(), style: if i % 2 == 0 { plain } else { strong } })
            .collect();
        let line = Line::new(&segs, Position::default(), None);
        assert_eq!(line.data.len(), line.str().len() + 5 * 3);
        assert_eq!(line.segs().count(), 5);

        // A run past 127 and 16,383 bytes, the last link number and the deepest heading.
        let long = "é".repeat(9_000);
        let segs = vec![
            Seg { text: "x".repeat(200), style: style(Kind::Heading(6), Inline::STRONG) },
            Seg { text: long.clone(), style: Style { link: u16::MAX, ..plain } },
            Seg { text: "end".into(), style: style(Kind::CodeBlock, Inline::CODE) },
        ];
        let line = Line::new(&segs, Position { section: 1, offset: 2 }, None);
        let runs: Vec<(String, Style)> =
            line.segs().map(|s| (s.text.to_string(), s.style)).collect();
        assert_eq!(
            runs,
            [
                ("x".repeat(200), style(Kind::Heading(6), Inline::STRONG)),
                (long, Style { link: u16::MAX, ..plain }),
                ("end".into(), style(Kind::CodeBlock, Inline::CODE)),
            ]
        );
        assert!(!line.is_empty());
    }
}
