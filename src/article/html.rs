//! Raw HTML inside Markdown reduced to its readable text: tags removed, `<script>`/`<style>`
//! bodies and comments dropped, common entities decoded.
//!
//! This is not an HTML parser. Articles saved from the web carry stray markup, and the reader
//! only needs the words; anything odd degrades to dropped markup, never to a panic.

/// Longest entity looked for, `&` and `;` included.
const MAX_ENTITY: usize = 34;

/// Elements whose content is never text for a reader.
const SKIPPED: [&str; 2] = ["script", "style"];

/// Elements that separate words when they open or close, so `<td>a</td><td>b</td>` stays two
/// words.
const BREAKING: [&str; 22] = [
    "address",
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "p",
    "section",
    "table",
    "td",
    "tr",
];

/// Strips tags from HTML fragments, remembering across fragments whether it is inside a
/// `<script>` or `<style>` body (inline HTML arrives one tag per event).
#[derive(Debug, Default)]
pub struct Stripper {
    /// The element whose body is being skipped, until its closing tag.
    skipping: Option<&'static str>,
}

impl Stripper {
    /// True while inside a `<script>` or `<style>` body: text between fragments is dropped too.
    pub fn is_skipping(&self) -> bool {
        self.skipping.is_some()
    }

    /// Forgets an unclosed `<script>`, so one stray tag drops at most the rest of its block.
    pub fn reset(&mut self) {
        self.skipping = None;
    }

    /// Appends the text of `html` to `out`. `<br>` becomes `\n`, block-level tags a space.
    pub fn strip(&mut self, html: &str, out: &mut String) {
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(name) = self.skipping {
                match find_closing(rest, name) {
                    Some(end) => {
                        self.skipping = None;
                        rest = &rest[end..];
                    }
                    None => return,
                }
                continue;
            }
            let Some(at) = rest.find(['<', '&']) else {
                out.push_str(rest);
                return;
            };
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if rest.starts_with('&') {
                let (decoded, used) = decode_entity(rest);
                match decoded {
                    Some(c) => out.push(c),
                    None => out.push_str(&rest[..used]),
                }
                rest = &rest[used..];
            } else if let Some(comment) = rest.strip_prefix("<!--") {
                // An unterminated comment hides the rest of the fragment, as browsers do.
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            } else if is_tag_start(rest) {
                let end = tag_end(rest);
                self.on_tag(&rest[..end], out);
                rest = &rest[end..];
            } else {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }

    /// Reacts to one whole tag: starts skipping, or separates words.
    fn on_tag(&mut self, tag: &str, out: &mut String) {
        let closing = tag.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        let name: String = tag[name_start..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !closing && !tag.ends_with("/>") {
            self.skipping = SKIPPED.into_iter().find(|s| *s == name);
        }
        if name == "br" {
            out.push('\n');
        } else if BREAKING.contains(&name.as_str()) && !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
}

/// Strips a whole HTML block to one line of text, whitespace runs folded to single spaces.
pub fn block_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    Stripper::default().strip(html, &mut raw);
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `s` (starting with `<`) opens a tag, a closing tag, a declaration or an
/// instruction, rather than a lone less-than sign.
fn is_tag_start(s: &str) -> bool {
    let mut next = s[1..].chars();
    match next.next() {
        Some('/') => next.next().is_some_and(|c| c.is_ascii_alphabetic()),
        Some(c) => c.is_ascii_alphabetic() || c == '!' || c == '?',
        None => false,
    }
}

/// The byte length of the tag at the start of `s`, through its `>` (quoted `>` skipped), or all
/// of `s` when it never closes.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The byte offset just after `</name ...>` in `s`, matched case-insensitively.
fn find_closing(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(at) = s[from..].find("</") {
        let start = from + at;
        let name_end = start + 2 + name.len();
        if bytes.get(start + 2..name_end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())) {
            return Some(name_end + tag_end(&s[name_end..]));
        }
        from = start + 2;
    }
    None
}

/// Decodes the entity at the start of `s` (which starts with `&`). Returns the character, if it
/// was one this knows, and how many bytes it used (1 for a lone `&`).
fn decode_entity(s: &str) -> (Option<char>, usize) {
    // Entity names are short: looking only a little way for the `;` keeps a text full of
    // bare `&` linear.
    let Some(semi) = s.bytes().take(MAX_ENTITY).position(|b| b == b';') else {
        return (None, 1);
    };
    let body = &s[1..semi];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        // Like browsers: NUL and invalid code points become the replacement character.
        code.map(|c| if c == 0 { '\u{fffd}' } else { char::from_u32(c).unwrap_or('\u{fffd}') })
    } else {
        named_entity(body)
    };
    match decoded {
        Some(c) => (Some(c), semi + 1),
        None => (None, 1),
    }
}

/// The common named entities seen in saved articles.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "micro" => 'µ',
        "para" => '¶',
        "sect" => '§',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "yen" => '¥',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "larr" => '←',
        "rarr" => '→',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> String {
        let mut out = String::new();
        Stripper::default().strip(html, &mut out);
        out
    }

    #[test]
    fn tags_go_text_stays() {
        assert_eq!(strip("<b class=\"x>y\">bold</b> text"), "bold text");
    }

    #[test]
    fn script_style_and_comments_are_dropped() {
        assert_eq!(block_text("<p>a<script>alert('<b>')</script>b</p>"), "ab");
        assert_eq!(block_text("<STYLE>p{}</Style>c<!-- hidden -->d"), "cd");
        assert_eq!(block_text("e<!-- never closed"), "e");
    }

    #[test]
    fn script_skipping_spans_fragments() {
        let mut s = Stripper::default();
        let mut out = String::new();
        s.strip("<script>", &mut out);
        assert!(s.is_skipping());
        s.strip("</script>", &mut out);
        assert!(!s.is_skipping());
        assert_eq!(out, "");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            strip("a &amp; b &lt;c&gt; &#233;&#x41; &bogus; & x"),
            "a & b <c> éA &bogus; & x"
        );
        assert_eq!(strip("&#27;&#0;&#xFFFFFF;"), "\u{1b}\u{fffd}\u{fffd}");
    }

    #[test]
    fn block_tags_separate_words() {
        assert_eq!(block_text("<table><tr><td>a</td><td>b</td></tr></table>"), "a b");
        assert_eq!(strip("x<br>y"), "x\ny");
    }

    #[test]
    fn lone_less_than_is_text() {
        assert_eq!(strip("1 < 2 <3"), "1 < 2 <3");
    }
}
