//! Input routing: a key goes to the top overlay's table, then down the stack to the screen's,
//! then to the global table, until a layer consumes it (a modal overlay stops the descent);
//! the terminal's own events (resize, mouse) are handled here too. Keys that would change
//! what a too-small terminal hides are ignored there.

use super::loading::Waiting;
use super::{App, Effect, Overlay, Screen};
use crate::action::Action;
use crate::keymap::{Key, Pane};
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// Handles a key press: looked up layer by layer, top down, until a layer consumes it.
    /// While the article is still being read, a key that needs more of it waits (see
    /// [`super::loading`]).
    pub(super) fn press(&mut self, event: KeyEvent) -> Vec<Effect> {
        if self.keep_waiting(&Waiting::Key(event)) {
            return self.take_effects();
        }
        self.press_now(event)
    }

    /// [`Self::press`] without waiting.
    pub(super) fn press_now(&mut self, event: KeyEvent) -> Vec<Effect> {
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
    pub(super) fn act(&mut self, action: Action) -> Vec<Effect> {
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
    pub(super) fn paste(&mut self, text: &str) -> Vec<Effect> {
        if self.keep_waiting(&Waiting::Paste(text.to_string())) {
            return self.take_effects();
        }
        self.paste_now(text)
    }

    /// [`Self::paste`] without waiting.
    pub(super) fn paste_now(&mut self, text: &str) -> Vec<Effect> {
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

    /// True when `msg` can go before the filter typed is applied: it types into the library
    /// filter (a key typing or deleting a character, a paste), so the filtering waits for the
    /// rest of the batch, or it is the clock. Any other message applies the filter typed
    /// first, so it acts on the list as typed.
    pub(super) fn leaves_filter_typed(&self, msg: &super::Msg) -> bool {
        use super::Msg;
        match msg {
            Msg::Clock(_) => true,
            Msg::Paste(_) => self.pane() == Pane::Filter,
            Msg::Key(event) => self.edits_filter(*event),
            _ => false,
        }
    }

    /// True when `key` only edits the library filter (typed text, a character deleted): it
    /// applies at once while the filter's rows are asked for (see [`Self::filtering`]).
    pub(super) fn edits_filter(&self, key: KeyEvent) -> bool {
        self.pane() == Pane::Filter
            && matches!(
                self.keymap.action_in(Pane::Filter, Key::from_event(key)),
                Some(Action::Type(_) | Action::DeleteChar)
            )
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
            Pane::Search => self.handle_lookup(action, false),
            Pane::SearchQuery => self.handle_lookup(action, true),
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
    pub(super) fn handle_scrolled(&mut self, action: Action) -> bool {
        let rows = match self.overlays.last() {
            Some(Overlay::Help(_)) => super::help::line_count(&self.keymap),
            Some(Overlay::Problems(_)) => self.all_problems().len(),
            _ => return false,
        };
        // The body sits under a title and a blank line: scroll until its last line shows.
        let visible = usize::from(self.areas().body.height.saturating_sub(2)).max(1);
        if let Some(Overlay::Help(scroll) | Overlay::Problems(scroll)) = self.overlays.last_mut()
            && !super::help::scroll(scroll, action, rows.saturating_sub(visible))
        {
            self.overlays.pop();
        }
        true
    }
}
