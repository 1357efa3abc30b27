//! Hostile-input benchmarks: parse and layout time against input size for shapes built to find
//! superlinear paths: one long single-line paragraph, nesting far past the depth cap (quotes
//! and lists), and many headings. Each runs at 0.25, 0.5, 1, 2 and 4 MiB; linear growth shows
//! as time(4 MiB) / time(1 MiB) ≈ 4.

use divan::{Bencher, black_box};
use salve::article::{Article, Format, Origin, parse_str};
use salve::layout::layout;
use std::fmt::Write as _;

fn main() {
    divan::main();
}

const KIB: usize = 1024;

/// Input sizes in bytes.
const SIZES: [usize; 5] = [256 * KIB, 512 * KIB, 1024 * KIB, 2048 * KIB, 4096 * KIB];

/// The column width the layout benchmarks use (salve's default).
const WIDTH: u16 = 80;

/// One paragraph on one line: words and no line break at all.
fn long_line(bytes: usize) -> String {
    const WORDS: [&str; 6] = ["rest ", "water ", "sleep ", "日本語 ", "breathe ", "walk "];
    let mut out = String::with_capacity(bytes + 16);
    for word in WORDS.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(word);
    }
    out
}

/// Quote markers at the start of one line, as many as fit, then a few words.
fn deep_quotes(bytes: usize) -> String {
    format!("{} the bottom of the well\n", ">".repeat(bytes))
}

/// A list item opening a list inside itself on one line, as many times as fit.
fn deep_lists(bytes: usize) -> String {
    format!("{}innermost item\n", "- ".repeat(bytes / 2))
}

/// Headings each with a short paragraph, as many as fit.
fn many_headings(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0;
    while out.len() < bytes {
        let _ = write!(out, "## Heading {i}\n\nLine under heading {i}.\n\n");
        i += 1;
    }
    out
}

fn parse(text: &str) -> Article {
    parse_str("hostile.md", Origin::Bundled("hostile.md"), Format::Markdown, text)
}

/// Times parsing the text `make` builds for `bytes`.
fn bench_parse(bencher: Bencher, make: fn(usize) -> String, bytes: usize) {
    let text = make(bytes);
    bencher.bench(|| parse(black_box(&text)));
}

/// Times laying out the article parsed from the text `make` builds for `bytes`.
fn bench_layout(bencher: Bencher, make: fn(usize) -> String, bytes: usize) {
    let article = parse(&make(bytes));
    bencher.bench(|| layout(black_box(&article), WIDTH));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_long_line(bencher: Bencher, bytes: usize) {
    bench_parse(bencher, long_line, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn layout_long_line(bencher: Bencher, bytes: usize) {
    bench_layout(bencher, long_line, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_deep_quotes(bencher: Bencher, bytes: usize) {
    bench_parse(bencher, deep_quotes, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn layout_deep_quotes(bencher: Bencher, bytes: usize) {
    bench_layout(bencher, deep_quotes, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_deep_lists(bencher: Bencher, bytes: usize) {
    bench_parse(bencher, deep_lists, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn layout_deep_lists(bencher: Bencher, bytes: usize) {
    bench_layout(bencher, deep_lists, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn parse_many_headings(bencher: Bencher, bytes: usize) {
    bench_parse(bencher, many_headings, bytes);
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn layout_many_headings(bencher: Bencher, bytes: usize) {
    bench_layout(bencher, many_headings, bytes);
}
