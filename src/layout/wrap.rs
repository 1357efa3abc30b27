//! Word wrapping: inline words to lines no wider than the column, styles kept across breaks.
//!
//! Words come from [`super::words`]; a run of whitespace between them collapses to one space.
//! The [`Filler`] places words greedily, first fit, in one pass. A word wider than the whole
//! line is broken between grapheme clusters, and a cluster wider than the whole line (a wide
//! character at width 1) becomes [`TOO_WIDE`], so no line overflows.

use super::words::Tokens;
use super::{Kind, Line, Position, Seg, Style};
use crate::article::Inline;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Stand-in for a grapheme cluster wider than the whole line.
pub const TOO_WIDE: &str = "…";

/// Cells a grapheme cluster takes: the larger of the per-character sum (what
/// [`super::str_width`] counts) and the cluster width a terminal may use, so both agree it fits.
pub fn grapheme_width(g: &str) -> usize {
    let sum: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
    sum.max(g.width())
}

/// Cells a piece of text takes, measured cluster by cluster (article text has no controls, so
/// ASCII is one cell a byte).
pub fn text_width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.graphemes(true).map(grapheme_width).sum() }
}

/// Clamps a byte offset into a [`Position`] offset.
pub fn offset32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Decoration drawn left of a line's text (quote bars, list markers, indentation).
#[derive(Debug, Clone, Default)]
pub struct Prefix {
    /// The segments.
    pub segs: Vec<Seg>,
    /// Their width in cells.
    pub width: usize,
}

impl Prefix {
    /// Appends `text` in `kind`, merging with the last segment when the style matches.
    pub fn push(&mut self, text: &str, kind: Kind) {
        let style = Style { kind, inline: Inline::PLAIN };
        push_seg(&mut self.segs, text, style);
        self.width += text_width(text);
    }

    /// Cuts the prefix so at least one cell of text fits: deep nesting at tiny widths loses
    /// indentation from the right (the outer bars stay), it never overflows.
    pub fn fit(mut self, width: usize) -> Self {
        let keep = width.saturating_sub(1);
        if self.width <= keep {
            return self;
        }
        let mut out = Self::default();
        'outer: for seg in &self.segs {
            for g in seg.text.graphemes(true) {
                let w = grapheme_width(g);
                if out.width + w > keep {
                    break 'outer;
                }
                push_seg(&mut out.segs, g, seg.style);
                out.width += w;
            }
        }
        self.segs = out.segs;
        self.width = out.width;
        self
    }
}

/// Appends text to a line's segments, extending the last one when the style is the same.
pub fn push_seg(segs: &mut Vec<Seg>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    match segs.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => segs.push(Seg { text: text.to_string(), style }),
    }
}

/// Where finished lines go: keeps positions non-decreasing.
#[derive(Debug, Default)]
pub struct Sink {
    /// The lines so far.
    pub lines: Vec<Line>,
    /// The position of the last line: lines without text of their own (blank lines, borders)
    /// take it, and text placed out of reading order (footnotes) is clamped up to it.
    pub cursor: Position,
}

impl Sink {
    /// Appends a line at `pos` (or at the cursor when `None`), never before the previous line.
    pub fn push(&mut self, segs: Vec<Seg>, pos: Option<Position>, fill: Option<Kind>) {
        let pos = pos.map_or(self.cursor, |p| p.max(self.cursor));
        self.cursor = pos;
        self.lines.push(Line { segs, pos, fill });
    }
}

/// One piece of the word being collected.
struct Piece<'a> {
    text: &'a str,
    style: Style,
    offset: Option<usize>,
    width: usize,
}

/// Greedy line filling for one paragraph-like run of inline text.
pub struct Filler<'a, 's> {
    sink: &'s mut Sink,
    section: u32,
    width: usize,
    first: Prefix,
    rest: Prefix,
    /// Lines emitted so far.
    emitted: usize,
    line: Vec<Seg>,
    started: bool,
    line_w: usize,
    avail: usize,
    line_pos: Option<usize>,
    pending: Option<Style>,
    word: Vec<Piece<'a>>,
    word_w: usize,
}

impl<'a, 's> Filler<'a, 's> {
    /// A filler writing lines of `width` cells to `sink`, with `first` before the first line and
    /// `rest` before the others (both already [`Prefix::fit`] to the width).
    pub fn new(
        sink: &'s mut Sink,
        section: u32,
        width: usize,
        first: Prefix,
        rest: Prefix,
    ) -> Self {
        Self {
            sink,
            section,
            width: width.max(1),
            first,
            rest,
            emitted: 0,
            line: Vec::new(),
            started: false,
            line_w: 0,
            avail: 0,
            line_pos: None,
            pending: None,
            word: Vec::new(),
            word_w: 0,
        }
    }

    /// Places the last word and emits the last line; an empty run still gives one line, so a
    /// list marker or heading is never lost.
    pub fn finish(mut self) {
        self.flush_word();
        if self.started || self.emitted == 0 {
            self.end_line();
        }
    }

    fn start_line(&mut self) {
        let prefix = if self.emitted == 0 { &self.first } else { &self.rest };
        self.line.clone_from(&prefix.segs);
        self.avail = self.width.saturating_sub(prefix.width).max(1);
        self.line_w = 0;
        self.line_pos = None;
        self.started = true;
    }

    fn end_line(&mut self) {
        if !self.started {
            self.start_line();
        }
        let pos = self.line_pos.map(|o| Position { section: self.section, offset: offset32(o) });
        self.sink.push(std::mem::take(&mut self.line), pos, None);
        self.emitted += 1;
        self.started = false;
        self.pending = None;
    }

    fn append(&mut self, text: &str, style: Style, offset: Option<usize>, width: usize) {
        if self.line_pos.is_none() {
            self.line_pos = offset;
        }
        match self.line.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ if !text.is_empty() => {
                // Room for the rest of the line up front: words are appended one by one.
                let mut owned =
                    String::with_capacity(text.len() + self.avail.saturating_sub(self.line_w));
                owned.push_str(text);
                self.line.push(Seg { text: owned, style });
            }
            _ => {}
        }
        self.line_w += width;
    }

    /// Places the collected word: on this line if it fits, else on the next, else broken.
    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        if !self.started {
            self.start_line();
        }
        let space = usize::from(self.pending.is_some() && self.line_w > 0);
        if self.line_w > 0 && self.line_w + space + self.word_w > self.avail {
            self.end_line();
            self.start_line();
        }
        if let Some(style) = self.pending.take()
            && self.line_w > 0
        {
            self.append(" ", style, None, 1);
        }
        let word = std::mem::take(&mut self.word);
        if self.line_w + self.word_w <= self.avail {
            for p in &word {
                self.append(p.text, p.style, p.offset, p.width);
            }
        } else {
            self.break_word(&word);
        }
        self.word = word;
        self.word.clear();
        self.word_w = 0;
    }

    /// Places a word wider than the line grapheme by grapheme.
    fn break_word(&mut self, word: &[Piece<'a>]) {
        for p in word {
            for (i, g) in p.text.grapheme_indices(true) {
                let mut w = grapheme_width(g);
                if self.line_w > 0 && self.line_w + w > self.avail {
                    self.end_line();
                    self.start_line();
                }
                let g = if w > self.avail {
                    w = 1;
                    TOO_WIDE
                } else {
                    g
                };
                self.append(g, p.style, p.offset.map(|o| o + i), w);
            }
        }
    }
}

impl<'a> Tokens<'a> for Filler<'a, '_> {
    fn piece(&mut self, text: &'a str, style: Style, offset: Option<usize>) {
        let width = text_width(text);
        self.word_w += width;
        self.word.push(Piece { text, style, offset, width });
    }

    fn space(&mut self, style: Style) {
        self.flush_word();
        if self.started && self.line_w > 0 && self.pending.is_none() {
            self.pending = Some(style);
        }
    }

    fn hard_break(&mut self) {
        self.flush_word();
        self.end_line();
    }
}

#[cfg(test)]
mod tests;
