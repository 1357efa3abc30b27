//! Layout of whole articles: card, headings, lists, quotes, code, tables, footnotes, links, and
//! the position invariants the reader's jumps rely on.

use super::*;
use crate::article::{Align, Block, Format, ListItem, Meta, Origin, Span, Table, parse_str};

/// Helpers to build articles by hand from model types.
pub(crate) mod build {
    use crate::article::{Article, Block, Meta, Origin, Section, Span};

    /// An article titled "Test" with these sections.
    pub fn article(sections: Vec<Section>) -> Article {
        Article {
            id: "test".into(),
            key: "test".into(),
            meta: Meta { title: "Test".into(), ..Meta::default() },
            origin: Origin::Bundled("test.md"),
            sections,
            problems: Vec::new(),
        }
    }

    /// A section.
    pub fn section(level: u8, title: &str, blocks: Vec<Block>) -> Section {
        Section { title: title.into(), level, anchor: String::new(), blocks }
    }

    /// A plain paragraph.
    pub fn para(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }
}

use build::{article, para, section};

/// Lines as text, without the header card, trailing spaces trimmed.
fn body(layout: &Layout) -> Vec<String> {
    let start = layout.section_lines.first().copied().unwrap_or(layout.lines.len());
    layout.lines[start..].iter().map(|l| l.text().trim_end().to_string()).collect()
}

fn lead(blocks: Vec<Block>) -> Article {
    article(vec![section(0, "", blocks)])
}

fn item(text: &str) -> ListItem {
    ListItem { task: None, blocks: vec![para(text)] }
}

#[test]
fn card_comes_first_at_the_top_position() {
    let mut a = lead(vec![para("one two three")]);
    a.meta = Meta {
        title: "Ketamine".into(),
        tags: vec!["drugs".into(), "anaesthesia".into()],
        source: Some("saved web copy".into()),
        ..Meta::default()
    };
    let l = layout(&a, 60);
    let text: Vec<String> = l.lines.iter().take(5).map(Line::text).collect();
    assert_eq!(text[0], "Ketamine");
    assert_eq!(text[1], "saved web copy · drugs, anaesthesia · 1 min read · 3 words");
    assert_eq!(text[2].trim_end(), card::PROGRESS_PLACEHOLDER);
    assert_eq!(l.lines[2].segs().next().expect("a run").style.kind, Kind::Progress);
    assert_eq!(text[3], card::NOTE);
    assert_eq!(text[4], "");
    assert!(l.lines[..5].iter().all(|line| line.pos == Position::default()));
}

#[test]
fn headings_are_spaced_ranked_and_indexed() {
    let a = article(vec![
        section(0, "", vec![para("Lead.")]),
        section(1, "Top", vec![para("A.")]),
        section(2, "Middle", vec![para("B.")]),
        section(3, "Small", vec![para("C.")]),
    ]);
    let l = layout(&a, 40);
    assert_eq!(
        body(&l),
        [
            "Lead.",
            "",
            "",
            "Top",
            "═══",
            "",
            "A.",
            "",
            "Middle",
            "──────",
            "",
            "B.",
            "",
            "Small",
            "",
            "C."
        ]
    );
    for (i, &line) in l.section_lines.iter().enumerate() {
        let section = i as u32;
        if i > 0 {
            assert_eq!(l.lines[line].pos, Position { section, offset: 0 });
            assert_eq!(
                l.lines[line].segs().next().expect("a run").style.kind,
                Kind::Heading(a.sections[i].level)
            );
        }
        // (0, 0) is also the card's position: jumping there shows the top of the article.
        let want = if i == 0 { 0 } else { line };
        assert_eq!(l.line_at(Position { section, offset: 0 }), want, "section {i}");
        assert_eq!(l.section_of(line), i);
    }
}

#[test]
fn an_empty_heading_is_named_untitled_not_drawn_as_a_one_cell_rule() {
    let a = article(vec![
        section(0, "", vec![para("Lead.")]),
        section(2, "", vec![para("Body.")]),
        section(3, "", vec![para("More.")]),
    ]);
    let l = layout(&a, 40);
    assert_eq!(
        body(&l),
        [
            "Lead.",
            "",
            "(untitled section)",
            "──────────────────",
            "",
            "Body.",
            "",
            "(untitled section)",
            "",
            "More."
        ]
    );
    for (i, &line) in l.section_lines.iter().enumerate().skip(1) {
        let heading = &l.lines[line];
        assert_eq!(heading.pos, Position { section: i as u32, offset: 0 });
        // The name is salve's, not the article's: dimmed, not searched, not counted.
        assert!(heading.segs().all(|s| s.style.kind.is_decoration()), "{heading:?}");
    }
    assert!(l.lines[1].text().ends_with(" 3 words"), "{:?}", l.lines[1].text());
}

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    let l = layout(&lead(vec![para("One."), para("Two.")]), 20);
    assert_eq!(body(&l), ["One.", "", "Two."]);
}

#[test]
fn links_show_their_address_and_images_their_alt() {
    let spans = vec![
        Span::plain("See "),
        Span::styled("the leaflet", Inline::LINK),
        Span::styled("https://example.org/a", Inline::URL),
        Span::plain(". "),
        Span::styled("a pill", Inline::IMAGE),
        Span::plain(" and a note"),
        Span::styled("1", Inline::NOTE_REF),
    ];
    let l = layout(&lead(vec![Block::Paragraph(spans)]), 100);
    assert_eq!(
        body(&l),
        ["See the leaflet (https://example.org/a). [image: a pill] and a note[1]"]
    );
    let styles: Vec<(Kind, Inline)> =
        l.lines[l.section_lines[0]].segs().map(|s| (s.style.kind, s.style.inline)).collect();
    assert_eq!(
        styles,
        [
            (Kind::Text, Inline::PLAIN),
            (Kind::Text, Inline::LINK),
            (Kind::Url, Inline::URL),
            (Kind::Text, Inline::PLAIN),
            (Kind::Image, Inline::IMAGE),
            (Kind::Text, Inline::PLAIN),
            (Kind::Note, Inline::NOTE_REF),
        ]
    );
}

#[test]
fn nested_lists_hang_their_text() {
    let nested = Block::List { start: None, items: vec![item("inner item that wraps")] };
    let outer = ListItem { task: None, blocks: vec![para("outer item text"), nested] };
    let ordered = Block::List { start: Some(9), items: vec![item("nine"), item("ten")] };
    let tasks = Block::List {
        start: None,
        items: vec![
            ListItem { task: Some(true), blocks: vec![para("done")] },
            ListItem { task: Some(false), blocks: vec![para("to do")] },
        ],
    };
    let l =
        layout(&lead(vec![Block::List { start: None, items: vec![outer] }, ordered, tasks]), 14);
    assert_eq!(
        body(&l),
        [
            "• outer item",
            "  text",
            "  ◦ inner item",
            "    that wraps",
            "",
            " 9. nine",
            "10. ten",
            "",
            "[x] done",
            "[ ] to do",
        ]
    );
}

#[test]
fn nested_quotes_draw_a_bar_per_level_on_every_line() {
    let inner = Block::Quote(vec![para("deep words here")]);
    let l = layout(&lead(vec![Block::Quote(vec![para("outer"), inner])]), 12);
    assert_eq!(body(&l), ["│ outer", "│", "│ │ deep", "│ │ words", "│ │ here"]);
    let blank = &l.lines[l.section_lines[0] + 1];
    assert_eq!(blank.segs().next().expect("a run").style.kind, Kind::QuoteBar);
}

/// The text of the code segments of each line that has some: marks left out, the one-cell
/// margin kept.
fn code_lines(l: &Layout) -> Vec<String> {
    l.lines
        .iter()
        .filter(|line| line.segs().any(|s| s.style.kind == Kind::CodeBlock))
        .map(|line| {
            let code = line.segs().filter(|s| s.style.kind == Kind::CodeBlock);
            code.map(|s| s.text).collect()
        })
        .collect()
}

#[test]
fn long_code_lines_are_wrapped_with_a_mark_not_cut() {
    let code = Block::Code { lang: String::new(), text: "short\nthis line is too long\n".into() };
    let l = layout(&lead(vec![code]), 10);
    assert_eq!(body(&l), ["", "short", "this line", "↪is too", "↪long", ""]);
    let lines = &l.lines[l.section_lines[0]..];
    assert!(lines.iter().all(|line| line.fill == Some(Kind::CodeBlock)));
    assert!(lines.iter().all(|line| line.width() <= 10));
    for continued in &lines[3..5] {
        assert_eq!(continued.segs().next().expect("a run").style.kind, Kind::Cut);
        assert!(continued.segs().next().expect("a run").style.kind.is_decoration());
    }
    // Each line's position is the offset of its first character of code: "this line " starts
    // at 6, "is too " at 16, "long" at 23.
    let offsets: Vec<u32> = lines[1..5].iter().map(|line| line.pos.offset).collect();
    assert_eq!(offsets, [0, 6, 16, 23]);
}

#[test]
fn an_indented_dose_line_keeps_every_character_at_every_width() {
    // The line from issue 12: it used to end at "4 tablets→" and lose the rest.
    let line = "Adults: take 1 tablet every 6 hours as needed; do not take more than 4 tablets \
                in 24 hours or use for more than 10 days.";
    let md = format!("    {line}\n");
    let a = parse_str("dose.md", Origin::Bundled("dose.md"), Format::Markdown, &md);
    for width in 1..=130 {
        let l = layout(&a, width);
        let drawn = code_lines(&l).concat();
        assert_eq!(drawn.trim(), line, "width {width}");
        assert!(l.lines.iter().all(|line| line.width() <= usize::from(width)), "width {width}");
    }
    let l = layout(&a, 80);
    assert!(to_plain(&l).contains("in 24 hours or use for more than 10 days."), "{}", to_plain(&l));
}

#[test]
fn wrapped_code_breaks_at_spaces_and_keeps_them() {
    let text = "salve show ketamine-for-depression-guide --width 40";
    let code = Block::Code { lang: String::new(), text: text.into() };
    let l = layout(&lead(vec![code]), 24);
    let texts = code_lines(&l);
    // 24 cells hold the margin (or the mark) and 23 of code; the middle word is wider than
    // that, so it alone is broken, and the spaces before it stay on the first line.
    assert_eq!(texts, [" salve show ", "ketamine-for-depression", "-guide --width 40"]);
    assert_eq!(texts.concat().trim_start(), text);
}

#[test]
fn wide_code_keeps_a_line_per_character_when_narrow() {
    let code = Block::Code { lang: String::new(), text: "日本".into() };
    // At one or two cells there is no room for the mark as well: the characters come first.
    assert_eq!(body(&layout(&lead(vec![code.clone()]), 1)), ["", "…", "…", ""]);
    assert_eq!(body(&layout(&lead(vec![code.clone()]), 2)), ["", "日", "本", ""]);
    assert_eq!(body(&layout(&lead(vec![code]), 3)), ["", "日", "↪本", ""]);
}

#[test]
fn rule_spans_the_column() {
    let l = layout(&lead(vec![Block::Rule]), 7);
    assert_eq!(body(&l), ["───────"]);
}

fn cells(texts: &[&str]) -> Vec<Vec<Span>> {
    texts.iter().map(|t| vec![Span::plain(*t)]).collect()
}

fn dose_table() -> Block {
    Block::Table(Table {
        aligns: vec![Align::Left, Align::Right],
        head: cells(&["Drug", "Dose"]),
        rows: vec![cells(&["ketamine", "1 mg/kg"]), cells(&["aspirin", "75 mg daily for adults"])],
    })
}

#[test]
fn table_fits_at_natural_width() {
    let l = layout(&lead(vec![dose_table()]), 60);
    assert_eq!(
        body(&l),
        [
            "┌──────────┬────────────────────────┐",
            "│ Drug     │                   Dose │",
            "├──────────┼────────────────────────┤",
            "│ ketamine │                1 mg/kg │",
            "│ aspirin  │ 75 mg daily for adults │",
            "└──────────┴────────────────────────┘",
        ]
    );
}

#[test]
fn table_cells_wrap_to_share_the_width() {
    let l = layout(&lead(vec![dose_table()]), 24);
    let lines = body(&l);
    assert!(lines.iter().all(|t| str_width(t) <= 24), "{lines:#?}");
    assert!(lines.iter().any(|t| t.contains("ketamine")), "{lines:#?}");
    // Wrapped rows get separators so they stay apart.
    assert_eq!(lines.iter().filter(|t| t.starts_with('├')).count(), 2, "{lines:#?}");
}

#[test]
fn narrow_tables_become_header_value_pairs() {
    let l = layout(&lead(vec![dose_table()]), 8);
    assert_eq!(
        body(&l),
        [
            "Drug:", "  ketami", "  ne", "Dose: 1", "  mg/kg", "", "Drug:", "  aspiri", "  n",
            "Dose: 75", "  mg", "  daily", "  for", "  adults"
        ]
    );
}

#[test]
fn tables_that_would_cut_words_become_pairs() {
    let l = layout(&lead(vec![dose_table()]), 20);
    let lines = body(&l);
    assert_eq!(lines[..3], ["Drug: ketamine", "Dose: 1 mg/kg", ""], "{lines:#?}");
}

#[test]
fn no_table_column_collapses() {
    // Long addresses are capped as words, so they keep the grid and are cut instead.
    let wide = Block::Table(Table {
        aligns: vec![],
        head: cells(&["a", "b", "c", "d"]),
        rows: vec![cells(&["xxxxxxxxxxxxxxxxxxxxxxxx", "y", "zzzzzzzzzzzzzzzz", "w"])],
    });
    for width in 43..60 {
        let l = layout(&lead(vec![wide.clone()]), width);
        let top = &body(&l)[0];
        assert!(top.starts_with('┌'), "width {width}: {top}");
        // Each column is at least one cell plus its two padding cells.
        let columns = top.trim_start_matches('┌').trim_end_matches('┐').split('┬');
        assert!(columns.clone().all(|c| c.chars().count() >= 3), "width {width}: {top}");
        assert_eq!(columns.count(), 4);
        assert!(str_width(top) <= usize::from(width));
    }
}

#[test]
fn footnotes_gather_at_the_end_of_their_section() {
    let note = Block::Footnote { label: "1".into(), blocks: vec![para("The note text is long.")] };
    let a = article(vec![
        section(2, "One", vec![para("Body[1]."), note, para("More body.")]),
        section(2, "Two", vec![para("Next.")]),
    ]);
    let l = layout(&a, 16);
    let text = body(&l);
    assert_eq!(
        &text[3..10],
        ["Body[1].", "", "More body.", "", "[1] The note", "    text is", "    long."]
    );
    assert_eq!(
        l.lines[l.section_lines[0] + 7].segs().next().expect("a run").style.kind,
        Kind::Note
    );
}

#[test]
fn plain_text_trims_trailing_spaces() {
    let l = layout(&lead(vec![dose_table()]), 60);
    let plain = to_plain(&l);
    assert!(plain.lines().all(|line| !line.ends_with(' ')));
    assert!(plain.contains("│ Drug     │"));
}

#[test]
fn positions_are_sorted_and_found_again() {
    let a = sample();
    for width in [1, 2, 5, 17, 40, 80, 200] {
        let l = layout(&a, width);
        assert!(l.lines.windows(2).all(|w| w[0].pos <= w[1].pos), "width {width}");
        for i in 0..l.lines.len() {
            let found = l.line_at(l.position_of(i));
            assert!(found <= i);
            assert_eq!(l.lines[found].pos, l.lines[i].pos);
        }
    }
}

#[test]
fn paragraph_starts_survive_a_relayout() {
    let a = sample();
    let wide = layout(&a, 80);
    let narrow = layout(&a, 23);
    for (i, section) in a.sections.iter().enumerate() {
        let mut offset = section.title.len();
        for block in &section.blocks {
            let start = offset;
            crate::article::for_each_text(std::slice::from_ref(block), &mut |t| offset += t.len());
            let Block::Paragraph(spans) = block else { continue };
            let pos = Position { section: i as u32, offset: start as u32 };
            // (0, 0) is the very top, the card, by design.
            if pos == Position::default() || matches!(block, Block::Footnote { .. }) {
                continue;
            }
            let first_word = spans[0].text.split_whitespace().next().unwrap_or_default();
            for l in [&wide, &narrow] {
                let line = &l.lines[l.line_at(pos)];
                assert!(line.text().trim_start().starts_with(first_word), "{line:?}");
            }
        }
    }
}

/// An article using every block kind, for snapshots and invariants.
fn sample() -> Article {
    let quote = Block::Quote(vec![
        para("Ketamine is a dissociative anaesthetic."),
        Block::Quote(vec![para("Nested quotes keep their bars.")]),
    ]);
    let list = Block::List {
        start: Some(1),
        items: vec![
            item("Check the dose with a pharmacist before taking it."),
            ListItem {
                task: Some(false),
                blocks: vec![
                    para("Ask about interactions."),
                    Block::List { start: None, items: vec![item("alcohol"), item("opioids")] },
                ],
            },
        ],
    };
    let code = Block::Code { lang: "sh".into(), text: "salve show ketamine --width 40\n".into() };
    let note = Block::Footnote {
        label: "1".into(),
        blocks: vec![para("World Health Organization list.")],
    };
    let linked = Block::Paragraph(vec![
        Span::plain("It is on the essential medicines list"),
        Span::styled("1", Inline::NOTE_REF),
        Span::plain(". Read "),
        Span::styled("the leaflet", Inline::LINK),
        Span::styled("https://example.org/ketamine", Inline::URL),
        Span::plain(" first."),
    ]);
    article(vec![
        section(0, "", vec![para("An introduction that runs over a few lines of text.")]),
        section(1, "What is ketamine?", vec![quote, linked, note]),
        section(2, "Safety", vec![list, code, dose_table(), Block::Rule, para("The end.")]),
    ])
}

#[test]
fn sample_at_40_columns() {
    insta::assert_snapshot!(to_plain(&layout(&sample(), 40)));
}

#[test]
fn sample_at_12_columns() {
    insta::assert_snapshot!(to_plain(&layout(&sample(), 12)));
}

#[test]
fn a_head_is_the_start_of_the_whole_layout() {
    let sections: Vec<_> = (0..200)
        .map(|i| section(2, &format!("Part {i}"), vec![para(&"words to wrap here ".repeat(20))]))
        .collect();
    let a = article(sections);
    let whole = layout(&a, 50);
    let head = layout_head(&a, 50, 40);
    assert!(whole.complete && !head.complete);
    assert!(head.lines.len() >= 40 && head.lines.len() < whole.lines.len() / 10);
    // Same lines, card included (its word count is the whole article's), same section starts.
    assert_eq!(head.lines[..], whole.lines[..head.lines.len()]);
    assert_eq!(head.section_lines[..], whole.section_lines[..head.section_lines.len()]);
    // An article shorter than asked for comes out whole.
    let short = layout_head(&a, 50, usize::MAX);
    assert!(short.complete);
    assert_eq!(short.lines, whole.lines);
}

/// (line text, link number) for every run of link text, top to bottom.
fn link_runs(l: &Layout) -> Vec<(String, u32, u16)> {
    l.lines
        .iter()
        .flat_map(|line| {
            line.segs()
                .filter(|s| s.style.link > 0)
                .map(|s| (s.text.to_string(), line.pos.section, s.style.link))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn links_are_numbered_per_section_and_lead_to_their_targets() {
    let target = crate::article::Link::from("flu.md#symptoms");
    // One link whose text changes style is one link, even where the width wraps it.
    let first = Block::Paragraph(vec![
        Span::plain("Read "),
        Span { link: Some(target.clone()), ..Span::styled("the flu", Inline::LINK) },
        Span { link: Some(target), ..Span::styled(" guide first", Inline::LINK | Inline::EMPH) },
        Span::plain(" and "),
        Span::linked("the leaflet", Inline::LINK, "https://example.org/a"),
        Span::styled("https://example.org/a", Inline::URL),
    ]);
    let cells = |text: &str, to: &str| vec![Span::linked(text, Inline::LINK, to)];
    let table = Block::Table(Table {
        head: vec![vec![Span::plain("Where")]],
        aligns: vec![Align::None],
        rows: vec![vec![cells("Dosage", "#dosage")], vec![cells("Risks", "#risks")]],
    });
    let a = article(vec![
        section(1, "One", vec![first]),
        section(1, "Two", vec![para("No links here.")]),
        section(1, "Three", vec![table]),
    ]);
    for width in [16, 80] {
        let l = layout(&a, width);
        let runs = link_runs(&l);
        let numbers: Vec<(u32, u16)> = runs.iter().map(|r| (r.1, r.2)).collect();
        let text: Vec<&str> =
            runs.iter().filter(|r| r.2 == 1 && r.1 == 0).map(|r| r.0.as_str()).collect();
        let text = text.join(" ");
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["the", "flu", "guide", "first"]);
        assert!(
            numbers.contains(&(0, 2)) && numbers.contains(&(2, 1)) && numbers.contains(&(2, 2))
        );
        assert!(numbers.iter().all(|&(s, n)| s != 1 && n <= 2), "{runs:?}");
        assert_eq!(l.link(0, 1).map(|t| &**t), Some("flu.md#symptoms"));
        assert_eq!(l.link(0, 2).map(|t| &**t), Some("https://example.org/a"));
        assert_eq!(l.link(2, 2).map(|t| &**t), Some("#risks"));
        assert_eq!((l.link(0, 3), l.link(1, 1), l.link(2, 0)), (None, None, None));
        // The address shown after the text is not part of the link.
        assert!(runs.iter().all(|r| !r.0.contains("example.org")), "{runs:?}");
    }
}

#[test]
fn a_new_card_makes_the_layout_new_for_work_kept_by_its_id() {
    let text = "# Sleep\n\nRest well.\n\n## Naps\n\nShort ones.\n";
    let a = parse_str("sleep.md", Origin::Bundled("sleep.md"), Format::Markdown, text);
    let mut laid = layout(&a, 60);
    let before = laid.id;
    // The reading time arrives once the whole article is read: the card changes, the body
    // lines move, and a text search joined over the old lines must not be reused.
    recard(&mut laid, &a, Some(100_000));
    assert_ne!(laid.id, before, "the lines changed, so the id must");
    assert!(to_plain(&laid).contains("Rest well."));
}
