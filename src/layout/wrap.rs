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
///
/// Grapheme segmentation is the costly part of wrapping non-English text, so text made only of
/// characters that are always a cluster of their own ([`is_lone_cluster`]) skips it: there the
/// clusters' widths are the characters' widths.
pub fn text_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let mut width = 0;
    for c in s.chars() {
        if !is_lone_cluster(c) {
            return s.graphemes(true).map(grapheme_width).sum();
        }
        width += c.width().unwrap_or(0);
    }
    width
}

/// True for the characters most articles use that never join a neighbour in a grapheme
/// cluster (none is an extending, joining, prepended or regional-indicator character):
/// printable ASCII, Latin-1 and Latin Extended letters, general punctuation (dashes, curly
/// quotes, bullets, ellipsis) and CJK ideographs.
fn is_lone_cluster(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{4e00}'..='\u{9fff}')
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
        let style = Style::new(kind, Inline::PLAIN);
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
    /// A [`Filler`]'s line buffers, kept between fillers: most paragraphs and every heading are
    /// a line or two, and fresh buffers for each cost more than the text they held.
    spare: (String, Vec<(usize, Style)>),
}

impl Sink {
    /// Appends a line at `pos` (or at the cursor when `None`), never before the previous line.
    pub fn push(&mut self, segs: &[Seg], pos: Option<Position>, fill: Option<Kind>) {
        let pos = self.advance(pos);
        self.lines.push(Line::new(segs, pos, fill));
    }

    /// [`Self::push`] for a line given as its text and where each style run ends.
    pub fn push_runs(&mut self, text: &str, runs: &[(usize, Style)], pos: Option<Position>) {
        let pos = self.advance(pos);
        self.lines.push(Line::from_runs(text, runs, pos, None));
    }

    /// The position of the next line: `pos`, never before the previous line's.
    fn advance(&mut self, pos: Option<Position>) -> Position {
        let pos = pos.map_or(self.cursor, |p| p.max(self.cursor));
        self.cursor = pos;
        pos
    }
}

/// One piece of the word being collected.
#[derive(Clone, Copy)]
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
    /// The text of the line being filled, prefix included. Reused from line to line: the
    /// line is made from it once, at its final size, when the line ends, rather than grown
    /// word by word (which cost a reallocation or an oversized buffer per segment).
    text: String,
    /// Where each segment of `text` ends, and its style; adjacent runs of one style share one.
    marks: Vec<(usize, Style)>,
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
        let (text, marks) = std::mem::take(&mut sink.spare);
        Self {
            sink,
            section,
            width: width.max(1),
            first,
            rest,
            emitted: 0,
            text,
            marks,
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
        self.sink.spare = (std::mem::take(&mut self.text), std::mem::take(&mut self.marks));
    }

    fn start_line(&mut self) {
        let prefix = if self.emitted == 0 { &self.first } else { &self.rest };
        self.text.clear();
        self.marks.clear();
        for seg in &prefix.segs {
            self.text.push_str(&seg.text);
            self.marks.push((self.text.len(), seg.style));
        }
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
        self.sink.push_runs(&self.text, &self.marks, pos);
        self.emitted += 1;
        self.started = false;
        self.pending = None;
    }

    fn append(&mut self, text: &str, style: Style, offset: Option<usize>, width: usize) {
        if self.line_pos.is_none() {
            self.line_pos = offset;
        }
        match self.marks.last_mut() {
            Some((end, last)) if *last == style => {
                self.text.push_str(text);
                *end = self.text.len();
            }
            _ if !text.is_empty() => {
                self.text.push_str(text);
                self.marks.push((self.text.len(), style));
            }
            _ => {}
        }
        self.line_w += width;
    }

    /// [`Self::append`] for the one space between words, which comes once a word: a byte
    /// pushed rather than a string copied.
    fn append_space(&mut self, style: Style) {
        match self.marks.last_mut() {
            Some((end, last)) if *last == style => {
                self.text.push(' ');
                *end = self.text.len();
            }
            _ => {
                self.text.push(' ');
                self.marks.push((self.text.len(), style));
            }
        }
        self.line_w += 1;
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
            self.append_space(style);
        }
        if self.line_w + self.word_w <= self.avail {
            // Pieces are copied out one at a time, so the word's buffer stays in place.
            for i in 0..self.word.len() {
                let p = self.word[i];
                self.append(p.text, p.style, p.offset, p.width);
            }
        } else {
            let word = std::mem::take(&mut self.word);
            self.break_word(&word);
            self.word = word;
        }
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
