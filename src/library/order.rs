//! The orders the library list can be shown in, named as the config file and the saved
//! setting name them.

/// The orders `o` cycles through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// By title, A to Z.
    #[default]
    Title,
    /// Most recently read first, then the unread by title.
    Recent,
    /// Furthest read first, then the unread by title.
    Progress,
    /// By folder, then title.
    Folder,
}

impl Order {
    /// The next order in the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Title => Self::Recent,
            Self::Recent => Self::Progress,
            Self::Progress => Self::Folder,
            Self::Folder => Self::Title,
        }
    }

    /// The name shown in the library's header and saved as the setting.
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Recent => "recently read",
            Self::Progress => "progress",
            Self::Folder => "folder",
        }
    }

    /// The order named `name` (as [`Self::name`] gives it), if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Title, Self::Recent, Self::Progress, Self::Folder]
            .into_iter()
            .find(|o| o.name() == name)
    }
}
