//! Unit tests for the Markdown walker: one per block kind and inline feature, plus the
//! hostile-input cases (deep nesting, huge documents, escape characters made by entities).

use super::*;
use crate::article::{Block, for_each_text};
use crate::sanitize::is_clean;

fn sections(md: &str) -> Vec<Section> {
    parse(md).sections
}

/// The blocks of a document with no headings.
fn blocks(md: &str) -> Vec<Block> {
    let mut s = sections(md);
    assert_eq!(s.len(), 1, "expected only a lead section: {s:?}");
    assert_eq!(s[0].level, 0);
    s.remove(0).blocks
}

/// The spans of a document that is one paragraph.
fn spans(md: &str) -> Vec<Span> {
    match blocks(md).as_slice() {
        [Block::Paragraph(spans)] => spans.clone(),
        other => panic!("expected one paragraph, got {other:?}"),
    }
}

fn plain(text: &str) -> Span {
    Span::plain(text)
}

fn styled(text: &str, style: Inline) -> Span {
    Span::styled(text, style)
}

fn linked(text: &str, style: Inline, target: &str) -> Span {
    Span::linked(text, style, target)
}

fn para(text: &str) -> Block {
    Block::Paragraph(vec![plain(text)])
}

/// All text of all sections, titles included, joined by spaces.
fn all_text(sections: &[Section]) -> String {
    let mut out = String::new();
    for s in sections {
        out.push_str(&s.title);
        out.push(' ');
        for_each_text(&s.blocks, &mut |t| {
            out.push_str(t);
            out.push(' ');
        });
    }
    out
}

/// Depth of container nesting (a list and its items count as one level).
fn depth(blocks: &[Block]) -> usize {
    // Iterative, so measuring a broken (too deep) result cannot itself overflow the stack.
    let mut deepest = 0;
    let mut todo: Vec<(&[Block], usize)> = vec![(blocks, 1)];
    while let Some((blocks, d)) = todo.pop() {
        for b in blocks {
            match b {
                Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => {
                    deepest = deepest.max(d);
                    todo.push((inner, d + 1));
                }
                Block::List { items, .. } => {
                    deepest = deepest.max(d);
                    todo.extend(items.iter().map(|i| (i.blocks.as_slice(), d + 1)));
                }
                _ => {}
            }
        }
    }
    deepest
}

#[test]
fn lead_section_then_headings_of_both_kinds() {
    let s = sections("intro\n\n# One\n\ntext\n\nTwo *styled*\n---\n\n###### Six\n");
    let heads: Vec<_> = s.iter().map(|s| (s.title.as_str(), s.level)).collect();
    assert_eq!(heads, [("", 0), ("One", 1), ("Two styled", 2), ("Six", 6)]);
    assert_eq!(s[0].blocks, [para("intro")]);
    assert_eq!(s[1].blocks, [para("text")]);
    assert!(s[3].blocks.is_empty());
}

#[test]
fn empty_lead_is_omitted_and_empty_document_has_no_sections() {
    let s = sections("\n\n# Only\n");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].title, "Only");
    assert!(sections("").is_empty());
}

#[test]
fn duplicate_headings_stay_separate_sections() {
    let s = sections("## Dose\na\n## Dose\nb\n");
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|s| s.title == "Dose" && s.anchor.is_empty()));
}

#[test]
fn heading_styles_links_and_note_refs_flatten() {
    let s = sections("# A **b** `c` [d](http://e) ![f](g.png)[^n]\n\n[^n]: note\n");
    assert_eq!(s[0].title, "A b c d f");
}

#[test]
fn heading_inside_a_quote_stays_in_the_quote() {
    let b = blocks("> # Inside\n> text\n");
    assert_eq!(
        b,
        [Block::Quote(vec![
            Block::Paragraph(vec![styled("Inside", Inline::STRONG)]),
            para("text"),
        ])]
    );
}

#[test]
fn inline_styles() {
    assert_eq!(
        spans("a *b* **c** ~~d~~ `e` ***f***"),
        [
            plain("a "),
            styled("b", Inline::EMPH),
            plain(" "),
            styled("c", Inline::STRONG),
            plain(" "),
            styled("d", Inline::STRIKE),
            plain(" "),
            styled("e", Inline::CODE),
            plain(" "),
            styled("f", Inline::EMPH | Inline::STRONG),
        ]
    );
}

#[test]
fn breaks_soft_is_space_hard_is_newline() {
    assert_eq!(spans("a\nb  \nc\\\nd"), [plain("a b\nc\nd")]);
}

#[test]
fn links_get_their_address_after_the_text() {
    assert_eq!(
        spans("see [*the* guide](https://x.org/g)."),
        [
            plain("see "),
            linked("the", Inline::LINK | Inline::EMPH, "https://x.org/g"),
            linked(" guide", Inline::LINK, "https://x.org/g"),
            styled("https://x.org/g", Inline::URL),
            plain("."),
        ]
    );
}

#[test]
fn link_address_skipped_when_it_adds_nothing() {
    let link = Inline::LINK;
    assert_eq!(spans("<https://a.org>"), [linked("https://a.org", link, "https://a.org")]);
    assert_eq!(spans("<me@a.org>"), [linked("me@a.org", link, "mailto:me@a.org")]);
    let same = spans("[https://a.org](https://a.org)");
    assert_eq!(same, [linked("https://a.org", link, "https://a.org")]);
    assert_eq!(spans("[up](#top)"), [linked("up", link, "#top")]);
    // An empty address leads nowhere: link text without a target.
    assert_eq!(spans("[none]()"), [styled("none", link)]);
}

#[test]
fn reference_links_resolve() {
    assert_eq!(
        spans("[text][r]\n\n[r]: https://r.org"),
        [linked("text", Inline::LINK, "https://r.org"), styled("https://r.org", Inline::URL)]
    );
}

#[test]
fn images_are_alt_text_in_one_span() {
    assert_eq!(
        spans("![a *b* `c`](x.png) ![](y.png)"),
        [styled("a b c", Inline::IMAGE), plain(" "), styled("", Inline::IMAGE)]
    );
    assert_eq!(
        spans("[![alt](i.png)](https://l.org)"),
        [
            linked("alt", Inline::IMAGE | Inline::LINK, "https://l.org"),
            styled("https://l.org", Inline::URL)
        ]
    );
}

#[test]
fn footnotes_reference_and_definition() {
    let b = blocks("Text[^1].\n\n[^1]: The *note*.\n");
    assert_eq!(
        b,
        [
            Block::Paragraph(vec![plain("Text"), styled("1", Inline::NOTE_REF), plain(".")]),
            Block::Footnote {
                label: "1".into(),
                blocks: vec![Block::Paragraph(vec![
                    plain("The "),
                    styled("note", Inline::EMPH),
                    plain("."),
                ])],
            },
        ]
    );
}

#[test]
fn footnote_definition_stays_in_its_section() {
    let s = sections("# A\nx[^n]\n\n[^n]: in a\n\n# B\ny\n");
    assert!(matches!(s[0].blocks.last(), Some(Block::Footnote { label, .. }) if label == "n"));
    assert_eq!(s[1].blocks, [para("y")]);
}

#[test]
fn tight_and_loose_lists() {
    let tight = Block::List { start: None, items: vec![item(None, "a"), item(None, "b")] };
    assert_eq!(blocks("- a\n- b\n"), [tight]);
    let loose = Block::List { start: Some(3), items: vec![item(None, "a"), item(None, "b")] };
    assert_eq!(blocks("3. a\n\n4. b\n"), [loose]);
}

fn item(task: Option<bool>, text: &str) -> ListItem {
    ListItem { task, blocks: vec![para(text)] }
}

#[test]
fn tight_item_text_is_split_from_its_sublist() {
    let inner = Block::List { start: None, items: vec![item(None, "b")] };
    let outer = Block::List {
        start: None,
        items: vec![ListItem { task: None, blocks: vec![para("a"), inner] }],
    };
    assert_eq!(blocks("- a\n  - b\n"), [outer]);
}

#[test]
fn task_lists() {
    let list = Block::List {
        start: None,
        items: vec![item(Some(true), "done"), item(Some(false), "todo"), item(None, "plain")],
    };
    assert_eq!(blocks("- [x] done\n- [ ] todo\n- plain\n"), [list]);
}

#[test]
fn heading_inside_a_list_item_is_bold_text() {
    let b = blocks("- # Head\n  body\n");
    let item = ListItem {
        task: None,
        blocks: vec![Block::Paragraph(vec![styled("Head", Inline::STRONG)]), para("body")],
    };
    assert_eq!(b, [Block::List { start: None, items: vec![item] }]);
}

#[test]
fn nested_quotes() {
    assert_eq!(
        blocks("> a\n>\n> > b\n"),
        [Block::Quote(vec![para("a"), Block::Quote(vec![para("b")])])]
    );
}

#[test]
fn gfm_alert_quote_gets_a_label() {
    assert_eq!(
        blocks("> [!WARNING]\n> Do not mix.\n"),
        [Block::Quote(vec![
            Block::Paragraph(vec![styled("Warning", Inline::STRONG)]),
            para("Do not mix."),
        ])]
    );
}

#[test]
fn code_blocks_fenced_and_indented() {
    assert_eq!(
        blocks("```rust ignore\nfn main() {}\n\n```\n\n    indented\n    \tx\n"),
        [
            Block::Code { lang: "rust".into(), text: "fn main() {}\n".into() },
            Block::Code { lang: String::new(), text: "indented\n    x".into() },
        ]
    );
}

#[test]
fn tables() {
    let b = blocks("| a | *b* |\n|:--|--:|\n| 1 | 2 |\n| 3 |\n");
    let expected = Table {
        aligns: vec![Align::Left, Align::Right],
        head: vec![vec![plain("a")], vec![styled("b", Inline::EMPH)]],
        rows: vec![vec![vec![plain("1")], vec![plain("2")]], vec![vec![plain("3")], vec![]]],
    };
    assert_eq!(b, [Block::Table(expected)]);
}

#[test]
fn thematic_break() {
    assert_eq!(blocks("a\n\n***\n\nb"), [para("a"), Block::Rule, para("b")]);
}

#[test]
fn html_block_becomes_text_without_tags() {
    let b = blocks(
        "<div class=\"x\">\n<p>Keep &amp; read</p>\n<script>evil()</script>\n<!-- c -->\n</div>\n",
    );
    assert_eq!(b, [para("Keep & read")]);
}

#[test]
fn inline_html_tags_removed_script_dropped() {
    assert_eq!(spans("a <b>bold</b> <script>x()</script>c"), [plain("a bold c")]);
    assert_eq!(spans("a <!-- hidden --> b"), [plain("a  b")]);
    let b = blocks("a<style>`code`[^n]</style>b\n\n[^n]: x");
    assert_eq!(b.first(), Some(&para("ab")));
}

#[test]
fn unclosed_inline_script_drops_only_its_paragraph() {
    let b = blocks("a <script> gone\n\nback");
    assert_eq!(b, [para("a "), para("back")]);
}

#[test]
fn front_matter_is_captured_not_shown() {
    let body = parse("---\ntitle: T\ntags: [a]\n---\n# H\n");
    assert_eq!(body.front_matter.as_deref().map(str::trim_end), Some("title: T\ntags: [a]"));
    assert_eq!(body.sections.len(), 1);
    assert!(parse("# H\n").front_matter.is_none());
}

#[test]
fn entity_encoded_escape_is_sanitized_everywhere() {
    let md = "# T&#27;[2J\n\nx &#27;]52;c;AAAA&#7; [l&#27;](u&#27;) ![a&#x9b;](i)\n\n\
              <p>&#27;[31m</p>\n\n- [&#27;]\n\n| h&#27; |\n|--|\n| c&#27; |\n\n\
              ```l&#27;\nraw \u{1b} esc\n```\n\n[^&#27;]: n&#27;\n";
    let s = sections(md);
    assert!(is_clean(&s[0].title), "{:?}", s[0].title);
    let mut seen = 0;
    for_each_text(&s[0].blocks, &mut |t| {
        seen += 1;
        assert!(is_clean(t), "{t:?}");
        assert!(!t.contains('\u{1b}'));
    });
    assert!(seen > 8);
    assert!(all_text(&s).contains('\u{241b}'));
    let code_lang_clean = s[0].blocks.iter().all(|b| match b {
        Block::Code { lang, .. } => is_clean(lang),
        Block::Footnote { label, .. } => is_clean(label),
        _ => true,
    });
    assert!(code_lang_clean);
}

#[test]
fn tabs_in_body_text_expand() {
    assert_eq!(spans("a\tb"), [plain("a   b")]);
}

#[test]
fn deep_quotes_are_flattened_and_keep_their_text() {
    let md = format!("{} deep words\n", ">".repeat(20_000));
    let s = sections(&md);
    assert_eq!(depth(&s[0].blocks), MAX_DEPTH);
    assert!(all_text(&s).contains("deep words"));
}

#[test]
fn deep_lists_are_flattened_and_keep_their_text() {
    let md = format!("{}deepest item\n", "- ".repeat(3_000));
    let s = sections(&md);
    assert!(depth(&s[0].blocks) <= MAX_DEPTH);
    assert!(all_text(&s).contains("deepest item"));

    let mut md = String::new();
    for level in 0..300 {
        md.push_str(&"  ".repeat(level));
        md.push_str("- [x] item");
        md.push_str(&level.to_string());
        md.push('\n');
    }
    let s = sections(&md);
    assert!(depth(&s[0].blocks) <= MAX_DEPTH);
    let text = all_text(&s);
    assert!(text.contains("item0 ") && text.contains("[x] item299 "), "{}", &text[..200]);
}

#[test]
fn content_after_deep_nesting_returns_to_the_top() {
    let md = format!("{} deep\n\nafter\n", ">".repeat(100));
    let s = sections(&md);
    assert_eq!(s[0].blocks.last(), Some(&para("after")));
}

#[test]
fn big_documents_parse() {
    let line = "word ".repeat(600_000);
    assert_eq!(spans(&line).len(), 1);
    let mut many = String::new();
    for i in 0..30_000 {
        many.push_str("## H");
        many.push_str(&i.to_string());
        many.push_str("\ntext\n");
    }
    assert_eq!(sections(&many).len(), 30_000);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any mix of Markdown punctuation parses without panicking into clean text.
    #[test]
    fn arbitrary_markdown_never_panics_and_stays_clean(
        md in "[#>*_`~\\[\\]()!<>&;:|^\\\\/ \n\t\u{1b}a-c1-2-.=\"'x-]{0,200}"
    ) {
        let s = sections(&md);
        for section in &s {
            proptest::prop_assert!(is_clean(&section.title));
            let mut clean = true;
            for_each_text(&section.blocks, &mut |t| clean &= is_clean(t));
            proptest::prop_assert!(clean);
            proptest::prop_assert!(depth(&section.blocks) <= MAX_DEPTH);
        }
    }
}
