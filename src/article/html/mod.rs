//! HTML to the article model: saved web pages ([`parse`]), and HTML blocks and inline tags
//! inside Markdown, all read by html5ever, a parser that follows the HTML standard (every
//! character reference decoded, broken markup repaired as a browser repairs it).
//!
//! `charset` turns a page's bytes into text, `chrome` removes menus and banners, `page` finds
//! the article and reads the metadata, `events` maps a tree onto the Markdown walker's events
//! (`elements` says what each element is), `tags` reads inline tags one at a time, `flat`
//! reads HTML too deeply nested for a tree.

pub mod charset;
mod chrome;
mod elements;
mod events;
mod flat;
mod page;
pub(crate) mod tags;

pub use charset::decode;
pub use page::{MIN_ARTICLE_CHARS, NO_ARTICLE, PageMeta, TOO_DEEP, parse};

use super::markdown::Walker;
use pulldown_cmark::{CowStr, Event, TagEnd};

/// Maps an HTML block written in a Markdown article onto the walk of that article.
pub(crate) fn embedded(source: &str, walker: &mut Walker) {
    if flat::nesting(source) > flat::MAX_NESTING {
        paragraphs(source, walker);
        return;
    }
    let doc = dom_query::Document::fragment(source);
    events::emit(&doc.root(), events::Mode::Embedded, walker);
}

/// The text of HTML too deeply nested for a tree, as plain paragraphs.
fn paragraphs(source: &str, walker: &mut Walker) {
    for paragraph in flat::paragraphs(source) {
        walker.event(Event::End(TagEnd::Paragraph));
        walker.event(Event::Text(CowStr::from(paragraph)));
        walker.event(Event::End(TagEnd::Paragraph));
    }
}
