//! The library pane's state: which articles show, in what order, which is selected, and the
//! filter typed over them; with the library screen's key handlers.
//!
//! The whole list is made here, on the event loop (kept between refreshes, see
//! [`ShelfState::unfiltered`]); a filter's rows are asked of a thread (see [`super::filter`])
//! and come back as [`super::Msg::Filtered`], keys acting on them waiting for them.

use super::filter::{self, FilterJob, Places, Texts};
use super::{App, Effect, Overlay};
use crate::action::Action;
use crate::library::{Entry, Order};
use crate::store::Progress;
use std::collections::HashMap;
use std::sync::Arc;

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into the library's entries.
    pub entry: usize,
}

/// What the library list shows.
#[derive(Debug, Clone, Default)]
pub struct ShelfState {
    /// The order chosen with `o`.
    pub order: Order,
    /// The filter as typed.
    pub query: String,
    /// The rows shown, in order.
    pub rows: Vec<Row>,
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
    /// Rows the list shows.
    pub height: usize,
    /// What the filter matches of each entry, copied when a filter is first asked after the
    /// entries changed.
    pub(super) texts: Option<Arc<Texts>>,
    /// The last filter asked: each asking counts one up.
    pub(super) generation: u64,
    /// The filter asked whose rows have not come back yet.
    pub(super) asked: Option<u64>,
    /// The entry to select again when the asked rows come (the list was made again for
    /// another reason than typing).
    pub(super) reselect: Option<usize>,
    /// While start-up shows a remembered first screen: `rows` are only part of the list.
    pub window: Option<Window>,
    /// The whole list (no filter) as the last refresh without a filter made it, kept while
    /// nothing but reading state changed since: the list comes back from it when a filter is
    /// cleared or the reader goes back to the library, and the next start's first screen is
    /// worked out from it at quit (see `App::glimpse`), without sorting every entry again.
    pub(super) unfiltered: Option<Unfiltered>,
    /// Entries whose reading state changed since `unfiltered` was made.
    pub(super) moved: Vec<usize>,
    /// The filter was typed into since the rows were made: the batch's settle makes them.
    pub(super) stale: bool,
}

/// The whole list as made for one order.
#[derive(Debug, Clone)]
pub(super) struct Unfiltered {
    /// The order it was made in.
    pub(super) order: Order,
    /// Its rows.
    pub(super) rows: Vec<Row>,
    /// Each entry's place in it, once a filter needed them.
    pub(super) places: Option<Places>,
}

impl ShelfState {
    /// The entries changed: what filtering made of them is made again when next needed.
    pub(super) fn entries_changed(&mut self) {
        self.texts = None;
    }

    /// Moves the selection for a movement key (a page is the list's height); false for any
    /// other key.
    pub(super) fn update(&mut self, action: Action) -> bool {
        let page = self.height.max(1).cast_signed();
        let delta = match action {
            Action::LineDown => 1,
            Action::LineUp => -1,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::ScrollBy(n) => n as isize,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => return false,
        };
        self.step(delta);
        true
    }

    /// The whole list as last made, if it was made in the order chosen now.
    pub(super) fn unfiltered_rows(&self) -> Option<&[Row]> {
        self.unfiltered.as_ref().filter(|u| u.order == self.order).map(|u| u.rows.as_slice())
    }
}

/// Where the rows of a partly read list sit in the whole one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The place in the whole list of the first row.
    pub first: usize,
    /// Rows in the whole list.
    pub total: usize,
}

impl ShelfState {
    /// The entry under the cursor.
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.entry)
    }

    /// The selected row's place in the whole list (from 1) and the rows in the whole list.
    pub fn position(&self) -> (usize, usize) {
        match self.window {
            Some(window) => (window.first + self.selected + 1, window.total),
            None => (self.selected + 1, self.rows.len()),
        }
    }

    /// Moves the cursor to `entry`'s row when it shows.
    pub fn select_entry(&mut self, entry: Option<usize>) {
        if let Some(row) = entry.and_then(|e| self.rows.iter().position(|r| r.entry == e)) {
            self.selected = row;
        }
        self.scroll_into_view();
    }

    /// Moves the cursor by `delta` rows, stopping at the ends.
    pub fn step(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view();
    }

    /// Scrolls the list so the cursor shows.
    pub fn scroll_into_view(&mut self) {
        let height = self.height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        self.top = self.top.min(self.rows.len().saturating_sub(height));
    }
}

/// Every listed entry of `entries` (those whose file is not gone), in `order`.
pub fn whole_list(
    entries: &[Entry],
    progress: &HashMap<String, Progress>,
    order: Order,
) -> Vec<Row> {
    let listed = (0..entries.len()).filter(|&i| !entries[i].gone).map(|entry| Row { entry });
    in_order(entries, progress, order, listed.collect())
}

/// `rows` in `order`.
pub(super) fn in_order(
    entries: &[Entry],
    progress: &HashMap<String, Progress>,
    order: Order,
    mut rows: Vec<Row>,
) -> Vec<Row> {
    // Reading state by entry, looked up once rather than in every comparison.
    let read: Vec<(Option<i64>, Option<u8>)> = match order {
        Order::Recent | Order::Progress => {
            entries.iter().map(|e| read_state(progress, e)).collect()
        }
        Order::Title | Order::Folder => Vec::new(),
    };
    // The first eight bytes of each title key as a number: most comparisons end there, without
    // following two pointers to the titles (a 100,000-article library sorts several times
    // quicker).
    let prefix: Vec<u64> =
        entries.iter().map(|e| crate::library::entry::title_prefix(&e.title_key)).collect();
    let key = |i: usize| SortKey {
        entry: &entries[i],
        place: i,
        prefix: prefix[i],
        read: read.get(i).copied().unwrap_or_default(),
    };
    // Stable, and quick on runs already in order: a cached library comes in title order, in
    // two halves (see `library::cached`), which this merges in one pass.
    rows.sort_by(|a, b| compare(&key(a.entry), &key(b.entry), order));
    rows
}

/// When `entry` was last read and how far, if it was: what the recent and progress orders
/// compare.
fn read_state(progress: &HashMap<String, Progress>, entry: &Entry) -> (Option<i64>, Option<u8>) {
    progress.get(entry.key.as_str()).map_or((None, None), |p| (Some(p.read_at), Some(p.percent)))
}

/// What the list's orders compare of an entry.
struct SortKey<'a> {
    entry: &'a Entry,
    /// Its place among the entries: the last word on ties.
    place: usize,
    /// [`crate::library::entry::title_prefix`] of its title key.
    prefix: u64,
    /// When it was read and how far, if it was.
    read: (Option<i64>, Option<u8>),
}

impl<'a> SortKey<'a> {
    /// The key of entry `place`, its reading state looked up in `progress`.
    fn of(entries: &'a [Entry], progress: &HashMap<String, Progress>, place: usize) -> Self {
        let entry = &entries[place];
        let read = read_state(progress, entry);
        Self { entry, place, prefix: crate::library::entry::title_prefix(&entry.title_key), read }
    }
}

/// The list's `order` between two entries.
fn compare(a: &SortKey, b: &SortKey, order: Order) -> std::cmp::Ordering {
    // Ties end on the entry's place, so equal titles keep one order from sort to sort.
    let title = || {
        (a.prefix.cmp(&b.prefix))
            .then_with(|| crate::library::entry::title_tiebreak(a.entry, b.entry))
            .then(a.place.cmp(&b.place))
    };
    match order {
        Order::Title => title(),
        Order::Recent => b.read.0.cmp(&a.read.0).then_with(title),
        Order::Progress => b.read.1.cmp(&a.read.1).then_with(title),
        Order::Folder => a.entry.folder.cmp(&b.entry.folder).then_with(title),
    }
}

/// `rows`, in `order` but for the entries of `moved` (whose reading state changed since it
/// was made), with those put back where `order` now places them: a few binary searches
/// instead of sorting the whole list again.
pub(super) fn with_moved(
    entries: &[Entry],
    progress: &HashMap<String, Progress>,
    order: Order,
    rows: &[Row],
    moved: &[usize],
) -> Vec<Row> {
    let mut out: Vec<Row> = if moved.is_empty() {
        rows.to_vec()
    } else {
        rows.iter().filter(|r| !moved.contains(&r.entry)).copied().collect()
    };
    for &entry in moved {
        let key = SortKey::of(entries, progress, entry);
        let at = out.partition_point(|r| {
            compare(&SortKey::of(entries, progress, r.entry), &key, order).is_lt()
        });
        out.insert(at, Row { entry });
    }
    out
}

impl App {
    /// Applies the filter typed since the list was last made, if any: once a batch of keys.
    pub(super) fn apply_filter_typed(&mut self) {
        if self.shelf.stale {
            self.refresh_shelf();
            self.after_selection();
        }
    }

    /// Recomputes the list after the entries, the filter, the order or the progress changed,
    /// keeping the same article selected when it still shows. A filter's rows are asked for
    /// (see [`Self::filtered`]); until they come, the list shown stays as it was.
    pub(super) fn refresh_shelf(&mut self) {
        let typed = std::mem::take(&mut self.shelf.stale);
        let selected = self.shelf.selected_entry();
        self.make_whole();
        if !self.shelf.query.trim().is_empty() {
            // Typed: the best match is selected. Otherwise (back from an article, the walk's
            // reports) the article selected stays so when it still matches.
            self.shelf.reselect = if typed { None } else { selected };
            self.ask_filter();
            return;
        }
        // A filter still asked for is not wanted any more.
        self.shelf.asked = None;
        let whole = self.shelf.unfiltered.as_ref().map(|u| u.rows.clone());
        self.shelf.rows = whole.unwrap_or_default();
        self.shelf.selected = 0;
        self.shelf.top = 0;
        if self.shelf.query.is_empty() {
            self.shelf.select_entry(selected);
        }
        self.shelf.scroll_into_view();
        self.after_selection();
    }

    /// Makes the whole list (no filter) in the order chosen now, unless it is kept: from the
    /// kept one with the articles read since put back in place (a sort of 100,000 entries
    /// took up to 70 ms), or sorted anew.
    fn make_whole(&mut self) {
        let state = &mut self.shelf;
        if state.unfiltered_rows().is_some() && state.moved.is_empty() {
            return;
        }
        let rows = match state.unfiltered_rows() {
            Some(kept) => {
                with_moved(&self.entries, &self.progress, state.order, kept, &state.moved)
            }
            None => whole_list(&self.entries, &self.progress, state.order),
        };
        state.unfiltered = Some(Unfiltered { order: state.order, rows, places: None });
        state.moved.clear();
    }

    /// Asks for the rows of the filter typed (see [`super::filter`]): the keys after wait for
    /// them, and an answer to an earlier asking is not taken.
    fn ask_filter(&mut self) {
        let state = &mut self.shelf;
        let entries = &self.entries;
        let texts = match &state.texts {
            Some(kept) if kept.len() == entries.len() => Arc::clone(kept),
            _ => Arc::clone(state.texts.insert(Arc::new(Texts::of(entries)))),
        };
        let Some(whole) = state.unfiltered.as_mut() else { return };
        let places = whole.places.get_or_insert_with(|| filter::places(&whole.rows, entries.len()));
        let places = Arc::clone(places);
        state.generation += 1;
        state.asked = Some(state.generation);
        let job =
            FilterJob { generation: state.generation, query: state.query.clone(), texts, places };
        self.effects.retain(|e| !matches!(e, Effect::Filter(_)));
        self.effects.push(Effect::Filter(job));
    }

    /// The rows of the filter asked as `generation`: shown with the first selected, and the
    /// keys that waited for them applied. Rows of a filter asked before are dropped.
    pub(super) fn filtered(&mut self, generation: u64, rows: Vec<Row>) {
        if self.shelf.asked != Some(generation) {
            return;
        }
        self.shelf.asked = None;
        self.shelf.rows = rows;
        self.shelf.selected = 0;
        self.shelf.top = 0;
        let keep = self.shelf.reselect.take();
        self.shelf.select_entry(keep);
        self.after_selection();
        self.replay();
    }

    /// True while a filter's rows are asked for: keys acting on the list wait for them.
    pub(super) fn filtering(&self) -> bool {
        self.shelf.asked.is_some()
    }

    /// Asks for the selected entry's preview when it is not loaded yet.
    pub(super) fn after_selection(&mut self) {
        if let Some(index) = self.shelf.selected_entry()
            && self.entries.get(index).is_some_and(|e| e.preview.is_none())
            && !self.effects.contains(&Effect::LoadPreview(index))
        {
            self.effects.push(Effect::LoadPreview(index));
        }
    }

    pub(super) fn handle_library(&mut self, action: Action) -> bool {
        // The list's state moves its selection itself; the rest reaches beyond it.
        if self.shelf.update(action) {
            self.after_selection();
            return true;
        }
        match action {
            Action::OpenArticle => {
                if let Some(index) = self.shelf.selected_entry() {
                    self.open_entry(index, super::reading::Opening::default());
                }
            }
            Action::Back | Action::ClearFilter if !self.shelf.query.is_empty() => {
                self.shelf.query.clear();
                self.refresh_shelf();
            }
            Action::Back => self.quit = true,
            // Esc never quits, as in less, lazygit and helix: say what does.
            Action::ClearFilter => self.notice = Some(super::QUIT_HINT.into()),
            Action::StartFilter => self.overlays.push(Overlay::Filter),
            Action::CycleOrder => {
                self.shelf.order = self.shelf.order.next();
                self.refresh_shelf();
                let value = self.shelf.order.name().to_string();
                self.effects.push(Effect::SaveSetting { key: "library.order", value });
            }
            Action::ShowBookmarks => self.show_marks(),
            Action::ShowProblems => self.overlays.push(Overlay::Problems(0)),
            Action::SearchLibrary => self.open_lookup(),
            _ => return false,
        }
        self.after_selection();
        true
    }

    pub(super) fn handle_filter(&mut self, action: Action) -> bool {
        match action {
            // The list is made again, and the selection's preview asked, once the batch of
            // input is in (see [`App::settle`]).
            Action::Type(c) => {
                self.type_text(crate::keymap::Pane::Filter, c.encode_utf8(&mut [0; 4]));
                return true;
            }
            Action::DeleteChar => {
                self.shelf.query.pop();
                self.shelf.stale = true;
                return true;
            }
            Action::Confirm => self.pop(&Overlay::Filter),
            Action::Back => {
                self.shelf.query.clear();
                self.pop(&Overlay::Filter);
                self.refresh_shelf();
            }
            Action::LineDown | Action::LineUp => {
                self.shelf.update(action);
            }
            _ => return false,
        }
        self.after_selection();
        true
    }

    /// A click on a library row selects it; a click on the selected row opens it.
    pub(super) fn click_shelf(&mut self, x: u16, y: u16) {
        let list = super::geometry::shelf_areas(self.areas().body).list;
        if !list.contains((x, y).into()) {
            return;
        }
        let row = self.shelf.top + usize::from(y - list.y);
        if row >= self.shelf.rows.len() {
            return;
        }
        if row == self.shelf.selected {
            self.handle_library(Action::OpenArticle);
        } else {
            self.shelf.selected = row;
            self.after_selection();
        }
    }

    /// Re-attaches saved state of edited articles: progress saved under a key no entry has any
    /// more goes to the one entry of the same title that has none.
    pub(super) fn attach_orphans(&mut self) {
        if self.progress.is_empty() {
            return;
        }
        let keys: crate::hash::FastSet<&str> =
            self.entries.iter().map(|e| e.key.as_str()).collect();
        let orphans: Vec<Progress> = self
            .progress
            .values()
            .filter(|p| !keys.contains(p.article.as_str()))
            .cloned()
            .collect();
        for orphan in orphans {
            // An entry whose identity is not known yet (a long file being read) is no heir:
            // its own saved place, if any, is looked up once it is read whole.
            let mut heirs = self.entries.iter().filter(|e| {
                e.title_key == orphan.title_key
                    && !e.stand_in()
                    && !self.progress.contains_key(e.key.as_str())
            });
            let (Some(heir), None) = (heirs.next(), heirs.next()) else { continue };
            let to = heir.key.clone();
            self.rekey(&orphan.article, &to);
        }
    }

    /// Moves the reading state saved under `from` to `to`, in the store too: the place (the
    /// newer of the two when `to` has one, as [`crate::store::Store::rekey`] keeps) and the
    /// bookmarks.
    pub(super) fn rekey(&mut self, from: &str, to: &str) {
        let place = self.progress.remove(from);
        if place.is_none() && !self.bookmarks.iter().any(|b| b.article == from) {
            return;
        }
        if let Some(place) = place
            && self.progress.get(to).is_none_or(|p| p.read_at < place.read_at)
        {
            self.progress.insert(to.to_owned(), Progress { article: to.to_owned(), ..place });
        }
        for mark in self.bookmarks.iter_mut().filter(|b| b.article == from) {
            to.clone_into(&mut mark.article);
        }
        self.effects.push(Effect::Rekey { from: from.to_owned(), to: to.to_owned() });
        // Reading state moved to another entry: the whole list is made again.
        self.shelf.unfiltered = None;
    }
}
