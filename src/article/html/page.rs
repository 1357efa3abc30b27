//! A saved web page to an article: its main content found the way browsers' reader modes
//! find it (dom_smoothie, a port of Mozilla's Readability, on html5ever), mapped onto the
//! model, with the page's metadata for the header card.
//!
//! When no article can be found (an empty shell that scripts would fill, a sign-in wall), the
//! page is still an article: its visible text, menus and banners removed, with a note saying
//! so.

use dom_query::Document;
use dom_smoothie::Readability;

use super::events::{Mode, collapse, emit};
use super::{chrome, flat};
use crate::article::date::{Date, DateKind, Dated};
use crate::article::markdown::Walker;
use crate::article::{Body, for_each_text};

/// Less article text than this (in characters, Readability's own threshold for a readable
/// page) means no article was found.
pub const MIN_ARTICLE_CHARS: usize = 140;

/// The note on a page whose article could not be found.
pub const NO_ARTICLE: &str =
    "no article found on this page (an empty shell or a sign-in wall?): showing all its text";

/// Pages nested deeper than this are not given to Readability, whose scoring walks up the
/// ancestors of every paragraph (a hostile page 5,000 deep took a minute); their visible text
/// is shown instead. Real pages nest a few dozen deep.
pub const MAX_DEPTH: usize = 512;

/// The note on a page too deeply nested to look for its article in.
pub const TOO_DEEP: &str =
    "this page is nested too deeply to look for its article in: showing all its text";

/// Longest byline kept, in characters: past that it is a paragraph Readability mistook.
const MAX_BYLINE: usize = 120;

/// What a page's metadata says about it, for the header card. Not yet sanitized.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The title: `og:title` or the like, else `<title>` without the site's name.
    pub title: Option<String>,
    /// The author.
    pub byline: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The newest telling date: reviewed, else modified, else published.
    pub date: Option<Dated>,
    /// The page's own address: its canonical link, else `og:url`.
    pub address: Option<String>,
}

/// Metadata Readability does not read, taken before the page is cleaned.
#[derive(Debug, Default)]
struct Extra {
    canonical: Option<String>,
    reviewed: Option<String>,
    first_h1: Option<String>,
}

/// Parses a whole page (already decoded to text).
pub fn parse(text: &str) -> Body {
    if flat::nesting(text) > flat::MAX_NESTING {
        let mut walker = Walker::new();
        super::paragraphs(text, &mut walker);
        let mut body = walker.finish();
        body.problems.push(TOO_DEEP.to_string());
        body.page = Some(PageMeta::default());
        return body;
    }
    let doc = Document::from(text);
    let extra = extra(&doc);
    chrome::remove(&doc);
    let mut meta = PageMeta::default();
    let mut found = None;
    // Too deep for Readability's recursion: the cleaned document is shown as it is.
    let (readability, too_deep) = if depth(&doc) > MAX_DEPTH {
        (None, Some(doc))
    } else {
        (Readability::with_document(doc, None, None).ok(), None)
    };
    if let Some(mut readability) = readability {
        let metadata = readability.get_article_metadata(readability.parse_json_ld());
        meta.title = Some(metadata.title).filter(|t| !t.trim().is_empty());
        meta.site = metadata.site_name;
        meta.address = metadata.url.filter(|u| is_absolute(u));
        let dates = [
            (extra.reviewed.as_deref(), DateKind::Reviewed),
            (metadata.modified_time.as_deref(), DateKind::Updated),
            (metadata.published_time.as_deref(), DateKind::Published),
        ];
        meta.date = dates
            .into_iter()
            .find_map(|(text, kind)| text.and_then(Date::parse).map(|date| Dated { date, kind }));
        meta.byline = metadata.byline;
        if let Ok(article) = readability.parse() {
            meta.byline = article.byline.or(meta.byline);
            let root = readability.doc.select("#readability-page-1");
            if let Some(root) = root.nodes().first() {
                let mut walker = Walker::new();
                emit(root, Mode::Page, &mut walker);
                found = Some(walker.finish()).filter(|b| text_chars(b) >= MIN_ARTICLE_CHARS);
            }
        }
    }
    meta.address = extra.canonical.or(meta.address);
    meta.byline = meta
        .byline
        .map(|b| collapse(&b))
        .filter(|b| !b.is_empty() && b.chars().count() <= MAX_BYLINE);
    tidy_title(&mut meta, extra.first_h1.as_deref());
    let mut body = found.unwrap_or_else(|| {
        let mut body = if let Some(doc) = &too_deep {
            visible(doc)
        } else {
            // Readability changed the document it was given: the page is read again.
            let doc = Document::from(text);
            chrome::remove(&doc);
            visible(&doc)
        };
        body.problems.push(if too_deep.is_some() { TOO_DEEP } else { NO_ARTICLE }.to_string());
        body
    });
    body.page = Some(meta);
    body
}

/// The visible text of a page whose chrome is removed: what is shown when no article is found.
fn visible(doc: &Document) -> Body {
    let mut walker = Walker::new();
    if let Some(body) = doc.body() {
        emit(&body, Mode::Visible, &mut walker);
    }
    walker.finish()
}

/// How deeply the document's elements nest, by a walk with no recursion.
fn depth(doc: &Document) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut node = doc.root().first_child();
    while let Some(current) = node {
        if let Some(child) = current.first_child() {
            depth += 1;
            deepest = deepest.max(depth);
            node = Some(child);
            continue;
        }
        let mut up = Some(current);
        node = None;
        while let Some(at) = up {
            if let Some(next) = at.next_sibling() {
                node = Some(next);
                break;
            }
            up = at.parent();
            depth = depth.saturating_sub(1);
        }
    }
    deepest
}

/// Characters of text in a body (headings and blocks).
fn text_chars(body: &Body) -> usize {
    let mut n = 0;
    for section in &body.sections {
        n += section.title.chars().count();
        for_each_text(&section.blocks, &mut |t| n += t.trim().chars().count());
    }
    n
}

/// Reads the canonical link, a reviewed date and the first `<h1>`.
fn extra(doc: &Document) -> Extra {
    let canonical = doc.select("link[rel~=canonical][href]").attr("href");
    let canonical = canonical.map(|c| c.trim().to_string()).filter(|c| is_absolute(c));
    let reviewed = doc
        .select(
            "meta[name=last-reviewed][content], meta[name=lastreviewed][content], \
                 meta[itemprop=lastReviewed][content]",
        )
        .attr("content")
        .map(|c| c.to_string())
        .or_else(|| {
            let scripts = doc.select("script[type='application/ld+json']");
            scripts.nodes().iter().find_map(|s| json_ld_reviewed(&s.text()))
        });
    let first_h1 = Some(collapse(&doc.select_single("h1").text())).filter(|h| !h.is_empty());
    Extra { canonical, reviewed, first_h1 }
}

/// schema.org's `lastReviewed` anywhere in a JSON-LD block (health pages put it on their
/// `MedicalWebPage`).
fn json_ld_reviewed(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    let mut todo = vec![&value];
    while let Some(value) = todo.pop() {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(date)) = map.get("lastReviewed") {
                    return Some(date.clone());
                }
                todo.extend(map.values());
            }
            serde_json::Value::Array(items) => todo.extend(items),
            _ => {}
        }
    }
    None
}

/// `<title>` often ends with the site's name (`Flu | Health Portal`): when the page's first
/// heading is the part before a separator, the title is that heading and the rest, if no
/// site name was given, is the site.
fn tidy_title(meta: &mut PageMeta, first_h1: Option<&str>) {
    let title = meta.title.as_deref().map(collapse).unwrap_or_default();
    meta.title = Some(title.clone()).filter(|t| !t.is_empty());
    let Some(h1) = first_h1 else { return };
    let Some(rest) = title.strip_prefix(h1) else { return };
    let separators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];
    let Some(site) = separators.iter().find_map(|s| rest.strip_prefix(s)) else { return };
    meta.title = Some(h1.to_string());
    if meta.site.is_none() && !site.trim().is_empty() {
        meta.site = Some(site.trim().to_string());
    }
}

/// True for an address with a web scheme.
fn is_absolute(address: &str) -> bool {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
