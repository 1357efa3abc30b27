//! One laid-out line, stored compactly: a long article has millions of lines, and a vector of
//! separately allocated runs per line cost four times the article's text.
//!
//! A line is one allocation holding its text followed by its style runs (where each run ends,
//! and its style, nine bytes a run), plus its position and background. Runs are read back as
//! [`SegRef`]s borrowing the text.

use super::{Kind, Position, Seg, Style, str_width};
use crate::article::Inline;

/// Bytes one style run takes after the text.
const RUN: usize = 9;

/// One screen line of the laid-out article.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The text, then for each run: its end in the text (`u32`, little-endian), its kind
    /// (two bytes), its inline flags (one byte) and its link number (`u16`, little-endian).
    data: Box<[u8]>,
    /// How many runs follow the text.
    runs: u16,
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
        let mut data = Vec::with_capacity(text.len() + runs.len() * RUN);
        data.extend_from_slice(text.as_bytes());
        let mut count: u16 = 0;
        let mut start = 0;
        for (i, &(end, style)) in runs.iter().enumerate() {
            let merges = runs.get(i + 1).is_some_and(|next| next.1 == style);
            // Empty runs and runs continued in the same style are left out.
            if end <= start || merges || count == u16::MAX {
                continue;
            }
            let (tag, level) = kind_code(style.kind);
            data.extend_from_slice(&u32::try_from(end).unwrap_or(u32::MAX).to_le_bytes());
            let [lo, hi] = style.link.to_le_bytes();
            data.extend_from_slice(&[tag, level, style.inline.0, lo, hi]);
            count += 1;
            start = end;
        }
        Self { data: data.into_boxed_slice(), runs: count, pos, fill }
    }

    /// A line of one segment in `kind`, at `pos`.
    pub fn plain(text: impl Into<String>, kind: Kind, pos: Position) -> Self {
        let style = Style::new(kind, Inline::PLAIN);
        Self::new(&[Seg { text: text.into(), style }], pos, None)
    }

    /// Bytes of text: where the runs start in `data`.
    fn text_len(&self) -> usize {
        self.data.len() - usize::from(self.runs) * RUN
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
        let runs = &self.data[self.text_len()..];
        let mut start = 0;
        runs.chunks_exact(RUN).map(move |run| {
            let end = u32::from_le_bytes([run[0], run[1], run[2], run[3]]) as usize;
            let end = end.clamp(start, text.len());
            let piece = text.get(start..end).unwrap_or_default();
            start = end;
            SegRef {
                text: piece,
                style: Style {
                    kind: kind_of(run[4], run[5]),
                    inline: Inline(run[6]),
                    link: u16::from_le_bytes([run[7], run[8]]),
                },
            }
        })
    }

    /// True for a line with no text at all (a blank line).
    pub fn is_empty(&self) -> bool {
        self.runs == 0
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

/// A kind as two bytes: a tag, and the level for headings.
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

/// The kind [`kind_code`] gave two bytes for.
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
}
