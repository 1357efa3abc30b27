//! Tests for the sanitizer: each class of character it must neutralise, tab stops, the
//! borrowed fast path, and properties over arbitrary strings checked against a simple
//! character-by-character model of the same rules.

use super::*;
use proptest::prelude::*;

/// Every bidi embedding, override and isolate (the Trojan Source set, CVE-2021-42574).
const BIDI_CONTROLS: [char; 9] = [
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

fn owned(text: &str) -> String {
    let out = sanitize(text);
    assert!(matches!(out, Cow::Owned(_)), "{text:?} should need work");
    out.into_owned()
}

#[test]
fn escape_becomes_a_visible_symbol() {
    assert_eq!(sanitize("a\x1b[2Jb"), "a\u{241b}[2Jb");
}

#[test]
fn every_c0_control_but_newline_and_tab_becomes_its_control_picture() {
    for code in (0u32..0x20).filter(|&c| c != 0x0a && c != 0x09) {
        let c = char::from_u32(code).expect("C0 codes are chars");
        let picture = char::from_u32(0x2400 + code).expect("Control Pictures are chars");
        assert_eq!(owned(&format!("x{c}y")), format!("x{picture}y"), "U+{code:04X}");
    }
    assert_eq!(sanitize("\0"), "\u{2400}");
    assert_eq!(sanitize("\r\n"), "\u{240d}\n");
    assert_eq!(sanitize("\x07"), "\u{2407}");
}

#[test]
fn delete_becomes_its_control_picture() {
    assert_eq!(owned("a\x7fb"), "a\u{2421}b");
}

#[test]
fn every_c1_control_becomes_the_replacement_character() {
    for code in 0x80u32..=0x9f {
        let c = char::from_u32(code).expect("C1 codes are chars");
        assert_eq!(owned(&format!("x{c}y")), "x\u{fffd}y", "U+{code:04X}");
    }
}

#[test]
fn every_bidi_control_is_neutralised() {
    for c in BIDI_CONTROLS {
        assert_eq!(owned(&format!("abc{c}def")), "abc\u{fffd}def", "U+{:04X}", c as u32);
    }
}

#[test]
fn bidi_marks_are_kept_because_they_cannot_reorder_text_on_their_own() {
    // LRM, RLM and ALM only nudge neutral characters; dropping them would garble Arabic and
    // Hebrew text without closing any hole.
    for c in ['\u{200e}', '\u{200f}', '\u{61c}'] {
        assert!(matches!(sanitize(&format!("a{c}b")), Cow::Borrowed(_)), "U+{:04X}", c as u32);
    }
}

#[test]
fn line_and_paragraph_separators_become_spaces() {
    assert_eq!(owned("one\u{2028}two\u{2029}three"), "one two three");
}

#[test]
fn neighbours_of_the_dirty_ranges_are_untouched() {
    // Same UTF-8 lead bytes as the dirty ranges, just outside them.
    let text = "\u{a0}\u{a9}\u{2027}\u{202f}\u{2065}\u{206a}\u{2070}\u{2400}\u{fffd}";
    assert!(matches!(sanitize(text), Cow::Borrowed(_)));
}

#[test]
fn tabs_expand_to_the_next_stop() {
    assert_eq!(sanitize("\tx"), "    x");
    assert_eq!(sanitize("a\tx"), "a   x");
    assert_eq!(sanitize("abc\tx"), "abc x");
    assert_eq!(sanitize("abcd\tx"), "abcd    x");
    assert_eq!(sanitize("\t\tx"), "        x");
    assert_eq!(sanitize("a\tb\tc"), "a   b   c");
}

#[test]
fn tab_columns_restart_after_each_line_break() {
    assert_eq!(sanitize("abcdef\nab\tx"), "abcdef\nab  x");
    assert_eq!(sanitize("ab\tx\n\ty"), "ab  x\n    y");
}

#[test]
fn tab_columns_count_characters_not_bytes() {
    assert_eq!(sanitize("é\tx"), "é   x");
    assert_eq!(sanitize("日本\tx"), "日本  x");
    // A replaced control is one visible character, so it takes one column.
    assert_eq!(sanitize("\x1b\tx"), "\u{241b}   x");
}

#[test]
fn clean_text_is_borrowed() {
    assert!(matches!(sanitize("plain text\nsecond"), Cow::Borrowed(_)));
    assert!(matches!(sanitize("café — ✓ 日本語 🙂"), Cow::Borrowed(_)));
    assert!(matches!(sanitize(""), Cow::Borrowed(_)));
}

#[test]
fn sanitize_line_folds_line_breaks_into_spaces() {
    assert_eq!(sanitize_line("one\ntwo\n"), "one two ");
    assert_eq!(sanitize_line("a\n\x1bb\u{2028}c"), "a \u{241b}b c");
    assert!(matches!(sanitize_line("one line"), Cow::Borrowed(_)));
}

#[test]
fn is_clean_allows_line_breaks_only() {
    assert!(is_clean("a\nb"));
    assert!(is_clean(""));
    assert!(!is_clean("a\tb"));
    assert!(!is_clean("\u{202e}"));
}

#[test]
fn the_byte_scan_agrees_with_the_character_rules_for_every_char() {
    // The fast path must find exactly the characters `replacement` knows about; checking every
    // code point, in context, means a new rule cannot be added to one and not the other.
    let mut buf = String::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        buf.clear();
        buf.push('a');
        buf.push(c);
        buf.push('b');
        let expected = needs_work(c).then_some(1);
        assert_eq!(first_dirty(buf.as_bytes()), expected, "U+{:04X}", c as u32);
    }
}

/// The rules, one character at a time: the obvious implementation the fast one must match.
fn model(text: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            _ => {
                out.push(replacement(c).unwrap_or(c));
                column += 1;
            }
        }
    }
    out
}

/// Characters the input keeps as they are.
fn visible(c: char) -> bool {
    c != '\n' && !needs_work(c)
}

fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}')
        || BIDI_CONTROLS.contains(&c)
}

/// Strings dense in the characters that matter, mixed with ordinary and multi-byte text.
fn tricky_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range('\0', '\x7f'),
        2 => prop::char::range('\u{80}', '\u{a0}'),
        2 => prop::sample::select(BIDI_CONTROLS.to_vec()),
        1 => prop::sample::select(vec!['\u{2028}', '\u{2029}', '\u{2027}', '\u{202f}', '\u{2070}']),
        2 => prop::sample::select(vec!['\t', '\n', 'é', '日']),
    ];
    prop::collection::vec(c, 0..64).prop_map(String::from_iter)
}

fn check_invariants(input: &str) -> Result<(), TestCaseError> {
    let out = sanitize(input);
    prop_assert_eq!(out.as_ref(), model(input));
    prop_assert!(!out.chars().any(forbidden), "forbidden char left in {:?}", out);
    prop_assert!(is_clean(&out));
    prop_assert!(matches!(sanitize(&out), Cow::Borrowed(_)), "sanitizing twice changed it");
    prop_assert_eq!(matches!(out, Cow::Borrowed(_)), is_clean(input));
    // Visible characters survive, in order: they are a subsequence of the output.
    let mut rest = out.chars();
    for c in input.chars().filter(|&c| visible(c)) {
        prop_assert!(rest.any(|o| o == c), "{:?} lost from {:?}", c, input);
    }
    prop_assert_eq!(out.matches('\n').count(), input.matches('\n').count());
    prop_assert!(!sanitize_line(input).contains('\n'));
    Ok(())
}

proptest! {
    #[test]
    fn any_string_comes_out_clean(input in any::<String>()) {
        check_invariants(&input)?;
    }

    #[test]
    fn control_heavy_strings_come_out_clean(input in tricky_text()) {
        check_invariants(&input)?;
    }
}

#[test]
fn only_plain_web_and_mail_addresses_become_hyperlinks() {
    for ok in ["https://nih.gov/flu?a=1&b=2#x", "HTTP://x.org", "mailto:me@x.org"] {
        assert_eq!(hyperlink_target(ok), Some(ok));
    }
    let bad = [
        "https://x.org/\x1b]8;;evil\x1b\\",
        "https://x.org/\x07",
        "https://x.org/a b",
        "https://x.org/café",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "flu.md#symptoms",
        "#top",
        "https:",
    ];
    for address in bad {
        assert_eq!(hyperlink_target(address), None, "{address:?}");
    }
    assert_eq!(hyperlink_target(&format!("https://x.org/{}", "a".repeat(MAX_HYPERLINK))), None);
}

proptest! {
    // Addresses that get past the scheme check, with anything after it (controls, spaces,
    // escape sequences, other scripts): only printable ASCII may come out, and all of that does.
    #[test]
    fn no_hyperlink_target_can_carry_a_control(
        scheme in "(?i)(https?|mailto)",
        rest in "(.|\\x1b\\[[0-9;]*[a-zA-Z]|\\x07| ){1,40}",
    ) {
        let address = format!("{scheme}:{rest}");
        let printable = address.bytes().all(|b| (0x21..=0x7e).contains(&b));
        match hyperlink_target(&address) {
            Some(target) => {
                prop_assert!(target.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{target:?}");
            }
            None => prop_assert!(!printable, "a printable address refused: {address:?}"),
        }
    }
}
