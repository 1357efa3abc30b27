//! The application model: what is open, where the reader is, and [`App::update`], the only
//! place state changes.
//!
//! Drawing ([`crate::ui`]) reads an `App` and never changes it; input becomes an [`Action`]
//! through the [`Keymap`] before it gets here. Everything is testable without a terminal.

#[cfg(test)]
mod bundled_tests;
#[cfg(test)]
mod first_frame_tests;
#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod options_tests;
mod reader;
mod search;
#[cfg(test)]
mod tests;

pub use reader::ReaderState;
pub use search::{Match, SearchState};

use crate::action::Action;
use crate::article::Article;
use crate::keymap::{Keymap, Pane};
use crate::library::Library;
use crate::tui::Open;
use crate::ui::{Areas, theme::Theme};
use ratatui::crossterm::event::KeyEvent;

/// Which part of the screen has the keyboard (overlays aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article text.
    Reader,
    /// The table-of-contents sidebar.
    Toc,
    /// The search query line.
    Search,
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
    /// All articles.
    pub library: Library,
    /// Key bindings, also used for hints and help.
    pub keymap: Keymap,
    /// Styles for everything drawn.
    pub theme: Theme,
    /// The open article, if any.
    pub reader: Option<ReaderState>,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// The contents sidebar.
    pub toc: TocState,
    /// The in-article search.
    pub search: SearchState,
    /// The help screen's scroll offset when it is open.
    pub help: Option<usize>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Widest text column, in cells (the config's `max_width`).
    pub max_width: u16,
    /// A one-line message for the status line until the next input (library problems).
    pub notice: Option<String>,
    /// Set when the app should exit.
    pub quit: bool,
}

impl App {
    /// An app showing `open` from `library`, with a notice about the library's problems if it
    /// has any. Call `update(Action::Resize(..))` before drawing.
    pub fn new(library: Library, open: Open, theme: Theme) -> Self {
        let index = match open {
            Open::Library => 0,
            Open::Article(i) => i,
        };
        let reader = (index < library.articles.len()).then(|| ReaderState::new(index));
        let notice = crate::ui::status::notice(&library);
        Self {
            library,
            keymap: Keymap::default(),
            theme,
            reader,
            focus: Focus::Reader,
            toc: TocState::default(),
            search: SearchState::default(),
            help: None,
            size: (0, 0),
            max_width: crate::layout::DEFAULT_MAX_WIDTH,
            notice,
            quit: false,
        }
    }

    /// The open article.
    pub fn article(&self) -> Option<&Article> {
        self.reader.as_ref().and_then(|r| self.library.articles.get(r.article))
    }

    /// False while the open article has only its first screens laid out (see
    /// [`Action::FinishLayout`]).
    pub fn layout_complete(&self) -> bool {
        self.reader.as_ref().is_none_or(|r| r.layout.complete || r.layout.lines.is_empty())
    }

    /// The pane whose key table applies now.
    pub fn pane(&self) -> Pane {
        if self.help.is_some() {
            Pane::Help
        } else if self.reader.is_none() {
            Pane::Empty
        } else {
            match self.focus {
                Focus::Reader => Pane::Reader,
                Focus::Toc => Pane::Toc,
                Focus::Search => Pane::Search,
            }
        }
    }

    /// True when `Back` in the current pane leaves the app: the reader is the first pane until
    /// there is a library pane to return to.
    pub fn back_quits(&self) -> bool {
        matches!(self.pane(), Pane::Reader | Pane::Empty)
    }

    /// The screen areas for the current size.
    pub fn areas(&self) -> Areas {
        self.areas_at(self.size.0, self.size.1)
    }

    /// The screen areas for a `width` x `height` screen.
    pub fn areas_at(&self, width: u16, height: u16) -> Areas {
        Areas::new(width, height, self.toc.open && self.reader.is_some(), self.max_width)
    }

    /// Handles a key press: looks it up in the keymap for the current pane, then updates.
    pub fn press(&mut self, key: KeyEvent) {
        if let Some(action) = self.keymap.action(self.pane(), key) {
            self.update(action);
        }
    }

    /// Takes pasted text (a bracketed paste): typed into the query when one is being typed,
    /// with line breaks and tabs as spaces and other control characters dropped; ignored
    /// elsewhere, so a paste never runs as keys.
    pub fn paste(&mut self, text: &str) {
        if self.pane() != Pane::Search {
            return;
        }
        self.notice = None;
        let clean = text.chars().filter_map(|c| match c {
            '\r' | '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        });
        self.search.query.extend(clean);
        self.search_as_typed();
    }

    /// Applies one action. The only method that changes the app.
    pub fn update(&mut self, action: Action) {
        // A notice has been seen once the user does anything; a resize is not the user reading.
        if !matches!(action, Action::Resize(..) | Action::FinishLayout) {
            self.notice = None;
        }
        // Every action but a resize sees the whole article: finish a partial first layout.
        if !matches!(action, Action::Resize(..)) {
            self.finish_layout();
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Back => self.back(),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.fit();
            }
            Action::FinishLayout => {}
            Action::ShowHelp => self.help = Some(0),
            Action::Click(x, y) if self.help.is_none() => self.click(x, y),
            action if self.help.is_some() => self.update_help(action),
            action => match self.focus {
                Focus::Toc => self.update_toc(action),
                Focus::Search => self.update_search(action),
                Focus::Reader => self.update_reader(action),
            },
        }
        // An unfocused sidebar follows the reading, so focusing it starts from here.
        if self.toc.open
            && self.focus != Focus::Toc
            && let Some(reader) = &self.reader
        {
            self.toc.cursor = reader.section();
        }
    }

    fn back(&mut self) {
        if self.help.is_some() {
            self.help = None;
        } else if self.focus == Focus::Toc {
            self.close_toc();
        } else if self.focus == Focus::Search {
            self.cancel_search();
        } else {
            self.quit = true;
        }
    }

    /// Lays the article out for the current text column and re-finds the reading position and
    /// search matches. Skipped while the terminal is too small to read in, so growing back
    /// shows the same place.
    fn fit(&mut self) {
        let areas = self.areas();
        if areas.too_small {
            return;
        }
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
        let Some(article) = self.library.articles.get(reader.article) else { return };
        if reader.relayout(article, width) && !self.search.query.is_empty() {
            self.search.refresh(&reader.layout.lines);
        }
    }

    fn update_help(&mut self, action: Action) {
        let rows = crate::ui::help::line_count(&self.keymap);
        // The help body sits under its title and a blank line: scroll until its last line shows.
        let visible = usize::from(self.areas().body.height.saturating_sub(2)).max(1);
        let Some(scroll) = self.help.as_mut() else { return };
        let delta = match action {
            Action::LineDown => 1,
            Action::LineUp => -1,
            Action::ScrollBy(n) => n as isize,
            _ => return,
        };
        *scroll = scroll.saturating_add_signed(delta).min(rows.saturating_sub(visible));
    }

    fn update_reader(&mut self, action: Action) {
        let Some(reader) = self.reader.as_mut() else { return };
        let page = reader.height.max(1).cast_signed();
        match action {
            Action::LineDown => reader.scroll(1),
            Action::LineUp => reader.scroll(-1),
            Action::HalfPageDown => reader.scroll((page / 2).max(1)),
            Action::HalfPageUp => reader.scroll(-(page / 2).max(1)),
            Action::PageDown => reader.scroll(page),
            Action::PageUp => reader.scroll(-page),
            Action::ScrollBy(n) => reader.scroll(n as isize),
            Action::Top => reader.set_top(0),
            Action::Bottom => reader.set_top(usize::MAX),
            Action::NextSection => reader.next_section(|_| true),
            Action::PrevSection => reader.prev_section(|_| true),
            Action::NextTopSection | Action::PrevTopSection => {
                let Some(article) = self.library.articles.get(reader.article) else { return };
                let top = top_level(article);
                let wanted = |s: usize| article.sections.get(s).is_some_and(|s| s.level == top);
                if action == Action::NextTopSection {
                    reader.next_section(wanted);
                } else {
                    reader.prev_section(wanted);
                }
            }
            Action::ToggleToc => self.open_toc(),
            Action::StartSearch => {
                self.search.clear();
                self.search.editing = true;
                self.search.origin = Some((reader.pos, reader.skip));
                self.focus = Focus::Search;
            }
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::ClearSearch => self.search.clear(),
            _ => {}
        }
    }

    fn open_toc(&mut self) {
        if self.toc.open {
            self.close_toc();
            return;
        }
        self.toc.open = true;
        self.toc.cursor = self.reader.as_ref().map_or(0, ReaderState::section);
        self.focus = Focus::Toc;
        self.fit();
    }

    fn close_toc(&mut self) {
        self.toc.open = false;
        self.focus = Focus::Reader;
        self.fit();
    }

    fn update_toc(&mut self, action: Action) {
        let sections = self.article().map_or(0, |a| a.sections.len());
        match action {
            Action::LineDown => {
                self.toc.cursor = (self.toc.cursor + 1).min(sections.saturating_sub(1));
            }
            Action::LineUp => self.toc.cursor = self.toc.cursor.saturating_sub(1),
            Action::TocJump => self.jump_to_section(self.toc.cursor),
            Action::ToggleToc => self.close_toc(),
            other => self.update_reader(other),
        }
    }

    fn jump_to_section(&mut self, index: usize) {
        if self.focus == Focus::Search {
            // A click in the contents while typing a query: keep the query, as Enter would.
            self.update_search(Action::SubmitSearch);
        }
        if let Some(reader) = self.reader.as_mut() {
            reader.go_to_section(index);
            self.toc.cursor = index;
            self.focus = Focus::Reader;
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let areas = self.areas();
        let Some(toc) = areas.toc else { return };
        let sections = self.article().map_or(0, |a| a.sections.len());
        if let Some(index) = crate::ui::toc::entry_at(toc, self.toc.cursor, sections, x, y) {
            self.jump_to_section(index);
        } else if self.focus == Focus::Toc && areas.text.contains((x, y).into()) {
            // Clicking the text means "read here": hand the keys back to the reader.
            self.focus = Focus::Reader;
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::SearchInput(c) => {
                self.search.query.push(c);
                self.search_as_typed();
            }
            Action::SearchBackspace => {
                self.search.query.pop();
                self.search_as_typed();
            }
            Action::SubmitSearch => {
                self.search.editing = false;
                self.search.origin = None;
                self.focus = Focus::Reader;
            }
            Action::ClearSearch => self.cancel_search(),
            // The wheel scrolls the text under the query line too.
            Action::ScrollBy(n) => {
                if let Some(reader) = self.reader.as_mut() {
                    reader.scroll(n as isize);
                }
            }
            _ => {}
        }
    }

    /// Cancels the query being typed and puts the view back where the search started.
    fn cancel_search(&mut self) {
        if let (Some(reader), Some((pos, skip))) = (self.reader.as_mut(), self.search.origin) {
            reader.pos = pos;
            reader.skip = skip;
        }
        self.search.clear();
        self.focus = Focus::Reader;
    }

    /// Re-runs the query after each keystroke and shows the first match from where the search
    /// started, so refining a query does not walk forward through the article.
    fn search_as_typed(&mut self) {
        let Some(reader) = self.reader.as_mut() else { return };
        if let Some((pos, skip)) = self.search.origin {
            reader.pos = pos;
            reader.skip = skip;
        }
        self.search.anchor = None;
        self.search.refresh(&reader.layout.lines);
        if let Some(index) = self.search.first_from(reader.top()) {
            self.search.select(&reader.layout.lines, index);
            show_match(reader, &self.search);
        }
    }

    /// `n` and `N`, as in less and vim: from the current match while it is on screen, else
    /// from where the reader has scrolled to: `n` takes the first match at or below the top
    /// line, `N` the last one above it (both wrap around the article).
    fn step_match(&mut self, step: isize) {
        let Some(reader) = self.reader.as_mut() else { return };
        let count = self.search.matches.len();
        if count == 0 {
            return;
        }
        let top = reader.top();
        let on_screen = |i: usize| {
            self.search.matches.get(i).is_some_and(|m| (top..top + reader.height).contains(&m.line))
        };
        let index = match self.search.current {
            Some(i) if on_screen(i) => {
                (i.cast_signed() + step).rem_euclid(count.cast_signed()).cast_unsigned()
            }
            _ if step > 0 => self.search.first_from(top).unwrap_or(0),
            _ => self
                .search
                .matches
                .partition_point(|m| m.line < top)
                .checked_sub(1)
                .unwrap_or(count - 1),
        };
        self.search.select(&reader.layout.lines, index);
        show_match(reader, &self.search);
    }
}

/// Scrolls so the current match is on screen: left alone if visible, else on the top line.
fn show_match(reader: &mut ReaderState, search: &SearchState) {
    let Some(m) = search.current.and_then(|i| search.matches.get(i)) else { return };
    let top = reader.top();
    if m.line < top || m.line >= top + reader.height {
        reader.set_top(m.line);
    }
}

/// The lowest heading level in the article: its top-level sections. A `# Title` heading the
/// card stands for is left out, or its level-2 sections would never count as top-level.
pub(crate) fn top_level(article: &Article) -> u8 {
    let title = crate::layout::card::title_section(article);
    let levels = article.sections.iter().enumerate().filter(|&(i, _)| Some(i) != title);
    levels.map(|(_, s)| s.level).filter(|&l| l > 0).min().unwrap_or(1)
}
