//! Messages: everything that can happen to the app, the one way in ([`App::update`]).
//!
//! Keys, pastes, the mouse and resizes come from the terminal; the clock from the loop;
//! articles read, previews loaded, search results, the library walk's reports and failed saves
//! come back from the effects the app asked for and the threads that run them. The loop sends
//! every message already waiting as one batch ([`App::update_all`]); the batch ends in one
//! settle that does the deferred work once (the list made again, the search asked again).

use super::{App, Effect, Order};
use crate::action::Action;
use crate::article::stream::Finish;
use crate::article::{Article, Section};
use crate::library::scan::ScanEvent;
use crate::library::{Entry, OpenError, Preview};
use crate::search::{Outcome, SearchError};
use crate::store::{Bookmark, Glimpse, Progress};
use ratatui::crossterm::event::KeyEvent;

/// Something that happened, for [`App::update`].
#[derive(Debug)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyEvent),
    /// Text was pasted (a bracketed paste): typed into the text being edited, never run as
    /// keys.
    Paste(String),
    /// An action, as a key bound to it asks for it (also the terminal's resize and mouse).
    Act(Action),
    /// The time now, in unix seconds.
    Clock(i64),
    /// Saved state read from the store at start: positions, bookmarks and the library order.
    Restored {
        /// Saved reading positions.
        progress: Vec<Progress>,
        /// Every bookmark, in any order.
        bookmarks: Vec<Bookmark>,
        /// The library order chosen last.
        order: Order,
    },
    /// The remembered first screen of the library, to show until the cache is read (see
    /// [`App::glimpse`]). When one of its rows is not among the entries, the app asks for the
    /// whole library instead ([`Effect::ReadLibrary`]).
    Glimpse(Glimpse),
    /// The library's cached entries, read after the first frame, and a problem reading them.
    Library {
        /// The cached entries (and the bundled articles when they were left for later).
        entries: Vec<Entry>,
        /// Why the cache could not be read, if it could not.
        unread: Option<String>,
    },
    /// Entry `entry`'s article has been read (or could not be); `size` is the file's size
    /// when only its first part is read and the rest follows ([`Msg::Sections`],
    /// [`Msg::Finished`]).
    Opened {
        /// The entry opened.
        entry: usize,
        /// The article, or why it could not be read.
        article: Result<Box<Article>, OpenError>,
        /// The whole file's size, when the rest is still being read.
        size: Option<u64>,
    },
    /// More sections of entry `entry`'s article, `read` bytes of it read so far.
    Sections {
        /// The entry being read.
        entry: usize,
        /// The sections, in order.
        sections: Vec<Section>,
        /// Bytes read so far.
        read: u64,
    },
    /// Entry `entry`'s article has been read to its end.
    Finished {
        /// The entry read.
        entry: usize,
        /// What only the end of the file could tell.
        finish: Box<Finish>,
    },
    /// Reading the rest of entry `entry`'s article failed part way.
    LoadFailed {
        /// The entry being read.
        entry: usize,
        /// Why.
        why: String,
    },
    /// The preview of entry `entry` has been loaded.
    Previewed {
        /// The entry.
        entry: usize,
        /// Its summary and outline.
        preview: Preview,
    },
    /// The index answered the search for `query`, asked for `asked` results.
    Found {
        /// The query searched for.
        query: String,
        /// How many results were asked for.
        asked: usize,
        /// What the index found, or why it could not be read.
        outcome: Result<Outcome, SearchError>,
    },
    /// The rows of the library filter asked as `generation` (see [`Effect::Filter`]).
    Filtered {
        /// Which asking they answer.
        generation: u64,
        /// The rows, best match first.
        rows: Vec<super::Row>,
    },
    /// The article file a link named, read for [`Effect::OpenFile`] (or why it could not be).
    Linked {
        /// The file.
        path: std::path::PathBuf,
        /// The section the link asks for.
        anchor: String,
        /// Its entry, or why it cannot be opened.
        entry: Result<Box<Entry>, String>,
    },
    /// A report of the library walk.
    Walk(ScanEvent),
    /// A change of saved state could not be written.
    SaveFailed(String),
    /// The app is leaving (a key, a signal, a hang-up): save what is to be saved.
    Leave,
}

impl From<Action> for Msg {
    fn from(action: Action) -> Self {
        Self::Act(action)
    }
}

impl From<KeyEvent> for Msg {
    fn from(key: KeyEvent) -> Self {
        Self::Key(key)
    }
}

impl App {
    /// Applies one message and settles: the effects it asks for, for the loop to run.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        self.update_all([msg.into()])
    }

    /// Applies every message of a batch in order, then settles once (the list made again,
    /// the search asked again, for however many messages asked for it): the effects they ask
    /// for, in order.
    pub fn update_all(&mut self, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for msg in msgs {
            effects.append(&mut self.apply(msg));
        }
        effects.append(&mut self.settle());
        effects
    }

    /// Applies one message, without settling.
    fn apply(&mut self, msg: Msg) -> Vec<Effect> {
        if !self.leaves_filter_typed(&msg) {
            // The filter typed so far applies before anything acts on the list.
            self.apply_filter_typed();
        }
        match msg {
            Msg::Key(key) => self.press(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Act(action) => self.act(action),
            Msg::Clock(now) => {
                self.now = now;
                Vec::new()
            }
            Msg::Restored { progress, bookmarks, order } => {
                self.restore(progress, bookmarks, order)
            }
            Msg::Glimpse(glimpse) => {
                if !self.show_glimpse(&glimpse) {
                    // Not expected (its rows were all found): the whole list, then.
                    self.effects.push(Effect::ReadLibrary);
                }
                self.take_effects()
            }
            Msg::Library { entries, unread } => {
                let effects = self.take_library(entries);
                if unread.is_some() {
                    self.notice = unread;
                }
                effects
            }
            Msg::Opened { entry, article, size: Some(size) } => match article {
                Ok(article) => self.opened_in_part(entry, *article, size),
                Err(why) => self.opened(entry, Err(why)),
            },
            Msg::Opened { entry, article, size: None } => self.opened(entry, article.map(|a| *a)),
            Msg::Sections { entry, sections, read } => self.more_sections(entry, sections, read),
            Msg::Finished { entry, finish } => self.finished(entry, *finish),
            Msg::LoadFailed { entry, why } => self.load_failed(entry, &why),
            Msg::Previewed { entry, preview } => {
                self.previewed(entry, preview);
                Vec::new()
            }
            Msg::Found { query, asked, outcome } => self.found_for(&query, asked, outcome),
            Msg::Filtered { generation, rows } => {
                self.filtered(generation, rows);
                self.take_effects()
            }
            Msg::Linked { path, anchor, entry } => {
                self.linked(&path, anchor, entry.map(|e| *e));
                self.take_effects()
            }
            Msg::Walk(event) => {
                self.scanned(event);
                Vec::new()
            }
            Msg::SaveFailed(message) => {
                self.notice = Some(message);
                Vec::new()
            }
            Msg::Leave => self.shutdown(),
        }
    }
}
