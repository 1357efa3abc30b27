//! The reader screen's handlers: moving through the article, the contents sidebar, the
//! in-article search, the mouse, and opening, leaving and saving the place in an article.

use super::geometry::{shelf_areas, toc_entry_at};
use super::{App, Effect, Overlay, Place, ReaderState, Screen};
use crate::action::Action;
use crate::article::Article;
use crate::keymap::Pane;
use crate::layout::Position;
use crate::store::Progress;

/// What opening an article asks for, kept from the asking until the article is read (or
/// fails to be): one value, so nothing of one opening is left over for the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Opening {
    /// Where to put the reader (a bookmark, a search result, a link's target); else where
    /// the article was left.
    pub(super) place: Option<Place>,
    /// Lines into the run at `place` (see [`ReaderState::skip`]): back along a link, to the
    /// very line.
    pub(super) skip: usize,
    /// Words to highlight (a search result's matched words), as a kept in-article search.
    pub(super) highlight: Vec<String>,
    /// Reached by a link, back along one, or read again: the trail of links stays.
    pub(super) keep_trail: bool,
}

impl Opening {
    /// At `place`, nothing else.
    pub(super) fn at(place: Place) -> Self {
        Self { place: Some(place), ..Self::default() }
    }
}

impl App {
    pub(super) fn handle_reader(&mut self, action: Action) -> bool {
        let Some(reader) = self.reader.as_mut() else {
            return matches!(action, Action::Back);
        };
        // The reader's state moves through the article itself; the rest reaches beyond it.
        if reader.update(action) {
            return true;
        }
        match action {
            Action::Back => self.back_from_screen(),
            Action::ToggleToc => self.toggle_toc(),
            Action::StartFind => {
                self.find.clear();
                self.find.editing = true;
                self.find.origin = Some((reader.pos, reader.skip));
                self.overlays.push(Overlay::Find);
            }
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::ClearSearch => self.clear_or_back(),
            Action::NextLink => self.step_link(true),
            Action::PrevLink => self.step_link(false),
            Action::FollowLink => self.follow_link(),
            Action::LinkBack => self.link_back(),
            Action::AddBookmark => self.prompt_new_bookmark(),
            Action::ShowBookmarks => self.show_marks(),
            Action::ShowLibrary => self.show_library(),
            Action::SearchLibrary => self.open_lookup(),
            _ => return false,
        }
        true
    }

    /// Esc clears a search first, then a selected link; with neither, it goes back like `q`.
    fn clear_or_back(&mut self) {
        let named = self.reading_named();
        match self.reader.as_mut() {
            _ if !self.find.query.is_empty() => self.find.clear(),
            Some(reader) if reader.link.is_some() => reader.link = None,
            // An article opened by name: going back would quit, which Esc never does.
            _ if named => self.notice = Some(super::QUIT_HINT.into()),
            _ => self.back_from_screen(),
        }
    }

    pub(super) fn handle_contents(&mut self, action: Action) -> bool {
        let sections = self.article().map_or(0, |a| a.sections.len());
        if self.toc.update(action, sections) {
            return true;
        }
        match action {
            Action::TocJump => self.jump_to_section(self.toc.cursor),
            Action::ToggleToc | Action::Back => self.close_toc(),
            _ => return false,
        }
        true
    }

    pub(super) fn handle_find(&mut self, action: Action) -> bool {
        match action {
            Action::Type(c) => self.type_text(Pane::Find, c.encode_utf8(&mut [0; 4])),
            Action::DeleteChar => {
                self.find.terms.clear();
                self.find.query.pop();
                self.search_as_typed();
            }
            Action::Confirm => {
                self.find.editing = false;
                self.find.origin = None;
                self.pop(&Overlay::Find);
            }
            Action::Back => self.cancel_search(),
            _ => return false,
        }
        true
    }

    /// Adds `text` to what `pane` is typing into, and acts on it once.
    pub(super) fn type_text(&mut self, pane: Pane, text: &str) {
        // An empty paste (or one of control characters only) types nothing: it neither asks
        // again nor replaces a recalled query.
        if text.is_empty() {
            return;
        }
        match pane {
            Pane::Find => {
                // Typed here, the query is found as typed, not as a result's words.
                self.find.terms.clear();
                self.find.query.push_str(text);
                self.search_as_typed();
            }
            Pane::Filter => {
                self.shelf.query.push_str(text);
                // Made once the batch of input is in (see [`App::settle`]).
                self.shelf.stale = true;
            }
            Pane::Prompt => {
                if let Some(Overlay::Prompt(prompt)) = self.overlays.last_mut() {
                    prompt.type_text(text);
                }
            }
            Pane::SearchQuery => {
                self.lookup.type_text(text);
            }
            _ => {}
        }
    }

    /// Removes `overlay` (the top one, normally) from the stack.
    pub(super) fn pop(&mut self, overlay: &Overlay) {
        if let Some(i) = self.overlays.iter().rposition(|o| o == overlay) {
            self.overlays.remove(i);
        }
    }

    fn toggle_toc(&mut self) {
        if self.toc.open {
            self.close_toc();
            return;
        }
        self.toc.open = true;
        self.toc.cursor = self.reader.as_ref().map_or(0, ReaderState::section);
        self.overlays.push(Overlay::Contents);
        self.fit();
    }

    fn close_toc(&mut self) {
        self.toc.open = false;
        self.pop(&Overlay::Contents);
        self.fit();
    }

    fn jump_to_section(&mut self, index: usize) {
        if self.overlays.last() == Some(&Overlay::Find) {
            // A click in the contents while typing a query: keep the query, as Enter would.
            self.handle_find(Action::Confirm);
        }
        if let Some(reader) = self.reader.as_mut() {
            reader.go_to_section(index);
            self.toc.cursor = index;
            self.pop(&Overlay::Contents);
        }
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        let areas = self.areas();
        if areas.too_small
            || self.overlays.last().is_some_and(|o| o.pane().modal() && o != &Overlay::Find)
        {
            return;
        }
        match self.screen {
            Screen::Library => {
                self.click_shelf(x, y);
                return;
            }
            Screen::Search => {
                self.lookup_mouse(None, y);
                return;
            }
            Screen::Reader => {}
        }
        let Some(toc) = areas.toc else { return };
        let sections = self.article().map_or(0, |a| a.sections.len());
        if let Some(index) = toc_entry_at(toc, self.toc.cursor, sections, x, y) {
            self.jump_to_section(index);
        } else if areas.text.contains((x, y).into()) {
            // Clicking the text means "read here": hand the keys back to the reader.
            self.pop(&Overlay::Contents);
        }
    }

    /// The wheel scrolls what is under the pointer: the contents, a list, or the article.
    pub(super) fn wheel(&mut self, lines: i32, x: u16, y: u16) {
        let areas = self.areas();
        if areas.too_small {
            return;
        }
        let step = if lines < 0 { Action::LineUp } else { Action::LineDown };
        let times = lines.unsigned_abs() as usize;
        let top = self.overlays.last().map(Overlay::pane);
        match top {
            Some(Pane::Help | Pane::Problems) => {
                self.handle_scrolled(Action::ScrollBy(lines));
            }
            Some(Pane::Bookmarks) => {
                for _ in 0..times {
                    self.handle_marks(step);
                }
            }
            Some(Pane::Prompt) => {}
            _ if self.screen == Screen::Search => self.lookup_mouse(Some(lines), y),
            _ if self.screen == Screen::Library => {
                if shelf_areas(areas.body).list.contains((x, y).into()) {
                    self.shelf.step(lines as isize);
                    self.after_selection();
                }
            }
            _ if areas.toc.is_some_and(|t| t.contains((x, y).into())) => {
                for _ in 0..times {
                    self.handle_contents(step);
                }
            }
            _ => {
                if let Some(reader) = self.reader.as_mut() {
                    reader.scroll(lines as isize);
                }
            }
        }
    }

    /// Cancels the query being typed and puts the view back where the search started.
    fn cancel_search(&mut self) {
        if let (Some(reader), Some((pos, skip))) = (self.reader.as_mut(), self.find.origin) {
            reader.pos = pos;
            reader.skip = skip;
        }
        self.find.clear();
        self.pop(&Overlay::Find);
    }

    /// Re-runs the query after each keystroke and shows the first match from where the search
    /// started, so refining a query does not walk forward through the article.
    fn search_as_typed(&mut self) {
        let Some(reader) = self.reader.as_mut() else { return };
        if let Some((pos, skip)) = self.find.origin {
            reader.pos = pos;
            reader.skip = skip;
        }
        self.find.anchor = None;
        self.find.refresh(&reader.layout);
        if let Some(index) = self.find.first_from(reader.top()) {
            self.find.select(&reader.layout.lines, index);
            show_match(reader, &self.find);
        }
    }

    /// `n` and `N`, as in less and vim: from the current match while it is on screen, else
    /// from where the reader has scrolled to: `n` takes the first match at or below the top
    /// line, `N` the last one above it (both wrap around the article).
    fn step_match(&mut self, step: isize) {
        let Some(reader) = self.reader.as_mut() else { return };
        let count = self.find.matches.len();
        if count == 0 {
            return;
        }
        let top = reader.top();
        let on_screen = |i: usize| {
            self.find.matches.get(i).is_some_and(|m| (top..top + reader.height).contains(&m.line))
        };
        let index = match self.find.current {
            Some(i) if on_screen(i) => {
                (i.cast_signed() + step).rem_euclid(count.cast_signed()).cast_unsigned()
            }
            _ if step > 0 => self.find.first_from(top).unwrap_or(0),
            _ => {
                let before = self.find.matches.partition_point(|m| m.line < top);
                before.checked_sub(1).unwrap_or(count - 1)
            }
        };
        self.find.select(&reader.layout.lines, index);
        show_match(reader, &self.find);
    }

    /// Asks for entry `index` to be read, then shown as `opening` asks.
    pub(super) fn open_entry(&mut self, index: usize, opening: Opening) {
        if index >= self.entries.len() {
            return;
        }
        if let Some(reader) = self.reader.as_mut().filter(|r| r.entry == index) {
            // Already open: no need to read it again.
            if let Some(place) = &opening.place {
                reader.pos = resolve(&reader.article, place);
                reader.skip = opening.skip;
                reader.pinned = None;
            }
            if !opening.keep_trail {
                // As for any article opened from the library, a bookmark or a search.
                self.trail.clear();
            }
            self.screen = Screen::Reader;
            self.apply_highlight(opening.highlight);
            return;
        }
        self.opening = Some((index, opening));
        self.effects.push(Effect::Open(index));
    }

    /// Shows `article` (entry `index`) in the reader as `opening` asks: at its place, else
    /// where it was left.
    pub(super) fn show_article(
        &mut self,
        index: usize,
        article: Article,
        opening: Opening,
        loading: Option<super::Loading>,
    ) {
        let Opening { place, skip, highlight, keep_trail } = opening;
        if self.reader.as_ref().is_some_and(|r| r.entry != index) {
            self.save_progress(true);
        }
        let Some(entry) = self.entries.get(index) else { return };
        // A stand-in key (a long file not read whole yet) has no saved place of its own: the
        // place saved under the real key is taken once that is known (`complete_entry`).
        let saved = self
            .progress
            .get(entry.key.as_str())
            .filter(|_| !entry.stand_in())
            .map(|p| Place { anchor: p.anchor.clone(), section: p.section, offset: p.offset });
        let mut reader = ReaderState::new(index, article);
        reader.loading = loading;
        reader.light = loading.is_some_and(|l| l.size >= super::loading::LIGHT_FROM);
        let placed = place.is_some();
        if let Some(place) = place.or(saved) {
            reader.pos = resolve(&reader.article, &place);
            if loading.is_some() && place.section as usize >= reader.article.sections.len() {
                // Not read yet: gone back to once it is.
                reader.seek = Some(place);
            }
        }
        self.reader = Some(reader);
        if !keep_trail {
            // Opened from the library, a bookmark or a search: a new path starts.
            self.trail.clear();
        }
        self.find.clear();
        self.toc.cursor = 0;
        self.overlays.clear();
        self.screen = Screen::Reader;
        self.fit();
        self.finish_layout_if_placed();
        if placed && let Some(reader) = self.reader.as_mut() {
            reader.skip = skip;
        }
        self.apply_highlight(highlight);
    }

    /// Highlights the words a search result matched, on the match nearest the reading
    /// position (the result's place), as a kept in-article search: `n` goes on from there.
    pub(super) fn apply_highlight(&mut self, words: Vec<String>) {
        if words.is_empty() || self.reader.is_none() {
            return;
        }
        self.finish_layout();
        let Some(reader) = self.reader.as_mut() else { return };
        self.find.clear();
        self.find.query = words.join(" ");
        self.find.terms = words;
        self.find.refresh(&reader.layout);
        if let Some(index) = self.find.first_from(reader.top()) {
            self.find.select(&reader.layout.lines, index);
            show_match(reader, &self.find);
        }
    }

    /// A reader restored to a place past its first screens needs the whole layout to find it.
    fn finish_layout_if_placed(&mut self) {
        if self.reader.as_ref().is_some_and(|r| r.pos != Position::default()) {
            self.finish_layout();
        }
    }

    /// Leaves the reader for the library, saving the place first.
    pub(super) fn show_library(&mut self) {
        self.save_progress(true);
        self.overlays.clear();
        self.screen = Screen::Library;
        self.refresh_shelf();
        if let Some(index) = self.reader.as_ref().map(|r| r.entry) {
            self.shelf.select_entry(Some(index));
        }
    }

    /// Records where the reader is (in memory at once, on disk through the effect).
    pub(super) fn save_progress(&mut self, urgent: bool) {
        if self.identity_pending() {
            // Known once the whole text is read: nothing is saved under a stand-in.
            return;
        }
        let Some(reader) = self.reader.as_ref().filter(|r| r.layout.width > 0) else { return };
        let Some(entry) = self.entries.get(reader.entry) else { return };
        let section = reader.pos.section as usize;
        let progress = Progress {
            article: entry.key.to_string(),
            title_key: entry.title_key.clone(),
            anchor: reader
                .article
                .sections
                .get(section)
                .map(|s| s.anchor.clone())
                .unwrap_or_default(),
            section: reader.pos.section,
            offset: reader.pos.offset,
            percent: u8::try_from(reader.percent()).unwrap_or(100),
            read_at: self.now,
        };
        // Unmoved, there is nothing new to save; leaving still asks, so a position waiting
        // for the next periodic save goes out now.
        if !urgent && self.progress.get(entry.key.as_str()).is_some_and(|p| *p == progress) {
            return;
        }
        self.progress.insert(entry.key.to_string(), progress.clone());
        self.latest = Some(reader.entry);
        if !self.shelf.moved.contains(&reader.entry) {
            self.shelf.moved.push(reader.entry);
        }
        self.effects.push(Effect::SaveProgress { progress, urgent });
    }
}

/// The position a saved place stands for in `article`: its section found by anchor, else by
/// index; past the end, the start of the last section.
pub fn resolve(article: &Article, place: &Place) -> Position {
    let last = article.sections.len().saturating_sub(1);
    // By anchor as a link finds it (salve's own anchor, else the same heading under another
    // tool's slug): a saved place and a link from another article both land where it says.
    match super::links::find_anchor(article, &place.anchor) {
        Some(i) => Position { section: i as u32, offset: place.offset },
        None if (place.section as usize) <= last => {
            Position { section: place.section, offset: place.offset }
        }
        None => Position { section: last as u32, offset: 0 },
    }
}

/// Scrolls so the current match is on screen: left alone if visible, else on the top line.
fn show_match(reader: &mut ReaderState, search: &super::FindState) {
    let Some(m) = search.current.and_then(|i| search.matches.get(i)) else { return };
    let top = reader.top();
    if m.line < top || m.line >= top + reader.height {
        reader.set_top(m.line);
    }
}

/// Types `typed` into a one-line box whose whole text may be `selected` (the search pane's
/// recalled query, a bookmark's offered label): typing replaces a selection.
pub(super) fn type_over(text: &mut String, selected: &mut bool, typed: &str) {
    if std::mem::take(selected) {
        text.clear();
    }
    text.push_str(typed);
}

/// Backspace in such a box: a selection goes whole, else the last character.
pub(super) fn delete_over(text: &mut String, selected: &mut bool) {
    if std::mem::take(selected) {
        text.clear();
    } else {
        text.pop();
    }
}
