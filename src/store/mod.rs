//! Placeholder for the store (being written on its own branch): the saved-state types.

/// Where the reader was in one article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Article key (identity).
    pub article: String,
    /// Normalized title, to re-attach progress after the article is edited.
    pub title_key: String,
    /// Section anchor.
    pub anchor: String,
    /// Section index.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
    /// How far read, 0..=100.
    pub percent: u8,
    /// When last read, unix seconds.
    pub read_at: i64,
}

/// A bookmark.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Bookmark {
    /// Unique across processes.
    pub id: String,
    /// Article key.
    pub article: String,
    /// Normalized title.
    pub title_key: String,
    /// The article's title when the bookmark was made.
    pub article_title: String,
    /// The section's title.
    pub section_title: String,
    /// Section anchor.
    pub anchor: String,
    /// Section index.
    pub section: u32,
    /// Byte offset into the section's text.
    pub offset: u32,
    /// The label.
    pub label: String,
    /// The first words at that place.
    pub excerpt: String,
    /// Unix seconds.
    pub created_at: i64,
}
