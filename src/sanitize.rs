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
    let Some(first) = first_dirty(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0usize;
    let mut rest = text;
    let mut dirty = Some(first);
    // Clean runs are copied whole; only the characters that need work go one by one. This keeps
    // a multi-megabyte article with a few stray controls close to a plain copy.
    while let Some(at) = dirty {
        let (clean, tail) = rest.split_at(at);
        push_clean(&mut out, clean, &mut column);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        if c == '\t' {
            let n = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', n));
            column += n;
        } else {
            out.push(replacement(c).unwrap_or(c));
            column += 1;
        }
        rest = chars.as_str();
        dirty = first_dirty(rest.as_bytes());
    }
    push_clean(&mut out, rest, &mut column);
    Cow::Owned(out)
}

/// Appends text that needs no work, keeping `column` (characters since the last line break)
/// up to date for tab expansion.
fn push_clean(out: &mut String, clean: &str, column: &mut usize) {
    out.push_str(clean);
    match clean.rfind('\n') {
        Some(newline) => *column = char_count(&clean[newline + 1..]),
        None => *column += char_count(clean),
    }
}

/// Characters in `text`, by counting the bytes that start one (anything but `10xxxxxx`).
fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| b & 0xc0 != 0x80).count()
}

/// Like [`sanitize`], but also turns line breaks into spaces: for one-line fields such as
/// titles, headings, tags and file names.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(s) if !s.contains('\n') => Cow::Borrowed(s),
        other => Cow::Owned(other.replace('\n', " ")),
    }
}

/// The byte offset of the first character [`sanitize`] would change, if any.
///
/// Works on bytes rather than decoded characters because it runs over every string of every
/// article. Blocks are first screened for bytes that *could* start such a character, with
/// plain comparisons the compiler turns into vector code; only blocks that hit are looked at
/// closely. Clean text, the common case, never leaves the screening loop.
fn first_dirty(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |hit, &b| hit | may_start_dirty(b))
            && let Some(i) = (start..start + block.len()).find(|&i| dirty_at(bytes, i))
        {
            return Some(i);
        }
        start += block.len();
    }
    None
}

/// True for bytes that begin a character needing work, or may (`C2`, `E2`, see [`dirty_at`]).
fn may_start_dirty(b: u8) -> bool {
    matches!(b, 0x00..=0x09 | 0x0b..=0x1f | 0x7f | 0xc2 | 0xe2)
}

/// True when a character needing work starts at byte `i`. Each is recognisable from its UTF-8
/// lead byte (C0, DEL), or lead plus continuation bytes: C1 is `C2 80..9F`; U+2028..U+202E is
/// `E2 80 A8..AE`; U+2066..U+2069 is `E2 81 A6..A9`. In valid UTF-8, `C2` and `E2` are only
/// ever lead bytes, so a match cannot start inside another character.
fn dirty_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// True when `c` would be changed by [`sanitize`]: the character-level statement of what
/// [`first_dirty`] finds in bytes.
#[cfg(test)]
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
    first_dirty(text.as_bytes()).is_none()
}

/// The longest address salve hands to the terminal as a hyperlink.
pub const MAX_HYPERLINK: usize = 2048;

/// A link address fit to become a terminal hyperlink (OSC 8), or `None`: only `http`,
/// `https` and `mailto` addresses, of printable ASCII without spaces (non-ASCII must be
/// percent-encoded, as in any URL), at most [`MAX_HYPERLINK`] bytes. Nothing in such an
/// address can end the escape sequence early or start another, so an article still cannot
/// drive the terminal, and a `file:` or `javascript:` address is never made clickable.
pub fn hyperlink_target(address: &str) -> Option<&str> {
    let (scheme, rest) = address.split_once(':')?;
    let known = ["http", "https", "mailto"].iter().any(|s| scheme.eq_ignore_ascii_case(s));
    let printable = address.bytes().all(|b| (0x21..=0x7e).contains(&b));
    (known && printable && !rest.is_empty() && address.len() <= MAX_HYPERLINK).then_some(address)
}

#[cfg(test)]
mod tests;
