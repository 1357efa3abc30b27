//! Putting right, once the whole text is read, the sections whose references pointed ahead:
//! their text is read again from the source and parsed with every definition known.

use super::{Fix, Stream, Suspect, normalize, read_range};
use crate::article::markdown::{OPTIONS, Walker};
use crate::article::{Block, Section};
use pulldown_cmark::{BrokenLink, CowStr, Parser};
use std::io::{self, Read, Seek};
use std::ops::Range;

/// The fixes for every window whose references found their definitions later.
pub(super) fn fixes<R: Read + Seek>(stream: &mut Stream<R>) -> io::Result<Vec<Fix>> {
    let mut fixes = Vec::new();
    for (range, problems) in ranges(stream) {
        let start = stream.starts[range.start];
        let end = stream.starts.get(range.end).copied().unwrap_or(stream.at);
        let bytes = read_range(&mut stream.source, start..end)?;
        let Ok(text) = String::from_utf8(bytes) else { continue };
        if let Some(sections) = reparse(stream, &text, &problems).filter(|s| s.len() == range.len())
        {
            fixes.push(Fix { at: range.start, sections });
        }
    }
    Ok(fixes)
}

/// The runs of sections to read again, each with the footnote labels defined outside it.
fn ranges<R>(stream: &Stream<R>) -> Vec<(Range<usize>, Vec<String>)> {
    let mut ranges: Vec<(Range<usize>, Vec<String>)> = Vec::new();
    for Suspect { sections, links, problems } in &stream.suspects {
        let linked = links.iter().any(|l| stream.links.contains_key(l));
        let problems: Vec<String> =
            problems.iter().filter(|n| stream.footnotes.contains(*n)).cloned().collect();
        let range = sections.start.min(stream.taken)..sections.end.min(stream.taken);
        if (!linked && problems.is_empty()) || range.is_empty() {
            continue;
        }
        match ranges.last_mut() {
            Some((last, labels)) if range.start < last.end => {
                last.end = last.end.max(range.end);
                labels.extend(problems);
            }
            _ => ranges.push((range, problems)),
        }
    }
    for (_, labels) in &mut ranges {
        labels.sort_unstable();
        labels.dedup();
    }
    ranges
}

/// Parses whole sections again with every reference definition known; footnotes defined
/// elsewhere are defined for the parse by stand-ins appended to the text, then taken out.
fn reparse<R>(stream: &Stream<R>, text: &str, problems: &[String]) -> Option<Vec<Section>> {
    let mut text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    for label in problems {
        text.push_str("\n\n[^");
        text.push_str(label);
        text.push_str("]: .");
    }
    let lookup = |link: BrokenLink<'_>| {
        let (dest, title) = stream.links.get(&normalize(&link.reference))?;
        Some((CowStr::from(dest.clone()), CowStr::from(title.clone())))
    };
    let mut walker = Walker::new();
    for event in Parser::new_with_broken_link_callback(&text, OPTIONS, Some(lookup)) {
        walker.event(event);
    }
    walker.end_of_input();
    let mut sections = std::mem::take(&mut walker.sections);
    let last = sections.last_mut()?;
    for label in problems.iter().rev() {
        match last.blocks.pop() {
            Some(Block::Footnote { label: got, .. }) if got.to_lowercase() == *label => {}
            _ => return None,
        }
    }
    Some(sections)
}
