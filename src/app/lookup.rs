//! The search pane: a query over every article of the library, its ranked results (article ›
//! section, a snippet with the matched words, where it matched), and opening one at its match.
//!
//! The query runs in the store (an effect per keystroke); results for articles this library
//! does not list (the index is shared by every library salve opens) are left out. The last
//! query is remembered across runs.

use super::{App, Effect, Overlay, Place, Screen};
use crate::action::Action;
use crate::keymap::Pane;
use crate::search::{Hit, Outcome, SearchError};

/// Results asked of the index for the first page; each page after asks for twice as many.
pub const ASKED: usize = 40;

/// The setting the last query is kept in.
pub const LAST_QUERY: &str = "search.last";

/// One result the pane shows: a hit and the library entry it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Index of the article's entry.
    pub entry: usize,
    /// What matched.
    pub hit: Hit,
    /// This row is one of the files holding the result above it (see [`Action::ShowCopies`]),
    /// not a result of its own.
    pub copy: bool,
}

/// The search pane's state.
#[derive(Debug, Clone, Default)]
pub struct LookupState {
    /// The query as typed.
    pub query: String,
    /// The query the results are for.
    pub searched: String,
    /// The results, best first.
    pub results: Vec<Found>,
    /// The nearest word the index knows, when nothing matched.
    pub suggestion: Option<String>,
    /// A problem running the query, shown instead of results.
    pub failure: Option<String>,
    /// What the results stand for when they are not plainly the query's: a word the index does
    /// not know replaced by the word clearly meant, results holding only some of the words
    /// (see [`crate::search::Outcome::said`]).
    pub said: Option<String>,
    /// The selected result.
    pub selected: usize,
    /// The first result on screen.
    pub top: usize,
    /// Results the list shows at once.
    pub height: usize,
    /// The screen to go back to.
    pub back_to: Option<Screen>,
    /// The query was there when the pane opened (the last one, kept across runs): it shows
    /// selected, and the first text typed replaces it (`Backspace` clears it), as in a search
    /// box that opens with its last text selected. From the results, `s` goes back to the
    /// query as it is, to refine it.
    pub recalled: bool,
    /// The index had more matches than were taken: the results are the best of more (the
    /// header says "top N", and scrolling to their end asks for the next page).
    pub more: bool,
    /// How many sections match in all, once a page past the first was asked for.
    pub total: Option<u64>,
    /// How many results the results shown were asked for.
    pub asked: usize,
    /// The query changed since it was last asked: the batch's settle asks the index.
    pub stale: bool,
    /// The query asked of the index and not answered yet: keys acting on the results wait
    /// for the answer.
    pub asking: Option<String>,
}

/// What a key asked of the search pane beyond its own state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Asked {
    /// The pane did it (typed, moved).
    Done,
    /// Not a key of the pane's: the next layer down may take it.
    Ignored,
    /// Open the selected result.
    Open,
    /// Leave the pane.
    Leave,
    /// Show the query line, to refine the query.
    EditQuery,
    /// Put the query line away and move through the results.
    ShowResults,
    /// Show or hide the files holding the selected result.
    Copies,
}

impl LookupState {
    /// Applies `action`: to the query line when `typing`, else to the results.
    pub(super) fn update(&mut self, action: Action, typing: bool) -> Asked {
        let page = self.height.max(1).cast_signed();
        match action {
            Action::Type(c) if typing => self.type_text(c.encode_utf8(&mut [0; 4])),
            Action::DeleteChar if typing => {
                super::reading::delete_over(&mut self.query, &mut self.recalled);
                self.ask();
            }
            Action::FocusResults if typing => return Asked::ShowResults,
            Action::SearchLibrary if !typing => {
                self.recalled = false;
                return Asked::EditQuery;
            }
            Action::OpenArticle => return Asked::Open,
            Action::ShowCopies if !typing => return Asked::Copies,
            Action::Back => return Asked::Leave,
            Action::LineDown => self.step(1),
            Action::LineUp => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            Action::HalfPageDown if !typing => self.step((page / 2).max(1)),
            Action::HalfPageUp if !typing => self.step(-(page / 2).max(1)),
            Action::ScrollBy(n) if !typing => self.step(n as isize),
            Action::Top if !typing => self.step(isize::MIN / 2),
            Action::Bottom if !typing => self.step(isize::MAX / 2),
            _ => return Asked::Ignored,
        }
        Asked::Done
    }

    /// Text typed (or pasted) into the query: it replaces a recalled query.
    pub(super) fn type_text(&mut self, text: &str) {
        super::reading::type_over(&mut self.query, &mut self.recalled, text);
        self.ask();
    }

    /// The query changed: asked of the index once the batch of input is in (see
    /// [`App::ask_stale`]), or, emptied, the results cleared at once.
    pub(super) fn ask(&mut self) {
        if self.query.trim().is_empty() {
            self.results.clear();
            self.suggestion = None;
            self.failure = None;
            self.searched.clear();
            self.stale = false;
            self.asking = None;
            return;
        }
        self.stale = true;
    }

    /// The results shown (the rows naming the files of a result are not results of their own),
    /// and the place among them of the selected row's result, from 1.
    pub fn counted(&self) -> (usize, usize) {
        let results = self.results.iter().filter(|f| !f.copy).count();
        let upto = self.results.iter().take(self.selected + 1).filter(|f| !f.copy).count();
        (results, upto)
    }

    /// Moves the selection by `delta`, keeping it on screen.
    fn step(&mut self, delta: isize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        let height = self.height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
    }
}

impl App {
    /// `s` or `Ctrl-f`: the search pane, with the last query, from wherever the user is.
    pub(super) fn open_lookup(&mut self) {
        if self.screen != Screen::Search {
            self.lookup.back_to = Some(self.screen);
            self.screen = Screen::Search;
        }
        self.overlays.retain(|o| o == &Overlay::Contents);
        self.overlays.push(Overlay::SearchQuery);
        if self.lookup.query.is_empty() {
            self.lookup.query = self.last_query.clone();
        }
        self.lookup.recalled = !self.lookup.query.is_empty();
        self.lookup.ask();
    }

    /// The index answered the search for `query`, asked for `asked` results: take in what it
    /// found, and whether it has more (the next page is asked for when the selection nears the
    /// end, see [`App::next_page_if_near_the_end`]). Keys that waited for the answer go on.
    pub(super) fn found_for(
        &mut self,
        query: &str,
        asked: usize,
        outcome: Result<Outcome, SearchError>,
    ) -> Vec<Effect> {
        let (more, total) = outcome.as_ref().map_or((false, None), |o| (o.more, o.total));
        self.found(query, outcome);
        if self.lookup.searched == query {
            self.lookup.more = more;
            self.lookup.total = total;
            self.lookup.asked = asked;
        }
        if self.lookup.asking.as_deref() == Some(query) {
            self.lookup.asking = None;
            self.replay();
        }
        self.take_effects()
    }

    /// The results of `query` have come back from the index.
    pub(super) fn found(&mut self, query: &str, outcome: Result<Outcome, SearchError>) {
        if query != self.lookup.query {
            return; // typed on since: a newer query's results follow
        }
        let mut said = None;
        let (results, suggestion, failure) = match outcome {
            Ok(outcome) => {
                said = outcome.said();
                let entries = self.entries_of(&outcome.hits);
                let results = outcome
                    .hits
                    .into_iter()
                    .zip(entries)
                    .filter_map(|(hit, entry)| entry.map(|entry| Found { entry, hit, copy: false }))
                    .collect();
                (results, outcome.suggestion, None)
            }
            Err(why) => (Vec::new(), None, Some(why.to_string())),
        };
        let lookup = &mut self.lookup;
        // The same query asked again (the index grew while the library was walked): the
        // selected result stays selected where it still is, else the list starts at the top.
        let kept = (lookup.searched == query)
            .then(|| lookup.results.get(lookup.selected).map(|f| (f.entry, f.hit.section)))
            .flatten()
            .and_then(|(e, s)| results.iter().position(|f| f.entry == e && f.hit.section == s));
        lookup.searched = query.to_string();
        lookup.more = false;
        lookup.results = results;
        lookup.suggestion = suggestion;
        lookup.said = said;
        lookup.failure = failure;
        lookup.selected = 0;
        lookup.top = 0;
        if let Some(kept) = kept {
            lookup.step(kept.cast_signed());
        }
    }

    /// Shows, under the selected result, a row for each file that holds its section (the
    /// result's own first, then its copies, those in the library), or hides them when shown.
    fn toggle_copies(&mut self) {
        let lookup = &mut self.lookup;
        let Some(head) =
            (0..=lookup.selected).rev().find(|&i| lookup.results.get(i).is_some_and(|f| !f.copy))
        else {
            return;
        };
        let shown = lookup.results[head + 1..].iter().take_while(|f| f.copy).count();
        if shown > 0 {
            lookup.results.drain(head + 1..head + 1 + shown);
            lookup.selected = head;
            lookup.step(0);
            return;
        }
        let found = lookup.results[head].clone();
        if found.hit.copies.is_empty() {
            self.notice = Some("no other file holds this section".into());
            return;
        }
        let places = std::iter::once((found.hit.path.clone(), found.hit.bundled.clone()))
            .chain(found.hit.copies.iter().map(|c| (c.path.clone(), c.bundled.clone())))
            .collect::<Vec<_>>();
        let entries = self.entries_at(places.iter().map(|(p, b)| (p.as_deref(), b.as_deref())));
        let rows: Vec<Found> = places
            .into_iter()
            .zip(entries)
            .filter_map(|((path, bundled), entry)| {
                let hit = Hit { path, bundled, copies: Vec::new(), ..found.hit.clone() };
                entry.map(|entry| Found { entry, hit, copy: true })
            })
            .collect();
        let lookup = &mut self.lookup;
        let at = head + 1;
        lookup.results.splice(at..at, rows);
        lookup.selected = head + 1;
        lookup.step(0);
    }

    /// The library entry each hit is in, unless it is gone (see [`Self::entries_at`]).
    fn entries_of(&mut self, hits: &[Hit]) -> Vec<Option<usize>> {
        self.entries_at(hits.iter().map(|h| (h.path.as_deref(), h.bundled.as_deref())))
    }

    /// The library entry of each file or bundled article's name, unless it is gone: by file
    /// through the entries' index by path ([`App::index_paths`]), by name for a bundled
    /// article. Looking each hit up by comparing `Path`s with every entry took 0.7 s a query
    /// over 100,000 articles.
    fn entries_at<'a>(
        &mut self,
        places: impl Iterator<Item = (Option<&'a std::path::Path>, Option<&'a str>)> + Clone,
    ) -> Vec<Option<usize>> {
        use crate::article::Origin;
        self.index_paths();
        // The bundled articles are a handful: found in one pass, and only when a hit is one.
        let bundled: Vec<(&str, usize)> = if places.clone().any(|(_, b)| b.is_some()) {
            let named = self.entries.iter().enumerate().filter(|(_, e)| !e.gone);
            named
                .filter_map(|(i, e)| match e.origin {
                    Origin::Bundled(name) => Some((name, i)),
                    Origin::File(_) => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        let entries = &self.entries;
        let by_path = &self.by_path;
        places
            .map(|place| match place {
                (Some(path), _) => by_path.get(path).copied().filter(|&i| !entries[i].gone),
                (None, Some(name)) => bundled.iter().find(|(n, _)| *n == name).map(|&(_, i)| i),
                (None, None) => None,
            })
            .collect()
    }

    /// True when `key` only edits the search pane's query (typed text, a character deleted):
    /// it applies at once while a search is asked or awaited (see [`Self::searching`]).
    pub(super) fn edits_search_query(&self, key: ratatui::crossterm::event::KeyEvent) -> bool {
        self.pane() == Pane::SearchQuery
            && matches!(
                self.keymap.action_in(Pane::SearchQuery, crate::keymap::Key::from_event(key)),
                Some(Action::Type(_) | Action::DeleteChar)
            )
    }

    /// Asks the index for the query as it stands, when it changed since it was last asked and
    /// the search pane is still open: once a batch of input, however many keys typed into it.
    pub(super) fn ask_stale(&mut self) {
        if !std::mem::take(&mut self.lookup.stale) || self.screen != Screen::Search {
            return;
        }
        let query = self.lookup.query.clone();
        self.lookup.asking = Some(query.clone());
        self.effects.push(Effect::Search { query, asked: ASKED });
    }

    /// True while a search is to be asked or its answer awaited: keys acting on the results
    /// wait for them, in order.
    pub(super) fn searching(&self) -> bool {
        self.lookup.stale || self.lookup.asking.is_some()
    }

    /// The search pane's layers: its state takes its own keys (the query typed, the results
    /// moved through); what reaches beyond it (opening a result, leaving, the query line
    /// shown or put away) is done here. `typing`: the query line has the keyboard.
    pub(super) fn handle_lookup(&mut self, action: Action, typing: bool) -> bool {
        match self.lookup.update(action, typing) {
            Asked::Done => {}
            Asked::Ignored => return false,
            Asked::Open => self.open_found(),
            Asked::Leave => self.leave_lookup(),
            Asked::EditQuery => self.overlays.push(Overlay::SearchQuery),
            Asked::ShowResults => self.pop(&Overlay::SearchQuery),
            Asked::Copies => self.toggle_copies(),
        }
        true
    }

    /// Asks the index for the next page of results when the selection has come within a screen
    /// of the end of those shown, however it moved (keys, the wheel, a click), and the index
    /// has more: the keys after wait for it, as for any search.
    pub(super) fn next_page_if_near_the_end(&mut self) {
        let lookup = &self.lookup;
        if self.screen != Screen::Search {
            return;
        }
        let near = lookup.selected + lookup.height.max(1) >= lookup.results.len();
        if !near || !lookup.more || self.searching() || lookup.searched != lookup.query {
            return;
        }
        let query = lookup.query.clone();
        let asked = lookup.asked.max(ASKED) * 2;
        self.lookup.asking = Some(query.clone());
        self.effects.push(Effect::Search { query, asked });
    }

    /// Moves the results by the wheel, or selects (then opens) the clicked one.
    pub(super) fn lookup_mouse(&mut self, wheel: Option<i32>, y: u16) {
        if let Some(lines) = wheel {
            self.lookup.step(lines as isize);
            return;
        }
        let list = super::geometry::lookup_list(self.areas().body);
        let Some(row) = y.checked_sub(list.y) else { return };
        let index = self.lookup.top + usize::from(row) / super::geometry::RESULT_ROWS;
        if index >= self.lookup.results.len() {
            return;
        }
        if index == self.lookup.selected {
            self.open_found();
        } else {
            self.lookup.selected = index;
        }
    }

    /// Esc: back where the search began, the query kept for next time.
    fn leave_lookup(&mut self) {
        self.remember_query();
        self.overlays.retain(|o| o == &Overlay::Contents);
        self.screen = match self.lookup.back_to.take() {
            Some(Screen::Reader) if self.reader.is_some() => Screen::Reader,
            _ => Screen::Library,
        };
        if self.screen == Screen::Library {
            self.overlays.clear();
        }
    }

    /// Enter: the reader at the selected result's match, the matched words highlighted.
    fn open_found(&mut self) {
        let Some(found) = self.lookup.results.get(self.lookup.selected).cloned() else { return };
        self.remember_query();
        let hit = &found.hit;
        let place = Place { anchor: hit.anchor.clone(), section: hit.section, offset: hit.offset };
        // Every word the query matched in the section is what the reader highlights.
        let highlight = if hit.words.is_empty() {
            hit.marks
                .iter()
                .filter_map(|m| hit.snippet.get(m.clone()))
                .map(str::to_lowercase)
                .collect()
        } else {
            hit.words.clone()
        };
        self.lookup.back_to = None;
        self.overlays.clear();
        let opening = super::reading::Opening { highlight, ..super::reading::Opening::at(place) };
        self.open_entry(found.entry, opening);
    }

    /// Keeps the query for the next search, in this run and the next ones.
    fn remember_query(&mut self) {
        let query = self.lookup.query.trim().to_string();
        if !query.is_empty() && query != self.last_query {
            self.last_query.clone_from(&query);
            self.effects.push(Effect::SaveSetting { key: LAST_QUERY, value: query });
        }
    }
}
