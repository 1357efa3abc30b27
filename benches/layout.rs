//! Layout benchmarks: a generated 5 MB article at 80 and 40 columns (first layout and the
//! relayout after a resize), the largest `MedQuAD` article, pathological shapes (one huge
//! paragraph, many headings, deep nesting), and the cost of jumping and scrolling, which must
//! not grow with the article.

use divan::{Bencher, black_box};
use salve::article::{
    Article, Block, Format, Inline, ListItem, Meta, Origin, Section, Span, Table,
};
use salve::layout::{Layout, Position, layout};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

mod support;
use support::{Rng, largest_medquad};

/// `count` words separated by spaces.
fn words(rng: &mut Rng, count: usize) -> String {
    let mut s = String::with_capacity(count * 8);
    rng.words_into(&mut s, count);
    s
}

/// A paragraph's spans: plain words, sometimes strong words and a link with its address.
fn spans(rng: &mut Rng, count: usize) -> Vec<Span> {
    let mut spans = vec![Span::plain(words(rng, count))];
    if rng.next(3) == 0 {
        spans.push(Span::styled(words(rng, 3), Inline::STRONG));
        spans.push(Span::plain(words(rng, count / 2)));
    }
    if rng.next(4) == 0 {
        spans.push(Span::styled(words(rng, 2), Inline::LINK));
        spans.push(Span::styled("https://example.org/health/article", Inline::URL));
    }
    spans
}

/// An article of about `bytes` bytes: headings every ~40 lines at 80 columns, paragraphs,
/// lists, and now and then a table and a code block.
fn generated(bytes: usize) -> Article {
    let mut rng = Rng(42);
    let mut sections = Vec::new();
    let mut size = 0;
    while size < bytes {
        let n = sections.len();
        let mut blocks = Vec::new();
        for _ in 0..4 {
            let count = 60 + rng.next(40);
            blocks.push(Block::Paragraph(spans(&mut rng, count)));
        }
        let items = (0..4)
            .map(|_| ListItem { task: None, blocks: vec![Block::Paragraph(spans(&mut rng, 12))] })
            .collect();
        blocks.insert(2, Block::List { start: (n % 2 == 0).then_some(1), items });
        if n % 10 == 0 {
            let text = (0..8).map(|_| words(&mut rng, 10)).collect::<Vec<_>>().join("\n");
            blocks.push(Block::Code { lang: "text".into(), text });
        }
        if n % 25 == 0 {
            let row = |rng: &mut Rng| (0..4).map(|_| vec![Span::plain(words(rng, 3))]).collect();
            let head = row(&mut rng);
            let rows = (0..6).map(|_| row(&mut rng)).collect();
            blocks.push(Block::Table(Table { aligns: vec![], head, rows }));
        }
        let title = words(&mut rng, 4);
        for_each_len(&blocks, &mut size);
        sections.push(Section { title, level: 2, anchor: String::new(), blocks });
    }
    article(sections)
}

fn for_each_len(blocks: &[Block], size: &mut usize) {
    salve::article::for_each_text(blocks, &mut |t| *size += t.len());
}

fn article(sections: Vec<Section>) -> Article {
    Article {
        id: "bench".into(),
        key: "bench".into(),
        meta: Meta { title: "Benchmark".into(), ..Meta::default() },
        origin: Origin::Bundled("bench.md"),
        sections,
        problems: Vec::new(),
    }
}

static LARGE: LazyLock<Article> = LazyLock::new(|| generated(5 * 1024 * 1024));
static SMALL: LazyLock<Article> = LazyLock::new(|| generated(50 * 1024));

#[divan::bench(sample_count = 20, sample_size = 1)]
fn layout_5mb_at_80(bencher: Bencher) {
    let a = &*LARGE;
    bencher.bench(|| layout(black_box(a), 80));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn layout_5mb_at_40(bencher: Bencher) {
    let a = &*LARGE;
    bencher.bench(|| layout(black_box(a), 40));
}

#[divan::bench(sample_count = 50)]
fn layout_largest_medquad(bencher: Bencher) {
    let Some((path, text)) = largest_medquad() else {
        eprintln!("medquad corpus not found: skipped");
        return;
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let a = salve::article::parse_str(&name, Origin::File(path), Format::Markdown, &text);
    bencher.bench(|| layout(black_box(&a), 80));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn layout_one_3mb_paragraph(bencher: Bencher) {
    let mut rng = Rng(7);
    let text = words(&mut rng, 3 * 1024 * 1024 / 6);
    let a = article(vec![Section {
        title: String::new(),
        level: 0,
        anchor: String::new(),
        blocks: vec![Block::Paragraph(vec![Span::plain(text)])],
    }]);
    bencher.bench(|| layout(black_box(&a), 80));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn layout_30k_headings(bencher: Bencher) {
    let sections = (0..30_000)
        .map(|i| Section {
            title: format!("Heading number {i}"),
            level: (i % 6 + 1) as u8,
            anchor: String::new(),
            blocks: vec![Block::Paragraph(vec![Span::plain("Short body.")])],
        })
        .collect();
    let a = article(sections);
    bencher.bench(|| layout(black_box(&a), 80));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn layout_20_deep_nesting(bencher: Bencher) {
    let mut rng = Rng(3);
    let mut blocks = Vec::new();
    for _ in 0..2_000 {
        let mut block = Block::Paragraph(spans(&mut rng, 40));
        for depth in 0..20 {
            block = if depth % 2 == 0 {
                Block::Quote(vec![block])
            } else {
                Block::List {
                    start: None,
                    items: vec![ListItem { task: None, blocks: vec![block] }],
                }
            };
        }
        blocks.push(block);
    }
    let a =
        article(vec![Section { title: String::new(), level: 0, anchor: String::new(), blocks }]);
    bencher.bench(|| layout(black_box(&a), 80));
}

/// A position near the end of the laid-out article.
fn near_end(l: &Layout) -> Position {
    l.position_of(l.lines.len().saturating_sub(10))
}

#[divan::bench]
fn line_at_near_end_5mb(bencher: Bencher) {
    let l = layout(&LARGE, 80);
    let pos = near_end(&l);
    bencher.bench(|| l.line_at(black_box(pos)));
}

/// Jumping to a position and taking a screenful: must cost the same for 50 KB and 5 MB.
fn window(l: &Layout, pos: Position) -> usize {
    let top = l.line_at(pos);
    let window = &l.lines[top..(top + 40).min(l.lines.len())];
    window.iter().map(|line| line.segs().count()).sum()
}

#[divan::bench]
fn scroll_window_at_end_50kb(bencher: Bencher) {
    let l = layout(&SMALL, 80);
    let pos = near_end(&l);
    bencher.bench(|| window(&l, black_box(pos)));
}

#[divan::bench]
fn scroll_window_at_end_5mb(bencher: Bencher) {
    let l = layout(&LARGE, 80);
    let pos = near_end(&l);
    bencher.bench(|| window(&l, black_box(pos)));
}
