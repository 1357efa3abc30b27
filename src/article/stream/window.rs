//! One window of Markdown: parsed by pulldown-cmark, its complete top-level blocks fed to the
//! walker, and what it left unresolved (references, footnotes) noted for the end.

use super::super::markdown::{OPTIONS, Walker};
use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag};
use std::collections::{HashMap, HashSet};

/// Feeds the complete top-level blocks of `text` (starting at byte `at` of the source) to the
/// walker, all of them when `last`; returns how many bytes of `text` they take, or `None` when
/// no block is known to be complete. Unknown reference labels go to `broken`, footnote labels
/// written but not read as references to `unread`, and new definitions into `known`.
pub(super) fn window(
    walker: &mut Walker,
    known: &mut HashMap<String, (String, String)>,
    text: &str,
    at: u64,
    last: bool,
    broken: &mut Vec<String>,
    unread: &mut Vec<String>,
) -> Option<usize> {
    let lookup = |link: BrokenLink<'_>| {
        let label = normalize(&link.reference);
        if let Some((dest, title)) = known.get(&label) {
            return Some((CowStr::from(dest.clone()), CowStr::from(title.clone())));
        }
        broken.push(label);
        None
    };
    let mut parser =
        Parser::new_with_broken_link_callback(text, OPTIONS, Some(lookup)).into_offset_iter();
    // The top-level block being read: its events wait until the next one starts, which
    // proves it complete (the window may cut the last one short).
    let mut block: Vec<Event<'_>> = Vec::new();
    let mut block_start = 0;
    let mut depth = 0usize;
    let mut taken = 0;
    let mut referenced = HashSet::new();
    for (event, range) in parser.by_ref() {
        if !last && matches!(event, Event::Rule) && may_open_metadata(text, range.start) {
            // A `---` line may start a metadata block closed further on: only a window that
            // holds the close (or the whole rest) can tell.
            if depth == 0 {
                feed(walker, &mut block, at + block_start as u64);
                taken = line_start(text, range.start);
            }
            block.clear();
            break;
        }
        let top = depth == 0;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::FootnoteReference(label) => {
                referenced.insert(label.to_lowercase());
            }
            _ => {}
        }
        if top {
            feed(walker, &mut block, at + block_start as u64);
            taken = line_start(text, range.start);
            block_start = range.start;
        }
        block.push(event);
    }
    let mut defined = Vec::new();
    for (label, def) in parser.reference_definitions().iter() {
        if def.span.start < taken || last {
            let title = def.title.as_deref().unwrap_or_default().to_string();
            defined.push((normalize(label), (def.dest.to_string(), title)));
        }
    }
    drop(parser);
    if last {
        feed(walker, &mut block, at + block_start as u64);
        taken = text.len();
    }
    if taken == 0 && !last {
        return None;
    }
    for (label, def) in defined {
        known.entry(label).or_insert(def);
    }
    for label in footnote_labels(&text[..taken]) {
        if !referenced.contains(&label) {
            unread.push(label);
        }
    }
    broken.sort_unstable();
    broken.dedup();
    Some(taken)
}

/// True when the rule at `at` is a `---` line that pulldown-cmark would read as the start of a
/// metadata block if a closing `---` or `...` line came later (it looks ahead without limit):
/// a line of exactly three dashes followed by a line that is neither blank nor a close.
fn may_open_metadata(text: &str, at: usize) -> bool {
    let start = line_start(text, at);
    let mut lines = text[start..].split('\n');
    let rule = lines.next().unwrap_or_default();
    let opens = rule.strip_prefix("---").is_some_and(|rest| {
        !rest.starts_with('-') && rest.bytes().all(|b| b.is_ascii_whitespace())
    });
    if !opens {
        return false;
    }
    let closes = |line: &str| {
        let line = line.strip_suffix('\r').unwrap_or(line).trim_end_matches(' ');
        line == "---" || line == "..."
    };
    match lines.next() {
        None => true,
        Some(next) => !(next.trim_matches([' ', '\t', '\r']).is_empty() || closes(next)),
    }
}

/// Hands a complete top-level block's events to the walker; a heading's start is noted first.
fn feed(walker: &mut Walker, block: &mut Vec<Event<'_>>, at: u64) {
    if matches!(block.first(), Some(Event::Start(Tag::Heading { .. }))) {
        walker.heading_at = at;
    }
    for event in block.drain(..) {
        walker.event(event);
    }
}

/// The start of the line holding byte `at`.
pub(super) fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// The bytes of `source` that the first `len` bytes of `text` (decoded from it, possibly with
/// replacements) came from; `len` is at a line start, and replacement never touches `\n`.
pub(super) fn source_len(source: &[u8], text: &str, len: usize) -> usize {
    if source.len() == text.len() {
        return len;
    }
    let lines = text[..len].matches('\n').count();
    let mut seen = 0;
    for (i, &b) in source.iter().enumerate() {
        if seen == lines {
            return i;
        }
        seen += usize::from(b == b'\n');
    }
    source.len()
}

/// A reference label as CommonMark matches it: case folded, white space runs as one space.
pub(super) fn normalize(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The labels of `[^label]` written in `text`, lowercased.
fn footnote_labels(text: &str) -> HashSet<String> {
    let mut labels = HashSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("[^") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(']').filter(|&e| e > 0 && e < 1000) {
            let label = &rest[..end];
            if !label.contains('\n') {
                labels.insert(label.to_lowercase());
            }
        }
    }
    labels
}
