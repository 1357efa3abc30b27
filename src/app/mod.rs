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
mod find;
#[cfg(test)]
mod first_frame_tests;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod geometry;
pub mod help;
mod joined;
#[cfg(test)]
mod library_tests;
mod loading;
#[cfg(test)]
mod loading_tests;
mod lookup;
#[cfg(test)]
mod lookup_tests;
mod marks;
#[cfg(test)]
mod marks_tests;
#[cfg(test)]
mod options_tests;
mod reader;
mod reading;
mod scanning;
mod shelf;
#[cfg(test)]
mod tests;

pub use effect::Effect;
pub use find::{FindState, Match};
pub use geometry::Areas;
pub use loading::{Loading, WAITING, Waiting};
pub use lookup::{ASKED, Found, LAST_QUERY, LookupState};
pub use marks::{MarksState, PromptFor, PromptState};
pub use reader::ReaderState;
pub use reading::resolve;
pub use shelf::{FilterMemo, Order, Row, ShelfState, title_hits};

use crate::action::Action;
use crate::article::Article;
use crate::keymap::{Key, Keymap, Pane};
use crate::library::{Entry, Preview};
use crate::store::{Bookmark, Progress};
use crate::ui::theme::Theme;
use ratatui::crossterm::event::KeyEvent;
use std::collections::HashMap;
use std::path::PathBuf;

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

/// The whole application state.
#[derive(Debug, Clone)]
pub struct App {
    /// Every article of the library, in the order found.
    pub entries: Vec<Entry>,
    /// Files that could not be read, one message each.
    pub notes: Vec<String>,
    /// The folder the user's own articles go in (for the empty library's message).
    pub articles_dir: Option<PathBuf>,
    /// Key bindings, also used for hints and help.
    pub keymap: Keymap,
    /// Styles for everything drawn.
    pub theme: Theme,
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
    /// True when salve was started on one article: leaving the reader quits, as `less` does.
    pub standalone: bool,
    /// The time now, in unix seconds (set by the event loop; fixed in tests).
    pub now: i64,
    /// Something unique to this process (its id), so bookmarks made by two salves at once
    /// never share an id.
    pub instance: u32,
    /// Set when the app should exit.
    pub quit: bool,
    /// While the library folders are being walked: files checked, of files found.
    pub scan_progress: Option<(usize, usize)>,
    /// Where to put the reader once the article being opened arrives (a bookmark's place).
    pending_place: Option<(usize, Place)>,
    /// Words to highlight in the article being opened (a search result's match).
    pending_highlight: Option<String>,
    /// Bookmarks made in this run, for unique ids.
    made: u32,
    /// Reports of the library walk changed the entries since the list was last redone.
    unsettled: bool,
    /// Entries by file, built when the first report of the library walk comes in.
    by_path: crate::hash::FastMap<PathBuf, usize>,
    /// Input waiting for more of the open article to be read, in the order it came.
    waiting: std::collections::VecDeque<Waiting>,
    effects: Vec<Effect>,
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
    /// An app on the library screen listing `entries`, with nothing saved yet. Call
    /// `update(Action::Resize(..))` before drawing.
    pub fn new(entries: Vec<Entry>, theme: Theme) -> Self {
        let mut app = Self {
            entries,
            notes: Vec::new(),
            articles_dir: None,
            keymap: Keymap::default(),
            theme,
            screen: Screen::Library,
            overlays: Vec::new(),
            shelf: ShelfState::default(),
            reader: None,
            toc: TocState::default(),
            find: FindState::default(),
            lookup: LookupState::default(),
            last_query: String::new(),
            index_progress: None,
            progress: HashMap::new(),
            bookmarks: Vec::new(),
            size: (0, 0),
            max_width: crate::layout::DEFAULT_MAX_WIDTH,
            notice: None,
            standalone: false,
            now: 0,
            instance: 0,
            quit: false,
            scan_progress: None,
            pending_place: None,
            pending_highlight: None,
            made: 0,
            unsettled: false,
            by_path: crate::hash::FastMap::default(),
            waiting: std::collections::VecDeque::new(),
            effects: Vec::new(),
        };
        scanning::dedupe_keys(&mut app.entries);
        app.refresh_shelf();
        app
    }

    /// Takes in saved state: positions, bookmarks (any order) and the library order. Progress
    /// of an edited article is re-attached by title; the last article read is selected.
    pub fn restore(
        &mut self,
        progress: Vec<Progress>,
        bookmarks: Vec<Bookmark>,
        order: Order,
    ) -> Vec<Effect> {
        self.progress = progress.into_iter().map(|p| (p.article.clone(), p)).collect();
        self.bookmarks = bookmarks;
        self.bookmarks.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
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
        self.shelf.select_entry(self.last_read());
        self.take_effects()
    }

    /// Takes the library's problems (files that could not be read) and, when there are any
    /// (theirs or its articles'), says so once in the status line.
    pub fn set_notes(&mut self, notes: Vec<String>) {
        self.notes = notes;
        let all = self.all_notes();
        let skipped = self.notes.len();
        let flawed = self.entries.iter().filter(|e| !e.notes.is_empty()).count();
        self.notice = match all.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                let mut parts = Vec::new();
                if skipped > 0 {
                    parts.push(format!("{skipped} {} skipped", plural(skipped, "file", "files")));
                }
                if flawed > 0 {
                    let what = plural(flawed, "article", "articles");
                    parts.push(format!("{flawed} {what} read with problems"));
                }
                Some(format!("{} (! in the library lists them)", parts.join(", ")))
            }
        };
    }

    /// Opens entry `index` straight in the reader, as `salve FILE` does: leaving it quits.
    pub fn start_reading(&mut self, index: usize) {
        self.standalone = true;
        self.open_entry(index, None);
    }

    /// The library entry read most recently, if any was read.
    pub fn last_read(&self) -> Option<usize> {
        let read_at = |e: &Entry| self.progress.get(&e.key).map(|p| p.read_at);
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
        self.overlays.iter().rev().map(Overlay::pane).chain([screen]).collect()
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
        self.overlays.is_empty() && (self.screen == Screen::Library || self.standalone)
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

    /// Handles a key press: looked up layer by layer, top down, until a layer consumes it.
    /// While the article is still being read, a key that needs more of it waits (see
    /// [`loading`]).
    pub fn press(&mut self, event: KeyEvent) -> Vec<Effect> {
        if self.keep_waiting(&Waiting::Key(event)) {
            return self.take_effects();
        }
        self.press_now(event)
    }

    /// [`Self::press`] without waiting.
    fn press_now(&mut self, event: KeyEvent) -> Vec<Effect> {
        let key = Key::from_event(event);
        let layers = self.layers();
        let first = layers.iter().find_map(|&p| self.keymap.action_in(p, key));
        if self.blocked(first) {
            return Vec::new();
        }
        self.before_input(first);
        let before = self.place_now();
        for pane in layers {
            if let Some(action) = self.keymap.action_in(pane, key)
                && self.handle(pane, action)
            {
                break;
            }
        }
        self.after_input(before);
        self.take_effects()
    }

    /// Applies one action: the terminal's own (resize, mouse) here, the others through the
    /// layers as a key bound to them would go.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.blocked(Some(action)) {
            return Vec::new();
        }
        self.before_input(Some(action));
        let before = self.place_now();
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.fit();
            }
            Action::FinishLayout => {}
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(lines, x, y) => self.wheel(lines, x, y),
            action => {
                for pane in self.layers() {
                    if self.handle(pane, action) {
                        break;
                    }
                }
            }
        }
        self.after_input(before);
        self.take_effects()
    }

    /// Pasted text (a bracketed paste): typed into the text being edited, with line breaks and
    /// tabs as spaces and other control characters dropped; ignored elsewhere, so a paste
    /// never runs as keys.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.keep_waiting(&Waiting::Paste(text.to_string())) {
            return self.take_effects();
        }
        self.paste_now(text)
    }

    /// [`Self::paste`] without waiting.
    fn paste_now(&mut self, text: &str) -> Vec<Effect> {
        let pane = self.pane();
        if !pane.takes_text() {
            return Vec::new();
        }
        self.notice = None;
        let clean: String = text
            .chars()
            .filter_map(|c| match c {
                '\r' | '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.type_text(pane, &clean);
        self.take_effects()
    }

    /// The article for entry `index` has been read (or could not be): show it.
    pub fn opened(&mut self, index: usize, article: Result<Article, String>) -> Vec<Effect> {
        self.open_article(index, article, None)
    }

    /// [`Self::opened`], for an article still being read when `loading` says so.
    fn open_article(
        &mut self,
        index: usize,
        article: Result<Article, String>,
        loading: Option<Loading>,
    ) -> Vec<Effect> {
        let place = self.pending_place.take().filter(|(i, _)| *i == index).map(|(_, p)| p);
        match article {
            Ok(article) => self.show_article(index, article, place, loading),
            Err(note) => {
                self.notice = Some(format!("cannot open it: {note}"));
                if self.standalone {
                    self.quit = true;
                }
            }
        }
        self.take_effects()
    }

    /// The preview of entry `index` has been loaded.
    pub fn previewed(&mut self, index: usize, preview: Preview) {
        if let Some(entry) = self.entries.get_mut(index) {
            entry.preview = Some(Box::new(preview));
        }
    }

    /// Leaving: the effects that save where the reader is.
    pub fn shutdown(&mut self) -> Vec<Effect> {
        self.save_progress(true);
        self.take_effects()
    }

    /// Keys that would change what a too-small terminal hides are ignored there: only quitting,
    /// help and resizes act.
    fn blocked(&self, action: Option<Action>) -> bool {
        let allowed = matches!(
            action,
            None | Some(
                Action::Quit
                    | Action::Back
                    | Action::Suspend
                    | Action::ShowHelp
                    | Action::Resize(..)
                    | Action::FinishLayout
            )
        );
        self.size != (0, 0) && self.areas().too_small && !allowed
    }

    fn before_input(&mut self, action: Option<Action>) {
        // A notice has been seen once the user does anything; a resize is not the user reading.
        if !matches!(action, Some(Action::Resize(..) | Action::FinishLayout)) {
            self.notice = None;
        }
        // Every action but a resize sees the whole article: finish a partial first layout.
        if !matches!(action, Some(Action::Resize(..))) {
            self.finish_layout();
        }
    }

    fn after_input(&mut self, before: Option<(usize, crate::layout::Position)>) {
        // An unfocused sidebar follows the reading, so focusing it starts from here.
        if self.toc.open
            && !self.overlays.contains(&Overlay::Contents)
            && let Some(reader) = &self.reader
        {
            self.toc.cursor = reader.section();
        }
        let after = self.place_now();
        if after.is_some() && after != before && self.screen == Screen::Reader {
            self.save_progress(false);
        }
    }

    fn place_now(&self) -> Option<(usize, crate::layout::Position)> {
        self.reader.as_ref().filter(|r| r.layout.width > 0).map(|r| (r.entry, r.pos))
    }

    /// Runs `action` in one layer; true when that layer consumed it.
    fn handle(&mut self, pane: Pane, action: Action) -> bool {
        if action == Action::ShowHelp {
            if pane != Pane::Help {
                self.overlays.push(Overlay::Help(0));
            }
            return true;
        }
        match pane {
            Pane::Global => self.handle_global(action),
            Pane::Library => self.handle_library(action),
            Pane::Filter => self.handle_filter(action),
            Pane::Reader => self.handle_reader(action),
            Pane::Contents => self.handle_contents(action),
            Pane::Find => self.handle_find(action),
            Pane::Bookmarks => self.handle_marks(action),
            Pane::Prompt => self.handle_prompt(action),
            Pane::Help | Pane::Problems => self.handle_scrolled(action),
            Pane::Search => self.handle_lookup(action),
            Pane::SearchQuery => self.handle_lookup_query(action),
        }
    }

    fn handle_global(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Back => self.back_from_screen(),
            _ => return false,
        }
        true
    }

    /// The help and problems overlays: they scroll, and go back.
    fn handle_scrolled(&mut self, action: Action) -> bool {
        let rows = match self.overlays.last() {
            Some(Overlay::Help(_)) => help::line_count(&self.keymap),
            Some(Overlay::Problems(_)) => self.all_notes().len(),
            _ => return false,
        };
        // The body sits under a title and a blank line: scroll until its last line shows.
        let visible = usize::from(self.areas().body.height.saturating_sub(2)).max(1);
        let delta: isize = match action {
            Action::Back => {
                self.overlays.pop();
                return true;
            }
            Action::LineDown => 1,
            Action::LineUp => -1,
            Action::ScrollBy(n) => n as isize,
            _ => return true,
        };
        if let Some(Overlay::Help(scroll) | Overlay::Problems(scroll)) = self.overlays.last_mut() {
            *scroll = scroll.saturating_add_signed(delta).min(rows.saturating_sub(visible));
        }
        true
    }

    /// Every problem worth telling the user: unreadable files, then articles read with
    /// problems.
    pub fn all_notes(&self) -> Vec<String> {
        let mut notes = self.notes.clone();
        for e in self.entries.iter().filter(|e| !e.notes.is_empty()) {
            let at = match e.path() {
                Some(path) => {
                    crate::sanitize::sanitize_line(&path.display().to_string()).into_owned()
                }
                None => e.title.clone(),
            };
            notes.extend(e.notes.iter().map(|n| format!("{at}: {n}")));
        }
        notes
    }

    /// Back from the screen itself: the reader goes to the library (or quits when started on
    /// one article), the library quits.
    fn back_from_screen(&mut self) {
        match self.screen {
            Screen::Reader if !self.standalone => self.show_library(),
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
