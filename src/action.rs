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
    /// Go back one level: close the overlay in front, leave the reader for the library, or
    /// quit from the first screen.
    Back,
    /// Suspend salve to the shell (Ctrl-z), putting the terminal back until it resumes.
    Suspend,
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
    /// Open the find line: search inside the open article.
    StartFind,
    /// Search every article of the library (the search pane), or go back to its query.
    SearchLibrary,
    /// Leave the query and move through the results.
    FocusResults,
    /// Show, under a search result, every file that holds its section (copies of one article),
    /// or hide them again.
    ShowCopies,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Forget the search query and its highlights.
    ClearSearch,
    /// Clear the library filter; with none, nothing (Esc never quits).
    ClearFilter,
    /// Select the next link on screen (or the next one below).
    NextLink,
    /// Select the previous link on screen (or the previous one above).
    PrevLink,
    /// Follow the selected link.
    FollowLink,
    /// Go back to where the last link was followed from.
    LinkBack,
    /// Keep the typed text and go on (a query, a filter, a bookmark label).
    Confirm,
    /// Delete the last character of the text being typed.
    DeleteChar,
    /// Add a character to the text being typed.
    Type(char),
    /// Open the key help screen.
    ShowHelp,
    /// Open the selected article of the library.
    OpenArticle,
    /// Go to the library (from an article opened on the command line, too).
    ShowLibrary,
    /// Filter the library by typing.
    StartFilter,
    /// Show the library in the next order (title, recently read, progress, folder).
    CycleOrder,
    /// Show the config file's problems and the files that could not be read, with the reasons.
    ShowProblems,
    /// Bookmark the top line of the article.
    AddBookmark,
    /// Open the list of bookmarks.
    ShowBookmarks,
    /// Delete the selected bookmark.
    DeleteBookmark,
    /// Bring back the bookmark deleted last.
    UndoDelete,
    /// Rename the selected bookmark.
    RenameBookmark,
    /// Scroll the view by this many lines (negative is up).
    ScrollBy(i32),
    /// The mouse wheel turned this many lines (negative is up) over screen cell (column, row).
    Wheel(i32, u16, u16),
    /// A mouse click at this screen cell (column, row).
    Click(u16, u16),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Finish a layout begun with only the first screens (sent after the first frame).
    FinishLayout,
}

/// Every action a key can be bound to, by its name in the config file's `[keys]` tables.
pub const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("back", Action::Back),
    ("suspend", Action::Suspend),
    ("line_down", Action::LineDown),
    ("line_up", Action::LineUp),
    ("half_page_down", Action::HalfPageDown),
    ("half_page_up", Action::HalfPageUp),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next_section", Action::NextSection),
    ("previous_section", Action::PrevSection),
    ("next_top_section", Action::NextTopSection),
    ("previous_top_section", Action::PrevTopSection),
    ("toggle_contents", Action::ToggleToc),
    ("read_section", Action::TocJump),
    ("find", Action::StartFind),
    ("search", Action::SearchLibrary),
    ("results", Action::FocusResults),
    ("copies", Action::ShowCopies),
    ("next_match", Action::NextMatch),
    ("previous_match", Action::PrevMatch),
    ("clear_search", Action::ClearSearch),
    ("clear_filter", Action::ClearFilter),
    ("next_link", Action::NextLink),
    ("previous_link", Action::PrevLink),
    ("follow_link", Action::FollowLink),
    ("link_back", Action::LinkBack),
    ("confirm", Action::Confirm),
    ("delete_char", Action::DeleteChar),
    ("help", Action::ShowHelp),
    ("open", Action::OpenArticle),
    ("library", Action::ShowLibrary),
    ("filter", Action::StartFilter),
    ("order", Action::CycleOrder),
    ("problems", Action::ShowProblems),
    ("bookmark", Action::AddBookmark),
    ("bookmarks", Action::ShowBookmarks),
    ("delete_bookmark", Action::DeleteBookmark),
    ("undo", Action::UndoDelete),
    ("rename_bookmark", Action::RenameBookmark),
];

impl Action {
    /// The action's name in the config file, for those a key can be bound to.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Self> {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
    }

    /// What the action does, for the help screen.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Quit => "quit salve",
            Self::Back => "go back",
            Self::Suspend => "suspend to the shell (fg resumes)",
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
            Self::StartFind => "search the article",
            Self::SearchLibrary => "search every article",
            Self::FocusResults => "move through the results",
            Self::ShowCopies => "show or hide every file with the same section",
            Self::NextMatch => "next match",
            Self::PrevMatch => "previous match",
            Self::ClearSearch => "clear the search (or back to the library)",
            Self::ClearFilter => "clear the filter (never quits)",
            Self::NextLink => "select the next link",
            Self::PrevLink => "select the previous link",
            Self::FollowLink => "follow the selected link",
            Self::LinkBack => "back to where the link was followed from",
            Self::Confirm => "keep it and go on",
            Self::DeleteChar => "delete a character",
            Self::Type(_) => "type text",
            Self::ShowHelp => "show this help",
            Self::OpenArticle => "read the selected article",
            Self::ShowLibrary => "go to the library",
            Self::StartFilter => "filter the library",
            Self::CycleOrder => "change the order",
            Self::ShowProblems => "problems: config file, unreadable files",
            Self::AddBookmark => "bookmark this place",
            Self::ShowBookmarks => "list the bookmarks",
            Self::DeleteBookmark => "delete the bookmark",
            Self::UndoDelete => "undo the delete",
            Self::RenameBookmark => "rename the bookmark",
            Self::ScrollBy(_) | Self::Wheel(..) => "scroll",
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
            Self::OpenArticle | Self::TocJump => Some((2, "read")),
            Self::StartFind => Some((2, "find")),
            Self::SearchLibrary => Some((3, "search")),
            Self::FocusResults => Some((3, "results")),
            Self::ShowCopies => Some((5, "copies")),
            Self::StartFilter => Some((3, "filter")),
            Self::ToggleToc => Some((3, "contents")),
            Self::Confirm => Some((1, "keep")),
            Self::ClearSearch => Some((2, "clear")),
            Self::AddBookmark => Some((4, "mark")),
            Self::ShowBookmarks => Some((5, "marks")),
            Self::CycleOrder => Some((4, "order")),
            Self::DeleteBookmark => Some((3, "delete")),
            Self::UndoDelete => Some((4, "undo")),
            Self::RenameBookmark => Some((4, "rename")),
            Self::NextMatch => Some((4, "next match")),
            Self::NextSection => Some((5, "section")),
            Self::NextLink => Some((6, "links")),
            Self::PageDown => Some((6, "page")),
            Self::LineDown => Some((7, "down")),
            _ => None,
        }
    }
}
