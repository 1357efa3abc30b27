//! Saved pages and HTML in Markdown into the article model: sections, tables, link targets,
//! metadata, charsets; and for any HTML whatever, no panic and no control character.

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use salve::article::{
    Article, Block, DateKind, Format, Inline, Origin, Span, for_each_text, parse_str,
};
use salve::sanitize::is_clean;

fn page(html: &str) -> Article {
    parse_str("page.html", Origin::Bundled("page.html"), Format::Html, html)
}

fn fixture(name: &str) -> anyhow::Result<Article> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html").join(name);
    salve::library::read_article(&path).map_err(anyhow::Error::msg)
}

/// Every span of the article, in order.
/// The article's text, its spans joined.
fn text_of(article: &Article) -> String {
    spans(article).iter().map(|s| s.text.as_str()).collect()
}

fn spans(article: &Article) -> Vec<Span> {
    fn walk(blocks: &[Block], out: &mut Vec<Span>) {
        for block in blocks {
            match block {
                Block::Paragraph(spans) => out.extend(spans.iter().cloned()),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, out)),
                Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => walk(inner, out),
                Block::Table(t) => {
                    out.extend(t.head.iter().chain(t.rows.iter().flatten()).flatten().cloned());
                }
                Block::Code { .. } | Block::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    article.sections.iter().for_each(|s| walk(&s.blocks, &mut out));
    out
}

/// True when every string of the article that can reach the terminal is clean.
fn all_clean(article: &Article) -> bool {
    let meta = &article.meta;
    let fields =
        [Some(&meta.title), meta.byline.as_ref(), meta.site.as_ref(), meta.address.as_ref()];
    let mut clean = fields.iter().flatten().all(|f| is_clean(f) && !f.contains('\n'));
    clean &= article.problems.iter().all(|n| is_clean(n));
    for section in &article.sections {
        clean &= is_clean(&section.title);
        for_each_text(&section.blocks, &mut |t| clean &= is_clean(t));
    }
    clean
        && spans(article)
            .iter()
            .filter_map(|s| s.link.as_deref())
            .all(|l| is_clean(l) && !l.contains('\n'))
}

#[test]
fn links_carry_their_targets_and_only_absolute_addresses_are_shown() -> anyhow::Result<()> {
    let article = fixture("links.html")?;
    let links: Vec<(String, Option<String>)> = spans(&article)
        .into_iter()
        .filter(|s| s.style.contains(Inline::LINK) || s.style.contains(Inline::URL))
        .map(|s| (s.text, s.link.as_deref().map(str::to_string)))
        .collect();
    let target = |t: &str| Some(t.to_string());
    assert_eq!(
        links,
        [
            ("how much paracetamol to give".into(), target("tables.html#how-much-to-give")),
            (
                "fact sheet from the health agency".into(),
                target("https://www.who.example/fact-sheets/dehydration")
            ),
            ("https://www.who.example/fact-sheets/dehydration".into(), None),
            ("the top of the page".into(), target("#top")),
        ]
    );
    Ok(())
}

#[test]
fn links_in_markdown_and_its_html_carry_targets_too() {
    let md = "See [the guide](guide.md#dose) or <a href=\"other.html\">that page</a>.\n";
    let a = parse_str("a.md", Origin::Bundled("a.md"), Format::Markdown, md);
    let linked: Vec<(String, Option<Arc<str>>)> =
        spans(&a).into_iter().filter(|s| s.link.is_some()).map(|s| (s.text, s.link)).collect();
    assert_eq!(
        linked,
        [
            ("the guide".into(), Some("guide.md#dose".into())),
            ("that page".into(), Some("other.html".into()))
        ]
    );
}

#[test]
fn headings_become_sections_at_every_nesting() -> anyhow::Result<()> {
    let article = fixture("nested-sections.html")?;
    let titles: Vec<(u8, &str)> =
        article.sections.iter().map(|s| (s.level, s.title.as_str())).collect();
    assert_eq!(
        titles,
        [
            (0, ""),
            (2, "Overview"),
            (3, "Who is at risk"),
            (4, "Risk in pregnancy"),
            (2, "Treatment"),
            (3, "Checking your blood sugar"),
        ]
    );
    Ok(())
}

#[test]
fn a_data_table_is_a_table_and_a_layout_table_is_not() -> anyhow::Result<()> {
    let article = fixture("tables.html")?;
    let tables: Vec<_> = article
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .collect();
    assert_eq!(tables.len(), 1, "only the dose table: {:#?}", article.sections);
    let head: Vec<String> =
        tables[0].head.iter().map(|c| c.iter().map(|s| s.text.as_str()).collect()).collect();
    assert_eq!(head, ["Age", "How much", "How often"]);
    assert_eq!(tables[0].rows.len(), 3);
    Ok(())
}

#[test]
fn metadata_fills_the_card() -> anyhow::Result<()> {
    let meta = fixture("metadata.html")?.meta;
    assert_eq!(meta.title, "Shingles vaccine: who can have it");
    assert_eq!(meta.byline.as_deref(), Some("Dr Morgan Ellis"));
    assert_eq!(meta.site.as_deref(), Some("City Health Service"));
    assert_eq!(meta.address.as_deref(), Some("https://health.example.org/vaccines/shingles"));
    let dated = meta.date.map(|d| (d.kind, d.date.to_string()));
    assert_eq!(dated, Some((DateKind::Reviewed, "2018-11-20".into())), "reviewed beats published");
    assert!(meta.loaded_on.is_some(), "the library records the day it read the file");
    Ok(())
}

#[test]
fn a_declared_latin1_charset_is_decoded() -> anyhow::Result<()> {
    let article = fixture("latin1.html")?;
    assert_eq!(article.meta.title, "Les taches café au lait");
    assert!(article.problems.is_empty(), "{:?}", article.problems);
    let text: String = spans(&article).iter().map(|s| s.text.as_str()).collect();
    assert!(text.contains("présentes à la naissance") && !text.contains('\u{fffd}'), "{text}");
    Ok(())
}

#[test]
fn a_page_without_an_article_says_so_and_keeps_its_text() {
    let a = page(
        "<html><head><title>App</title></head><body><div id=root></div>\
                  <noscript>Turn on JavaScript to see this page.</noscript></body></html>",
    );
    assert_eq!(a.problems, [salve::article::html::NO_ARTICLE]);
    assert_eq!(a.meta.title, "App");
    let text = text_of(&a);
    assert_eq!(text, "Turn on JavaScript to see this page.");
}

#[test]
fn a_hostile_nesting_is_read_as_text_quickly_enough_to_finish() {
    let deep = format!(
        "<body>{}<p>deep words</p>{}</body>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let a = page(&deep);
    assert_eq!(a.problems, [salve::article::html::TOO_DEEP]);
    let text = text_of(&a);
    assert_eq!(text, "deep words");
    // Deep enough for Readability's recursion, not for the flat reading: the cleaned page is
    // shown as it is.
    let deep = format!(
        "<body><nav>Menu</nav>{}<p>deep words</p>{}</body>",
        "<div>".repeat(1_000),
        "</div>".repeat(1_000)
    );
    let a = page(&deep);
    assert_eq!(a.problems, [salve::article::html::TOO_DEEP]);
    let text = text_of(&a);
    assert_eq!(text, "deep words", "the menu removed, the words kept");
    let md = format!("<div>\n{}deep md words\n", "<span>".repeat(200_000));
    let a = parse_str("d.md", Origin::Bundled("d.md"), Format::Markdown, &md);
    assert!(spans(&a).iter().any(|s| s.text.contains("deep md words")));
}

/// Pieces of HTML to build hostile pages from: tags of every kind, entities (escape characters
/// among them), broken markup and raw control characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z &;#<>/=\"'\u{1b}\u{7}\u{9b}\u{202e}\t\n]{0,12}",
        Just("<h2>".to_string()),
        Just("</h2>".to_string()),
        Just("<p>".to_string()),
        Just("<ul><li>".to_string()),
        Just("</li></ul>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td><th>".to_string()),
        Just("</table>".to_string()),
        Just("<blockquote>".to_string()),
        Just("<pre>".to_string()),
        Just("<code>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<a href=\"&#27;]52;c;x&#7;\">".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<img alt=\"&#x1b;[2J\">".to_string()),
        Just("<nav>".to_string()),
        Just("<br>".to_string()),
        Just("&#27;[31m".to_string()),
        Just("&#x9b;&#0;&#xD800;&NotEqualTilde;".to_string()),
        Just("<title>&#27;t</title>".to_string()),
        Just("<meta name=author content=\"&#27;[1m\">".to_string()),
        Just("<link rel=canonical href=\"https://x/&#10;&#27;\">".to_string()),
        Just("<!-- c".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any HTML, as a page or inside Markdown, parses without panicking into clean text.
    #[test]
    fn any_html_is_read_without_panic_or_control_characters(
        pieces in proptest::collection::vec(piece(), 0..40)
    ) {
        let html = pieces.concat();
        let article = page(&html);
        prop_assert!(all_clean(&article), "{:?}", article);
        let md = format!("# T\n\n{html}\n\npara {html} end\n");
        let article = parse_str("p.md", Origin::Bundled("p.md"), Format::Markdown, &md);
        prop_assert!(all_clean(&article), "{:?}", article);
    }
}

#[test]
fn a_script_address_is_no_link_in_a_page_or_in_html_inside_markdown() {
    let html = r#"<p>Run <a href=" JavaScript:alert(1)">this</a> or read <a href="https://nih.gov">NIH</a>.</p>"#;
    // Within a paragraph of Markdown (inline HTML), not an HTML block.
    let md =
        format!("# Doc\n\nText: {}\n", html.trim_start_matches("<p>").trim_end_matches("</p>"));
    for article in [
        page(&format!("<body>{html}</body>")),
        parse_str("d.md", Origin::Bundled("d.md"), Format::Markdown, &md),
    ] {
        let links: Vec<String> = spans(&article)
            .iter()
            .filter_map(|s| s.link.as_ref().map(|l| format!("{}={l}", s.text)))
            .collect();
        assert_eq!(links, ["NIH=https://nih.gov"], "{:?}", article.origin);
    }
}
