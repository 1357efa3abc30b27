//! Reading in pieces gives what parsing the whole text gives: for the bundled articles,
//! MedQuAD, every CommonMark spec example and look-ahead cases, cut into windows of many sizes.

use super::*;
use crate::article::{Block, Inline, parse_str};
use std::io::Cursor;

/// The article read in pieces from `text`, with windows of `first` then `rest` bytes.
fn streamed(name: &str, text: &str, first: usize, rest: usize) -> Article {
    let origin = Origin::Bundled("test.md");
    let stream = Stream::new(Cursor::new(text.as_bytes()), name, origin, Format::for_name(name))
        .windows(first, rest);
    read_whole(stream).expect("reading from memory cannot fail")
}

fn whole(name: &str, text: &str) -> Article {
    parse_str(name, Origin::Bundled("test.md"), Format::for_name(name), text)
}

/// Fails unless every window size tried reads `text` as the whole parse does.
fn same_in_pieces(name: &str, text: &str) {
    let want = whole(name, text);
    for (first, rest) in [(1, 1), (5, 64), (64, 300), (1000, 4096), (32 * 1024, 512 * 1024)] {
        let got = streamed(name, text, first, rest);
        assert_eq!(got, want, "{name} in windows of {first} then {rest} bytes");
    }
}

#[test]
fn bundled_articles_read_in_pieces_as_whole() {
    for (name, text) in crate::library::BUNDLED {
        same_in_pieces(name, text);
    }
}

#[test]
fn every_commonmark_example_reads_in_pieces_as_whole() {
    let json = include_str!("../../../tests/fixtures/commonmark/spec-0.31.2.json");
    let examples: Vec<serde_json::Value> = serde_json::from_str(json).expect("valid JSON");
    for example in &examples {
        let text = example["markdown"].as_str().unwrap_or_default();
        // Under headings, so the cuts fall between sections as well as inside them.
        let doc = format!("# One\n\n{text}\n## Two\n\n{text}\n\npara\n\n{text}");
        same_in_pieces("spec.md", &doc);
    }
}

#[test]
fn medquad_reads_in_pieces_as_whole() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/medquad");
    let Ok(folders) = std::fs::read_dir(&root) else { return };
    let mut read = 0;
    for folder in folders.flatten().take(4) {
        let Ok(files) = std::fs::read_dir(folder.path()) else { continue };
        for file in files.flatten().take(25) {
            let Ok(text) = std::fs::read_to_string(file.path()) else { continue };
            let want = whole("m.md", &text);
            assert_eq!(streamed("m.md", &text, 64, 700), want, "{}", file.path().display());
            read += 1;
        }
    }
    assert!(read > 0 || !root.exists());
}

#[test]
fn a_reference_defined_at_the_end_links_once_the_whole_text_is_read() {
    let text = "# Guide\n\nSee [the trial][nih] and [^1].\n\n## More\n\nText.\n\n## Sources\n\n\
                [nih]: https://example.org/trial\n\n[^1]: A note at the end.\n";
    let got = streamed("guide.md", text, 8, 16);
    assert_eq!(got, whole("guide.md", text));
    let Block::Paragraph(spans) = &got.sections[0].blocks[0] else { panic!("a paragraph") };
    let link = spans.iter().find(|s| s.style.contains(Inline::LINK)).expect("a link");
    assert_eq!(link.text, "the trial");
    assert!(spans.iter().any(|s| s.text == "https://example.org/trial"), "{spans:?}");
    assert!(spans.iter().any(|s| s.style == Inline::NOTE_REF && s.text == "1"), "{spans:?}");
}

#[test]
fn the_fix_names_the_sections_read_again_and_keeps_their_anchors() {
    let text = "# A\n\n[x][r]\n\n## B\n\nplain\n\n## C\n\n[r]: /url\n";
    let mut stream = Stream::new(
        Cursor::new(text.as_bytes()),
        "a.md",
        Origin::Bundled("a.md"),
        Format::Markdown,
    )
    .windows(4, 8);
    let mut first = Vec::new();
    while let Some(mut more) = stream.next_sections().expect("in memory") {
        first.append(&mut more);
    }
    let Block::Paragraph(before) = &first[0].blocks[0] else { panic!("a paragraph") };
    assert_eq!(before[0].text, "[x][r]", "unknown while the definition is unread");
    let finish = stream.finish().expect("in memory");
    assert_eq!(finish.fixes.len(), 1);
    assert_eq!(finish.fixes[0].at, 0);
    apply(&mut first, finish.fixes[0].clone());
    assert_eq!(first[0].anchor, "a");
    assert_eq!(first, whole("a.md", text).sections);
}

#[test]
fn the_identity_is_pending_until_the_end_unless_the_front_matter_gives_one() {
    let text = "# Sleep\n\nRest.\n\n## More\n\nText.\n";
    let mut stream = Stream::new(
        Cursor::new(text.as_bytes()),
        "s.md",
        Origin::Bundled("s.md"),
        Format::Markdown,
    )
    .windows(4, 4);
    let head = stream.next_sections().expect("in memory").expect("a section");
    assert!(stream.article(head, false).key.is_stand_in());
    assert_eq!(stream.finish().expect("in memory").key, whole("s.md", text).key);
    let pinned = "---\nid: sleep-guide\n---\n# Sleep\n\nRest.\n\n## More\n\nText.\n";
    let mut stream = Stream::new(
        Cursor::new(pinned.as_bytes()),
        "s.md",
        Origin::Bundled("s.md"),
        Format::Markdown,
    );
    let head = stream.next_sections().expect("in memory").expect("a section");
    assert_eq!(stream.article(head, false).key, "id:sleep-guide");
}

#[test]
fn plain_text_and_odd_bytes_read_as_whole() {
    same_in_pieces(
        "notes.txt",
        "TITLE\n\nSome text here.\n\nHeading Here\nMore text follows it.\n",
    );
    same_in_pieces("bom.md", "\u{feff}# Title\n\nText.\n\n## Two\n\nMore.\n");
    same_in_pieces("crlf.md", "# Title\r\n\r\nText.\r\n\r\n## Two\r\n\r\nMore.\r\n");
    same_in_pieces("empty.md", "");
    same_in_pieces("fence.md", "# A\n\n```\n# not a heading\n\ntext\n```\n\n## B\n\nx\n");
}
