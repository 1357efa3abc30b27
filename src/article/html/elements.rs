//! What HTML elements are, for the walk in `events`: which element is a block, a heading
//! level, a list's first number, a code block's language, a link worth keeping, and whether a
//! table holds data or lays out a page.

use dom_query::NodeRef;
use pulldown_cmark::{CowStr, HeadingLevel, LinkType, Tag};

use super::events::Mode;

/// The start of a link, unless `<a>` has no address worth keeping. The address is shown after
/// the text (as for Markdown links) except in a page for one that is not absolute.
pub fn link(node: &NodeRef<'_>, mode: Mode) -> Option<Tag<'static>> {
    let href = node.attr("href")?;
    let href = kept_href(&href)?;
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    let absolute = ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s));
    let shown = mode == Mode::Embedded || absolute;
    // The walker hides an autolink's address: that is how a hidden one is asked for.
    Some(Tag::Link {
        link_type: if shown { LinkType::Inline } else { LinkType::Autolink },
        dest_url: CowStr::from(href.to_string()),
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    })
}

/// An `<a href>` worth keeping as a link, trimmed: not empty, not a script to run.
pub fn kept_href(href: &str) -> Option<&str> {
    let href = href.trim();
    let scheme = href.get(..11).unwrap_or(href);
    (!href.is_empty() && !scheme.eq_ignore_ascii_case("javascript:")).then_some(href)
}

/// HTML's whitespace (not the no-break space, which is text).
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Text with whitespace runs folded to one space and the ends trimmed.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Elements outside [`BLOCKS`] that still start a line: every `h1`..`h6`, list and table part
/// when it cannot be what it usually is (inside a cell or heading, or a layout table).
pub fn is_block_like(name: &str) -> bool {
    matches!(
        name,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "menu"
            | "li"
            | "blockquote"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "dt"
            | "figcaption"
            | "hr"
    )
}

pub fn heading_level(name: &str) -> HeadingLevel {
    match name {
        "h1" => HeadingLevel::H1,
        "h2" => HeadingLevel::H2,
        "h3" => HeadingLevel::H3,
        "h4" => HeadingLevel::H4,
        "h5" => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// An ordered list's first number (`<ol start="3">`), 1 when not given or not a number.
pub fn ordered_start(node: &NodeRef<'_>) -> u64 {
    node.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1)
}

/// The language a `<pre>` (or the `<code>` in it) names by a `language-x` or `lang-x` class.
pub fn code_language(node: &NodeRef<'_>) -> String {
    let inner = node.first_element_child().filter(|c| c.has_name("code"));
    let classes = [node.class(), inner.and_then(|c| c.class())];
    classes
        .iter()
        .flatten()
        .flat_map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find_map(|c| {
            c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-")).map(str::to_string)
        })
        .unwrap_or_default()
}

/// The rows of a table (inside `thead`, `tbody`, `tfoot` or directly), not of tables in it.
pub fn rows<'a>(table: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    table.children_it(false).flat_map(|child| {
        if child.has_name("tr") {
            vec![child]
        } else if ["thead", "tbody", "tfoot"].iter().any(|n| child.has_name(n)) {
            child.children_it(false).filter(|r| r.has_name("tr")).collect()
        } else {
            Vec::new()
        }
    })
}

/// The cells of a row.
pub fn cells<'a>(row: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    row.children_it(false).filter(|c| c.has_name("td") || c.has_name("th"))
}

/// True for a table of data rather than one laying out a page: two columns or more, no table
/// inside it, and no cell holding headings, lists or several paragraphs.
pub fn is_data_table(table: &NodeRef<'_>) -> bool {
    let mut widest = 0;
    for row in rows(table) {
        let mut count = 0;
        for cell in cells(&row) {
            count += 1;
            let blocky = cell.descendants_it().filter(NodeRef::is_element).any(|d| {
                d.qual_name_ref().is_some_and(|q| {
                    matches!(
                        &*q.local,
                        "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "pre"
                    )
                })
            }) || cell.children_it(false).filter(|c| c.has_name("p")).count() > 1;
            if blocky {
                return false;
            }
        }
        widest = widest.max(count);
    }
    widest >= 2
}

/// True for a header row: in `thead`, or every cell a `th`.
pub fn is_head_row(row: &NodeRef<'_>) -> bool {
    let in_thead = row.parent().is_some_and(|p| p.has_name("thead"));
    let mut any = false;
    let all_th = cells(row).all(|c| {
        any = true;
        c.has_name("th")
    });
    in_thead || (any && all_th)
}
