//! Every `CommonMark` 0.31.2 example parsed and laid out at 1, 20, 80 and 200 columns: the
//! layout never panics, no line is wider than the column, nothing drawn is a control or bidi
//! override character, and every word of the reference HTML's visible text is drawn.
//!
//! `tests/commonmark_model.rs` shows the words reach the model; this shows they survive
//! layout, code included (it is wrapped, never cut). Drawn text here leaves out decorations
//! (bars, markers, borders, rules, code continuation marks), link addresses and image
//! placeholders: the reference HTML shows none of them, and a link address drawn between `foo`
//! and `bar` in `[foo](/u)bar` would split the word `foobar`.

mod support;

use salve::article::{Format, Origin, parse_str};
use salve::layout::{Kind, Layout, layout};
use support::commonmark::{EXCLUDED, examples, visible_text};
use support::drawn::{self, body, contains_units, drawn_text, drawn_units, forbidden_char};

const WIDTHS: [u16; 4] = [1, 20, 80, 200];

/// Below this width words may be broken across lines; from it up, every word of every example
/// fits and must be drawn whole.
const WHOLE_FROM: usize = 80;

/// Kinds whose text the reference HTML also shows.
fn shown(kind: Kind) -> bool {
    !drawn::is_decoration(kind) && !matches!(kind, Kind::Url | Kind::Image)
}

/// Problems with one example at one width, empty when there are none.
fn check(number: u64, html: &str, l: &Layout, stats: &mut Stats) -> Vec<String> {
    let width = usize::from(l.width);
    let mut problems = Vec::new();
    if let Some(line) = l.lines.iter().find(|line| line.width() > width) {
        problems.push(format!("{:?} wider than {width}", line.text()));
    }
    if let Some((i, c)) = forbidden_char(l) {
        problems.push(format!("{c:?} drawn on line {i}"));
    }
    if EXCLUDED.iter().any(|(n, _)| *n == number) {
        return problems;
    }
    let lines = body(l);
    let text = drawn_text(lines, shown);
    let squeezed = drawn_units(lines, shown);
    for word in visible_text(html).split_whitespace() {
        if text.contains(word) {
            stats.whole += 1;
        } else if width < WHOLE_FROM && contains_units(&squeezed, &drawn::units(word)) {
            // Broken across lines (or a wide character drawn as `…` at width 1).
            stats.broken += 1;
        } else {
            problems.push(format!("{word:?} not drawn"));
        }
    }
    problems
}

/// How the words were found, over all examples and widths.
#[derive(Debug, Default)]
struct Stats {
    /// Words drawn whole.
    whole: usize,
    /// Words found only with whitespace and decorations removed (narrow widths).
    broken: usize,
}

#[test]
fn every_example_lays_out_and_keeps_its_words() {
    let examples = examples();
    assert_eq!(examples.len(), 655);
    let mut failures = Vec::new();
    let mut stats = Stats::default();
    for ex in &examples {
        let name = format!("example-{}.md", ex.number);
        let article =
            parse_str(&name, Origin::Bundled("commonmark"), Format::Markdown, &ex.markdown);
        for width in WIDTHS {
            let l = layout(&article, width);
            let problems = check(ex.number, &ex.html, &l, &mut stats);
            if !problems.is_empty() {
                failures.push(format!(
                    "example {} at width {width}: {}\n{}",
                    ex.number,
                    problems.join("; "),
                    salve::layout::to_plain(&l)
                ));
            }
        }
    }
    eprintln!("{stats:?}");
    // Guards against the checks silently checking nothing.
    assert!(stats.whole > 4_000 && stats.broken > 500, "{stats:?}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
