//! Open benchmarks: the whole path from Markdown text to a first screen (parse, lay out at 80
//! columns, draw one 120x40 frame), and each step on its own, for a generated 5 MB article and
//! for typical ones (a bundled article and the largest `MedQuAD` article, when the corpus is
//! there). Also the keys that must answer within a frame once the article is laid out: `G`
//! (jump to the end) and a resize to 40 columns.
//!
//! `SALVE_WRITE_MARKDOWN=path cargo bench --bench open` writes the generated 5 MB article to
//! `path` and exits, so `salve show` can be timed on the same text.

use divan::{Bencher, black_box};
use salve::action::Action;
use salve::article::{Article, Format, Origin, parse_str};
use salve::layout::layout;
use salve::library::BUNDLED;
use salve::ui::render_to_buffer;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    if let Some(path) = std::env::var_os("SALVE_WRITE_MARKDOWN") {
        if let Err(e) = std::fs::write(&path, &*BIG) {
            eprintln!("cannot write {}: {e}", Path::new(&path).display());
            std::process::exit(1);
        }
        return;
    }
    divan::main();
}

/// The column width the text gets on [`SCREEN`].
const COLUMN: u16 = 80;

mod support;
use support::{Rng, SCREEN, largest_medquad, open_app};

/// A paragraph of `count` words with some inline markup, wrapped at about 72 columns as
/// people write Markdown (so soft breaks are common).
fn paragraph(rng: &mut Rng, out: &mut String, count: usize) {
    let mut column = 0;
    for i in 0..count {
        if i > 0 {
            if column > 72 {
                out.push('\n');
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        let start = out.len();
        let word = rng.word();
        match rng.next(40) {
            0 => {
                out.push('*');
                out.push_str(word);
                out.push('*');
            }
            1 => {
                out.push_str("**");
                out.push_str(word);
                out.push_str("**");
            }
            2 => {
                out.push('`');
                out.push_str(word);
                out.push('`');
            }
            3 => {
                out.push('[');
                out.push_str(word);
                out.push_str("](https://example.org/health/");
                out.push_str(word);
                out.push(')');
            }
            _ => out.push_str(word),
        }
        column += out.len() - start;
    }
    out.push_str("\n\n");
}

/// A Markdown article of about `bytes` bytes: front matter, then `##` sections of paragraphs
/// with a list each, and now and then a quote, a code block, a table or a `###` subsection.
fn generated_markdown(bytes: usize) -> String {
    let mut rng = Rng(42);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("---\ntitle: \"Generated article\"\ntags: [bench, generated]\n---\n\n");
    let mut n = 0;
    while out.len() < bytes {
        n += 1;
        out.push_str(if n % 5 == 0 { "### " } else { "## " });
        rng.words_into(&mut out, 4);
        out.push_str("\n\n");
        for p in 0..4 {
            let count = 60 + rng.next(40);
            paragraph(&mut rng, &mut out, count);
            if p == 1 {
                for i in 0..4u8 {
                    if n % 2 == 0 {
                        out.push(char::from(b'1' + i));
                        out.push_str(". ");
                    } else {
                        out.push_str("- ");
                    }
                    rng.words_into(&mut out, 12);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
        if n % 7 == 0 {
            out.push_str("> ");
            rng.words_into(&mut out, 30);
            out.push_str("\n\n");
        }
        if n % 10 == 0 {
            out.push_str("```text\n");
            for _ in 0..8 {
                rng.words_into(&mut out, 10);
                out.push('\n');
            }
            out.push_str("```\n\n");
        }
        if n % 25 == 0 {
            for row in 0..7 {
                for _ in 0..4 {
                    out.push_str("| ");
                    rng.words_into(&mut out, 3);
                    out.push(' ');
                }
                out.push_str("|\n");
                if row == 0 {
                    out.push_str("|---|---|---|---|\n");
                }
            }
            out.push('\n');
        }
    }
    out
}

static BIG: LazyLock<String> = LazyLock::new(|| generated_markdown(5 * 1024 * 1024));

static MEDQUAD: LazyLock<Option<(PathBuf, String)>> = LazyLock::new(largest_medquad);

/// The text of the article a benchmark is named after, or `None` to skip it.
fn source(which: &str) -> Option<(String, Origin, &'static str)> {
    match which {
        "5mb" => Some(("big.md".into(), Origin::Bundled("big.md"), BIG.as_str())),
        "ketamine" => {
            let (name, text) = BUNDLED.iter().find(|(n, _)| *n == "ketamine-and-the-brain.md")?;
            Some(((*name).into(), Origin::Bundled(name), text))
        }
        "medquad" => {
            let Some((path, text)) = &*MEDQUAD else {
                eprintln!("medquad corpus not found: skipped");
                return None;
            };
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some((name, Origin::File(path.clone()), text.as_str()))
        }
        _ => None,
    }
}

fn parse(which: &str) -> Option<Article> {
    let (name, origin, text) = source(which)?;
    Some(parse_str(&name, origin, Format::Markdown, text))
}

const ARTICLES: [&str; 3] = ["5mb", "ketamine", "medquad"];

/// Parse, lay out and draw the first frame: what opening an article costs.
#[divan::bench(args = ARTICLES, sample_count = 20)]
fn first_screen(bencher: Bencher, which: &str) {
    let Some((name, origin, text)) = source(which) else { return };
    bencher.bench(|| {
        let article = parse_str(&name, origin.clone(), Format::Markdown, black_box(text));
        let app = open_app(article);
        let frame = render_to_buffer(&app, SCREEN.0, SCREEN.1);
        // Returned, so divan drops the app after timing: opening an article frees nothing.
        (app, frame)
    });
}

#[divan::bench(args = ARTICLES, sample_count = 20)]
fn parse_only(bencher: Bencher, which: &str) {
    let Some((name, origin, text)) = source(which) else { return };
    bencher.bench(|| parse_str(&name, origin.clone(), Format::Markdown, black_box(text)));
}

#[divan::bench(args = ARTICLES, sample_count = 20)]
fn layout_only(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    bencher.bench(|| layout(black_box(&article), COLUMN));
}

/// One frame after layout, at the top of the article.
#[divan::bench(args = ARTICLES)]
fn frame(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    let app = open_app(article);
    bencher.bench(|| render_to_buffer(black_box(&app), SCREEN.0, SCREEN.1));
}

/// `G`: jump to the end and draw the frame there.
#[divan::bench(args = ARTICLES)]
fn jump_to_end(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    let mut app = open_app(article);
    bencher.bench_local(|| {
        app.update(Action::Top);
        app.update(Action::Bottom);
        render_to_buffer(&app, SCREEN.0, SCREEN.1)
    });
}

/// Typing the last letter of a search query: every line is searched again, the view moves to
/// the first match, and the frame is drawn. This must stay within a frame for any article.
#[divan::bench(args = ARTICLES)]
fn search_keystroke(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    let mut app = open_app(article);
    app.update(Action::StartFind);
    for c in "brai".chars() {
        app.update(Action::Type(c));
    }
    bencher.bench_local(|| {
        app.update(Action::Type('n'));
        let frame = render_to_buffer(&app, SCREEN.0, SCREEN.1);
        app.update(Action::DeleteChar);
        frame
    });
}

/// A resize that narrows the text column to 40: relayout (dropping the old layout), re-find
/// the reading position, draw. Each sample starts from a fresh copy of the app at 80 columns.
#[divan::bench(args = ARTICLES, sample_count = 20)]
fn relayout_at_40(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    let mut app = open_app(article);
    app.update(Action::PageDown);
    bencher.with_inputs(|| app.clone()).bench_local_values(|mut app| {
        app.update(Action::Resize(44, SCREEN.1));
        let frame = render_to_buffer(&app, 44, SCREEN.1);
        (app, frame)
    });
}

/// Counting an article's words, which listing it shows (its length and reading time).
#[divan::bench(args = ARTICLES)]
fn word_count(bencher: Bencher, which: &str) {
    let Some(article) = parse(which) else { return };
    bencher.bench(|| black_box(&article).words());
}
