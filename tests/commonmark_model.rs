//! Every `CommonMark` 0.31.2 example through the Markdown pipeline: nothing panics, and every
//! visible word of the reference HTML reaches the article model, sanitized.

use salve::article::{Block, Format, Inline, Origin, Section, Span, for_each_text, parse_str};
use salve::sanitize::is_clean;

/// Examples whose visible reference text legitimately does not reach the model, with why.
const EXCLUDED: &[(u64, &str)] = &[
    // `---` on the first line opens YAML front matter, which salve enables: `Foo` is metadata.
    (96, "front matter"),
];

#[derive(serde::Deserialize)]
struct Example {
    /// The example's number in the specification.
    #[serde(rename = "example")]
    number: u64,
    markdown: String,
    html: String,
}

fn examples() -> Vec<Example> {
    let json = include_str!("fixtures/commonmark/spec-0.31.2.json");
    match serde_json::from_str(json) {
        Ok(examples) => examples,
        Err(e) => panic!("fixture does not parse: {e}"),
    }
}

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

/// The text a browser would show for the reference HTML: tags, comments and `<script>`/
/// `<style>` bodies removed, the entities the reference renderer writes decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let entity = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"')]
                .into_iter()
                .find(|(name, _)| rest.starts_with(name));
            if let Some((name, c)) = entity {
                out.push(c);
                rest = &rest[name.len()..];
            } else {
                out.push('&');
                rest = &rest[1..];
            }
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if rest.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("<script"))
            || rest.get(..6).is_some_and(|s| s.eq_ignore_ascii_case("<style"))
        {
            let lower = rest.to_ascii_lowercase();
            let end = ["</script>", "</style>"]
                .into_iter()
                .filter_map(|close| lower.find(close).map(|i| i + close.len()))
                .min();
            rest = end.map_or("", |end| &rest[end..]);
        } else if let Some(instruction) = rest.strip_prefix("<?") {
            rest = instruction.find("?>").map_or("", |end| &instruction[end + 2..]);
        } else {
            let end = tag_end(rest);
            // A `<` that opens no tag (`a < b` inside raw HTML) is text.
            if rest[1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
            {
                rest = &rest[end..];
            } else {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte length of the tag at the start of `s`, quoted `>` skipped.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
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
