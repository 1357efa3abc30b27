//! The application model: one screen (the library or the reader) under a stack of overlays
//! (contents, search and filter lines, help, bookmarks, prompts), the saved state it shows, and
//! [`App::update`], the only place state changes.
//!
//! A key goes to the top overlay's table, then down the stack to the screen's, then to the
//! global table; each layer's handler says whether it consumed the action (helix's
//! Consumed/Ignored), and a modal overlay stops the descent. Updates return [`Effect`]s
//! (open an article, save a position...) for the event loop to run, so everything here is
//! testable without a terminal or a disk. Drawing ([`crate::ui`]) only reads an `App`.

#[cfg(test)]
mod bundled_tests;
mod effect;
pub mod filter;
mod find;
#[cfg(test)]
mod first_frame_tests;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod geometry;
mod glimpse;
#[cfg(test)]
mod glimpse_tests;
pub mod help;
mod joined;
#[cfg(test)]
mod library_tests;
mod links;
#[cfg(test)]
mod links_tests;
mod loading;
#[cfg(test)]
mod loading_tests;
mod lookup;
#[cfg(test)]
mod lookup_tests;
mod marks;
#[cfg(test)]
mod marks_tests;
mod msg;
#[cfg(test)]
mod options_tests;
mod problems;
mod reader;
mod reading;
mod routing;
mod scanning;
mod shelf;
#[cfg(test)]
mod tests;

pub use effect::Effect;
pub use filter::{FilterJob, Filterer, title_hits};
pub use find::{FindState, Match};
pub use geometry::Areas;
pub use glimpse::GLIMPSE_ROWS;
pub use links::{LinkAt, Stop, Target};
pub use loading::{Loading, WAITING, Waiting};
pub use lookup::{ASKED, Found, LAST_QUERY, LookupState};
pub use marks::{MarksState, PromptFor, PromptState};
pub use msg::Msg;
pub use reader::ReaderState;
use reading::Opening;
pub use reading::resolve;
pub use shelf::{Row, ShelfState, Window};

use crate::action::Action;
use crate::article::Article;
use crate::keymap::{Keymap, Pane};
use crate::library::{Entry, OpenError, Order, Preview};
use crate::store::{Bookmark, Progress};

use std::collections::HashMap;
use std::path::PathBuf;

/// What the status line says when Esc has nothing to clear where going back would quit.
pub const QUIT_HINT: &str = "Esc never quits: q quits salve";

/// The screen under the overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Every article.
    Library,
    /// One article.
    Reader,
    /// A search of every article.
    Search,
}

/// Something drawn over the screen that takes the keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The contents sidebar has the keyboard.
    Contents,
    /// The in-article search query is being typed.
    Find,
    /// The library filter is being typed.
    Filter,
    /// The query of a search of every article is being typed.
    SearchQuery,
    /// The key help, scrolled this many lines.
    Help(usize),
    /// The bookmark list.
    Bookmarks(MarksState),
    /// A one-line text prompt (a bookmark's label).
    Prompt(PromptState),
    /// The files that could not be read, scrolled this many lines.
    Problems(usize),
}

impl Overlay {
    /// The key table this overlay uses.
    pub fn pane(&self) -> Pane {
        match self {
            Self::Contents => Pane::Contents,
            Self::Find => Pane::Find,
            Self::Filter => Pane::Filter,
            Self::SearchQuery => Pane::SearchQuery,
            Self::Help(_) => Pane::Help,
            Self::Bookmarks(_) => Pane::Bookmarks,
            Self::Prompt(_) => Pane::Prompt,
            Self::Problems(_) => Pane::Problems,
        }
    }
}

/// The table-of-contents sidebar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TocState {
    /// Whether the sidebar is shown.
    pub open: bool,
    /// The section under the cursor.
    pub cursor: usize,
}

impl TocState {
    /// Moves the cursor over `sections` sections for a movement key; false for any other.
    fn update(&mut self, action: Action, sections: usize) -> bool {
        match action {
            Action::LineDown => self.cursor = (self.cursor + 1).min(sections.saturating_sub(1)),
            Action::LineUp => self.cursor = self.cursor.saturating_sub(1),
            _ => return false,
        }
        true
    }
}

/// The whole application state.
#[derive(Debug, Clone)]
#[expect(clippy::struct_excessive_bools, reason = "independent flags, not a state machine")]
pub struct App {
    /// Every article of the library, in the order found.
    pub entries: Vec<Entry>,
    /// Files that could not be read, one message each.
    pub problems: Vec<String>,
    /// The folder the user's own articles go in (for the empty library's message).
    pub articles_dir: Option<PathBuf>,
    /// Key bindings, also used for hints and help.
    pub keymap: Keymap,
    /// The screen under the overlays.
    pub screen: Screen,
    /// Overlays, bottom first.
    pub overlays: Vec<Overlay>,
    /// The library pane.
    pub shelf: ShelfState,
    /// The open article, if any.
    pub reader: Option<ReaderState>,
    /// The contents sidebar.
    pub toc: TocState,
    /// The in-article search.
    pub find: FindState,
    /// The search of every article.
    pub lookup: LookupState,
    /// The query last searched for (also in earlier runs): what the search pane starts with.
    pub last_query: String,
    /// While the library walk indexes files for search: files indexed, of files to index.
    pub index_progress: Option<(usize, usize)>,
    /// Saved reading positions, by article key.
    pub progress: HashMap<String, Progress>,
    /// Every bookmark, newest first.
    pub bookmarks: Vec<Bookmark>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Widest text column, in cells (the config's `max_width`).
    pub max_width: u16,
    /// A one-line message for the status line until the next input.
    pub notice: Option<String>,
    /// True when salve was started on one article: leaving its reader quits, as `less` does.
    pub standalone: bool,
    /// The article salve was started on (`salve FILE`), once opened: leaving its reader quits;
    /// leaving another's (opened from the library, or by a link) goes back to the library.
    named: Option<usize>,
    /// The time now, in unix seconds (set by the event loop; fixed in tests).
    pub now: i64,
    /// Something unique to this process (its id), so bookmarks made by two salves at once
    /// never share an id.
    pub instance: u32,
    /// Set when the app should exit.
    pub quit: bool,
    /// Whether links are drawn as terminal hyperlinks (OSC 8).
    pub hyperlinks: bool,
    /// What was wrong in the config file, one message each (listed with `!`).
    pub config_problems: Vec<String>,
    /// While the library folders are being walked: files checked, of files found.
    pub scan_progress: Option<(usize, usize)>,
    /// The library folders and whether the bundled articles are listed, when this run is on
    /// the user's library or named folders: the first screen is remembered at the end of such
    /// runs (see [`App::glimpse`]).
    pub glimpse_scope: Option<String>,
    /// While the library's cache is still being read: entries from this index on are only
    /// part of the library (see [`App::await_library`]).
    pending: Option<usize>,
    /// The entry read last, as far as this run knows (found at start, then each save).
    latest: Option<usize>,
    /// Entries marked gone by the library walk.
    gone: usize,
    /// The entry being opened and what its opening asked for, until it is read (or fails).
    opening: Option<(usize, Opening)>,
    /// Where links were followed from, oldest first: what `Backspace` goes back along.
    pub trail: Vec<Stop>,
    /// Bookmarks made in this run, for unique ids.
    made: u32,
    /// Reports of the library walk changed the entries since the list was last redone.
    unsettled: bool,
    /// The search index grew, or its vocabulary was refreshed, since the last search.
    index_grew: bool,
    /// Entries by file, built when the first report of the library walk comes in.
    by_path: crate::hash::FastMap<PathBuf, usize>,
    /// Input waiting for more of the open article to be read, in the order it came.
    waiting: std::collections::VecDeque<Waiting>,
    effects: Vec<Effect>,
}

/// What start-up knows before the first frame: the one value an [`App`] is made from.
#[derive(Debug, Clone)]
pub struct Options {
    /// The library's entries so far (a remembered first screen's, or the whole cache's).
    pub entries: Vec<Entry>,
    /// From this entry on, the list is only part of the library until [`Msg::Library`]
    /// brings the cache (see [`App::await_library`]).
    pub cached_from: Option<usize>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Widest text column, in cells.
    pub max_width: u16,
    /// Whether links are drawn as terminal hyperlinks.
    pub hyperlinks: bool,
    /// The folder the user's own articles go in.
    pub articles_dir: Option<PathBuf>,
    /// The library this run is on, when its first screen is to be remembered.
    pub glimpse_scope: Option<String>,
    /// The query searched for last, in an earlier run.
    pub last_query: String,
    /// Started on one article (`salve FILE`): leaving the reader quits.
    pub standalone: bool,
    /// The library folders are being walked in the background.
    pub walking: bool,
    /// The time now, in unix seconds.
    pub now: i64,
    /// Something unique to this process (its id), for bookmark ids.
    pub instance: u32,
    /// What was wrong in the config file, one message each.
    pub config_problems: Vec<String>,
    /// The config file, named when its problems are counted.
    pub config_file: PathBuf,
    /// What went wrong at start (state that could not be read), said in the status line.
    pub warnings: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            cached_from: None,
            keymap: Keymap::default(),
            max_width: crate::layout::DEFAULT_MAX_WIDTH,
            hyperlinks: false,
            articles_dir: None,
            glimpse_scope: None,
            last_query: String::new(),
            standalone: false,
            walking: false,
            now: 0,
            instance: 0,
            config_problems: Vec::new(),
            config_file: PathBuf::new(),
            warnings: Vec::new(),
        }
    }
}

impl Options {
    /// Options listing `entries`, everything else as by default (tests, benches).
    pub fn listing(entries: Vec<Entry>) -> Self {
        Self { entries, ..Self::default() }
    }
}

/// A place in an article as saved: section anchor, section index, byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The section's anchor, looked for first.
    pub anchor: String,
    /// The section's index, used when the anchor is gone.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
}

impl App {
    /// An app on the library screen (the reader, for `options.standalone`), with nothing
    /// saved yet; what start-up knows is in `options`. Send [`Msg::Restored`] with the saved
    /// state, and an [`Action::Resize`] before drawing.
    pub fn new(options: Options) -> Self {
        let mut app = Self {
            entries: options.entries,
            problems: Vec::new(),
            articles_dir: options.articles_dir,
            keymap: options.keymap,
            screen: Screen::Library,
            overlays: Vec::new(),
            shelf: ShelfState::default(),
            reader: None,
            toc: TocState::default(),
            find: FindState::default(),
            lookup: LookupState::default(),
            last_query: options.last_query,
            index_progress: None,
            progress: HashMap::new(),
            bookmarks: Vec::new(),
            size: (0, 0),
            max_width: options.max_width,
            notice: None,
            standalone: options.standalone,
            named: None,
            now: options.now,
            instance: options.instance,
            quit: false,
            hyperlinks: options.hyperlinks,
            config_problems: Vec::new(),
            scan_progress: options.walking.then_some((0, 0)),
            glimpse_scope: options.glimpse_scope,
            pending: None,
            latest: None,
            gone: 0,
            opening: None,
            trail: Vec::new(),
            made: 0,
            unsettled: false,
            index_grew: false,
            by_path: crate::hash::FastMap::default(),
            waiting: std::collections::VecDeque::new(),
            effects: Vec::new(),
        };
        scanning::dedupe_keys(&mut app.entries);
        app.refresh_shelf();
        if let Some(base) = options.cached_from {
            app.await_library(base);
        }
        // What to say first: the library's problems, then the config file's, then start-up's
        // own warnings, each over the one before.
        app.set_problems(Vec::new());
        app.config_problems(options.config_problems, &options.config_file);
        if !options.warnings.is_empty() {
            app.notice = Some(options.warnings.join("; "));
        }
        app
    }

    /// Takes in saved state: positions, bookmarks (any order) and the library order. Progress
    /// of an edited article is re-attached by title; the last article read is selected.
    fn restore(
        &mut self,
        progress: Vec<Progress>,
        bookmarks: Vec<Bookmark>,
        order: Order,
    ) -> Vec<Effect> {
        self.progress = progress.into_iter().map(|p| (p.article.clone(), p)).collect();
        // Every entry's reading state is new: the whole list is made again.
        self.shelf.unfiltered = None;
        self.bookmarks = bookmarks;
        self.bookmarks.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        if self.pending.is_some() {
            // The list is made when the whole library is in (see `take_library`).
            self.shelf.order = order;
            return self.take_effects();
        }
        self.attach_orphans();
        // The title and folder orders do not depend on reading state: the list `new` made
        // stands unless state was re-attached (which the order may not show, but the rows
        // must be redone for) or the order differs.
        let rekeyed = self.effects.iter().any(|e| matches!(e, Effect::Rekey { .. }));
        if order != self.shelf.order || rekeyed || matches!(order, Order::Recent | Order::Progress)
        {
            self.shelf.order = order;
            self.refresh_shelf();
        }
        self.select_last_read();
        self.after_selection();
        self.take_effects()
    }

    /// Selects the article read last, on the list's top row (the first row when none was
    /// read), as every start does.
    fn select_last_read(&mut self) {
        self.shelf.selected = 0;
        self.shelf.top = 0;
        self.latest = self.last_read();
        self.shelf.select_entry(self.latest);
        self.shelf.top = self.shelf.selected;
        self.shelf.scroll_into_view();
    }

    /// The library entry read most recently, if any was read.
    pub fn last_read(&self) -> Option<usize> {
        let read_at = |e: &Entry| self.progress.get(e.key.as_str()).map(|p| p.read_at);
        (0..self.entries.len())
            .filter(|&i| read_at(&self.entries[i]).is_some())
            .max_by_key(|&i| read_at(&self.entries[i]))
    }

    /// The open article.
    pub fn article(&self) -> Option<&Article> {
        self.reader.as_ref().map(|r| &r.article)
    }

    /// False while the open article has only its first screens laid out (see
    /// [`Action::FinishLayout`]).
    pub fn layout_complete(&self) -> bool {
        self.reader.as_ref().is_none_or(|r| r.layout.complete || r.layout.lines.is_empty())
    }

    /// The panes from the top overlay down to the screen.
    pub fn panes(&self) -> Vec<Pane> {
        let screen = match self.screen {
            Screen::Library => Pane::Library,
            Screen::Reader => Pane::Reader,
            Screen::Search => Pane::Search,
        };
        // The focused contents belong to the reader: kept under the search pane (to come back
        // to), but not drawn there, so they take no keys there either.
        let shown = |o: &&Overlay| **o != Overlay::Contents || self.screen == Screen::Reader;
        self.overlays.iter().rev().filter(shown).map(Overlay::pane).chain([screen]).collect()
    }

    /// The panes a key is looked up in now, top first (see [`Keymap::layers`]).
    pub fn layers(&self) -> Vec<Pane> {
        Keymap::layers(&self.panes())
    }

    /// The pane on top: the one whose hints the status line shows.
    pub fn pane(&self) -> Pane {
        self.panes()[0]
    }

    /// True when going back from the screen leaves the app.
    pub fn back_quits(&self) -> bool {
        self.overlays.is_empty() && (self.screen == Screen::Library || self.reading_named())
    }

    /// True when the reader shows the article salve was started on (`salve FILE`).
    pub(super) fn reading_named(&self) -> bool {
        self.screen == Screen::Reader
            && self.named.is_some()
            && self.reader.as_ref().map(|r| r.entry) == self.named
    }

    /// The screen areas for the current size.
    pub fn areas(&self) -> Areas {
        self.areas_at(self.size.0, self.size.1)
    }

    /// The screen areas for a `width` x `height` screen.
    pub fn areas_at(&self, width: u16, height: u16) -> Areas {
        let toc = self.toc.open && self.screen == Screen::Reader && self.reader.is_some();
        Areas::new(width, height, toc, self.max_width)
    }

    /// The article for entry `index` has been read (or could not be): show it.
    fn opened(&mut self, index: usize, article: Result<Article, OpenError>) -> Vec<Effect> {
        self.open_article(index, article, None)
    }

    /// [`Self::opened`], for an article still being read when `loading` says so.
    fn open_article(
        &mut self,
        index: usize,
        article: Result<Article, OpenError>,
        loading: Option<Loading>,
    ) -> Vec<Effect> {
        // Taken whatever comes: a failed open must not leave its place or words to the next.
        let opening = self.opening.take().filter(|(i, _)| *i == index).map(|(_, o)| o);
        match article {
            Ok(article) => {
                if self.standalone && self.named.is_none() {
                    self.named = Some(index);
                }
                self.show_article(index, article, opening.unwrap_or_default(), loading);
            }
            Err(note) => {
                self.notice = Some(format!("cannot open it: {note}"));
                // The article salve was started on: there is nothing else to show.
                if self.standalone && self.named.is_none() {
                    self.quit = true;
                }
            }
        }
        self.take_effects()
    }

    /// The preview of entry `index` has been loaded.
    fn previewed(&mut self, index: usize, preview: Preview) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.preview = Some(Box::new(preview));
        }
    }

    /// Leaving: the effects that save where the reader is.
    fn shutdown(&mut self) -> Vec<Effect> {
        self.save_progress(true);
        if self.glimpse_scope.is_some() && self.pending.is_none() {
            self.effects.push(Effect::SaveGlimpse(self.glimpse()));
        }
        self.take_effects()
    }

    /// Back from the screen itself: the reader goes to the library (or quits when started on
    /// one article), the library quits.
    fn back_from_screen(&mut self) {
        match self.screen {
            Screen::Reader if !self.reading_named() => self.show_library(),
            _ => self.quit = true,
        }
    }

    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Lays the article out for the current text column and re-finds the reading position and
    /// search matches. Skipped while the terminal is too small to read in, so growing back
    /// shows the same place.
    fn fit(&mut self) {
        let areas = self.areas();
        if areas.too_small {
            return;
        }
        self.shelf.height = usize::from(geometry::shelf_areas(areas.body).list.height).max(1);
        self.lookup.height =
            (usize::from(geometry::lookup_list(areas.body).height) / geometry::RESULT_ROWS).max(1);
        self.shelf.scroll_into_view();
        let Some(reader) = self.reader.as_mut() else { return };
        reader.height = usize::from(areas.text.height);
        self.relayout(areas.text.width);
    }

    /// Replaces a partial first layout with the whole one, keeping the reading position.
    fn finish_layout(&mut self) {
        if self.layout_complete() {
            return;
        }
        if let Some(width) = self.reader.as_ref().map(|r| r.layout.width) {
            self.relayout(width);
        }
    }

    /// Lays the open article out for `width` when its layout is not already that (see
    /// [`ReaderState::relayout`]), and finds the search matches again in the new lines.
    fn relayout(&mut self, width: u16) {
        let Some(reader) = self.reader.as_mut() else { return };
        if reader.dropped > 0 && reader.layout.width != width {
            // Its blocks are gone: read it again, to lay it out at this width.
            self.read_again();
            return;
        }
        if reader.relayout(width) && !self.find.query.is_empty() {
            self.find.refresh(&reader.layout);
        }
    }
}

/// The lowest heading level in the article: its top-level sections. A `# Title` heading the
/// card stands for is left out, or its level-2 sections would never count as top-level.
pub(crate) fn top_level(article: &Article) -> u8 {
    let title = crate::layout::card::title_section(article);
    let levels = article.sections.iter().enumerate().filter(|&(i, _)| Some(i) != title);
    levels.map(|(_, s)| s.level).filter(|&l| l > 0).min().unwrap_or(1)
}

/// `one` or `many` for `n`.
pub(crate) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
