//! Effects: what the model asks the outside world to do after an update (read an article,
//! save a position or a bookmark, remember a setting). [`crate::tui`] runs them; tests inspect
//! them, so the model needs neither a disk nor a terminal.

use crate::store::{Bookmark, Progress};

/// Something for the event loop to do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read and parse library entry `index`, then send back [`super::Msg::Opened`].
    Open(usize),
    /// Load the summary and outline of entry `index` for the preview column, then hand them
    /// back in [`super::Msg::Previewed`].
    LoadPreview(usize),
    /// Save where the reader is. `urgent` saves go out at once (leaving an article, quitting);
    /// the others at most every couple of seconds, the latest winning.
    SaveProgress {
        /// The position.
        progress: Progress,
        /// Save now rather than with the next periodic save.
        urgent: bool,
    },
    /// Move saved progress and bookmarks from an article key to another (an edited article
    /// re-attached by its title).
    Rekey {
        /// The key the state was saved under.
        from: String,
        /// The article's key now.
        to: String,
    },
    /// Save a new bookmark (or one whose deletion was undone).
    AddBookmark(Bookmark),
    /// Delete the bookmark with this id.
    DeleteBookmark(String),
    /// Give a bookmark a new label.
    RenameBookmark {
        /// The bookmark's id.
        id: String,
        /// The new label.
        label: String,
    },
    /// Remember a setting across runs.
    SaveSetting {
        /// The setting's name.
        key: &'static str,
        /// Its value.
        value: String,
    },
    /// Keep the library's first screen for the next start (`None`: forget the one kept).
    SaveGlimpse(Option<crate::store::Glimpse>),
    /// Search every article for `query`, asking for `asked` results, and send back
    /// [`super::Msg::Found`].
    Search {
        /// The query.
        query: String,
        /// How many results to ask for.
        asked: usize,
    },
    /// Run the library filter, on a thread at any size (the latest job winning, one no longer
    /// wanted stopped part way), and send back [`super::Msg::Filtered`].
    Filter(super::filter::FilterJob),
    /// Read the article file `path`, a link's target that is not in the library, and send
    /// back [`super::Msg::Linked`].
    OpenFile {
        /// The file, as the link names it from the article's folder.
        path: std::path::PathBuf,
        /// The section the link asks for.
        anchor: String,
    },
    /// Read the library's cache now (the remembered first screen could not be shown) and
    /// send back [`super::Msg::Library`].
    ReadLibrary,
    /// Put the terminal back and stop the process until the shell resumes it.
    Suspend,
}
