//! Property tests of the whole path from untrusted text to screen lines: random Markdown-ish
//! text (and the same as plain text) is parsed with `parse_str` and laid out at widths
//! 1..=300. Nothing panics, no line is wider than the column, no drawn segment holds a control
//! or bidi override character, and every visible word of the parsed article is drawn.
//!
//! "Visible words" come from the parsed model, not the input: which characters are syntax is
//! the parser's business (and `tests/commonmark_model.rs` checks it keeps the text). Two kinds
//! of model text are held to a weaker standard, by design of the layout:
//! - table cells are checked as a multiset of characters: a bordered table draws its cells
//!   side by side, so once cells wrap, their lines interleave and reading order is gone;
//! - code is checked for its characters in order but not for whole words: a code line is
//!   wrapped at spaces when it can be, else anywhere, and its indentation counts against it.
//!
//! Everything else must appear in reading order with whitespace and decorations removed
//! (words are broken when they do not fit), and, at widths where every word fits whole beside
//! its indentation, every word must appear whole.

mod support;

use proptest::prelude::*;
use salve::article::{Article, Block, Format, Inline, Origin, Span, for_each_text, parse_str};
use salve::layout::{layout, to_plain};
use support::drawn::{
    self, Unit, body, drawn_units, first_missing_in_order, forbidden_char, missing_units,
    push_units,
};
use unicode_segmentation::UnicodeSegmentation;

/// Input pieces: Markdown syntax in and out of place, wide and zero-width text, entities that
/// decode to controls, raw controls, bidi overrides, and nesting deeper than `MAX_DEPTH`.
const TOKENS: &[&str] = &[
    "日本語",
    "見出し",
    "💊",
    "👨\u{200d}👩\u{200d}👧",
    "e\u{301}te\u{301}",
    "na\u{308}ive",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "#",
    "\n# ",
    "\n## ",
    "\n###### ",
    ">",
    "\n> ",
    "\n> > ",
    "\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> ",
    "-",
    "\n- ",
    "\n  - ",
    "\n- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - ",
    "\n- [ ] ",
    "\n- [x] ",
    "*",
    "**",
    "_",
    "~~",
    "\n* ",
    "1.",
    "\n1. ",
    "\n123456789. ",
    "\n7) ",
    "`",
    "``",
    "\n```\n",
    "\n~~~ rust\n",
    "\n    indented code ",
    "|",
    "\n| a | b |\n|---|:-:|\n| c | d e f |\n",
    "\n| x |\n|---|\n",
    "[x](y)",
    "[link text](http://example.org/a_long_path?q=1 \"t\")",
    "![alt text](img.png)",
    "![](empty.png)",
    "<http://auto.example>",
    "[^n]",
    "\n[^n]: the note ",
    "<b>",
    "</b>",
    "<div>\n",
    "<script>",
    "&#27;",
    "&#x9b;",
    "&#x202e;",
    "&amp;",
    "&nbsp;",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\u{9b}",
    "\u{202e}",
    "\u{2066}",
    "\0",
    "\x7f",
    "\x08",
    "\t",
    "\r\n",
    "\r",
    "  \n",
    "\\",
    "\n---\n",
    "\n***\n",
    "\n===",
    "\u{a0}",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => "[a-z]{1,10}",
        1 => "[A-Za-z0-9]{30,130}",
        6 => prop::sample::select(TOKENS).prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", " ", " ", "", "\n", "\n\n", "\r\n", "\t", "   "][..]);
    prop::collection::vec((token(), sep), 0..48)
        .prop_map(|parts| parts.into_iter().map(|(t, s)| t + s).collect())
}

/// What the model says must be drawn.
#[derive(Default)]
struct Expected {
    /// Units of headings and inline text in drawing order (footnotes after their section).
    ordered: Vec<Unit>,
    /// Units of table cells, in no particular order.
    tables: Vec<Unit>,
    /// Non-table inline words as the layout draws them, decorations included (`(address)`).
    words: Vec<String>,
    /// The width at which every word of `words` fits whole after its indentation.
    fits_from: usize,
}

impl Expected {
    fn of(article: &Article) -> Self {
        let mut e = Self::default();
        for section in &article.sections {
            e.inline(&[Span::plain(section.title.as_str())], 0);
            // The layout draws footnote definitions after the rest of their section, in the
            // order they were met, those inside footnotes after those.
            let mut problems: Vec<(&str, &[Block])> = Vec::new();
            e.blocks(&section.blocks, 0, &mut problems);
            let mut next = 0;
            while let Some(&(label, blocks)) = problems.get(next) {
                next += 1;
                let hang = (drawn_width(label) + 3).min(8);
                e.blocks(blocks, hang, &mut problems);
            }
        }
        e
    }

    /// Walks blocks under `indent` cells of quote bars, list markers and hanging indents.
    fn blocks<'a>(
        &mut self,
        blocks: &'a [Block],
        indent: usize,
        problems: &mut Vec<(&'a str, &'a [Block])>,
    ) {
        for block in blocks {
            match block {
                Block::Paragraph(spans) => self.inline(spans, indent),
                Block::Quote(inner) => self.blocks(inner, indent + 2, problems),
                Block::List { start, items } => {
                    let count = items.len() as u64;
                    let digits = start
                        .map_or(0, |s| s.saturating_add(count.saturating_sub(1)).to_string().len());
                    for item in items {
                        // `1. `, `• `, `[x] ` or `1. [x] `, as the layout draws them.
                        let number = if start.is_some() { digits + 2 } else { 0 };
                        let marker = match item.task {
                            Some(_) => number + 4,
                            None => number.max(2),
                        };
                        self.blocks(&item.blocks, indent + marker, problems);
                    }
                }
                Block::Footnote { label, blocks } => problems.push((label, blocks)),
                Block::Table(_) => {
                    for_each_text(std::slice::from_ref(block), &mut |t| {
                        push_units(t, &mut self.tables);
                    });
                }
                // Only the characters of code, in order: see the file comment.
                Block::Code { text, .. } => push_units(text, &mut self.ordered),
                Block::Rule => {}
            }
        }
    }

    /// Inline text: its units, and its words glued the way the layout glues them (a link
    /// address is ` (address)`, an image `[image: alt]`, a note reference `[label]`), so a
    /// word's width is what the layout must fit.
    fn inline(&mut self, spans: &[Span], indent: usize) {
        let mut glued = String::new();
        for span in spans {
            push_units(&span.text, &mut self.ordered);
            let text = span.text.as_str();
            if span.style.contains(Inline::URL) {
                if !text.trim().is_empty() {
                    glued.push_str(" (");
                    glued.push_str(text);
                    glued.push(')');
                }
            } else if span.style.contains(Inline::IMAGE) {
                if text.trim().is_empty() {
                    glued.push_str("[image]");
                } else {
                    glued.push_str("[image: ");
                    glued.push_str(text);
                    glued.push(']');
                }
            } else if span.style.contains(Inline::NOTE_REF) {
                glued.push('[');
                glued.push_str(text);
                glued.push(']');
            } else {
                glued.push_str(text);
            }
        }
        for word in glued.split(is_break).filter(|w| !w.is_empty()) {
            self.fits_from = self.fits_from.max(indent + drawn_width(word));
            self.words.push(word.to_string());
        }
    }
}

/// Where the layout may break a line: spaces and line breaks, and Unicode spaces other than
/// the no-break ones (tabs and other ASCII controls never reach the model).
fn is_break(c: char) -> bool {
    c == ' '
        || c == '\n'
        || (!c.is_ascii() && c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// Cells `text` takes, cluster by cluster, as the layout measures it.
fn drawn_width(text: &str) -> usize {
    text.graphemes(true).map(drawn::cells).sum()
}

fn check(text: &str, format: Format, width: u16) -> Result<(), TestCaseError> {
    let article = parse_str("prop.md", Origin::Bundled("prop.md"), format, text);
    let l = layout(&article, width);
    for line in &l.lines {
        prop_assert!(line.width() <= usize::from(width), "{:?} wider than {width}", line.text());
    }
    if let Some((i, c)) = forbidden_char(&l) {
        return Err(TestCaseError::fail(format!(
            "{c:?} drawn on line {i}: {:?}",
            l.lines[i].text()
        )));
    }

    let expected = Expected::of(&article);
    let lines = body(&l);
    let drawn = drawn_units(lines, |k| !drawn::is_decoration(k));
    if let Some(i) = first_missing_in_order(&expected.ordered, &drawn) {
        let before = drawn::show(&expected.ordered[i.saturating_sub(20)..i]);
        return Err(TestCaseError::fail(format!(
            "at width {width}, {:?} (after {before:?}) not drawn in order; drawn:\n{}",
            drawn::show(&expected.ordered[i..=i]),
            to_plain(&l)
        )));
    }
    let all: Vec<Unit> = expected.ordered.iter().chain(&expected.tables).copied().collect();
    let missing = missing_units(&all, &drawn);
    prop_assert!(
        missing.is_empty(),
        "at width {width}, {:?} not drawn:\n{}",
        drawn::show(&missing),
        to_plain(&l)
    );

    if usize::from(width) >= expected.fits_from {
        let plain = to_plain(&l);
        for word in &expected.words {
            prop_assert!(
                plain.contains(word.as_str()),
                "{word:?} not whole at width {width}:\n{plain}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn markdown_renders_safely_and_keeps_its_words(text in document(), width in 1u16..=300) {
        check(&text, Format::Markdown, width)?;
    }

    #[test]
    fn plain_text_renders_safely_and_keeps_its_words(text in document(), width in 1u16..=300) {
        check(&text, Format::PlainText, width)?;
    }
}
