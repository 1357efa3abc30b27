//! The library pane's state: which articles show, in what order, which is selected, and the
//! filter typed over them; with the library screen's key handlers.
//!
//! The filter is fuzzy (fuzzy-matcher's skim algorithm, as fzf users know it) over each
//! article's title, tags, aliases and folder: every word of the query must match, results
//! are ranked by score, and the title's matched characters are kept for highlighting.

use super::{App, Effect, Overlay};
use crate::action::Action;
use crate::library::{Entry, Order};
use crate::store::Progress;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into the library's entries.
    pub entry: usize,
}

/// What makes filtering a large library quick: each entry's text to match, made once, and
/// the entries each recent query matched, so typing one more letter only looks at those
/// (a longer query never matches more).
#[derive(Debug, Clone, Default)]
pub struct FilterMemo {
    /// Title, keywords and folder of each entry.
    haystacks: Vec<String>,
    /// Each entry's title in lowercase words, and their initials ("post traumatic stress
    /// disorder", "ptsd"): what word starts and acronyms are scored against.
    titles: Vec<(String, String)>,
    /// Recent queries and the entries each matched, with their scores.
    narrowed: Vec<Narrowed>,
}

/// The entries one query matched: each with its score, and the score of the query's last
/// word alone, so a query that only extends that word, or adds one, scores one word anew.
#[derive(Debug, Clone)]
struct Narrowed {
    query: String,
    found: Vec<(usize, i64, i64)>,
}

/// Queries remembered for narrowing.
const MEMO_QUERIES: usize = 32;

impl FilterMemo {
    /// Forgets everything (the entries changed).
    pub fn clear(&mut self) {
        self.haystacks.clear();
        self.titles.clear();
        self.narrowed.clear();
    }
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
    /// Filtering's reusable work.
    pub memo: FilterMemo,
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
}

impl ShelfState {
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

/// The rows for `entries` under `query` in `order`.
pub fn rows(
    entries: &[Entry],
    progress: &HashMap<String, Progress>,
    query: &str,
    order: Order,
    memo: &mut FilterMemo,
) -> Vec<Row> {
    let ranked: Vec<(i64, Row)> = if query.trim().is_empty() {
        (0..entries.len()).filter(|&i| !entries[i].gone).map(|entry| (0, Row { entry })).collect()
    } else {
        filter(entries, query, memo)
            .into_iter()
            .map(|(entry, score)| (score, Row { entry }))
            .collect()
    };
    in_order(entries, progress, order, ranked)
}

/// `ranked` (a filter's score and a row) best score first, then in `order`.
pub(super) fn in_order(
    entries: &[Entry],
    progress: &HashMap<String, Progress>,
    order: Order,
    mut ranked: Vec<(i64, Row)>,
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
    let by_order = |i: usize, j: usize| compare(&key(i), &key(j), order);
    // A filter ranks by how well each article matches; ties keep the chosen order.
    // Stable, and quick on runs already in order: a cached library comes in title order, in
    // two halves (see `library::cached`), which this merges in one pass.
    ranked.sort_by(|(sa, ra), (sb, rb)| sb.cmp(sa).then_with(|| by_order(ra.entry, rb.entry)));
    ranked.into_iter().map(|(_, row)| row).collect()
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

/// A title as lowercase words of letters and digits one space apart, and their initials.
fn title_words(title: &str) -> (String, String) {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let initials = words.iter().filter_map(|w| w.chars().next()).collect();
    (words.join(" "), initials)
}

/// What matching at word starts earns beyond the fuzzy score, as fzf's and nucleo's scoring
/// favour them: a query word that is the title's initials, or runs of them ("ptsd" for
/// "Post-Traumatic Stress Disorder", "adhd"), most; one that starts a word of the title, less;
/// letters scattered through the title ("protein S deficiency" for "ptsd"), nothing.
fn start_bonus((words, initials): &(String, String), typed: &str) -> i64 {
    let typed = typed.to_lowercase();
    if typed.chars().count() >= 2 && initials.contains(&typed) {
        ACRONYM_BONUS
    } else if words.split(' ').any(|w| w.starts_with(&typed)) {
        WORD_START_BONUS
    } else {
        0
    }
}

/// What a query word that is a run of the title's initials earns (see [`start_bonus`]).
const ACRONYM_BONUS: i64 = 300;

/// What a query word that starts a word of the title earns (see [`start_bonus`]).
const WORD_START_BONUS: i64 = 150;

/// The entries every word of `query` matches (fuzzily, in the title, tags, aliases or folder),
/// with their scores; from the entries a shorter query already narrowed down when there is one,
/// scoring only the word that changed when the others are the same.
fn filter(entries: &[Entry], query: &str, memo: &mut FilterMemo) -> Vec<(usize, i64)> {
    if memo.haystacks.len() != entries.len() {
        memo.clear();
        memo.haystacks =
            entries.iter().map(|e| format!("{}  {}{}", e.title, e.keywords, e.folder)).collect();
        memo.titles = entries.iter().map(|e| title_words(&e.title)).collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let words: Vec<&str> = query.split_whitespace().collect();
    let Some((&last, others)) = words.split_last() else { return Vec::new() };
    let haystacks = &memo.haystacks;
    let titles = &memo.titles;
    let word = |i: usize, w: &str| {
        matcher.fuzzy_match(&haystacks[i], w).map(|score| score + start_bonus(&titles[i], w))
    };
    // (total, last word's) for entry i, all words scored.
    let whole = |i: usize| -> Option<(i64, i64)> {
        if entries[i].gone {
            return None;
        }
        let rest: i64 = others.iter().map(|w| word(i, w)).sum::<Option<i64>>()?;
        let last = word(i, last)?;
        Some((rest + last, last))
    };
    let narrower = memo
        .narrowed
        .iter()
        .filter(|n| query.starts_with(n.query.as_str()))
        .max_by_key(|n| n.query.len());
    let found: Vec<(usize, i64, i64)> = match narrower {
        Some(n) => {
            let before: Vec<&str> = n.query.split_whitespace().collect();
            let keep = |(i, total, last_score): (usize, i64, i64)| {
                if entries[i].gone {
                    return None;
                }
                match before.split_last() {
                    // The same words (a space typed): the same scores.
                    _ if before == words => Some((i, total, last_score)),
                    // The last word grew: it alone is scored again.
                    Some((_, kept)) if kept == others && before.len() == words.len() => {
                        let now = word(i, last)?;
                        Some((i, total - last_score + now, now))
                    }
                    // A word was added after the same words.
                    _ if before.as_slice() == others => {
                        let now = word(i, last)?;
                        Some((i, total + now, now))
                    }
                    _ => whole(i).map(|(total, last)| (i, total, last)),
                }
            };
            n.found.iter().copied().filter_map(keep).collect()
        }
        None => (0..entries.len()).filter_map(|i| whole(i).map(|(t, l)| (i, t, l))).collect(),
    };
    if memo.narrowed.len() == MEMO_QUERIES {
        memo.narrowed.remove(0);
    }
    let scored = found.iter().map(|&(i, total, _)| (i, total)).collect();
    memo.narrowed.push(Narrowed { query: query.to_string(), found });
    scored
}

/// The characters of `title` to highlight for `query`: those each word of it matches in the
/// title (a word that matched only a tag or the folder marks nothing).
pub fn title_hits(title: &str, query: &str) -> Vec<usize> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut hits: Vec<usize> = query
        .split_whitespace()
        .filter_map(|word| matcher.fuzzy_indices(title, word).map(|(_, indices)| indices))
        .flatten()
        .collect();
    hits.sort_unstable();
    hits.dedup();
    hits
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
    /// keeping the same article selected when it still shows.
    pub(super) fn refresh_shelf(&mut self) {
        self.shelf.stale = false;
        let selected = self.shelf.selected_entry();
        let whole = self.shelf.query.trim().is_empty();
        let state = &mut self.shelf;
        state.rows = match state.unfiltered_rows().filter(|_| whole) {
            // Only reading state changed since: the articles read since put back in place
            // (a sort of 100,000 entries took up to 70 ms).
            Some(kept) => {
                with_moved(&self.entries, &self.progress, state.order, kept, &state.moved)
            }
            None => rows(&self.entries, &self.progress, &state.query, state.order, &mut state.memo),
        };
        if whole {
            state.unfiltered = Some(Unfiltered { order: state.order, rows: state.rows.clone() });
            state.moved.clear();
        }
        self.shelf.selected = 0;
        self.shelf.top = 0;
        if self.shelf.query.is_empty() {
            self.shelf.select_entry(selected);
        }
        self.shelf.scroll_into_view();
        self.after_selection();
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
            Action::Back if !self.shelf.query.is_empty() => {
                self.shelf.query.clear();
                self.refresh_shelf();
            }
            Action::Back => self.quit = true,
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
