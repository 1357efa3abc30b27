//! Keys as the bytes a terminal sends for them, in the modes crossterm reads by default.

/// One key press to send to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Control plus a letter (`Ctrl('c')`).
    Ctrl(char),
    /// Alt plus a character, sent as ESC then the character.
    Alt(char),
    /// Escape.
    Esc,
    /// Enter (carriage return, as a terminal in raw mode sends it).
    Enter,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace (DEL, as xterm sends it).
    Backspace,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Delete.
    Delete,
    /// A function key, F1 to F12.
    F(u8),
}

impl Key {
    /// The bytes xterm sends for this key.
    pub fn bytes(self) -> Vec<u8> {
        let text = match self {
            Self::Char(c) => return c.to_string().into_bytes(),
            Self::Ctrl(c) => return vec![(c.to_ascii_lowercase() as u8) & 0x1f],
            Self::Alt(c) => return format!("\x1b{c}").into_bytes(),
            Self::Esc => "\x1b",
            Self::Enter => "\r",
            Self::Tab => "\t",
            Self::BackTab => "\x1b[Z",
            Self::Backspace => "\x7f",
            Self::Up => "\x1b[A",
            Self::Down => "\x1b[B",
            Self::Right => "\x1b[C",
            Self::Left => "\x1b[D",
            Self::Home => "\x1b[H",
            Self::End => "\x1b[F",
            Self::PageUp => "\x1b[5~",
            Self::PageDown => "\x1b[6~",
            Self::Delete => "\x1b[3~",
            Self::F(n) => return function_key(n).into_bytes(),
        };
        text.as_bytes().to_vec()
    }
}

/// xterm's sequences for F1..F12; the numbering of the `~` forms skips 16 and 22 by history.
fn function_key(n: u8) -> String {
    match n {
        1..=4 => format!("\x1bO{}", char::from(b'P' + n - 1)),
        5 => "\x1b[15~".into(),
        6..=10 => format!("\x1b[{}~", 11 + n),
        11 | 12 => format!("\x1b[{}~", 12 + n),
        _ => panic!("no function key F{n}"),
    }
}
