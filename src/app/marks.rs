//! Bookmarks: making one at the reader's place (with a label prompt), the list of all of them
//! (jump, delete with undo, rename), and the one-line text prompt they use.

use super::{App, Effect, Overlay, Place};
use crate::action::Action;
use crate::store::Bookmark;

/// Words of text kept as a bookmark's excerpt.
const EXCERPT_WORDS: usize = 12;

/// The bookmark list overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarksState {
    /// The selected bookmark (index into the app's bookmarks, newest first).
    pub cursor: usize,
    /// Bookmarks deleted while the list is open, last deleted last, for undo.
    pub deleted: Vec<Bookmark>,
}

/// What a key asked of the bookmark list beyond its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum MarksAsked {
    /// The cursor moved (or nothing happened).
    Done,
    /// Close the list.
    Close,
    /// Open the selected bookmark.
    Open,
    /// Delete the selected bookmark.
    Delete,
    /// Bring back this bookmark, deleted last.
    Undo(Box<Bookmark>),
    /// Rename the selected bookmark.
    Rename,
}

impl MarksState {
    /// Applies `action` to a list of `count` bookmarks.
    pub(super) fn update(&mut self, action: Action, count: usize) -> MarksAsked {
        let last = count.saturating_sub(1);
        match action {
            Action::LineDown => self.cursor = (self.cursor + 1).min(last),
            Action::LineUp => self.cursor = self.cursor.saturating_sub(1),
            Action::HalfPageDown | Action::PageDown => self.cursor = (self.cursor + 10).min(last),
            Action::HalfPageUp | Action::PageUp => self.cursor = self.cursor.saturating_sub(10),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Back => return MarksAsked::Close,
            Action::OpenArticle => return MarksAsked::Open,
            Action::DeleteBookmark if count > 0 => return MarksAsked::Delete,
            Action::UndoDelete => {
                if let Some(mark) = self.deleted.pop() {
                    return MarksAsked::Undo(Box::new(mark));
                }
            }
            Action::RenameBookmark => return MarksAsked::Rename,
            _ => {}
        }
        MarksAsked::Done
    }
}

/// What a key asked of a prompt beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PromptAsked {
    /// The text was edited.
    Done,
    /// Not a prompt key.
    Ignored,
    /// Keep the text and close the prompt.
    Keep,
    /// Close the prompt, the text dropped.
    Drop,
}

impl PromptState {
    /// Applies `action` to the prompt's text.
    pub(super) fn update(&mut self, action: Action) -> PromptAsked {
        match action {
            Action::Type(c) => self.type_text(c.encode_utf8(&mut [0; 4])),
            Action::DeleteChar => super::reading::delete_over(&mut self.text, &mut self.offered),
            Action::Confirm => return PromptAsked::Keep,
            Action::Back => return PromptAsked::Drop,
            _ => return PromptAsked::Ignored,
        }
        PromptAsked::Done
    }

    /// Text typed or pasted: it replaces a label offered.
    pub(super) fn type_text(&mut self, text: &str) {
        super::reading::type_over(&mut self.text, &mut self.offered, text);
    }
}

/// What a prompt's text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFor {
    /// The label of this new bookmark.
    NewBookmark(Box<Bookmark>),
    /// The new label of the bookmark with this id.
    Rename(String),
}

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptState {
    /// What is asked, shown before the text.
    pub label: &'static str,
    /// The text typed so far.
    pub text: String,
    /// Whether `text` is only offered (a new bookmark's section heading): shown selected, the
    /// first key typed replaces it and Backspace clears it, as the search pane's last query.
    pub offered: bool,
    /// What happens with it.
    pub purpose: PromptFor,
}

impl App {
    /// The bookmarks of the open article.
    pub fn article_marks(&self) -> impl Iterator<Item = &Bookmark> {
        let key =
            self.reader.as_ref().and_then(|r| self.entries.get(r.entry)).map(|e| e.key.as_str());
        self.bookmarks.iter().filter(move |b| Some(b.article.as_str()) == key)
    }

    /// How many bookmarks the article with `key` has.
    pub fn mark_count(&self, key: &str) -> usize {
        self.bookmarks.iter().filter(|b| b.article == key).count()
    }

    /// `m`: a bookmark at the top line, its label asked for (the section's heading offered).
    pub(super) fn prompt_new_bookmark(&mut self) {
        let Some(reader) = self.reader.as_ref().filter(|r| !r.layout.lines.is_empty()) else {
            return;
        };
        let Some(entry) = self.entries.get(reader.entry) else { return };
        let pos = reader.pos;
        let section = reader.article.sections.get(pos.section as usize);
        let section_title = section.map(|s| s.display_title().to_string()).unwrap_or_default();
        let mut excerpt = String::new();
        let mut words = 0;
        // From the text on the screen, the header card left out (its title and facts are no
        // quote of the place).
        let first = reader.top().max(reader.layout.card);
        'lines: for line in reader.layout.lines.iter().skip(first) {
            for seg in line.segs().filter(|s| !s.style.kind.is_decoration()) {
                // Heading underlines and rules are drawn text, not words to quote.
                let words_here =
                    seg.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric));
                for word in words_here {
                    if words == EXCERPT_WORDS {
                        break 'lines;
                    }
                    if words > 0 {
                        excerpt.push(' ');
                    }
                    excerpt.push_str(word);
                    words += 1;
                }
            }
        }
        self.made += 1;
        let mark = Bookmark {
            id: format!("{}-{}-{}", self.now, self.instance, self.made),
            article: entry.key.to_string(),
            title_key: entry.title_key.clone(),
            article_title: entry.title.to_string(),
            section_title: section_title.clone(),
            anchor: section.map(|s| s.anchor.clone()).unwrap_or_default(),
            section: pos.section,
            offset: pos.offset,
            label: String::new(),
            excerpt,
            created_at: self.now,
        };
        self.overlays.push(Overlay::Prompt(PromptState {
            label: "bookmark",
            text: section_title,
            offered: true,
            purpose: PromptFor::NewBookmark(Box::new(mark)),
        }));
    }

    /// `'`: the list of every bookmark.
    pub(super) fn show_marks(&mut self) {
        self.overlays.push(Overlay::Bookmarks(MarksState::default()));
    }

    /// A one-line prompt: its state takes the text typed; keeping or dropping it is done
    /// here.
    pub(super) fn handle_prompt(&mut self, action: Action) -> bool {
        let Some(Overlay::Prompt(prompt)) = self.overlays.last_mut() else { return false };
        match prompt.update(action) {
            PromptAsked::Done => {}
            PromptAsked::Ignored => return false,
            PromptAsked::Keep => {
                if let Some(Overlay::Prompt(prompt)) = self.overlays.pop() {
                    self.finish_prompt(prompt);
                }
            }
            PromptAsked::Drop => {
                self.overlays.pop();
            }
        }
        true
    }

    fn finish_prompt(&mut self, prompt: PromptState) {
        let label = prompt.text.trim().to_string();
        match prompt.purpose {
            PromptFor::NewBookmark(mut mark) => {
                mark.label = if label.is_empty() { mark.section_title.clone() } else { label };
                self.notice = Some(format!("bookmarked: {}", mark.label));
                self.insert_mark(*mark);
            }
            PromptFor::Rename(id) => {
                if let Some(mark) = self.bookmarks.iter_mut().find(|b| b.id == id) {
                    mark.label.clone_from(&label);
                    self.effects.push(Effect::RenameBookmark { id, label });
                }
            }
        }
    }

    /// Adds a bookmark in its place (newest first) and saves it.
    fn insert_mark(&mut self, mark: Bookmark) {
        let at =
            self.bookmarks.partition_point(|b| (b.created_at, &b.id) > (mark.created_at, &mark.id));
        self.bookmarks.insert(at, mark.clone());
        self.effects.push(Effect::AddBookmark(mark));
    }

    /// The bookmark list: its state moves its cursor; deleting, undoing, renaming and
    /// opening reach the bookmarks and the reader, here. Modal: every key stops here.
    pub(super) fn handle_marks(&mut self, action: Action) -> bool {
        let count = self.bookmarks.len();
        let Some(Overlay::Bookmarks(state)) = self.overlays.last_mut() else { return false };
        match state.update(action, count) {
            MarksAsked::Done => {}
            MarksAsked::Close => {
                self.overlays.pop();
            }
            MarksAsked::Open => self.jump_to_mark(),
            MarksAsked::Delete => {
                let last = count.saturating_sub(1);
                let cursor = state.cursor.min(last);
                let mark = self.bookmarks.remove(cursor);
                state.cursor = cursor.min(count.saturating_sub(2));
                self.effects.push(Effect::DeleteBookmark(mark.id.clone()));
                state.deleted.push(mark);
            }
            MarksAsked::Undo(mark) => self.insert_mark(*mark),
            MarksAsked::Rename => {
                if let Some(mark) = self.bookmarks.get(state.cursor) {
                    let prompt = PromptState {
                        label: "rename",
                        text: mark.label.clone(),
                        // Renaming edits the label: typing goes on from its end.
                        offered: false,
                        purpose: PromptFor::Rename(mark.id.clone()),
                    };
                    self.overlays.push(Overlay::Prompt(prompt));
                }
            }
        }
        true
    }

    /// Opens the selected bookmark's article at its place.
    fn jump_to_mark(&mut self) {
        let Some(Overlay::Bookmarks(state)) = self.overlays.last() else { return };
        let Some(mark) = self.bookmarks.get(state.cursor) else { return };
        let Some(index) = self.entries.iter().position(|e| e.key.as_str() == mark.article) else {
            self.notice = Some(format!("'{}' is not in the library any more", mark.article_title));
            return;
        };
        let place =
            Place { anchor: mark.anchor.clone(), section: mark.section, offset: mark.offset };
        self.overlays.clear();
        self.open_entry(index, super::reading::Opening::at(place));
    }
}
