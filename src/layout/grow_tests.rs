//! A layout that grows with its article, and sections laid out again in place, give the lines
//! of a layout of the whole article made at once.

use super::tests::build::{article, para, section};
use super::{Layout, extend, layout, layout_head, recard};
use crate::article::{Article, Block, Inline, Section, Span};

fn sections(n: usize) -> Vec<Section> {
    (0..n)
        .map(|i| {
            let text =
                format!("Paragraph {i} with enough words to wrap at narrow widths. ").repeat(3);
            let mut blocks = vec![para(&text)];
            if i % 3 == 0 {
                let link = Span::linked(format!("part {}", i + 1), Inline::LINK, &format!("#p{i}"));
                blocks.push(Block::Paragraph(vec![Span::plain("On to "), link]));
            }
            section(if i % 4 == 0 { 1 } else { 2 }, &format!("Part {i}"), blocks)
        })
        .collect()
}

/// [`super::replace`], then the card with the new word count (as the reader does).
fn replace(laid: &mut Layout, article: &Article, range: std::ops::Range<usize>) {
    super::replace(laid, article, range);
    let words = laid.words;
    recard(laid, article, Some(words));
}

fn same(got: &Layout, want: &Layout) {
    assert_eq!(got.lines, want.lines);
    assert_eq!(got.section_lines, want.section_lines);
    assert_eq!(got.words, want.words);
    assert_eq!(got.section_words, want.section_words);
    assert_eq!(got.links, want.links);
}

#[test]
fn a_layout_extended_batch_by_batch_is_the_whole_layout() {
    let whole: Article = article(sections(40));
    for width in [12, 40, 80] {
        let want = layout(&whole, width);
        let mut growing = article(whole.sections[..3].to_vec());
        let mut laid = layout_head(&growing, width, 5);
        for batch in whole.sections[3..].chunks(7) {
            growing.sections.extend_from_slice(batch);
            extend(&mut laid, &growing);
        }
        let words = laid.words;
        recard(&mut laid, &growing, Some(words));
        same(&laid, &want);
    }
}

#[test]
fn sections_laid_out_again_in_place_match_a_whole_layout() {
    let before: Article = article(sections(30));
    let mut after = before.clone();
    for s in &mut after.sections[10..13] {
        let link = Span::linked("a link", Inline::LINK, "flu.md");
        s.blocks = vec![para("Shorter now."), Block::Paragraph(vec![Span::plain("With "), link])];
    }
    for width in [20, 80] {
        let mut laid = layout(&before, width);
        replace(&mut laid, &after, 10..13);
        let mut want = layout(&after, width);
        want.id = laid.id;
        same(&laid, &want);
        // At the very start and the very end, too.
        let mut first = after.clone();
        first.sections[0].blocks = vec![para("New start.")];
        replace(&mut laid, &first, 0..1);
        same(&laid, &layout(&first, width));
        let mut last = first.clone();
        last.sections[29].blocks = vec![para("New end.")];
        replace(&mut laid, &last, 29..30);
        same(&laid, &layout(&last, width));
    }
}
