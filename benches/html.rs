//! Saved web page benchmarks: from the page's bytes to the first screen (decode the charset,
//! find the article, map it to the model, lay out at 80 columns, draw one 120x40 frame), and
//! the parse on its own. For a generated 2 MB saved page (inline scripts and styles, menus, a
//! cookie banner, comments and a long article with sections, lists, links and tables) and,
//! when `/work/shared/corpus/saved-pages` is there, the largest real pages of Readability's
//! tests (yahoo-2, 1.6 MB; wikipedia-2, 1 MB).
//!
//! `SALVE_WRITE_HTML=path cargo bench --bench html` writes the generated page to `path` and
//! exits, so `salve show` can be timed on it.

use divan::{Bencher, black_box};
use salve::article::{Article, Format, Origin, html, parse_str};
use salve::ui::render_to_buffer;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

// Only the word generator is used here; the corpus helpers serve the other benchmarks.
#[allow(dead_code)]
mod support;
use support::{Rng, SCREEN, open_app};

fn main() {
    if let Some(path) = std::env::var_os("SALVE_WRITE_HTML") {
        if let Err(e) = std::fs::write(&path, &*BIG) {
            eprintln!("cannot write {}: {e}", Path::new(&path).display());
            std::process::exit(1);
        }
        return;
    }
    divan::main();
}

/// The size of the generated page.
const BIG_BYTES: usize = 2 * 1024 * 1024;

/// The generated 2 MB page.
static BIG: LazyLock<Vec<u8>> = LazyLock::new(|| generated_page(BIG_BYTES).into_bytes());

/// A saved page as browsers write them: about half of it inline script, style and JSON, then
/// menus, a cookie banner, the article, comments and a footer, to `bytes` in all.
fn generated_page(bytes: usize) -> String {
    let mut rng = Rng(0x5eed_cafe);
    let mut page = String::with_capacity(bytes + 4096);
    page.push_str("<!DOCTYPE html><html lang=en><head><meta charset=utf-8>");
    page.push_str("<title>Living with asthma | Wellbeing Library</title>");
    page.push_str("<meta property='og:site_name' content='Wellbeing Library'>");
    page.push_str("<meta name=author content='Dr Sam Lee'>");
    page.push_str("<link rel=canonical href='https://example.org/asthma'>");
    while page.len() < bytes * 2 / 5 {
        let _ = write!(
            page,
            "<script>window.chunk{} = function(a, b) {{ return a + b; }};",
            page.len()
        );
        page.push_str(&"var x = {\"k\": [1, 2, 3], \"s\": \"</div> & <p>\"};".repeat(40));
        page.push_str("</script><style>");
        page.push_str(&".c { margin: 0 auto; padding: 1em } .d > p { color: #333 } ".repeat(20));
        page.push_str("</style>");
    }
    page.push_str("</head><body><header class=site-header><nav class=main-menu><ul>");
    for i in 0..200 {
        let _ = write!(page, "<li><a href='/topic/{i}'>Topic {i}</a></li>");
    }
    page.push_str("</ul></nav></header><div id=cookie-banner role=dialog>We use cookies. ");
    page.push_str("<button>Accept</button></div><main><article><h1>Living with asthma</h1>");
    let article_end = bytes * 17 / 20;
    let mut section = 0;
    while page.len() < article_end {
        section += 1;
        let _ = write!(page, "<h2>Part {section}</h2>");
        for _ in 0..6 {
            page.push_str("<p>");
            for w in 0..80 {
                if w > 0 {
                    page.push(' ');
                }
                match rng.next(30) {
                    0 => {
                        let _ = write!(page, "<a href='/wiki/{}'>{}</a>", rng.word(), rng.word());
                    }
                    1 => {
                        let _ = write!(page, "<strong>{}</strong>", rng.word());
                    }
                    2 => page.push_str("&amp;"),
                    _ => page.push_str(rng.word()),
                }
            }
            page.push_str("</p>");
        }
        page.push_str("<ul>");
        for _ in 0..5 {
            page.push_str("<li>");
            rng.words_into(&mut page, 12);
            page.push_str("</li>");
        }
        page.push_str("</ul><table><tr><th>Dose</th><th>When</th></tr>");
        for i in 0..4 {
            let _ = write!(page, "<tr><td>{i} puffs</td><td>{}</td></tr>", rng.word());
        }
        page.push_str("</table>");
    }
    page.push_str("</article></main><section id=comments>");
    while page.len() < bytes - 200 {
        page.push_str("<div class=comment><p>");
        rng.words_into(&mut page, 30);
        page.push_str("</p></div>");
    }
    page.push_str("</section><footer>Copyright Wellbeing Library</footer></body></html>");
    page
}

/// A real saved page from Readability's tests, when the shared corpus is there.
fn corpus(name: &str) -> Option<&'static [u8]> {
    static PAGES: LazyLock<Vec<(&'static str, Vec<u8>)>> = LazyLock::new(|| {
        let root = PathBuf::from("/work/shared/corpus/saved-pages");
        ["yahoo-2", "wikipedia-2"]
            .into_iter()
            .filter_map(|n| Some((n, std::fs::read(root.join(n).join("source.html")).ok()?)))
            .collect()
    });
    let found = PAGES.iter().find(|(n, _)| *n == name).map(|(_, b)| b.as_slice());
    if found.is_none() {
        eprintln!("{name}: corpus not found, skipped");
    }
    found
}

/// The bytes of the page a benchmark is named after.
fn source(which: &str) -> Option<&'static [u8]> {
    if which == "2mb" { Some(BIG.as_slice()) } else { corpus(which) }
}

/// Decodes and parses a page, as the library reads a `.html` file.
fn read(bytes: &[u8]) -> Article {
    let (text, _) = html::decode(bytes);
    parse_str("page.html", Origin::Bundled("page.html"), Format::Html, &text)
}

const PAGES: [&str; 3] = ["2mb", "yahoo-2", "wikipedia-2"];

/// From the page's bytes to the first frame: what opening a saved page costs.
#[divan::bench(args = PAGES, sample_count = 20)]
fn first_screen(bencher: Bencher, which: &str) {
    let Some(bytes) = source(which) else { return };
    bencher.bench(|| {
        let app = open_app(read(black_box(bytes)));
        let frame = render_to_buffer(&app, SCREEN.0, SCREEN.1);
        (app, frame)
    });
}

/// Decoding and finding the article alone.
#[divan::bench(args = PAGES, sample_count = 20)]
fn parse_only(bencher: Bencher, which: &str) {
    let Some(bytes) = source(which) else { return };
    bencher.bench(|| read(black_box(bytes)));
}
