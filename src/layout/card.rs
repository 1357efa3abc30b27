//! The header card above the article: title, a line of facts (byline, site, source, tags,
//! reading time, words), the article's date (marked when it may be out of date), a saved
//! page's address, the progress placeholder the reader fills in, and the not-medical-advice
//! note.
//!
//! Card lines sit at position (0, 0): they are not article text.

use super::words::feed_text;
use super::wrap::{Filler, Prefix, Sink};
use super::{Kind, Seg, Style};
use crate::article::date::STALE_AFTER_YEARS;
use crate::article::{Article, Dated, Inline, Meta};

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
    let mut facts: Vec<String> = Vec::with_capacity(6);
    if let Some(byline) = &meta.byline {
        let said = byline.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "));
        facts.push(if said { byline.clone() } else { format!("by {byline}") });
    }
    facts.extend(meta.site.iter().cloned());
    facts.extend(meta.source.iter().filter(|s| !s.is_empty()).cloned());
    if !meta.tags.is_empty() {
        facts.push(meta.tags.join(", "));
    }
    if let Some(words) = words {
        let minutes = crate::article::minutes_for(words);
        facts.push(format!("{} read", crate::article::reading_time(minutes)));
        facts.push(format!("{} {}", grouped(words), if words == 1 { "word" } else { "words" }));
    }
    wrapped(sink, &facts.join(" · "), Kind::CardMeta, width);
    if let Some(dated) = meta.date {
        date_line(sink, dated, meta, width);
    }
    if let Some(address) = meta.address.as_deref().filter(|a| meta.source.as_deref() != Some(*a)) {
        wrapped(sink, address, Kind::CardMeta, width);
    }
    let progress: String =
        format!("{PROGRESS_PLACEHOLDER:<PROGRESS_WIDTH$}").chars().take(width).collect();
    let style = Style::new(Kind::Progress, Inline::PLAIN);
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

/// The text of the mark on an article older than [`STALE_AFTER_YEARS`].
pub fn stale_mark() -> String {
    format!("possibly out of date: over {STALE_AFTER_YEARS} years old")
}

/// `Reviewed 2019-03-04`, and when that is over five years before the day the article was
/// loaded, the out-of-date mark in bold.
fn date_line(sink: &mut Sink, dated: Dated, meta: &Meta, width: usize) {
    let text = format!("{} {}", dated.kind.label(), dated.date);
    let stale =
        meta.loaded_on.is_some_and(|today| dated.date.is_older_than(STALE_AFTER_YEARS, today));
    let mark = format!(" · {}", stale_mark());
    let mut filler = Filler::new(sink, 0, width, Prefix::default(), Prefix::default());
    feed_text(&text, Style::new(Kind::CardMeta, Inline::PLAIN), None, &mut filler);
    if stale {
        feed_text(&mark, Style::new(Kind::CardMeta, Inline::STRONG), None, &mut filler);
    }
    filler.finish();
}

/// Wraps one card field in `kind`.
fn wrapped(sink: &mut Sink, text: &str, kind: Kind, width: usize) {
    let mut filler = Filler::new(sink, 0, width, Prefix::default(), Prefix::default());
    feed_text(text, Style::new(kind, Inline::PLAIN), None, &mut filler);
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

    fn dated(date: &str, loaded_on: Option<&str>) -> Vec<String> {
        let mut a = article(vec![section(2, "First", vec![para("A.")])]);
        a.meta.byline = Some("Dr. A. Doe".into());
        a.meta.site = Some("Health Portal".into());
        a.meta.address = Some("https://example.org/flu".into());
        let date = crate::article::Date::parse(date);
        a.meta.date = date.map(|date| Dated { date, kind: crate::article::DateKind::Reviewed });
        a.meta.loaded_on = loaded_on.and_then(crate::article::Date::parse);
        layout(&a, 80).lines.iter().map(Line::text).collect()
    }

    #[test]
    fn the_card_shows_who_where_and_when() {
        let text = dated("2023-01-10", Some("2025-06-01"));
        assert!(text[1].starts_with("by Dr. A. Doe · Health Portal · 1 min read"), "{}", text[1]);
        assert_eq!(text[2], "Reviewed 2023-01-10");
        assert_eq!(text[3], "https://example.org/flu");
        assert_eq!(text[5], NOTE);
    }

    #[test]
    fn an_old_article_is_marked_and_the_mark_is_bold() {
        let old = dated("2019-03-04", Some("2025-06-01"));
        assert_eq!(old[2], format!("Reviewed 2019-03-04 · {}", stale_mark()));
        let a = {
            let mut a = article(vec![]);
            a.meta.date = crate::article::Date::parse("2001-01-01")
                .map(|date| Dated { date, kind: crate::article::DateKind::Published });
            a.meta.loaded_on = crate::article::Date::parse("2025-06-01");
            a
        };
        let l = layout(&a, 80);
        let bold = l.lines[2]
            .segs()
            .any(|s| s.style.inline.contains(Inline::STRONG) && s.text.contains("out of date"));
        assert!(bold, "{:?}", l.lines[2]);
        // Without a day to judge by (an article not loaded from the library), no mark.
        assert_eq!(dated("2019-03-04", None)[2], "Reviewed 2019-03-04");
    }

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
