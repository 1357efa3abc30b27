//! The library pane's state: which articles show, in what order, which is selected, and the
//! filter typed over them; with the library screen's key handlers.
//!
//! The filter is fuzzy (fuzzy-matcher's skim algorithm, as fzf users know it) over each
//! article's title, tags, aliases and folder: every word of the query must match, results
//! are ranked by score, and the title's matched characters are kept for highlighting.

use super::{App, Effect, Overlay};
use crate::action::Action;
use crate::library::Entry;
use crate::store::Progress;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// The orders `o` cycles through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By title, A to Z.
    #[default]
    Title,
    /// Most recently read first, then the unread by title.
    Recent,
    /// Furthest read first, then the unread by title.
    Progress,
    /// By folder, then title.
    Folder,
}

impl Order {
    /// The next order in the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Title => Self::Recent,
            Self::Recent => Self::Progress,
            Self::Progress => Self::Folder,
            Self::Folder => Self::Title,
        }
    }

    /// The name shown in the library's header and saved as the setting.
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Recent => "recently read",
            Self::Progress => "progress",
            Self::Folder => "folder",
        }
    }

    /// The order named `name` (as [`Self::name`] gives it), if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Title, Self::Recent, Self::Progress, Self::Folder]
            .into_iter()
            .find(|o| o.name() == name)
    }
}

/// One line of the list: an entry, with the title characters the filter matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into the library's entries.
    pub entry: usize,
    /// Character indices of the title that matched the filter.
    pub hits: Vec<usize>,
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
}

impl ShelfState {
    /// The entry under the cursor.
    pub fn selected_entry(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.entry)
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
) -> Vec<Row> {
    let mut ranked: Vec<(i64, Row)> = if query.trim().is_empty() {
        (0..entries.len())
            .filter(|&i| !entries[i].gone)
            .map(|entry| (0, Row { entry, hits: Vec::new() }))
            .collect()
    } else {
        let matcher = SkimMatcherV2::default().ignore_case();
        let words: Vec<&str> = query.split_whitespace().collect();
        entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.gone)
            .filter_map(|(i, e)| {
                filter_match(&matcher, e, &words)
                    .map(|(score, hits)| (score, Row { entry: i, hits }))
            })
            .collect()
    };
    let read = |e: &Entry| progress.get(&e.key);
    let by_order = |a: &Entry, b: &Entry| {
        let (pa, pb) = (read(a), read(b));
        let title = || a.title_key.cmp(&b.title_key).then_with(|| a.title.cmp(&b.title));
        match order {
            Order::Title => title(),
            Order::Recent => pb.map(|p| p.read_at).cmp(&pa.map(|p| p.read_at)).then_with(title),
            Order::Progress => pb.map(|p| p.percent).cmp(&pa.map(|p| p.percent)).then_with(title),
            Order::Folder => a.folder.cmp(&b.folder).then_with(title),
        }
    };
    // A filter ranks by how well each article matches; ties keep the chosen order.
    ranked.sort_by(|(sa, ra), (sb, rb)| {
        sb.cmp(sa).then_with(|| by_order(&entries[ra.entry], &entries[rb.entry]))
    });
    ranked.into_iter().map(|(_, row)| row).collect()
}

/// How well every word of the filter matches the entry's title, tags, aliases and folder,
/// with the title's matched characters; `None` when a word does not match.
fn filter_match(
    matcher: &SkimMatcherV2,
    entry: &Entry,
    words: &[&str],
) -> Option<(i64, Vec<usize>)> {
    let title_chars = entry.title.chars().count();
    let mut haystack = entry.title.clone();
    for extra in entry.tags.iter().chain(&entry.aliases).chain([&entry.folder]) {
        haystack.push_str("  ");
        haystack.push_str(extra);
    }
    let mut score = 0;
    let mut hits = Vec::new();
    for word in words {
        let (s, indices) = matcher.fuzzy_indices(&haystack, word)?;
        score += s;
        hits.extend(indices.into_iter().filter(|&i| i < title_chars));
    }
    hits.sort_unstable();
    hits.dedup();
    Some((score, hits))
}

impl App {
    /// Recomputes the list after the entries, the filter, the order or the progress changed,
    /// keeping the same article selected when it still shows.
    pub(super) fn refresh_shelf(&mut self) {
        let selected = self.shelf.selected_entry();
        self.shelf.rows = rows(&self.entries, &self.progress, &self.shelf.query, self.shelf.order);
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
        let page = self.shelf.height.max(1).cast_signed();
        match action {
            Action::OpenArticle => {
                if let Some(index) = self.shelf.selected_entry() {
                    self.open_entry(index, None);
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
            Action::LineDown => self.shelf.step(1),
            Action::LineUp => self.shelf.step(-1),
            Action::HalfPageDown => self.shelf.step((page / 2).max(1)),
            Action::HalfPageUp => self.shelf.step(-(page / 2).max(1)),
            Action::PageDown => self.shelf.step(page),
            Action::ScrollBy(n) => self.shelf.step(n as isize),
            Action::PageUp => self.shelf.step(-page),
            Action::Top => self.shelf.step(isize::MIN / 2),
            Action::Bottom => self.shelf.step(isize::MAX / 2),
            _ => return false,
        }
        self.after_selection();
        true
    }

    pub(super) fn handle_filter(&mut self, action: Action) -> bool {
        match action {
            Action::Type(c) => {
                self.type_text(crate::keymap::Pane::Filter, c.encode_utf8(&mut [0; 4]));
            }
            Action::DeleteChar => {
                self.shelf.query.pop();
                self.refresh_shelf();
            }
            Action::Confirm => self.pop(&Overlay::Filter),
            Action::Back => {
                self.shelf.query.clear();
                self.pop(&Overlay::Filter);
                self.refresh_shelf();
            }
            Action::LineDown => self.shelf.step(1),
            Action::LineUp => self.shelf.step(-1),
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
        let keys: std::collections::HashSet<&str> =
            self.entries.iter().map(|e| e.key.as_str()).collect();
        let orphans: Vec<Progress> = self
            .progress
            .values()
            .filter(|p| !keys.contains(p.article.as_str()))
            .cloned()
            .collect();
        for orphan in orphans {
            let mut heirs = self
                .entries
                .iter()
                .filter(|e| e.title_key == orphan.title_key && !self.progress.contains_key(&e.key));
            let (Some(heir), None) = (heirs.next(), heirs.next()) else { continue };
            let to = heir.key.clone();
            let from = orphan.article.clone();
            self.progress.remove(&from);
            self.progress.insert(to.clone(), Progress { article: to.clone(), ..orphan });
            for mark in self.bookmarks.iter_mut().filter(|b| b.article == from) {
                mark.article.clone_from(&to);
            }
            self.effects.push(Effect::Rekey { from, to });
        }
    }
}
