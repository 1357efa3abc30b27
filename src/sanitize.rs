//! The one sanitizer every article-derived string passes before it can reach a terminal.
//!
//! Article text is untrusted: it may carry escape sequences that clear the screen, retitle the
//! window, write the clipboard (OSC 52) or fake hyperlinks, and bidirectional controls that
//! reorder what the reader sees (CVE-2021-42574). Markdown parsing can *create* such characters
//! (`&#27;` becomes ESC), so sanitizing happens on parsed text, when it enters the model.

use std::borrow::Cow;

/// Tab stops for expanding tabs, in columns.
pub const TAB_WIDTH: usize = 4;

/// Replaces control characters with visible placeholders and neutralizes bidi controls.
///
/// - C0 controls (except `\n`) become their Control Pictures symbol (ESC is `␛`, U+241B);
///   DEL becomes `␡`; C1 controls (U+0080..U+009F) become `�` (U+FFFD).
/// - Tabs expand to spaces up to the next multiple of [`TAB_WIDTH`] columns, counted from the
///   last line break (by characters, which is right for code, where tabs matter).
/// - Bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069) become `�`;
///   line and paragraph separators (U+2028, U+2029) become a space.
///
/// Returns the input unchanged (borrowed) when nothing needed replacing.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_work) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0usize;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                continue;
            }
            _ => out.push(replacement(c).unwrap_or(c)),
        }
        column += 1;
    }
    Cow::Owned(out)
}

/// Like [`sanitize`], but also turns line breaks into spaces: for one-line fields such as
/// titles, headings, tags and file names.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(s) if !s.contains('\n') => Cow::Borrowed(s),
        other => Cow::Owned(other.replace('\n', " ")),
    }
}

/// True when `c` would be changed by [`sanitize`].
fn needs_work(c: char) -> bool {
    c == '\t' || replacement(c).is_some()
}

/// The visible stand-in for a character that must not reach the terminal, if `c` is one.
fn replacement(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        // C0 controls map onto the Control Pictures block, U+2400 + code.
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        '\u{2028}' | '\u{2029}' => Some(' '),
        _ => None,
    }
}

/// True when `text` holds nothing [`sanitize`] would change except line breaks: the invariant
/// every string in the article model keeps.
pub fn is_clean(text: &str) -> bool {
    !text.chars().any(needs_work)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_becomes_a_visible_symbol() {
        assert_eq!(sanitize("a\x1b[2Jb"), "a\u{241b}[2Jb");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("plain text\nsecond"), Cow::Borrowed(_)));
    }
}
