//! The README's key table is generated from the keymap, like the help screen, so the two can
//! never drift apart: this test fails with the table to paste when they differ.

use salve::keymap::{Keymap, Pane};
use std::fmt::Write;

fn key_table() -> String {
    let keymap = Keymap::default();
    let mut out = String::new();
    for pane in Pane::ALL {
        let _ = write!(out, "\n{}:\n\n| keys | action |\n| --- | --- |\n", pane.title());
        for (keys, what) in keymap.help_rows(pane) {
            let keys: Vec<String> =
                keys.split(' ').map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
            let _ = writeln!(out, "| {} | {what} |", keys.join(" "));
        }
    }
    out
}

#[test]
fn readme_lists_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- keys:start -->").expect("README has a keys:start marker");
    let end = readme.find("<!-- keys:end -->").expect("README has a keys:end marker");
    let current = &readme[start + "<!-- keys:start -->".len()..end];
    let expected = key_table();
    assert_eq!(
        current.trim(),
        expected.trim(),
        "paste this between the README's key markers:\n{expected}"
    );
}
