//! Property tests of the layout over random hand-built articles and widths 1..300: no line is
//! wider than the column, positions are sorted and found again, and no text is lost (code
//! included, at every width: it is wrapped, never cut).

mod support;

use proptest::prelude::*;
use salve::article::{
    Article, Block, Inline, ListItem, Meta, Origin, Section, Span, Table, for_each_text,
};
use salve::layout::{Kind, Layout, Position, layout, str_width};
use support::drawn::{self};
use support::drawn::{drawn_units, units};

/// Words that stress the wrapper: wide, zero-width, emoji, no-break space, very long.
const WORDS: &[&str] = &[
    "dose",
    "ketamine",
    "日本語",
    "💊",
    "e\u{301}te\u{301}",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "a",
    "mg/kg",
    "5\u{a0}mg",
    "👨\u{200d}👩\u{200d}👧",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![3 => prop::sample::select(WORDS).prop_map(String::from), 5 => "[a-z]{1,12}"]
}

fn text() -> impl Strategy<Value = String> {
    let sep = prop_oneof![8 => Just(" "), 1 => Just("   "), 1 => Just("\n")];
    prop::collection::vec((word(), sep), 1..12).prop_map(|parts| {
        parts.into_iter().map(|(w, s)| w + s).collect::<String>().trim().to_string()
    })
}

fn spans() -> impl Strategy<Value = Vec<Span>> {
    let flag = prop::sample::select(vec![
        Inline::PLAIN,
        Inline::EMPH,
        Inline::STRONG | Inline::CODE,
        Inline::LINK,
        Inline::URL,
        Inline::IMAGE,
        Inline::NOTE_REF,
    ]);
    prop::collection::vec((text(), flag).prop_map(|(t, f)| Span::styled(t, f)), 1..4)
}

/// Blocks; `rich` adds code and tables, whose text may be cut or broken across columns.
fn blocks(rich: bool) -> impl Strategy<Value = Vec<Block>> {
    let leaf = prop_oneof![
        6 => spans().prop_map(Block::Paragraph),
        1 => Just(Block::Rule),
        u32::from(rich) => text().prop_map(|text| Block::Code { lang: String::new(), text }),
        u32::from(rich) => (1usize..4, 0usize..3, spans()).prop_map(|(cols, rows, cell)| {
            let row = vec![cell; cols];
            Block::Table(Table { aligns: vec![], head: row.clone(), rows: vec![row; rows] })
        }),
    ];
    let block = leaf.prop_recursive(3, 24, 4, |inner| {
        let items = prop::collection::vec(
            (prop::option::of(any::<bool>()), prop::collection::vec(inner.clone(), 0..3))
                .prop_map(|(task, blocks)| ListItem { task, blocks }),
            1..4,
        );
        prop_oneof![
            prop::collection::vec(inner, 1..3).prop_map(Block::Quote),
            (prop::option::of(0u64..12), items)
                .prop_map(|(start, items)| Block::List { start, items }),
        ]
    });
    prop::collection::vec(block, 0..5)
}

fn article(rich: bool) -> impl Strategy<Value = Article> {
    let section = (0u8..7, text(), blocks(rich), prop::option::of(spans())).prop_map(
        |(level, title, mut blocks, note)| {
            if let Some(note) = note {
                // Footnotes at the top of a section: their text moves to its end.
                blocks.push(Block::Footnote {
                    label: "n".into(),
                    blocks: vec![Block::Paragraph(note)],
                });
            }
            let title = if level == 0 { String::new() } else { title.replace('\n', " ") };
            Section { title, level: level.max(1), anchor: String::new(), blocks }
        },
    );
    (prop::collection::vec(section, 0..4), any::<bool>()).prop_map(|(mut sections, lead)| {
        if lead && let Some(first) = sections.first_mut() {
            first.level = 0;
            first.title.clear();
        }
        Article {
            id: "prop".into(),
            key: "prop".into(),
            meta: Meta { title: "Property".into(), ..Meta::default() },
            origin: Origin::Bundled("prop.md"),
            sections,
            problems: Vec::new(),
        }
    })
}

fn check_invariants(l: &Layout, width: u16) -> Result<(), TestCaseError> {
    for line in &l.lines {
        prop_assert!(line.width() <= usize::from(width), "{:?} wider than {width}", line.text());
    }
    prop_assert!(l.lines.windows(2).all(|w| w[0].pos <= w[1].pos), "positions out of order");
    for i in 0..l.lines.len() {
        let found = l.line_at(l.position_of(i));
        prop_assert!(found <= i);
        prop_assert_eq!(l.lines[found].pos, l.lines[i].pos);
    }
    for (i, &line) in l.section_lines.iter().enumerate() {
        prop_assert!(line < l.lines.len());
        prop_assert_eq!(l.section_of(line), i);
    }
    Ok(())
}

/// Non-space characters of the article text in the order the layout draws them: heading, body,
/// then the footnotes.
fn expected_chars(a: &Article) -> Vec<char> {
    let mut out = Vec::new();
    for section in &a.sections {
        out.extend(section.title.chars().filter(|c| !c.is_whitespace()));
        let (problems, body): (Vec<&Block>, Vec<&Block>) =
            section.blocks.iter().partition(|b| matches!(b, Block::Footnote { .. }));
        for block in body.into_iter().chain(problems) {
            salve::article::for_each_text(std::slice::from_ref(block), &mut |t| {
                out.extend(t.chars().filter(|c| !c.is_whitespace()));
            });
        }
    }
    out
}

/// The text of every code block in `blocks`, in reading order.
fn code_texts<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
    for block in blocks {
        match block {
            Block::Code { text, .. } => out.push(text),
            Block::Quote(inner) | Block::Footnote { blocks: inner, .. } => code_texts(inner, out),
            Block::List { items, .. } => items.iter().for_each(|i| code_texts(&i.blocks, out)),
            Block::Paragraph(_) | Block::Table(_) | Block::Rule => {}
        }
    }
}

/// Each section's text as positions count it: the title, then every text in model order.
fn section_texts(a: &Article) -> Vec<String> {
    a.sections
        .iter()
        .map(|s| {
            let mut text = s.title.clone();
            for_each_text(&s.blocks, &mut |t| text.push_str(t));
            text
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_code_is_lost_at_any_width(a in article(true), width in 1u16..300) {
        // Every character of code is drawn, in order (a cluster wider than the whole line, like
        // 日 at width 1, as `…`), and each code line starts where its position says.
        let l = layout(&a, width);
        let mut code = Vec::new();
        for section in &a.sections {
            code_texts(&section.blocks, &mut code);
        }
        let expected = units(&code.join("\n"));
        let drawn = drawn_units(&l.lines, |k| k == Kind::CodeBlock);
        prop_assert!(
            drawn == expected,
            "at width {width}, drawn {:?}, expected {:?}",
            drawn::show(&drawn),
            drawn::show(&expected)
        );
        let texts = section_texts(&a);
        for line in &l.lines {
            let Some(seg) = line.segs().find(|s| s.style.kind == Kind::CodeBlock) else {
                continue;
            };
            // The first line of a code line may start with the one-cell margin.
            let first = seg.text.trim_start_matches(' ');
            if first.is_empty() || first == "…" {
                continue;
            }
            let at = &texts[line.pos.section as usize][line.pos.offset as usize..];
            prop_assert!(
                at.trim_start_matches(' ').starts_with(first),
                "line {:?} at {:?} is not where its text is: {at:?}",
                line.text(),
                line.pos
            );
        }
    }

    #[test]
    fn lines_fit_and_positions_hold(a in article(true), width in 1u16..300) {
        let l = layout(&a, width);
        check_invariants(&l, width)?;
        for (i, &line) in l.section_lines.iter().enumerate() {
            if a.sections[i].level > 0 && i > 0 {
                prop_assert_eq!(l.lines[line].pos, Position { section: i as u32, offset: 0 });
                prop_assert_eq!(l.line_at(Position { section: i as u32, offset: 0 }), line);
            }
        }
    }

    #[test]
    fn card_counts_words_like_the_model(a in article(true)) {
        let l = layout(&a, 300);
        let words = a.words();
        let unit = if words == 1 { " word" } else { " words" };
        let card = l.lines[1].text();
        // The card groups thousands ("1,000 words"): compare the number, not its spelling.
        let count = card.strip_suffix(unit).and_then(|c| c.rsplit(' ').next());
        let count = count.map(|c| c.replace(',', "")).and_then(|c| c.parse::<usize>().ok());
        prop_assert_eq!(count, Some(words), "{:?}", l.lines[1]);
    }

    #[test]
    fn no_text_is_lost(a in article(false), width in 40u16..300) {
        // Nesting takes at most 3 × 8 cells, so at 40 every line keeps room for wide characters
        // and nothing becomes a placeholder; words may still be broken, hence no spaces.
        let l = layout(&a, width);
        let card = l.section_lines.first().copied().unwrap_or(l.lines.len());
        let drawn: Vec<char> =
            l.lines[card..].iter().flat_map(|line| line.text().chars().collect::<Vec<_>>()).collect();
        let mut drawn = drawn.into_iter().filter(|c| !c.is_whitespace());
        for c in expected_chars(&a) {
            prop_assert!(drawn.any(|d| d == c), "{c:?} missing at width {width}");
        }
    }

    #[test]
    fn whole_words_survive_when_they_fit(a in article(false), width in 80u16..300) {
        // The longest test word is 45 cells; with 24 cells of nesting it fits whole from 70 up.
        let l = layout(&a, width);
        let text = salve::layout::to_plain(&l);
        for section in &a.sections {
            salve::article::for_each_text(&section.blocks, &mut |t| {
                // A span's first and last words run on into the spans beside it (spans join
                // without a space), into words longer than any here, which may be broken.
                let words: Vec<&str> = t.split([' ', '\n']).filter(|w| !w.is_empty()).collect();
                let inner = words.len().saturating_sub(2);
                for w in words.iter().skip(1).take(inner) {
                    assert!(text.contains(w), "{w:?} missing at width {width}");
                }
            });
        }
    }
}

#[test]
fn wide_text_at_every_small_width() {
    let para = Block::Paragraph(vec![Span::plain("日本語 💊 e\u{301} pneumonoultramicroscopic")]);
    let quote = Block::Quote(vec![Block::Quote(vec![para.clone()])]);
    let a = Article {
        id: "w".into(),
        key: "w".into(),
        meta: Meta { title: "日本語のタイトル".into(), ..Meta::default() },
        origin: Origin::Bundled("w.md"),
        sections: vec![Section {
            title: "見出し".into(),
            level: 1,
            anchor: String::new(),
            blocks: vec![para, quote],
        }],
        problems: Vec::new(),
    };
    for width in 1..=12 {
        let l = layout(&a, width);
        assert!(l.lines.iter().all(|line| str_width(&line.text()) <= usize::from(width)));
    }
}
