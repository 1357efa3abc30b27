//! Keys as bindings name them: a key code with Ctrl and Alt, read from a terminal event, from
//! the config file (`"ctrl-n"`, `"pagedown"`) and shown in hints and help (`C-n`, `PgDn`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

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
        Self { code: event.code, mods }
    }
}

/// Keys by their names in the config file (besides single characters and `ctrl-`/`alt-`).
const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl Key {
    /// The key a config file names: a character (`"]"`, `"G"`), a named key (`"enter"`,
    /// `"pagedown"`, `"f5"`), either after `ctrl-` or `alt-` (`"ctrl-n"`).
    pub fn parse(name: &str) -> Option<Self> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                let function = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok());
                match function {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => NAMED_KEYS.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k)?,
                }
            }
        };
        Some(Self { code, mods })
    }

    /// The key's name as a config file writes it (what [`Key::parse`] reads back).
    pub fn config_name(&self) -> String {
        let mut name = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            name.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            name.push_str("alt-");
        }
        match self.code {
            KeyCode::Char(' ') => name.push_str("space"),
            KeyCode::Char(c) => name.push(c),
            KeyCode::F(n) => {
                name.push('f');
                name.push_str(&n.to_string());
            }
            code => {
                let known = NAMED_KEYS.iter().find(|(_, k)| *k == code).map_or("?", |(n, _)| *n);
                name.push_str(known);
            }
        }
        name
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
            KeyCode::BackTab => f.write_str("S-Tab"),
            other => write!(f, "{other:?}"),
        }
    }
}
