//! Inline text to words: the tokenizer every wrapper and measurer shares.
//!
//! Spans become pieces of words, break opportunities and hard breaks ([`Tokens`]). A run of
//! whitespace is one break; no-break spaces stay inside their word. Link addresses, images and
//! footnote references get their decorations here, so wrapping and measuring agree on them.

use super::wrap::text_width;
use super::{Kind, Style};
use crate::article::{Inline, Link, Span};
use std::sync::Arc;

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
/// offsets starting there. With `links`, the section's links so far, each link's text is
/// numbered ([`Style::link`]) and its target added there; measuring passes `None`.
pub fn feed_spans<'a>(
    spans: &'a [Span],
    kind: Kind,
    mut offset: Option<usize>,
    mut links: Option<&mut Vec<Link>>,
    out: &mut impl Tokens<'a>,
) -> Fed {
    let mut words = 0;
    // The link the previous span belonged to: a link whose text changes style is several
    // spans sharing one target.
    let mut open: Option<(&Link, u16)> = None;
    for span in spans {
        let flags = span.style;
        let text = span.text.as_str();
        let mut link = 0;
        if let (Some(target), Some(list)) = (&span.link, links.as_deref_mut()) {
            link = match open {
                Some((previous, number)) if Arc::ptr_eq(previous, target) => number,
                _ => {
                    list.push(Arc::clone(target));
                    // Past 65,535 links in one section, the rest are not numbered.
                    u16::try_from(list.len()).unwrap_or(0)
                }
            };
            open = Some((target, link));
        } else {
            open = None;
        }
        if flags.contains(Inline::URL) {
            // One consistent choice: the address follows its link text, dimmed, in parentheses.
            if !text.trim().is_empty() {
                let style = Style::new(Kind::Url, flags);
                out.space(style);
                out.piece("(", style, None);
                words += feed_text(text, style, offset, out);
                out.piece(")", style, None);
            }
        } else if flags.contains(Inline::IMAGE) {
            let style = Style { link, ..Style::new(Kind::Image, flags) };
            if text.trim().is_empty() {
                out.piece("[image]", style, None);
            } else {
                out.piece("[image:", style, None);
                out.space(style);
                words += feed_text(text, style, offset, out);
                out.piece("]", style, None);
            }
        } else if flags.contains(Inline::NOTE_REF) {
            let style = Style::new(Kind::Note, flags);
            out.piece("[", style, None);
            words += feed_text(text, style, offset, out);
            out.piece("]", style, None);
        } else {
            words += feed_text(text, Style { link, ..Style::new(kind, flags) }, offset, out);
        }
        offset = offset.map(|o| o + text.len());
    }
    Fed { offset, words }
}

/// How [`feed_text`] treats a byte.
mod class {
    /// Inside a word: ASCII non-whitespace, UTF-8 continuation bytes, and lead bytes of
    /// characters that are never whitespace.
    pub const WORD: u8 = 0;
    /// A space: a break, and whitespace for counting words.
    pub const SPACE: u8 = 1;
    /// A line break.
    pub const NEWLINE: u8 = 2;
    /// ASCII whitespace other than space and line feed: ends a word for counting, breaks nothing.
    pub const BLANK: u8 = 3;
    /// The lead byte of a character that may be Unicode whitespace (U+0085, U+00A0, U+1680,
    /// U+2000..U+205F, U+3000 start with `C2`, `E1`, `E2`, `E3`): decoded to decide.
    pub const MAYBE: u8 = 4;
}

/// The [`class`] of every byte.
const CLASS: [u8; 256] = {
    let mut table = [class::WORD; 256];
    table[b' ' as usize] = class::SPACE;
    table[b'\n' as usize] = class::NEWLINE;
    table[b'\t' as usize] = class::BLANK;
    table[0x0b] = class::BLANK;
    table[0x0c] = class::BLANK;
    table[b'\r' as usize] = class::BLANK;
    table[0xc2] = class::MAYBE;
    table[0xe1] = class::MAYBE;
    table[0xe2] = class::MAYBE;
    table[0xe3] = class::MAYBE;
    table
};

/// Feeds one run of text in one style: words, spaces and hard breaks. Returns the words in it
/// as [`crate::article::count_words`] counts them (counting here saves the card a pass over the article).
///
/// This loop sees every byte of the article, so it classifies bytes by table and runs through
/// the inside of a word without looking at anything else; only characters that may be Unicode
/// whitespace are decoded.
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
        let (brk, space, len) = match CLASS[usize::from(bytes[i])] {
            class::WORD => {
                words += usize::from(!in_word);
                in_word = true;
                start.get_or_insert(i);
                i += 1;
                while i < bytes.len() && CLASS[usize::from(bytes[i])] == class::WORD {
                    i += 1;
                }
                continue;
            }
            class::SPACE | class::NEWLINE => (true, true, 1),
            class::BLANK => (false, true, 1),
            // A `MAYBE` byte is a lead byte, so `i` is on a character boundary.
            _ => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (is_break(c), c.is_whitespace(), c.len_utf8()),
                None => (false, false, 1),
            },
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        if brk {
            if let Some(s) = start.take() {
                out.piece(&text[s..i], style, offset.map(|o| o + s));
            }
            if bytes[i] == b'\n' {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what [`feed_text`] hands out.
    #[derive(Default)]
    struct Record(Vec<String>);

    impl<'a> Tokens<'a> for Record {
        fn piece(&mut self, text: &'a str, _: Style, offset: Option<usize>) {
            self.0.push(format!("{text}@{}", offset.unwrap_or(usize::MAX)));
        }
        fn space(&mut self, _: Style) {
            self.0.push(" ".into());
        }
        fn hard_break(&mut self) {
            self.0.push("\n".into());
        }
    }

    /// The byte table must agree with the character rules for every character: `MAYBE` has to
    /// cover every non-ASCII whitespace character, and the ASCII classes must match.
    #[test]
    fn every_character_is_classified_like_the_character_rules() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let mut got = Record::default();
            let words = feed_text(&text, Style::default(), Some(0), &mut got);
            let after = 1 + c.len_utf8();
            let (want, want_words): (Vec<String>, usize) = if is_break(c) {
                let mid = if c == '\n' { "\n" } else { " " };
                (vec!["a@0".into(), mid.into(), format!("b@{after}")], 2)
            } else {
                (vec![format!("{text}@0")], if c.is_whitespace() { 2 } else { 1 })
            };
            assert_eq!(got.0, want, "{c:?}");
            assert_eq!(words, want_words, "{c:?}");
            assert_eq!(words, text.split_whitespace().count(), "{c:?}");
            assert_eq!(crate::article::count_words(&text), words, "{c:?}");
        }
    }
}
