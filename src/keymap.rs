//! Key bindings: one table per pane plus a global table, and the reverse map for hints and help.
//!
//! This is the single place a key is tied to an [`Action`]. Input handling looks keys up here,
//! the status bar asks which keys the current pane offers, and the `?` screen lists the tables,
//! so the three can never disagree. The defaults are kept as a Rust table rather than embedded
//! TOML: they are checked by the compiler, cost no dependency, and cannot fail to parse at
//! start-up; a user file can later patch them through [`Keymap::bind`].

use crate::action::Action;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::fmt;

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: i32 = 3;

/// Which pane has the keyboard; each has its own table, looked up before the global one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Keys that work everywhere unless a pane binds them first.
    Global,
    /// Reading an article.
    Reader,
    /// The table-of-contents sidebar, focused.
    Toc,
    /// Typing a search query: printable keys go into the query.
    Search,
    /// The key help screen.
    Help,
    /// No article to show.
    Empty,
}

impl Pane {
    /// What going back does from this pane, for the help screen.
    pub fn back_means(self) -> &'static str {
        match self {
            Self::Reader | Self::Empty => "quit (the reader is the first pane)",
            Self::Toc => "close the contents",
            Self::Search => "cancel the search",
            Self::Help => "close the help",
            Self::Global => "go back",
        }
    }

    /// The heading for this pane's keys on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Reader => "Reading",
            Self::Toc => "Contents",
            Self::Search => "Search query",
            Self::Help => "Help",
            Self::Empty => "Empty library",
        }
    }
}

/// A key with its modifiers, as bound in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is folded into the character for letters).
    pub mods: KeyModifiers,
}

impl Key {
    /// A plain character key.
    pub const fn char(c: char) -> Self {
        Self { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
    }

    /// A character with Ctrl held.
    pub const fn ctrl(c: char) -> Self {
        Self { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }

    /// A named key (arrows, Enter...) without modifiers.
    pub const fn code(code: KeyCode) -> Self {
        Self { code, mods: KeyModifiers::NONE }
    }

    /// The binding a terminal key event matches. Shift is dropped because terminals already
    /// report `G` rather than Shift-g, and some add the Shift flag to `?` or `{` and some don't.
    pub fn from_event(event: KeyEvent) -> Self {
        let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::BackTab => KeyCode::Tab,
            code => code,
        };
        Self { code, mods }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Tab => f.write_str("Tab"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// All bindings: `(pane, key, action)` in the order the help screen lists them.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Pane, Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Pane::{Empty, Global, Help, Reader, Search, Toc};
        let c = Key::char;
        let n = Key::code;
        let bindings = vec![
            (Reader, c('q'), A::Back),
            (Reader, c('?'), A::ShowHelp),
            (Reader, c('/'), A::StartSearch),
            (Reader, c('t'), A::ToggleToc),
            (Reader, c('j'), A::LineDown),
            (Reader, n(K::Down), A::LineDown),
            (Reader, c('k'), A::LineUp),
            (Reader, n(K::Up), A::LineUp),
            (Reader, Key::ctrl('d'), A::HalfPageDown),
            (Reader, Key::ctrl('u'), A::HalfPageUp),
            (Reader, c(' '), A::PageDown),
            (Reader, n(K::PageDown), A::PageDown),
            (Reader, c('b'), A::PageUp),
            (Reader, n(K::PageUp), A::PageUp),
            (Reader, c('g'), A::Top),
            (Reader, n(K::Home), A::Top),
            (Reader, c('G'), A::Bottom),
            (Reader, n(K::End), A::Bottom),
            (Reader, c(']'), A::NextSection),
            (Reader, c('['), A::PrevSection),
            (Reader, c('}'), A::NextTopSection),
            (Reader, c('{'), A::PrevTopSection),
            (Reader, c('n'), A::NextMatch),
            (Reader, c('N'), A::PrevMatch),
            (Reader, n(K::Esc), A::ClearSearch),
            (Toc, n(K::Enter), A::TocJump),
            (Toc, c('j'), A::LineDown),
            (Toc, n(K::Down), A::LineDown),
            (Toc, c('k'), A::LineUp),
            (Toc, n(K::Up), A::LineUp),
            (Toc, c('t'), A::ToggleToc),
            (Toc, n(K::Esc), A::Back),
            (Toc, c('q'), A::Back),
            (Toc, c('?'), A::ShowHelp),
            (Search, n(K::Enter), A::SubmitSearch),
            (Search, n(K::Esc), A::Back),
            (Search, n(K::Backspace), A::SearchBackspace),
            (Help, n(K::Esc), A::Back),
            (Help, c('q'), A::Back),
            (Help, c('?'), A::Back),
            (Help, c('j'), A::LineDown),
            (Help, n(K::Down), A::LineDown),
            (Help, c('k'), A::LineUp),
            (Help, n(K::Up), A::LineUp),
            (Empty, c('q'), A::Back),
            (Empty, c('?'), A::ShowHelp),
            (Global, c('Q'), A::Quit),
            (Global, Key::ctrl('c'), A::Quit),
        ];
        Self { bindings }
    }
}

impl Keymap {
    /// Binds `key` to `action` in `pane`, replacing any earlier binding of that key there.
    pub fn bind(&mut self, pane: Pane, key: Key, action: Action) {
        self.bindings.retain(|(p, k, _)| !(*p == pane && *k == key));
        self.bindings.push((pane, key, action));
    }

    /// The action for a key event in `pane`: the pane's table, then the global one. While a
    /// query is typed, unbound printable keys are text, so only Ctrl/Alt chords reach the
    /// global table (`Q` types a Q; `Ctrl-c` still quits).
    pub fn action(&self, pane: Pane, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        if let Some(action) = self.lookup(pane, key) {
            return Some(action);
        }
        if let Some(c) = typed_char(pane, key) {
            return Some(Action::SearchInput(c));
        }
        self.lookup(Pane::Global, key)
    }

    fn lookup(&self, pane: Pane, key: Key) -> Option<Action> {
        self.bindings.iter().find(|(p, k, _)| *p == pane && *k == key).map(|&(_, _, a)| a)
    }

    /// The keys bound to `action` in `pane` (not the global table), in table order.
    pub fn keys_for(&self, pane: Pane, action: &Action) -> Vec<Key> {
        self.bindings.iter().filter(|(p, _, a)| *p == pane && a == action).map(|b| b.1).collect()
    }

    /// Status-bar hints for `pane`: `(first key, label, action)` for every hinted action bound
    /// there or globally, most important first.
    pub fn hints(&self, pane: Pane) -> Vec<(Key, &'static str, Action)> {
        let mut ranked: Vec<(u8, Key, &'static str, Action)> = Vec::new();
        for &(p, key, action) in &self.bindings {
            let Some((rank, label)) = action.hint() else { continue };
            let reachable = self.lookup(pane, key).is_none() && typed_char(pane, key).is_none();
            let visible = p == pane || (p == Pane::Global && reachable);
            if visible && !ranked.iter().any(|r| r.3 == action) {
                ranked.push((rank, key, label, action));
            }
        }
        ranked.sort_by_key(|r| r.0);
        ranked.into_iter().map(|(_, key, label, action)| (key, label, action)).collect()
    }

    /// The help screen's rows for `pane`: every action with all its keys, in table order.
    pub fn help_rows(&self, pane: Pane) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, Vec<Key>)> = Vec::new();
        for (p, key, action) in &self.bindings {
            if *p != pane {
                continue;
            }
            match rows.iter_mut().find(|r| r.0 == *action) {
                Some(row) => row.1.push(*key),
                None => rows.push((*action, vec![*key])),
            }
        }
        rows.into_iter()
            .map(|(action, keys)| {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                let what =
                    if action == Action::Back { pane.back_means() } else { action.describe() };
                (keys.join(" "), what)
            })
            .collect()
    }
}

/// The character `key` types in `pane`, if that pane takes text and the key is a plain
/// printable one.
fn typed_char(pane: Pane, key: Key) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if pane == Pane::Search && key.mods.is_empty() => Some(c),
        _ => None,
    }
}

/// The action for a mouse event: the wheel scrolls, a left click selects what is under it.
pub fn mouse_action(event: MouseEvent) -> Option<Action> {
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::ScrollBy(WHEEL_LINES)),
        MouseEventKind::ScrollUp => Some(Action::ScrollBy(-WHEEL_LINES)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(event.column, event.row)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn pane_table_wins_then_global() {
        let map = Keymap::default();
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.action(Pane::Reader, q), Some(Action::Back));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Pane::Toc, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn typing_a_query_takes_printable_keys() {
        let map = Keymap::default();
        let big_q = press(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(map.action(Pane::Search, big_q), Some(Action::SearchInput('Q')));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(Pane::Search, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn hints_and_help_come_from_the_bindings() {
        let mut map = Keymap::default();
        map.bind(Pane::Reader, Key::char('s'), Action::StartSearch);
        let hints = map.hints(Pane::Reader);
        assert_eq!(hints[0], (Key::char('q'), "back", Action::Back));
        assert!(hints.contains(&(Key::char('/'), "search", Action::StartSearch)));
        let search: Vec<String> = map.hints(Pane::Search).iter().map(|h| h.0.to_string()).collect();
        assert!(search.contains(&"C-c".to_string()) && !search.contains(&"Q".to_string()));
        let rows = map.help_rows(Pane::Reader);
        assert!(rows.contains(&("/ s".to_string(), "search the article")));
        assert!(rows.contains(&("j ↓".to_string(), "down one line")));
    }
}
