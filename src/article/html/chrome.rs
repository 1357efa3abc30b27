//! What a saved page wraps its article in, removed before the article is looked for: menus,
//! site headers and footers, cookie and consent banners, share bars, comment threads,
//! newsletter boxes, advertisements, forms, hidden elements.
//!
//! Readability finds the main content by scoring, and on a small page it relaxes its own
//! cleaning until enough text is left, which can let a cookie banner back in. Taking the
//! unmistakable chrome out first keeps it out whatever Readability decides. A name alone is
//! not enough to remove an element that holds the article: anything whose name also says
//! "content" or "article", that contains the page's `<main>` or `<article>`, or that holds
//! most of the page's text stays.

use dom_query::{Document, NodeRef, Selection};

/// Removed wherever they are.
const ALWAYS: &str = "script, style, template, nav, form, button, input, select, option, \
    textarea, dialog, iframe, object, embed, svg, canvas, audio, video, map, [hidden], \
    [role=navigation], [role=search], \
    [role=dialog], [role=alertdialog], [aria-modal=true], [role=banner], [role=contentinfo]";

/// Removed unless inside the article (an article has its own header and asides).
const OUTSIDE_ARTICLE: &str = "header, footer, aside, [role=complementary]";

/// Words in an `id` or `class` that name page chrome.
const CHROME_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "onetrust",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "comment",
    "disqus",
    "advert",
    "sponsor",
    "promo",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "popup",
    "banner",
    "masthead",
    "menu",
    "navbar",
    "toolbar",
    "related",
    "recommend",
];

/// Words in an `id` or `class` that say an element may be the article after all.
const CONTENT_WORDS: &[&str] =
    &["article", "content", "main", "body", "story", "entry", "post", "text", "column"];

/// Removes the chrome from `doc`.
pub fn remove(doc: &Document) {
    for node in doc.select(ALWAYS).nodes() {
        if !holds_article(node) {
            node.remove_from_parent();
        }
    }
    for node in doc.select(OUTSIDE_ARTICLE).nodes() {
        let inside = node.ancestors_it(None).any(|a| a.has_name("article") || a.has_name("main"));
        if !inside && !holds_article(node) {
            node.remove_from_parent();
        }
    }
    let total = doc.body().map_or(0, |b| b.text().len());
    for node in doc.select("[id], [class], [style]").nodes() {
        if (named_chrome(node) || invisible(node))
            && !holds_article(node)
            && node.text().len() * 2 <= total
        {
            node.remove_from_parent();
        }
    }
}

/// True when the element's `id` or `class` names chrome and nothing in them names content.
fn named_chrome(node: &NodeRef<'_>) -> bool {
    let mut names = String::new();
    for value in [node.id_attr(), node.class()].into_iter().flatten() {
        names.push_str(&value.to_ascii_lowercase());
        names.push(' ');
    }
    if names.trim().is_empty() {
        return false;
    }
    let ad = names.split([' ', '-', '_']).any(|w| w == "ad" || w == "ads");
    (ad || CHROME_WORDS.iter().any(|w| names.contains(w)))
        && !CONTENT_WORDS.iter().any(|w| names.contains(w))
}

/// True for an element styled out of sight (`display: none`, `visibility: hidden`).
fn invisible(node: &NodeRef<'_>) -> bool {
    let Some(style) = node.attr("style") else { return false };
    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    let style = style.to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// True for `<html>`, `<body>`, `<main>`, `<article>` and anything containing one of those
/// last two (or a `role=main`): removing it would remove the article.
fn holds_article(node: &NodeRef<'_>) -> bool {
    let keep = ["html", "body", "main", "article"].iter().any(|n| node.has_name(n))
        || node.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"));
    keep || Selection::from(*node).select("main, article, [role=main]").exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let doc = Document::from(html);
        remove(&doc);
        doc.select("body").text().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn chrome_goes_the_article_stays() {
        let page = "<header>Site</header> <nav>Menu</nav>
            <div id=cookie-notice>We use cookies</div> <div class='share-bar'>Share</div>
            <article><header>Byline</header> <p>Text.</p> <aside>Key fact</aside></article>
            <section id=comments>Nice post!</section> <div class='ad slot'>Buy</div>
            <div style='display: none'>Hidden</div> <footer>Copyright</footer>";
        assert_eq!(cleaned(page), "Byline Text. Key fact");
    }

    #[test]
    fn a_wrapper_named_like_chrome_but_holding_the_article_stays() {
        let page = "<div class='page has-comments'><article><p>Kept.</p></article></div>
            <div class='social content-area'><p>Also kept.</p></div>";
        assert_eq!(cleaned(page), "Kept. Also kept.");
        let most = format!("<div class=promo><p>{}</p></div><p>x</p>", "word ".repeat(50));
        assert!(cleaned(&most).starts_with("word word"), "most of the text is not chrome");
    }
}
