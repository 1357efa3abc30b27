//! Word wrapping by display width: CJK, emoji, combining marks, long words, tiny widths.

use super::*;
use crate::article::Span;
use crate::article::count_words;
use crate::layout::str_width;
use crate::layout::words::{Measure, feed_spans, feed_text};

/// Wraps `text` as one plain paragraph at `width`, returning the lines' text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_lines(text, width).iter().map(Line::text).collect()
}

fn wrap_lines(text: &str, width: usize) -> Vec<Line> {
    let mut sink = Sink::default();
    let mut filler = Filler::new(&mut sink, 0, width, Prefix::default(), Prefix::default());
    feed_text(text, Style::default(), Some(0), &mut filler);
    filler.finish();
    sink.lines
}

fn assert_fits(lines: &[String], width: usize) {
    for line in lines {
        assert!(str_width(line) <= width, "{line:?} is wider than {width}");
    }
}

#[test]
fn words_wrap_greedily_and_spaces_collapse() {
    assert_eq!(wrap("the  quick brown   fox jumps", 10), ["the quick", "brown fox", "jumps"]);
    assert_eq!(wrap("   leading and trailing   ", 40), ["leading and trailing"]);
}

#[test]
fn no_break_space_keeps_words_together() {
    assert_eq!(wrap("take 5\u{a0}mg daily", 7), ["take", "5\u{a0}mg", "daily"]);
}

#[test]
fn long_word_is_broken_by_grapheme() {
    assert_eq!(
        wrap("a pneumonoultramicroscopic b", 8),
        ["a", "pneumono", "ultramic", "roscopic", "b"]
    );
}

#[test]
fn cjk_takes_two_cells_a_character() {
    let lines = wrap("日本語のテキスト", 5);
    assert_eq!(lines, ["日本", "語の", "テキ", "スト"]);
    assert_fits(&lines, 5);
}

#[test]
fn emoji_and_combining_marks_stay_whole() {
    // "é" as e + combining acute is one cell; it must not be split from its base.
    let lines = wrap("cafe\u{301}cafe\u{301}", 4);
    assert_eq!(lines, ["cafe\u{301}", "cafe\u{301}"]);
    let lines = wrap("💊💊💊", 4);
    assert_eq!(lines, ["💊💊", "💊"]);
}

#[test]
fn wide_character_at_width_one_becomes_a_placeholder() {
    assert_eq!(wrap("日x", 1), [TOO_WIDE, "x"]);
}

#[test]
fn tiny_widths_never_overflow() {
    let text = "Ketamine 氯胺酮 is an anaesthetic 💉 used\u{301} in medicine.";
    for width in 1..=5 {
        let lines = wrap(text, width);
        assert_fits(&lines, width);
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        if width >= 2 {
            let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(joined, want, "width {width}");
        }
    }
}

#[test]
fn hard_breaks_end_lines() {
    assert_eq!(wrap("one\ntwo three", 20), ["one", "two three"]);
    assert_eq!(wrap("one\n\ntwo", 20), ["one", "", "two"]);
}

#[test]
fn styles_survive_a_wrap() {
    let strong = Style::new(Kind::Text, Inline::STRONG);
    let spans = [Span::plain("see "), Span::styled("very important words", Inline::STRONG)];
    let mut sink = Sink::default();
    let mut filler = Filler::new(&mut sink, 0, 10, Prefix::default(), Prefix::default());
    feed_spans(&spans, Kind::Text, Some(0), None, &mut filler);
    filler.finish();
    let second = &sink.lines[1];
    assert_eq!(second.text(), "important");
    assert!(second.segs().all(|s| s.style == strong));
}

#[test]
fn line_positions_point_at_their_first_word() {
    let text = "alpha beta gamma delta";
    let lines = wrap_lines(text, 11);
    for line in &lines {
        let at = line.pos.offset as usize;
        assert!(text[at..].starts_with(line.text().as_str()), "{line:?}");
    }
}

#[test]
fn prefix_is_cut_to_leave_one_cell() {
    let mut prefix = Prefix::default();
    for _ in 0..5 {
        prefix.push("│ ", Kind::QuoteBar);
    }
    let fitted = prefix.clone().fit(4);
    assert_eq!(fitted.width, 3);
    assert_eq!(prefix.fit(1).width, 0);
}

#[test]
fn measure_finds_natural_and_longest_word() {
    let mut m = Measure::default();
    feed_text("ab cdef\ng", Style::default(), None, &mut m);
    m.hard_break();
    assert_eq!((m.natural, m.longest_word), (7, 4));
}

#[test]
fn word_count_matches_split_whitespace() {
    for text in [
        "",
        " ",
        "a",
        "  a  b ",
        "\t\n\x0b\x0c\r a\x1cb\x00c ",
        "one\ntwo",
        "日本語 e\u{301}\u{a0}x",
        "one\ntwo\u{2003}three\u{3000}four",
        "\u{85}x",
    ] {
        assert_eq!(count_words(text), text.split_whitespace().count(), "{text:?}");
    }
}

/// The shortcut in `text_width` must give what measuring cluster by cluster gives.
#[test]
fn lone_cluster_characters_measure_like_their_clusters() {
    let lone: Vec<char> =
        (0..=0x10_ffff).filter_map(char::from_u32).filter(|&c| is_lone_cluster(c)).collect();
    for &c in &lone {
        let s = c.to_string();
        assert_eq!(s.graphemes(true).count(), 1, "{c:?}");
        assert_eq!(text_width(&s), grapheme_width(&s), "{c:?}");
    }
    // Neighbours never merge: every pair is two clusters, and widths add up.
    let sample: Vec<char> = lone.iter().copied().step_by(97).chain(['a', 'é', '’', '日']).collect();
    for &a in &sample {
        for &b in &sample {
            let s = format!("{a}{b}");
            assert_eq!(s.graphemes(true).count(), 2, "{s:?}");
            let slow: usize = s.graphemes(true).map(grapheme_width).sum();
            assert_eq!(text_width(&s), slow, "{s:?}");
        }
    }
}
