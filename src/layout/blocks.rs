//! Blocks to lines: section headings, paragraphs, lists, quotes, code, rules and footnotes, and
//! the stack of frames (quote bars, list markers, hanging indents) that nests them.
//!
//! The [`Builder`] walks a section's blocks in the order of [`for_each_text`], advancing the
//! section offset over every piece of text, so each line knows where its text starts.

use super::words::{Tokens, feed_spans, feed_text};
use super::wrap::{Filler, Prefix, Sink, TOO_WIDE, grapheme_width, offset32, push_seg, text_width};
use super::{Kind, Line, Position, Seg, Style};
use crate::article::count_words;
use crate::article::{Block, Inline, Link, ListItem, Section, Span, for_each_text};
use unicode_segmentation::UnicodeSegmentation;

/// Bullets for unordered lists, by nesting depth.
const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// Mark at the start of each continuation line of a code line wider than the column: code is
/// wrapped, never cut, and the mark tells a continuation from a line of its own.
const WRAP: &str = "↪";

/// Narrowest room for code that still spends a cell on [`WRAP`]: below it, the one or two
/// cells are kept for text, so a wide character is still drawn rather than `…`.
const WRAP_FROM: usize = 3;

/// Widest hanging indent under a footnote label, so long labels do not starve the text.
const MAX_NOTE_HANG: usize = 8;

/// One level of nesting: what it draws left of its first line and left of the lines after.
struct Frame {
    first: String,
    first_kind: Kind,
    rest: String,
    rest_kind: Kind,
    used: bool,
}

/// A footnote definition waiting for the end of its section: label, body, offset of its text.
type Note<'a> = (&'a str, &'a [Block], usize);

/// Lays out blocks into a [`Sink`], tracking the section offset as text goes by.
pub struct Builder<'a> {
    /// The lines so far.
    pub sink: Sink,
    /// Column width in cells.
    pub width: usize,
    /// The section being laid out.
    pub section: u32,
    /// Byte offset in the section text of the next text to lay out.
    pub offset: usize,
    /// Words laid out so far, counted as [`crate::article::count_words`] does, for the card.
    pub words: usize,
    /// The targets of the links of the section being laid out, by number (see
    /// [`super::Style::link`]).
    pub links: Vec<Link>,
    frames: Vec<Frame>,
    list_depth: usize,
    problems: Vec<Note<'a>>,
    /// A footnote label to put before the next paragraph's text.
    lead: Option<&'a str>,
}

impl<'a> Builder<'a> {
    /// A builder for a column `width` cells wide (at least 1).
    pub fn new(width: usize) -> Self {
        Self {
            sink: Sink::default(),
            width: width.max(1),
            section: 0,
            offset: 0,
            words: 0,
            links: Vec::new(),
            frames: Vec::new(),
            list_depth: 0,
            problems: Vec::new(),
            lead: None,
        }
    }

    /// Lays out section `index`; returns the index of its first line (its heading, if titled).
    pub fn section(&mut self, index: usize, section: &'a Section) -> usize {
        self.section = offset32(index);
        self.offset = 0;
        self.links.clear();
        self.spacing(section);
        let first = if section.level > 0 {
            self.heading(section)
        } else {
            self.sink.cursor = self.sink.cursor.max(Position { section: self.section, offset: 0 });
            self.sink.lines.len()
        };
        self.blocks(&section.blocks, false);
        self.footnotes();
        if self.sink.lines.len() == first {
            // Every section owns at least one line, so `section_lines` always indexes a line.
            self.sink.push(&[], None, None);
        }
        first
    }

    /// Lays out section `index` without its heading, which the card title stands for: the
    /// heading's text still counts (words, offsets), it is just not drawn twice.
    pub fn body_only(&mut self, index: usize, section: &'a Section) {
        self.section = offset32(index);
        self.links.clear();
        self.words += count_words(&section.title);
        self.offset = section.title.len();
        self.sink.cursor = self.sink.cursor.max(Position { section: self.section, offset: 0 });
        self.blocks(&section.blocks, false);
        self.footnotes();
    }

    /// The blank lines that go above `section`: the previous section's, by position (a jump
    /// to a section puts its heading, not the space above it, on the top line).
    pub fn spacing(&mut self, section: &Section) {
        if section.level == 0 {
            // An untitled section after others (not the lead) still needs its paragraph break.
            if self.sink.lines.last().is_some_and(|l| !l.is_empty()) {
                self.sink.push(&[], None, None);
            }
            return;
        }
        // At the very top the card's closing blank line is space enough.
        let want = match section.level.min(6) {
            _ if self.sink.lines.is_empty() => 0,
            1 => 2,
            _ => 1,
        };
        let have = self.sink.lines.iter().rev().take(want).take_while(|l| l.is_empty()).count();
        for _ in have..want {
            self.sink.push(&[], None, None);
        }
    }

    /// The heading text, (levels 1 and 2) an underline and a blank line; returns the
    /// heading's line.
    fn heading(&mut self, section: &'a Section) -> usize {
        let level = section.level.min(6);
        // Only now does the section start: the spacing above keeps the previous section's
        // position, so jumping to (section, 0) puts the heading itself on the top line.
        self.sink.cursor = Position { section: self.section, offset: 0 };
        let start = self.sink.lines.len();
        // A heading with no text (`##` alone) gets the name the contents give it, dimmed like a
        // rule: it is salve's name, not article text, so search and the word count skip it.
        let untitled = section.title.trim().is_empty();
        let style = if untitled {
            Style::new(Kind::Rule, Inline::EMPH)
        } else {
            Style::new(Kind::Heading(level), Inline::PLAIN)
        };
        let mut filler = Filler::new(
            &mut self.sink,
            self.section,
            self.width,
            Prefix::default(),
            Prefix::default(),
        );
        if untitled {
            feed_text(section.display_title(), style, None, &mut filler);
        } else {
            self.words += feed_text(&section.title, style, Some(0), &mut filler);
        }
        filler.finish();
        self.offset = section.title.len();
        if level <= 2 {
            let widest = self.sink.lines[start..].iter().map(Line::width).max().unwrap_or(0);
            let rule = if level == 1 { "═" } else { "─" };
            let underline = rule.repeat(widest.clamp(1, self.width));
            self.sink.push(&[Seg { text: underline, style }], None, None);
        }
        // Every level gets air below: minor headings run into their text otherwise.
        self.sink.push(&[], None, None);
        start
    }

    /// The prefixes for the next block's first line and for its other lines; after this the
    /// enclosing list markers count as drawn.
    pub fn prefixes(&mut self) -> (Prefix, Prefix) {
        let mut first = Prefix::default();
        let mut rest = Prefix::default();
        for frame in &mut self.frames {
            if frame.used {
                first.push(&frame.rest, frame.rest_kind);
            } else {
                first.push(&frame.first, frame.first_kind);
            }
            rest.push(&frame.rest, frame.rest_kind);
            frame.used = true;
        }
        (first.fit(self.width), rest.fit(self.width))
    }

    /// A blank line between blocks; quote bars continue through it.
    pub fn blank(&mut self) {
        let mut prefix = Prefix::default();
        for frame in &self.frames {
            prefix.push(&frame.rest, frame.rest_kind);
        }
        let mut segs = prefix.fit(self.width).segs;
        while let Some(last) = segs.last_mut() {
            let kept = last.text.trim_end().len();
            if kept > 0 {
                last.text.truncate(kept);
                break;
            }
            segs.pop();
        }
        self.sink.push(&segs, None, None);
    }

    /// Lays out blocks separated by blank lines; in `tight` list items a nested list follows
    /// its paragraph directly. Footnote definitions are set aside for the end of the section.
    fn blocks(&mut self, blocks: &'a [Block], tight: bool) {
        let mut placed = false;
        for block in blocks {
            if let Block::Footnote { label, blocks: inner } = block {
                self.problems.push((label, inner, self.offset));
                self.offset += text_len(inner);
                continue;
            }
            if placed && !(tight && matches!(block, Block::List { .. })) {
                self.blank();
            }
            self.block(block);
            placed = true;
        }
    }

    fn block(&mut self, block: &'a Block) {
        match block {
            Block::Paragraph(spans) => self.inline(spans, Kind::Text),
            Block::List { start, items } => self.list(*start, items),
            Block::Quote(inner) => {
                self.frames.push(Frame {
                    first: "│ ".into(),
                    first_kind: Kind::QuoteBar,
                    rest: "│ ".into(),
                    rest_kind: Kind::QuoteBar,
                    used: false,
                });
                self.blocks(inner, false);
                self.frames.pop();
            }
            Block::Code { text, .. } => self.code(text),
            Block::Table(table) => super::table::table(self, table),
            Block::Rule => self.rule(),
            Block::Footnote { .. } => {}
        }
    }

    /// Wraps inline text in `kind` under the current frames.
    pub fn inline(&mut self, spans: &'a [Span], kind: Kind) {
        let lead = self.lead.take();
        let (first, rest) = self.prefixes();
        let mut filler = Filler::new(&mut self.sink, self.section, self.width, first, rest);
        if let Some(label) = lead {
            let style = Style::new(Kind::Note, Inline::PLAIN);
            filler.piece("[", style, None);
            filler.piece(label, style, None);
            filler.piece("]", style, None);
            filler.space(Style::default());
        }
        let fed = feed_spans(spans, kind, Some(self.offset), Some(&mut self.links), &mut filler);
        filler.finish();
        self.words += fed.words;
        self.offset = fed.offset.unwrap_or(self.offset);
    }

    fn list(&mut self, start: Option<u64>, items: &'a [ListItem]) {
        let bullet = BULLETS[self.list_depth % BULLETS.len()];
        self.list_depth += 1;
        // A loose list (an item with several paragraphs or blocks) gets blank lines between
        // items; a nested list does not make its item loose.
        let loose = items.iter().any(|item| {
            item.blocks
                .iter()
                .filter(|b| !matches!(b, Block::List { .. } | Block::Footnote { .. }))
                .count()
                > 1
        });
        let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let digits =
            start.map_or(0, |s| s.saturating_add(count.saturating_sub(1)).to_string().len());
        for (n, item) in items.iter().enumerate() {
            if n > 0 && loose {
                self.blank();
            }
            let number = start.map(|s| s.saturating_add(u64::try_from(n).unwrap_or(u64::MAX)));
            let mut marker = match (number, item.task) {
                (Some(number), _) => format!("{number:>digits$}. "),
                (None, Some(_)) => String::new(),
                (None, None) => format!("{bullet} "),
            };
            if let Some(done) = item.task {
                marker.push_str(if done { "[x] " } else { "[ ] " });
            }
            let rest = " ".repeat(text_width(&marker));
            self.frames.push(Frame {
                first: marker,
                first_kind: Kind::ListMarker,
                rest,
                rest_kind: Kind::Text,
                used: false,
            });
            self.blocks(&item.blocks, !loose);
            if self.frames.last().is_some_and(|f| !f.used) {
                // An empty item still shows its marker.
                self.inline(&[], Kind::Text);
            }
            self.frames.pop();
        }
        self.list_depth -= 1;
    }

    /// Code keeps every character: a line wider than the column is wrapped (see
    /// [`code_chunk`]) and its continuation lines start with [`WRAP`], a decoration, so search
    /// and positions skip it. Every line, padding included, is filled with the code background.
    fn code(&mut self, text: &'a str) {
        let (first, rest) = self.prefixes();
        let fill = Some(Kind::CodeBlock);
        let style = Style::new(Kind::CodeBlock, Inline::PLAIN);
        let wrap_style = Style::new(Kind::Cut, Inline::PLAIN);
        self.sink.push(&first.segs, None, fill);
        let avail = self.width.saturating_sub(rest.width).max(1);
        // A one-cell margin inside the background reads better, when there is room for it;
        // continuation lines draw their mark in it, so wrapped text stays in the same column.
        let margin = usize::from(avail > 20);
        let mark = avail >= WRAP_FROM;
        let body = text.strip_suffix('\n').unwrap_or(text);
        let mut at = self.offset;
        for line in body.split('\n') {
            let mut start = 0;
            loop {
                let mut segs = rest.segs.clone();
                let lead = if start > 0 && mark {
                    push_seg(&mut segs, WRAP, wrap_style);
                    margin.max(1)
                } else {
                    if margin > 0 {
                        push_seg(&mut segs, " ", style);
                    }
                    margin
                };
                let room = avail - lead;
                let len = code_chunk(&line[start..], room);
                let chunk = &line[start..start + len];
                // Only a lone cluster wider than the whole room (a wide character at width 1)
                // does not fit; it is drawn as the wrapper draws it in paragraphs.
                push_seg(&mut segs, if text_width(chunk) > room { TOO_WIDE } else { chunk }, style);
                let pos = Position { section: self.section, offset: offset32(at + start) };
                self.sink.push(&segs, Some(pos), fill);
                start += len;
                if start >= line.len() {
                    break;
                }
            }
            at += line.len() + 1;
        }
        self.sink.push(&rest.segs, None, fill);
        self.offset += text.len();
        self.words += count_words(text);
    }

    fn rule(&mut self) {
        let (first, _) = self.prefixes();
        let avail = self.width.saturating_sub(first.width).max(1);
        let mut segs = first.segs;
        push_seg(&mut segs, &"─".repeat(avail), Style::new(Kind::Rule, Inline::PLAIN));
        self.sink.push(&segs, None, None);
    }

    /// The section's footnote definitions, `[label] text` with a hanging indent. Their text
    /// comes earlier in the section text than where they are drawn, so their positions are
    /// clamped up to the section's last line (the sink keeps positions sorted).
    fn footnotes(&mut self) {
        let mut next = 0;
        while let Some(&(label, blocks, offset)) = self.problems.get(next) {
            next += 1;
            self.blank();
            self.offset = offset;
            let hang = (text_width(label) + 3).min(MAX_NOTE_HANG);
            self.frames.push(Frame {
                first: String::new(),
                first_kind: Kind::Note,
                rest: " ".repeat(hang),
                rest_kind: Kind::Text,
                used: false,
            });
            self.lead = Some(label);
            if !matches!(blocks.first(), Some(Block::Paragraph(_))) {
                self.inline(&[], Kind::Text);
            }
            self.blocks(blocks, false);
            self.frames.pop();
        }
        self.problems.clear();
    }
}

/// The bytes of `text` that go on a code line `room` cells wide: all of it when it fits; else
/// up to the last word start that fits after a run of spaces (the spaces stay on this line, so
/// no character is dropped); else, for one word wider than the line, as many grapheme clusters
/// as fit. At least one cluster is taken, so wrapping always moves on.
fn code_chunk(text: &str, room: usize) -> usize {
    let mut used = 0;
    let mut word_start = 0;
    let mut prev_space = false;
    let mut seen_text = false;
    for (i, g) in text.grapheme_indices(true) {
        let space = g == " ";
        // Only spaces after some text make a break: a break right after leading indentation
        // would leave a line of nothing but spaces.
        if !space && prev_space && seen_text {
            word_start = i;
        }
        let w = grapheme_width(g);
        if used + w > room {
            return if word_start > 0 {
                word_start
            } else if i > 0 {
                i
            } else {
                g.len()
            };
        }
        used += w;
        seen_text |= !space;
        prev_space = space;
    }
    text.len()
}

/// Bytes of text in `blocks`, as [`for_each_text`] counts them.
fn text_len(blocks: &[Block]) -> usize {
    let mut n = 0;
    for_each_text(blocks, &mut |t| n += t.len());
    n
}
