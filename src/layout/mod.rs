//! Layout: an article and a column width in, wrapped and styled lines out.
//!
//! Lines carry *semantic* styles ([`Kind`] plus inline flags); the theme turns them into colours
//! at draw time, so a theme change never needs a relayout. Every line remembers the reading
//! position it starts at, as (section, byte offset into the section's text), so a position
//! survives a resize: re-lay out, then [`Layout::line_at`] finds the same text again.
//!
//! # Positions
//!
//! A section's text is its heading title followed by every span and code text of its blocks, in
//! the order of [`crate::article::for_each_text`]. A line's `pos` is the offset of the first
//! article text on it; lines with none (blank lines, borders, underlines, padding) take the
//! position of the line before, so spacing above a heading still belongs to the previous
//! section and `line_at((i, 0))` is the heading of section `i`. The header card is at (0, 0);
//! a first `# Title` repeating the article title is not drawn, the card title stands for it.
//! Positions never decrease down the lines (the binary searches rely on it): footnote
//! definitions, drawn at the end of their section but earlier in its text, are clamped up.
//!
//! The work is split: `words` cuts text into words, `wrap` fills lines with them, `blocks`
//! walks sections and nests blocks, `table` fits tables, [`card`] draws the header card.

mod blocks;
pub mod card;
mod line;
mod table;
mod words;
mod wrap;

pub use line::{Line, SegRef};

use crate::article::{Article, Inline, Link};
use unicode_width::UnicodeWidthChar;

/// Widest text column salve lays out by default, in cells.
pub const DEFAULT_MAX_WIDTH: u16 = 80;

/// A position in an article that does not depend on the screen: a section and a byte offset
/// into that section's text (the concatenation of its heading and body text in reading order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Section index.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
}

/// What an element is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// Body text.
    #[default]
    Text,
    /// A heading of the given level (1..=6).
    Heading(u8),
    /// Text inside a code block.
    CodeBlock,
    /// The bar drawn left of quoted text.
    QuoteBar,
    /// A list bullet, number or task box.
    ListMarker,
    /// A link address shown after its text.
    Url,
    /// An image placeholder (`[image: alt]`).
    Image,
    /// A footnote label or reference.
    Note,
    /// A horizontal rule; also the dimmed name standing in for an empty heading's text.
    Rule,
    /// Table borders and separators.
    TableBorder,
    /// A table header cell.
    TableHeader,
    /// The article title on the header card.
    CardTitle,
    /// Source, tags and reading time on the header card.
    CardMeta,
    /// The "information, not medical advice" line.
    CardNote,
    /// Placeholder the reader fills with how far the article has been read.
    Progress,
    /// The mark starting each continuation line of a code line wider than the column.
    Cut,
}

impl Kind {
    /// True for what a line draws around the text (quote bars, bullets, table borders, the code
    /// continuation mark, rules) and the progress placeholder the reader fills in: not article
    /// text.
    pub fn is_decoration(self) -> bool {
        matches!(
            self,
            Self::QuoteBar
                | Self::ListMarker
                | Self::TableBorder
                | Self::Cut
                | Self::Rule
                | Self::Progress
        )
    }
}

/// The style of one run of text: what it is plus inline flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// The element kind.
    pub kind: Kind,
    /// Emphasis, strong, strikethrough, code, link flags from the article.
    pub inline: Inline,
    /// For the text of a link: its number in its section, from 1, in the order the layout
    /// met the links ([`Layout::link`] gives its target); 0 for text that leads nowhere.
    pub link: u16,
}

impl Style {
    /// A style of `kind` with `inline` flags, not a link.
    pub const fn new(kind: Kind, inline: Inline) -> Self {
        Self { kind, inline, link: 0 }
    }
}

/// A run of text in one style, as the layout builds a line from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    /// The text; never contains control characters or line breaks.
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// An article laid out for one column width.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The column width the lines fit in.
    pub width: u16,
    /// All lines, header card first.
    pub lines: Vec<Line>,
    /// For each section, the index of its first line (its heading, for titled sections; the
    /// card's title for a heading the card title stands for, see [`card::title_section`]).
    pub section_lines: Vec<usize>,
    /// False for a [`layout_head`]: only the first sections are laid out.
    pub complete: bool,
    /// Lines of the header card, at the top.
    pub card: usize,
    /// Words laid out (as [`crate::article::count_words`] counts them), headings included.
    pub words: usize,
    /// The words of each section laid out.
    pub section_words: Vec<u32>,
    /// Every link's target, by section then number (see [`Style::link`]): `(section, target)`
    /// in order, so the links of one section are one run.
    pub links: Vec<(u32, Link)>,
    /// Different for every layout made in this process (0 for the empty default), so work
    /// derived from one (the text search runs over) can be kept until the layout changes.
    pub id: u64,
}

/// The next [`Layout::id`].
static NEXT_LAYOUT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Layout {
    /// Marks the lines as changed: a new [`Layout::id`], so work derived from the old ones is
    /// not reused. Every function that changes the lines calls it.
    fn touched(&mut self) {
        self.id = NEXT_LAYOUT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// The index of the line to show at the top for `pos`: the first line of the run of lines
    /// that starts at the greatest position not after `pos`.
    pub fn line_at(&self, pos: Position) -> usize {
        let after = self.lines.partition_point(|l| l.pos <= pos);
        if after == 0 {
            return 0;
        }
        let key = self.lines[after - 1].pos;
        self.lines.partition_point(|l| l.pos < key)
    }

    /// Where link `number` of `section` leads (see [`Style::link`]).
    pub fn link(&self, section: u32, number: u16) -> Option<&Link> {
        let first = self.links.partition_point(|(s, _)| *s < section);
        let index = first + usize::from(number.checked_sub(1)?);
        self.links.get(index).filter(|(s, _)| *s == section).map(|(_, target)| target)
    }

    /// The reading position at line `index` (clamped to the last line).
    pub fn position_of(&self, index: usize) -> Position {
        self.lines
            .get(index.min(self.lines.len().saturating_sub(1)))
            .map(|l| l.pos)
            .unwrap_or_default()
    }

    /// The section a line belongs to.
    pub fn section_of(&self, index: usize) -> usize {
        self.section_lines.partition_point(|&l| l <= index).saturating_sub(1)
    }
}

/// Display width of a string in cells (control characters count 0; they never reach here).
pub fn str_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Lays out `article` for a column `width` cells wide (at least 1): header card, then sections.
pub fn layout(article: &Article, width: u16) -> Layout {
    layout_upto(article, width, usize::MAX)
}

/// Lays out only the first sections of `article`, until the body has at least `lines` lines:
/// enough to draw the first screen of a long article at once and lay out the rest after.
/// The lines it makes are the same as the first lines of [`layout`]; `complete` says whether
/// that was the whole article.
pub fn layout_head(article: &Article, width: u16, lines: usize) -> Layout {
    layout_upto(article, width, lines)
}

fn layout_upto(article: &Article, width: u16, enough: usize) -> Layout {
    let width = width.max(1);
    let mut layout = Layout { width, complete: true, ..Layout::default() };
    let laid = body(&mut layout, article, enough);
    // The card goes first but is laid out last: it shows the word count the body just counted
    // (or, for a head, the count of the whole article).
    let words = if layout.complete { laid } else { article.words() };
    recard(&mut layout, article, Some(words));
    layout
}

/// Lays out the sections of `article` that come after those in `layout` (an article read in
/// pieces grows), until the body has `enough` lines; returns the words laid out. The lines
/// are those a layout of the whole article would have.
fn body(layout: &mut Layout, article: &Article, enough: usize) -> usize {
    let mut builder = blocks::Builder::new(usize::from(layout.width));
    // Spacing depends on the last lines: up to two trailing blank lines, and whether the body
    // is empty, so the builder starts with a copy of them.
    let body = layout.lines.len() - layout.card;
    let kept = body.min(2);
    builder.sink.lines = layout.lines[layout.lines.len() - kept..].to_vec();
    builder.sink.cursor = builder.sink.lines.last().map(|l| l.pos).unwrap_or_default();
    let base = layout.lines.len() - kept;
    let title = card::title_section(article);
    let from = layout.section_lines.len();
    for (i, s) in article.sections.iter().enumerate().skip(from) {
        if builder.sink.lines.len() - kept + body >= enough {
            break;
        }
        let before = builder.words;
        layout.section_lines.push(if title == Some(i) {
            builder.body_only(i, s);
            0
        } else {
            base + builder.section(i, s)
        });
        layout.section_words.push(u32::try_from(builder.words - before).unwrap_or(u32::MAX));
        let section = wrap::offset32(i);
        layout.links.extend(builder.links.drain(..).map(|target| (section, target)));
    }
    layout.lines.extend(builder.sink.lines.drain(kept..));
    layout.complete = layout.section_lines.len() == article.sections.len();
    layout.words += builder.words;
    layout.touched();
    builder.words
}

/// Lays out the sections `article` has gained since `layout` was made (or that a
/// [`layout_head`] left out); the card is kept as it is.
pub fn extend(layout: &mut Layout, article: &Article) {
    body(layout, article, usize::MAX);
}

/// Lays out sections `range` again in place (they were replaced, see
/// [`crate::article::stream::Fix`]): the lines of the other sections stay as they are, and
/// only the sections in `range` need their blocks.
pub fn replace(layout: &mut Layout, article: &Article, range: std::ops::Range<usize>) {
    let laid = layout.section_lines.len();
    if range.start >= laid {
        return;
    }
    let range = range.start..range.end.min(laid);
    let title = card::title_section(article);
    let line_of = |i: usize| match layout.section_lines.get(i) {
        Some(0) if title == Some(i) => layout.card,
        Some(&line) => line,
        None => layout.lines.len(),
    };
    let (start, end) = (line_of(range.start), line_of(range.end));
    let mut builder = blocks::Builder::new(usize::from(layout.width));
    let kept = (start - layout.card).min(2);
    builder.sink.lines = layout.lines[start - kept..start].to_vec();
    builder.sink.cursor = builder.sink.lines.last().map(|l| l.pos).unwrap_or_default();
    let mut starts = Vec::with_capacity(range.len());
    let mut words = Vec::with_capacity(range.len());
    let mut targets = Vec::new();
    for i in range.clone() {
        let before = builder.words;
        let Some(s) = article.sections.get(i) else { break };
        starts.push(if title == Some(i) {
            builder.body_only(i, s);
            0
        } else {
            start - kept + builder.section(i, s)
        });
        words.push(u32::try_from(builder.words - before).unwrap_or(u32::MAX));
        let section = wrap::offset32(i);
        targets.extend(builder.links.drain(..).map(|target| (section, target)));
    }
    let (first, last) = (wrap::offset32(range.start), wrap::offset32(range.end));
    let from = layout.links.partition_point(|(s, _)| *s < first);
    let to = layout.links.partition_point(|(s, _)| *s < last);
    layout.links.splice(from..to, targets);
    // The space above the next section's heading comes from what ends this range.
    if let Some(next) = article.sections.get(range.end).filter(|_| range.end < laid) {
        builder.spacing(next);
    }
    let lines: Vec<Line> = builder.sink.lines.drain(kept..).collect();
    let (old, new) = (end - start, lines.len());
    layout.lines.splice(start..end, lines);
    layout.section_lines.splice(range.clone(), starts);
    for line in &mut layout.section_lines[range.end..] {
        *line = *line - old + new;
    }
    let gone: u32 = layout.section_words.splice(range, words.iter().copied()).sum();
    let added: usize = words.iter().map(|&w| w as usize).sum();
    layout.words = layout.words.saturating_sub(gone as usize) + added;
    layout.touched();
}

/// Lays out the card again, saying `words` (or, with `None`, that the article is still being
/// read); the lines below move if it takes more or fewer lines.
pub fn recard(layout: &mut Layout, article: &Article, words: Option<usize>) {
    let mut card = wrap::Sink::default();
    card::card(&mut card, article, words, usize::from(layout.width));
    let new = card.lines.len();
    let old = layout.card;
    layout.lines.splice(..old, card.lines);
    if new != old {
        // A section whose heading the card title stands for starts on the card's first line.
        let title = card::title_section(article);
        for (i, line) in layout.section_lines.iter_mut().enumerate() {
            if title != Some(i) {
                *line = *line - old + new;
            }
        }
    }
    layout.card = new;
    layout.touched();
}

/// The layout as plain text, one line per line, trailing spaces trimmed: what the snapshot
/// tests compare. (`salve show` writes lines itself, in colour and without the progress badge.)
pub fn to_plain(layout: &Layout) -> String {
    let mut out = String::new();
    for line in &layout.lines {
        out.push_str(line.str());
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod grow_tests;
#[cfg(test)]
mod tests;
