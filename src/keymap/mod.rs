//! Key bindings: one table per pane plus a global table, and the reverse map for hints and help.
//!
//! This is the single place a key is tied to an [`Action`]. Input handling looks keys up here,
//! the status bar asks which keys the current pane offers, and the `?` screen lists the tables,
//! so the three can never disagree. The defaults are kept as a Rust table rather than embedded
//! TOML: they are checked by the compiler, cost no dependency, and cannot fail to parse at
//! start-up; a user file can later patch them through [`Keymap::bind`].

mod defaults;
mod key;

pub use key::Key;

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: i32 = 3;

/// A set of key bindings: each screen and overlay has one, looked up top-down, then the
/// global table. "Takes typed text" is a property of a pane, not a special case of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Keys that work everywhere unless a pane binds them first.
    Global,
    /// The library: every article.
    Library,
    /// Typing a filter over the library.
    Filter,
    /// Reading an article.
    Reader,
    /// The table-of-contents sidebar, focused.
    Contents,
    /// Typing a search query in the article.
    Find,
    /// The results of a search of every article.
    Search,
    /// Typing the query of a search of every article.
    SearchQuery,
    /// The list of bookmarks.
    Bookmarks,
    /// Typing a bookmark's label.
    Prompt,
    /// The config file's problems and the files that could not be read.
    Problems,
    /// The key help screen.
    Help,
}

impl Pane {
    /// Every pane, in the order the help screen and the README list them.
    pub const ALL: [Self; 12] = [
        Self::Library,
        Self::Filter,
        Self::Reader,
        Self::Contents,
        Self::Find,
        Self::Search,
        Self::SearchQuery,
        Self::Bookmarks,
        Self::Prompt,
        Self::Problems,
        Self::Help,
        Self::Global,
    ];

    /// True for panes where plain printable keys type text rather than run commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Self::Filter | Self::Find | Self::Prompt | Self::SearchQuery)
    }

    /// True for overlays that keep keys from the panes below them (only the global table
    /// still applies): dialogs, lists and text fields. The contents sidebar is not one: keys
    /// it does not bind still scroll the article beside it.
    pub fn modal(self) -> bool {
        !matches!(self, Self::Global | Self::Library | Self::Reader | Self::Contents | Self::Search)
    }

    /// The pane's name in the config file's `[keys.NAME]` tables.
    pub fn config_name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Library => "library",
            Self::Filter => "filter",
            Self::Reader => "reader",
            Self::Contents => "contents",
            Self::Find => "find",
            Self::Search => "search",
            Self::SearchQuery => "search_query",
            Self::Bookmarks => "bookmarks",
            Self::Prompt => "prompt",
            Self::Problems => "problems",
            Self::Help => "help",
        }
    }

    /// The pane a config file names.
    pub fn from_config_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.config_name() == name)
    }

    /// What going back does from this pane, for the help screen.
    pub fn back_means(self) -> &'static str {
        match self {
            Self::Library => "quit (or clear the filter)",
            Self::Reader => "back to the library (quit for an article opened by name)",
            Self::Contents => "close the contents",
            Self::Filter => "clear the filter",
            Self::Find => "cancel the search",
            Self::Search | Self::SearchQuery => "back to where the search began",
            Self::Bookmarks => "close the bookmarks",
            Self::Prompt => "cancel",
            Self::Problems => "close the list",
            Self::Help => "close the help",
            Self::Global => "go back",
        }
    }

    /// The heading for this pane's keys on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Library => "Library",
            Self::Filter => "Library filter",
            Self::Reader => "Reading",
            Self::Contents => "Contents",
            Self::Find => "Search in the article",
            Self::Search => "Search results",
            Self::SearchQuery => "Search query",
            Self::Bookmarks => "Bookmarks",
            Self::Prompt => "Bookmark label",
            Self::Problems => "Problems",
            Self::Help => "Help",
        }
    }
}

/// All bindings: `(pane, key, action)` in the order the help screen lists them.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Pane, Key, Action)>,
}

impl Keymap {
    /// Binds `key` to `action` in `pane`, replacing any earlier binding of that key there.
    pub fn bind(&mut self, pane: Pane, key: Key, action: Action) {
        self.unbind(pane, key);
        self.bindings.push((pane, key, action));
    }

    /// Removes whatever `key` does in `pane` (the global table still applies, unless it is the
    /// global table).
    pub fn unbind(&mut self, pane: Pane, key: Key) {
        self.bindings.retain(|(p, k, _)| !(*p == pane && *k == key));
    }

    /// Every binding of `pane`, in table order.
    pub fn bindings(&self, pane: Pane) -> impl Iterator<Item = (Key, Action)> + '_ {
        self.bindings.iter().filter(move |(p, _, _)| *p == pane).map(|&(_, k, a)| (k, a))
    }

    /// The action `key` has in `pane` alone: its binding there, or for a pane that takes text
    /// a plain printable key typed as text. The global table is not consulted.
    pub fn action_in(&self, pane: Pane, key: Key) -> Option<Action> {
        self.lookup(pane, key).or_else(|| typed_char(pane, key).map(Action::Type))
    }

    /// The panes a key is looked up in, top-down, for this stack of `panes` (top first): down
    /// to and including the first modal one, then the global table.
    pub fn layers(panes: &[Pane]) -> Vec<Pane> {
        let mut out = Vec::with_capacity(panes.len() + 1);
        for &pane in panes {
            out.push(pane);
            if pane.modal() {
                break;
            }
        }
        out.push(Pane::Global);
        out
    }

    /// The first action `event` has in `layers` (see [`Self::layers`]), with the pane that
    /// binds it. While text is typed, only Ctrl/Alt chords reach the global table (`Q` types
    /// a Q; `Ctrl-c` still quits).
    pub fn action(&self, layers: &[Pane], event: KeyEvent) -> Option<(Pane, Action)> {
        let key = Key::from_event(event);
        layers.iter().find_map(|&pane| self.action_in(pane, key).map(|a| (pane, a)))
    }

    fn lookup(&self, pane: Pane, key: Key) -> Option<Action> {
        self.bindings.iter().find(|(p, k, _)| *p == pane && *k == key).map(|&(_, _, a)| a)
    }

    /// The keys bound to `action` in `pane` (not the global table), in table order.
    pub fn keys_for(&self, pane: Pane, action: &Action) -> Vec<Key> {
        self.bindings.iter().filter(|(p, _, a)| *p == pane && a == action).map(|b| b.1).collect()
    }

    /// Status-bar hints for `layers` (top first, as [`Self::layers`] gives them): `(key,
    /// label, action, pane)` for every hinted action a key reaches there, most important first.
    pub fn hints(&self, layers: &[Pane]) -> Vec<(Key, &'static str, Action, Pane)> {
        let mut ranked: Vec<(u8, Key, &'static str, Action, Pane)> = Vec::new();
        for (depth, &pane) in layers.iter().enumerate() {
            for &(p, key, action) in &self.bindings {
                let Some((rank, label)) = action.hint() else { continue };
                // A key an upper layer binds or types never reaches this one.
                let shadowed = layers[..depth].iter().any(|&up| self.action_in(up, key).is_some());
                if p == pane && !shadowed && !ranked.iter().any(|r| r.3 == action) {
                    ranked.push((rank, key, label, action, pane));
                }
            }
        }
        ranked.sort_by_key(|r| r.0);
        ranked.into_iter().map(|(_, key, label, action, pane)| (key, label, action, pane)).collect()
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
        KeyCode::Char(c) if pane.takes_text() && key.mods.is_empty() => Some(c),
        _ => None,
    }
}

/// The action for a mouse event: the wheel scrolls what is under it, a left click selects.
pub fn mouse_action(event: MouseEvent) -> Option<Action> {
    let (x, y) = (event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel(WHEEL_LINES, x, y)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(-WHEEL_LINES, x, y)),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(event.column, event.row)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_top_layer_wins_then_the_ones_below_then_global() {
        let map = Keymap::default();
        let layers = Keymap::layers(&[Pane::Contents, Pane::Reader]);
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(&layers, j), Some((Pane::Contents, Action::LineDown)));
        // The contents do not bind Space: it still pages the article beside them.
        let space = press(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(map.action(&layers, space), Some((Pane::Reader, Action::PageDown)));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map.action(&layers, ctrl_c), Some((Pane::Global, Action::Quit)));
    }

    #[test]
    fn a_modal_overlay_keeps_keys_from_the_screen_below() {
        let map = Keymap::default();
        let layers = Keymap::layers(&[Pane::Help, Pane::Reader]);
        assert_eq!(layers, [Pane::Help, Pane::Global]);
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(&layers, g), None, "G does not move the article behind the help");
    }

    #[test]
    fn typing_panes_take_printable_keys() {
        let map = Keymap::default();
        for pane in [Pane::Find, Pane::Filter, Pane::Prompt] {
            let layers = Keymap::layers(&[pane]);
            let big_q = press(KeyCode::Char('Q'), KeyModifiers::SHIFT);
            assert_eq!(map.action(&layers, big_q), Some((pane, Action::Type('Q'))));
            let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
            assert_eq!(map.action(&layers, ctrl_c), Some((Pane::Global, Action::Quit)));
        }
    }

    #[test]
    fn hints_and_help_come_from_the_bindings() {
        let mut map = Keymap::default();
        map.bind(Pane::Reader, Key::char('s'), Action::StartFind);
        let hints = map.hints(&Keymap::layers(&[Pane::Reader]));
        assert_eq!(hints[0], (Key::char('q'), "back", Action::Back, Pane::Reader));
        assert!(hints.iter().any(|h| h.0 == Key::char('/') && h.2 == Action::StartFind));
        let find: Vec<String> = map
            .hints(&Keymap::layers(&[Pane::Find, Pane::Reader]))
            .iter()
            .map(|h| h.0.to_string())
            .collect();
        assert!(find.contains(&"C-c".to_string()) && !find.contains(&"Q".to_string()));
        let rows = map.help_rows(Pane::Reader);
        assert!(rows.contains(&("/ s".to_string(), "search the article")));
        assert!(rows.contains(&("j ↓".to_string(), "down one line")));
    }
}
