//! The laid-out article's text as one string for in-article search, so what is found does not
//! depend on where lines wrap: lines that continue each other (their positions say so) are
//! joined with the space the wrap took, or with nothing where a long code line was cut;
//! other lines are kept apart by a line break, which no query crosses. Decorations (bullets,
//! quote bars, table borders, wrap marks) are left out and runs of white space are one space.
//!
//! A match in the joined text maps back to byte ranges in the lines it covers: one line
//! mostly, two or more for a phrase the terminal's width happened to wrap.

use crate::layout::Line;
use std::ops::Range;

/// The joined text and where each line's text starts in it.
#[derive(Debug, Clone, Default)]
pub struct Joined {
    /// The text.
    pub text: String,
    /// (byte in `text`, line index) for every line that has text, in order.
    starts: Vec<(usize, usize)>,
}

impl Joined {
    /// Joins `lines`.
    pub fn build(lines: &[Line]) -> Self {
        let mut joined = Self::default();
        // The previous text line's section and the article offset just past its text.
        let mut prev: Option<(u32, u32)> = None;
        for (index, line) in lines.iter().enumerate() {
            let raw = text_bytes(line);
            if raw == 0 {
                continue;
            }
            let glue = match prev {
                Some((section, end))
                    if section == line.pos.section && line.pos.offset == end + 1 =>
                {
                    " "
                }
                Some((section, end)) if section == line.pos.section && line.pos.offset == end => "",
                Some(_) => "\n",
                None => "",
            };
            if !(glue == " " && joined.text.ends_with(' ')) {
                joined.text.push_str(glue);
            }
            joined.starts.push((joined.text.len(), index));
            walk(line, |c, _| push_collapsed(&mut joined.text, c));
            prev = Some((line.pos.section, line.pos.offset.saturating_add(raw as u32)));
        }
        joined
    }

    /// The pieces of the lines a range of the joined text covers: (line, byte range in
    /// [`Line::text`]), first to last.
    pub fn locate(&self, lines: &[Line], range: &Range<usize>) -> Vec<(usize, Range<usize>)> {
        let mut pieces = Vec::new();
        let first = self.starts.partition_point(|&(at, _)| at <= range.start).saturating_sub(1);
        for &(start, index) in &self.starts[first..] {
            if start >= range.end {
                break;
            }
            let Some(line) = lines.get(index) else { break };
            // Replay the line's part of the joined text to find the bytes under the range.
            let mut at = start;
            let mut piece: Option<Range<usize>> = None;
            // The joined text's context: a space is not doubled after the character before.
            let mut scratch: String =
                self.text[..start].chars().next_back().map(String::from).unwrap_or_default();
            walk(line, |c, byte| {
                let before = scratch.len();
                push_collapsed(&mut scratch, c);
                let width = scratch.len() - before;
                if width > 0 && at >= range.start && at < range.end {
                    let end = byte + c.len_utf8();
                    piece = Some(piece.as_ref().map_or(byte..end, |p| p.start..end));
                }
                at += width;
            });
            if let Some(piece) = piece {
                pieces.push((index, piece));
            }
        }
        pieces
    }
}

/// Calls `f` with every character of the line's text (decorations left out) and its byte
/// offset in [`Line::text`].
fn walk(line: &Line, mut f: impl FnMut(char, usize)) {
    let mut offset = 0;
    for seg in line.segs() {
        if !seg.style.kind.is_decoration() {
            for (i, c) in seg.text.char_indices() {
                f(c, offset + i);
            }
        }
        offset += seg.text.len();
    }
}

/// Bytes of article text on the line (decorations left out): how far the line's text runs
/// from its position.
fn text_bytes(line: &Line) -> usize {
    line.segs().filter(|s| !s.style.kind.is_decoration()).map(|s| s.text.len()).sum()
}

/// Adds `c`, white space as one space and never two in a row (nor first).
fn push_collapsed(text: &mut String, c: char) {
    if c.is_whitespace() {
        if !text.is_empty() && !text.ends_with([' ', '\n']) {
            text.push(' ');
        }
    } else {
        text.push(c);
    }
}
