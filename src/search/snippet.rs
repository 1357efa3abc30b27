//! What a hit shows: a line of the section's text around its best match, with the matched
//! words marked, and where in the section's text the first match is.

use super::document::PIECE_BREAK;
use std::ops::Range;

/// About how many bytes of text a snippet holds.
pub const SNIPPET_BYTES: usize = 160;

/// Bytes of text kept before the first match shown.
const LEAD: usize = 40;

/// The ellipsis marking text left out.
const ELLIPSIS: &str = "…";

/// A snippet of `text` (a section's stored text) showing the match at `marks[first]` and as many
/// of the following marks as fit; the marks are moved to the snippet's bytes.
pub fn snippet(text: &str, marks: &[Range<usize>], first: usize) -> (String, Vec<Range<usize>>) {
    let anchor = marks.get(first).map_or(0, |m| m.start);
    let mut start = word_start(text, anchor.saturating_sub(LEAD));
    if anchor - start > LEAD + 20 {
        start = anchor;
    }
    // Begin at a word, not at the punctuation or spaces before it.
    start += text[start..anchor.max(start)]
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(anchor - start.min(anchor));
    let end = word_end(text, (start + SNIPPET_BYTES).max(anchor)).max(start);
    let mut out = String::with_capacity(end - start + 8);
    let lead = text[..start].trim_end();
    if !lead.is_empty() {
        out.push_str(ELLIPSIS);
        out.push(' ');
    }
    let shift = out.len();
    // Piece breaks and line breaks read as spaces; one byte each, so marks keep their place.
    out.extend(
        text[start..end].chars().map(|c| if c == PIECE_BREAK || c == '\n' { ' ' } else { c }),
    );
    if !text[end..].trim().is_empty() {
        out.push(' ');
        out.push_str(ELLIPSIS);
    }
    let kept = marks
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| m.start - start + shift..m.end - start + shift)
        .collect();
    (out, kept)
}

/// The start of the word at or after `at` (or `at` itself at a word start).
fn word_start(text: &str, at: usize) -> usize {
    let at = floor(text, at);
    if at == 0 || !is_word(text[..at].chars().next_back()) {
        return at;
    }
    text[at..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| at + i)
}

/// The end of the word at `at` (or `at` if it ends none).
fn word_end(text: &str, at: usize) -> usize {
    let at = floor(text, at.min(text.len()));
    text[at..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |i| at + i)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// `at`, moved back to a character boundary.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The offset in the section's text (heading, then body pieces) of byte `at` of the stored
/// body, where `heading_len` is the heading's length in the section's text.
pub fn section_offset(body: &str, at: usize, heading_len: usize) -> usize {
    let breaks = body[..at.min(body.len())].matches(PIECE_BREAK).count();
    heading_len + at - breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_starts_shortly_before_the_match_and_keeps_its_marks() {
        let text =
            format!("{} the side effects of ketamine are {}", "word ".repeat(40), "x ".repeat(200));
        let at = text.find("side").unwrap();
        let marks = [at..at + 4, at + 5..at + 12];
        let (snippet, kept) = snippet(&text, &marks, 0);
        assert!(snippet.starts_with("… word"), "{snippet}");
        assert!(snippet.ends_with(" …"), "{snippet}");
        let words: Vec<&str> = kept.iter().map(|m| &snippet[m.clone()]).collect();
        assert_eq!(words, ["side", "effects"]);
        assert!(snippet.len() < SNIPPET_BYTES + 20);
    }

    #[test]
    fn piece_breaks_read_as_spaces_and_count_for_nothing_in_offsets() {
        let body = "Chest pain\u{1f}Nausea";
        let marks = [Range { start: 11, end: 17 }];
        let (snippet, kept) = snippet(body, &marks, 0);
        assert_eq!(snippet, "Chest pain Nausea");
        assert_eq!(&snippet[kept[0].clone()], "Nausea");
        // Section text: "Symptoms" + "Chest pain" + "Nausea".
        assert_eq!(section_offset(body, 11, "Symptoms".len()), 18);
    }

    #[test]
    fn a_section_without_marks_shows_its_start() {
        let (snippet, kept) = snippet("Short text.", &[], 0);
        assert_eq!(snippet, "Short text.");
        assert!(kept.is_empty());
    }
}
