//! The header card above the article: title, a line of facts (source, tags, reading time,
//! words), the progress placeholder the reader fills in, and the not-medical-advice note.
//!
//! Card lines sit at position (0, 0): they are not article text.

use super::words::feed_text;
use super::wrap::{Filler, Prefix, Sink};
use super::{Kind, Seg, Style};
use crate::article::{Article, Inline};

/// Cells the progress placeholder takes: room for the widest value, `100% read`.
pub const PROGRESS_WIDTH: usize = 9;

/// The placeholder text for the progress segment, before the reader fills it in.
pub const PROGRESS_PLACEHOLDER: &str = "0% read";

/// The one-line note on every card.
pub const NOTE: &str = "Health information, not medical advice.";

/// Lays out the card, ending with a blank line. `words` is the article's word count (the body
/// layout counts it on the way, which saves a pass over the whole text), `None` while the
/// article is still being read: the card then leaves out the reading time and word count.
pub fn card(sink: &mut Sink, article: &Article, words: Option<usize>, width: usize) {
    let meta = &article.meta;
    wrapped(sink, &meta.title, Kind::CardTitle, width);
    let mut facts: Vec<String> = Vec::with_capacity(4);
    facts.extend(meta.source.iter().filter(|s| !s.is_empty()).cloned());
    if !meta.tags.is_empty() {
        facts.push(meta.tags.join(", "));
    }
    if let Some(words) = words {
        facts.push(format!("{} min read", crate::article::minutes_for(words)));
        facts.push(format!("{} {}", grouped(words), if words == 1 { "word" } else { "words" }));
    }
    wrapped(sink, &facts.join(" · "), Kind::CardMeta, width);
    let progress: String =
        format!("{PROGRESS_PLACEHOLDER:<PROGRESS_WIDTH$}").chars().take(width).collect();
    let style = Style { kind: Kind::Progress, inline: Inline::PLAIN };
    sink.push(&[Seg { text: progress, style }], None, None);
    wrapped(sink, NOTE, Kind::CardNote, width);
    sink.push(&[], None, None);
}

/// The section whose heading the card title stands for: a first section that is a level-1
/// heading repeating the article title (as every `# Title` under front matter does). The
/// layout does not draw that heading, and the status line does not repeat it.
pub fn title_section(article: &Article) -> Option<usize> {
    let first = article.sections.first()?;
    let same = first.title.trim().eq_ignore_ascii_case(article.meta.title.trim());
    (first.level == 1 && same).then_some(0)
}

/// Wraps one card field in `kind`.
fn wrapped(sink: &mut Sink, text: &str, kind: Kind, width: usize) {
    let mut filler = Filler::new(sink, 0, width, Prefix::default(), Prefix::default());
    feed_text(text, Style { kind, inline: Inline::PLAIN }, None, &mut filler);
    filler.finish();
}

/// A count with thousands separators (`12,345`).
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::build::{article, para, section};
    use crate::layout::{Line, Position, layout};

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn a_first_heading_is_not_spaced_twice_below_the_card() {
        let l = layout(&article(vec![section(2, "First", vec![para("A.")])]), 40);
        let text: Vec<String> = l.lines.iter().map(Line::text).collect();
        assert_eq!(text[3..], [NOTE, "", "First", "─────", "", "A."]);
        assert_eq!(l.section_lines, [5]);
    }

    #[test]
    fn a_heading_repeating_the_title_is_shown_once_by_the_card() {
        let a = article(vec![
            section(1, "test", vec![]),
            section(2, "What is it?", vec![para("A thing.")]),
            section(2, "Causes", vec![para("Many.")]),
        ]);
        assert_eq!(title_section(&a), Some(0));
        let l = layout(&a, 40);
        let text: Vec<String> = l.lines.iter().map(Line::text).collect();
        assert_eq!(text.iter().filter(|t| t.eq_ignore_ascii_case("test")).count(), 1, "{text:#?}");
        assert_eq!(text[3..7], [NOTE, "", "What is it?", "───────────"]);
        // The card title stands for section 0: jumps and `section_of` still see every section.
        assert_eq!(l.section_lines, [0, 5, 10]);
        assert_eq!(l.section_of(2), 0);
        assert_eq!(l.line_at(Position { section: 1, offset: 0 }), 5);
        assert!(l.lines.windows(2).all(|w| w[0].pos <= w[1].pos));
        // The heading's word still counts on the card: 1 + 3 + 2 + 1 + 1.
        assert!(text[1].ends_with(" 8 words"), "{}", text[1]);
    }

    #[test]
    fn a_title_heading_with_its_own_text_keeps_it_under_the_card() {
        let a = article(vec![section(1, "Test", vec![para("Intro.")]), section(2, "More", vec![])]);
        let l = layout(&a, 40);
        let text: Vec<String> = l.lines.iter().map(Line::text).collect();
        assert_eq!(text[3..], [NOTE, "", "Intro.", "", "More", "────", ""]);
        assert_eq!(l.lines[5].pos, Position { section: 0, offset: 4 });
        assert_eq!(l.section_lines, [0, 7]);
    }

    #[test]
    fn only_a_first_level_one_heading_stands_for_the_title() {
        let later = article(vec![section(0, "", vec![para("Lead.")]), section(1, "Test", vec![])]);
        assert_eq!(title_section(&later), None);
        let minor = article(vec![section(2, "Test", vec![])]);
        assert_eq!(title_section(&minor), None);
        let other = article(vec![section(1, "Testing", vec![])]);
        assert_eq!(title_section(&other), None);
    }
}
