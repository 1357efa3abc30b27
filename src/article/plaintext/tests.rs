//! The plain-text rules, one test or more each: paragraphs, lists, headings and where they
//! run into their text, and input that must not break the parser.

use super::*;

/// (level, title) of every section.
fn outline(text: &str) -> Vec<(u8, String)> {
    parse(text).sections.iter().map(|s| (s.level, s.title.clone())).collect()
}

/// The text of a paragraph block.
fn para(block: &Block) -> &str {
    match block {
        Block::Paragraph(spans) => &spans[0].text,
        other => panic!("expected a paragraph, got {other:?}"),
    }
}

/// The item texts of a list block.
fn items(block: &Block) -> Vec<&str> {
    match block {
        Block::List { start: None, items } => items.iter().map(|i| para(&i.blocks[0])).collect(),
        other => panic!("expected a bullet list, got {other:?}"),
    }
}

/// The start and item texts of a numbered list block.
fn numbered(block: &Block) -> (u64, Vec<&str>) {
    match block {
        Block::List { start: Some(start), items } => {
            (*start, items.iter().map(|i| para(&i.blocks[0])).collect())
        }
        other => panic!("expected a numbered list, got {other:?}"),
    }
}

const LONG: &str = "This is body text long enough to read as a paragraph and not a heading at all.";

/// Body text in one line, running straight on from a heading above it.
const SIDE: &str = "Ketamine can cause nausea and dizziness, and some people feel detached \
                    from their body for an hour or two.";

#[test]
fn numbered_lines_are_an_ordered_list_not_one_paragraph() {
    let text = format!(
        "{LONG}\n\n1. Numbered one\n2. Numbered two\n\n{LONG}\n\n7) Seventh\n8) Eighth\n- a bullet\n"
    );
    let blocks = &parse(&text).sections[0].blocks;
    assert_eq!(blocks.len(), 5, "{blocks:#?}");
    assert_eq!(numbered(&blocks[1]), (1, vec!["Numbered one", "Numbered two"]));
    assert_eq!(numbered(&blocks[3]), (7, vec!["Seventh", "Eighth"]));
    // A bullet after numbers starts a list of its own.
    assert_eq!(items(&blocks[4]), ["a bullet"]);
    // One line per paragraph reads the same.
    let blocks = &parse("1. Numbered one\n2. Numbered two\n").sections[0].blocks;
    assert_eq!(numbered(&blocks[0]), (1, vec!["Numbered one", "Numbered two"]));
}

#[test]
fn numbers_that_are_not_list_markers_stay_text() {
    for line in ["2019. That year the first trial reported.", "1.5 mg is the usual dose.", "3)x"] {
        let body = parse(&format!("{LONG}\n\n{line}\n"));
        assert_eq!(para(&body.sections[0].blocks[1]), line);
    }
    // A hard-wrapped sentence whose next line starts with a number.
    let body = parse(&format!("{LONG}\n\nThe dose was lowered on day\n3. After that it held.\n"));
    assert_eq!(
        para(&body.sections[0].blocks[1]),
        "The dose was lowered on day 3. After that it held."
    );
}

#[test]
fn a_heading_line_running_into_its_text_is_split_off() {
    let text = format!("Ketamine Guide\n\n{LONG}\n\nSide Effects\n{SIDE}\n\nDosage\n\n{LONG}\n");
    let body = parse(&text);
    let titles: Vec<_> = body.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Ketamine Guide", "Side Effects", "Dosage"]);
    assert_eq!(body.sections[1].blocks.len(), 1);
    assert_eq!(para(&body.sections[1].blocks[0]), SIDE);

    // After a sentence inside a paragraph, and with its text hard-wrapped.
    let text = format!(
        "{LONG}\nHow It Works\nKetamine blocks NMDA receptors in the brain, and\nglutamate rises.\n\n{LONG}\n"
    );
    let body = parse(&text);
    assert_eq!(body.sections.len(), 2);
    assert_eq!(para(&body.sections[0].blocks[0]), LONG);
    assert_eq!(body.sections[1].title, "How It Works");
    assert_eq!(
        para(&body.sections[1].blocks[0]),
        "Ketamine blocks NMDA receptors in the brain, and glutamate rises."
    );
}

#[test]
fn hard_wrapped_paragraphs_still_join() {
    let wrapped = [
        // The next line carries on the sentence.
        "Ketamine Side Effects and\nwhat to do about them when they last longer than a day.",
        // Not Title Case: a sentence broken early, not a heading.
        "Patients in the trial were given\nKetamine at a low dose over forty minutes, twice a week.",
        // As long as the next line: a line of a hard-wrapped paragraph.
        "The Royal College of Psychiatrists and the National Institute of Health\nCare \
         Excellence both said so in their guidance.",
        // The line before does not end a sentence.
        "Most people recover within the hour and go home with\nA Friend Or Relative\nWho \
         drives them, as the clinic insists on it for everyone.",
    ];
    for text in wrapped {
        let body = parse(&format!("{LONG}\n\n{text}\n"));
        assert_eq!(body.sections.len(), 1, "{text:?}: {:#?}", body.sections);
        assert_eq!(para(&body.sections[0].blocks[1]), text.replace('\n', " "));
    }
}

#[test]
fn title_line_is_level_one_and_later_headings_level_two() {
    let text = format!("What Does It Do?\n\n{LONG}\n\nHow It Works\n\n{LONG}\n");
    assert_eq!(outline(&text), [(1, "What Does It Do?".into()), (2, "How It Works".into())]);
}

#[test]
fn text_before_the_first_heading_is_the_lead_section() {
    let body = parse(&format!("{LONG}\nSecond Part\n{LONG}"));
    assert_eq!(body.sections.len(), 2);
    assert_eq!((body.sections[0].level, body.sections[0].title.as_str()), (0, ""));
    assert_eq!(para(&body.sections[0].blocks[0]), LONG);
    assert_eq!(body.sections[1].title, "Second Part");
    assert!(body.front_matter.is_none());
}

#[test]
fn bullets_make_one_list_with_one_paragraph_per_item() {
    let text = format!(
        "Side Effects\n\nThese can include:\n\n  • Dizziness\n  - Nausea\n* Blurred vision\n\n{LONG}"
    );
    let body = parse(&text);
    let blocks = &body.sections[0].blocks;
    assert_eq!(para(&blocks[0]), "These can include:");
    assert_eq!(items(&blocks[1]), ["Dizziness", "Nausea", "Blurred vision"]);
    assert_eq!(para(&blocks[2]), LONG);
}

#[test]
fn marker_without_a_space_is_not_a_bullet() {
    let body = parse("-5 degrees outside today, and the roads are icy.");
    assert_eq!(
        para(&body.sections[0].blocks[0]),
        "-5 degrees outside today, and the roads are icy."
    );
}

#[test]
fn a_heading_may_be_followed_by_a_list() {
    let text = format!("{LONG}\n\nAfter effects\n\n• One\n• Two\n");
    assert_eq!(outline(&text)[1], (2, "After effects".into()));
}

#[test]
fn key_takeaway_label_is_not_a_heading() {
    let text = format!("Heading Here\n\n{LONG}\n\nKey Takeaway: \n\n{LONG}\n");
    let body = parse(&text);
    assert_eq!(body.sections.len(), 1);
    assert_eq!(para(&body.sections[0].blocks[1]), "Key Takeaway:");
}

#[test]
fn short_sentence_ending_in_a_period_is_not_a_heading() {
    let text = format!("{LONG}\n\nIt's heartbreaking.\n\n{LONG}\n");
    assert_eq!(outline(&text), [(0, String::new())]);
    let text = format!("{LONG}\nHe said it was “a game-changer.”\n{LONG}\n");
    assert_eq!(outline(&text), [(0, String::new())]);
}

#[test]
fn question_heading_is_a_heading_but_a_question_before_a_heading_is_not() {
    let text = format!(
        "{LONG}\n\nWhat Is Ketamine?\n\n{LONG}\n\nBut what exactly is it and how does it work?\n\nUnderstanding Its Origins\n\n{LONG}\n"
    );
    let titles: Vec<_> = outline(&text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, ["", "What Is Ketamine?", "Understanding Its Origins"]);
}

#[test]
fn two_title_case_headings_in_a_row_but_not_three() {
    let text = format!("{LONG}\n\nEffects of Ketamine\n\nEnhancing Team Outcomes\n\n{LONG}\n");
    let titles: Vec<_> = outline(&text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, ["", "Effects of Ketamine", "Enhancing Team Outcomes"]);
    let body = parse(&text);
    assert!(body.sections[1].blocks.is_empty());

    let text = format!("{LONG}\nOne Street\nTwo Town\nThree Country\n{LONG}\n");
    let titles: Vec<_> = outline(&text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, ["", "Three Country"]);
}

#[test]
fn short_line_at_the_end_is_a_paragraph() {
    let text = format!("{LONG}\n\nTop Providers Near You");
    assert_eq!(outline(&text), [(0, String::new())]);
}

#[test]
fn single_newlines_separate_paragraphs_when_there_are_no_blank_lines() {
    let body = parse(&format!("{LONG}\n{LONG}\nA Heading\n{LONG}"));
    assert_eq!(body.sections[0].blocks.len(), 2);
    assert_eq!(body.sections[1].title, "A Heading");
}

#[test]
fn blank_line_text_joins_wrapped_lines_with_a_space() {
    let body = parse("first half of a\n  wrapped sentence.\n\nsecond paragraph here.\n");
    let blocks = &body.sections[0].blocks;
    assert_eq!(para(&blocks[0]), "first half of a wrapped sentence.");
    assert_eq!(para(&blocks[1]), "second paragraph here.");
}

#[test]
fn crlf_reads_like_lf() {
    let lf = format!("Title Line\n\n{LONG}\n\nNext Part\n\n• item\n");
    assert_eq!(parse(&lf.replace('\n', "\r\n")).sections, parse(&lf).sections);
    assert_eq!(outline(&lf.replace('\n', "\r\n"))[0], (1, "Title Line".into()));
}

#[test]
fn empty_and_blank_input_give_no_sections() {
    assert!(parse("").sections.is_empty());
    assert!(parse(" \n\r\n\t \n").sections.is_empty());
}

#[test]
fn huge_single_line_is_one_paragraph() {
    let line = "word ".repeat(200_000);
    let body = parse(&line);
    assert_eq!(body.sections.len(), 1);
    assert_eq!(body.sections[0].level, 0);
}

#[test]
fn control_characters_are_sanitized_in_titles_and_text() {
    let body = parse(&format!("Bad \x1b]0;x\x07 Title\n\n{LONG}\x1b[2J\n"));
    assert_eq!(body.sections[0].title, "Bad \u{241b}]0;x\u{2407} Title");
    assert!(para(&body.sections[0].blocks[0]).ends_with("\u{241b}[2J"));
}

#[test]
fn title_case_allows_minor_words_and_caseless_scripts() {
    assert!(is_title_case("The Role of Ketamine in Treating Other Conditions"));
    assert!(is_title_case("اترك تعليقاً"));
    assert!(!is_title_case("After effects"));
    assert!(!is_title_case("But what exactly is ketamine and how does it work?"));
}

proptest::proptest! {
    #[test]
    fn never_panics_and_stores_only_clean_text(text in "(\\PC|[\r\n\t\x1b•*-]){0,300}") {
        for section in parse(&text).sections {
            proptest::prop_assert!(crate::sanitize::is_clean(&section.title));
            proptest::prop_assert!(!section.title.contains('\n'));
            let mut clean = true;
            crate::article::for_each_text(&section.blocks, &mut |t| clean &= crate::sanitize::is_clean(t));
            proptest::prop_assert!(clean);
        }
    }
}
