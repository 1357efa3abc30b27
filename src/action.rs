//! The action vocabulary: everything the user can ask the app to do.
//!
//! Keys become actions through [`crate::keymap`]; [`crate::app::App::update`] is the only code
//! that turns an action into a state change. The names here are also the words a user keymap
//! file will use, and the descriptions are what the `?` screen and the status-bar hints show,
//! so a key is documented exactly where it is bound.

/// Something the user (or the terminal) asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the app from anywhere.
    Quit,
    /// Go back: close the overlay or pane in front, or quit from the first pane.
    Back,
    /// Scroll one line down (or move a list cursor down).
    LineDown,
    /// Scroll one line up (or move a list cursor up).
    LineUp,
    /// Scroll half a screen down.
    HalfPageDown,
    /// Scroll half a screen up.
    HalfPageUp,
    /// Scroll a screen down.
    PageDown,
    /// Scroll a screen up.
    PageUp,
    /// Go to the start.
    Top,
    /// Go to the end.
    Bottom,
    /// Put the next section's heading on the top line.
    NextSection,
    /// Put the previous section's heading on the top line.
    PrevSection,
    /// Put the next top-level section's heading on the top line.
    NextTopSection,
    /// Put the previous top-level section's heading on the top line.
    PrevTopSection,
    /// Open or close the table of contents.
    ToggleToc,
    /// Jump to the entry under the contents cursor.
    TocJump,
    /// Open the search query line.
    StartSearch,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Forget the search query and its highlights.
    ClearSearch,
    /// Keep the typed query and return to reading.
    SubmitSearch,
    /// Delete the last character of the query.
    SearchBackspace,
    /// Add a character to the query.
    SearchInput(char),
    /// Open the key help screen.
    ShowHelp,
    /// Scroll the view by this many lines (mouse wheel; negative is up).
    ScrollBy(i32),
    /// A mouse click at this screen cell (column, row).
    Click(u16, u16),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Finish a layout begun with only the first screens (sent after the first frame).
    FinishLayout,
}

impl Action {
    /// What the action does, for the help screen.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Quit => "quit salve",
            Self::Back => "go back (quit from the first pane)",
            Self::LineDown => "down one line",
            Self::LineUp => "up one line",
            Self::HalfPageDown => "down half a screen",
            Self::HalfPageUp => "up half a screen",
            Self::PageDown => "down a screen",
            Self::PageUp => "up a screen",
            Self::Top => "go to the start",
            Self::Bottom => "go to the end",
            Self::NextSection => "next section",
            Self::PrevSection => "previous section",
            Self::NextTopSection => "next top-level section",
            Self::PrevTopSection => "previous top-level section",
            Self::ToggleToc => "show or hide the contents",
            Self::TocJump => "read the selected section",
            Self::StartSearch => "search the article",
            Self::NextMatch => "next match",
            Self::PrevMatch => "previous match",
            Self::ClearSearch => "clear the search",
            Self::SubmitSearch => "keep the query and read on",
            Self::SearchBackspace => "delete a character",
            Self::SearchInput(_) => "type into the query",
            Self::ShowHelp => "show this help",
            Self::ScrollBy(_) => "scroll",
            Self::Click(..) => "click",
            Self::Resize(..) => "resize",
            Self::FinishLayout => "finish the layout",
        }
    }

    /// A one- or two-word label for the status-bar hint, with its rank (lower shows first;
    /// hints that do not fit are dropped from the end). `None` keeps the action out of the bar.
    pub fn hint(&self) -> Option<(u8, &'static str)> {
        match self {
            Self::Back => Some((0, "back")),
            Self::Quit => Some((9, "quit")),
            Self::ShowHelp => Some((1, "help")),
            Self::StartSearch => Some((2, "search")),
            Self::ToggleToc => Some((3, "contents")),
            Self::TocJump => Some((2, "read")),
            Self::SubmitSearch => Some((1, "keep")),
            Self::ClearSearch => Some((2, "clear")),
            Self::NextMatch => Some((4, "next match")),
            Self::NextSection => Some((5, "section")),
            Self::PageDown => Some((6, "page")),
            Self::LineDown => Some((7, "down")),
            _ => None,
        }
    }
}
