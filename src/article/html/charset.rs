//! A saved page's bytes to text, in the encoding the page declares.
//!
//! Browsers save a page in the encoding it was served in, and older health sites still serve
//! windows-1252, ISO-8859-x or Shift_JIS, declared in a `<meta>` tag. The order is the HTML
//! standard's, simplified: a byte order mark, else a `charset` in a `<meta>` tag within the
//! first 1024 bytes, else UTF-8, falling back to windows-1252 (what browsers assume for
//! undeclared Western pages) when the bytes are not UTF-8.

use encoding_rs::{Encoding, WINDOWS_1252};

/// How far into the file a `<meta charset>` is looked for (the standard's prescan length).
const PRESCAN: usize = 1024;

/// Decodes a page. The note, if any, says what was assumed or replaced, for the article's
/// problems.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), errors.then(|| replaced(encoding)));
    }
    if let Some(encoding) = declared(bytes) {
        let (text, errors) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), errors.then(|| replaced(encoding)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let note = "no character set declared and not UTF-8: read as windows-1252";
    (text.into_owned(), Some(note.to_string()))
}

/// The note for bytes the declared encoding could not decode.
fn replaced(encoding: &'static Encoding) -> String {
    format!("text not valid {} replaced with \u{fffd}", encoding.name())
}

/// The encoding a `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` near the start names, if it names one encoding_rs knows.
/// UTF-16 is taken as UTF-8, as the standard says: a page that could be read this far as
/// ASCII is not UTF-16.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let mut at = 0;
    while let Some(found) = find_ci(&head[at..], b"<meta") {
        let start = at + found + 5;
        let end = head[start..].iter().position(|&b| b == b'>').map_or(head.len(), |e| start + e);
        if let Some(label) = charset_in(&head[start..end]) {
            // UTF-16 (and the "replacement" encoding) have UTF-8 as their output encoding.
            return Encoding::for_label(label).map(Encoding::output_encoding);
        }
        at = end;
    }
    None
}

/// The value after `charset` and `=` in a tag's attributes, without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ci(tag, b"charset")?;
    let rest = &tag[at + 7..];
    let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Where `needle` (lowercase ASCII) first occurs in `haystack`, ignoring ASCII case.
fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_charset_is_used() {
        let page = b"<html><head><META CHARSET='iso-8859-1'></head><p>Caf\xe9 \x80</p>";
        let (text, note) = decode(page);
        assert!(text.contains("Café €"), "{text}");
        assert_eq!(note, None);
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\
                     <p>\x93\xfa\x96\x7b</p>";
        assert!(decode(page).0.contains("日本"));
    }

    #[test]
    fn undeclared_bytes_are_utf8_else_windows_1252() {
        assert_eq!(decode("<p>naïve</p>".as_bytes()), ("<p>naïve</p>".to_string(), None));
        let (text, note) = decode(b"<p>na\xefve \x93quoted\x94</p>");
        assert_eq!(text, "<p>naïve \u{201c}quoted\u{201d}</p>");
        assert!(note.is_some_and(|n| n.contains("windows-1252")));
    }

    #[test]
    fn a_byte_order_mark_wins_and_utf16_labels_mean_utf8() {
        let (text, _) = decode(b"\xef\xbb\xbf<meta charset=latin1><p>\xc3\xa9</p>");
        assert!(text.ends_with("<p>é</p>"), "{text}");
        let (text, _) = decode("<meta charset=\"utf-16\"><p>é</p>".as_bytes());
        assert!(text.ends_with("<p>é</p>"), "{text}");
        let (_, note) = decode(b"<meta charset=utf-8><p>\xff</p>");
        assert!(note.is_some_and(|n| n.contains("UTF-8")));
    }
}
