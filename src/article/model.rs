//! The article model: what an article *is*, independent of how it was written or drawn.
//!
//! Every string stored here has already passed [`crate::sanitize`]; layout and output code may
//! trust it not to carry control characters.

use std::path::PathBuf;
use std::sync::Arc;

use super::date::{Date, Dated};

/// Containers (quotes, lists) nested deeper than this are flattened into the deepest allowed
/// level, so recursion over blocks is bounded and hostile input cannot overflow the stack.
pub const MAX_DEPTH: usize = 24;

/// Words read per minute, for reading-time estimates.
pub const WORDS_PER_MINUTE: usize = 230;

/// The name shown for the untitled lead section (the text before the first heading).
pub const INTRODUCTION: &str = "(introduction)";

/// The name shown for a section whose heading has no text (`##` alone).
pub const UNTITLED: &str = "(untitled section)";

/// An article: metadata plus its ordered sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Short name: the file stem, lowercased (`what-does-ketamine-do`), unique in a library;
    /// what `salve show` takes.
    pub id: String,
    /// Identity for saved state (progress, bookmarks): see [`crate::article::identity`].
    pub key: super::Key,
    /// Title, summary, tags, source, byline, date and address.
    pub meta: Meta,
    /// Where the article was read from.
    pub origin: Origin,
    /// Sections in reading order; the first may be an untitled lead (`level == 0`).
    pub sections: Vec<Section>,
    /// Problems found while reading this article (bad front matter, invalid UTF-8...).
    pub problems: Vec<String>,
}

/// Descriptive data from front matter or a page's metadata (or derived when there is none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Front matter `title`, else the first level-1 heading, else the file name.
    pub title: String,
    /// Front matter `summary`.
    pub summary: Option<String>,
    /// Front matter `tags`.
    pub tags: Vec<String>,
    /// Front matter `aliases`: other names of the topic.
    pub aliases: Vec<String>,
    /// Front matter `source` (for example "saved web copy").
    pub source: Option<String>,
    /// Who wrote it: front matter `byline`, a page's author metadata.
    pub byline: Option<String>,
    /// The site it was published on: front matter `site`, a page's `og:site_name`.
    pub site: Option<String>,
    /// Front matter `reviewed` (else `date`), or a page's reviewed, modified or published date.
    pub date: Option<Dated>,
    /// A saved page's own address (its canonical link, else `og:url`).
    pub address: Option<String>,
    /// The day the article was loaded, against which the age of [`Meta::date`] is judged
    /// (`None`: not judged). Set by the library when it reads a file, so layout never reads
    /// the clock.
    pub loaded_on: Option<Date>,
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; the name is the file name under `articles/`.
    Bundled(&'static str),
    /// A file on disk.
    File(PathBuf),
}

/// One section: a heading and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading text as plain text; empty for the untitled lead section.
    pub title: String,
    /// Heading level 1..=6, or 0 for the untitled lead section.
    pub level: u8,
    /// Anchor unique within the article (`effects-of-ketamine`, `effects-of-ketamine-2`...).
    pub anchor: String,
    /// The section body.
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of styled text.
    Paragraph(Vec<Span>),
    /// A list; `start` is `Some(n)` for an ordered list starting at `n`.
    List {
        /// First number of an ordered list, `None` for bullets.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block; `text` keeps its line breaks, tabs already expanded.
    Code {
        /// The info string's first word (`rust`), possibly empty.
        lang: String,
        /// The code.
        text: String,
    },
    /// A table.
    Table(Table),
    /// A thematic break.
    Rule,
    /// A footnote definition; layout collects these at the end of their section.
    Footnote {
        /// The label as written (`1`, `note`).
        label: String,
        /// The footnote body.
        blocks: Vec<Block>,
    },
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// The item body (tight list items hold one paragraph).
    pub blocks: Vec<Block>,
}

/// A table: header cells, body rows and column alignment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Alignment per column.
    pub aligns: Vec<Align>,
    /// Header cells.
    pub head: Vec<Vec<Span>>,
    /// Body rows; a row may have fewer or more cells than the header.
    pub rows: Vec<Vec<Vec<Span>>>,
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Not specified (left).
    #[default]
    None,
    /// Left.
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
}

/// A run of text with one inline style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// The text; may contain `\n` only for hard line breaks.
    pub text: String,
    /// Inline style flags ([`Inline`]).
    pub style: Inline,
    /// For the text of a link ([`Inline::LINK`]), where it leads.
    pub link: Option<Link>,
}

/// Where a link leads: its address as written (`#dosage`, `flu.md#symptoms`, `../a.html`,
/// `https://example.org/x`), sanitized, never empty. Not resolved against anything: following
/// it is the reader's business. Shared by every span of one link's text (a link whose text
/// changes style midway is several spans).
pub type Link = Arc<str>;

impl Span {
    /// A span of plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), style: Inline::default(), link: None }
    }

    /// A span with the given style.
    pub fn styled(text: impl Into<String>, style: Inline) -> Self {
        Self { text: text.into(), style, link: None }
    }

    /// Link text: a span with the given style (which should include [`Inline::LINK`]) that
    /// leads to `target`.
    pub fn linked(text: impl Into<String>, style: Inline, target: &str) -> Self {
        Self { text: text.into(), style, link: Some(Link::from(target)) }
    }
}

/// Inline style flags, combinable with `|`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Inline(pub u8);

impl Inline {
    /// No style.
    pub const PLAIN: Self = Self(0);
    /// Emphasis (italic).
    pub const EMPH: Self = Self(1);
    /// Strong (bold).
    pub const STRONG: Self = Self(1 << 1);
    /// Strikethrough.
    pub const STRIKE: Self = Self(1 << 2);
    /// Inline code.
    pub const CODE: Self = Self(1 << 3);
    /// The text of a link (its target is [`Span::link`]).
    pub const LINK: Self = Self(1 << 4);
    /// A link address, shown dimmed after the link text as ` (address)`.
    pub const URL: Self = Self(1 << 5);
    /// An image, shown as `[image: alt]`.
    pub const IMAGE: Self = Self(1 << 6);
    /// A footnote reference such as `[1]`.
    pub const NOTE_REF: Self = Self(1 << 7);

    /// True when every flag of `other` is set in `self`.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Inline {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Inline {
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl Article {
    /// Total words in the article (all sections, headings included).
    pub fn words(&self) -> usize {
        self.sections.iter().map(Section::words).sum()
    }

    /// Estimated reading time in whole minutes, at least 1 for a non-empty article.
    pub fn reading_minutes(&self) -> usize {
        minutes_for(self.words())
    }

    /// Where the article came from, for listings: the bundled file name or the path.
    pub fn origin_label(&self) -> String {
        match &self.origin {
            Origin::Bundled(name) => format!("bundled:{name}"),
            // One line: a file name with a line break must not add rows to `salve list`.
            Origin::File(path) => {
                crate::sanitize::sanitize_line(&path.display().to_string()).into_owned()
            }
        }
    }
}

impl Section {
    /// Words in the heading and the body.
    pub fn words(&self) -> usize {
        let mut n = count_words(&self.title);
        for_each_text(&self.blocks, &mut |t| n += count_words(t));
        n
    }

    /// Estimated reading time in whole minutes (rounded up; 0 for an empty section).
    pub fn reading_minutes(&self) -> usize {
        minutes_for(self.words())
    }

    /// The name to show for the section: its title, else [`INTRODUCTION`] for the untitled
    /// lead, else [`UNTITLED`]. The contents, the status line and `show --section` all use it,
    /// so a section is called the same everywhere.
    pub fn display_title(&self) -> &str {
        if !self.title.trim().is_empty() {
            &self.title
        } else if self.level == 0 {
            INTRODUCTION
        } else {
            UNTITLED
        }
    }
}

/// Reading minutes for a word count: rounded up, 0 only for no words.
pub fn minutes_for(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

/// A reading time as people say it: "14 min", "1 h 5 min", and whole hours from ten hours on
/// ("52 h", not "3121 min").
pub fn reading_time(minutes: usize) -> String {
    match minutes {
        0..60 => format!("{minutes} min"),
        60..600 if !minutes.is_multiple_of(60) => {
            format!("{} h {} min", minutes / 60, minutes % 60)
        }
        _ => format!("{} h", (minutes + 30) / 60),
    }
}

/// Counts whitespace-separated words as `split_whitespace` does, in one pass over the bytes:
/// 1.5 to 2 times quicker (`cargo bench --bench open -- word_count`), and every article's
/// length is counted when it is listed.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            let space = b == b' ' || (b'\t'..=b'\r').contains(&b);
            words += usize::from(!space && !in_word);
            in_word = !space;
            i += 1;
        } else if b >= 0xc0 {
            // A lead byte starts a character; continuation bytes keep its state.
            let c = text[i..].chars().next().unwrap_or_default();
            let space = c.is_whitespace();
            words += usize::from(!space && !in_word);
            in_word = !space;
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    words
}

/// Calls `f` with every piece of text in `blocks`, in reading order.
pub fn for_each_text<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a str)) {
    for block in blocks {
        match block {
            Block::Paragraph(spans) => spans.iter().for_each(|s| f(&s.text)),
            Block::List { items, .. } => items.iter().for_each(|i| for_each_text(&i.blocks, f)),
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => for_each_text(inner, f),
            Block::Code { text, .. } => f(text),
            Block::Table(t) => {
                t.head.iter().chain(t.rows.iter().flatten()).flatten().for_each(|s| f(&s.text));
            }
            Block::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(level: u8, title: &str) -> Section {
        Section { title: title.into(), level, anchor: String::new(), blocks: Vec::new() }
    }

    #[test]
    fn reading_times_are_said_in_minutes_then_hours() {
        let said = [0, 1, 59, 60, 65, 599, 600, 629, 631, 3121].map(reading_time);
        let want = [
            "0 min",
            "1 min",
            "59 min",
            "1 h",
            "1 h 5 min",
            "9 h 59 min",
            "10 h",
            "10 h",
            "11 h",
            "52 h",
        ];
        assert_eq!(said, want);
    }

    #[test]
    fn an_empty_heading_is_an_untitled_section_not_the_introduction() {
        assert_eq!(section(0, "").display_title(), "(introduction)");
        assert_eq!(section(2, "").display_title(), "(untitled section)");
        assert_eq!(section(1, " ").display_title(), "(untitled section)");
        assert_eq!(section(3, "Dosage").display_title(), "Dosage");
    }
}
