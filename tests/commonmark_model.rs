//! Every `CommonMark` 0.31.2 example through the Markdown pipeline: nothing panics, and every
//! visible word of the reference HTML reaches the article model, sanitized.

mod support;

use salve::article::{Block, Format, Inline, Origin, Section, Span, for_each_text, parse_str};
use salve::sanitize::is_clean;
use support::commonmark::{EXCLUDED, examples, visible_text};

/// The model's text: titles and block text glued without separators, so a word split across
/// spans (`foo*bar*`) is still found whole. Link addresses are left out: they are salve's
/// addition, and glued to the link text they would split the words that follow.
fn model_text(sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections {
        out.push_str(&section.title);
        out.push('\n');
        let mut todo: Vec<&[Block]> = vec![&section.blocks];
        while let Some(blocks) = todo.pop() {
            for block in blocks {
                match block {
                    Block::Paragraph(spans) => push_spans(&mut out, spans),
                    Block::Table(t) => {
                        t.head
                            .iter()
                            .chain(t.rows.iter().flatten())
                            .for_each(|c| push_spans(&mut out, c));
                    }
                    Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => todo.push(inner),
                    Block::List { items, .. } => {
                        todo.extend(items.iter().map(|i| i.blocks.as_slice()));
                    }
                    other => for_each_text(std::slice::from_ref(other), &mut |t| out.push_str(t)),
                }
                out.push('\n');
            }
        }
    }
    out
}

fn push_spans(out: &mut String, spans: &[Span]) {
    for span in spans.iter().filter(|s| !s.style.contains(Inline::URL)) {
        out.push_str(&span.text);
    }
}

#[test]
fn every_example_parses_and_keeps_its_words() {
    let examples = examples();
    assert_eq!(examples.len(), 655);
    let mut failures = Vec::new();
    for ex in &examples {
        let name = format!("example-{}.md", ex.number);
        let article =
            parse_str(&name, Origin::Bundled("commonmark"), Format::Markdown, &ex.markdown);
        for section in &article.sections {
            assert!(is_clean(&section.title), "example {}: {:?}", ex.number, section.title);
            for_each_text(&section.blocks, &mut |t| {
                assert!(is_clean(t), "example {}: {t:?}", ex.number);
            });
        }
        if EXCLUDED.iter().any(|(n, _)| *n == ex.number) {
            continue;
        }
        let text = model_text(&article.sections);
        let missing: Vec<_> = visible_text(&ex.html)
            .split_whitespace()
            .filter(|w| !text.contains(w))
            .map(String::from)
            .collect();
        if !missing.is_empty() {
            failures.push(format!("example {}: missing {missing:?}\n  in {text:?}", ex.number));
        }
    }
    assert!(
        failures.is_empty(),
        "{} examples lost words:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
