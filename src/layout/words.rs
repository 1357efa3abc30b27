//! Inline text to words: the tokenizer every wrapper and measurer shares.
//!
//! Spans become pieces of words, break opportunities and hard breaks ([`Tokens`]). A run of
//! whitespace is one break; no-break spaces stay inside their word. Link addresses, images and
//! footnote references get their decorations here, so wrapping and measuring agree on them.

use super::wrap::text_width;
use super::{Kind, Style};
use crate::article::{Inline, Span};

/// Receives the words of inline text.
pub trait Tokens<'a> {
    /// Part of a word (no whitespace); `offset` is its byte offset in the section text, `None`
    /// for decoration that is not article text.
    fn piece(&mut self, text: &'a str, style: Style, offset: Option<usize>);
    /// A break opportunity (a run of whitespace), styled like the text around it.
    fn space(&mut self, style: Style);
    /// A hard line break.
    fn hard_break(&mut self);
}

/// What feeding spans went over.
#[derive(Debug, Clone, Copy)]
pub struct Fed {
    /// The section offset after the spans (when offsets were asked for).
    pub offset: Option<usize>,
    /// Words in the spans, as [`crate::article::count_words`] counts them.
    pub words: usize,
}

/// Feeds `spans` to `out` with body text in `kind`. With `offset` set, pieces carry their section
/// offsets starting there.
pub fn feed_spans<'a>(
    spans: &'a [Span],
    kind: Kind,
    mut offset: Option<usize>,
    out: &mut impl Tokens<'a>,
) -> Fed {
    let mut words = 0;
    for span in spans {
        let flags = span.style;
        let text = span.text.as_str();
        if flags.contains(Inline::URL) {
            // One consistent choice: the address follows its link text, dimmed, in parentheses.
            if !text.trim().is_empty() {
                let style = Style { kind: Kind::Url, inline: flags };
                out.space(style);
                out.piece("(", style, None);
                words += feed_text(text, style, offset, out);
                out.piece(")", style, None);
            }
        } else if flags.contains(Inline::IMAGE) {
            let style = Style { kind: Kind::Image, inline: flags };
            if text.trim().is_empty() {
                out.piece("[image]", style, None);
            } else {
                out.piece("[image:", style, None);
                out.space(style);
                words += feed_text(text, style, offset, out);
                out.piece("]", style, None);
            }
        } else if flags.contains(Inline::NOTE_REF) {
            let style = Style { kind: Kind::Note, inline: flags };
            out.piece("[", style, None);
            words += feed_text(text, style, offset, out);
            out.piece("]", style, None);
        } else {
            words += feed_text(text, Style { kind, inline: flags }, offset, out);
        }
        offset = offset.map(|o| o + text.len());
    }
    Fed { offset, words }
}

/// Feeds one run of text in one style: words, spaces and hard breaks. Returns the words in it
/// as [`count_words`] counts them (counting here saves the card a pass over the article).
///
/// Scans bytes, decoding only non-ASCII characters: breaks are ASCII but for a few Unicode
/// spaces, and this loop sees every byte of the article.
pub fn feed_text<'a>(
    text: &'a str,
    style: Style,
    offset: Option<usize>,
    out: &mut impl Tokens<'a>,
) -> usize {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (brk, space, len) = if b.is_ascii() {
            (b == b' ' || b == b'\n', b == b' ' || (b'\t'..=b'\r').contains(&b), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (is_break(c), c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        if brk {
            if let Some(s) = start.take() {
                out.piece(&text[s..i], style, offset.map(|o| o + s));
            }
            if b == b'\n' {
                out.hard_break();
            } else {
                out.space(style);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        out.piece(&text[s..], style, offset.map(|o| o + s));
    }
    words
}

/// Words in `text` as [`crate::article::count_words`] counts them (split on any whitespace),
/// in one pass over the bytes.
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

/// Whitespace a line may break at; no-break spaces are not.
fn is_break(c: char) -> bool {
    c == ' '
        || c == '\n'
        || (!c.is_ascii() && c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// Measures inline text without placing it: the widest unbroken line and the widest word.
#[derive(Debug, Default)]
pub struct Measure {
    /// Width of the widest line if nothing wrapped (hard breaks still break).
    pub natural: usize,
    /// Width of the widest word.
    pub longest_word: usize,
    line: usize,
    word: usize,
    space: bool,
}

impl Measure {
    fn end_word(&mut self) {
        if self.word > 0 {
            self.line += self.word + usize::from(self.space && self.line > 0);
            self.longest_word = self.longest_word.max(self.word);
            self.natural = self.natural.max(self.line);
            self.word = 0;
            self.space = false;
        }
    }
}

impl Tokens<'_> for Measure {
    fn piece(&mut self, text: &str, _: Style, _: Option<usize>) {
        self.word += text_width(text);
    }

    fn space(&mut self, _: Style) {
        self.end_word();
        self.space = true;
    }

    fn hard_break(&mut self) {
        self.end_word();
        self.line = 0;
        self.space = false;
    }
}
