//! The default key bindings: one table for every pane, in the order the help screen lists
//! them. A user's `[keys.PANE]` tables change them (see [`crate::config`]).

use super::{Key, Keymap, Pane};
use crate::action::Action;
use ratatui::crossterm::event::KeyCode;

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        use Pane::{
            Bookmarks, Contents, Filter, Find, Global, Help, Library, Problems, Prompt, Reader,
            Search, SearchQuery,
        };
        let c = Key::char;
        let n = Key::code;
        let ctrl = Key::ctrl;
        let mut bindings = vec![
            (Library, n(K::Enter), A::OpenArticle),
            (Library, c('q'), A::Back),
            (Library, n(K::Esc), A::ClearFilter),
            (Library, c('?'), A::ShowHelp),
            (Library, c('/'), A::StartFilter),
            (Library, c('s'), A::SearchLibrary),
            (Library, ctrl('f'), A::SearchLibrary),
            (Library, c('o'), A::CycleOrder),
            (Library, c('\''), A::ShowBookmarks),
            (Library, c('B'), A::ShowBookmarks),
            (Library, c('!'), A::ShowProblems),
        ];
        bindings.extend(list_keys(Library));
        bindings.extend([
            (Filter, n(K::Enter), A::Confirm),
            (Filter, n(K::Esc), A::Back),
            (Filter, n(K::Backspace), A::DeleteChar),
            (Filter, n(K::Down), A::LineDown),
            (Filter, ctrl('n'), A::LineDown),
            (Filter, n(K::Up), A::LineUp),
            (Filter, ctrl('p'), A::LineUp),
            (Reader, c('q'), A::Back),
            (Reader, c('?'), A::ShowHelp),
            (Reader, c('/'), A::StartFind),
            (Reader, c('s'), A::SearchLibrary),
            (Reader, ctrl('f'), A::SearchLibrary),
            (Reader, c('t'), A::ToggleToc),
            (Reader, c('m'), A::AddBookmark),
            (Reader, c('\''), A::ShowBookmarks),
            (Reader, c('B'), A::ShowBookmarks),
            (Reader, c('L'), A::ShowLibrary),
            (Reader, c('j'), A::LineDown),
            (Reader, n(K::Down), A::LineDown),
            (Reader, c('k'), A::LineUp),
            (Reader, n(K::Up), A::LineUp),
            (Reader, ctrl('d'), A::HalfPageDown),
            (Reader, ctrl('u'), A::HalfPageUp),
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
            (Reader, n(K::Tab), A::NextLink),
            (Reader, n(K::BackTab), A::PrevLink),
            (Reader, n(K::Enter), A::FollowLink),
            (Reader, n(K::Backspace), A::LinkBack),
            (Contents, n(K::Enter), A::TocJump),
            (Contents, c('j'), A::LineDown),
            (Contents, n(K::Down), A::LineDown),
            (Contents, c('k'), A::LineUp),
            (Contents, n(K::Up), A::LineUp),
            (Contents, c('t'), A::ToggleToc),
            (Contents, n(K::Esc), A::Back),
            (Contents, c('q'), A::Back),
            (Find, n(K::Enter), A::Confirm),
            (Find, n(K::Esc), A::Back),
            (Find, n(K::Backspace), A::DeleteChar),
            (Search, n(K::Enter), A::OpenArticle),
            (Search, n(K::Esc), A::Back),
            (Search, c('q'), A::Back),
            (Search, c('s'), A::SearchLibrary),
            (Search, c('/'), A::SearchLibrary),
            (Search, ctrl('f'), A::SearchLibrary),
            (Search, c('?'), A::ShowHelp),
            (Search, c('c'), A::ShowCopies),
            (SearchQuery, n(K::Enter), A::OpenArticle),
            (SearchQuery, n(K::Esc), A::Back),
            (SearchQuery, n(K::Backspace), A::DeleteChar),
            (SearchQuery, n(K::Tab), A::FocusResults),
            (SearchQuery, n(K::Down), A::LineDown),
            (SearchQuery, ctrl('n'), A::LineDown),
            (SearchQuery, n(K::Up), A::LineUp),
            (SearchQuery, ctrl('p'), A::LineUp),
            (SearchQuery, n(K::PageDown), A::PageDown),
            (SearchQuery, n(K::PageUp), A::PageUp),
            (Bookmarks, n(K::Enter), A::OpenArticle),
            (Bookmarks, c('d'), A::DeleteBookmark),
            (Bookmarks, c('u'), A::UndoDelete),
            (Bookmarks, c('r'), A::RenameBookmark),
            (Bookmarks, n(K::Esc), A::Back),
            (Bookmarks, c('q'), A::Back),
            (Bookmarks, c('\''), A::Back),
            (Bookmarks, c('?'), A::ShowHelp),
        ]);
        bindings.extend(list_keys(Bookmarks));
        bindings.extend(list_keys(Search));
        bindings.extend([
            (Prompt, n(K::Enter), A::Confirm),
            (Prompt, n(K::Esc), A::Back),
            (Prompt, n(K::Backspace), A::DeleteChar),
            (Problems, n(K::Esc), A::Back),
            (Problems, c('q'), A::Back),
            (Problems, c('!'), A::Back),
            (Problems, c('j'), A::LineDown),
            (Problems, n(K::Down), A::LineDown),
            (Problems, c('k'), A::LineUp),
            (Problems, n(K::Up), A::LineUp),
            (Help, n(K::Esc), A::Back),
            (Help, c('q'), A::Back),
            (Help, c('?'), A::Back),
            (Help, c('j'), A::LineDown),
            (Help, n(K::Down), A::LineDown),
            (Help, c('k'), A::LineUp),
            (Help, n(K::Up), A::LineUp),
            (Global, c('Q'), A::Quit),
            (Global, ctrl('c'), A::Quit),
            (Global, ctrl('z'), A::Suspend),
        ]);
        Self { bindings }
    }
}

/// The keys every list shares: move, page, jump to the ends.
fn list_keys(pane: Pane) -> [(Pane, Key, Action); 12] {
    use Action as A;
    use KeyCode as K;
    let (c, n) = (Key::char, Key::code);
    [
        (pane, c('j'), A::LineDown),
        (pane, n(K::Down), A::LineDown),
        (pane, c('k'), A::LineUp),
        (pane, n(K::Up), A::LineUp),
        (pane, Key::ctrl('d'), A::HalfPageDown),
        (pane, Key::ctrl('u'), A::HalfPageUp),
        (pane, n(K::PageDown), A::PageDown),
        (pane, n(K::PageUp), A::PageUp),
        (pane, c('g'), A::Top),
        (pane, n(K::Home), A::Top),
        (pane, c('G'), A::Bottom),
        (pane, n(K::End), A::Bottom),
    ]
}
