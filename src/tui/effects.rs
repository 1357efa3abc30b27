//! Carrying out what updates ask for: reading articles, loading previews, and saving state
//! to the store (positions at most every couple of seconds while reading, everything else at
//! once). A store that cannot be written is said once; reading goes on without saving.

use super::terminal::Session;
use crate::app::{App, Effect, Msg};
use crate::library::OpenError;
use crate::library::cached::Later;
use crate::library::load::{self, Loaded, Opened, Rest};
use crate::store::{Progress, Store, StoreError};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Positions are saved at most this often while reading (and always on leaving).
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// Runs effects against the store.
#[derive(Debug, Default)]
pub(super) struct Runner {
    /// Where state is saved, if anywhere.
    store: Option<Store>,
    /// The latest position not yet saved.
    pending: Option<Progress>,
    /// When the last position save went out.
    last_save: Option<Instant>,
    /// Set once a failed write has been reported, so it is said only once.
    told: bool,
    /// The last failed write, said again on stderr after the terminal is put back.
    failure: Option<String>,
    /// The article whose rest is being read: its entry and the reports of the reading.
    loading: Option<(usize, Receiver<Loaded>)>,
    /// The rest of an article just opened, read once the frame showing its start is out.
    unread: Option<(usize, Rest)>,
    /// Wakes the event loop when a report comes in.
    wake: Option<Wake>,
    /// The library's cache, until it is read (see [`Effect::ReadLibrary`]).
    later: Option<Later>,
    /// Where the library filter runs.
    filtering: super::filter::Filtering,
}

/// What wakes the event loop, shared with the threads that report to it.
#[derive(Clone)]
pub(super) struct Wake(pub(super) Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for Wake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Wake")
    }
}

impl Runner {
    /// A runner saving to `store`.
    pub(super) fn new(store: Option<Store>, later: Option<Later>) -> Self {
        Self { store, later, ..Self::default() }
    }

    /// Runs `effects`, and the effects the app asks for on hearing how they went, until
    /// none is left.
    pub(super) fn run(
        &mut self,
        app: &mut App,
        effects: Vec<Effect>,
        session: &mut Session,
    ) -> std::io::Result<()> {
        let mut effects = effects;
        while !effects.is_empty() {
            let mut msgs = Vec::new();
            for effect in effects {
                msgs.extend(self.run_one(app, effect, session)?);
            }
            if msgs.is_empty() {
                break;
            }
            effects = app.update_all(msgs);
        }
        Ok(())
    }

    /// Runs one effect: what it tells the app, if anything.
    fn run_one(
        &mut self,
        app: &App,
        effect: Effect,
        session: &mut Session,
    ) -> std::io::Result<Option<Msg>> {
        let msg = match effect {
            Effect::Open(index) => {
                let Some(entry) = app.entries.get(index) else { return Ok(None) };
                let opened = load::open(&entry.origin, load::HEAD_BYTES);
                Some(self.opened(index, opened))
            }
            Effect::LoadPreview(index) => {
                let path = app.entries.get(index).and_then(|e| e.path());
                let found = match (&self.store, path) {
                    (Some(store), Some(path)) => store.preview(path).ok().flatten(),
                    _ => None,
                };
                Some(Msg::Previewed { entry: index, preview: found.unwrap_or_default() })
            }
            Effect::SaveProgress { progress, urgent } => {
                self.pending = Some(progress);
                if urgent { self.flush() } else { None }
            }
            Effect::Suspend => {
                session.suspend()?;
                None
            }
            Effect::Search { query, asked } => {
                let outcome = match self.store.as_ref() {
                    // A page past the first: the reader is browsing, and the count is said.
                    Some(store) if asked > crate::app::ASKED => {
                        crate::search::search_counted(store, &query, asked).map_err(Into::into)
                    }
                    Some(store) => crate::search::search(store, &query, asked).map_err(Into::into),
                    None => Err(crate::search::SearchError::NoStore),
                };
                Some(Msg::Found { query, asked, outcome })
            }
            Effect::Filter(job) => self.filtering.ask(job, self.wake.as_ref()),
            Effect::OpenFile { path, anchor } => {
                let entry = linked_entry(&path).map(Box::new);
                Some(Msg::Linked { path, anchor, entry })
            }
            Effect::ReadLibrary => self.read_library(),
            other => {
                let saved = self.save(&other);
                self.report(saved)
            }
        };
        Ok(msg)
    }

    /// Reads the library's cache, once: the entries to take in (with the bundled articles
    /// when they were left for later), or nothing when there is none to read.
    pub(super) fn read_library(&mut self) -> Option<Msg> {
        let later = self.later.take()?;
        let (entries, unread) = match self.store.as_ref() {
            Some(store) => later.read(store),
            None => (Vec::new(), None),
        };
        Some(Msg::Library { entries, unread })
    }

    /// Sets what wakes the event loop when the reading of an article reports.
    pub(super) fn set_wake(&mut self, wake: Wake) {
        self.wake = Some(wake);
    }

    /// Shows an article opened (or the reason it could not be), and starts reading its rest.
    pub(super) fn opened(&mut self, index: usize, opened: Result<Opened, OpenError>) -> Msg {
        // Whatever was being read before is of no use now: its thread stops at its next report.
        self.loading = None;
        self.unread = None;
        let (article, size) = match opened {
            Ok(Opened { article, rest: Some(rest) }) => {
                let size = rest.size;
                self.unread = Some((index, rest));
                (Ok(Box::new(article)), Some(size))
            }
            Ok(Opened { article, rest: None }) => (Ok(Box::new(article)), None),
            Err(why) => (Err(why), None),
        };
        Msg::Opened { entry: index, article, size }
    }

    /// Starts reading the rest of the article just opened, if any: called once its first frame
    /// is drawn, so the reading does not compete with drawing it.
    pub(super) fn read_rest(&mut self) {
        let Some((index, rest)) = self.unread.take() else { return };
        let wake = self.wake.clone();
        let reports = rest.spawn(move || {
            if let Some(Wake(wake)) = &wake {
                wake();
            }
        });
        self.loading = Some((index, reports));
    }

    /// Takes in what the reading of an article has reported; true when there was anything.
    pub(super) fn take_loaded(&mut self) -> Vec<Msg> {
        let Some((index, reports)) = &self.loading else { return Vec::new() };
        let entry = *index;
        let mut msgs = Vec::new();
        let mut over = false;
        // A few at a time, so keys are read between batches of a huge article.
        for _ in 0..4 {
            match reports.try_recv() {
                Ok(Loaded::Sections { sections, read, .. }) => {
                    msgs.push(Msg::Sections { entry, sections, read });
                }
                Ok(Loaded::Done(finish)) => {
                    msgs.push(Msg::Finished { entry, finish });
                    over = true;
                }
                Ok(Loaded::Failed(why)) => {
                    msgs.push(Msg::LoadFailed { entry, why });
                    over = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    let why = "the reading thread stopped".to_string();
                    msgs.push(Msg::LoadFailed { entry, why });
                    over = true;
                }
            }
            if over {
                break;
            }
        }
        if over {
            self.loading = None;
        }
        msgs
    }

    /// The library filter's rows sent back since last asked.
    pub(super) fn take_filtered(&mut self) -> Vec<Msg> {
        self.filtering.answers()
    }

    /// True while reports may be waiting that [`Self::take_loaded`] left.
    pub(super) fn more_loaded(&self) -> bool {
        self.loading.is_some()
    }

    /// Saves a pending position when the last save is old enough.
    pub(super) fn tick(&mut self) -> Option<Msg> {
        if self.pending.is_some() && self.last_save.is_none_or(|t| t.elapsed() >= SAVE_EVERY) {
            return self.flush();
        }
        None
    }

    /// Saves the pending position now; what to tell the app when that failed.
    pub(super) fn flush(&mut self) -> Option<Msg> {
        let progress = self.pending.take()?;
        self.last_save = Some(Instant::now());
        let saved = match self.store.as_mut() {
            Some(store) => store.save_progress(&progress),
            None => Ok(()),
        };
        self.report(saved)
    }

    /// Writes one change of saved state.
    fn save(&mut self, effect: &Effect) -> Result<(), StoreError> {
        let Some(store) = self.store.as_mut() else { return Ok(()) };
        match effect {
            Effect::Rekey { from, to } => store.rekey(from, to),
            Effect::AddBookmark(mark) => store.add_bookmark(mark),
            Effect::DeleteBookmark(id) => store.delete_bookmark(id).map(|_| ()),
            Effect::RenameBookmark { id, label } => store.rename_bookmark(id, label).map(|_| ()),
            Effect::SaveSetting { key, value } => store.set_setting(key, value),
            Effect::SaveGlimpse(glimpse) => store.save_glimpse(glimpse.as_ref()),
            _ => Ok(()),
        }
    }

    /// Says once that saving failed (a full disk, a read-only folder).
    fn report(&mut self, saved: Result<(), StoreError>) -> Option<Msg> {
        let Err(why) = saved else { return None };
        let message = format!("cannot save reading state ({why}); reading goes on without saving");
        self.failure = Some(message.clone());
        (!std::mem::replace(&mut self.told, true)).then_some(Msg::SaveFailed(message))
    }

    /// The last write that failed, if any.
    pub(super) fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }
}

/// The entry of the article file at `path` (a link's target outside the library), from its
/// first screens as `salve FILE` reads them (a link may lead to a file of any size: the loop
/// reads no more than it would to show it); or why it cannot be opened.
fn linked_entry(path: &std::path::Path) -> Result<crate::library::Entry, String> {
    if !path.is_file() {
        return Err("no such file".into());
    }
    let head =
        load::open_file(path, load::HEAD_BYTES).map_err(|skipped| skipped.why.to_string())?;
    let folder: Vec<std::path::PathBuf> =
        path.parent().map(std::path::Path::to_path_buf).into_iter().collect();
    Ok(crate::library::Entry::from_article(&head.article, &folder))
}
