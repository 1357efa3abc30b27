//! Links in the reader: `Tab` and `Shift-Tab` select the links on screen (scrolling to the next
//! one when none is left on it), `Enter` follows the selected one, `Backspace` comes back.
//!
//! A link is known by its section and its number there ([`crate::layout::Style::link`]), which
//! do not depend on the width, so a selection survives a resize. Following one records where
//! the reader was (article and position) on a trail, as a browser's history does; coming back
//! restores that exact place. An `#anchor` jumps within the article, a relative address opens
//! the library article it names (at its anchor), and an address outside salve (a web page, an
//! email address) is shown in full for the reader to open or copy: salve stays offline.

use super::reading::Opening;
use super::{App, Effect, Place, ReaderState, Screen};
use crate::action::Action;
use crate::article::{Article, Origin, slugify};
use crate::keymap::Pane;
use crate::layout::Line;
use crate::library::Entry;
use std::path::{Component, Path, PathBuf};

/// A link of the open article: its section and its number there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkAt {
    /// The section.
    pub section: u32,
    /// Its number in the section, from 1.
    pub number: u16,
}

/// A place left by following a link: where `Backspace` goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// The article's key.
    pub key: crate::article::Key,
    /// The place in it.
    pub place: Place,
    /// Lines into the run of lines at that place (see [`ReaderState::skip`]).
    pub skip: usize,
}

/// Where a link's address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A section of the same article (the anchor, decoded; empty for the top).
    Anchor(String),
    /// Another file, relative to the article's own (decoded), and an anchor in it.
    File(PathBuf, String),
    /// An address outside salve (`https:`, `mailto:`...), as written.
    Outside(String),
}

impl Target {
    /// What `address` leads to.
    pub fn of(address: &str) -> Self {
        let address = address.trim();
        if has_scheme(address) {
            return Self::Outside(address.to_string());
        }
        let (path, anchor) = address.split_once('#').unwrap_or((address, ""));
        // A query means nothing to a file on disk.
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let anchor = decode(anchor);
        if path.is_empty() { Self::Anchor(anchor) } else { Self::File(decode(path).into(), anchor) }
    }
}

/// True for an address with a URL scheme (`https:`, `mailto:`): letters first, then letters,
/// digits, `+`, `-` or `.`, then a colon.
fn has_scheme(address: &str) -> bool {
    let Some((scheme, _)) = address.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20`-style escapes decoded (bytes that are not UTF-8 are replaced); a `%` not followed by
/// two hex digits stays as it is.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if bytes[i] == b'%' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The section an anchor names: its own anchor, else the anchor or title slugged alike (a
/// page's heading ids and other tools' slugs differ in small ways).
pub fn find_anchor(article: &Article, anchor: &str) -> Option<usize> {
    let sections = &article.sections;
    if let Some(i) = sections.iter().position(|s| s.anchor == anchor) {
        return Some(i);
    }
    let wanted = slugify(anchor);
    if wanted.is_empty() {
        return None;
    }
    sections.iter().position(|s| s.anchor == wanted || slugify(&s.title) == wanted)
}

/// `path` with `.` and `..` taken out, without asking the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The links on lines `range` of `lines`, each once, in the order they first appear.
fn links_on(lines: &[Line], range: std::ops::Range<usize>) -> Vec<(usize, LinkAt)> {
    let mut found: Vec<(usize, LinkAt)> = Vec::new();
    for index in range {
        let Some(line) = lines.get(index) else { break };
        for seg in line.segs().filter(|s| s.style.link > 0) {
            let at = LinkAt { section: line.pos.section, number: seg.style.link };
            if !found.iter().any(|(_, a)| *a == at) {
                found.push((index, at));
            }
        }
    }
    found
}

/// The first and last lines link `at` is on, from `line`, one of them (a link can wrap).
fn extent(lines: &[Line], line: usize, at: LinkAt) -> (usize, usize) {
    let has = |i: usize| {
        lines.get(i).is_some_and(|l| {
            l.pos.section == at.section && l.segs().any(|s| s.style.link == at.number)
        })
    };
    let mut first = line;
    while first > 0 && has(first - 1) {
        first -= 1;
    }
    let mut last = line;
    while has(last + 1) {
        last += 1;
    }
    (first, last)
}

/// The first link at or after line `from` (forward) or at or before it (backward) that is not
/// `not`, skipping sections without links.
fn scan(
    reader: &ReaderState,
    from: usize,
    forward: bool,
    not: Option<LinkAt>,
) -> Option<(usize, LinkAt)> {
    let layout = &reader.layout;
    let lines = &layout.lines;
    let has_links = |section: u32| {
        let at = layout.links.partition_point(|(s, _)| *s < section);
        layout.links.get(at).is_some_and(|(s, _)| *s == section)
    };
    let mut index = from;
    while index < lines.len() {
        let section = lines[index].pos.section;
        if has_links(section) {
            let found = links_on(lines, index..index + 1);
            let pick = if forward {
                found.iter().find(|l| Some(l.1) != not)
            } else {
                found.iter().rev().find(|l| Some(l.1) != not)
            };
            if let Some(&link) = pick {
                return Some(link);
            }
            if forward {
                index += 1;
            } else {
                index = index.checked_sub(1)?;
            }
            continue;
        }
        // Straight to the next (or previous) section with links.
        if forward {
            let next = layout.links.partition_point(|(s, _)| *s <= section);
            let (s, _) = layout.links.get(next)?;
            index = index.max(*layout.section_lines.get(*s as usize)?).max(index + 1);
        } else {
            let before = layout.links.partition_point(|(s, _)| *s < section).checked_sub(1)?;
            let s = layout.links[before].0 as usize;
            let end = layout.section_lines.get(s + 1).copied().unwrap_or(lines.len());
            index = end.min(index).checked_sub(1)?;
        }
    }
    None
}

/// The link `Tab` (`forward`) or `Shift-Tab` goes to from where `reader` is: the next or
/// previous one on screen, else the nearest beyond it, with its line; `None` when the laid-out
/// text has none that way.
pub(super) fn link_step(reader: &ReaderState, forward: bool) -> Option<(usize, LinkAt)> {
    let top = reader.top();
    let height = reader.height.max(1);
    let shown = links_on(&reader.layout.lines, top..top + height);
    let current = reader.link.and_then(|l| shown.iter().position(|(_, a)| *a == l));
    let next = match current {
        Some(i) if forward => shown.get(i + 1),
        Some(i) => i.checked_sub(1).and_then(|i| shown.get(i)),
        None if forward => shown.first(),
        None => shown.last(),
    };
    match next {
        Some(&link) => Some(link),
        // None left on screen: look beyond it (a link cut by the edge is the same link).
        None if forward => scan(reader, top + height, true, reader.link),
        None => top.checked_sub(1).and_then(|from| scan(reader, from, false, reader.link)),
    }
}

/// The in-article anchor the selected link on screen leads to, when it names a section not
/// found in what is read so far (`None` for any other link, or none selected).
pub(super) fn unfound_anchor(reader: &ReaderState) -> Option<String> {
    match Target::of(selected_address(reader)?) {
        Target::Anchor(anchor) if !anchor.is_empty() => {
            find_anchor(&reader.article, &anchor).is_none().then_some(anchor)
        }
        _ => None,
    }
}

/// The address of the selected link, when it is on screen.
fn selected_address(reader: &ReaderState) -> Option<&crate::article::Link> {
    let top = reader.top();
    let shown = links_on(&reader.layout.lines, top..top + reader.height.max(1));
    let selected = reader.link.filter(|l| shown.iter().any(|(_, a)| a == l))?;
    reader.layout.link(selected.section, selected.number)
}

impl App {
    /// `Tab` (`forward`) and `Shift-Tab`: the next or previous link on screen; past the last
    /// one on screen, the next one below (or above), scrolled into view.
    pub(super) fn step_link(&mut self, forward: bool) {
        let Some(reader) = self.reader.as_mut() else { return };
        if reader.layout.links.is_empty() {
            self.notice = Some("no links in this article".into());
            return;
        }
        let top = reader.top();
        let height = reader.height.max(1);
        let Some((line, at)) = link_step(reader, forward) else {
            let way = if forward { "below" } else { "above" };
            self.notice = Some(format!("no more links {way}"));
            return;
        };
        // Scrolled just enough to show the whole link (its start, if it is taller than the
        // screen).
        let (first, last) = extent(&reader.layout.lines, line, at);
        if last >= top + height {
            reader.set_top((last + 1 - height).min(first));
        } else if first < top {
            reader.set_top(first);
        }
        reader.link = Some(at);
        let address = reader.layout.link(at.section, at.number).map(ToString::to_string);
        self.notice = address.map(|a| format!("→ {a}"));
    }

    /// `Enter`: follows the selected link, when it is on screen.
    pub(super) fn follow_link(&mut self) {
        let Some(reader) = self.reader.as_mut() else { return };
        let Some(address) = selected_address(reader).cloned() else {
            reader.link = None;
            let (next, follow) =
                (self.key_name(Action::NextLink), self.key_name(Action::FollowLink));
            self.notice =
                Some(format!("{next} selects a link on screen, then {follow} follows it"));
            return;
        };
        match Target::of(&address) {
            Target::Outside(address) => {
                self.notice = Some(format!("{address}  (outside salve: open it in a browser)"));
            }
            Target::Anchor(anchor) => self.go_to_anchor(&anchor),
            Target::File(path, anchor) => self.open_linked(&path, anchor),
        }
    }

    /// Jumps to the section `anchor` names in the open article (its top for none).
    fn go_to_anchor(&mut self, anchor: &str) {
        let Some(reader) = self.reader.as_ref() else { return };
        let section =
            if anchor.is_empty() { Some(0) } else { find_anchor(&reader.article, anchor) };
        let Some(section) = section else {
            self.notice = Some(format!("no section #{anchor} in this article"));
            return;
        };
        self.leave_stop();
        if let Some(reader) = self.reader.as_mut() {
            reader.link = None;
            if anchor.is_empty() {
                reader.set_top(0);
            } else {
                reader.go_to_section(section);
            }
        }
    }

    /// Opens the library article at `path` (relative to the open article's file), at `anchor`.
    fn open_linked(&mut self, path: &Path, anchor: String) {
        let Some(reader) = self.reader.as_ref() else { return };
        let Some(entry) = self.entries.get(reader.entry) else { return };
        let wanted = match &entry.origin {
            Origin::File(file) => normalize(&file.parent().unwrap_or(Path::new("")).join(path)),
            Origin::Bundled(name) => {
                normalize(&Path::new(name).parent().unwrap_or(Path::new("")).join(path))
            }
        };
        let found = self.entries.iter().position(|e| {
            !e.gone
                && match &e.origin {
                    Origin::File(file) => *file == wanted,
                    Origin::Bundled(name) => Path::new(name) == wanted,
                }
        });
        let Some(index) = found else {
            if matches!(entry.origin, Origin::File(_)) {
                // A file beside it, not in the library: read, then opened as `salve FILE`
                // would open it (see [`App::linked`]).
                self.effects.push(Effect::OpenFile { path: wanted, anchor });
            } else {
                self.notice = Some(format!("not in the library: {}", path.display()));
            }
            return;
        };
        self.follow_to(index, anchor);
    }

    /// The file a link named has been read (see [`Effect::OpenFile`]): it joins the library's
    /// entries (as `salve FILE` lists the file it opens) and opens at `anchor`, `Backspace`
    /// coming back; or the status line says why not.
    pub(super) fn linked(&mut self, path: &Path, anchor: String, entry: Result<Entry, String>) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(why) => {
                let shown =
                    crate::sanitize::sanitize_line(&path.display().to_string()).into_owned();
                self.notice = Some(format!("cannot open {shown}: {why}"));
                return;
            }
        };
        self.index_paths();
        let index = match self.by_path.get(path) {
            Some(&i) if !self.entries[i].gone => i,
            _ => {
                self.by_path.insert(path.to_path_buf(), self.entries.len());
                self.entries.push(entry);
                self.shelf.entries_changed();
                // Keys made unique and the list made again once the batch is in.
                self.unsettled = true;
                self.entries.len() - 1
            }
        };
        self.follow_to(index, anchor);
    }

    /// Opens entry `index` at `anchor` from the article being read, keeping the way back.
    fn follow_to(&mut self, index: usize, anchor: String) {
        self.leave_stop();
        if let Some(reader) = self.reader.as_mut() {
            reader.link = None;
        }
        let place = Place { anchor, section: 0, offset: 0 };
        let opening = Opening { keep_trail: true, ..Opening::at(place) };
        self.open_entry(index, opening);
    }

    /// Records where the reader is on the trail, before following a link away.
    fn leave_stop(&mut self) {
        let Some(reader) = self.reader.as_ref() else { return };
        let Some(entry) = self.entries.get(reader.entry) else { return };
        let section = reader.article.sections.get(reader.pos.section as usize);
        let place = Place {
            anchor: section.map(|s| s.anchor.clone()).unwrap_or_default(),
            section: reader.pos.section,
            offset: reader.pos.offset,
        };
        self.trail.push(Stop { key: entry.key.clone(), place, skip: reader.skip });
    }

    /// The first key bound to `action` in the reader, as the help shows it (the action's
    /// name when none is: the user unbound it).
    fn key_name(&self, action: Action) -> String {
        let keys = self.keymap.keys_for(Pane::Reader, &action);
        keys.first()
            .map_or_else(|| action.name().unwrap_or_default().to_string(), ToString::to_string)
    }

    /// `Backspace`: back to where the last link was followed from.
    pub(super) fn link_back(&mut self) {
        let Some(stop) = self.trail.pop() else {
            let back = self.key_name(Action::LinkBack);
            self.notice =
                Some(format!("nothing to go back to: {back} returns along the links followed"));
            return;
        };
        let Some(index) = self.entries.iter().position(|e| e.key == stop.key && !e.gone) else {
            self.notice = Some("the article that link was followed from is gone".into());
            return;
        };
        match self.reader.as_mut() {
            Some(reader) if reader.entry == index => {
                reader.pos = super::resolve(&reader.article, &stop.place);
                reader.skip = stop.skip;
                reader.pinned = None;
                reader.link = None;
                self.screen = Screen::Reader;
            }
            _ => {
                let opening =
                    Opening { skip: stop.skip, keep_trail: true, ..Opening::at(stop.place) };
                self.open_entry(index, opening);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_anchors_files_or_outside() {
        assert_eq!(Target::of("#side-effects"), Target::Anchor("side-effects".into()));
        assert_eq!(Target::of("#"), Target::Anchor(String::new()));
        assert_eq!(Target::of("flu.md"), Target::File("flu.md".into(), String::new()));
        assert_eq!(
            Target::of("../care/flu%20shot.md?x=1#who-should"),
            Target::File("../care/flu shot.md".into(), "who-should".into())
        );
        for outside in ["https://nih.gov/a#b", "mailto:me@x.org", "ftp://x", "tel:+1555"] {
            assert_eq!(Target::of(outside), Target::Outside(outside.into()));
        }
        // A colon after a slash is part of a path, not a scheme.
        assert_eq!(Target::of("notes/a:b.md"), Target::File("notes/a:b.md".into(), String::new()));
    }

    #[test]
    fn escapes_decode_and_broken_ones_stay() {
        assert_eq!(decode("a%20b%C3%A9"), "a bé");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn paths_normalize_without_the_disk() {
        assert_eq!(normalize(Path::new("/lib/a/../b/./c.md")), Path::new("/lib/b/c.md"));
        assert_eq!(normalize(Path::new("a/../../c.md")), Path::new("c.md"));
    }
}
