//! HTML too deeply nested for a tree, read as a stream of tokens instead.
//!
//! Building the tree checks the stack of open elements at every tag, as the standard says, so
//! a hostile page of 100,000 nested `<div>`s takes a minute to parse (each tag costs as much
//! as the nesting so far). A linear scan estimates the nesting first; past [`MAX_NESTING`]
//! the text is taken from html5ever's tokenizer alone, which is linear: paragraphs broken
//! where block elements start and end, scripts and styles dropped.

use html5ever::tokenizer::{TagKind, Token};

use super::tags::tokens;

/// Estimated nesting past which no tree is built. Real pages nest a few dozen deep; at this
/// depth a tree still builds in milliseconds.
pub const MAX_NESTING: usize = 2048;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements the parser closes by itself when a sibling starts (`<p>a<p>b`), which therefore
/// do not nest when left open.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody",
    "thead", "tfoot", "colgroup",
];

/// Elements whose start or end breaks the text into paragraphs.
const BREAKING: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
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
    "main",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
];

/// An upper estimate of how deeply `html` nests its elements, from its bytes alone: start
/// tags count up, end tags down, except elements that cannot hold others or close by
/// themselves. Comments and scripts are not skipped, which can only raise the estimate.
pub fn nesting(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + found + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_at = if closing { start + 1 } else { start };
        let len = bytes[name_at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        at = name_at + len;
        if len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_at..name_at + len].to_ascii_lowercase();
        if VOID.contains(&name.as_str()) || SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The readable text of `html` as paragraphs (the `<title>`, scripts and styles left out).
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut skipping = false;
    for token in tokens(html) {
        match token {
            Token::TagToken(tag) => {
                let name = &*tag.name;
                if name == "script" || name == "style" || name == "title" {
                    skipping = tag.kind == TagKind::StartTag && !tag.self_closing;
                } else if BREAKING.contains(&name) && !current.trim().is_empty() {
                    out.push(super::events::collapse(&current));
                    current.clear();
                }
            }
            Token::CharacterTokens(text) if !skipping => current.push_str(&text),
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        out.push(super::events::collapse(&current));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_containers_not_paragraphs_or_void_elements() {
        assert_eq!(nesting("<div><section><p>a<p>b<br><img src=x></section></div>"), 2);
        assert_eq!(nesting(&"<p>x".repeat(10_000)), 0);
        assert_eq!(nesting(&"<div>".repeat(10_000)), 10_000);
        assert_eq!(nesting("a < b and <3 <!-- c -->"), 0);
    }

    #[test]
    fn deep_pages_still_give_their_text_in_paragraphs() {
        let page = format!(
            "<title>T</title><script>x()</script>{}<h1>Head</h1><p>One &amp; two</p>text{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        assert_eq!(paragraphs(&page), ["Head", "One & two", "text"]);
    }
}
